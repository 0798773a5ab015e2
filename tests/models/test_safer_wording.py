"""Using the safer wording, again and again, leaves a text that reads right.

Every text of the development corpus the check flags, and every rule's own
examples, are put through what the owner does in the window: use the safer
wording of the first warning (or of the last), check again, and so on until no
warning is left. After each use the text must read right where it changed.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from models.wording import RULES, Finding, FindingKind, scan
from models.wording.learned import LEARNED_GUESS, LEARNED_RULE
from models.wording.safer import apply, for_a_record, replacement, shown
from models.wording.training import load

DEV = Path(__file__).resolve().parents[1] / "wording_corpus" / "dev"
RISKY = frozenset({FindingKind.ADMISSION, FindingKind.BLAME_COLLEAGUE, FindingKind.PROMISE_TO_PAY})
SORRY = re.compile(r"\b(?:sorry|soz|apologi[sz]e[sd]?|apologies|apology)\b", re.IGNORECASE)
DOUBLED = re.compile(r"[,.;:!?]\s*[,.;:]|[,;:]\s*[!?]")
ORPHAN = re.compile(r"[$£€](?!\d)")  # a currency sign left without its amount
SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n")
JOINED = re.compile(r"(?:[\s,;:&\-–—]|\band\b|\bbut\b|\bso\b)*$")
I_WORDS = ("I ", "I'm ", "I’m ", "I'll ", "I've ", "I'd ")


def _sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text) if s.strip()]


def _said(sentence: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", sentence.lower()).split())


def _said_twice(text: str) -> int:
    counts = Counter(_said(s) for s in _sentences(text) if len(_said(s).split()) >= 3)
    return sum(n - 1 for n in counts.values())


def _sorry_twice(text: str) -> int:
    return sum(len(SORRY.findall(s)) >= 2 for s in _sentences(text))


TITLE_END = re.compile(r"(?<![\w.])(?:mr|mrs|ms|mx|dr|st|prof|rev)\.$", re.IGNORECASE)


def _starts_sentence(text: str, at: int) -> bool:
    """Does ``at`` start a sentence? A title's full stop ("Mrs.") ends none."""
    before = text[:at].rstrip(" \t\"'“‘(")
    if TITLE_END.search(before[-6:]):
        return False
    return not before or before[-1] in ".!?\n"


def _line_after_comma(text: str, at: int) -> bool:
    """Is ``at`` the start of a line after one ending with a comma? Either case reads
    right there: "Dear Mr Hughes,\nWe..." and "...not the road,\nthat was us"."""
    before = text[:at].rstrip(" \t")
    return before.endswith("\n") and before.rstrip()[-1:] == ","


def _changed(old: str, new: str) -> tuple[int, int, int]:
    """Where ``new`` differs from ``old``: start, end in ``old``, end in ``new``."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    tail = 0
    while tail < limit - start and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return start, len(old) - tail, len(new) - tail


def _word_end(text: str, at: int) -> int:
    """``at``, moved on to the end of the word it falls in ("£5.97" is read whole)."""
    while 0 < at < len(text) and not text[at - 1].isspace() and not text[at].isspace():
        at += 1
    return at


def problems_of_one_use(
    old: str, finding: Finding, new: str, left_out: tuple[int, int] | None = None
) -> list[str]:
    """What reads wrong in ``new``, made from ``old`` by using ``finding``'s safer
    wording (``left_out``: the words of ``old`` it left out, when it put none in)."""
    out = []
    words = finding.suggestion or ""
    if new == old:
        return ["nothing changed"]
    if words and words not in new:
        out.append(f"the wording shown {words!r} is not what was put in")
    start, old_end, new_end = _changed(old, new)
    if words:
        start = new.find(words, max(0, start - len(words)))
        new_end = start + len(words)
    elif left_out is not None:
        # Words left out: where they were ("… wrong. I signed it off, so I should
        # have…" less "I signed it off, so" reads the same as less "signed it off,
        # so I", which a comparison of the two texts would say).
        start, old_end = left_out
        new_end = start
    if words.endswith((".", "!", "?")) and new[new_end : new_end + 1].strip():
        out.append("a full stop inside the text's own sentence")
    around = new[max(0, start - 2) : new_end + 3]
    # Counted over the whole text: "the landing... that" made "went wrong... that",
    # whose "..." was there before (a window around the change may miss it).
    if DOUBLED.search(around) and len(DOUBLED.findall(new)) > len(DOUBLED.findall(old)):
        out.append(f"doubled punctuation in {around!r}")
    wider = new[max(0, start - 3) : _word_end(new, new_end + 9)]
    was_wider = old[max(0, start - 3) : _word_end(old, old_end + 9)]
    if ORPHAN.search(wider) and not ORPHAN.search(was_wider):
        out.append(f"a currency sign without its amount in {wider!r}")
    if _said_twice(new) > _said_twice(old):
        out.append("a sentence said twice")
    if _sorry_twice(new) > _sorry_twice(old):
        out.append("sorry said twice in one sentence")
    if words and not _line_after_comma(new, start):
        if _starts_sentence(new, start) and not words[0].isupper():
            out.append(f"no capital at the start of a sentence: {words!r}")
        if not _starts_sentence(new, start) and words[0].isupper():
            if not words.startswith(I_WORDS) and new[:start].rstrip()[-1:] not in ":-–—":
                out.append(f"a capital inside a sentence: {words!r}")
    else:
        rest = new[start:].lstrip()
        if rest[:1].islower() and _starts_sentence(new, len(new) - len(rest)):
            if not _starts_sentence(old, len(old) - len(old[start:].lstrip())):
                out.append("no capital where a sentence now starts")
    for after in scan(new):
        if after.kind not in RISKY and after.kind is not finding.kind:
            continue
        if words and after.start < new_end and after.end > start:
            if _sentence_of_learned_part(after, start, new_end):
                continue  # the learned part reads the whole sentence: the owner's other words
            if not _flagged_without(new, start, new_end, after.kind):
                out.append(f"still flagged: {new[after.start : after.end]!r}")
        if not words and after.start < start < after.end:
            if _sentence_of_learned_part(after, start, start):
                continue  # nothing of ours is left there: it is the owner's other words
            out.append(f"still flagged: {new[after.start : after.end]!r}")
    return out


def _sentence_of_learned_part(after, start: int, end: int) -> bool:
    """Is ``after`` a warning of the learned part over the safer wording and more?

    The learned part weighs a whole sentence; when the safer wording went into a
    sentence whose other words still admit fault, the warning stays, over them.
    """
    learned = {LEARNED_RULE.message, LEARNED_GUESS.message}
    return after.message in learned and (after.start < start or after.end > end)


def _flagged_without(text: str, start: int, end: int, kind: FindingKind) -> bool:
    """Is the rest of the sentence around ``text[start:end]`` flagged without those words?

    A warning over the safer wording and other words of its sentence is about
    those other words when they are flagged once the safer wording is taken out.
    """
    rest = text[:start] + text[end:]
    words_before = len(JOINED.sub("", rest[:start]))
    return any(f.kind is kind and f.start <= start and f.end >= words_before for f in scan(rest))


def click_through(
    text: str, *, last_first: bool = False, record: bool = False
) -> tuple[int, list[str]]:
    """Use the safer wording until no warning is left: how many uses, and what read wrong
    (``record``: the wording of a note kept for the shop)."""

    def found_in(text: str) -> list[Finding]:
        found = scan(text)
        return [f for f in (for_a_record(found) if record else found) if f.suggestion]

    found = found_in(text)
    uses, problems = 0, []
    for _ in range(2 * len(found) + 3):
        if not found:
            return uses, problems
        finding = found[-1] if last_first else found[0]
        new = apply(text, finding)
        uses += 1
        offered = shown(text, finding)  # what the owner is shown
        change = replacement(text, finding)
        gone = (change.start, change.end) if change is not None and not change.words else None
        problems += [f"{p} (in {new!r})" for p in problems_of_one_use(text, offered, new, gone)]
        if new == text:
            return uses, problems
        text = new
        found = found_in(text)
    return uses, [*problems, f"warnings still left in {text!r}"]


@cache
def flagged_texts() -> tuple[str, ...]:
    corpus = [example.text for example in load(DEV)]
    examples = [example for rule in RULES for example in rule.examples]
    return tuple(text for text in [*examples, *corpus] if scan(text))


def test_the_corpus_is_there() -> None:
    assert len(flagged_texts()) > 1_000


@pytest.mark.parametrize("last_first", [False, True], ids=["first-warning-first", "last-first"])
def test_every_flagged_text_reads_right_after_each_use(last_first: bool) -> None:
    texts = flagged_texts()
    failed: dict[str, list[str]] = {}
    uses = 0
    for text in texts:
        n, problems = click_through(text, last_first=last_first)
        uses += n
        if problems:
            failed[text] = problems
    print(f"{len(texts)} texts, {uses} uses of the safer wording, {len(failed)} read wrong")
    assert not failed, "\n".join(f"{t!r}: {p}" for t, p in list(failed.items())[:10])


def test_a_notes_safer_wording_reads_right_after_each_use() -> None:
    """The same, with the wording of a note kept for the shop ("the cause is still
    being checked"), on every third flagged text."""
    texts = flagged_texts()[::3]
    failed = {}
    for text in texts:
        _n, problems = click_through(text, record=True)
        if problems:
            failed[text] = problems
    assert not failed, "\n".join(f"{t!r}: {p}" for t, p in list(failed.items())[:10])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sorry, we broke your vase, it was our fault", "Sorry, we will look into what went wrong"),
        (
            "We broke your vase. It was our fault.",
            "I'm sorry this has happened; we will look into what went wrong.",
        ),
        (
            "The vase broke because we dropped it.",
            "The vase broke and I'm sorry this has happened; we will look into what went wrong.",
        ),
        ("We apologise, we broke it.", "We apologise, we will look into what went wrong."),
        (  # what the risky words did goes with them, not left dangling
            "We were short-staffed and our steam press broke down, which held everything up.",
            "We were short-staffed and I'm sorry this happened; we are checking what caused"
            " it and will tell you what we find.",
        ),
        ("Sorry you feel that way.", "I'm sorry this has been so frustrating."),
        (
            # a sentence over two lines is one sentence; what follows its reason stays
            "We broke the vase when we\nmoved the display on Saturday so we will refund her.",
            "I'm sorry this has happened; we will look into what went wrong so we will refund her.",
        ),
        (
            "Hi Jason, our sofa order went to the factory in the wrong colour.",
            "Hi Jason, I'm sorry this has happened; we will look into what went wrong.",
        ),
        (
            "Hi Mr. Alvarez, we fitted the wrong flue pipe. That's on us, and we're sending"
            " a crew tomorrow.",
            "Hi Mr. Alvarez, I'm sorry this has happened; we will look into what went wrong."
            " We're sending a crew tomorrow.",
        ),
        (
            # a full stop before a line break ends a sentence, even with no capital after
            "door wont lock cos we fitted the barrel the wrong way round.\nmy fault, coming"
            " back 4pm",
            "door wont lock and I'm sorry this has happened; we will look into what went"
            " wrong.\nComing back 4pm",
        ),
    ],
)
def test_safer_wording_reads_right(text: str, expected: str) -> None:
    for _ in range(5):
        found = scan(text)
        if not found:
            break
        text = apply(text, found[0])
    assert text == expected


@pytest.mark.parametrize("record", [True, False])
def test_two_wordings_put_in_one_after_another_are_not_joined_by_a_comma(record: bool) -> None:
    """ "The cause is still being checked, what we can offer is still to be agreed.":
    two whole clauses run together, as the owner's own were."""
    text = (
        "Our technician must have damaged the connector when he fitted the new screen, "
        "we will pay for a new one."
    )
    _uses, problems = click_through(text, record=record)
    assert problems == []
    found = scan(text)
    for _ in range(4):
        found = [f for f in (for_a_record(found) if record else found) if f.suggestion]
        if not found:
            break
        text = apply(text, found[0])
        found = scan(text)
    assert not re.search(r"(checked|you), (what|as a goodwill)", text), text
    assert ";" in text


@pytest.mark.parametrize(
    "text",
    [
        "She was upset. I told her sorry, our stitching must have been faulty, and that"
        " Priya will re-stitch it.",
        "She was upset. I said sorry, our stitching must have been faulty.",
    ],
)
def test_safer_wording_never_takes_the_owners_other_words_with_it(text: str) -> None:
    """Where the check knows a sentence is risky but not which of its words are, a
    safer sentence in its place would drop the promise or the apology beside the
    risky words: the warning stands alone, and nothing is offered."""
    for finding in scan(text):
        change = replacement(text, shown(text, finding))
        if change is None:
            continue
        replaced = text[change.start : change.end]
        for kept in ("Priya will re-stitch it", "sorry"):
            assert kept not in replaced or kept not in text, (replaced, change.words)


AGREED_FIXES = (
    "Replace the drill with a new one of the same model by Friday",
    "Refund the £40 to her card by Monday.",
    "We'll re-hem the dress free of charge.",
    "Please swap the kettle for a new one.",
    "Send a new lid in tomorrow's post.",
)


@pytest.mark.parametrize("agreed", AGREED_FIXES)
def test_safer_wording_never_takes_away_the_fix_that_was_agreed(agreed: str) -> None:
    """An agreed fix typed in the Resolve tab, flagged or not: using any safer
    wording offered keeps the deed ("replace", "refund"), never swaps it for an
    apology with no fix in it."""
    deed = re.sub(r"^(?:We'll|Please)\s+", "", agreed).split()[0].lower()
    for finding in scan(agreed):
        if finding.suggestion is not None:
            assert deed in apply(agreed, finding).lower(), finding


@pytest.mark.parametrize(
    "text",
    [
        "Sorry about this, we sold her a dud.",
        "Apologies for the wait, we messed up the order.",
    ],
)
def test_a_sentence_opening_with_an_apology_gets_safer_wording_for_the_rest(text) -> None:
    """Flagged as a whole sentence, it got a warning and no safer wording: the owner
    was left to rewrite it alone. The apology stays; the rest is offered instead."""
    found = [f for f in scan(text) if f.suggestion is not None]
    assert found, scan(text)
    fixed = apply(text, found[0])
    assert fixed.split(",")[0] == text.split(",")[0]  # the apology is kept
    assert scan(fixed) == []


def test_a_note_put_right_click_by_click_ends_with_no_warning_left_unhelped() -> None:
    """A note's first risky words became "The cause is still being checked,"; the
    sentence it opened was then flagged whole, the app's own words with it, with no
    safer wording to offer: the owner was left with two warnings and no help."""
    text = (
        "Rang him back. We totally messed up, the new girl Aoife wrote the wrong name on "
        "the cake and we forgot to have it ready on time. Our fault completely."
    )
    for _ in range(8):
        found = for_a_record(scan(text), text=text)
        assert all(f.suggestion is not None for f in found), found
        if not found:
            break
        text = apply(text, found[0])
    assert scan(text) == [] and text.startswith("Rang him back.")


@pytest.mark.parametrize(
    ("words", "ours"),
    [
        ("It is Tomasz's fault", "it is our fault"),
        ("Tomasz cut the hem too short", "we cut the hem too short"),
        ("Our technician fitted a faulty screen part", "we fitted a faulty screen part"),
        ("he is careless", None),  # said after "we" it would read wrong: no wording
        ("It fitted badly", None),
    ],
)
def test_a_colleague_blamed_is_said_as_the_shops_own_doing(words, ours) -> None:
    """ "It is Tomasz's fault" was offered as "We are Tomasz's fault"."""
    from models.wording.safer import as_ours

    assert as_ours(words) == ours
