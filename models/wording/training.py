"""Train the learned part of the wording check, and measure the whole check.

Run from the project's folder::

    python -m models.wording.training train --blend  # writes models/wording/weights.json
    python -m models.wording.training train      # the linear model alone
    python -m models.wording.training train --net   # a hidden layer alone
    python -m models.wording.training figures    # recall and false alarms on each part

The corpus is ``tests/wording_corpus``: ``dev/`` is what the model is trained
and tuned on; ``test/`` was written last, by people who had seen neither the
check nor the rest of the corpus, and is never read by ``train``. Each file is
tab-separated with the header ``label kind business register text``; in a text
the two characters ``\\n`` stand for a line break.

Training needs scikit-learn (``pip install -e '.[train]'``); the check itself
reads only the JSON file it writes. Each text is a bag of sentences; a text
labelled risky has at least one risky sentence, a safe text none. A logistic
regression over :func:`models.wording.features.text_features` is trained on
every sentence, then, for a few rounds, each risky text keeps as risky only
its sentence the model rates highest (its other sentences count as safe when
the model rates them low). The threshold is chosen by cross-validation over
the writers of the development part (trained without one writer's texts,
scored on them): the lowest that keeps false alarms within MAX_FALSE_ALARMS.

With ``--net``, a net with one hidden layer (:mod:`models.wording.net`) is
trained over the same features on the sentences the linear model picks out;
its threshold is cross-validated over FOLDS groups of writers (a net takes a
minute or two to train). With ``--blend``, what ships, both are trained and the
check reads the mean of their probabilities
(:class:`models.wording.learned.Blend`); each text's mean is of a linear model
trained without its writer and a net trained without its group. Cross-validated
on 16,041 texts at the same bound on false alarms, the blend flagged 91.5% of
risky texts, the linear model 90.1% and the net 89.9%: they miss different
sentences. A word of harm the rules read as something else done ("dropped it
off", "knocked on your door") is read by both as
:data:`models.wording.features.HARMLESS`.

A text is flagged when a rule found a risk in it or when the two sentences the
model rates highest, of those no rule spoke for and that do not guess, together
reach the threshold (:func:`models.wording.learned.together`).
The model only adds findings; it never drops a rule's (VETO is 0).
"""

from __future__ import annotations

import csv
import json
import random
import sys
import warnings
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.wording.checker import CHECKER
from models.wording.features import masked, text_features
from models.wording.findings import FindingKind
from models.wording.learned import (
    WEIGHTS_FILE,
    Scorer,
    rule_ids_by_sentence,
    sigmoid,
    together,
)
from models.wording.lexicon import denied, guessed
from models.wording.net import HIDDEN, Net, net_data

CORPUS = Path(__file__).resolve().parents[2] / "tests" / "wording_corpus"
RISKY_LABELS = frozenset({"admission", "blame_colleague", "promise_to_pay"})
RISKY_KINDS = frozenset(
    {FindingKind.ADMISSION, FindingKind.BLAME_COLLEAGUE, FindingKind.PROMISE_TO_PAY}
)
MAX_FALSE_ALARMS = 0.04  # cross-validated alarms (rules and model) the threshold keeps under
C = 0.5  # inverse strength of the L2 penalty, per liblinear's convention
ROUNDS = 3
SEED = 7
MIN_TEXTS = 3  # a feature seen in fewer texts is left out: it would only learn those texts
MIN_WEIGHT = 0.02  # smaller weights change no decision and are not kept
FOLDS = 8  # groups of writers a net's threshold is cross-validated over
NET_ALPHA = 1e-4  # the hidden layer's L2 penalty, per scikit-learn's convention
NET_EPOCHS = 8  # passes over the sentences: more only learns the writers by heart
# The model never drops what a rule found: a plain "we broke your vase" must be
# flagged whatever the sentence before it says. Wrong rules are mended in the rules.
VETO = 0.0


@dataclass
class Example:
    label: str
    text: str
    source: str  # the writer: the file name's part before the first "-"
    evidence: str = ""  # the words that carry the risk, where the writer gave them


@dataclass
class Read:
    """One text as the rules read it: its sentences' features and the rules' say."""

    features: list[list[str]]
    admissions: list[bool]  # per sentence: a rule found an admission in it
    other_risk: bool  # a rule found blame of a colleague or a promise to pay
    risky_sentences: list[int] | None = None  # the sentences holding the evidence
    guesses: list[bool] | None = None  # per sentence: it guesses (the model then says speculation)
    ruled: list[bool] | None = None  # per sentence: a rule's finding of any kind overlaps it
    denials: list[bool] | None = None  # per sentence: it denies the harm (never an admission)


def load(folder: Path) -> list[Example]:
    """Every labelled text of the TSV files in ``folder``."""
    out: list[Example] = []
    for path in sorted(folder.glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            header = next(reader)
            for row in reader:
                if len(row) != len(header):
                    continue
                fields = dict(zip(header, row, strict=True))
                text = fields["text"].replace("\\n", "\n")
                evidence = fields.get("evidence", "").replace("\\n", "\n")
                out.append(Example(fields["label"], text, path.stem.split("-")[0], evidence))
    return out


def read(text: str, evidence: str = "") -> Read:
    doc, findings, rules = CHECKER.read(text)
    if doc is None or not doc.sentences:
        return Read([["BIAS"]], [False], False)
    risky_sentences = None
    at = text.find(evidence) if evidence else -1
    if at >= 0:
        end = at + len(evidence)
        risky_sentences = [
            k
            for k, (a, b, _q) in enumerate(doc.sentences)
            if doc.starts[a] < end and doc.ends[b - 1] > at
        ] or None
    ids = rule_ids_by_sentence(doc.sentences, doc.starts, doc.ends, findings, rules)
    words = masked(doc.words, doc.harmless)
    feats = text_features(words, doc.sentences, ids)
    by_id = {rule.id: rule for rule in rules}
    admissions = [
        any(by_id[i].kind is FindingKind.ADMISSION for i in sentence_ids) for sentence_ids in ids
    ]
    other = any(rule.kind in RISKY_KINDS - {FindingKind.ADMISSION} for rule in rules)
    guesses = [guessed(doc.words[a:b]) for a, b, _q in doc.sentences]
    ruled = [bool(sentence_ids) for sentence_ids in ids]
    denials = [denied(doc.words[a:b]) for a, b, _q in doc.sentences]
    return Read(feats, admissions, other, risky_sentences, guesses, ruled, denials)


def _sparse(features: Iterable[Sequence[str]], *, once: bool) -> tuple[Any, dict[str, int]]:
    """A sparse matrix with a row for each sentence's ``features``, and the column of
    each feature. ``once``: a feature named twice in a sentence is 1 (as the hidden
    layer reads it), else 2 (as the linear check adds it)."""
    try:
        import numpy as np
        from scipy.sparse import csr_matrix  # type: ignore[import-untyped]
    except ImportError as exc:  # pragma: no cover - a training set-up, not the app's
        raise SystemExit(
            "Training the wording check needs scikit-learn: pip install -e '.[train]'"
        ) from exc
    names: dict[str, int] = {}
    columns: list[int] = []
    starts = [0]
    for feats in features:
        found = (names.setdefault(f, len(names)) for f in feats)
        columns.extend(sorted(set(found)) if once else found)
        starts.append(len(columns))
    matrix = csr_matrix(
        (
            np.ones(len(columns), dtype=np.float32 if once else np.float64),
            np.asarray(columns, dtype=np.int32),
            np.asarray(starts, dtype=np.int32),
        ),
        shape=(len(starts) - 1, len(names)),
    )
    matrix.sum_duplicates()
    return matrix, names


def _fit(instances: list[tuple[list[str], float, float]], seed: int) -> dict[str, float]:
    """Logistic regression solved to its optimum: (features, label, weight) -> weights.

    scikit-learn's liblinear is used for training only; the check reads the
    weights it leaves in a JSON file and needs nothing but the standard library.
    """
    matrix, names = _sparse((f for f, _y, _w in instances), once=False)
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    model = LogisticRegression(C=C, solver="liblinear", max_iter=300, random_state=seed)
    model.fit(
        matrix,
        [int(y) for _f, y, _w in instances],
        sample_weight=[w for _f, _y, w in instances],
    )
    weights = {name: float(model.coef_[0][k]) for name, k in names.items()}
    weights["BIAS"] = weights.get("BIAS", 0.0) + float(model.intercept_[0])
    return weights


def _score(weights: dict[str, float], feats: Sequence[str]) -> float:
    get = weights.get
    return sigmoid(sum(get(f, 0.0) for f in feats))


def _by_evidence(r: Read) -> list[tuple[list[str], float, float]]:
    """A risky text whose writer marked the risky words: their sentences are risky,
    the others most likely not."""
    marked = r.risky_sentences or []
    return [(f, 1.0, 1.0) if k in marked else (f, 0.0, 0.5) for k, f in enumerate(r.features)]


def fit(reads: Sequence[Read], risky: Sequence[bool], seed: int = SEED) -> dict[str, float]:
    """Weights learned from texts whose sentences are mostly not labelled one by one."""
    instances = []
    for r, y in zip(reads, risky, strict=True):
        if y and r.risky_sentences:
            instances.extend(_by_evidence(r))
        else:
            weight = 1.0 / len(r.features) if y else 1.0
            instances.extend((f, 1.0 if y else 0.0, weight) for f in r.features)
    weights = _fit(instances, seed)
    for _ in range(ROUNDS):
        weights = _fit(_instances(reads, risky, weights), seed)
    return weights


def _instances(
    reads: Sequence[Read], risky: Sequence[bool], weights: dict[str, float]
) -> list[tuple[list[str], float, float]]:
    """(features, label, weight) of each sentence to learn from, as ``weights`` see
    them: each risky text's likeliest sentence (or those its writer marked) risky,
    its sentences rated low most likely safe, a safe text's sentences safe."""
    instances: list[tuple[list[str], float, float]] = []
    for r, y in zip(reads, risky, strict=True):
        if not y:
            instances.extend((f, 0.0, 1.0) for f in r.features)
            continue
        if r.risky_sentences:
            instances.extend(_by_evidence(r))
            continue
        scores = [_score(weights, f) for f in r.features]
        top = max(range(len(scores)), key=scores.__getitem__)
        for k, f in enumerate(r.features):
            if k == top:
                instances.append((f, 1.0, 1.0))
            elif scores[k] < 0.3:
                instances.append((f, 0.0, 0.5))
    return instances


def fit_net(
    reads: Sequence[Read], risky: Sequence[bool], seed: int = SEED
) -> tuple[dict[str, object], Net]:
    """The hidden layer (:mod:`models.wording.net`), learned from the sentences the
    linear model picks out (:func:`_instances`): the file's data, and the net as
    the check will read it. A sentence weighed half is kept one time in two."""
    from sklearn.neural_network import MLPClassifier  # type: ignore[import-untyped]

    chosen = random.Random(seed)
    instances = [
        (feats, y)
        for feats, y, weight in _instances(reads, risky, fit(reads, risky, seed))
        if weight >= 1.0 or chosen.random() < weight
    ]
    matrix, names = _sparse((feats for feats, _y in instances), once=True)
    net = MLPClassifier(
        hidden_layer_sizes=(HIDDEN,), alpha=NET_ALPHA, batch_size=256, max_iter=NET_EPOCHS,
        random_state=seed,
    )  # fmt: skip
    with warnings.catch_warnings():  # a few passes over the data are meant, not a convergence
        warnings.simplefilter("ignore")
        net.fit(matrix, [int(y) for _f, y in instances])
    ordered = sorted(names, key=names.__getitem__)
    return net_data(
        ordered,
        [list(row) for row in net.coefs_[0]],
        list(net.intercepts_[0]),
        [float(v) for v in net.coefs_[1][:, 0]],
        float(net.intercepts_[1][0]),
    )


def flagged(read_: Read, probs: Sequence[float], threshold: float, veto: float) -> bool:
    """Would the check, as :func:`models.wording.learned.review` applies it, flag this?"""
    if read_.other_risk:
        return True
    guesses = read_.guesses or [False] * len(probs)
    ruled = read_.ruled or [False] * len(probs)
    denials = read_.denials or [False] * len(probs)
    if any(rule and p >= veto for p, rule in zip(probs, read_.admissions, strict=True)):
        return True
    candidates = [
        p
        for p, guess, other, denial in zip(probs, guesses, ruled, denials, strict=True)
        if not (guess or other or denial)
    ]
    return together(candidates) >= threshold


def rates(decisions: Iterable[bool], risky: Iterable[bool]) -> tuple[float, float, int, int]:
    """(share of risky texts flagged, share of safe texts flagged, risky, safe)."""
    hit = alarm = n_risky = n_safe = 0
    for d, y in zip(decisions, risky, strict=True):
        if y:
            n_risky += 1
            hit += d
        else:
            n_safe += 1
            alarm += d
    return hit / max(1, n_risky), alarm / max(1, n_safe), n_risky, n_safe


@dataclass
class _Folds:
    """What each training process reads (forked, not sent)."""

    examples: Sequence[Example] = ()
    reads: Sequence[Read] = ()
    risky: Sequence[bool] = ()
    fold_of: dict[str, int] = field(default_factory=dict)


_FOLDS = _Folds()


def _fold(k: int) -> tuple[int, dict[int, list[float]]]:
    data = _FOLDS
    train = [i for i, e in enumerate(data.examples) if data.fold_of[e.source] != k]
    _net_data, net = fit_net([data.reads[i] for i in train], [data.risky[i] for i in train])
    return k, {
        i: [net.probability(net.sums(f)) for f in data.reads[i].features]
        for i, e in enumerate(data.examples)
        if data.fold_of[e.source] == k
    }


def cross_validated(examples: Sequence[Example], reads: Sequence[Read]) -> list[list[float]]:
    """Each text's sentence probabilities from a model trained without its writer."""
    risky = [e.label in RISKY_LABELS for e in examples]
    probs: list[list[float]] = [[] for _ in examples]
    for source in sorted({e.source for e in examples}):
        train = [i for i, e in enumerate(examples) if e.source != source]
        weights = fit([reads[i] for i in train], [risky[i] for i in train])
        for i, e in enumerate(examples):
            if e.source == source:
                probs[i] = [_score(weights, f) for f in reads[i].features]
    return probs


def cross_validated_net(examples: Sequence[Example], reads: Sequence[Read]) -> list[list[float]]:
    """Each text's sentence probabilities from a net trained without its writer: the
    writers in FOLDS groups (a net takes a minute or two to train), each group's
    texts scored by a net trained on the others, two groups at a time."""
    import multiprocessing

    risky = [e.label in RISKY_LABELS for e in examples]
    sources = sorted({e.source for e in examples})
    random.Random(SEED).shuffle(sources)
    fold_of = {source: k % FOLDS for k, source in enumerate(sources)}
    _FOLDS.examples, _FOLDS.reads, _FOLDS.risky, _FOLDS.fold_of = examples, reads, risky, fold_of
    probs: list[list[float]] = [[] for _ in examples]
    with multiprocessing.get_context("fork").Pool(2) as pool:
        for _k, found in pool.imap_unordered(_fold, range(FOLDS)):
            for i, p in found.items():
                probs[i] = p
    return probs


def choose_cutoffs(
    reads: Sequence[Read], probs: Sequence[Sequence[float]], risky: Sequence[bool]
) -> tuple[float, float, float, float]:
    """(threshold, veto, recall, false alarms): the most recall within the alarm budget."""
    best = (0.99, VETO, 0.0, 0.0)
    for threshold in (round(0.01 * k, 2) for k in range(10, 100)):
        decisions = [flagged(r, p, threshold, VETO) for r, p in zip(reads, probs, strict=True)]
        recall, alarms, _n, _m = rates(decisions, risky)
        if alarms <= MAX_FALSE_ALARMS and recall > best[2]:
            best = (threshold, VETO, recall, alarms)
    return best


def _common_only(reads: list[Read]) -> None:
    """Leave out of every sentence the features seen in fewer than MIN_TEXTS texts."""
    seen: dict[str, int] = defaultdict(int)
    for r in reads:
        for f in {f for feats in r.features for f in feats}:
            seen[f] += 1
    for r in reads:
        r.features = [[f for f in feats if seen[f] >= MIN_TEXTS] for feats in r.features]


def cross_validated_blend(examples: Sequence[Example], reads: Sequence[Read]) -> list[list[float]]:
    """Each sentence's mean of the two models' cross-validated probabilities (see
    :class:`models.wording.learned.Blend`)."""
    linear = cross_validated(examples, reads)
    hidden = cross_validated_net(examples, reads)
    return [
        [(a + b) / 2 for a, b in zip(mine, theirs, strict=True)]
        for mine, theirs in zip(linear, hidden, strict=True)
    ]


def train(out: Path = WEIGHTS_FILE, *, net: bool = False, blend: bool = False) -> None:
    """Train on the development part and write ``out``: linear weights, with
    ``net`` the hidden layer instead (see :mod:`models.wording.net`), with
    ``blend`` both, read as their mean."""
    examples = [e for e in load(CORPUS / "dev") if e.label in RISKY_LABELS | {"safe"}]
    risky = [e.label in RISKY_LABELS for e in examples]
    reads = [read(e.text, e.evidence if e.label in RISKY_LABELS else "") for e in examples]
    _common_only(reads)
    how = cross_validated_blend if blend else cross_validated_net if net else cross_validated
    probs = how(examples, reads)
    threshold, veto, recall, alarms = choose_cutoffs(reads, probs, risky)
    kept: dict[str, float] = {}
    net_json: dict[str, object] | None = None
    sizes = []
    if net or blend:
        net_json, _net = fit_net(reads, risky)  # the net scores the sentences alone
        sizes.append(f"{str(net_json['features']).count(chr(10)) + 1} features in a hidden layer")
    if not net:
        weights = fit(reads, risky)
        kept = {f: round(w, 3) for f, w in sorted(weights.items()) if abs(w) >= MIN_WEIGHT}
        sizes.insert(0, f"{len(kept)} weights")
    size = " and ".join(sizes)
    data: dict[str, object] = {
        "about": (
            "Weights of the wording check's learned part; made by"
            " python -m models.wording.training train. Do not edit by hand."
        ),
        "trained_on": len(examples),
        "cross_validated": {"recall": round(recall, 4), "false_alarms": round(alarms, 4)},
        "threshold": threshold,
        "veto": veto,
        "weights": kept,
    }
    if net_json is not None:
        data["net"] = net_json
    if blend:
        data["blend"] = "mean"
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")
    print(
        f"{len(examples)} texts, {size}; threshold {threshold}, veto {veto};"
        f" cross-validated by writer: {100 * recall:.1f}% of risky texts flagged,"
        f" {100 * alarms:.1f}% of safe texts"
    )


def figures(examples: Sequence[Example], name: str, model: Scorer | None = None) -> str:
    """Recall and false alarms of the whole check (:func:`models.wording.scan`)."""
    from models.wording import scan

    risky = [e.label in RISKY_LABELS for e in examples if e.label in RISKY_LABELS | {"safe"}]
    decisions = [
        any(f.kind in RISKY_KINDS for f in scan(e.text))
        for e in examples
        if e.label in RISKY_LABELS | {"safe"}
    ]
    recall, alarms, n_risky, n_safe = rates(decisions, risky)
    return (
        f"{name}: {100 * recall:.1f}% of {n_risky} risky texts flagged,"
        f" {100 * alarms:.1f}% of {n_safe} safe texts flagged"
    )


def main(argv: Sequence[str]) -> int:
    if argv[:1] == ["train"]:
        train(net="--net" in argv[1:], blend="--blend" in argv[1:])
        return 0
    if argv[:1] == ["figures"]:
        for part in ("dev", "test"):
            examples = load(CORPUS / part)
            if examples:
                print(figures(examples, f"{part} part (trained on: {part == 'dev'})"))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
