"""What the complaint detail asks when someone else saved changes to the same
fields while this person was editing them (see :mod:`models.edit_clash`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from models.edit_clash import EditClash
from ui import messages

RELOAD = "reload"
SAVE_MINE = "save"
KEEP_EDITING = "keep"

_Button = QMessageBox.StandardButton
# Each answer's button: its words and its name.
_ANSWERS = (
    (_Button.Save, SAVE_MINE, "Save mine over theirs", "clash_save_mine"),
    (_Button.Discard, RELOAD, "Load their version", "clash_reload"),
    (_Button.Cancel, KEEP_EDITING, "Keep editing", "clash_keep_editing"),
)


def clash_text(clash: EditClash) -> str:
    return (
        f"{clash}\n\nWhat you typed is still here. Load their version to see what they "
        "saved (what you typed in the Complaint and Customer tabs is then dropped), or "
        "save yours over theirs."
    )


def ask_about_clash(parent: QWidget | None, clash: EditClash) -> str:
    """:data:`RELOAD`, :data:`SAVE_MINE` or :data:`KEEP_EDITING` (the default, and Esc)."""
    buttons = _Button.Save | _Button.Discard | _Button.Cancel
    box = QMessageBox(
        QMessageBox.Icon.Warning, "Changed at another counter", clash_text(clash), buttons, parent
    )
    box.setObjectName("edit_clash")
    box.setTextFormat(Qt.TextFormat.PlainText)
    for button, _answer, words, name in _ANSWERS:
        shown = box.button(button)
        shown.setText(words)
        shown.setObjectName(name)
        shown.setAccessibleName(words)
    box.setDefaultButton(_Button.Cancel)
    pressed = messages.show_box(box)
    return next((answer for button, answer, _w, _n in _ANSWERS if button == pressed), KEEP_EDITING)
