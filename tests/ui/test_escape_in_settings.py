"""Esc in Preferences or the business profile with something changed asks before
dropping it, as every other box that holds typing does; with nothing changed it
closes at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from models import business
from tests.ui.keyboard import type_text
from ui import messages
from ui.business_profile_dialog import BusinessProfileDialog
from ui.preferences_dialog import PreferencesDialog


def _answering(monkeypatch, *answers: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []
    waiting = list(answers)

    def answer(box: QMessageBox):
        asked.append(box.text())
        return waiting.pop(0)

    monkeypatch.setattr(messages, "show_box", answer)
    return asked


def test_escape_in_the_business_profile_with_a_change_asks_first(
    qtbot, window, monkeypatch
) -> None:
    asked = _answering(
        monkeypatch, QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard
    )
    dialog = BusinessProfileDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.name.setFocus()
    dialog.name.end(False)
    type_text(dialog.name, " Ltd")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    assert asked and "Discard your changes" in asked[-1]
    assert dialog.isVisible() and dialog.name.text().endswith(" Ltd")  # kept editing
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)  # Discard, this time
    assert not dialog.isVisible()
    saved = business.load_profile()
    assert saved is None or not saved.name.endswith(" Ltd")


def test_escape_in_preferences_with_nothing_changed_closes_at_once(
    qtbot, window, monkeypatch
) -> None:
    asked = _answering(monkeypatch)
    dialog = PreferencesDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and asked == []


def test_escape_in_preferences_after_a_closed_day_is_added_asks_first(
    qtbot, window, monkeypatch
) -> None:
    asked = _answering(
        monkeypatch, QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard
    )
    dialog = PreferencesDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.holiday.edit.selectAll()
    qtbot.keyClicks(dialog.holiday.edit, "25 Dec 2027")
    qtbot.keyClick(dialog.holiday.edit, Qt.Key.Key_Return)  # Enter adds the day
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked and "Discard your changes" in asked[-1]
    assert dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Discard, this time
    assert not dialog.isVisible()
