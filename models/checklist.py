"""Ticking the steps of the guide, and the stage that follows from them.

A complaint's stage is never chosen by hand: it is the first stage of
:mod:`models.guide` with a step still to do. It is stored on the complaint
(so the log can sort and filter by it) and rewritten in the same transaction
as every tick, so the two cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models import guide, timeline
from models.choices import STAGES, label_of
from models.complaints import get_complaint, imported_at
from models.customers import too_long
from models.db import writing
from models.errors import ValidationError
from models.tables import ChecklistTick, Complaint
from models.text import clean

MAX_TICK_NOTE = 5_000


@dataclass(frozen=True)
class Tick:
    step_key: str
    ticked_at: dt.datetime
    ticked_by: str
    note: str


def ticks(complaint_id: int) -> dict[str, Tick]:
    query = ChecklistTick.select().where(ChecklistTick.complaint == complaint_id)
    return {
        row.step_key: Tick(row.step_key, row.ticked_at, row.ticked_by, row.note) for row in query
    }


def _step(step_key: str) -> guide.Step:
    try:
        return guide.STEPS_BY_KEY[step_key]
    except KeyError:
        raise ValidationError({"step": f"There is no step called {step_key!r}."}) from None


def _restage(complaint: Complaint, author: str, now: dt.datetime) -> str:
    ticked = {
        row.step_key
        for row in ChecklistTick.select(ChecklistTick.step_key).where(
            ChecklistTick.complaint == complaint.id
        )
    }
    stage = guide.current_stage(ticked)
    if stage != complaint.stage:
        before = complaint.stage
        complaint.stage = stage
        complaint.updated_at = now
        complaint.save()
        timeline.record(
            complaint.id,
            timeline.STAGE_CHANGED,
            f"{label_of(STAGES, before)} → {label_of(STAGES, stage)}",
            author,
            now,
        )
    return stage


def tick(
    complaint_id: int,
    step_key: str,
    *,
    author: str,
    note: str = "",
    now: dt.datetime | None = None,
    responds: bool | None = None,
) -> str:
    """Tick a step (with an optional note) and return the complaint's stage after it.

    A step ticked by hand counts as a response to the customer; ``responds=False``
    for one taken as done because something else was recorded (the finding on
    fault), which tells the customer nothing."""
    step = _step(step_key)
    note = clean(note, multiline=True)
    problem = too_long("The note", note, MAX_TICK_NOTE)
    if problem:
        raise ValidationError({"note": problem})
    now = (now or dt.datetime.now()).replace(microsecond=0)
    with writing():
        complaint = get_complaint(complaint_id, to_change=True)
        existing = ChecklistTick.get_or_none(
            (ChecklistTick.complaint == complaint.id) & (ChecklistTick.step_key == step_key)
        )
        if existing is not None:
            return complaint.stage
        ChecklistTick.create(
            complaint=complaint.id, step_key=step_key, ticked_at=now, ticked_by=author, note=note
        )
        step = _worded(step, complaint)  # as the Guide showed it: "give the caller…"
        text = f"Done: {step.instruction}" + (f"\n{note}" if note else "")
        timeline.record(complaint.id, timeline.STEP_TICKED, text, author, now, responds=responds)
        return _restage(complaint, author, now)


def _worded(step: guide.Step, complaint: Complaint) -> guide.Step:
    """The step as the Guide words it for ``complaint`` (a caller, an old log's)."""
    if not step.variants:
        return step
    imported = imported_at(complaint.id) is not None
    return step.for_channel(guide.wording_key(complaint.channel, imported))


def untick(complaint_id: int, step_key: str, *, author: str, now: dt.datetime | None = None) -> str:
    """Untick a step and return the complaint's stage after it."""
    step = _step(step_key)
    now = (now or dt.datetime.now()).replace(microsecond=0)
    with writing():
        complaint = get_complaint(complaint_id, to_change=True)
        removed = (
            ChecklistTick.delete()
            .where((ChecklistTick.complaint == complaint.id) & (ChecklistTick.step_key == step_key))
            .execute()
        )
        if not removed:
            return complaint.stage
        timeline.record(
            complaint.id,
            timeline.STEP_UNTICKED,
            f"Not done after all: {_worded(step, complaint).instruction}",
            author,
            now,
        )
        return _restage(complaint, author, now)
