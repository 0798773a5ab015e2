"""Opening a closed complaint again: with a reason on its timeline and a follow-up
that brings it back to the morning list; refused, changing nothing, without."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from models import morning_list, timeline
from models.complaints import (
    ComplaintDetails,
    log_complaint,
    reopen_complaint,
    set_status,
)
from models.customers import CustomerDetails
from models.errors import ComplaintDeskError, ValidationError
from models.tables import Complaint, FollowUp

NOW = dt.datetime(2026, 3, 10, 11, 0)


def _closed() -> int:
    saved = log_complaint(
        CustomerDetails(name="Ruth Adeyemi"), ComplaintDetails(account="The zip broke."),
        author="Sam", now=NOW - dt.timedelta(days=5),
    )  # fmt: skip
    set_status(saved.id, "closed", author="Sam", reason="Mended it.", now=NOW)
    return saved.id


def test_reopening_records_why_and_plans_a_follow_up(db: Path) -> None:
    complaint_id = _closed()
    due = dt.date(2026, 3, 12)
    reopen_complaint(
        complaint_id, reason="  She rang: it broke again. ", follow_up_on=due,
        owner="Priya", author="Sam", now=NOW,
    )  # fmt: skip
    reopened = Complaint.get_by_id(complaint_id)
    assert reopened.status == "open"
    assert reopened.stage == "resolve"  # to be put right again
    texts = [e.text for e in timeline.entries(complaint_id)]
    assert "Reopened. She rang: it broke again." in texts
    listed = [i for i in morning_list.pending(due) if i.complaint_id == complaint_id]
    assert [(i.due_on, i.owner) for i in listed] == [(due, "Priya")]


@pytest.mark.parametrize(
    ("reason", "day", "field"),
    [
        ("", dt.date(2026, 3, 12), "reason"),
        ("It broke again.", dt.date(2026, 3, 9), "follow_up_on"),
    ],
)
def test_no_reason_or_a_past_day_is_refused_changing_nothing(
    db: Path, reason: str, day: dt.date, field: str
) -> None:
    complaint_id = _closed()
    pending_before = FollowUp.select().where(FollowUp.status == "pending").count()
    with pytest.raises(ValidationError) as refused:
        reopen_complaint(
            complaint_id, reason=reason, follow_up_on=day, owner="Sam", author="Sam", now=NOW
        )
    assert field in refused.value.problems
    assert Complaint.get_by_id(complaint_id).status == "closed"
    assert FollowUp.select().where(FollowUp.status == "pending").count() == pending_before


def test_one_opened_again_elsewhere_is_not_reopened_twice(db: Path) -> None:
    complaint_id = _closed()
    set_status(complaint_id, "open", author="Priya", now=NOW)
    with pytest.raises(ComplaintDeskError, match="open already"):
        reopen_complaint(
            complaint_id, reason="It broke again.", follow_up_on=dt.date(2026, 3, 12),
            owner="Sam", author="Sam", now=NOW,
        )  # fmt: skip
