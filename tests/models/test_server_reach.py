"""A server that cannot be reached as the log is opened: which one and why, in one
plain sentence (never a password); whether waiting puts it right; one short try."""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from psycopg.conninfo import make_conninfo

from desktop.startup import open_data
from models.db import DATABASE_FILE_NAME
from models.errors import ServerUnreachable
from models.server_reach import TRY_SECONDS, reach
from tests.conftest import TEST_SERVER


def _said(problem: ServerUnreachable) -> str:
    return " ".join((str(problem), problem.server, problem.why, problem.fix))


def test_a_server_that_is_not_running_is_said_plainly_and_is_worth_waiting_for(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    address = f"postgresql://till:s3cr3t@/shop?host={tmp_path / 'no-server-here'}"
    with pytest.raises(ServerUnreachable) as raised:
        open_data(folder, database=address)
    problem = raised.value
    assert problem.server == "the database server on this computer, in its database “shop”"
    assert problem.why == (
        "The database server on this computer is not running (it may still be starting)."
    )
    assert not problem.lasting and problem.fix == ""
    # What a command prints: one sentence on one line.
    assert "cannot be reached" in str(problem) and "\n" not in str(problem)
    assert "s3cr3t" not in _said(problem)
    assert not (folder / DATABASE_FILE_NAME).exists()


@pytest.fixture
def silent_computer() -> Iterator[int]:
    """A port on this computer that takes connections and never says a word."""
    silent = socket.create_server(("127.0.0.1", 0))
    yield silent.getsockname()[1]
    silent.close()


def test_a_server_that_does_not_answer_is_given_up_on_within_seconds(
    silent_computer: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PGCONNECT_TIMEOUT", raising=False)
    address = f"postgresql://till@127.0.0.1:{silent_computer}/shop"
    started = time.monotonic()
    with pytest.raises(ServerUnreachable) as raised:
        reach(address, tmp_path)
    assert time.monotonic() - started < TRY_SECONDS + 2
    assert "did not answer in time" in raised.value.why
    assert not raised.value.lasting


def test_a_computer_that_refuses_the_connection_is_worth_waiting_for(tmp_path: Path) -> None:
    free = socket.create_server(("127.0.0.1", 0))
    port = free.getsockname()[1]
    free.close()  # nothing listens there now
    with pytest.raises(ServerUnreachable) as raised:
        reach(f"postgresql://till@127.0.0.1:{port}/shop", tmp_path)
    assert "not running (it may still be starting)" in raised.value.why
    assert not raised.value.lasting


def test_a_computer_name_that_cannot_be_found_is_said(tmp_path: Path) -> None:
    with pytest.raises(ServerUnreachable) as raised:
        reach("postgresql://till@backoffice.invalid/shop", tmp_path)
    problem = raised.value
    assert problem.server == "the server at backoffice.invalid, in its database “shop”"
    assert problem.why.startswith("No computer called backoffice.invalid can be found")
    assert not problem.lasting


def test_a_user_the_server_does_not_know_will_not_put_itself_right(
    test_server, tmp_path: Path
) -> None:
    address = make_conninfo(os.environ[TEST_SERVER], user="nobody_here")
    with pytest.raises(ServerUnreachable) as raised:
        open_data(tmp_path / "data", database=address)
    problem = raised.value
    assert problem.why == "The server does not know the user nobody_here."
    assert problem.lasting and "user name" in problem.fix
    with pytest.raises(ServerUnreachable) as again:
        reach(address, tmp_path)  # the window's try says the same
    assert again.value.why == problem.why


def test_a_database_that_is_not_there_will_not_put_itself_right(
    test_server, tmp_path: Path
) -> None:
    address = make_conninfo(os.environ[TEST_SERVER], dbname="no_such_shop")
    with pytest.raises(ServerUnreachable) as raised:
        reach(address, tmp_path)
    assert raised.value.why == "The server has no database called “no_such_shop”."
    assert raised.value.lasting


def test_a_server_that_answers_is_reached(test_server, tmp_path: Path) -> None:
    reach(os.environ[TEST_SERVER], tmp_path)  # no error: it answered


def test_a_password_not_found_names_the_user_not_the_computer() -> None:
    import psycopg

    from models.server_reach import reason

    said = (
        'connection to server at "127.0.0.1", port 5432 failed: fe_sendauth: no password supplied'
    )
    found = reason(psycopg.OperationalError(said), {"user": "shop", "host": "127.0.0.1"})
    assert found.why == "The server asks for a password, and none was found for the user shop."
    assert found.lasting


def test_no_password_for_a_misspelt_database_says_to_check_its_name(monkeypatch) -> None:
    """~/.pgpass lines name the database: one misspelt in the address finds no
    password, and the server asks for one before it says there is no such database."""
    import psycopg

    from models.server import describe_server_error

    said = (
        'connection to server at "127.0.0.1", port 5432 failed: fe_sendauth: no password supplied'
    )
    monkeypatch.setenv("PGPASSFILE", "/home/gwen/.pgpass")
    parts = {"user": "shop", "host": "localhost", "dbname": "shopp"}
    message = describe_server_error(psycopg.OperationalError(said), parts)
    assert "fe_sendauth" not in message
    assert "“shopp”" in message and "database name" in message
    # Where the password goes on this computer, and the very line to write there.
    assert "the password file /home/gwen/.pgpass" in message
    assert "localhost:5432:shopp:shop:PASSWORD" in message


def test_a_mistyped_computer_name_is_said_in_plain_words() -> None:
    """Preferences tried "backofice": the message was libpq's own, with its errno."""
    import psycopg

    from models.server import describe_server_error

    said = "failed to resolve host 'backofice': [Errno -2] Name or service not known"
    parts = {"user": "shop", "host": "backofice", "dbname": "shop"}
    message = describe_server_error(psycopg.OperationalError(said), parts)
    assert "Errno" not in message and "resolve" not in message
    assert "No computer called backofice can be found" in message


def test_something_else_answering_at_the_address_is_said_in_plain_words() -> None:
    """A web server (say) on the port: libpq's "invalid response to SSL negotiation"."""
    import threading

    import psycopg

    from models.server import describe_server_error

    web = socket.create_server(("127.0.0.1", 0))
    port = web.getsockname()[1]

    def answer() -> None:
        client, _ = web.accept()
        with client:
            client.recv(64)
            client.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n")

    threading.Thread(target=answer, daemon=True).start()
    try:
        with pytest.raises(psycopg.OperationalError) as raised:
            psycopg.connect(f"postgresql://till@127.0.0.1:{port}/shop?sslmode=prefer")
    finally:
        web.close()
    parts = {"user": "till", "host": "127.0.0.1", "port": str(port), "dbname": "shop"}
    message = describe_server_error(raised.value, parts)
    assert "SSL negotiation" not in message
    assert "not as a PostgreSQL server does" in message and "port" in message
