"""Patterns over the canonical string, and where each one is tried.

The tokens of a text are joined into one space-separated string (sentences
with " | "). Every pattern starts with known words; the words (or word pairs)
a pattern can start with are read from the pattern itself when the index is
built, and the pattern is only tried where they stand, so the cost grows with
the text, not with the number of patterns.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain, repeat
from typing import Any

W = r"[\w'\-]+"
ADV = (
    r"(?: (?:all|entirely|completely|totally|wholly|fully|squarely|definitely|clearly|absolutely"
    r"|solely|firmly|really|100%|partly|partially|obviously|very|so|just|largely|mostly))?"
)


ALLERGEN = (
    r"(?:nuts|nut|peanuts|peanut|almonds|almond|walnuts|cashews|hazelnuts|pecans|pistachios"
    r"|gluten|wheat|dairy|milk|lactose|egg|eggs|shellfish|prawns|prawn|shrimp|crustaceans|sesame"
    r"|soy|soya|mustard|celery|lupin|sulphites|sulfites|molluscs|allergen|allergens)"
)


END_OF_WORD = re.compile(r"(?<=[\w)?+*\]])\\b")


def canon_rx(pattern: str) -> re.Pattern[str]:
    """Compile a pattern over the canonical string.

    Tokens there may contain hyphens and apostrophes ("fault-finding", "'s"), so
    a ``\\b`` that ends a word is made strict: it must not be followed by a
    letter, digit, hyphen or apostrophe.
    """
    pattern = pattern.replace("{W}", W).replace("{ADV}", ADV).replace("{ALLERGEN}", ALLERGEN)
    return re.compile(END_OF_WORD.sub(lambda _m: r"(?![\w'\-])", pattern))


# Frames the analysis reads around a statement, besides the rules' own patterns:
# reported speech, hedges, "without admitting liability" and goodwill offers.
REPORT_MARK_RE = canon_rx(
    r"\baccording to (?!our |my |the records|the logs)|\ballegedly\b|\bapparently\b"
    r"|\bsupposedly\b|\breportedly\b"
    r"|\b(?:claim|complaint|allegation|accusation|concern|report|suggestion|impression"
    r"|belief) (?:is )?that\b"
    r"|\b(?:in )?your (?:view|opinion|email|letter|message|claim|complaint|account|words|review)\b"
    r"|\bthe (?:customer|client) 's (?:claim|complaint|account|version|view)\b"
)
HEDGE_RE = canon_rx(
    r"\b(?:may|might|could) have\b(?! (?:{W} ){0,3}better)|\bit is possible\b|\bpossible that\b"
    r"|\bnot (?:yet )?(?:sure|certain|clear|known)\b|\bno idea\b|\b(?:do|does|did) not know\b"
    r"|\bcan not (?:yet )?(?:say|tell|confirm)\b|\btoo early to\b|\bunsure\b|\bunclear\b"
    r"|\bmaybe\b|\bperhaps\b|\bpossibly\b|\bposs\b|\bi (?:suspect|wonder if)\b"
    r"|\b(?:may|might|could)(?: well)? be (?:that|because|down to|due to|why|from|our|my|us"
    r"|we|the)\b"
)
WITHOUT_RE = canon_rx(
    r"\bwithout (?:admitting|accepting|conceding|acknowledging|prejudice|any admission"
    r"|admission|liability|accepting)\b|\bno admission\b"
)
GOODWILL_RE = canon_rx(
    r"\bgoodwill\b|\bgood will\b|\bgesture\b|\bcourtesy\b|\bex gratia\b|\bex-gratia\b"
    r"|\bwithout prejudice\b|\bas a one-off\b|\bone off\b"
)
FRAME_PATTERNS = (REPORT_MARK_RE, HEDGE_RE, WITHOUT_RE, GOODWILL_RE)


def lead_words(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The first word, or first two words, that any match of ``pattern`` starts with.

    Each result is "word" or "word word"; None means the list is not finite.
    The patterns of the rules all start with literal words, so instead of running each
    of them over every character, :func:`match_patterns` tries ``pattern.match`` only at
    tokens where one of these starts stands. This uses the standard library's
    regex parser; without it the patterns are simply run with finditer.
    """
    try:
        parser: Any = importlib.import_module("re._parser")
        tree = parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - other Python implementations
        return None

    def walk(items: list[Any], prefix: str, depth: int) -> set[str] | None:
        if depth > 80:
            return None
        i = 0
        while i < len(items):
            op, av = items[i]
            name = getattr(op, "name", str(op))
            if name in ("AT", "ASSERT", "ASSERT_NOT"):
                i += 1
                continue
            if name == "LITERAL":
                if av == 32:  # a space ends a word
                    if not prefix:
                        return None
                    if " " in prefix:
                        return {prefix}
                prefix += chr(av)
                i += 1
                continue
            rest = items[i + 1 :]
            if name == "SUBPATTERN":
                return walk(list(av[-1]) + rest, prefix, depth + 1)
            if name == "BRANCH":
                out: set[str] = set()
                for branch in av[1]:
                    got = walk(list(branch) + rest, prefix, depth + 1)
                    if got is None:
                        return None
                    out |= got
                return out
            if name in ("MAX_REPEAT", "MIN_REPEAT") and (av[1] == 1 or _starts_with_space(av[2])):
                got = walk(list(av[2]) + rest, prefix, depth + 1)
                if got is None:
                    return None
                if av[0] == 0:
                    skipped = walk(rest, prefix, depth + 1)
                    if skipped is None:
                        return None
                    got |= skipped
                return got
            break
        ended = i >= len(items)  # else: something that is not a plain word
        if " " in prefix:
            first_word, _, second = prefix.partition(" ")
            return {prefix} if ended and second else {first_word}
        return {prefix} if prefix and ended else None

    found = walk(list(tree), "", 0)
    if not found:
        return None
    singles = {w for w in found if " " not in w}
    return frozenset(singles | {w for w in found if w.split(" ")[0] not in singles})


def _starts_with_space(sub: Any) -> bool:
    """A repeated group that starts with a space cannot lengthen the word before it."""
    items = list(sub)
    while items:
        op, av = items[0]
        name = getattr(op, "name", str(op))
        if name == "SUBPATTERN":
            items = list(av[-1]) + items[1:]
            continue
        return name == "LITERAL" and av == 32
    return False


def needed_words(pattern: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """Text that any match of ``pattern`` contains: one of each set, e.g. "sold" or "made".

    Read from the pattern like :func:`lead_words`: a word written out in the
    pattern, or one of a choice of words, that every match must go through.
    A text holding no word of one set cannot match, so the pattern need not be
    tried at each of its start words (see :func:`match_patterns`).
    """
    try:
        parser: Any = importlib.import_module("re._parser")
        tree = parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - other Python implementations
        return ()
    if tree.state.flags & re.IGNORECASE:
        return ()

    def walk(items: list[Any], depth: int) -> list[frozenset[str]]:
        needed: list[frozenset[str]] = []
        run = ""  # letters written out one after another
        for op, av in [*items, (None, None)]:
            name = getattr(op, "name", "")
            if name == "LITERAL":
                run += chr(av)
                continue
            if len(run) >= 3:
                needed.append(frozenset({run}))
            run = ""
            if depth > 40:
                continue
            if name == "SUBPATTERN" and not av[1] & re.IGNORECASE:
                needed += walk(list(av[-1]), depth + 1)
            elif name in ("MAX_REPEAT", "MIN_REPEAT") and av[0] >= 1:
                needed += walk(list(av[2]), depth + 1)
            elif name == "BRANCH":
                either: set[str] = set()
                for branch in av[1]:
                    got = walk(list(branch), depth + 1)
                    if not got:
                        break  # this way through needs nothing in particular
                    either |= max(got, key=lambda words: min(map(len, words)))
                else:
                    needed.append(frozenset(either))
        return needed

    return tuple(walk(list(tree), 0))


Patterns = tuple[re.Pattern[str], ...]


def sentence_bound(pattern: re.Pattern[str]) -> bool:
    """Can no match of ``pattern``, nor what it looks at around it, take in a "|"?

    The canonical string joins sentences with " | ". A pattern made of words,
    spaces, word characters and assertions like ``\\b`` reads no further than
    the sentence it starts in (see :mod:`models.wording.reading`). A pattern
    with a dot, a negated class, a class of spaces or non-word characters, a
    "|" or an anchor at the start or end of the text may, and so may any
    pattern when the regex parser is not available.
    """
    try:
        parser: Any = importlib.import_module("re._parser")
        tree = parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - other Python implementations
        return False
    bar = ord("|")

    def safe(items: Any) -> bool:
        for op, av in items:
            name = getattr(op, "name", str(op))
            if name == "LITERAL":
                if av == bar:
                    return False
            elif name == "IN":
                for item_op, item_av in av:
                    item = getattr(item_op, "name", str(item_op))
                    if item == "LITERAL" and item_av != bar:
                        continue
                    if item == "CATEGORY" and getattr(item_av, "name", "") in (
                        "CATEGORY_WORD",
                        "CATEGORY_DIGIT",
                    ):
                        continue
                    if item == "RANGE" and not item_av[0] <= bar <= item_av[1]:
                        continue
                    return False
            elif name == "AT":
                if getattr(av, "name", "") not in ("AT_BOUNDARY", "AT_NON_BOUNDARY"):
                    return False
            elif name == "SUBPATTERN":
                if not safe(av[-1]):
                    return False
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                if not safe(av[2]):
                    return False
            elif name == "BRANCH":
                if not all(safe(branch) for branch in av[1]):
                    return False
            elif name in ("ASSERT", "ASSERT_NOT", "ATOMIC_GROUP"):
                if not safe(av[1] if name != "ATOMIC_GROUP" else av):
                    return False
            else:  # ANY, NOT_LITERAL, GROUPREF, ...: may take in anything
                return False
        return True

    return safe(tree)


@dataclass(frozen=True, eq=False)
class Index:
    first: dict[str, Patterns]  # patterns to try wherever this word stands
    pairs: dict[str, dict[str, Patterns]]  # ...only where this word is followed by that one
    starts: frozenset[str]  # every word in either table
    fallback: Patterns  # patterns whose start is unknown: run over the whole string
    needed: dict[re.Pattern[str], tuple[frozenset[str], ...]]  # see needed_words
    seconds: frozenset[str] = frozenset()  # every second word of a pair
    bound: bool = False  # every pattern is sentence_bound


def build_index(patterns: Iterable[re.Pattern[str]]) -> Index:
    """Where to try each pattern: at the words (or word pairs) its matches start with.

    A pattern given twice is tried once.
    """
    unique = list(dict.fromkeys(patterns))
    first: dict[str, list[re.Pattern[str]]] = {}
    pairs: dict[str, dict[str, list[re.Pattern[str]]]] = {}
    fallback: list[re.Pattern[str]] = []
    for rx in unique:
        leads = lead_words(rx)
        if leads is None:
            fallback.append(rx)
            continue
        for lead in leads:
            one, _, two = lead.partition(" ")
            if two:
                pairs.setdefault(one, {}).setdefault(two, []).append(rx)
            else:
                first.setdefault(one, []).append(rx)
    return Index(
        first={w: tuple(v) for w, v in first.items()},
        pairs={w: {x: tuple(v) for x, v in d.items()} for w, d in pairs.items()},
        starts=frozenset(first) | frozenset(pairs),
        fallback=tuple(fallback),
        needed={rx: needed for rx in unique if (needed := needed_words(rx))},
        seconds=frozenset(x for d in pairs.values() for x in d),
        bound=not fallback and all(map(sentence_bound, unique)),
    )


# A pattern tried at more start words than this is first checked with _may_match.
FEW_TRIES = 16


def _may_match(
    needed: tuple[frozenset[str], ...],
    canon: str,
    words: dict[str, list[int]],
    known: dict[str, bool],
) -> bool:
    """Does ``canon`` hold a word of each set in ``needed``? (``known`` keeps answers.)

    ``words`` are the words of ``canon``: a word among them is in it.
    """
    for either in needed:
        if not either.isdisjoint(words):
            continue
        found = False
        for word in either:
            here = known.get(word)
            if here is None:
                here = known[word] = word in canon
            if here:
                found = True
                break
        if not found:
            return False
    return True


# Above this many tokens that may start a pair, pairs are found a pair of words at a time.
MANY_PAIRS = 256


def _pairs_by_word(
    pairs: dict[str, dict[str, Patterns]],
    leads: Iterable[str],
    seconds: Iterable[str],
    places: dict[str, list[int]],
    tries: dict[re.Pattern[str], list[list[int]]],
) -> None:
    """Add to ``tries`` where each pair of words in the text stands (as match_patterns)."""
    present = set(seconds)
    before: dict[str, set[int]] = {}  # second word -> the tokens just before it
    for w in leads:
        followers = pairs[w]
        for second in present.intersection(followers):
            before_second = before.get(second)
            if before_second is None:
                before_second = before[second] = {k - 1 for k in places[second]}
            at_pair = sorted(before_second.intersection(places[w]))
            if at_pair:
                for rx in followers[second]:
                    tries.setdefault(rx, []).append(at_pair)


def match_patterns(
    words: list[str],
    pos: list[int],
    canon: str,
    index: Index,
    places: dict[str, list[int]],
) -> dict[re.Pattern[str], list[re.Match[str]]]:
    """Every pattern's matches, trying it only where one of its first words stands.

    ``pos`` gives where each word starts in ``canon``, the words joined, and
    ``places`` where each word stands, in order.
    """
    first, pairs = index.first, index.pairs
    tries: dict[re.Pattern[str], list[list[int]]] = {}  # pattern -> lists of tokens
    for w in first.keys() & places.keys():
        where_w = places[w]
        for rx in first[w]:
            tries.setdefault(rx, []).append(where_w)
    # A word pair is looked up only where a second word follows a first one.
    leads = pairs.keys() & places.keys()
    if leads:
        seconds = index.seconds.intersection(places)
        before_second = {k - 1 for w in seconds for k in places[w]}
        at_lead = before_second.intersection(chain.from_iterable(map(places.__getitem__, leads)))
        if len(at_lead) > MANY_PAIRS:
            _pairs_by_word(pairs, leads, seconds, places, tries)
        else:
            at_pair: dict[re.Pattern[str], list[int]] = {}  # pattern -> tokens its pair starts at
            for i in sorted(at_lead):
                for rx in pairs[words[i]].get(words[i + 1], ()):
                    got = at_pair.get(rx)
                    if got is None:
                        at_pair[rx] = [i]
                    else:
                        got.append(i)
            for rx, at_rx in at_pair.items():
                tries.setdefault(rx, []).append(at_rx)
    hits: dict[re.Pattern[str], list[re.Match[str]]] = {}
    in_canon: dict[str, bool] = {}
    for rx, lists in tries.items():
        at = sorted(chain.from_iterable(lists)) if len(lists) > 1 else lists[0]
        needed = index.needed.get(rx, ())
        if len(at) > FEW_TRIES and not _may_match(needed, canon, places, in_canon):
            continue  # the words every match needs are not in the text
        found = list(filter(None, map(rx.match, repeat(canon), map(pos.__getitem__, at))))
        if found:
            hits[rx] = found
    for rx in index.fallback:  # pragma: no cover - only without the regex parser
        found_all = list(rx.finditer(canon))
        if found_all:
            hits[rx] = found_all
    return hits
