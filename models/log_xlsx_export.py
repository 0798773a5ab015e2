"""The complaints log written as an Excel workbook (.xlsx).

One sheet, "Complaints", with the columns and values of the CSV export
(:mod:`models.log_csv_export`): the heading row bold and kept in view as the
rows scroll (frozen), ``received`` and ``closed`` as real dates Excel can sort
and count (shown ``2026-03-14 10:30``), the redress value as a number (shown
``12.50``), and every text as text. A text that starts with = + - or @ is
stored as text and marked so (Excel's leading apostrophe), so Excel never runs
it as a formula, even after the cell is edited. A cell holds at most 32,767
characters in Excel: a longer text (a complaint with very many notes) is cut
there and says so at its end; the CSV export keeps it whole.

The workbook is written row by row (openpyxl's write-only mode), so a log of
100,000 complaints does not have to fit in memory twice.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, BinaryIO

from models.log_csv_columns import COLUMNS
from models.log_csv_export import log_values
from models.text import runs_as_formula

if TYPE_CHECKING:
    from models.complaint_list import ListQuery

SHEET = "Complaints"
MAX_CELL = 32_767
CUT = " … [cut here: Excel holds at most 32,767 characters in a cell; export as CSV to keep it all]"
DATE_SHOWN = "yyyy-mm-dd hh:mm"
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


# What a text may start with that needs the cell marked as text: a formula's first
# character (openpyxl itself takes "=" as a formula), or space, tab and return (Excel
# runs " =1" too).
_MARKED = frozenset("=+-@ \t\r")
# Characters an .xlsx cell cannot hold (as openpyxl's ILLEGAL_CHARACTERS_RE).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _text(value: str) -> str:
    value = _ILLEGAL.sub("", value)
    if len(value) > MAX_CELL:
        value = value[: MAX_CELL - len(CUT)] + CUT
    return value


def _cell(sheet: object, value: object) -> object:
    """What to append for ``value``: the value itself when Excel reads it rightly as it
    is (most text), else a cell that says how (a date, an amount, text like a formula)."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, str) and value and value[0] not in _MARKED:
        if len(value) <= MAX_CELL and not _ILLEGAL.search(value):
            return value
    if isinstance(value, dt.datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_SHOWN
        return cell
    if isinstance(value, int | float) and not isinstance(value, bool):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = AMOUNT_SHOWN
        return cell
    text = _text(str(value)) if value is not None else ""
    if not text:
        return None
    cell = WriteOnlyCell(sheet)
    cell.value = text
    cell.data_type = "s"  # text, even when it starts with =
    if runs_as_formula(text):
        cell.quotePrefix = True  # and it stays text when the cell is edited in Excel
    return cell


def write_workbook(out: BinaryIO, *, query: ListQuery | None = None) -> int:
    """Write the log (or the complaints ``query`` matches) to ``out`` as an .xlsx
    workbook; return how many complaints it holds."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET)
    sheet.freeze_panes = "A2"
    for position, column in enumerate(COLUMNS, start=1):
        width = _WIDTHS.get(column, max(12, len(column) + 2))
        sheet.column_dimensions[get_column_letter(position)].width = width
    from openpyxl.cell import WriteOnlyCell

    heading = []
    for column in COLUMNS:
        cell = WriteOnlyCell(sheet, value=column)
        cell.font = Font(bold=True)
        heading.append(cell)
    sheet.append(heading)
    count = 0
    for values in log_values(query):
        sheet.append([_cell(sheet, value) for value in values])
        count += 1
    book.save(out)
    return count
