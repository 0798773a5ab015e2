"""How counts, days, durations and money read wherever the app shows them."""

from __future__ import annotations

import datetime as dt

import pytest

from models import display, lessons, morning_list
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from models.pace import describe
from models.redress import Given
from models.timeline import entries

TODAY = dt.date(2026, 12, 2)


@pytest.mark.parametrize(
    ("n", "noun", "said"),
    [
        (0, "complaint", "0 complaints"),
        (1, "complaint", "1 complaint"),
        (2, "open complaint", "2 open complaints"),
        (1204, "complaint", "1,204 complaints"),
        (1, "pending follow-up", "1 pending follow-up"),
    ],
)
def test_a_count_of_one_is_never_plural(n: int, noun: str, said: str) -> None:
    assert display.count(n, noun) == said


def test_late_and_ago_say_one_day() -> None:
    assert display.days_late(1) == "1 day late"
    assert display.days_late(8) == "8 days late"
    assert display.days_late(0) == ""
    assert display.days_ago(1) == "yesterday"
    assert display.days_ago(3) == "3 days ago"


def test_a_duration_of_one_is_singular() -> None:
    assert describe(dt.timedelta(hours=1)) == "1 hour"
    assert describe(dt.timedelta(minutes=1)) == "1 minute"
    assert describe(dt.timedelta(days=3)) == "3 days"
    assert display.age(dt.timedelta(days=1, hours=2)) == "1 day"


def test_a_day_from_another_year_says_its_year() -> None:
    assert display.day(dt.date(2026, 12, 4), TODAY) == "Fri 4 Dec"
    assert display.day(dt.date(2025, 11, 19), TODAY) == "Wed 19 Nov 2025"


def test_moments_this_year_read_in_one_style() -> None:
    now = dt.datetime(2026, 12, 2, 9, 0)
    recent = display.moment(dt.datetime(2026, 11, 26, 17, 42), now)
    older = display.moment(dt.datetime(2026, 11, 19, 12, 32), now)
    assert (recent, older) == ("Thu 26 Nov 17:42", "Thu 19 Nov 12:32")
    assert display.moment(dt.datetime(2025, 11, 19, 12, 32), now) == "Wed 19 Nov 2025 12:32"
    assert display.moment(dt.datetime(2026, 12, 1, 8, 5), now) == "Yesterday 08:05"


def test_a_narrow_column_says_the_day_alone_and_a_short_stage_name() -> None:
    now = dt.datetime(2026, 12, 2, 9, 0)
    said = [
        display.received(dt.datetime(*when), False, now=now, style="short")
        for when in ((2026, 12, 2, 8, 5), (2026, 12, 1, 17, 0), (2026, 3, 3, 10, 10))
    ]
    assert said == ["Today", "Yesterday", "3 Mar"]
    assert display.received(dt.datetime(2025, 3, 3), True, now=now, style="short") == "3 Mar 2025"
    assert display.stage("open", "facts", short=True) == "Facts"
    assert display.stage("open", "facts") == "Get the facts"
    assert display.stage("closed", "facts", short=True) == "Closed"


def test_a_label_does_not_repeat_its_value() -> None:
    assert display.labelled("Acknowledge", "Acknowledge the complaint") == (
        "Acknowledge the complaint"
    )
    assert display.labelled("Done", "Done") == "Done"
    assert display.labelled("Respond", "Agree a fix") == "Respond: Agree a fix"
    assert display.labelled("Pending", "") == "Pending"


def test_nothing_shown_leaves_no_separator() -> None:
    assert display.joined("Ana Souza", "") == "Ana Souza"
    assert display.joined("Ana Souza", "07700 900123") == "Ana Souza · 07700 900123"


def test_a_sentence_after_a_colon_loses_its_capital_but_not_a_name() -> None:
    assert display.after_colon("No backup was made.") == "no backup was made."
    assert display.after_colon("The disk is full.") == "the disk is full."
    assert display.after_colon("SQLite said no.") == "SQLite said no."
    assert display.after_colon("C-2026-0001 is closed.") == "C-2026-0001 is closed."


def test_a_follow_up_says_what_is_due_once(db) -> None:
    when = dt.datetime(2026, 12, 1, 10, 0)
    logged = log_complaint(
        CustomerDetails(name="Ana Souza"), ComplaintDetails(account="Late.", received_at=when),
        author="Sam", now=when,
    )  # fmt: skip
    shown = [item.what_is_due for item in morning_list.for_complaint(logged.id)]
    assert "Acknowledge the complaint" in shown
    assert not any(text.startswith("Acknowledge: ") for text in shown)


def test_money_carries_the_currency_of_the_locale(monkeypatch, db) -> None:
    monkeypatch.setenv("LC_ALL", "en_GB.UTF-8")
    assert display.money(12.5) == "£12.50"
    assert display.money(1200) == "£1,200.00"
    when = dt.datetime(2026, 12, 1, 10, 0)
    logged = log_complaint(
        CustomerDetails(name="Ana Souza"), ComplaintDetails(account="Late.", received_at=when),
        author="Sam", now=when,
    )  # fmt: skip
    lessons.record_learning(
        logged.id, root_cause_id=None, lesson="", redress=(Given("refund", 12.5),),
        author="Sam", closing=True,
    )  # fmt: skip
    assert any("£12.50" in entry.text for entry in entries(logged.id))


def test_a_moment_in_a_file_sorts_as_text_and_reads_back() -> None:
    moments = [dt.datetime(2026, 11, 4, 9, 5), dt.datetime(2026, 3, 14, 17, 42),
               dt.datetime(2025, 12, 31, 23, 59)]  # fmt: skip
    written = [display.sortable_moment(m) for m in moments]
    assert written[0] == "2026-11-04 09:05"
    assert sorted(written) == [display.sortable_moment(m) for m in sorted(moments)]
    assert [dt.datetime.strptime(w, display.SORTABLE_MOMENT) for w in written] == moments


def test_typed_text_is_set_apart_from_the_words_around_it() -> None:
    assert display.isolated("محمد علي") == "\u2068محمد علي\u2069"
    assert display.isolated("  ") == ""
    assert display.isolated_joined("محمد", "", "07700 900456") == (
        "\u2068محمد\u2069 · \u206807700 900456\u2069"
    )


def test_names_in_a_sentence_are_listed_with_and() -> None:
    assert display.listed(["Priya"]) == "Priya"
    assert display.listed(["Priya", " ", "Sam"]) == "Priya and Sam"
    assert display.listed(["Priya", "Sam", "Tom"]) == "Priya, Sam and Tom"
    assert display.listed([]) == ""
