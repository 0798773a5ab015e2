"""Restore from backup, with the log on a PostgreSQL server: the backups of the
server's log in the backups folder, newest first, each with what it holds; the
one chosen is put back into the log on the server by the app
(:mod:`models.server_restore`), for every counter at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models import display
from models.backups import backups
from models.errors import ComplaintDeskError
from models.server_backups import Dump, dumps
from models.server_restore import Against, DumpContents, against_the_log, contents, restore_dump
from models.settings import user_name
from models.text import file_size
from ui import messages
from ui.file_dialogs import open_in_its_program
from ui.fit import fit_to_screen
from ui.workers import closing_connection, run_in_background

NO_DUMPS = (
    "There is no backup of the server's log in the backups folder yet: make one with "
    "File > Back up now (it needs PostgreSQL's pg_dump on this computer)."
)
READING = "reading what it holds…"


class ServerRestoreDialog(QDialog):
    """Lists the dumps; Restore puts the chosen one back. :attr:`restored` says
    which backup, and where the log it replaced was kept."""

    restored = Signal(str, str)  # the backup's name, where the replaced log was kept

    def __init__(
        self,
        folder: Path,
        place: str,
        now_holds: int,
        parent: QWidget | None = None,
        *,
        before_restoring: Callable[[], bool] = lambda: True,
    ) -> None:
        super().__init__(parent)
        # Asked once the owner has chosen to restore: what is typed and not saved.
        self._before_restoring = before_restoring
        self.setObjectName("server_restore_dialog")
        self.setWindowTitle("Restore from backup")
        fit_to_screen(self, 720, 520)
        self._folder = folder
        self._now_holds = now_holds
        self._held: dict[Path, DumpContents | str] = {}
        self._against: dict[Path, Against] = {}
        self._busy = False
        intro = QLabel(
            f"The log is kept on the PostgreSQL server ({place}) and holds "
            f"{display.count(now_holds, 'complaint')} now. Choose a backup to put back: the "
            "log then goes back to how it was when the backup was made, at every counter. "
            "The log as it is now is kept first, in the backups folder. These are the "
            "backups made at this counter; each counter keeps its own (Other file… opens "
            "one made elsewhere).",
            objectName="server_restore_intro",
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget(objectName="dump_list")
        self.list.setAccessibleName("Backups of the server's log, newest first")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chosen_text = QLabel(objectName="restore_chosen")
        self.chosen_text.setWordWrap(True)
        self.chosen_text.setTextFormat(Qt.TextFormat.PlainText)
        self.chosen_text.setAccessibleName("What restoring the chosen backup does")
        self.older = QLabel(objectName="older_backups")
        self.older.setWordWrap(True)
        self.older.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = self.buttons.addButton(
            "&Restore this backup", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.restore_button.setAutoDefault(False)
        self.folder_button = self.buttons.addButton(
            "Open backups &folder", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.folder_button.setAutoDefault(False)
        self.other_button = self.buttons.addButton(
            "&Other file…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.other_button.setAutoDefault(False)
        self.other_button.setToolTip("A backup made at another counter, or copied from a USB stick")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.chosen_text)
        layout.addWidget(self.older)
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._on_restore)
        self.folder_button.clicked.connect(self._on_open_folder)
        self.other_button.clicked.connect(self._on_other_file)
        self.list.currentItemChanged.connect(self._on_current_changed)
        self._fill()

    def _fill(self) -> None:
        found = dumps(self._folder, replaced=True)
        for dump in found:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, dump)
            self.list.addItem(item)
            self._show_item(item)
            self._read_contents(dump)
        if found:  # the newest backup, not a log kept before a restore
            first = next((row for row, dump in enumerate(found) if not dump.before_restore), 0)
            self.list.setCurrentRow(first)
        else:
            self.list.hide()
            self.chosen_text.setText(NO_DUMPS)
            self.restore_button.setEnabled(False)
        local = backups(self._folder)
        self.older.setVisible(bool(local))
        if local:
            self.older.setText(
                f"The folder also holds {display.count(len(local), 'backup')} of this "
                "computer's data file, from before the log was kept on the server: they hold "
                "only what was logged on this computer then. To go back to one, choose This "
                "computer in Edit > Preferences first, then File > Restore from backup."
            )

    def _read_contents(self, dump: Dump) -> None:
        """What ``dump`` holds, read off the window's thread (pg_restore reads it)."""
        path = dump.path

        def read() -> tuple[DumpContents, Against]:
            held = contents(path)
            return held, against_the_log(held)

        def done(result: tuple[DumpContents, Against]) -> None:
            self._held[path], self._against[path] = result
            self._shown_again(path)

        def failed(error: BaseException) -> None:
            if not isinstance(error, ComplaintDeskError):
                raise error
            self._held[path] = str(error).removeprefix("Nothing was restored: ")
            self._shown_again(path)

        run_in_background(closing_connection(read), done, failed)

    def _shown_again(self, path: Path) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole).path == path:
                self._show_item(item)
                if item is self.list.currentItem():
                    self._on_current_changed()

    def _show_item(self, item: QListWidgetItem) -> None:
        dump: Dump = item.data(Qt.ItemDataRole.UserRole)
        held = self._held.get(dump.path)
        what = held.describe() if isinstance(held, DumpContents) else held or READING
        try:
            size = file_size(dump.path.stat().st_size)
        except OSError:
            size = "gone"
        kept = "before a restore: " if dump.before_restore else ""
        item.setText(f"{display.moment(dump.made_at)} · {kept}{what} · {size}")
        item.setToolTip(str(dump.path))

    def chosen(self) -> Dump | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    @Slot()
    def _on_current_changed(self, *_args: object) -> None:
        dump = self.chosen()
        if dump is None:
            return
        held = self._held.get(dump.path)
        made = f"{display.long_day(dump.made_at.date())} at {dump.made_at:%H:%M}"
        if dump.before_restore:
            made = f"{made}, the log as it was before a restore,"
        if isinstance(held, str):
            self.chosen_text.setText(f"This backup cannot be restored: {held}")
        elif held is None:
            self.chosen_text.setText(f"The backup of {made}: {READING}")
        else:
            warnings = " ".join(self._warnings(dump))
            self.chosen_text.setText(
                f"Restoring the backup of {made} puts the log back to {held.describe()} "
                f"(it holds {display.count(self._now_holds, 'complaint')} now). Complaints "
                "logged and changes made since then are taken out, at every counter, and "
                "kept in the backups folder. No reference is given out twice."
                + (f"\n\n⚠ {warnings}" if warnings else "")
            )
        self.restore_button.setEnabled(not self._busy and not isinstance(held, str))

    def _warnings(self, dump: Dump) -> list[str]:
        against = self._against.get(dump.path)
        return against.warnings() if against is not None else []

    @Slot()
    def _on_restore(self) -> None:
        dump = self.chosen()
        if dump is None or self._busy:
            return
        held = self._held.get(dump.path)
        what = f" ({held.describe()})" if isinstance(held, DumpContents) else ""
        if not messages.confirm_destructive(
            self,
            "Restore from backup",
            f"Put the log back as it was on {display.long_day(dump.made_at.date())} at "
            f"{dump.made_at:%H:%M}{what}, at every counter?\n\n"
            + "".join(f"⚠ {warning}\n\n" for warning in self._warnings(dump))
            + "The log as it is now is kept first in the backups folder.",
            "&Restore",
        ):
            return
        if not self._before_restoring():  # typing not saved: saved, dropped, or not restored
            return
        self._set_busy(True)
        path = dump.path

        def done(kept: Path) -> None:
            self._set_busy(False)
            self.accept()  # gone before the window says what was done
            self.restored.emit(path.name, str(kept))

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            if not isinstance(error, ComplaintDeskError):
                raise error
            messages.warn(self, "Not restored", str(error))

        by = user_name()
        run_in_background(closing_connection(lambda: restore_dump(path, by=by)), done, failed)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for button in self.buttons.buttons():
            button.setEnabled(not busy)
        self.list.setEnabled(not busy)
        if busy:
            self.chosen_text.setText(
                "Restoring… keeping the log as it is now, then putting the backup back."
            )
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        else:
            QApplication.restoreOverrideCursor()
            self._on_current_changed()

    def reject(self) -> None:
        if not self._busy:  # a restore under way finishes first
            super().reject()

    @Slot()
    def _on_other_file(self) -> None:
        from ui import file_dialogs

        chosen = file_dialogs.open_file(
            self, "server_backup", "Restore from backup", "Backups of a server's log (*.pgdump)"
        )
        if chosen:
            self.add_file(Path(chosen))

    def add_file(self, path: Path) -> None:
        """List ``path`` first and choose it (made at its file's time)."""
        try:
            made = dt.datetime.fromtimestamp(path.stat().st_mtime).replace(microsecond=0)
        except OSError:
            made = dt.datetime.now().replace(microsecond=0)
        dump = Dump(path, made)
        item = QListWidgetItem()
        item.setData(Qt.ItemDataRole.UserRole, dump)
        self.list.insertItem(0, item)
        self.list.show()
        self._show_item(item)
        self.list.setCurrentItem(item)
        self._read_contents(dump)

    @Slot()
    def _on_open_folder(self) -> None:
        open_in_its_program(self, self._folder, "the backups folder")
