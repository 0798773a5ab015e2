"""Checks of the rules about fault, omissions, errors of manner, equipment and payment.

Each check takes the text being analysed and its rule, reads the matches of
the rule's pattern and adds a candidate for each asserted statement whose agent
is the shop (or, through :meth:`Analysis.admit`, a colleague).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from models.wording.agents import BUSINESS, FIRST, NONE, OURS, STAFF
from models.wording.analysis import Analysis
from models.wording.lexicon import (
    AUX,
    BE,
    BREAKDOWN,
    COLLECTIVE,
    COMPARE_VERBS,
    COSTY,
    DAMAGE_COSTS,
    DETS,
    DILIGENCE,
    DUPLICATED,
    DUTY_NOUNS,
    EPISTEMIC,
    FRAMES,
    FROM_OFF,
    HARM_ING,
    HARM_NOUNS,
    MANNER_ADJ,
    MANNER_ADV,
    MANNER_STOP,
    NEG,
    NOT_COMPENSATION,
    PARTICIPLE_NOUNS,
    PAY_OBJECT,
    PAY_PRESENT,
    POSS_DETS,
    PROMISE,
    REMEDIAL,
    ROLE,
    SHOULD_BEEN_EXCUSE,
    SHOULD_HAVE_ARRIVED,
    SKIP_ADV,
    SYMPATHY_AUX,
    SYMPATHY_SUBJECTS,
    SYMPATHY_WORDS,
    THIRD,
    TREAT,
    TREAT_MARKS,
    VEHICLES,
    WARRANTY,
    is_past,
)

if TYPE_CHECKING:
    from models.wording.rule import Rule


def fault_phrase(doc: Analysis, rule: Rule) -> None:
    """A phrase that says whose fault it is: "our mistake", "the fault is ours"."""
    for m in doc.matches(rule):
        i = doc.tok_at(m.start())
        lo, _hi = doc.clause_bounds(i)
        if not doc.already_found(i, rule) and doc.check(i, lo, modal=False):
            doc.add(i, rule)


def named_fault(doc: Analysis, rule: Rule) -> None:
    """ "Dave's fault", "our driver's mistake", "our team's error"."""
    words = doc.words
    for m in doc.matches(rule):
        i = doc.tok_at(m.start()) - 1
        lo, _hi = doc.clause_bounds(i + 1)
        if i < lo:
            continue
        who = words[i]
        cat = NONE
        if doc.is_name(i):
            cat = STAFF
        elif who in ROLE or who in COLLECTIVE:
            k = doc.last_of(POSS_DETS, lo, i)
            if k >= lo and words[k] in ("our", "my"):
                cat = STAFF if who in ROLE else OURS
        if cat != NONE and doc.check(i, lo, modal=False):
            doc.admit(i, cat, rule)


def _on_us(doc: Analysis, rule: Rule, *, costs: bool) -> None:
    """ "it is on us": fault, or with a cost before it ("the repair is on us"), a payment."""
    key = ("on us", rule.pattern)
    split: dict[bool, list[tuple[int, int]]] | None = doc.memo.get(key)
    if split is None:  # the matches are read once for the two rules that share them
        split = doc.memo[key] = {False: [], True: []}
        words, clauses, clause_of = doc.words, doc.clauses, doc.clause_of
        for m in doc.matches(rule):
            i = doc.tok_at(m.start())
            lo = clauses[clause_of[i]][0]
            before = words[max(lo, i - 3) : i]
            a = doc.sentences[doc.sent_of[i]][0]
            if TREAT.isdisjoint(before) and doc.next_of(TREAT_MARKS, a, i) < 0:
                # not a treat: "the coffee is on us", "a free wash is on us next time"
                split[not COSTY.isdisjoint(before)].append((i, lo))
    for i, lo in split[costs]:
        if doc.check(i, lo, modal=False):
            doc.add(i, rule)


def on_us(doc: Analysis, rule: Rule) -> None:
    """ "that one is on us" (no cost named before it)."""
    _on_us(doc, rule, costs=False)


def costs_on_us(doc: Analysis, rule: Rule) -> None:
    """ "the repair bill is on us"."""
    _on_us(doc, rule, costs=True)


# What may follow "it was us" when it is said on its own ("it was us, sorry").
_AFTER_OWNING_UP = frozenset({",", "sorry", "tbh", "lol", "again"})


def it_was_us(doc: Analysis, rule: Rule) -> None:
    """ "It was us.", "that was me, sorry": owning up, with nothing after it to say what.

    "It was us that cracked it" is read by the cleft in the who-acts analysis, "was it us?"
    and "if it was us" by the sentence's context, "it was not us" never matches.
    """
    words = doc.words
    for m in doc.matches(rule):
        i = doc.tok_at(m.start())
        after = doc.tok_at(m.end() - 1) + 1
        end = doc.sentences[doc.sent_of[i]][1]
        said_alone = (
            after >= end
            or words[after] in _AFTER_OWNING_UP
            or words[after : after + 2] in (["my", "bad"], ["our", "bad"])
            or words[after : after + 3] == ["i", "am", "afraid"]
        )
        lo, _hi = doc.clause_bounds(i)
        if said_alone and doc.check(i + 1, lo, modal=False):
            doc.add(i, rule)


def at_fault(doc: Analysis, rule: Rule) -> None:
    """ "we are at fault", "I was wrong", "our fitter is to blame"."""
    for m in doc.matches(rule):
        i = doc.tok_at(m.start())
        lo, _hi = doc.clause_bounds(i)
        adj = m.group("adj")
        tail = m.group("tail").split()
        if adj == "responsible" and tail[:1] == ["for"] and len(tail) > 1:
            # a duty ("responsible for checking", "for your safety"), not a fault
            duty = tail[1].endswith("ing") and tail[1] not in HARM_ING
            if duty or (len(tail) > 2 and tail[2] in DUTY_NOUNS):
                continue
        if adj == "wrong" and tail and tail[0] in ("with", "about"):
            continue
        cat, _ = doc.np_category(doc.subject_start(lo, i), i)
        doc.admit_asserted(i, lo, cat, rule, modal=False)


def _owned(doc: Analysis, rule: Rule, *, no_subject_is_us: bool, modal: bool) -> None:
    for m in doc.matches(rule):
        i = doc.tok_at(m.start())
        lo, _hi = doc.clause_bounds(i)
        cat, _ = doc.np_category(doc.subject_start(lo, i), i)
        if cat == NONE and no_subject_is_us:
            cat = FIRST
        doc.admit_asserted(i, lo, cat, rule, modal=modal)


def accepts_blame(doc: Analysis, rule: Rule) -> None:
    """ "we accept full responsibility"; with no subject ("Accept the blame") it is us."""
    _owned(doc, rule, no_subject_is_us=True, modal=False)


def made_mistake(doc: Analysis, rule: Rule) -> None:
    """ "we made a mistake", but not "we will make mistakes"."""
    _owned(doc, rule, no_subject_is_us=False, modal=True)


def owned_failing(doc: Analysis, rule: Rule) -> None:
    """ "we let you down", "we could have done better"."""
    _owned(doc, rule, no_subject_is_us=False, modal=False)


def should_have(doc: Analysis, rule: Rule) -> None:
    """ "we should have checked", not "it should have arrived" nor "we should have been told"."""
    for m in doc.matches(rule):
        i = doc.tok_at(m.start())
        lo, _hi = doc.clause_bounds(i)
        pp = m.group("pp")
        pp2 = m.group("pp2") or ""
        if pp == "been":
            if pp2 in SHOULD_BEEN_EXCUSE:
                continue  # "we should have been told" complains about someone else
        elif not (is_past(pp) or pp.endswith("en")) or pp in SHOULD_HAVE_ARRIVED:
            continue  # "it should have arrived" is about someone else
        cat, _ = doc.np_category(doc.subject_start(lo, i), i)
        if pp == "been" and cat == STAFF and (is_past(pp2) or pp2.endswith("en")):
            # What should have been done to someone or something ("Chain should have
            # been replaced", "Mark should have been trained") is the shop's failing,
            # not the fault of whoever the sentence starts with.
            cat = OURS
        doc.admit_asserted(i, lo, cat, rule, modal=False)


def asserted_by_us(doc: Analysis, rule: Rule) -> None:
    """Any match whose subject is the shop and that is asserted: "we failed to"."""
    for m in doc.matches(rule):
        i = doc.tok_at(m.start())
        lo, _hi = doc.clause_bounds(i)
        cat, _ = doc.np_category(doc.subject_start(lo, i), i)
        doc.admit_asserted(i, lo, cat, rule)


def not_checked(doc: Analysis, rule: Rule) -> None:
    """ "we did not check the valve", "I never told them"; not "we did not notice any"."""
    for m in doc.matches(rule):
        v = m.group("v")
        if v not in DILIGENCE and not (v in ("do", "did") and _test_object(m)):
            continue
        obj = m.group("obj").split()
        if obj and obj[0] in ("any", "anything", "anyone", "anybody"):
            continue  # "we did not notice any damage" is a denial
        if v in ("tell", "told", "warn", "warned", "inform", "informed") and (
            not obj
            or obj[0] not in ("you", "them", "him", "her", "the", "your")
            or obj[-1:] == ["that"]
        ):
            continue
        i = doc.tok_at(m.start())
        lo, _hi = doc.clause_bounds(i)
        if not doc.assertive(i) or _modal_negation(doc, i, lo):
            continue
        cat, _ = doc.np_category(doc.subject_start(lo, i), i)
        doc.admit(i, cat, rule)


def _test_object(m: re.Match[str]) -> bool:
    obj = m.group("obj").split()
    return any(
        w in ("test", "check", "checks", "inspection", "assessment", "survey", "tests") for w in obj
    )


def _modal_negation(doc: Analysis, i: int, lo: int) -> bool:
    """ "could not fit it properly" is inability, not an admission."""
    return i - 1 >= lo and doc.words[i - 1] in ("can", "could", "would", "will", "may", "might")


def none_of_us(doc: Analysis, rule: Rule) -> None:
    """ "none of us noticed", "nobody here checked"."""
    words = doc.words
    for m in doc.matches(rule):
        if m.group("v") == "saw":
            continue  # "nobody on our staff saw him coughing" denies an event
        i = doc.tok_at(m.start())
        if i >= 2 and words[i - 1] == "why" and words[i - 2] in BE:
            continue  # "it isn't visible, which is why none of us spotted it": a reason
        if doc.assertive(i):
            doc.add(i, rule)


def not_properly(doc: Analysis, rule: Rule) -> None:
    """ "we did not fit it properly"; not "it was not properly packed" (no agent)."""
    words = doc.words
    for m in doc.matches(rule):
        i = doc.tok_at(m.start())
        lo, hi = doc.clause_bounds(i)
        if not doc.assertive(i) or _modal_negation(doc, i, lo):
            continue
        cat, _ = doc.np_category(doc.subject_start(lo, i), i)
        if doc.passive(i + 1, lo) or (i + 1 < hi and words[i + 1] in BE):
            continue
        doc.admit(i, cat, rule)


def manner(doc: Analysis, rule: Rule) -> None:
    """An error of manner with the verb it belongs to: "we fitted the wrong part"."""
    for m in doc.matches(rule):
        _manner(doc, rule, doc.tok_at(m.start()), m.group())


def _manner(doc: Analysis, rule: Rule, m: int, phrase: str) -> None:
    words = doc.words
    lo, hi = doc.clause_bounds(m)
    first = phrase.split()[0]
    # the verb the manner word belongs to
    v = doc.last_of("manner_stop", lo, m)
    if v >= 0 and words[v] in MANNER_STOP:
        return
    if v == lo and not is_past(words[v]):
        v = -1  # "did damage" only counts with its "did" in the same clause
    if v < 0 and first in MANNER_ADV:
        # "we wrongly told you", "I mistakenly deleted"
        for k in range(m + 1, min(hi, m + 3)):
            if is_past(words[k]):
                v = k
                break
    if v < 0:
        if first not in MANNER_ADJ:
            return
        k = doc.next_of("passive_past", m + 1, hi)
        if k >= 0:
            doc.admit_asserted(k, lo, doc.by_agent(k, hi), rule)
        return
    verb = words[v]
    if verb in ("did", "do", "does") and v + 1 < m and words[v + 1] in NEG:
        return  # "we didn't send the wrong size" (with "send" not read as a past)
    if first in ("through", "against") and (verb in REMEDIAL or verb in COMPARE_VERBS):
        return  # "we've compared the spare against your original"
    if first in ("twice", "double") and verb not in DUPLICATED:
        return
    if verb in EPISTEMIC or (verb in ("was", "were", "had") and first == "too"):
        return
    if verb in REMEDIAL and (first in MANNER_ADJ or first == "too"):
        return  # "we replaced the faulty valve"
    if verb == "got" and doc.next_of(FROM_OFF, v + 1, m) >= 0:
        return  # "we got the wrong stock from the supplier"
    doc.admit_asserted(v, lo, doc.agent(v, lo, hi), rule)


def equipment_failed(doc: Analysis, rule: Rule) -> None:
    """ "our freezer failed", "the oven we use ran too hot"."""
    words = doc.words
    for m in doc.matches(rule):
        i = doc.tok_at(m.start())
        lo, _hi = doc.clause_bounds(i)
        if i > lo and (words[i - 1] in DETS or words[i - 1] in POSS_DETS):
            continue  # "a failed valve" names a part, it says nothing failed here
        cat, k = doc.np_category(doc.subject_start(lo, i), i)
        if cat not in (OURS, STAFF) or doc.already_found(i, rule):
            continue
        subject = words[k:i]
        if cat == STAFF and (
            words[k] in ("he", "she") or doc.is_name(k) or not ROLE.isdisjoint(subject)
        ):
            continue  # a person tripping or going off is no equipment failing
        if words[i] in BREAKDOWN and not VEHICLES.isdisjoint(subject):
            continue  # "my car broke down on the way": an outside cause
        if doc.check(i, lo):
            doc.add(i, rule)


def caused(doc: Analysis, rule: Rule) -> None:
    """ "our cleaner caused the stain"; not "sorry for the trouble it has caused"."""
    words = doc.words
    for m in doc.matches(rule):
        i = doc.tok_at(m.start())
        lo, _hi = doc.clause_bounds(i)
        if i > lo and words[i - 1] in PARTICIPLE_NOUNS:
            continue  # "any inconvenience caused" is a participle, not a cause
        if _sympathy_relative(doc, lo, i):
            continue  # "sorry for the trouble it has caused": "it" is the problem
        cat, _ = doc.np_category(doc.subject_start(lo, i), i)
        doc.admit_asserted(i, lo, cat, rule)


def _sympathy_relative(doc: Analysis, lo: int, i: int) -> bool:
    """True for a cause verb in a relative clause after an expression of sympathy:
    "sorry for the upset (that) this has caused", whose subject is the problem."""
    j = max(doc.skip_back(SYMPATHY_AUX, i - 1), lo)
    if j <= lo or doc.words[j] not in SYMPATHY_SUBJECTS:
        return False
    return doc.next_of(SYMPATHY_WORDS, lo, j) >= 0


def down_to_us(doc: Analysis, rule: Rule) -> None:
    """ "the damage was down to us", "the leak came from our fitting"."""
    words = doc.words
    for m in doc.matches(rule):
        i = doc.tok_at(m.start())
        lo, _hi = doc.clause_bounds(i)
        rest = m.group("rest").split()
        if m.group("who") in ("our", "my") and any(r in THIRD for r in rest):
            continue
        before = words[max(lo, i - 6) : i]
        link = m.group("link")
        if not any(w in HARM_NOUNS for w in before) and not (
            link != "from" and any(w in ("it", "this", "that") for w in before)
        ):
            continue
        if not doc.already_found(i, rule) and doc.check(i, lo, modal=False):
            doc.add(i, rule)


def will_pay(doc: Analysis, rule: Rule) -> None:
    """A promise by the shop to pay, cover or reimburse a cost of the harm."""
    words = doc.words
    for m in doc.matches(rule):
        if not _pays_for_harm(m.group("v"), m.group("rest").split()):
            continue
        i = doc.tok_at(m.start())
        lo, _hi = doc.clause_bounds(i)
        if not _pay_context(doc, i, lo):
            continue
        ss = doc.subject_start(lo, i)
        if ss > lo and (words[ss - 1] in COSTY or _relative_after_noun(doc, lo, ss)):
            continue  # "the rent we pay has risen": what we pay, not a promise
        if i > lo and _pay_noun(doc, i, lo):
            continue  # "a new set of covers", "cushion covers": a noun
        cat, _ = doc.np_category(ss, i)
        if cat not in BUSINESS:
            continue
        present = i > ss and words[i - 1] in PAY_PRESENT
        if present or doc.next_of(PROMISE, ss, i) >= 0:
            doc.add(i, rule)


def _relative_after_noun(doc: Analysis, lo: int, ss: int) -> bool:
    """ "the rent we pay": a noun phrase from ``lo`` up to the subject at ``ss``."""
    words = doc.words
    return words[lo] in ("the", "this", "that", "these", "those") and not any(
        is_past(w) or w in AUX or w in FRAMES for w in words[lo + 1 : ss]
    )


def _pay_noun(doc: Analysis, i: int, lo: int) -> bool:
    """Is the paying word at ``i`` a noun ("a new set of covers", "the seat covers")?"""
    words = doc.words
    prev = words[i - 1]
    if prev in DETS or prev in ("new", "of"):
        return True
    # "covers", "pays" with an -s need a subject straight before them: "our policy covers it"
    return (
        words[i].endswith("s")
        and prev not in PAY_PRESENT
        and prev not in SKIP_ADV
        and prev not in ("it", "this", "that", "which", "who", "he", "she", "policy", "also")
    )


def _pays_for_harm(v: str, rest: list[str]) -> bool:
    """Does paying ``v`` followed by the words ``rest`` pay for harm (not a refund)?"""
    first = rest[0] if rest else ""
    ok = False
    if v.startswith("pay"):
        ok = first in PAY_OBJECT and rest[1:2] != ["us"] and rest[1:2] != ["me"]
        if first in ("you", "back") and "for" not in rest:
            ok = any(r in COSTY for r in rest)  # "pay you back the deposit" is a refund
        if NOT_COMPENSATION.intersection(rest):
            ok = False
    elif v.startswith("cover"):
        if first in ("it", "that", "this", "everything", "whatever"):
            ok = not any(r in ("with", "up", "over", "in") for r in rest[1:2])
        else:
            ok = any(r in COSTY for r in rest)
    elif v.startswith("foot"):
        ok = first == "the" and len(rest) > 1 and rest[1] == "bill"
    elif v.startswith(("meet", "settle")):
        ok = first in ("it", "that", "this", "them") or any(r in COSTY for r in rest[:3])
    elif v.startswith(("reimburs", "compensat")):
        ok = True
    elif v.startswith("refund"):
        ok = bool(DAMAGE_COSTS.intersection(rest))
    return ok


def pay_phrase(doc: Analysis, rule: Rule) -> None:
    """A phrase that is a payment by itself: "at our cost", "on our insurance"."""
    for m in doc.matches(rule):
        i = doc.tok_at(m.start())
        lo, hi = doc.clause_bounds(i)
        end = doc.tok_at(m.end() - 1) + 1
        if doc.next_of(WARRANTY, end, min(hi, end + 4)) >= 0:
            continue  # "covered by our 10-year workmanship guarantee"
        if _pay_context(doc, i, lo):
            doc.add(i, rule)


def _pay_context(doc: Analysis, i: int, lo: int) -> bool:
    ctx = doc.ctx(doc.sent_of[i])
    return ctx.assertive(i) and not ctx.goodwill and not doc.negated(lo, i)
