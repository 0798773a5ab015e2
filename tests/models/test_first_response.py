"""When a complaint was first answered: only by something done with or for the
customer, never by the shop's own records (a photo, a finding, a note about the
stock, a follow-up cancelled or a call that did not reach them)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from models import attachments, facts, followups, morning_list
from models.complaints import ComplaintDetails, add_note, load_complaint, log_complaint
from models.customers import CustomerDetails

LOGGED = dt.datetime(2026, 3, 2, 9, 0)
LATER = LOGGED + dt.timedelta(minutes=5)


def _logged() -> int:
    return log_complaint(
        CustomerDetails(name="Marta Kowalska", phone="0176 2345 6789"),
        ComplaintDetails(account="The new screen has a dead strip."),
        author="Aisha", now=LOGGED,
    ).id  # fmt: skip


def _acknowledge(complaint_id: int) -> int:
    return next(i.id for i in morning_list.for_complaint(complaint_id) if i.kind == "acknowledge")


def _photo(complaint_id: int, tmp_path: Path) -> None:
    photo = tmp_path / "strip.jpg"
    photo.write_bytes(b"\xff\xd8\xff not really a photo")
    attachments.attach(complaint_id, photo, author="Aisha", now=LATER)


RECORDS = {
    "a photo attached": _photo,
    "the finding recorded": lambda i, _t: facts.record_fault(
        i, "unknown", "Not looked at yet.", author="Aisha", now=LATER
    ),
    # Recording a finding ticks its step on the Guide, which told the customer nothing.
    "our fault found": lambda i, _t: facts.record_fault(
        i, "ours", "The charger we supplied was the wrong one.", author="Aisha", now=LATER
    ),
    "a call to the wholesaler": lambda i, _t: add_note(
        i, "Rang the wholesaler: a new valve is on its way.", author="Aisha", now=LATER
    ),
    "a note about the stock": lambda i, _t: add_note(
        i, "Ordered two screens from the supplier.", author="Aisha", now=LATER
    ),
    "the acknowledgement cancelled": lambda i, _t: followups.cancel(
        _acknowledge(i), author="Aisha", reason="No phone number on file.", now=LATER
    ),
    "a call that did not reach her": lambda i, _t: followups.complete(
        _acknowledge(i), followups.COULD_NOT_REACH, author="Aisha", now=LATER
    ),
}


@pytest.mark.parametrize("done", list(RECORDS), ids=list(RECORDS))
def test_the_shops_own_records_are_no_response(db, tmp_path: Path, done: str) -> None:
    complaint_id = _logged()
    RECORDS[done](complaint_id, tmp_path)
    assert load_complaint(complaint_id).first_response_at is None


ANSWERS = {
    "a note saying she was rung": lambda i: add_note(
        i, "Rang Marta: she brings it in tomorrow.", author="Aisha", now=LATER
    ),
    "the acknowledgement done": lambda i: followups.complete(
        _acknowledge(i), followups.DONE_OUTCOME, author="Aisha", now=LATER
    ),
}


@pytest.mark.parametrize("done", list(ANSWERS), ids=list(ANSWERS))
def test_contact_with_the_customer_is_the_first_response(db, done: str) -> None:
    complaint_id = _logged()
    ANSWERS[done](complaint_id)
    assert load_complaint(complaint_id).first_response_at == LATER
