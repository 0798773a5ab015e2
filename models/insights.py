"""Insights: what the log says over a period, for a staff meeting.

Counts per month and category, the root causes in Pareto order, the median
times to first response and to resolution, satisfaction checks, redress given
and how many customers came back. Every figure is aggregated by the database;
only the medians on SQLite (which has none) are taken in Python, from the whole
seconds the month's single pass returns for them.

The work, for 100,000 complaints over 18 months in about a quarter of a second:

- per category and month, a count on the covering index
  complaint_category_received (no table rows read);
- one pass over each month's rows, in received_at order and with no sort, for
  the medians, the causes and the redress;
- meanwhile, on a second connection in a worker thread: the complaints per
  customer (from two indexes, no table rows) and the satisfaction checks done
  in the period (from the index of them by the day done).

On a PostgreSQL server with a million complaints, a year of them (a third of
the log) takes about two-thirds of a second: there the complaints per customer
read the period's rows, as its indexes do not hold the complaint's id.

A complaint belongs to the month it was received in; a satisfaction check to
the month it was done in. Dates are compared as the ISO text they are stored
as, so the ``complaint_received_at`` index serves every range.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

from models import display, engine, timeline
from models.choices import CLOSED, REDRESS, label_of
from models.db import database
from models.followups import NOT_SATISFIED, SATISFACTION, SATISFIED

NO_CATEGORY = "No category"
# Used for complaints with no category if a real category is called "No category".
NO_CATEGORY_CLASH = "(No category)"


@dataclass(frozen=True)
class Period:
    """From ``start`` to ``end``, both days included."""

    start: dt.date
    end: dt.date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"a period cannot end ({self.end}) before it starts ({self.start})")

    @classmethod
    def last_months(cls, months: int, today: dt.date) -> Period:
        """This month so far and the ``months - 1`` whole months before it."""
        if months < 1:
            raise ValueError("a period covers at least one month")
        index = today.year * 12 + today.month - 1 - (months - 1)
        return cls(dt.date(index // 12, index % 12 + 1, 1), today)

    @property
    def months(self) -> list[str]:
        """Every month the period touches, as "YYYY-MM", in order."""
        first = self.start.year * 12 + self.start.month - 1
        last = self.end.year * 12 + self.end.month - 1
        return [f"{index // 12:04d}-{index % 12 + 1:02d}" for index in range(first, last + 1)]

    @property
    def since(self) -> str:
        """The lower bound for stored timestamps (inclusive)."""
        return self.start.isoformat()

    @property
    def until(self) -> str:
        """The upper bound for stored timestamps (exclusive): the day after ``end``."""
        return (self.end + dt.timedelta(days=1)).isoformat()


# As models.display.duration says it: under two days in hours, else in days.
HOURS_UP_TO = 48


@dataclass(frozen=True)
class Durations:
    """Medians per month in one unit, so a chart's axis has one: ``minutes``,
    ``hours`` or ``days``."""

    unit: str
    values: list[float | None]


def in_hours_or_days(hours: Sequence[float | None], whole_days: bool = False) -> Durations:
    """In minutes when every figure is under an hour (a shop that answers at once
    reads "12 minutes", not "0.2 hours"), in hours when every figure is under two
    days, else all in days; in days too when some were counted in ``whole_days``
    (hours would claim a precision they lack). Each figure is kept to the one
    decimal the tables and notes show, so a bar is drawn only for a figure that
    reads as more than 0 (3 minutes in days is 0.0 days: no bar, and the axis
    is not cut into thousandths)."""
    largest = max((value for value in hours if value is not None), default=0.0)
    if 0 < largest < 1 and not whole_days:
        unit, per_hour = "minutes", 60.0
    elif largest < HOURS_UP_TO and not whole_days:
        unit, per_hour = "hours", 1.0
    else:
        unit, per_hour = "days", 1 / 24
    return Durations(
        unit, [None if value is None else round(value * per_hour, 1) for value in hours]
    )


@dataclass(frozen=True)
class Insights:
    period: Period
    months: list[str]
    per_month_by_category: dict[str, list[int]]
    causes: list[tuple[str, int, float]]
    median_first_response_hours: list[float | None]
    median_resolution_days: list[float | None]
    satisfaction: list[tuple[int, int]]
    redress_per_month: dict[str, list[float]]
    repeat_customers: tuple[int, int, int]
    total: int
    # Complaints received in the period with no first response recorded (imported
    # ones, or not answered yet): left out of the first-response medians.
    no_response: int = 0
    # Figures for complaints whose day received alone is known (an imported row with
    # no time), counted in whole days rather than from midnight.
    response_in_days: int = 0
    resolution_in_days: int = 0
    # Complaints closed in the shop's old log with no date closed: how long they
    # took is not known, so they are left out of the resolution medians.
    closed_day_unknown: int = 0
    # Complaints brought in from the shop's own log and first answered in the app:
    # how long they waited is not known, so they are left out of the response medians.
    answered_after_import: int = 0

    @property
    def first_response(self) -> Durations:
        """The median times to a first response, in hours or days (in days when some
        were counted in whole days)."""
        return in_hours_or_days(self.median_first_response_hours, self.response_in_days > 0)

    @property
    def resolution(self) -> Durations:
        """The median times to closing, in hours or days (in days when some were
        counted in whole days)."""
        days = self.median_resolution_days
        hours = [None if value is None else value * 24 for value in days]
        return in_hours_or_days(hours, self.resolution_in_days > 0)


# The months of a period, as SQL: (month "YYYY-MM", from, to) with the first and
# last month cut to the period. Generated in SQL so a long period needs no more
# parameters than a short one.
_MONTHS_CTE = """
    WITH RECURSIVE month_start(day) AS (
        SELECT date(:since, 'start of month')
        UNION ALL
        SELECT date(day, '+1 month') FROM month_start WHERE date(day, '+1 month') < :until
    ),
    months(month, lo, hi) AS (
        SELECT substr(day, 1, 7), MAX(day, :since), MIN(date(day, '+1 month'), :until)
        FROM month_start
    )
"""
# The same months on PostgreSQL, whose dates are not text.
_SERVER_MONTHS_CTE = """
    WITH RECURSIVE month_start(day) AS (
        SELECT date_trunc('month', CAST(:since AS TIMESTAMP))
        UNION ALL
        SELECT day + INTERVAL '1 month' FROM month_start
        WHERE day + INTERVAL '1 month' < CAST(:until AS TIMESTAMP)
    ),
    months(month, lo, hi) AS (
        SELECT to_char(day, 'YYYY-MM'), GREATEST(day, CAST(:since AS TIMESTAMP)),
               LEAST(day + INTERVAL '1 month', CAST(:until AS TIMESTAMP))
        FROM month_start
    )
"""


# Each category (and "none") against each month, counted on the covering index
# complaint_category_received (category_id, received_at): no table rows are read.
# "No category" is counted apart, with IS NULL: one test for both (IS, or IS NOT
# DISTINCT FROM) would keep PostgreSQL off the index, reading every month's
# complaints once for each category.
_CATEGORY_COUNT = """(SELECT COUNT(*) FROM complaint c
                      WHERE c.category_id {test}
                        AND c.received_at >= months.lo AND c.received_at < months.hi)"""


def _category_sql(sql: _Dialect) -> str:
    return (
        sql.months
        + f""",
    kinds(id, name, position) AS (
        SELECT id, name, position FROM category
        UNION ALL SELECT NULL, NULL, NULL
    )
    SELECT kinds.id, kinds.name, months.month,
           CASE WHEN kinds.id IS NULL THEN {_CATEGORY_COUNT.format(test="IS NULL")}
                ELSE {_CATEGORY_COUNT.format(test="= kinds.id")} END
    FROM kinds, months
    ORDER BY kinds.id IS NULL, kinds.position, kinds.name, kinds.id, months.month
"""
    )


_TOTAL_SQL = "SELECT COUNT(*) FROM complaint WHERE received_at >= :since AND received_at < :until"

# The causes worth a column below: those on at least one complaint (one probe
# of complaint_root_cause_id each), in the list's order.
_CAUSES_SQL = """
    SELECT r.id, r.name FROM root_cause r
    WHERE EXISTS (SELECT 1 FROM complaint c WHERE c.root_cause_id = r.id)
    ORDER BY r.position, r.name, r.id
"""

# Whole seconds from receipt to a later moment (never below 0, as models.pace
# shows it), plus _OFFSET so that every figure has the same ten digits and sorts
# as text: Python then sorts the strings and converts only the middle ones.
# julianday() rather than strftime('%s'), which is twice as slow, or unixepoch(),
# which older SQLite builds lack.
_OFFSET = 1_000_000_000
_SECONDS = (
    f"({_OFFSET} + CAST(ROUND(MAX(0, julianday({{later}}) - julianday({{start}})) * 86400)"
    " AS INTEGER))"
)
# (GREATEST would take a missing moment for 0, where SQLite's MAX gives NULL;
# date_part gives a float where EXTRACT gives a numeric, slower to work out.)
_SERVER_SECONDS = (
    f"({_OFFSET} + CAST(ROUND(CASE WHEN {{later}} < {{start}} THEN 0"
    " ELSE date_part('epoch', {later} - {start}) END) AS BIGINT))"
)
# The same in whole days (as seconds), for a complaint whose day received alone is
# known: from that day to the day of {later}, never from its made-up midnight.
_DAYS = (
    f"({_OFFSET} + 86400 * CAST(MAX(0, julianday(date({{later}}))"
    " - julianday(date(c.received_at))) AS INTEGER))"
)
_SERVER_DAYS = (
    f"({_OFFSET} + 86400 * CASE WHEN CAST({{later}} AS DATE) < CAST(c.received_at AS DATE)"
    " THEN 0 ELSE CAST({later} AS DATE) - CAST(c.received_at AS DATE) END)"
)


# Complaints per customer, read from indexes alone: the period's ids from
# complaint_received_at, then complaint_customer_id walked in customer order (so
# the grouping needs no sort). "+id" keeps SQLite from looking up each id's
# table row instead, which takes nearly twice as long.
_REPEAT_SQL = """
    SELECT COUNT(*) FILTER (WHERE n = 1), COUNT(*) FILTER (WHERE n = 2),
           COUNT(*) FILTER (WHERE n >= 3)
    FROM (SELECT COUNT(*) AS n FROM complaint
          WHERE +id IN (SELECT id FROM complaint
                        WHERE received_at >= :since AND received_at < :until)
          GROUP BY customer_id ORDER BY customer_id) AS per_customer
"""


class _Dialect(NamedTuple):
    """The pieces of these queries that the engines spell differently."""

    months: str  # the months CTE
    seconds: str  # whole seconds from {start} to {later}, plus _OFFSET
    days: str  # the same in whole days from the day received (as seconds)
    # The values of {0} as text for :func:`_median`: all of them joined by commas
    # (SQLite has no median), or their median already (PostgreSQL).
    for_median: str
    total: str  # the sum of {0} over the rows where {1}, 0.0 when there is none
    month: str  # "YYYY-MM" of the moment {0}
    repeat: str  # how many customers made 1, 2, 3 or more complaints in the period


# The complaints per customer in the period, on PostgreSQL: its indexes do not
# hold the complaint's id as SQLite's do, so the period's rows are read (once).
_SERVER_REPEAT_SQL = """
    SELECT COUNT(*) FILTER (WHERE n = 1), COUNT(*) FILTER (WHERE n = 2),
           COUNT(*) FILTER (WHERE n >= 3)
    FROM (SELECT COUNT(*) AS n FROM complaint
          WHERE received_at >= :since AND received_at < :until
          GROUP BY customer_id) AS per_customer
"""

_SQLITE = _Dialect(
    _MONTHS_CTE,
    _SECONDS,
    _DAYS,
    "group_concat({0})",
    "TOTAL({0}) FILTER (WHERE {1})",
    "substr({0}, 1, 7)",
    _REPEAT_SQL,
)
_SERVER = _Dialect(
    _SERVER_MONTHS_CTE,
    _SERVER_SECONDS,
    _SERVER_DAYS,
    "CAST(percentile_cont(0.5) WITHIN GROUP (ORDER BY {0}) AS TEXT)",
    "COALESCE(SUM({0}) FILTER (WHERE {1}), 0.0)",
    "to_char({0}, 'YYYY-MM')",
    _SERVER_REPEAT_SQL,
)


def _dialect() -> _Dialect:
    return _SERVER if engine.current().kind == engine.SERVER.kind else _SQLITE


def _redress_sql(sql: _Dialect) -> str:
    """The value of each kind of redress given per month, by the month received."""
    return f"""
    SELECT {sql.month.format("c.received_at")}, r.kind, SUM(r.value)
    FROM redress r JOIN complaint c ON c.id = r.complaint_id
    WHERE c.received_at >= :since AND c.received_at < :until AND r.value IS NOT NULL
    GROUP BY 1, 2
"""


def _monthly_sql(causes: int, sql: _Dialect) -> str:
    """One pass over each month's complaints, with no sort, giving one text per month:

    ``first responses|closings|no response|responses in days|closings in days|
    count of cause 0|...``

    where the first two are comma-separated whole seconds (for the medians; whole
    days for a complaint whose day received alone is known), the next five counts,
    and the causes are the parameters ``:c0``...
    """

    def after(later: str) -> str:
        days = sql.days.format(later=later)
        seconds = sql.seconds.format(later=later, start="c.received_at")
        return f"CASE WHEN c.received_date_only THEN {days} ELSE {seconds} END"

    # A complaint brought in from the shop's own log and first answered in the app
    # after the import: how long it waited before is not known (an old log keeps no
    # first response), so it is left out of the medians and counted, not timed from
    # the import (a year-old complaint answered "in 5 minutes"). The imports are read
    # once (event_imported, a partial index: most complaints have none) and joined,
    # not probed for on each complaint: the probes took longer than the rest.
    after_import = "COALESCE(i.at > c.received_at AND i.at <= c.first_response_at, FALSE)"
    response = f"""CASE WHEN c.first_response_at IS NOT NULL
        AND NOT {after_import} THEN {after("c.first_response_at")} END"""
    fields = [
        f"COALESCE({sql.for_median.format(response)}, '')",
        "COALESCE({}, '')".format(
            sql.for_median.format(
                "CASE WHEN c.status = :closed AND NOT c.closed_date_unknown"
                f" THEN {after('c.closed_at')} END"
            )
        ),
        "COUNT(*) FILTER (WHERE c.first_response_at IS NULL)",
        "COUNT(*) FILTER (WHERE c.received_date_only AND c.first_response_at IS NOT NULL"
        f" AND NOT {after_import})",
        "COUNT(*) FILTER (WHERE c.received_date_only AND c.status = :closed"
        " AND NOT c.closed_date_unknown)",
        "COUNT(*) FILTER (WHERE c.status = :closed AND c.closed_date_unknown)",
        f"COUNT(*) FILTER (WHERE c.first_response_at IS NOT NULL AND {after_import})",
        *(f"COUNT(*) FILTER (WHERE c.root_cause_id = :c{n})" for n in range(causes)),
    ]
    joined = "\n                   || '|' || ".join(fields)
    return (
        sql.months
        + f""",
    imports(complaint_id, at) AS (
        SELECT complaint_id, MIN(at) FROM event WHERE kind = '{timeline.IMPORTED}'
        GROUP BY complaint_id
    )
    SELECT months.month,
           (SELECT {joined}
            FROM complaint c LEFT JOIN imports i ON i.complaint_id = c.id
            WHERE c.received_at >= months.lo AND c.received_at < months.hi)
    FROM months
"""
    )


# A satisfaction check has one of these outcomes only once it is done, so the
# status needs no test. The kind is written out, as the index of satisfaction
# checks by the day done (follow_up_satisfaction_done) names it: SQLite uses a
# partial index only for the very words of its WHERE.
_SATISFACTION_SQL = f"""
    SELECT {{month}}, COUNT(*) FILTER (WHERE outcome = :satisfied),
           COUNT(*) FILTER (WHERE outcome = :not_satisfied)
    FROM follow_up
    WHERE kind = '{SATISFACTION}' AND outcome IN (:satisfied, :not_satisfied)
      AND done_at >= :since AND done_at < :until
    GROUP BY 1
"""


def _median(numbers: str, unit: float) -> float | None:
    """The median of comma-separated seconds (each plus _OFFSET, see _SECONDS), in
    ``unit`` seconds; None if there are none. (From PostgreSQL: one number, the
    median already, possibly half a second.)"""
    if not numbers:
        return None
    ordered = sorted(numbers.split(","))  # same width, so text order is number order
    middle = len(ordered) // 2
    if len(ordered) % 2:
        seconds = float(ordered[middle]) - _OFFSET
    else:
        seconds = (int(ordered[middle - 1]) + int(ordered[middle])) / 2 - _OFFSET
    return seconds / unit


def _per_category(params: dict[str, object], months: list[str]) -> dict[str, list[int]]:
    """Category name -> count per month, for categories with a complaint in the period,
    in the list's order, complaints with no category last."""
    column = {month: index for index, month in enumerate(months)}
    counts: dict[int | None, list[int]] = {}
    names: dict[int | None, str] = {}
    for category_id, name, month, count in database.execute_sql(_category_sql(_dialect()), params):
        row = counts.setdefault(category_id, [0] * len(months))
        row[column[month]] = int(count)
        names[category_id] = name
    taken = {name for key, name in names.items() if key is not None}
    names[None] = NO_CATEGORY_CLASH if NO_CATEGORY in taken else NO_CATEGORY
    return {names[key]: row for key, row in counts.items() if any(row)}


def _pareto(counts: Sequence[tuple[str, int]]) -> list[tuple[str, int, float]]:
    """(cause, count, cumulative share), most frequent first; ties keep the list's order."""
    ranked = sorted((item for item in counts if item[1]), key=lambda item: -item[1])
    total = sum(count for _, count in ranked)
    pareto = []
    running = 0
    for name, count in ranked:
        running += count
        pareto.append((name, count, running / total))
    return pareto


def _redress(totals: dict[str, list[float]]) -> dict[str, list[float]]:
    """Redress label -> value per month (to the penny), leaving out kinds with no value."""
    result: dict[str, list[float]] = {}
    for key, values in totals.items():
        row = [round(value, 2) for value in values]
        if any(row):
            result[label_of(REDRESS, key)] = row
    return result


class _ComplaintFigures(NamedTuple):
    total: int
    per_month_by_category: dict[str, list[int]]
    causes: list[tuple[str, int, float]]
    median_first_response_hours: list[float | None]
    median_resolution_days: list[float | None]
    no_response: int
    response_in_days: int
    resolution_in_days: int
    closed_day_unknown: int
    answered_after_import: int


class _OtherFigures(NamedTuple):
    satisfaction: list[tuple[int, int]]
    redress_per_month: dict[str, list[float]]
    repeat_customers: tuple[int, int, int]


def _complaint_figures(period: Period) -> _ComplaintFigures:
    """Everything read from the complaints' rows: the total, the categories, and the
    month-by-month pass for the medians and the causes."""
    months = period.months
    column = {month: index for index, month in enumerate(months)}
    params: dict[str, object] = {"since": period.since, "until": period.until}
    with database.atomic():
        total = int(database.execute_sql(_TOTAL_SQL, params).fetchone()[0])
        per_category = _per_category(params, months)
        causes = list(database.execute_sql(_CAUSES_SQL))
        monthly = {
            **params,
            "closed": CLOSED,
            **{f"c{n}": cause_id for n, (cause_id, _) in enumerate(causes)},
        }
        first_response: list[float | None] = [None] * len(months)
        resolution: list[float | None] = [None] * len(months)
        cause_counts = [0] * len(causes)
        # no response; responses and closings counted in whole days; closed, no day known
        counts = [0, 0, 0, 0, 0]
        sql = _monthly_sql(len(causes), _dialect())
        for month, text in database.execute_sql(sql, monthly):
            index = column[month]
            responses, closings, *figures = text.split("|")
            first_response[index] = _median(responses, 3600)
            resolution[index] = _median(closings, 86400)
            for n in range(len(counts)):
                counts[n] += int(figures.pop(0))
            for n in range(len(causes)):
                cause_counts[n] += int(figures[n])
    named = [(name, count) for (_, name), count in zip(causes, cause_counts, strict=True)]
    return _ComplaintFigures(
        total=total,
        per_month_by_category=per_category,
        causes=_pareto(named),
        median_first_response_hours=first_response,
        median_resolution_days=resolution,
        no_response=counts[0],
        response_in_days=counts[1],
        resolution_in_days=counts[2],
        closed_day_unknown=counts[3],
        answered_after_import=counts[4],
    )


_Read = TypeVar("_Read")


def _checks_and_redress(
    period: Period,
) -> tuple[list[tuple[int, int]], dict[str, list[float]]]:
    """The satisfaction checks and the redress per month."""
    column = {month: index for index, month in enumerate(period.months)}
    params: dict[str, object] = {"since": period.since, "until": period.until}
    outcomes = {**params, "satisfied": SATISFIED, "not_satisfied": NOT_SATISFIED}
    satisfaction = [(0, 0)] * len(column)
    with database.atomic():
        satisfaction_sql = _SATISFACTION_SQL.format(month=_dialect().month.format("done_at"))
        for month, happy, unhappy in database.execute_sql(satisfaction_sql, outcomes):
            satisfaction[column[month]] = (int(happy), int(unhappy))
        redress_totals = {choice.key: [0.0] * len(column) for choice in REDRESS}
        for month, kind, value in database.execute_sql(_redress_sql(_dialect()), params):
            if kind in redress_totals and month in column:
                redress_totals[kind][column[month]] += float(value or 0)
    return satisfaction, _redress(redress_totals)


def _repeat_customers(period: Period) -> tuple[int, int, int]:
    """How many customers made one, two, or three or more complaints in the period."""
    params: dict[str, object] = {"since": period.since, "until": period.until}
    once, twice, more = database.execute_sql(_dialect().repeat, params).fetchone()
    return int(once), int(twice), int(more)


def _other_figures(period: Period) -> _OtherFigures:
    """The satisfaction checks and the redress per month, and the repeat customers."""
    return _OtherFigures(*_checks_and_redress(period), _repeat_customers(period))


def _on_own_connection(read: Callable[[Period], _Read], period: Period) -> _Read:
    """``read(period)`` in a worker thread, on a connection of its own (closed after)."""
    with database.connection_context():
        return read(period)


def _shared_file() -> bool:
    """True when a second connection sees the same data: a file, not an in-memory database."""
    name = str(getattr(database.obj, "database", "") or "")
    in_memory = name == ":memory:" or name.startswith("file::memory:") or "mode=memory" in name
    return bool(name) and not in_memory


def insights(period: Period) -> Insights:
    """The figures for ``period``.

    The complaints' month-by-month pass runs in the calling thread while the
    satisfaction checks and redress, and the repeat customers, are read at the
    same time on connections of their own (in WAL mode SQLite readers work side
    by side; a server works on each connection apart): on two cores that more
    than halves the wait. Each part reads one consistent snapshot, taken within
    moments of the others.
    """
    if _shared_file():
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="insights") as pool:
            checks = pool.submit(_on_own_connection, _checks_and_redress, period)
            repeat = pool.submit(_on_own_connection, _repeat_customers, period)
            mine = _complaint_figures(period)
            others = _OtherFigures(*checks.result(), repeat.result())
    else:
        mine, others = _complaint_figures(period), _other_figures(period)
    return Insights(
        period=period,
        months=period.months,
        per_month_by_category=mine.per_month_by_category,
        causes=mine.causes,
        median_first_response_hours=mine.median_first_response_hours,
        median_resolution_days=mine.median_resolution_days,
        satisfaction=others.satisfaction,
        redress_per_month=others.redress_per_month,
        repeat_customers=others.repeat_customers,
        total=mine.total,
        no_response=mine.no_response,
        response_in_days=mine.response_in_days,
        resolution_in_days=mine.resolution_in_days,
        closed_day_unknown=mine.closed_day_unknown,
        answered_after_import=mine.answered_after_import,
    )


# How each chart's "nothing to show" ends.
_SHOWN = {
    "per_month": "there are no complaints to count by month",
    "causes": "there are no root causes to rank",
    "response": "there is no response time to show",
    "resolution": "there is no resolution time to show",
    "satisfaction": "there is no satisfaction figure to show",
    "redress": "there is no redress to add up",
    "repeat": "there are no customers to count",
}
CHARTS = tuple(_SHOWN)


def _is_empty(data: Insights, chart: str) -> bool:
    if chart == "per_month":
        return not data.per_month_by_category
    if chart == "causes":
        return not data.causes
    if chart == "response":
        return all(value is None for value in data.median_first_response_hours)
    if chart == "resolution":
        return all(value is None for value in data.median_resolution_days)
    if chart == "satisfaction":
        return not any(happy + unhappy for happy, unhappy in data.satisfaction)
    if chart == "redress":
        return not data.redress_per_month
    if chart == "repeat":
        return not any(data.repeat_customers)
    raise ValueError(f"no chart called {chart!r}")


def nothing_to_show(data: Insights, chart: str) -> str | None:
    """Why ``chart`` (one of :data:`CHARTS`) has nothing to show for the period, in
    plain words for the window and the report; None when it has something."""
    if not _is_empty(data, chart):
        return None
    shown = _SHOWN[chart]
    if chart == "satisfaction":
        why = "No satisfaction checks were done in this period"
    elif chart == "repeat" or data.total == 0:
        why = "No complaints were received in this period"
    elif chart == "causes":
        why = "No root cause was recorded for the complaints received in this period"
    elif chart == "response":
        why = "No complaint received in this period has had a first response yet"
    elif chart == "resolution" and data.closed_day_unknown:
        why = "No complaint received in this period was closed on a day that is known"
    elif chart == "resolution":
        why = "No complaint received in this period has been closed yet"
    else:  # redress
        why = "No redress with a value was given for the complaints received in this period"
    return f"{why}, so {shown}."


def chart_note(data: Insights, chart: str) -> str:
    """What the window and the report say under ``chart`` about the complaints it
    leaves out or counts differently; empty when there is nothing to say."""
    notes = []
    if chart == "response" and data.no_response:
        notes.append(
            f"Left out: {display.count(data.no_response, 'complaint')} with no response"
            " recorded (imported ones, or not answered yet)."
        )
    if chart == "response" and data.answered_after_import:
        notes.append(
            f"Left out: {display.count(data.answered_after_import, 'complaint')} imported"
            " and first answered after the import, so how long"
            f" {display.plural(data.answered_after_import, 'it', 'they')} waited is not known."
        )
    if chart == "resolution" and data.closed_day_unknown:
        notes.append(
            f"Left out: {display.count(data.closed_day_unknown, 'complaint')} imported as"
            " closed with no date closed, so how long they took is not known."
        )
    figures = {"response": data.first_response, "resolution": data.resolution}.get(chart)
    if figures is not None:
        nil = [
            display.month_of(m)
            for m, v in zip(data.months, figures.values, strict=True)
            if v is not None and round(v, 1) == 0
        ]
        if nil:
            notes.append(
                f"{', '.join(nil)}: a median of 0 {figures.unit} (within the hour or the "
                f"same day), so no bar shows."
            )
    in_days = {"response": data.response_in_days, "resolution": data.resolution_in_days}
    if in_days.get(chart):
        notes.append(
            f"{display.count(in_days[chart], 'complaint')} imported with a day but no time"
            f" {display.plural(in_days[chart], 'is')} counted in whole days."
        )
    return " ".join(notes)
