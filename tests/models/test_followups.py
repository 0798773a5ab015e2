"""Follow-ups with an injected clock: scheduling, working days, grouping, outcomes, closing."""

from __future__ import annotations

import datetime as dt

import pytest

from models import (
    checklist,
    deadline_policy,
    followups,
    guide,
    letter_records,
    morning_list,
    resolution,
    timeline,
)
from models.calendar import ShopWeek, save_shop_week
from models.complaints import (
    ComplaintDetails,
    load_complaint,
    log_complaint,
    set_status,
)
from models.customers import CustomerDetails
from models.errors import ValidationError

FRIDAY = dt.datetime(2026, 3, 13, 10, 0)  # a Friday


def log(received: dt.datetime = FRIDAY, name: str = "Ana Souza"):
    return log_complaint(
        CustomerDetails(name=name, phone="07700 900123"),
        ComplaintDetails(account="The zip broke.", received_at=received, handler="Priya"),
        author="Sam",
        now=received,
    )


def due(complaint_id: int) -> list[tuple[str, dt.date]]:
    items = morning_list.for_complaint(complaint_id)
    return [(f.kind, f.due_on) for f in items if f.status == "pending"]


def test_working_days_skip_weekends_and_closed_days() -> None:
    week = ShopWeek(frozenset({6}), frozenset({dt.date(2026, 3, 16)}))  # Sundays; a holiday
    saturday = dt.date(2026, 3, 14)
    assert week.add_days(saturday, 1) == dt.date(2026, 3, 17)  # Sun closed, Mon holiday
    assert week.on_or_after(dt.date(2026, 3, 15)) == dt.date(2026, 3, 17)
    assert ShopWeek().add_days(dt.date(2026, 3, 13), 3) == dt.date(2026, 3, 18)


def test_the_shop_policy_schedules_acknowledgement_and_a_fix(db) -> None:
    complaint = log()
    assert due(complaint.id) == [
        ("acknowledge", dt.date(2026, 3, 13)),
        ("respond", dt.date(2026, 3, 18)),  # 3 working days after a Friday
    ]
    planned = timeline.entries(complaint.id, (timeline.FOLLOW_UP_PLANNED,))
    assert "Acknowledge the complaint by Fri 13 Mar 2026" in planned[0].text
    assert planned[0].text.startswith("Deadlines under the Shop (simple) policy:")
    assert load_complaint(complaint.id).first_response_at is None  # planning is not a response


def test_a_complaint_on_a_closed_day_is_acknowledged_the_next_open_day(db) -> None:
    complaint = log(dt.datetime(2026, 3, 14, 11, 0))  # Saturday
    assert due(complaint.id)[0] == ("acknowledge", dt.date(2026, 3, 16))


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (
            "iso10002",
            [
                ("acknowledge", dt.date(2026, 3, 13)),
                ("progress", dt.date(2026, 3, 20)),
                ("respond", dt.date(2026, 3, 27)),
            ],
        ),
        (
            "uk_fs",
            [
                ("acknowledge", dt.date(2026, 3, 16)),
                ("summary", dt.date(2026, 3, 18)),
                ("final_response", dt.date(2026, 5, 8)),
            ],
        ),
    ],
)
def test_other_policies(db, policy, expected) -> None:
    deadline_policy.save_preferences(policy, 7)
    assert due(log().id) == expected


def test_shop_closed_days_move_deadlines(db) -> None:
    save_shop_week(ShopWeek(frozenset({0, 6}), frozenset()))  # closed Sunday and Monday
    assert due(log().id)[1] == ("respond", dt.date(2026, 3, 18))  # Sat, Tue, Wed


def test_actions_become_follow_ups_and_the_satisfaction_check_follows_the_last(db) -> None:
    complaint = log()
    first = resolution.add_action(
        complaint.id,
        who="Jo",
        what="order a new zip",
        due_on=dt.date(2026, 3, 17),
        author="Sam",
        now=FRIDAY,
    )
    resolution.add_action(
        complaint.id,
        who="Priya",
        what="fit the zip",
        due_on=dt.date(2026, 3, 20),
        author="Sam",
        now=FRIDAY,
    )
    pending = due(complaint.id)
    assert ("action", dt.date(2026, 3, 17)) in pending
    assert ("action", dt.date(2026, 3, 20)) in pending
    assert ("satisfaction", dt.date(2026, 3, 27)) in pending  # 7 days after the last action
    # Marking the action done keeps its follow-up; removing one moves the check.
    resolution.set_action_done(first.id, True, author="Sam", now=FRIDAY)
    assert ("action", dt.date(2026, 3, 17)) not in due(complaint.id)
    second = resolution.actions(complaint.id)[1]
    resolution.remove_action(second.id, author="Sam", now=FRIDAY)
    assert ("satisfaction", dt.date(2026, 3, 24)) in due(complaint.id)


def test_the_satisfaction_check_is_for_the_person_handling_the_complaint(db) -> None:
    complaint = log()  # handled by Priya
    resolution.add_action(
        complaint.id, who="Jo", what="order a new zip", due_on=dt.date(2026, 3, 17),
        author="Sam", now=FRIDAY,
    )  # fmt: skip
    checks = [f for f in morning_list.for_complaint(complaint.id) if f.kind == "satisfaction"]
    assert [f.owner for f in checks] == ["Priya"]
    morning = morning_list.pending(dt.date(2026, 3, 24))
    assert [f.owner for f in morning if f.kind == "satisfaction"] == ["Priya"]


def test_grouping_overdue_today_this_week_later(db) -> None:
    today = dt.date(2026, 3, 18)
    complaint = log()
    for days in (-3, 0, 1, 7, 8, 30):
        followups.add_follow_up(
            complaint.id,
            kind="other",
            what=f"in {days}",
            owner="",
            due_on=today + dt.timedelta(days=days),
            author="Sam",
        )
    items = morning_list.pending(today)
    assert [i.due_on for i in items] == sorted(i.due_on for i in items)
    groups = morning_list.grouped(items, today)
    whats = {key: [i.what for i in group if i.kind == "other"] for key, group in groups.items()}
    assert whats == {
        "overdue": ["in -3"],
        "today": ["in 0"],
        "next": ["in 1"],
        "week": ["in 7"],
        "later": ["in 8", "in 30"],
    }
    assert morning_list.group_label("next", today) == "Tomorrow"
    late = next(i for i in groups["overdue"] if i.what == "in -3")
    assert late.days_late(today) == 3
    # Overdue includes the policy's acknowledgement (13 Mar) and fix (18 Mar is today).
    assert morning_list.due_now_count(today) == len(groups["overdue"]) + len(groups["today"])
    assert [i.what for i in morning_list.pending(today, "today") if i.kind == "other"] == ["in 0"]


def test_snooze_and_cancel_are_recorded(db) -> None:
    complaint = log()
    item = morning_list.for_complaint(complaint.id)[0]
    followups.reschedule(item.id, dt.date(2026, 3, 16), author="Sam", note="Shop shut early")
    assert morning_list.for_complaint(complaint.id)[0].due_on == dt.date(2026, 3, 16)
    assert "Moved: Acknowledge the complaint, Fri 13 Mar 2026 → Mon 16 Mar 2026" in (
        timeline.entries(complaint.id)[-1].text
    )
    followups.cancel(item.id, author="Sam", reason="Acknowledged in person")
    assert all(f.id != item.id for f in morning_list.pending(dt.date(2026, 3, 20)))


def test_not_satisfied_sends_the_complaint_back_to_resolve_with_a_new_follow_up(db) -> None:
    complaint = log()
    for key in guide.STEPS_BY_KEY:
        checklist.tick(complaint.id, key, author="Sam")
    resolution.add_action(
        complaint.id,
        who="Jo",
        what="replace the zip",
        due_on=dt.date(2026, 3, 17),
        author="Sam",
        now=FRIDAY,
    )
    check = next(f for f in morning_list.for_complaint(complaint.id) if f.kind == "satisfaction")
    with pytest.raises(ValidationError):
        followups.complete(check.id, "not_satisfied", author="Sam")  # the reason is required
    followups.complete(
        check.id,
        "not_satisfied",
        author="Sam",
        note="The new zip sticks too.",
        today=dt.date(2026, 3, 24),
    )
    assert load_complaint(complaint.id).stage == "resolve"
    assert ("respond", dt.date(2026, 3, 27)) in due(complaint.id)
    assert "The new zip sticks too." in timeline.entries(complaint.id)[-1].text


def test_could_not_reach_tries_again_the_next_working_day(db) -> None:
    complaint = log()
    item = morning_list.for_complaint(complaint.id)[0]
    followups.complete(item.id, "could_not_reach", author="Sam", today=dt.date(2026, 3, 13))
    assert morning_list.for_complaint(complaint.id)[0].due_on == dt.date(2026, 3, 16)
    assert morning_list.for_complaint(complaint.id)[0].status == "pending"


def test_a_call_made_early_and_not_answered_stays_due_on_its_day(db) -> None:
    """A satisfaction check due after the fix, rung early and not answered, was moved
    to the next day: before the fix it was to check on."""
    complaint = log()
    item = morning_list.for_complaint(complaint.id)[-1]
    early = item.due_on - dt.timedelta(days=10)
    followups.complete(item.id, "could_not_reach", author="Sam", today=early)
    assert {f.id: f.due_on for f in morning_list.for_complaint(complaint.id)}[item.id] == (
        item.due_on
    )
    assert followups.retry_day(early, item.due_on) == item.due_on


def test_closing_needs_a_satisfaction_outcome_or_a_reason(db) -> None:
    complaint = log()
    resolution.add_action(
        complaint.id,
        who="Jo",
        what="replace the zip",
        due_on=dt.date(2026, 3, 17),
        author="Sam",
        now=FRIDAY,
    )
    with pytest.raises(ValidationError) as caught:
        set_status(complaint.id, "closed", author="Sam")
    assert "reason" in caught.value.problems
    check = next(f for f in morning_list.for_complaint(complaint.id) if f.kind == "satisfaction")
    followups.complete(check.id, "satisfied", author="Kim")
    tick = checklist.ticks(complaint.id)["follow_up.satisfied"]  # the guide's step is done
    assert (tick.ticked_by, tick.note) == (
        "Kim",
        "Taken as done: the satisfaction check found them satisfied.",
    )
    set_status(complaint.id, "closed", author="Sam")
    assert load_complaint(complaint.id).status == "closed"
    assert morning_list.pending(dt.date(2030, 1, 1)) == []  # what was left is cancelled


def test_a_letter_keeps_the_promise_it_was_for(db) -> None:
    complaint = log()
    letter_records.save_letter(
        complaint.id, "acknowledgement", "S", "Thank you for telling us.", b"%PDF-1.4", author="Sam"
    )
    assert [k for k, _ in due(complaint.id)] == ["respond"]


def test_on_a_friday_the_next_working_day_is_monday(db) -> None:
    """The morning list's "tomorrow" is the next day the shop is open: on a Friday,
    with the weekend shut, what is due on Saturday or Monday is for Monday."""
    friday = dt.date(2026, 3, 20)
    complaint = log()
    for days in (1, 3, 4):
        followups.add_follow_up(
            complaint.id, kind="other", what=f"in {days}", owner="",
            due_on=friday + dt.timedelta(days=days), author="Sam",
        )  # fmt: skip
    groups = morning_list.grouped(morning_list.pending(friday), friday)
    assert [i.what for i in groups["next"] if i.kind == "other"] == ["in 1", "in 3"]
    assert [i.what for i in groups["week"] if i.kind == "other"] == ["in 4"]
    assert morning_list.group_label("next", friday) == "Monday 23 March"
    counts = morning_list.group_counts(friday)
    assert [i.what for i in morning_list.group_page("next", friday) if i.kind == "other"] == [
        "in 1",
        "in 3",
    ]
    assert counts["next"] == len(groups["next"])


def test_two_counters_marking_the_same_follow_up_done_at_once(db) -> None:
    """On a server two counters can press Done on the same follow-up at the same
    moment: one records it, the other is told it is already closed."""
    import threading

    from models.db import database

    items = [morning_list.for_complaint(log(name=f"Customer {n}").id)[0] for n in range(8)]
    told: dict[str, list[str]] = {"Sam": [], "Kim": []}
    errors: list[BaseException] = []

    def counter(name: str, start: threading.Barrier) -> None:
        try:
            for item in items:
                start.wait(timeout=30)
                try:
                    followups.complete(item.id, followups.DONE_OUTCOME, author=name)
                    told[name].append("done")
                except ValidationError:
                    told[name].append("already closed")
        except BaseException as exc:  # any error is what is looked for
            errors.append(exc)
        finally:
            database.close()

    start = threading.Barrier(2)
    counters = [threading.Thread(target=counter, args=(n, start)) for n in told]
    for thread in counters:
        thread.start()
    for thread in counters:
        thread.join(timeout=120)
    assert errors == []
    for sam, kim in zip(told["Sam"], told["Kim"], strict=True):
        assert sorted([sam, kim]) == ["already closed", "done"]
    for item in items:
        done = [
            e
            for e in timeline.entries(item.complaint_id)
            if e.kind == timeline.FOLLOW_UP and "Acknowledge" in e.text
        ]
        assert len(done) == 1


def test_snoozing_the_promised_action_moves_the_satisfaction_check_after_it(db) -> None:
    complaint = log()
    resolution.add_action(
        complaint.id, who="Jo", what="fit the zip", due_on=dt.date(2026, 3, 20),
        author="Sam", now=FRIDAY,
    )  # fmt: skip
    assert ("satisfaction", dt.date(2026, 3, 27)) in due(complaint.id)
    action = next(f for f in morning_list.for_complaint(complaint.id) if f.kind == "action")
    followups.reschedule(action.id, dt.date(2026, 3, 27), author="Sam", now=FRIDAY)
    assert ("action", dt.date(2026, 3, 27)) in due(complaint.id)
    assert ("satisfaction", dt.date(2026, 4, 3)) in due(complaint.id)
    said = timeline.entries(complaint.id)[-1].text
    assert said == "Satisfaction check moved from Fri 27 Mar 2026 to Fri 3 Apr 2026."
    planned = timeline.entries(complaint.id, (timeline.FOLLOW_UP_PLANNED,))
    checks = [e.text for e in planned if e.text.startswith("Satisfaction check on")]
    assert len(checks) == 1  # one check, planned once and then moved


def test_a_fix_agreed_from_the_morning_list_leaves_a_check_back_planned(db) -> None:
    complaint = log()
    for item in morning_list.for_complaint(complaint.id):
        followups.complete(
            item.id, followups.DONE_OUTCOME, author="Sam", note="Agreed a new zip, fitted free.",
            now=FRIDAY + dt.timedelta(hours=2),
        )  # fmt: skip
    # The complaint is still open: it does not drop out of the morning list.
    assert due(complaint.id) == [("satisfaction", dt.date(2026, 3, 20))]  # a week on
    planned = timeline.entries(complaint.id, (timeline.FOLLOW_UP_PLANNED,))
    assert planned[-1].text == "Satisfaction check on Fri 20 Mar 2026."


def test_agreeing_a_fix_meets_the_deadline_to_agree_one(db) -> None:
    """ "Agree a fix with the customer" is done once the agreed fix is recorded: it does
    not stay on the morning list for a promise already kept."""
    complaint = log()
    resolution.save_resolution(
        complaint.id, options_offered="", agreed_solution="A new zip, fitted free.",
        first_contact=True, author="Jo", now=FRIDAY + dt.timedelta(hours=1),
    )  # fmt: skip
    # Its satisfaction check is planned, with no agreed action to wait for.
    assert [kind for kind, _day in due(complaint.id)] == ["acknowledge", "satisfaction"]
    assert "Done: Agree a fix with the customer (the agreed solution was recorded)." in [
        e.text for e in timeline.entries(complaint.id)
    ]


def test_the_week_ahead_is_not_called_this_week_when_it_runs_into_the_next() -> None:
    """On Friday 4 December a follow-up due Thursday 10 December sits in the group of
    the seven days ahead: its heading must not say "This week"."""

    friday = dt.date(2026, 12, 4)
    thursday = dt.date(2026, 12, 10)
    item = morning_list.FollowUpItem(
        id=1, complaint_id=1, reference="C-2026-0001", customer="Zoë O'Neill", phone="",
        kind="action", what="Ring her", owner="Priya", due_on=thursday, status="pending",
        outcome="", note="",
    )  # fmt: skip
    group = morning_list.group_of(item, friday, dt.date(2026, 12, 7))
    assert "this week" not in morning_list.group_label(group, friday).lower()


def test_moving_a_step_past_a_later_deadline_of_its_complaint_is_named(db) -> None:
    complaint = log()  # acknowledge Fri 13 Mar, respond by Wed 18 Mar
    pending = {f.kind: f.id for f in morning_list.for_complaint(complaint.id)}
    assert followups.deadlines_passed(pending["acknowledge"], dt.date(2026, 3, 18)) == []
    assert followups.deadlines_passed(pending["acknowledge"], dt.date(2026, 3, 19)) == [
        ("Respond", dt.date(2026, 3, 18))
    ]
    # The deadline itself may move on: nothing follows it under this policy.
    assert followups.deadlines_passed(pending["respond"], dt.date(2026, 3, 30)) == []
    extra = followups.add_follow_up(
        complaint.id, kind="other", what="Send the swatch", owner="Jo",
        due_on=dt.date(2026, 3, 16), author="Sam",
    )  # fmt: skip
    assert followups.deadlines_passed(extra, dt.date(2026, 3, 30)) == []


def test_moving_an_action_past_the_day_a_letter_promised_is_named(db) -> None:
    """The letter said "I will refund the £45 to your card by Friday 20 March"; a
    snooze of a week moved the refund without a word."""
    complaint = log()
    resolution.add_action(
        complaint.id, who="Jo", what="refund the £45 to her card", due_on=dt.date(2026, 3, 20),
        author="Sam", now=FRIDAY,
    )  # fmt: skip
    action = next(f for f in morning_list.for_complaint(complaint.id) if f.kind == "action")
    later = dt.date(2026, 3, 27)
    promised = (followups.PROMISED_IN_WRITING, dt.date(2026, 3, 20))
    assert promised not in followups.deadlines_passed(action.id, later)  # no letter yet
    letter_records.save_letter(
        complaint.id, "confirmation", "S", "What we agreed.", b"%PDF-1.4", author="Sam",
        now=FRIDAY + dt.timedelta(hours=1),
    )  # fmt: skip
    assert followups.deadlines_passed(action.id, later)[0] == promised
    assert promised not in followups.deadlines_passed(action.id, dt.date(2026, 3, 19))


def test_done_again_says_who_closed_it_and_when(db) -> None:
    item = morning_list.for_complaint(log(name="Ana Lopez").id)[0]
    followups.complete(item.id, followups.DONE_OUTCOME, author="Maya Osei")
    with pytest.raises(ValidationError) as refused:
        followups.complete(item.id, followups.DONE_OUTCOME, author="Leon Braun")
    said = " ".join(refused.value.problems.values())
    assert "already closed" in said and "marked done by Maya Osei" in said and "Today" in said


def test_a_fix_agreed_with_no_action_still_gets_its_satisfaction_check(db) -> None:
    """Its deadlines met or cancelled, an open complaint with a fix agreed and no
    action stayed off the morning list for good."""
    import datetime as dt

    from models import morning_list, resolution
    from models.complaints import ComplaintDetails, log_complaint
    from models.customers import CustomerDetails

    saved = log_complaint(
        CustomerDetails(name="Siobhán O'Neill"), ComplaintDetails(account="Stale loaf."),
        author="Maria",
    )  # fmt: skip
    resolution.save_resolution(
        saved.id, options_offered="", agreed_solution="A fresh loaf and an apology.",
        first_contact=False, author="Maria",
    )  # fmt: skip
    for item in morning_list.for_complaint(saved.id):
        if item.status == "pending" and item.kind != "satisfaction":
            followups.cancel(item.id, reason="Rang her already.", author="Maria")
    pending = [i for i in morning_list.for_complaint(saved.id) if i.status == "pending"]
    assert [i.kind for i in pending] == ["satisfaction"]
    assert pending[0].due_on > dt.date.today()
