"""Erasing a customer and the retention rule: the person goes, the figures stay."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import peewee
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from models import facts, file_store, lessons, resolution, retention, timeline
from models.anonymise import ANONYMOUS_NAME, REMOVED, erase_customer
from models.attachments import attach, evidence
from models.complaint_list import ListQuery, all_rows
from models.complaints import ComplaintDetails, add_note, load_complaint, log_complaint, set_status
from models.customers import CustomerDetails, suggest_customers
from models.errors import NotFoundError
from models.insights import Period, insights
from models.letter_records import letter_file, letters_for, save_letter
from models.redress import Given
from models.tables import Event

NOW = dt.datetime(2026, 3, 14, 10, 0)
ZOE = CustomerDetails(
    name="Zoë Łukasiewicz", phone="07700 900123", email="zoe@example.com",
    address="1 Rue des Écoles", notes="Prefers calls after 5",
)  # fmt: skip
SECRET_WORDS = ("Łukasiewicz", "07700", "900123", "zoe@example.com", "Écoles", "birthday")


def _log(customer: CustomerDetails, account: str, received: dt.datetime, customer_id=None):
    return log_complaint(
        customer,
        ComplaintDetails(account=account, product="kettle", received_at=received),
        author="Sam",
        now=received,
        customer_id=customer_id,
    )


@pytest.fixture
def zoe_case(db, tmp_path):
    """Zoë's complaint with everything a complaint can hold, and Ali's beside it."""
    case = _log(ZOE, "The birthday cake for Zoë Łukasiewicz had nuts.", NOW)
    add_note(case.id, "Zoë called from 07700 900123 about the birthday.", author="Sam")
    facts.record_fault(case.id, "ours", "Receipt shows zoe@example.com ordered nut-free.",
                       author="Sam", now=NOW)  # fmt: skip
    resolution.save_resolution(
        case.id, options_offered="Refund or a new cake", agreed_solution="A new birthday cake",
        first_contact=False, author="Sam", now=NOW,
    )  # fmt: skip
    resolution.add_action(case.id, who="Sam", what="Bake for Zoë Łukasiewicz",
                          due_on=dt.date(2026, 3, 16), author="Sam", now=NOW)  # fmt: skip
    lessons.record_learning(
        case.id, root_cause_id=1, lesson="Label nut-free cakes; Zoë Łukasiewicz was upset.",
        redress=(Given("replacement", 25.0),), author="Sam", closing=True, now=NOW,
    )  # fmt: skip
    photo = tmp_path / "cake.jpg"
    photo.write_bytes(b"\xff\xd8 a photo of the cake")
    attach(case.id, photo, author="Sam", now=NOW)
    save_letter(case.id, "acknowledgement", "Your complaint", "Dear Zoë Łukasiewicz,",
                b"%PDF-1.4 letter", author="Sam", now=NOW)  # fmt: skip
    other = _log(CustomerDetails(name="Ali Khan", phone="0161 496 0000"), "Late delivery.", NOW)
    return case, other


def _all_text(db_path: Path) -> str:
    """Every text value in every table of the file, as one string."""
    with sqlite3.connect(db_path) as conn:
        tables = [
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not row[0].startswith("complaint_search_")
        ]
        chunks = []
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                chunks.extend(str(value) for value in row if value is not None)
    return "\n".join(chunks)


def test_erasing_a_customer_removes_every_word_about_them(db, zoe_case) -> None:
    case, other = zoe_case
    customer_id = load_complaint(case.id).customer_id
    letter = letters_for(case.id)[0].key
    photo = evidence(case.id)[0].key
    assert file_store.current().get(letter) and file_store.current().get(photo)
    outcome = erase_customer(customer_id, author="Sam", now=dt.datetime(2027, 1, 4, 9, 0))

    assert outcome.complaints == 1 and outcome.files_deleted == 2
    assert file_store.current().get(letter) is None and file_store.current().get(photo) is None
    assert file_store.current().files(owner_id=case.id) == []
    text = _all_text(db)
    for word in SECRET_WORDS:
        assert word not in text, word
    # The whole file, not just the live rows: freed pages were overwritten.
    raw = db.read_bytes() + (db.with_name(db.name + "-wal").read_bytes()
                             if db.with_name(db.name + "-wal").exists() else b"")  # fmt: skip
    assert "Łukasiewicz".encode() not in raw and b"zoe@example.com" not in raw

    record = load_complaint(case.id)
    assert record.customer.name == ANONYMOUS_NAME
    assert record.details.account == REMOVED
    assert record.status == "closed" and record.fault == "ours"
    learnt = lessons.learning(case.id)
    assert learnt.lesson == "Label nut-free cakes; [customer] was upset."
    assert learnt.redress == (Given("replacement", 25.0),)
    entries = timeline.entries(case.id)
    assert entries[-1].kind == timeline.ANONYMISED
    assert entries[-1].text == (
        "The customer's details were erased at their request. Closed, as it was still open."
    )
    assert all(e.redacted for e in entries[:-1]) and entries[0].kind == timeline.CREATED
    with pytest.raises(NotFoundError, match="deleted when a customer's details were erased"):
        letter_file(letters_for(case.id)[0].id)
    # Ali is untouched; Zoë cannot be found any more, by name, phone or in the log.
    assert load_complaint(other.id).customer.name == "Ali Khan"
    assert suggest_customers("Zoë") == [] and suggest_customers("07700") == []
    assert [r.reference for r in all_rows(ListQuery(status="all", text="birthday"))] == []
    assert [r.reference for r in all_rows(ListQuery(status="all", text="Ali"))] == [other.reference]


def test_the_figures_are_the_same_after_erasing(db, zoe_case) -> None:
    case, _ = zoe_case
    set_status(case.id, "closed", author="Sam", reason="Cake replaced.", now=NOW)
    period = Period.last_months(12, NOW.date())
    before = insights(period)
    erase_customer(load_complaint(case.id).customer_id, author="Sam", now=NOW)
    after = insights(period)
    assert after == before and after.total == 2


def test_an_open_complaint_is_closed_and_its_follow_ups_cancelled(db) -> None:
    case = _log(ZOE, "The strap broke.", NOW)
    erase_customer(load_complaint(case.id).customer_id, author="Sam", now=NOW)
    record = load_complaint(case.id)
    assert record.status == "closed"
    assert "Closed, as it was still open." in timeline.entries(case.id)[-1].text
    from models.morning_list import for_complaint

    assert [f for f in for_complaint(case.id) if f.status == "pending"] == []


def test_the_timeline_stays_append_only_apart_from_one_redaction(db, zoe_case) -> None:
    case, _ = zoe_case
    event = Event.select().where(Event.complaint == case.id).first()
    with pytest.raises(peewee.IntegrityError):
        Event.update(text="rewritten").where(Event.id == event.id).execute()
    with pytest.raises(peewee.IntegrityError):  # not before the complaint is anonymised
        Event.update(text="", redacted=True).where(Event.id == event.id).execute()
    from models.tables import Complaint

    Complaint.update(anonymised_at=NOW).where(Complaint.id == case.id).execute()
    with pytest.raises(peewee.IntegrityError):  # a redaction blanks the text, nothing else
        Event.update(text="other", redacted=True).where(Event.id == event.id).execute()
    Event.update(text="", redacted=True).where(Event.id == event.id).execute()
    with pytest.raises(peewee.IntegrityError):
        Event.update(redacted=False).where(Event.id == event.id).execute()


def test_an_unknown_customer_cannot_be_erased(db) -> None:
    with pytest.raises(NotFoundError):
        erase_customer(424242, author="Sam")


def _closed(customer, received: dt.datetime, customer_id=None):
    case = _log(customer, f"Complaint of {received:%Y}", received, customer_id=customer_id)
    set_status(case.id, "closed", author="Sam", reason="Sorted.", now=received)
    return case


def test_retention_is_off_by_default_and_previews_what_it_would_do(db) -> None:
    old = _closed(ZOE, dt.datetime(2021, 6, 1))
    _closed(CustomerDetails(name="Ali Khan"), dt.datetime(2024, 6, 1))
    _log(CustomerDetails(name="Bea Stone"), "Still open from 2020", dt.datetime(2020, 1, 1))
    assert retention.years() is None
    assert retention.apply(NOW) is None
    assert load_complaint(old.id).customer.name == ZOE.name
    assert retention.due_count(3, NOW) == 1
    assert retention.due_count(1, NOW) == 2
    assert retention.due_count(10, NOW) == 0


# Retention backs the data file up first; on a server it waits for backups there.
@pytest.mark.sqlite_only
def test_retention_anonymises_old_closed_complaints_and_keeps_newer_ones(db) -> None:
    old = _closed(ZOE, dt.datetime(2021, 6, 1))
    zoe_id = load_complaint(old.id).customer_id
    recent = _closed(ZOE, dt.datetime(2025, 6, 1), customer_id=zoe_id)
    lapsed = _closed(CustomerDetails(name="Ali Khan", email="ali@example.com"),
                     dt.datetime(2022, 1, 1))  # fmt: skip
    retention.set_years(3)
    outcome = retention.apply(NOW)
    assert outcome is not None and outcome.complaints == 2
    # Zoë keeps her recent complaint; the old one moved to an anonymous customer.
    assert load_complaint(recent.id).customer.name == ZOE.name
    assert load_complaint(recent.id).details.account == "Complaint of 2025"
    assert load_complaint(old.id).customer.name == ANONYMOUS_NAME
    assert load_complaint(old.id).customer_id != zoe_id
    # Ali had nothing newer: his own record is anonymised.
    assert load_complaint(lapsed.id).customer.name == ANONYMOUS_NAME
    assert suggest_customers("ali@") == []
    assert "closed more than 3 years ago" in timeline.entries(old.id)[-1].text
    assert retention.due_count(3, NOW) == 0
    again = retention.apply(NOW)
    assert again is not None and again.complaints == 0


def test_retention_counts_back_from_29_february() -> None:
    assert retention.cutoff(3, dt.datetime(2028, 2, 29, 9)) == dt.datetime(2025, 2, 28, 9)
    with pytest.raises(ValueError):
        retention.set_years(0)


WORDS = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Z")),
    min_size=6,
    max_size=60,
)


# Reads the SQLite file's raw bytes.
@pytest.mark.sqlite_only
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=WORDS, account=WORDS)
def test_whatever_was_typed_is_gone_from_the_file_after_erasing(db, name, account) -> None:
    """Any name and words, in any script: after erasing, no table holds them and
    neither does the file's raw bytes (``secure_delete`` and a truncated WAL)."""
    from models.text import clean

    name, account = clean(name), clean(account)
    assume(len(name) >= 6 and len(account) >= 6 and "removed" not in account)
    assume(name not in ANONYMOUS_NAME and account not in ANONYMOUS_NAME)
    wal = db.with_name(db.name + "-wal")
    before = db.read_bytes() + (wal.read_bytes() if wal.exists() else b"") + _all_text(db).encode()
    assume(name.encode() not in before and account.encode() not in before)  # not "due_on"
    case = log_complaint(
        CustomerDetails(name=name), ComplaintDetails(account=account), author="Sam", now=NOW
    )
    add_note(case.id, f"{name} said: {account}", author="Sam", now=NOW)
    erase_customer(load_complaint(case.id).customer_id, author="Sam", now=NOW)
    text = _all_text(db)
    assert name not in text and account not in text
    raw = db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert account.encode() not in raw and name.encode() not in raw


def test_first_names_phone_numbers_reasons_and_drafts_go_too(db) -> None:
    from models import drafts
    from models.tables import Letter

    case = _log(ZOE, "The zip broke.", NOW)
    lessons.record_learning(
        case.id, root_cause_id=1, lesson="Zoë was upset; call her on 07700900123 or 07700-900-123.",
        redress=(Given("none"),), author="Sam", closing=True, now=NOW,
    )  # fmt: skip
    save_letter(case.id, "acknowledgement", "Your complaint", "Dear customer,", b"%PDF-1.4",
                author="Sam", override_reason="Zoë's solicitor insisted", now=NOW)  # fmt: skip
    drafts.save_draft("new_complaint", {"name": "zoë łukasiewicz", "account": "Zip again"})
    drafts.save_draft("other", {"name": "Ali Khan", "account": "Late"})

    erase_customer(load_complaint(case.id).customer_id, author="Sam", now=NOW)

    assert lessons.learning(case.id).lesson == (
        "[customer] was upset; call her on [customer] or [customer]."
    )
    assert Letter.get(Letter.complaint == case.id).override_reason == REMOVED
    assert drafts.load_draft("new_complaint") is None
    assert drafts.load_draft("other") is not None


# SQLite's index merge and log checkpoint.
@pytest.mark.sqlite_only
def test_a_busy_file_leaves_the_purge_for_the_next_start(db, monkeypatch) -> None:
    from models import anonymise
    from models import settings as stored

    case = _log(ZOE, "The zip broke.", NOW)

    def busy(sql, *args, **kwargs):
        if "optimize" in sql:
            raise peewee.OperationalError("database is locked")
        return original(sql, *args, **kwargs)

    original = anonymise.database.obj.execute_sql
    with monkeypatch.context() as patch:
        patch.setattr(anonymise.database.obj, "execute_sql", busy)
        outcome = erase_customer(load_complaint(case.id).customer_id, author="Sam", now=NOW)
    assert outcome.complaints == 1  # the erasure itself is saved
    assert stored.get_setting(anonymise.PURGE_PENDING) is True
    anonymise.purge_if_pending()
    assert stored.get_setting(anonymise.PURGE_PENDING) is False


# Restores a backup of the SQLite file.
@pytest.mark.sqlite_only
def test_restoring_a_backup_from_before_an_erasure_erases_them_again(db) -> None:
    import json

    from models import backups

    case = _log(ZOE, "The birthday cake had nuts.", NOW)
    other = _log(CustomerDetails(name="Ali Khan"), "Late.", NOW)
    before = backups.make_backup(now=NOW)
    erase_customer(load_complaint(case.id).customer_id, author="Sam", now=NOW)
    ledger = (db.parent / "erasures.json").read_text(encoding="utf-8")
    assert json.loads(ledger)[0]["complaints"] == [[case.id, case.reference, str(NOW)]]
    assert "Zo" not in ledger and "nuts" not in ledger  # no personal data in it

    backups.restore_backup(before, now=NOW)

    record = load_complaint(case.id)
    assert record.customer.name == ANONYMOUS_NAME and record.details.account == REMOVED
    assert "erased again" in timeline.entries(case.id)[-1].text
    assert load_complaint(other.id).customer.name == "Ali Khan"
    assert "Łukasiewicz" not in _all_text(db)


# Restores a backup of the SQLite file.
@pytest.mark.sqlite_only
def test_an_erasure_is_not_applied_to_another_shops_file(db) -> None:
    """Another file can have a complaint with the same number and reference; the
    time it was received tells them apart."""
    from models import backups

    case = _log(ZOE, "The birthday cake had nuts.", NOW)
    other_shop = backups.make_backup(now=NOW)
    with sqlite3.connect(other_shop) as conn:
        conn.execute("UPDATE complaint SET received_at = '2026-03-01 09:00:00' WHERE id = ?",
                     (case.id,))  # fmt: skip
    erase_customer(load_complaint(case.id).customer_id, author="Sam", now=NOW)
    backups.restore_backup(other_shop, now=NOW)
    record = load_complaint(case.id)
    assert record.customer.name == ZOE.name and record.anonymised_at is None
