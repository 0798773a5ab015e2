"""How far the sheets of a LibreOffice spreadsheet (.ods) reach, read before the cells.

An .ods file may say that one cell is repeated across thousands of columns and a
row down a million rows: a file of a few hundred bytes that, read whole, fills
gigabytes of memory. The sheet's XML is read here as a stream, with no tree kept,
and only the repeat counts of rows and cells that hold something are added up.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from xml.parsers import expat

_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TABLE = _TABLE_NS + " table"
_ROW = _TABLE_NS + " table-row"
_CELLS = frozenset({_TABLE_NS + " table-cell", _TABLE_NS + " covered-table-cell"})
_NAME = _TABLE_NS + " name"
_ROWS_REPEATED = _TABLE_NS + " number-rows-repeated"
_COLUMNS_REPEATED = _TABLE_NS + " number-columns-repeated"
_VALUE_TYPE = _OFFICE_NS + " value-type"
_CHUNK = 1 << 20


@dataclass
class _Sheet:
    rows: int = 0  # rows so far, with their repeats
    columns: int = 0  # cells so far in the row being read
    row_repeat: int = 1
    row_reach: int = 0  # the column after the row's last cell that holds something
    reach: tuple[int, int] = (0, 0)  # (last row, last column) holding something


@dataclass
class _Walk:
    sheets: dict[str, tuple[int, int]] = field(default_factory=dict)
    open_tables: list[tuple[str, _Sheet]] = field(default_factory=list)
    cell_repeat: int = 0  # the repeat of the cell being read; 0 outside a cell
    cell_full: bool = False
    depth_in_cell: int = 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if self.cell_repeat:
            self.depth_in_cell += 1
            self.cell_full = True  # a paragraph, a link, an annotation: something
            if tag == _TABLE:  # a table inside a cell: its rows are not the sheet's
                self.open_tables.append(("", _Sheet()))
            return
        if tag == _TABLE:
            self.open_tables.append((attrs.get(_NAME, ""), _Sheet()))
        elif not self.open_tables:
            return
        elif tag == _ROW:
            sheet = self.open_tables[-1][1]
            sheet.columns, sheet.row_reach = 0, 0
            sheet.row_repeat = _count(attrs.get(_ROWS_REPEATED))
        elif tag in _CELLS:
            self.cell_repeat = _count(attrs.get(_COLUMNS_REPEATED))
            self.cell_full = _VALUE_TYPE in attrs
            self.depth_in_cell = 0

    def end(self, tag: str) -> None:
        if self.cell_repeat and self.depth_in_cell:
            self.depth_in_cell -= 1
            if tag == _TABLE and self.open_tables:
                self.open_tables.pop()
            return
        if not self.open_tables:
            return
        name, sheet = self.open_tables[-1]
        if tag in _CELLS and self.cell_repeat:
            sheet.columns += self.cell_repeat
            if self.cell_full:
                sheet.row_reach = sheet.columns
            self.cell_repeat = 0
        elif tag == _ROW:
            sheet.rows += sheet.row_repeat
            if sheet.row_reach:
                sheet.reach = (sheet.rows, max(sheet.reach[1], sheet.row_reach))
        elif tag == _TABLE:
            self.open_tables.pop()
            if name and name not in self.sheets:
                self.sheets[name] = sheet.reach


def _count(value: str | None) -> int:
    """A repeat count as the file gives it; 1 when it gives none or nonsense."""
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def _no_doctype(*_args: object) -> None:
    raise ValueError("a spreadsheet's content has no document type")


def sheet_reach(archive: zipfile.ZipFile) -> dict[str, tuple[int, int]]:
    """Each sheet's name, with its last row and last column that hold something
    (counted from 1; (0, 0) for an empty sheet). Raises ``expat.ExpatError``,
    ``ValueError`` or ``KeyError`` for a file that is not a well-formed spreadsheet."""
    walk = _Walk()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = walk.start
    parser.EndElementHandler = walk.end
    parser.StartDoctypeDeclHandler = _no_doctype  # an .ods never has one: no entities
    with archive.open("content.xml") as handle:
        while chunk := handle.read(_CHUNK):
            parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return walk.sheets
