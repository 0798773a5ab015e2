"""The log's pages: filters, search-as-you-type and every sort order."""

from __future__ import annotations

import datetime as dt

import pytest

from models.choices import STAGES
from models.complaint_list import Listing, ListQuery, SortColumn, all_rows
from models.complaints import ComplaintDetails, log_complaint, set_status
from models.customers import CustomerDetails, suggest_customers, update_customer
from models.demo import add_demo_data


def log(name, account, *, phone="", email="", when=dt.datetime(2026, 3, 1, 10, 0)):
    return log_complaint(
        CustomerDetails(name=name, phone=phone, email=email),
        ComplaintDetails(account=account, received_at=when),
        author="Sam",
        now=dt.datetime(2026, 3, 14),
    )


STAGE_KEYS = [choice.key for choice in STAGES]


@pytest.fixture
def small_log(db):
    a = log("Zoë Martin", "The cake was stale.", phone="07700 900123", email="zoe@example.com")
    b = log("Иван Петров", "Wrong size shoes & no receipt", when=dt.datetime(2026, 3, 2, 9, 0))
    c = log("Siobhán O'Brien", "Late delivery of the sofa", when=dt.datetime(2026, 3, 3, 9, 0))
    set_status(c.id, "closed", author="Sam", reason="Test data")
    return a, b, c


def refs(query: ListQuery) -> list[str]:
    return [row.reference for row in all_rows(query)]


def test_open_closed_and_all(small_log) -> None:
    a, b, c = small_log
    assert refs(ListQuery(status="open")) == [b.reference, a.reference]
    assert refs(ListQuery(status="closed")) == [c.reference]
    assert refs(ListQuery(status="all")) == [c.reference, b.reference, a.reference]


@pytest.mark.parametrize(
    ("typed", "who"),
    [
        ("zoe", 0),  # no accent typed
        ("ZOË", 0),
        ("martin", 0),
        ("07700900", 0),  # phone digits without the space
        ("900123", 0),
        ("zoe@example", 0),
        ("stale", 0),
        ("петров", 1),
        ("shoes & no", 1),
        ("C-2026-0002", 1),
        ("siobhan", 2),
        ("o'brien", 2),
        ("sofa late", 2),
        ("zo", 0),  # short term: the customer's name
    ],
)
def test_search_finds_by_reference_name_phone_email_and_words(small_log, typed, who) -> None:
    assert refs(ListQuery(status="all", text=typed)) == [small_log[who].reference]


def test_search_with_quotes_percent_and_sql_finds_nothing_and_does_not_fail(small_log) -> None:
    for typed in ['"', "%", "_", "' OR 1=1 --", 'a"b', "NEAR(", "*", "\\"]:
        assert refs(ListQuery(status="all", text=typed)) == []


def test_renaming_a_customer_updates_search(small_log) -> None:
    a = small_log[0]
    update_customer(a.customer_id, CustomerDetails(name="Zoë Hart", phone="07700 900123"))
    assert refs(ListQuery(status="all", text="hart")) == [a.reference]
    assert refs(ListQuery(status="all", text="martin")) == []


@pytest.mark.parametrize("sort", list(SortColumn))
@pytest.mark.parametrize("descending", [False, True])
def test_every_sort_pages_through_every_row_once_in_order(db, sort, descending) -> None:
    add_demo_data(230, seed=7, now=dt.datetime(2026, 3, 14, 12, 0))
    listing = Listing(ListQuery(status="all", sort=sort, descending=descending), page_size=50)
    rows = []
    while listing.has_more:
        rows.extend(listing.next_page())
    assert len(rows) == 230
    assert len({row.id for row in rows}) == 230
    keys = {
        SortColumn.REFERENCE: lambda r: (r.reference[:6], int(r.reference[7:])),
        SortColumn.RECEIVED: lambda r: r.received_at,
        SortColumn.AGE: lambda r: -r.received_at.timestamp(),
        SortColumn.CUSTOMER: lambda r: r.customer.lower(),
        SortColumn.CATEGORY: lambda r: r.category.lower(),
        SortColumn.STAGE: lambda r: STAGE_KEYS.index(r.stage),
    }[sort]
    values = [keys(row) for row in rows]
    if sort is SortColumn.CUSTOMER:
        # SQLite's NOCASE folds ASCII only; compare the ASCII names.
        values = [v for v, row in zip(values, rows, strict=True) if row.customer.isascii()]
    assert values == sorted(values, reverse=descending)
    assert listing.count() == 230


def test_count_can_stop_early(db) -> None:
    add_demo_data(120, seed=1, now=dt.datetime(2026, 3, 14, 12, 0))
    assert Listing(ListQuery(status="all")).count(at_most=50) == 50
    assert Listing(ListQuery(status="all")).count() == 120


def test_customer_suggestions_show_how_many_complaints(small_log) -> None:
    a = small_log[0]
    log("Zoë Martin", "Again", email="zoe@example.com")
    found = suggest_customers("zoe mar")
    assert [(m.id, m.name, m.complaint_count) for m in found] == [(a.customer_id, "Zoë Martin", 2)]
    assert suggest_customers("07700 900") and suggest_customers("07700 900")[0].id == a.customer_id
    assert suggest_customers("z") == []  # one letter is too little to suggest anyone
    assert suggest_customers("nobody like this") == []


def test_a_title_typed_before_the_name_still_finds_the_customer(small_log) -> None:
    chloe = log("Chloé Patel", "Late cake", phone="01632 960111")
    for typed in ("Mrs Patel", "mrs. pat", "Dr Chloé Pat"):
        assert [m.id for m in suggest_customers(typed)] == [chloe.customer_id], typed
    kept = log("Mrs Dorothy Ames", "Torn bag")  # a title kept with the name still matches
    assert [m.id for m in suggest_customers("Mrs Ames")] == [kept.customer_id]
    assert suggest_customers("Mr Nobody") == []


def test_a_search_that_fits_on_one_page_is_counted_from_the_page(small_log) -> None:
    for text, expected in (("", 3), ("zoe", 1), ("nobody here", 0)):
        listing = Listing(ListQuery(status="all", text=text))
        rows = listing.next_page()
        assert len(rows) == expected
        assert listing.count() == expected
        assert listing.count(at_most=1) == min(expected, 1)


def test_the_start_of_a_reference_finds_the_complaints_numbered_so(db) -> None:
    """Typed a character at a time, a reference narrows to the complaints whose
    references start so: "C-2026-001" is C-2026-0010 to 0019, never C-2026-10010."""
    from models.log_csv import import_log, read_log

    for day in range(1, 13):
        log(f"Customer {day}", f"Complaint {day}", when=dt.datetime(2026, 3, day, 9, 0))
    import_log(
        read_log(
            "reference,received,status,customer name,account\n"
            "C-2026-10010,2026-03-13,Open,Ann Lee,The lid cracked.\n"
            "C-2026-1001,2026-03-13,Open,Bo Lin,The zip broke.\n",
            now=dt.datetime(2026, 3, 14),
        ),
        author="Sam",
        now=dt.datetime(2026, 3, 14),
    )

    def found(typed: str) -> list[str]:
        return sorted(refs(ListQuery(status="all", text=typed)))

    assert found("C-2026-001") == ["C-2026-0010", "C-2026-0011", "C-2026-0012"]
    assert found("c-2026-0012") == ["C-2026-0012"]
    assert found("C-2026-00012") == ["C-2026-0012"]  # a zero too many
    assert found("C-2026-100") == ["C-2026-1001", "C-2026-10010"]
    assert found("C-2026-1001") == ["C-2026-1001", "C-2026-10010"]
    assert found("C-2026-10010") == ["C-2026-10010"]
    assert found("C-2025-001") == []
    assert found("c-2026-12") == ["C-2026-0012"]  # the number typed without its zeros
    everything = sorted(refs(ListQuery(status="all")))
    assert found("C-") == everything and found("c-20") == everything  # every one starts so
    assert found("C-2026-") == sorted(refs(ListQuery(status="all")))
    assert Listing(ListQuery(status="all", text="C-2026-00")).count() == 12
