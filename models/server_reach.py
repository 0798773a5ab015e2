"""The log's server when it cannot be reached as the log is opened (in the
morning, the back-office computer still starting; a cable out; a wrong address):
which server, in plain words and never with a password; why it cannot be used
now, in one sentence; whether waiting puts it right (a server still starting
does, a password refused does not) and if not, what to do; and one short try,
which the window repeats off its thread until the server answers.

The rule for what the server refused is :func:`models.server.refused`, the
same one that tells a lost connection from a refusal while the window is open.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from models.errors import ComplaintDeskError, ServerUnreachable

# Seconds one try at start-up waits for a server that does not answer (unless the
# address or PGCONNECT_TIMEOUT says otherwise): short, as it is tried again soon.
TRY_SECONDS = 3


@dataclass(frozen=True)
class Reason:
    """Why the server cannot be used now: ``why`` in one sentence; ``fix``, what to
    do when waiting will not put it right (``lasting``)."""

    why: str
    fix: str = ""
    lasting: bool = False


_QUOTED = re.compile(r'"([^"]+)"')
_SERVER_AT = re.compile(r'connection to server at "([^"]+)"')
_USER = re.compile(r'\buser "([^"]+)"')


def _host(parts: dict[str, str], said: str = "") -> str | None:
    """The computer the server runs on, as given (or as libpq said it tried);
    "" for this computer; None when only a service knows it."""
    from models.server import THIS_COMPUTER

    host = parts.get("host") or parts.get("hostaddr") or ""
    if not host:
        if found := _SERVER_AT.search(said):
            host = found.group(1)
        elif "service" in parts and "on socket" not in said:
            return None
    if host.startswith("/") or host.lower() in THIS_COMPUTER:
        return ""
    return host.replace(",", ", ")


def server_words(parts: dict[str, str], said: str = "") -> str:
    """'the server at backoffice, in its database "shop"', for a sentence."""
    host = _host(parts, said)
    if host is None:
        where = f"the server of the service {parts['service']} (pg_service.conf)"
    elif host:
        where = f"the server at {host}"
    else:
        where = "the database server on this computer"
    name = parts.get("dbname")
    return f"{where}, in its database “{name}”" if name else where


def _quoted(said: str, default: str) -> str:
    found = _QUOTED.search(said)
    return found.group(1) if found else default


def password_file() -> str:
    """Where libpq reads passwords on this computer: ``$PGPASSFILE``, else
    ``~/.pgpass`` (on Windows ``%APPDATA%\\postgresql\\pgpass.conf``)."""
    chosen = os.environ.get("PGPASSFILE")
    if chosen:
        return chosen
    if os.name == "nt":
        return str(Path(os.environ.get("APPDATA", "~")) / "postgresql" / "pgpass.conf")
    return str(Path.home() / ".pgpass")


def password_line(parts: dict[str, str]) -> str:
    """The line of the password file for the server ``parts`` name, the password to
    be written in place of PASSWORD: ``backoffice:5432:shop:shop:PASSWORD``."""
    host = parts.get("host") or "localhost"
    if host.startswith("/"):  # a socket's folder: the file names it as localhost
        host = "localhost"
    port = parts.get("port") or "5432"
    user = parts.get("user") or os.environ.get("PGUSER") or "*"
    database = parts.get("dbname") or user
    return f"{host.split(',')[0]}:{port.split(',')[0]}:{database}:{user}:PASSWORD"


def where_the_password_goes(parts: dict[str, str]) -> str:
    """One sentence: the file, and the line to write in it."""
    return (
        f"Put the password in the password file {password_file()}, on a line of its own: "
        f"{password_line(parts)} (your password in place of PASSWORD)."
    )


def reason(exc: BaseException, parts: dict[str, str]) -> Reason:
    """Why the server at ``parts`` could not be connected to (``exc``: what was
    met trying), in plain words (see the module)."""
    if isinstance(exc, ComplaintDeskError):  # the link would not be encrypted
        return Reason(str(exc), lasting=True)
    from models.server import refused, server_said

    state, said = server_said(exc)
    if refused(exc) or "password" in said.lower():
        return _refusal(state, said, parts)
    text = str(exc).lower()
    if "service" in text and "not found" in text:
        return Reason(
            f"There is no service called {parts.get('service', '')} in pg_service.conf.",
            "Check its name, or give the server's address instead.",
            lasting=True,
        )
    if "ssl" in text and ("does not support" in text or "required" in text):
        return Reason(
            "The server does not offer the encrypted connection the address asks for.",
            "Set up TLS on the server, or change sslmode in the address.",
            lasting=True,
        )
    return Reason(_passing(state, said, _host(parts, str(exc))))


def _refusal(state: str, said: str, parts: dict[str, str]) -> Reason:
    """The server answered and said no: that stays so until someone changes something."""
    # 'for user "till"' when the server names it; never the address libpq quotes
    # first ('connection to server at "127.0.0.1"').
    named = _USER.search(said)
    user = named.group(1) if named else parts.get("user", "") or "this computer's user"
    words = said.lower()
    if "no password supplied" in words:
        database = parts.get("dbname", "")
        for_what = (
            f"the user {user} and the database “{database}”" if database else f"the user {user}"
        )
        return Reason(
            f"The server asks for a password, and none was found for {for_what}.",
            f"{where_the_password_goes(parts)} Check the user and database names in the "
            "address too: a misspelt one finds no line. Or ask whoever set up the server.",
            lasting=True,
        )
    if "password" in words:
        return Reason(
            f"The server refused the password for the user {user}.",
            f"Check the password on that user's line in the password file {password_file()}, "
            "or ask whoever set up the server.",
            lasting=True,
        )
    if "role" in words and "does not exist" in words:
        return Reason(
            f"The server does not know the user {user}.",
            "Check the user name in the address, or ask whoever looks after the server to "
            "create that user.",
            lasting=True,
        )
    if "pg_hba.conf" in words:
        return Reason(
            f"The server does not let the user {user} in from this computer.",
            "Ask whoever looks after the server to allow it (in its pg_hba.conf).",
            lasting=True,
        )
    name = _quoted(said, parts.get("dbname", ""))
    if state == "3D000":
        return Reason(
            f"The server has no database called “{name}”.",
            "Check the address, or ask whoever looks after the server to create it.",
            lasting=True,
        )
    if state == "42501":
        return Reason(
            f"The server does not let the user {user} use the database “{name}”.",
            "Ask whoever looks after the server to grant it.",
            lasting=True,
        )
    return Reason(
        f"The server refused the connection ({said}).",
        "Check the user name and the password, or ask whoever looks after the server.",
        lasting=True,
    )


def _passing(state: str, said: str, host: str | None) -> str:
    """Why a server that did not answer (or not yet) cannot be used: one sentence."""
    text = said.lower()
    if state == "57P03" or "starting up" in text:
        return "The database server is still starting up."
    if state.startswith("57") or "shutting down" in text:
        return "The database server is stopping or restarting."
    if state == "53300" or "too many" in text:
        return "The database server has as many connections as it takes; one may be free soon."
    if "unreachable" in text or "no route" in text:
        return (
            f"The network cannot reach {host or 'the server'}: a cable may be out, or the "
            "network may be down."
        )
    if "no such file or directory" in text or "connection refused" in text:
        starting = "is not running (it may still be starting)"
        if host == "":
            return f"The database server on this computer {starting}."
        computer = f"The computer {host}" if host else "The server's computer"
        return f"{computer} answered, but its database server {starting}."
    if "resolve host" in text or "translate host name" in text:
        return (
            f"No computer called {host} can be found on the network: it may be switched off "
            "or still starting, the network may be down, or the name may be mistyped."
        )
    if "timeout" in text or "timed out" in text:
        computer = f"The computer {host}" if host else "The database server on this computer"
        if host is None:
            computer = "The server"
        return (
            f"{computer} did not answer in time: it may be switched off or still starting, or "
            "the network may be down."
        )
    if "closed the connection" in text or "terminat" in text:
        return (
            "The connection was cut as soon as it was made: the server may be restarting, or "
            "the network may be down."
        )
    return f"The server could not be reached ({said.rstrip('.')})."


def not_reached(exc: BaseException, parts: dict[str, str]) -> ServerUnreachable:
    """``exc``, met connecting to the server at ``parts`` to open the log, as raised."""
    from models.server import describe_server_error

    message = str(exc) if isinstance(exc, ComplaintDeskError) else describe_server_error(exc, parts)
    found = reason(exc, parts)
    return ServerUnreachable(
        message,
        server=server_words(parts, str(exc)),
        why=found.why,
        fix=found.fix,
        lasting=found.lasting,
    )


def reach(address: str, folder: Path) -> None:
    """Try once to connect to the server at ``address`` (``folder``: the data
    folder), waiting at most :data:`TRY_SECONDS` for an answer: returns once the
    server takes a connection (closed again at once; nothing is read or written);
    raises :class:`ServerUnreachable` when it does not. Slow while the server
    cannot be reached: call it off the window's thread."""
    import psycopg

    from models.server import ServerDatabase, parse_address

    parts = parse_address(address)
    waits = "connect_timeout" in parts or os.environ.get("PGCONNECT_TIMEOUT")
    db = ServerDatabase(address, folder, **({} if waits else {"connect_timeout": TRY_SECONDS}))
    try:
        connection = db.new_connection()
    except (psycopg.Error, ComplaintDeskError) as exc:
        raise not_reached(exc, parts) from exc
    with contextlib.suppress(psycopg.Error):
        connection.close()
