"""Backups of the data file, made with SQLite's online backup API (never a
plain copy of a live database), checked, rotated, and restored.

Automatic ones (once a day at start-up, and before every schema migration)
live in ``backups/`` beside the data file; the newest :data:`DEFAULT_KEEP`
(a setting) are kept. Restoring checks the backup first and keeps the data it
replaces aside in ``backups/`` (``replaced-…``), so a restore can be undone.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import peewee

from models import settings
from models.db import data_folder, database, describe_storage_error
from models.errors import StorageError
from models.migrations import LATEST_VERSION, backup_copy, migrate

BACKUPS = "backups"
PREFIX = "complaints-"
REPLACED = "replaced-"
DAMAGED = "damaged-"
KEEP_SETTING = "backups_to_keep"
DEFAULT_KEEP = 14


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made_at: dt.datetime
    size: int


def backup_folder() -> Path:
    return data_folder() / BACKUPS


def _copy(destination: Path, *, checked: bool = True) -> None:
    """Copy the open database to ``destination`` through SQLite's backup API;
    ``checked`` refuses a copy that fails :func:`check_backup`. Only ``backups/``
    beside the data file is created if missing, never any other folder."""
    if destination.parent == backup_folder():
        destination.parent.mkdir(exist_ok=True, mode=0o700)
    partial = destination.with_name(destination.name + ".part")
    partial.unlink(missing_ok=True)
    backup_copy(database.obj, partial)
    target = sqlite3.connect(str(partial))
    try:
        target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    finally:
        target.close()
    problem = check_backup(partial) if checked else None
    if problem:
        partial.unlink(missing_ok=True)
        raise StorageError(f"The backup could not be checked: {problem}")
    partial.replace(destination)


def _keep_aside(destination: Path) -> None:
    """Keep the data about to be replaced, damaged or not: through the backup
    API when SQLite can read it, else byte for byte (with its -wal)."""
    try:
        _copy(destination, checked=False)
        return
    except (sqlite3.Error, peewee.DatabaseError):
        pass
    live = Path(database.obj.database)
    for suffix in ("", "-wal"):
        part = live.with_name(live.name + suffix)
        if part.exists():
            shutil.copyfile(part, destination.with_name(destination.name + suffix))


def make_backup(destination: Path | str | None = None, *, now: dt.datetime | None = None) -> Path:
    """Make a backup now; with no destination, into ``backups/`` (then rotate).

    ``destination`` may be a folder (the usual file name is used) or a new file
    in a folder that exists: a folder that is not there (a USB stick not
    plugged in) is an error, never created, so the backup cannot land on the
    local disk by mistake.
    """
    now = now or dt.datetime.now()
    name = f"{PREFIX}{now:%Y%m%d-%H%M%S}.sqlite3"
    if destination is None:
        target = backup_folder() / name
    else:
        target = _destination(Path(destination), str(destination), name)
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


def _destination(path: Path, typed: str, name: str) -> Path:
    """The backup file for a destination the owner gave: a folder, or a file in one."""
    if path.is_dir():
        return path / name
    folder = path if typed.endswith(("/", "\\")) else path.parent
    if not folder.is_dir():
        raise StorageError(
            f"The folder {folder} does not exist (is the drive plugged in?), so nothing was "
            "backed up."
        )
    return path


def backups(folder: Path | None = None) -> list[BackupInfo]:
    """The automatic backups (in ``folder``, else beside the open file), newest first."""
    folder = folder or backup_folder()
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
    """Delete automatic backups beyond the newest ``keep_count()``, and any other
    copy in ``backups/`` (kept before an upgrade or a restore) older than the
    oldest backup kept; return what was deleted. So a customer erased today is
    gone from every copy once ``keep_count()`` more backups have been made."""
    kept = backups()
    removed = []
    for old in kept[keep_count() :]:
        old.path.unlink(missing_ok=True)
        removed.append(old.path)
    if len(kept) >= keep_count():
        oldest = kept[keep_count() - 1].path.stat().st_mtime
        daily = {info.path for info in kept}
        for other in backup_folder().glob("*.sqlite3*"):
            if other not in daily and other.stat().st_mtime < oldest:
                other.unlink(missing_ok=True)
                removed.append(other)
    return removed


def daily_backup(now: dt.datetime | None = None) -> Path | None:
    """Make today's backup unless there is one already; return it, or None."""
    now = now or dt.datetime.now()
    newest = backups()
    if newest and newest[0].made_at.date() == now.date():
        return None
    return make_backup(now=now)


def _read_only_uri(path: Path) -> str:
    """``file:`` URI opening ``path`` read-only; any character (#, ?, %) is quoted."""
    return f"{Path(path).resolve().as_uri()}?mode=ro"


def check_backup(path: Path) -> str | None:
    """None when ``path`` is a sound Complaint Desk data file, else what is wrong."""
    if path.is_dir():
        return f"{path} is a folder; choose a backup file in it."
    if not path.is_file():
        return f"{path} is not there."
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True)
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


def quick_check() -> str | None:
    """None when the open data file passes SQLite's quick check, else what is wrong."""
    try:
        rows = database.execute_sql("PRAGMA quick_check(5)").fetchall()
    except (sqlite3.Error, peewee.DatabaseError) as exc:
        return describe_storage_error(exc)
    found = [line for row in rows for line in str(row[0]).splitlines()]
    return None if found == ["ok"] else "\n".join(found[:4])


def newest_good_backup(folder: Path) -> BackupInfo | None:
    """The newest automatic backup in ``folder`` that passes :func:`check_backup`."""
    for info in backups(folder):
        if check_backup(info.path) is None:
            return info
    return None


def _copy_in(source: Path, target: sqlite3.Connection) -> None:
    """Replace ``target``'s whole contents with the backup file ``source``, in one step."""
    backup = sqlite3.connect(_read_only_uri(source), uri=True)
    try:
        backup.backup(target)
    finally:
        backup.close()


def _stamp(now: dt.datetime | None) -> str:
    return f"{(now or dt.datetime.now()):%Y%m%d-%H%M%S}"


def restore_backup(source: Path | str, *, now: dt.datetime | None = None) -> Path:
    """Replace the open data with the backup at ``source``; return where the data
    it replaced was kept.

    The backup is checked first; the current data is copied aside (damaged or
    not: it may be why the backup is wanted) before anything changes; the
    backup is then copied in with SQLite's backup API, in one step, and brought
    up to this version's schema if it is older. Customers erased since the
    backup was made are erased again.
    """
    source = Path(source)
    problem = check_backup(source)
    if problem:
        raise StorageError(f"{problem} Nothing was changed.")
    aside = backup_folder() / f"{REPLACED}{_stamp(now)}.sqlite3"
    number = 1
    while aside.exists():
        number += 1
        aside = aside.with_name(f"{REPLACED}{_stamp(now)}-{number}.sqlite3")
    try:
        _keep_aside(aside)
    except OSError as exc:
        raise StorageError(
            f"The data could not be kept aside ({describe_storage_error(exc)}). "
            "Nothing was changed."
        ) from exc
    try:
        _copy_in(source, database.obj.connection())
        migrate(database.obj)
    except (sqlite3.Error, peewee.DatabaseError) as exc:
        raise StorageError(
            f"The backup could not be restored ({describe_storage_error(exc)}). "
            f"The data it would have replaced is kept in {aside}."
        ) from exc
    from models.anonymise import reapply_erasures

    reapply_erasures()  # a customer erased since the backup was made stays erased
    return aside


def set_damaged_file_aside(database_path: Path, *, now: dt.datetime | None = None) -> Path:
    """Rename a damaged data file (and its -wal and -shm) beside itself; return
    its new name. Nothing is deleted: it may still be rescued by an expert."""
    stem = f"{DAMAGED}{_stamp(now)}-{database_path.name}"
    target = database_path.with_name(stem)
    for suffix in ("", "-wal", "-shm"):
        part = database_path.with_name(database_path.name + suffix)
        if part.exists():
            part.rename(target.with_name(target.name + suffix))
    return target


def _put_back(kept: Path, database_path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        part = kept.with_name(kept.name + suffix)
        if part.exists():
            part.rename(database_path.with_name(database_path.name + suffix))


def restore_damaged(database_path: Path, source: Path, *, now: dt.datetime | None = None) -> Path:
    """Before the data is opened: set the damaged file aside and put a copy of
    the backup ``source`` in its place. Returns where the damaged file went."""
    problem = check_backup(source)
    if problem:
        raise StorageError(f"{problem} Nothing was changed.")
    try:
        kept = set_damaged_file_aside(database_path, now=now)
    except OSError as exc:
        raise StorageError(f"{describe_storage_error(exc)} Nothing was changed.") from exc
    partial = database_path.with_name(database_path.name + ".part")
    try:
        partial.unlink(missing_ok=True)
        target = sqlite3.connect(str(partial))
        try:
            _copy_in(source, target)
        finally:
            target.close()
        partial.replace(database_path)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        _put_back(kept, database_path)
        raise StorageError(
            f"The backup could not be copied in ({describe_storage_error(exc)}). "
            "The damaged file was put back as it was."
        ) from exc
    return kept
