"""What one counter changes, shown at the others within a second.

With the log on a PostgreSQL server, every transaction that writes to a table
the window shows (complaints, customers, follow-ups, timeline entries, ticks,
evidence, agreed actions, letters) sends one notification on :data:`CHANNEL`
(PostgreSQL's NOTIFY) as it commits, saying which tables it wrote and which
process sent it. The server database sends it itself
(:class:`models.server.ServerDatabase` notes every statement it runs in a
:class:`Pending`), so every path that writes, now or later, sends it without
its callers doing anything; and PostgreSQL delivers it with the commit, or not
at all when the transaction is rolled back.

A window listens on a connection of its own (:class:`Listener`) and reads its
lists again; it leaves out what its own process sent (:attr:`Change.ours`),
which it has shown already. On SQLite there is one window per data file, and
nothing is sent.

The notification names tables, not rows: the statements are seen as SQL, where
the table written is always plain and the rows are not. The window reads the
complaint in hand again and compares, which tells whether it was that one.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from models.errors import ServerAway

if TYPE_CHECKING:
    from models.server import ServerDatabase

CHANNEL = "complaint_desk_changes"

# The tables whose changes another counter's window shows: the log, the morning
# list and the complaint in hand. Drafts, settings, the search index and the
# reference counter are not among them (a draft is saved as the person types).
WATCHED = frozenset(
    {
        "complaint",
        "customer",
        "follow_up",
        "event",
        "checklist_tick",
        "attachment",
        "agreed_action",
        "letter",
    }
)

# This process, as its notifications name it: its process id, and a few random
# characters, as two computers' processes can have the same id.
SENDER = f"{os.getpid()}.{secrets.token_hex(4)}"

_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([A-Za-z_]\w*)', re.IGNORECASE)


def written_table(sql: str) -> str | None:
    """The table an INSERT, UPDATE or DELETE statement writes; None for any other."""
    found = _WRITE.match(sql)
    return found.group(1).lower() if found else None


@dataclass(frozen=True)
class Change:
    """One committed transaction of another process: the tables it wrote."""

    tables: frozenset[str]
    sender: str
    restored: str = ""  # the backup the log was put back from, by that process
    by: str = ""  # who put it back

    @property
    def ours(self) -> bool:
        """Sent by this process (whose window has shown it already)."""
        return self.sender == SENDER


def payload(tables: frozenset[str], restored: str = "", by: str = "") -> str:
    """The notification's text: ``{"from": SENDER, "tables": [...]}``, a few dozen
    bytes (and ``"restored"``: the backup's name, when the log was put back)."""
    data: dict[str, object] = {"from": SENDER, "tables": sorted(tables)}
    if restored:
        data["restored"], data["by"] = restored, by
    return json.dumps(data, separators=(",", ":"))


def tell_restored(db: ServerDatabase, backup: str, by: str) -> None:
    """Tell every counter that the log was put back from ``backup``: everything
    they show is to be read again. Sent as the transaction it is called in commits."""
    db.execute_sql("SELECT pg_notify(?, ?)", (CHANNEL, payload(WATCHED, backup[:200], by[:200])))


def read_payload(text: str) -> Change | None:
    """The change a notification's text describes; None for text that is not one."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    sender, tables, restored = data.get("from"), data.get("tables"), data.get("restored", "")
    if not isinstance(sender, str) or not isinstance(tables, list):
        return None
    restored = restored if isinstance(restored, str) else ""
    by = data.get("by", "")
    by = by if isinstance(by, str) else ""
    return Change(frozenset(str(t) for t in tables if isinstance(t, str)), sender, restored, by)


class Pending:
    """The watched tables each thread's open transaction has written so far (each
    thread has its own connection, and its own transaction)."""

    def __init__(self) -> None:
        self._local = threading.local()

    def _tables(self) -> set[str]:
        tables = getattr(self._local, "tables", None)
        if tables is None:
            tables = self._local.tables = set()
        return tables

    def note(self, sql: str) -> bool:
        """Note the table ``sql`` writes, if it is watched; True when it is."""
        table = written_table(sql)
        if table not in WATCHED:
            return False
        self._tables().add(table)
        return True

    def take(self) -> frozenset[str]:
        """The tables noted, forgotten from now on."""
        tables = self._tables()
        taken = frozenset(tables)
        tables.clear()
        return taken

    def drop(self) -> None:
        """The transaction was rolled back: nothing to tell."""
        self._tables().clear()


class Listener:
    """A connection of its own to ``db``'s server, listening on :data:`CHANNEL`.

    Used by one thread (the window's listening thread): :meth:`listen`, then
    :meth:`wait` again and again. Both raise :class:`ServerAway` when the server
    cannot be reached, or the connection to it is lost; :meth:`listen` again
    once it is back (nothing sent meanwhile is kept for it: read everything again).
    """

    # A connection that has heard nothing for this long asks the server a question
    # and waits at most ANSWER_SECONDS for the answer: a server that stopped
    # answering (its processes paused, its computer swapping) is noticed even
    # while nobody uses the window (see models.server_watch).
    QUIET_SECONDS = 5.0
    ANSWER_SECONDS = 3.0

    def __init__(self, db: ServerDatabase) -> None:
        self._db = db
        self._conn: Any = None
        self._heard = time.monotonic()

    @property
    def listening(self) -> bool:
        return self._conn is not None and not self._conn.closed

    def listen(self) -> None:
        import psycopg

        self.close()
        try:
            conn = self._db.new_connection()
        except psycopg.Error as exc:
            raise self._db.unreachable(exc) from exc
        try:
            conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as exc:
            conn.close()
            raise self._db.unreachable(exc) from exc
        self._conn = conn
        self._heard = time.monotonic()

    def wait(self, seconds: float) -> list[Change]:
        """The changes other processes committed, as soon as the first arrives, or
        none after ``seconds``."""
        import psycopg

        if not self.listening:
            raise ServerAway(self._db.away or "Not listening to the server.")
        changes = []
        try:
            for note in self._conn.notifies(timeout=seconds, stop_after=1):
                change = read_payload(note.payload)
                if change is not None and not change.ours:
                    changes.append(change)
        except psycopg.Error as exc:
            self.close()
            raise self._db.unreachable(exc) from exc
        if changes:
            self._heard = time.monotonic()
        elif time.monotonic() - self._heard >= self.QUIET_SECONDS:
            self._ask()
        return changes

    def _ask(self) -> None:
        """Is the server still answering? Raises :class:`ServerAway` when not."""
        import psycopg

        from models.server_watch import WATCH

        WATCH.limit(self.ANSWER_SECONDS)  # this thread's: it only ever listens
        try:
            with WATCH.statement(self._conn.fileno()):
                self._conn.execute("SELECT 1")
        except psycopg.Error as exc:
            self.close()
            raise self._db.unreachable(exc) from exc
        self._heard = time.monotonic()

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):  # one already lost closes without a word
                conn.close()
