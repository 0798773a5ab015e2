"""A write-ahead log left beside the data file is applied only if it belongs to it.

SQLite keeps recent changes in ``complaints.sqlite3-wal`` and folds them into
the data file later; after a crash the next start folds in what is left. But
SQLite cannot tell whose log it is: a ``-wal`` from another database (a backup
copied in by hand over a file that was not closed cleanly, a file brought from
another computer without its log) would be folded in all the same and turn the
shop's log into a mix of two. So before the data file is opened,
:func:`check_write_ahead_log` looks at a log that no running program has open:
read-only, it compares the data file as it is with the data file as the log
would make it. The log is accepted only if the result is sound, is still a
Complaint Desk log and is the same log (:data:`LOG_ID`). Otherwise the log is
set aside, untouched, with a copy of the data file as it was, and the data file
is opened without it.

A copy of the same log (a backup, or a copy that went its own way on another
computer) can pass all of that. So first, the mark the app keeps of the file's
state at its last checkpoint (:mod:`models.wal_marks`): a file that no longer
matches it was replaced after the log was started, and the log is set aside
without looking further.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import uuid
from pathlib import Path

from models import wal_marks
from models.partial_files import free_name, partial_path, remove_partial

LOG_ID = "log_id"  # a setting: which log this file is, the same in its backups
STRAY = "stray-"
DMS_BYTE = 128  # SQLite (unix): each open connection holds a read lock on this byte of -shm


def new_log_id() -> str:
    return uuid.uuid4().hex


def read_log_id(conn: sqlite3.Connection) -> str | None:
    """The log id of the database open on ``conn``, or None when it has none (or
    no settings table: a file from before ids, or not a log at all)."""
    try:
        row = conn.execute("SELECT value FROM setting WHERE key = ?", (LOG_ID,)).fetchone()
    except sqlite3.OperationalError:
        return None
    return str(row[0]) if row else None


def _uri(path: Path, mode: str) -> str:
    return f"{path.resolve().as_uri()}?{mode}"


def _in_use(database_path: Path) -> bool:
    """True when another program has the data file open (its log is live)."""
    shm = database_path.with_name(database_path.name + "-shm")
    if not shm.exists():
        return False
    try:
        import fcntl
    except ImportError:  # not POSIX: cannot tell, so never touch the log
        return True
    try:
        fd = os.open(shm, os.O_RDWR)
    except OSError:
        return True
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, DMS_BYTE)
    except OSError:
        return True
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, DMS_BYTE)
        return False
    finally:
        os.close(fd)


def _connect(uri: str) -> sqlite3.Connection:
    """A connection that reads the data file (``uri``: read-only or immutable) and
    never folds a log into it."""
    conn = sqlite3.connect(uri, uri=True)
    try:
        conn.execute("PRAGMA wal_autocheckpoint = 0")
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def _look(uri: str, *, check: bool) -> tuple[str, str | None, int] | None:
    """(integrity_check's first line, or "ok" unchecked; the log id; the schema
    version) of the database at ``uri``, or None when it cannot be read at all."""
    try:
        conn = _connect(uri)
    except sqlite3.Error:
        return None
    try:
        # The full check: a log applied to a copy of the same log from another
        # computer can leave rows and indexes that disagree, which quick_check misses.
        verdict = str(conn.execute("PRAGMA integrity_check(1)").fetchone()[0]) if check else "ok"
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        log_id = read_log_id(conn) if "setting" in tables else None
        if "complaint" not in tables and version > 0:
            verdict = "not a Complaint Desk log"
        return verdict, log_id, version
    except sqlite3.Error as exc:
        return None if not check else (str(exc), None, 0)
    finally:
        conn.close()


def _dangling(uri: str) -> bool:
    """True when some record points at one that is not there (a timeline entry
    whose complaint is missing): what a log applied to the wrong file leaves."""
    try:
        conn = _connect(uri)
    except sqlite3.Error:
        return False
    try:
        return conn.execute("PRAGMA foreign_key_check").fetchone() is not None
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def _foreign(database_path: Path) -> str | None:
    """Why the log beside ``database_path`` does not belong to it, or None.

    The file as the log would make it must pass SQLite's integrity check and
    have no record pointing at one that is not there (the cost: both read the
    whole file, a few seconds for 100,000 complaints, and only after a program
    was stopped without closing the file)."""
    merged = _look(_uri(database_path, "mode=ro"), check=True)
    if merged is None or merged[0] != "ok":
        return "with them the file would be damaged"
    alone = _look(_uri(database_path, "immutable=1"), check=False)
    if alone is None:
        return None  # the file needs its log to be whole: the usual state after a crash
    if alone[1] is not None and merged[1] != alone[1]:
        return "they belong to another log"
    if merged[2] < alone[2]:
        return "they belong to an older version of the file"
    if _dangling(_uri(database_path, "mode=ro")) and not _dangling(
        _uri(database_path, "immutable=1")
    ):
        return "with them some records would point at ones that are not there"
    return None


def _set_aside(database_path: Path, now: dt.datetime) -> Path:
    """Move the log (and its -shm) to ``backups/`` and copy the data file beside
    them as it was; return the copy of the data file."""
    folder = database_path.parent / "backups"
    folder.mkdir(exist_ok=True, mode=0o700)
    kept = free_name(folder, f"{STRAY}{now:%Y%m%d-%H%M%S}", f"-{database_path.name}")
    partial = partial_path(kept)
    try:
        shutil.copyfile(database_path, partial)
        partial.replace(kept)
    finally:
        remove_partial(partial)
    _move_log(database_path, kept)
    return kept


def _move_log(database_path: Path, kept: Path) -> None:
    for suffix in ("-wal", "-shm"):
        part = database_path.with_name(database_path.name + suffix)
        if part.exists():
            part.replace(kept.with_name(kept.name + suffix))


def _set_log_aside(database_path: Path, now: dt.datetime) -> Path:
    """Move the log (and its -shm) alone to ``backups/``; return where the log went.
    No copy of the data file goes with it: the log was not started on that file,
    and beside it SQLite would fold it in and find the pair damaged."""
    folder = database_path.parent / "backups"
    folder.mkdir(exist_ok=True, mode=0o700)
    log = free_name(folder, f"{STRAY}{now:%Y%m%d-%H%M%S}", f"-{database_path.name}-wal")
    _move_log(database_path, log.with_name(log.name.removesuffix("-wal")))
    return log


def check_write_ahead_log(database_path: Path, *, now: dt.datetime | None = None) -> str | None:
    """Before the data file is opened: set aside a ``-wal`` that does not belong to
    it. Returns one sentence for the owner when it did, else None.

    Raises OSError when the log could not be set aside (then nothing was opened).
    """
    wal = database_path.with_name(database_path.name + "-wal")
    try:
        if not database_path.is_file() or not wal.is_file() or wal.stat().st_size == 0:
            return None
    except OSError:
        return None
    with wal_marks.locked(database_path):  # no checkpoint starts meanwhile
        if _in_use(database_path):
            return None
        if wal_marks.replaced(database_path):
            log = _set_log_aside(database_path, now or dt.datetime.now())
            return (
                "The data file was replaced after the program using it was stopped without "
                "closing it, so the changes that program left were not applied: they belong to "
                "the file that was there before, which is gone, and cannot be applied to the "
                f"file now there; they are kept only for an expert, as {log.name} in "
                f"{log.parent}, and are not a backup that can be restored."
            )
        why = _foreign(database_path)
        if why is None:
            return None
        kept = _set_aside(database_path, now or dt.datetime.now())
    return (
        f"The data file was not closed cleanly, and the changes waiting beside it do not fit "
        f"the file that is there now ({why}; for example a copy was put in its place by "
        "hand), so they were not applied: the data is as that file holds it, and anything "
        "saved only in those changes is not in it. They are kept, untouched, for an expert, "
        f"in {kept.parent} ({kept.name}-wal, beside a copy of the file they did not fit; "
        "together they are not a backup that can be restored). If "
        "that file was put there by mistake, File > Restore from backup (or `complaint-desk "
        "restore`) puts back one of this folder's backups."
    )
