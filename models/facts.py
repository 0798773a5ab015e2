"""Getting the facts: what the customer says apart from what we checked, and
the finding on fault that the wording check depends on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee

from models import checklist, guide, search, timeline
from models.anonymise import refuse_if_erased
from models.choices import FAULT_UNKNOWN, FAULTS, keys_of, label_of
from models.complaints import get_complaint, write_changes
from models.customers import too_long
from models.db import writing
from models.errors import ValidationError
from models.tables import Complaint
from models.text import clean

MAX_BASIS = 10_000


@dataclass(frozen=True)
class Finding:
    """The finding on fault as the Facts tab edits it."""

    fault: str = FAULT_UNKNOWN
    fault_basis: str = ""

    def cleaned(self) -> Finding:
        return Finding(self.fault, clean(self.fault_basis, multiline=True))


@dataclass(frozen=True)
class Facts:
    customer_says: list[timeline.TimelineEntry]
    we_checked: list[timeline.TimelineEntry]


def facts(complaint_id: int) -> Facts:
    notes = timeline.entries(complaint_id, (timeline.CUSTOMER_SAYS, timeline.WE_CHECKED))
    return Facts(
        customer_says=[n for n in notes if n.kind == timeline.CUSTOMER_SAYS],
        we_checked=[n for n in notes if n.kind == timeline.WE_CHECKED],
    )


# The guide's step that recording a finding (other than "not yet known") does.
FINDING_STEP = guide.FINDING_STEP


def record_fault(
    complaint_id: int,
    fault: str,
    basis: str,
    *,
    author: str,
    now: dt.datetime | None = None,
    revision: int | None = None,
) -> None:
    """Record the finding on fault with what it rests on; it goes on the timeline.

    ``revision``: the complaint's revision it was made from (see
    :func:`models.complaints.write_changes`; the window saves through
    :func:`models.edit_clash.save_finding`)."""
    if fault not in keys_of(FAULTS):
        raise ValidationError({"fault": f"Unknown finding {fault!r}."})
    basis = clean(basis, multiline=True)
    if fault != FAULT_UNKNOWN and not basis:
        raise ValidationError({"fault_basis": "Say what the finding rests on: what you checked."})
    problem = too_long("The basis", basis, MAX_BASIS)
    if problem:
        raise ValidationError({"fault_basis": problem})
    now = (now or dt.datetime.now()).replace(microsecond=0)
    with writing():
        complaint = get_complaint(complaint_id, to_change=True)
        refuse_if_erased(complaint, "note")
        if complaint.fault == fault and complaint.fault_basis == basis:
            return
        values: dict[peewee.Field, object] = {
            Complaint.fault: fault, Complaint.fault_basis: basis, Complaint.fault_at: now,
        }  # fmt: skip
        write_changes(complaint, values, now=now, revision=revision)
        text = f"Fault: {label_of(FAULTS, fault)}." + (f"\nBasis: {basis}" if basis else "")
        timeline.record(complaint.id, timeline.FAULT_FOUND, text, author, now)
        if fault != FAULT_UNKNOWN:
            checklist.tick(
                complaint.id, FINDING_STEP, author=author, now=now,
                note="Taken as done: the finding on fault was recorded.",
                responds=False,  # finding the cause tells the customer nothing yet
            )  # fmt: skip
        search.reindex_complaints([complaint.id])


def fault_is_ours(complaint_id: int) -> bool:
    """True once the facts show the fault was ours: a plain apology is then right."""
    return get_complaint(complaint_id).fault == "ours"
