"""Insights over a period, checked against figures worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

import models.insights
from models import followups
from models.categories import add_category, find_category
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from models.db import database
from models.demo import add_demo_data
from models.insights import Insights, Period, insights
from models.redress import Given
from models.redress import write as write_redress
from models.root_causes import ROOT_CAUSES
from models.tables import Complaint

TODAY = dt.date(2026, 4, 10)
# January to 10 April 2026; February stays empty.
PERIOD = Period.last_months(4, TODAY)

H = dt.timedelta(hours=1)
D = dt.timedelta(days=1)


def _at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def _category(name: str) -> int:
    found = find_category(name)
    assert found is not None
    return found.id


def _cause(name: str) -> int:
    found = ROOT_CAUSES.find(name)
    assert found is not None
    return found.id


def _satisfaction(complaint_id: int, outcome: str, done: str) -> None:
    """A satisfaction check on ``complaint_id`` completed with ``outcome`` at ``done``."""
    created = _at(done) - 2 * D
    check = followups.add_follow_up(
        complaint_id, kind=followups.SATISFACTION, what="Check they are happy", owner="Sam",
        due_on=created.date(), author="Sam", now=created,
    )  # fmt: skip
    note = "Still wobbles." if outcome == followups.NOT_SATISFIED else ""
    followups.complete(check, outcome, author="Sam", note=note, now=_at(done))


def small_log() -> dict[str, int]:
    """Eight complaints from four customers (and one outside the period at each end),
    with hand-picked handling times, causes, redress and satisfaction checks.

    Returns the complaints' ids by name (C0 before the period, C1-C7 in it, C8 after).
    """
    faulty = _category("Faulty or damaged item")
    wrong = _category("Wrong item or size")
    other = _category("Other")
    # (name, customer, received, category, first response after, closed after,
    #  root cause, redress, redress value)
    plan: list[tuple[str, str, str, int | None, dt.timedelta | None, dt.timedelta | None,
                     str | None, str, float | None]] = [
        ("C0", "Ana", "2025-12-31 23:59:59", other, H, 2 * D, "Staff attitude", "refund", 100.0),
        ("C1", "Ana", "2026-01-05 10:00:00", faulty, 2 * H, 3 * D, "Late", "refund", 20.1),
        ("C2", "Ben", "2026-01-10 09:00:00", faulty, 4 * H, 5 * D, "Late", "refund", 10.2),
        ("C3", "Ana", "2026-01-20 12:00:00", wrong, 9 * H, 36 * H, "Wrong item supplied",
         "replacement", None),
        ("C4", "Cal", "2026-03-02 08:00:00", None, H, 2 * D, "Late", "replacement", 30.0),
        ("C5", "Ben", "2026-03-15 10:00:00", wrong, 4 * H, 10 * D, "Product defect", "credit",
         5.25),
        ("C6", "Ana", "2026-03-30 16:00:00", faulty, None, None, None, "repair", 0.0),
        ("C7", "Dee", "2026-04-10 23:30:00", faulty, H / 2, None, "Damaged in handling", "none",
         None),
        ("C8", "Eve", "2026-04-11 00:00:00", faulty, H, D, "Late", "refund", 7.0),
    ]  # fmt: skip
    customers: dict[str, int] = {}
    ids: dict[str, int] = {}
    for name, person, received, category, *_ in plan:
        when = _at(received)
        saved = log_complaint(
            CustomerDetails(name=person),
            ComplaintDetails(account="It broke.", received_at=when, category_id=category),
            author="Sam",
            customer_id=customers.get(person),
            now=when,
        )
        customers.setdefault(person, saved.customer_id)
        ids[name] = saved.id
    assert len(customers) == 5

    # Satisfaction checks count in the month they were done.
    _satisfaction(ids["C0"], followups.SATISFIED, "2026-01-03 11:00:00")  # Dec complaint, Jan
    _satisfaction(ids["C1"], followups.SATISFIED, "2026-01-15 10:00:00")
    _satisfaction(ids["C2"], followups.NOT_SATISFIED, "2026-01-20 10:00:00")
    _satisfaction(ids["C2"], followups.SATISFIED, "2026-03-01 10:00:00")
    _satisfaction(ids["C5"], followups.SATISFIED, "2026-04-11 09:00:00")  # after the period
    # Neither an unreachable customer, a cancelled check nor another kind counts.
    unreachable = followups.add_follow_up(
        ids["C4"], kind=followups.SATISFACTION, what="Check", owner="", due_on=dt.date(2026, 3, 5),
        author="Sam", now=_at("2026-03-04 09:00:00"),
    )  # fmt: skip
    followups.complete(unreachable, followups.COULD_NOT_REACH, author="Sam",
                       now=_at("2026-03-05 09:00:00"))  # fmt: skip
    cancelled = followups.add_follow_up(
        ids["C5"], kind=followups.SATISFACTION, what="Check", owner="", due_on=dt.date(2026, 3, 20),
        author="Sam", now=_at("2026-03-16 09:00:00"),
    )  # fmt: skip
    followups.cancel(
        cancelled, author="Sam", reason="Sorted on the phone", now=_at("2026-03-17 09:00:00")
    )
    progress = followups.add_follow_up(
        ids["C5"], kind=followups.PROGRESS, what="Ring", owner="", due_on=dt.date(2026, 3, 20),
        author="Sam", now=_at("2026-03-16 09:00:00"),
    )  # fmt: skip
    followups.complete(progress, followups.DONE_OUTCOME, author="Sam",
                       now=_at("2026-03-18 09:00:00"))  # fmt: skip

    # Last, the handling times and learning exactly as planned (the steps above
    # touched the first response and, for C2, the status).
    for name, _, received, _, response, closing, cause, redress, value in plan:
        when = _at(received)
        Complaint.update(
            first_response_at=when + response if response is not None else None,
            status="closed" if closing is not None else "open",
            closed_at=when + closing if closing is not None else None,
            root_cause=_cause(cause) if cause else None,
        ).where(Complaint.id == ids[name]).execute()
        write_redress(ids[name], (Given(redress, value),) if redress or value is not None else ())
    return ids


def test_period_of_the_last_months() -> None:
    assert (PERIOD.start, PERIOD.end) == (dt.date(2026, 1, 1), dt.date(2026, 4, 10))
    assert PERIOD.months == ["2026-01", "2026-02", "2026-03", "2026-04"]
    assert Period.last_months(1, TODAY) == Period(dt.date(2026, 4, 1), TODAY)
    across = Period.last_months(18, dt.date(2026, 3, 14))
    assert across.start == dt.date(2024, 10, 1)
    assert across.months[:4] == ["2024-10", "2024-11", "2024-12", "2025-01"]
    assert len(across.months) == 18 and across.months[-1] == "2026-03"
    assert Period.last_months(12, dt.date(2026, 12, 31)).start == dt.date(2026, 1, 1)
    assert Period(dt.date(2026, 1, 15), dt.date(2026, 1, 15)).months == ["2026-01"]
    with pytest.raises(ValueError):
        Period.last_months(0, TODAY)
    with pytest.raises(ValueError):
        Period(dt.date(2026, 2, 1), dt.date(2026, 1, 31))


def test_every_figure_matches_the_hand_count(db) -> None:
    small_log()
    found = insights(PERIOD)

    assert found.period == PERIOD
    assert found.months == ["2026-01", "2026-02", "2026-03", "2026-04"]
    assert found.total == 7  # C1-C7: C0 is a second too early, C8 a moment too late
    # In the list's order, "no category" last; "Other" had only C0, so it is left out.
    assert found.per_month_by_category == {
        "Faulty or damaged item": [2, 0, 1, 1],
        "Wrong item or size": [1, 0, 1, 0],
        "No category": [0, 0, 1, 0],
    }
    # Most frequent first; equal counts in the list's order; C6 has no cause.
    assert [(name, count) for name, count, _ in found.causes] == [
        ("Late", 3),
        ("Wrong item supplied", 1),
        ("Damaged in handling", 1),
        ("Product defect", 1),
    ]
    assert [share for _, _, share in found.causes] == pytest.approx([3 / 6, 4 / 6, 5 / 6, 1.0])
    assert found.causes[-1][2] == 1.0
    # January: 2, 4 and 9 hours (odd); March: 1 and 4 (even); C6 never answered.
    assert found.median_first_response_hours == [4.0, None, 2.5, 0.5]
    # January: 3, 5 and 1.5 days (odd); March: 2 and 10 (even); C6 and C7 still open.
    assert found.median_resolution_days == [3.0, None, 6.0, None]
    # January: C0's and C1's checks satisfied, C2's first not; March: C2's second.
    assert found.satisfaction == [(2, 1), (0, 0), (1, 0), (0, 0)]
    # To the penny (20.1 + 10.2 is 30.299999... in floating point); the repair
    # worth 0, the replacement with no value and "none" are left out.
    assert found.redress_per_month == {
        "Refund": [30.3, 0.0, 0.0, 0.0],
        "Replacement": [0.0, 0.0, 30.0, 0.0],
        "Credit": [0.0, 0.0, 5.25, 0.0],
    }
    # Ana 3 (C1, C3, C6), Ben 2, Cal 1, Dee 1; Eve only after the period.
    assert found.repeat_customers == (2, 1, 1)


def test_a_month_cut_by_the_period_counts_only_its_days(db) -> None:
    small_log()
    found = insights(Period(dt.date(2026, 1, 8), dt.date(2026, 3, 14)))
    assert found.months == ["2026-01", "2026-02", "2026-03"]
    assert found.total == 3  # C2, C3, C4
    assert found.per_month_by_category == {
        "Faulty or damaged item": [1, 0, 0],
        "Wrong item or size": [1, 0, 0],
        "No category": [0, 0, 1],
    }
    assert found.median_first_response_hours == [6.5, None, 1.0]
    assert found.satisfaction == [(1, 1), (0, 0), (1, 0)]
    assert found.repeat_customers == (3, 0, 0)


def test_an_empty_period_has_every_month_and_no_figures(db) -> None:
    small_log()
    found = insights(Period(dt.date(2024, 11, 20), dt.date(2025, 1, 5)))
    assert found == Insights(
        period=Period(dt.date(2024, 11, 20), dt.date(2025, 1, 5)),
        months=["2024-11", "2024-12", "2025-01"],
        per_month_by_category={},
        causes=[],
        median_first_response_hours=[None, None, None],
        median_resolution_days=[None, None, None],
        satisfaction=[(0, 0), (0, 0), (0, 0)],
        redress_per_month={},
        repeat_customers=(0, 0, 0),
        total=0,
    )


def test_an_empty_log(db) -> None:
    found = insights(PERIOD)
    assert found.total == 0 and found.per_month_by_category == {} and found.causes == []
    assert found.median_first_response_hours == [None] * 4


def test_a_category_called_no_category_keeps_its_own_row(db) -> None:
    add_category("No category")
    when = _at("2026-02-02 10:00:00")
    for category in (_category("No category"), None):
        log_complaint(
            CustomerDetails(name="Ana"),
            ComplaintDetails(account="x", received_at=when, category_id=category),
            author="Sam",
            now=when,
        )
    found = insights(PERIOD)
    assert found.per_month_by_category == {
        "No category": [0, 1, 0, 0],
        "(No category)": [0, 1, 0, 0],
    }


def test_demo_data_adds_up(db) -> None:
    now = dt.datetime(2026, 3, 14, 10, 30)
    add_demo_data(300, seed=1, now=now)
    period = Period.last_months(18, now.date())
    found = insights(period)

    def one(sql: str, *params: object) -> int:
        return int(database.execute_sql(sql, params).fetchone()[0])

    since, until = period.since, period.until
    in_period = "FROM complaint WHERE received_at >= ? AND received_at < ?"
    assert found.total == one(f"SELECT COUNT(*) {in_period}", since, until) > 250
    assert sum(sum(row) for row in found.per_month_by_category.values()) == found.total
    assert all(len(row) == len(found.months) for row in found.per_month_by_category.values())
    with_cause = one(f"SELECT COUNT(root_cause_id) {in_period}", since, until)
    assert sum(count for _, count, _ in found.causes) == with_cause > 0
    assert [count for _, count, _ in found.causes] == sorted(
        (count for _, count, _ in found.causes), reverse=True
    )
    assert found.causes[-1][2] == 1.0
    once, twice, more = found.repeat_customers
    assert once + twice + more == one(
        f"SELECT COUNT(DISTINCT customer_id) {in_period}", since, until
    )
    assert once + 2 * twice + 3 * more <= found.total
    checks = one(
        "SELECT COUNT(*) FROM follow_up WHERE kind = 'satisfaction' AND status = 'done'"
        " AND outcome IN ('satisfied', 'not_satisfied') AND done_at >= ? AND done_at < ?",
        since,
        until,
    )
    assert sum(happy + unhappy for happy, unhappy in found.satisfaction) == checks > 0
    redress = sum(sum(row) for row in found.redress_per_month.values())
    expected = database.execute_sql(
        "SELECT COALESCE(SUM(r.value), 0.0) FROM redress r JOIN complaint c"
        " ON c.id = r.complaint_id WHERE c.received_at >= ? AND c.received_at < ?",
        (since, until),
    ).fetchone()[0]
    assert redress == pytest.approx(expected, abs=0.05)
    assert all(v is None or v >= 0 for v in found.median_first_response_hours)
    assert any(v is not None for v in found.median_resolution_days)


def test_the_same_figures_read_in_one_thread_or_two(db, monkeypatch: pytest.MonkeyPatch) -> None:
    now = dt.datetime(2026, 3, 14, 10, 30)
    add_demo_data(200, seed=2, now=now)
    period = Period.last_months(12, now.date())
    side_by_side = insights(period)
    monkeypatch.setattr(models.insights, "_shared_file", lambda: False)
    assert insights(period) == side_by_side


# --- after an import: no response recorded, days without a time --------------------------


def imported_day_only_log(received: dt.date) -> None:
    """Two complaints imported with a day received but no time: one closed that same
    day (no response recorded), one still open then closed in the app three days
    later at 18:00."""
    from models.complaints import find_by_reference, set_status
    from models.log_csv import import_log, read_log

    day = received.isoformat()
    imported_on = dt.datetime.combine(received + D, dt.time(9, 0))
    plan = read_log(
        "reference,received,status,customer name,account,closed\n"
        f"C-{received.year}-0901,{day},Closed,Ann Lee,The lid cracked.,{day}\n"
        f"C-{received.year}-0902,{day},Open,Bo Chen,The order never came.,\n",
        now=imported_on,
    )
    assert plan.problems == []
    import_log(plan, author="Sam", now=imported_on)
    later = find_by_reference(f"C-{received.year}-0902")
    closed_at = dt.datetime.combine(received + 3 * D, dt.time(18, 0))
    set_status(later.id, "closed", author="Sam", reason="Sent again.", now=closed_at)


def test_imported_days_count_in_whole_days_and_no_response_is_left_out(db) -> None:
    imported_day_only_log(dt.date(2026, 3, 2))
    found = insights(Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31)))
    # Closed the same day and after three days: not 0 hours and 3.75 days from midnight.
    assert found.median_resolution_days == [1.5]
    assert found.resolution.unit == "days"
    # The first closed without a response recorded is left out; so is the other,
    # first answered (by its closing, in the app) after the import: how long it
    # waited before is not known, and timed from the import a complaint a year old
    # would read as answered in minutes.
    assert found.median_first_response_hours == [None]
    assert models.insights.chart_note(found, "response") == (
        "Left out: 1 complaint with no response recorded (imported ones, or not answered yet)."
        " Left out: 1 complaint imported and first answered after the import, so how long"
        " it waited is not known."
    )
    assert models.insights.chart_note(found, "resolution") == (
        "2 complaints imported with a day but no time are counted in whole days."
    )


def test_a_month_whose_complaints_closed_the_day_they_came_says_why_it_has_no_bar(db) -> None:
    """An old log's rows closed the day they were received have a median of 0 days:
    the chart drew nothing, and looked as if it had no data for that month."""
    from models.log_csv import import_log, read_log

    plan = read_log(
        "received,status,customer name,account,closed\n"
        "2026-11-03,Closed,Ann Lee,The lid cracked.,2026-11-03\n"
        "2026-11-05,Closed,Bo Chen,Wrong size.,2026-11-05\n",
        now=dt.datetime(2026, 12, 1, 9),
    )
    import_log(plan, author="Sam", now=dt.datetime(2026, 12, 1, 9))
    found = insights(Period(dt.date(2026, 10, 1), dt.date(2026, 12, 1)))
    note = models.insights.chart_note(found, "resolution")
    assert "Nov 2026: a median of 0 days" in note and "no bar shows" in note
    assert "Oct" not in note  # a month with nothing at all is not said to be 0


def test_minutes_among_whole_days_read_as_0_days_not_thousandths(db) -> None:
    """Once some complaints count in whole days, a complaint closed three minutes
    after it came in is 0.0 days, as the table and the note say: no bar of 0.002
    and no axis cut into thousandths."""
    from models.chart_scale import scale
    from models.complaints import set_status

    imported_day_only_log(dt.date(2026, 3, 2))  # March: whole days
    when = dt.datetime(2026, 4, 6, 10, 0)
    quick = log_complaint(
        CustomerDetails(name="Cy"), ComplaintDetails(account="x", received_at=when),
        author="Sam", now=when,
    )  # fmt: skip
    set_status(
        quick.id, "closed", author="Sam", reason="Sorted.", now=when + dt.timedelta(minutes=3)
    )
    found = insights(Period(dt.date(2026, 3, 1), dt.date(2026, 4, 30)))
    assert found.resolution.unit == "days"
    assert found.resolution.values == [1.5, 0.0]
    assert "Apr 2026: a median of 0 days" in models.insights.chart_note(found, "resolution")
    axis = scale(max(v for v in found.resolution.values if v is not None))
    labels = [f"{tick:.{axis.decimals}f}" for tick in axis.ticks]
    assert len(set(labels)) == len(labels)  # no "0.001, 0.001"


def test_a_log_closed_only_on_days_not_known_is_not_said_to_have_none_closed(db) -> None:
    """Every complaint imported as closed without a date closed: the chart said "No
    complaint … has been closed yet" above a note counting the closed ones."""
    from models.log_csv import import_log, read_log

    plan = read_log(
        "received,status,customer name,account\n"
        "2026-11-03,Done,Ann Lee,The lid cracked.\n2026-11-05,Sorted,Bo Chen,Wrong size.\n",
        now=dt.datetime(2026, 12, 1, 9),
    )
    import_log(plan, author="Sam", now=dt.datetime(2026, 12, 1, 9))
    found = insights(Period(dt.date(2026, 10, 1), dt.date(2026, 12, 1)))
    said = models.insights.nothing_to_show(found, "resolution") or ""
    assert said.startswith("No complaint received in this period was closed on a day that is")
    assert "2 complaints imported as closed with no date closed" in models.insights.chart_note(
        found, "resolution"
    )
