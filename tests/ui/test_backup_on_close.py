"""Closing the window backs up the day's work; a data file put in place with far
fewer complaints is said so in the first message, with how many it holds."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from models.db import close_database
from tests.ui.keyboard import type_text
from tests.ui.windows import close_window
from ui import messages
from ui.new_complaint_dialog import NewComplaintDialog


def _accounts(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [row[0] for row in conn.execute("SELECT account FROM complaint")]
    finally:
        conn.close()


def _backups(folder: Path) -> list[Path]:
    return sorted((folder / "backups").glob("complaints-*.sqlite3"))


def _said(monkeypatch) -> list[str]:
    said: list[str] = []

    def answer(box: QMessageBox):
        said.append(box.text())
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(messages, "show_box", answer)
    return said


def _first_start(folder: Path) -> Path:
    """A first start: the log is made, with its backup of no complaints."""
    from desktop.startup import open_data
    from models.backups import make_backup
    from models.settings import set_user_name

    open_data(folder)
    set_user_name("Sam")
    first = make_backup()
    close_database()
    return first


def test_closing_the_window_backs_up_a_complaint_saved_since(
    qtbot, data_dir: Path, monkeypatch
) -> None:
    from desktop.app import create_window

    first = _first_start(data_dir)
    said = _said(monkeypatch)
    window = create_window(str(data_dir))
    try:
        window.show()
        qtbot.waitExposed(window)
        window.new_action.trigger()  # Ctrl+N
        (dialog,) = [d for d in window.findChildren(NewComplaintDialog) if d.isVisible()]
        type_text(dialog.name, "Zoë Martin")
        type_text(dialog.account, "The kettle leaks from the base.")
        qtbot.keyClick(dialog.account, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: not dialog.isVisible())
        assert _backups(data_dir) == [first]
    finally:
        close_window(window)
        close_database()

    made = [path for path in _backups(data_dir) if path != first]
    assert len(made) == 1, said
    assert _accounts(made[0]) == ["The kettle leaks from the base."]
    assert not said  # quietly


def test_closing_with_nothing_saved_makes_no_backup(qtbot, data_dir: Path, monkeypatch) -> None:
    from desktop.app import create_window

    first = _first_start(data_dir)
    _said(monkeypatch)
    window = create_window(str(data_dir))
    window.show()
    qtbot.waitExposed(window)
    close_window(window)
    close_database()
    assert _backups(data_dir) == [first]


def test_a_file_put_in_place_with_far_fewer_complaints_is_said_first(
    qtbot, data_dir: Path, monkeypatch
) -> None:
    from desktop.app import create_window
    from desktop.startup import open_data
    from models.demo import add_demo_data

    first = _first_start(data_dir)
    open_data(data_dir)
    add_demo_data(25, seed=4)
    close_database()
    shutil.copyfile(first, data_dir / "complaints.sqlite3")  # copied in by hand
    said = _said(monkeypatch)

    window = create_window(str(data_dir))
    try:
        window.show()
        qtbot.waitUntil(lambda: bool(said))
        assert "now holds 0 complaints, where it held 25" in said[0]
    finally:
        close_window(window)
        close_database()
