"""A log set aside is never written over another set aside in the same second."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from models.wal_check import check_write_ahead_log

# About SQLite's write-ahead log beside the data file.
pytestmark = pytest.mark.sqlite_only


def _data_file_with_a_foreign_log(folder: Path) -> Path:
    """A data file of one log with another database's log left beside it."""
    folder.mkdir(exist_ok=True)
    database, other = folder / "complaints.sqlite3", folder.parent / "other.sqlite3"
    for path, log in ((database, "ours"), (other, "theirs")):
        path.unlink(missing_ok=True)
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA journal_mode = wal")
        conn.execute("CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("CREATE TABLE complaint (id INTEGER PRIMARY KEY)")
        conn.execute("INSERT INTO setting VALUES ('log_id', ?)", (log,))
        conn.commit()
        conn.close()
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("INSERT INTO complaint (id) VALUES (7)")
    conn.execute("INSERT INTO setting VALUES ('seen', 'yes')")  # their log id goes in the log
    conn.commit()
    (folder / "complaints.sqlite3-wal").write_bytes(
        other.with_name("other.sqlite3-wal").read_bytes()
    )
    conn.close()
    return database


def test_two_logs_set_aside_in_the_same_second_are_both_kept(tmp_path: Path) -> None:
    now = dt.datetime(2026, 12, 1, 9, 0, 0)
    folder = tmp_path / "shop"
    kept = []
    for _ in range(2):
        database = _data_file_with_a_foreign_log(folder)
        log = (folder / "complaints.sqlite3-wal").read_bytes()
        note = check_write_ahead_log(database, now=now)
        assert note is not None and "not applied" in note
        kept.append(log)

    stray = sorted((folder / "backups").glob("stray-*-wal"))
    assert [p.name for p in stray] == [
        "stray-20261201-090000-2-complaints.sqlite3-wal",
        "stray-20261201-090000-complaints.sqlite3-wal",
    ]
    assert sorted(p.read_bytes() for p in stray) == sorted(kept)
