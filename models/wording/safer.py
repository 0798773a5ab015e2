"""Safer wording that reads right where it goes.

Each rule suggests one safer sentence ("I'm sorry this has happened; we will look
into what went wrong."). Put as it is in place of the risky words, it would often
read wrong: a full stop inside a sentence, a capital after a comma, "Sorry, I'm
sorry", or the same sentence twice once a second finding of the same text is
fixed. :func:`fitted` fits a rule's sentence to where a finding stands; what is shown
(:func:`shown`) is the fitted wording, so the wording shown is exactly what
:func:`replacement` (and :func:`apply`) puts in. The rule, in one place:

- The sentence is cut at its semicolons into parts. A part the text already says
  is left out, and so is an apology part ("I'm sorry this has happened") when the
  sentence, or the one before or after it, already says sorry.
- Inside a sentence the wording starts in lower case ("I" stays "I") and has no
  full stop: the punctuation after the risky words stays. In place of a whole
  sentence it starts with a capital and ends with that sentence's full stop.
- A greeting the risky words start with ("Hi Jason, ...") stays. Words that only
  make sense with the risky words go with them: a reason or a time right after
  them ("... because we rushed it", "when we moved it"), what they led to (",
  which is why ..."), an aside in brackets, the currency sign of an amount. A
  word that made them a reason or a time of what comes before ("The vase broke
  because we dropped it") goes too, and the wording starts with "and".
- When every part is said already the suggestion is empty: the risky words are
  left out with the comma, dash or "and" joining them to their sentence, or,
  when they are the whole sentence, with its full stop; a sentence that now
  starts with their next word gets its capital.

Where the wording goes is read within the line (paragraph) of the finding; what
the text already says is read over the whole text given, as the check reads it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from models.wording import messages
from models.wording.findings import Finding, FindingKind
from models.wording.lexicon import word_set
from models.wording.tokens import BULLETS

_SORRY = re.compile(
    r"\b(?:sorry|soz|sry|apologi[sz]e[sd]?|apologi[sz]ing|apologies|apology|regret(?:s|ted)?)\b",
    re.IGNORECASE,
)
# A sentence ends at . ! ? (followed by a space, a closing quote or the end) or a line break.
# A line break that the check reads as going on with the sentence ("when we\nmoved
# the display") is not the end of a paragraph or a sentence here either.
_LINE_BREAK = re.compile(r"\n")


def _new_thought(text: str, at: int) -> bool:
    """Does the line starting at ``at`` start a new thought, as the check reads it (see
    :func:`models.wording.tokens.tokenise`): nothing, a bullet, a digit or a capital?"""
    rest = text[at:].lstrip(" \t")
    first = rest[:1]
    return (
        not first or first in BULLETS or first.isdigit() or (first.isupper() and not text.isupper())
    )


SENTENCE_END = re.compile(r"[.!?…]+(?=[\s\"'”’)\]]|$)|\n")
_GREETING = re.compile(
    r"(?:hi|hiya|hello|hey|dear|morning|afternoon|evening|good (?:morning|afternoon|evening))\b"
    r"(?P<name>(?:[^\n.!?,;:]|(?<=\b(?:mr|ms|mx|dr|st))\.|(?<=\bmrs)\.){0,40}?)"
    r"(?:,[ \t]*|[ \t]*\n[ \t]*)",
    re.IGNORECASE,
)
# A full stop after these does not end a sentence: "Hi Mr. Alvarez".
_TITLE = re.compile(r"(?<![\w.])(?:mr|mrs|ms|mx|dr|st|prof|rev)\.$", re.IGNORECASE)
# Words that make the risky words a reason or a time of what comes before them.
_SUBORDINATE = word_set(
    "because cos coz cuz bc becuase becasue since as which when whenever while whilst"
    " though although tho after so"
)
_WORD_BEFORE = re.compile(r"(?<![\w'’])(\w+)[ \t]+$")
# Words after the risky words that only make sense with them: what they were
# about (in brackets), when or why they happened, and what they led to.
# The rest of a clause: up to a mark, or a line break that starts a new thought.
# (or a word that starts a clause of its own: "... when we moved it so we will refund").
_REST = r"(?:(?!\s+(?:so|and|but|then|yet)\b)(?:[^,.;:!?\n]|\n(?=[ \t]*(?-i:[a-z]))))*"
_TAIL = re.compile(
    (
        r"[ \t]*\([^()\n]{0,80}\)"
        r"|,?[ \t]+(?:because|cos|coz|cuz|bc|becuase)\b{REST}"
        r"|,?[ \t]+especially (?:as|since|when|because)\b{REST}"
        r"|[ \t]+(?:when|whenever|while|whilst|as|since|though"
        r"|although|tho|until|till|before|after)\b{REST}"
        r"|,?[ \t]+(?:(?:and )?(?:that's|that’s|thats|that is|which is|which was) (?:why|how)"
        r"|which (?:meant|means|caused|causes|led|leads|resulted|results)|hence)\b{REST}"
        # ", which held everything up": what the risky words did goes with them
        r"|,[ \t]+which\b{REST}"
    ).replace("{REST}", _REST),
    re.IGNORECASE,
)
# What joins risky words to the words before them in the same sentence.
_JOIN_BEFORE = re.compile(
    r"(?:[ \t]*[,;:]|[ \t]+[-–—])?(?:[ \t]+(?:and|but|so|&)(?=[ \t]|$))?[ \t]*$"
)
# What joins a sentence's first clause to the rest of it.
_JOIN_AFTER = re.compile(r"[ \t]*(?:[,;:]|[-–—])?[ \t]*(?:(?:and|but|so|&)(?=[ \t]))?[ \t]*")
_STOP = re.compile(r"[ \t]*([.!?…]+)(?=[\s\"'”’)\]]|$)")
_LOOK_BACK = 40  # characters: the joining words before risky words are looked for in these
_OPENING = "\"'“‘([«"
_ATTACHED = "$£€¥#"
_I_WORDS = frozenset({"i", "i'm", "i’m", "i'll", "i’ll", "i've", "i’ve", "i'd", "i’d"})


#: What the window says of a finding whose safer wording is to leave its words out.
LEAVE_OUT = "leave these words out; the text already says sorry, or the safer words, near them."
# The same for a solution offered or agreed (see :func:`for_a_solution`).
LEAVE_OUT_OF_SOLUTION = "leave these words out; the solution stands without giving a cause."


@dataclass(frozen=True)
class Replacement:
    """Put ``words`` in place of ``text[start:end]``."""

    start: int
    end: int
    words: str


class _Text:
    """One text read for fitting: its line breaks, sentence ends and apologies, once."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._breaks: list[int] | None = None
        self._ends: list[int] | None = None
        self._sorry: list[int] | None = None
        self._said: dict[str, list[int]] = {}
        self._lower: str | None = None

    def paragraph(self, start: int, end: int) -> tuple[int, int]:
        """The line holding ``text[start:end]`` (from after a line break to the next)."""
        if self._breaks is None:
            self._breaks = [
                m.start()
                for m in _LINE_BREAK.finditer(self.text)
                if _new_thought(self.text, m.end())
            ]
        breaks = self._breaks
        k = bisect_left(breaks, start)
        lo = breaks[k - 1] + 1 if k else 0
        k = bisect_left(breaks, end)
        hi = breaks[k] if k < len(breaks) else len(self.text)
        return lo, hi

    def sentence_ends(self) -> list[int]:
        if self._ends is None:
            self._ends = [
                m.end()
                for m in SENTENCE_END.finditer(self.text)
                if m.group() != "\n" or _new_thought(self.text, m.end())
            ]
        return self._ends

    def near(self, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
        """From the start of the sentence before ``start`` to the end of the one after ``end``."""
        ends = self.sentence_ends()
        k = bisect_right(ends, start)  # ends[k - 1] <= start: where this sentence starts
        first = ends[k - 2] if k >= 2 else 0
        k = bisect_right(ends, end)  # ends[k] > end: where this sentence ends
        last = ends[k + 1] if k + 1 < len(ends) else len(self.text)
        return max(first, lo), min(last, hi)

    def says_sorry(self, lo: int, hi: int, skip: tuple[int, int]) -> bool:
        if self._sorry is None:
            self._sorry = [m.start() for m in _SORRY.finditer(self.text)]
        return _any_in(self._sorry, lo, hi, skip)

    def says(self, part: str, lo: int, hi: int, skip: tuple[int, int]) -> bool:
        """Does ``text[lo:hi]``, outside ``skip``, say ``part`` (any case, any spacing)?"""
        found = self._said.get(part)
        if found is None:
            if self._lower is None:
                self._lower = self.text.lower()
            plain = [w for w in part.lower().split() if "'" not in w and "’" not in w]
            if any(word not in self._lower for word in plain):
                found = []  # one of its words is nowhere in the text: the quick answer
            else:
                found = [m.start() for m in _said_rx(part).finditer(self.text)]
            self._said[part] = found
        return _any_in(found, lo, hi, skip)

    def says_anywhere(self, part: str, skip: tuple[int, int]) -> bool:
        return self.says(part, 0, len(self.text), skip)

    def starts_sentence(self, lo: int, at: int) -> bool:
        # A line break inside a paragraph ("...round.\nmy fault, ...") is a space
        # here: the full stop before it still ends a sentence.
        text = self.text
        at = _back(text, lo, at, " \t\r\n")
        at = _back(text, lo, at, _OPENING)
        at = _back(text, lo, at, " \t\r\n")
        if at == lo:
            return True
        if text[at - 1] == "." and _TITLE.search(text, max(lo, at - 6), at):
            return False
        return text[at - 1] in ".!?…"

    def sentence_start(self, lo: int, at: int) -> int:
        """Where the sentence holding ``at`` starts (a title's full stop ends none)."""
        text, ends = self.text, self.sentence_ends()
        k = bisect_right(ends, at)
        while k > 0 and ends[k - 1] > lo:
            end = ends[k - 1]
            if text[end - 1] != "." or not _TITLE.search(text, max(lo, end - 6), end):
                return _ahead(text, end, at, " \t")
            k -= 1
        return lo


def _back(text: str, lo: int, at: int, chars: str) -> int:
    """Where a run of ``chars`` ending at ``at`` starts (not before ``lo``)."""
    while at > lo and text[at - 1] in chars:
        at -= 1
    return at


def _ahead(text: str, at: int, hi: int, chars: str) -> int:
    """Where a run of ``chars`` starting at ``at`` ends (not after ``hi``)."""
    while at < hi and text[at] in chars:
        at += 1
    return at


def _any_in(places: list[int], lo: int, hi: int, skip: tuple[int, int]) -> bool:
    k = bisect_left(places, lo)
    while k < len(places) and places[k] < hi:
        if not skip[0] <= places[k] < skip[1]:
            return True
        k += 1
    return False


@lru_cache(maxsize=64)
def _said_rx(part: str) -> re.Pattern[str]:
    words = [re.sub("['’]", "['’]", re.escape(w)) for w in part.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def _parts(suggestion: str) -> list[str]:
    """The rule's sentence cut at its semicolons, without its full stop."""
    body = suggestion.strip().rstrip(".!").strip()
    return [part.strip() for part in body.split(";") if part.strip()]


def _case(words: str, capital: bool) -> str:
    first = words.split(" ", 1)[0].lower()
    if capital:
        return words[:1].upper() + words[1:]
    if first in _I_WORDS:
        return words
    return words[:1].lower() + words[1:]


@dataclass(frozen=True)
class _Place:
    """Where the wording goes: ``text[start:end]``, after ``lead``, with a capital or not.

    ``stop`` is the full stop (or ! or ?) ending a whole sentence the wording
    replaces: the wording then ends with it.
    """

    start: int
    end: int
    lead: str = ""
    capital: bool = False
    stop: str = ""


_NAME_LINKS = word_set("and or mr mrs ms mx dr st")


def _names(words: str) -> bool:
    """Whether the words after a greeting name someone ("Mr and Mrs Patel", "jo",
    "team") rather than start what is said ("yes u were charged twice")."""
    parts = words.replace(".", " ").split()
    if len(parts) <= 2:
        return True
    return len(parts) <= 4 and all(
        p[0].isupper() or p == "&" or p.lower() in _NAME_LINKS for p in parts
    )


def _our_clauses() -> list[str]:
    """The last clause of each wording the check puts in, as it reads mid-sentence."""
    said = [
        value
        for name, value in vars(messages).items()
        if isinstance(value, str) and (name.endswith("SUGGESTION") or name == "SORRY")
    ]
    return sorted({_parts(text)[-1].lower() for text in said if _parts(text)}, key=len)


# Wording of ours followed by a comma, just before the risky words it was put in for.
_AFTER_OUR_WORDING = re.compile(
    r"(?i:"
    + "|".join(re.escape(clause).replace("'", "['’]") for clause in _our_clauses()[::-1])
    + r")(?P<comma>[ \t]*,[ \t]*)"
)


def _place(view: _Text, start: int, end: int) -> _Place:
    """Where the wording goes for a finding over ``text[start:end]``."""
    text = view.text
    lo, hi = view.paragraph(start, end)
    at = start
    while at > lo and text[at - 1] in _ATTACHED:  # "$41.60"
        at -= 1
    greeting = _GREETING.match(text, view.sentence_start(lo, at), end)
    if greeting is not None and at <= greeting.end() < end and _names(greeting.group("name")):
        at = greeting.end()
    while (tail := _TAIL.match(text, end, hi)) is not None and tail.end() > end:
        end = tail.end()
    word = _WORD_BEFORE.search(text, max(lo, at - _LOOK_BACK), at)
    if word is not None and word.group(1).lower() in _SUBORDINATE and word.end() == at:
        if not view.starts_sentence(lo, word.start(1)):
            return _Place(word.start(1), end, lead="and ")
        at = word.start(1)
    if not view.starts_sentence(lo, at):
        comma = _AFTER_OUR_WORDING.search(text, lo, at)
        if comma is not None and comma.end() == at:
            # After wording of ours put in before it ("The cause is still being
            # checked, we will pay…"): two whole clauses, so a semicolon, not a comma.
            return _Place(comma.start("comma"), end, lead="; ")
        return _Place(at, end)
    stop = _STOP.match(text, end, hi)
    if stop is not None:
        return _Place(at, stop.end(), capital=True, stop=stop.group(1))
    return _Place(at, end, capital=True)


def _left_out(view: _Text, place: _Place) -> Replacement:
    """Leave ``place`` out with what joins it to its sentence."""
    text = view.text
    start, end = place.start, place.end
    lo, hi = view.paragraph(start, end)
    if not place.capital:
        joined = _JOIN_BEFORE.search(text, max(lo, start - _LOOK_BACK), start)
        cut = joined.start() if joined is not None else start
        return Replacement(cut, end, "")
    rest_blank = _ahead(text, end, hi, " \t\r") == hi
    if place.stop or rest_blank:
        # a whole sentence: the spaces after it go too, or the spaces before it
        # when nothing follows on the line
        if not rest_blank:
            return Replacement(start, _ahead(text, end, hi, " \t"), "")
        return Replacement(_back(text, lo, start, " \t"), end, "")
    joined = _JOIN_AFTER.match(text, end, hi)
    after = joined.end() if joined is not None else end
    if after < hi and text[after].islower():
        return Replacement(start, after + 1, text[after].upper())
    return Replacement(start, after, "")


def _words(view: _Text, place: _Place, suggestion: str) -> str:
    """The rule's ``suggestion`` fitted to ``place``; empty to leave the words out."""
    lo, hi = view.paragraph(place.start, place.end)
    skip = (place.start, place.end)
    near_lo, near_hi = view.near(place.start, place.end, lo, hi)
    if place.lead and suggestion.startswith(place.lead):  # fitted already
        suggestion = suggestion[len(place.lead) :]
    kept = []
    for part in _parts(suggestion):
        if view.says_anywhere(part, skip):
            continue
        if _SORRY.search(part) and view.says_sorry(near_lo, near_hi, skip):
            continue
        kept.append(part)
    if not kept:
        return ""
    return place.lead + _case("; ".join(kept), place.capital) + place.stop


def _change(view: _Text, place: _Place, words: str) -> Replacement:
    return Replacement(place.start, place.end, words) if words else _left_out(view, place)


# What a record kept for the shop (a note, a finding, a follow-up's outcome) says in
# place of risky words: it reads as a record, not as words said to the customer
# ("Told her sorry, the cause is still being checked.", not "Told her sorry, I'm
# looking into it and will come back to you.").
RECORD_WORDING: dict[FindingKind, str] = {
    FindingKind.ADMISSION: messages.RECORD_CAUSE_SUGGESTION,
    FindingKind.BLAME_COLLEAGUE: messages.RECORD_CAUSE_SUGGESTION,
    FindingKind.SPECULATION: messages.RECORD_CAUSE_SUGGESTION,
    FindingKind.PROMISE_TO_PAY: messages.RECORD_PAY_SUGGESTION,
    FindingKind.NON_APOLOGY: messages.RECORD_SORRY_SUGGESTION,
}


# One colleague named or described at the start of the words that blame them ("Kofi",
# "Our new technician", "The new girl Aoife"), then what they did.
_COLLEAGUE_DID = re.compile(
    r"^(?:(?i:our|my|the|a|an)\s+(?i:(?:new|young|junior|senior|other|temp|weekend|trainee)\s+)*"
    r"[a-z][\w-]*(?:\s+[A-Z][\w'’-]*)?|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)\s+(?P<rest>\S.*)$",
    re.DOTALL,
)
# Verbs that read as well after "we" as after one person, and those that change.
_SAME_AFTER_WE = word_set(
    "must might may could should would will did didn't had hadn't can can't cannot put"
    " broke forgot sold left cut sent gave took made got lost told wrote set fit"
)
_AFTER_WE = {"is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't",
             "wasn't": "weren't", "hasn't": "haven't", "doesn't": "don't"}  # fmt: skip


# Words that start a sentence as a name would, and are none ("It is Tomasz's fault").
_NOT_A_NAME = word_set(
    "it he she they this that there these those what which who i we you his her their"
    " its one someone somebody everyone nobody"
)
# "Tomasz's fault": whose fault, said as the shop's.
_WHOSE_FAULT = re.compile(
    r"\b[A-Z][\w-]*['’]s (?=(?:fault|mistake|error|doing|responsibility|blunder)\b)"
)


def as_ours(words: str) -> str | None:
    """The words that blame one colleague, said as the shop's own doing: "Our
    technician fitted a faulty screen part" → "we fitted a faulty screen part", "It is
    Tomasz's fault" → "it is our fault"; None where the deed cannot be said after "we"
    as it stands ("Kofi forgets", "he is careless")."""
    words = words.strip()
    if _WHOSE_FAULT.search(words):
        said = _WHOSE_FAULT.sub("our ", words, count=1)
        return said[:1].lower() + said[1:]
    found = _COLLEAGUE_DID.match(words)
    if found is None or words.split()[0].lower() in _NOT_A_NAME:
        return None
    rest = found.group("rest")
    verb, _, after = rest.partition(" ")
    key = verb.lower().replace("’", "'")
    if key in _AFTER_WE:
        verb = _AFTER_WE[key]
    elif not (key in _SAME_AFTER_WE or key.endswith("ed")):
        return None
    return f"we {verb} {after}".strip()


def for_a_record(
    findings: Sequence[Finding], *, fault_is_ours: bool = False, text: str = ""
) -> list[Finding]:
    """``findings`` of ``text``, a note kept for the shop, each with a record's safer
    wording (:data:`RECORD_WORDING`) where its rule offers one. Once the fault is
    found ours, a colleague blamed is said as the shop's own doing ("we fitted a
    faulty part", :func:`as_ours`), neither "the cause is still being checked",
    which the finding contradicts, nor "we got this wrong", which loses what was
    found; where it cannot be, the warning comes with no wording to put in."""
    out = []
    for f in findings:
        if f.suggestion is None:
            out.append(f)
        elif fault_is_ours and f.kind is FindingKind.BLAME_COLLEAGUE:
            out.append(replace(f, suggestion=as_ours(text[f.start : f.end]) if text else None))
        else:
            out.append(replace(f, suggestion=RECORD_WORDING[f.kind]))
    return out


# Kinds whose words say (or guess at) a cause: in a solution they are left out.
_CAUSE_KINDS = (FindingKind.ADMISSION, FindingKind.BLAME_COLLEAGUE, FindingKind.SPECULATION)
# A word inside a finding's words that starts the reason it gives for what comes
# before it ("Full refund as we broke it").
_REASON_WORD = re.compile(r"(?<![\w'’])(?:because|becuase|cos|coz|cuz|since|as)[ \t]+(?=\w)", re.I)


def for_a_solution(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """``findings`` of ``text``, the solution offered or agreed: what the shop will do,
    which its letter repeats. Words that say, guess at or blame a cause are left out
    and the solution stays: "Full refund as we broke it." becomes "Full refund.",
    not an apology in place of the refund. A finding whose words hold the solution
    too keeps it: only its reason is marked and left out. A promise to pay keeps its
    rule's wording (a goodwill gesture, without accepting liability)."""
    out = []
    for finding in findings:
        if finding.suggestion is None or finding.kind not in _CAUSE_KINDS:
            out.append(finding)
            continue
        start = finding.start
        reason = _REASON_WORD.search(text, finding.start, finding.end)
        if reason is not None and text[finding.start : reason.start()].strip():
            start = reason.end()
        out.append(replace(finding, start=start, suggestion=""))
    return out


def fitted(text: str, findings: Sequence[Finding]) -> list[Finding]:
    """``findings`` of ``text``, each with the rule's suggestion fitted to where it stands."""
    if not findings:
        return list(findings)
    view = _Text(text)
    out = []
    for finding in findings:
        if finding.suggestion is None:
            out.append(finding)
            continue
        words = _words(view, _place(view, finding.start, finding.end), finding.suggestion)
        out.append(finding if words == finding.suggestion else replace(finding, suggestion=words))
    return out


def shown(text: str, finding: Finding) -> Finding:
    """``finding`` of ``text`` with its rule's suggestion fitted: what the owner is
    shown, and what :func:`replacement` puts in."""
    return fitted(text, [finding])[0]


def replacement(text: str, finding: Finding) -> Replacement | None:
    """What putting the finding's suggestion in, fitted, does to ``text``, or None.

    ``finding`` is as :func:`models.wording.scan` gives it, with its rule's wording.
    """
    if finding.suggestion is None:
        return None
    view = _Text(text)
    place = _place(view, finding.start, finding.end)
    return _change(view, place, _words(view, place, finding.suggestion))


def apply(text: str, finding: Finding) -> str:
    """``text`` with the finding's suggestion put in place of its risky words."""
    change = replacement(text, finding)
    if change is None:
        return text
    return text[: change.start] + change.words + text[change.end :]
