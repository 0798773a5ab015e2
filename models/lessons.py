"""Learning from a complaint: its root cause, the lesson or corrective action,
and the redress given with its value."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import peewee

from models import checklist, search, timeline
from models.anonymise import refuse_if_erased
from models.choices import CLOSED
from models.complaints import ComplaintRecord, get_complaint, write_changes
from models.customers import too_long
from models.db import writing
from models.errors import ValidationError
from models.redress import Given, describe, given_for
from models.redress import problems as redress_problems
from models.redress import write as write_redress
from models.tables import Complaint, RootCause
from models.text import clean

MAX_LESSON = 10_000
# Before the facts are in, nobody knows the cause yet.
TOO_EARLY = ("engage", "empathise")


@dataclass(frozen=True)
class Learning:
    root_cause_id: int | None
    root_cause: str
    lesson: str
    redress: tuple[Given, ...]


@dataclass(frozen=True)
class Learnt:
    """What was learnt, as the Lessons tab (and closing) edits it."""

    root_cause_id: int | None = None
    lesson: str = ""
    redress: tuple[Given, ...] = ()

    def cleaned(self) -> Learnt:
        lesson = clean(self.lesson, multiline=True)
        return Learnt(self.root_cause_id, lesson, recorded(self.redress))


def recorded(given: Sequence[Given]) -> tuple[Given, ...]:
    """The things given as they are kept: a row saying neither kind nor value is none."""
    return tuple(item for item in given if item.kind or item.value is not None)


def learnt_in(record: ComplaintRecord) -> Learnt:
    """What was learnt, as ``record`` (a complaint as read) holds it."""
    return Learnt(record.root_cause_id, record.lesson, record.redress)


def learning(complaint_id: int) -> Learning:
    c = get_complaint(complaint_id)
    cause = RootCause.get_or_none(RootCause.id == c.root_cause_id) if c.root_cause_id else None
    return Learning(c.root_cause_id, cause.name if cause else "", c.lesson, given_for(c.id))


def can_record(stage: str, status: str) -> bool:
    """Causes and lessons are recorded on closing, or any time after the facts stage."""
    return status == CLOSED or stage not in TOO_EARLY


# The guide's step that recording a root cause and a lesson does.
LEARN_STEP = "follow_up.learn"


def record_learning(
    complaint_id: int,
    *,
    root_cause_id: int | None,
    lesson: str,
    redress: Sequence[Given],
    author: str,
    closing: bool = False,
    now: dt.datetime | None = None,
    revision: int | None = None,
) -> list[str]:
    """Save what was learnt; return the lines written to the timeline.

    ``closing`` says it is being recorded as the complaint is closed, which is
    allowed whatever its stage. ``revision``: the complaint's revision it was
    made from (see :func:`models.complaints.write_changes`; the window saves
    through :func:`models.edit_clash.save_learning` and
    :func:`models.edit_clash.close_complaint`)."""
    lesson = clean(lesson, multiline=True)
    redress = recorded(redress)
    problems = redress_problems(redress)
    problem = too_long("The lesson", lesson, MAX_LESSON)
    if problem:
        problems["lesson"] = problem
    if root_cause_id is not None and RootCause.get_or_none(RootCause.id == root_cause_id) is None:
        problems["root_cause"] = "That root cause no longer exists; choose another."
    if problems:
        raise ValidationError(problems)
    now = (now or dt.datetime.now()).replace(microsecond=0)
    with writing():
        c = get_complaint(complaint_id, to_change=True)
        refuse_if_erased(c, "note")
        learnt = c.root_cause_id != root_cause_id or c.lesson != lesson
        if learnt and not closing and not can_record(c.stage, c.status):
            # What was given is recorded whenever it is agreed; a cause and a lesson
            # wait for the facts.
            raise ValidationError(
                {"root_cause": "Record the cause once the facts are in (or when closing)."}
            )
        lines = []
        values: dict[peewee.Field, object] = {}
        if c.root_cause_id != root_cause_id:
            cause = RootCause.get_or_none(RootCause.id == root_cause_id) if root_cause_id else None
            lines.append(f"Root cause: {cause.name if cause else '(none)'}")
            values[Complaint.root_cause] = root_cause_id
        if c.lesson != lesson:
            lines.append(f"Lesson: {lesson or '(none)'}")
            values[Complaint.lesson] = lesson
        if given_for(c.id) != redress:
            lines.append(f"Redress: {describe(redress)}")
            write_redress(c.id, redress)
        if lines:
            write_changes(c, values, now=now, revision=revision)
            timeline.record(c.id, timeline.LESSON, "\n".join(lines), author, now)
            search.reindex_complaints([c.id])
            if root_cause_id is not None and lesson:
                checklist.tick(
                    c.id, LEARN_STEP, author=author, now=now,
                    note="Taken as done: the root cause and the lesson were recorded.",
                )  # fmt: skip
        return lines
