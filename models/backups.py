"""Backups of the data file, made with SQLite's online backup API (never a
plain copy of a live database), checked, rotated, and restored. With the log
on a PostgreSQL server, a backup is pg_dump's (:mod:`models.server_backups`).

Automatic ones (once a day at start-up, and before every schema migration)
live in ``backups/`` beside the data file; the newest :data:`DEFAULT_KEEP`
(a setting) are kept. Restoring checks the backup first and keeps the data it
replaces aside in ``backups/`` (``replaced-…``), so a restore can be undone.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import peewee

from models import display, settings, wal_marks
from models.db import (
    checkpoint,
    damaged,
    data_folder,
    database,
    describe_storage_error,
    forget_damage,
    is_damage,
    keep_log_id,
    known_damage,
    log_id,
)
from models.errors import StorageError
from models.migrations import LATEST_VERSION, backup_copy, migrate
from models.partial_files import free_name, partial_path, remove_partial

BACKUPS = "backups"
PREFIX = "complaints-"
REPLACED = "replaced-"
DAMAGED = "damaged-"
STRAY = "stray-"  # a write-ahead log set aside (models.wal_check): never restored
KEEP_SETTING = "backups_to_keep"
DEFAULT_KEEP = 14
# The only files in backups/ that rotation may delete: those the app names
# itself (daily backups, copies before an upgrade or a restore, a log set aside
# as not belonging to the data file), with SQLite's -wal beside a byte copy.
_MADE_BY_APP = re.compile(
    r"^(?:complaints-(?:v\d+-)?\d{8}-\d{6}|replaced-\d{8}-\d{6}(?:-\d+)?"
    r"|stray-\d{8}-\d{6}(?:-\d+)?-complaints)\.sqlite3(?:-wal|-shm)?$"
)


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
    beside the data file is created if missing, never any other folder. The copy
    is made under a temporary name and renamed only when complete and checked."""
    if destination.parent == backup_folder():
        destination.parent.mkdir(exist_ok=True, mode=0o700)
    try:
        partial = backup_copy(database.obj, destination, final=False)
    except (OSError, sqlite3.Error, peewee.DatabaseError) as exc:
        raise _copy_failed(exc, destination) from exc
    try:
        problem = check_backup(partial) if checked else None
        if problem:
            source_problem = _check_open_file("integrity_check")
            if source_problem:  # the copy is only as good as the file it came from
                raise damaged(source_problem)
            raise StorageError(f"The backup could not be checked: {problem}")
        partial.replace(destination)
    finally:
        remove_partial(partial)


def _copy_failed(exc: BaseException, destination: Path) -> StorageError:
    """Why a copy could not be made, naming the file at fault: the data file when
    it is damaged, else the folder the copy was going to."""
    if is_damage(exc):
        return damaged(exc)
    text = str(exc).lower()
    if isinstance(exc, OSError) or "unable to open" in text or "readonly" in text:
        if "full" in text or getattr(exc, "errno", None) == 28:
            return StorageError(
                f"The disk holding {destination.parent} is full, so no backup was made. "
                "Free some space and try again."
            )
        return StorageError(
            f"No backup could be written in {destination.parent}: check that the folder can "
            "be written to (its permissions, or a read-only drive)."
        )
    return StorageError(describe_storage_error(exc))


def _keep_aside(destination: Path) -> None:
    """Keep the data about to be replaced, damaged or not: through the backup
    API when SQLite can read it, else byte for byte (with its -wal)."""
    try:
        _copy(destination, checked=False)
        return
    except (StorageError, sqlite3.Error, peewee.DatabaseError):
        pass
    live = Path(database.obj.database)
    for suffix in ("", "-wal"):
        part = live.with_name(live.name + suffix)
        if part.exists():
            shutil.copyfile(part, destination.with_name(destination.name + suffix))


def refuse_restore_on_server() -> None:
    """Backups here are copies of the data file: with the log on a server, say
    how its dumps are put back (StorageError) rather than restore nothing."""
    from models.db import on_server

    if on_server():
        raise StorageError(
            "The log is kept on a PostgreSQL server, so a copy of a data file is not "
            "restored into it: the server's backups are made with pg_dump (File > Back up "
            "now) and put back with File > Restore from backup."
        )


def make_backup(destination: Path | str | None = None, *, now: dt.datetime | None = None) -> Path:
    """Make a backup now; with no destination, into ``backups/`` (then rotate).

    ``destination`` may be a folder (the usual file name is used) or a new file
    in a folder that exists: a folder that is not there (a USB stick not
    plugged in) is an error, never created, so the backup cannot land on the
    local disk by mistake.
    """
    from models.db import on_server

    now = now or dt.datetime.now()
    if on_server():
        return _dump(destination, now)
    name = f"{PREFIX}{now:%Y%m%d-%H%M%S}.sqlite3"
    if destination is None:
        target = backup_folder() / name
        while target.exists():  # one made in the same second: the next second's name
            now += dt.timedelta(seconds=1)
            target = backup_folder() / f"{PREFIX}{now:%Y%m%d-%H%M%S}.sqlite3"
    else:
        target = _destination(Path(destination), str(destination), name)
    if target.exists():
        raise StorageError(f"{target} already exists; choose another name.")
    try:
        _copy(target)
    except OSError as exc:
        raise _copy_failed(exc, target) from exc
    if destination is None:
        rotate()
    return target


def _dump(destination: Path | str | None, now: dt.datetime) -> Path:
    """With the log on a server: pg_dump's copy of it (:mod:`models.server_backups`)."""
    from models import server_backups

    target = None
    if destination is not None:
        name = f"{server_backups.PREFIX}{now:%Y%m%d-%H%M%S}{server_backups.SUFFIX}"
        target = _destination(Path(destination), str(destination), name)
    made = server_backups.make_dump(backup_folder(), target, now)
    if destination is None:
        server_backups.rotate_dumps(backup_folder(), keep_count())
    return made


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
    copy the app made in ``backups/`` (before an upgrade or a restore) older than
    the oldest backup kept; return what was deleted. So a customer erased today
    is gone from every copy once ``keep_count()`` more backups have been made.
    Files the app did not name itself (the owner's own copies, notes) are never
    touched."""
    kept = backups()
    removed = []
    for old in kept[keep_count() :]:
        old.path.unlink(missing_ok=True)
        removed.append(old.path)
    if len(kept) >= keep_count():
        oldest = kept[keep_count() - 1].path.stat().st_mtime
        daily = {info.path for info in kept}
        for other in backup_folder().iterdir():
            if not _MADE_BY_APP.match(other.name) or other.is_symlink() or not other.is_file():
                continue
            if other not in daily and other.stat().st_mtime < oldest:
                other.unlink(missing_ok=True)
                removed.append(other)
    return removed


def daily_backup(now: dt.datetime | None = None) -> Path | None:
    """Make today's backup unless there is one already; return it, or None.

    With the log on a server, each counter keeps a dump of it a day (pg_dump,
    see :func:`make_backup`), or is told why it cannot."""
    from models.db import on_server

    now = now or dt.datetime.now()
    if on_server():
        from models.complaint_list import log_is_empty
        from models.server_backups import dump_times

        if log_is_empty():  # a dump of nothing would only be a backup to restore by mistake
            return None
        made = dump_times(backup_folder())
    else:
        made = [info.made_at for info in backups()]
    # Any made today, not only the newest: a clock put back (or a backup named
    # for a later day) must not bring a new one at every start.
    if any(when.date() == now.date() for when in made):
        return None
    return make_backup(now=now)


def backup_if_changed(*, when_none: bool = True, now: dt.datetime | None = None) -> Path | None:
    """A backup of the day's work: made (as :func:`make_backup`, into ``backups/``, then
    rotated) when something was saved since the newest backup was made; None when
    nothing was, and with the log on a server. With no backup at all, one is made
    only ``when_none``."""
    from models.backup_state import digest_of, digest_of_file
    from models.db import on_server

    if on_server():
        # The day's dump and the server's own backups keep it: a dump on closing
        # would hold the window for as long as pg_dump takes.
        return None
    found = backups()
    if not found and not when_none:
        return None
    if not found:
        return make_backup(now=now)
    try:
        live = digest_of(database.obj.connection())
    except sqlite3.Error:
        live = None
    if live is not None and live == digest_of_file(found[0].path):
        return None
    return make_backup(now=now)


def _read_only_uri(path: Path) -> str:
    """``file:`` URI opening ``path`` read-only; any character (#, ?, %) is quoted."""
    return f"{Path(path).resolve().as_uri()}?mode=ro"


def check_backup(path: Path) -> str | None:
    """None when ``path`` is a sound Complaint Desk data file, else what is wrong,
    in one sentence (never SQLite's own report, which can run to pages)."""
    if path.is_dir():
        return f"{path} is a folder; choose a backup file in it."
    if not path.is_file():
        return f"{path} is not there."
    from models.server_backups import is_dump, restore_advice

    if is_dump(path):
        return (
            f"{path.name} is a backup of a log kept on a PostgreSQL server (made with pg_dump), "
            f"not of a data file, so it cannot be restored here: {restore_advice(path)}."
        )
    if path.name.startswith(STRAY):
        return (
            f"{path.name} holds changes a stopped program left that were not applied (the"
            " data file had been replaced, or they did not fit it); it is kept only for an"
            " expert and is not a backup that can be restored, so choose one of the backups"
            " made by Complaint Desk."
        )
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check(1)").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            has_log = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'complaint'"
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        result, version, has_log = "", 0, None
    if result != "ok":
        return (
            f"{path.name} is damaged or not a database (SQLite's check of it failed), so it "
            "cannot be restored; choose another backup."
        )
    if not has_log:
        return f"{path.name} is not a Complaint Desk data file; choose another backup."
    if version > LATEST_VERSION:
        return f"{path.name} was made by a newer version of Complaint Desk."
    return None


def _check_open_file(pragma: str) -> str | None:
    """None when the open data file passes ``pragma`` (SQLite's quick or full
    check), else the first things found wrong."""
    try:
        rows = database.execute_sql(f"PRAGMA {pragma}(5)").fetchall()
    except (sqlite3.Error, peewee.DatabaseError) as exc:
        return str(exc) if is_damage(exc) else describe_storage_error(exc)
    found = [line for row in rows for line in str(row[0]).splitlines()]
    return None if found == ["ok"] else "\n".join(found[:4])


def quick_check() -> str | None:
    """None when the open data file passes SQLite's quick check, else what is wrong
    (always None with the log on a server, which checks its own pages)."""
    from models.db import on_server

    return None if on_server() else _check_open_file("quick_check")


def complaints_in(path: Path) -> int:
    """How many complaints the backup at ``path`` holds (0 when it cannot be read)."""
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True)
        try:
            return int(conn.execute("SELECT count(*) FROM complaint").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _log_id_of(path: Path) -> str | None:
    from models.wal_check import read_log_id

    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True)
        try:
            return read_log_id(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def of_another_log(path: Path) -> bool:
    """True when the backup at ``path`` is of another log than this folder's (another
    shop's, or another computer's): neither the open file's nor any of the
    automatic backups' here, as far as their log ids tell."""
    theirs = _log_id_of(path)
    if theirs is None:
        return False
    ours = {log_id()} | {_log_id_of(info.path) for info in backups()}
    ours.discard(None)
    return bool(ours) and theirs not in ours


def newest_good_backup(folder: Path) -> BackupInfo | None:
    """The backup to offer: the newest automatic backup in ``folder`` that passes
    :func:`check_backup` and holds complaints; if none holds any, the newest
    good one. (An empty backup is what a start on an emptied data file makes: it
    must not win over yesterday's full one.)"""
    first_good = None
    for info in backups(folder):
        if check_backup(info.path) is None:
            if complaints_in(info.path):
                return info
            first_good = first_good or info
    return first_good


def describe_backup(info: BackupInfo) -> str:
    """'complaints-….sqlite3 (made Tuesday 1 December 2026 at 09:00, 2,000 complaints)'."""
    count = complaints_in(info.path)
    return (
        f"{info.path.name} (made {display.long_day(info.made_at.date())} "
        f"at {info.made_at:%H:%M}, {display.count(count, 'complaint')})"
    )


def held_before(database_path: Path) -> int | None:
    """How many complaints the data file seemed to hold: as much of it as can be
    read now, or what the app noted when it last folded changes into it,
    whichever is more; None when neither is known."""
    from models.backup_state import complaints_held

    mark = wal_marks.read(database_path) or {}
    known = [n for n in (complaints_held(database_path), mark.get("complaints")) if n]
    return max(known) if known else None


def good_backups(folder: Path) -> list[tuple[BackupInfo, int]]:
    """The automatic backups in ``folder`` that pass the check, newest first, each
    with how many complaints it holds."""
    return [
        (info, complaints_in(info.path))
        for info in backups(folder)
        if check_backup(info.path) is None
    ]


def far_fewer_warning(backup: Path, database_path: Path) -> str | None:
    """One sentence when the backup at ``backup`` holds far fewer complaints than
    the data file seemed to (or than another good backup here holds), else None."""
    from models.backup_state import far_fewer

    count = complaints_in(backup)
    before = held_before(database_path)
    if far_fewer(count, before):
        return (
            f"{backup.name} holds {display.count(count, 'complaint')}, far fewer than the "
            f"{before:,} the data file held: restoring it leaves "
            f"{'the log empty' if not count else 'only those'}."
        )
    fuller = [
        (info, n)
        for info, n in good_backups(database_path.parent / BACKUPS)
        if far_fewer(count, n) and info.path != backup
    ]
    if fuller:
        info, n = max(fuller, key=lambda pair: pair[1])
        return (
            f"{backup.name} holds {display.count(count, 'complaint')}, far fewer than "
            f"{info.path.name}, which holds {n:,}."
        )
    return None


def restore_hint(data_folder: Path) -> str:
    """What to do about a damaged data file in ``data_folder``: one sentence."""
    try:
        newest = newest_good_backup(data_folder / BACKUPS)
    except OSError:
        newest = None
    if newest is None:
        return (
            "No good backup was found beside it; the file was left as it is. Make a copy of "
            "the data folder and ask for help before going on."
        )
    return (
        f"The newest good backup is {describe_backup(newest)}: put it back with File > "
        "Restore from backup or `complaint-desk restore`; the damaged file is kept."
    )


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
    refuse_restore_on_server()
    source = Path(source)
    problem = check_backup(source)
    if problem:
        raise StorageError(f"{problem} Nothing was changed.")
    # A damaged file is kept as damaged-… (never rotated out: it may be rescued).
    prefix = DAMAGED if known_damage() else REPLACED
    aside = free_name(backup_folder(), f"{prefix}{_stamp(now)}", ".sqlite3")
    try:
        _keep_aside(aside)
    except OSError as exc:
        raise StorageError(
            f"The data could not be kept aside ({describe_storage_error(exc)}). "
            "Nothing was changed."
        ) from exc
    identity = log_id()
    try:
        _copy_in(source, database.obj.connection())
        migrate(database.obj)
        forget_damage()
        keep_log_id(identity)
        # Into the file itself now, not only its write-ahead log: what was
        # restored must not hang on a log that a crash could leave behind.
        checkpoint("TRUNCATE")
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
    wal_marks.forget(database_path)  # the file it describes is going
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
    partial = partial_path(database_path)
    try:
        remove_partial(partial)
        target = sqlite3.connect(str(partial))
        try:
            _copy_in(source, target)
        finally:
            target.close()
        partial.replace(database_path)
    except (OSError, sqlite3.Error) as exc:
        remove_partial(partial)
        _put_back(kept, database_path)
        raise StorageError(
            f"The backup could not be copied in ({describe_storage_error(exc)}). "
            "The damaged file was put back as it was."
        ) from exc
    return kept
