"""Reading a CSV file as Excel and LibreOffice save it: its encoding, its
separator, its headings and its rows, each row with the place a person finds it.

A problem names the row as a spreadsheet shows it (the heading row being row 1),
and the line of the text where the row starts when that differs (a value
holding line breaks takes more than one line): ``Row 58 (line 61 of the
file)``.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from models import display
from models.errors import ComplaintDeskError
from models.text import REPLACEMENT, valid_text
from models.typed_dates import read_written_date

MAX_FILE_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True, order=True)
class Place:
    """Where a row is: its row in a spreadsheet, and the text line where it starts."""

    row: int
    line: int

    def __str__(self) -> str:
        if self.line == self.row:
            return f"Row {self.row}"
        return f"Row {self.row} (line {self.line} of the file)"


_PLACE = re.compile(r"^Row (\d+)")


def row_of(problem: str) -> int:
    """The spreadsheet row a problem names (0 for the file as a whole)."""
    found = _PLACE.match(problem)
    return int(found.group(1)) if found else 0


def _decode(data: bytes, notes: list[str]) -> tuple[str, str]:
    """The file's text and the name of its encoding."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _valid(data.decode("utf-16", "surrogatepass"), notes), "UTF-16"
    body = data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data
    try:
        # Half a UTF-16 pair written as UTF-8 (some programs do) is read, then replaced.
        return _valid(body.decode("utf-8", "surrogatepass"), notes), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        text = body.decode("cp1252")
    except UnicodeDecodeError:
        text = body.decode("latin-1")
    notes.append(
        "The file is not UTF-8, so it was read as Windows-1252 (Western European): "
        "check that accented letters in the preview look right."
    )
    return text, "Windows-1252"


def _valid(text: str, notes: list[str]) -> str:
    """``text`` with characters that are not valid text replaced by �, saying so."""
    valid = valid_text(text)
    replaced = valid.count(REPLACEMENT) - text.count(REPLACEMENT)
    if replaced:
        notes.append(
            f"The file has {display.count(replaced, 'character')} that "
            f"{display.plural(replaced, 'is')} not valid text (half of a UTF-16 pair); "
            "each is imported as �."
        )
    return valid


def is_csv_text(source: str) -> bool:
    """True when ``source`` is CSV text rather than a file's path."""
    if not source.strip() or "\n" in source or "\r" in source or "\x00" in source:
        return True
    if not any(mark in source for mark in ",;\t"):
        return False
    try:
        return not Path(source).exists()
    except (OSError, ValueError):
        return True


def file_bytes(path: Path) -> bytes:
    """The bytes of the file at ``path``; one sentence when it cannot be read."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ComplaintDeskError(
                f"{name} is {size / 1_000_000:,.0f} MB, too big for a complaints log; "
                "split it into smaller files."
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise ComplaintDeskError(f"There is no file {path}.") from None
    except IsADirectoryError:
        raise ComplaintDeskError(f"{path} is a folder, not a file to import.") from None
    except PermissionError:
        raise ComplaintDeskError(f"{path} cannot be read: permission denied.") from None
    except OSError as exc:
        raise ComplaintDeskError(f"{path} cannot be read: {exc.strerror or exc}.") from None


def given_text(source: str | Path | bytes) -> str | None:
    """The CSV text itself when ``source`` is text rather than a file's path."""
    if isinstance(source, str) and is_csv_text(source):
        return source.lstrip("\ufeff")
    return None


def decode(data: bytes, name: str, notes: list[str]) -> tuple[str, str]:
    """(text, encoding) of a CSV file's bytes; one sentence when it is not text."""
    text, encoding = _decode(data, notes)
    if "\x00" in text:
        raise ComplaintDeskError(
            f"{name} is neither a CSV file nor a spreadsheet (.xlsx, .ods). In your "
            "spreadsheet choose File > Save As and pick CSV or Excel Workbook; nothing "
            "was imported."
        )
    return text, encoding


def sniff(first_line: str) -> str:
    """The separator: whichever of comma, semicolon and tab the heading line uses most."""
    counts = dict.fromkeys(",;\t", 0)
    quoted = False
    for ch in first_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda mark: counts[mark])
    return best if counts[best] else ","


_ISO = re.compile(
    r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
    r"(?:[ T]+(\d{1,2})[:.](\d{2})(?::(\d{2})(?:\.\d+)?)?)?$"
)
_DAY_MONTH = re.compile(
    r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})"
    r"(?:[ ,T]+(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?$",
    re.IGNORECASE,
)


def parse_when(text: str, *, day_first: bool = True) -> dt.datetime | None:
    """A date (and time) as spreadsheets write it, or None when it is not one.

    ISO (``2026-03-14``, ``2026-03-14 10:30``, ``2026-03-14T10:30``) always;
    ``14/03/2026`` and ``14.03.2026 10:30`` day first, or ``03/14/2026``
    with ``day_first=False``; a month's name with a year (``12 May 2026``,
    ``May 12, 2026 2:15pm``) as a date box reads it. A date alone is taken as midnight
    (:func:`gives_time` tells it from a time given as midnight).
    """
    text = " ".join(text.split())
    try:
        match = _ISO.match(text)
        if match:
            year, month, day = (int(part) for part in match.group(1, 2, 3))
            return _when(year, month, day, match.group(4), match.group(5), match.group(6), None)
        match = _DAY_MONTH.match(text)
        if match:
            first, second, year_text = match.group(1, 2, 3)
            year = int(year_text) + (2000 if len(year_text) == 2 else 0)
            day, month = (int(first), int(second)) if day_first else (int(second), int(first))
            return _when(year, month, day, *match.group(4, 5, 6, 7))
    except ValueError:
        return None
    written = read_written_date(text)
    return written[0] if written else None


def gives_time(text: str) -> bool:
    """Whether a date as :func:`parse_when` reads it also gives a time of day
    (``2026-03-14 10:30``); ``2026-03-14`` alone does not."""
    text = " ".join(text.split())
    match = _ISO.match(text) or _DAY_MONTH.match(text)
    if match:
        return bool(match.group(4))
    written = read_written_date(text)
    return bool(written and written[1])


def _when(
    year: int,
    month: int,
    day: int,
    hour: str | None,
    minute: str | None,
    second: str | None,
    meridiem: str | None,
) -> dt.datetime:
    h = int(hour) if hour else 0
    if meridiem:
        if not 1 <= h <= 12:
            raise ValueError("hour")
        h = h % 12 + (12 if meridiem.lower().startswith("p") else 0)
    return dt.datetime(year, month, day, h, int(minute or 0), int(second or 0))


def csv_rows(text: str, delimiter: str) -> Iterator[tuple[Place, list[str] | str]]:
    """(where the row is, its values), or (where, a problem) where reading stops."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    row = 0
    while True:
        row += 1
        start = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            place = Place(row, start)
            yield place, _reading_problem(str(exc), text, place, delimiter)
            return
        yield Place(row, start), values


def _reading_problem(message: str, text: str, place: Place, delimiter: str) -> str:
    """The sentence for a row the CSV reader gave up on at ``place``."""
    if "field larger than field limit" in message:
        length = _longest_value(text, _offset_of_line(text, place.line), delimiter)
        return (
            f"{place}: it has a cell of {length:,} characters; the longest a field can hold "
            f"is {csv.field_size_limit():,} characters, so shorten it (nothing after it could "
            "be read)."
        )
    if "end of data" in message or "EOF" in message:
        message = 'a quoted value starts in this row but its closing quote (") is missing'
    elif "expected after" in message:
        message = (
            "a quoted value is followed by more text before the next separator; "
            "check the quotes in this row"
        )
    return f"{place}: {message}; nothing after it could be read."


def _offset_of_line(text: str, line: int) -> int:
    """Where the 1-based physical ``line`` starts in ``text``, ends of lines as the reader
    sees them."""
    return sum(len(part) for part in itertools.islice(io.StringIO(text, newline=""), line - 1))


def _longest_value(text: str, at: int, delimiter: str) -> int:
    """The number of characters in the longest value of the row starting at ``at``."""
    stops = re.compile(f"[{re.escape(delimiter)}\r\n]")
    longest = 0
    while at < len(text):
        length = 0
        if text.startswith('"', at):
            at += 1
            while (quote := text.find('"', at)) != -1 and text.startswith('""', quote):
                length += quote - at + 1  # a doubled quote is one character
                at = quote + 2
            if quote == -1:
                return max(longest, length + len(text) - at)
            length += quote - at
            at = quote + 1
        stop = stops.search(text, at)
        end = stop.start() if stop else len(text)
        length, at = length + end - at, end
        longest = max(longest, length)
        if not text.startswith(delimiter, at):
            break
        at += 1
    return longest
