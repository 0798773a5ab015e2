"""Two people's edits of one text, put together: what each changed since the
text they both started from is kept, word by word, as a careful person merging
two copies by hand would."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import NamedTuple

# Words, runs of spaces or line breaks, and single marks: the pieces compared.
_PIECE = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


class _Change(NamedTuple):
    start: int  # where in the text both started from (in pieces)
    end: int
    new: tuple[str, ...]


def _changes(base: list[str], edited: list[str]) -> list[_Change]:
    matcher = SequenceMatcher(None, base, edited, autojunk=False)
    return [
        _Change(i1, i2, tuple(edited[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _clash(a: _Change, b: _Change) -> bool:
    """Whether two changes touch the same words of the text they started from (two
    additions at one place do not: both are kept)."""
    if a.start == a.end and b.start == b.end:
        return False
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return max(a.start, b.start) < min(a.end, b.end)


def _joined(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    """Two additions at one place, one after the other, with a space between
    where neither brings one and the second starts with a word (not ", …")."""
    if first and second and not first[-1].isspace() and re.match(r"\w", second[0]):
        return (*first, " ", *second)
    return (*first, *second)


def merge_clean(base: str, mine: str, theirs: str) -> str | None:
    """``theirs`` with the changes made in ``mine`` since ``base``, or None when
    the two changed the same words differently."""
    pieces = _PIECE.findall(base)
    if "".join(pieces) != base:  # pieces always rebuild the text; never lose any
        return None
    ours, others = _changes(pieces, _PIECE.findall(mine)), _changes(pieces, _PIECE.findall(theirs))
    for a in ours:
        for b in others:
            if _clash(a, b) and a != b:
                return None
    out: list[str] = []
    at = 0
    changes = sorted({*ours, *others}, key=lambda c: (c.start, c.end, c in ours))
    index = 0
    while index < len(changes):
        change = changes[index]
        out.extend(pieces[at : change.start])
        new = change.new
        following = changes[index + 1] if index + 1 < len(changes) else None
        if (
            following is not None and change.start == change.end == following.start == following.end
        ):  # both added words at one place: theirs first, then mine
            new = _joined(new, following.new)
            index += 1
        out.extend(new)
        at = max(at, change.end)
        index += 1
    out.extend(pieces[at:])
    return "".join(out)


def merge_texts(base: str, mine: str, theirs: str) -> str:
    """Both people's edits of ``base`` kept: merged word by word where they changed
    different words, else their text followed by mine, so nothing is lost and the
    person reads and tidies both."""
    if mine in (theirs, base):
        return theirs
    if theirs == base:
        return mine
    merged = merge_clean(base, mine, theirs)
    if merged is not None:
        return merged
    return f"{theirs.rstrip()}\n\n{mine.strip()}"
