"""What was given, read from the words of a shop's old log ("Refunded £25", "gave
her a £10 voucher and replaced the lid"), for a file that has no column saying so.

Only what reads as done is taken: "wants a refund", "refund refused", "no refund",
"will refund when the part comes" and "offered a voucher" give nothing, since an
old log's words about a wish, a refusal or a plan are not redress given. Each kind
is taken once, with the amount written nearest to it in the same clause.
"""

from __future__ import annotations

import re

from models.redress import Given

# Each kind of redress (a key of models.choices.REDRESS) and the words that name it
# as done or given. A bare noun counts ("Full refund £20"): old logs are terse.
_KIND_WORDS: tuple[tuple[str, str], ...] = (
    (
        "refund",
        r"refund(?:ed|s)?|money back|paid (?:him|her|them) back|"
        # an amount handed back: "gave £10 back in cash", "gave her back £10"
        r"(?:gave|given|handed|paid)\s+(?:(?:him|her|them)\s+)?[£$€]?\s?\d[\d.,]*\s+"
        r"(?:(?:in\s+)?cash\s+)?back|"
        r"(?:gave|given|handed|paid)\s+(?:(?:him|her|them)\s+)?back(?=\s+[£$€]?\s?\d)",
    ),
    ("replacement", r"replace(?:d|ment)|swapp?ed|exchanged|new one (?:sent|given)"),
    (
        "repair",
        r"repair(?:ed)?|re-?did|redone|re-?done|re-?do|fixed|mended|sewed|sewn|"
        r"stitched|re-?clean(?:ed)?|re-?pressed|re-?washed|re-?made|"
        # any work done again: re-hemmed, re-covered, re-fitted, re-sewn, re-set
        r"re-[a-z]{2,}(?:ed|en|wn|t)",
    ),
    ("credit", r"credit(?:ed)?(?! ?card)|store credit|account credit"),
    ("voucher", r"voucher|gift ?card|gift token"),
    (
        "goodwill",
        r"goodwill|complimentary|on the house|discount(?:ed)?|\d{1,2} ?% off|"
        r"off (?:the|your|her|his|their|next)",
    ),
)
_KIND = re.compile(
    "|".join(rf"(?P<{kind}>\b(?:{words})\b)" for kind, words in _KIND_WORDS), re.IGNORECASE
)

# Words before a kind, in its clause, that make it a wish, a refusal or a plan.
_NOT_GIVEN = re.compile(
    r"\b(?:no|not|never|refused|declined|denied|rejected|wants?|wanted|asks?|asked|"
    r"asking|requested|demands?|demanded|offered|offer|promised|promise|owe|owed|will|"
    r"would|shall|going to|to be|"
    r"pending|awaiting|waiting|if|unless|might|may|could|should|instead of|ordered|"
    r"on order)\b|n't\b",
    re.IGNORECASE,
)
# Words after a kind that do the same ("refund refused", "replacement on order").
_NOT_GIVEN_AFTER = re.compile(
    r"^\W*(?:\w+\W+){0,2}?(?:refused|declined|denied|rejected|not|pending|requested|"
    r"wanted|due|on order|ordered|to follow|next week|tomorrow)\b"
    # a promise is no thing given, however it is worded before it ("refund of the
    # duplicate charge £40 promised")
    r"|^\W*(?:\w+\W+){0,6}?(?:promised|owed)\b",
    re.IGNORECASE,
)
_AMOUNT = re.compile(
    r"(?:[£$€]\s?(?P<a>\d{1,7}(?:[.,]\d{3})*(?:\.\d{1,2})?)"
    r"|(?P<b>\d{1,7}(?:\.\d{1,2})?)\s?(?:gbp|eur|usd|pounds?|euros?|dollars?|quid)\b"
    r"|(?P<c>\d{1,7}\.\d{2})\b)",
    re.IGNORECASE,
)
# Clauses end at a full stop (not a decimal point), a comma (not a thousands
# comma), other stops, a line break and "but"/"then".
_CLAUSE = re.compile(
    r"(?:(?<!\d)\.|\.(?!\d)|,(?!\d{3}\b)|[;!?\n])+|\b(?:but|then)\b", re.IGNORECASE
)


def _amounts(clause: str) -> list[tuple[int, int, float]]:
    found = []
    for match in _AMOUNT.finditer(clause):
        text = (match.group("a") or match.group("b") or match.group("c")).replace(",", "")
        found.append((match.start(), match.end(), float(text)))
    return found


# Words around "replaced" that are not the thing replaced.
_NOT_THE_THING = frozenset(
    {
        "the", "a", "an", "her", "his", "their", "its", "your", "my", "our",
        "this", "that", "these", "those", "new", "old", "broken", "damaged", "faulty", "whole",
        "free", "we", "i", "they", "he", "she", "it", "them", "one", "both",
        "was", "were", "been", "is", "are", "has", "have", "had", "and", "with",
        "for", "on", "in", "at", "by", "under", "as", "because",
    }
)  # fmt: skip
_OBJECT_WORD = re.compile(r"[a-z][a-z'-]*", re.IGNORECASE)


def _stem(word: str) -> str:
    word = word.lower().strip("'-")
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _replaced_thing(clause: str, start: int, end: int) -> list[str]:
    """The words naming what a clause says was replaced: after the verb ("replaced
    the scorched panel"), else before it ("scorch panel replaced")."""
    after = _OBJECT_WORD.findall(clause[end:])[:4]
    before = _OBJECT_WORD.findall(clause[:start])[-4:]
    for words in (after, before):
        thing = [w for w in words if w.lower() not in _NOT_THE_THING]
        if thing:
            return thing
    return []


def _a_part_replaced(clause: str, start: int, end: int, product: str) -> bool:
    """A verb of replacing whose object is not the product itself: a part of it
    ("replaced the scorched panel" of an iron) was put right, which is a repair."""
    if not product or not re.match(r"replaced?\b|swapp?ed|exchanged", clause[start:end], re.I):
        return False
    thing = {_stem(word) for word in _replaced_thing(clause, start, end)}
    named = {_stem(word) for word in _OBJECT_WORD.findall(product)}
    return bool(thing) and not thing & named


def _a_part_named(clause: str, start: int, end: int, product: str) -> bool:
    """ "Replacement" naming a part rather than a thing given: "the replacement
    screen from the supplier is faulty" (one already there), "a replacement
    screen" of a phone."""
    before = _OBJECT_WORD.findall(clause[:start])[-1:]
    following = _OBJECT_WORD.match(clause[end:].lstrip())
    if before and before[0].lower() in ("the", "this", "that", "these", "those") and following:
        word = following.group(0).lower()
        return word not in _AFTER_A_REPLACEMENT and word not in _NOT_THE_THING
    if not product or following is None:
        return False
    word = following.group(0).lower()
    if word in _NOT_THE_THING or word in _AFTER_A_REPLACEMENT:
        return False
    return _stem(word) not in {_stem(w) for w in _OBJECT_WORD.findall(product)}


# Words after "replacement" that say one was given ("replacement sent").
_AFTER_A_REPLACEMENT = frozenset(
    {
        "sent", "given", "issued", "made", "posted", "supplied", "provided",
        "offered", "agreed", "of", "to", "from", "delivered", "collected", "handed",
    }
)  # fmt: skip


def read(text: str, product: str = "") -> tuple[Given, ...]:
    """The things ``text`` says were given, in the order it says them; () for none.
    With the ``product`` complained of, a part of it replaced is read as a repair."""
    given: dict[str, Given] = {}
    for clause in _CLAUSE.split(text):
        kinds = [
            (match.start(), match.end(), match.lastgroup or "")
            for match in _KIND.finditer(clause)
            if not _NOT_GIVEN.search(clause[: match.start()])
            and not _NOT_GIVEN_AFTER.match(clause[match.end() :])
        ]
        kinds = [
            (at, end, "repair" if kind == "replacement" and _a_part_replaced(
                clause, at, end, product) else kind)
            for at, end, kind in kinds
            if not (kind == "replacement" and clause[at:end].lower().startswith("replacement")
                    and _a_part_named(clause, at, end, product))
        ]  # fmt: skip
        if not kinds:
            continue
        values: dict[int, float] = {}
        for at, end, amount in _amounts(clause):
            # The amount goes with the kind written nearest it, a kind just before it
            # first: "refunded £12 and re-did them free" is a refund of 12.
            nearest = min(
                range(len(kinds)),
                key=lambda k: (
                    (at - kinds[k][1], 0) if kinds[k][1] <= at else (kinds[k][0] - end, 1)
                ),
            )
            values.setdefault(nearest, amount)
        for k, (_, _end, kind) in enumerate(kinds):
            if kind not in given:
                given[kind] = Given(kind, values.get(k))
    return tuple(given.values())
