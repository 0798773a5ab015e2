"""Which rows at the top of an owner's spreadsheet are its headings.

Owners' logs rarely start with the headings in row 1: a title sits above them
("COMPLAINTS 2026", then a blank row), or a heading is spread over two rows,
a group cell merged over the columns it names in the first ("Customer" over
B:C) and the columns' own names in the second ("Name" | "Phone").

The heading row is found among the first rows of the file: a row with at least
two cells filled, nearly all of them words rather than dates, amounts or
numbers, and the first such row that names as many of the headings the app
knows (``Date``, ``Customer``, ``Phone``...) as the best row does (at least
half as many). When no row names a heading the app knows, it is the first such
row followed by a row that reads as data. The row just above or below it is
read with it when it holds group cells: the two are combined, the group's
words before each column's own ("Customer Name", "Customer Phone").

Nothing here reads a file: rows come in as text, numbered as the spreadsheet
numbers them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from models.log_csv_columns import HEADINGS, heading_key, parse_amount
from models.log_csv_file import parse_when
from models.text import shorten

# Rows (with something in them) looked at for the headings, and offered as them.
LOOKED_AT = 20
OFFERED = 10
# The share of a row's filled cells that must read as headings.
_MOST = 0.8
_LONGEST_HEADING = 60

# A row's number and its cells as text.
Row = tuple[int, Sequence[str]]
# Merged ranges of one row: (first, last) column positions, from 0.
Spans = Sequence[tuple[int, int]]


@dataclass(frozen=True)
class HeadingChoice:
    """Rows ``first`` to ``last`` (as the spreadsheet numbers them) read as the headings."""

    first: int
    last: int
    label: str = ""

    @property
    def rows(self) -> tuple[int, int]:
        return self.first, self.last

    def said(self) -> str:
        """``row 3`` or ``rows 1 and 2``."""
        if self.first == self.last:
            return f"row {self.first}"
        return f"rows {self.first} and {self.last}"


def _filled(values: Sequence[str]) -> list[str]:
    return [value.strip() for value in values if value.strip()]


def reads_as_heading(value: str) -> bool:
    """True for a cell that could be a heading: words, not a date, amount or number."""
    text = value.strip()
    if not text or len(text) > _LONGEST_HEADING or "@" in text:
        return False
    if sum(character.isdigit() for character in text) * 2 > len(text):
        return False
    return parse_when(text) is None and parse_amount(text) is None


def _heading_share(values: Sequence[str]) -> float:
    filled = _filled(values)
    return sum(1 for v in filled if reads_as_heading(v)) / len(filled) if filled else 0.0


def _reads_as_headings(values: Sequence[str]) -> bool:
    return len(_filled(values)) >= 2 and _heading_share(values) >= _MOST


def _known(values: Sequence[str]) -> int:
    return sum(1 for value in _filled(values) if heading_key(value) in HEADINGS)


def _guessed_spans(upper: Sequence[str], lower: Sequence[str]) -> list[tuple[int, int]]:
    """Group cells of a row without merged cells (a CSV file): a filled cell over a
    filled one, followed by empty cells over filled ones."""
    spans: list[tuple[int, int]] = []
    for position, value in enumerate(upper):
        if not value.strip() or position >= len(lower) or not lower[position].strip():
            continue
        end = position
        while (
            end + 1 < len(lower)
            and lower[end + 1].strip()
            and not (upper[end + 1].strip() if end + 1 < len(upper) else "")
        ):
            end += 1
        if end > position:
            spans.append((position, end))
    return spans


def _same(a: str, b: str) -> bool:
    return heading_key(a) == heading_key(b) or a.strip() == b.strip()


def _groups(upper: Row, lower: Row, merged: Mapping[int, Spans]) -> list[tuple[int, int]]:
    """The group cells of ``upper`` over ``lower``, when the two rows read as one
    heading; empty when they do not."""
    (upper_number, top), (lower_number, bottom) = upper, lower
    if lower_number != upper_number + 1 or not _filled(top) or not _filled(bottom):
        return []
    if _heading_share(top) < 1 or _heading_share(bottom) < _MOST:
        return []
    spans = [
        (first, last)
        for first, last in (merged.get(upper_number) or _guessed_spans(top, bottom))
        if last > first and first < len(top) and top[first].strip()
    ]
    width = max(position for position, value in enumerate(bottom) if value.strip()) + 1
    if not spans or any(first == 0 and last >= width - 1 for first, last in spans):
        return []  # no group, or one over every column: a title
    grouped = {position for first, last in spans for position in range(first, last + 1)}
    for position, value in enumerate(bottom):
        above = top[position] if position < len(top) else ""
        if value.strip() and position not in grouped and above.strip() and not _same(above, value):
            return []  # a value under a heading of its own: a row of data
    return spans


def combined_headings(upper: Sequence[str], lower: Sequence[str], spans: Spans) -> list[str]:
    """One heading per column from two rows: the group's words, then the column's."""
    group: dict[int, str] = {}
    for first, last in spans:
        for position in range(first, last + 1):
            group[position] = upper[first].strip() if first < len(upper) else ""
    headings: list[str] = []
    for position in range(max(len(upper), len(lower))):
        above = group.get(position) or (upper[position].strip() if position < len(upper) else "")
        below = lower[position].strip() if position < len(lower) else ""
        headings.append(
            f"{above} {below}" if above and below and not _same(above, below) else above or below
        )
    return headings


def _first_row(rows: Sequence[Row]) -> int:
    candidates = [i for i, (_, values) in enumerate(rows[:LOOKED_AT]) if _reads_as_headings(values)]
    if not candidates:
        return next(
            (i for i, (_, values) in enumerate(rows[:LOOKED_AT]) if len(_filled(values)) >= 2), 0
        )
    most = max(_known(rows[i][1]) for i in candidates)
    if most:
        return next(i for i in candidates if _known(rows[i][1]) * 2 >= most)
    followed = (
        i for i in candidates if i + 1 < len(rows) and _heading_share(rows[i + 1][1]) < _MOST
    )
    return next(followed, candidates[0])


def find_headings(
    rows: Sequence[Row], merged: Mapping[int, Spans] | None = None
) -> tuple[int, int]:
    """The first and last index in ``rows`` of the heading rows (the same index for
    one row). ``merged`` gives the ranges merged across columns, by row number."""
    if not rows:
        return 0, 0
    merged = merged or {}
    first = _first_row(rows)
    if first + 1 < len(rows) and _groups(rows[first], rows[first + 1], merged):
        return first, first + 1
    if first > 0 and _groups(rows[first - 1], rows[first], merged):
        return first - 1, first
    return first, first


def headings_of(
    rows: Sequence[Row], first: int, last: int, merged: Mapping[int, Spans] | None = None
) -> list[str]:
    """The headings rows ``first`` to ``last`` (indexes, one or two rows) give."""
    upper = rows[first][1]
    if last == first:
        return [value.strip() for value in upper]
    lower = rows[last][1]
    spans = _groups(rows[first], rows[last], merged or {})
    if not spans:
        spans = [
            s for s in (merged or {}).get(rows[first][0], ()) if s[1] > s[0]
        ] or _guessed_spans(upper, lower)
    return combined_headings(upper, lower, spans)


def _label(values: Sequence[str]) -> str:
    return shorten(", ".join(_filled(values)), 70) or "(empty)"


def heading_choices(
    rows: Sequence[Row], merged: Mapping[int, Spans] | None = None
) -> list[HeadingChoice]:
    """What the owner may pick as the headings: each of the first rows, and each
    with the row under it, labelled with the headings they give."""
    choices: list[HeadingChoice] = []
    looked = rows[:OFFERED]
    for index, (number, values) in enumerate(looked):
        choices.append(HeadingChoice(number, number, f"Row {number}: {_label(values)}"))
        if index + 1 < len(rows) and rows[index + 1][0] == number + 1:
            combined = headings_of(rows, index, index + 1, merged)
            choices.append(
                HeadingChoice(
                    number, number + 1, f"Rows {number} and {number + 1}: {_label(combined)}"
                )
            )
    return choices
