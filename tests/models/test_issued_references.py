"""A reference is printed on letters and read out over the phone: it is never
given to a second complaint, even after the log lost its newest complaints."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from models import backups
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails


def _log(name: str) -> str:
    saved = log_complaint(CustomerDetails(name=name), ComplaintDetails(account="Leak"), author="S")
    return saved.reference


# Restores a backup of the SQLite file.
@pytest.mark.sqlite_only
def test_an_older_backup_put_back_does_not_give_a_reference_again(db: Path) -> None:
    first = _log("Ann Early")
    older = backups.make_backup(now=dt.datetime(2026, 3, 14, 9, 0))
    given = _log("Gareth Evans")  # printed on his letter, then lost with the file
    backups.restore_backup(older)
    later = _log("Dora Later")
    assert later not in (first, given)
    assert later > given


# Copies SQLite data files by hand.
@pytest.mark.sqlite_only
def test_a_file_copied_in_by_hand_does_not_give_a_reference_again(db: Path) -> None:
    from models.db import close_database, open_database

    _log("Ann Early")
    copy = db.parent / "copy.sqlite3"
    backups.make_backup(copy)
    given = _log("Gareth Evans")
    close_database()
    shutil.copyfile(copy, db)  # the nephew's copy, made with the app closed
    open_database(db)
    assert _log("Dora Later") > given


def test_a_damaged_note_leaves_the_log_to_decide(db: Path) -> None:
    first = _log("Ann Early")
    (db.parent / f".{db.name}.references").write_text("{not json", encoding="utf-8")
    assert _log("Bob Next") > first
