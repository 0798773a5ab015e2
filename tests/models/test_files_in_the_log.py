"""Evidence, letters and the logo are kept where every counter of the log reaches
them: in the data folder beside a data file, in the log itself on a server.

"Another counter" is the log opened again from another computer's data folder:
on a server, a folder of its own (nothing of the first counter's folder is
there); with a data file, the same folder (it is the log).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.startup import open_data
from letters.compose import LetterText, make_pdf
from models import business, file_store
from models.anonymise import erase_customer
from models.attachments import attach, evidence, path_of
from models.complaints import ComplaintDetails, load_complaint, log_complaint
from models.customers import CustomerDetails
from models.db import close_database, data_folder, database
from models.errors import NotFoundError
from models.letter_records import letter_file, letters_for, save_letter

NOW = dt.datetime(2026, 3, 14, 10, 0)
PHOTO = b"\xff\xd8\xff\xe0 a photo of the dented kettle " * 40
PDF = b"%PDF-1.4\n% the acknowledgement\n"
TEXT = LetterText(
    kind="acknowledgement", reference="C-2026-0001", recipient_name="Zoë Łukasiewicz",
    recipient_address="1 High St", salutation="Dear Zoë,", subject="Your complaint",
    body="We have your complaint.",
)  # fmt: skip


@pytest.fixture
def case(db: Path):
    return log_complaint(
        CustomerDetails(name="Zoë Łukasiewicz", phone="07700 900123"),
        ComplaintDetails(account="The kettle arrived dented.", received_at=NOW),
        author="Sam",
        now=NOW,
    )


@pytest.fixture
def other_counter(db: Path, engine: str, tmp_path: Path):
    """Close this counter's connection and open the log as another counter does."""

    def reopen() -> Path:
        close_database()
        folder = tmp_path / "other-counter" if engine == "postgresql" else db.parent
        open_data(folder)  # on a server: the same log ($COMPLAINT_DESK_DATABASE)
        return folder

    return reopen


def _stored_rows(owner_id: int | None = None) -> int:
    """Rows in the log's table of files (of one complaint): none beside a data file."""
    where = "" if owner_id is None else f" WHERE owner_id = {int(owner_id)}"
    return int(database.execute_sql(f"SELECT COUNT(*) FROM stored_file{where}").fetchone()[0])


def _images(pdf: bytes) -> int:
    return sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages)


def test_evidence_added_at_one_counter_opens_at_another(
    case, engine: str, tmp_path: Path, other_counter
) -> None:
    photo = tmp_path / "dented kettle.jpg"
    photo.write_bytes(PHOTO)
    added = attach(case.id, photo, author="Sam", now=NOW)
    photo.unlink()  # the copy does not depend on the original

    folder = other_counter()
    [kept] = evidence(case.id)
    opened = path_of(kept.id)
    assert opened.read_bytes() == PHOTO and opened.suffix == ".jpg"
    assert kept.sha256 == hashlib.sha256(PHOTO).hexdigest() == added.sha256
    assert opened.is_relative_to(folder)  # a copy this counter's viewer can open
    if engine == "postgresql":
        assert _stored_rows(case.id) == 1
        assert not (folder / "attachments").exists()
    else:  # beside a data file: where it always was, and the table stays empty
        assert opened == folder / "attachments" / str(case.id) / kept.stored_name
        assert _stored_rows() == 0


def test_a_letter_made_at_one_counter_reopens_from_the_archive_at_another(
    case, other_counter
) -> None:
    made = save_letter(case.id, "acknowledgement", "Your complaint", "Dear Zoë,", PDF,
                       author="Sam", now=NOW)  # fmt: skip
    again = save_letter(case.id, "acknowledgement", "Your complaint", "Dear Zoë, again",
                        PDF + b"2", author="Sam", now=NOW)  # fmt: skip
    assert again.file_name != made.file_name  # the same second: never overwritten

    other_counter()
    kept = letters_for(case.id)
    assert [k.file_name for k in kept] == [made.file_name, again.file_name]
    assert letter_file(made.id).read_bytes() == PDF
    assert letter_file(again.id).read_bytes() == PDF + b"2"
    assert letter_file(made.id).name == made.file_name  # "Save as" offers the letter's name


def test_a_letter_changed_or_gone_from_the_log_is_said(case) -> None:
    made = save_letter(case.id, "final", "Our answer", "Dear Zoë,", PDF, author="Sam", now=NOW)
    store = file_store.current()
    store.put(made.key, b"%PDF-1.4 not what was sent", replace=True)
    with pytest.raises(NotFoundError, match="has been changed since it was made"):
        letter_file(made.id)
    store.delete(made.key)
    with pytest.raises(NotFoundError, match=f"The file {made.file_name} is missing from"):
        letter_file(made.id)


def test_the_logo_chosen_at_one_counter_is_on_the_letters_of_another(
    db: Path, picture: Path, other_counter
) -> None:
    name = business.import_logo(picture)
    business.save_profile(
        business.BusinessProfile(name="Corner Cycles", signatory_name="Jo", logo_file=name)
    )
    picture.unlink()  # the log keeps its own copy

    other_counter()
    profile = business.load_letterhead()
    assert profile is not None and profile.logo_file == "logo.png"
    pdf = make_pdf(profile, TEXT)
    assert _images(pdf) == 1
    assert "Corner Cycles" in "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages
    )


def test_a_new_logo_replaces_the_old_one_of_another_kind(db: Path, picture: Path) -> None:
    from PIL import Image

    business.import_logo(picture)
    jpeg = picture.with_suffix(".jpg")
    Image.new("RGB", (200, 80), "navy").save(jpeg)
    assert business.import_logo(jpeg) == "logo.jpg"
    kept = file_store.current().files(file_store.LOGO)
    assert [key.name for key in kept] == ["logo.jpg"]
    assert file_store.current().get(kept[0]) == jpeg.read_bytes()


def test_erasing_a_customer_removes_their_stored_files(case, engine: str, tmp_path: Path) -> None:
    photo = tmp_path / "receipt.pdf"
    photo.write_bytes(b"%PDF-1.4 the receipt, with her address")
    attach(case.id, photo, author="Sam", now=NOW)
    save_letter(case.id, "acknowledgement", "Your complaint", "Dear Zoë,", PDF,
                author="Sam", now=NOW)  # fmt: skip
    viewed = path_of(evidence(case.id)[0].id)  # opened at this counter
    store = file_store.current()
    assert len(store.files(owner_id=case.id)) == 2

    outcome = erase_customer(
        load_complaint(case.id).customer_id, author="Sam", now=NOW + dt.timedelta(days=1)
    )

    assert outcome.files_deleted == 2 and outcome.files_left == ()
    assert store.files(owner_id=case.id) == []
    assert not viewed.exists()
    with pytest.raises(NotFoundError, match="deleted when a customer's details were erased"):
        letter_file(letters_for(case.id)[0].id)
    if engine == "postgresql":
        assert _stored_rows() == 0
        # Said plainly: the server keeps deleted rows on its disk until its VACUUM.
        assert "PostgreSQL" in outcome.still_held and "VACUUM" in outcome.still_held
    else:
        assert not (data_folder() / "attachments" / str(case.id)).exists()
        assert list((data_folder() / "letters").iterdir()) == []
        assert outcome.still_held == ""  # removed rows are overwritten in the file itself


def test_retention_removes_the_files_of_the_complaints_it_anonymises(
    case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from models import backups, retention
    from models.complaints import set_status

    photo = tmp_path / "photo.jpg"
    photo.write_bytes(PHOTO)
    attach(case.id, photo, author="Sam", now=NOW)
    set_status(case.id, "closed", author="Sam", reason="Refunded.", now=NOW)
    retention.set_years(1)
    monkeypatch.setattr(backups, "make_backup", lambda **_: tmp_path / "backup")  # not the point

    outcome = retention.apply(now=NOW + dt.timedelta(days=800))

    assert outcome is not None and outcome.complaints == 1 and outcome.files_deleted == 1
    assert file_store.current().files(owner_id=case.id) == []


# --- a server only ------------------------------------------------------------------


def _ali():
    return log_complaint(
        CustomerDetails(name="Ali Khan"), ComplaintDetails(account="Late."), author="Sam", now=NOW
    )


def test_a_file_too_big_for_the_server_is_refused_plainly_and_nothing_is_lost(
    data_dir: Path, server_address: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from models import server_files
    from models.errors import ValidationError

    open_data(data_dir, database=server_address)
    try:
        monkeypatch.setattr(server_files, "MAX_ON_SERVER", 1000)
        complaint = _ali()
        video = tmp_path / "unboxing.mp4"
        video.write_bytes(b"\x00" * 5000)
        with pytest.raises(ValidationError) as refused:
            attach(complaint.id, video, author="Sam", now=NOW)
        said = refused.value.problems["file"]
        assert said.startswith("unboxing.mp4 is ") and "at most" in said and "smaller" in said
        assert evidence(complaint.id) == [] and _stored_rows() == 0
        small = tmp_path / "receipt.jpg"
        small.write_bytes(b"\xff\xd8 small")
        attach(complaint.id, small, author="Sam", now=NOW)  # the log still takes the next one
        assert [e.original_name for e in evidence(complaint.id)] == ["receipt.jpg"]
    finally:
        close_database()


def test_copies_opened_by_a_counter_that_stopped_go_at_the_next_start(
    data_dir: Path, server_address: str, tmp_path: Path
) -> None:
    open_data(data_dir, database=server_address)
    try:
        complaint = _ali()
        photo = tmp_path / "photo.jpg"
        photo.write_bytes(PHOTO)
        attach(complaint.id, photo, author="Sam", now=NOW)
        opened = path_of(evidence(complaint.id)[0].id)
    finally:
        close_database()
    # As if the app had been killed: its copies stay, under a process no longer running.
    dead = opened.parents[1].with_name("999999999")
    opened.parents[1].rename(dead)
    assert (dead / opened.parent.name / opened.name).read_bytes() == PHOTO
    open_data(data_dir, database=server_address)
    try:
        assert not dead.exists()
    finally:
        close_database()
