"""Days as people type them into a date box."""

from __future__ import annotations

import datetime as dt

import pytest

from models.typed_dates import NotADay, read_day, read_moment

THURSDAY = dt.date(2026, 12, 3)


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("Sun 10 Jan 2027", dt.date(2027, 1, 10)),
        ("10 Jan 2027", dt.date(2027, 1, 10)),
        ("10 january", dt.date(2027, 1, 10)),  # no year: the nearest 10 January
        ("Jan 10, 2027", dt.date(2027, 1, 10)),
        ("10/1/2027", dt.date(2027, 1, 10)),  # day first
        ("10/1", dt.date(2027, 1, 10)),
        ("2027-01-10", dt.date(2027, 1, 10)),
        ("1st of March", dt.date(2027, 3, 1)),
        ("sept 3", dt.date(2026, 9, 3)),
        ("  wed 9 DEC ", dt.date(2026, 12, 9)),
        ("today", THURSDAY),
        ("tomorrow", dt.date(2026, 12, 4)),
        ("tues", dt.date(2026, 12, 8)),
        ("next monday", dt.date(2026, 12, 7)),
        ("last tue", dt.date(2026, 12, 1)),
        ("10 Jan 27", dt.date(2027, 1, 10)),
    ],
)
def test_a_day_is_read_however_it_is_typed(typed: str, day: dt.date) -> None:
    assert read_day(typed, THURSDAY, first_month=False) == day


def test_a_weekday_alone_looks_back_in_a_box_for_what_happened() -> None:
    assert read_day("tue", THURSDAY, ahead=False) == dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("Mon 10 Jan 2027", "10 Jan 2027 is a Sunday, not a Monday."),
        ("31 feb", "There is no such day as 31 feb."),
        ("30/2/2027", "There is no such day as 30/2/2027."),
        ("99/99/2027", "There is no such day as 99/99/2027."),
        ("10 Jan 202", "202 is not a year; type it in full, e.g. 2027."),
        ("rubbish", "“rubbish” is not part of a date."),
        ("", "Type a day, e.g. 10 Jan 2027."),
        ("jan", "Type the day of the month as well, e.g. 10 Jan 2027."),
    ],
)
def test_what_is_not_a_day_is_refused_with_a_reason(typed: str, said: str) -> None:
    with pytest.raises(NotADay) as refused:
        read_day(typed, THURSDAY)
    assert str(refused.value) == said


def test_a_moment_takes_a_time_after_the_day() -> None:
    now = dt.datetime(2026, 12, 3, 15, 20)
    assert read_moment("Thu 3 Dec 2026 14:30", now) == dt.datetime(2026, 12, 3, 14, 30)
    assert read_moment("yesterday 9am", now) == dt.datetime(2026, 12, 2, 9, 0)
    assert read_moment("2 Dec 2.45pm", now) == dt.datetime(2026, 12, 2, 14, 45)
    kept = read_moment("1 Dec 2026", now, time=dt.time(11, 5))
    assert kept == dt.datetime(2026, 12, 1, 11, 5)
    with pytest.raises(NotADay, match="25:00 is not a time of day"):
        read_moment("3 Dec 25:00", now)


@pytest.mark.parametrize("typed", ["next tues", "Friday", "5/3/2027", "1st of March", "tomorrow"])
def test_a_box_and_a_letter_read_a_day_alike(typed: str) -> None:
    """What an action's date box takes is the day a letter writes for the same words."""
    from models import display
    from models.typed_dates import with_days_written

    day = read_day(typed, THURSDAY, first_month=False)
    written = with_days_written(f"ring you by {typed}", THURSDAY, first_month=False)
    assert written == f"ring you by {display.long_day(day)}"


def test_a_short_year_is_named_however_the_day_is_written() -> None:
    for typed in ("15 Jan 202", "15/1/202"):
        with pytest.raises(NotADay, match=r"^202 is not a year"):
            read_day(typed, THURSDAY)
    with pytest.raises(NotADay, match=r"^202 is not a year"):
        read_moment("2/12/202 9:15", dt.datetime(2026, 12, 3, 10, 0))
