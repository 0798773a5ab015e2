"""What differs between the two engines the log can live on, in one place.

SQLite (a file in the data folder, the default) and PostgreSQL (a server the
shop's counters share, see :mod:`models.server`) take the same tables, the same
migrations and nearly the same SQL. The few places they differ are the methods
of :class:`Engine`; :func:`current` gives the one for the database open now,
chosen when it was opened. The search index has its own small interface
(:mod:`models.search_index`).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any, ClassVar, cast

import peewee

from models.db import database


class Engine:
    """SQLite: the behaviour the app has always had."""

    kind = "sqlite"
    # Several counters read and write the same tables (see models.counter).
    shared = False
    # Column types in the migrations' CREATE TABLE statements.
    ddl: ClassVar[dict[str, str]] = {
        "id": "INTEGER PRIMARY KEY",
        "moment": "DATETIME",
        "bool": "INTEGER",
        "false": "0",
        "real": "REAL",
        "bytes": "BLOB",
    }
    # Added to a SELECT that reads a row about to be changed from what it read.
    # SQLite needs nothing: its write lock already lets one writer in at a time.
    lock_rows = ""

    # --- the schema's version -------------------------------------------------

    def schema_version(self, db: peewee.Database) -> int:
        return int(db.execute_sql("PRAGMA user_version").fetchone()[0])

    def set_schema_version(self, db: peewee.Database, number: int) -> None:
        db.execute_sql(f"PRAGMA user_version = {int(number)}")

    def append_only_timeline(self, db: peewee.Database, condition: str) -> None:
        """Refuse any change to a timeline entry unless ``condition`` (an SQL test
        on OLD and NEW) allows it: the one trigger on ``event``."""
        db.execute_sql("DROP TRIGGER IF EXISTS event_append_only")
        when = f"WHEN NOT ({condition})" if condition else ""
        db.execute_sql(
            f"""CREATE TRIGGER event_append_only BEFORE UPDATE ON event
            {when}
            BEGIN SELECT RAISE(ABORT, 'timeline events cannot be changed'); END"""
        )

    # --- writing ----------------------------------------------------------------

    def execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """One statement (SQLite's parameter spelling) for each of ``rows``."""
        database.obj.connection().executemany(sql, rows)

    def reserve_ids(self, table: str, count: int) -> list[int]:
        """``count`` new ids for rows about to be inserted into ``table`` with
        their ids given (so that related rows can name them)."""
        last = database.execute_sql(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0]
        return list(range(int(last) + 1, int(last) + 1 + count))

    def put(self, table: type[peewee.Model], **values: Any) -> None:
        """Write a row of a table keyed by its first column (settings, drafts),
        replacing the row with the same key if there is one."""
        table.replace(**values).execute()

    @contextlib.contextmanager
    def overwriting(self) -> Iterator[None]:
        """Removed words are overwritten in the file, not just marked free."""
        database.execute_sql("PRAGMA secure_delete = ON")
        try:
            yield
        finally:
            database.execute_sql("PRAGMA secure_delete = OFF")

    def wait_for_locks(self, milliseconds: int) -> None:
        """How long this connection waits for another's write before saying busy."""
        database.obj.pragma("busy_timeout", milliseconds)

    def limit_waits(self, seconds: float | None) -> None:
        """How long this thread's statements wait for the server's answer; a data
        file on this computer always answers."""

    # --- pieces of queries -------------------------------------------------------

    def nocase(self, expression: str) -> str:
        """``expression`` for sorting and comparing without regard to case."""
        return f"{expression} COLLATE NOCASE"

    def as_text(self, expression: str) -> str:
        """A date or moment as the text SQLite stores ('2026-03-14 10:30:00')."""
        return expression

    def weekday(self, expression: str) -> str:
        """The day of the week of a date, Sunday 0 to Saturday 6, compared with text
        parameters ('0'...'6')."""
        return f"strftime('%w', {expression})"


class ServerEngine(Engine):
    """PostgreSQL."""

    kind = "postgresql"
    shared = True
    ddl: ClassVar[dict[str, str]] = {
        "id": "SERIAL PRIMARY KEY",
        "moment": "TIMESTAMP",
        "bool": "BOOLEAN",
        "false": "FALSE",
        "real": "DOUBLE PRECISION",
        "bytes": "BYTEA",
    }
    # Another counter reading the same row for a change waits until this
    # transaction ends, then reads what it wrote. Not FOR UPDATE: a row written
    # that refers to it (a note to its complaint) takes a KEY SHARE lock on it,
    # which FOR UPDATE would wait for: two counters each holding one and
    # waiting for the other's would be stuck.
    lock_rows = " FOR NO KEY UPDATE"

    # The version is kept in a one-row table rather than a COMMENT: it is read
    # and written in the same transaction as the step it follows (PostgreSQL's
    # DDL is transactional), it is plain to see in pg_dump, and the app's role
    # needs no ownership of the database to change it.
    VERSION_TABLE = "schema_version"

    def schema_version(self, db: peewee.Database) -> int:
        exists = db.execute_sql(
            "SELECT to_regclass(?) IS NOT NULL", (self.VERSION_TABLE,)
        ).fetchone()[0]
        if not exists:
            return 0
        row = db.execute_sql(f"SELECT version FROM {self.VERSION_TABLE}").fetchone()
        return int(row[0]) if row else 0

    def set_schema_version(self, db: peewee.Database, number: int) -> None:
        db.execute_sql(
            f"CREATE TABLE IF NOT EXISTS {self.VERSION_TABLE} ("
            "one BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (one), version INTEGER NOT NULL)"
        )
        db.execute_sql(
            f"INSERT INTO {self.VERSION_TABLE} (one, version) VALUES (TRUE, ?) "
            "ON CONFLICT (one) DO UPDATE SET version = excluded.version",
            (int(number),),
        )

    def append_only_timeline(self, db: peewee.Database, condition: str) -> None:
        # The same test as SQLite's trigger, written for PostgreSQL: ``IS`` between
        # values that may be NULL is IS NOT DISTINCT FROM, instr() is strpos().
        # Its 0 and 1 for the flag ``redacted`` are false and true.
        test = condition
        for sqlite, server in (
            (" IS OLD.", " IS NOT DISTINCT FROM OLD."),
            ("instr(", "strpos("),
            ("OLD.redacted = 0", "NOT OLD.redacted"),
            ("NEW.redacted = 1", "NEW.redacted"),
        ):
            test = test.replace(sqlite, server)
        when = f"IF NOT ({test}) THEN" if condition else "IF TRUE THEN"
        db.execute_sql(
            f"""CREATE OR REPLACE FUNCTION event_append_only() RETURNS trigger AS $$
            BEGIN
                {when}
                    RAISE EXCEPTION 'timeline events cannot be changed'
                        USING ERRCODE = 'integrity_constraint_violation';
                END IF;
                RETURN NEW;
            END $$ LANGUAGE plpgsql"""
        )
        db.execute_sql("DROP TRIGGER IF EXISTS event_append_only ON event")
        db.execute_sql(
            "CREATE TRIGGER event_append_only BEFORE UPDATE ON event "
            "FOR EACH ROW EXECUTE FUNCTION event_append_only()"
        )

    def execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        database.obj.execute_many(sql, list(rows))

    def reserve_ids(self, table: str, count: int) -> list[int]:
        # From the table's own sequence: two counters saving at once never get the same.
        if count <= 0:
            return []
        rows = database.execute_sql(
            "SELECT nextval(pg_get_serial_sequence(?, 'id')) FROM generate_series(1, ?)",
            (table, int(count)),
        )
        return [int(row[0]) for row in rows]

    def put(self, table: type[peewee.Model], **values: Any) -> None:
        key = cast(peewee.Field, table._meta.primary_key)
        others = [field for name, field in table._meta.fields.items() if name != key.name]
        table.insert(**values).on_conflict(conflict_target=[key], preserve=others).execute()

    @contextlib.contextmanager
    def overwriting(self) -> Iterator[None]:
        # The server keeps removed rows until its next VACUUM; nothing to set here.
        yield

    def wait_for_locks(self, milliseconds: int) -> None:
        # Kept for the connection made again should the server go away and come back.
        database.obj.wait_for_locks(milliseconds)

    def limit_waits(self, seconds: float | None) -> None:
        database.obj.limit_waits(seconds)

    def nocase(self, expression: str) -> str:
        return f"lower({expression})"

    def as_text(self, expression: str) -> str:
        return f"CAST({expression} AS TEXT)"

    def weekday(self, expression: str) -> str:
        return f"CAST(EXTRACT(DOW FROM {expression}) AS INTEGER)"


SQLITE = Engine()
SERVER = ServerEngine()


def current() -> Engine:
    """The engine of the database open now (SQLite when none is open)."""
    from models.server import ServerDatabase

    return SERVER if isinstance(database.obj, ServerDatabase) else SQLITE


def for_change(query: peewee.Select) -> peewee.Select:
    """``query``, with the rows it reads kept from other counters' changes until
    this transaction ends (on a server; one window works on a data file)."""
    lock = current().lock_rows.strip()
    return query.for_update(lock) if lock else query  # type: ignore[arg-type]  # the lock's words


def of(db: peewee.Database) -> Engine:
    from models.server import ServerDatabase

    return SERVER if isinstance(db, ServerDatabase) else SQLITE
