"""Ticking a guide step with a note: the note's wording is checked as it is typed,
as in every other box whose words go on the complaint's file."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ui.keys import ctrl_enter_accepts
from ui.wording_check import CheckedTextEdit, WordingBanner, never


class TickNoteDialog(QDialog):
    def __init__(
        self,
        instruction: str,
        note: str = "",
        *,
        fault_is_ours: Callable[[], bool] = never,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("tick_note_dialog")
        self.setWindowTitle("Tick with a note")
        step = QLabel(instruction, objectName="tick_note_step")
        step.setTextFormat(Qt.TextFormat.PlainText)
        step.setWordWrap(True)
        asked = QLabel("&Note (optional):")
        self.note = CheckedTextEdit(fault_is_ours=fault_is_ours)
        self.note.setObjectName("tick_note")
        self.note.setAccessibleName("Note on this step")
        self.note.setTabChangesFocus(True)
        self.note.setPlainText(note)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 5 + 14)
        asked.setBuddy(self.note)
        self.banner = WordingBanner(self.note)
        ctrl_enter_accepts(self, self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(step)
        layout.addWidget(asked)
        layout.addWidget(self.note)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)  # a wording warning reads whole in its four lines

    def text(self) -> str:
        return self.note.toPlainText()
