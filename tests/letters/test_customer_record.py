"""The customer record read back from the PDF: who, what, escaping, pages, any text."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings

from letters.customer_record import (
    PIECE,
    PIECE_LINES,
    pieces,
    render_customer_record,
    title_of,
)
from letters.text import clean
from models.customer_data import (
    ComplaintData,
    CustomerData,
    CustomerInfo,
    MentionData,
    TimelineData,
    collect,
)
from tests.letters.pdfs import page_texts, pdftotext, reader, words
from tests.letters.test_any_text import ANY_TEXT, LONG_TEXT, assert_valid_pdf
from tests.models.test_customer_data import NOW, Shop, two_customers

MADE = dt.datetime(2026, 3, 14, 10, 30)
PERSON = CustomerInfo(
    id=7, name="Zoë Martin", phone="07700 900123", email="zoe@example.com",
    address="Flat 3\n45 Long Road", notes="Call after 5pm.", first_recorded=MADE,
    erased_at=None,
)  # fmt: skip
BLANK = ComplaintData(
    reference="C-2026-0001", received_at=MADE, channel="", category="", product="",
    account="", remedy_sought="", upset="", handler="", status="", stage="",
    closed_at=None, first_response_at=None, fault="", fault_basis="", fault_at=None,
    options_offered="", agreed_solution="", first_contact=False, root_cause="", lesson="",
    redress=(), anonymised_at=None, checklist=(), actions=(),
    follow_ups=(), timeline=(), letters=(), attachments=(),
)  # fmt: skip


def record(**changes: object) -> CustomerData:
    data = CustomerData(made_at=MADE, business="Corner Cycles", customer=PERSON, complaints=())
    return replace(data, **changes)


def text_of(pdf: bytes) -> str:
    return words(" ".join(page_texts(pdf)))


@pytest.fixture
def shop(db, tmp_path) -> Shop:
    return two_customers(tmp_path)


def test_the_record_names_the_customer_and_holds_their_complaints(shop) -> None:
    pdf = render_customer_record(collect(shop.zoe_id, now=NOW))
    text = text_of(pdf)
    assert text.startswith(
        "Information we hold about Zoë <b>Łukasiewicz</b> Corner Cycles & <Sons> "
        "Made on 14 March 2026 at 10:30 · customer number 1 · 2 complaints"
    )
    for seen in (
        "Phone 07700 900123",
        "Email zoe@example.com",
        "Address Flat 3 45 Long Road Kraków 30-001",
        'Notes Prefers calls after 5pm & "never" before.',
        f"Complaint {shop.zoe_refs[0]}",
        f"Complaint {shop.zoe_refs[1]}",
        "What they told us The saddle <b>wobbles</b> & squeaks.",
        "Customer says the bell <rings> twice.",
        "We checked the bolt: loose & rusty.",
        "Finding on fault Ours (found Sat 14 Mar 2026 10:34)",
        "Solution agreed Fit a new saddle free of charge.",
        "Root cause Late",
        "Redress Replacement, value 42.50",
        "fit the new saddle",
        "Greeted at the door",
        "Satisfied",
        "We have your complaint",
        "receipt <1>.jpg",
        "Now the bell is loud.",
    ):
        assert seen in text, seen
    assert "&amp;" not in text and "&lt;" not in text
    for foreign in (shop.other_ref, "SECRET", "Bartholomew", "private note"):
        assert foreign not in text


def test_every_page_says_page_n_of_m_and_the_metadata_names_the_record(shop) -> None:
    pdf = render_customer_record(collect(shop.zoe_id, now=NOW))
    document = reader(pdf)
    count = len(document.pages)
    assert count >= 2
    for number, page in enumerate(page_texts(pdf), start=1):
        assert f"Page {number} of {count}" in page
    for page in document.pages:  # A4
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
            595, 842,
        )  # fmt: skip
    metadata = document.metadata
    assert metadata is not None
    assert metadata.title == "Information we hold about Zoë <b>Łukasiewicz</b>"
    assert metadata.author == "Corner Cycles & <Sons>"
    assert metadata.creator == "Complaint Desk"


def test_the_layout_reads_in_order_with_poppler(shop) -> None:
    text = words(pdftotext(render_customer_record(collect(shop.zoe_id, now=NOW))))
    order = ["Details", "Complaints", shop.zoe_refs[0], "Finding and resolution",
             "Agreed actions", "Timeline", "Letters", "Attachments", shop.zoe_refs[1]]  # fmt: skip
    positions = [text.index(heading) for heading in order]
    assert positions == sorted(positions)


def test_a_customer_with_no_complaints_and_no_business(db) -> None:
    text = text_of(render_customer_record(record(business="")))
    assert text.startswith("Information we hold about Zoë Martin Made on 14 March 2026")
    assert "No complaints are recorded for this customer." in text
    assert "Page 1 of 1" in text


def test_an_empty_complaint_says_what_it_has_none_of() -> None:
    text = text_of(render_customer_record(record(complaints=(BLANK,))))
    assert "Complaint C-2026-0001 Received Sat 14 Mar 2026 10:30" in text
    assert (
        "No agreed actions, steps done, follow-ups, timeline, letters or attachments recorded."
        in text
    )


def test_a_blank_name_still_has_a_title() -> None:
    data = record(customer=replace(PERSON, name="  \x00 "))
    assert title_of(data) == "Information we hold about customer 7"
    assert "Information we hold about customer 7" in text_of(render_customer_record(data))


def test_a_100000_character_note_prints_whole_and_quickly() -> None:
    notes = " ".join(f"w{n}" for n in range(16_000))[:99_990] + " THE-END"
    entry = TimelineData(MADE, "Sam", "Note", "x" * 100_000 + " LAST", False)
    data = record(
        customer=replace(PERSON, notes=notes),
        complaints=(replace(BLANK, account="y" * 50_000, timeline=(entry,)),),
    )
    started = time.perf_counter()
    pdf = render_customer_record(data)
    assert time.perf_counter() - started < 20  # about 1 s on a laptop
    text = " ".join(page_texts(pdf))
    assert len(reader(pdf).pages) > 20
    assert "THE-END" in text and "LAST" in text and "w15000" in text
    assert text.count("x") >= 100_000


def test_a_removed_timeline_entry_says_it_was_removed() -> None:
    entry = TimelineData(MADE, "Sam", "Note", "", True)
    data = record(complaints=(replace(BLANK, timeline=(entry,)),))
    assert "(text removed when the customer was anonymised)" in text_of(
        render_customer_record(data)
    )


def test_mentions_in_other_complaints_are_listed_last() -> None:
    data = record(
        complaints=(BLANK,),
        mentions=(
            MentionData("C-2026-0009", "Note of 14 Mar 2026", "Witness: Zoë Martin saw <it>"),
            MentionData("", "Notes about another customer", "Friend of Zoë Martin"),
        ),
    )
    text = text_of(render_customer_record(data))
    assert "Mentioned in other complaints" in text
    assert (
        "mentioned in complaint C-2026-0009 Note of 14 Mar 2026 Witness: Zoë Martin saw <it>"
        in text
    )
    assert "mentioned in notes about another customer Friend of Zoë Martin" in text
    assert "Mentioned in other" not in text_of(render_customer_record(record(complaints=(BLANK,))))


def test_long_text_is_cut_into_pieces_that_keep_every_word() -> None:
    text = "\n".join(["short"] * 100 + ["a" * 3000, "word " * 900])
    parts = pieces(text)
    assert all(len(part) <= PIECE and part.count("\n") < PIECE_LINES for part in parts)
    assert "".join("".join(parts).split()) == "".join(clean(text).split())
    assert pieces("") == [] and pieces(" \n\n ") == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=ANY_TEXT, notes=LONG_TEXT, business=ANY_TEXT, account=LONG_TEXT, entry=LONG_TEXT)
def test_any_text_anywhere_makes_a_valid_pdf(
    name: str, notes: str, business: str, account: str, entry: str
) -> None:
    complaint = replace(
        BLANK, account=account, product=name, handler=entry[:500],
        timeline=(TimelineData(MADE, name, entry[:40], entry, False),),
    )  # fmt: skip
    data = record(
        business=business,
        customer=replace(PERSON, name=name, notes=notes, address=entry),
        complaints=(complaint,),
    )
    assert_valid_pdf(render_customer_record(data))


def test_an_imported_complaint_closed_on_a_day_not_known_says_so(db) -> None:
    """Brought in from an old log that gave days but no times, and no day closed:
    the record says the day closed is not known, and never a made-up 00:00."""
    from models.log_csv import import_log, read_log
    from models.tables import Customer

    plan = read_log(
        "received,status,customer name,account\n"
        "2026-03-02,Closed,Marta Kowalska,The screen cracked again.\n",
        now=MADE,
    )
    import_log(plan, author="Tomasz", now=MADE)
    [marta] = Customer.select()
    text = text_of(render_customer_record(collect(marta.id, now=MADE)))
    assert "On a day not known" in text
    assert "00:00" not in text
    assert "Mon 2 Mar 2026" in text
