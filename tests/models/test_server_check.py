"""Trying a server before keeping the log there: what was found, in plain words."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from models.server_check import check_server

NOW = dt.datetime(2026, 3, 14, 10, 30)


@pytest.fixture
def role(test_server) -> Iterator[str]:
    """A role that may log in and nothing more."""
    name = f"till_{os.getpid()}"
    test_server.execute(f"CREATE ROLE {name} LOGIN")
    yield name
    test_server.execute(f"DROP OWNED BY {name}")
    test_server.execute(f"DROP ROLE {name}")


def _as(address: str, role: str) -> str:
    from psycopg.conninfo import make_conninfo

    return make_conninfo(address, user=role)


def _log_with_complaints(address: str, folder: Path, count: int) -> None:
    from desktop.startup import open_data
    from models.db import close_database
    from models.demo import add_demo_data

    open_data(folder, database=address)
    if count:
        add_demo_data(count, seed=1, now=NOW)
    close_database()


def test_an_empty_database_is_ready_for_a_new_log(server_address: str, tmp_path: Path) -> None:
    found = check_server(server_address, tmp_path)
    assert found.ok and found.empty and not found.holds_log
    assert "holds no Complaint Desk log yet" in found.said


def test_a_log_with_complaints_is_said_with_how_many(server_address: str, tmp_path: Path) -> None:
    _log_with_complaints(server_address, tmp_path / "data", 3)
    found = check_server(server_address, tmp_path)
    assert found.ok and found.holds_log and not found.empty
    assert "holds a Complaint Desk log with 3 complaints" in found.said


def test_a_new_log_holding_nothing_yet_is_empty(server_address: str, tmp_path: Path) -> None:
    _log_with_complaints(server_address, tmp_path / "data", 0)
    found = check_server(server_address, tmp_path)
    assert found.ok and found.holds_log and found.empty
    assert "an empty Complaint Desk log" in found.said


def test_a_server_that_is_not_there_cannot_be_reached(tmp_path: Path) -> None:
    found = check_server(f"postgresql:///shop?host={tmp_path / 'no-server-here'}", tmp_path)
    assert not found.ok
    assert "cannot be reached" in found.said and "Traceback" not in found.said


def test_a_database_that_is_not_there_is_named(test_server, tmp_path: Path) -> None:
    from psycopg.conninfo import make_conninfo

    address = make_conninfo(os.environ["COMPLAINT_DESK_TEST_SERVER"], dbname="no_such_shop")
    found = check_server(address, tmp_path)
    assert not found.ok
    assert "no database by that name" in found.said and "no_such_shop" in found.said
    assert "cannot be reached" not in found.said


def test_a_role_the_server_does_not_know_is_refused(test_server, tmp_path: Path) -> None:
    address = _as(os.environ["COMPLAINT_DESK_TEST_SERVER"], "nobody_here")
    found = check_server(address, tmp_path)
    assert not found.ok
    assert "refused the connection" in found.said and ".pgpass" in found.said


def test_a_password_in_the_address_is_refused_before_connecting(tmp_path: Path) -> None:
    found = check_server("postgresql://till:s3cr3t@backoffice.invalid/shop", tmp_path)
    assert not found.ok
    assert ".pgpass" in found.said and "s3cr3t" not in found.said


def test_an_address_that_is_no_address_is_said(tmp_path: Path) -> None:
    found = check_server(str(tmp_path), tmp_path)
    assert not found.ok and "is not a PostgreSQL address" in found.said


def test_a_role_that_may_not_create_tables_is_told_what_it_needs(
    server_schemas: Callable[[], str], role: str, tmp_path: Path, test_server
) -> None:
    address = server_schemas()
    found = check_server(_as(address, role), tmp_path)
    assert not found.ok and "there is no schema to make the log's tables in" in found.said
    schema = address.rsplit("search_path=", 1)[1].split(",")[0]
    test_server.execute(f"GRANT USAGE ON SCHEMA {schema} TO {role}")
    found = check_server(_as(address, role), tmp_path)
    assert not found.ok
    assert f"as {role}" in found.said and "may not create tables" in found.said


def test_a_role_that_may_not_change_the_log_is_told_what_it_needs(
    server_schemas: Callable[[], str], role: str, tmp_path: Path, test_server
) -> None:
    address = server_schemas()
    _log_with_complaints(address, tmp_path / "data", 1)
    schema = address.rsplit("search_path=", 1)[1].split(",")[0]
    test_server.execute(f"GRANT USAGE ON SCHEMA {schema} TO {role}")
    found = check_server(_as(address, role), tmp_path)
    assert not found.ok
    assert "does not allow this" in found.said and "granted its tables" in found.said


def test_a_server_that_refuses_the_app_is_told_apart_from_one_that_is_away(
    test_server, tmp_path: Path
) -> None:
    """A password changed at the server: the window said "cannot be reached", which
    sends the owner to the cables, until Preferences named the refusal."""
    from models.errors import ServerRefused
    from models.server import ServerDatabase

    db = ServerDatabase(_as(os.environ["COMPLAINT_DESK_TEST_SERVER"], "nobody_here"), tmp_path)
    with pytest.raises(ServerRefused) as refused:
        db.try_again()
    assert "refused the connection" in str(refused.value)
    assert "cannot be reached" not in str(refused.value)
