"""Who does an action: the staff list is offered as a name is typed, and what is
typed stays as typed unless a name is picked."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.keyboard import type_text
from ui.person_box import PersonBox


def _box(qtbot, db) -> PersonBox:
    box = PersonBox("action_who", "Who will do it")
    qtbot.addWidget(box)
    box.offer(["Dana Whitfield", "Kofi Mensah", "Marek Nowak"])
    box.show()
    qtbot.waitExposed(box)
    box.setFocus()
    return box


def test_part_of_a_name_offers_the_colleague_and_down_enter_takes_them(qtbot, db) -> None:
    box = _box(qtbot, db)
    type_text(box.lineEdit(), "kofi")
    popup = box.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    assert box.text() == "kofi"  # nothing filled in unasked
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert box.text() == "Kofi Mensah"


def test_a_surname_finds_them_too_and_a_new_name_stays_as_typed(qtbot, db) -> None:
    box = _box(qtbot, db)
    type_text(box.lineEdit(), "nowak")
    qtbot.waitUntil(box.completer().popup().isVisible)
    assert box.completer().currentCompletion() == "Marek Nowak"
    box.clear()
    type_text(box.lineEdit(), "Mar")
    qtbot.keyClick(box.completer().popup(), Qt.Key.Key_Escape)
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Tab)
    assert box.text() == "Mar"
