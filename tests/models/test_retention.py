"""The retention rule makes a checked backup just before it anonymises anything."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from models import backups, retention
from models.anonymise import ANONYMOUS_NAME
from models.complaints import ComplaintDetails, load_complaint, log_complaint, set_status
from models.customers import CustomerDetails
from models.errors import StorageError

NOW = dt.datetime(2026, 3, 14, 10, 0)


def _closed_long_ago(name: str):
    received = dt.datetime(2021, 6, 1, 10, 0)
    case = log_complaint(
        CustomerDetails(name=name), ComplaintDetails(account="The lid leaks."),
        author="Sam", now=received,
    )  # fmt: skip
    set_status(case.id, "closed", author="Sam", reason="Sorted.", now=received)
    return case


def _names_in(path) -> list[str]:
    conn = sqlite3.connect(str(path))
    try:
        return [row[0] for row in conn.execute("SELECT name FROM customer ORDER BY name")]
    finally:
        conn.close()


# Backs up the SQLite file.
@pytest.mark.sqlite_only
def test_a_backup_holding_the_names_is_made_just_before_anonymising(db) -> None:
    old = _closed_long_ago("Ana Souza")
    retention.set_years(3)
    outcome = retention.apply(NOW)
    assert outcome is not None and outcome.complaints == 1
    assert load_complaint(old.id).customer.name == ANONYMOUS_NAME
    made = backups.backups()
    assert len(made) == 1
    assert backups.check_backup(made[0].path) is None
    assert _names_in(made[0].path) == ["Ana Souza"]


# Backs up the SQLite file.
@pytest.mark.sqlite_only
def test_a_backup_made_the_same_second_as_the_daily_one_is_kept_beside_it(db) -> None:
    _closed_long_ago("Ana Souza")
    retention.set_years(3)
    daily = backups.daily_backup()
    assert daily is not None
    retention.apply(NOW)  # at start-up, straight after the daily backup
    assert len(backups.backups()) == 2 and daily.exists()


def test_nothing_is_anonymised_when_the_backup_cannot_be_made(db) -> None:
    old = _closed_long_ago("Ana Souza")
    retention.set_years(3)
    (db.parent / backups.BACKUPS).write_text("not a folder")  # backups cannot be written
    with pytest.raises(StorageError, match="nothing was anonymised"):
        retention.apply(NOW)
    assert load_complaint(old.id).customer.name == "Ana Souza"
    assert retention.due_count(3, NOW) == 1


def test_no_backup_when_nothing_is_due(db) -> None:
    retention.set_years(3)
    outcome = retention.apply(NOW)
    assert outcome is not None and outcome.complaints == 0
    assert backups.backups() == []
