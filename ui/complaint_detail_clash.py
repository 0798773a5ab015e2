"""What the complaint detail asks when someone else saved changes to the same
fields while this person was editing them (see :mod:`models.edit_clash`): the
same question for every tab, and for closing the complaint."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMessageBox, QWidget

from models.complaints import ComplaintRecord
from models.edit_clash import EditClash
from ui import messages

RELOAD = "reload"
SAVE_MINE = "save"
KEEP_BOTH = "both"
KEEP_EDITING = "keep"

_Button = QMessageBox.StandardButton
# Each answer's button: its words and its name.
_ANSWERS = (
    (_Button.Apply, KEEP_BOTH, "Keep both", "clash_keep_both"),
    (_Button.Save, SAVE_MINE, "Save mine over theirs", "clash_save_mine"),
    (_Button.Discard, RELOAD, "Load their version", "clash_reload"),
    (_Button.Cancel, KEEP_EDITING, "Keep editing", "clash_keep_editing"),
)


def clash_text(clash: EditClash, where: str | None = None) -> str:
    if where is None:
        dropped = (
            "what you typed in the fields named is then dropped; your other changes stay "
            "typed, to save"
        )
    else:
        dropped = f"what you typed in {where} is then dropped"
    both = (
        " Keep both puts their words and yours together in the boxes, for you to read and save."
        if clash.both is not None
        else ""
    )
    return (
        f"{clash}\n\nWhat you typed is still here. Load their version to see what they "
        f"saved ({dropped}), or save yours over theirs.{both}"
    )


def ask_about_clash(parent: QWidget | None, clash: EditClash, where: str | None = None) -> str:
    """:data:`RELOAD`, :data:`SAVE_MINE`, :data:`KEEP_BOTH` (when a text clashes) or
    :data:`KEEP_EDITING` (the default, and Esc).
    ``where``: what is dropped on loading their version, as in "what you typed in …";
    by default only the typing in the fields that clash (see ``EditClash.kept``)."""
    buttons = _Button.Save | _Button.Discard | _Button.Cancel
    if clash.both is not None:
        buttons |= _Button.Apply
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "Changed at another counter",
        clash_text(clash, where),
        buttons,
        parent,
    )
    box.setObjectName("edit_clash")
    box.setTextFormat(Qt.TextFormat.PlainText)
    for button, _answer, words, name in _ANSWERS:
        shown = box.button(button)
        if shown is None:
            continue
        shown.setText(words)
        shown.setIcon(QIcon())  # the style's icons (a bin on Discard) would mislead
        shown.setObjectName(name)
        shown.setAccessibleName(words)
    box.setDefaultButton(_Button.Cancel)
    pressed = messages.show_box(box)
    return next((answer for button, answer, _w, _n in _ANSWERS if button == pressed), KEEP_EDITING)


def settle_clash(
    parent: QWidget | None,
    clash: EditClash,
    *,
    save_over: Callable[[ComplaintRecord], bool],
    load: Callable[[EditClash], None],
    where: str | None = None,
) -> bool:
    """Ask about ``clash`` and do what the person chooses: save what they typed
    over their version (``save_over`` it, whose answer is returned), ``load``
    their version (with the typing that does not clash, ``clash.kept``; or with
    the texts that clash merged, ``clash.both``, to keep both), or keep editing
    with everything typed kept (all False)."""
    answer = ask_about_clash(parent, clash, where)
    if answer == SAVE_MINE:
        return save_over(clash.theirs)
    if answer == RELOAD:
        load(clash)
    if answer == KEEP_BOTH:
        load(clash.keeping_both())
    return False
