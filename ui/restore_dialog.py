"""Restore from backup: pick one of the automatic backups (or any backup file),
confirm, and the data is replaced by it.

The rules are in models/backups.py: the backup is checked first, and the data
as it is now is kept in ``backups/replaced-….sqlite3`` before anything changes.
The copying runs on the thread pool; the dialog stays up, its buttons off,
until it is done.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models import backups, display
from models.errors import ComplaintDeskError
from models.text import file_size
from ui import messages
from ui.fit import fit_to_screen
from ui.workers import run_in_background

FILE_FILTER = "Complaint Desk backups (*.sqlite3 *.db);;All files (*)"


class RestoreDialog(QDialog):
    restored = Signal(str, str)  # the backup's name, where the replaced data was kept

    def __init__(self, parent: QWidget | None = None, *, preselect: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restore_dialog")
        self.setWindowTitle("Restore from backup")
        fit_to_screen(self, 560, 420)
        self._busy = False
        intro = QLabel(
            "Choose the backup to go back to. Anything saved after it was made will not be "
            "in the log. The data as it is now is kept in the backups folder first, so you "
            "can come back to it.",
            objectName="restore_intro",
        )
        intro.setWordWrap(True)
        self.list = QListWidget(objectName="backup_list")
        self.list.setAccessibleName("Backups, newest first")
        self.empty = QLabel("There are no automatic backups yet.", objectName="no_backups")
        self.choose = QPushButton("Choose another backup file…", objectName="choose_backup")
        self.choose.setAutoDefault(False)
        self.status = QLabel(objectName="restore_status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(
            "Restore", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setObjectName("restore_button")
        self.restore_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.choose, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.restore_selected)
        self.buttons.rejected.connect(self.reject)
        self.choose.clicked.connect(self._on_choose_clicked)
        self.list.currentItemChanged.connect(self._on_current_changed)
        self.list.itemActivated.connect(lambda _item: self.restore_selected())
        self._fill(preselect)

    def _fill(self, preselect: Path | None) -> None:
        try:
            found = backups.backups()
        except ComplaintDeskError:
            found = []
        for info in found:
            count = backups.complaints_in(info.path)
            self._add(
                info.path,
                f"{display.moment_with_year(info.made_at)}  ·  "
                f"{display.count(count, 'complaint')}  ·  {file_size(info.size)}",
            )
        self.empty.setVisible(not found)
        self.list.setVisible(bool(found))
        if preselect is not None:
            self.select(preselect)
        elif found:
            self.list.setCurrentRow(0)

    def _add(self, path: Path, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, str(path))
        item.setToolTip(str(path))
        self.list.addItem(item)
        return item

    def select(self, path: Path) -> None:
        """Select ``path``, adding it to the list when it is not an automatic backup."""
        for row in range(self.list.count()):
            if Path(self.list.item(row).data(Qt.ItemDataRole.UserRole)) == path:
                self.list.setCurrentRow(row)
                return
        self._add(path, f"{path.name}  ·  {path.parent}")
        self.list.setVisible(True)
        self.empty.setVisible(False)
        self.list.setCurrentRow(self.list.count() - 1)

    def chosen(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    @Slot()
    def _on_current_changed(self, *_args: object) -> None:
        self.restore_button.setEnabled(self.chosen() is not None and not self._busy)

    @Slot()
    def _on_choose_clicked(self) -> None:
        from models.backups import backup_folder

        start = backup_folder()  # where backups are, not the folder the app was started in
        where = str(start if start.is_dir() else start.parent)
        path, _ = QFileDialog.getOpenFileName(self, "Choose a backup", where, FILE_FILTER)
        if path:
            self.select(Path(path))

    @Slot()
    def restore_selected(self) -> None:
        source = self.chosen()
        if source is None or self._busy:
            return
        from models.db import DATABASE_FILE_NAME, data_folder

        count = backups.complaints_in(source)
        warning = (
            "\n\nThis backup is of another log, not of this shop's data file (from another "
            "shop or computer): restoring it shows that log instead."
            if backups.of_another_log(source)
            else ""
        )
        fewer = backups.far_fewer_warning(source, data_folder() / DATABASE_FILE_NAME)
        if fewer:
            warning += f"\n\nBeware: {fewer}"
        if not messages.confirm(
            self,
            "Restore from backup",
            f"Replace the data with the backup {source.name}? It holds {count:,} complaint"
            f"{'s' if count != 1 else ''}.{warning}\n\n"
            "Anything saved after it was made will not be in the log. The data as it is "
            "now is kept in the backups folder first.",
        ):
            return
        self._set_busy(True)
        self.status.setText(f"Checking and restoring {source.name}…")
        run_in_background(
            lambda: backups.restore_backup(source),
            lambda kept: self._on_restored(source, kept),
            self._on_failed,
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.list, self.choose, self.buttons):
            widget.setEnabled(not busy)
        if busy:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        else:
            QApplication.restoreOverrideCursor()

    def _on_restored(self, source: Path, kept: Path) -> None:
        self._set_busy(False)
        self.status.setText("")
        self.accept()
        self.restored.emit(source.name, str(kept))

    def _on_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.status.setText("")
        if not isinstance(error, ComplaintDeskError):
            raise error
        messages.warn(self, "Not restored", str(error))

    def reject(self) -> None:
        if not self._busy:  # the copy cannot be stopped half way
            super().reject()
