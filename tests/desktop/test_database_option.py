"""Choosing a PostgreSQL server for the log: --database, $COMPLAINT_DESK_DATABASE."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from tests.desktop.test_cli import run


def _references(done) -> list[str]:
    assert done.returncode == 0, done.stderr
    return [row["reference"] for row in csv.DictReader(io.StringIO(done.stdout))]


def test_commands_keep_the_log_on_the_server_named_by_database(
    data_dir: Path, server_address: str
) -> None:
    made = run("--data-dir", str(data_dir), "--database", server_address, "demo",
               "--complaints", "5", "--seed", "3")  # fmt: skip
    assert made.returncode == 0, made.stderr
    # The log is on the server: the data folder holds no data file.
    assert not (data_dir / "complaints.sqlite3").exists()
    on_server = run("list", "--status", "all", "--format", "csv",
                    "--data-dir", str(data_dir), "--database", server_address)  # fmt: skip
    assert len(_references(on_server)) == 5
    # The same folder without --database is a folder with no log in it.
    in_folder = run("--data-dir", str(data_dir), "list", "--status", "all")
    assert in_folder.returncode == 1
    assert "There is no Complaint Desk data file" in in_folder.stderr


def test_the_environment_variable_chooses_the_server(data_dir: Path, server_address: str) -> None:
    env = {"COMPLAINT_DESK_DATABASE": server_address, "COMPLAINT_DESK_DATA_DIR": str(data_dir)}
    assert run("demo", "--complaints", "3", "--seed", "1", env=env).returncode == 0
    listed = run("list", "--status", "all", "--format", "csv", env=env)
    assert len(_references(listed)) == 3
    assert not (data_dir / "complaints.sqlite3").exists()
    # --database on the command line wins over the variable.
    elsewhere = run("list", "--status", "all", "--database", "service=no-such-service", env=env)
    assert elsewhere.returncode == 1
    assert "no-such-service" in elsewhere.stderr


def test_a_command_that_only_reads_refuses_a_server_without_a_log(
    data_dir: Path, server_address: str
) -> None:
    done = run("--data-dir", str(data_dir), "--database", server_address, "list")
    assert done.returncode == 1
    assert "holds no Complaint Desk log yet" in done.stderr
    # Nothing was created there: the command that starts a log still finds it empty.
    again = run("--data-dir", str(data_dir), "--database", server_address, "list")
    assert "holds no Complaint Desk log yet" in again.stderr


def test_a_server_that_cannot_be_reached_is_said_in_one_sentence_without_the_password(
    data_dir: Path, tmp_path: Path
) -> None:
    nowhere = tmp_path / "no-server-here"
    address = f"postgresql://till:s3cr3t@/shop?host={nowhere}"
    done = run("--data-dir", str(data_dir), "--database", address, "demo", "--complaints", "1")
    assert done.returncode == 1
    assert "cannot be reached" in done.stderr and "shop" in done.stderr
    assert "s3cr3t" not in done.stderr + done.stdout
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_an_address_that_is_not_one_is_refused(data_dir: Path) -> None:
    done = run("--data-dir", str(data_dir), "--database", str(data_dir), "list")
    assert done.returncode == 1
    assert "takes a PostgreSQL address" in done.stderr
    empty = run("--data-dir", str(data_dir), "--database", " ", "list")
    assert empty.returncode == 2
    assert "--database is empty" in empty.stderr


def test_the_server_chosen_in_preferences_is_used_unless_the_command_line_says_otherwise(
    data_dir: Path, server_address: str, tmp_path: Path
) -> None:
    from models.settings import set_log_place

    data_dir.mkdir()
    set_log_place(data_dir, server_address)
    made = run("--data-dir", str(data_dir), "demo", "--complaints", "4", "--seed", "2")
    assert made.returncode == 0, made.stderr
    assert not (data_dir / "complaints.sqlite3").exists()
    listed = run("--data-dir", str(data_dir), "list", "--status", "all", "--format", "csv")
    assert len(_references(listed)) == 4
    # --database and the variable win over Preferences.
    nowhere = f"postgresql:///shop?host={tmp_path / 'no-server-here'}"
    given = run("--data-dir", str(data_dir), "--database", nowhere, "list")
    assert given.returncode == 1 and "cannot be reached" in given.stderr
    env = {"COMPLAINT_DESK_DATABASE": nowhere}
    by_variable = run("--data-dir", str(data_dir), "list", env=env)
    assert by_variable.returncode == 1 and "cannot be reached" in by_variable.stderr


@pytest.mark.sqlite_only
def test_a_server_chosen_in_preferences_that_cannot_be_reached_is_said(
    data_dir: Path, tmp_path: Path
) -> None:
    from models.settings import set_log_place

    data_dir.mkdir()
    set_log_place(data_dir, f"postgresql:///shop?host={tmp_path / 'no-server-here'}")
    done = run("--data-dir", str(data_dir), "list")
    assert done.returncode == 1 and "cannot be reached" in done.stderr
    set_log_place(data_dir, None)  # this computer again
    done = run("--data-dir", str(data_dir), "list")
    assert "There is no Complaint Desk data file" in done.stderr
