"""Cleaning what people type, and folding it for search."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Control characters other than tab and newline never belong in a record.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Half of a UTF-16 pair on its own (from a paste, a file or a command's argument
# that was not valid text): no file or database can store it.
_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"
# Letters NFKD does not split into a base letter and a mark.
_FOLD_EXTRA = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ħ": "h",
        "ı": "i",
        "ŀ": "l",
        "æ": "ae",
        "œ": "oe",
        "ß": "ss",
        "þ": "th",
        "ð": "d",
    }
)


def valid_text(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD (�), so it can be stored.

    A surrogate pair that arrived as two characters (text that went through
    UTF-16 on the way) becomes the one character it stands for.
    """
    if _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def clean(text: str | None, *, multiline: bool = False) -> str:
    """Text as it should be stored: valid, NFC, no control characters, trimmed.

    Single-line fields also lose their line breaks (a name pasted with a
    trailing newline is still one name); multi-line ones keep them as ``\\n``.
    A lone surrogate, which cannot be stored, becomes U+FFFD (see :func:`valid_text`).
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", valid_text(text)).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    if not multiline:
        text = " ".join(text.split())
    return text.strip()


def fold(text: str) -> str:
    """Lower-case ASCII-ish form for matching: ``Zoë ŁUKASZ`` -> ``zoe lukasz``."""
    if text.isascii():  # nothing to decompose or translate: most text, and much faster
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.translate(_FOLD_EXTRA)


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset into ``text``."""
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


def shorten(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, with an ellipsis when cut."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: max(0, limit - 1)].rstrip() + "…"


_FIRST_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)


def lowered_start(text: str) -> str:
    """ "Refund the …" → "refund the …": a first word in capitals only because it
    starts the field ("iPhone", "USB" and "I" stay as typed)."""
    match = _FIRST_WORD.match(text)
    if match is None:
        return text
    word = match.group(0)
    if word[:1].isupper() and word[1:] == word[1:].lower() and word != "I":
        return word[:1].lower() + text[1:]
    return text


LEAD_IN = 15  # characters kept before where two texts start to differ


def shorten_where_different(text: str, other: str, limit: int) -> str:
    """``text`` as :func:`shorten` gives it, but when its first ``limit``
    characters are the same as ``other``'s, from a little before where the two
    differ: "…slipped on the stairs and hurt her wrist", not the same first
    words twice."""
    line, beside = " ".join(text.split()), " ".join(other.split())
    if len(line) > limit:
        pairs = enumerate(zip(line, beside, strict=False))
        same = next((k for k, (a, b) in pairs if a != b), min(len(line), len(beside)))
        if same > LEAD_IN:
            start = line.rfind(" ", 0, same - LEAD_IN) + 1 or same - LEAD_IN
            return "…" + shorten(line[start:], limit - 1)
    return shorten(line, limit)


def _cells(char: str) -> int:
    """How many columns of a terminal a character takes: two for a wide one (most
    Chinese, Japanese and Korean), none for a combining mark."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cells(text: str) -> int:
    """How wide ``text`` is in terminal cells: a Chinese, Japanese or Korean
    character counts twice, as it says about as much as two Latin letters (王 is
    a whole surname)."""
    return sum(_cells(char) for char in text)


def column(text: str, width: int) -> str:
    """``text`` on one line in a column ``width`` terminal cells wide: cut with an
    ellipsis when longer, padded with spaces when shorter, wide characters counted
    twice, so the columns after it line up."""
    line = " ".join(text.split())
    cells = [_cells(char) for char in line]
    if sum(cells) > width:
        end = used = 0
        while used + cells[end] <= width - 1:
            used += cells[end]
            end += 1
        line = line[:end].rstrip() + "…"
        cells = [_cells(char) for char in line]
    return line + " " * max(0, width - sum(cells))


def file_size(size: int) -> str:
    """``1.2 MB``-style size of a file, for people."""
    if size < 1024:
        return f"{size:,} bytes"
    amount = float(size)
    for unit in ("KB", "MB", "GB"):
        amount /= 1024
        if amount < 1024 or unit == "GB":
            break
    return f"{amount:.1f} {unit}"


# What makes Excel or LibreOffice run a cell as a formula: one of these first,
# after any spaces, or a tab or carriage return first.
_FORMULA_STARTS = ("=", "+", "-", "@")


def runs_as_formula(value: str) -> bool:
    return value.startswith(("\t", "\r")) or value.lstrip(" ").startswith(_FORMULA_STARTS)


def _needs_guard(value: str) -> bool:
    # Apostrophes already in front are kept by adding one more, so reading the
    # cell back gives exactly the text the log holds.
    return runs_as_formula(value.lstrip("'")) if value.startswith("'") else runs_as_formula(value)


def spreadsheet_cell(value: str) -> str:
    """``value`` as a cell of a CSV the app writes: text a spreadsheet shows,
    never a formula it runs (``=HYPERLINK(…)`` gets a leading apostrophe)."""
    return "'" + value if _needs_guard(value) else value


def from_spreadsheet_cell(value: str) -> str:
    """A cell read from a CSV: the apostrophe :func:`spreadsheet_cell` added is dropped."""
    return value[1:] if value.startswith("'") and _needs_guard(value[1:]) else value


def spreadsheet_row(values: Iterable[object]) -> list[object]:
    """A row for a CSV the app writes: every text cell through :func:`spreadsheet_cell`."""
    return [spreadsheet_cell(v) if isinstance(v, str) else v for v in values]
