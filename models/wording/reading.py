"""A text read into tokens, sentences, the canonical string and the patterns' matches.

The check runs again on each keystroke, and a keystroke changes one place of
the text. So a text is read a stretch at a time, and a stretch that was in the
last text read is not read again:

- A full stop followed by a space always ends a sentence, and how the words
  after it are read does not depend on what came before. The text is cut at
  some of these full stops (chosen by the sentence before each, so that a
  stretch holds a few sentences and a change in one stretch leaves the cuts
  elsewhere where they were).
- The canonical string joins sentences with " | ". No pattern can match the
  "|" (see :func:`models.wording.patterns.sentence_bound`), so a pattern
  matches at the same places in a stretch's own canonical string, written
  between the same marks, as in the whole one. Each stretch keeps where its
  matches start; for the whole text only those are matched again.

A text that is mostly new (opened or pasted) is read whole, which is quicker,
and its stretches are cut from that reading when the next text comes. A
stretch is only taken from the last text read, not from earlier in the same
text: a text that says the same thing over and over takes as long as any other
of its length. The result is always the same as reading the whole text at once
(:func:`read_whole`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from operator import add, itemgetter, sub
from typing import Any, TypeVar

from models.wording.lexicon import SHORT_TITLES, TITLES
from models.wording.normalise import EXPAND_CACHE, straighten
from models.wording.patterns import Index, match_patterns
from models.wording.tokens import NOT_PLAIN_RE, read_part, tokenise

Sentences = list[tuple[int, int, bool]]  # token range, ends with "?"
Matches = list[tuple[re.Pattern[str], int]]  # a pattern, and where a match of it starts


@dataclass
class Reading:
    """What :class:`models.wording.doc.Doc` starts from."""

    words: list[str]
    starts: list[int]
    ends: list[int]
    sentences: Sentences
    addressees: set[str]
    canon: str
    pos: list[int]  # where each token starts in ``canon``
    places: dict[str, list[int]]  # where each word stands, in order
    hits: dict[re.Pattern[str], list[re.Match[str]]]  # pattern -> its matches, in order


@dataclass
class Stretch:
    """One stretch of a text, read on its own (offsets from its start)."""

    words: list[str]
    starts: list[int]
    ends: list[int]
    sentences: Sentences
    addressees: frozenset[str]
    canon: str
    pos: list[int]
    # (index, anything before it, anything after it) -> where its matches start
    matches: dict[tuple[Index, bool, bool], Matches] = field(default_factory=dict)
    # Where the stretch stood in the texts read: starts and ends from there, by where
    # it starts; token positions in the canonical string, by where its own starts;
    # and the matches there, by where, index, and what stands around it.
    moved: dict[int, tuple[list[int], list[int]]] = field(default_factory=dict)
    moved_pos: dict[int, list[int]] = field(default_factory=dict)
    found: dict[tuple[int, Index, bool, bool], list[tuple[re.Pattern[str], re.Match[str]]]] = field(
        default_factory=dict
    )


# The stretches of the last text read, by whether that text had small letters;
# or, for a text read whole, what they are to be cut from when the next one comes.
_LAST_READ: dict[bool, dict[str, Stretch]] = {True: {}, False: {}}
_TO_CUT: dict[bool, tuple[Any, ...] | None] = {True: None, False: None}


def forget() -> None:
    """Forget the last text read: the next one is read from scratch (for measuring)."""
    for kept in _LAST_READ.values():
        kept.clear()
    _TO_CUT[True] = _TO_CUT[False] = None
    from models.wording.learned import forget_sentences  # the learned part reads this module

    forget_sentences()


def places_of(words: list[str]) -> dict[str, list[int]]:
    """Where each word stands, in order: every word of a text listed in one pass."""
    places: dict[str, list[int]] = {}
    get = places.get
    for i, w in enumerate(words):
        found = get(w)
        if found is None:
            places[w] = [i]
        else:
            found.append(i)
    return places


def join_canonical(words: list[str], sentences: Sentences) -> tuple[str, list[int]]:
    """The canonical string: sentences joined with " | ", tokens with spaces.

    Also where each token starts in it.
    """
    gaps = [1] * len(words)
    lasts = list(map(sub, map(itemgetter(1), sentences), repeat(1)))
    for i in lasts:
        gaps[i] = 3
    pos = list(accumulate(map(add, map(len, words), gaps), initial=0))
    pos.pop()
    marked = words.copy()  # the last word of each sentence but the last one gets " |"
    for i in lasts[:-1]:
        marked[i] += " |"
    return " ".join(marked), pos


def read(text: str, index: Index) -> Reading:
    """Tokens, sentences, canonical string and matches of ``text`` (see the module)."""
    folded = straighten(text.lower())
    if (
        len(folded) != len(text)
        or not index.bound
        or ". " not in folded
        or not NOT_PLAIN_RE.search(folded)  # plain text: tokenise reads it faster whole
    ):
        return read_whole(text, index)
    if len(EXPAND_CACHE) > 50_000:
        EXPAND_CACHE.clear()
    mixed_case = not text.isupper()
    cuts = _cuts(text, folded)
    to_cut = _TO_CUT[mixed_case]
    if to_cut is not None:
        _TO_CUT[mixed_case] = None
        _LAST_READ[mixed_case] = _split(*to_cut)
    last = _LAST_READ[mixed_case]
    known = [last.get(key) for _a, _b, key in cuts]
    if known.count(None) * 2 > len(known):
        # Mostly new (a text pasted or opened): read it whole, and cut its stretches
        # from that reading when the next text comes (most likely this one, edited).
        got = _read_all(text, folded, mixed_case, index)
        _LAST_READ[mixed_case] = {}
        _TO_CUT[mixed_case] = (got, cuts, text, folded, mixed_case, index)
        if got.words and got.words[-1] == "'d":
            return read_whole(text, index)  # tokenise reads it as "would" at the end of a text
        return got
    now: dict[str, Stretch] = {}
    parts: list[tuple[int, Stretch]] = []
    for (a, b, key), stretch in zip(cuts, known, strict=True):
        if stretch is None:
            stretch = _read_stretch(key, folded[a:b], mixed_case)
        now[key] = stretch
        parts.append((a, stretch))
    _LAST_READ[mixed_case] = now
    return _join(text, index, parts)


def _join(text: str, index: Index, parts: list[tuple[int, Stretch]]) -> Reading:
    """The reading of a text made of these stretches, each with where it starts."""
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    sentences: Sentences = []
    addressees: set[str] = set()
    pos: list[int] = []
    canons: list[str] = []
    placed: list[tuple[Stretch, int]] = []  # stretches with tokens, where their canon starts
    at = 0
    for a, part in parts:
        if not part.words:
            continue
        n = len(words)
        words += part.words
        moved = part.moved.get(a)
        if moved is None:
            moved = _keep(part.moved, a, (_shift(part.starts, a), _shift(part.ends, a)))
        starts += moved[0]
        ends += moved[1]
        sentences += [(x + n, y + n, q) for x, y, q in part.sentences] if n else part.sentences
        if part.addressees:
            addressees |= part.addressees
        moved_pos = part.moved_pos.get(at)
        if moved_pos is None:
            moved_pos = _keep(part.moved_pos, at, _shift(part.pos, at))
        pos += moved_pos
        canons.append(part.canon)
        placed.append((part, at))
        at += len(part.canon) + 3
    if words and words[-1] == "'d":
        return read_whole(text, index)  # tokenise reads it as "would" at the end of a text
    canon = " | ".join(canons)
    hits: dict[re.Pattern[str], list[re.Match[str]]] = {}
    last = len(placed) - 1
    for k, (part, at) in enumerate(placed):
        for rx, found in _found(part, index, at, canon, k > 0, k < last):
            got = hits.get(rx)
            if got is None:
                hits[rx] = [found]
            else:
                got.append(found)
    return Reading(words, starts, ends, sentences, addressees, canon, pos, places_of(words), hits)


def read_whole(text: str, index: Index) -> Reading:
    """:func:`read` without stretches: the whole text at once."""
    (words, starts, ends), sentences, addressees = tokenise(text)
    canon, pos = join_canonical(words, sentences)
    places = places_of(words)
    hits = match_patterns(words, pos, canon, index, places)
    return Reading(words, starts, ends, sentences, addressees, canon, pos, places, hits)


def _read_all(text: str, folded: str, mixed_case: bool, index: Index) -> Reading:
    """:func:`read_whole` of a text that is not plain, with its last token as it is."""
    words, starts, ends, sentences, addressees = read_part(text, folded, mixed_case)
    canon, pos = join_canonical(words, sentences)
    places = places_of(words)
    hits = match_patterns(words, pos, canon, index, places)
    return Reading(words, starts, ends, sentences, set(addressees), canon, pos, places, hits)


# Not cutting where a sentence ends is always safe: two stretches are read as one.
_TITLE_TAILS = tuple(SHORT_TITLES)


def _cuts(text: str, folded: str) -> list[tuple[int, int, str]]:
    """Where the stretches of the text start and end, and the text of each.

    A stretch ends after a full stop followed by a space, at about one such
    full stop in four: where the sentence before it is a multiple of four
    characters long.
    """
    cuts: list[tuple[int, int, str]] = []
    a = p = 0  # where the stretch starts, and where the next sentence starts
    parts = folded.split(". ")
    final = len(parts) - 1
    for k, part in enumerate(parts):
        p += len(part) + 2
        if k < final and (len(part) & 3 or part.endswith(_TITLE_TAILS)):
            continue  # not every sentence ends a stretch, and "Mr. " may end none
        b = p - 1 if k < final else len(text)  # after the full stop
        cuts.append((a, b, text[a:b]))
        a = b
    return cuts


def _names_between(
    named: dict[int, set[str]] | None, named_at: list[int], ta: int, tb: int
) -> frozenset[str]:
    """The names addressed at tokens ``ta`` to ``tb`` (see :func:`_names`)."""
    lo, hi = bisect_left(named_at, ta), bisect_left(named_at, tb)
    if named is None or lo == hi:
        return frozenset()
    return frozenset().union(*(named[j] for j in named_at[lo:hi]))


def _names(got: Reading, text: str, firsts: list[int]) -> dict[int, set[str]] | None:
    """The names addressed in a text read whole, by the token they are at.

    As :func:`models.wording.tokens.read_part` finds them: a word written with
    a capital straight after a title in the same sentence ("Dear Mrs Alvarez").
    None if these are not all the names of the reading.
    """
    if not got.addressees:
        return {}
    words, starts = got.words, got.starts
    new_sentence = set(firsts)
    found: dict[int, set[str]] = {}  # token -> names from there
    for title in TITLES.intersection(got.places):
        for k in got.places[title]:
            j = k + 1
            if (
                j < len(words)
                and j not in new_sentence
                and starts[j] != starts[k]
                and text[starts[j]].isupper()
            ):
                found.setdefault(j, set()).add(words[j])
    if set().union(*found.values()) != got.addressees:
        return None
    return found


def _read_stretch(text: str, folded: str, mixed_case: bool) -> Stretch:
    words, starts, ends, sentences, addressees = read_part(text, folded, mixed_case)
    canon, pos = join_canonical(words, sentences)
    return Stretch(words, starts, ends, sentences, addressees, canon, pos)


def _split(
    got: Reading,
    cuts: list[tuple[int, int, str]],
    text: str,
    folded: str,
    mixed_case: bool,
    index: Index,
) -> dict[str, Stretch]:
    """The stretches of a text read whole, as :func:`_read_stretch` reads each.

    A stretch ends with a sentence, so its tokens and sentences are those of the
    text between its ends, and so are its part of the canonical string and the
    matches that start there.
    """
    words, starts, ends, pos = got.words, got.starts, got.ends, got.pos
    firsts = [x for x, _y, _q in got.sentences]
    named = _names(got, text, firsts)
    named_at = sorted(named or ())
    out: dict[str, Stretch] = {}
    spans: list[tuple[Stretch, int, int, int]] = []  # with tokens: start, canon start, end
    for a, b, key in cuts:
        ta, tb = bisect_left(starts, a), bisect_left(starts, b)
        if named is None and not got.addressees.isdisjoint(words[ta:tb]):
            # pragma: no cover - _names finds every name the reading found
            stretch = _read_stretch(key, folded[a:b], mixed_case)
        elif tb == ta:
            stretch = Stretch([], [], [], [], frozenset(), "", [])
        else:
            sa, sb = bisect_left(firsts, ta), bisect_left(firsts, tb)
            at = pos[ta]
            end = pos[tb - 1] + len(words[tb - 1])
            stretch = Stretch(
                words[ta:tb],
                [x - a for x in starts[ta:tb]],
                [x - a for x in ends[ta:tb]],
                [(x - ta, y - ta, q) for x, y, q in got.sentences[sa:sb]],
                _names_between(named, named_at, ta, tb),
                got.canon[at:end],
                [x - at for x in pos[ta:tb]],
            )
            stretch.moved[a] = (starts[ta:tb], ends[ta:tb])
            stretch.moved_pos[at] = pos[ta:tb]
        out[key] = stretch
        if tb > ta:
            spans.append((stretch, pos[ta], pos[tb - 1] + len(words[tb - 1]), len(spans)))
    # Each match where it starts: in the stretch whose part of the canonical string holds it.
    at_starts = [at for _s, at, _e, _k in spans]
    found: list[list[tuple[re.Pattern[str], re.Match[str]]]] = [[] for _ in spans]
    for rx, matches in got.hits.items():
        for m in matches:
            found[bisect_right(at_starts, m.start()) - 1].append((rx, m))
    last = len(spans) - 1
    for (stretch, at, _end, k), here in zip(spans, found, strict=True):
        here.sort(key=lambda item: item[1].start())
        around = (index, k > 0, k < last)
        stretch.matches[around] = [(rx, m.start() - at) for rx, m in here]
        stretch.found[(at, *around)] = here
    return out


def _shift(items: list[int], by: int) -> list[int]:
    return list(map(add, items, repeat(by))) if by else items


_T = TypeVar("_T")


def _keep(kept: dict[int, _T], at: int, value: _T) -> _T:
    """Keep ``value`` for a stretch at ``at``, and a few places it stood before."""
    if len(kept) > 3:
        kept.clear()
    kept[at] = value
    return value


def _found(
    part: Stretch, index: Index, at: int, canon: str, before: bool, after: bool
) -> list[tuple[re.Pattern[str], re.Match[str]]]:
    """The matches in a stretch whose canonical string starts at ``at`` of ``canon``.

    Where the stretch stood at the same place in the last text, the matches
    found then are kept: they cover the same words, at the same places.
    """
    key = (at, index, before, after)
    found = part.found.get(key)
    if found is None:
        found = []
        for rx, start in _matches(part, index, before, after):
            m = rx.match(canon, at + start)
            if m is None:  # pragma: no cover - every pattern is sentence_bound
                raise AssertionError(f"{rx.pattern!r} no longer matches at {at + start}")
            found.append((rx, m))
        if len(part.found) > 3:
            part.found.clear()
        part.found[key] = found
    return found


def _matches(part: Stretch, index: Index, before: bool, after: bool) -> Matches:
    """Where the patterns match in a stretch with something before and after it or not."""
    key = (index, before, after)
    found = part.matches.get(key)
    if found is None:
        # The stretch's canonical string between the marks that stand around it.
        lead = "| " if before else ""
        canon = lead + part.canon + (" |" if after else "")
        pos = list(map(add, part.pos, repeat(len(lead)))) if before else part.pos
        hits = match_patterns(part.words, pos, canon, index, places_of(part.words))
        found = [(rx, m.start() - len(lead)) for rx, ms in hits.items() for m in ms]
        found.sort(key=itemgetter(1))
        part.matches[key] = found
    return found
