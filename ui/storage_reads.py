"""Damage or a busy file met while a list of the window reads the data file.

Qt asks a list for rows whenever it paints or scrolls, so a read that fails
there must not raise into Qt: the list reports the problem once (the window
says the file is damaged and offers a backup, or that it is busy), reads no
more from a damaged file, and tries a busy one again a moment later, as it
does a server that cannot be reached (the window's banner says so).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import peewee
from PySide6.QtCore import QObject, QTimer

from models.errors import BusyError, DamagedDatabaseError, ServerAway, StorageError

# How long a list waits before reading a busy file again, in milliseconds.
RETRY_MS = 1000

READ_BUSY = (
    "The data file is busy in another program (for example an import); "
    "the list is read again in a moment."
)


def read_problem(exc: BaseException) -> StorageError | None:
    """Damage or a busy file behind ``exc``, met by a read, as the rest of the app
    says it (:func:`models.db.storage_error`); None for any other error. Damage
    is remembered (:func:`models.db.damaged`), so nothing more is written."""
    from models.db import damaged, is_damage, known_damage, open_file, storage_error

    if isinstance(exc, (DamagedDatabaseError, BusyError, ServerAway)):
        return exc
    if not isinstance(exc, (peewee.PeeweeException, sqlite3.Error)):
        return None
    if is_damage(exc):
        known = known_damage()
        if known is not None:  # said once already: the backups are not looked at again
            return DamagedDatabaseError(known, str(open_file() or ""), known)
        return damaged(str(exc))
    problem = storage_error(exc)
    return problem if isinstance(problem, BusyError) else None


class ListReads(QObject):
    """One list's reads of the data file. :meth:`met` is called with the error a
    read raised: damage or a busy file goes to ``report``; after damage (or any
    other error, which is raised again) the list reads no more pages until it is
    read afresh; a busy file is read again after :data:`RETRY_MS`."""

    def __init__(self, report: Callable[[StorageError], None], parent: QObject) -> None:
        super().__init__(parent)
        self._report = report
        self.halted = False
        self.waiting = False
        self._again: Callable[[], None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RETRY_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def may_read_more(self) -> bool:
        return not (self.halted or self.waiting)

    def met(self, exc: Exception, again: Callable[[], None]) -> None:
        """Report ``exc``, or raise it again when it is neither damage nor a busy
        file; ``again`` is what to do once a busy file may be free."""
        problem = read_problem(exc)
        if isinstance(problem, (BusyError, ServerAway)):
            self.waiting = True
            self._again = again
            self._timer.start()
        else:
            self.halted = True
        if problem is None:
            raise exc
        self._report(problem)

    def settled(self) -> None:
        """The list was read afresh: pages may be read again, nothing is pending."""
        self._timer.stop()
        self._again = None
        self.halted = self.waiting = False

    def _on_timer_timeout(self) -> None:
        again, self._again = self._again, None
        self.waiting = False
        if again is not None:
            again()
