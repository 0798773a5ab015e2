"""The command tests run on both engines: with the log in the data folder
(SQLite) and on a PostgreSQL server, named to every command run in the test
by $COMPLAINT_DESK_DATABASE (see tests/conftest.py). Tests about the SQLite
data file itself are marked ``sqlite_only``; tests that name a server
themselves (``server_address``) run once."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import ENGINES


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "engine" not in metafunc.fixturenames:
        return
    once = metafunc.definition.get_closest_marker("sqlite_only") is not None or (
        "server_address" in metafunc.definition.fixturenames
        and "engine" not in metafunc.definition.function.__code__.co_varnames
    )
    if not once:  # else the engine fixture's default: SQLite
        metafunc.parametrize("engine", ENGINES, indirect=True)


@pytest.fixture(autouse=True)
def _commands_on_the_engine(
    _private_home: None,
    engine: str,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if engine == "postgresql":
        monkeypatch.setenv("COMPLAINT_DESK_DATABASE", request.getfixturevalue("server_address"))


def rows_in(data_dir: Path, table: str) -> int:
    """How many rows ``table`` of the log holds: in the data folder's file, or on the
    server the commands of this test use."""
    address = os.environ.get("COMPLAINT_DESK_DATABASE")
    if address:
        import psycopg

        with psycopg.connect(address) as connection:
            row = connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
    else:
        with sqlite3.connect(data_dir / "complaints.sqlite3") as connection:
            row = connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0


def files_kept(data_dir: Path, kind: str) -> dict[str, bytes]:
    """The files of ``kind`` ("letter", "attachment", "logo") the log keeps, by name:
    in the data folder, or on the server the commands of this test use."""
    address = os.environ.get("COMPLAINT_DESK_DATABASE")
    if address:
        import psycopg

        with psycopg.connect(address) as connection:
            rows = connection.execute(
                "SELECT name, data FROM stored_file WHERE kind = %s", (kind,)
            ).fetchall()
        return {str(name): bytes(data) for name, data in rows}
    if kind == "letter":
        paths = list((data_dir / "letters").glob("*"))
    elif kind == "attachment":
        paths = list((data_dir / "attachments").glob("*/*"))
    else:
        paths = list(data_dir.glob("logo.*"))
    return {path.name: path.read_bytes() for path in paths if path.is_file()}
