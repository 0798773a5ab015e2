"""Editing the categories and root causes the owner picks from."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from models.categories import CATEGORIES
from models.root_causes import ROOT_CAUSES
from ui.pick_list_dialog import PickListDialog


def test_add_rename_archive_and_delete_a_root_cause(qtbot, db, monkeypatch, no_questions) -> None:
    dialog = PickListDialog(ROOT_CAUSES, "Root causes", None)
    qtbot.addWidget(dialog)
    names = iter([("Till not counted", True), ("Till miscounted", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: next(names))
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert ROOT_CAUSES.find("Till not counted") is not None
    assert dialog.list.currentItem().text() == "Till not counted"
    qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    assert ROOT_CAUSES.find("Till miscounted") is not None
    qtbot.mouseClick(dialog.archive_button, Qt.MouseButton.LeftButton)
    assert "Till miscounted" not in [i.name for i in ROOT_CAUSES.items()]
    assert dialog.list.currentItem().text() == "Till miscounted  (archived)"
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert ROOT_CAUSES.find("Till miscounted") is None


def test_a_duplicate_name_is_explained(qtbot, db, monkeypatch, no_questions) -> None:
    dialog = PickListDialog(CATEGORIES, "Categories", None)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: ("other", True))
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert any("already a category called “Other”" in text for text in no_questions)


def test_each_list_says_which_it_is_inside_its_window(qtbot, db) -> None:
    """Categories and Root causes looked the same: on a till with no title bar,
    nothing said which list was open."""
    from PySide6.QtWidgets import QLabel

    for rules, title in ((CATEGORIES, "Categories"), (ROOT_CAUSES, "Root causes")):
        dialog = PickListDialog(rules, title, None)
        qtbot.addWidget(dialog)
        dialog.show()
        shown = [w.text() for w in dialog.findChildren(QLabel) if w.isVisible()]
        assert title in shown
