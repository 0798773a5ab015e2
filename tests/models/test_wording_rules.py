"""The rules of the wording check: every rule is reached, and a new rule is one record.

Each rule in ``models.wording.RULES`` carries example sentences. A rule whose
pattern can never start, whose check never flags anything, or that another
rule always pre-empts leaves its examples without a finding of its own, and
the walk over the list below fails for it.
"""

from __future__ import annotations

import dataclasses

import pytest

from models.wording import RULES, Checker, FindingKind, Rule, explain, scan
from models.wording.checks_fault import asserted_by_us, fault_phrase
from models.wording.patterns import canon_rx, sentence_bound


def _problems(rule: Rule, checker: Checker | None = None) -> list[str]:
    """Why ``rule`` would never give a finding of its own (empty when it does)."""
    problems = []
    if rule.pattern is not None and not rule.lead_words:
        problems.append("its pattern starts with no fixed word, so it is run over every text")
    made_by_others = {FindingKind.BLAME_COLLEAGUE, FindingKind.SPECULATION}
    if rule.check is None and rule.kind not in made_by_others:
        problems.append("it has no check")
    if not rule.examples:
        problems.append("it has no example")
    for example in rule.examples:
        found = checker.explain(example) if checker else explain(example)
        own = [f for f, by in found if by is rule]
        if not own:
            problems.append(f"{example!r} gives no finding of its own: {found}")
        elif not all(
            (f.kind, f.message, f.suggestion) == (rule.kind, rule.message, rule.suggestion)
            for f in own
        ):
            problems.append(f"{example!r} is flagged with another message: {own}")
    return problems


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_every_rule_flags_its_examples_with_its_message(rule: Rule) -> None:
    assert _problems(rule) == []
    for example in rule.examples:
        assert rule.message in [f.message for f in scan(example)]


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_every_rule_reads_within_one_sentence(rule: Rule) -> None:
    # A pattern that can look past the end of its sentence (a "|", "$" or "." in it)
    # makes every keystroke read the whole text again instead of the changed sentences.
    assert rule.pattern is None or sentence_bound(rule.pattern)


def test_every_kind_of_finding_has_a_rule() -> None:
    assert {rule.kind for rule in RULES} == set(FindingKind)
    assert len({rule.id for rule in RULES}) == len(RULES)


def test_only_blame_and_non_apologies_once_the_fault_is_ours() -> None:
    still = {FindingKind.NON_APOLOGY, FindingKind.BLAME_COLLEAGUE}
    for rule in RULES:
        for example in rule.examples:
            kinds = {f.kind for f in scan(example, fault_is_ours=True)}
            assert kinds <= still
            if rule.kind in still:
                assert kinds == {rule.kind}


GAVE_AWAY = Rule(
    id="gave_table_away",
    kind=FindingKind.ADMISSION,
    pattern=canon_rx(r"\b(?:gave|given) (?:your|the) (?:table|booking|seat|room) away\b"),
    check=asserted_by_us,
    message="This says the shop gave away what the customer had booked.",
    suggestion="I'm sorry about your table; I'm finding out what happened tonight.",
    examples=("We gave your table away at eight.",),
)


def test_a_new_kind_of_admission_is_one_record() -> None:
    text = "We gave your table away at eight."
    assert GAVE_AWAY.message not in {finding.message for finding in scan(text)}
    checker = Checker([*RULES, GAVE_AWAY])
    assert _problems(GAVE_AWAY, checker) == []
    [finding] = checker.scan(text)
    assert (finding.start, finding.end) == (0, len(text) - 1)
    assert finding.message == GAVE_AWAY.message
    assert finding.suggestion == GAVE_AWAY.suggestion
    # The record's check reads who did it and whether it is asserted, as any rule's does.
    assert checker.scan("We never gave your table away.") == []
    assert checker.scan("If we gave your table away, we are sorry.") == []
    assert [f.kind for f in checker.scan("Priya gave your table away.")] == [
        FindingKind.BLAME_COLLEAGUE
    ]
    assert checker.scan("It was our fault.") == scan("It was our fault.")


@pytest.mark.parametrize(
    "broken",
    [
        # A pattern that starts with any word has no words to be tried at.
        dataclasses.replace(GAVE_AWAY, id="no_start", pattern=canon_rx(r"\w+ your table away\b")),
        # Words the tokens never hold: "table's" is read as "table 's".
        dataclasses.replace(
            GAVE_AWAY, id="never_a_token", pattern=canon_rx(r"\bgave your table's\b")
        ),
        # Pre-empted: an earlier rule flags the same words with the same rank.
        dataclasses.replace(
            GAVE_AWAY,
            id="pre_empted",
            pattern=canon_rx(r"\bour fault\b"),
            check=fault_phrase,
            examples=("It was our fault.",),
        ),
        dataclasses.replace(GAVE_AWAY, id="no_example", examples=()),
    ],
    ids=lambda rule: rule.id,
)
def test_a_record_that_is_never_reached_is_caught(broken: Rule) -> None:
    assert _problems(broken, Checker([*RULES, broken])) != []


def test_a_list_of_rules_is_refused_without_one_rule_for_colleagues() -> None:
    with pytest.raises(ValueError, match="colleague"):
        Checker([rule for rule in RULES if rule.kind is not FindingKind.BLAME_COLLEAGUE])
    with pytest.raises(ValueError, match="same id"):
        Checker([*RULES, dataclasses.replace(GAVE_AWAY, id=RULES[1].id)])
