"""Restore from backup, with the log on a PostgreSQL server: the app does not
put a dump back itself (that needs the server's own administrator programs), so
this lists the dumps in the backups folder and, for the one chosen, the steps
and commands that put it back into a new database beside the log in use."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from models import display
from models.backups import backups
from models.server_backups import Dump, dumps, restore_steps
from models.text import file_size
from ui.fit import fit_to_screen

NO_DUMPS = (
    "There is no backup of the server's log in the backups folder yet: make one with "
    "File > Back up now (it needs PostgreSQL's pg_dump on this computer)."
)


class ServerRestoreDialog(QDialog):
    def __init__(
        self, folder: Path, address: str, role: str, database: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("server_restore_dialog")
        self.setWindowTitle("Restore from backup")
        fit_to_screen(self, 720, 560)
        self._address, self._role, self._database = address, role, database
        self._folder = folder
        intro = QLabel(
            f"The log is kept on the PostgreSQL server ({address}). A backup of it is put "
            "back with PostgreSQL's own programs, into a new, empty database, so the log "
            "as it is now is not touched until you choose the restored one. Choose the "
            "backup, then follow the steps below.",
            objectName="server_restore_intro",
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.list = QListWidget(objectName="dump_list")
        self.list.setAccessibleName("Backups of the server's log, newest first")
        self.steps = QPlainTextEdit(objectName="restore_steps")
        self.steps.setAccessibleName("How to put the chosen backup back")
        self.steps.setReadOnly(True)
        self.steps.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.steps.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.older = QLabel(objectName="older_backups")
        self.older.setWordWrap(True)
        self.older.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = self.buttons.addButton(
            "&Copy the steps", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.folder_button = self.buttons.addButton(
            "Open backups &folder", QDialogButtonBox.ButtonRole.ActionRole
        )
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.steps, 3)
        layout.addWidget(self.older)
        layout.addWidget(self.buttons)
        self.buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self._on_copy)
        self.folder_button.clicked.connect(self._on_open_folder)
        self.list.currentItemChanged.connect(self._on_current_changed)
        self._fill()

    def _fill(self) -> None:
        found = dumps(self._folder)
        for dump in found:
            item = QListWidgetItem(
                f"{display.long_day(dump.made_at.date())} {dump.made_at:%H:%M} · "
                f"{file_size(dump.path.stat().st_size)} · {dump.path.name}"
            )
            item.setData(Qt.ItemDataRole.UserRole, dump)
            self.list.addItem(item)
        if found:
            self.list.setCurrentRow(0)
        else:
            self.list.hide()
            self.steps.setPlainText(NO_DUMPS)
            self.copy_button.setEnabled(False)
        local = backups(self._folder)
        self.older.setVisible(bool(local))
        if local:
            self.older.setText(
                f"The folder also holds {len(local)} backup{'s' if len(local) != 1 else ''} of "
                "this computer's data file, from before the log was kept on the server: "
                "they hold only what was logged on this computer then. To go back to one, "
                "choose This computer in Edit > Preferences first, then File > Restore "
                "from backup."
            )

    def chosen(self) -> Dump | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    @Slot()
    def _on_current_changed(self, *_args: object) -> None:
        dump = self.chosen()
        if dump is not None:
            steps = restore_steps(dump, self._address, self._role, self._database)
            self.steps.setPlainText(steps)

    @Slot()
    def _on_copy(self) -> None:
        QGuiApplication.clipboard().setText(self.steps.toPlainText())

    @Slot()
    def _on_open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._folder)))
