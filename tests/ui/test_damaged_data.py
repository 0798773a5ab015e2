"""The window on a data file that is not what it should be: a write-ahead log
from elsewhere is set aside and the owner is told; damage found by the
start-up check stops saves, names the backup and keeps the typed note."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from tests.desktop.test_cli import run
from tests.desktop.test_hostile_data_files import _damage_middle, _uncheckpointed_log
from tests.ui.keyboard import type_text
from tests.ui.windows import close_window
from ui import messages

DATA_FILE = "complaints.sqlite3"


def _shop(folder: Path, count: int, seed: int = 1) -> None:
    for args in (("demo", "--complaints", str(count), "--seed", str(seed)), ("backup",)):
        done = run("--data-dir", str(folder), *args)
        assert done.returncode == 0, done.stderr


def _answer(monkeypatch, button: QMessageBox.StandardButton) -> list[str]:
    """Answer every message box with ``button`` (or Ok), recording what it said."""
    said: list[str] = []

    def answer(box: QMessageBox):
        said.append(box.text())
        return button if box.standardButtons() & button else QMessageBox.StandardButton.Ok

    monkeypatch.setattr(messages, "show_box", answer)
    return said


def test_the_window_tells_the_owner_a_stray_log_was_set_aside(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    from desktop.app import create_window
    from models.db import close_database

    shop, other = tmp_path / "shop", tmp_path / "other"
    _shop(shop, 40)
    _shop(other, 5, seed=2)
    stray = _uncheckpointed_log(other / DATA_FILE, "UPDATE complaint SET product = 'other'")
    (shop / f"{DATA_FILE}-wal").write_bytes(stray)
    said = _answer(monkeypatch, QMessageBox.StandardButton.Ok)

    window = create_window(str(shop))
    try:
        window.show()
        qtbot.waitUntil(lambda: bool(said))
        assert "not applied" in said[0] and "stray-" in said[0]
        assert window.list_view.model.rowCount() > 0
    finally:
        close_window(window)
        close_database()


def test_damage_found_at_start_stops_saves_and_keeps_the_note(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    from desktop.app import create_window
    from desktop.startup import checks_after_start
    from models.db import close_database

    shop = tmp_path / "shop"
    _shop(shop, 400)
    backup = next((shop / "backups").glob("complaints-*.sqlite3")).name
    _damage_middle(shop / DATA_FILE)
    said = _answer(monkeypatch, QMessageBox.StandardButton.No)  # not restored now

    window = create_window(str(shop))
    try:
        window.show()
        checks_after_start(window.background_reports.arrived.emit)
        qtbot.waitUntil(lambda: any("damage" in text for text in said))
        assert backup in said[-1]
        warning = window.findChild(QLabel, "damaged")
        assert warning is not None and "damaged" in warning.text()
        qtbot.waitUntil(warning.isVisible)
        before = hashlib.sha256((shop / DATA_FILE).read_bytes()).hexdigest()

        window.list_view.table.selectRow(0)
        note = window.detail.composer.text
        type_text(note, "Rang back, no answer")
        qtbot.keyClick(note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

        assert "damaged" in said[-1] and backup in said[-1]
        assert note.toPlainText() == "Rang back, no answer"
        assert hashlib.sha256((shop / DATA_FILE).read_bytes()).hexdigest() == before

        # Restoring from the menu does not go round asking to save into the damaged file.
        from ui.restore_dialog import RestoreDialog

        opened = []
        monkeypatch.setattr(RestoreDialog, "exec", lambda dialog: opened.append(dialog) or 0)
        asked = _answer(monkeypatch, QMessageBox.StandardButton.Yes)
        window.restore_from_backup()
        assert opened and "cannot be saved" in asked[-1]
        # No backup chosen: the note is still there.
        assert note.toPlainText() == "Rang back, no answer"
    finally:
        close_window(window)
        close_database()
