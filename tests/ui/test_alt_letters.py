"""Each Alt+letter of a dialog leads to one place: two labels or buttons marked
with the same letter make the second unreachable in one key press."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from tests.ui.test_box_keys import mnemonic
from tests.ui.test_small_screen import complaints, make_dialogs  # noqa: F401


def clashes(dialog) -> dict[str, list[str]]:
    marked: dict[str, list[str]] = defaultdict(list)
    for label in dialog.findChildren(QLabel):
        if label.isVisible() and label.buddy() is not None and mnemonic(label.text()):
            marked[mnemonic(label.text())].append(label.text())
    for button in dialog.findChildren(QAbstractButton):
        if button.isVisible() and button.window() is dialog and mnemonic(button.text()):
            marked[mnemonic(button.text())].append(button.text())
    return {letter: texts for letter, texts in marked.items() if len(texts) > 1}


def test_no_two_places_of_a_dialog_share_an_alt_letter(qtbot, window, complaints) -> None:  # noqa: F811
    found = {}
    for dialog in make_dialogs(window, complaints[0].id, complaints[0].reference):
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        if clashes(dialog):
            found[dialog.windowTitle()] = clashes(dialog)
        dialog.close()
    assert found == {}
