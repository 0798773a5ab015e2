"""complaint-desk backup with the log on a PostgreSQL server: pg_dump's copy of it."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.desktop.test_cli import run

# Each test names its server itself (--database): once, whatever the engine.
pytestmark = pytest.mark.sqlite_only


def _new_database(test_server, name: str) -> str:
    from psycopg.conninfo import make_conninfo

    test_server.execute(f"CREATE DATABASE {name}")
    return make_conninfo(os.environ["COMPLAINT_DESK_TEST_SERVER"], dbname=name)


@pytest.fixture
def databases(test_server) -> Iterator[list[str]]:
    """Names of databases made on the test server, dropped after the test."""
    made: list[str] = []
    yield made
    from models.db import close_database

    close_database()
    for name in made:
        test_server.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def shop_on_server(test_server, databases: list[str]) -> str:
    """The address of an empty database of its own on the test server."""
    name = f"shop_{os.getpid()}"
    databases.append(name)
    return _new_database(test_server, name)


def _complaints(address: str) -> int:
    import psycopg

    with psycopg.connect(address) as connection:
        row = connection.execute("SELECT COUNT(*) FROM complaint").fetchone()
    return int(row[0]) if row else 0


@pytest.mark.skipif(
    shutil.which("pg_dump") is None or shutil.which("pg_restore") is None,
    reason="pg_dump and pg_restore are not installed (Debian: apt-get install postgresql-client)",
)
def test_a_backup_of_a_server_log_is_a_dump_that_puts_the_log_back(
    data_dir: Path, shop_on_server: str, test_server, databases: list[str]
) -> None:
    options = ["--data-dir", str(data_dir), "--database", shop_on_server]
    assert run(*options, "demo", "--complaints", "6", "--seed", "4").returncode == 0
    done = run(*options, "backup")
    assert done.returncode == 0, done.stderr
    (dump,) = (data_dir / "backups").glob("complaints-*.pgdump")
    assert str(dump) in done.stdout and dump.read_bytes().startswith(b"PGDMP")
    # The dump holds the log: put back into an empty database, it holds the same.
    databases.append(f"again_{os.getpid()}")
    again = _new_database(test_server, databases[-1])
    restored = subprocess.run(
        ["pg_restore", "--no-owner", f"--dbname={again}", str(dump)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert restored.returncode == 0, restored.stderr
    assert _complaints(again) == _complaints(shop_on_server) == 6
    listed = run("--data-dir", str(data_dir), "--database", again, "list", "--status", "all")
    assert listed.returncode == 0 and listed.stdout.count("C-") == 6
    # Restoring it into a data file is refused, saying how it is put back on a server.
    refused = run("--data-dir", str(tmp := data_dir.parent / "other"), "restore", str(dump))
    assert refused.returncode == 1
    assert "--database ADDRESS restore" in refused.stderr
    assert "Nothing was changed" in refused.stderr
    assert not (tmp / "complaints.sqlite3").exists()


def test_without_pg_dump_the_backup_says_what_to_use_instead(
    data_dir: Path, shop_on_server: str, tmp_path: Path
) -> None:
    options = ["--data-dir", str(data_dir), "--database", shop_on_server]
    assert run(*options, "demo", "--complaints", "2", "--seed", "4").returncode == 0
    # A PATH without PostgreSQL's programs.
    bare = tmp_path / "bin"
    bare.mkdir()
    done = run(*options, "backup", env={"PATH": str(bare)})
    assert done.returncode == 1
    assert "pg_dump is not installed" in done.stderr and "postgresql-client" in done.stderr
    assert not list((data_dir / "backups").glob("*.pgdump"))


def test_a_password_in_the_address_never_reaches_pg_dump_s_command_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from models import server_backups

    seen: list[tuple[list[str], dict[str, str]]] = []

    def fake_run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        seen.append((command, env))
        return subprocess.CompletedProcess(command, 1, "", "pg_dump: error: it stopped here")

    monkeypatch.setattr(server_backups, "_run", fake_run)
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    with pytest.raises(Exception, match="it stopped here"):
        server_backups.dump_to(
            tmp_path / "x.pgdump", "postgresql://till:s3cr3t@backoffice/shop", "shop"
        )
    command, env = seen[0]
    assert "s3cr3t" not in " ".join(command)
    assert env["PGPASSWORD"] == "s3cr3t"
    assert not (tmp_path / "x.pgdump").exists()


@pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed")
def test_each_counter_keeps_a_dump_a_day_and_closing_makes_none(
    data_dir: Path, shop_on_server: str
) -> None:
    import datetime as dt

    from desktop.startup import checks_after_start, open_data
    from models import backups
    from models.db import close_database

    today = dt.datetime.now().replace(hour=23, minute=59, second=0, microsecond=0)
    open_data(data_dir, database=shop_on_server)
    try:
        # An empty log: no dump, which would only be one to restore by mistake.
        assert backups.daily_backup(today) is None
        from models.complaints import ComplaintDetails, log_complaint
        from models.customers import CustomerDetails

        log_complaint(CustomerDetails(name="Jo"), ComplaintDetails(account="x"), author="Sam")
        heard: list[tuple[str, object]] = []
        checks_after_start(lambda kind, value: heard.append((kind, value)))
        assert heard == []  # nothing failed, nothing to say
        (first,) = (data_dir / "backups").glob("complaints-*.pgdump")
        assert first.read_bytes().startswith(b"PGDMP")
        assert backups.daily_backup(today) is None  # one a day
        tomorrow = today + dt.timedelta(minutes=2)
        again = backups.daily_backup(tomorrow)
        assert again is not None and again.name.startswith(f"complaints-{tomorrow:%Y%m%d}")
        assert backups.daily_backup(tomorrow + dt.timedelta(hours=6)) is None
        # Closing the window: no dump that would hold it for as long as pg_dump takes.
        assert backups.backup_if_changed() is None
    finally:
        close_database()


def test_a_backup_while_the_server_is_down_says_so_plainly(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Back up now during an outage gave pg_dump's own words: 'connection to server
    at "localhost" (127.0.0.1), port 5498 failed: Connection refused'."""
    from models import server_backups

    said = (
        'pg_dump: error: connection to server at "localhost" (127.0.0.1), port 5498 failed: '
        "Connection refused\n\tIs the server running on that host and accepting TCP/IP "
        "connections?\n"
    )
    monkeypatch.setattr(
        server_backups,
        "_run",
        lambda command, env: subprocess.CompletedProcess(command, 1, "", said),
    )
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    with pytest.raises(Exception) as refused:
        server_backups.dump_to(tmp_path / "x.pgdump", "postgresql://till@localhost/shop", "shop")
    assert str(refused.value) == (
        "No backup was made: the server (shop) cannot be reached just now. Back up again once "
        "it is back (the banner in the window goes when it is)."
    )
