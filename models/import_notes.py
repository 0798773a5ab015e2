"""What an import says beyond copying its rows, and what it reads from their words.

The plan's notes (:attr:`models.import_plan.ImportPlan.notes`) say what the import
will do that the owner might not expect: the open complaints that get the
policy's deadlines (and those older than them, due from the next working day),
the rows closed with no date closed, dates with no year. A file with no column of
categories has its rows filed under the category their words point to, and one
with no column of redress has what its words say was given recorded; the notes
say how many, and which.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import replace

from models import deadline_policy, display, followups, redress_words, timeline
from models.calendar import shop_week
from models.categories import CATEGORIES
from models.categories import guess as guess_category
from models.choices import OPEN
from models.import_plan import ROWS_NAMED, ImportPlan, rows_named
from models.log_csv_rows import WORDS_HEADING, ImportRow
from models.log_import_writer import ImportWriter


def note_old_open(
    plan: ImportPlan, open_rows: list[ImportRow], chosen: deadline_policy.Policy, today: dt.date
) -> None:
    """Say how many open complaints are older than their deadlines, and when those
    fall due instead (:func:`models.deadline_policy.deadlines`)."""
    week = shop_week()
    late = sum(
        1
        for row in open_rows
        if any(
            item.was_due is not None
            for item in deadline_policy.deadlines(
                row.received_at.date(), chosen=chosen, week=week, imported_on=today
            )
        )
    )
    if late:
        due = deadline_policy.next_day_after_import(today, week)
        plan.notes.append(
            f"{display.count(late, 'open complaint')} {display.plural(late, 'is')} older than "
            f"{display.plural(late, 'its', 'their')} deadlines: "
            f"{display.plural(late, 'its', 'their')} follow-ups will be due from "
            f"{display.coming_day(due, today)}, not counted late from "
            f"{display.plural(late, 'the day it was', 'the days they were')} received."
        )
        plan.old_open = late


def most_first(counts: Mapping[str, int]) -> str:
    """``Refund 2, Voucher or gift card 1``: each name with its count, most first."""
    return ", ".join(
        f"{name} {count}" for name, count in sorted(counts.items(), key=lambda i: (-i[1], i[0]))
    )


def guess_categories(plan: ImportPlan) -> None:
    """A file with no column of categories: its rows are filed under the one their
    words point to (of the categories the log started with that it still has), so
    that the log can say which kinds of problem keep coming back; the notes say how
    many, and which."""
    names = [item.name for item in CATEGORIES.items()]
    without = [k for k, row in enumerate(plan.rows) if not row.category]
    guessed: dict[str, int] = {}
    for k in without:
        row = plan.rows[k]
        name = guess_category(f"{row.account} {row.product}", names)
        if name is not None:
            plan.rows[k] = replace(row, category=name, category_guessed=True)
            guessed[name] = guessed.get(name, 0) + 1
    if not guessed:
        if without:
            count = len(without)
            plan.notes.append(
                f"{display.count(count, 'row')} {display.plural(count, 'has', 'have')} no "
                f"category, and {display.plural(count, 'its words point', 'their words point')}"
                f" to none of the categories: {display.plural(count, 'it comes', 'they come')}"
                " in as Not sure yet. Choose one on the Complaint tab."
            )
        return
    kinds = most_first(guessed)
    filed = sum(guessed.values())
    left = len(without) - filed
    plan.notes.append(
        f"{display.count(len(without), 'row')} {display.plural(len(without), 'has', 'have')} "
        f"no category: {filed} {display.plural(filed, 'is', 'are')} filed under the one "
        f"{display.plural(filed, 'its', 'their')} words point to ({kinds})"
        + (f", and {left} left without one" if left else "")
        + ". Change any on the Complaint tab."
    )


def read_redress(plan: ImportPlan) -> None:
    """A file with no column of redress: what its rows' own words say was given
    ("Refunded £25" under What we did) is recorded, so that the ledger and insights
    count it; the notes say how many rows, and of which kinds."""
    for k, row in enumerate(plan.rows):
        said = [note.text for note in row.notes if note.kind != timeline.CUSTOMER_SAYS]
        if row.closed_at is not None and row.agreed_solution:
            said.append(row.agreed_solution)
        given = redress_words.read("\n".join(said), product=row.product)
        if given:
            plan.rows[k] = replace(row, redress=given, redress_read=True)
    read = [row for row in plan.rows if row.redress_read]
    if not read:
        return
    listed = most_first(Counter(item.label for row in read for item in row.redress))
    plan.notes.append(
        f"The file has no column for what was given: for {display.count(len(read), 'row')} it "
        f"is read from {display.plural(len(read), 'its', 'their')} words ({listed}). Change any on "
        "the Lessons tab."
    )


def note_redress_read(plan: ImportPlan) -> None:
    """Say how the redress cells not written the app's way were read: from their
    own words, each kept in its complaint's notes."""
    read = [row for row in plan.rows if row.redress_read]
    nothing = sum(1 for row in read if not row.redress)
    listed = most_first(Counter(item.label for row in read for item in row.redress))
    said = f"({listed})" if listed else "(nothing given)"
    plan.notes.append(
        f"{display.count(len(read), 'redress cell')} {display.plural(len(read), 'is', 'are')} "
        f"not written as the app writes them: what was given is read from their words "
        f"{said}"
        + (
            f", and {nothing} {display.plural(nothing, 'says', 'say')} nothing was given"
            if nothing and listed
            else ""
        )
        + f". Each cell is kept in its complaint's notes under “{WORDS_HEADING}”."
    )


def note_what_follows(plan: ImportPlan, now: dt.datetime) -> None:
    """The notes saying what the import will do beyond copying the rows."""
    undated = [(row.place, said) for row in plan.rows for said in row.no_year]
    if undated:
        listed = "; ".join(f"{place}: {said}" for place, said in undated[:ROWS_NAMED])
        more = f"; and {len(undated) - ROWS_NAMED:,} more" if len(undated) > ROWS_NAMED else ""
        plan.notes.append(
            "A date with no year is taken as the last such day before today. "
            f"{listed}{more}. If that is not the year meant, add the year in the file."
        )
    closed = [row.place for row in plan.rows if row.closed_when_received]
    if closed:
        plan.notes.append(
            f"{rows_named(closed).capitalize()}: closed without a date closed, so "
            f"{display.plural(len(closed), 'it is', 'each is')} imported as closed on a "
            "day not known (left empty in exports, and out of the times to resolve)."
        )
    given = [row for row in plan.rows if row.follow_ups]
    if given:
        come = display.plural(len(given), "comes with its", "come with their")
        plan.notes.append(
            f"{display.count(len(given), 'complaint')} {come} follow-ups, kept as the file "
            "gives them: the days due, who owes them and what became of them."
        )
    # Those the file gives no follow-ups for get the policy's deadlines.
    open_rows = [row for row in plan.rows if row.status == OPEN and not row.follow_ups]
    if open_rows:
        chosen = deadline_policy.policy()
        plan.notes.append(
            f"{display.count(len(open_rows), 'open complaint')} will get the deadlines of the "
            f"{chosen.label} policy, counted from the day each was received, as a "
            "complaint logged now does."
        )
        note_old_open(plan, open_rows, chosen, now.date())
        taken_up = sum(
            1 for row in open_rows if followups.ACKNOWLEDGE in ImportWriter.deadlines_met(row)
        )
        if taken_up:
            plan.notes.append(
                f"{display.count(taken_up, 'open complaint')} "
                f"{display.plural(taken_up, 'says', 'say')} what the shop did about "
                f"{display.plural(taken_up, 'it', 'them')} already: "
                f"{display.plural(taken_up, 'its', 'their')} acknowledgement is taken as done."
            )
        agreed = sum(1 for row in open_rows if row.agreed_solution)
        if agreed:
            check = followups.satisfaction_due(now.date())
            plan.notes.append(
                f"{display.count(agreed, 'open complaint')} "
                f"{display.plural(agreed, 'has its', 'have their')} fix agreed already: "
                f"the deadline to agree one is met, and a check that the customer is happy "
                f"with it is planned for {display.coming_day(check, now.date())}."
            )
    if plan.new_categories:
        plan.notes.append("New categories will be added: " + ", ".join(plan.new_categories) + ".")
    if plan.new_root_causes:
        plan.notes.append("New root causes will be added: " + ", ".join(plan.new_root_causes) + ".")
