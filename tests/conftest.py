"""Shared fixtures. Every test runs on a temporary data folder, headless."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _private_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point every per-user folder at a temporary one: no test touches real data."""
    home = tmp_path_factory.mktemp("home")
    for variable, sub in (
        ("HOME", ""),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
    ):
        folder = home / sub
        folder.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(variable, str(folder))
    monkeypatch.delenv("COMPLAINT_DESK_DATA_DIR", raising=False)
    monkeypatch.delenv("COMPLAINT_DESK_DATABASE", raising=False)
    # The locale a window started by a test told the app is that test's alone.
    from models import currency

    monkeypatch.setattr(currency, "_system_locale", "")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    return folder


# The engines a test runs on. Tests reaching ``engine`` (through ``db``) run on
# SQLite alone, except where a conftest parametrises it (tests/models: both);
# a test or module marked ``sqlite_only`` stays on SQLite everywhere.
ENGINES = ("sqlite", "postgresql")
# The throwaway PostgreSQL server started for the tests (.ci/with-postgres).
TEST_SERVER = "COMPLAINT_DESK_TEST_SERVER"


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(scope="session")
def test_server() -> Iterator[object]:
    """A connection to the test server, for making and dropping schemas; skips the
    test when no server was started (the run says why, in its list of skips)."""
    address = os.environ.get(TEST_SERVER)
    if not address:
        pytest.skip(
            f"no PostgreSQL server for the tests (${TEST_SERVER} is not set: run the tests "
            "with .ci/with-postgres, as make test does)"
        )
    import psycopg

    with psycopg.connect(address, autocommit=True) as connection:
        # The trigram index's extension, once, in a schema of its own that every
        # test's search path ends with (so no test's tables can be found there).
        connection.execute("CREATE SCHEMA IF NOT EXISTS extensions")
        connection.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA extensions")
        yield connection


_schemas = iter(range(1, 1_000_000))


@pytest.fixture
def server_schemas(test_server) -> Iterator[Callable[[], str]]:
    """Make empty logs on the test server: each call gives the address of a new
    schema of its own; all are dropped after the test."""
    from psycopg.conninfo import make_conninfo

    made: list[str] = []

    def new() -> str:
        schema = f"test_{os.getpid()}_{next(_schemas)}"
        test_server.execute(f"CREATE SCHEMA {schema}")
        made.append(schema)
        return make_conninfo(os.environ[TEST_SERVER], options=f"-c search_path={schema},extensions")

    yield new
    from models.db import close_database

    close_database()
    for schema in made:
        try:
            test_server.execute("SET lock_timeout = '5s'")
            test_server.execute(f"DROP SCHEMA {schema} CASCADE")
        except Exception:  # held by a connection a test left open: the cluster goes anyway
            pass


@pytest.fixture
def server_address(server_schemas: Callable[[], str]) -> str:
    """The address of an empty log on the test server, in a schema of its own."""
    return server_schemas()


@pytest.fixture
def open_other_log(
    engine: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Callable[[str], Path]:
    """Open a second, empty log on the test's engine, in the data folder ``name``
    (for a test that moves complaints from one log to another)."""
    from desktop.startup import open_data

    def opener(name: str) -> Path:
        if engine == "postgresql":
            return open_data(tmp_path / name, database=request.getfixturevalue("server_schemas")())
        return open_data(tmp_path / name)

    return opener


@pytest.fixture
def other_log_options(
    engine: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Callable[[str], list[str]]:
    """The command-line options naming a second, empty log on the test's engine,
    with its data folder ``name``."""

    def options(name: str) -> list[str]:
        folder = ["--data-dir", str(tmp_path / name)]
        if engine == "postgresql":
            return [*folder, "--database", request.getfixturevalue("server_schemas")()]
        return folder

    return options


@pytest.fixture
def db(data_dir: Path, engine: str, request: pytest.FixtureRequest) -> Iterator[Path]:
    """An opened, migrated database in a temporary folder; yields its file path
    (on PostgreSQL: where it would be, in the data folder of this counter)."""
    from desktop.startup import open_data
    from models.db import close_database

    address = request.getfixturevalue("server_address") if engine == "postgresql" else None
    if address is not None:
        # Every later opening in the test (a command, a restart) finds the same log.
        request.getfixturevalue("monkeypatch").setenv("COMPLAINT_DESK_DATABASE", address)
    path = open_data(data_dir)
    yield path
    close_database()


@pytest.fixture
def now() -> dt.datetime:
    return dt.datetime(2026, 3, 14, 10, 30, 0)


@pytest.fixture
def picture(tmp_path: Path) -> Path:
    """An image of the owner's, outside the data folder."""
    from PIL import Image

    path = tmp_path / "elsewhere" / "private.png"
    path.parent.mkdir()
    Image.new("RGB", (300, 120), "orange").save(path)
    return path
