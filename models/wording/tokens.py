"""Tokens with their offsets in the original text, and where sentences end.

Words are cut from the original text, so every token keeps its original start
and end; each word is normalised on its own (see :mod:`models.wording.normalise`).
Sentences end at . ! ? ; : spaced dashes, line breaks that start a new line of
thought, and capitalised sentence openers where a full stop is missing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import accumulate, compress
from typing import Any

from models.wording.lexicon import PP_LIKE, SHORT_TITLES, TITLES
from models.wording.normalise import (
    CLAUSE_BEFORE,
    EXPAND_CACHE,
    ITS_IS,
    LOST_APOSTROPHE,
    SPECIAL,
    STARTER,
    expand,
    straighten,
    word_entry,
    word_flags,
)

# The tokens, as one group so that ``split`` keeps them. Nothing follows a token
# in the pattern, so giving back characters never helps: possessive repeats
# ("++", "*+") find the same tokens without keeping the ways back.
TOKEN_SPLIT_RE = re.compile(
    r"([^\W_]++(?:['’‘`´\-][^\W_]++)*+(?:[.,:/]\d++)*+"  # a word or number, with apostrophes
    r"|[^\w\s]++|\r\n|\n|\r)"  # a run of punctuation or symbols, or a line break
)
NEXT_CHAR_RE = re.compile(r"[ \t\f\v\u00a0]*(\S?)")
SENTENCE_END = frozenset(".!…;:")
CLAUSE_MARK = frozenset(',()[]"“”«»')
BULLETS = frozenset("-*•·>–—\r\n")
Columns = tuple[list[str], list[int], list[int]]  # the words, starts and ends of the tokens


Part = tuple[list[str], list[int], list[int], list[tuple[int, int, bool]], frozenset[str]]


def tokenise(text: str) -> tuple[Columns, list[tuple[int, int, bool]], set[str]]:
    """Canonical tokens with original offsets, sentence ranges, and names addressed."""
    # Lower-case once; per word only if that changes the length (e.g. "İ").
    lowered = text.lower()
    folded = straighten(lowered)
    if len(EXPAND_CACHE) > 50_000:
        EXPAND_CACHE.clear()
    mixed_case = not text.isupper()
    if len(folded) != len(text):
        words, starts, ends, sentences, found = read_part(text, text, mixed_case, whole=False)
    else:
        pieces = None
        if not NOT_PLAIN_RE.search(folded):
            # Without capitals no word starts a sentence where a full stop is missing.
            pieces = TOKEN_SPLIT_RE.split(folded)
            offsets = list(accumulate(map(len, pieces), initial=0))
            plain = _plain_tokens(text, pieces[1::2], offsets, STARTER if lowered == text else 0)
            if plain is not None:
                return plain[0], plain[1], set()
        words, starts, ends, sentences, found = read_part(text, folded, mixed_case, pieces=pieces)
    if words and words[-1] == "'d":
        words[-1] = "would"
    return (words, starts, ends), sentences, set(found)


def read_part(
    text: str,
    source: str,
    mixed_case: bool,
    *,
    whole: bool = True,
    pieces: list[str] | None = None,
) -> Part:
    """The tokens, sentences and names addressed of ``text`` (``source`` lower-cased).

    ``whole``: lower-casing did not change the length of the text, so ``source``
    is cut into words. ``mixed_case``: the whole text is not in capitals.
    ``pieces``: ``source`` split already. The last token is left as it is (see
    :func:`tokenise`).
    """
    words: list[str] = []  # the tokens: canonical word, start and end in the original text
    starts: list[int] = []
    ends: list[int] = []
    sentences: list[tuple[int, int, bool]] = []  # token range, ends with "?"
    addressees: set[str] = set()
    sent_start = 0
    add_word, add_start, add_end = words.append, starts.append, ends.append
    text_len = len(text)
    cache = EXPAND_CACHE
    get = cache.get
    special = False  # the last token is "its", "'d", a title...: look at this one too

    def close(question: bool) -> None:
        nonlocal sent_start
        while len(words) > sent_start and words[-1] == ",":
            del words[-1], starts[-1], ends[-1]
        if len(words) > sent_start:
            sentences.append((sent_start, len(words), question))
            sent_start = len(words)

    # Split on the tokens: [gap, token, gap, token, ..., gap]; the running sum of
    # the lengths gives every token's offsets without a match object per token.
    if pieces is None:
        pieces = TOKEN_SPLIT_RE.split(source)
    offsets = list(accumulate(map(len, pieces), initial=0))
    raws = pieces[1::2]
    entries = map(get, raws) if whole else [None] * len(raws)
    for raw, s, e, entry in zip(raws, offsets[1:-1:2], offsets[2::2], entries, strict=True):
        if entry is None:
            # The commonest marks first, as the branches below would treat them.
            if raw == ",":
                if len(words) > sent_start and words[-1] != ",":
                    add_word(",")
                    add_start(s)
                    add_end(e)
                continue
            if raw == ".":
                if (e >= text_len or text[e].isspace()) and not (
                    words and words[-1] in SHORT_TITLES and len(words) > sent_start
                ):
                    close(False)  # but "Mr. Ames" goes on
                continue
            first = raw[0]
            if first.isalnum():
                low = raw if whole else straighten(raw.lower())
                entry = get(low)
                if entry is None:
                    parts = expand(low)
                    entry = (parts, word_flags(parts))
                    cache[low] = entry
            elif first in "\r\n":
                nxt = NEXT_CHAR_RE.match(text, e)
                ch = nxt.group(1) if nxt else ""
                if ch == "" or ch in BULLETS or ch.isdigit() or (ch.isupper() and mixed_case):
                    close(False)  # a new line that starts a new thought
                continue
            else:
                if "?" in raw:
                    close(True)
                elif not SENTENCE_END.isdisjoint(raw) and (
                    e >= text_len
                    or text[e].isspace()
                    or raw[-1] in "\"'”’)]"
                    or raw in ("...", "…")
                ):
                    close(False)
                elif raw in ("–", "—") or (
                    raw in ("-", "--", "---")
                    and s > 0
                    and e < text_len
                    and text[s - 1].isspace()
                    and text[e].isspace()
                ):
                    close(False)  # a dash between spaces starts a new thought
                elif raw == "&":
                    add_word("and")
                    add_start(s)
                    add_end(e)
                elif len(words) > sent_start and not CLAUSE_MARK.isdisjoint(raw):
                    if words[-1] != ",":
                        add_word(",")
                        add_start(s)
                        add_end(e)
                continue
        parts, flags = entry
        if not special and (not flags or flags == STARTER):
            # The common case: one word, and nothing to look at in the next one.
            if (
                flags
                and mixed_case
                and text[s].isupper()
                and len(words) > sent_start
                and words[-1] != ","
                and words[-1] not in TITLES
            ):
                # "...scratched table Our driver admits...": a full stop is missing
                # (close(False), with no comma to drop)
                sentences.append((sent_start, len(words), False))
                sent_start = len(words)
            add_word(parts[0])
            add_start(s)
            add_end(e)
            continue
        if (
            flags & STARTER
            and mixed_case
            and len(words) > sent_start
            and text[s].isupper()
            and words[-1] not in TITLES
            and words[-1] != ","
        ):
            close(False)  # "...scratched table Our driver admits...": a full stop is missing
        if special and len(words) > sent_start:
            prev = words[-1]
            if prev == "its" and parts[0] in ITS_IS:
                words[-1] = "it"
                add_word("is")
                add_start(starts[-1])
                add_end(ends[-1])
            elif prev == "'d":
                words[-1] = "had" if parts[0] in PP_LIKE else "would"
            elif prev in LOST_APOSTROPHE and (
                len(words) - 1 == sent_start or words[-2] in CLAUSE_BEFORE
            ):
                # "well pay for it" (we'll), "were liable" (we're), "ill call you" (I'll)
                pronoun, verb, after = LOST_APOSTROPHE[prev]
                if parts[0] in after:
                    words[-1] = pronoun
                    add_word(verb)
                    add_start(starts[-1])
                    add_end(ends[-1])
            elif prev in TITLES and text[s].isupper():
                addressees.add(parts[0])
        for part in parts:
            add_word(part)
            add_start(s)
            add_end(e)
        special = bool(flags & SPECIAL)
    close(False)
    return words, starts, ends, sentences, frozenset(addressees)


PLAIN_MARKS = frozenset({",", ".", "!", "?"})
NOT_PLAIN_RE = re.compile(r"[^\w\s,.!?]")  # a character that rules out _plain_tokens
PLAIN_ENDS = frozenset({".", "!", "?"})
# A comma next to another comma or to a mark that may end a sentence.
COMMA_PAIRS = (",,", ",.", ",!", ",?", ".,", "!,", "?,")


def _plain_tokens(
    text: str, raws: list[str], offsets: list[int], harmless: int
) -> tuple[Columns, list[tuple[int, int, bool]]] | None:
    """The tokens and sentences :func:`tokenise` makes of plain words and simple marks.

    ``raws`` are the pieces cut from the lower-cased ``text`` and ``offsets``
    where they and the gaps between them start. None unless every piece is a
    word of one token with no flags but ``harmless``, a comma, or a lone ".",
    "!" or "?", with no comma first, next to another or next to one of those
    marks. Then, as in the full pass: each word is one token; a comma has a word
    on each side, so it is kept, but a last one; "?" ends a sentence, a question;
    "." and "!" end one when a space or the end of the text follows, and are
    dropped either way.
    """
    if not raws or raws[0] == ",":
        return None
    distinct = set(raws)
    if any(raw not in PLAIN_MARKS and not raw[0].isalnum() for raw in distinct):
        return None
    marks = distinct & PLAIN_MARKS
    canonical: dict[str, str] = {mark: mark for mark in marks}
    for raw in distinct:
        if raw not in marks:
            parts, flags = word_entry(raw)
            if flags & ~harmless:
                return None
            canonical[raw] = parts[0]
    # Words start and end with a letter or digit, so a pair of marks in the joined
    # pieces is two pieces side by side.
    if "," in marks and len(marks) > 1:
        joined = "".join(raws)
        if any(pair in joined for pair in COMMA_PAIRS):
            return None
    elif "," in marks and ",," in "".join(raws):
        return None
    words = list(map(canonical.__getitem__, raws))
    starts, ends = offsets[1:-1:2], offsets[2::2]
    sentences: list[tuple[int, int, bool]] = []
    closers = list(compress(range(len(raws)), map(PLAIN_ENDS.__contains__, words)))
    if closers:
        text_len, sent_start = len(text), 0
        for k, at in enumerate(closers):
            question = words[at] == "?"
            e = ends[at]
            if (question or e >= text_len or text[e].isspace()) and not (
                words[at] == "." and at and words[at - 1] in SHORT_TITLES
            ):
                end = at - k  # the tokens before this mark
                if end > sent_start:
                    sentences.append((sent_start, end, question))
                    sent_start = end
        keep = [True] * len(raws)
        set_all(keep, closers, False)
        words = list(compress(words, keep))
        starts = list(compress(starts, keep))
        ends = list(compress(ends, keep))
    else:
        sent_start = 0
    if words and words[-1] == ",":
        del words[-1], starts[-1], ends[-1]
    if len(words) > sent_start:
        sentences.append((sent_start, len(words), False))
    return (words, starts, ends), sentences


def numbered(n: int, firsts: Iterable[int]) -> list[int]:
    """For ``n`` positions, the number of the stretch each is in, given where they start.

    The first stretch starts at 0.
    """
    marks = [0] * n
    set_all(marks, firsts, 1)
    if n:
        marks[0] = 0
    return list(accumulate(marks))


def set_all(items: list[Any], where: Iterable[int], value: object) -> None:
    """``items[k] = value`` for each ``k`` in ``where``."""
    for k in where:
        items[k] = value
