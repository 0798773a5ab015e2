"""Recurring problems: how often the same category, product or cause has come
up lately, and what fixed similar complaints before."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.db import database
from models.text import fold

WINDOW_DAYS = 30


@dataclass(frozen=True)
class Recurrence:
    what: str  # "category", "product" or "cause"
    name: str
    count: int  # including the complaint in hand
    days: int

    @property
    def message(self) -> str:
        return f"{_ordinal(self.count)} “{self.name}” complaint in {self.days} days"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def recurrences(
    *,
    today: dt.date,
    category_id: int | None = None,
    product: str = "",
    root_cause_id: int | None = None,
    exclude_id: int | None = None,
    days: int = WINDOW_DAYS,
) -> list[Recurrence]:
    """Matches in the last ``days`` days, counting the complaint in hand as one more
    (``exclude_id`` leaves a saved complaint out so it is not counted twice)."""
    since = (today - dt.timedelta(days=days)).isoformat()
    found: list[Recurrence] = []
    checks: list[tuple[str, str, str, object]] = []
    if category_id is not None:
        name = database.execute_sql("SELECT name FROM category WHERE id = ?", (category_id,))
        row = name.fetchone()
        if row:
            checks.append(("category", row[0], "c.category_id = ?", category_id))
    if root_cause_id is not None:
        row = database.execute_sql(
            "SELECT name FROM root_cause WHERE id = ?", (root_cause_id,)
        ).fetchone()
        if row:
            checks.append(("cause", row[0], "c.root_cause_id = ?", root_cause_id))
    product = " ".join(product.split())
    if len(product) >= 3:
        checks.append(("product", product, "lower(c.product) = ?", product.lower()))
    for what, name, condition, value in checks:
        sql = f"SELECT COUNT(*) FROM complaint c WHERE {condition} AND c.received_at >= ?"
        params: list[object] = [value, since]
        if exclude_id is not None:
            sql += " AND c.id != ?"
            params.append(exclude_id)
        earlier = int(database.execute_sql(sql, params).fetchone()[0])
        if earlier:
            found.append(Recurrence(what, name, earlier + 1, days))
    return found


@dataclass(frozen=True)
class PastFix:
    reference: str
    agreed_solution: str


def fixes_that_worked(category_id: int | None, *, exclude_id: int | None = None,
                      limit: int = 5) -> list[PastFix]:  # fmt: skip
    """Agreed solutions of complaints in the category whose satisfaction check
    ended 'satisfied', newest first, one per distinct wording."""
    if category_id is None:
        return []
    rows = database.execute_sql(
        """SELECT c.reference, c.agreed_solution FROM complaint c
           WHERE c.category_id = ? AND c.id != ? AND c.agreed_solution != ''
             AND EXISTS (SELECT 1 FROM follow_up f WHERE f.complaint_id = c.id
                         AND f.kind = 'satisfaction' AND f.outcome = 'satisfied')
           ORDER BY c.received_at DESC LIMIT 200""",
        (category_id, exclude_id or 0),
    )
    seen: set[str] = set()
    fixes = []
    for reference, solution in rows:
        key = fold(" ".join(solution.split()))
        if key in seen:
            continue
        seen.add(key)
        fixes.append(PastFix(reference, solution))
        if len(fixes) == limit:
            break
    return fixes
