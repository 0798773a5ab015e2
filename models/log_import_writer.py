"""Each row of a file being imported made into the complaint to write: its
timeline (what the old log says happened, on its days), its guide steps, its
follow-ups (as the file gives them, else the current policy's deadlines) and who
handles it. Used by :func:`models.log_csv.import_log`, inside its transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from models import deadline_policy, display, followups, guide, people, timeline
from models.business import BusinessProfile, load_profile
from models.calendar import ShopWeek, shop_week
from models.choices import CHANNELS, FAULT_UNKNOWN, OPEN, STAGES, label_of
from models.complaint_writer import Entry, FollowUpRow, NewComplaint
from models.log_csv_rows import ImportRow
from models.matching import Known
from models.redress import describe as describe_redress

IMPORTED = timeline.IMPORTED
IMPORTED_NOTE = "Imported"
FROM_OLD_LOG = "from the old log"  # said of a guide step ticked on an imported row


def _ticks_for(stage: str) -> list[str]:
    """Every step of the stages before ``stage`` (all of them for ``done``)."""
    keys: list[str] = []
    for candidate in guide.STAGES:
        if candidate.key == stage:
            break
        keys.extend(step.key for step in candidate.steps)
    return keys


def steps_done(row: ImportRow) -> list[str]:
    """The guide steps an imported row shows were done: those of the stages before
    its stage, and, for an open one, the finding on fault and the fix agreed when it
    records them, as recording them in the window ticks them (so a complaint whose
    fix was agreed is at Resolve, not Engage)."""
    keys = _ticks_for(row.stage)
    if row.status == OPEN:
        if row.fault != FAULT_UNKNOWN:
            keys.append(guide.FINDING_STEP)
        if row.agreed_solution:
            keys.append(guide.AGREE_STEP)
    return list(dict.fromkeys(keys))


# Why an imported complaint's acknowledgement is taken as done.
TAKEN_UP_WHY = "the old log shows the complaint was taken up"


def ticked_at(row: ImportRow) -> dt.datetime:
    """When an imported complaint's steps were done (and its finding on fault made):
    the day it was closed, else the day it was received; the file gives no other,
    and the day of the import would be a date nothing happened on."""
    return row.closed_at if row.closed_at is not None else row.received_at


@dataclass
class ImportWriter:
    """Makes each row into the complaint to write, as imported on ``now``."""

    source: str
    author: str
    now: dt.datetime
    categories: dict[str, int]
    causes: dict[str, int]
    policy: deadline_policy.Policy = field(default_factory=deadline_policy.policy)
    week: ShopWeek = field(default_factory=shop_week)
    profile: BusinessProfile | None = field(default_factory=load_profile)

    def staff_name(self, name: str) -> str:
        """Who handled it as the staff list names them (see models.people.staff_name)."""
        return people.staff_name_in(name, self.profile)

    def entries(self, row: ImportRow) -> list[Entry]:
        author, now = self.author, self.now
        how = label_of(CHANNELS, row.channel).lower()
        # What the file says happened, on the days it says, as its record: not as
        # if the person importing had logged it or written its notes today.
        # Who logged it, wrote a note without its own heading or closed it, the file
        # does not say: those entries name nobody, rather than the person importing.
        received = f"Complaint received ({how}), as recorded in {self.source}."
        entries = [(row.received_at, "", timeline.CREATED, received)]
        entries.extend(
            (note.at or row.received_at, note.author if note.at else "", note.kind, note.text)
            for note in row.notes
        )
        if row.closed_at is not None:
            closed = f"{timeline.CLOSED_TEXT} {row.close_reason}".strip()
            entries.append((row.closed_at, "", timeline.STATUS_CHANGED, closed))
        for f in row.follow_ups:
            # Each follow-up the file says was done or cancelled, on the timeline as
            # the window writes it then: seen, and its words found by a search.
            if f.status == followups.PENDING:
                continue
            # The file gives the day alone: never before the complaint came in.
            done = dt.datetime.combine(f.done_on, dt.time()) if f.done_on else row.received_at
            at = max(done, row.received_at)
            if f.status == followups.CANCELLED:
                said = f"Follow-up cancelled: {f.what}." + (f" {f.note}" if f.note else "")
            else:
                outcome = followups.OUTCOME_LABELS.get(f.outcome, "Done")
                said = f"{outcome}: {f.what}." + (f"\n{f.note}" if f.note else "")
            entries.append((at, f.owner, timeline.FOLLOW_UP, said))
        if row.follow_ups_said:
            # The file's own words about following up, which are not follow-ups as an
            # export writes them: kept as its record.
            said = f"Follow-ups as recorded in {self.source}:\n{row.follow_ups_said}"
            entries.append((row.received_at, "", timeline.FOLLOW_UP, said))
        entries.append((now, author, IMPORTED, self.imported_text(row)))
        return entries

    def first_response(self, row: ImportRow) -> dt.datetime | None:
        """A note of the shop's log with its own time (as an export writes it: "[2026-03-02
        10:15 Note, Sam] rang him back") that answers the customer is its first response,
        then. A note without one ("What we did: Rang him back") says it was answered,
        not when: no time is made up for it (nor for a closing alone)."""
        # The old log's notes are its record of dealing with the customer: a timed
        # one counts, as its words were written then (here a note is the shop's own).
        responses = timeline.RESPONSES | {timeline.NOTE}
        return timeline.first_response(
            ((note.at, note.kind) for note in row.notes if note.at), responses
        )

    def imported_text(self, row: ImportRow) -> str:
        """``Imported from log.csv, row 3.``, and the steps it came with ticked, when."""
        text = f"Imported from {self.source}, row {row.place.row}."
        if row.category_guessed:
            text += f" Filed under {row.category}, as its words point there."
        if row.redress_read and row.redress:
            text += f" What was given is read from its words: {describe_redress(row.redress)}."
        if not _ticks_for(row.stage):
            return text
        if row.stage == guide.DONE:
            steps = "Every step of the guide"
        else:
            steps = f"The steps before {label_of(STAGES, row.stage)}"
        day = display.day_with_year(ticked_at(row).date())
        closed = row.closed_at is not None and not row.closed_when_received
        why = "closed" if closed else "received"
        return f"{text} {steps} ticked as done on {day}, the day it was {why}."

    def follow_ups(self, row: ImportRow, entries: list[Entry]) -> list[FollowUpRow]:
        """The follow-ups the file gives (as an export writes them), each as it was:
        promises still to keep stay due on their days, with whoever owes them. A
        file that gives none: an open complaint's deadlines (see
        :func:`models.deadline_policy.deadlines`)."""
        if row.follow_ups:
            return [
                (f.kind, f.what, self.staff_name(f.owner), f.due_on, f.status, f.outcome,
                 dt.datetime.combine(f.done_on, dt.time()) if f.done_on else None, f.note)
                for f in row.follow_ups
            ]  # fmt: skip
        if row.status != OPEN:
            return []
        planned = deadline_policy.deadlines(
            row.received_at.date(), chosen=self.policy, week=self.week, imported_on=self.now.date()
        )
        author = self.author
        if planned:
            entries.append(
                (self.now, self.author, timeline.FOLLOW_UP_PLANNED,
                 deadline_policy.deadlines_text(self.policy, planned))
            )  # fmt: skip
        met = self.deadlines_met(row)
        rows: list[FollowUpRow] = []
        for item in planned:
            why = met.get(item.kind)
            if why is not None:
                done = followups.done_text(item.what, why)
                entries.append((self.now, self.author, timeline.FOLLOW_UP, done))
                rows.append((item.kind, item.what, "", item.due_on, followups.DONE,
                             followups.DONE_OUTCOME, self.now, ""))  # fmt: skip
            else:
                # Whoever brings the old log in takes its open deadlines on, as the
                # person logging a complaint does.
                rows.append(
                    (item.kind, item.what, author, item.due_on, followups.PENDING, "", None, "")
                )
        if row.agreed_solution:
            rows.append(self.satisfaction_check(entries))
        return rows

    @staticmethod
    def deadlines_met(row: ImportRow) -> dict[str, str]:
        """The deadlines an open complaint's row shows were met before the import, each
        with why: the fix agreed (as in the window), and the complaint acknowledged
        when the old log records the shop taking it up (a step past the first, or a
        note of its own, such as "What we did: Replacement ordered"). Asking to
        acknowledge a complaint the shop has been dealing with for months helps nobody."""
        met = {}
        if row.agreed_solution:
            met.update(dict.fromkeys(followups.MET_BY_AGREEING, followups.MET_BY_AGREEING_WHY))
        own_note = any(note.kind != timeline.CUSTOMER_SAYS for note in row.notes)
        if row.agreed_solution or own_note or _ticks_for(row.stage):
            met.setdefault(followups.ACKNOWLEDGE, TAKEN_UP_WHY)
        return met

    def satisfaction_check(self, entries: list[Entry]) -> FollowUpRow:
        """An open complaint whose fix the old log agreed is checked with the customer
        later, as one agreed in the window is: it stays on the morning list while open."""
        due = followups.satisfaction_due(self.now.date())
        entries.append(
            (self.now, self.author, timeline.FOLLOW_UP_PLANNED, followups.satisfaction_planned(due))
        )  # fmt: skip
        return (followups.SATISFACTION, followups.SATISFACTION_WHAT, self.author, due,
                followups.PENDING, "", None, "")  # fmt: skip

    def complaint(self, row: ImportRow, person: Known) -> NewComplaint:
        found = row.fault != FAULT_UNKNOWN
        takes_on = row.status == OPEN and not row.follow_ups
        now = self.now
        entries = self.entries(row)
        follow_ups = self.follow_ups(row, entries)
        ticked = steps_done(row)
        return NewComplaint(
            person=person,
            received_at=row.received_at,
            account=row.account,
            reference=row.reference,
            channel=row.channel,
            category_id=self.categories[row.category.casefold()] if row.category else None,
            product=row.product,
            remedy_sought=row.remedy_sought,
            # Whoever brings an open complaint in takes it on when the file names
            # nobody, as they take on the deadlines planned for it.
            handler=self.staff_name(row.handler) or (self.author if takes_on else ""),
            stage=guide.current_stage(set(ticked)) if row.status == OPEN else row.stage,
            status=row.status,
            closed_at=row.closed_at,
            fault=row.fault,
            fault_basis=(row.fault_basis or IMPORTED_NOTE) if found else row.fault_basis,
            fault_at=ticked_at(row) if found else None,
            agreed_solution=row.agreed_solution,
            first_response_at=self.first_response(row),
            root_cause_id=self.causes[row.root_cause.casefold()] if row.root_cause else None,
            lesson=row.lesson,
            redress=row.redress,
            received_date_only=row.received_date_only,
            closed_date_unknown=row.closed_when_received,
            created_at=now,
            updated_at=now,
            # Steps done before the import, by whoever did them then: not the person
            # importing ("Done Mon 2 Nov: from the old log").
            ticks=[(key, ticked_at(row), "", FROM_OLD_LOG) for key in ticked],
            entries=entries,
            follow_ups=follow_ups,
        )
