"""Letters: the business profile, the drafted words, keeping every letter made."""

from __future__ import annotations

import datetime as dt
import hashlib
import re

import pytest
from PIL import Image

from models import business, checklist, facts, file_store, morning_list, resolution, timeline
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from models.errors import NotFoundError, ValidationError
from models.letter_drafts import (
    AGREED_PLACEHOLDER,
    draft_letter,
    suggested_kind,
)
from models.letter_records import (
    letter_file,
    letters_for,
    needs_reason,
    save_letter,
    wording_findings,
)
from models.wording import scan
from tests.pictures import vast_png

PROFILE = business.BusinessProfile(
    name="Okafor & Daughters Tailoring",
    address="12 Mill Road\nLeeds LS1 4AP",
    phone="0113 496 0000",
    email="hello@example.com",
    signatory_name="Clare Okafor",
    signatory_role="Owner",
)
FAKE_PDF = b"%PDF-1.4\n% pretend letter\n"


@pytest.fixture
def complaint(db):
    return log_complaint(
        CustomerDetails(name="Zoë Łukasiewicz", address="1 Rue des Écoles\nParis"),
        ComplaintDetails(
            account="The hem is uneven.",
            product="wedding dress alteration",
            received_at=dt.datetime(2026, 3, 13, 11, 0),
        ),
        author="Sam",
        now=dt.datetime(2026, 3, 14, 10, 0),
    )


def test_the_profile_is_saved_checked_and_defaults_its_paper_by_locale(db) -> None:
    assert business.load_profile() is None
    with pytest.raises(ValidationError) as caught:
        business.save_profile(business.BusinessProfile(), for_letters=True)
    assert set(caught.value.problems) == {"name", "signatory_name"}
    # Without a letterhead the profile (its currency, its staff) is kept, but is no letterhead.
    business.save_profile(business.BusinessProfile())
    assert business.load_letterhead() is None
    business.save_profile(PROFILE)
    assert business.load_letterhead() == PROFILE
    assert business.load_profile() == PROFILE
    assert business.default_page_size("en_US") == "Letter"
    assert business.default_page_size("en_GB.UTF-8") == "A4"
    assert business.default_page_size("fr-CA") == "Letter"
    assert business.default_page_size(None) == "A4"


def test_a_logo_is_copied_into_the_data_folder(db, tmp_path) -> None:
    picture = tmp_path / "shop logo.PNG"
    Image.new("RGB", (300, 120), "orange").save(picture, format="PNG")
    name = business.import_logo(picture)
    assert name == "logo.png" and picture.exists()
    profile = business.save_profile(
        business.BusinessProfile(**{**vars(PROFILE), "logo_file": name})
    )
    assert profile.logo == picture.read_bytes()
    with pytest.raises(ValidationError, match="PNG, JPEG"):
        business.import_logo(tmp_path / "x.txt") if (tmp_path / "x.txt").write_text("x") else None


@pytest.mark.parametrize("kind", ["acknowledgement", "confirmation", "final"])
def test_drafts_are_addressed_referenced_and_free_of_admissions(complaint, kind) -> None:
    draft = draft_letter(complaint.id, kind, PROFILE)
    assert draft.reference == complaint.reference
    assert draft.salutation == "Dear Zoë Łukasiewicz,"
    assert draft.recipient_address == "1 Rue des Écoles\nParis"
    assert complaint.reference in draft.subject
    assert "0113 496 0000" in draft.body and "Friday 13 March 2026" in draft.body
    assert scan(draft.subject + "\n" + draft.body) == []


def test_the_acknowledgement_says_when_we_will_come_back(complaint) -> None:
    draft = draft_letter(complaint.id, "acknowledgement", PROFILE)
    # The shop policy: a fix agreed within three working days of Friday 13 March.
    assert "come back to you by Wednesday 18 March 2026." in draft.body


def test_the_confirmation_carries_the_agreed_solution_actions_and_check_back(complaint) -> None:
    draft = draft_letter(complaint.id, "confirmation", PROFILE)
    assert AGREED_PLACEHOLDER in draft.body
    resolution.save_resolution(
        complaint.id,
        options_offered="",
        agreed_solution="We will re-hem the dress free of charge.",
        first_contact=False,
        author="Sam",
    )
    resolution.add_action(
        complaint.id,
        who="Clare",
        what="re-hem the dress",
        due_on=dt.date(2026, 3, 20),
        author="Sam",
    )
    draft = draft_letter(complaint.id, "confirmation", PROFILE)
    # The thing agreed and Clare's action are one deed: promised once, in the fuller
    # words, by whoever does it. Clare, the shop's only Clare, signs as Clare
    # Okafor: it reads "I will".
    assert (
        "what we agreed: I will re-hem the dress free of charge by Friday 20 March 2026."
        in draft.body
    )
    assert draft.body.count("re-hem") == 1
    assert "check back with you on Friday 27 March 2026" in draft.body


def test_the_suggested_kind_follows_the_complaint() -> None:
    assert suggested_kind("engage", "open", "") == "acknowledgement"
    assert suggested_kind("facts", "open", "A refund") == "confirmation"
    assert suggested_kind("follow_up", "open", "") == "confirmation"
    assert suggested_kind("done", "closed", "A refund") == "final"


def test_a_letter_is_kept_with_its_text_file_and_hash_never_overwritten(complaint) -> None:
    now = dt.datetime(2026, 3, 14, 12, 0, 0)
    first = save_letter(
        complaint.id,
        "acknowledgement",
        "Subject",
        "Body & <b>text</b>",
        FAKE_PDF,
        author="Sam",
        now=now,
    )
    second = save_letter(
        complaint.id,
        "acknowledgement",
        "Subject",
        "Other body",
        FAKE_PDF + b"2",
        author="Sam",
        now=now,
    )
    assert first.file_name != second.file_name
    assert file_store.current().get(first.key) == FAKE_PDF
    assert first.sha256 == hashlib.sha256(FAKE_PDF).hexdigest()
    assert [r.body for r in letters_for(complaint.id)] == ["Body & <b>text</b>", "Other body"]
    assert letter_file(first.id).read_bytes() == FAKE_PDF
    entries = [e for e in timeline.entries(complaint.id) if e.kind == "letter"]
    assert len(entries) == 2 and first.file_name in entries[0].text


def test_a_changed_or_missing_letter_file_is_reported(complaint) -> None:
    kept = save_letter(complaint.id, "final", "S", "B", FAKE_PDF, author="Sam")
    file_store.current().put(kept.key, b"tampered", replace=True)
    with pytest.raises(NotFoundError, match="changed"):
        letter_file(kept.id)
    file_store.current().delete(kept.key)
    with pytest.raises(NotFoundError, match="missing"):
        letter_file(kept.id)


def test_a_letter_that_admits_fault_needs_a_reason_until_the_fault_is_ours(complaint) -> None:
    body = "We damaged your dress when we pressed it."
    assert needs_reason(wording_findings("S", body, "unknown"), "unknown")
    with pytest.raises(ValidationError) as caught:
        save_letter(complaint.id, "confirmation", "S", body, FAKE_PDF, author="Sam")
    assert "reason" in caught.value.problems
    assert letters_for(complaint.id) == []
    kept = save_letter(
        complaint.id,
        "confirmation",
        "S",
        body,
        FAKE_PDF,
        author="Sam",
        override_reason="The owner checked the press log with the customer.",
    )
    assert kept.override_reason.startswith("The owner checked")
    letter_entry = timeline.entries(complaint.id, (timeline.LETTER,))[-1]
    assert "Made despite the wording check (admission)" in letter_entry.text
    # Once the facts show it was ours, the same words need no reason.
    facts.record_fault(complaint.id, "ours", "Press log shows it was too hot.", author="Sam")
    save_letter(complaint.id, "confirmation", "S", body, FAKE_PDF, author="Sam")
    assert len(letters_for(complaint.id)) == 2


def test_a_letter_with_a_part_left_to_fill_in_is_not_kept_and_keeps_no_deadline(
    complaint,
) -> None:
    pending = [f for f in morning_list.for_complaint(complaint.id) if f.status == "pending"]
    body = f"The outcome:\n{AGREED_PLACEHOLDER}"
    with pytest.raises(ValidationError, match="to fill in") as caught:
        save_letter(complaint.id, "final", "Our final response", body, FAKE_PDF, author="Sam")
    assert AGREED_PLACEHOLDER in caught.value.problems["body"]
    assert letters_for(complaint.id) == []
    assert [f for f in morning_list.for_complaint(complaint.id) if f.status == "pending"] == pending


def test_any_letter_ticks_the_acknowledge_step_once(complaint) -> None:
    step = "empathise.acknowledge"
    assert step not in checklist.ticks(complaint.id)
    now = dt.datetime(2026, 3, 14, 12, 0, 0)
    made = save_letter(complaint.id, "acknowledgement", "S", "B", FAKE_PDF, author="Sam", now=now)
    tick = checklist.ticks(complaint.id)[step]
    assert (tick.ticked_at, tick.ticked_by) == (now, "Sam")
    assert tick.note == f"Taken as done: the letter {made.file_name} acknowledged the complaint."
    later = now + dt.timedelta(hours=1)
    save_letter(complaint.id, "final", "S", "B", FAKE_PDF, author="Jo", now=later)
    assert checklist.ticks(complaint.id)[step].ticked_by == "Sam"
    ticked = [e.text for e in timeline.entries(complaint.id, (timeline.STEP_TICKED,))]
    assert ticked == [f"Done: Say that you can see why this matters to them.\n{tick.note}"]


def test_a_step_ticked_by_hand_keeps_its_note_when_a_letter_is_made(complaint) -> None:
    step = "empathise.acknowledge"
    checklist.tick(complaint.id, step, author="Jo", note="Said so at the counter.")
    save_letter(complaint.id, "confirmation", "S", "B", FAKE_PDF, author="Sam")
    tick = checklist.ticks(complaint.id)[step]
    assert (tick.ticked_by, tick.note) == ("Jo", "Said so at the counter.")


def test_a_confirmation_of_a_recorded_fix_ticks_confirm_it_in_writing(complaint) -> None:
    step = "resolve.confirm"
    save_letter(complaint.id, "confirmation", "S", "B", FAKE_PDF, author="Sam")
    assert step not in checklist.ticks(complaint.id)  # no fix recorded yet: nothing confirmed
    resolution.save_resolution(
        complaint.id, options_offered="", agreed_solution="A new zip, fitted free.",
        first_contact=False, author="Sam",
    )  # fmt: skip
    made = save_letter(complaint.id, "confirmation", "S", "B", FAKE_PDF, author="Jo")
    tick = checklist.ticks(complaint.id)[step]
    assert tick.ticked_by == "Jo"
    assert tick.note == f"Taken as done: the letter {made.file_name} confirmed the agreed fix."


def test_a_file_renamed_as_a_picture_is_not_taken_for_a_logo(db, tmp_path) -> None:
    letter = tmp_path / "letterhead.png"
    letter.write_text("Dear Sir, this is a letter, not a picture.")
    with pytest.raises(ValidationError, match=r"letterhead\.png is not a PNG picture inside"):
        business.import_logo(letter)
    gif = tmp_path / "logo.gif"
    Image.new("P", (120, 40)).save(gif)
    assert business.import_logo(gif) == "logo.gif"


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda path: vast_png(path, 12_000), "logo.png is 12,000 × 12,000 pixels, far more"),
        (lambda path: vast_png(path, 20_000), "logo.png is far more pixels than a logo needs"),
        (
            lambda path: path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(40)),
            "logo.png cannot be read as a picture (it may be damaged)",
        ),
    ],
    ids=["12000-square", "20000-square", "damaged"],
)
def test_a_picture_that_could_not_be_drawn_is_not_taken_for_a_logo(db, tmp_path, make, said):
    path = tmp_path / "logo.png"
    make(path)
    assert path.stat().st_size < 200_000
    with pytest.raises(ValidationError, match=re.escape(said)):
        business.import_logo(path)
    assert list(file_store.current().files(file_store.LOGO)) == []  # nothing kept


@pytest.mark.parametrize("email", ["shop.example.com", "hello@shop", "hello@shop,com", "a b@c.com"])
def test_a_mistyped_shop_email_is_refused_for_the_letterhead(db, email) -> None:
    with pytest.raises(ValidationError) as refused:
        business.save_profile(business.BusinessProfile(**{**vars(PROFILE), "email": email}))
    assert "does not look like an email address" in refused.value.problems["email"]
