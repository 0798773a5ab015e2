"""Trying a PostgreSQL server before the log is kept there (Preferences' "Test
connection"): can it be reached, does it take the connection, is the link
encrypted, is there a database by that name, may the role do what the log
needs, and does it hold a log already. Nothing is created or changed on it.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

import peewee

from models import display
from models.errors import ComplaintDeskError, StorageError

# Seconds to wait for a server that does not answer (libpq waits far longer).
CONNECT_TIMEOUT = 10


@dataclass(frozen=True)
class ServerCheck:
    """What trying the server found: ``said`` in plain words for the owner."""

    ok: bool
    said: str
    holds_log: bool = False
    complaints: int = 0

    @property
    def empty(self) -> bool:
        """True when the log there holds no complaints or customers (or there is none
        yet): this computer's log can be moved there."""
        return self.ok and self.complaints == 0


def check_server(address: str, folder: Path) -> ServerCheck:
    """Connect to the server at ``address`` and say what was found (see the module)."""
    from models.server import ServerDatabase, describe_server_error, has_password, parse_address
    from models.settings import no_password_here

    try:
        parts = parse_address(address)
    except StorageError as exc:
        return ServerCheck(False, str(exc))
    if has_password(parts):
        return ServerCheck(False, no_password_here())
    extra = {} if "connect_timeout" in parts else {"connect_timeout": CONNECT_TIMEOUT}
    db = ServerDatabase(address, folder, **extra)
    try:
        db.connect()
        return _look_around(db, parts)
    except peewee.PeeweeException as exc:
        return ServerCheck(False, describe_server_error(exc, parts))
    except ComplaintDeskError as exc:
        return ServerCheck(False, str(exc))
    finally:
        with contextlib.suppress(Exception):
            db.close()


def _look_around(db: peewee.Database, parts: dict[str, str]) -> ServerCheck:
    from models.migrations import LATEST_VERSION, schema_version
    from models.move import held_on_server
    from models.server import where

    place = where(parts)
    role, schema = db.execute_sql("SELECT current_user, current_schema()").fetchone()
    link = "encrypted" if _encrypted(db) else "not encrypted: on this computer, or as you chose"
    version = schema_version(db)
    if version > LATEST_VERSION:
        return ServerCheck(
            False,
            f"The log on the server ({place}) was written by a newer version of Complaint "
            "Desk: install the newer version on this computer first.",
            holds_log=True,
        )
    if version == 0:
        problem = _cannot_make_a_log(db, role, schema)
        if problem:
            return ServerCheck(False, f"Connected to {place} as {role}, but {problem}")
        return ServerCheck(
            True,
            f"Connected to {place} as {role} ({link}). It holds no Complaint Desk log yet: "
            "one is made there when the log is first opened on it.",
        )
    allowed = db.execute_sql(
        "SELECT has_table_privilege('complaint', 'SELECT, INSERT, UPDATE, DELETE')"
    ).fetchone()[0]
    if not allowed:
        return ServerCheck(
            False,
            f"Connected to {place} as {role}, but that role may not read and change the "
            "log's tables there: the log's role needs to own the database, or to have been "
            "granted its tables.",
            holds_log=True,
        )
    held = held_on_server(db)
    complaints = int(db.execute_sql("SELECT COUNT(*) FROM complaint").fetchone()[0])
    holds = (
        f"a Complaint Desk log with {display.count(complaints, 'complaint')}"
        if held
        else "an empty Complaint Desk log"
    )
    return ServerCheck(
        True, f"Connected to {place} as {role} ({link}). It holds {holds}.", True, held
    )


def _encrypted(db: peewee.Database) -> bool:
    return bool(db.connection().pgconn.ssl_in_use)


def _cannot_make_a_log(db: peewee.Database, role: str, schema: str | None) -> str | None:
    """Why ``role`` could not make a new log there, as the end of a sentence; or None."""
    if schema is None:
        return (
            "there is no schema to make the log's tables in (the search_path names none "
            "that exists): ask whoever runs the server to create one the role may use."
        )
    may_create, has_trgm, may_add = db.execute_sql(
        "SELECT has_schema_privilege(current_schema(), 'CREATE'), "
        "EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'), "
        "has_database_privilege(current_database(), 'CREATE')"
    ).fetchone()
    if not may_create:
        return (
            f"that role may not create tables in the schema {schema}, which the new log "
            "needs: make the role own the database, or grant it CREATE on the schema."
        )
    if not has_trgm and not may_add:
        return (
            "that role may not add the pg_trgm extension the log's search needs: make the "
            "role own the database, or have pg_trgm added to it first."
        )
    return None
