"""Once a dialog closes, the keyboard is back in the box the owner was typing in,
even where no window manager hands it back (a till set up as a kiosk)."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QVBoxLayout, QWidget

from ui import focus_return


@pytest.fixture
def comes_back(qapp):
    watcher = focus_return.install(qapp)
    yield
    qapp.removeEventFilter(watcher)
    watcher.deleteLater()


def _counter(qtbot) -> tuple[QWidget, QLineEdit]:
    window = QWidget()
    search = QLineEdit(window)
    QVBoxLayout(window).addWidget(search)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    search.setFocus()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window, search


def test_typing_after_a_dialog_goes_on_into_the_box_typed_in_before(qtbot, comes_back) -> None:
    window, search = _counter(qtbot)
    qtbot.keyClicks(search, "abc")
    dialog = QDialog(window)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    # The dialog goes, and the platform makes some other window active (as a bare X
    # server leaves the keyboard with no window of the app).
    other = QWidget()
    qtbot.addWidget(other)
    dialog.hide()
    other.show()
    other.activateWindow()
    other.hide()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert QApplication.focusWidget() is search
    qtbot.keyClicks(QApplication.focusWidget(), "def")
    assert search.text() == "abcdef"


def test_a_second_dialog_still_open_gets_the_keyboard(qtbot, comes_back) -> None:
    window, _search = _counter(qtbot)
    first = QDialog(window)
    first.setWindowModality(Qt.WindowModality.ApplicationModal)
    box = QLineEdit(first)
    first.show()
    first.activateWindow()
    box.setFocus()
    second = QDialog(first)
    second.show()
    second.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is second)
    second.hide()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is first)
    assert QApplication.focusWidget() is box


def test_the_keyboard_comes_back_after_a_dialog_deleted_as_it_closes(qtbot, comes_back) -> None:
    """A file dialog is deleted the moment it returns its file: the keyboard still
    comes back to the box typed in before (Ctrl+N, Ctrl+L... work without a click)."""
    window, search = _counter(qtbot)
    qtbot.keyClicks(search, "abc")
    dialog = QDialog(window)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    other = QWidget()
    qtbot.addWidget(other)
    dialog.hide()
    shiboken6.delete(dialog)  # gone before the event loop turns, as a file dialog is
    other.show()
    other.activateWindow()
    other.hide()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert QApplication.focusWidget() is search
