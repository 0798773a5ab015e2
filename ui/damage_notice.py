"""What the window says about a damaged or busy data file, wherever it was met
(the check after start-up, a list, a count, a search): a red label in the
status bar for as long as the file is damaged, and the newest good backup
offered once; a busy file is said in the status bar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QLabel, QMainWindow

from models.errors import BusyError, ComplaintDeskError, DamagedDatabaseError, StorageError
from ui import messages
from ui.storage_reads import READ_BUSY, read_problem


class DamageNotice(QObject):
    """``restore(backup)`` opens File > Restore from backup with ``backup`` chosen."""

    def __init__(self, window: QMainWindow, restore: Callable[[Path], None]) -> None:
        super().__init__(window)
        self._window = window
        self._restore = restore
        self._label: QLabel | None = None
        self._offered = False  # once per damaged file: the label stays

    @Slot(object)
    def problem_met(self, problem: StorageError) -> None:
        """Damage or a busy file met by a read (the list reads a busy file again itself)."""
        if isinstance(problem, DamagedDatabaseError):
            self._show_label()
            if not self._offered:
                self._offered = True
                # Not from inside Qt's painting or scrolling, which met it.
                QTimer.singleShot(0, self, lambda: self._offer(problem.problem))
        elif isinstance(problem, BusyError):
            self._window.statusBar().showMessage(READ_BUSY, 10000)

    def said_or_raised(self, exc: Exception) -> None:
        """``exc`` met by a read: said as :meth:`problem_met` when it is damage or
        a busy file, else raised again (for the error dialog)."""
        problem = read_problem(exc)
        if problem is None:
            raise exc
        self.problem_met(problem)

    def found_by_check(self, problem: str) -> None:
        """The check after start-up found damage (``problem``: what it found)."""
        self._show_label()
        if self._offered:
            return
        self._offered = True
        self._offer(
            "A check of the data file found damage: parts of it cannot be read "
            f"({problem.splitlines()[0][:200]})."
        )

    def cleared(self) -> None:
        """A backup was put back: the file shown is sound again."""
        if self._label is not None:
            self._label.hide()
        self._offered = False

    def _show_label(self) -> None:
        if self._label is None:
            self._label = QLabel(
                "The data file is damaged: File > Restore from backup", objectName="damaged"
            )
            self._label.setStyleSheet("color: #b00020; font-weight: bold;")
            self._window.statusBar().addPermanentWidget(self._label)
        self._label.show()

    def _offer(self, found: str) -> None:
        from models.backups import describe_backup, far_fewer_warning, newest_good_backup
        from models.db import DATABASE_FILE_NAME, data_folder

        try:
            newest = newest_good_backup(data_folder() / "backups")
        except ComplaintDeskError:
            newest = None
        text = (
            f"{found}\n\nNothing more can be saved into it, and what is shown may be incomplete. "
        )
        title = "The data file is damaged"
        if newest is None:
            messages.error(
                self._window,
                title,
                text + "No good backup was found. Make a copy of the data folder and ask for "
                "help before going on.",
            )
            return
        warning = far_fewer_warning(newest.path, data_folder() / DATABASE_FILE_NAME)
        beware = f"Beware: {warning} " if warning else ""
        if messages.confirm(
            self._window,
            title,
            text + f"The newest good backup is {describe_backup(newest)}. "
            f"{beware}Choose it to restore now?",
        ):
            self._restore(newest.path)
