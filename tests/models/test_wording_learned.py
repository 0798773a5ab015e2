"""The learned part of the wording check: what it adds to the rules, what it
costs when its weights are missing, and that it scores a text the way it was
trained to."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from models.wording import FindingKind, scan
from models.wording.checker import CHECKER, Checker
from models.wording.features import text_features
from models.wording.learned import Model, load, model, rule_ids_by_sentence
from models.wording.rules import RULES
from models.wording.training import CORPUS, RISKY_KINDS, RISKY_LABELS, flagged, read
from models.wording.training import load as load_corpus

RISKY = RISKY_KINDS


def _risky(text: str) -> bool:
    return any(f.kind in RISKY for f in scan(text))


# Kinds of admission no rule was written for, in words of our own.
UNRULED_ADMISSIONS = [
    "our booking software double-booked your slot",
    "the lad on the till was rude to you, and I've had words with him",
    "Our invoice added the delivery twice.",
    "The second charge on your card came from our till.",
]

SAFE = [
    "each driver is responsible for loading their own van",
    "we couldn't get down your road because of the marathon",
    "so sorry the lamp reached you in pieces; we're finding out how",
    "Thank you for letting us know, we will call you on Friday.",
    "Did our driver leave the parcel by the door?",
]


@pytest.mark.parametrize("text", UNRULED_ADMISSIONS)
def test_admissions_the_rules_never_named_are_flagged(text: str) -> None:
    assert _risky(text)


@pytest.mark.parametrize("text", SAFE)
def test_sympathy_outside_causes_and_questions_are_not(text: str) -> None:
    assert not _risky(text)


def test_a_finding_of_the_model_spans_its_sentence_and_can_be_replaced() -> None:
    text = "Thanks for your patience. Our booking software double-booked your slot. See you soon."
    [finding] = [f for f in scan(text) if f.kind is FindingKind.ADMISSION]
    assert text[finding.start : finding.end] == "Our booking software double-booked your slot"
    assert finding.suggestion
    fixed = text[: finding.start] + finding.suggestion.rstrip(".") + text[finding.end :]
    assert not _risky(fixed)
    assert ".." not in fixed


def test_once_the_fault_is_ours_the_model_says_nothing() -> None:
    assert scan("our booking software double-booked your slot", fault_is_ours=True) == []


def test_without_its_weights_the_rules_work_alone(tmp_path: Path) -> None:
    missing = tmp_path / "weights.json"
    assert load(missing) is None
    missing.write_text("{not json", encoding="utf-8")
    assert load(missing) is None
    missing.write_text(json.dumps({"weights": {}}), encoding="utf-8")
    assert load(missing) is None
    rules_only = Checker(RULES)
    assert [f.kind for f in rules_only.scan("We dropped your vase.")] == [FindingKind.ADMISSION]


def _random_texts(count: int) -> list[str]:
    words = [
        "we",
        "our",
        "you",
        "the",
        "driver",
        "dropped",
        "broke",
        "sorry",
        "not",
        "never",
        "if",
        "customer",
        "says",
        "it",
        "was",
        "our",
        "fault",
        "checked",
        "van",
        "till",
        "charged",
        "twice",
        "lad",
        "rude",
        ",",
        ".",
        "?",
        "and",
        "because",
        "staff",
    ]
    rnd = random.Random(3)
    return [" ".join(rnd.choice(words) for _ in range(rnd.randint(1, 40))) for _ in range(count)]


def test_the_check_scores_sentences_exactly_as_training_does() -> None:
    """The quick scoring at run time adds the same weights as the named features
    the model was trained on."""
    shipped = model()
    assert shipped is not None
    texts = [e.text for e in load_corpus(CORPUS / "dev")[:300]] + _random_texts(300)
    for text in texts:
        doc, findings, rules = CHECKER.read(text)
        if doc is None:
            continue
        ids = rule_ids_by_sentence(doc.sentences, doc.starts, doc.ends, findings, rules)
        named = [shipped.probability(f) for f in text_features(doc.words, doc.sentences, ids)]
        quick = shipped.sentence_scores(doc.words, doc.sentences, ids)
        assert quick == pytest.approx(named, abs=1e-9), text


def test_training_decides_each_text_as_the_check_does() -> None:
    """Training chooses its cut-off by deciding whether each text would be
    flagged; that decision is the check's own, text by text."""
    shipped = model()
    assert shipped is not None
    texts = [e.text for e in load_corpus(CORPUS / "dev")[::8]] + _random_texts(200)
    for text in texts:
        doc, findings, rules = CHECKER.read(text)
        if doc is None:
            continue
        ids = rule_ids_by_sentence(doc.sentences, doc.starts, doc.ends, findings, rules)
        probs = shipped.sentence_scores(doc.words, doc.sentences, ids)
        decided = flagged(read(text), probs, shipped.threshold, shipped.veto)
        assert decided == _risky(text), text


def test_a_model_of_our_own_changes_the_decision() -> None:
    """The cut-offs decide: a model that rates every sentence risky flags a thank-you,
    one that rates every sentence safe drops the rules' admissions."""
    always = Model({"BIAS": 10.0}, threshold=0.5, veto=0.1)
    never = Model({"BIAS": -10.0}, threshold=0.5, veto=0.1)
    text = "Thank you for your message. We dropped your vase."
    doc, findings, rules = CHECKER.read(text)
    assert doc is not None
    from models.wording.learned import review

    args = (doc.words, doc.starts, doc.ends, doc.sentences, findings, rules)
    flagged, _ = review(*args, chosen=always)
    assert {text[f.start : f.end] for f in flagged} == {
        "Thank you for your message",
        "We dropped your vase",
    }
    dropped, _ = review(*args, chosen=never)
    assert dropped == []


def test_the_untouched_test_part_meets_its_floor() -> None:
    """Texts written last by people who had seen neither the check nor the other
    texts, never trained or tuned on: the floor guards against a change that
    makes the check worse on text it has not seen."""
    examples = [e for e in load_corpus(CORPUS / "test") if e.label in RISKY_LABELS | {"safe"}]
    assert examples
    risky = [e for e in examples if e.label in RISKY_LABELS]
    safe = [e for e in examples if e.label == "safe"]
    recall = sum(_risky(e.text) for e in risky) / len(risky)
    alarms = sum(_risky(e.text) for e in safe) / len(safe)
    assert recall >= RECALL_FLOOR
    assert alarms <= ALARM_CEILING


# Measured on the check as shipped: 92.4% of 1,015 risky texts and 2.8% of 1,243
# safe ones (t7 to t12); the target is 92% and 4%. The floor keeps the target,
# with a few texts of room for changes that move nothing real.
RECALL_FLOOR = 0.92
ALARM_CEILING = 0.04


def test_a_denial_of_the_harm_is_no_admission_but_an_omission_still_is() -> None:
    for denial in (
        "We did not tear the fabric; the split runs along an old seam that was already weak.",
        "Nobody at the launderette touched your machine after you left it running.",
        "None of our staff damaged your car while it was parked with us.",
        "I never scratched the lens, it was like that when it came in.",
    ):
        assert not _risky(denial), denial
    for admission in (
        "We did not ring you back when we said we would.",
        "Nobody here checked the valve before it went out.",
        "We didn't break it on purpose, the box slipped off the counter.",
    ):
        assert _risky(admission), admission


def test_the_checks_own_safer_wording_neither_flagged_nor_hiding_an_admission() -> None:
    assert not _risky("We will look into what went wrong and will call you on Friday.")
    assert _risky("We will look into what went wrong, the lad on the till was rude to you.")


def test_a_long_sentence_the_learned_part_flags_is_warned_about_but_not_replaced() -> None:
    """Safer wording in place of a whole long sentence would take the owner's other
    words with it; a short one is still offered its safer wording."""
    long_found, short_offered = 0, 0
    for example in load_corpus(CORPUS / "dev")[::3]:
        for finding, rule in CHECKER.explain(example.text):
            if not rule.id.startswith("learned"):
                continue
            words = len(example.text[finding.start : finding.end].split())
            if words > 40:
                long_found += 1
                assert finding.suggestion is None, example.text
            elif words < 15 and finding.suggestion is not None:
                short_offered += 1
    assert long_found >= 5 and short_offered >= 5


def test_a_hidden_layer_kept_in_whole_steps_answers_as_its_weights_do() -> None:
    """The net is kept in the file as whole numbers of one step: read back, it gives
    (within that rounding) what its weights give, and a feature named twice in a
    sentence counts once, as in training."""
    import math

    from models.wording.net import net_data

    rnd = random.Random(5)
    hidden = 4
    names = [f"w:{n}" for n in range(50)]
    rows = [[rnd.uniform(-1, 1) for _ in range(hidden)] for _ in names]
    first_bias = [rnd.uniform(-0.5, 0.5) for _ in range(hidden)]
    out = [rnd.uniform(-2, 2) for _ in range(hidden)]
    data, net = net_data(names, rows, first_bias, out, 0.3)
    assert json.loads(json.dumps(data)) == data  # plain JSON, read with no extra library
    for _ in range(200):
        chosen = rnd.sample(range(len(names)), rnd.randint(1, 12))
        pre = [first_bias[k] + sum(rows[i][k] for i in chosen) for k in range(hidden)]
        z = 0.3 + sum(w * max(0.0, p) for w, p in zip(out, pre, strict=True))
        expected = 1 / (1 + math.exp(-z))
        features = [names[i] for i in chosen] + [names[chosen[0]], "w:unknown"]
        assert net.probability(net.sums(features)) == pytest.approx(expected, abs=0.03)


def test_a_check_read_through_a_hidden_layer_scores_as_training_does() -> None:
    """With a hidden layer, the quick scoring at run time (each sentence's parts kept
    for the next keystroke) gives what the named features give."""
    from models.wording.net import net_data

    rnd = random.Random(8)
    texts = [e.text for e in load_corpus(CORPUS / "dev")[:150]] + _random_texts(150)
    reads = []
    names: set[str] = set()
    for text in texts:
        doc, findings, rules = CHECKER.read(text)
        if doc is None:
            continue
        ids = rule_ids_by_sentence(doc.sentences, doc.starts, doc.ends, findings, rules)
        reads.append((doc, ids))
        names.update(f for feats in text_features(doc.words, doc.sentences, ids) for f in feats)
    ordered = sorted(names)
    rows = [[rnd.uniform(-0.3, 0.3) for _ in range(4)] for _ in ordered]
    _data, net = net_data(ordered, rows, [0.1, -0.1, 0.2, 0.0], [1.0, -1.5, 0.8, 2.0], -0.5)
    netted = Model({}, threshold=0.5, veto=0.0, net=net)
    for doc, ids in reads:
        named = [netted.probability(f) for f in text_features(doc.words, doc.sentences, ids)]
        quick = netted.sentence_scores(doc.words, doc.sentences, ids)
        assert quick == pytest.approx(named, abs=1e-9)
