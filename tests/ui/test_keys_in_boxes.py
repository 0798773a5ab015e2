"""Keys in text boxes: Tab moves on instead of typing a tab, and a label's
letter (Alt+letter) reaches its box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from ui.check_wording_dialog import CheckWordingDialog
from ui.lessons_panel import LessonsForm


def test_tab_in_the_check_wording_box_moves_on(qtbot, window) -> None:
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_W, keys)
    dialog = window.findChild(CheckWordingDialog)
    dialog.text.setFocus()
    qtbot.keyClicks(dialog.text, "We checked")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Tab)
    assert "\t" not in dialog.text.toPlainText()
    assert QApplication.focusWidget() is not dialog.text


def test_the_redress_label_names_its_box_so_its_ampersand_is_a_key(qtbot) -> None:
    """A label with no box of its own shows "&Redress" as typed; one that names its
    box underlines the letter and Alt+letter goes to the box."""
    form = LessonsForm()
    qtbot.addWidget(form)
    [label] = [lab for lab in form.findChildren(QLabel) if "dress" in lab.text()]
    assert label.buddy() is form.redress
    assert label.text().replace("&", "") == "Redress"
