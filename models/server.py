"""The log on a PostgreSQL server, for shops with several counters.

The address follows PostgreSQL's own conventions, read by libpq through
psycopg: a URL (``postgresql://till@backoffice/shop``), or ``key=value`` words
(``service=shop``, naming a section of ``pg_service.conf``); whatever it leaves
out comes from ``PGHOST``, ``PGUSER`` and friends, and the password from
``~/.pgpass``. The app never writes the address, nor any password, anywhere.

:class:`ServerDatabase` is peewee's PostgreSQL database (with psycopg 3) that
also takes the SQL the rest of :mod:`models` writes by hand, in SQLite's
spelling of parameters (``?`` and ``:name``): one spelling, translated here
once, instead of two copies of every query.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import peewee

from models import live
from models.errors import ServerAway, StorageError
from models.server_watch import WATCH

# The schemes libpq takes for a URL; anything else must be key=value words.
URL_SCHEMES = ("postgresql://", "postgres://")
_KEY_VALUE = re.compile(r"^\s*[A-Za-z_]+\s*=")


def is_server_address(text: str | None) -> bool:
    """True when ``text`` names a PostgreSQL server rather than a file or folder."""
    if not text:
        return False
    return text.strip().lower().startswith(URL_SCHEMES) or bool(_KEY_VALUE.match(text))


_SERVICE_NAME = re.compile(r"^[\w.-]+$")


def address_from(text: str) -> str:
    """The address the owner typed, as libpq takes it: a bare word (``shop``) is
    the name of a service in ``pg_service.conf`` (``service=shop``)."""
    text = text.strip()
    if _SERVICE_NAME.match(text) and not is_server_address(text):
        return f"service={text}"
    return text


def has_password(parts: dict[str, str]) -> bool:
    """True when an address (its parts, from :func:`parse_address`) holds a password."""
    return bool(parts.get("password"))


def parse_address(text: str) -> dict[str, str]:
    """The parts of a server address, checked (libpq's own parser): raises
    :class:`StorageError` with one sentence when it cannot be read."""
    try:
        from psycopg import ProgrammingError
        from psycopg.conninfo import conninfo_to_dict
    except ImportError as exc:
        raise StorageError(
            "Keeping the log on a PostgreSQL server needs the PostgreSQL driver, which is "
            "not installed: install Complaint Desk with its 'server' extra "
            "(pip install 'complaint-desk[server]')."
        ) from exc
    if not is_server_address(text):
        raise StorageError(
            f"{describe_address(text)} is not a PostgreSQL address: give a URL such as "
            "postgresql://user@host/dbname, or service=NAME for an entry in pg_service.conf."
        )
    try:
        parts = conninfo_to_dict(text.strip())
    except ProgrammingError as exc:
        raise StorageError(
            f"The server address {describe_address(text)} cannot be read: {_first_line(exc)}."
        ) from exc
    return {key: str(value) for key, value in parts.items() if value is not None}


def describe_address(text: str) -> str:
    """The address as it can be shown or written in a log: never the password."""
    text = text.strip()
    if text.lower().startswith(URL_SCHEMES):
        text = re.sub(r"(://[^:/@?#]*):[^@/?#]*@", r"\1:***@", text)
        return re.sub(r"([?&]password=)[^&#]*", r"\1***", text, flags=re.IGNORECASE)
    return re.sub(
        r"(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", r"\1***", text, flags=re.IGNORECASE
    )


def where(parts: dict[str, str]) -> str:
    """'database shop on backoffice' (or 'service shop'), for messages."""
    if "service" in parts and "dbname" not in parts:
        return f"service {parts['service']}"
    host = parts.get("host") or parts.get("hostaddr") or "this computer"
    if host.startswith("/"):
        host = "this computer"
    name = parts.get("dbname") or parts.get("user") or "the default database"
    return f"database {name} on {host}"


THIS_COMPUTER = frozenset({"localhost", "127.0.0.1", "::1", ""})


def unencrypted(host: str, encrypted: bool, sslmode: str | None) -> str | None:
    """Why a connection may not be used: one to another computer that is not
    encrypted, unless the owner chose that plainly (``sslmode`` in the address,
    or ``PGSSLMODE``). None when it may."""
    import os

    on_this_computer = host.startswith("/") or host.lower() in THIS_COMPUTER
    if encrypted or on_this_computer:
        return None
    if sslmode or os.environ.get("PGSSLMODE"):
        return None  # the owner said what they want, and libpq did it
    return (
        f"The connection to {host} is not encrypted, so customers' details would cross the "
        "network in plain text: set up TLS on the server (then add sslmode=require to the "
        "address), or, on a network you trust, add sslmode=disable to go on without it"
    )


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0].rstrip(".") if text else type(exc).__name__


# SQLSTATEs that mean another counter's change was in the way: trying again can work.
_BUSY_STATES = frozenset({"55P03", "40001", "40P01", "57014"})


def _sqlstate(exc: BaseException) -> str:
    for each in (exc, getattr(exc, "orig", None), exc.__cause__, exc.__context__):
        state = getattr(each, "sqlstate", None)
        if state:
            return str(state)
    return ""


def is_busy(exc: BaseException) -> bool:
    """True when the server refused because of another connection's change
    (a lock waited on too long, a conflict between two transactions)."""
    return _sqlstate(exc) in _BUSY_STATES


def _lost_connection(exc: BaseException) -> bool:
    """True for an error met while connecting, or with the connection gone."""
    import psycopg

    for each in (exc, exc.__cause__, exc.__context__):
        if isinstance(each, (psycopg.OperationalError, psycopg.InterfaceError)):
            return True
        if isinstance(each, (peewee.OperationalError, peewee.InterfaceError)):
            return True
    return False


# What libpq says when the server refuses a connection, which comes without a
# SQLSTATE: the state the server meant.
_REFUSALS = (
    (re.compile(r'database ".*" does not exist'), "3D000"),
    (re.compile(r"password authentication failed|no password supplied"), "28P01"),
    (re.compile(r'role ".*" does not exist|no pg_hba\.conf entry'), "28000"),
    (re.compile(r"permission denied for database"), "42501"),
)


def _refusal(said: str) -> tuple[str, str]:
    """The SQLSTATE and the server's own words in a refused connection's message
    ("connection to server ... failed: FATAL:  database "x" does not exist")."""
    if "FATAL:" not in said:
        return "", said
    words = said.rsplit("FATAL:", 1)[1].strip()
    for pattern, state in _REFUSALS:
        if pattern.search(words):
            return state, words
    return "", said


def server_said(exc: BaseException) -> tuple[str, str]:
    """The SQLSTATE of an error met with the server ("" when there is none) and
    what the server or libpq said, in one line (the server's own words, for a
    refused connection)."""
    state = _sqlstate(exc)
    said = _first_line(exc)
    if not state:
        state, said = _refusal(said)
    return state, said


def refused(exc: BaseException) -> bool:
    """True when the server answered and refused (a password, a database, a right):
    not a server that cannot be reached."""
    state = server_said(exc)[0]
    return state.startswith("28") or state in ("3D000", "42501")


def describe_server_error(exc: BaseException, parts: dict[str, str]) -> str:
    """One sentence saying what went wrong with the server and what to do."""
    state, said = server_said(exc)
    place = where(parts)
    if is_busy(exc):
        return (
            f"The log on the server ({place}) is busy with another counter's change; "
            "nothing was changed: try again in a moment."
        )
    if "no password supplied" in said.lower():  # libpq's words: no line in ~/.pgpass
        from models.server_reach import reason

        found = reason(exc, parts)
        return f"The server ({place}) could not be used. {found.why} {found.fix}"
    if "ssl negotiation" in said.lower() or "ssl syscall" in said.lower():
        return (
            f"Something answered at {place}, but not as a PostgreSQL server does (a web "
            "server, perhaps): check the server's name and port in the address."
        )
    if state.startswith("28") or "password" in said.lower():
        from models.server_reach import where_the_password_goes

        return (
            f"The server ({place}) refused the connection: {said}. Check the user name; "
            f"{where_the_password_goes(parts)} Never put it in the address."
        )
    if state == "3D000":
        return (
            f"The server has no database by that name ({place}): {said}. "
            "Create it first, or check the address."
        )
    if state == "42501":
        return (
            f"The server ({place}) does not allow this: {said}. The log's role needs to own "
            "the database, or to have been granted its tables."
        )
    if state.startswith(("08", "57")) or (not state and _lost_connection(exc)):
        from models.server_reach import reason

        # In plain words ("No computer called backofice can be found…"), never
        # libpq's ("failed to resolve host 'backofice': [Errno -2]…").
        why = reason(exc, parts).why
        return (
            f"The server ({place}) cannot be reached. {why} Check that it is running, the "
            "address, and the network; nothing was changed."
        )
    return f"The log on the server ({place}) could not be used: {said}."


# --- one spelling of hand-written SQL ------------------------------------------

_TOKENS = re.compile(
    r"""('(?:[^']|'')*')          # a string literal
      | ("(?:[^"]|"")*")          # a quoted name
      | (--[^\n]*)                # a comment
      | (\?)                      # a positional parameter
      | (?<!:):([A-Za-z_]\w*)     # a named parameter (not a ::cast)
      | (%(?:s|\([A-Za-z_]\w*\)s)?)  # psycopg's own markers (from peewee), or a lone %
    """,
    re.VERBOSE,
)


@lru_cache(maxsize=2048)
def translate(sql: str) -> str:
    """SQLite's ``?`` and ``:name`` as psycopg's ``%s`` and ``%(name)s``; a ``%``
    the SQL means literally (in LIKE patterns, in text) doubled. Markers already
    in psycopg's spelling (peewee's own queries) are left as they are."""

    def one(match: re.Match[str]) -> str:
        literal, quoted, comment, positional, named, percent = match.groups()
        if literal is not None:
            return literal.replace("%", "%%")
        if quoted is not None or comment is not None:
            return (quoted or comment or "").replace("%", "%%")
        if positional is not None:
            return "%s"
        if named is not None:
            return f"%({named})s"
        return "%%" if percent == "%" else percent

    return _TOKENS.sub(one, sql)


# psycopg's errors as peewee's (IntegrityError, OperationalError...), as for every query.
_PEEWEE_ERRORS = vars(peewee)["__exception_wrapper__"]

# SQLite's ways of starting a transaction, which mean nothing on a server
# (PostgreSQL takes row locks as it writes).
_SQLITE_LOCK_MODES = frozenset({"DEFERRED", "IMMEDIATE", "EXCLUSIVE"})


# How the app's connections notice a server that has gone (a network cable out,
# the server's computer switched off), unless the address says otherwise:
# PostgreSQL's own settings. A connection that cannot be made in 5 seconds is
# given up; an idle one is checked after 3 seconds of quiet, every second, and
# given up after 2 checks unanswered; a statement whose data the server has not
# acknowledged within 3 seconds is given up (the window waits on it at most
# that long: the connection listening for changes usually notices first, and
# from then on nothing waits on the network). None of these apply to a server
# on this computer reached through its socket file.
NETWORK = {
    "connect_timeout": "5",
    "keepalives": "1",
    "keepalives_idle": "3",
    "keepalives_interval": "1",
    "keepalives_count": "2",
    "tcp_user_timeout": "3000",
}
# Those libpq also takes from the environment, where the owner's setting wins.
_NETWORK_ENVIRONMENT = {"connect_timeout": "PGCONNECT_TIMEOUT"}

# Told, from whichever thread met it, that the server cannot be reached (with
# the sentence saying so): the window's banner (see ui.shared_log).
_away_hooks: list[Callable[[str], None]] = []


def when_away(hook: Callable[[str], None]) -> None:
    """From now on, tell ``hook`` when the server is found to be away."""
    _away_hooks.append(hook)


def stop_when_away(hook: Callable[[str], None]) -> None:
    with contextlib.suppress(ValueError):
        _away_hooks.remove(hook)


class ServerDatabase(peewee.PostgresqlDatabase):
    """peewee's PostgreSQL database on psycopg 3, taking SQLite's parameter spelling
    in :meth:`execute_sql` (queries peewee builds itself are passed as they are).

    It also tells the other counters what it changed (see :mod:`models.live`),
    and is the one place where a lost connection is met: the error becomes
    :class:`~models.errors.ServerAway`, the hooks given to :func:`when_away` are
    told, and until :meth:`came_back` no connection is tried on the spot (a
    statement is refused at once, rather than wait on the network), while
    :meth:`new_connection` tries, off the window's thread."""

    def __init__(self, address: str, folder: Path, **kwargs: Any) -> None:
        self.address = address
        self.parts = parse_address(address)
        self.folder = folder
        # Why the server cannot be reached, while it cannot (None: it can).
        self.away: str | None = None
        self._pending = live.Pending()
        # Each thread's own settings for its connections (the lock timeout).
        self._session = threading.local()
        # Connections made on another thread for a thread to take (see came_back).
        self._handed: dict[int, Any] = {}
        super().__init__(
            address,
            prefer_psycopg3=True,
            # A name the server's own views show (pg_stat_activity).
            application_name="complaint-desk",
            **kwargs,
        )

    def _connect(self) -> Any:
        handed = self._handed.pop(threading.get_ident(), None)
        if handed is not None:
            return handed
        if self.away is not None:
            raise ServerAway(self.away)
        return self.new_connection()

    def _network_settings(self) -> dict[str, str]:
        from psycopg import pq

        return {
            key: value
            for key, value in NETWORK.items()
            if key not in self.parts
            and not os.environ.get(_NETWORK_ENVIRONMENT.get(key, ""))
            # libpq learnt tcp_user_timeout in version 12.
            and (key != "tcp_user_timeout" or pq.version() >= 120000)
        }

    def new_connection(self) -> Any:
        """A new connection to the server (psycopg's), set up as the app uses it;
        tried now, even while the server is away. Raises psycopg's errors, or
        :class:`StorageError` for a connection that would not be encrypted."""
        import psycopg

        # libpq reads the address: a URL or key=value words, with PGHOST and the
        # like, pg_service.conf and ~/.pgpass filling in what it leaves out.
        conn = psycopg.connect(
            self.address.strip(), **{**self._network_settings(), **self.connect_params}
        )
        problem = unencrypted(
            conn.info.host, bool(conn.pgconn.ssl_in_use), self.parts.get("sslmode")
        )
        if problem:
            conn.close()
            raise StorageError(f"{problem} (the server: {where(self.parts)}).")
        conn.autocommit = True
        # The window's statements read a page, a count or a month's figures:
        # compiling one to machine code (PostgreSQL's JIT, made for long reports)
        # costs more than it saves, a tenth of a second or more on each statement
        # the planner takes for a large one; and starting helper processes for a
        # page of 100 rows costs more than it saves, on a server whose few cores
        # every counter shares. (PostgreSQL 11 and later have both settings.)
        conn.execute("SET jit = off")
        conn.execute("SET max_parallel_workers_per_gather = 0")
        # Dates and times come back as text, the way SQLite gives them, so the
        # code reading hand-written queries is the same for both engines (and
        # peewee's fields read them as they read SQLite's).
        from psycopg.types.string import TextLoader

        for name in ("timestamp", "date"):
            conn.adapters.register_loader(name, TextLoader)
        return conn

    def _initialize_connection(self, conn: Any) -> None:
        # A connection made again (the server was away) waits for locks as the
        # one it replaces did.
        milliseconds = getattr(self._session, "lock_timeout", None)
        if milliseconds is not None:
            conn.execute(f"SET lock_timeout = {int(milliseconds)}")

    def wait_for_locks(self, milliseconds: int) -> None:
        """How long this thread's connection waits for another's lock (see
        :meth:`models.engine.Engine.wait_for_locks`), kept for its next connections."""
        self._session.lock_timeout = int(milliseconds)
        self.execute_sql(f"SET lock_timeout = {int(milliseconds)}")

    # --- statements, and the changes they tell the other counters ---------------

    def execute_sql(self, sql: str, params: Any = None) -> Any:
        sql = translate(sql)
        with self._meeting_loss():
            cursor = super().execute_sql(sql, params if params is not None else ())
        self._ran(sql)
        return cursor

    def execute(self, query: Any, **context_options: Any) -> Any:
        # A query peewee built: already in psycopg's spelling.
        ctx = self.get_sql_context(**context_options)
        sql, params = ctx.sql(query).query()
        with self._meeting_loss():
            cursor = peewee.Database.execute_sql(self, sql, params)
        self._ran(sql)
        return cursor

    def execute_many(self, sql: str, rows: list[Any]) -> None:
        """One statement for each of ``rows`` (SQLite's parameter spelling)."""
        sql = translate(sql)
        with self._meeting_loss(), _PEEWEE_ERRORS:
            cursor = self.cursor()
            cursor.executemany(sql, rows)
        self._ran(sql)

    def begin(self, isolation_level: Any = None) -> None:
        if isinstance(isolation_level, str) and isolation_level.upper() in _SQLITE_LOCK_MODES:
            isolation_level = None
        with self._meeting_loss():
            super().begin(isolation_level)

    def commit(self) -> None:
        self._announce()  # in the transaction: delivered with its commit
        with self._meeting_loss(committing=True):
            super().commit()

    def rollback(self) -> None:
        self._pending.drop()
        if self._connection_gone():
            return  # the server dropped the transaction with the connection
        with self._meeting_loss():
            super().rollback()

    def _ran(self, sql: str) -> None:
        """``sql`` ran: note the table it wrote; outside a transaction, tell now."""
        if self._pending.note(sql) and not self.in_transaction():
            self._announce()

    def _announce(self) -> None:
        """Tell the other counters which watched tables this thread's transaction wrote."""
        tables = self._pending.take()
        if not tables:
            return
        with self._meeting_loss():
            peewee.Database.execute_sql(
                self, "SELECT pg_notify(%s, %s)", (live.CHANNEL, live.payload(tables))
            )

    # --- the server going away, and coming back ---------------------------------

    def _connection_gone(self) -> bool:
        """True when this thread has no working connection (never made, or lost)."""
        if self.is_closed():
            return True
        return bool(self.connection().closed)

    def limit_waits(self, seconds: float | None) -> None:
        """This thread's statements wait at most ``seconds`` for the server's answer,
        then the server is taken as away (see :mod:`models.server_watch`)."""
        WATCH.limit(seconds)

    def _socket(self) -> int | None:
        """This thread's connection's socket, or None when it has none open."""
        conn = getattr(vars(self).get("_state"), "conn", None)
        if conn is None or conn.closed:
            return None
        try:
            return int(conn.fileno())
        except Exception:  # psycopg's error for a connection it no longer has
            return None

    @contextlib.contextmanager
    def _meeting_loss(self, *, committing: bool = False) -> Iterator[None]:
        """Turn an error met because the connection was lost into :class:`ServerAway`."""
        try:
            with WATCH.statement(self._socket()):
                yield
        except (peewee.OperationalError, peewee.InterfaceError) as exc:
            if refused(exc) or not self._connection_gone():
                raise
            raise self.went_away(exc, committing=committing) from exc

    def unreachable(self, exc: BaseException) -> ServerAway:
        """``exc``, met connecting to the server or with the connection lost, as said."""
        return ServerAway(describe_server_error(exc, self.parts))

    def went_away(self, exc: BaseException, *, committing: bool = False) -> ServerAway:
        """The server cannot be reached (``exc`` says why): from now on no
        connection is tried on the spot, and the hooks are told. Returns the error
        to raise."""
        error = self.unreachable(exc)
        if committing:
            error = ServerAway(
                f"The connection to the server ({where(self.parts)}) was lost while a change "
                "was being saved, so it may or may not have been saved: look for it once the "
                "server is back."
            )
        if self.away is None:
            # Said again for every statement refused until the server is back: not
            # the first error's own words, which soon stop being true ("shutting down").
            self.away = (
                f"The server ({where(self.parts)}) cannot be reached just now; nothing was "
                "changed. Complaint Desk tries again every few seconds."
            )
        from models.db import database

        if database.obj is self:  # not a server being tried in Preferences
            for hook in list(_away_hooks):
                hook(self.away)
        return error

    @property
    def place(self) -> str:
        """'database shop on backoffice', for the window's words."""
        return where(self.parts)

    def try_again(self) -> Any:
        """A new connection if the server can be reached now, for :meth:`came_back`
        (slow while it cannot: call it off the window's thread). Raises
        :class:`ServerAway` when it still cannot be reached."""
        import psycopg

        from models.errors import ServerRefused

        try:
            return self.new_connection()
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            if refused(exc):
                raise ServerRefused(describe_server_error(exc, self.parts)) from exc
            raise self.went_away(exc) from exc

    def came_back(self, conn: Any) -> None:
        """The server can be reached again: this thread's connection is replaced by
        ``conn`` (from :meth:`try_again`), and connections are made on the spot
        again. Nothing waits on the network here but one short statement."""
        self.away = None
        if self.in_transaction():  # never under an open transaction: next time
            conn.close()
            return
        with contextlib.suppress(peewee.PeeweeException, OSError):
            self.close()
        self._handed[threading.get_ident()] = conn
        try:
            with self._meeting_loss():
                self.connect()
        finally:
            self._handed.pop(threading.get_ident(), None)

    def let_go(self) -> None:
        """While the server is away: close this thread's connection (unless a
        transaction is open on it), so that its next statement is refused at once
        rather than wait on the network for a connection that may be dead."""
        if self.in_transaction():
            return
        with contextlib.suppress(peewee.PeeweeException, OSError):
            self.close()

    def __repr__(self) -> str:
        return f"<ServerDatabase {describe_address(self.address)}>"
