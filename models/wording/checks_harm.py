"""Checks of the rules about harm: verbs of harm, causes, custody, defects, non-apologies.

Some of these read single words rather than a pattern ("we dropped", "our
fitter scratched"), and some join the clauses of a sentence: a harm explained
by "because we...", "that's why", a harm "while it was in our care", a product
"we sold" that was past its date.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from models.wording.agents import (
    BUSINESS,
    FIRST,
    NEGFIRST,
    NEGSUBJ,
    NONE,
    OTHER,
    OURS,
    STAFF,
    YOU,
)
from models.wording.analysis import Analysis
from models.wording.lexicon import (
    ADJ_BEFORE,
    AMBIG_ING,
    AMBIG_PAST,
    AUX_PLAIN,
    BE,
    BODY_SURFACE,
    CAUSATIVE,
    CUSTODY_HARM,
    CUT_BODY,
    DETS,
    DILIGENCE,
    DISCOVERY,
    DROP_DELIVERED_TO,
    DROP_FELL_AFTER,
    DROP_OBJECTS,
    DROP_PARTICLES,
    DROP_PLACE_WORDS,
    EPISTEMIC,
    FIRST_PRON,
    HARM_BASE,
    HARM_ING,
    HARM_INTRANS,
    HARM_PAST,
    IDIOM_BASES,
    LEAVE_COMPLEMENT,
    LEAVE_PREP_OBJECTS,
    LEAVE_PREPS,
    LONGER,
    LOST_EXCLUDE,
    MODAL_BLOCK,
    NEG,
    NEG_OBJECT,
    NON_APOLOGY_ILLNESS,
    NP_SKIP,
    OUTCOME,
    PARTICLES,
    PASSIVE_SKIP,
    PETS,
    PRICE_WORDS,
    PROGRESSIVE_AUX,
    REMEDIAL,
    SELF_OBJECT,
    SKIP_ADV,
    STATE_VERBS,
    SUBJECT_PRONOUNS,
    THIRD,
    TOKEN_TRIGGERS,
    is_past,
)

if TYPE_CHECKING:
    from models.wording.rule import Rule

# "-ing" forms read as "we have been overcharging you"; the other trigger words
# are read as a verb of harm in the past ("we dropped").
_PROGRESSIVE_WORDS = frozenset(HARM_ING) - frozenset(HARM_PAST)


def _triggers(doc: Analysis) -> list[int]:
    """Where the words of harm stand, found once for the two rules that read them."""
    found: list[int] | None = doc.memo.get(_triggers)
    if found is None:
        found = doc.memo[_triggers] = doc.where(TOKEN_TRIGGERS)
    return found


def harm_verb(doc: Analysis, rule: Rule) -> None:
    """Verbs of harm with a business agent: "we dropped", "our fitter scratched"."""
    words = doc.words
    clauses, clause_of = doc.clauses, doc.clause_of
    found_in_clause = doc.found_in_clause
    for i in _triggers(doc):
        w = words[i]
        if w in _PROGRESSIVE_WORDS:
            continue  # see still_harming
        harm = w in HARM_PAST
        ambig = not harm and w in AMBIG_PAST
        if not harm and not ambig:
            if w in HARM_BASE and i > 0 and words[i - 1] == "did":
                harm = True
            elif w == "left":
                if not _left_in_a_state(doc, i):
                    continue
                harm = True
            else:
                continue
        lo, hi, _s, _c = clauses[clause_of[i]]
        apposed = doc.before_apposition(i) if i == lo else None
        if i == lo and apposed is None:
            continue  # first in its clause: no subject, so no agent (see agent())
        base = HARM_PAST.get(w) or AMBIG_PAST.get(w) or HARM_BASE.get(w) or w
        after = words[i + 1 : min(hi, i + 7)]
        particle = PARTICLES.get(base)
        if particle and particle not in after[:4]:
            continue  # "mixed up", "let go": the particle must be there
        prev = words[i - 1]
        if (
            (base == "hurt" and prev in BE)
            or (
                prev in _BEFORE_ADJECTIVE
                and not (prev == "that" and after[:1] and after[0] in _OBJECTS)
            )
            or (
                prev == "or"
                and i - 2 > lo
                and (is_past(words[i - 2]) or words[i - 2].endswith("ing"))
            )
        ):
            # "he was hurt" says nothing of who hurt him; "the damaged box", "a fee for
            # missed appointments", "anything chipped", "missing or damaged parts"
            continue
        if (ambig or (after and after[0] in SELF_OBJECT) or base in IDIOM_BASES) and _not_harm(
            doc, i, hi, base, ambig, after
        ):
            if _no_harm_at_all(base, after):
                doc.harmless.add(i)
            continue
        if i - 1 == lo and prev in _SUBJECT_FIRST:
            # "we dropped": agent() finds we/I, and check() finds no negation, auxiliary
            # or modal between the subject and the verb, so only the frames are left.
            if found_in_clause.get(clause_of[i], 0) < rule.rank and doc.assertive(i):
                doc.add(i, rule)
            continue
        # Only a business agent gives a finding: settle who did it first, as it is
        # cheaper than the other checks and rules most triggers out. (agent() with
        # its commonest case, no adverb before the verb, read here.)
        if apposed is not None:
            cat = doc.np_category(*apposed)[0]  # "our driver, Dave, dropped it"
        elif prev == "who" and i - 2 > lo and words[lo] not in ("it", "that", "this"):
            cat = _antecedent(doc, lo, i - 1)  # "gardeners who lost plants", not a cleft
        elif prev in PASSIVE_SKIP:
            cat = doc.agent(i, lo, hi)
        elif prev in BE:
            cat = doc.by_agent(i, hi)
        else:
            cat = doc.np_category(doc.subject_start(lo, i), i)[0]
        if cat not in BUSINESS or _state_or_causative(doc, lo, i):
            continue  # not ours, or "it arrived broken", "we had the skip dropped"
        # admit_asserted(i, lo, cat, rule), read here
        target = doc.colleague if cat == STAFF else rule
        if found_in_clause.get(clause_of[i], 0) < target.rank and doc.check(i, lo):
            doc.add(i, target)


_BEFORE_ADJECTIVE = DETS | ADJ_BEFORE | {"your", "our", "my", "'s"}


def _antecedent(doc: Analysis, lo: int, who: int) -> str:
    """Who "who" at ``who`` stands for: "our fitter who...", "Dave who...", "gardeners who..."."""
    words = doc.words
    before = who - 1
    for k in range(before, max(lo, who - 5) - 1, -1):
        if words[k] in ("our", "my"):
            return doc.np_category(k, who)[0]
    if words[before] in FIRST_PRON:
        return FIRST
    return STAFF if doc.is_name(before) else OTHER


def _left_in_a_state(doc: Analysis, i: int) -> bool:
    """ "we left the tap on", "left the gate open"; not "left on the 3rd", "left the yard on
    your lorry", "left Kansas City on schedule" (there "on" starts a noun phrase)."""
    words = doc.words
    _lo, hi = doc.clause_bounds(i)
    for k in range(i + 1, min(hi, i + 6)):
        x = words[k]
        if x not in LEAVE_COMPLEMENT:
            continue
        if x in LEAVE_PREPS and k + 1 < hi:
            nxt = words[k + 1]
            if (
                (k == i + 1 and words[i - 1] not in BE)
                or nxt in LEAVE_PREP_OBJECTS
                or nxt[:1].isdigit()
                or doc.cap(k + 1)
            ):
                continue  # "we left on the 3rd", "left the lesson on Thursday"
        return True
    return False


def _state_or_causative(doc: Analysis, lo: int, i: int) -> bool:
    """Is the participle at ``i`` a state found ("it arrived broken", "finding the carpet
    stained") or something had done by others ("we had the skip dropped")?"""
    words = doc.words
    k = doc.last_of(STATE_VERBS, lo, i)
    if k >= 0 and not any(
        w in SUBJECT_PRONOUNS or w in ("and", "but") or is_past(w) for w in words[k + 1 : i]
    ):
        return True
    k = doc.last_of(CAUSATIVE, lo, i - 1)
    return (
        k >= 0
        and k + 2 < i
        and (words[k + 1] in DETS or words[k + 1] in _POSSESSIVES)
        and not any(is_past(w) or w in SUBJECT_PRONOUNS for w in words[k + 1 : i])
    )


_POSSESSIVES = frozenset({"your", "our", "my", "his", "her", "their"})
# After "that" and a verb, these start its object: "us that cracked your vase"
# (not "that cracked vase").
_OBJECTS = frozenset({"your", "the", "it", "his", "her", "their", "a", "an", "you", "him", "them"})
# we/I as the whole subject, straight before the verb (see harm_verb)
_SUBJECT_FIRST = FIRST_PRON - NP_SKIP - PASSIVE_SKIP - BE - AUX_PLAIN - MODAL_BLOCK - NEG


def _not_harm(doc: Analysis, i: int, hi: int, base: str, ambig: bool, after: list[str]) -> bool:
    """A verb that harms nothing here: "hit the road", "dropped it off", "lost power"."""
    if ambig and (not _ambig_object(base, after) or doc.next_of("as_agreed", i + 1, hi - 1) >= 0):
        return True
    return ((after and after[0] in SELF_OBJECT) or base in IDIOM_BASES) and _idiom(base, after)


_KNOCKED_DOWN = frozenset({"over", "off", "down", "flying"})


def _no_harm_at_all(base: str, after: list[str]) -> bool:
    """A word of harm that here says something else done, not a failing: "dropped it
    off" (delivered), "knocked on your door", "knocked £5 off". ("Dropped the ball"
    and "cut" read as no harm by the rules may still be a failing: the learned part
    weighs those words as they are.)"""
    if base == "drop":
        return _dropped_off(after)
    if base in ("crack", "knock") and after[:1] in (["on"], ["at"]):
        return True
    return base == "knock" and bool(after) and _price_cut(after[:4])


def _ambig_object(base: str, after: list[str]) -> bool:
    window = after[:4]
    if window[:1] == ["for"]:
        return False  # "the copy we cut for you": the thing is before the verb
    if base == "cut":
        return any(x in CUT_BODY or x in PETS for x in window[:3]) and not any(
            x in ("hair", "key", "keys", "copy", "copies", "fringe") for x in window
        )
    if not window:
        return False
    if base == "knock" and _price_cut(window):
        return False  # "we've knocked £5 off your next order"
    if base == "knock" and not _KNOCKED_DOWN.isdisjoint(window[:3]):
        return True  # "knocked it over", "knocked the vase off the shelf"
    if window[0] in ("you", "him", "her", "them"):
        return True
    return any(
        x in BODY_SURFACE or x in PETS or x in ("your", "his", "her", "their") for x in after[:6]
    )


def _price_cut(window: list[str]) -> bool:
    """ "knocked £5 off", "knocked a tenner off the bill": an amount taken off a price."""
    first = window[0]
    if first in ("a", "an", "some", "the") and len(window) > 1:
        first = window[1]
    return first[:1].isdigit() or first in PRICE_WORDS


def _dropped_off(after: list[str]) -> bool:
    """ "dropped it off", "dropped it in to you", "dropped it in the post" (delivered),
    but not "dropped it in the back", "dropped the tray off the shelf" (where it fell)."""
    for k, word in enumerate(after[:3]):
        if word in DROP_PARTICLES:
            rest = after[k + 1 : k + 4]
            if word in DROP_FELL_AFTER and rest[:1] and rest[0] in DROP_PLACE_WORDS:
                return not DROP_DELIVERED_TO.isdisjoint(rest[1:])
            return True
    return False


def _idiom(base: str, after: list[str]) -> bool:
    """Harmless uses of harm verbs: "dropped it off", "lost power", "cracked on"."""
    nxt = after[0] if after else ""
    second = after[1] if len(after) > 1 else ""
    if nxt in SELF_OBJECT:
        return True  # "we damaged nothing", "we hurt our back"
    if base == "drop":
        return (
            _dropped_off(after)
            or (nxt in ("the", "a") and second in DROP_OBJECTS)
            or (nxt in ("you", "him", "her") and second in ("a", "an"))
        )
    if base in ("crack", "knock"):
        return nxt in ("on", "at")
    if base == "miss":
        return nxt in ("you", "him", "her", "them")
    if base == "lose":
        return nxt in LOST_EXCLUDE
    if base == "break":
        # "broke even", "broke the news", "the car broke down" (a breakdown, not harm done)
        return nxt in ("even", "down") or (nxt == "the" and second in ("news", "ice", "record"))
    return False


def still_harming(doc: Analysis, rule: Rule) -> None:
    """ "we have been overcharging you", "our oven keeps burning the bases"."""
    words = doc.words
    for i in _triggers(doc):
        if words[i] not in _PROGRESSIVE_WORDS or words[i] == "missing":
            continue  # "things are missing" says what is gone, not who took it
        lo, hi = doc.clause_bounds(i)
        j = i - 1
        while j >= lo and words[j] in SKIP_ADV:
            j -= 1
        if j < lo or words[j] not in PROGRESSIVE_AUX:
            continue
        nxt = words[i + 1] if i + 1 < hi else ""
        if nxt in ("nothing", "our", "my", "ourselves", "myself") or doc.modal_blocked(j, lo):
            continue
        cat, _ = doc.np_category(doc.subject_start(lo, i), i)
        doc.admit_asserted(i, lo, cat, rule)


def led_to_harm(doc: Analysis, rule: Rule) -> None:
    """ "we planted the hedge too close, and that is why your lawn floods"."""
    for m in doc.matches(rule):
        link = doc.tok_at(m.start())
        a, b, _q = doc.sentences[doc.sent_of[link]]
        if doc.next_of(LONGER, link, b) >= 0 or (
            not m.group().startswith(("and ", "so ")) and doc.next_of(OUTCOME, link, b) < 0
        ):
            continue
        if doc.assertive(link):
            _action_before(doc, rule, link, a)


def despite_warning(doc: Analysis, rule: Rule) -> None:
    """ "we gave him treats containing chicken even though you had told us..."."""
    for m in doc.matches(rule):
        link = doc.tok_at(m.start())
        _action_before(doc, rule, link, doc.sentences[doc.sent_of[link]][0])


def _action_before(doc: Analysis, rule: Rule, link: int, a: int) -> None:
    """Flag the nearest asserted action by the shop before ``link`` in its sentence.

    Whether a word settles the matter does not depend on ``link``, so each word
    is looked at once however many links follow it (``action_stop`` keeps, for
    each word looked at, the nearest one at or before it that settles it).
    """
    memo = doc.action_stop
    seen: list[int] = []
    found = -1
    k = link - 1
    while k >= a:
        known = memo.get(k)
        if known is not None:
            found = known
            break
        seen.append(k)
        if _action_settles(doc, k):
            found = k
            break
        k -= 1
    for x in seen:
        memo[x] = found
    if found >= 0:
        cat = doc.action_cat[found]
        if cat in BUSINESS:
            doc.admit(found, cat, rule)


def _action_settles(doc: Analysis, k: int) -> bool:
    """Is the word at ``k`` an asserted past action with a known agent?"""
    w = doc.words[k]
    if not is_past(w) or w in REMEDIAL or w in EPISTEMIC or w in BE:
        return False
    lo, _hi = doc.clause_bounds(k)
    if not doc.assertive(k) or doc.modal_blocked(k, lo):
        return False
    if doc.negated(lo, k) and w not in DILIGENCE and w not in ("did", "do"):
        return False
    if doc.passive(k, lo):
        return False
    cat, _ = doc.np_category(doc.subject_start(lo, k), k)
    if cat == NONE:
        return False
    doc.action_cat[k] = cat
    return True


def in_our_care(doc: Analysis, rule: Rule) -> None:
    """ "your vase broke while we were moving it", "damaged while in our care"."""
    words = doc.words
    custody_sents: dict[int, int] = {}
    for m in doc.matches(rule):
        i = doc.tok_at(m.start())
        v = m.group("v")
        if v is not None and (v in DISCOVERY or v in BE):
            continue
        who = m.group("who")
        if who is not None and who.startswith("our ") and who.split()[-1] in THIRD:
            continue
        a, b, _q = doc.sentences[doc.sent_of[i]]
        if doc.next_of(CUSTODY_HARM, a, b) < 0:
            continue
        if doc.assertive(i):
            custody_sents.setdefault(doc.sent_of[i], i)
    for si, ci_tok in custody_sents.items():
        a, b, _q = doc.sentences[si]
        if any(words[k] in DISCOVERY for k in range(a, b) if k < ci_tok) or (
            "already" in words[a:b] or "before" in words[a:ci_tok]
        ):
            continue
        for k in range(a, b):
            if _harmed_in_care(doc, k):
                doc.add(k, rule)
                break


def _harmed_in_care(doc: Analysis, k: int) -> bool:
    """Is the word at ``k`` a harm done by us, or an event ("broke"), while in our care?"""
    words = doc.words
    w = words[k]
    if w not in HARM_PAST and w not in HARM_INTRANS:
        return False
    lo, hi = doc.clause_bounds(k)
    prev = words[k - 1] if k > lo else ""
    if prev in DETS or prev in ("your", "our", "my"):
        return False
    if not doc.check(k, lo):
        return False
    if doc.passive(k, lo):
        return doc.by_agent(k, hi) in (NONE, FIRST, OURS, STAFF)
    # "your vase broke while we...": an event, or something we did
    cat, _ = doc.np_category(doc.subject_start(lo, k), k)
    event = w in HARM_INTRANS and cat not in (YOU, NEGSUBJ, NEGFIRST)
    return cat in BUSINESS or event


def _because_we(doc: Analysis) -> list[tuple[int, str, bool]]:
    """Harms explained by something the shop did, or failed to do, after "because".

    "the cake collapsed because we didn't dowel the tiers": for each such clause,
    the word that says what was done, who did it, and whether it was an omission.
    Worked out once per text for the two rules that read it.
    """
    found: list[tuple[int, str, bool]] | None = doc.memo.get("because")
    if found is not None:
        return found
    found = []
    words = doc.words
    for sent_clauses in doc.sent_clauses:
        for prev_ci, ci in itertools.pairwise(sent_clauses):
            a, b, _s, _c = doc.clauses[ci]
            if words[a] not in ("because", "cos") or not doc.assertive(a):
                continue
            pa, pb, _s2, _c2 = doc.clauses[prev_ci]
            if not OUTCOME.intersection(words[pa:pb]) or doc.negated(pa, pb):
                continue
            done = _done_because(doc, a, b)
            if done is not None:
                found.append(done)
    doc.memo["because"] = found
    return found


def _done_because(doc: Analysis, a: int, b: int) -> tuple[int, str, bool] | None:
    words = doc.words
    for k in range(a + 1, b):
        w = words[k]
        omitted = w in NEG and k + 1 < b and words[k + 1] not in NEG_OBJECT
        if not (omitted or (is_past(w) and w not in AUX_PLAIN)):
            continue
        if w in REMEDIAL or w in EPISTEMIC or doc.modal_blocked(k, a):
            return None
        if not omitted and (doc.negated(a, k) or doc.passive(k, a)):
            return None
        cat, _ = doc.np_category(doc.subject_start(a + 1, k), k)
        return (k, cat, omitted) if cat in BUSINESS else None
    return None


def because_we_did(doc: Analysis, rule: Rule) -> None:
    """ "the cake collapsed because we kept it in the van"."""
    for k, cat, omitted in _because_we(doc):
        if not omitted:
            doc.admit(k, cat, rule)


def because_we_did_not(doc: Analysis, rule: Rule) -> None:
    """ "the cake collapsed because we didn't dowel the tiers"."""
    for k, cat, omitted in _because_we(doc):
        if omitted:
            doc.admit(k, cat, rule)


def sold_defective(doc: Analysis, rule: Rule) -> None:
    """ "the milk we sold you was out of date": a defect in a sentence about our sale."""
    defects = doc.matches(rule)
    if not defects:
        return
    (sale_rx,) = rule.also
    defect_sents = {doc.sent_of[doc.tok_at(m.start())] for m in defects}
    sale_sents: set[int] = set()
    for m in doc.hits.get(sale_rx, ()):
        i = doc.tok_at(m.start())
        if doc.sent_of[i] in defect_sents and doc.assertive(i):
            sale_sents.add(doc.sent_of[i])
    if not sale_sents:
        return
    for m in defects:
        i = doc.tok_at(m.start())
        if doc.sent_of[i] not in sale_sents:
            continue
        lo, _hi = doc.clause_bounds(i)
        if not doc.already_found(i, rule) and doc.check(i, lo, modal=False):
            doc.add(i, rule)


def sorry_for_harm(doc: Analysis, rule: Rule) -> None:
    """ "sorry for dropping your parcel", "apologies for fitting the wrong size"."""
    (manner_rx,) = rule.also
    for m in doc.matches(rule):
        g = m.group("g")
        i = doc.tok_at(m.start())
        _lo, hi = doc.clause_bounds(i)
        gi = doc.tok_at(m.start("g"))
        harm = g in HARM_ING
        if not harm:
            harm = _manner_after(doc, manner_rx, gi, hi) and g not in ("replacing", "fixing")
        if harm and doc.assertive(i):
            doc.add(gi, rule)


def _manner_after(doc: Analysis, manner_rx: re.Pattern[str], gi: int, hi: int) -> bool:
    """Is there an error of manner from token ``gi`` to the end of its clause ``hi``?

    The same as searching the words joined from ``gi``, on the canonical string.
    A search from an offset finds the first match at or after it, and that
    answer holds for every offset up to the match; so for one clause, asked
    from left to right, the search moves forward only.
    """
    at = doc.pos[gi]
    last = doc.tail_manner.get(hi)
    if last is not None and last[0] <= at and (last[1] < 0 or at <= last[1]):
        return last[1] >= 0
    end = doc.pos[hi - 1] + len(doc.words[hi - 1])
    m = manner_rx.search(doc.canon, at, end)
    doc.tail_manner[hi] = (at, m.start() if m else -1)
    return m is not None


def admitted_doing(doc: Analysis, rule: Rule) -> None:
    """ "our driver admits clipping it", "Jess admitted forgetting the deposit"."""
    for m in doc.matches(rule):
        g = m.group("g")
        if g not in HARM_ING and g not in AMBIG_ING and not g.startswith(("mis", "over")):
            continue
        i = doc.tok_at(m.start())
        lo, _hi = doc.clause_bounds(i)
        cat, _ = doc.np_category(doc.subject_start(lo, i), i)
        if cat == NONE:
            cat = FIRST
        doc.admit_asserted(i, lo, cat, rule)


def non_apology(doc: Analysis, rule: Rule) -> None:
    """ "sorry you feel that way", "sorry if anyone was offended" (not "sorry you felt ill")."""
    for m in doc.matches(rule):
        v = m.group("v")
        nxt = (m.group("next") or "").strip()
        if v in ("feel", "felt") and nxt in NON_APOLOGY_ILLNESS:
            continue
        i = doc.tok_at(m.start())
        j = doc.tok_at(m.end() - 1)
        ci, cj = doc.clause_of[i], doc.clause_of[j]
        start = doc.lead(ci) if doc.lead(ci) <= i else i
        doc.cands.append((min(start, i), doc.clauses[cj][1], rule))
