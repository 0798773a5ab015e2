"""The complaints log as a CSV file: exporting it, and importing one.

Export (:mod:`models.log_csv_export`) writes UTF-8 with a byte-order mark, so
Excel and LibreOffice show accented names rightly, ``\\n`` line ends, one row
per complaint, oldest first, under exactly this header (one line, wrapped
here)::

    reference,received,status,channel,category,customer name,phone,email,address,
    product,account,remedy sought,stage,fault finding,agreed solution,
    root cause,lesson,redress,redress value,closed,notes,handled by,
    finding basis,close reason,follow-ups

``received`` and ``closed`` are ``YYYY-MM-DD HH:MM`` (``closed`` is empty while
the complaint is open); status, channel, stage, fault finding and redress are
written as the labels a person reads (``Open``, ``At the counter``, ``Get the
facts``, ``Not yet known``, ``Goodwill gesture``); the redress value is an
amount such as ``12.50`` under a heading naming the shop's currency
(``redress value (GBP)``; plain ``redress value`` where no currency is known);
``notes`` holds the complaint's notes, oldest first, each starting
``[2026-03-02 10:15 We checked, Sam]`` (``[2026-03-02 Note]`` when its day
alone is known); ``close reason`` is why it was last
closed; ``follow-ups`` holds its follow-ups, one a line, by the day due, as
``Promised action: Re-heel the boots (Rui), due 2026-03-07; to do`` or
``…; done 2026-03-09, Satisfied: loves it``. Read back, they are kept as they
were, promises still to keep due on their days, and no deadlines are planned
again; text with line breaks stays one quoted value.

Import reads what Excel and LibreOffice save: a CSV file (UTF-8 with or
without a BOM, Windows-1252 when the bytes are not UTF-8, with a note saying
so; comma, semicolon or tab separated, CRLF or LF, quoted values holding line
breaks) or one sheet of an Excel workbook (:mod:`models.log_xlsx`), read as a
table by :mod:`models.log_table`. Which field each column fills is the owner's
mapping (:mod:`models.import_mapping`): as chosen for the last file with the
same headings, else guessed from the headings and content
(:mod:`models.column_guess`); a column with no field of its own goes to the
notes. Only the date received, the customer's name and the account are needed.
:func:`read_log` (or :func:`check_table` with a mapping) checks every row
before anything is written and returns an :class:`ImportPlan` whose problems
each name the row as a spreadsheet shows it, with the line of the text when
that differs; :func:`import_log` writes a plan without problems in one
transaction.

A row already in the log (the same customer, by the one matching rule, the
same day received and the same account of what happened) is skipped, and the
plan says so. A closed row without a date closed is imported as closed on a day
not known (kept as the day it was received, marked unknown), and the plan says
so too; so is a date written with no year, taken as the last such day.

An imported complaint is history: it keeps a reference given in the file, or
is numbered as usual for the year it was received, in the order received, after
the numbers the log and the file already hold (a reference given out never
changes, so one older than a complaint in the log is numbered after it). Its
customer is matched like a returning one (never duplicated), its stage comes
from ticking every step of the stages before it (a closed row with no stage is
taken as all steps done), ticked on the day it was closed, else the day it was
received (never the day of the import), and its notes go on its timeline. An open one gets
the deadlines of the current policy, as a complaint logged in the window does
(:func:`models.followups.schedule_for_new_complaint`). Its timeline says when
it was logged, when it was closed, and that it was imported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from models import display, engine, import_notes, people, timeline
from models.categories import CATEGORIES
from models.choices import REDRESS, STATUSES, label_of
from models.column_guess import IGNORE, NOTE
from models.complaint_writer import (
    fill_in_customers,
    write_complaints,
    write_customers,
)
from models.db import chunked, database, writing
from models.errors import ComplaintDeskError
from models.import_mapping import ColumnMapping, mapping_notes, mapping_problems, propose
from models.import_plan import ImportPlan, ImportResult, rows_named
from models.log_csv_columns import (
    COLUMNS,
    MULTILINE,
    REQUIRED_COLUMNS,
    STATUS_COLUMN,
    CellNote,
    kind_in_heading,
    parse_amount,
)
from models.log_csv_export import export_log, export_rows, export_to_file
from models.log_csv_file import MAX_FILE_BYTES, Place, gives_time, parse_when, row_of
from models.log_csv_rows import ImportRow, check_row, status_says_more
from models.log_import_writer import ImportWriter
from models.log_table import Table, read_table
from models.matching import Known, MatchedBatch, match_batch
from models.pick_lists import PickList
from models.references import normalise_reference
from models.root_causes import ROOT_CAUSES
from models.text import clean

__all__ = [
    "COLUMNS",
    "IMPORTED",
    "MAX_FILE_BYTES",
    "PREVIEW_ROWS",
    "REQUIRED_COLUMNS",
    "STATUS_COLUMN",
    "ImportCancelled",
    "ImportPlan",
    "ImportResult",
    "ImportRow",
    "Place",
    "check_table",
    "export_log",
    "export_rows",
    "export_to_file",
    "import_log",
    "parse_when",
    "read_log",
    "row_of",
]

# The timeline entry saying a complaint came from a file, and the note on its ticks.
IMPORTED = timeline.IMPORTED

PREVIEW_ROWS = 10
# --- checking the file as a whole ------------------------------------------------


def _references_in_log(references: Iterable[str]) -> set[str]:
    wanted = sorted(set(references))
    used: set[str] = set()
    for chunk in chunked(wanted):
        placeholders = ",".join("?" * len(chunk))
        used.update(
            row[0]
            for row in database.execute_sql(
                f"SELECT reference FROM complaint WHERE reference IN ({placeholders})", chunk
            )
        )
    return used


def _renumber_taken(plan: ImportPlan) -> None:
    """A row whose reference another complaint in the log already has (a log kept
    on another computer, brought into this one) is numbered anew on import, as a
    row with no reference is; its reference in the file is kept in a note, and the
    check lists each."""
    taken = _references_in_log(row.reference for row in plan.rows if row.reference)
    if not taken:
        return
    moved = []
    for k, row in enumerate(plan.rows):
        if row.reference in taken:
            kept = CellNote(
                None, "", timeline.NOTE,
                f"Its reference in the imported file was {row.reference}, which another "
                "complaint in this log already had.",
            )  # fmt: skip
            plan.rows[k] = replace(row, reference="", notes=(*row.notes, kept))
            moved.append(f"{row.place.row} ({row.reference})")
    listed = ", ".join(moved[:10]) + (f" and {len(moved) - 10:,} more" if len(moved) > 10 else "")
    plan.notes.append(
        f"{display.count(len(moved), 'row')} had a reference another complaint in the log "
        f"already has; each gets a new one, with the file's reference in a note: row {listed}."
    )


def _check_references(references: list[tuple[Place, str]], problems: list[str]) -> None:
    """Each reference given once in the file, and not one the log already has."""
    first: dict[str, Place] = {}
    for place, reference in sorted(references):
        if reference in first:
            problems.append(
                f"{place}: the reference {reference} is also on row "
                f"{first[reference].row}; each complaint needs its own."
            )
        else:
            first[reference] = place
    for reference in _references_in_log(first):
        problems.append(f"{first[reference]}: the reference {reference} is already in the log.")


def _pick_names(pick_list: PickList, wanted: Iterable[str]) -> tuple[dict[str, int], list[str]]:
    """Ids of the list's names (any case) and, in file order, the names it lacks."""
    table = pick_list.table
    known = {row.name.casefold(): row.id for row in table.select(table.id, table.name)}
    missing: dict[str, str] = {}
    for name in wanted:
        if name and name.casefold() not in known:
            missing.setdefault(name.casefold(), name)
    return known, list(missing.values())


def _in_order(rows: list[ImportRow]) -> list[ImportRow]:
    """The order rows are matched, numbered and written in: as received, then as in
    the file."""
    return sorted(rows, key=lambda r: (r.received_at, r.place))


def _text_key(text: str) -> str:
    return " ".join(text.casefold().split())


def _already_in_log(rows: list[ImportRow], persons: list[Known]) -> list[bool]:
    """For each row, whether the log holds its complaint: the same customer, the same
    day received and the same account of what happened."""
    ids = sorted({p.id for p in persons if p.id is not None})
    held: set[tuple[int, str, str]] = set()
    for some in chunked(ids):
        cursor = database.execute_sql(
            f"SELECT customer_id, substr({engine.current().as_text('received_at')}, 1, 10), "
            "account FROM complaint "
            f"WHERE customer_id IN ({','.join('?' * len(some))})",
            some,
        )
        held.update((cid, day, _text_key(account)) for cid, day, account in cursor)
    return [
        person.id is not None
        and (person.id, row.received_at.date().isoformat(), _text_key(row.account)) in held
        for row, person in zip(rows, persons, strict=True)
    ]


def _skip_rows_in_log(plan: ImportPlan) -> MatchedBatch | None:
    """Leave out the rows the log already holds; the customers of the rows in the
    order received, when none is left out (else they are to be matched again)."""
    ordered = _in_order(plan.rows)
    batch = match_batch([r.customer for r in ordered])
    found = _already_in_log(ordered, batch.persons)
    if not any(found):
        return batch
    plan.skipped = sorted(row.place for row, held in zip(ordered, found, strict=True) if held)
    skipped = set(plan.skipped)
    plan.rows = [row for row in plan.rows if row.place not in skipped]
    plan.notes.append(
        f"{rows_named(plan.skipped).capitalize()} "
        f"{display.plural(len(plan.skipped), 'is')} already in the log (the same customer, "
        "day received and account of what happened), so "
        f"{display.plural(len(plan.skipped), 'it is', 'they are')} skipped."
    )
    return None


def _check_customers(
    rows: list[ImportRow], problems: list[str], batch: MatchedBatch | None = None
) -> MatchedBatch:
    """Who each row is from (``batch`` when they are matched already); a row whose
    customer could be either of two people is a problem, not a guess."""
    ordered = _in_order(rows)
    if batch is None:
        batch = match_batch([row.customer for row in ordered])
    for index, found in sorted(batch.unsure.items()):
        row = ordered[index]
        problems.append(
            f"{row.place}: {found.explain(row.customer)}. Correct the name or the email "
            "so the row says who the customer is."
        )
    return batch


# --- reading a whole file ---------------------------------------------------------


def _cells(
    table: Table, mapping: ColumnMapping, values: list[str]
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """A row's values by field, and the (heading, text) of the columns added to its notes."""
    cells: dict[str, str] = {}
    extra: list[tuple[str, str]] = []
    for position, target in enumerate(mapping.fields):
        value = values[position] if position < len(values) else ""
        if target == IGNORE:
            continue
        if target == NOTE:
            if text := clean(value, multiline=True):
                extra.append((table.column_name(position), text))
            continue
        cells[target] = clean(value, multiline=target in MULTILINE)
    status = cells.get(STATUS_COLUMN)
    if status and status_says_more(status):  # its words are kept; what was given is read
        extra.append((table.column_name(mapping.fields.index(STATUS_COLUMN)), status))
    if status and (meant := mapping.status_of(status)):
        cells[STATUS_COLUMN] = label_of(STATUSES, meant)
    if parse_amount(cells.get("redress value", "")) and not cells.get("redress"):
        heading = table.column_name(mapping.fields.index("redress value"))
        if kind := kind_in_heading(heading):
            cells["redress"] = kind
    return cells, extra


def _preview_columns(mapping: ColumnMapping) -> list[str]:
    columns = [f for f in mapping.fields if f not in (NOTE, IGNORE)]
    if NOTE in mapping.fields and "notes" not in columns:
        columns.append("notes")
    return columns


def _preview(place: Place, cells: dict[str, str], extra: list[tuple[str, str]]) -> dict:
    notes = [cells.get("notes", "")] + [f"{heading}: {text}" for heading, text in extra]
    shown = {"row": str(place.row), "line": str(place.line)} | cells
    if extra:
        shown["notes"] = "\n".join(n for n in notes if n)
    return shown


def _dates_as_read(shown: dict[str, str], row: ImportRow) -> None:
    """The preview's dates as the import reads them ("Thu 12 Mar 2026"), so the owner
    sees whether 12/03 was read as 12 March before importing."""
    if shown.get("received"):
        when = row.received_at
        shown["received"] = (
            display.day_with_year(when.date())
            if row.received_date_only
            else display.moment_with_year(when)
        )
    if shown.get("closed") and row.closed_at is not None and not row.closed_when_received:
        shown["closed"] = display.day_with_year(row.closed_at.date())


def _date_as_read(shown: dict[str, str], day_first: bool) -> None:
    """The received date of a row with a problem, as read, where it can be read."""
    when = parse_when(shown.get("received", ""), day_first=day_first)
    if when is not None:
        timed = gives_time(shown["received"])
        shown["received"] = (
            display.moment_with_year(when) if timed else display.day_with_year(when.date())
        )


def check_table(
    table: Table,
    mapping: ColumnMapping,
    *,
    day_first: bool = True,
    now: dt.datetime | None = None,
    leave_out_problems: bool = False,
) -> ImportPlan:
    """Check every row of ``table``, read as ``mapping`` says; nothing is written.

    ``leave_out_problems``: the rows with problems of their own are left out
    (listed in the plan's ``left_out``, their problems in ``left_out_problems``),
    so the rest can be imported; a problem of the file as a whole still stops it.
    """
    now = (now or dt.datetime.now()).replace(microsecond=0)
    plan = _check_rows(table, mapping, day_first, now, frozenset())
    left_out: list[str] = []
    # Leaving rows out can leave another row with a problem (a reference it
    # repeated is now its own): check again until none is left or one is the file's.
    while leave_out_problems and plan.rows_can_be_left_out:
        left_out.extend(plan.problems)
        rows = frozenset(row_of(problem) for problem in left_out)
        plan = _check_rows(table, mapping, day_first, now, rows)
        plan.left_out_problems = sorted(left_out, key=row_of)
    return plan


def _check_rows(
    table: Table,
    mapping: ColumnMapping,
    day_first: bool,
    now: dt.datetime,
    leave_out: frozenset[int],
) -> ImportPlan:
    """Check every row of ``table`` but those numbered in ``leave_out``."""
    plan = ImportPlan(
        source=table.source,
        notes=list(table.notes),
        encoding=table.encoding,
        delimiter=table.delimiter,
        mapping=mapping,
    )
    if table.is_empty and not table.problems:
        plan.problems.append(
            f"{table.heading_place}: the file is empty; its first row should be the headings."
        )
        return plan
    plan.problems.extend(mapping_problems(table, mapping))
    plan.notes.extend(mapping_notes(table, mapping))
    if "redress value" in mapping.fields and "redress" not in mapping.fields:
        heading = table.column_name(mapping.fields.index("redress value"))
        if kind := kind_in_heading(heading):
            plan.notes.append(
                f"The amounts under “{heading}” are recorded as redress of the kind "
                f"“{label_of(REDRESS, kind)}”."
            )
    plan.columns = _preview_columns(mapping)
    can_check = not plan.problems
    plan.problems.extend(table.problems)
    references: list[tuple[Place, str]] = []
    for place, values in table.rows:
        cells, extra = _cells(table, mapping, values)
        if len(plan.preview) < PREVIEW_ROWS:
            plan.preview.append(_preview(place, cells, extra))
        if place.row in leave_out:
            plan.left_out.append(place)
            continue
        if not can_check:
            continue
        row, found = check_row(place, cells, extra_notes=extra, day_first=day_first, now=now)
        plan.problems.extend(found)
        if row is not None:
            plan.rows.append(row)
            if plan.preview and plan.preview[-1]["row"] == str(place.row):
                _dates_as_read(plan.preview[-1], row)
        elif plan.preview and plan.preview[-1]["row"] == str(place.row):
            # A row with a problem elsewhere shows its date as read too, not as typed
            # beside the others' "Wed 10 Sep 2025".
            _date_as_read(plan.preview[-1], day_first)
        if row is None and (given := normalise_reference(cells.get("reference", ""))):
            references.append((place, given))
    if not table.rows and can_check and not table.problems:
        plan.problems.append(
            f"Row {table.heading_place.row + 1}: there are no complaints in the file, "
            "only the headings."
        )
    _check_whole(plan, references, now)
    return plan


def _check_whole(plan: ImportPlan, references: list[tuple[Place, str]], now: dt.datetime) -> None:
    """What needs every row: repeats, references, customers; then the notes."""
    matched = _skip_rows_in_log(plan) if plan.rows else None
    _renumber_taken(plan)
    references.extend((row.place, row.reference) for row in plan.rows if row.reference)
    _check_references(references, plan.problems)
    batch = _check_customers(plan.rows, plan.problems, matched)
    if plan.problems:
        plan.problems.sort(key=row_of)
        return
    if plan.mapping is not None and "category" not in plan.mapping.fields:  # an empty cell: none
        import_notes.guess_categories(plan)
    if plan.mapping is not None and not {"redress", "redress value"} & set(plan.mapping.fields):
        import_notes.read_redress(plan)
    elif any(row.redress_read for row in plan.rows):
        import_notes.note_redress_read(plan)
    _, plan.new_categories = _pick_names(CATEGORIES, (r.category for r in plan.rows))
    _, plan.new_root_causes = _pick_names(ROOT_CAUSES, (r.root_cause for r in plan.rows))
    import_notes.note_what_follows(plan, now)
    plan.new_customers = len(batch.created)
    plan.matched_customers = len(batch.matched)


def read_log(
    source: str | Path | bytes,
    *,
    day_first: bool = True,
    now: dt.datetime | None = None,
    sheet: str | None = None,
    mapping: ColumnMapping | None = None,
) -> ImportPlan:
    """Read and check every row of a CSV file or an Excel workbook; nothing is written.

    ``source`` is a file's path, its bytes, or CSV text; ``sheet`` the sheet of a
    workbook (the first when None). The columns are read as ``mapping`` says, else
    as the owner last chose for the same headings, else as guessed (see
    :mod:`models.import_mapping`). Raises :class:`ComplaintDeskError` only when the
    file cannot be read at all; everything wrong inside it is in the plan's
    ``problems``.
    """
    table = read_table(source, sheet=sheet)
    if mapping is None:
        mapping = propose(table).mapping
    return check_table(table, mapping, day_first=day_first, now=now)


# --- writing ------------------------------------------------------------------------


def _add_picks(pick_list: PickList, names: list[str], known: dict[str, int]) -> None:
    for name in names:
        known[name.casefold()] = pick_list.add(name).id


def _refuse_what_changed(rows: list[ImportRow], batch: MatchedBatch) -> None:
    """Stop the import when the log changed since the file was checked."""
    taken = _references_in_log(r.reference for r in rows if r.reference)
    if taken:
        raise ComplaintDeskError(
            f"The reference {min(taken)} was added to the log after the file was checked, "
            "so nothing was imported. Check the file again."
        )
    if batch.unsure:
        raise ComplaintDeskError(
            "Customers were added to the log after the file was checked, so nothing was "
            "imported. Check the file again."
        )
    if any(_already_in_log(rows, batch.persons)):
        raise ComplaintDeskError(
            "Some of these complaints were added to the log after the file was checked, so "
            "nothing was imported. Check the file again."
        )


class ImportCancelled(ComplaintDeskError):
    """The owner stopped the import: nothing was written."""

    def __init__(self) -> None:
        super().__init__("The import was cancelled: nothing was imported.")


def import_log(
    plan: ImportPlan,
    *,
    author: str,
    now: dt.datetime | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportResult:
    """Write every row of ``plan`` in one transaction: all of them, or none.

    Refuses a plan with problems. Checks again what may have changed since the
    file was read (a reference taken or the same complaint added in the
    meantime stops the import). Open complaints get the deadlines of
    :func:`models.deadline_policy.deadlines`, as logged ones do, those already past
    due the next working day after the import.

    ``progress(written, total)`` is told how many complaints are written, a
    batch at a time. When ``cancelled()`` says so, the import stops and
    :class:`ImportCancelled` is raised: the transaction is rolled back, so
    nothing at all is imported.
    """
    if plan.problems:
        raise ComplaintDeskError(
            f"{plan.source} has {display.count(len(plan.problems), 'problem')}, so nothing was "
            "imported: correct the file and check it again."
        )
    if not plan.rows:
        if plan.skipped:
            raise ComplaintDeskError(
                f"Every complaint in {plan.source} is already in the log: nothing to import."
            )
        raise ComplaintDeskError(f"There are no complaints in {plan.source} to import.")
    now = (now or dt.datetime.now()).replace(microsecond=0)
    # As the staff list names them: the open deadlines they take on are theirs,
    # under the one name the morning list knows them by.
    author = people.staff_name(author)
    rows = _in_order(plan.rows)

    def step(written: int) -> None:
        if cancelled is not None and cancelled():
            raise ImportCancelled()
        if progress is not None:
            progress(written, len(rows))

    with writing():
        step(0)
        batch = match_batch([row.customer for row in rows])
        _refuse_what_changed(rows, batch)
        categories, new_categories = _pick_names(CATEGORIES, (r.category for r in plan.rows))
        causes, new_causes = _pick_names(ROOT_CAUSES, (r.root_cause for r in plan.rows))
        _add_picks(CATEGORIES, new_categories, categories)
        _add_picks(ROOT_CAUSES, new_causes, causes)
        write_customers(batch.created, now)
        older = fill_in_customers(list(batch.filled.values()))
        step(0)
        writer = ImportWriter(plan.source, author, now, categories, causes)
        complaints = [
            writer.complaint(row, person) for row, person in zip(rows, batch.persons, strict=True)
        ]
        ids = write_complaints(complaints, now=now, reindex=older, progress=step)
        if cancelled is not None and cancelled():
            raise ImportCancelled()
    return ImportResult(
        complaints=len(ids),
        new_customers=len(batch.created),
        matched_customers=len(batch.matched),
        new_categories=tuple(new_categories),
        new_root_causes=tuple(new_causes),
        complaint_ids=tuple(ids),
        skipped=len(plan.skipped),
        left_out=plan.left_out_words(),
    )
