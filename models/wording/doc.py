"""One text as tokens, sentences, clauses and a canonical string.

A :class:`Doc` reads a text into canonical tokens and the canonical string
that the patterns run over (see :mod:`models.wording.reading`), cuts its
sentences into clauses, and answers the questions the analysis asks about
positions of words ("is there a negation between here and the verb?") in time
that does not grow with the length of a sentence.

Clauses split at commas and at conjunctions that start a new subject ("and
we", "because our", "while", "if").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from itertools import chain
from operator import itemgetter

from models.wording.lexicon import (
    AS_AGREED,
    AS_WORD,
    BE,
    BY_NOT_AGENT,
    BY_WORD,
    CONJ_SPLIT,
    HARM_BASE_WORDS,
    KNOWN,
    LEAD_SKIP,
    MANNER_STOP,
    NEG,
    NEG_FRAMES,
    NO_DOUBT,
    PASSIVE_SKIP,
    SHORT_SPAN,
    SPLIT_WORDS,
    SUBJ_START,
    SUBORD_SPLIT,
    is_past,
)
from models.wording.patterns import FRAME_PATTERNS, Index
from models.wording.reading import read
from models.wording.tokens import numbered, set_all


class Doc:
    """The tokens, sentences and clauses of one text, and the matches of the patterns."""

    def __init__(self, text: str, index: Index) -> None:
        self.text = text
        got = read(text, index)
        self.words = got.words
        self.starts = got.starts
        self.ends = got.ends
        self.sentences = got.sentences
        self.addressees = got.addressees
        self.places = got.places
        self._where: dict[object, list[int]] = {}
        self._cut_clauses()
        self.canon = got.canon
        self.pos = got.pos
        self.hits = got.hits
        self._by_sentence: dict[re.Pattern[str], dict[int, list[re.Match[str]]]] = {}
        self._case_blind: dict[int, bool] = {}
        # Worked out once per text, as the rules ask (see "positions of words").
        self._runs: dict[object, list[int]] = {}
        self._names: dict[int, bool] = {}
        self._leads: dict[int, int] = {}
        self._framed: set[int] | None = None
        self._negs: list[int] | None = None

    def _cut_clauses(self) -> None:
        """Clauses, with each token's clause and sentence (sentences cover every token).

        A clause ends at a comma (which is in no clause), before a conjunction that
        starts a new subject ("and we", "because", "in case"), and where its
        sentence ends. A comma never starts or ends a sentence, nor follows one,
        so every stretch between two of these cuts holds at least one word.
        """
        words, sentences = self.words, self.sentences
        n = len(words)
        sent_of = numbered(n, map(itemgetter(0), sentences))
        commas = self.places.get(",", [])
        conj = self._conjunction_cuts(sent_of)
        c_starts = sorted(chain(map(itemgetter(0), sentences), [k + 1 for k in commas], conj))
        c_ends = sorted(chain(map(itemgetter(1), sentences), commas, conj))
        by_conj = set(conj)
        # start, end, sentence, split by a conjunction
        clauses: list[tuple[int, int, int, bool]] = [
            (a, b, sent_of[a], a in by_conj) for a, b in zip(c_starts, c_ends, strict=True)
        ]
        # Clauses follow each other, separated only by commas, which are in none.
        clause_of = numbered(n, c_starts)
        set_all(clause_of, commas, -1)
        # Each sentence has one clause or more: from the one its first word is in.
        firsts = [*map(clause_of.__getitem__, map(itemgetter(0), sentences)), len(clauses)]
        self.clauses = clauses
        self.clause_of = clause_of
        self.sent_of = sent_of
        self.sent_clauses = list(map(range, firsts, firsts[1:]))

    def _conjunction_cuts(self, sent_of: list[int]) -> list[int]:
        """Where a conjunction starts a new clause: "and we", "because", "in case"."""
        words, sentences = self.words, self.sentences
        conj = []
        for i in self.where(SPLIT_WORDS):
            a, b, _q = sentences[sent_of[i]]
            if i == a or words[i - 1] == ",":
                continue  # already the start of a clause
            w = words[i]
            if w in SUBORD_SPLIT:
                split_here = True
            elif w in CONJ_SPLIT:
                nxt_w = words[i + 1] if i + 1 < b else ""
                split_here = nxt_w in SUBJ_START or (
                    i + 1 < b and nxt_w not in KNOWN and self.cap(i + 1)
                )
            else:  # "in case"
                split_here = i + 1 < b and words[i + 1] == "case"
            if split_here:
                conj.append(i)
        return conj

    # -- helpers ------------------------------------------------------------

    def cap(self, i: int) -> bool:
        """Is token ``i`` written with a capital first letter (and not in all caps)?"""
        raw = self.text[self.starts[i] : self.ends[i]]
        return raw[:1].isupper() and not raw.isupper()

    def hit(self, rx: re.Pattern[str]) -> list[re.Match[str]]:
        return self.hits.get(rx, [])

    def sentence_hits(self, rx: re.Pattern[str], si: int) -> list[re.Match[str]]:
        """Matches of ``rx`` that start in sentence ``si``."""
        by_sentence = self._by_sentence.get(rx)
        if by_sentence is None:
            by_sentence = {}
            for m in self.hits.get(rx, ()):
                by_sentence.setdefault(self.sent_of[self.tok_at(m.start())], []).append(m)
            self._by_sentence[rx] = by_sentence
        return by_sentence.get(si, [])

    def framed_sentences(self) -> set[int]:
        """Sentences where reported speech, a hedge or a goodwill frame was matched."""
        if self._framed is None:
            self._framed = {
                self.sent_of[self.tok_at(m.start())]
                for rx in FRAME_PATTERNS
                for m in self.hits.get(rx, ())
            }
        return self._framed

    def tok_at(self, char: int) -> int:
        return bisect_right(self.pos, char) - 1

    # -- positions of words -----------------------------------------------------

    def where(self, group: frozenset[str] | str) -> list[int]:
        """Positions of the tokens in ``group``, in order, found once per text.

        ``group`` is a set of words, or the name of a group that depends on the
        neighbouring words too (see :meth:`_derived`).
        """
        found = self._where.get(group)
        if found is None:
            if isinstance(group, str):
                found = self._derived(group)
            else:
                places = self.places
                small = len(group) < 8
                present = [w for w in group if w in places] if small else group.intersection(places)
                if len(present) == 1:
                    found = places[next(iter(present))]
                else:
                    found = sorted(chain.from_iterable(map(places.__getitem__, present)))
            self._where[group] = found
        return found

    def _derived(self, name: str) -> list[int]:
        words = self.words
        n = len(words)
        if name == "past":
            past = frozenset(w for w in self.places if is_past(w))
            return self.where(past)
        if name == "strong_neg":  # a negation, but not "no doubt", "no longer", "no wonder"
            return [
                k
                for k in self.where(NEG)
                if not (words[k] == "no" and k + 1 < n and words[k + 1] in NO_DOUBT)
            ]
        if name == "framed_neg":  # ...that governs a verb of thinking or saying
            return [
                k
                for k in self.where("strong_neg")
                if not NEG_FRAMES.isdisjoint(words[k + 1 : k + 4])
            ]
        if name == "as_agreed":  # "as agreed", "as you asked" is not harm
            return [k for k in self.where(AS_WORD) if k + 1 < n and words[k + 1] in AS_AGREED]
        if name == "agent_by":  # "by our fitter", not "by mistake"
            return [
                k for k in self.where(BY_WORD) if k + 1 < n and words[k + 1] not in BY_NOT_AGENT
            ]
        if name == "manner_stop":  # where the look back for a manner word's verb stops
            did_base = [k for k in self.where(HARM_BASE_WORDS) if k > 0 and words[k - 1] == "did"]
            return sorted(set(self.where(MANNER_STOP)) | set(self.where("past")) | set(did_base))
        if name == "passive_past":  # "was damaged", "were badly scratched"
            return [k for k in self.where("past") if self.passive(k, self.clause_start(k))]
        raise KeyError(name)

    def _member(self, group: frozenset[str] | str, k: int) -> bool:
        """Is the token at ``k`` in ``group`` (a set of words or a group's name)?"""
        words = self.words
        w = words[k]
        if not isinstance(group, str):
            return w in group
        if group == "past":
            return is_past(w)
        if group in ("strong_neg", "framed_neg"):
            if w not in NEG or (w == "no" and k + 1 < len(words) and words[k + 1] in NO_DOUBT):
                return False
            return group == "strong_neg" or not NEG_FRAMES.isdisjoint(words[k + 1 : k + 4])
        if group == "as_agreed":
            return w == "as" and k + 1 < len(words) and words[k + 1] in AS_AGREED
        if group == "agent_by":
            return w == "by" and k + 1 < len(words) and words[k + 1] not in BY_NOT_AGENT
        if group == "manner_stop":
            return (
                w in MANNER_STOP
                or is_past(w)
                or (w in HARM_BASE_WORDS and k > 0 and words[k - 1] == "did")
            )
        if group == "passive_past":
            return is_past(w) and self.passive(k, self.clause_start(k))
        raise KeyError(group)

    def next_of(self, group: frozenset[str] | str, lo: int, hi: int) -> int:
        """The first position in ``[lo, hi)`` of a word in ``group``, else -1."""
        if hi - lo <= SHORT_SPAN and group not in self._where:
            # a few words: look at them rather than list the whole text's
            if isinstance(group, str):
                member = self._member
                return next((k for k in range(max(lo, 0), hi) if member(group, k)), -1)
            words = self.words
            for k in range(max(lo, 0), hi):
                if words[k] in group:
                    return k
            return -1
        found = self.where(group)
        k = bisect_left(found, lo)
        return found[k] if k < len(found) and found[k] < hi else -1

    def last_of(self, group: frozenset[str] | str, lo: int, hi: int) -> int:
        """The last position in ``[lo, hi)`` of a word in ``group``, else -1."""
        if hi - lo <= SHORT_SPAN and group not in self._where:
            member = self._member
            return next((k for k in range(hi - 1, max(lo, 0) - 1, -1) if member(group, k)), -1)
        found = self.where(group)
        k = bisect_left(found, hi) - 1
        return found[k] if k >= 0 and found[k] >= lo else -1

    def count_of(self, group: frozenset[str] | str, lo: int, hi: int) -> int:
        if hi - lo <= SHORT_SPAN and group not in self._where:
            return sum(1 for k in range(max(lo, 0), hi) if self._member(group, k))
        found = self.where(group)
        return max(0, bisect_left(found, hi) - bisect_left(found, lo))

    def _run_keys(self, group: frozenset[str]) -> list[int]:
        # position - index is the same all along a run of neighbouring positions
        keys = self._runs.get(group)
        if keys is None:
            keys = [at - k for k, at in enumerate(self.where(group))]
            self._runs[group] = keys
        return keys

    def skip_forward(self, group: frozenset[str], i: int) -> int:
        """The first position from ``i`` on whose word is not in ``group``."""
        words = self.words
        end = min(len(words), i + SHORT_SPAN)
        while i < end and words[i] in group:
            i += 1
        if i >= len(words) or words[i] not in group:
            return i
        found = self.where(group)
        k = bisect_left(found, i)
        if k >= len(found) or found[k] != i:
            return i
        keys = self._run_keys(group)
        last = bisect_right(keys, keys[k]) - 1
        return found[last] + 1

    def skip_back(self, group: frozenset[str], i: int) -> int:
        """The last position up to ``i`` whose word is not in ``group`` (-1 if none)."""
        words = self.words
        end = max(-1, i - SHORT_SPAN)
        while i > end and words[i] in group:
            i -= 1
        if i < 0 or words[i] not in group:
            return i
        found = self.where(group)
        k = bisect_left(found, i)
        if k >= len(found) or found[k] != i:
            return i
        keys = self._run_keys(group)
        first = bisect_left(keys, keys[k])
        return found[first] - 1

    def clause_start(self, i: int) -> int:
        return self.clauses[self.clause_of[i]][0]

    def clause_bounds(self, i: int) -> tuple[int, int]:
        a, b, _s, _c = self.clauses[self.clause_of[i]]
        return a, b

    def lead(self, ci: int) -> int:
        """First token of a clause after leading conjunctions."""
        i = self._leads.get(ci)
        if i is None:
            a, b, _s, _c = self.clauses[ci]
            i = a if self.words[a] not in LEAD_SKIP else self.skip_forward(LEAD_SKIP, a)
            i = min(i, max(a, b - 1))
            self._leads[ci] = i
        return i

    def passive(self, p: int, lo: int) -> bool:
        if p <= lo:
            return False
        prev = self.words[p - 1]
        if prev not in PASSIVE_SKIP:  # the usual case: no adverb to step over
            return prev in BE
        j = self.skip_back(PASSIVE_SKIP, p - 1)
        return j >= lo and self.words[j] in BE
