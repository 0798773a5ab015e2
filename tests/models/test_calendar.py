"""One working-day calendar for every date the app proposes or accepts.

The shop here is closed on Mondays and Sundays, and on two holidays, so that a
rule that only knows about weekends fails.
"""

from __future__ import annotations

import datetime as dt

import pytest

from models import (
    business,
    calendar,
    deadline_policy,
    followups,
    morning_list,
    resolution,
    timeline,
)
from models.calendar import ShopWeek, closed_warning, propose, save_shop_week, shop_week
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails

SATURDAY = dt.date(2026, 3, 14)
SUNDAY, MONDAY = dt.date(2026, 3, 15), dt.date(2026, 3, 16)
TUESDAY_HOLIDAY = dt.date(2026, 3, 17)
WEDNESDAY, THURSDAY = dt.date(2026, 3, 18), dt.date(2026, 3, 19)
FRIDAY_HOLIDAY = dt.date(2026, 3, 20)
NEXT_SATURDAY = dt.date(2026, 3, 21)
WEEK = ShopWeek(frozenset({0, 6}), frozenset({TUESDAY_HOLIDAY, FRIDAY_HOLIDAY}))


@pytest.fixture
def shop(db):
    save_shop_week(WEEK)
    return WEEK


def log(received: dt.date = SATURDAY, name: str = "Ana Souza"):
    at = dt.datetime.combine(received, dt.time(10, 0))
    return log_complaint(
        CustomerDetails(name=name, phone="07700 900123"),
        ComplaintDetails(account="The zip broke.", received_at=at, handler="Priya"),
        author="Sam",
        now=at,
    )


def pending(complaint_id: int) -> dict[str, dt.date]:
    return {
        f.kind: f.due_on for f in morning_list.for_complaint(complaint_id) if f.status == "pending"
    }


def test_proposed_dates_land_on_the_next_day_the_shop_is_open(shop) -> None:
    assert propose(SATURDAY) == SATURDAY  # open: Saturdays are not closed here
    assert propose(SATURDAY, days=1) == WEDNESDAY  # Sun, Mon closed; Tue a holiday
    assert propose(WEDNESDAY, working_days=2) == NEXT_SATURDAY  # Thu, (Fri holiday), Sat
    assert propose(THURSDAY, days=1, working_days=1) == dt.date(2026, 3, 24)  # Sat, then Tue


def test_a_closed_day_is_named_in_the_warning(shop) -> None:
    assert closed_warning(dt.date(2026, 12, 7)) == "Monday 7 December: the shop is closed"
    assert closed_warning(TUESDAY_HOLIDAY) == "Tuesday 17 March: the shop is closed"
    assert closed_warning(SATURDAY) == ""
    assert closed_warning(dt.date(2026, 12, 5), ShopWeek()) == (
        "Saturday 5 December: the shop is closed"
    )
    assert WEEK.closed_reason(TUESDAY_HOLIDAY) == "Holiday: the shop is closed"
    assert WEEK.closed_reason(MONDAY) == "The shop is closed on Mondays"


@pytest.mark.parametrize("how", ["tomorrow", "three"])
def test_snoozes_land_on_the_next_open_day(shop, how) -> None:
    # Tomorrow is a Sunday, three days on the Tuesday holiday.
    assert followups.snooze_day(how, SATURDAY) == WEDNESDAY


def test_a_week_later_is_seven_days_on_or_the_next_open_day(shop) -> None:
    assert followups.snooze_day("week", WEDNESDAY) == dt.date(2026, 3, 25)
    # From a Sunday (closed, as are Mondays) a week later is the Tuesday after.
    assert followups.snooze_day("week", dt.date(2026, 3, 15)) == dt.date(2026, 3, 24)


def test_a_new_follow_up_is_proposed_for_the_next_open_day(shop) -> None:
    assert followups.default_due(SATURDAY) == WEDNESDAY
    assert followups.default_due(WEDNESDAY) == THURSDAY


def test_could_not_reach_tries_again_on_the_next_open_day(shop) -> None:
    complaint = log()
    acknowledge = morning_list.for_complaint(complaint.id)[0]
    followups.complete(acknowledge.id, "could_not_reach", author="Sam", today=SATURDAY)
    assert pending(complaint.id)["acknowledge"] == WEDNESDAY
    assert "trying again on Wed 18 Mar 2026" in timeline.entries(complaint.id)[-1].text
    # Rung on a closed day (a Sunday): again on the next open day, as a snooze of a
    # day proposes, not the open day after it.
    assert followups.retry_day(SUNDAY) == followups.snooze_day("tomorrow", SUNDAY) == WEDNESDAY


def test_a_new_complaints_deadlines_skip_closed_days_and_holidays(shop) -> None:
    assert pending(log(SUNDAY).id) == {
        "acknowledge": WEDNESDAY,  # received on a closed day: the next open one
        "respond": dt.date(2026, 3, 24),  # 3 working days: Thu, Sat, Tue
    }
    deadline_policy.save_preferences("iso10002", 7)
    assert pending(log(SATURDAY, "Jo Evans").id) == {
        "acknowledge": SATURDAY,
        "progress": dt.date(2026, 3, 25),  # Wed, Thu, Sat, Tue, Wed
        "respond": dt.date(2026, 4, 1),
    }


def test_an_action_agreed_for_a_closed_day_is_followed_up_that_day(shop) -> None:
    # The owner was warned and kept the day: the action, its follow-up and the
    # letter all say the same date; only what the app proposes after it moves on.
    complaint = log()
    resolution.add_action(
        complaint.id, who="Jo", what="fit the zip", due_on=MONDAY, author="Sam",
        now=dt.datetime(2026, 3, 14, 11),
    )  # fmt: skip
    due = pending(complaint.id)
    assert due["action"] == MONDAY
    assert due["satisfaction"] == dt.date(2026, 3, 24)  # Mon 16 + 7 = Mon 23, closed


def test_a_holiday_added_later_moves_what_falls_on_it(shop) -> None:
    complaint = log(WEDNESDAY)
    on_thursday = followups.add_follow_up(
        complaint.id, kind="other", what="Ring about the part", owner="",
        due_on=THURSDAY, author="Sam",
    )  # fmt: skip
    kept = followups.add_follow_up(
        complaint.id, kind="other", what="Already done", owner="", due_on=THURSDAY, author="Sam"
    )
    followups.complete(kept, "done", author="Sam")
    overdue = followups.add_follow_up(
        complaint.id, kind="other", what="Late one", owner="", due_on=dt.date(2026, 3, 12),
        author="Sam",
    )  # fmt: skip
    today = WEDNESDAY
    closing = ShopWeek(WEEK.closed_weekdays, WEEK.closed_dates | {THURSDAY, dt.date(2026, 3, 12)})

    preview = calendar.moves_for(closing, today)
    assert [(m.follow_up_id, m.before, m.after) for m in preview] == [
        (on_thursday, THURSDAY, NEXT_SATURDAY)  # Fri is a holiday already
    ]
    assert shop_week() == WEEK  # a preview changes nothing

    moves = calendar.change_shop_week(closing, author="Sam", today=today)
    assert moves == preview
    assert shop_week() == closing
    by_id = {f.id: f for f in morning_list.for_complaint(complaint.id)}
    assert by_id[on_thursday].due_on == NEXT_SATURDAY
    assert by_id[kept].due_on == THURSDAY  # done: left as it was
    assert by_id[overdue].due_on == dt.date(2026, 3, 12)  # overdue: still shows how late
    assert (
        "Moved: Ring about the part, Thu 19 Mar 2026 → Sat 21 Mar 2026: the shop is now "
        "closed that day." in [e.text for e in timeline.entries(complaint.id)]
    )


def test_an_agreed_action_due_on_a_day_closed_later_moves_with_its_follow_up(shop) -> None:
    """The Resolve tab, the follow-up and the next letter say one date."""
    from models.letter_drafts import draft_letter

    complaint = log(WEDNESDAY)
    resolution.add_action(
        complaint.id, who="Bryn", what="have a new trimmer ready to collect", due_on=THURSDAY,
        author="Sam", now=dt.datetime(2026, 3, 18, 11),
    )  # fmt: skip
    closing = ShopWeek(WEEK.closed_weekdays, WEEK.closed_dates | {THURSDAY})
    calendar.change_shop_week(closing, author="Sam", today=WEDNESDAY)
    [action] = resolution.actions(complaint.id)
    assert action.due_on == pending(complaint.id)["action"] == NEXT_SATURDAY
    profile = business.BusinessProfile(name="Green Thumb", signatory_name="Bryn")
    body = draft_letter(complaint.id, "confirmation", profile).body
    assert "Saturday 21 March 2026" in body and "Thursday 19 March 2026" not in body


def test_closing_a_weekday_later_moves_what_falls_on_it_and_only_that(shop) -> None:
    complaint = log(WEDNESDAY)  # acknowledge Wed 18; respond Thu, Sat, Tue 24
    assert pending(complaint.id)["respond"] == dt.date(2026, 3, 24)
    moves = calendar.change_shop_week(
        ShopWeek(WEEK.closed_weekdays | {1}, WEEK.closed_dates), author="Sam", today=WEDNESDAY
    )
    assert [(m.before, m.after) for m in moves] == [(dt.date(2026, 3, 24), dt.date(2026, 3, 25))]
    assert pending(complaint.id) == {"acknowledge": WEDNESDAY, "respond": dt.date(2026, 3, 25)}
    # Opening a day again moves nothing back.
    assert calendar.change_shop_week(WEEK, author="Sam", today=WEDNESDAY) == []


def test_a_progress_call_keeps_the_progress_report_due(shop) -> None:
    deadline_policy.save_preferences("iso10002", 7)
    complaint = log()
    acknowledge = next(
        f for f in morning_list.for_complaint(complaint.id) if f.kind == "acknowledge"
    )
    followups.log_progress_call(acknowledge.id, "Told her the part is on order.", author="Sam")
    assert set(pending(complaint.id)) == {"acknowledge", "respond"}
    entries = [e.text for e in timeline.entries(complaint.id)]
    assert "Progress call: Told her the part is on order." in entries
    assert "Done: Tell the customer how it is going (progress call)." in entries


def test_a_day_closed_every_year_is_closed_in_every_year(shop) -> None:
    christmas = ShopWeek(WEEK.closed_weekdays, WEEK.closed_dates, frozenset({(12, 25), (2, 29)}))
    save_shop_week(christmas)
    assert shop_week() == christmas  # kept and read back
    for year in (2026, 2027, 2031):
        assert closed_warning(dt.date(year, 12, 25)).endswith(": the shop is closed")
    assert christmas.closed_reason(dt.date(2027, 12, 25)) == (
        "The shop is closed on 25 December every year"
    )
    assert propose(dt.date(2030, 12, 24), days=1) == dt.date(2030, 12, 26)  # a Thursday
    assert not christmas.is_open(dt.date(2028, 2, 29))  # a leap year's 29 February
    assert christmas.is_open(dt.date(2027, 3, 2))  # a Tuesday: open
    assert christmas.holidays_between(dt.date(2027, 12, 1), dt.date(2028, 3, 31)) == [
        dt.date(2027, 12, 25), dt.date(2028, 2, 29)
    ]  # fmt: skip


def test_closing_a_day_every_year_moves_what_falls_on_it_in_a_later_year(shop) -> None:
    complaint = log(WEDNESDAY)
    next_christmas = dt.date(2027, 12, 25)  # a Saturday, open here
    ring = followups.add_follow_up(
        complaint.id, kind="other", what="Ring about the part", owner="",
        due_on=next_christmas, author="Sam",
    )  # fmt: skip
    every_year = ShopWeek(WEEK.closed_weekdays, WEEK.closed_dates, frozenset({(12, 25)}))
    moves = calendar.change_shop_week(every_year, author="Sam", today=WEDNESDAY)
    assert [(m.follow_up_id, m.before, m.after) for m in moves] == [
        (ring, next_christmas, dt.date(2027, 12, 28))  # Sun and Mon closed here
    ]
    assert pending(complaint.id)["other"] == dt.date(2027, 12, 28)
