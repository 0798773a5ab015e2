"""Turning user text into something reportlab can lay out safely.

reportlab parses a ``Paragraph``'s text as markup, so every piece of user text
goes through :func:`clean` (drop what no font or PDF string can carry) and then
:func:`to_markup` (escape ``&``, ``<`` and ``>``, and only then turn newlines
into ``<br/>``).
"""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

# Line and paragraph separators that mean "new line" wherever they come from.
_NEWLINES = re.compile(r"\r\n|[\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_BLANK_LINE = re.compile(r"\n\s*\n")
_SPACES = re.compile(r"[ \t]+")


def _keep(char: str) -> bool:
    if char in "\n\t":
        return True
    category = unicodedata.category(char)
    if category in ("Cc", "Cs"):  # control characters; lone surrogates cannot be encoded
        return False
    code = ord(char)
    # Noncharacters (U+FDD0..U+FDEF and the last two code points of every plane).
    return not (0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE)


def clean(text: str | None, *, multiline: bool = True) -> str:
    """Text with unprintable characters removed and whitespace tidied.

    Line breaks of any flavour become ``"\\n"``; control characters (other than
    newline and tab), lone surrogates and noncharacters are dropped; the text is
    NFC-normalised so combining accents sit on their letters; runs of spaces and
    tabs become one space; each line is stripped; runs of more than one blank line
    become one; with ``multiline=False`` the lines are joined with a space. ``None``
    gives "".
    """
    if text is None:
        return ""
    text = _NEWLINES.sub("\n", str(text))
    text = unicodedata.normalize("NFC", text)
    text = "".join(char for char in text if _keep(char))
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    if not multiline:
        return " ".join(line for line in lines if line)
    return _BLANK_LINE.sub("\n\n", "\n".join(lines)).strip("\n")


def lines(text: str | None) -> list[str]:
    """The non-empty lines of a multi-line field such as an address."""
    return [line for line in clean(text).split("\n") if line]


def to_markup(text: str | None) -> str:
    """Paragraph markup that prints ``text`` literally; newlines become ``<br/>``.

    ``text`` is cleaned first; escaping comes before the ``<br/>`` tags go in, so
    nothing the user typed can open or close a tag.
    """
    return escape(clean(text)).replace("\n", "<br/>")


def blocks(body: str | None) -> list[str]:
    """The body cleaned and split at blank lines (line breaks within a block kept)."""
    return [part for part in _BLANK_LINE.split(clean(body)) if part.strip()]


def paragraphs(body: str | None) -> list[str]:
    """The body split at blank lines, each as Paragraph markup (line breaks kept)."""
    return [to_markup(part) for part in blocks(body)]
