"""A file to import read as a table: its headings and its rows as text, from a
CSV file or one sheet of an Excel workbook, each row with the place the owner
finds it (its row number, and for a CSV file the line of the text when that
differs).

The headings are found among the first rows (:mod:`models.heading_rows`): a
title above them ("Complaints 2025", often merged across the columns) is not
read, and the owner is told so; a heading spread over two rows is read as one
("Customer" over "Name" gives "Customer Name"). The owner may pick other rows
as the headings. Blank rows are left out. Nothing here decides what a
column means (:mod:`models.column_guess` and :mod:`models.import_mapping` do)
or whether a row is a complaint (:mod:`models.log_csv_rows` does).

A workbook's phone numbers saved as plain numbers have lost their leading 0 in
Excel (7700900123): the owner is told so, and the 0 is put back where the
shop's territory makes the rule clear (:func:`models.phones.with_trunk_zero`).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from models import display
from models.column_guess import phone_columns
from models.currency import locale_territory
from models.heading_rows import HeadingChoice, Spans, find_headings, heading_choices, headings_of
from models.log_csv_file import (
    Place,
    csv_rows,
    decode,
    file_bytes,
    given_text,
    sniff,
)
from models.log_xlsx import looks_like_workbook, named_as_spreadsheet, not_a_spreadsheet, read_sheet
from models.phones import TRUNK_ZERO_TERRITORIES, with_trunk_zero
from models.text import clean, from_spreadsheet_cell, shorten
from models.xlsx_writer import column_letter

CSV = "CSV file"
WORKBOOK = "Excel workbook"
# Rows looked at for each column's sample values.
SAMPLE_ROWS = 200


@dataclass
class Table:
    """What a file holds, as text: headings by position and the rows under them."""

    source: str
    kind: str
    headings: list[str] = field(default_factory=list)
    heading_place: Place = field(default_factory=lambda: Place(1, 1))
    # The rows read as the headings, and the others the owner may pick instead.
    heading_rows: HeadingChoice = field(default_factory=lambda: HeadingChoice(1, 1))
    heading_choices: list[HeadingChoice] = field(default_factory=list)
    rows: list[tuple[Place, list[str]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # Rows that could not be read (a CSV quote left open, more values than headings).
    problems: list[str] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    sheets: list[str] = field(default_factory=list)

    @property
    def width(self) -> int:
        return len(self.headings)

    @property
    def is_empty(self) -> bool:
        return not any(self.headings)

    def column_name(self, position: int) -> str:
        """The column as the owner knows it: its heading, or ``Column G``."""
        heading = self.headings[position] if position < self.width else ""
        return heading or f"Column {column_letter(position)}"

    def samples(self, limit: int = SAMPLE_ROWS) -> list[list[str]]:
        """For each column, the values filled in on the first ``limit`` rows."""
        found: list[list[str]] = [[] for _ in range(self.width)]
        for _place, values in self.rows[:limit]:
            for position, value in enumerate(values[: self.width]):
                text = clean(value)
                if text:
                    found[position].append(text)
        return found

    def values_of(self, position: int) -> list[str]:
        """Every value of one column, as found, filled in or not."""
        return [values[position] if position < len(values) else "" for _, values in self.rows]


def _filled(values: list[str]) -> int:
    return sum(1 for value in values if value.strip())


def _split_headings(
    table: Table,
    rows: list[tuple[Place, list[str]]],
    merged: dict[int, list[tuple[int, int]]] | None = None,
    chosen: tuple[int, int] | None = None,
) -> None:
    """Find the heading rows among ``rows`` (blank ones left out), or take the rows
    ``chosen`` (first and last, as the spreadsheet numbers them), and keep the rest."""
    if not rows:
        return
    numbered: list[tuple[int, list[str]]] = [(place.row, values) for place, values in rows]
    across: dict[int, Spans] = dict(merged or {})
    at = {number: index for index, (number, _) in enumerate(numbered)}
    if chosen is not None and chosen[0] in at and chosen[1] in at and chosen[1] >= chosen[0]:
        first, last = at[chosen[0]], at[chosen[1]]
    else:
        first, last = find_headings(numbered, across)
    for place, values in rows[:first]:
        title = shorten(" ".join(v.strip() for v in values if v.strip()), 60)
        table.notes.append(f"{place} (“{title}”) is read as a title above the headings.")
    table.heading_place = rows[first][0]
    table.heading_rows = HeadingChoice(numbered[first][0], numbered[last][0])
    table.heading_choices = heading_choices(numbered, across)
    if last > first:
        table.notes.append(
            f"Rows {numbered[first][0]} and {numbered[last][0]} are read together as the "
            "headings (a heading over two rows)."
        )
    table.headings = [clean(h.lstrip("\ufeff")) for h in headings_of(numbered, first, last, across)]
    taken = table.heading_rows
    if taken.rows not in [choice.rows for choice in table.heading_choices]:  # far down
        named = shorten(", ".join(h for h in table.headings if h), 70)
        table.heading_choices.append(
            HeadingChoice(*taken.rows, f"{taken.said().capitalize()}: {named}")
        )
    table.rows = rows[last + 1 :]


def _csv_table(text: str, name: str, table: Table, chosen: tuple[int, int] | None = None) -> None:
    first_line = next((line for line in io.StringIO(text, newline="") if line.strip()), "")
    table.delimiter = sniff(first_line)
    found: list[tuple[Place, list[str]]] = []
    for place, values in csv_rows(text, table.delimiter):
        if isinstance(values, str):
            table.problems.append(values)
            break
        if any(value.strip() for value in values):
            found.append((place, [from_spreadsheet_cell(value) for value in values]))
    _split_headings(table, found, chosen=chosen)
    width = table.width
    kept = []
    for place, values in table.rows:
        if any(value.strip() for value in values[width:]):
            table.problems.append(
                f"{place}: it has {len(values)} values but there are {width} "
                "column headings; check the separators and quotes in this row."
            )
        else:
            kept.append((place, values))
    table.rows = kept


def _workbook_table(
    data: bytes, name: str, sheet: str | None, table: Table, chosen: tuple[int, int] | None
) -> None:
    read = read_sheet(data, name, sheet)
    table.sheet, table.sheets = read.name, read.sheets
    if len(read.sheets) > 1:
        table.notes.append(
            f"The workbook has {len(read.sheets)} sheets; the sheet “{read.name}” is read."
        )
    rows = [(Place(number, number), cells) for number, cells in read.rows]
    _split_headings(table, rows, read.merged_across, chosen)
    width = max([table.width, *(len(values) for _, values in table.rows)])
    table.headings.extend([""] * (width - table.width))
    _phones_stored_as_numbers(table, read.numbers)
    if read.unsaved:
        named = ", ".join(read.unsaved[:10]) + (
            f" and {len(read.unsaved) - 10:,} more" if len(read.unsaved) > 10 else ""
        )
        one = len(read.unsaved) == 1
        table.notes.append(
            f"{'Cell' if one else 'Cells'} {named} of the sheet {'holds' if one else 'hold'}"
            f" a formula with no saved result, so {'it is' if one else 'they are'} read as"
            " empty: open the file in Excel or LibreOffice and save it, and it will hold the"
            " results. (Text that starts with = is a formula to Excel: type ' before it.)"
        )
    if read.cut_at:
        table.problems.append(
            f"The sheet “{read.name}” has more than {read.cut_at:,} rows, more than a "
            "complaints log holds: split it into smaller files (nothing after row "
            f"{read.rows[-1][0]:,} was read)."
        )


_COUNTRY = {"GB": "UK", "IE": "Irish"}


def _phones_stored_as_numbers(table: Table, numbers: dict[int, list[int]]) -> None:
    """Say which phone columns hold numbers Excel saved as numbers, and put back the
    leading 0 Excel dropped where the shop's territory makes that clear."""
    if not numbers:
        return
    territory = locale_territory()
    at = {place.row: values for place, values in table.rows}
    for position in phone_columns(table.headings, table.samples()):
        stored = [at[row] for row in numbers.get(position, ()) if row in at]
        if not stored:
            continue
        restored = 0
        for values in stored:
            fixed = (
                with_trunk_zero(values[position].strip(), territory)
                if position < len(values)
                else None
            )
            if fixed is not None:
                values[position] = fixed
                restored += 1
        said = (
            f"Phone numbers in column {column_letter(position)} "
            f"(“{table.column_name(position)}”) are stored as numbers; Excel may have "
            "dropped their leading 0."
        )
        if restored:
            said += (
                f" The 0 is put back on {display.count(restored, 'number')} with the length "
                f"of a {_COUNTRY[territory]} number without it (7700900123 is read as "
                "07700900123)"
                + (
                    f"; {display.count(len(stored) - restored, 'other')} "
                    f"{display.plural(len(stored) - restored, 'is')} read as written."
                    if restored < len(stored)
                    else "."
                )
            )
        elif territory not in TRUNK_ZERO_TERRITORIES:
            said += " They are read as written: check them in the preview."
        else:
            said += (
                " None has the length of a national number without its 0, so they are "
                "read as written."
            )
        table.notes.append(said)


def read_table(
    source: str | Path | bytes,
    *,
    sheet: str | None = None,
    heading_rows: tuple[int, int] | None = None,
) -> Table:
    """The table in ``source``: a file's path, its bytes, or CSV text.

    ``sheet`` names the sheet of a workbook to read (the first when None);
    ``heading_rows`` the first and last row of the headings, as the spreadsheet
    numbers them (found when None, or when the file has no such rows).
    Raises :class:`ComplaintDeskError` with one sentence when the file cannot be
    read at all; rows that cannot be read are in the table's ``problems``.
    """
    text = given_text(source)
    if text is not None:
        table = Table(source="the text", kind=CSV, encoding="text")
        _csv_table(text, table.source, table, heading_rows)
        return table
    if isinstance(source, bytes):
        data, name = source, "the file"
    else:
        path = Path(source)
        data, name = file_bytes(path), path.name
    if looks_like_workbook(data):
        table = Table(source=name, kind=WORKBOOK)
        _workbook_table(data, name, sheet, table, heading_rows)
        return table
    if named_as_spreadsheet(name):
        raise not_a_spreadsheet(data, name)
    table = Table(source=name, kind=CSV)
    text, table.encoding = decode(data, name, table.notes)
    _csv_table(text, name, table, heading_rows)
    return table
