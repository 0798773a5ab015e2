"""A short note for the complaint's file, asked for in a dialog: its wording is
checked as it is typed, as in every other box whose words go on the file
(a step ticked with a note, a progress call, a follow-up cancelled)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ui.keys import ctrl_enter_accepts
from ui.wording_check import CheckedTextEdit, WordingBanner, never


class NoteDialog(QDialog):
    def __init__(
        self,
        title: str,
        instruction: str,
        asked: str,
        note: str = "",
        *,
        name: str = "note",
        fault_is_ours: Callable[[], bool] = never,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}_dialog")
        self.setWindowTitle(title)
        step = QLabel(instruction, objectName=f"{name}_step")
        step.setTextFormat(Qt.TextFormat.PlainText)
        step.setWordWrap(True)
        label = QLabel(asked)
        self.note = CheckedTextEdit(fault_is_ours=fault_is_ours)
        self.note.setObjectName(name)
        self.note.setAccessibleName(title)
        self.note.setTabChangesFocus(True)
        self.note.setPlainText(note)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 5 + 14)
        label.setBuddy(self.note)
        self.banner = WordingBanner(self.note)
        ctrl_enter_accepts(self, self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(step)
        layout.addWidget(label)
        layout.addWidget(self.note)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)  # a wording warning reads whole in its four lines

    def text(self) -> str:
        return self.note.toPlainText()


def ask_note(
    parent: QWidget | None,
    title: str,
    instruction: str,
    asked: str,
    note: str = "",
    *,
    name: str = "note",
    fault_is_ours: Callable[[], bool] = never,
) -> str | None:
    """The note typed (its wording checked as it is typed), or None when the
    owner cancels."""
    dialog = NoteDialog(
        title, instruction, asked, note, name=name, fault_is_ours=fault_is_ours, parent=parent
    )
    try:
        return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
