"""The morning list: every pending follow-up in the log, by when it is due.

The window shows them grouped Overdue, Today, the next working day, Within a week
and Later: each group's count, and its rows a page at a time (keyset paging on
the due day), so a long list opens at once. :func:`pending` is the same list
filtered by when it is due (the ``followups`` command), :func:`due_now_count`
the number the navigation shows, and :func:`for_complaint` one complaint's
follow-ups, read as the same items. Writing follow-ups, their kinds and the
deadline policies are in :mod:`models.followups`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from models import display
from models.calendar import ShopWeek, propose
from models.db import database
from models.followups import KIND_LABELS

DUE_FILTERS = ("overdue", "today", "week", "all")
WEEK_DAYS = 7
GROUPS = ("overdue", "today", "next", "week", "later")
GROUP_LABELS = {
    "overdue": "Overdue",
    "today": "Today",
    "next": "Next working day",
    "week": "Within a week",
    "later": "Later",
}


@dataclass(slots=True)
class FollowUpItem:
    id: int
    complaint_id: int
    reference: str
    customer: str
    phone: str
    kind: str
    what: str
    owner: str
    due_on: dt.date
    status: str
    outcome: str
    note: str

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def what_is_due(self) -> str:
        """``Respond: Agree a fix with the customer``; ``Acknowledge the complaint``
        (its kind not said twice)."""
        return display.labelled(self.kind_label, self.what)

    @property
    def what_is_due_beside_who(self) -> str:
        """What is due where the person doing it is said beside it: "Promised
        action: refund £20 to his card", not "…: Amira Haddad will refund…", so two
        promises of one person differ where a narrow column cuts them."""
        what = self.what
        lead = f"{self.owner} will "
        if self.owner and what.startswith(lead) and len(what) > len(lead):
            what = what[len(lead) :]
        return display.labelled(self.kind_label, what)

    def days_late(self, today: dt.date) -> int:
        return max(0, (today - self.due_on).days)


def next_working_day(today: dt.date, week: ShopWeek | None = None) -> dt.date:
    """The next day the shop is open after ``today``: what "tomorrow" means on the
    morning list (a Friday's is the Monday when the shop shuts at the weekend).
    ``week`` is the shop's week where the caller has it already (else it is read)."""
    return propose(today, days=1, week=week)


def group_label(group: str, today: dt.date, week: ShopWeek | None = None) -> str:
    """A group's heading: "Tomorrow", or "Monday 7 December" when the shop is shut
    tomorrow."""
    if group != "next":
        return GROUP_LABELS[group]
    day = display.coming_day(next_working_day(today, week), today)
    return day[:1].upper() + day[1:]


_SELECT = """SELECT f.id, f.complaint_id, c.reference, cu.name, cu.phone, f.kind, f.what,
                    f.owner, f.due_on, f.status, f.outcome, f.note
             FROM follow_up f
             JOIN complaint c ON c.id = f.complaint_id
             JOIN customer cu ON cu.id = c.customer_id"""


def _item(row: tuple[Any, ...]) -> FollowUpItem:
    # The columns come straight from SQLite as ints and strings (ten thousand
    # rows are read for the morning list, so no conversion is wasted).
    return FollowUpItem(
        row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7],
        dt.date.fromisoformat(row[8]), row[9], row[10], row[11],
    )  # fmt: skip


def pending(today: dt.date, due: str = "all") -> list[FollowUpItem]:
    """Pending follow-ups, soonest first: ``overdue``, due ``today``, within the
    ``week`` (overdue and today included), or ``all``."""
    if due not in DUE_FILTERS:
        raise ValueError(f"unknown filter {due!r}")
    clauses = ["f.status = 'pending'"]
    params: list[object] = []
    if due == "overdue":
        clauses.append("f.due_on < ?")
        params.append(today.isoformat())
    elif due == "today":
        clauses.append("f.due_on = ?")
        params.append(today.isoformat())
    elif due == "week":
        clauses.append("f.due_on <= ?")
        params.append((today + dt.timedelta(days=WEEK_DAYS)).isoformat())
    sql = f"{_SELECT} WHERE {' AND '.join(clauses)} ORDER BY f.due_on, c.year, c.number, f.id"
    return [_item(row) for row in database.execute_sql(sql, params)]


def group_of(item: FollowUpItem, today: dt.date, next_day: dt.date | None = None) -> str:
    """The group ``item`` is shown in; ``next_day`` is :func:`next_working_day` of
    ``today`` where the caller has it already (it reads the shop's week)."""
    if item.due_on < today:
        return "overdue"
    if item.due_on == today:
        return "today"
    if item.due_on <= (next_day or next_working_day(today)):
        return "next"
    if item.due_on <= today + dt.timedelta(days=WEEK_DAYS):
        return "week"
    return "later"


def grouped(items: list[FollowUpItem], today: dt.date) -> dict[str, list[FollowUpItem]]:
    groups: dict[str, list[FollowUpItem]] = {key: [] for key in GROUPS}
    next_day = next_working_day(today)
    for item in items:
        groups[group_of(item, today, next_day)].append(item)
    return groups


def _group_ranges(today: dt.date, week: ShopWeek | None) -> dict[str, tuple[str, list[object]]]:
    """Each group's WHERE clause on the due day, and its parameters."""
    week_end = (today + dt.timedelta(days=WEEK_DAYS)).isoformat()
    next_day = next_working_day(today, week).isoformat()
    return {
        "overdue": ("f.due_on < ?", [today.isoformat()]),
        "today": ("f.due_on = ?", [today.isoformat()]),
        "next": ("f.due_on > ? AND f.due_on <= ?", [today.isoformat(), next_day]),
        "week": ("f.due_on > ? AND f.due_on <= ?", [next_day, week_end]),
        "later": ("f.due_on > ?", [week_end]),
    }


def group_counts(today: dt.date, week: ShopWeek | None = None) -> dict[str, int]:
    """How many pending follow-ups each group holds."""
    counts = {}
    ranges = _group_ranges(today, week)
    for group in GROUPS:
        where, params = ranges[group]
        sql = f"SELECT COUNT(*) FROM follow_up f WHERE f.status = 'pending' AND {where}"
        counts[group] = int(database.execute_sql(sql, params).fetchone()[0])
    return counts


def group_page(
    group: str,
    today: dt.date,
    after: FollowUpItem | None = None,
    limit: int = 200,
    week: ShopWeek | None = None,
) -> list[FollowUpItem]:
    """The next ``limit`` pending follow-ups of a group, soonest first (keyset paging).
    ``week`` is the shop's week where the caller has it already (a list read a page
    at a time reads it once)."""
    where, params = _group_ranges(today, week)[group]
    clauses = ["f.status = 'pending'", where]
    if after is not None:
        clauses.append("(f.due_on, f.id) > (?, ?)")
        params = [*params, after.due_on.isoformat(), after.id]
    sql = f"{_SELECT} WHERE {' AND '.join(clauses)} ORDER BY f.due_on, f.id LIMIT ?"
    return [_item(row) for row in database.execute_sql(sql, [*params, limit])]


def due_now_count(today: dt.date) -> int:
    """Overdue plus due today: the number the navigation shows."""
    row = database.execute_sql(
        "SELECT COUNT(*) FROM follow_up WHERE status = 'pending' AND due_on <= ?",
        (today.isoformat(),),
    ).fetchone()
    return int(row[0])


def for_complaint(complaint_id: int) -> list[FollowUpItem]:
    sql = f"{_SELECT} WHERE f.complaint_id = ? ORDER BY f.status != 'pending', f.due_on, f.id"
    return [_item(row) for row in database.execute_sql(sql, (complaint_id,))]
