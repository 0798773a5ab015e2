"""Search as you type stays quick as the log grows, on both engines.

A search that many complaints match fills the list's first page from the
complaints received last, so it should cost about the same in a log ten times
as large. Tests do not assert on fixed timings: each search is timed in a log of
1,000 and one of 10,000 sample complaints (best of three), and the larger may
take at most one and a half times as long, with a few milliseconds for the
timer and the scheduler. A search that reads every customer, or counts every
match, before it shows the first page takes two and a half times as long and
more, and fails.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest

from models.complaint_list import PAGE, Listing, ListQuery
from models.db import database
from models.demo import add_demo_data

SMALL = 1_000
LARGE = 10_000
GROWTH = 1.5
NOISE = 0.003  # seconds, over the searches together
# What is typed first: a letter (the customers' names, phones and emails), and a
# word of the sample stories.
TYPED = ("a", "e", "o", "refund")
NOW = dt.datetime(2026, 3, 14, 12, 0)


def _first_pages() -> tuple[float, dict[str, list[str]]]:
    """The seconds the first page of every typed search takes (best of three runs
    each, added up), and the references each page lists."""
    total = 0.0
    pages = {}
    for typed in TYPED:
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            rows = Listing(ListQuery(status="all", text=typed)).next_page()
            best = min(best, time.perf_counter() - started)
        total += best
        pages[typed] = [row.reference for row in rows]
    return total, pages


def _expected(typed: str, engine: str) -> list[str]:
    """The first page, worked out in Python from every complaint's words (or, for a
    term of one or two letters, its customer's name, phone and email)."""
    key = "complaint_id" if engine == "postgresql" else "rowid"
    words = dict(database.execute_sql(f"SELECT {key}, body FROM complaint_search").fetchall())
    customers = dict(database.execute_sql("SELECT id, search_key FROM customer").fetchall())
    listed = database.execute_sql(
        "SELECT id, customer_id, reference FROM complaint ORDER BY received_at DESC, id DESC"
    ).fetchall()
    found = [
        reference
        for complaint_id, customer_id, reference in listed
        if typed in (customers[customer_id] if len(typed) < 3 else words[complaint_id])
    ]
    return found[:PAGE]


def test_a_search_many_complaints_match_is_as_quick_in_a_log_ten_times_as_large(db, engine) -> None:
    add_demo_data(SMALL, seed=3, now=NOW)
    small, _ = _first_pages()
    add_demo_data(LARGE - SMALL, seed=4, now=NOW)
    large, pages = _first_pages()
    for typed, references in pages.items():
        assert references == _expected(typed, engine), typed
    assert large <= GROWTH * small + NOISE, (
        f"first pages took {large * 1000:.1f} ms in {LARGE:,} complaints, "
        f"{small * 1000:.1f} ms in {SMALL:,}"
    )


FEW = 2_000
MANY = 50_000


def _customers(count: int, start: int) -> None:
    """``count`` more customers with everyday names, phones and emails."""
    from models.complaint_writer import write_customers
    from models.db import writing
    from models.matching import Known

    names = ("Sam Jones", "Ana Souza", "Priya Patel", "Tom Evans", "Mei Chen", "Jo Smith")
    people = [
        Known(None, names[n % len(names)], f"07700 9{n:05d}", f"customer{n}@example.com", "", "")
        for n in range(start, start + count)
    ]
    with writing():
        write_customers(people, NOW)


def _time_first_page(typed: str) -> tuple[float, list[str]]:
    best, rows = float("inf"), []
    for _ in range(3):
        started = time.perf_counter()
        rows = Listing(ListQuery(status="all", text=typed)).next_page()
        best = min(best, time.perf_counter() - started)
    return best, [row.reference for row in rows]


def test_letters_few_customers_have_are_found_as_quickly_among_many_more(db, engine) -> None:
    """Typing two letters that only one customer's name holds lists their complaint
    as quickly among 50,000 customers as among 2,000: the server finds them from an
    index of the letters in each customer's name, phone and email."""
    if engine != "postgresql":
        pytest.skip("a data file reads its customers' names (a shop's few thousand) in no time")
    from models.complaints import ComplaintDetails, log_complaint
    from models.customers import CustomerDetails

    rare = log_complaint(
        CustomerDetails(name="Qxana Brody"), ComplaintDetails(account="Lost parcel."),
        author="Sam", now=NOW,
    )  # fmt: skip
    _customers(FEW, 0)
    few, listed = _time_first_page("qx")
    assert listed == [rare.reference]
    _customers(MANY - FEW, FEW)
    many, listed = _time_first_page("qx")
    assert listed == [rare.reference]
    assert many <= GROWTH * few + NOISE, (
        f"found in {many * 1000:.1f} ms among {MANY:,} customers, {few * 1000:.1f} ms among {FEW:,}"
    )
