"""Writing new complaints and their customers: the one path for every door.

A complaint logged at the counter, a row of an imported spreadsheet and the
sample data are all written here, by :func:`write_complaints`, in the caller's
transaction: the customers new to the log, the complaint rows (numbered within
their year of receipt unless they bring their own reference), their ticked
steps, timeline entries and follow-ups, and their rows in the search index.
One complaint or a hundred thousand go the same way; many are written with a
statement per table, not a statement per row.

Who the customer is comes from :mod:`models.matching`; the rules about what a
complaint must hold are checked by the caller before it gets here
(:func:`models.complaints.validate_complaint` and the import's check).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from models import engine, search
from models.choices import DEFAULT_CHANNEL, DEFAULT_UPSET, FIRST_STAGE, OPEN
from models.customers import derived_keys
from models.db import chunked, database
from models.matching import Known
from models.redress import Given
from models.references import format_reference, parse_reference, reserve, taken

# Ticked step: (step key, when, by whom, note).
Tick = tuple[str, dt.datetime, str, str]
# Timeline entry: (when, author, kind, text).
Entry = tuple[dt.datetime, str, str, str]
# Follow-up: (kind, what, owner, due on, status, outcome, done at, note made when done).
FollowUpRow = tuple[str, str, str, dt.date, str, str, dt.datetime | None, str]

# The complaint's columns this path writes, in the order NewComplaint.row gives them.
_COMPLAINT_COLUMNS = (
    "reference", "year", "number", "received_at", "channel", "category_id", "customer_id",
    "product", "account", "remedy_sought", "upset", "handler", "stage", "status", "closed_at",
    "created_at", "updated_at", "fault", "fault_basis", "fault_at", "options_offered",
    "agreed_solution", "first_contact", "first_response_at", "root_cause_id", "lesson",
    "received_date_only", "closed_date_unknown",
)  # fmt: skip
_CUSTOMER_COLUMNS = (
    "id", "name", "phone", "email", "address", "notes", "phone_digits", "email_key",
    "search_key", "created_at",
)  # fmt: skip
# Rows written per statement when many arrive at once.
_ROWS = 2_000


@dataclass
class NewComplaint:
    """Everything about one complaint to be written, as it will be stored."""

    person: Known
    received_at: dt.datetime
    account: str
    reference: str = ""  # "" to be numbered within the year of receipt
    channel: str = DEFAULT_CHANNEL
    category_id: int | None = None
    product: str = ""
    remedy_sought: str = ""
    upset: int = DEFAULT_UPSET
    handler: str = ""
    stage: str = FIRST_STAGE
    status: str = OPEN
    closed_at: dt.datetime | None = None
    fault: str = "unknown"
    fault_basis: str = ""
    fault_at: dt.datetime | None = None
    options_offered: str = ""
    agreed_solution: str = ""
    first_contact: bool = False
    first_response_at: dt.datetime | None = None
    root_cause_id: int | None = None
    lesson: str = ""
    redress: tuple[Given, ...] = ()  # checked by models.redress.problems
    received_date_only: bool = False  # the day received is known, not the time
    closed_date_unknown: bool = False  # closed, on a day nobody recorded
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    ticks: list[Tick] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    follow_ups: list[FollowUpRow] = field(default_factory=list)

    def row(self, reference: str, year: int, number: int, customer_id: int) -> tuple:
        created = self.created_at or self.received_at
        return (
            reference, year, number, _stamp(self.received_at), self.channel, self.category_id,
            customer_id, self.product, self.account, self.remedy_sought, int(self.upset),
            self.handler, self.stage, self.status, _stamp(self.closed_at), _stamp(created),
            _stamp(self.updated_at or created), self.fault, self.fault_basis,
            _stamp(self.fault_at), self.options_offered, self.agreed_solution,
            bool(self.first_contact), _stamp(self.first_response_at), self.root_cause_id,
            self.lesson, bool(self.received_date_only), bool(self.closed_date_unknown),
        )  # fmt: skip


def _stamp(value: dt.datetime | dt.date | None) -> str | None:
    """How peewee stores a date or time in SQLite, so rows read back the same."""
    return None if value is None else str(value)


def write_customers(created: Sequence[Known], now: dt.datetime) -> None:
    """Insert the customers new in this batch, giving each its ``id``."""
    if not created:
        return
    rows = []
    for customer_id, person in zip(
        engine.current().reserve_ids("customer", len(created)), created, strict=True
    ):
        person.id = customer_id
        keys = derived_keys(person.details())
        rows.append(
            (customer_id, person.name, person.phone, person.email, person.address, person.notes,
             keys["phone_digits"], keys["email_key"], keys["search_key"], _stamp(now))
        )  # fmt: skip
    _insert_many("customer", _CUSTOMER_COLUMNS, rows)


def fill_in_customers(matched: Sequence[Known]) -> list[int]:
    """Write the details that customers already in the log gained; return the ids
    of their complaints, whose search rows must be written again."""
    for person in matched:
        keys = derived_keys(person.details())
        database.execute_sql(
            """UPDATE customer SET phone = ?, email = ?, address = ?, phone_digits = ?,
               email_key = ?, search_key = ?, revision = revision + 1 WHERE id = ?""",
            (person.phone, person.email, person.address, keys["phone_digits"],
             keys["email_key"], keys["search_key"], person.id),
        )  # fmt: skip
    ids = [p.id for p in matched if p.id is not None]
    found: list[int] = []
    for some in chunked(ids):
        found.extend(
            row[0]
            for row in database.execute_sql(
                f"SELECT id FROM complaint WHERE customer_id IN ({','.join('?' * len(some))})",
                some,
            )
        )
    return found


def write_complaints(
    complaints: Sequence[NewComplaint],
    *,
    now: dt.datetime,
    reindex: Sequence[int] = (),
    progress: Callable[[int], None] | None = None,
) -> list[int]:
    """Write ``complaints`` (call inside one transaction); return their ids in order.

    Every ``person`` must already have an ``id`` (see :func:`write_customers`).
    ``reindex`` names complaints already in the log whose search rows must be
    written again (a customer of theirs gained details). They are written a
    batch at a time; ``progress`` is told how many are written after each batch
    (and may raise to stop: the caller's transaction then writes none of them).
    """
    if not complaints:
        return []
    new_ids = engine.current().reserve_ids("complaint", len(complaints))
    numbers = _numbers_taken(complaints)
    _note_numbers(complaints, numbers)
    search.reindex_complaints(reindex)
    for start in range(0, len(complaints), _ROWS):
        batch = list(
            zip(new_ids[start : start + _ROWS], complaints[start : start + _ROWS], strict=True)
        )
        _write_batch(batch, numbers, now)
        if progress is not None:
            progress(start + len(batch))
    return new_ids


def _write_batch(
    batch: Sequence[tuple[int, NewComplaint]], numbers: dict[int, int], now: dt.datetime
) -> None:
    """Write one batch of complaints with their ids: a statement per table."""
    rows: list[tuple] = []
    ticks: list[tuple] = []
    entries: list[tuple] = []
    follow_ups: list[tuple] = []
    redress: list[tuple] = []
    for complaint_id, item in batch:
        if item.person.id is None:
            raise ValueError("write the new customers first")
        reference, year, number = _reference_for(item, numbers)
        rows.append((complaint_id, *item.row(reference, year, number, item.person.id)))
        ticks.extend((complaint_id, key, _stamp(at), by, note) for key, at, by, note in item.ticks)
        entries.extend(
            (complaint_id, _stamp(at), author, kind, text)
            for at, author, kind, text in item.entries
        )
        follow_ups.extend(
            (complaint_id, kind, what, owner, _stamp(due), status, outcome, _stamp(done),
             note, _stamp(now))
            for kind, what, owner, due, status, outcome, done, note in item.follow_ups
        )  # fmt: skip
        redress.extend(
            (complaint_id, position, given.kind, given.value)
            for position, given in enumerate(item.redress)
        )
    _insert_many("complaint", ("id", *_COMPLAINT_COLUMNS), rows)
    _insert_many(
        "checklist_tick", ("complaint_id", "step_key", "ticked_at", "ticked_by", "note"), ticks
    )
    _insert_many("event", ("complaint_id", "at", "author", "kind", "text"), entries)
    _insert_many(
        "follow_up",
        ("complaint_id", "kind", "what", "owner", "due_on", "status", "outcome", "done_at",
         "note", "created_at"),
        follow_ups,
    )  # fmt: skip
    _insert_many("redress", ("complaint_id", "position", "kind", "value"), redress)
    search.reindex_complaints([complaint_id for complaint_id, _ in batch])


def _numbers_taken(complaints: Sequence[NewComplaint]) -> dict[int, int]:
    """The highest number taken in each year: given out already, or by a reference
    brought along. The years' counters are held until the transaction ends."""
    years: set[int] = set()
    brought: dict[int, int] = {}
    for item in complaints:
        if not item.reference:
            years.add(item.received_at.year)
            continue
        parsed = parse_reference(item.reference)
        if parsed is not None:
            year, number = parsed
            brought[year] = max(brought.get(year, 0), number)
    numbers = reserve(years | set(brought))
    for year, number in brought.items():
        numbers[year] = max(numbers[year], number)
    return numbers


def _note_numbers(complaints: Sequence[NewComplaint], numbers: dict[int, int]) -> None:
    """Count the numbers these complaints will take as given, before they are written."""
    highest = dict(numbers)
    for item in complaints:
        if not item.reference:
            highest[item.received_at.year] += 1
    taken(highest)


def _reference_for(item: NewComplaint, numbers: dict[int, int]) -> tuple[str, int, int]:
    if item.reference:
        year, number = parse_reference(item.reference) or (0, 0)
    else:
        year = item.received_at.year
        number = numbers[year] + 1
        numbers[year] = number
    return format_reference(year, number), year, number


def _insert_many(table: str, columns: Sequence[str], rows: Sequence[tuple]) -> None:
    if not rows:
        return
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    for some in chunked(rows, _ROWS):
        engine.current().execute_many(sql, some)
