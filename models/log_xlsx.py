"""Reading the owner's Excel workbook (.xlsx), or LibreOffice spreadsheet (.ods):
one sheet's cells as text, each row numbered as the spreadsheet numbers it.

Both are read with calamine (python-calamine), which gives the values the
spreadsheet saved (a formula cell gives the result Excel last worked out;
nothing is ever calculated here). A date cell becomes ``2026-03-14`` (or
``2026-03-14 10:30``), a number its digits (``12.5``, ``7700900123``), or as its
number format writes it where that gives leading zeros (``07700 900123``), a
tick box ``Yes`` or ``No``, a cell showing an error the error (``#N/A``). A
merged cell's value belongs to the first column of the range, on every row it
spans (a date merged over three rows dates all three). What calamine does not
give (merged ranges, formulas without a saved result, number formats, errors)
is read from the sheet's XML a piece at a time.

Before anything is unpacked the file is checked: a damaged file, a file locked
with a password, an old .xls, another kind of document renamed .xlsx, and an
archive that would unpack to far more than any spreadsheet (a "zip bomb") each
get one sentence saying so, and nothing is read. Calamine holds a sheet as a
grid from A1 to its farthest cell, so a sheet whose cells reach far beyond any
log (a stray value in cell XFD1048576) is refused before its values are read.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from xml.parsers import expat

from models.errors import ComplaintDeskError
from models.ods_extent import sheet_reach
from models.text import file_size
from models.xlsx_writer import column_letter

if TYPE_CHECKING:
    from python_calamine import CalamineWorkbook

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# What the parts of a workbook may unpack to, all together; and how much more
# than its packed size one big part may unpack to (real sheets pack 5 to 30 times).
MAX_UNPACKED = 1_000_000_000
MAX_RATIO = 150
_BIG_PART = 20_000_000
# Rows of one sheet read at most: far more than a shop's complaints log holds.
MAX_ROWS = 250_000
# The most cells a sheet may span, from A1 to its farthest row and column (about
# 1 GB while it is read): columns A to Z down to Excel's last row, or a log of
# 250,000 rows and 120 columns.
MAX_CELLS = 30_000_000
# The same for a LibreOffice spreadsheet, whose rows and cells may each be repeated
# thousands of times by a few bytes (about 600 MB while it is read).
MAX_ODS_CELLS = 6_000_000


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
        return value.isoformat(" ", "seconds" if value.second else "minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.isoformat("minutes")
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
    """What a sheet's XML says that calamine's reading of its values does not."""

    # (first column, first row, last row) of each range merged over several rows.
    merged: list[tuple[int, int, int]] = field(default_factory=list)
    # Ranges merged across columns near the top, by row: (first, last) positions from 0.
    across: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    # Cells holding a formula without the result Excel saves with it (A1-style).
    unsaved: list[str] = field(default_factory=list)
    # The number format of each cell whose format writes leading zeros, by row
    # and column position from 0.
    formats: dict[int, dict[int, str]] = field(default_factory=dict)
    # The error each cell showing one holds (``#N/A``), by row and column position.
    errors: dict[int, dict[int, str]] = field(default_factory=dict)
    # The farthest row and column a cell or row names, when past row 99,999 or
    # column Z (else 0); the rows the sheet's XML holds; and the most cells a row
    # holds that name no place of their own (else 0), each one column on.
    far_row: int = 0
    far_column: int = 0
    rows: int = 0
    unplaced: int = 0

    def reach(self) -> tuple[int, int]:
        """The farthest row and column a cell of the sheet may be in (at least row
        99,999 and column Z)."""
        rows = max(_NEAR_ROWS, self.far_row, self.rows)
        return rows, max(_NEAR_COLUMNS, self.far_column) + self.unplaced


def _formulas_without_result(text: bytes, marks: _Marks) -> None:
    for found in _FORMULA.finditer(text):
        starts = list(_CELL_START.finditer(text, max(0, found.start() - 400), found.start()))
        end = _CELL_END.search(text, found.end())
        if not starts or end is None:
            continue
        start = starts[-1]
        if not _SAVED_VALUE.search(text, found.end(), end.start()):
            marks.unsaved.append(start.group(1).decode("ascii"))


# Cells far down or far across (row 100,000 on, column AA on): the sheet's reach is
# worked out from these alone, as a log has fewer rows and columns.
_FAR_ROW = re.compile(rb'r="[A-Z]{0,3}(\d{6,})"')
_FAR_COLUMN = re.compile(rb'r="([A-Z]{2,})\d')
_NEAR_ROWS, _NEAR_COLUMNS = 99_999, 26
# A cell naming no place of its own (<c><v>1</v></c>): it goes in the next column.
_UNPLACED_CELL = re.compile(rb"<(?:\w+:)?c(?=[\s>/])(?![^>]*\br=)")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")
_ROW = re.compile(rb"<(?:\w+:)?row(?:\s[^>]*)?>(.*?)</(?:\w+:)?row>", re.DOTALL)


def _has_unplaced_cells(text: bytes) -> bool:
    """Whether a cell in ``text`` names no place of its own. Excel, LibreOffice and
    the app's export write each cell as <c r="A1" ...>, which is counted quickly."""
    if b":c" not in text:  # no cell with a namespace prefix (<x:c>)
        cells = sum(text.count(b"<c" + end) for end in (b" ", b">", b"/", b"\t", b"\n", b"\r"))
        if cells == text.count(b'<c r="'):
            return False
    return _UNPLACED_CELL.search(text) is not None


def _most_cells_in_a_row(text: bytes) -> int:
    return max((len(_CELL_TAG.findall(row.group(1))) for row in _ROW.finditer(text)), default=0)


def _last_row_end(text: bytes) -> int:
    """Where the last </row> (or </x:row>) in ``text`` ends; -1 when there is none."""
    at = len(text)
    while (at := text.rfind(b"row>", 0, at)) >= 0:
        opening = text.rfind(b"<", 0, at)
        if text.startswith(b"</", opening) and b">" not in text[opening:at]:
            return at + 4
    return -1


def _cells_styled(
    text: bytes, styles: re.Pattern[bytes], padded: dict[str, str], marks: _Marks
) -> None:
    """Note the number format of each cell in ``text`` styled as one of ``padded``."""
    for found in styles.finditer(text):
        ref = _CELL_REF.search(found.group(0))
        style = _CELL_STYLE.search(found.group(0))
        if ref is not None and style is not None:
            row = marks.formats.setdefault(int(ref.group(2)), {})
            row[_column_number(ref.group(1)) - 1] = padded[style.group(1).decode("ascii")]


# A cell showing an error (#N/A, #DIV/0!), which calamine reads as empty.
_ERROR_CELL = re.compile(
    rb'<(?:\w+:)?c\s[^>]*?\bt="e"[^>]*(?<!/)>(?:(?!</(?:\w+:)?c>).)*?<(?:\w+:)?v>([^<]*)<',
    re.DOTALL,
)
_CELL_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')
_CELL_STYLE = re.compile(rb'\bs="(\d+)"')


def _cells_with_errors(text: bytes, marks: _Marks) -> None:
    """Note the error each cell in ``text`` showing one holds, as Excel shows it."""
    for found in _ERROR_CELL.finditer(text):
        ref = _CELL_REF.search(found.group(0))
        if ref is not None:
            row = marks.errors.setdefault(int(ref.group(2)), {})
            row[_column_number(ref.group(1)) - 1] = found.group(1).decode("utf-8", "replace")


def _scan_sheet(archive: zipfile.ZipFile, part: str, padded: dict[str, str]) -> _Marks:
    """Merged ranges, formulas without a saved result, the cells styled with a
    number format of ``padded`` (style number: format) and how far the cells reach,
    read from the sheet's XML a piece at a time, before its values are read."""
    marks = _Marks()
    styles = (
        re.compile(
            rb'<(?:\w+:)?c\s[^>]*?\bs="(?:'
            + b"|".join(re.escape(key.encode("ascii")) for key in padded)
            + rb')"[^>]*>'
        )
        if padded
        else None
    )
    carried = b""
    with archive.open(part) as stream:
        while True:
            piece = stream.read(1 << 20)
            text = carried + piece
            # Read up to the end of the last whole row (or tag); the rest goes with the
            # next piece, so a cell is never cut in two.
            row_end = _last_row_end(text)
            cut = len(text) if not piece else row_end if row_end >= 0 else text.rfind(b">") + 1
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
            for far in _FAR_ROW.findall(done):
                marks.far_row = max(marks.far_row, int(far))
            for far in set(_FAR_COLUMN.findall(done)):
                marks.far_column = max(marks.far_column, _column_number(far))
            marks.rows += done.count(b"<row") + done.count(b":row")
            if _has_unplaced_cells(done):
                marks.unplaced = max(marks.unplaced, _most_cells_in_a_row(done))
            if styles is not None:
                _cells_styled(done, styles, padded, marks)
            if b't="e"' in done:
                _cells_with_errors(done, marks)
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
    number: int,
    values: Iterable[object],
    numbers: dict[int, list[int]],
    formats: dict[int, str] | None = None,
) -> list[str]:
    """Row ``number``'s saved values as text, without the empty cells at its end; a
    whole number as ``formats`` (by column position from 0) writes it where that
    gives leading zeros. The whole numbers saved as plain numbers that may be phone
    numbers are noted in ``numbers`` (by column, their rows)."""
    texts: list[str] = []
    for position, value in enumerate(values):
        if type(value) is str:
            texts.append(value)
        elif value is None:
            texts.append("")
        elif (type(value) is int or type(value) is float) and float(value).is_integer():
            whole = int(value)
            shown = with_number_format(whole, formats.get(position, "")) if formats else None
            if shown is None and whole >= _PHONE_LIKE:
                numbers.setdefault(position, []).append(number)
            texts.append(shown if shown is not None else cell_text(value))
        else:
            texts.append(cell_text(value))
    while texts and not texts[-1].strip():
        texts.pop()
    return texts


def _padded_styles(archive: zipfile.ZipFile) -> dict[str, str]:
    """The workbook's cell styles whose number format writes whole numbers with
    leading zeros (``00000 000000``), by style number as cells name them (``s="3"``)."""
    from xml.etree import ElementTree

    try:
        root = ElementTree.fromstring(archive.read("xl/styles.xml"))
    except (KeyError, ElementTree.ParseError):
        return {}
    codes = {
        element.get("numFmtId", ""): element.get("formatCode", "")
        for element in root.iter()
        if _local(element.tag) == "numFmt"
    }
    cell_styles = next((e for e in root if _local(e.tag) == "cellXfs"), None)
    if cell_styles is None:
        return {}
    padded = {}
    for number, style in enumerate(e for e in cell_styles if _local(e.tag) == "xf"):
        code = codes.get(style.get("numFmtId", "0"), "")
        if code and _ZERO_PADDED.match(code):
            padded[str(number)] = code
    return padded


def _local(tag: str) -> str:
    """An XML element's name without its namespace."""
    return tag.rpartition("}")[2]


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet's name and the part of the archive holding its XML."""
    from xml.etree import ElementTree

    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        links = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return {}
    targets = {link.get("Id"): link.get("Target", "") for link in links}
    parts = {}
    for sheet in book.iter():
        if _local(sheet.tag) != "sheet":
            continue
        link = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), None)
        target = targets.get(link, "")
        if target:
            path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            parts[sheet.get("name", "")] = posixpath.normpath(path)
    return parts


def _read_rows(
    book: CalamineWorkbook,
    name: str,
    chosen: str,
    found: Sheet,
    formats: dict[int, dict[int, str]],
    errors: dict[int, dict[int, str]],
) -> None:
    """The rows of the sheet ``chosen`` of a workbook or spreadsheet opened with
    calamine, as text, each numbered as the spreadsheet numbers it, into ``found``;
    ``formats`` are the number formats that write leading zeros, and ``errors`` the
    errors cells show, by row and column position."""
    try:
        cells = book.get_sheet_by_name(chosen)
        start = cells.start
        if start is None:  # no cell holds anything
            return
        # Calamine gives every row from row 1, but each from the first column holding
        # something anywhere in the sheet.
        before: list[object] = [""] * start[1]
        for number, values in enumerate(cells.iter_rows(), start=1):
            if len(found.rows) >= MAX_ROWS:
                found.cut_at = MAX_ROWS
                break
            row: Sequence[object] = [*before, *values] if before else values
            if number in errors:
                row = _with_errors(row, errors[number])
            texts = _row_text(number, row, found.numbers, formats.get(number))
            if texts:
                found.rows.append((number, texts))
    except ComplaintDeskError:
        raise
    except Exception:  # calamine raises its own kinds on a broken sheet; all mean the same
        raise _refuse(name, f"is damaged: the sheet “{chosen}” could not be read") from None


def _with_errors(values: Sequence[object], errors: dict[int, str]) -> list[object]:
    """A row's values with the errors its cells show (``#N/A``) in their places."""
    row = [*values, *[""] * (max(errors) + 1 - len(values))]
    for position, error in errors.items():
        row[position] = error
    return row


def _open_book(data: bytes, name: str, kind: str) -> tuple[CalamineWorkbook, list[str]]:
    """The workbook opened with calamine, and the names of its sheets of cells."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = [
            sheet.name for sheet in book.sheets_metadata if sheet.typ == SheetTypeEnum.WorkSheet
        ]
    except Exception:  # calamine raises its own kinds on a broken file; all mean the same
        raise _refuse(name, f"is damaged: it could not be opened as {kind}") from None
    return book, sheets


def _reach(rows: int, columns: int, most: int = MAX_CELLS) -> str | None:
    """Where a sheet reaches when it spans far more cells than any log fills (read
    whole, it would take more memory than the computer may have)."""
    if rows * columns <= most:
        return None
    far = [f"row {rows:,}"] if rows > _NEAR_ROWS else []
    far += [f"column {column_letter(columns - 1)}"] if columns > _NEAR_COLUMNS else []
    return " and ".join(far)


def _ods_reach(archive: zipfile.ZipFile, name: str) -> dict[str, tuple[int, int]]:
    """The last row and column of each sheet that hold something, in a spreadsheet."""
    try:
        return sheet_reach(archive)
    except (expat.ExpatError, ValueError, KeyError, OSError, zipfile.BadZipFile):
        raise _refuse(name, "is damaged: it could not be opened as a spreadsheet") from None


def _refuse_far_reach(name: str, sheet: str, reach: str | None) -> None:
    if reach is not None:
        raise _refuse(
            name,
            f"has cells in the sheet “{sheet}” as far as {reach}, far more than a "
            "complaints log fills: delete the rows and columns after the log, or copy the "
            "log into a new workbook, and save it again",
        )


def read_sheet(data: bytes, name: str, sheet: str | None = None) -> Sheet:
    """The rows of ``sheet`` (the first when None) of the workbook (.xlsx) or
    LibreOffice spreadsheet (.ods) in ``data``, read with calamine.

    Raises :class:`ComplaintDeskError` with one sentence when the workbook
    cannot be read, nothing read."""
    if data.startswith(OLE_MAGIC):
        _check_office_file(data, name)
    archive = _open_archive(data, name)
    try:
        ods = _is_ods(archive, {info.filename for info in archive.infolist()})
        if ods:  # calamine reads every sheet of a spreadsheet as it opens it
            for each, (rows, columns) in _ods_reach(archive, name).items():
                _refuse_far_reach(name, each, _reach(rows, columns, MAX_ODS_CELLS))
        book, sheets = _open_book(data, name, "a spreadsheet" if ods else "an Excel workbook")
        if not sheets:
            raise _refuse(name, "has no sheet of cells")
        if sheet is not None and sheet not in sheets:
            raise _refuse(name, f"has no sheet called “{sheet}”")
        chosen = sheet if sheet is not None else sheets[0]
        found = Sheet(name=chosen, sheets=sheets)
        if ods:
            _read_rows(book, name, chosen, found, {}, {})
            return found
        part = _sheet_parts(archive).get(chosen)
        if part is None or part not in archive.NameToInfo:
            raise _refuse(name, f"is damaged: the sheet “{chosen}” could not be read")
        marks = _scan_sheet(archive, part, _padded_styles(archive))
        _refuse_far_reach(name, chosen, _reach(*marks.reach()))
        _read_rows(book, name, chosen, found, marks.formats, marks.errors)
        _fill_merged(found.rows, marks.merged)
        found.unsaved = marks.unsaved
        found.merged_across = marks.across
        return found
    finally:
        archive.close()
