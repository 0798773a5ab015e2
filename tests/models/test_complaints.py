"""Logging, finding and changing complaints, as the domain rules say."""

from __future__ import annotations

import datetime as dt

import pytest

from models import timeline
from models.categories import categories
from models.complaints import (
    ComplaintDetails,
    add_note,
    find_by_reference,
    load_complaint,
    log_complaint,
    set_status,
    update_complaint,
)
from models.customers import CustomerDetails
from models.errors import NotFoundError, ValidationError
from models.tables import Complaint, Customer, Event


def log(name: str = "Zoë Martin", account: str = "The kettle leaks.", **kwargs):
    customer = CustomerDetails(
        name=name, phone=kwargs.pop("phone", ""), email=kwargs.pop("email", "")
    )
    now = kwargs.pop("now", dt.datetime(2026, 3, 14, 10, 30))
    customer_id = kwargs.pop("customer_id", None)
    return log_complaint(
        customer,
        ComplaintDetails(account=account, **kwargs),
        author="Sam",
        customer_id=customer_id,
        now=now,
    )


def test_a_logged_complaint_gets_a_readable_reference_and_a_timeline(db) -> None:
    saved = log()
    assert saved.reference == "C-2026-0001"
    assert saved.received_at == dt.datetime(2026, 3, 14, 10, 30)
    entries = timeline.entries(saved.id)
    assert [(e.kind, e.author) for e in entries] == [
        ("created", "Sam"),
        ("follow_up_planned", "Sam"),  # the deadline policy's follow-ups
    ]
    assert "at the counter" in entries[0].text


def test_references_count_up_within_the_year_of_receipt(db) -> None:
    first = log()
    second = log(name="Ana Souza")
    earlier = log(name="Jo", received_at=dt.datetime(2025, 12, 30, 9, 0))
    assert (first.reference, second.reference) == ("C-2026-0001", "C-2026-0002")
    assert earlier.reference == "C-2025-0001"
    assert find_by_reference("c 2026 2").id == second.id
    assert find_by_reference("2026/0001").id == first.id
    assert find_by_reference("nonsense") is None


def test_a_returning_customer_is_found_by_email_or_phone_not_duplicated(db) -> None:
    first = log(name="Zoë Martin", email="Zoe@Example.com", phone="07700 900123")
    again = log(name="Zoe", email="zoe@example.com")
    by_phone = log(name="zoë martin", phone="07700-900-123")
    assert Customer.select().count() == 1
    assert first.customer_id == again.customer_id == by_phone.customer_id
    # The fuller name already known is kept.
    assert Customer.get().name == "Zoë Martin"


def test_someone_else_sharing_a_phone_is_a_new_customer(db) -> None:
    log(name="Mary Jones", phone="01632 960000")
    log(name="Peter Jones", phone="01632 960000")
    assert sorted(c.name for c in Customer.select()) == ["Mary Jones", "Peter Jones"]


def test_a_chosen_customer_is_used_and_their_new_details_kept(db) -> None:
    first = log(name="Łukasz Nowak")
    log(name="Łukasz Nowak", phone="07123 456789", customer_id=first.customer_id)
    customer = Customer.get_by_id(first.customer_id)
    assert Customer.select().count() == 1
    assert customer.phone == "07123 456789"


@pytest.mark.parametrize(
    ("name", "account", "fields"),
    [
        ("", "Broken", {"name"}),
        ("   ", "Broken", {"name"}),
        ("Ana", " \n\t ", {"account"}),
        ("", "", {"name", "account"}),
    ],
)
def test_required_fields_are_checked_and_nothing_is_saved(db, name, account, fields) -> None:
    with pytest.raises(ValidationError) as caught:
        log(name=name, account=account)
    assert set(caught.value.problems) == fields
    assert Complaint.select().count() == 0
    assert Customer.select().count() == 0


def test_a_huge_paste_is_refused_with_its_size_and_saves_nothing(db) -> None:
    with pytest.raises(ValidationError) as caught:
        log(account="x" * 102_400)
    assert "102,400 characters" in caught.value.problems["account"]
    assert Complaint.select().count() == 0


def test_any_script_markup_and_sql_looking_text_read_back_the_same(db) -> None:
    name = "Nguyễn Thị Ánh <b>&amp; 'O'Brien'; DROP TABLE complaint;--"
    account = 'Иван said "it broke" 😡\nline two & <script>alert(1)</script>'
    saved = log(name=name, account=account)
    record = load_complaint(saved.id)
    assert record.customer.name == name
    assert record.details.account == account


def test_control_characters_are_dropped_and_line_breaks_kept(db) -> None:
    saved = log(name="Ana\x00 Souza\n", account="one\r\ntwo\x07")
    record = load_complaint(saved.id)
    assert record.customer.name == "Ana Souza"
    assert record.details.account == "one\ntwo"


def test_editing_records_each_change_on_the_timeline(db) -> None:
    saved = log(product="Kettle")
    category = categories()[0]
    record = load_complaint(saved.id)
    changed = update_complaint(
        saved.id,
        ComplaintDetails(
            **{**vars(record.details), "product": "Toaster", "category_id": category.id}
        ),
        author="Priya",
        now=dt.datetime(2026, 3, 15, 9, 0),
    )
    assert changed == [
        f"Category: (blank) → {category.name}",
        "Product or order: Kettle → Toaster",
    ]
    last = timeline.entries(saved.id)[-1]
    assert (last.kind, last.author) == ("edited", "Priya")
    assert "Toaster" in last.text
    # Saving again without a change writes nothing.
    record = load_complaint(saved.id)
    before = len(timeline.entries(saved.id))
    assert update_complaint(saved.id, record.details, author="Priya") == []
    assert len(timeline.entries(saved.id)) == before


def test_closing_and_reopening_are_recorded(db) -> None:
    saved = log()
    set_status(
        saved.id, "closed", author="Sam", reason="Sorted on the spot.",
        now=dt.datetime(2026, 3, 16, 12, 0),
    )  # fmt: skip
    assert load_complaint(saved.id).closed_at == dt.datetime(2026, 3, 16, 12, 0)
    set_status(saved.id, "open", author="Sam")
    record = load_complaint(saved.id)
    assert record.status == "open" and record.closed_at is None
    texts = [e.text for e in timeline.entries(saved.id) if e.kind == "status_changed"]
    assert texts == ["Closed. Sorted on the spot.", "Reopened."]


def test_notes_need_words(db) -> None:
    saved = log()
    with pytest.raises(ValidationError):
        add_note(saved.id, "   ", author="Sam")
    add_note(saved.id, "Called back, left a message.", author="Sam")
    assert timeline.entries(saved.id)[-1].text == "Called back, left a message."
    with pytest.raises(NotFoundError):
        add_note(9999, "hello", author="Sam")


def test_timeline_entries_cannot_be_changed(db) -> None:
    saved = log()
    import peewee

    with pytest.raises(peewee.IntegrityError):
        Event.update(text="rewritten").where(Event.complaint == saved.id).execute()


def test_a_complaint_cannot_be_received_in_the_future(db) -> None:
    with pytest.raises(ValidationError) as caught:
        log(received_at=dt.datetime(2026, 3, 20), now=dt.datetime(2026, 3, 14))
    assert "future" in caught.value.problems["received_at"]


def test_the_customers_other_complaints_are_listed(db) -> None:
    first = log(email="a@example.com", account="First")
    second = log(email="a@example.com", account="Second")
    record = load_complaint(second.id)
    assert [e.reference for e in record.earlier] == [first.reference]


def test_a_changed_received_time_is_written_as_the_app_writes_moments(db) -> None:
    saved = log(received_at=dt.datetime(2026, 12, 2, 12, 23), now=dt.datetime(2026, 12, 2, 13, 0))
    record = load_complaint(saved.id)
    changed = update_complaint(
        saved.id,
        ComplaintDetails(**{**vars(record.details), "received_at": dt.datetime(2026, 12, 1, 9, 5)}),
        author="Priya",
        now=dt.datetime(2026, 12, 2, 14, 0),
    )
    assert any("Wed 2 Dec 2026 12:23 → Tue 1 Dec 2026 09:05" in line for line in changed)


@pytest.mark.parametrize(
    "phone",
    ["07700 900123", "+44 (0)161 496 0000", "555-0123 x12", "0161/496.0000 ext. 7", "٠٧٧٠٠ ٩٠٠١٢٣"],
)
def test_what_a_phone_number_can_hold_is_kept(db, phone: str) -> None:
    saved = log(phone=phone)
    assert load_complaint(saved.id).customer.phone == phone


@pytest.mark.parametrize("phone", ["=SUM(A1)", "call after 5", "<b>0161</b>", "+", "07700 x"])
def test_a_phone_box_holding_something_else_is_refused_and_says_why(db, phone: str) -> None:
    with pytest.raises(ValidationError) as refused:
        log(phone=phone)
    assert "is not a phone number" in refused.value.problems["phone"]
    assert not Customer.select().exists()


def test_a_long_text_edited_at_its_end_shows_the_change_on_the_timeline(db) -> None:
    """Words added after a long account: the timeline line shows where the two
    differ, not the same first eighty characters twice."""
    from dataclasses import replace

    from models import timeline

    first = (
        "The heels we replaced on her black boots came off after two days. "
        "She slipped on the stairs."
    )
    saved = log_complaint(
        CustomerDetails(name="Ruth Adeyemi"), ComplaintDetails(account=first), author="Ola"
    )
    added = first + " Not hurt, but upset; she wants them redone today."
    record = load_complaint(saved.id)
    update_complaint(saved.id, replace(record.details, account=added), author="Dev")
    [line] = [e.text for e in timeline.entries(saved.id) if e.kind == timeline.EDITED]
    assert "she wants them redone today" in line
    before, after = line.split(" → ")
    assert before != after
