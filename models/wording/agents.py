"""Who acts in a statement, and whether the statement is asserted at all.

For a verb, the analysis works out its agent: we/I, our staff, our equipment
or product, a named colleague, the customer, a courier, supplier or
manufacturer (a third party); whether the verb is negated, future or
hypothetical, and who "he" or "she" is.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from models.wording.doc import Doc
from models.wording.lexicon import (
    ARE_WERE_HAVE,
    AUX,
    AUX_PLAIN,
    BUSINESS_THE,
    COLLECTIVE,
    CUSTOMER_WORDS,
    DETS,
    EQUIPMENT_ER,
    FIRST_PRON,
    FRAME_SKIP,
    FRAMES,
    GUESS_MODALS,
    HEAD_STOP,
    KNOWN,
    MODAL_BLOCK,
    NEG,
    NEG_FRAMES,
    NEG_SUBJ,
    NEWS_FRAMES,
    NP_BREAK,
    NP_BREAK_OR_PREP,
    NP_PREPS,
    NP_SKIP,
    NP_STOP,
    OTHER_PRON,
    PETS,
    POSS_S,
    POST_PREPS,
    POSTS,
    PP_OURS,
    PRONOUN_NEUTRAL,
    REPORT_VERBS,
    ROLE,
    ROLE_MODIFIERS,
    SKIP_ADV,
    SOME_SUBJECTS,
    STAFF_NOUNS,
    SUBJ_START,
    SUBJECT_PRONOUNS,
    SUBJECT_SKIP,
    THIRD,
    TITLES,
    YOU_WORDS,
    is_past,
)
from models.wording.patterns import Index

FRAMES_OR_NEWS = FRAMES | NEWS_FRAMES

# Who did something: the categories :meth:`AgentDoc.np_category` gives.
FIRST = "we"  # we / I
OURS = "ours"  # our equipment, product, premises or team
STAFF = "staff"  # a colleague by role or by name
YOU = "you"
OTHER = "other"
NEGSUBJ = "neg"
NEGFIRST = "negfirst"
NONE = "none"
BUSINESS = frozenset({FIRST, OURS, STAFF})


class AgentDoc(Doc):
    """A :class:`Doc` that can tell who did what its verbs say."""

    #: Read a guess ("we may have", "maybe") as if it were not there (see
    #: :meth:`models.wording.analysis.Analysis.without_guesses`).
    guesses_ignored = False

    def __init__(self, text: str, index: Index) -> None:
        super().__init__(text, index)
        self._frame_jumps: dict[int, tuple[int, list[int]]] = {}
        self._pronoun_near: dict[int, list[tuple[int, str]]] = {}
        self._by_agents: dict[int, str] = {}
        self._np_fixed: dict[int, str] = {}
        self._frames_at: list[int] | None = None
        self._news_names: set[int] = set()

    def is_name(self, i: int) -> bool:
        known = self._names.get(i)
        if known is not None:
            return known
        w = self.words[i]
        name = not (w in KNOWN or len(w) < 2 or w in self.addressees or not self.cap(i))
        if name and i > 0 and self.words[i - 1] in TITLES:
            name = False
        if (
            name
            and len(w) > 5
            and w.endswith(("ing", "ed"))
            and self.sentences[self.sent_of[i]][0] == i
        ):
            name = False  # "Checking the trays...", "Gutted the LP arrived warped"
        name = name and (w.isalpha() or self._joined_name(i))
        self._names[i] = name
        return name

    def _joined_name(self, i: int) -> bool:
        """A name joined by hyphens or an apostrophe, each part with its capital:
        "Jean-Baptiste", "Anne-Marie", "O'Brien" (not "Follow-up", "Re-fitted")."""
        raw = self.text[self.starts[i] : self.ends[i]]
        parts = re.split(r"[-'’]", raw)
        return len(parts) > 1 and all(
            part.isalpha() and (part[:1].isupper() or (len(part) == 1 and n == 0))
            for n, part in enumerate(parts)
        )

    def subject_start(self, lo: int, p: int) -> int:
        """Where the subject of the verb at ``p`` starts (after frames like "sorry")."""
        if p - 1 <= lo:
            return lo  # no room for a frame or a subject before the verb
        frames = self._frames_at
        if frames is None:
            frames = self._frames_at = self.where(FRAMES_OR_NEWS)
        f = bisect_left(frames, lo)
        if f == len(frames) or frames[f] >= p - 1:
            # no frame word before the verb, so the subject cannot start after one
            prev = self.words[p - 1]
            if prev not in SUBJECT_SKIP:
                return p - 1 if prev in SUBJECT_PRONOUNS else lo
            j = max(self.skip_back(SUBJECT_SKIP, p - 1), lo)
            return j if j > lo and self.words[j] in SUBJECT_PRONOUNS else lo
        limit, jumps = self._frame_jumps.get(lo) or self._jumps_from(lo)
        if p > limit:  # pragma: no cover - every verb asked about is in the clause of ``lo``
            limit, jumps = self._jumps_from(lo, p)
        k = bisect_left(jumps, p) - 1
        ss = jumps[k] if k >= 0 else lo
        # A personal pronoun straight before the verb is its subject: "it's clear we fitted".
        if p - 1 <= ss:
            return ss
        j = max(self.skip_back(SUBJECT_SKIP, p - 1), ss)
        if j > ss and self.words[j] in SUBJECT_PRONOUNS:
            return j
        return ss

    def _jumps_from(self, lo: int, limit: int = -1) -> tuple[int, list[int]]:
        """Where a reading from ``lo`` skips over a frame ("sorry", "I think that").

        Reading from ``lo``, a frame word followed by the start of a subject moves
        the subject's start there. The subject of a verb at ``p`` starts at the
        last such jump before ``p``, so the jumps are found once per clause.
        """
        words = self.words
        cached = limit < 0
        if cached:
            limit = self.clauses[self.clause_of[lo]][1] if lo < len(words) else lo
        jumps: list[int] = []
        i = lo
        while True:
            f = self.next_of(FRAMES_OR_NEWS, i, limit)
            if f < 0:
                break
            i = f + 1
            if words[f] in NEWS_FRAMES and not (f > lo and words[f - 1] == "to"):
                continue  # "sorry to hear the cake cracked", not "we read the meter"
            if f + 1 >= limit:
                continue
            j = self.skip_forward(FRAME_SKIP, f + 1)
            if j >= limit or not (
                words[j] in SUBJ_START or words[j] in FIRST_PRON or self.is_name(j)
            ):
                continue
            if words[f] == "that" and f > lo and words[f - 1] not in FRAMES:
                # "that" straight after a noun is a relative pronoun, keep going (but "the
                # page that our office forgot to attach" has a subject of its own)
                if words[j] not in FIRST_PRON and words[j] not in ("you", "he", "she", "our", "my"):
                    continue
            if words[f] in NEWS_FRAMES and self.is_name(j):
                self._news_names.add(j)  # "sorry to hear Max has been scratching"
            jumps.append(j)
            i = j
        if cached:
            self._frame_jumps[lo] = (limit, jumps)
        return limit, jumps

    def np_category(self, ss: int, p: int) -> tuple[str, int]:
        """Category of the noun phrase starting at ``ss`` (subject of the verb at ``p``)."""
        words = self.words
        if ss < p and words[ss] in ("that", "who") and ss >= 2:
            cleft = self._cleft_before(ss)
            if cleft is not None:
                return cleft, ss
        if ss < p and words[ss] not in NP_SKIP:
            i = ss
        else:
            i = min(self.skip_forward(NP_SKIP, ss), p)
            if i >= p:
                named = self.before_apposition(ss)
                if named is not None:  # "our driver, Dave, dropped it"
                    return self.np_category(*named)
                return NONE, -1
        fixed = self._np_fixed.get(i)
        if fixed is None:
            fixed = self._np_fixed[i] = self._fixed_category(i)
        if fixed:
            return fixed, i
        w = words[i]
        # cleft: "it was (not) our groomer who cut...", "it could have been us that..."
        if w in ("it", "that", "this") and i + 2 < p:
            j, guess = self._cleft_frame(i + 1)
            if 0 < j < p:
                if words[j] in NEG:
                    j += 1
                for k in range(j + 1, min(p, j + 7)):
                    if words[k] in ("who", "that", "which"):
                        if guess and not self.guesses_ignored:
                            return NONE, i  # a guess names nobody (see Analysis.without_guesses)
                        return self.np_category(j, k)
        if w in FIRST_PRON:
            return FIRST, i
        if w in NEG_SUBJ or (w == "no" and i + 1 < p and words[i + 1] == "one"):
            for k in range(i + 1, min(p, i + 5)):
                if words[k] in ("us", "our", "my", "here", "we"):
                    return NEGFIRST, i
            return NEGSUBJ, i
        if w in YOU_WORDS:
            return YOU, i
        if w in SOME_SUBJECTS:
            for k in range(i + 1, min(p, i + 5)):
                if words[k] in ("us", "our", "here", "my"):
                    head = self._head_after(k + 1, p)
                    return (STAFF if head in ROLE else FIRST), i
                if words[k] in AUX:
                    break
        if w in ("he", "she"):
            return self._resolve_pronoun(i), i
        if w in OTHER_PRON:
            return OTHER, i
        if w in ("our", "my"):
            return self._np_tail(i + 1, p, True), i
        if w in DETS:
            return self._np_tail(i + 1, p, False, det=w), i
        if self.is_name(i) or self._blind_name(i, p):
            if self._plural_subject(i, p):
                return OTHER, i  # "Bikes left outside are at the owner's risk"
            if i in self._news_names:
                return OTHER, i  # news of someone else: "sorry to hear Max was hurt"
            return self._name_head(i, p), i
        if w in COLLECTIVE:
            return FIRST, i
        if w in CUSTOMER_WORDS:
            return YOU, i
        if w in THIRD:
            return OTHER, i
        if w in ROLE and i + 1 < p and words[i + 1] in ("from", "in", "at", "on"):
            return self._np_tail(i, p, False, det="the"), i
        return OTHER, i

    def before_apposition(self, ss: int) -> tuple[int, int] | None:
        """For a clause that starts with its verb after a name set off by commas
        ("our driver, Dave, dropped it"): where the phrase the name stands beside
        starts and ends (the comma before the name), else None."""
        words = self.words
        j = ss - 1
        if j < 2 or words[j] != ",":
            return None
        k = j - 1
        while k > j - 4 and k > 0 and words[k] != "," and self.is_name(k):
            k -= 1
        if k == j - 1 or words[k] != "," or k == 0 or words[k - 1] == ",":
            return None
        start = self.clauses[self.clause_of[k - 1]][0]
        return (start, k) if self.sent_of[start] == self.sent_of[ss] else None

    def _fixed_category(self, i: int) -> str:
        """What :meth:`np_category` says of a noun phrase whose first word is at ``i``
        when the verb after it does not matter, else "" (the same tests, in order)."""
        words = self.words
        w = words[i]
        if w in ("it", "that", "this"):
            return ""
        if w in FIRST_PRON:
            return FIRST
        if w in NEG_SUBJ or w == "no":
            return ""
        if w in YOU_WORDS:
            return YOU
        if w in SOME_SUBJECTS:
            return ""
        if w in ("he", "she"):
            return self._resolve_pronoun(i)
        if w in OTHER_PRON:
            return OTHER
        if w in ("our", "my") or w in DETS or self.is_name(i):
            return ""
        if not (w in KNOWN or len(w) < 3 or not w.isalpha() or not self.case_blind(i)) and not (
            w.endswith("s") and not w.endswith(("ss", "us", "is"))
        ):
            return ""  # may be a name written in lower case: it depends on the next word
        if w in COLLECTIVE:
            return FIRST
        if w in CUSTOMER_WORDS:
            return YOU
        if w in THIRD:
            return OTHER
        if w in ROLE:
            return ""
        return OTHER

    def case_blind(self, i: int) -> bool:
        """Is token ``i`` in a sentence written all in lower case or all in capitals?"""
        si = self.sent_of[i]
        blind = self._case_blind.get(si)
        if blind is None:
            a, b, _q = self.sentences[si]
            seg = self.text[self.starts[a] : self.ends[b - 1]]
            blind = seg.isupper() or seg.replace("I", "i").islower()
            self._case_blind[si] = blind
        return blind

    def _blind_name(self, i: int, p: int) -> bool:
        """Without capitals, "marco spelt it wrong": an unknown word right before its verb."""
        w = self.words[i]
        if w in KNOWN or len(w) < 3 or not w.isalpha() or not self.case_blind(i):
            return False
        if w.endswith("s") and not w.endswith(("ss", "us", "is")):
            return False
        nxt = self.words[i + 1] if i + 1 < p else ""
        return i + 1 == p or nxt in ("from", "in", "at", "on", "did", "has", "had")

    def _name_head(self, i: int, p: int) -> str:
        """Who a noun phrase starting with the name at ``i`` is: the person ("Dave", "Dave
        from the kitchen"), or a thing the name only qualifies ("Eskom's outages", "Daventry
        depot", "Chair leg"): a colleague's, if a role ("Dave's apprentice"), else no one's."""
        words = self.words
        k = i + 1
        if k + 1 < p and words[k] == "'s":
            head = self._head_after(k + 1, p)
            return STAFF if head in ROLE or head in STAFF_NOUNS else OTHER
        if k < p:
            w = words[k]
            if w in THIRD:
                return OTHER  # "Hermes driver", "Motorbike courier"
            if (
                w.isalpha()
                and w not in KNOWN
                and not self.cap(k)
                and not is_past(w)
                and not w.endswith("s")
                and not self.case_blind(k)
            ):
                return OTHER  # a lower-case noun after the name: the name qualifies it
        return STAFF

    def _plural_subject(self, i: int, p: int) -> bool:
        """A capitalised plural noun with a reduced relative, not a colleague's name."""
        w = self.words[i]
        if not w.endswith("s") or w.endswith(("ss", "us", "is")):
            return False
        _lo, hi = self.clause_bounds(p)
        return self.next_of(ARE_WERE_HAVE, p + 1, hi) >= 0

    def _resolve_pronoun(self, i: int) -> str:
        """ "he"/"she": a colleague named or mentioned just before, or someone else."""
        si = self.sent_of[i]
        floor = self.sentences[si - 1][0] if si > 0 else 0
        if i - 1 < floor:
            return OTHER
        # The word just before cannot be a name in lower case ("marco says he...").
        found = self._pronoun_decides(i - 1, floor, blind=False)
        if found:
            return found
        if i - 2 < floor:
            return OTHER
        near = self._pronoun_near.get(floor)
        if near is None:
            near = []
            self._pronoun_near[floor] = near
        # near[x - floor]: the nearest word at or before x that settles who it is
        words, append = self.words, near.append
        for k in range(floor + len(near), i - 1):
            if words[k] in PRONOUN_NEUTRAL:
                decided = ""  # what _pronoun_decides says of a known word of no role
            else:
                decided = self._pronoun_decides(k, floor, blind=True)
            append((k, decided) if decided else near[-1] if near else (-1, ""))
        return near[i - 2 - floor][1] or OTHER

    def _pronoun_decides(self, k: int, floor: int, *, blind: bool) -> str:
        """Who "he"/"she" is if the word at ``k`` settles it (else ""), looking back."""
        words = self.words
        w = words[k]
        if self.is_name(k) or (
            blind
            and self.case_blind(k)
            and (words[k + 1] in REPORT_VERBS or words[k + 1] in FRAMES)
            and self._blind_name(k, k + 1)
        ):
            return STAFF
        if w in ROLE or w in STAFF_NOUNS:
            j = self.skip_back(ROLE_MODIFIERS, k - 1)
            if j >= floor and words[j] in ("our", "my"):
                return STAFF
            if j >= floor and words[j] in DETS:
                _lo, hi = self.clause_bounds(k)
                if self._np_tail(k, hi, False, det=words[j]) in (STAFF, OURS):
                    return STAFF  # "the jeweller we use"
            return OTHER
        if w in CUSTOMER_WORDS or w in THIRD or w in TITLES or w in PETS:
            return OTHER
        return ""

    def _head_after(self, i: int, p: int) -> str:
        stop = self.next_of(HEAD_STOP, i, p)
        past = self.next_of("past", i, p if stop < 0 else stop)
        end = min(x for x in (stop, past, p) if x >= 0)
        return self.words[end - 1] if end > i else ""

    def _np_tail(self, i: int, p: int, ours: bool, det: str = "") -> str:
        """Who the noun phrase from ``i`` up to the verb at ``p`` is, after "our", "the"...

        Read word by word, the head words run up to the first preposition, a word
        that ends a noun phrase, or a verb in the past; after a preposition only
        "our/my/us/here" count, up to a word that ends it. Each step is found with
        :meth:`next_of`.
        """
        words = self.words
        end = self.next_of(NP_BREAK_OR_PREP, i, p)
        if end < 0:
            end = p
        first = self.skip_forward(POSS_S, i)  # the first word of the head ("'s" is not)
        past_break = -1
        if first < end:
            past_break = self.next_of("past", first + 1, end)
            if past_break >= 0:
                end = past_break
        pp_ours = rel_ours = at_post = False
        stop = end if end < p and past_break < 0 else -1
        if stop >= 0 and words[stop] in NP_PREPS:
            after = self.next_of(NP_BREAK, stop + 1, p)
            pp_ours = self.next_of(PP_OURS, stop + 1, p if after < 0 else after) >= 0
            at_post = (
                det == "the"
                and words[stop] in POST_PREPS
                and self.next_of(POSTS, stop + 1, min(stop + 4, p)) >= 0
            )
            stop = after
        if stop >= 0:
            w = words[stop]
            if w in ("who", "that", "which"):
                rel_ours = stop + 1 < p and words[stop + 1] in ("we", "i")
            elif w in ("we", "i") and w not in AUX and w not in NP_STOP:
                rel_ours = True
        last = self.skip_back(POSS_S, end - 1)
        head = words[last] if last >= i else ""
        if (
            head
            and self.next_of(THIRD, i, end) >= 0
            and not (ours and head in ("insurer", "insurers"))
        ):
            return OTHER
        role = head in ROLE or (
            head not in EQUIPMENT_ER
            and head.endswith(("er", "or", "ist", "ian"))
            and len(head) > 4
            and head not in KNOWN
        )
        if not role and last > first and words[last - 1] in ROLE and self.is_name(last):
            role = True  # "our driver Dave", "my colleague Sarah": one of ours, by name
        if ours or pp_ours or rel_ours:
            return STAFF if role else OURS
        if at_post and role:
            return STAFF  # "the lad on the till": one of ours, named by where they work
        if det in ("your",):
            return YOU
        if det == "the" and head in BUSINESS_THE and end - i - self.count_of(POSS_S, i, end) == 1:
            return OURS
        return OTHER

    def negated(self, lo: int, p: int, ss: int | None = None) -> bool:
        """Is there a negation before ``p`` in its clause?

        With ``ss``, the start of the verb's own subject, a negation before that
        subject counts only when it governs a verb of thinking or saying ("we
        don't believe the photos were lost by us"); otherwise it belongs to an
        earlier statement ("isn't to blame we sent it" with the comma missing).
        """
        if p <= lo:
            return False
        words = self.words
        last = p - 1
        # The word just before the verb counts whenever it is a negation, even "no".
        if words[last] in NEG and (
            ss is None or last >= ss or not NEG_FRAMES.isdisjoint(words[p : p + 3])
        ):
            return True
        if not self.has_neg(lo, last):
            return False  # no negation at all between ``lo`` and the verb
        if ss is None:
            return self.next_of("strong_neg", lo, last) >= 0
        cut = max(lo, min(ss, last))
        return (
            self.next_of("framed_neg", lo, cut) >= 0
            or self.next_of("strong_neg", max(lo, ss), last) >= 0
        )

    def has_neg(self, lo: int, hi: int) -> bool:
        """Is there a negation in ``[lo, hi)``? (Nothing is negated without one.)"""
        negs = self._negs
        if negs is None:
            negs = self._negs = self.where(NEG)
        k = bisect_left(negs, lo)
        return k < len(negs) and negs[k] < hi

    def modal_blocked(self, p: int, lo: int) -> bool:
        """True when the verb at ``p`` is future, hypothetical or an infinitive."""
        words = self.words
        if words[p] == "have" and p - 1 >= lo:  # "our stitching must have been faulty"
            before = words[p - 1]
            if before == "must" or (self.guesses_ignored and before in GUESS_MODALS):
                return False  # a conclusion about the past, as "we must have dropped it"
        j = p - 1
        steps = 0
        have = False
        while j >= lo and steps < 5:
            w = words[j]
            if w in SKIP_ADV or w in ("not", "never", "n't"):
                j -= 1
                continue
            if w in AUX_PLAIN:
                if w == "have" and j - 1 >= lo and words[j - 1] == "must":
                    return False
                have = have or w == "have"
                j -= 1
                steps += 1
                continue
            if have and self.guesses_ignored and w in GUESS_MODALS:
                return False  # "we may have scratched it", read as if it were said
            if w == "to":
                return not (
                    j - 1 >= lo
                    and words[j - 1]
                    in ("managed", "happened", "seem", "seemed", "appear", "appeared")
                )
            return w in MODAL_BLOCK or w in ("going", "must")
        return False

    def _cleft_frame(self, j: int) -> tuple[int, bool]:
        """After "it": where the named one starts in "is/was X" or "could/may/might/must
        have been X" (-1 when neither), and whether it is a guess."""
        words = self.words
        if j < len(words) and words[j] in ("is", "was"):
            return j + 1, False
        if j < len(words) and (words[j] in GUESS_MODALS or words[j] == "must"):
            if words[j + 1 : j + 3] == ["have", "been"]:
                return j + 3, words[j] != "must"
        return -1, False

    def _cleft_before(self, at: int) -> str | None:
        """Who "that" at ``at`` stands for in "it was us that cracked it", "it could
        have been our driver who...": read from the words before it; None when they
        are not such a frame. A guess ("could have been") names nobody unless
        guesses are read as if absent; "it was not us" names nobody."""
        words = self.words
        for k in range(at - 2, max(-1, at - 10), -1):
            if words[k] != "it":
                continue
            j, guess = self._cleft_frame(k + 1)
            if j < 0 or j >= at or words[j] in NEG:
                return None
            if guess and not self.guesses_ignored:
                return NONE
            return self.np_category(j, at)[0]
        return None

    def by_agent(self, p: int, hi: int) -> str:
        """Agent of a passive verb: "was damaged by our fitter", "was lost by us"."""
        # the first "by" that names someone, not "by mistake", "by hand", "by Friday"
        k = self.next_of("agent_by", p + 1, hi - 1)
        if k < 0:
            return NONE
        if self.words[k + 1] in ("us", "me"):
            return FIRST
        cat = self._by_agents.get(k)
        if cat is None:
            cat, _ = self.np_category(k + 1, hi)
            self._by_agents[k] = cat
        return cat

    def agent(self, p: int, lo: int, hi: int) -> str:
        """Category of whoever did the verb at ``p`` inside ``[lo, hi)``."""
        if p <= lo:
            return NONE  # nothing before the verb: not passive, and no subject
        if self.passive(p, lo):
            return self.by_agent(p, hi)
        ss = self.subject_start(lo, p)
        cat, _ = self.np_category(ss, p)
        return cat
