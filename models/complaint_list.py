"""The complaints log as pages of rows: filtered, searched, sorted.

:class:`Listing` hands out one page at a time. Orders backed by an index
(date received, age, reference) use keyset pagination (``WHERE (key, id) <
(last key, last id)``), so the hundredth page costs what the first does. Other
orders (customer, category, stage) are sorted once into a list of ids, and
pages are read by id. Either way a log of 100,000 complaints opens and
scrolls without a pause.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from models import display, engine, timeline
from models.choices import CLOSED, OPEN, STAGES
from models.db import database
from models.pace import Pace, pace
from models.search import count_matches, search_filter


class SortColumn(Enum):
    REFERENCE = "reference"
    RECEIVED = "received"
    CUSTOMER = "customer"
    CATEGORY = "category"
    STAGE = "stage"
    AGE = "age"


_STAGE_RANK = (
    "CASE c.stage "
    + " ".join(f"WHEN '{choice.key}' THEN {rank}" for rank, choice in enumerate(STAGES))
    + " ELSE 99 END"
)

# Sort keys: a tuple of SQL expressions (the id is always added last).
_SORT_SQL: dict[SortColumn, tuple[str, ...]] = {
    SortColumn.REFERENCE: ("c.year", "c.number"),
    SortColumn.RECEIVED: ("c.received_at",),
    # The oldest complaint has the greatest age: age order is received order reversed.
    SortColumn.AGE: ("c.received_at",),
    SortColumn.CUSTOMER: ("{nocase:cu.name}",),
    SortColumn.CATEGORY: ("{nocase:COALESCE(cat.name, '')}",),
    SortColumn.STAGE: (_STAGE_RANK,),
}


def _spelled(key: str) -> str:
    """A sort key as the open database's engine spells it: ``{nocase:EXPR}`` is
    EXPR compared without regard to case."""
    if key.startswith("{nocase:") and key.endswith("}"):
        return engine.current().nocase(key[len("{nocase:") : -1])
    return key


_INDEXED = {SortColumn.REFERENCE, SortColumn.RECEIVED, SortColumn.AGE}

_FROM = """FROM complaint c
        JOIN customer cu ON cu.id = c.customer_id
        LEFT JOIN category cat ON cat.id = c.category_id"""
_COLUMNS = f"""c.id, c.reference, c.received_at, cu.name, COALESCE(cat.name, ''),
               c.stage, c.status, c.closed_at, c.first_response_at, c.received_date_only,
               c.closed_date_unknown,
               (SELECT MIN(e.at) FROM event e
                WHERE e.complaint_id = c.id AND e.kind = '{timeline.IMPORTED}')"""
_SORT_KEY_AT = 12  # the sort key's values follow the columns above

STATUS_FILTERS = ("open", "closed", "all")
UNKNOWN_AGE_WHY = "Closed in the old log with no date closed: how long it took is not known."


@dataclass(frozen=True)
class ListQuery:
    status: str = OPEN
    text: str = ""
    sort: SortColumn = SortColumn.RECEIVED
    descending: bool = True

    @property
    def newest_first(self) -> bool:
        # Age ascending means newest first, which is received descending.
        return not self.descending if self.sort is SortColumn.AGE else self.descending


@dataclass(slots=True)
class ListRow:
    id: int
    reference: str
    received_at: dt.datetime
    customer: str
    category: str
    stage: str
    status: str
    closed_at: dt.datetime | None
    first_response_at: dt.datetime | None = None
    received_date_only: bool = False  # the day received is known, not the time
    closed_date_unknown: bool = False  # closed in the shop's old log, on a day not given
    imported_at: dt.datetime | None = None  # when it came in from the shop's own log
    sort_key: tuple[object, ...] = ()

    def age(self, now: dt.datetime) -> dt.timedelta:
        """How long it has been open (or, once closed, how long it took)."""
        return self.pace(now).age

    def age_text(self, now: dt.datetime) -> str:
        """:meth:`age` as the list writes it (in days when only the day received is known)."""
        until = self.received_at + self.age(now)  # now, or when it was closed
        return display.age_since(self.received_at, self.received_date_only, until)

    def pace(self, now: dt.datetime) -> Pace:
        return pace(
            self.received_at, self.first_response_at, self.status, self.closed_at, now,
            imported_at=self.imported_at, received_date_only=self.received_date_only,
        )  # fmt: skip


def _when(value: object) -> dt.datetime | None:
    return dt.datetime.fromisoformat(str(value)) if value else None


def _row(values: tuple[object, ...]) -> ListRow:
    return ListRow(
        id=int(values[0]),  # type: ignore[call-overload]
        reference=str(values[1]),
        received_at=dt.datetime.fromisoformat(str(values[2])),
        customer=str(values[3]),
        category=str(values[4]),
        stage=str(values[5]),
        status=str(values[6]),
        closed_at=_when(values[7]),
        first_response_at=_when(values[8]),
        received_date_only=bool(values[9]),
        closed_date_unknown=bool(values[10]),
        imported_at=_when(values[11]),
        sort_key=tuple(values[_SORT_KEY_AT:]),
    )


# Rows read at once: more than a laptop's screen shows. A search made row by row
# walks the log until a page is full, so a shorter page is found sooner (at a
# million complaints, 28 ms at the 95th percentile a keystroke, against 47 ms
# for 100 rows); a taller list reads more pages as it needs them.
PAGE = 50


class Listing:
    """The rows of one :class:`ListQuery`, read a page at a time."""

    def __init__(self, query: ListQuery, page_size: int = PAGE) -> None:
        self.query = query
        self.page_size = page_size
        self._clauses: list[str] = []
        self._params: list[object] = []
        if query.status in (OPEN, CLOSED):
            self._clauses.append("c.status = ?")
            self._params.append(query.status)
        # Orders backed by an index read a page at a time; the others sort every match.
        self._search = search_filter(query.text, first_page=query.sort in _INDEXED)
        if self._search is not None:
            self._clauses.append(self._search.sql)
            self._params.extend(self._search.params)
        self._keys = tuple(_spelled(key) for key in _SORT_SQL[query.sort])
        self._order = "DESC" if query.newest_first else "ASC"
        self._last: ListRow | None = None
        self._ids: list[int] | None = None
        self._position = 0
        self._pages_read = 0
        self._first_page_rows = 0
        self.has_more = True

    def _where(self, extra: list[str] | None = None) -> str:
        clauses = self._clauses + (extra or [])
        return ("WHERE " + " AND ".join(clauses)) if clauses else ""

    def next_page(self) -> list[ListRow]:
        if not self.has_more:
            return []
        listed = self._search is not None and self._search.listed
        if self.query.sort in _INDEXED and not listed:
            rows = self._next_keyset_page()
        else:
            rows = self._next_sorted_page()
        if len(rows) < self.page_size:
            self.has_more = False
        self._pages_read += 1
        if self._pages_read == 1:
            self._first_page_rows = len(rows)
        return rows

    def _next_keyset_page(self) -> list[ListRow]:
        extra: list[str] = []
        params = list(self._params)
        if self._last is not None:
            keys = ", ".join((*self._keys, "c.id"))
            marks = ", ".join("?" * (len(self._keys) + 1))
            extra.append(f"({keys}) {'<' if self._order == 'DESC' else '>'} ({marks})")
            params.extend([*self._last.sort_key, self._last.id])
        order = ", ".join(f"{key} {self._order}" for key in (*self._keys, "c.id"))
        sql = f"""SELECT {_COLUMNS}, {", ".join(self._keys)} {_FROM}
            {self._where(extra)} ORDER BY {order} LIMIT ?"""
        rows = [_row(values) for values in database.execute_sql(sql, [*params, self.page_size])]
        if rows:
            self._last = rows[-1]
        return rows

    def _next_sorted_page(self) -> list[ListRow]:
        if self._ids is None:
            order = ", ".join(f"{key} {self._order}" for key in (*self._keys, "c.id"))
            sql = f"SELECT c.id {_FROM} {self._where()} ORDER BY {order}"
            self._ids = [row[0] for row in database.execute_sql(sql, self._params)]
        chunk = self._ids[self._position : self._position + self.page_size]
        self._position += len(chunk)
        if not chunk:
            return []
        sql = f"SELECT {_COLUMNS} {_FROM} WHERE c.id IN ({','.join('?' * len(chunk))})"
        by_id = {row.id: row for row in map(_row, database.execute_sql(sql, chunk))}
        return [by_id[i] for i in chunk if i in by_id]

    def count(self, at_most: int | None = None) -> int:
        """How many rows the query has; with ``at_most``, counting stops there."""
        if self._ids is not None:
            total = len(self._ids)
            return min(total, at_most) if at_most is not None else total
        if not self.has_more and self._pages_read == 1:
            # Everything fitted on the first page: its length is the count.
            total = self._first_page_rows
            return min(total, at_most) if at_most is not None else total
        counted_by = self._search.counted_by if self._search is not None else ()
        if counted_by and at_most is not None and self.query.status not in (OPEN, CLOSED):
            return count_matches(counted_by, at_most)
        inner = f"SELECT 1 FROM complaint c {self._where()}"
        if at_most is not None:
            inner += f" LIMIT {int(at_most)}"
        row = database.execute_sql(
            f"SELECT COUNT(*) FROM ({inner}) AS matching", self._params
        ).fetchone()
        return int(row[0])

    def matching_in_the_other_status(self, at_most: int = 1000) -> int:
        """How many complaints the search matches among those the status filter
        leaves out (the closed ones for an open list, and the other way round),
        counting up to ``at_most``: found with the search already made for this
        list, not looked up again."""
        if self.query.status not in (OPEN, CLOSED) or self._search is None:
            return 0
        other = CLOSED if self.query.status == OPEN else OPEN
        inner = f"SELECT 1 FROM complaint c WHERE c.status = ? AND {self._search.sql}"
        row = database.execute_sql(
            f"SELECT COUNT(*) FROM ({inner} LIMIT {int(at_most)}) AS matching",
            [other, *self._search.params],
        ).fetchone()
        return int(row[0])


def log_is_empty() -> bool:
    return database.execute_sql("SELECT NOT EXISTS (SELECT 1 FROM complaint)").fetchone()[0] == 1


def all_rows(query: ListQuery, page_size: int = 2000) -> list[ListRow]:
    """Every row of the query (for the command line and export)."""
    listing = Listing(query, page_size)
    rows: list[ListRow] = []
    while listing.has_more:
        rows.extend(listing.next_page())
    return rows
