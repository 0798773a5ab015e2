"""Resolving: options offered, the solution agreed, and who does what by when."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee

from models import checklist, display, followups, guide, people, redress, search, timeline
from models.anonymise import refuse_if_erased
from models.complaints import get_complaint, write_changes
from models.customers import too_long
from models.db import writing
from models.errors import NotFoundError, ValidationError
from models.people import will_do
from models.tables import AgreedAction, Complaint, Event
from models.text import clean, shorten

MAX_TEXT = 10_000
MAX_WHO = 120
MAX_WHAT = 1_000


@dataclass(frozen=True)
class Resolution:
    """The solution as the Resolve tab edits it (its agreed actions are added one
    by one, and need no care for another counter's changes)."""

    options_offered: str = ""
    agreed_solution: str = ""
    first_contact: bool = False

    def cleaned(self) -> Resolution:
        return Resolution(
            clean(self.options_offered, multiline=True),
            clean(self.agreed_solution, multiline=True),
            bool(self.first_contact),
        )


@dataclass(frozen=True)
class Action:
    id: int
    who: str
    what: str
    due_on: dt.date
    done_at: dt.datetime | None
    created_at: dt.datetime | None = None  # when it was agreed (its words typed)


# The guide's step that recording an agreed solution does.
AGREE_STEP = guide.AGREE_STEP
ASK_STEP, OPTIONS_STEP = "resolve.ask", "resolve.options"


def save_resolution(
    complaint_id: int,
    *,
    options_offered: str,
    agreed_solution: str,
    first_contact: bool,
    author: str,
    now: dt.datetime | None = None,
    revision: int | None = None,
) -> list[str]:
    """Save the Resolve fields; return the lines written to the timeline.

    ``revision``: the complaint's revision they were made from (see
    :func:`models.complaints.write_changes`; the window saves through
    :func:`models.edit_clash.save_resolution`)."""
    options_offered = clean(options_offered, multiline=True)
    agreed_solution = clean(agreed_solution, multiline=True)
    problems = {}
    for field, label, value in (
        ("options_offered", "The options offered", options_offered),
        ("agreed_solution", "The agreed solution", agreed_solution),
    ):
        problem = too_long(label, value, MAX_TEXT)
        if problem:
            problems[field] = problem
    if problems:
        raise ValidationError(problems)
    now = (now or dt.datetime.now()).replace(microsecond=0)
    with writing():
        complaint = get_complaint(complaint_id, to_change=True)
        refuse_if_erased(complaint, "note")
        lines = []
        values: dict[peewee.Field, object] = {}
        if complaint.options_offered != options_offered:
            lines.append(f"Options offered: {shorten(options_offered, 200) or '(none)'}")
            values[Complaint.options_offered] = options_offered
        if complaint.agreed_solution != agreed_solution:
            lines.append(f"Agreed solution: {agreed_solution or '(none)'}")
            values[Complaint.agreed_solution] = agreed_solution
        if bool(complaint.first_contact) != first_contact:
            lines.append(
                "Resolved at first contact." if first_contact else "Not resolved at first contact."
            )
            values[Complaint.first_contact] = first_contact
        if lines:
            write_changes(complaint, values, now=now, revision=revision)
            timeline.record(complaint.id, timeline.RESOLUTION, "\n".join(lines), author, now)
            search.reindex_complaints([complaint.id])
        _steps_shown_done(complaint, values, author=author, now=now)
        if Complaint.agreed_solution in values and agreed_solution:
            checklist.tick(
                complaint.id, AGREE_STEP, author=author, now=now,
                note="Taken as done: the agreed solution was recorded.",
            )  # fmt: skip
            # The deadline to agree a fix (or give the decision) is met by agreeing one.
            followups.complete_kinds(
                complaint.id, followups.MET_BY_AGREEING, author=author,
                why=followups.MET_BY_AGREEING_WHY, now=now,
            )  # fmt: skip
            followups.on_solution_agreed(complaint.id, author, now)
        return lines


def _steps_shown_done(
    complaint: Complaint, values: dict[peewee.Field, object], *, author: str, now: dt.datetime
) -> None:
    """The Resolve steps that what was saved shows were done: options offered were
    offered, and with options or a fix written, what the customer wants (recorded
    when it was logged) was asked. A step already ticked stays as it was."""
    offered = values.get(Complaint.options_offered)
    agreed = values.get(Complaint.agreed_solution)
    if offered:
        checklist.tick(complaint.id, OPTIONS_STEP, author=author, now=now,
                       note="Taken as done: the options offered were recorded.")  # fmt: skip
    if (offered or agreed) and (complaint.remedy_sought or "").strip():
        checklist.tick(complaint.id, ASK_STEP, author=author, now=now,
                       note="Taken as done: what the customer wants was recorded.")  # fmt: skip


def agreed_on(complaint_id: int) -> dt.date | None:
    """The day the agreed solution was last written, as its timeline says: the day
    its words ("next tues") were typed. None when no entry says so (an import)."""
    row = (
        Event.select(Event.at)
        .where(
            (Event.complaint == complaint_id)
            & (Event.kind == timeline.RESOLUTION)
            & Event.text.contains("Agreed solution:")
        )
        .order_by(Event.at.desc(), Event.id.desc())
        .first()
    )
    return row.at.date() if row is not None else None


def actions(complaint_id: int) -> list[Action]:
    query = (
        AgreedAction.select()
        .where(AgreedAction.complaint == complaint_id)
        .order_by(AgreedAction.due_on, AgreedAction.id)
    )
    return [Action(a.id, a.who, a.what, a.due_on, a.done_at, a.created_at) for a in query]


def add_action(
    complaint_id: int,
    *,
    who: str,
    what: str,
    due_on: dt.date,
    author: str,
    now: dt.datetime | None = None,
) -> Action:
    who, what = people.staff_name(who), clean(what, multiline=True)
    problems = {}
    if not who:
        problems["who"] = "Say who will do it."
    if not what:
        problems["what"] = "Say what will be done."
    for field, label, value, limit in (
        ("who", "Who", who, MAX_WHO),
        ("what", "What", what, MAX_WHAT),
    ):
        problem = too_long(label, value, limit)
        if problem:
            problems[field] = problem
    now = (now or dt.datetime.now()).replace(microsecond=0)
    complaint = get_complaint(complaint_id)
    refuse_if_erased(complaint, "note")
    if due_on < complaint.received_at.date():
        problems["due_on"] = "The date is before the complaint was received."
    if problems:
        raise ValidationError(problems)
    with writing():
        row = AgreedAction.create(
            complaint=complaint.id, who=who, what=what, due_on=due_on, created_at=now
        )
        followups.on_action_added(row, author, now)
        by = display.day_with_year(due_on)
        timeline.record(
            complaint.id, timeline.ACTION, f"Agreed: {will_do(who, what)} by {by}.", author, now
        )
    return Action(row.id, who, what, due_on, None, now)


def set_action_done(
    action_id: int, done: bool, *, author: str, now: dt.datetime | None = None
) -> None:
    now = (now or dt.datetime.now()).replace(microsecond=0)
    with writing():
        row = AgreedAction.get_or_none(AgreedAction.id == action_id)
        if row is None:
            raise NotFoundError("That action no longer exists.")
        if (row.done_at is not None) == done:
            return
        row.done_at = now if done else None
        row.save()
        followups.on_action_done(row, done, author, now)
        text = f"{'Done' if done else 'Not done after all'}: {will_do(row.who, row.what)}"
        timeline.record(row.complaint_id, timeline.ACTION, text, author, now)
        if done:
            redress.given_by_deed(row.complaint_id, (row.what,), author, now)


def remove_action(action_id: int, *, author: str, now: dt.datetime | None = None) -> None:
    with writing():
        row = AgreedAction.get_or_none(AgreedAction.id == action_id)
        if row is None:
            return
        complaint_id = row.complaint_id
        text = f"Removed: {will_do(row.who, row.what)} by {display.day_with_year(row.due_on)}."
        followups.on_action_removed(row, author, now or dt.datetime.now().replace(microsecond=0))
        row.delete_instance()
        timeline.record(complaint_id, timeline.ACTION, text, author, now)
