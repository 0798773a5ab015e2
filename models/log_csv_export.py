"""The complaints log written as a CSV file a spreadsheet opens as it is.

UTF-8 with a byte-order mark (without one, Excel and LibreOffice read the file
in the computer's old code page and show "GarcÃ­a" for García), ``\\n`` line
ends, one row per complaint, oldest first, under :data:`COLUMNS`. Values are
the labels a person reads; a complaint's notes share one cell (see
:func:`models.log_csv_columns.format_notes`); a text a spreadsheet would run as
a formula gets a leading apostrophe.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from models import display, redress, search, timeline
from models.choices import CHANNELS, CLOSED, FAULTS, OPEN, STAGES, STATUSES, label_of
from models.db import chunked, database
from models.errors import ComplaintDeskError
from models.log_csv_columns import (
    COLUMNS,
    CellFollowUp,
    CellNote,
    format_amount,
    format_follow_up,
    format_notes,
    redress_cells,
)
from models.tables import FollowUp
from models.text import spreadsheet_row

if TYPE_CHECKING:
    from models.complaint_list import ListQuery

BOM = "\ufeff"

_EXPORT_SQL = """SELECT c.id, c.reference, c.received_at, c.status, c.channel,
        COALESCE(cat.name, ''), cu.name, cu.phone, cu.email, cu.address, c.product, c.account,
        c.remedy_sought, c.stage, c.fault, c.agreed_solution, COALESCE(rc.name, ''), c.lesson,
        c.closed_at, c.received_date_only, c.closed_date_unknown, c.handler, c.fault_basis
    FROM complaint c
    JOIN customer cu ON cu.id = c.customer_id
    LEFT JOIN category cat ON cat.id = c.category_id
    LEFT JOIN root_cause rc ON rc.id = c.root_cause_id
    {where}
    ORDER BY c.received_at, c.id"""
# Complaints read at a time, with their notes in one query.
_BATCH = 500


def _when(value: object) -> dt.datetime | None:
    if value is None or value == "":
        return None
    when = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return when.replace(second=0, microsecond=0)


def _day_or_moment(value: object, date_only: bool) -> dt.datetime | dt.date | None:
    """The moment read, or its day alone when only the day is known."""
    when = _when(value)
    return when.date() if when is not None and date_only else when


def _minute(value: object) -> str:
    """A moment as :func:`models.display.sortable_moment` writes it; a day known
    alone as ``2026-01-20``, so the import reads it back as a date with no time."""
    if isinstance(value, dt.datetime):
        return display.sortable_moment(value)
    return value.isoformat() if isinstance(value, dt.date) else ""


def _notes_of(ids: list[int]) -> dict[int, list[CellNote]]:
    notes: dict[int, list[CellNote]] = {}
    for some in chunked(ids):
        marks = ",".join("?" * len(some))
        kinds = ",".join("?" * len(timeline.NOTE_KINDS))
        rows = database.execute_sql(
            f"""SELECT complaint_id, at, author, kind, text, redacted FROM event
                WHERE complaint_id IN ({marks}) AND kind IN ({kinds})
                ORDER BY complaint_id, at, id""",
            [*some, *timeline.NOTE_KINDS],
        )
        for complaint_id, at, author, kind, text, redacted in rows:
            when = at if isinstance(at, dt.datetime) else dt.datetime.fromisoformat(str(at))
            shown = timeline.REDACTED_TEXT if redacted else text
            notes.setdefault(complaint_id, []).append(CellNote(when, author, kind, shown))
    return notes


def _close_reasons(ids: list[int]) -> dict[int, str]:
    """Why each complaint was last closed, as its timeline says ("Closed. She is
    happy with the new heel." → "She is happy with the new heel.")."""
    reasons: dict[int, str] = {}
    for some in chunked(ids):
        marks = ",".join("?" * len(some))
        rows = database.execute_sql(
            f"""SELECT complaint_id, text, redacted FROM event
                WHERE complaint_id IN ({marks}) AND kind = ? ORDER BY complaint_id, at, id""",
            [*some, timeline.STATUS_CHANGED],
        )
        for complaint_id, text, redacted in rows:
            if str(text).startswith(timeline.CLOSED_TEXT):
                reason = str(text)[len(timeline.CLOSED_TEXT) :].strip()
                reasons[complaint_id] = timeline.REDACTED_TEXT if redacted and reason else reason
    return reasons


def _follow_ups_of(ids: list[int]) -> dict[int, str]:
    """Each complaint's follow-ups, one a line (see :func:`format_follow_up`)."""
    lines: dict[int, list[str]] = {}
    for some in chunked(ids):
        rows = (
            FollowUp.select()
            .where(FollowUp.complaint.in_(some))
            .order_by(FollowUp.complaint, FollowUp.due_on, FollowUp.id)
        )
        for row in rows:
            done = _when(row.done_at)
            line = format_follow_up(
                CellFollowUp(
                    row.kind,
                    row.what,
                    row.owner,
                    row.due_on,
                    row.status,
                    row.outcome,
                    done.date() if done else None,
                    row.note,
                )
            )
            lines.setdefault(row.complaint_id, []).append(line)
    return {complaint_id: "\n".join(said) for complaint_id, said in lines.items()}


def _query_sql(query: ListQuery | None) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if query is not None:
        if query.status in (OPEN, CLOSED):
            clauses.append("c.status = ?")
            params.append(query.status)
        found = search.search_filter(query.text, first_page=False)
        if found is not None:
            clauses.append(found.sql)
            params.extend(found.params)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    return _EXPORT_SQL.format(where=where), params


def log_values(query: ListQuery | None = None) -> Iterator[tuple[object, ...]]:
    """The log's rows under :data:`COLUMNS`, oldest first, read as they are written:
    text as people read it, ``received`` and ``closed`` as datetimes (``closed``
    None while open or when the day it closed is not known; a date where only the
    day is known) and the redress value as a
    number or None."""
    sql, params = _query_sql(query)
    cursor = database.execute_sql(sql, params)
    while batch := cursor.fetchmany(_BATCH):
        ids = [row[0] for row in batch]
        notes = _notes_of(ids)
        given = redress.given_by_complaint(ids)
        reasons = _close_reasons(ids)
        follow_ups = _follow_ups_of(ids)
        for row in batch:
            date_only = bool(row[19])
            # Closed on a day nobody recorded: left empty, as the shop's old log had it.
            closed = _when(row[18]) if row[3] == CLOSED and not row[20] else None
            yield (
                row[1],
                _day_or_moment(row[2], date_only),
                label_of(STATUSES, row[3]),
                label_of(CHANNELS, row[4]),
                *row[5:13],
                label_of(STAGES, row[13]),
                label_of(FAULTS, row[14]),
                *row[15:18],
                *redress_cells(given.get(row[0], ())),
                _day_or_moment(closed, display.closed_date_only(date_only, closed)),
                format_notes(notes.get(row[0], [])),
                row[21],
                row[22],
                reasons.get(row[0], "") if row[3] == CLOSED else "",
                follow_ups.get(row[0], ""),
            )


_RECEIVED, _VALUE, _CLOSED = (COLUMNS.index(c) for c in ("received", "redress value", "closed"))


def export_rows(query: ListQuery | None = None) -> Iterator[tuple[str, ...]]:
    """The log's rows as :data:`COLUMNS` text values, oldest first."""
    for values in log_values(query):
        row = [str(value) if value is not None else "" for value in values]
        row[_RECEIVED] = _minute(values[_RECEIVED])
        row[_CLOSED] = _minute(values[_CLOSED])
        row[_VALUE] = format_amount(values[_VALUE])  # type: ignore[arg-type]
        yield tuple(row)


def headings() -> tuple[str, ...]:
    """:data:`COLUMNS` as the file's heading row, the amounts' column naming the shop's
    currency: ``redress value (GBP)`` (the import reads it either way)."""
    return tuple(
        display.money_heading(column) if column == "redress value" else column for column in COLUMNS
    )


def export_log(out: TextIO, *, query: ListQuery | None = None) -> int:
    """Write the log (or the complaints ``query`` matches) to ``out`` as CSV, starting
    with the byte-order mark; return the count.

    Open ``out`` with ``newline=""`` and UTF-8 so values with line breaks survive.
    """
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headings())
    count = 0
    for row in export_rows(query):
        if any("\r" in value for value in row):
            row = tuple(v.replace("\r\n", "\n").replace("\r", "\n") for v in row)
        writer.writerow(spreadsheet_row(row))
        count += 1
    return count


def is_workbook_name(path: Path) -> bool:
    """True when ``path`` names an Excel workbook (.xlsx) rather than a CSV file."""
    return path.suffix.lower() == ".xlsx"


def export_to_file(path: Path, *, query: ListQuery | None = None) -> int:
    """Write the export to ``path``: an Excel workbook when its name ends in .xlsx
    (see :mod:`models.log_xlsx_export`), else CSV; return how many complaints it holds.

    Written beside the target and renamed at the end, so a failed export leaves
    any earlier file as it was. Raises :class:`ComplaintDeskError` with one
    sentence when the file cannot be written.
    """
    if path.is_dir():
        raise ComplaintDeskError(
            f"{path} is a folder: give the name of the file to write (.csv or .xlsx)."
        )
    partial = path.with_name(f".{path.name}.partial")
    try:
        if is_workbook_name(path):
            from models.log_xlsx_export import write_workbook

            with partial.open("wb") as binary:
                count = write_workbook(binary, query=query)
        else:
            with partial.open("w", encoding="utf-8", newline="") as out:
                count = export_log(out, query=query)
        os.replace(partial, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise ComplaintDeskError(f"Could not write {path}: {exc.strerror or exc}.") from None
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    return count
