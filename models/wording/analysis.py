"""The analysis of one text: which statements are asserted, and the findings kept.

Rules add candidates through :meth:`Analysis.add`; each candidate spans the
clause it was found in (without a leading conjunction). Of two candidates over
the same words the first one of the highest rank is kept, and findings never
overlap.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from itertools import compress
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from models.wording.agents import BUSINESS, FIRST, OURS, STAFF, AgentDoc
from models.wording.context import SentCtx
from models.wording.findings import Finding
from models.wording.lexicon import CONTEXT_WORDS, LEAD_SKIP, NEG, Q_START
from models.wording.patterns import Index

if TYPE_CHECKING:
    from models.wording.rule import Rule

# A candidate: first token, end token, and the rule that found it.
Candidate = tuple[int, int, "Rule"]


class Analysis(AgentDoc):
    """A text being checked: its candidates and what the rules found out about it."""

    def __init__(self, text: str, index: Index, colleague: Rule) -> None:
        super().__init__(text, index)
        self.colleague = colleague  # the rule a statement becomes when a colleague did it
        self.cands: list[Candidate] = []
        self._ctx: dict[int, SentCtx] = {}
        self.unplain: set[int] | None = None
        self.found_in_clause: dict[int, int] = {}  # clause -> highest rank flagged there
        # Worked out once per text by the rules that need them.
        self.action_stop: dict[int, int] = {}
        self.action_cat: dict[int, str] = {}
        self.tail_manner: dict[int, tuple[int, int]] = {}
        self.memo: dict[object, Any] = {}
        # Words of harm the rules read as harmless here ("dropped it off", "knocked on
        # your door"): the learned part reads them as such (see features.masked).
        self.harmless: set[int] = set()

    def ctx(self, si: int) -> SentCtx:
        c = self._ctx.get(si)
        if c is None:
            c = SentCtx(self, si)
            self._ctx[si] = c
        return c

    def without_guesses(self, run: Callable[[], None]) -> list[Candidate]:
        """The candidates ``run`` adds when each guess ("we may have", "maybe", "it is
        possible that") is read as if it were not there. What was found before, and
        everything worked out from it, is as it was afterwards."""
        kept = (self.cands, self.found_in_clause, self._ctx, self.memo)
        worked_out = (self.action_stop, self.action_cat, self.tail_manner)
        self.cands, self.found_in_clause, self._ctx, self.memo = [], {}, {}, {}
        self.action_stop, self.action_cat, self.tail_manner = {}, {}, {}
        self.guesses_ignored = True
        try:
            run()
            return self.cands
        finally:
            self.cands, self.found_in_clause, self._ctx, self.memo = kept
            self.action_stop, self.action_cat, self.tail_manner = worked_out
            self.guesses_ignored = False

    def matches(self, rule: Rule) -> list[re.Match[str]]:
        """The matches of ``rule``'s pattern in this text, in order."""
        return [] if rule.pattern is None else self.hits.get(rule.pattern, [])

    # -- adding candidates ------------------------------------------------------

    def add(self, i: int, rule: Rule) -> None:
        """Flag the clause of token ``i`` as ``rule`` says."""
        ci = self.clause_of[i]
        a, b, _s, _c = self.clauses[ci]
        start = a if self.words[a] not in LEAD_SKIP else self.lead(ci)  # as lead() finds it
        self.cands.append((start, b, rule))
        rank = rule.rank
        if self.found_in_clause.get(ci, 0) < rank:
            self.found_in_clause[ci] = rank

    def already_found(self, i: int, rule: Rule) -> bool:
        """Would adding ``rule`` at ``i`` change nothing, as its clause is flagged already?

        Every candidate added by :meth:`add` spans its whole clause, and of two
        candidates over the same words the first one of the highest rank is kept,
        so a later one of the same or a lower rank is dropped anyway.
        """
        return self.found_in_clause.get(self.clause_of[i], 0) >= rule.rank

    def admit(self, i: int, cat: str, rule: Rule) -> None:
        """Add ``rule`` when the shop did it, the colleague rule when a colleague did."""
        if cat == STAFF:
            self.add(i, self.colleague)
        elif cat in (FIRST, OURS):
            self.add(i, rule)

    def admit_asserted(self, i: int, lo: int, cat: str, rule: Rule, *, modal: bool = True) -> None:
        """:meth:`admit` when the statement at ``i`` is asserted (see :meth:`check`).

        Who did it is known already and decides most cases, so it is looked at
        first; the result is the same as checking first.
        """
        if cat not in BUSINESS:
            return
        target = self.colleague if cat == STAFF else rule
        if not self.already_found(i, target) and self.check(i, lo, modal=modal):
            self.add(i, target)

    # -- is it asserted? --------------------------------------------------------

    def assertive(self, i: int) -> bool:
        si = self.sent_of[i]
        if self.unplain is None:
            self.unplain = self._unplain_sentences()
        if si not in self.unplain:
            return True  # the same as SentCtx.plain, without building the context
        if self.sentences[si][2]:
            return False  # ends with "?": the same as SentCtx.question
        return self.ctx(si).assertive(i)

    def _unplain_sentences(self) -> set[int]:
        """Every sentence that is not :attr:`SentCtx.plain` (and maybe a few that are)."""
        sentences, sent_of, words = self.sentences, self.sent_of, self.words
        out = set(map(sent_of.__getitem__, self.where(CONTEXT_WORDS)))
        out.update(compress(range(len(sentences)), map(itemgetter(2), sentences)))
        firsts = map(words.__getitem__, map(itemgetter(0), sentences))
        out.update(compress(range(len(sentences)), map(Q_START.__contains__, firsts)))
        return out | self.framed_sentences()

    def check(self, p: int, lo: int, *, neg: bool = True, modal: bool = True) -> bool:
        """Is the statement at ``p`` asserted: not negated, future, hedged or framed?"""
        if neg:  # has_neg(lo, p), read here
            negs = self._negs
            if negs is None:
                negs = self._negs = self.where(NEG)
            k = bisect_left(negs, lo)
            if k < len(negs) and negs[k] < p and self.negated(lo, p, self.subject_start(lo, p)):
                return False
        if modal and self.modal_blocked(p, lo):
            return False
        unplain = self.unplain
        if unplain is not None and self.sent_of[p] not in unplain:
            return True  # as assertive() finds it
        return self.assertive(p)

    # -- the findings -----------------------------------------------------------

    def findings(self) -> tuple[list[Finding], list[Rule]]:
        """The findings kept, sorted and never overlapping, and the rule of each."""
        starts, ends, cands = self.starts, self.ends, self.cands
        # (start, -rank, -end, order): the first of the highest rank and longest comes first
        spans: list[tuple[int, int, int, int]] = []
        for n, (start_tok, end_tok, rule) in enumerate(cands):
            if end_tok <= start_tok:
                continue
            start = starts[start_tok]
            end = ends[end_tok - 1]
            if end > start:
                spans.append((start, -rule.rank, -end, n))
        spans.sort()
        kept: list[tuple[int, int, int, int]] = []
        for span in spans:
            if kept and span[0] < -kept[-1][2]:
                if span[1] < kept[-1][1]:
                    kept[-1] = span
                continue
            kept.append(span)
        # The fields of each rule are worked out once; each finding gets its own copy
        # of them, with its start and end, set as Finding's own __init__ would.
        out: list[Finding] = []
        rules: list[Rule] = []
        fields: dict[str, dict[str, Any]] = {}
        new, set_dict = object.__new__, object.__setattr__
        for start, _p, neg_end, n in kept:
            rule = cands[n][2]
            same = fields.get(rule.id)
            if same is None:
                same = fields[rule.id] = {
                    "kind": rule.kind,
                    "message": rule.message,
                    "suggestion": rule.suggestion,
                }
            finding = new(Finding)
            set_dict(finding, "__dict__", {"start": start, "end": -neg_end, **same})
            out.append(finding)
            rules.append(rule)
        return out, rules
