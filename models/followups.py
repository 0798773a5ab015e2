"""Follow-ups: every promise made to a customer is a dated to-do until it is kept.

Where they come from:

- the deadline policy (:mod:`models.deadline_policy`) gives each new complaint its acknowledgement
  and response deadlines;
- each action agreed in the Resolve stage is followed up on its date, and a
  satisfaction check is scheduled a set number of days after the last one;
- the owner adds, edits, reschedules or cancels them by hand.

Every change goes on the complaint's timeline. Every date proposed here (a
deadline, a snooze, a new follow-up's default, a retry) comes from
:func:`models.calendar.propose`, so it lands on a day the shop is open; closing
more days later moves what falls on them (:func:`change_shop_week`). All
functions take ``today``/``now`` so tests never depend on the real date.
"""

from __future__ import annotations

import datetime as dt

import peewee

from models import calendar, display, guide, people, redress, timeline
from models.calendar import propose
from models.choices import OPEN
from models.customers import too_long
from models.db import writing
from models.deadline_policy import deadlines, deadlines_text, policy, satisfaction_days
from models.engine import for_change
from models.errors import AlreadyClosed, NotFoundError, ValidationError
from models.followup_kinds import (
    ACKNOWLEDGE,
    ACTION,
    CANCELLED,
    COULD_NOT_REACH,
    DONE,
    DONE_OUTCOME,
    FINAL_RESPONSE,
    KIND_LABELS,
    NOT_SATISFIED,
    OTHER,
    OUTCOME_LABELS,
    PENDING,
    PROGRESS,
    RESPOND,
    SATISFACTION,
    SATISFIED,
    SUMMARY,
)
from models.tables import AgreedAction, Complaint, FollowUp, Letter
from models.text import clean

SATISFACTION_WHAT = "Check the customer is happy with the fix"


def satisfaction_due(agreed_on: dt.date) -> dt.date:
    """The day to ring the customer about a fix agreed on ``agreed_on`` with no
    agreed action to wait for: :func:`satisfaction_days` later, on a working day."""
    return propose(agreed_on, days=satisfaction_days())


def satisfaction_planned(due: dt.date) -> str:
    """The timeline's words for a satisfaction check planned on ``due``."""
    return f"Satisfaction check on {calendar.short_day(due)}."


# Working days to agree a new fix after a customer says they are not satisfied,
# and to try again after they could not be reached.
RETRY_FIX_DAYS = 3
RETRY_CALL_DAYS = 1
MAX_WHAT = 500
MAX_NOTE = 5_000

# --- creating ------------------------------------------------------------------------


def _create(
    complaint_id: int,
    kind: str,
    what: str,
    owner: str,
    due_on: dt.date,
    now: dt.datetime,
    action_id: int | None = None,
) -> FollowUp:
    # Who owes it as the staff list names them: one person, one name on the list.
    return FollowUp.create(
        complaint=complaint_id, kind=kind, what=what, owner=people.staff_name(owner),
        due_on=due_on,
        status=PENDING, action=action_id, created_at=now,
    )  # fmt: skip


_day = calendar.short_day

SNOOZES = {"tomorrow": 1, "three": 3, "week": 7}  # calendar days


def snooze_day(how: str, today: dt.date) -> dt.date:
    """The day a snooze proposes: a day, ``three`` days or a ``week`` after
    ``today``, moved on to the next day the shop is open."""
    if how not in SNOOZES:
        raise ValueError(f"unknown snooze {how!r}")
    return propose(today, days=SNOOZES[how])


def default_due(today: dt.date) -> dt.date:
    """The day proposed for a follow-up added by hand: the next day the shop is open."""
    return propose(today, days=1)


def retry_day(today: dt.date, due_on: dt.date | None = None) -> dt.date:
    """When to try again after the customer could not be reached: the next day the shop
    is open, as a snooze of a day proposes (counted in working days from a closed
    today, it skipped the first open day); but never before the follow-up was due
    (``due_on``): a call made early, and not answered, is made on its day, not moved
    before the fix it checks on."""
    again = propose(today, days=RETRY_CALL_DAYS)
    return max(again, due_on) if due_on is not None else again


def schedule_for_new_complaint(complaint: Complaint, author: str, now: dt.datetime) -> None:
    """The policy's deadlines for a newly logged complaint (call inside its transaction)."""
    chosen = policy()
    planned = deadlines(complaint.received_at.date(), chosen=chosen)
    for item in planned:
        _create(complaint.id, item.kind, item.what, complaint.handler, item.due_on, now)
    if planned:
        timeline.record(
            complaint.id, timeline.FOLLOW_UP_PLANNED, deadlines_text(chosen, planned), author, now
        )


def on_action_added(action: AgreedAction, author: str, now: dt.datetime) -> None:
    """Follow up an agreed action on its date; move the satisfaction check after it."""
    _create(
        action.complaint_id, ACTION, people.will_do(action.who, action.what), action.who,
        action.due_on, now, action.id,
    )  # fmt: skip
    _reschedule_satisfaction(action.complaint_id, author, now)


def on_action_done(action: AgreedAction, done: bool, author: str, now: dt.datetime) -> None:
    for row in FollowUp.select().where(FollowUp.action == action.id):
        if done and row.status == PENDING:
            row.status, row.outcome, row.done_at = DONE, DONE_OUTCOME, now
            row.save()
        elif not done and row.status == DONE:
            row.status, row.outcome, row.done_at = PENDING, "", None
            row.save()


def on_action_removed(action: AgreedAction, author: str, now: dt.datetime) -> None:
    FollowUp.update(status=CANCELLED, done_at=now).where(
        (FollowUp.action == action.id) & (FollowUp.status == PENDING)
    ).execute()
    _reschedule_satisfaction(action.complaint_id, author, now, ignore_action=action.id)


def on_solution_agreed(complaint_id: int, author: str, now: dt.datetime) -> None:
    """A fix agreed with no agreed action to follow up still gets its satisfaction
    check (:func:`satisfaction_days` from now), so an open complaint whose deadlines
    are met does not drop off the morning list. An action added later moves it."""
    if AgreedAction.select().where(AgreedAction.complaint == complaint_id).exists():
        return
    planned = FollowUp.select().where(
        (FollowUp.complaint == complaint_id)
        & (FollowUp.kind == SATISFACTION)
        & (FollowUp.status != CANCELLED)
    )
    if planned.exists():
        return
    due = satisfaction_due(now.date())
    handler = Complaint.select(Complaint.handler).where(Complaint.id == complaint_id).scalar()
    _create(complaint_id, SATISFACTION, SATISFACTION_WHAT, handler or "", due, now)
    timeline.record(
        complaint_id, timeline.FOLLOW_UP_PLANNED, satisfaction_planned(due), author, now
    )


def _reschedule_satisfaction(
    complaint_id: int, author: str, now: dt.datetime, ignore_action: int | None = None
) -> None:
    query = AgreedAction.select(peewee.fn.MAX(AgreedAction.due_on)).where(
        AgreedAction.complaint == complaint_id
    )
    if ignore_action is not None:
        query = query.where(AgreedAction.id != ignore_action)
    promised = query.scalar()
    # An action's follow-up moved to a later day (snoozed) moves the check after it.
    moved = (
        FollowUp.select(peewee.fn.MAX(FollowUp.due_on))
        .where(
            (FollowUp.complaint == complaint_id)
            & (FollowUp.kind == ACTION)
            & (FollowUp.status == PENDING)
        )
        .scalar()
    )
    days = [
        dt.date.fromisoformat(d) if isinstance(d, str) else d
        for d in (promised, moved)
        if d is not None
    ]
    if promised is None:
        return
    due = propose(max(days), days=satisfaction_days())
    check = (
        FollowUp.select()
        .where(
            (FollowUp.complaint == complaint_id)
            & (FollowUp.kind == SATISFACTION)
            & (FollowUp.status == PENDING)
        )
        .first()
    )
    if check is None:
        # The person handling the complaint rings the customer, as for its deadlines.
        handler = Complaint.select(Complaint.handler).where(Complaint.id == complaint_id).scalar()
        _create(complaint_id, SATISFACTION, SATISFACTION_WHAT, handler or "", due, now)
        said = satisfaction_planned(due)
    elif check.due_on != due:
        # One check, moved: said as a move, never as a second check planned.
        said = f"Satisfaction check moved from {_day(check.due_on)} to {_day(due)}."
        check.due_on = due
        check.save()
    else:
        return
    timeline.record(complaint_id, timeline.FOLLOW_UP_PLANNED, said, author, now)


# --- changing by hand ------------------------------------------------------------------


def _checked_text(what: str, owner: str) -> tuple[str, str]:
    what, owner = clean(what), clean(owner)
    problems = {}
    if not what:
        problems["what"] = "Say what is due."
    for field, label, value, limit in (
        ("what", "What", what, MAX_WHAT),
        ("owner", "Who", owner, 120),
    ):
        problem = too_long(label, value, limit)
        if problem:
            problems[field] = problem
    if problems:
        raise ValidationError(problems)
    return what, owner


def _get(follow_up_id: int) -> FollowUp:
    """The follow-up, read for a change: another counter doing the same one waits,
    then finds it done."""
    row = for_change(FollowUp.select().where(FollowUp.id == follow_up_id)).first()
    if row is None:
        raise NotFoundError("That follow-up no longer exists.")
    return row


def _now(now: dt.datetime | None) -> dt.datetime:
    return (now or dt.datetime.now()).replace(microsecond=0)


def add_follow_up(
    complaint_id: int,
    *,
    kind: str,
    what: str,
    owner: str,
    due_on: dt.date,
    author: str,
    now: dt.datetime | None = None,
) -> int:
    if kind not in KIND_LABELS:
        raise ValidationError({"kind": f"Unknown kind of follow-up {kind!r}."})
    what, owner = _checked_text(what, owner)
    now = _now(now)
    with writing():
        complaint = Complaint.get_or_none(Complaint.id == complaint_id)
        if complaint is None:
            raise NotFoundError(f"There is no complaint number {complaint_id}.")
        from models.anonymise import refuse_if_erased  # anonymise uses this module

        refuse_if_erased(complaint, "note")
        row = _create(complaint.id, kind, what, owner, due_on, now)
        timeline.record(
            complaint.id, timeline.FOLLOW_UP_PLANNED, f"Follow-up added: {what} by {_day(due_on)}.",
            author, now,
        )  # fmt: skip
    return int(row.id)


def edit_follow_up(
    follow_up_id: int,
    *,
    what: str,
    owner: str,
    due_on: dt.date,
    author: str,
    now: dt.datetime | None = None,
) -> None:
    what, owner = _checked_text(what, owner)
    now = _now(now)
    with writing():
        row = _get(follow_up_id)
        changes = []
        if row.what != what:
            changes.append(f"what: {what}")
        if row.owner != owner:
            changes.append(f"who: {owner or '(nobody)'}")
        if row.due_on != due_on:
            changes.append(f"due {_day(row.due_on)} → {_day(due_on)}")
        if not changes:
            return
        row.what, row.owner, row.due_on = what, owner, due_on
        row.save()
        timeline.record(
            row.complaint_id, timeline.FOLLOW_UP_PLANNED,
            "Follow-up changed: " + "; ".join(changes), author, now,
        )  # fmt: skip


def reschedule(
    follow_up_id: int,
    due_on: dt.date,
    *,
    author: str,
    note: str = "",
    now: dt.datetime | None = None,
) -> None:
    """Snooze or move a pending follow-up to another day."""
    now = _now(now)
    note = clean(note, multiline=True)
    with writing():
        row = _get(follow_up_id)
        if row.status != PENDING:
            raise ValidationError({"status": "Only a pending follow-up can be moved."})
        before = row.due_on
        row.due_on = due_on
        if note:
            row.note = (row.note + "\n" + note).strip()
        row.save()
        text = f"Moved: {row.what}, {_day(before)} → {_day(due_on)}." + (
            f"\n{note}" if note else ""
        )
        timeline.record(row.complaint_id, timeline.FOLLOW_UP_PLANNED, text, author, now)
        if row.kind == ACTION:
            _reschedule_satisfaction(row.complaint_id, author, now)


# The order a complaint's steps are meant to come in: a step moved past a later
# deadline of the same complaint (an acknowledgement snoozed past the day the
# shop must respond) breaks a promise the policy made. A satisfaction check and
# a follow-up of any other kind have no place in that order.
_STEP_ORDER = {ACKNOWLEDGE: 0, PROGRESS: 1, ACTION: 1, RESPOND: 2, SUMMARY: 3, FINAL_RESPONSE: 4}
_DEADLINES = (RESPOND, FINAL_RESPONSE)


PROMISED_IN_WRITING = "The day a letter to the customer promised"


def _promised_in_writing(row: FollowUp) -> bool:
    """Whether a letter made since the agreed action was agreed told the customer
    the day it is due (a confirmation lists each action with its day)."""
    action = AgreedAction.get_or_none(AgreedAction.id == row.action_id)
    if action is None:
        return False
    return (
        Letter.select()
        .where((Letter.complaint == row.complaint_id) & (Letter.made_at >= action.created_at))
        .exists()
    )


def deadlines_passed(follow_up_id: int, day: dt.date) -> list[tuple[str, dt.date]]:
    """The complaint's deadlines that moving this follow-up to ``day`` would
    pass, each as (what, due on): ("Final response", Fri 11 Dec), soonest first;
    empty when the move keeps every step in its order. An agreed action a letter
    has promised by its day passes that day too (:data:`PROMISED_IN_WRITING`)."""
    row = FollowUp.get_or_none(FollowUp.id == follow_up_id)
    if row is None or row.kind not in _STEP_ORDER:
        return []
    promised: list[tuple[str, dt.date]] = []
    if row.kind == ACTION and day > row.due_on and _promised_in_writing(row):
        promised.append((PROMISED_IN_WRITING, row.due_on))
    later = (
        FollowUp.select()
        .where(
            (FollowUp.complaint == row.complaint_id)
            & (FollowUp.status == PENDING)
            & (FollowUp.id != follow_up_id)
            & FollowUp.kind.in_(_DEADLINES)
            & (FollowUp.due_on < day)
        )
        .order_by(FollowUp.due_on, FollowUp.id)
    )
    return promised + [
        (KIND_LABELS[other.kind], other.due_on)
        for other in later
        if _STEP_ORDER[other.kind] > _STEP_ORDER[row.kind]
    ]


def cancel(
    follow_up_id: int, *, author: str, reason: str = "", now: dt.datetime | None = None
) -> None:
    """Cancel a pending follow-up, saying why: the reason goes on the complaint's
    file, where a promise dropped without one reads as forgotten."""
    now = _now(now)
    reason = clean(reason, multiline=True)
    if not reason:
        raise ValidationError(
            {"reason": "Say why it is cancelled: it goes on the complaint's file."}
        )
    with writing():
        row = _get(follow_up_id)
        if row.status != PENDING:
            return
        row.status, row.done_at, row.note = CANCELLED, now, (row.note + "\n" + reason).strip()
        row.save()
        text = f"Follow-up cancelled: {row.what}." + (f" {reason}" if reason else "")
        timeline.record(row.complaint_id, timeline.FOLLOW_UP, text, author, now, responds=False)


def _already_closed(row: FollowUp) -> str:
    """Why a follow-up cannot be done again: who closed it and when, as its
    complaint's timeline says (at another counter, a moment ago, often)."""
    said = "This follow-up is already closed"
    if row.done_at is None:
        return said + "."
    closed = [
        entry for entry in timeline.entries(row.complaint_id, (timeline.FOLLOW_UP,))
        if row.what in entry.text and entry.at >= row.done_at
    ]  # fmt: skip
    by = f" by {closed[0].author}" if closed and closed[0].author else ""
    how = OUTCOME_LABELS.get(row.outcome, row.status).lower()
    return f"{said}: marked {how}{by}, {display.moment(row.done_at)}."


def complete(
    follow_up_id: int,
    outcome: str,
    *,
    author: str,
    note: str = "",
    today: dt.date | None = None,
    now: dt.datetime | None = None,
) -> None:
    """Record the outcome of a follow-up.

    For a satisfaction check: *satisfied* closes it; *not satisfied* sends the
    complaint back to the Resolve stage with the reason and schedules agreeing
    a new fix; *could not reach* tries again on the next working day.
    """
    if outcome not in OUTCOME_LABELS:
        raise ValidationError({"outcome": f"Unknown outcome {outcome!r}."})
    note = clean(note, multiline=True)
    problem = too_long("The note", note, MAX_NOTE)
    if problem:
        raise ValidationError({"note": problem})
    now = _now(now)
    today = today or now.date()
    if outcome == NOT_SATISFIED and not note:
        raise ValidationError({"note": "Write down why they are not satisfied."})
    with writing():
        row = _get(follow_up_id)
        if row.status != PENDING:
            raise AlreadyClosed({"status": _already_closed(row)})
        if outcome == COULD_NOT_REACH:
            row.due_on = retry_day(today, row.due_on)
            row.note = (row.note + "\n" + (note or "Could not reach them.")).strip()
            row.save()
            timeline.record(
                row.complaint_id, timeline.FOLLOW_UP,
                f"Could not reach the customer ({row.what}); trying again on {_day(row.due_on)}."
                + (f"\n{note}" if note else ""), author, now, responds=False,
            )  # fmt: skip
            return
        row.status, row.outcome, row.done_at = DONE, outcome, now
        row.note = (row.note + "\n" + note).strip()
        row.save()
        if row.action_id is not None:
            AgreedAction.update(done_at=now).where(
                (AgreedAction.id == row.action_id) & AgreedAction.done_at.is_null()
            ).execute()
        text = f"{OUTCOME_LABELS[outcome]}: {row.what}." + (f"\n{note}" if note else "")
        timeline.record(row.complaint_id, timeline.FOLLOW_UP, text, author, now)
        if row.kind == ACTION and outcome == DONE_OUTCOME:
            redress.given_by_deed(row.complaint_id, (note, row.what), author, now)
        if outcome == NOT_SATISFIED:
            _back_to_resolve(row.complaint_id, note, author, now, today)
        elif row.kind == RESPOND:
            _check_back_once_agreed(row.complaint_id, author, now, today)
        elif outcome == SATISFIED:
            from models import checklist

            checklist.tick(
                row.complaint_id, SATISFIED_STEP, author=author, now=now,
                note="Taken as done: the satisfaction check found them satisfied.",
            )  # fmt: skip


# The guide's step that a satisfaction check found satisfied does.
SATISFIED_STEP = guide.SATISFIED_STEP


def _check_back_once_agreed(
    complaint_id: int, author: str, now: dt.datetime, today: dt.date
) -> None:
    """A fix agreed (its follow-up done from the morning list) with nothing else
    pending for an open complaint: a satisfaction check is planned, so the
    complaint never drops out of the morning list while it is open."""
    complaint = Complaint.get_by_id(complaint_id)
    pending = FollowUp.select().where(
        (FollowUp.complaint == complaint_id) & (FollowUp.status == PENDING)
    )
    if complaint.status != OPEN or pending.exists():
        return
    due = satisfaction_due(today)
    _create(complaint_id, SATISFACTION, SATISFACTION_WHAT, complaint.handler or "", due, now)
    timeline.record(
        complaint_id, timeline.FOLLOW_UP_PLANNED, satisfaction_planned(due), author, now
    )


def back_to_resolve_steps(complaint_id: int, author: str, now: dt.datetime) -> None:
    """Put the guide back at Resolve: the steps before it count as done (it got that
    far), those of agreeing a fix and following it up are to do again. The stage
    follows from the checklist."""
    from models import checklist, guide

    ticked = checklist.ticks(complaint_id)
    for stage in guide.STAGES:
        for step in stage.steps:
            if stage.key in ("resolve", "follow_up"):
                if step.key not in ("resolve.ask", "resolve.options"):
                    checklist.untick(complaint_id, step.key, author=author, now=now)
            elif step.key not in ticked:
                checklist.tick(
                    complaint_id, step.key, author=author, now=now,
                    note="Taken as done: the complaint went back to Resolve.",
                )  # fmt: skip


def _back_to_resolve(
    complaint_id: int, reason: str, author: str, now: dt.datetime, today: dt.date
) -> None:
    back_to_resolve_steps(complaint_id, author, now)
    complaint = Complaint.get_by_id(complaint_id)
    if complaint.status == "closed":
        from models.complaints import write_changes  # complaints reads follow-ups

        write_changes(complaint, {Complaint.status: OPEN, Complaint.closed_at: None}, now=now)
        timeline.record(complaint_id, timeline.STATUS_CHANGED, timeline.REOPENED_TEXT, author, now)
    due = propose(today, working_days=RETRY_FIX_DAYS)
    _create(complaint_id, RESPOND, "Agree a new fix with the customer", complaint.handler, due, now)
    timeline.record(
        complaint_id, timeline.FOLLOW_UP_PLANNED,
        f"Back to Resolve: not satisfied. {reason}\nAgree a new fix by {_day(due)}.", author, now,
    )  # fmt: skip


def log_progress_call(
    follow_up_id: int, note: str, *, author: str, now: dt.datetime | None = None
) -> None:
    """A call to tell the customer how things stand, logged from any of the
    complaint's follow-ups: it keeps the progress report due (the one chosen if it
    is one, else the complaint's soonest pending progress report)."""
    note = clean(note, multiline=True)
    if not note:
        raise ValidationError({"note": "Write down what you told them."})
    problem = too_long("The note", note, MAX_NOTE)
    if problem:
        raise ValidationError({"note": problem})
    now = _now(now)
    with writing():
        row = _get(follow_up_id)
        timeline.record(row.complaint_id, timeline.CALL, f"Progress call: {note}", author, now)
        if row.kind != PROGRESS or row.status != PENDING:
            row = (
                FollowUp.select()
                .where(
                    (FollowUp.complaint == row.complaint_id)
                    & (FollowUp.kind == PROGRESS)
                    & (FollowUp.status == PENDING)
                )
                .order_by(FollowUp.due_on, FollowUp.id)
                .first()
            )
        if row is None:
            return
        row.status, row.outcome, row.done_at = DONE, DONE_OUTCOME, now
        row.note = (row.note + "\n" + note).strip()
        row.save()
        timeline.record(
            row.complaint_id, timeline.FOLLOW_UP, done_text(row.what, "progress call"), author, now
        )


# The deadlines an agreed fix meets once it is recorded (models.resolution; an import).
MET_BY_AGREEING = (RESPOND,)
MET_BY_AGREEING_WHY = "the agreed solution was recorded"


def done_text(what: str, why: str) -> str:
    """The timeline's words for a follow-up kept by something else: "Done: Agree a fix
    with the customer (the agreed solution was recorded)."."""
    return f"Done: {what} ({why})."


def complete_kinds(
    complaint_id: int, kinds: tuple[str, ...], *, author: str, why: str, now: dt.datetime
) -> None:
    """Mark pending follow-ups of these kinds done (a letter kept the promise)."""
    rows = FollowUp.select().where(
        (FollowUp.complaint == complaint_id)
        & (FollowUp.kind.in_(kinds))
        & (FollowUp.status == PENDING)
    )
    for row in rows:
        row.status, row.outcome, row.done_at = DONE, DONE_OUTCOME, now
        row.save()
        timeline.record(complaint_id, timeline.FOLLOW_UP, done_text(row.what, why), author, now)


# --- closing ---------------------------------------------------------------------------


def satisfaction_settled(complaint_id: int) -> bool:
    """True once a satisfaction check on the complaint has an outcome."""
    return (
        FollowUp.select()
        .where(
            (FollowUp.complaint == complaint_id)
            & (FollowUp.kind == SATISFACTION)
            & (FollowUp.status == DONE)
        )
        .exists()
    )


# What the shop promised to do (an agreed action, a follow-up added by hand) is not
# the complaint's own bookkeeping: closing can leave it on the morning list.
PROMISES = (ACTION, OTHER)


def _promises(complaint_id: int) -> peewee.ModelSelect[FollowUp]:
    return FollowUp.select().where(
        (FollowUp.complaint == complaint_id)
        & (FollowUp.status == PENDING)
        & FollowUp.kind.in_(PROMISES)
    )


def promises_pending(complaint_id: int) -> list[FollowUp]:
    """The promises still to keep on a complaint, soonest first."""
    return list(_promises(complaint_id).order_by(FollowUp.due_on, FollowUp.id))


def cancelled_on_closing(complaint_id: int) -> list[FollowUp]:
    """What closing the complaint cancels whatever the owner chooses: its pending
    follow-ups that are no promise (the deadlines to acknowledge and respond, the
    satisfaction check), soonest first."""
    return list(
        FollowUp.select()
        .where(
            (FollowUp.complaint == complaint_id)
            & (FollowUp.status == PENDING)
            & FollowUp.kind.not_in(PROMISES)
        )
        .order_by(FollowUp.due_on, FollowUp.id)
    )


def cancel_pending(
    complaint_id: int, *, author: str, now: dt.datetime, keep_promises: bool = False
) -> int:
    """Cancel what is still pending when a complaint is closed; return how many.
    ``keep_promises``: the promises (:data:`PROMISES`) stay on the morning list,
    and the timeline says so."""
    cancelling = (FollowUp.complaint == complaint_id) & (FollowUp.status == PENDING)
    kept = int(_promises(complaint_id).count()) if keep_promises else 0
    if keep_promises:
        cancelling &= FollowUp.kind.not_in(PROMISES)
    count = FollowUp.update(status=CANCELLED, done_at=now).where(cancelling).execute()
    said = []
    if count:
        said.append(f"{display.count(count, 'pending follow-up')} cancelled on closing")
    if kept:
        stay = display.plural(kept, "stays", "stay")
        said.append(f"{display.count(kept, 'promise')} still to keep {stay} on the follow-ups list")
    if said:
        text = "; ".join(said)
        timeline.record(
            complaint_id, timeline.FOLLOW_UP, text[:1].upper() + text[1:] + ".", author, now,
            responds=False,
        )  # fmt: skip
    return int(count)


# --- reading ------------------------------------------------------------------------------


def action_due_dates(complaint_id: int) -> dict[int, dt.date]:
    """When each of the complaint's agreed actions is followed up (by action id):
    the date promised, even after the follow-up was moved."""
    query = FollowUp.select(FollowUp.action, FollowUp.due_on).where(
        (FollowUp.complaint == complaint_id)
        & (FollowUp.kind == ACTION)
        & (FollowUp.status != CANCELLED)
        & FollowUp.action.is_null(False)
    )
    return {row.action_id: row.due_on for row in query if row.action_id is not None}
