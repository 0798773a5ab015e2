"""Cleaning what people type, and folding it for search."""

from __future__ import annotations

import re
import unicodedata

# Control characters other than tab and newline never belong in a record.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
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


def clean(text: str | None, *, multiline: bool = False) -> str:
    """Text as it should be stored: NFC, no control characters, trimmed.

    Single-line fields also lose their line breaks (a name pasted with a
    trailing newline is still one name); multi-line ones keep them as ``\\n``.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
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
