"""Root causes, lessons, redress, and recurring problems (with a fixed today)."""

from __future__ import annotations

import datetime as dt

import pytest

from models import checklist, followups, guide, lessons, morning_list, resolution, timeline
from models.categories import categories
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from models.errors import ValidationError
from models.log_csv import import_log, read_log
from models.recurrence import fixes_that_worked, recurrences
from models.redress import Given
from models.root_causes import ROOT_CAUSES
from models.tables import Complaint

TODAY = dt.date(2026, 3, 31)


def log(days_ago: int, *, category: int | None = None, product: str = "", name: str = "Ana"):
    when = dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time(10))
    return log_complaint(
        CustomerDetails(name=name),
        ComplaintDetails(account="x", received_at=when, category_id=category, product=product),
        author="Sam",
        now=when,
    )


def past_facts(complaint_id: int) -> None:
    for stage in guide.STAGES[:2]:
        for step in stage.steps:
            checklist.tick(complaint_id, step.key, author="Sam")


def test_root_causes_are_seeded_and_editable(db) -> None:
    names = [item.name for item in ROOT_CAUSES.items()]
    assert names[:3] == ["Wrong item supplied", "Late", "Damaged in handling"]
    assert "No fault found" in names
    added = ROOT_CAUSES.add("Website showed the wrong price")
    with pytest.raises(ValidationError):
        ROOT_CAUSES.add("website showed THE wrong price")
    ROOT_CAUSES.delete(added.id)


def test_cause_lesson_and_redress_are_recorded_after_the_facts(db) -> None:
    complaint = log(1)
    cause = ROOT_CAUSES.find("Wrong item supplied")
    with pytest.raises(ValidationError, match="once the facts are in"):
        lessons.record_learning(complaint.id, root_cause_id=cause.id, lesson="", redress=(),
                                author="Sam")  # fmt: skip
    past_facts(complaint.id)
    lines = lessons.record_learning(
        complaint.id, root_cause_id=cause.id, lesson="Check the size label before bagging.",
        redress=(Given("refund", 24.5),), author="Sam",
    )  # fmt: skip
    assert lines == [
        "Root cause: Wrong item supplied",
        "Lesson: Check the size label before bagging.",
        "Redress: Refund (24.50)",
    ]
    saved = lessons.learning(complaint.id)
    assert (saved.root_cause, saved.redress) == (cause.name, (Given("refund", 24.5),))
    assert "lesson" in [entry.kind for entry in timeline.entries(complaint.id)[-2:]]
    with pytest.raises(ValidationError):
        lessons.record_learning(complaint.id, root_cause_id=cause.id, lesson="",
                                redress=(Given("bribe", -1),), author="Sam")  # fmt: skip


def test_saving_a_lesson_is_not_a_response_to_the_customer(db) -> None:
    text = (
        "reference,received,customer name,account,closed\n"
        "C-2025-0001,2025-08-01 10:00,Jo,Broken,2025-08-20 12:00\n"
    )
    now = dt.datetime(2026, 3, 14, 10, 30)
    plan = read_log(text, now=now)
    import_log(plan, author="Sam", now=now)
    complaint = Complaint.get(Complaint.reference == "C-2025-0001")
    lessons.record_learning(
        complaint.id, root_cause_id=ROOT_CAUSES.find("Late").id, lesson="Ship sooner.",
        redress=(Given("credit", 20),), author="Sam", now=now,
    )  # fmt: skip
    assert timeline.entries(complaint.id)[-1].kind == "lesson"
    assert Complaint.get_by_id(complaint.id).first_response_at is None


def test_recurrence_counts_the_same_category_product_and_cause_in_30_days(db) -> None:
    size = next(c.id for c in categories() if c.name == "Wrong item or size")
    log(3, category=size, product="Trail shoe 42")
    log(20, category=size, product="trail shoe 42")
    log(45, category=size)  # too long ago
    log(2, category=None, product="Other thing")
    found = recurrences(today=TODAY, category_id=size, product="Trail Shoe 42")
    assert [r.message for r in found] == [
        "3rd “Wrong item or size” complaint in 30 days",
        "3rd “Trail Shoe 42” complaint in 30 days",
    ]
    assert recurrences(today=TODAY, category_id=None, product="new item") == []


def test_fixes_that_ended_satisfied_are_offered(db) -> None:
    size = next(c.id for c in categories() if c.name == "Wrong item or size")
    happy, unhappy = log(10, category=size, name="Jo"), log(9, category=size, name="Bea")
    for complaint, solution, outcome in (
        (happy, "Swapped for the right size, posted free.", "satisfied"),
        (unhappy, "Offered store credit.", "not_satisfied"),
    ):
        resolution.save_resolution(complaint.id, options_offered="", agreed_solution=solution,
                                   first_contact=False, author="Sam")  # fmt: skip
        resolution.add_action(complaint.id, who="Sam", what="post it",
                              due_on=TODAY - dt.timedelta(days=8), author="Sam")  # fmt: skip
        check = next(
            f for f in morning_list.for_complaint(complaint.id) if f.kind == "satisfaction"
        )
        followups.complete(check.id, outcome, author="Sam", note="asked", today=TODAY)
    fixes = fixes_that_worked(size)
    assert [(f.reference, f.agreed_solution) for f in fixes] == [
        (happy.reference, "Swapped for the right size, posted free.")
    ]


def test_what_was_given_is_recorded_at_any_stage(db) -> None:
    complaint = log(1)
    lines = lessons.record_learning(
        complaint.id, root_cause_id=None, lesson="", redress=(Given("credit", 5.0),),
        author="Sam",
    )  # fmt: skip
    assert lines == ["Redress: Credit (5.00)"]
    with pytest.raises(ValidationError, match="once the facts are in"):
        lessons.record_learning(complaint.id, root_cause_id=None, lesson="Label the reels.",
                                redress=(Given("credit", 5.0),), author="Sam")  # fmt: skip
