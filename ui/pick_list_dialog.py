"""Edit a list the owner picks from (categories, root causes): add, rename,
archive, delete."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models.errors import ComplaintDeskError, ValidationError
from models.pick_lists import PickList
from ui import messages


class PickListDialog(QDialog):
    def __init__(self, rules: PickList, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rules = rules
        key = rules.noun.replace(" ", "_")
        self.setObjectName(f"{key}_list_dialog")
        self.setWindowTitle(title)
        self.list = QListWidget(objectName=f"{key}_list")
        self.list.setAccessibleName(title)
        self.add_button = QPushButton("Add…", objectName=f"add_{key}")
        self.rename_button = QPushButton("Rename…", objectName=f"rename_{key}")
        self.archive_button = QPushButton("Archive", objectName=f"archive_{key}")
        self.delete_button = QPushButton("Delete", objectName=f"delete_{key}")
        side = QVBoxLayout()
        for button in (
            self.add_button,
            self.rename_button,
            self.archive_button,
            self.delete_button,
        ):
            side.addWidget(button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(side)
        hint = QLabel("Archived entries stay on old complaints but are not offered for new ones.")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        # Which list this is, inside the window too: the categories and the root causes
        # look alike, and a till without a window manager shows no title bar.
        heading = QLabel(title, objectName=f"{key}_list_heading")
        heading.setStyleSheet("font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(row)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.add_button.clicked.connect(self._on_add_clicked)
        self.rename_button.clicked.connect(self._on_rename_clicked)
        self.archive_button.clicked.connect(self._on_archive_clicked)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.list.currentItemChanged.connect(self._on_current_changed)
        self._load()

    def _load(self, select_id: int | None = None) -> None:
        self.list.clear()
        for item in self.rules.items(include_archived=True):
            row = QListWidgetItem(item.name + ("  (archived)" if item.archived else ""))
            row.setData(Qt.ItemDataRole.UserRole, (item.id, item.archived, item.name))
            self.list.addItem(row)
            if item.id == select_id:
                self.list.setCurrentItem(row)
        self._on_current_changed()

    def _current(self) -> tuple[int, bool, str] | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    @Slot()
    def _on_current_changed(self, *_args) -> None:
        current = self._current()
        for button in (self.rename_button, self.archive_button, self.delete_button):
            button.setEnabled(current is not None)
        self.archive_button.setText("Restore" if current and current[1] else "Archive")

    def _run(self, action) -> None:
        try:
            action()
        except ValidationError as exc:
            messages.inform(self, self.windowTitle(), " ".join(exc.problems.values()))
        except ComplaintDeskError as exc:
            messages.not_saved(self, self.windowTitle(), exc)

    @Slot()
    def _on_add_clicked(self) -> None:
        name, ok = QInputDialog.getText(
            self, f"New {self.rules.noun}", f"Name of the new {self.rules.noun}:"
        )
        if ok:
            self._run(lambda: self._load(self.rules.add(name).id))

    @Slot()
    def _on_rename_clicked(self) -> None:
        current = self._current()
        if current is None:
            return
        name, ok = QInputDialog.getText(
            self, f"Rename {self.rules.noun}", "New name:", text=current[2]
        )
        if ok:
            self._run(lambda: self._load(self.rules.rename(current[0], name).id))

    @Slot()
    def _on_archive_clicked(self) -> None:
        current = self._current()
        if current is not None:
            self._run(
                lambda: (
                    self.rules.set_archived(current[0], not current[1]),
                    self._load(current[0]),
                )
            )

    @Slot()
    def _on_delete_clicked(self) -> None:
        current = self._current()
        if current is not None:
            self._run(lambda: (self.rules.delete(current[0]), self._load()))
