"""A workbook of one sheet written straight to its .xlsx parts, row by row.

openpyxl builds an object for every cell it writes, even in its write-only
mode, and spends most of an export there (100,000 complaints took well over a
minute). A complaints log needs little of what it offers: text, numbers, dates,
a bold heading row kept in view, column widths, and a few number formats. This
writes exactly that as the Office Open XML standard lays it out (the parts
Excel, LibreOffice and openpyxl read), one row at a time: the rows wait in a
temporary file, not in memory, and only each different text is kept (stored
once, as Excel stores it, among the workbook's shared strings).

Text is stored as text, never as a formula: a value starting with = stays the
words it is. A cell's look is one of a handful of styles made once for the
workbook (:class:`Style`), never an object per cell.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, BinaryIO
from xml.sax.saxutils import escape, quoteattr

from models.text import runs_as_formula

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_EPOCH = dt.datetime(1899, 12, 30)
# Characters an .xlsx cell cannot hold (XML 1.0 forbids them).
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Excel's most characters in a cell.
MAX_CELL = 32_767
# Rows (and shared strings) written at a time.
_ROWS_AT_A_TIME = 500


@dataclass(frozen=True)
class Style:
    """How a cell looks: a number format (Excel's codes), bold, and whether Excel
    keeps the text as text when the cell is edited (its leading apostrophe)."""

    number_format: str = ""
    bold: bool = False
    text_kept: bool = False


def column_letter(position: int) -> str:
    """``A`` for the first column (0), ``AB`` for the 28th."""
    letters = ""
    number = position + 1
    while number:
        number, left = divmod(number - 1, 26)
        letters = chr(65 + left) + letters
    return letters


def excel_serial(when: dt.datetime | dt.date) -> float:
    """A date and time as the number Excel stores: days since 1899-12-30."""
    if not isinstance(when, dt.datetime):
        when = dt.datetime(when.year, when.month, when.day)
    return (when.replace(tzinfo=None) - _EPOCH).total_seconds() / 86_400


def _styles_xml(styles: Sequence[Style]) -> str:
    formats = sorted({s.number_format for s in styles if s.number_format})
    format_ids = {code: 164 + n for n, code in enumerate(formats)}
    num_fmts = "".join(
        f"<numFmt numFmtId={quoteattr(str(format_ids[code]))} formatCode={quoteattr(code)}/>"
        for code in formats
    )
    xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']
    for style in styles:
        number = format_ids.get(style.number_format, 0)
        xfs.append(
            f'<xf numFmtId="{number}" fontId="{1 if style.bold else 0}" fillId="0" '
            f'borderId="0" xfId="0"'
            + (' applyNumberFormat="1"' if number else "")
            + (' applyFont="1"' if style.bold else "")
            + (' quotePrefix="1"' if style.text_kept else "")
            + "/>"
        )
    return (
        f'{_HEAD}<styleSheet xmlns="{_MAIN}">'
        + (f'<numFmts count="{len(formats)}">{num_fmts}</numFmts>' if formats else "")
        + '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        f'<cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )


def _package_parts(sheet: str, styles: Sequence[Style]) -> dict[str, str]:
    sheet_type = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    return {
        "[Content_Types].xml": (
            f'{_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{sheet_type}.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            f'ContentType="{sheet_type}.worksheet+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{sheet_type}.styles+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" '
            f'ContentType="{sheet_type}.sharedStrings+xml"/>'
            "</Types>"
        ),
        "_rels/.rels": (
            f'{_HEAD}<Relationships xmlns="{_PACKAGE}">'
            f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'{_HEAD}<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}">'
            '<bookViews><workbookView activeTab="0"/></bookViews>'
            f'<sheets><sheet name={quoteattr(sheet)} sheetId="1" r:id="rId1"/></sheets>'
            "</workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'{_HEAD}<Relationships xmlns="{_PACKAGE}">'
            f'<Relationship Id="rId1" Type="{_RELATIONSHIPS}/worksheet" '
            'Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{_RELATIONSHIPS}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId3" Type="{_RELATIONSHIPS}/sharedStrings" '
            'Target="sharedStrings.xml"/>'
            "</Relationships>"
        ),
        "xl/styles.xml": _styles_xml(styles),
    }


def _sheet_start(widths: Sequence[float | None], size: str) -> str:
    columns = "".join(
        f'<col min="{n}" max="{n}" width="{width}" customWidth="1"/>'
        for n, width in enumerate(widths, start=1)
        if width
    )
    return (
        f'{_HEAD}<worksheet xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}">'
        f'<dimension ref="{size}"/><sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        "</sheetView></sheetViews>"
        '<sheetFormatPr defaultRowHeight="15"/>'
        + (f"<cols>{columns}</cols>" if columns else "")
        + "<sheetData>"
    )


def _number_xml(reference: str, value: object, style: int) -> str:
    shown = f' s="{style}"' if style else ""
    if isinstance(value, bool):
        return f'<c r="{reference}"{shown} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{reference}"{shown}><v>{value!r}</v></c>'
    if isinstance(value, dt.date):
        return f'<c r="{reference}"{shown}><v>{excel_serial(value)!r}</v></c>'
    raise TypeError(f"a cell cannot hold {type(value).__name__}")


def _shared_xml(text: str) -> str:
    text = escape(text, {"\r": "&#13;"})
    space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
    return f"<si><t{space}>{text}</t></si>"


class SheetWriter:
    """Writes one sheet, a row at a time, into an .xlsx workbook in ``out``.

    ``styles`` are the looks cells may have; a row's cells name theirs by place
    in the list, from 1 (0 for the default look). The first row written is the
    heading row, kept in view as the rows scroll. A text that would run as a
    formula once edited in Excel (``=SUM(A1)``) takes the look ``kept_text``
    (one that keeps it text); a text longer than a cell holds is cut, ending
    with ``cut_note``. Each different text is stored once, as Excel stores it
    (its shared strings); the rows wait in a temporary file until the sheet's
    size is known. Use as a context manager: the workbook is complete when the
    ``with`` block ends without an error.
    """

    def __init__(
        self,
        out: BinaryIO,
        *,
        sheet: str,
        styles: Sequence[Style],
        widths: Sequence[float | None] = (),
        kept_text: int = 0,
        cut_note: str = "",
    ) -> None:
        self._out = out
        self._parts = _package_parts(sheet, styles)
        self._widths = widths
        # Closed by close() or on leaving the ``with`` block.
        self._rows_file: IO[bytes] = tempfile.TemporaryFile(prefix="complaint-desk-")  # noqa: SIM115
        self._pending: list[str] = []
        self._rows = 0
        self._letters: list[str] = []
        self._kept_text = kept_text
        self._cut_note = cut_note
        # Each text met, as written, with its place among the shared strings and
        # whether it is kept as text.
        self._strings: dict[str, tuple[int, bool]] = {}
        self._texts: list[str] = []
        self._uses = 0

    def __enter__(self) -> SheetWriter:
        return self

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        if kind is None:
            self.close()
        else:
            self._rows_file.close()

    def _shared(self, value: str) -> tuple[int, bool]:
        """A text's place among the shared strings, and whether it is kept as text."""
        text = ILLEGAL.sub("", value)
        if len(text) > MAX_CELL:
            text = text[: MAX_CELL - len(self._cut_note)] + self._cut_note
        found = (len(self._texts), bool(self._kept_text) and runs_as_formula(text))
        self._texts.append(text)
        self._strings[value] = found
        return found

    def append(self, values: Sequence[object], styles: Sequence[int] = ()) -> None:
        """Write the next row: its values, and the look of each (by column; the
        default look where ``styles`` is shorter). None or "" leaves a cell empty."""
        self._rows += 1
        number = str(self._rows)
        letters = self._letters
        while len(letters) < len(values):
            letters.append(column_letter(len(letters)))
        strings = self._strings
        parts = [f'<row r="{number}">']
        for position, value in enumerate(values):
            if value is None or value == "":
                continue
            style = styles[position] if position < len(styles) else 0
            if type(value) is not str:
                if not isinstance(value, int | float | dt.date):
                    value = str(value)
                else:
                    parts.append(_number_xml(letters[position] + number, value, style))
                    continue
            index, kept = strings.get(value) or self._shared(value)
            if kept:
                style = self._kept_text
            shown = f' s="{style}"' if style else ""
            parts.append(f'<c r="{letters[position]}{number}"{shown} t="s"><v>{index}</v></c>')
            self._uses += 1
        parts.append("</row>")
        self._pending.append("".join(parts))
        if len(self._pending) >= _ROWS_AT_A_TIME:
            self._flush()

    def _flush(self) -> None:
        self._rows_file.write("".join(self._pending).encode("utf-8", "replace"))
        self._pending.clear()

    def close(self) -> None:
        """Write the workbook's parts: the sheet, its shared strings, the rest."""
        self._flush()
        last = f"{column_letter(max(len(self._letters), 1) - 1)}{max(self._rows, 1)}"
        with zipfile.ZipFile(self._out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            for name, text in self._parts.items():
                archive.writestr(name, text.encode("utf-8"))
            with archive.open("xl/worksheets/sheet1.xml", "w") as part:
                part.write(_sheet_start(self._widths, f"A1:{last}").encode("utf-8"))
                self._rows_file.seek(0)
                shutil.copyfileobj(self._rows_file, part, 1 << 20)
                part.write(b"</sheetData></worksheet>")
            self._rows_file.close()
            with archive.open("xl/sharedStrings.xml", "w") as part:
                part.write(
                    f'{_HEAD}<sst xmlns="{_MAIN}" count="{self._uses}" '
                    f'uniqueCount="{len(self._texts)}">'.encode()
                )
                for start in range(0, len(self._texts), _ROWS_AT_A_TIME):
                    some = self._texts[start : start + _ROWS_AT_A_TIME]
                    part.write("".join(_shared_xml(t) for t in some).encode("utf-8", "replace"))
                part.write(b"</sst>")
