"""Backups of the data file, made with SQLite's online backup API (never a
plain copy of a live database), checked, and rotated.

Automatic ones (once a day at start-up, and before every schema migration)
live in ``backups/`` beside the data file; the newest :data:`DEFAULT_KEEP`
(a setting) are kept.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from models import settings
from models.db import data_folder, database, describe_storage_error
from models.errors import StorageError
from models.migrations import LATEST_VERSION, backup_copy

BACKUPS = "backups"
PREFIX = "complaints-"
KEEP_SETTING = "backups_to_keep"
DEFAULT_KEEP = 14


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: dt.datetime
    size: int


def backup_folder() -> Path:
    return data_folder() / BACKUPS


def _copy(destination: Path) -> None:
    """Copy the open database to ``destination`` through SQLite's backup API."""
    destination.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = destination.with_name(destination.name + ".part")
    partial.unlink(missing_ok=True)
    backup_copy(database.obj, partial)
    target = sqlite3.connect(str(partial))
    try:
        target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    finally:
        target.close()
    problem = check_backup(partial)
    if problem:
        partial.unlink(missing_ok=True)
        raise StorageError(f"The backup could not be checked: {problem}")
    partial.replace(destination)


def make_backup(destination: Path | str | None = None, *, now: dt.datetime | None = None) -> Path:
    """Make a backup now; with no destination, into ``backups/`` (then rotate).

    ``destination`` may be a folder (the usual file name is used) or a file.
    """
    now = now or dt.datetime.now()
    name = f"{PREFIX}{now:%Y%m%d-%H%M%S}.sqlite3"
    if destination is None:
        target = backup_folder() / name
    else:
        target = Path(destination)
        if target.is_dir():
            target = target / name
    if target.exists():
        raise StorageError(f"{target} already exists; choose another name.")
    try:
        _copy(target)
    except OSError as exc:
        raise StorageError(describe_storage_error(exc)) from exc
    except sqlite3.Error as exc:
        raise StorageError(describe_storage_error(exc)) from exc
    if destination is None:
        rotate()
    return target


def backups() -> list[BackupInfo]:
    """The automatic backups, newest first."""
    folder = backup_folder()
    found = []
    for path in folder.glob(f"{PREFIX}*.sqlite3") if folder.exists() else []:
        try:
            made = dt.datetime.strptime(path.stem.removeprefix(PREFIX), "%Y%m%d-%H%M%S")
        except ValueError:
            continue
        found.append(BackupInfo(path, made, path.stat().st_size))
    return sorted(found, key=lambda b: b.made_at, reverse=True)


def keep_count() -> int:
    keep = settings.get_setting(KEEP_SETTING, DEFAULT_KEEP)
    return keep if isinstance(keep, int) and 1 <= keep <= 1000 else DEFAULT_KEEP


def rotate() -> list[Path]:
    """Delete automatic backups beyond the newest ``keep_count()``; return them."""
    removed = []
    for old in backups()[keep_count() :]:
        old.path.unlink(missing_ok=True)
        removed.append(old.path)
    return removed


def daily_backup(now: dt.datetime | None = None) -> Path | None:
    """Make today's backup unless there is one already; return it, or None."""
    now = now or dt.datetime.now()
    newest = backups()
    if newest and newest[0].made_at.date() == now.date():
        return None
    return make_backup(now=now)


def check_backup(path: Path) -> str | None:
    """None when ``path`` is a sound Complaint Desk data file, else what is wrong."""
    if not path.is_file():
        return f"{path} is not there."
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            has_log = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'complaint'"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error as exc:
        return f"{path.name} is damaged or not a database ({exc})."
    if result != "ok":
        return f"{path.name} is damaged ({result})."
    if not has_log:
        return f"{path.name} is not a Complaint Desk data file."
    if version > LATEST_VERSION:
        return f"{path.name} was made by a newer version of Complaint Desk."
    return None
