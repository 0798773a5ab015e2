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

Attachments, letters and the logo stay in the data folder, where the app
reads them on a server too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import peewee

from models.db import chunked, database
from models.errors import ComplaintDeskError, StorageError
from models.tables import ALL_TABLES, BaseModel

# Rows read from the file and written to the server at a time.
BATCH = 2_000


@dataclass(frozen=True)
class MovedTable:
    name: str
    rows: int
    sha256: str


@dataclass(frozen=True)
class Moved:
    """What was copied: each table's rows and the hash both sides agree on."""

    tables: tuple[MovedTable, ...]
    replaced: int  # complaints the server held before, now replaced

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
                f"TRUNCATE {', '.join([*tables, 'complaint_search'])} RESTART IDENTITY CASCADE"
            )
            steps = 2 * len(ALL_TABLES) + 1
            for number, table in enumerate(ALL_TABLES):
                if progress is not None:
                    progress(f"Copying {table._meta.table_name}", number, steps)
                _copy_table(table, source, target)
            _copy_search(source, target)
            checked = []
            for number, table in enumerate(ALL_TABLES, start=len(ALL_TABLES)):
                if progress is not None:
                    progress(f"Checking {table._meta.table_name}", number, steps)
                checked.append(_checked(table, source, target))
            moved = tuple(checked)
            _check_search(source, target)
            if progress is not None:
                progress("Checked", steps, steps)
    except peewee.PeeweeException as exc:
        from models.server import describe_server_error

        raise StorageError(
            describe_server_error(exc, getattr(target, "parts", {}))
            + " Nothing was copied; the data file is unchanged."
        ) from exc
    return Moved(moved, before)


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


def table_names() -> Sequence[str]:
    return [table._meta.table_name for table in ALL_TABLES]


def files_in(folder: Path) -> int:
    """How many attachments and letters the data folder holds (they stay there)."""
    return sum(
        1
        for sub in ("attachments", "letters")
        if (folder / sub).is_dir()
        for path in (folder / sub).rglob("*")
        if path.is_file()
    )
