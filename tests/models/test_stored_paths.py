"""File names read from the data file are followed only inside the data folder.

A data file may come from a backup, an import or another computer: a letter's
file name, an attachment's stored name or the logo setting that leads anywhere
else is refused and reported, and the file it names is never read, embedded or
deleted.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from letters.compose import LetterText, make_pdf
from models import business
from models.anonymise import ANONYMOUS_NAME, REMOVED, erase_customer
from models.attachments import attach, evidence, path_of
from models.complaints import ComplaintDetails, load_complaint, log_complaint
from models.customers import CustomerDetails
from models.db import data_folder, database
from models.errors import ComplaintDeskError
from models.letter_records import letter_file, letters_for, save_letter

NOW = dt.datetime(2026, 3, 14, 10, 0)
SECRET = b"the owner's own file, outside the data folder"
NOT_TOUCHED = "was not opened or deleted"
# Where a stored name leads in the data folder, through links too: with the log on a
# server the files are rows of the log, which lead nowhere (the same names are refused
# there, without a folder to look in).
FOLDER_ONLY = pytest.mark.sqlite_only


@pytest.fixture
def case(db, tmp_path: Path):
    """A complaint with one letter and one photo kept in the data folder."""
    complaint = log_complaint(
        CustomerDetails(name="Zoë Łukasiewicz", phone="07700 900123"),
        ComplaintDetails(account="The cake had nuts.", received_at=NOW),
        author="Sam",
        now=NOW,
    )
    photo = tmp_path / "cake.jpg"
    photo.write_bytes(b"\xff\xd8 a photo of the cake")
    attach(complaint.id, photo, author="Sam", now=NOW)
    save_letter(complaint.id, "acknowledgement", "Your complaint", "Dear Zoë,",
                b"%PDF-1.4 letter", author="Sam", now=NOW)  # fmt: skip
    return complaint


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A file of the owner's beside the data folder, not part of it."""
    path = tmp_path / "victim.txt"
    path.write_bytes(SECRET)
    return path


def _store(table: str, column: str, value: str, complaint_id: int) -> None:
    """Write ``value`` into the data file as if it had come in with a backup."""
    database.execute_sql(f"UPDATE {table} SET {column} = ? WHERE complaint_id = ?",
                         (value, complaint_id))  # fmt: skip


def _erase(complaint_id: int):
    customer_id = load_complaint(complaint_id).customer_id
    outcome = erase_customer(customer_id, author="Sam", now=NOW + dt.timedelta(days=1))
    record = load_complaint(complaint_id)
    assert record.customer.name == ANONYMOUS_NAME and record.details.account == REMOVED
    return outcome


@FOLDER_ONLY
@pytest.mark.parametrize("kind", ["relative", "absolute"])
def test_erasing_deletes_no_letter_file_outside_the_data_folder(case, victim, kind) -> None:
    stored = "../../victim.txt" if kind == "relative" else str(victim)
    _store("letter", "file_name", stored, case.id)

    outcome = _erase(case.id)

    assert victim.read_bytes() == SECRET
    assert len(outcome.files_refused) == 1
    assert f"“{stored}”" in outcome.files_refused[0]
    assert NOT_TOUCHED in outcome.files_refused[0]


@FOLDER_ONLY
def test_erasing_another_customers_letter_that_mentions_them_deletes_nothing_outside(
    case, victim
) -> None:
    other = log_complaint(
        CustomerDetails(name="Ali Khan"), ComplaintDetails(account="Late.", received_at=NOW),
        author="Sam", now=NOW,
    )  # fmt: skip
    save_letter(other.id, "acknowledgement", "Your complaint", "Zoë Łukasiewicz said so too.",
                b"%PDF-1.4 letter", author="Sam", now=NOW)  # fmt: skip
    _store("letter", "file_name", str(victim), other.id)

    outcome = _erase(case.id)

    assert outcome.mentions == 1 and victim.read_bytes() == SECRET
    assert any(f"“{victim}”" in why for why in outcome.files_refused)


@FOLDER_ONLY
def test_an_attachment_leading_outside_is_not_opened_and_erasing_reports_it(case, victim) -> None:
    stored = "../../../victim.txt"  # from attachments/<complaint>/ to beside the data folder
    _store("attachment", "stored_name", stored, case.id)
    assert (data_folder() / "attachments" / str(case.id) / stored).resolve() == victim

    with pytest.raises(ComplaintDeskError) as refused:
        path_of(evidence(case.id)[0].id)
    assert f"“{stored}”" in str(refused.value) and NOT_TOUCHED in str(refused.value)

    outcome = _erase(case.id)
    assert victim.read_bytes() == SECRET
    assert [why for why in outcome.files_refused if f"“{stored}”" in why]


def test_an_attachment_named_etc_passwd_is_refused(case) -> None:
    stored = "../../../../etc/passwd"
    deep = "../" * (len(data_folder().resolve().parts) + 2) + "etc/passwd"
    for name in (stored, deep):
        _store("attachment", "stored_name", name, case.id)
        with pytest.raises(ComplaintDeskError) as refused:
            path_of(evidence(case.id)[0].id)
        assert str(refused.value).startswith(f"The file name “{name}”")
        assert NOT_TOUCHED in str(refused.value)


@FOLDER_ONLY
def test_a_link_inside_attachments_to_a_file_elsewhere_is_not_followed(case, victim) -> None:
    kept = evidence(case.id)[0]
    copy = data_folder() / "attachments" / str(case.id) / kept.stored_name
    copy.unlink()
    copy.symlink_to(victim)

    with pytest.raises(ComplaintDeskError) as refused:
        path_of(kept.id)
    assert f"“{copy.name}”" in str(refused.value) and "link" in str(refused.value)

    outcome = _erase(case.id)
    assert victim.read_bytes() == SECRET
    assert [why for why in outcome.files_refused if f"“{copy.name}”" in why]


@FOLDER_ONLY
def test_erasing_does_not_follow_an_attachments_folder_that_leads_elsewhere(case, tmp_path) -> None:
    """``attachments/`` a link to another folder: that folder's files stay."""
    folder = data_folder() / "attachments"
    elsewhere = tmp_path / "elsewhere"
    shutil.move(folder, elsewhere)
    folder.symlink_to(elsewhere, target_is_directory=True)
    theirs = list((elsewhere / str(case.id)).iterdir())
    assert theirs

    outcome = _erase(case.id)

    assert all(path.exists() for path in theirs)
    assert any(f"“{case.id}”" in why and NOT_TOUCHED in why for why in outcome.files_refused)


@FOLDER_ONLY
def test_a_letter_that_is_a_link_to_a_file_elsewhere_is_not_opened(case, tmp_path) -> None:
    letter = letters_for(case.id)[0]
    kept = data_folder() / "letters" / letter.file_name
    moved = tmp_path / "moved.pdf"
    shutil.move(kept, moved)
    kept.symlink_to(moved)  # the same bytes, so only where it leads can tell

    with pytest.raises(ComplaintDeskError) as refused:
        letter_file(letter.id)
    assert f"“{letter.file_name}”" in str(refused.value)
    assert NOT_TOUCHED in str(refused.value)


@pytest.mark.parametrize("stored", ["../../victim.txt", "/etc/passwd", "C:\\victim.txt"])
def test_a_letter_whose_name_leads_outside_is_not_opened(case, stored) -> None:
    _store("letter", "file_name", stored, case.id)
    with pytest.raises(ComplaintDeskError) as refused:
        letter_file(letters_for(case.id)[0].id)
    assert f"“{stored}”" in str(refused.value) and NOT_TOUCHED in str(refused.value)


# --- the logo -----------------------------------------------------------------------

TEXT = LetterText(
    kind="acknowledgement", reference="C-2026-0001", recipient_name="Zoë Łukasiewicz",
    recipient_address="1 High St", salutation="Dear Zoë,", subject="Your complaint",
    body="We have your complaint.",
)  # fmt: skip


def _images(pdf: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages)


def _profile(logo_file: str) -> business.BusinessProfile:
    return business.save_profile(
        business.BusinessProfile(name="Corner Cycles", signatory_name="Jo", logo_file=logo_file)
    )


def test_a_logo_setting_leading_outside_is_never_embedded(db, picture, caplog) -> None:
    legitimate = make_pdf(_profile(business.import_logo(picture)), TEXT)
    assert _images(legitimate) == 1

    relative = os.path.relpath(picture, data_folder())
    for stored in (str(picture), relative):
        assert (data_folder() / stored).resolve() == picture
        with caplog.at_level(logging.WARNING):
            pdf = make_pdf(_profile(stored), TEXT)
        assert _images(pdf) == 0, stored
        assert f"“{stored}”" in caplog.text and NOT_TOUCHED in caplog.text
        caplog.clear()


@FOLDER_ONLY
def test_a_logo_in_the_data_folder_that_links_elsewhere_is_never_embedded(
    db, picture, caplog
) -> None:
    (data_folder() / "logo.png").symlink_to(picture)
    with caplog.at_level(logging.WARNING):
        pdf = make_pdf(_profile("logo.png"), TEXT)
    assert _images(pdf) == 0
    assert "“logo.png”" in caplog.text


# --- the folders the app writes into ---------------------------------------------


@FOLDER_ONLY
@pytest.mark.parametrize("what", ["letter", "evidence"])
def test_nothing_is_written_into_a_folder_that_links_elsewhere(case, tmp_path, what) -> None:
    folder = data_folder() / ("letters" if what == "letter" else "attachments")
    elsewhere = tmp_path / "elsewhere"
    shutil.move(folder, elsewhere)
    folder.symlink_to(elsewhere, target_is_directory=True)
    before = sorted(elsewhere.rglob("*"))
    photo = tmp_path / "receipt.pdf"
    photo.write_bytes(b"%PDF receipt")

    with pytest.raises(ComplaintDeskError) as refused:
        if what == "letter":
            save_letter(case.id, "final", "Our answer", "Dear Zoë,", b"%PDF-1.4 final",
                        author="Sam", now=NOW)  # fmt: skip
        else:
            attach(case.id, photo, author="Sam", now=NOW)
    assert "is a link to another place, so nothing was written there" in str(refused.value)
    assert sorted(elsewhere.rglob("*")) == before
    assert len(letters_for(case.id)) == 1 and len(evidence(case.id)) == 1
