"""Putting a backup of a server's log back into the log itself: what the owner
gets back, what the log it replaced becomes, and that no reference read out to a
customer is ever given to another complaint."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from models.complaints import ComplaintDetails, count_complaints, load_complaint, log_complaint
from models.customers import CustomerDetails
from models.errors import NotFoundError, StorageError
from tests.desktop.test_cli import run

pytestmark = pytest.mark.skipif(
    shutil.which("pg_dump") is None or shutil.which("pg_restore") is None,
    reason="pg_dump and pg_restore are not installed (Debian: apt-get install postgresql-client)",
)


@pytest.fixture
def on_the_server(data_dir: Path, server_address: str) -> Iterator[Path]:
    """This counter's log, on the test server."""
    from desktop.startup import open_data
    from models.db import close_database

    yield open_data(data_dir, database=server_address)
    close_database()


def log_one(name: str, account: str = "The jug leaks from its handle."):
    return log_complaint(
        CustomerDetails(name=name, phone="01632 960123"),
        ComplaintDetails(account=account, product="Jug"),
        author="Sam",
        new_customer=True,
    )


def test_a_backup_put_back_gives_no_reference_twice_and_keeps_the_log_it_replaced(
    on_the_server,
) -> None:
    from models.backups import make_backup
    from models.server_restore import contents, restore_dump

    first, second = log_one("Aisha Doyle"), log_one("Ben Hart")
    dump = make_backup()
    third = log_one("Cara Lund", "The lid does not fit.")

    kept = restore_dump(dump, by="Sam")

    assert count_complaints() == 2
    assert load_complaint(second.id).customer.name == "Ben Hart"
    with pytest.raises(NotFoundError):
        load_complaint(third.id)
    assert kept.parent == dump.parent and kept.name.startswith("replaced-")
    assert contents(kept).complaints == 3  # Cara Lund's complaint is not lost
    assert contents(dump).complaints == 2
    fourth = log_one("Dan Moss")
    assert fourth.reference not in {first.reference, second.reference, third.reference}


def test_a_customer_erased_at_another_counter_after_the_backup_stays_erased(
    on_the_server, data_dir: Path, server_address: str, tmp_path: Path
) -> None:
    from desktop.startup import open_data
    from models.anonymise import erase_customer
    from models.backups import make_backup
    from models.db import close_database
    from models.server_restore import restore_dump

    stays, erased = log_one("Aisha Doyle"), log_one("Ben Hart")
    dump = make_backup()
    close_database()  # the other counter, with a data folder of its own, erases him
    open_data(tmp_path / "other-counter", database=server_address)
    erase_customer(load_complaint(erased.id).customer_id, author="Priya")
    close_database()
    open_data(data_dir, database=server_address)

    restore_dump(dump, by="Sam")

    assert load_complaint(stays.id).customer.name == "Aisha Doyle"
    back = load_complaint(erased.id)
    assert "Ben Hart" not in back.customer.name
    assert "handle" not in back.details.account


def test_a_file_that_is_not_a_backup_of_the_log_changes_nothing(
    on_the_server, tmp_path: Path
) -> None:
    from models.backups import backup_folder
    from models.server_restore import restore_dump

    log_one("Aisha Doyle")
    broken = tmp_path / "complaints-20261201-090000.pgdump"
    broken.write_bytes(b"PGDMP" + b"\x01" * 200)
    letter = tmp_path / "letter.pdf"
    letter.write_bytes(b"%PDF-1.4\n")
    for path in (broken, letter, tmp_path / "gone.pgdump"):
        with pytest.raises(StorageError, match="Nothing was restored"):
            restore_dump(path, by="Sam")
    assert count_complaints() == 1
    assert not list(backup_folder().glob("replaced-*"))


# --- the command, as a role that is not a superuser -------------------------------


@pytest.fixture
def owned_by_a_plain_role(test_server) -> Iterator[str]:
    """The address of an empty database owned by a role that is neither a
    superuser nor allowed to make databases or roles, as the README sets up."""
    from psycopg.conninfo import make_conninfo

    from models.db import close_database

    role = name = f"till_{os.getpid()}"
    test_server.execute(f"CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
    test_server.execute(f"CREATE DATABASE {name} OWNER {role}")
    try:
        yield make_conninfo(os.environ["COMPLAINT_DESK_TEST_SERVER"], dbname=name, user=role)
    finally:
        close_database()
        test_server.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        test_server.execute(f"DROP ROLE IF EXISTS {role}")


@pytest.mark.sqlite_only
def test_restore_on_a_server_asks_then_puts_the_newest_backup_back(
    data_dir: Path, owned_by_a_plain_role: str
) -> None:
    from desktop.startup import open_data
    from models.db import close_database

    options = ["--data-dir", str(data_dir), "--database", owned_by_a_plain_role]
    assert run(*options, "demo", "--complaints", "5", "--seed", "4").returncode == 0
    assert run(*options, "backup").returncode == 0
    open_data(data_dir, database=owned_by_a_plain_role)
    late = log_one("Cara Lund").reference
    close_database()

    (made,) = (data_dir / "backups").glob("complaints-*.pgdump")
    (data_dir / "backups" / "complaints-29991231-235959.pgdump").write_bytes(b"PGDMP" + b"\0" * 64)
    refused = run(*options, "restore", input="n\n")
    assert refused.returncode == 1
    assert (
        "Passed over, as they cannot be read: complaints-29991231-235959.pgdump" in refused.stderr
    )
    assert f"The backup chosen is {made.name}" in refused.stderr
    assert f"1 complaint in the log now is not in it and would go: {late}." in refused.stderr
    assert "holds 6 complaints" in refused.stderr and "(5 complaints" in refused.stderr
    assert "Not restored" in refused.stderr

    done = run(*options, "restore", input="y\n")
    assert done.returncode == 0, done.stderr
    assert "Restored complaints-" in done.stdout
    (kept,) = (data_dir / "backups").glob("replaced-*.pgdump")
    assert str(kept) in done.stdout
    listed = run(*options, "list", "--status", "all")
    assert listed.stdout.count("C-") == 5 and late not in listed.stdout

    not_a_dump = run(*options, "restore", "--yes", str(data_dir / "backups" / "nothing.pgdump"))
    assert not_a_dump.returncode == 1 and "Nothing was restored" in not_a_dump.stderr


def test_what_a_backup_would_take_away_is_said_complaint_by_complaint(on_the_server) -> None:
    import datetime as dt

    from models.backups import make_backup
    from models.complaints import add_note
    from models.server_restore import DumpContents, against_the_log, contents

    first, second = log_one("Aisha Doyle"), log_one("Ben Hart")
    dump = make_backup()
    add_note(second.id, "Ben rang: the jug is at the post office.", author="Sam")
    third = log_one("Cara Lund")

    said = " ".join(against_the_log(contents(dump)).warnings())
    assert f"1 complaint in the log now is not in it and would go: {third.reference}." in said
    assert "1 complaint changed since (a note, an edit, a follow-up) would go back" in said
    assert said.endswith(f"{second.reference}.") and first.reference not in said

    # A backup whose first complaint is not this log's is another shop's log: all
    # of this one would go, whatever the references they share.
    stranger = DumpContents(
        3, third.reference, None, frozenset({first.reference, second.reference}),
        (first.id, first.reference, dt.datetime(2019, 5, 1, 9, 30)),
    )  # fmt: skip
    (warning,) = against_the_log(stranger).warnings()
    assert "of another log" in warning and "Every complaint in the log now (3)" in warning
