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

# Backups copy the SQLite data file; a log on a server is backed up with the server's own tools.
pytestmark = pytest.mark.sqlite_only

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


def test_a_clock_put_back_does_not_bring_a_backup_at_every_start(db: Path) -> None:
    """The computer's clock ran a week ahead for a while (one backup named for
    that day), then was put right: today's backup is still made once."""
    assert backups.daily_backup(DAY) is not None
    assert backups.daily_backup(DAY + dt.timedelta(days=7)) is not None  # the clock ahead
    assert backups.daily_backup(DAY + dt.timedelta(hours=2)) is None  # put right: one today
    assert backups.daily_backup(DAY + dt.timedelta(hours=3)) is None


def test_a_chosen_destination_and_no_overwriting(db: Path, tmp_path: Path) -> None:
    target = tmp_path / "usb" / "shop.sqlite3"
    target.parent.mkdir()
    assert backups.make_backup(target) == target
    with pytest.raises(StorageError, match="already exists"):
        backups.make_backup(target)
    folder_copy = backups.make_backup(tmp_path / "usb", now=DAY)
    assert folder_copy.parent == tmp_path / "usb"


def test_a_destination_folder_that_is_not_there_is_refused_and_not_created(
    db: Path, tmp_path: Path
) -> None:
    usb = tmp_path / "media" / "usb"  # not plugged in
    for destination in (usb / "shop.sqlite3", f"{usb}/"):
        with pytest.raises(StorageError, match=f"The folder {usb} does not exist"):
            backups.make_backup(destination, now=DAY)
    assert not (tmp_path / "media").exists()
    assert not (db.parent / "backups").exists()


def test_a_damaged_file_fails_the_check(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database at all" * 50)
    assert "damaged" in backups.check_backup(bad)
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE x (y)").connection.close()
    assert "not a Complaint Desk data file" in backups.check_backup(other)


def _log(name: str) -> str:
    return log_complaint(
        CustomerDetails(name=name), ComplaintDetails(account="Leak"), author="S"
    ).reference


def _references() -> list[str]:
    from models.tables import Complaint

    return sorted(c.reference for c in Complaint.select())


def test_restoring_brings_back_the_backup_and_keeps_the_replaced_data(db: Path) -> None:
    first = _log("Zoë")
    made = backups.make_backup(now=DAY)
    second = _log("Ali")
    aside = backups.restore_backup(made, now=DAY + dt.timedelta(hours=1))
    assert _references() == [first]
    assert aside.name == "replaced-20260314-100000.sqlite3"
    with sqlite3.connect(aside) as kept:
        assert sorted(r[0] for r in kept.execute("SELECT reference FROM complaint")) == [
            first,
            second,
        ]
    from models.db import database

    assert database.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    third = _log("Bea")  # still writable after restoring
    assert _references() == sorted([first, third])


def test_a_damaged_backup_is_refused_and_nothing_changes(db: Path, tmp_path: Path) -> None:
    first = _log("Zoë")
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError, match="Nothing was changed"):
        backups.restore_backup(broken)
    assert _references() == [first]
    assert not list((db.parent / "backups").glob("replaced-*"))


def test_an_older_backup_is_upgraded_when_restored(db: Path) -> None:
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "schema-v3.sqlite3"
    backups.restore_backup(fixture)
    from models import migrations
    from models.db import database

    assert migrations.schema_version(database.obj) == migrations.LATEST_VERSION
    assert "C-2026-0019" in _references()


def test_a_damaged_data_file_is_set_aside_and_the_newest_good_backup_put_back(
    tmp_path: Path,
) -> None:
    from desktop.startup import open_data
    from models.db import close_database
    from models.errors import DamagedDatabaseError

    folder = tmp_path / "data"
    open_data(folder)
    kept = _log("Zoë")
    good = backups.make_backup(now=DAY)
    bad = backups.make_backup(now=DAY + dt.timedelta(days=1))
    close_database()
    bad.write_bytes(b"\0" * 4096)  # the newest backup is damaged too
    data_file = folder / "complaints.sqlite3"
    data_file.write_bytes(b"garbage" * 1000)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_data(folder)
    assert caught.value.path == str(data_file)

    newest = backups.newest_good_backup(folder / "backups")
    assert newest is not None and newest.path == good
    set_aside = backups.restore_damaged(data_file, newest.path, now=DAY)
    assert set_aside.read_bytes() == b"garbage" * 1000  # left as it was, renamed beside it
    assert set_aside.parent == folder
    open_data(folder)
    try:
        assert _references() == [kept]
    finally:
        close_database()


def test_a_damaged_open_file_is_kept_aside_as_it_is_and_the_backup_restored(db: Path) -> None:
    """The usual reason to restore: the open file has damage the quick check found."""
    first = _log("Zoë")
    for n in range(60):
        _log(f"Customer {n} " + "x" * 150)
    good = backups.make_backup(now=DAY)
    from models.db import database

    root = database.execute_sql(
        "SELECT rootpage FROM sqlite_master WHERE name = 'event_complaint_id'"
    ).fetchone()[0]
    page = database.execute_sql("PRAGMA page_size").fetchone()[0]
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    with db.open("r+b") as raw:  # scribble over one page of an index
        raw.seek((root - 1) * page + 8)
        raw.write(b"\xff" * 200)
    from models.db import close_database, open_database

    close_database()  # as after a restart: nothing of the file held in memory
    open_database(db)
    assert backups.quick_check() is not None

    aside = backups.restore_backup(good, now=DAY + dt.timedelta(hours=2))
    assert backups.quick_check() is None
    assert first in _references() and len(_references()) == 61
    assert aside.exists() and backups.check_backup(aside) is not None  # kept, damage and all
    again = backups.restore_backup(good, now=DAY + dt.timedelta(hours=2))
    assert again != aside and again.name.endswith("-2.sqlite3")


def test_a_failed_repair_puts_the_damaged_file_back(tmp_path: Path) -> None:
    from desktop.startup import open_data
    from models.db import close_database

    folder = tmp_path / "data"
    open_data(folder)
    _log("Zoë")
    good = backups.make_backup(now=DAY)
    close_database()
    data_file = folder / "complaints.sqlite3"
    data_file.write_bytes(b"garbage" * 1000)
    from models.partial_files import partial_path

    partial_path(data_file).mkdir()  # the copy cannot be written
    with pytest.raises(StorageError, match="put back"):
        backups.restore_damaged(data_file, good, now=DAY)
    assert data_file.read_bytes() == b"garbage" * 1000
    assert not list(folder.glob("damaged-*"))


def test_backups_in_a_folder_named_with_hash_and_question_marks(tmp_path: Path) -> None:
    from desktop.startup import open_data
    from models.db import close_database

    open_data(tmp_path / "Shop #2?" / "data")
    try:
        made = backups.make_backup(now=DAY)
        assert backups.check_backup(made) is None
        assert backups.newest_good_backup(made.parent) is not None
    finally:
        close_database()
    assert not (tmp_path / "Shop ").exists()


def test_copies_kept_before_a_restore_age_out_with_the_backups(db: Path) -> None:
    settings.set_setting(backups.KEEP_SETTING, 2)
    _log("Zoë")
    first = backups.make_backup(now=DAY)
    aside = backups.restore_backup(first, now=DAY)
    backups.make_backup(now=DAY + dt.timedelta(days=1))
    assert aside.exists()  # still younger than the oldest of the two kept
    backups.make_backup(now=DAY + dt.timedelta(days=2))
    assert not aside.exists() and not first.exists()


def test_only_a_backup_of_another_shops_log_is_called_one(tmp_path: Path) -> None:
    """After another shop's file was copied in by hand, this folder's own backups
    are still this folder's log; a backup from the other shop's folder is not."""
    import shutil

    from desktop.startup import open_data
    from models.db import close_database

    shop, other = tmp_path / "shop", tmp_path / "other"
    open_data(other)
    _log("Zoë Martin")
    theirs = backups.make_backup(now=DAY)
    close_database()
    open_data(shop)
    _log("Ana Souza")
    ours = backups.make_backup(now=DAY)
    assert backups.of_another_log(theirs) and not backups.of_another_log(ours)
    close_database()
    shutil.copyfile(theirs, shop / "complaints.sqlite3")  # the other shop's file, by hand
    open_data(shop)
    try:
        assert not backups.of_another_log(ours)
    finally:
        close_database()
