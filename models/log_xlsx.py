"""Reading the owner's Excel workbook (.xlsx), or LibreOffice spreadsheet (.ods):
one sheet's cells as text, each row numbered as the spreadsheet numbers it.

The workbook is opened read-only with the values Excel saved (a formula cell
gives the result Excel last worked out; nothing is ever calculated here). A
date cell becomes ``2026-03-14`` (or ``2026-03-14 10:30``), a number its
digits (``12.5``, ``7700900123``), or as its number format writes it where that
gives leading zeros (``07700 900123``), a tick box ``Yes`` or ``No``. A merged
cell's value belongs to the first column of the range, on every row it spans
(a date merged over three rows dates all three). Before anything is unpacked
the file is checked: a damaged file, a file locked with a password, an old
.xls, another kind of document renamed .xlsx, and an archive that would unpack
to far more than any spreadsheet (a "zip bomb") each get one sentence saying
so, and nothing is read.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from models.errors import ComplaintDeskError
from models.text import file_size

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# What the parts of a workbook may unpack to, all together; and how much more
# than its packed size one big part may unpack to (real sheets pack 5 to 30 times).
MAX_UNPACKED = 1_000_000_000
MAX_RATIO = 150
_BIG_PART = 20_000_000
# Rows of one sheet read at most: far more than a shop's complaints log holds.
MAX_ROWS = 250_000


@dataclass
class Sheet:
    """One sheet's rows as text, from row 1, with the sheets the workbook has."""

    name: str
    sheets: list[str]
    # (Excel's row number, the row's cells as text); blank rows are left out.
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    # The most rows read, when the sheet has more (0 when it was read whole).
    cut_at: int = 0
    # Cells holding a formula Excel saved no result for (A1-style): read as empty.
    unsaved: list[str] = field(default_factory=list)
    # Ranges merged across columns, by row: (first, last) column positions from 0.
    merged_across: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    # Whole numbers of 6 digits or more saved as plain numbers (no format giving them
    # leading zeros), by column position from 0: the rows holding one. A phone
    # number typed into such a cell has lost its leading 0.
    numbers: dict[int, list[int]] = field(default_factory=dict)


def looks_like_workbook(data: bytes) -> bool:
    """True for a zip archive or an Office file locked with a password (or an .xls)."""
    return data.startswith((ZIP_MAGIC, OLE_MAGIC))


def _refuse(name: str, why: str) -> ComplaintDeskError:
    return ComplaintDeskError(f"{name} {why}; nothing was imported.")


# What a file's name says it is, by its ending: (in a sentence, as the Save As list
# of Excel or LibreOffice names it).
_NAMED = {
    ".xlsx": ("an Excel workbook", "Excel Workbook (.xlsx)"),
    ".xlsm": ("an Excel workbook", "Excel Workbook (.xlsx)"),
    ".ods": ("a LibreOffice spreadsheet", "ODF Spreadsheet (.ods)"),
}
# Files people have at hand that are often chosen by mistake, by their first bytes.
_OTHER_KINDS = (
    (b"\x89PNG", "a PNG picture"),
    (b"\xff\xd8\xff", "a JPEG photo"),
    (b"GIF8", "a GIF picture"),
    (b"%PDF-", "a PDF document"),
    (b"{\\rtf", "a Word (RTF) document"),
)


def _named(name: str) -> tuple[str, str]:
    """What the file named ``name`` is taken to be, and how to save one."""
    ending = name[name.rfind(".") :].lower() if "." in name else ""
    return _NAMED.get(ending, _NAMED[".xlsx"])


def named_as_spreadsheet(name: str) -> bool:
    """True when the file's name ends as a workbook's or spreadsheet's does (.xlsx, .ods)."""
    return "." in name and name[name.rfind(".") :].lower() in _NAMED


def not_a_spreadsheet(data: bytes, name: str) -> ComplaintDeskError:
    """The one sentence for a file named as a workbook (.xlsx) or spreadsheet (.ods)
    that is not one (:func:`looks_like_workbook` said no): empty, text such as a CSV
    file renamed, a picture, or anything else. Such a file is never read as a CSV
    file: a renamed file read as one column of text imports nothing the owner meant."""
    kind, save_as = _named(name)
    save = f"save the log from Excel or LibreOffice as {save_as}"
    head = data[:4096]
    if not data.strip():
        return _refuse(name, f"is empty, not {kind}: {save} and choose that file")
    for start, other in _OTHER_KINDS:
        if head.startswith(start):
            return _refuse(name, f"is {other}, not {kind}: {save} and choose that file")
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith((b"<!doctype html", b"<html")):
        return _refuse(
            name,
            f"is a web page, not {kind}: open it in Excel or LibreOffice and save it as {save_as}",
        )
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" not in head:
        return _refuse(
            name,
            f"is a text file, not {kind}: if it is a CSV file, rename it to end in .csv and "
            f"choose it again, or {save}",
        )
    return _refuse(name, f"is not {kind}, nor a CSV file: {save} and choose that file")


def _check_office_file(data: bytes, name: str) -> None:
    """Refuse a password-protected workbook or an Excel 97-2003 file."""
    if "EncryptionInfo".encode("utf-16-le") in data:
        raise _refuse(
            name,
            "is locked with a password. Open it in Excel or LibreOffice, remove the "
            "password (File > Info > Protect Workbook, or File > Properties > Security) "
            "and save it as .xlsx",
        )
    raise _refuse(
        name,
        "is an old Excel 97-2003 file (.xls) or another Office document. Open it in Excel "
        "or LibreOffice and save it as Excel Workbook (.xlsx) or CSV",
    )


def _is_ods(archive: zipfile.ZipFile, names: set[str]) -> bool:
    """True for a LibreOffice (OpenDocument) spreadsheet."""
    return (
        "mimetype" in names
        and b"opendocument.spreadsheet" in archive.read("mimetype")[:100]
        and "content.xml" in names
    )


def _foreign(archive: zipfile.ZipFile, names: set[str], name: str) -> str:
    """What a zip archive that is not a spreadsheet is, in words."""
    if "mimetype" in names and b"opendocument" in archive.read("mimetype")[:100]:
        return "is a LibreOffice document, not a spreadsheet"
    if any(n.startswith("word/") for n in names):
        return "is a Word document, not a spreadsheet"
    if any(n.startswith("ppt/") for n in names):
        return "is a PowerPoint presentation, not a spreadsheet"
    return (
        f"is a zip archive, not {_named(name)[0]}: if the log is in it, unpack it and choose "
        f"the log itself, or save the log from Excel or LibreOffice as {_named(name)[1]}"
    )


def _open_archive(data: bytes, name: str) -> zipfile.ZipFile:
    """The workbook's archive, checked to be a workbook that unpacks to a sane size."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _refuse(name, "is damaged: it could not be opened as a spreadsheet") from None
    names = {part.filename for part in parts}
    is_xlsx = "xl/workbook.xml" in names or any(n.startswith("xl/") for n in names)
    if not is_xlsx and not _is_ods(archive, names):
        raise _refuse(name, _foreign(archive, names, name))
    unpacked = sum(part.file_size for part in parts)
    swollen = any(
        part.file_size > _BIG_PART and part.file_size > MAX_RATIO * max(part.compress_size, 1)
        for part in parts
    )
    if unpacked > MAX_UNPACKED or swollen:
        raise _refuse(
            name,
            f"would unpack to {file_size(unpacked)}, far more than a spreadsheet of "
            "complaints holds: it is damaged or was made to harm",
        )
    return archive


def cell_text(value: object) -> str:
    """A cell's saved value as text the import reads."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.10g}"
    return str(value)


# A merged range as the sheet's XML lists it: <mergeCell ref="A6:A8"/>.
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Z]+)(\d+):([A-Z]+)(\d+)\"")
# A cell's formula, <f>SUM(A1:A3)</f> (not <formula>, which conditional formats use).
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL_START = re.compile(rb"<(?:\w+:)?c\s[^>]*?\br=\"([A-Z]+\d+)\"")
_CELL_END = re.compile(rb"</(?:\w+:)?c>")
# A saved result, empty or not: <v>12</v>, <v></v>; not <v/> (openpyxl writes that).
_SAVED_VALUE = re.compile(rb"<(?:\w+:)?v>")


# Merges across columns are kept for the rows where headings may be.
_MERGES_KEPT_TO_ROW = 200
# The least a whole number stored as a number is that may be a phone number.
_PHONE_LIKE = 100_000


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


@dataclass
class _Marks:
    """What a sheet's XML says that openpyxl's row-by-row reading does not."""

    # (first column, first row, last row) of each range merged over several rows.
    merged: list[tuple[int, int, int]] = field(default_factory=list)
    # Ranges merged across columns near the top, by row: (first, last) positions from 0.
    across: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    # Cells holding a formula without the result Excel saves with it (A1-style).
    unsaved: list[str] = field(default_factory=list)


def _formulas_without_result(text: bytes, marks: _Marks) -> None:
    for found in _FORMULA.finditer(text):
        starts = list(_CELL_START.finditer(text, max(0, found.start() - 400), found.start()))
        end = _CELL_END.search(text, found.end())
        if not starts or end is None:
            continue
        start = starts[-1]
        if not _SAVED_VALUE.search(text, found.end(), end.start()):
            marks.unsaved.append(start.group(1).decode("ascii"))


def _scan_sheet(archive: zipfile.ZipFile, part: str) -> _Marks:
    """Merged ranges and formulas without a saved result, read from the sheet's XML
    a piece at a time (openpyxl reports neither when it reads a sheet row by row)."""
    marks = _Marks()
    carried = b""
    with archive.open(part) as stream:
        while True:
            piece = stream.read(1 << 20)
            text = carried + piece
            # Read up to the end of the last whole row (or tag); the rest goes with the
            # next piece, so a cell is never cut in two.
            row_end = text.rfind(b"</row>")
            cut = len(text) if not piece else row_end + 6 if row_end >= 0 else text.rfind(b">") + 1
            done, carried = text[:cut], text[cut:]
            for match in _MERGE.finditer(done):
                first, last = int(match.group(2)), int(match.group(4))
                left = _column_number(match.group(1))
                if last > first:
                    marks.merged.append((left, first, last))
                right = _column_number(match.group(3))
                if right > left and first <= _MERGES_KEPT_TO_ROW:
                    marks.across.setdefault(first, []).append((left - 1, right - 1))
            if b"<f" in done or b":f" in done:
                _formulas_without_result(done, marks)
            if not piece:
                return marks


def _fill_merged(rows: list[tuple[int, list[str]]], ranges: list[tuple[int, int, int]]) -> None:
    """Give each row a merged range spans the range's value, in its first column."""
    at = {number: values for number, values in rows}
    for column, first, last in ranges:
        top = at.get(first)
        if top is None or len(top) < column or not top[column - 1]:
            continue
        for number in range(first + 1, last + 1):
            values = at.get(number)
            if values is None:
                continue
            values.extend([""] * (column - len(values)))
            if not values[column - 1]:
                values[column - 1] = top[column - 1]


# A number format that writes whole numbers with leading zeros: ``00000000000``,
# ``00000 000000``, ``0###-###-####``: digit places (0 or #) from the first, and
# spaces, dashes, brackets or quoted text between them (no decimal point).
_ZERO_PADDED = re.compile(r'^0(?:[0#]|[ \-()/+]|\\.|"[^"]*")*$')


def with_number_format(value: int, number_format: str) -> str | None:
    """A whole number as its cell's format writes it, where the format gives it
    leading zeros (a phone typed into a cell formatted ``00000 000000`` is saved as
    7700900123 and shown as 07700 900123); None for any other format."""
    if value < 0 or not _ZERO_PADDED.match(number_format):
        return None
    places = number_format.count("0") + number_format.count("#")
    digits = str(value)
    if len(digits) > places:
        return None
    digits = digits.rjust(places, "\0")
    out: list[str] = []
    parts = re.findall(r'[0#]|\\.|"[^"]*"|.', number_format)
    at = 0
    for part in parts:
        if part in ("0", "#"):
            digit = digits[at]
            at += 1
            out.append("0" if digit == "\0" and part == "0" else "" if digit == "\0" else digit)
        else:
            out.append(part[1:] if part.startswith("\\") else part.strip('"'))
    return "".join(out).strip()


def _row_text(
    number: int, cells: Iterable[tuple[object, str]], numbers: dict[int, list[int]]
) -> list[str]:
    """Row ``number``'s cells, each given as (its saved value, its number format),
    as text, without the empty cells at its end. The whole numbers saved as plain
    numbers that may be phone numbers are noted in ``numbers`` (by column, their rows)."""
    texts: list[str] = []
    for position, (value, number_format) in enumerate(cells):
        if value is None:
            texts.append("")
        elif type(value) is str:
            texts.append(value)
        elif (type(value) is int or type(value) is float) and float(value).is_integer():
            whole = int(value)
            shown = with_number_format(whole, number_format) if number_format else None
            if shown is None and whole >= _PHONE_LIKE:
                numbers.setdefault(position, []).append(number)
            texts.append(shown if shown is not None else cell_text(value))
        else:
            texts.append(cell_text(value))
    while texts and not texts[-1].strip():
        texts.pop()
    return texts


def _rows(worksheet: object, numbers: dict[int, list[int]]) -> Iterator[tuple[int, list[str]]]:
    """Each row with something in it, as text (see :func:`_row_text`)."""
    for number, values in enumerate(
        worksheet.iter_rows(min_row=1, min_col=1),  # type: ignore[attr-defined]
        start=1,
    ):
        cells = _row_text(
            number, ((cell.value, cell.number_format or "") for cell in values), numbers
        )
        if cells:
            yield number, cells


def _read_ods(data: bytes, name: str, sheet: str | None) -> Sheet:
    """The rows of a LibreOffice spreadsheet's sheet, read with calamine (its saved
    values, as for a workbook): numbered from 1 as LibreOffice numbers them."""
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = list(book.sheet_names)
    except Exception:  # calamine raises its own kinds on a broken file; all mean the same
        raise _refuse(name, "is damaged: it could not be opened as a spreadsheet") from None
    if not sheets:
        raise _refuse(name, "has no sheet of cells")
    if sheet is not None and sheet not in sheets:
        raise _refuse(name, f"has no sheet called “{sheet}”")
    chosen = sheet if sheet is not None else sheets[0]
    found = Sheet(name=chosen, sheets=sheets)
    try:
        cells_of = book.get_sheet_by_name(chosen)
        for number, values in enumerate(cells_of.iter_rows(), start=1):
            if len(found.rows) >= MAX_ROWS:
                found.cut_at = MAX_ROWS
                break
            cells = _row_text(number, ((value, "") for value in values), found.numbers)
            if cells:
                found.rows.append((number, cells))
    except ComplaintDeskError:
        raise
    except Exception:
        raise _refuse(name, f"is damaged: the sheet “{chosen}” could not be read") from None
    return found


def read_sheet(data: bytes, name: str, sheet: str | None = None) -> Sheet:
    """The rows of ``sheet`` (the first when None) of the workbook (.xlsx) or
    LibreOffice spreadsheet (.ods) in ``data``.

    Raises :class:`ComplaintDeskError` with one sentence when the workbook
    cannot be read, nothing read."""
    from openpyxl import load_workbook

    if data.startswith(OLE_MAGIC):
        _check_office_file(data, name)
    archive = _open_archive(data, name)
    if _is_ods(archive, {info.filename for info in archive.infolist()}):
        archive.close()
        return _read_ods(data, name, sheet)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a broken file; all mean the same
        raise _refuse(name, "is damaged: it could not be opened as an Excel workbook") from None
    try:
        sheets = [ws.title for ws in book.worksheets]
        if not sheets:
            raise _refuse(name, "has no sheet of cells")
        if sheet is not None and sheet not in sheets:
            raise _refuse(name, f"has no sheet called “{sheet}”")
        worksheet = book[sheet if sheet is not None else sheets[0]]
        found = Sheet(name=worksheet.title, sheets=sheets)
        try:
            worksheet.reset_dimensions()  # some programs save a wrong size; read every cell
            for number, cells in _rows(worksheet, found.numbers):
                if len(found.rows) >= MAX_ROWS:
                    found.cut_at = MAX_ROWS
                    break
                found.rows.append((number, cells))
            part = getattr(worksheet, "_worksheet_path", None)  # where the sheet's XML is
            if isinstance(part, str):
                marks = _scan_sheet(archive, part)
                _fill_merged(found.rows, marks.merged)
                found.unsaved = marks.unsaved
                found.merged_across = marks.across
        except ComplaintDeskError:
            raise
        except Exception:
            raise _refuse(
                name, f"is damaged: the sheet “{worksheet.title}” could not be read"
            ) from None
        return found
    finally:
        book.close()
        archive.close()
