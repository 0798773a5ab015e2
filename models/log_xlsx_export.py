"""The complaints log written as an Excel workbook (.xlsx).

One sheet, "Complaints", with the columns and values of the CSV export
(:mod:`models.log_csv_export`): the heading row bold and kept in view as the
rows scroll (frozen), ``received`` and ``closed`` as real dates Excel can sort
and count (shown ``2026-03-14 10:30``), the redress value as a number shown
with the shop's currency (``£12.50``, under ``redress value (GBP)``), and every
text as text. A text that starts with = + - or @ is
stored as text and marked so (Excel's leading apostrophe), so Excel never runs
it as a formula, even after the cell is edited. A cell holds at most 32,767
characters in Excel: a longer text (a complaint with very many notes) is cut
there and says so at its end; the CSV export keeps it whole.

The workbook is written row by row straight to its parts
(:mod:`models.xlsx_writer`), each cell taking one of four looks made once for
the workbook, so a log of 100,000 complaints is written in seconds and never
has to fit in memory.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, BinaryIO

from models import display, xlsx_writer
from models.log_csv_columns import COLUMNS
from models.log_csv_export import headings, log_values
from models.xlsx_writer import SheetWriter, Style

if TYPE_CHECKING:
    from models.complaint_list import ListQuery

SHEET = "Complaints"
MAX_CELL = xlsx_writer.MAX_CELL
CUT = " … [cut here: Excel holds at most 32,767 characters in a cell; export as CSV to keep it all]"
# Dates as a person reads them, the same in every country ("6 Dec 2026 14:05"):
# real dates underneath, which sort, filter and read back as dates.
DATE_SHOWN = "d mmm yyyy hh:mm"
DAY_SHOWN = "d mmm yyyy"
AMOUNT_SHOWN = "0.00"
# Column widths, in characters, where the default is too narrow.
_WIDTHS = {
    "reference": 13,
    "received": 17,
    "customer name": 22,
    "email": 24,
    "account": 40,
    "agreed solution": 30,
    "closed": 17,
    "notes": 40,
}
# The looks a cell may have, by their place in the workbook's list (from 1).
_HEADING, _DATE, _AMOUNT, _KEPT_TEXT, _DAY = 1, 2, 3, 4, 5
# The look of each column's cells: dates shown as dates, the amount with the currency.
_LOOKS = {"received": _DATE, "closed": _DATE, "redress value": _AMOUNT}


def amount_shown() -> str:
    """Excel's number format for an amount: ``"£"0.00``, ``0.00" kr"``; ``0.00``
    where no currency is known. The cell stays a number a sum can add."""
    before, after = (f'"{mark}"' if mark else "" for mark in display.money_marks())
    return f"{before}{AMOUNT_SHOWN}{after}"


def write_workbook(out: BinaryIO, *, query: ListQuery | None = None) -> int:
    """Write the log (or the complaints ``query`` matches) to ``out`` as an .xlsx
    workbook; return how many complaints it holds."""
    styles = (
        Style(bold=True),
        Style(number_format=DATE_SHOWN),
        Style(number_format=amount_shown()),
        Style(text_kept=True),
        Style(number_format=DAY_SHOWN),
    )
    widths = [_WIDTHS.get(column, max(12, len(column) + 2)) for column in COLUMNS]
    looks = [_LOOKS.get(column, 0) for column in COLUMNS]
    count = 0
    with SheetWriter(
        out, sheet=SHEET, styles=styles, widths=widths, kept_text=_KEPT_TEXT, cut_note=CUT
    ) as sheet:
        # Headings as a person writes them ("Customer name"); the import reads either.
        shown = [heading[:1].upper() + heading[1:] for heading in headings()]
        sheet.append(shown, [_HEADING] * len(COLUMNS))
        for values in log_values(query):
            # A day known alone shows as a date with no time, and reads back as one.
            day_only = [
                _DAY if look == _DATE and type(value) is dt.date else look
                for value, look in zip(values, looks, strict=True)
            ]
            sheet.append(values, day_only)
            count += 1
    return count
