"""complaint-desk move-to-server: the data file's log copied to a server, checked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import desktop.cli
from desktop.startup import open_data
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from models.db import close_database
from models.demo import add_demo_data
from models.tables import Customer

NOW = dt.datetime(2026, 3, 14, 10, 30)


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = desktop.cli.main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def shop(data_dir: Path) -> Path:
    """A data folder whose log (in the data file) holds 80 complaints."""
    open_data(data_dir)
    add_demo_data(80, seed=3, now=NOW)
    close_database()
    return data_dir


def _listed(capsys, *options: str) -> str:
    status, out, err = _cli(capsys, *options, "list", "--status", "all", "--format", "csv")
    assert status == 0, err
    return out


def test_the_log_moves_to_the_server_whole_and_the_file_is_left_as_it_was(
    shop: Path, server_address: str, capsys
) -> None:
    data_file = shop / "complaints.sqlite3"
    before = data_file.read_bytes()
    in_file = _listed(capsys, "--data-dir", str(shop))
    status, out, err = _cli(capsys, "--data-dir", str(shop), "move-to-server", server_address)
    assert status == 0, err
    assert "Copied 80 complaints" in out and "checked" in out
    assert data_file.read_bytes() == before
    on_server = _listed(capsys, "--data-dir", str(shop), "--database", server_address)
    assert on_server == in_file and in_file.count("\n") == 81
    # Search finds the same complaints on the server.
    search = ("--status", "all", "--format", "csv", "--search", "khan")
    status, found_in_file, _ = _cli(capsys, "--data-dir", str(shop), "list", *search)
    status, found_on_server, _ = _cli(
        capsys, "--data-dir", str(shop), "--database", server_address, "list", *search
    )
    assert found_on_server == found_in_file and found_in_file.count("\n") > 1


def test_a_complaint_logged_on_the_server_afterwards_follows_on(
    shop: Path, server_address: str, capsys
) -> None:
    assert _cli(capsys, "--data-dir", str(shop), "move-to-server", server_address)[0] == 0
    open_data(shop, database=server_address)
    try:
        highest = max(c.id for c in Customer.select(Customer.id))
        saved = log_complaint(
            CustomerDetails(name="Nadia Haddad"),
            ComplaintDetails(account="The new kettle leaks."),
            author="Sam",
            now=NOW + dt.timedelta(days=1),
        )
        assert Customer.get_by_id(highest + 1).name == "Nadia Haddad"
        assert saved.reference.startswith("C-2026-")
    finally:
        close_database()
    _, out, _ = _cli(
        capsys, "--data-dir", str(shop), "--database", server_address, "list", "--status",
        "all", "--format", "csv", "--search", "Haddad",
    )  # fmt: skip
    assert saved.reference in out


def test_a_server_that_holds_a_log_is_refused_unless_replace_is_said(
    shop: Path, server_address: str, capsys
) -> None:
    assert _cli(capsys, "--data-dir", str(shop), "move-to-server", server_address)[0] == 0
    open_data(shop, database=server_address)
    log_complaint(CustomerDetails(name="Only On Server"), ComplaintDetails(account="Late."),
                  author="Sam", now=NOW)  # fmt: skip
    close_database()
    status, out, err = _cli(capsys, "--data-dir", str(shop), "move-to-server", server_address)
    assert status == 1
    assert "already holds 81 complaints" in err and "--replace" in err
    assert "Only On Server" in _listed(
        capsys, "--data-dir", str(shop), "--database", server_address
    )
    status, out, err = _cli(
        capsys, "--data-dir", str(shop), "move-to-server", server_address, "--replace"
    )
    assert status == 0, err
    assert "Replaced the 81 complaints the server held" in out
    on_server = _listed(capsys, "--data-dir", str(shop), "--database", server_address)
    assert "Only On Server" not in on_server
    assert on_server == _listed(capsys, "--data-dir", str(shop))


def test_a_row_the_server_cannot_take_copies_nothing(
    shop: Path, server_address: str, capsys
) -> None:
    # An older version could leave a NUL in a name; PostgreSQL's text cannot hold one.
    open_data(shop)
    Customer.update(name="Zoë\x00Martin").where(Customer.id == 5).execute()
    close_database()
    status, out, err = _cli(capsys, "--data-dir", str(shop), "move-to-server", server_address)
    assert status == 1
    assert "Nothing was copied; the data file is unchanged." in err
    assert "NUL" in err and "cannot be reached" not in err
    assert "Traceback" not in err
    # The server's log is still empty (its schema made, nothing in it).
    status, out, err = _cli(
        capsys, "--data-dir", str(shop), "--database", server_address, "list", "--status", "all"
    )
    assert (status, out) == (0, "No complaints.\n")


def test_a_folder_without_a_data_file_is_refused_before_the_server_is_touched(
    tmp_path: Path, server_address: str, capsys
) -> None:
    empty = tmp_path / "nothing-here"
    status, _, err = _cli(capsys, "--data-dir", str(empty), "move-to-server", server_address)
    assert status == 1
    assert "There is no Complaint Desk data file" in err
    status, _, err = _cli(capsys, "--data-dir", str(empty), "--database", server_address, "list")
    assert "holds no Complaint Desk log yet" in err
