"""File > Restore from backup with the log on a PostgreSQL server: the backups of
the server's log are listed, with the steps that put the chosen one back."""

from __future__ import annotations

import datetime as dt
import shlex
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QGuiApplication

from models.server_backups import Dump, restore_steps
from ui.server_restore_dialog import ServerRestoreDialog


def test_the_steps_name_a_new_database_beside_the_log_in_use() -> None:
    dump = Dump(
        Path("/home/gwen/backups/complaints-20261205-230931.pgdump"),
        dt.datetime(2026, 12, 5, 23, 9, 31),
    )
    steps = restore_steps(dump, "postgresql://shop@backoffice/shop", "shop", "shop")
    new = "shop_restored_20261205_2309"
    assert f"createdb --owner=shop {new}" in steps
    command = next(line for line in steps.splitlines() if "pg_restore" in line)
    words = shlex.split(command)
    assert words[:2] == ["pg_restore", "--no-owner"]
    assert f"--dbname=postgresql://shop@backoffice/{new}" in words
    assert words[-1] == str(dump.path)
    assert f"postgresql://shop@backoffice/{new}, Test connection" in steps
    # The database the app's words name, not the one a service file would be guessed at.
    by_service = restore_steps(dump, "service=shop", "counter", "complaints")
    assert "createdb --owner=counter complaints_restored_20261205_2309" in by_service
    assert "service=shop dbname=complaints_restored_20261205_2309" in by_service


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_restore_on_a_server_lists_its_backups_and_says_how(window, monkeypatch, engine) -> None:
    from models.backups import backup_folder

    folder = backup_folder()
    folder.mkdir(exist_ok=True)
    dump = folder / "complaints-20261205-230931.pgdump"
    dump.write_bytes(b"PGDMP" + b"\0" * 100)
    (folder / "complaints-20261201-100000.sqlite3").write_bytes(b"SQLite format 3\0")
    shown: list[str] = []

    def exec_(dialog: ServerRestoreDialog) -> int:
        dialog.show()
        shown.append(dialog.list.currentItem().text())
        shown.append(dialog.steps.toPlainText())
        shown.append(dialog.older.text() if dialog.older.isVisible() else "")
        dialog.copy_button.click()
        return 0

    monkeypatch.setattr(ServerRestoreDialog, "exec", exec_)
    window.findChild(QAction, "restore_action").trigger()
    listed, steps, older = shown
    assert "Sat 5 December 2026 23:09" in listed or "5 December 2026 23:09" in listed
    assert "pg_restore --no-owner" in steps and str(dump) in steps
    assert "createdb --owner=" in steps
    assert "1 backup of this computer's data file" in older
    assert QGuiApplication.clipboard().text() == steps
