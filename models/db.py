"""One database for the whole app, chosen and opened at start-up.

Tables bind to :data:`database`, a :class:`peewee.DatabaseProxy`; the shell
calls :func:`open_database` once with a file path, which picks SQLite with the
pragmas below, brings the schema up to date and initialises the proxy; or
:func:`open_server` with a PostgreSQL address (see :mod:`models.server`), for
a log that several counters share. What differs between the two is in
:mod:`models.engine` and :mod:`models.search_index`.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import peewee

from models.errors import BusyError, DamagedDatabaseError, StorageError

if TYPE_CHECKING:
    from models.server import ServerDatabase

_T = TypeVar("_T")

database = peewee.DatabaseProxy()

DATABASE_FILE_NAME = "complaints.sqlite3"

PRAGMAS = {
    "foreign_keys": 1,
    "journal_mode": "wal",
    # A change reported as saved survives a power cut, not only a crash.
    "synchronous": "full",
    # How long a change waits for another program's write to finish, in
    # milliseconds. Commands run unattended, so they wait this long; the window
    # waits far less on its own connection (desktop.app) so a save never freezes it.
    "busy_timeout": 5000,
    "cache_size": -16000,
    # The log is folded into the data file only by checkpoint() (and the last
    # close), each recorded beside the file (models.wal_marks): never by SQLite
    # on its own. After a checkpoint the log is cut back to this size.
    "wal_autocheckpoint": 0,
    "journal_size_limit": 4 * 1024 * 1024,
}

# A write that leaves more than this in the log folds it into the data file.
CHECKPOINT_AFTER = 4 * 1024 * 1024


class DataFile(peewee.SqliteDatabase):
    """SQLite on the data file, counting this process's connections to it (see
    :func:`models.wal_marks.opened`)."""

    def _connect(self) -> sqlite3.Connection:
        from models import wal_marks

        wal_marks.opened(Path(self.database))
        try:
            return super()._connect()  # type: ignore[misc]
        except BaseException:
            wal_marks.closed(Path(self.database))
            raise

    def _close(self, conn: sqlite3.Connection) -> None:
        from models import wal_marks

        try:
            super()._close(conn)  # type: ignore[misc]
        finally:
            wal_marks.closed(Path(self.database))


class BaseModel(peewee.Model):
    class Meta:
        database = database
        legacy_table_names = False


def open_database(path: Path | str) -> peewee.SqliteDatabase:
    """Open (creating if needed) the database file at ``path`` and migrate it.

    Raises :class:`StorageError` when the file cannot be opened or is not a
    database, and :class:`NewerDatabaseError` when it comes from a newer app.
    """
    from models import wal_marks
    from models.migrations import migrate
    from models.wal_check import read_log_id

    db = DataFile(str(path), pragmas=PRAGMAS, check_same_thread=False)
    _known_damaged.pop(str(path), None)  # checked afresh by whoever opens it
    try:
        db.connect(reuse_if_open=True)
        # The log from here on is started on the file as it is now.
        wal_marks.settle(Path(path), read_log_id(db.connection()))
        database.initialize(db)
        migrate(db)
        _ensure_log_id(db)
    except (peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        _close(db)
        if is_damage(exc):
            raise damaged(exc, Path(path)) from exc
        raise StorageError(describe_storage_error(exc, Path(path))) from exc
    except Exception:
        _close(db)
        raise
    _close_at_exit()
    return db


def open_server(address: str, folder: Path, *, create: bool = True) -> peewee.Database:
    """Connect to the log on the PostgreSQL server at ``address`` (a URL or
    ``key=value`` words, completed by libpq from ``PGHOST``, ``pg_service.conf``
    and ``~/.pgpass``) and bring its schema up to date. ``folder`` is the data
    folder, which still holds the files (attachments, letters, backups).

    With ``create`` False (the commands that only read), a database that holds
    no log yet is refused and nothing is created in it.

    Raises :class:`StorageError` when the address cannot be read,
    :class:`~models.errors.ServerUnreachable` when no connection can be made (the
    server cannot be reached, or refuses this user; nothing is created anywhere),
    and :class:`NewerDatabaseError` for a newer schema.
    """
    from models.migrations import migrate, schema_version
    from models.server import ServerDatabase, describe_server_error, parse_address, where
    from models.server_reach import not_reached

    parts = parse_address(address)
    db = ServerDatabase(address, Path(folder))
    try:
        db.connect(reuse_if_open=True)
    except (peewee.PeeweeException, StorageError) as exc:
        with contextlib.suppress(Exception):
            db.close()
        raise not_reached(exc, parts) from exc
    try:
        if not create and schema_version(db) == 0:
            raise StorageError(
                f"The server's {where(parts)} holds no Complaint Desk log yet, so nothing was "
                "read and nothing was changed; check the address (given with --database, "
                "$COMPLAINT_DESK_DATABASE, or chosen in Edit > Preferences)."
            )
        database.initialize(db)
        migrate(db)
    except peewee.PeeweeException as exc:
        with contextlib.suppress(Exception):
            db.close()
        raise StorageError(describe_server_error(exc, parts)) from exc
    except Exception:
        with contextlib.suppress(Exception):
            db.close()
        raise
    return db


def on_server() -> bool:
    """True when the log open now is on a PostgreSQL server."""
    from models.server import ServerDatabase

    return isinstance(database.obj, ServerDatabase)


def server_database() -> ServerDatabase | None:
    """The log's server database, when the log open now is on a server."""
    from models.server import ServerDatabase

    obj = database.obj
    return obj if isinstance(obj, ServerDatabase) else None


def server_address() -> str | None:
    """The address of the server the log is open on now, or None (the data file)."""
    from models.server import ServerDatabase

    obj = database.obj
    return obj.address if isinstance(obj, ServerDatabase) else None


def _close_at_exit() -> None:
    """A process that ends without closing the file still closes it through
    :func:`close_database`, so a last close that folds the log in is recorded."""
    import atexit

    global _exit_registered
    if not _exit_registered:
        atexit.register(_close_quietly)
        _exit_registered = True


_exit_registered = False


def _close_quietly() -> None:
    with contextlib.suppress(Exception):  # the process is ending: the next opening checks the log
        close_database()


def _ensure_log_id(db: peewee.SqliteDatabase) -> None:
    """Give the file the id that tells its own write-ahead log from another's
    (see :mod:`models.wal_check`); a backup keeps it, being the same log."""
    from models.wal_check import LOG_ID, new_log_id, read_log_id

    if read_log_id(db.connection()) is not None:
        return  # opening writes nothing: another program may be writing right now
    try:
        with db.atomic("IMMEDIATE"):
            db.execute_sql(
                "INSERT OR IGNORE INTO setting (key, value) VALUES (?, ?)",
                (LOG_ID, new_log_id()),
            )
    except peewee.OperationalError as exc:
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise  # busy: given at the next opening


def log_id() -> str | None:
    """The open file's log id (see :mod:`models.wal_check`), or None."""
    from models.wal_check import read_log_id

    try:
        return read_log_id(database.connection())
    except (peewee.PeeweeException, sqlite3.Error):
        return None


def keep_log_id(value: str | None) -> None:
    """After the file's contents were replaced (a backup restored into it): it is
    still this folder's log, so it keeps this id (a new one if it had none)."""
    from models.wal_check import LOG_ID, new_log_id

    with writing():
        database.execute_sql(
            "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)",
            (LOG_ID, value or new_log_id()),
        )


def data_folder() -> Path:
    """The folder holding the open database file (attachments live beside it);
    with the log on a server, the data folder it was opened with."""
    from models.server import ServerDatabase

    if isinstance(database.obj, ServerDatabase):
        return database.obj.folder
    path = open_file()
    if path is None:
        raise StorageError("No data file is open.")
    return path.parent


def close_database() -> None:
    """Close this thread's connection to the data file. The last connection to
    close folds the log into the file: recorded like any checkpoint."""
    obj = database.obj
    if obj is not None:
        _close(obj)


def _close(db: peewee.Database) -> None:
    from models import wal_marks
    from models.server import ServerDatabase
    from models.wal_check import read_log_id

    if db.is_closed():
        return
    if isinstance(db, ServerDatabase):
        db.close()
        return
    path = Path(db.database) if db.database not in ("", ":memory:") else None
    if path is None or not path.exists():
        db.close()
        return
    try:
        identity = read_log_id(db.connection())
    except sqlite3.Error:
        identity = None
    with wal_marks.checkpointing(path, identity):
        db.close()


def checkpoint(mode: str = "PASSIVE") -> bool:
    """Fold the log into the data file (SQLite's ``wal_checkpoint``: PASSIVE or
    TRUNCATE), recorded beside the file (:mod:`models.wal_marks`). The one way
    the app checkpoints. True when it could not finish (another program is busy)."""
    from models import wal_marks

    if mode not in ("PASSIVE", "TRUNCATE"):
        raise ValueError(mode)
    if on_server():
        return False  # a server keeps its own log
    path = open_file()
    if path is None:
        return True
    global _log_at_checkpoint
    with wal_marks.checkpointing(path, log_id()):
        busy = int(database.execute_sql(f"PRAGMA wal_checkpoint({mode})").fetchone()[0])
        _log_at_checkpoint = _log_size(path)
    return bool(busy)


_log_at_checkpoint = 0  # the log's size when this process last checkpointed


def _log_size(path: Path) -> int:
    try:
        return path.with_name(path.name + "-wal").stat().st_size
    except OSError:
        return 0


def _checkpoint_if_large() -> None:
    """After a write: fold the log in once it holds more than :data:`CHECKPOINT_AFTER`
    (the log is cut back to that size when SQLite starts it again, so more means
    that much written since; while a reader keeps it from starting again, only
    after another quarter of that)."""
    path = open_file()
    if path is None or database.in_transaction():
        return
    size = _log_size(path)
    if size <= CHECKPOINT_AFTER:
        return
    if _log_at_checkpoint < size < _log_at_checkpoint + CHECKPOINT_AFTER // 4:
        return
    with contextlib.suppress(peewee.PeeweeException, sqlite3.Error, OSError):
        checkpoint("PASSIVE")  # else tried again after the next write


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
    if db is None or db.is_closed() or on_server():
        return None
    try:
        return int(database.execute_sql("PRAGMA data_version").fetchone()[0])
    except (peewee.PeeweeException, sqlite3.Error):
        return None


def is_damage(exc: BaseException) -> bool:
    """True when SQLite says the file is damaged or not a database at all."""
    text = str(exc).lower()
    return any(sign in text for sign in ("not a database", "malformed", "file is encrypted"))


# Data files found damaged by this process, with the error said about them:
# nothing more is written into them, and each refusal says the same without
# checking the backups again.
_known_damaged: dict[str, DamagedDatabaseError] = {}


def open_file() -> Path | None:
    """The data file open now, or None (none open, or the log is on a server)."""
    if on_server():
        return None
    name = database.obj.database if database.obj is not None else ""
    return Path(name) if name and name != ":memory:" else None


def known_damage() -> str | None:
    """What was found wrong with the open data file, if this process found it damaged."""
    path = open_file()
    known = _known_damaged.get(str(path)) if path is not None else None
    return known.problem if known is not None else None


def forget_damage() -> None:
    """The open data file was replaced (a backup restored into it): writable again."""
    path = open_file()
    if path is not None:
        _known_damaged.pop(str(path), None)


def mark_damaged(problem: str) -> None:
    """Remember that the open data file is damaged (``problem`` is what a check
    found): :func:`writing` refuses from now on."""
    damaged(problem)


def damaged(cause: BaseException | str, path: Path | None = None) -> DamagedDatabaseError:
    """The error for a damaged data file, wherever the damage was met (``cause``:
    SQLite's error, or what a check found): one sentence naming the file, then
    the newest good backup and how to put it back."""
    path = path or open_file()
    if isinstance(cause, str):
        where = f" ({path})" if path else ""
        found = cause.strip().splitlines()[0][:200] if cause.strip() else "a check failed"
        plain = "parts of it cannot be read" if is_damage(Exception(found)) else found
        detail = f" (SQLite: {found})" if plain != found else ""
        what = f"The data file{where} is damaged: {plain}{detail}."
    else:
        what = describe_storage_error(cause, path)
    return _damaged_error(what, path)


def _damaged_error(what: str, path: Path | None) -> DamagedDatabaseError:
    from models.backups import restore_hint

    hint = restore_hint(path.parent) if path is not None else ""
    error = DamagedDatabaseError(f"{what} {hint}".strip(), str(path or ""), what)
    if path is not None and path == open_file():
        _known_damaged[str(path)] = error
    return error


def storage_error(exc: BaseException) -> StorageError:
    """A storage error from SQLite or the disk, as the owner should hear it."""
    cause = _first_cause(exc)
    if on_server() and not isinstance(cause, OSError):
        from models.server import describe_server_error, is_busy

        said = describe_server_error(cause, database.obj.parts)
        return BusyError(said) if is_busy(cause) else StorageError(said)
    if is_damage(cause):
        return damaged(cause)
    text = str(cause).lower()
    if "locked" in text or "busy" in text:
        # Another program held the write lock longer than this connection
        # waits (busy_timeout): nothing changed, and trying again can work.
        return BusyError(describe_storage_error(cause))
    return StorageError(describe_storage_error(cause))


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
    """One all-or-nothing change: a transaction whose SQLite errors become StorageError
    (:class:`DamagedDatabaseError` for damage). A file known to be damaged takes
    nothing more."""
    path = open_file()
    known = _known_damaged.get(str(path)) if path is not None else None
    if known is not None:
        raise DamagedDatabaseError(str(known), known.path, known.problem)
    try:
        with database.atomic("IMMEDIATE"):
            yield
    except (peewee.OperationalError, peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        if isinstance(exc, peewee.IntegrityError):
            raise
        raise storage_error(exc) from _first_cause(exc)
    _checkpoint_if_large()


def _first_cause(exc: BaseException) -> BaseException:
    """The error that started it: SQLite rolls back by itself on a full disk, so the
    rollback that follows fails too and would hide the real reason."""
    while "no transaction is active" in str(exc) and exc.__context__ is not None:
        exc = exc.__context__
    return exc
