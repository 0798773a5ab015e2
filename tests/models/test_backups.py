"""Backups: made with SQLite's backup API, checked, rotated, once a day."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from models import backups, settings
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from models.errors import StorageError

DAY = dt.datetime(2026, 3, 14, 9, 0)


def test_a_backup_holds_everything_saved_and_passes_its_check(db: Path) -> None:
    saved = log_complaint(CustomerDetails(name="Zoë"), ComplaintDetails(account="Leak"), author="S")
    made = backups.make_backup(now=DAY)
    assert (
        made.parent == db.parent / "backups" and made.name == "complaints-20260314-090000.sqlite3"
    )
    assert backups.check_backup(made) is None
    with sqlite3.connect(made) as copy:
        assert copy.execute("SELECT reference FROM complaint").fetchall() == [(saved.reference,)]
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_once_a_day_and_rotated(db: Path) -> None:
    settings.set_setting(backups.KEEP_SETTING, 3)
    assert backups.daily_backup(DAY) is not None
    assert backups.daily_backup(DAY + dt.timedelta(hours=5)) is None  # already one today
    for day in range(1, 5):
        backups.daily_backup(DAY + dt.timedelta(days=day))
    kept = backups.backups()
    assert len(kept) == 3
    assert kept[0].made_at.date() == dt.date(2026, 3, 18)


def test_a_chosen_destination_and_no_overwriting(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "usb" / "shop.sqlite3"
    target.parent.mkdir()
    assert backups.make_backup(target) == target
    with pytest.raises(StorageError, match="already exists"):
        backups.make_backup(target)
    folder_copy = backups.make_backup(tmp_path / "usb", now=DAY)
    assert folder_copy.parent == tmp_path / "usb"


def test_a_damaged_file_fails_the_check(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database at all" * 50)
    assert "damaged" in backups.check_backup(bad)
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE x (y)").connection.close()
    assert "not a Complaint Desk data file" in backups.check_backup(other)
