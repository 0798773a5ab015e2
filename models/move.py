"""Moving the log from the data file to a PostgreSQL server.

Every row of every table is copied in one transaction on the server, then
read back there and compared with the data file, table by table: the same
number of rows and the same SHA-256 of their contents. Anything different
and the transaction is rolled back: the server is left as it was. The data
file is only read, never changed, so it stays a complete copy of the log.

A server log that already holds complaints or customers is refused unless
the owner says plainly to replace it (``replace=True``). A new server log,
which holds only the lists every new log starts with (categories, root
causes), is simply filled.

Attachments, letters and the logo (every file the log names) are copied into
the server's table of files (:mod:`models.server_files`) in the same
transaction, and checked the same way: as many files, each with the SHA-256
of the bytes read from the data folder, worked out again by the server from
the bytes it holds. The files in the data folder are only read: they stay as
they are. A file the log names that is not in the data folder is not there on
the server either, nor is one too big to keep on a server (it stays in the
folder only); both are said (:attr:`Moved.files_missing`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

import peewee

from models import file_store
from models.counter import keep_as_own
from models.db import chunked, data_folder, database
from models.errors import ComplaintDeskError, StorageError, UnsafeFileNameError
from models.file_store import FileKey, StoredFile
from models.tables import ALL_TABLES, Attachment, BaseModel, Letter

# Rows read from the file and written to the server at a time.
BATCH = 2_000


@dataclass(frozen=True)
class MovedTable:
    name: str
    rows: int
    sha256: str


@dataclass(frozen=True)
class MovedFiles:
    """The files copied: how many, their bytes, and one SHA-256 over each file's
    kind, complaint, name and SHA-256, which both sides agree on."""

    count: int
    size: int
    sha256: str


@dataclass(frozen=True)
class Moved:
    """What was copied: each table's rows and the hash both sides agree on."""

    tables: tuple[MovedTable, ...]
    replaced: int  # complaints the server held before, now replaced
    files: MovedFiles = MovedFiles(0, 0, hashlib.sha256().hexdigest())
    # Files the log names that could not be copied, each in one sentence: not in
    # the data folder, a name leading outside it, too big for the server.
    files_missing: tuple[str, ...] = ()

    def count(self, table: str) -> int:
        return next((t.rows for t in self.tables if t.name == table), 0)


class ServerNotEmptyError(ComplaintDeskError):
    """The server's log already holds complaints or customers."""


def _columns(table: type[BaseModel]) -> list[peewee.Field]:
    return list(table._meta.sorted_fields)


def _key(table: type[BaseModel]) -> str:
    return str(cast(peewee.Field, table._meta.primary_key).column_name)


def _for_server(field: peewee.Field, value: Any) -> Any:
    """A value read from the data file, as the server's column takes it."""
    if value is None:
        return None
    if isinstance(field, peewee.BooleanField):
        return bool(value)
    return value


def _canonical(field: peewee.Field, value: Any) -> str:
    """One spelling of a value for the hash, whichever engine it was read from."""
    if value is None:
        return "\x00"
    if isinstance(field, peewee.BooleanField):
        return str(int(bool(value)))
    if isinstance(field, peewee.DateTimeField):
        try:
            return dt.datetime.fromisoformat(str(value)).isoformat(" ")
        except ValueError:
            return str(value)
    if isinstance(field, peewee.DateField):
        try:
            return dt.date.fromisoformat(str(value)[:10]).isoformat()
        except ValueError:
            return str(value)
    if isinstance(field, peewee.FloatField):
        return repr(float(value))
    return str(value)


def _rows(db: peewee.Database, table: type[BaseModel]) -> Iterator[tuple[Any, ...]]:
    """Every row of ``table`` in ``db``, in key order, read a batch at a time."""
    fields = _columns(table)
    names = ", ".join(field.column_name for field in fields)
    key = _key(table)
    name = table._meta.table_name
    last: Any = None
    while True:
        after = f"WHERE {key} > ?" if last is not None else ""
        batch = db.execute_sql(
            f"SELECT {names} FROM {name} {after} ORDER BY {key} LIMIT {BATCH}",
            (last,) if last is not None else (),
        ).fetchall()
        yield from batch
        if len(batch) < BATCH:
            return
        last = batch[-1][[f.column_name for f in fields].index(key)]


def _digest(db: peewee.Database, table: type[BaseModel]) -> tuple[int, str]:
    """How many rows ``table`` holds in ``db``, and the SHA-256 of their contents.
    Rows keyed by text (settings, drafts) are hashed in Python's order of their
    lines, as the engines may sort text differently."""
    fields = _columns(table)
    digest = hashlib.sha256()
    count = 0
    by_number = isinstance(table._meta.primary_key, peewee.AutoField)
    lines: list[bytes] = []
    for row in _rows(db, table):
        text = "\x1f".join(_canonical(f, v) for f, v in zip(fields, row, strict=True))
        line = text.encode("utf-8", "surrogatepass") + b"\x1e"
        if by_number:
            digest.update(line)
        else:
            lines.append(line)
        count += 1
    for line in sorted(lines):
        digest.update(line)
    return count, digest.hexdigest()


def held_on_server(target: peewee.Database) -> int:
    """How many complaints and customers the server's log holds."""
    row = target.execute_sql(
        "SELECT (SELECT COUNT(*) FROM complaint) + (SELECT COUNT(*) FROM customer)"
    ).fetchone()
    return int(row[0])


def _complaints(db: peewee.Database) -> int:
    return int(db.execute_sql("SELECT COUNT(*) FROM complaint").fetchone()[0])


def copy_log(
    target: peewee.Database,
    *,
    replace: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> Moved:
    """Copy the open data file's log into ``target``, a migrated server log (see
    :func:`models.db.open_server`), and check it; see the module's docstring.
    ``progress(what, done, of)`` is told as each table is copied, then checked."""
    from models import engine

    source = database.obj
    if engine.of(target).kind != engine.SERVER.kind or engine.of(source).kind == "postgresql":
        raise ValueError("copy_log copies the data file's log to a server")
    tables = [table._meta.table_name for table in ALL_TABLES]
    from models.server_files import TABLE as FILES

    try:
        with target.atomic():
            before = _complaints(target)
            if held_on_server(target) and not replace:
                raise ServerNotEmptyError(
                    f"The log on the server already holds {before:,} "
                    f"complaint{'s' if before != 1 else ''} (or customers): nothing was "
                    "copied. To replace it with this data file's log, say so with --replace."
                )
            target.execute_sql(
                f"TRUNCATE {', '.join([*tables, 'complaint_search', FILES])} "
                "RESTART IDENTITY CASCADE"
            )
            steps = 2 * len(ALL_TABLES) + 3
            for number, table in enumerate(ALL_TABLES):
                if progress is not None:
                    progress(f"Copying {table._meta.table_name}", number, steps)
                _copy_table(table, source, target)
            _copy_search(source, target)
            if progress is not None:
                progress("Copying the files", len(ALL_TABLES), steps)
            copied, missing = _copy_files(target)
            checked = []
            for number, table in enumerate(ALL_TABLES, start=len(ALL_TABLES) + 1):
                if progress is not None:
                    progress(f"Checking {table._meta.table_name}", number, steps)
                checked.append(_checked(table, source, target))
            moved = tuple(checked)
            _check_search(source, target)
            if progress is not None:
                progress("Checking the files", steps - 1, steps)
            files = _check_files(copied, target)
            keep_as_own(target, data_folder())
            if progress is not None:
                progress("Checked", steps, steps)
    except peewee.PeeweeException as exc:
        from models.server import describe_server_error

        raise StorageError(
            describe_server_error(exc, getattr(target, "parts", {}))
            + " Nothing was copied; the data file is unchanged."
        ) from exc
    return Moved(moved, before, files, missing)


def _copy_table(table: type[BaseModel], source: peewee.Database, target: Any) -> None:
    fields = _columns(table)
    names = [field.column_name for field in fields]
    sql = (
        f"INSERT INTO {table._meta.table_name} ({', '.join(names)}) "
        f"VALUES ({', '.join('?' * len(names))})"
    )
    batch: list[tuple[Any, ...]] = []
    for row in _rows(source, table):
        batch.append(tuple(_for_server(f, v) for f, v in zip(fields, row, strict=True)))
        if len(batch) >= BATCH:
            target.execute_many(sql, batch)
            batch = []
    if batch:
        target.execute_many(sql, batch)
    if isinstance(table._meta.primary_key, peewee.AutoField):
        # New rows on the server go on from the highest id copied.
        name = table._meta.table_name
        target.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
            f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {name}"
        )


def _copy_search(source: peewee.Database, target: Any) -> None:
    """The search index's rows: the same folded words, so the same matches."""
    ids = [row[0] for row in source.execute_sql("SELECT rowid FROM complaint_search")]
    for some in chunked(sorted(ids), BATCH):
        marks = ",".join("?" * len(some))
        rows = source.execute_sql(
            f"SELECT rowid, body FROM complaint_search WHERE rowid IN ({marks})", some
        ).fetchall()
        target.execute_many(
            "INSERT INTO complaint_search (complaint_id, body) VALUES (?, ?)",
            [tuple(row) for row in rows],
        )


def _checked(table: type[BaseModel], source: peewee.Database, target: Any) -> MovedTable:
    name = table._meta.table_name
    held, expected = _digest(source, table)
    copied, found = _digest(target, table)
    if (held, expected) != (copied, found):
        different = ", with different contents" if held == copied else ""
        raise StorageError(
            f"The copy of {name} on the server does not match the data file ({held:,} rows "
            f"in the file, {copied:,} on the server{different}): nothing was copied; the "
            "data file is unchanged."
        )
    return MovedTable(name, held, expected)


def _check_search(source: peewee.Database, target: Any) -> None:
    count = "SELECT COUNT(*) FROM complaint_search"
    held = int(source.execute_sql(count).fetchone()[0])
    copied = int(target.execute_sql(count).fetchone()[0])
    if held != copied:
        raise StorageError(
            f"The search index on the server does not match the data file ({held:,} rows in "
            f"the file, {copied:,} on the server): nothing was copied; the data file is "
            "unchanged."
        )


def named_in_log() -> list[FileKey]:
    """Every file the open log names: its attachments, its letters that still have
    a file (not erased), and the logo of the business profile."""
    from models.business import load_profile

    keys = [
        file_store.attachment_key(row.complaint_id, row.stored_name)
        for row in Attachment.select(Attachment.complaint, Attachment.stored_name).order_by(
            Attachment.id
        )
    ]
    keys += [
        file_store.letter_key(row.complaint_id, row.file_name)
        for row in Letter.select(Letter.complaint, Letter.file_name)
        .where(Letter.sha256 != "")
        .order_by(Letter.id)
    ]
    profile = load_profile()
    if profile is not None and profile.logo_file:
        keys.append(file_store.logo_key(profile.logo_file))
    return list(dict.fromkeys(keys))


def _copy_files(target: peewee.Database) -> tuple[list[StoredFile], tuple[str, ...]]:
    """Copy every file the data file's log names from the data folder into the
    server's table, one at a time; return what was copied (with the SHA-256 of
    the bytes read) and what could not be found."""
    from models import server_files
    from models.server_files import TableStore
    from models.text import file_size

    source = file_store.FOLDER_STORE
    into = TableStore(target)
    copied: list[StoredFile] = []
    missing: list[str] = []
    for key in named_in_log():
        try:
            data = source.get(key)
        except UnsafeFileNameError as exc:
            missing.append(str(exc))
            continue
        except StorageError as exc:
            raise StorageError(f"{exc} Nothing was copied; the data file is unchanged.") from exc
        if data is None:
            missing.append(f"{key.name} is not in {source.place(key)}")
            continue
        if len(data) > server_files.MAX_ON_SERVER:
            missing.append(
                f"{key.name} is {file_size(len(data))}, more than a file kept on the server can "
                f"be ({file_size(server_files.MAX_ON_SERVER)}); it stays in {source.place(key)}"
            )
            continue
        into.put(key, data, replace=True)
        copied.append(StoredFile(key, len(data), hashlib.sha256(data).hexdigest()))
    return copied, tuple(missing)


def _files_digest(files: list[StoredFile]) -> str:
    digest = hashlib.sha256()
    for file in sorted(files, key=lambda f: (f.key.kind, f.key.owner_id, f.key.name)):
        line = "\x1f".join((file.key.kind, str(file.key.owner_id), file.key.name, file.sha256))
        digest.update(line.encode("utf-8", "surrogatepass") + b"\x1e")
    return digest.hexdigest()


def _check_files(copied: list[StoredFile], target: peewee.Database) -> MovedFiles:
    """The files on the server, with the SHA-256 the server works out from the bytes
    it holds, against those read from the data folder: the same, or StorageError."""
    from models.server_files import TableStore

    on_server = TableStore(target).checked_copies()
    expected, found = _files_digest(copied), _files_digest(on_server)
    if len(copied) != len(on_server) or expected != found:
        different = ", with different contents" if len(copied) == len(on_server) else ""
        raise StorageError(
            f"The copy of the files on the server does not match the data folder "
            f"({len(copied):,} files in the folder, {len(on_server):,} on the server"
            f"{different}): nothing was copied; the data file is unchanged."
        )
    return MovedFiles(len(copied), sum(file.size for file in copied), expected)


def table_names() -> Sequence[str]:
    return [table._meta.table_name for table in ALL_TABLES]
