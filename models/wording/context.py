"""Is a statement asserted? Questions, conditions, reported speech, hedges, frames.

A statement is only a finding when it is asserted: not in a question, a
conditional, reported speech ("she says..."), an embedded question ("we're
looking into what happened"), after a hedge ("maybe"), or in a goodwill or
"without admitting liability" frame.
"""

from __future__ import annotations

from models.wording.agents import FIRST, OURS, STAFF, AgentDoc
from models.wording.lexicon import (
    COND,
    COND_LEAD,
    COND_TRIGGER,
    CONTACT_VERBS,
    CONTEXT_WORDS,
    CONTRAST,
    CUSTOMER_WORDS,
    EMBED_WH,
    FIRST_PRON,
    GUESS_STARTS,
    HEDGE_SENTENCE_WIDE,
    KNOWN,
    NOTE_SPEECH,
    OPENERS,
    PEOPLE,
    PEOPLE_ROLES,
    Q_AUX,
    Q_START,
    Q_SUBJECT,
    Q_WH,
    REPORT_SUBJ_SKIP,
    REPORT_VERBS,
    SPEECH_VERBS,
    SUBJ_START,
    THIRD,
    TITLES,
    YOU_WORDS,
)
from models.wording.patterns import GOODWILL_RE, HEDGE_RE, REPORT_MARK_RE, WITHOUT_RE

# A verb of writing followed by what was written ("wrote the wrong name", "wrote down
# the wrong number") is a deed, not words reported.
WRITING = frozenset({"wrote", "writes", "write", "writing", "written"})
WRITTEN_THING = frozenset({"the", "a", "an", "down", "his", "her", "their", "your", "our", "my"})


class SentCtx:
    """Whether statements in one sentence are asserted, and from which token on."""

    def __init__(self, doc: AgentDoc, si: int) -> None:
        a, b, q = doc.sentences[si]
        words = doc.words
        self.a, self.b = a, b
        self.clause_of = doc.clause_of
        self.clause_block: dict[int, int] = {}
        inf = b + 1
        # Most sentences have none of the words the tests below look for.
        self.plain = (
            not q
            and words[a] not in Q_START
            and CONTEXT_WORDS.isdisjoint(words[a:b])
            and si not in doc.framed_sentences()
        )
        if self.plain:
            self.question = self.goodwill = False
            self.cond: set[int] = set()
            self.reported_from = self.hedge_from = self.without_from = inf
            self.frame_until = b
            return
        self.question = _is_question(doc, a, b, q)
        clauses = doc.sent_clauses[si]
        self.cond = _conditions(doc, a, b, clauses)
        # reported speech, hedges, embedded questions, "without admitting"
        self.reported_from = self._reported_from(doc, si, inf)
        self.hedge_from = inf
        self.without_from = inf
        if si in doc.framed_sentences():
            self._hedges_and_frames(doc, si, inf)
        else:
            self.goodwill = False
        self._embedded_questions(doc, a, b, inf)
        # A contrast ends all three: "Sorry you feel that way, but Dave dropped it."
        self.frame_until = b
        first_frame = min(self.reported_from, self.hedge_from, self.without_from)
        for ci in clauses if first_frame < b else ():
            ca = doc.clauses[ci][0]
            if ca > first_frame and words[ca] in CONTRAST:
                self.frame_until = ca
                break

    def _reported_from(self, doc: AgentDoc, si: int, inf: int) -> int:
        """Where reported speech starts: "according to", "she says...", or ``inf``."""
        a, b, _q = doc.sentences[si]
        words = doc.words
        clauses = doc.sent_clauses[si]
        reported_from = inf
        for m in doc.sentence_hits(REPORT_MARK_RE, si) if si in doc.framed_sentences() else ():
            reported_from = min(reported_from, doc.tok_at(m.start()))
        for i in [] if REPORT_VERBS.isdisjoint(words[a:b]) else range(a, b):
            w = words[i]
            if w in REPORT_VERBS and i < reported_from:
                if self._reporter(doc, i, a):
                    reported_from = i
                    # postposed "..., she says." covers the whole sentence
                    ci = doc.clause_of[i]
                    if (
                        ci == clauses[-1]
                        and doc.clauses[ci][1] - doc.clauses[ci][0] <= 4
                        and (ci != clauses[0])
                    ):
                        reported_from = a
        return reported_from

    def _hedges_and_frames(self, doc: AgentDoc, si: int, inf: int) -> None:
        """Hedges ("maybe", "not sure"), "without admitting" and goodwill frames."""
        for m in doc.sentence_hits(HEDGE_RE, si):
            i = doc.tok_at(m.start())
            txt = m.group()
            if doc.guesses_ignored and txt.split()[0] in GUESS_STARTS:
                continue
            if txt.split()[0] in HEDGE_SENTENCE_WIDE:
                self.hedge_from = min(self.hedge_from, i)
            else:
                ci = doc.clause_of[i]
                self.clause_block[ci] = min(self.clause_block.get(ci, inf), i)
        for m in doc.sentence_hits(WITHOUT_RE, si):
            self.without_from = min(self.without_from, doc.tok_at(m.start()))
        self.goodwill = bool(doc.sentence_hits(GOODWILL_RE, si)) or self.without_from < inf

    def _embedded_questions(self, doc: AgentDoc, a: int, b: int, inf: int) -> None:
        """ "we're looking into what happened": the rest of the clause is not asserted."""
        words = doc.words
        for i in [] if EMBED_WH.isdisjoint(words[a:b]) else range(a + 1, b):
            if words[i] in EMBED_WH:
                prev = words[i - 1]
                if prev in ("is", "was", "are", "were", "be", "s", ","):
                    continue
                ci = doc.clause_of[i]
                self.clause_block[ci] = min(self.clause_block.get(ci, inf), i)

    @staticmethod
    def _reporter(doc: AgentDoc, i: int, a: int) -> bool:
        """Is the verb at ``i`` reported by someone other than the shop?"""
        words = doc.words
        if words[i] in WRITING and i + 1 < len(words) and words[i + 1] in WRITTEN_THING:
            return False  # "Aoife wrote the wrong name on the cake" did something, said nothing
        if words[i] in ("told", "tells", "tell", "telling", "informed") and not (
            i + 1 < len(words) and words[i + 1] in ("us", "me", "our", "my", "staff", "the")
        ):
            return False
        j = i - 1
        while j >= a and words[j] in REPORT_SUBJ_SKIP:
            j -= 1
        if j - 1 >= a and (
            words[j] in CONTACT_VERBS
            or (j - 2 >= a and words[j] in ("and", ",") and words[j - 1] in CONTACT_VERBS)
        ):
            # "Mrs Hale rang and says...", "he rang, says...", "she rang saying...":
            # who rang says it
            if words[j] in ("and", ","):
                j -= 1
            while j > a and words[j] in CONTACT_VERBS:
                j -= 1
        if j < a:
            # notes style: "Says our driver broke it" reports the caller
            return words[i] in NOTE_SPEECH
        w = words[j]
        if j - 1 >= a and words[j - 1] == "as":
            return False  # "as you said" agrees
        if w in ("you", "she", "he", "they", "u"):
            return True
        if w in CUSTOMER_WORDS:
            return True
        if doc.is_name(j):
            # "Marco said" of a colleague is still a report of someone else's view
            return True
        if j - 1 >= a and words[j - 1] in TITLES:
            return True  # "Mr Patel says", "mr patel says"
        if words[i] in SPEECH_VERBS and w not in FIRST_PRON:
            return _speaker_not_ours(doc, j, i, a)
        return doc.case_blind(j) and w.isalpha() and w not in KNOWN

    def assertive(self, i: int) -> bool:
        if self.plain:
            return True
        if self.question:
            return False
        doc_ci = self._clause_of(i)
        if doc_ci in self.cond:
            return False
        if i < self.frame_until and (
            i >= self.reported_from or i >= self.hedge_from or i >= self.without_from
        ):
            return False
        block = self.clause_block.get(doc_ci)
        return not (block is not None and i >= block)

    def _clause_of(self, i: int) -> int:
        return self.clause_of[i]


def _speaker_not_ours(doc: AgentDoc, j: int, i: int, a: int) -> bool:
    """Is the one who says the verb at ``i`` (whose last word is at ``j``) not the shop?

    "the courier says", "Lad says", "Customer (Mrs Lane) says", "Lady from table 6 says"
    report a claim; "our driver says", "our records say" are the shop's own word.
    """
    words = doc.words
    if not words[j].isalpha():
        # a number or a bracket before the verb: read the speaker from the sentence's start
        k = doc.skip_forward(OPENERS, a)
        return k < i and words[k] not in FIRST_PRON and words[k] not in ("our", "my")
    lo = doc.clauses[doc.clause_of[j]][0]
    cat, k = doc.np_category(doc.subject_start(lo, i), i)
    if k < 0 or cat in (FIRST, OURS) or (cat == STAFF and not doc.is_name(k)):
        return False  # "our driver says", "the lad on the till says"
    # a person says it ("Lad says", "the courier says", "the client's email says"); what a
    # thing of ours says ("the workshop ticket says M") is a fact, not someone's claim
    return any(
        w in CUSTOMER_WORDS or w in PEOPLE or w in PEOPLE_ROLES or w in THIRD or w in YOU_WORDS
        for w in words[k : j + 1]
    ) or any(doc.is_name(x) for x in range(k, j + 1))


def _inverted_soon(doc: AgentDoc, a: int, b: int) -> bool:
    """ "how long after the fitting did you...": an auxiliary before its subject."""
    words = doc.words
    for k in range(a + 1, min(b - 1, a + 7)):
        if words[k] in Q_AUX and (words[k + 1] in Q_SUBJECT or words[k + 1] in SUBJ_START):
            return True
    return False


def _ends_with_period(doc: AgentDoc, b: int) -> bool:
    end = doc.ends[b - 1]
    rest = doc.text[end : end + 3]
    return rest[:1] in (".", "!")


def _is_opener_clause(doc: AgentDoc, ci: int) -> bool:
    a, b, _s, _c = doc.clauses[ci]
    return all(
        w in OPENERS
        or w in TITLES
        or w in ("sorry", "thanks", "thank", "you", "i", "am", "we", "are", "so", "very", "really")
        or doc.is_name(k)
        for k, w in zip(range(a, b), doc.words[a:b], strict=True)
    )


def _is_question(doc: AgentDoc, a: int, b: int, q: bool) -> bool:
    """Ends with "?", or reads as one: "did you notice the leak" (no "?")."""
    if q or a + 1 >= b:
        return q
    words = doc.words
    first, second = words[a], words[a + 1]
    inverted = first in Q_AUX and (
        second in Q_SUBJECT or second in SUBJ_START or doc.is_name(a + 1)
    )
    return inverted or (
        first in Q_WH and not _ends_with_period(doc, b) and _inverted_soon(doc, a, b)
    )


def _conditions(doc: AgentDoc, a: int, b: int, clauses: range) -> set[int]:
    """The clauses of a sentence that are conditional ("if we damaged it...")."""
    words = doc.words
    cond: set[int] = set()
    has_cond = not COND_TRIGGER.isdisjoint(words[a:b])
    marked_to = 0  # clauses[:marked_to] after a condition are marked up to their "but"
    openers_to = -1  # clauses[:openers_to] are greetings and openers only
    for idx, ci in enumerate(clauses if has_cond else ()):
        ca, cb, _s, _c = doc.clauses[ci]
        head = words[ca : min(cb, ca + 3)]
        if not _is_condition(head, ca == a):
            continue
        # The condition and what follows it, up to a "but" (once per stretch)...
        if idx >= marked_to:
            marked_to = len(clauses)
            for k in range(idx, len(clauses)):
                later = clauses[k]
                if later != ci and words[doc.clauses[later][0]] in CONTRAST:
                    marked_to = k
                    break
                cond.add(later)
        # ...and, for "we will pay for it if...", the clause before it.
        if idx > 0 and head[0] in COND:
            if openers_to < 0:
                openers_to = next(
                    (k for k, c in enumerate(clauses) if not _is_opener_clause(doc, c)),
                    len(clauses),
                )
            if openers_to < idx:
                cond.add(clauses[idx - 1])
    return cond


def _is_condition(head: list[str], first_in_sentence: bool) -> bool:
    """Does a clause starting with the words ``head`` state a condition?"""
    return (
        head[0] in COND
        or (len(head) > 1 and head[0] in COND_LEAD and head[1] in COND)
        or head[:2] == ["in", "case"]
        or head[:3] == ["in", "the", "event"]
        # inversion: "Should it turn out...", "Had we known..."
        or (
            first_in_sentence
            and len(head) > 1
            and head[0] in ("should", "were", "had")
            and (head[1] in SUBJ_START or head[1] in FIRST_PRON)
        )
    )
