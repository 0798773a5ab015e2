"""One database for the whole app, chosen and opened at start-up.

Tables bind to :data:`database`, a :class:`peewee.DatabaseProxy`; the shell
calls :func:`open_database` once with a file path, which picks SQLite with the
pragmas below, brings the schema up to date and initialises the proxy.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import peewee

from models.errors import DamagedDatabaseError, StorageError

_T = TypeVar("_T")

database = peewee.DatabaseProxy()

DATABASE_FILE_NAME = "complaints.sqlite3"

PRAGMAS = {
    "foreign_keys": 1,
    "journal_mode": "wal",
    # A change reported as saved survives a power cut, not only a crash.
    "synchronous": "full",
    "busy_timeout": 5000,
    "cache_size": -16000,
}


class BaseModel(peewee.Model):
    class Meta:
        database = database
        legacy_table_names = False


def open_database(path: Path | str) -> peewee.SqliteDatabase:
    """Open (creating if needed) the database file at ``path`` and migrate it.

    Raises :class:`StorageError` when the file cannot be opened or is not a
    database, and :class:`NewerDatabaseError` when it comes from a newer app.
    """
    from models.migrations import migrate

    db = peewee.SqliteDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False)
    try:
        db.connect(reuse_if_open=True)
        database.initialize(db)
        migrate(db)
    except (peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        db.close()
        message = describe_storage_error(exc, Path(path))
        if is_damage(exc):
            raise DamagedDatabaseError(message, str(path)) from exc
        raise StorageError(message) from exc
    except Exception:
        db.close()
        raise
    return db


def data_folder() -> Path:
    """The folder holding the open database file (attachments live beside it)."""
    name = database.obj.database if database.obj is not None else ""
    if not name or name == ":memory:":
        raise StorageError("No data file is open.")
    return Path(name).parent


def close_database() -> None:
    obj = database.obj
    if obj is not None and not obj.is_closed():
        obj.close()


# Values bound in one statement, well under SQLite's limit of 32,766.
CHUNK = 900


def chunked(items: Sequence[_T], size: int = CHUNK) -> Iterator[list[_T]]:
    """``items`` in lists of at most ``size``: for IN (...) lists and batches of rows."""
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def data_version() -> int | None:
    """A number that changes whenever another connection (a command, another
    program, a background task) commits a change to the data file, read on this
    thread's connection (SQLite's ``data_version``); None when no file is open
    or it cannot be read (the next thing the owner does says why)."""
    db = database.obj
    if db is None or db.is_closed():
        return None
    try:
        return int(database.execute_sql("PRAGMA data_version").fetchone()[0])
    except (peewee.PeeweeException, sqlite3.Error):
        return None


def is_damage(exc: BaseException) -> bool:
    """True when SQLite says the file is damaged or not a database at all."""
    text = str(exc).lower()
    return any(sign in text for sign in ("not a database", "malformed", "file is encrypted"))


def describe_storage_error(exc: BaseException, path: Path | None = None) -> str:
    """Turn an SQLite (or operating system) error into one sentence saying what
    happened and what to do. ``path`` is the data file, when it is not the one open."""
    from models.os_errors import describe_os_error, disk_full, little_space

    folder = path.parent if path else None
    if folder is None and database.obj is not None:
        name = database.obj.database
        folder = Path(name).parent if name and name != ":memory:" else None
    if isinstance(exc, OSError):
        return describe_os_error(exc, folder)
    text = str(exc).lower()
    where = f" ({path})" if path else ""
    lost = "so the change was not saved"
    if "disk is full" in text or "database or disk is full" in text:
        return disk_full(folder, lost)
    if "disk i/o error" in text:
        # With almost no space left SQLite cannot grow its files and says only this.
        if folder is not None and little_space(folder):
            return disk_full(folder, lost)
        return (
            f"The disk holding the data file{where} reported an error reading or writing it: "
            "check the drive, and make a backup to another drive before going on."
        )
    if "readonly" in text or "read-only" in text:
        return f"The data file{where} is read-only, so nothing can be saved. Check its permissions."
    if "locked" in text or "busy" in text:
        return "The data file is busy in another program. Close it there and try again."
    if is_damage(exc):
        return f"The data file{where} is damaged or is not a Complaint Desk database."
    if "unable to open" in text:
        return f"The data file{where} cannot be opened. Check the folder exists and is writable."
    return f"The data file{where} could not be used: {exc}."


@contextmanager
def writing() -> Iterator[None]:
    """One all-or-nothing change: a transaction whose SQLite errors become StorageError."""
    try:
        with database.atomic("IMMEDIATE"):
            yield
    except (peewee.OperationalError, peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        if isinstance(exc, peewee.IntegrityError):
            raise
        cause = _first_cause(exc)
        raise StorageError(describe_storage_error(cause)) from cause


def _first_cause(exc: BaseException) -> BaseException:
    """The error that started it: SQLite rolls back by itself on a full disk, so the
    rollback that follows fails too and would hide the real reason."""
    while "no transaction is active" in str(exc) and exc.__context__ is not None:
        exc = exc.__context__
    return exc
