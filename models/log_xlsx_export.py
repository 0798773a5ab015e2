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


def _text(value: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if len(value) > MAX_CELL:
        value = value[: MAX_CELL - len(CUT)] + CUT
    return value


def _cell(sheet: object, value: object) -> object:
    from openpyxl.cell import WriteOnlyCell

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
    bold = Font(bold=True)
    heading = []
    for column in COLUMNS:
        cell = _cell(sheet, column)
        cell.font = bold  # type: ignore[attr-defined]
        heading.append(cell)
    sheet.append(heading)
    count = 0
    for values in log_values(query):
        sheet.append([_cell(sheet, value) for value in values])
        count += 1
    book.save(out)
    return count
