"""Running slow work (building a PDF, big queries, backups) off the window's
thread, and watching what changes while the window is left open for days."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QApplication

from models.errors import ComplaintDeskError


class _Relay(QObject):
    """Carries each background task's result to the window's thread. One for the
    whole app, made on that thread and never deleted: a worker's signal is never
    sent from an object the window's thread may be deleting (a task's own
    signals object, collected once its result arrived, while the worker was
    still finishing the send, brought the app down)."""

    finished = Signal(int, object)
    failed = Signal(int, object)


_relay: _Relay | None = None
# The callbacks of the tasks under way, by their numbers.
_waiting: dict[int, tuple[Callable[[Any], None], Callable[[BaseException], None]]] = {}
_numbers = itertools.count(1)


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
        _relay.finished.connect(_deliver_result)
        _relay.failed.connect(_deliver_error)
    return _relay


def _deliver_result(number: int, result: object) -> None:
    callbacks = _waiting.pop(number, None)
    if callbacks is not None:
        callbacks[0](result)


def _deliver_error(number: int, error: object) -> None:
    callbacks = _waiting.pop(number, None)
    if callbacks is not None:
        callbacks[1](error)  # type: ignore[arg-type]


def _say(signal: Any, number: int, value: object) -> None:
    # The app may have closed while the work went on (a server that stopped
    # answering): with nobody left to tell, the result is dropped quietly.
    with contextlib.suppress(RuntimeError):
        signal.emit(number, value)


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
) -> None:
    """Run ``work()`` on the thread pool; its result or error comes back on this thread.

    ``work`` must not touch widgets or the database connection's transactions.
    Call this on the window's thread.
    """
    relay = _the_relay()
    number = next(_numbers)
    _waiting[number] = (on_done, on_error)

    def run() -> None:
        try:
            result = work()
        except BaseException as exc:
            _say(relay.failed, number, exc)
        else:
            _say(relay.finished, number, result)

    # A plain callable: Qt makes the task and deletes it once it has run.
    QThreadPool.globalInstance().start(run)


def closing_connection(work: Callable[[], Any]) -> Callable[[], Any]:
    """``work`` that closes its worker thread's own connection to the data file after,
    for :func:`run_in_background` work that reads or writes the data file."""

    def run() -> Any:
        from models.db import close_database

        try:
            return work()
        finally:
            close_database()

    return run


def file_version() -> int | None:
    """See :func:`models.db.data_version`."""
    from models.db import data_version

    return data_version()


class Watch(QObject):
    """What a window left open by the till for days looks at now and then.

    Every minute the clock (a short timer notices waking from sleep; one long
    timer until midnight would not), every second and a half whether something
    else changed the data file, every hour (and on a new day) whether today's
    backup was made, making it off the window's thread. Nothing is reported
    while a dialog is open: it is noticed once the dialog closes.
    """

    minute_passed = Signal()
    day_changed = Signal(object)  # the new date
    file_changed = Signal()
    backup_made = Signal(object)  # the backup's Path
    backup_failed = Signal(str)  # why, in one sentence

    CLOCK_CHECK_MS = 60_000
    FILE_CHECK_MS = 1_500
    BACKUP_CHECK_MS = 3_600_000

    def __init__(
        self,
        clock: Callable[[], dt.datetime],
        today: Callable[[], dt.date],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._today = today
        self.day = today()
        self._version = file_version()
        self._backing_up = False
        self._timers: list[QTimer] = []
        for interval, slot in (
            (self.CLOCK_CHECK_MS, self.check_clock),
            (self.FILE_CHECK_MS, self.check_file),
            (self.BACKUP_CHECK_MS, self.make_daily_backup),
        ):
            timer = QTimer(self)
            timer.setInterval(interval)
            timer.timeout.connect(slot)
            self._timers.append(timer)

    def start(self) -> None:
        for timer in self._timers:
            timer.start()

    def stop(self) -> None:
        for timer in self._timers:
            timer.stop()

    def check_clock(self) -> bool:
        """Tell that a minute passed, and whether the date changed (True)."""
        self.minute_passed.emit()
        day = self._today()
        if day == self.day or QApplication.activeModalWidget() is not None:
            return False
        self.day = day
        self.day_changed.emit(day)
        self.make_daily_backup()
        return True

    def check_file(self) -> bool:
        """Tell whether something else changed the data file since last time (True)."""
        version = file_version()
        if version is None or version == self._version:
            return False
        if QApplication.activeModalWidget() is not None:
            return False
        self._version = version
        self.file_changed.emit()
        return True

    def make_daily_backup(self) -> None:
        """Today's backup, unless one was made already, off the window's thread."""
        from models import backups
        from models.db import close_database

        if self._backing_up:
            return
        self._backing_up = True
        now = self._clock()

        def work() -> Path | None:
            try:
                return backups.daily_backup(now)
            finally:
                close_database()  # this worker thread's own connection, not the window's

        def done(made: object) -> None:
            self._backing_up = False
            if isinstance(made, Path):
                self.backup_made.emit(made)

        def failed(error: BaseException) -> None:
            self._backing_up = False
            if not isinstance(error, ComplaintDeskError | OSError):
                raise error
            self.backup_failed.emit(str(error))

        run_in_background(work, done, failed)
