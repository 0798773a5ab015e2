"""Days the owner typed as text ("by 5/3", "next tues") are written in a letter as
the app writes a day, counted from the day they were typed; nothing else changes."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from models import business, currency, resolution
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from models.letter_drafts import draft_letter
from models.typed_dates import with_days_written

MONDAY = dt.date(2026, 3, 2)  # the day the words were typed


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("Refund £20 by 5/3", "Refund £20 by Thursday 5 March 2026"),
        ("we will ring you next tues", "we will ring you on Tuesday 10 March 2026"),
        ("ring you tues", "ring you tues"),  # "tues" alone: said only after on, by...
        ("ring you on tues", "ring you on Tuesday 3 March 2026"),
        ("collect it Friday", "collect it on Friday 6 March 2026"),
        ("call tomorrow", "call on Tuesday 3 March 2026"),
        ("Tomorrow we call", "On Tuesday 3 March 2026 we call"),
        ("deliver 5th March", "deliver Thursday 5 March 2026"),
        ("by March 5, 2026", "by Thursday 5 March 2026"),
        ("until 05/03/2026", "until Thursday 5 March 2026"),
        ("on 2026-03-09", "on Monday 9 March 2026"),
        ("keep it till 28/2", "keep it till Saturday 28 February 2026"),  # the nearest
        ("1/2 price next time", "1/2 price next time"),
        ("open 24/7", "open 24/7"),
        ("refund £5.10 today", "refund £5.10 on Monday 2 March 2026"),
        ("at 10.30 on 31/2", "at 10.30 on 31/2"),  # no such day
        ("the dog sat in the sun", "the dog sat in the sun"),
        ("we may call in May", "we may call in May"),
        ("on Friday 6 March 2026", "on Friday 6 March 2026"),
    ],
)
def test_days_typed_as_text_are_written_out(typed: str, written: str) -> None:
    assert with_days_written(typed, MONDAY, first_month=False) == written


def test_month_first_where_the_locale_writes_it(monkeypatch) -> None:
    monkeypatch.setattr(currency, "_system_locale", "en_US")
    assert with_days_written("by 3/5", MONDAY) == "by Thursday 5 March 2026"
    monkeypatch.setattr(currency, "_system_locale", "en_GB")
    assert with_days_written("by 3/5", MONDAY) == "by Sunday 3 May 2026"


WORDS = st.sampled_from(
    ["by", "on", "next", "this", "tues", "Friday", "sat", "5/3", "12/1/26", "5th", "March",
     "may", "today", "tomorrow", "£5.10", "24/7", "the", "2026-03-09", ",", "."]
)  # fmt: skip


@given(st.lists(WORDS | st.text(max_size=6), max_size=12).map(" ".join))
@example("by tues 2026-03-09")  # a day's name before an ISO date goes with it
@example("Friday 12/1/26")  # a day's name before a date the date names another day of
def test_any_text_is_read_and_written_days_stay_as_they_are(text: str) -> None:
    once = with_days_written(text, MONDAY, first_month=False)
    assert with_days_written(once, MONDAY, first_month=False) == once


def test_a_letter_writes_the_days_typed_in_what_was_agreed(db, monkeypatch) -> None:
    monkeypatch.setattr(currency, "_system_locale", "en_GB")
    received = dt.datetime(2026, 3, 1, 10, 0)
    complaint = log_complaint(
        CustomerDetails(name="Aoife Byrne"),
        ComplaintDetails(account="Torn lining.", received_at=received),
        author="Sam",
        now=received,
    )
    agreed = dt.datetime.combine(MONDAY, dt.time(11, 0))
    resolution.save_resolution(
        complaint.id, options_offered="", agreed_solution="Refund £20 to her card by 5/3.",
        first_contact=False, author="Sam", now=agreed,
    )  # fmt: skip
    resolution.add_action(
        complaint.id, who="Sam", what="Ring her next tues", due_on=dt.date(2026, 3, 10),
        author="Sam", now=agreed,
    )  # fmt: skip
    profile = business.BusinessProfile(name="Byrne's", signatory_name="Sam")
    body = draft_letter(complaint.id, "confirmation", profile).body
    assert "refund £20 to your card by Thursday 5 March 2026." in body
    assert "• I will ring you on Tuesday 10 March 2026." in body  # Sam signs
    assert "5/3" not in body and "tues " not in body
    assert "2026 by Tuesday" not in body  # the day the action names is said once


def test_a_day_at_the_end_of_a_sentence_keeps_its_full_stop() -> None:
    """The letter read "…a valet by Friday 11 December 2026 Gary rings her…"."""
    written = with_days_written(
        "We pay for a valet by Friday. Gary rings her on Saturday to check all is well.",
        dt.date(2026, 12, 4),
    )
    assert written == (
        "We pay for a valet by Friday 11 December 2026. Gary rings her on Saturday "
        "5 December 2026 to check all is well."
    )
