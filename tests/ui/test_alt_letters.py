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


def test_no_alt_letter_of_a_complaints_tab_is_taken_twice_in_the_window(
    qtbot,
    window,
    complaints,  # noqa: F811
) -> None:
    """On the Lessons tab Alt+C went to the Complaint tab, not Root cause, and what was
    typed next was lost: each tab's own letters must not clash with the menus, the
    views, the complaint's tabs or anything else shown with it."""
    from PySide6.QtWidgets import QTabBar

    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.list_view.refresh()
    window.open_complaint(complaints[0].id)
    qtbot.waitUntil(lambda: window.detail.record is not None)
    tabs = window.detail.tabs
    found = {}
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        QApplication.processEvents()
        marked: dict[str, list[str]] = defaultdict(list)
        for action in window.menuBar().actions():
            if mnemonic(action.text()):
                marked[mnemonic(action.text())].append(action.text())
        for bar in window.findChildren(QTabBar):
            if bar.isVisible():
                for tab in range(bar.count()):
                    if mnemonic(bar.tabText(tab)):
                        marked[mnemonic(bar.tabText(tab))].append(bar.tabText(tab))
        for label in window.findChildren(QLabel):
            if label.isVisible() and label.buddy() is not None and mnemonic(label.text()):
                marked[mnemonic(label.text())].append(label.text())
        for button in window.findChildren(QAbstractButton):
            if button.isVisible() and button.window() is window and mnemonic(button.text()):
                marked[mnemonic(button.text())].append(button.text())
        twice = {k: sorted(v) for k, v in marked.items() if len(v) > 1}
        if twice:
            found[tabs.tabText(index)] = twice
    assert found == {}
