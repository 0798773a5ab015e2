"""The subject-access export: one customer's data, whole, as JSON and a PDF.

Complaints are logged with the real domain functions for two customers; the
export of one holds every word of theirs and none of the other's.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from letters.customer_record import render_customer_record
from models import checklist, facts, followups, guide, lessons, morning_list, resolution, timeline
from models.attachments import attach
from models.business import BusinessProfile, save_profile
from models.complaints import ComplaintDetails, add_note, log_complaint, set_status
from models.customer_data import FORMAT, VERSION, collect, file_stem, to_json, write_export
from models.customers import CustomerDetails, create_customer
from models.errors import NotFoundError, StorageError
from models.letter_records import save_letter
from models.redress import Given
from models.root_causes import ROOT_CAUSES
from models.tables import Customer
from tests.letters.test_any_text import ANY_TEXT, LONG_TEXT

NOW = dt.datetime(2026, 3, 14, 10, 30)
ZOE = CustomerDetails(
    name="Zoë <b>Łukasiewicz</b>",
    phone="07700 900123",
    email="zoe@example.com",
    address="Flat 3\n45 Long Road\nKraków 30-001",
    notes='Prefers calls after 5pm & "never" before.',
)
OTHER = CustomerDetails(name="Bartholomew Other", phone="01865 111222")
LETTER_PDF = b"%PDF-1.4 a letter as sent"


@dataclass(frozen=True)
class Shop:
    """What :func:`two_customers` logged."""

    zoe_id: int
    zoe_refs: tuple[str, ...]
    other_ref: str
    evidence_sha256: str


def _at(minutes: int) -> dt.datetime:
    return NOW + dt.timedelta(minutes=minutes)


def _handle_fully(complaint_id: int, evidence: Path) -> None:
    """Notes, a tick, a finding, a resolution, an action, a letter, evidence, a
    satisfaction check and a lesson: a complaint seen through to the end."""
    add_note(complaint_id, "Customer says the bell <rings> twice.", author="Sam",
             kind=timeline.CUSTOMER_SAYS, now=_at(1))  # fmt: skip
    add_note(complaint_id, "We checked the bolt: loose & rusty.", author="Priya",
             kind=timeline.WE_CHECKED, now=_at(2))  # fmt: skip
    checklist.tick(complaint_id, guide.STAGES[0].steps[0].key, author="Sam",
                   note="Greeted at the door", now=_at(3))  # fmt: skip
    facts.record_fault(complaint_id, "ours", "The bolt was never torqued.", author="Sam",
                       now=_at(4))  # fmt: skip
    resolution.save_resolution(
        complaint_id, options_offered="Repair or a new saddle",
        agreed_solution="Fit a new saddle free of charge.", first_contact=False,
        author="Sam", now=_at(5),
    )  # fmt: skip
    resolution.add_action(complaint_id, who="Priya", what="fit the new saddle",
                          due_on=dt.date(2026, 3, 16), author="Sam", now=_at(6))  # fmt: skip
    save_letter(complaint_id, "acknowledgement", "We have your complaint",
                "Dear Zoë,\nThank you for telling us.", LETTER_PDF, author="Sam",
                now=_at(7))  # fmt: skip
    attach(complaint_id, evidence, author="Sam", now=_at(8))
    check = next(
        f for f in morning_list.for_complaint(complaint_id) if f.kind == followups.SATISFACTION
    )
    followups.complete(check.id, followups.SATISFIED, author="Sam",
                       note="Happy with the new saddle.", now=_at(9))  # fmt: skip
    late = next(item.id for item in ROOT_CAUSES.items() if item.name == "Late")
    lessons.record_learning(complaint_id, root_cause_id=late, lesson="Torque every bolt.",
                            redress=(Given("replacement", 42.5),), author="Sam",
                            closing=True, now=_at(10))  # fmt: skip
    set_status(complaint_id, "closed", author="Sam", now=_at(11))


def two_customers(folder: Path) -> Shop:
    """Zoë with two complaints (one handled fully, one just logged) and another
    customer whose words must never appear in Zoë's export."""
    save_profile(BusinessProfile(name="Corner Cycles & <Sons>", signatory_name="Sam"))
    evidence = folder / "receipt <1>.jpg"
    evidence.write_bytes(b"a receipt" * 100)
    first = log_complaint(
        ZOE,
        ComplaintDetails(account="The saddle <b>wobbles</b> & squeaks.", product="Brompton",
                         remedy_sought="A new saddle.", received_at=NOW - dt.timedelta(days=3)),
        author="Sam", now=NOW,
    )  # fmt: skip
    _handle_fully(first.id, evidence)
    second = log_complaint(
        ZOE, ComplaintDetails(account="Now the bell is loud."), author="Sam",
        customer_id=first.customer_id, now=_at(20),
    )  # fmt: skip
    other = log_complaint(
        OTHER, ComplaintDetails(account="SECRET: my neighbour's bike."), author="Sam", now=NOW
    )
    add_note(other.id, "Other customer's private note.", author="Sam", now=_at(1))
    return Shop(
        zoe_id=first.customer_id,
        zoe_refs=(first.reference, second.reference),
        other_ref=other.reference,
        evidence_sha256=hashlib.sha256(evidence.read_bytes()).hexdigest(),
    )


@pytest.fixture
def shop(db, tmp_path) -> Shop:
    return two_customers(tmp_path)


def exported(customer_id: int) -> dict:
    return json.loads(to_json(collect(customer_id, now=NOW)))


# --- what the JSON holds -----------------------------------------------------------


def test_the_json_holds_the_customers_details_and_every_complaint_in_order(shop) -> None:
    data = exported(shop.zoe_id)
    assert list(data) == [
        "format", "version", "made_at", "business", "customer", "complaints", "mentions",
        "currency",
    ]  # fmt: skip
    assert data["mentions"] == []  # no other customer's complaint names her
    assert (data["format"], data["version"]) == (FORMAT, VERSION) == (
        "complaint-desk/customer-data", 1,
    )  # fmt: skip
    assert data["made_at"] == "2026-03-14T10:30:00"
    assert data["business"] == "Corner Cycles & <Sons>"
    customer = data["customer"]
    assert customer["name"] == "Zoë <b>Łukasiewicz</b>"
    assert customer["address"] == "Flat 3\n45 Long Road\nKraków 30-001"
    assert customer["notes"] == 'Prefers calls after 5pm & "never" before.'
    assert (customer["phone"], customer["email"]) == ("07700 900123", "zoe@example.com")
    assert dt.datetime.fromisoformat(customer["first_recorded"])
    assert [c["reference"] for c in data["complaints"]] == list(shop.zoe_refs)


def test_a_handled_complaint_carries_its_facts_resolution_and_records(shop) -> None:
    first = exported(shop.zoe_id)["complaints"][0]
    assert first["account"] == "The saddle <b>wobbles</b> & squeaks."
    assert first["received_at"] == "2026-03-11T10:30:00"
    assert (first["channel"], first["product"], first["remedy_sought"]) == (
        "At the counter", "Brompton", "A new saddle.",
    )  # fmt: skip
    assert (first["status"], first["closed_at"]) == ("Closed", "2026-03-14T10:41:00")
    assert (first["fault"], first["fault_basis"]) == ("Ours", "The bolt was never torqued.")
    assert first["agreed_solution"] == "Fit a new saddle free of charge."
    assert (first["root_cause"], first["lesson"]) == ("Late", "Torque every bolt.")
    assert first["redress"] == [{"kind": "Replacement", "value": 42.5}]
    greeted = {
        "stage": "Engage", "step": guide.STAGES[0].steps[0].instruction,
        "ticked_at": "2026-03-14T10:33:00", "ticked_by": "Sam", "note": "Greeted at the door"
    }  # fmt: skip
    assert greeted in first["checklist"]
    # the account was written down as it was logged; the acknowledgement letter
    # ticked the guide's Acknowledge step, the finding, the agreed solution and
    # the lesson their own
    assert {(t["stage"], t["ticked_by"]) for t in first["checklist"] if t != greeted} == {
        ("Engage", "Sam"),
        ("Empathise", "Sam"),
        ("Get the facts", "Sam"),
        ("Resolve", "Sam"),
        ("Follow up", "Sam"),
    }
    assert first["actions"] == [
        {"who": "Priya", "what": "fit the new saddle", "due_on": "2026-03-16",
         "done_at": None}
    ]  # fmt: skip
    satisfied = [f for f in first["follow_ups"] if f["kind"] == "Satisfaction check"]
    assert satisfied[0]["outcome"] == "Satisfied"
    assert satisfied[0]["note"] == "Happy with the new saddle."
    [letter] = first["letters"]
    assert (letter["kind"], letter["subject"]) == ("Acknowledgement", "We have your complaint")
    assert letter["body"] == "Dear Zoë,\nThank you for telling us."
    assert letter["sha256"] == hashlib.sha256(LETTER_PDF).hexdigest()
    assert letter["file_name"].startswith(f"{shop.zoe_refs[0]}-acknowledgement-")
    assert first["attachments"] == [
        {"original_name": "receipt <1>.jpg", "size": 900, "sha256": shop.evidence_sha256,
         "added_at": "2026-03-14T10:38:00", "added_by": "Sam"}
    ]  # fmt: skip


def test_the_whole_timeline_is_there_with_labels_authors_and_times(shop) -> None:
    entries = exported(shop.zoe_id)["complaints"][0]["timeline"]
    kinds = [entry["kind"] for entry in entries]
    assert kinds[0] == "Logged" and "Customer says" in kinds and "We checked" in kinds
    said = next(entry for entry in entries if entry["kind"] == "Customer says")
    assert said == {
        "at": "2026-03-14T10:31:00", "author": "Sam", "kind": "Customer says",
        "text": "Customer says the bell <rings> twice.", "redacted": False,
    }  # fmt: skip
    assert [e["at"] for e in entries] == sorted(e["at"] for e in entries)


def test_nothing_of_another_customer_is_exported(shop) -> None:
    text = to_json(collect(shop.zoe_id, now=NOW))
    for foreign in (shop.other_ref, "SECRET", "Bartholomew", "01865 111222", "private note"):
        assert foreign not in text
    other = exported(Customer.get(Customer.name == OTHER.name).id)
    assert [c["reference"] for c in other["complaints"]] == [shop.other_ref]
    assert "Zoë" not in json.dumps(other, ensure_ascii=False)


def test_a_customer_with_no_complaints_and_no_business_profile(db) -> None:
    person = create_customer(CustomerDetails(name="Ana"))
    data = exported(person.id)
    assert (data["business"], data["complaints"]) == ("", [])
    assert data["customer"]["name"] == "Ana"


def test_the_json_is_utf8_text_with_characters_as_themselves(shop) -> None:
    text = to_json(collect(shop.zoe_id, now=NOW))
    assert "Zoë <b>Łukasiewicz</b>" in text and "\\u" not in text
    assert text == to_json(collect(shop.zoe_id, now=NOW))  # the same every time
    assert text.startswith('{\n  "format": "complaint-desk/customer-data",\n  "version": 1,')


def test_an_unknown_customer_is_not_found(db, tmp_path) -> None:
    with pytest.raises(NotFoundError, match="no customer number 999"):
        collect(999)
    with pytest.raises(NotFoundError):
        write_export(999, tmp_path / "out", render=render_customer_record)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


@pytest.mark.skipif(not hasattr(Customer, "erased_at"), reason="no erasure columns yet")
def test_when_details_were_erased_or_a_complaint_anonymised_it_says_so(shop) -> None:
    from models.tables import Complaint

    Customer.update(erased_at=_at(30)).where(Customer.id == shop.zoe_id).execute()
    Complaint.update(anonymised_at=_at(30)).where(Complaint.reference == shop.zoe_refs[1]).execute()
    data = exported(shop.zoe_id)
    assert data["customer"]["erased_at"] == "2026-03-14T11:00:00"
    assert [c["anonymised_at"] for c in data["complaints"]] == [None, "2026-03-14T11:00:00"]


# --- the files ------------------------------------------------------------------------


def test_the_export_is_a_json_file_and_a_pdf_named_after_the_customer(shop, tmp_path) -> None:
    folder = tmp_path / "exports" / "new"
    json_path, pdf_path = write_export(shop.zoe_id, folder, now=NOW, render=render_customer_record)
    assert (json_path.name, pdf_path.name) == (
        "zoe-b-lukasiewicz-b-20260314.json", "zoe-b-lukasiewicz-b-20260314.pdf",
    )  # fmt: skip
    data = json.loads(json_path.read_bytes().decode("utf-8"))
    assert data == exported(shop.zoe_id)
    pdf = pdf_path.read_bytes()
    assert pdf.startswith(b"%PDF-") and len(PdfReader(io.BytesIO(pdf)).pages) >= 2
    assert sorted(p.name for p in folder.iterdir()) == sorted([json_path.name, pdf_path.name])


def test_files_are_never_overwritten(shop, tmp_path) -> None:
    folder = tmp_path / "out"
    first = write_export(shop.zoe_id, folder, now=NOW, render=render_customer_record)
    taken = folder / "zoe-b-lukasiewicz-b-20260314-2.pdf"
    taken.write_bytes(b"someone else's file")
    before = {path: path.read_bytes() for path in folder.iterdir()}
    second = write_export(shop.zoe_id, folder, now=NOW, render=render_customer_record)
    third = write_export(shop.zoe_id, folder, now=NOW, render=render_customer_record)
    assert [path.stem for path in (*first, *second, *third)] == [
        "zoe-b-lukasiewicz-b-20260314", "zoe-b-lukasiewicz-b-20260314",
        "zoe-b-lukasiewicz-b-20260314-3", "zoe-b-lukasiewicz-b-20260314-3",
        "zoe-b-lukasiewicz-b-20260314-4", "zoe-b-lukasiewicz-b-20260314-4",
    ]  # fmt: skip
    assert all(path.read_bytes() == data for path, data in before.items())
    assert not (folder / "zoe-b-lukasiewicz-b-20260314-2.json").exists()
    assert len(list(folder.iterdir())) == 7  # and no half-written leftovers


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("Zoë Martin", "zoe-martin-20260314"),
        ("Анна Петрова", "анна-петрова-20260314"),
        ("../../etc/passwd", "etc-passwd-20260314"),
        ('a/b\\c:d*e?f"g<h>i|j', "a-b-c-d-e-f-g-h-i-j-20260314"),
        ("<script>alert(1)</script>", "script-alert-1-script-20260314"),
        ("😀🎉", "customer-7-20260314"),
        ("", "customer-7-20260314"),
        ("   .  ", "customer-7-20260314"),
    ],
)
def test_file_names_are_safe_for_any_name(name: str, stem: str) -> None:
    assert file_stem(name, 7, NOW.date()) == stem


@settings(max_examples=200, deadline=None)
@given(name=st.one_of(ANY_TEXT, LONG_TEXT))
def test_any_name_gives_a_short_plain_file_name(name: str) -> None:
    stem = file_stem(name, 7, NOW.date())
    assert stem.endswith("-20260314") and not stem.startswith("-")
    assert all(ch.isalnum() or ch == "-" for ch in stem)
    assert len(stem.encode("utf-8")) <= 140


def test_a_long_name_or_one_in_any_script_makes_files_that_exist(db, tmp_path) -> None:
    for name in ("Ñ" * 200, "محمد عبد الله", "李小龍 <b>", "x" * 150 + "😀"):
        person = create_customer(CustomerDetails(name=name))
        json_path, pdf_path = write_export(
            person.id, tmp_path, now=NOW, render=render_customer_record
        )
        assert json_path.is_file() and pdf_path.is_file()
        assert len(json_path.name.encode("utf-8")) < 255


def test_a_full_disk_is_a_storage_error_and_leaves_nothing(shop, tmp_path, monkeypatch) -> None:
    def full(_descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(StorageError, match="The disk is full"):
        write_export(shop.zoe_id, tmp_path / "out", now=NOW, render=render_customer_record)
    assert list((tmp_path / "out").iterdir()) == []


def test_a_folder_that_is_a_file_is_a_storage_error(shop, tmp_path) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("hello")
    with pytest.raises(StorageError, match="is not a folder"):
        write_export(shop.zoe_id, not_a_folder, now=NOW, render=render_customer_record)
    assert not_a_folder.read_text() == "hello"


# --- any text ---------------------------------------------------------------------------


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=ANY_TEXT, notes=LONG_TEXT)
def test_any_name_and_notes_round_trip_exactly_and_the_pdf_renders(db, engine, name, notes) -> None:
    # PostgreSQL's text holds any character but NUL (the app's own cleaning drops it).
    assume(engine != "postgresql" or "\x00" not in name + notes)
    person = create_customer(CustomerDetails(name="Placeholder"))
    # Stored as given, uncleaned, as an older version or an import might have left it.
    Customer.update(name=name, notes=notes).where(Customer.id == person.id).execute()
    data = collect(person.id, now=NOW)
    back = json.loads(to_json(data).encode("utf-8").decode("utf-8"))
    assert (back["customer"]["name"], back["customer"]["notes"]) == (name, notes)
    from letters.customer_record import render_customer_record
    from tests.letters.test_any_text import assert_valid_pdf

    assert_valid_pdf(render_customer_record(data))
