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


def _side(pieces: list[str], start: int, end: int, changes: list[_Change]) -> str:
    """The words ``pieces[start:end]`` as one side's ``changes`` (all within) left them."""
    out: list[str] = []
    at = start
    for change in sorted(changes):
        out.extend(pieces[at : change.start])
        out.extend(change.new)
        at = change.end
    out.extend(pieces[at:end])
    return "".join(out).strip()


def _merge(base: str, mine: str, theirs: str) -> tuple[str, bool, bool]:
    """The two edits of ``base`` put together; whether they went together cleanly;
    and whether at least half its words are left unchanged by both (then the places
    they differ can be marked one by one). Where both changed the same words, both
    versions are written there, marked: "[theirs: poorly | yours: badly]"."""
    pieces = _PIECE.findall(base)
    ours = _changes(pieces, _PIECE.findall(mine))
    others = _changes(pieces, _PIECE.findall(theirs))
    # Changes that touch the same words, from either side, are one place to settle.
    groups: list[list[_Change]] = []
    for change in sorted({*ours, *others}, key=lambda c: (c.start, c.end, c in ours)):
        last = groups[-1] if groups else None
        if last is not None and any(_clash(change, other) for other in last):
            last.append(change)
        else:
            groups.append([change])
    out: list[str] = []
    at, clean, index = 0, True, 0
    while index < len(groups):
        group = groups[index]
        start, end = min(c.start for c in group), max(c.end for c in group)
        out.extend(pieces[at:start])
        mine_here = [c for c in group if c in ours]
        theirs_here = [c for c in group if c in others]
        if len(group) > 1 and mine_here and theirs_here:
            clean = False
            theirs_said = _side(pieces, start, end, theirs_here) or "(taken out)"
            mine_said = _side(pieces, start, end, mine_here) or "(taken out)"
            lead = " " if out and out[-1] and not out[-1][-1:].isspace() else ""
            out.append(f"{lead}[theirs: {theirs_said} | yours: {mine_said}]")
            trail = pieces[end] if end < len(pieces) else ""
            if trail and not trail[:1].isspace() and re.match(r"\w", trail):
                out.append(" ")
        else:
            new = group[0].new
            following = groups[index + 1][0] if index + 1 < len(groups) else None
            only = group[0]
            if (
                following is not None
                and len(groups[index + 1]) == 1
                and only.start == only.end == following.start == following.end
            ):  # both added words at one place: theirs first, then mine
                new = _joined(new, following.new)
                index += 1
            out.extend(new)
        at = max(at, end)
        index += 1
    out.extend(pieces[at:])
    return "".join(out), clean, _mostly_kept(pieces, [*ours, *others])


_MARK = re.compile(r"\[(?:theirs|yours): ")


def first_mark(text: str) -> int | None:
    """Where the first mark :func:`merge_texts` put in ``text`` starts; None when
    none is left."""
    found = _MARK.search(text)
    return found.start() if found else None


def merge_clean(base: str, mine: str, theirs: str) -> str | None:
    """``theirs`` with the changes made in ``mine`` since ``base``, or None when
    the two changed the same words differently."""
    merged, clean, _kept = _merge(base, mine, theirs)
    return merged if clean else None


def merge_texts(base: str, mine: str, theirs: str) -> str:
    """Both people's edits of ``base`` kept: merged word by word where they changed
    different words; where they changed the same words, both versions there,
    marked "[theirs: … | yours: …]", for the person to choose and tidy."""
    if mine in (theirs, base):
        return theirs
    if theirs == base:
        return mine
    merged, clean, mostly_kept = _merge(base, mine, theirs)
    if clean or mostly_kept:
        return merged
    # Both rewrote it: the two versions whole, one above the other, not in pieces.
    return f"[theirs: {theirs.strip()}]\n\n[yours: {mine.strip()}]"


def _mostly_kept(pieces: list[str], changes: list[_Change]) -> bool:
    """Whether at least half the words among ``pieces`` are untouched by ``changes``."""
    touched: set[int] = set()
    for change in changes:
        touched.update(range(change.start, change.end))
    words = [n for n, piece in enumerate(pieces) if re.match(r"\w", piece)]
    return bool(words) and sum(n not in touched for n in words) * 2 >= len(words)
