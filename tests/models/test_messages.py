"""What the owner is told when text, files or the disk go wrong: the real cause, and what to do."""

from __future__ import annotations

import csv
import datetime as dt
import errno
import os
import shutil
import sqlite3
from collections import namedtuple
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models import business
from models.column_guess import IGNORE
from models.complaints import ComplaintDetails, add_note, log_complaint
from models.customers import CustomerDetails
from models.db import describe_storage_error, writing
from models.errors import StorageError
from models.import_mapping import ColumnMapping
from models.letter_records import LETTERS, letters_for, save_letter
from models.log_csv import import_log, read_log
from models.os_errors import describe_os_error
from models.tables import Customer
from models.text import clean

NOW = dt.datetime(2026, 3, 14, 10, 30)
FAKE_PDF = b"%PDF-1.4\n% pretend letter\n"
Usage = namedtuple("Usage", "total used free")


# --- text that is not valid (lone surrogates) ------------------------------------


def test_a_name_and_a_note_with_half_a_utf16_pair_are_saved_with_a_replacement_mark(db) -> None:
    saved = log_complaint(
        CustomerDetails(name="Ann\ud800e Lee"),
        ComplaintDetails(account="The lid \udcff was cracked."),
        author="Sam",
    )
    add_note(saved.id, "Rang back \udfff twice.", author="Sam")
    customer = Customer.get()
    assert customer.name == "Ann\ufffde Lee"
    assert customer.complaints[0].account == "The lid \ufffd was cracked."


def test_a_pair_split_in_two_becomes_the_one_character_it_stands_for() -> None:
    assert clean("Party \ud83c\udf89 ok") == "Party 🎉 ok"


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.characters(), st.integers(0xD800, 0xDFFF).map(chr))).map("".join))
def test_whatever_is_typed_cleans_to_text_a_file_can_store(text: str) -> None:
    cleaned = clean(text, multiline=True)
    cleaned.encode("utf-8")  # never raises
    assert clean(cleaned, multiline=True) == cleaned


def test_a_csv_with_half_a_utf16_pair_imports_and_keeps_its_other_accents(
    db, tmp_path: Path
) -> None:
    path = tmp_path / "log.csv"
    with path.open("w", encoding="utf-8", errors="surrogatepass", newline="") as out:
        out.write("received,customer name,account\n2026-03-01,Ann\ud800e Zoë,Broken lid\n")
    plan = read_log(path, now=NOW)
    assert plan.problems == []
    assert any("not valid text" in note and "�" in note for note in plan.notes)
    import_log(plan, author="Sam", now=NOW)
    assert Customer.get().name == "Ann\ufffde Zoë"


# --- a cell too long for a CSV field ---------------------------------------------


def test_a_50_mb_cell_is_named_with_its_line_and_size(db, tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    path.write_text(
        'received,customer name,account\n2026-03-01,Ann,"' + "x" * 50_000_000 + '"\n',
        encoding="utf-8",
    )
    plan = read_log(path, now=NOW)
    limit = csv.field_size_limit()
    assert plan.problems == [
        f"Row 2: it has a cell of 50,000,000 characters; the longest a field can hold is "
        f"{limit:,} characters, so shorten it (nothing after it could be read)."
    ]
    assert not any("no complaints" in problem for problem in plan.problems)


def test_a_long_cell_with_quotes_is_measured_as_the_reader_reads_it(db) -> None:
    text = 'received;customer name;account\n2026-03-01;Ann;"a ""b"" ' + "y" * 200_000 + '";\n'
    plan = read_log(text, now=NOW)
    assert len(plan.problems) == 1
    assert plan.problems[0].startswith("Row 2: it has a cell of 200,006 characters;")


def test_big_cells_within_the_limit_still_import(db, tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    account = "The story, at length. " * 2_270  # 49,940 characters: the account's limit is 50,000
    path.write_text(
        f'received,customer name,account,notes kept elsewhere\n2026-03-01,Ann,"{account}",'
        + "n" * 130_000
        + "\n",
        encoding="utf-8",
    )
    kept = read_log(path, now=NOW)  # the unknown column would go to the notes: too long
    assert kept.problems == [
        "Row 2: the “notes kept elsewhere” cell is 130,000 characters long, too long for a "
        "note (at most 50,000): shorten it, or leave the column out."
    ]
    left_out = ColumnMapping(("received", "customer name", "account", IGNORE))
    plan = read_log(path, now=NOW, mapping=left_out)
    assert plan.problems == []
    import_log(plan, author="Sam", now=NOW)
    assert Customer.get().complaints[0].account == account.strip()


# --- a full disk, and other errors from the operating system -------------------------


# What SQLite says when the disk holding its file is full.
@pytest.mark.sqlite_only
def test_a_disk_io_error_with_almost_no_space_left_says_the_disk_is_full(
    db, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: Usage(10**9, 10**9 - 12_288, 12_288))
    with pytest.raises(StorageError) as raised, writing():
        raise sqlite3.OperationalError("disk I/O error")
    message = str(raised.value)
    assert message.startswith("The disk is full (12.0 KB free on the drive holding ")
    assert str(db.parent) in message
    assert message.endswith("so the change was not saved: free some space and try again.")


def test_a_disk_io_error_with_room_left_says_to_check_the_drive(
    db, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "disk_usage", lambda _path: Usage(10**12, 10**11, 9 * 10**11))
    message = describe_storage_error(sqlite3.OperationalError("disk I/O error"), db)
    assert "reported an error" in message
    assert "check the drive" in message and "backup" in message
    assert "disk is full" not in message


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (errno.ENOSPC, "The disk is full ("),
        (errno.EDQUOT, "The disk is full ("),
        (errno.EACCES, "Cannot write to {folder}: check its permissions."),
        (errno.EPERM, "Cannot write to {folder}: check its permissions."),
        (errno.EROFS, "Cannot write to {folder}: the disk it is on is read-only."),
        (errno.ENOENT, "There is no file or folder {file}."),
        (errno.EISDIR, "Cannot use {file}: is a directory."),
    ],
)
def test_each_operating_system_error_is_one_sentence(
    tmp_path: Path, number: int, expected: str
) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    file = folder / "letter.pdf"
    message = describe_os_error(OSError(number, os.strerror(number), str(file)))
    assert message.startswith(expected.format(folder=folder, file=file))
    assert "Errno" not in message and message.count(". ") == 0


def test_a_file_in_a_folder_that_is_not_there_names_the_folder(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder" / "log.csv"
    message = describe_os_error(FileNotFoundError(errno.ENOENT, "No such file", str(missing)))
    assert message == f"The folder {missing.parent} does not exist: create it or choose another."


# --- letters on a full disk, or a letters/ folder that cannot be written ------------


@pytest.fixture
def complaint(db):
    business.save_profile(business.BusinessProfile(name="Jo & Co", signatory_name="Jo"))
    return log_complaint(
        CustomerDetails(name="Ana Silva", address="1 High St"),
        ComplaintDetails(account="Flat tyre."),
        author="Sam",
    )


def _keep_letter(complaint) -> None:
    save_letter(complaint.id, "acknowledgement", "Your complaint", "Thank you.", FAKE_PDF,
                author="Sam")  # fmt: skip


@pytest.mark.sqlite_only  # on a server the letter is kept in the log, not on this disk
def test_a_letter_on_a_full_disk_says_so_and_leaves_nothing(
    complaint, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(StorageError) as raised:
        _keep_letter(complaint)
    message = str(raised.value)
    assert message.startswith("The disk is full (")
    assert f"{complaint_folder(complaint)}" in message
    assert message.endswith("so the letter was not made: free some space and try again.")
    assert "Errno" not in message
    assert letters_for(complaint.id) == []
    assert list(complaint_folder(complaint).iterdir()) == []


def complaint_folder(_complaint) -> Path:
    from models.db import data_folder

    return data_folder() / LETTERS


@pytest.mark.sqlite_only  # on a server the letter is kept in the log, not in a folder
def test_a_letters_folder_that_cannot_be_written_is_named(
    complaint, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_open = Path.open

    def refuse(self: Path, *args, **kwargs):
        if self.parent.name == LETTERS:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(StorageError) as raised:
        _keep_letter(complaint)
    assert (
        str(raised.value)
        == f"Cannot write to {complaint_folder(complaint)}: check its permissions."
    )
    assert letters_for(complaint.id) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_letters_folder_is_named(complaint) -> None:
    folder = complaint_folder(complaint)
    folder.mkdir(exist_ok=True)
    folder.chmod(0o500)
    try:
        with pytest.raises(StorageError) as raised:
            _keep_letter(complaint)
    finally:
        folder.chmod(0o700)
    assert str(raised.value) == f"Cannot write to {folder}: check its permissions."
