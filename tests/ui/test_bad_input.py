"""Faults the owner can run into: a full disk while saving, an unusable data folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from desktop import app
from models.db import database
from models.tables import Complaint
from tests.ui.keyboard import type_text
from tests.ui.test_new_complaint import open_dialog


def test_a_full_disk_while_saving_keeps_the_form_and_says_so(qtbot, window, no_questions) -> None:
    dialog = open_dialog(qtbot, window)
    type_text(dialog.name, "Ana Souza")
    type_text(dialog.account, "A long story " * 400)
    pages = database.execute_sql("PRAGMA page_count").fetchone()[0]
    database.execute_sql(f"PRAGMA max_page_count = {pages}")  # no room to grow: as a full disk
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert any("disk is full" in text for text in no_questions)
    assert dialog.account.toPlainText().startswith("A long story")
    assert Complaint.select().count() == 0
    # Space is freed: the same click saves it.
    database.execute_sql("PRAGMA max_page_count = 1073741823")
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert Complaint.select().count() == 1


def test_an_unusable_data_folder_is_explained_before_any_window(
    qtbot, tmp_path: Path, no_questions
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert app.run_window(str(blocker / "data")) == 1
    assert len(no_questions) == 1 and "cannot be created" in no_questions[0]


def test_a_second_window_on_the_same_folder_is_refused(qtbot, tmp_path: Path, no_questions) -> None:
    from desktop.single_instance import SingleInstance

    folder = tmp_path / "shop"
    folder.mkdir()
    first = SingleInstance(folder)
    assert first.acquire()
    try:
        # Nobody is listening here, so the second start explains and stops.
        assert app.run_window(str(folder)) == 1
        assert len(no_questions) == 1 and "already open on" in no_questions[0]
    finally:
        first.release()


def test_a_second_start_brings_the_first_window_forward(qtbot, tmp_path: Path) -> None:
    from desktop.single_instance import SingleInstance

    folder = tmp_path / "shop"
    folder.mkdir()
    first = SingleInstance(folder)
    assert first.acquire()
    called = []
    first.listen(lambda: called.append(True))
    try:
        assert SingleInstance.ask_first_to_come_forward(folder)
        qtbot.waitUntil(lambda: called == [True], timeout=3000)
    finally:
        first.release()
