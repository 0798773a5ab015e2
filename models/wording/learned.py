"""The learned part of the wording check: a model over each sentence.

The rules (:mod:`models.wording.rules`) read the structure of a sentence well
but only know the phrasings someone wrote down. The model, trained on the
labelled corpus in ``tests/wording_corpus/dev`` by :mod:`models.wording.training`,
weighs the words, word pairs (side by side and one word apart), who acts, the
sentence's flags and the rules' own findings (see :mod:`models.wording.features`).
The shipped file holds linear weights and a net with one hidden layer over the
same features (:mod:`models.wording.net`), which lets them count beside each
other; the check reads the mean of the two (:class:`Blend`). A file made with
``train`` or ``train --net`` holds one of them, read alone. The model gives
each sentence the probability that it admits fault. A sentence above
``threshold`` that no rule flagged gets an admission finding of its own, and so
does the likeliest one below it when it and the next likeliest together reach it
(one sentence hints, another confirms). An admission a rule found in a sentence
the model puts below ``veto`` would be dropped, but the shipped model's veto is
0: the model only adds (see :data:`models.wording.training.VETO`).

The weights are a JSON file read once, the first time a text is checked (not at
start-up). If it is missing or unreadable the rules work alone.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol, cast

from models.wording.features import (
    LONG_SENTENCE,
    flags,
    last_word,
    previous_words,
    sentence_features,
    skip_pairs,
    walk,
    with_us,
)
from models.wording.findings import Finding, FindingKind
from models.wording.lexicon import denied, guessed
from models.wording.messages import SPECULATION_MESSAGE, SPECULATION_SUGGESTION
from models.wording.net import Net, read_net
from models.wording.rule import Rule

WEIGHTS_FILE = Path(__file__).with_name("weights.json")
#: A sentence that guesses is flagged as speculation from this probability on.
GUESS_THRESHOLD = 0.5
KEEP_SENTENCES = 20_000  # sentences whose sums are kept for the next check
# What a part of a sentence adds: a sum of weights (linear), or the hidden units'
# sums (a net: see Net.sums).
Part = float | int

LEARNED_RULE = Rule(
    id="learned_admission",
    kind=FindingKind.ADMISSION,
    message=(
        "This reads as saying the shop caused the problem or fell short, before the facts"
        " are checked. Say sorry for what happened, not for a cause nobody has confirmed yet."
    ),
    suggestion="I'm sorry this has happened; we will look into what went wrong.",
    examples=(),
    check=None,
)
# What the model finds in a sentence that guesses ("maybe our oven ran hot") is a guess.
LEARNED_GUESS = Rule(
    id="learned_speculation",
    kind=FindingKind.SPECULATION,
    message=SPECULATION_MESSAGE,
    suggestion=SPECULATION_SUGGESTION,
    examples=(),
    check=None,
)


def _safer_wordings() -> tuple[tuple[str, ...], ...]:
    """The check's own safer wordings, as canonical words: the parts of each rule's
    suggestion but the plain apology the sentence may already have said."""
    from models.wording import messages
    from models.wording.tokens import tokenise

    parts = set()
    for name in dir(messages):
        if name == "SORRY" or name.endswith("SUGGESTION"):
            for part in str(getattr(messages, name)).split(";"):
                (words, *_cols), _sentences, _names = tokenise(part)
                if words and not part.strip().lower().startswith("i'm sorry this ha"):
                    parts.add(tuple(words))
    return tuple(sorted(parts))


@lru_cache(maxsize=4)
def _keyed(safer: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each safer wording with its longest word, looked for first."""
    return tuple((max(part, key=len), part) for part in safer)


def _without_safer_wording(
    words: Sequence[str], safer: tuple[tuple[str, ...], ...]
) -> list[str] | None:
    """A sentence's canonical words without the check's own safer wordings, or None
    when it holds none of them."""
    present = set(words)
    candidates = [part for key, part in _keyed(safer) if key in present]
    if not candidates:
        return None  # the commonest case: no part's longest word is there
    out = list(words)
    found = False
    for part in candidates:
        first, size = part[0], len(part)
        i = 0
        while i < len(out):
            if out[i] == first and tuple(out[i : i + size]) == part:
                del out[i : i + size]
                found = True
            else:
                i += 1
    return out if found else None


class Model:
    """Weights of the features, and the two cut-offs.

    The weights are kept by feature name (as :mod:`models.wording.features`
    writes them) and also split by kind, keyed by words, so that a sentence is
    scored without building the names: :meth:`sentence_score` gives the same
    sum as adding the weights of :func:`~models.wording.features.text_features`.
    """

    def __init__(
        self, weights: dict[str, float], threshold: float, veto: float, net: Net | None = None
    ) -> None:
        self.weights = weights
        # With a hidden layer, it scores the sentences (see :mod:`models.wording.net`);
        # the linear weights are then not used.
        self.net = net
        self.threshold = threshold
        self.veto = veto
        self.words: dict[str, float] = {}
        self.pairs: dict[tuple[str, str], float] = {}
        self.acting: dict[tuple[str, str], float] = {}
        self.classes: dict[tuple[str, str], float] = {}
        self.previous: dict[str, float] = {}
        self.next: dict[str, float] = {}
        self.with_us: dict[str, float] = {}
        split = {
            "w": self.words,
            "p": self.previous,
            "n": self.next,
            "x": self.with_us,
        }
        self.skips: dict[tuple[str, str], float] = {}
        pairs = {"b": self.pairs, "k": self.skips, "s": self.acting, "c": self.classes}
        for name, weight in weights.items():
            kind, _, rest = name.partition(":")
            if kind in split:
                split[kind][rest] = weight
            elif kind in pairs:
                first, _, second = rest.partition(" ")
                pairs[kind][(first, second)] = weight
        self.bias = weights.get("BIAS", 0.0)
        self._known: dict[
            tuple[tuple[str, ...], bool, tuple[str, ...]], tuple[Part, Part, Part]
        ] = {}

    def forget(self) -> None:
        """Forget the sentences scored so far."""
        self._known.clear()
        if self.net is not None:
            self.net.answers.clear()

    def probability(self, features: Sequence[str]) -> float:
        """The probability given by the weights of ``features`` (by name)."""
        if self.net is not None:
            return self.net.probability(self.net.sums(features))
        get = self.weights.get
        return sigmoid(sum(get(f, 0.0) for f in features))

    def previous_score(self, words: Sequence[str]) -> Part:
        """What a sentence adds to the score of the sentence after it."""
        if self.net is not None:
            return self.net.sums("p:" + word for word in previous_words(words))
        get = self.previous.get
        return sum(get(word, 0.0) for word in previous_words(words))

    def next_score(self, words: Sequence[str]) -> Part:
        """What a sentence adds to the score of the sentence before it."""
        if self.net is not None:
            return self.net.sums("n:" + word for word in previous_words(words))
        get = self.next.get
        return sum(get(word, 0.0) for word in previous_words(words))

    def sentence_score(
        self,
        words: Sequence[str],
        question: bool,
        rule_ids: Sequence[str],
        before: Part | None,
        after: Part | None = None,
    ) -> float:
        """The probability of one sentence; ``before`` is :meth:`previous_score` of
        the sentence before it (None for the first), ``after`` :meth:`next_score` of
        the sentence after it (None for the last)."""
        return self._probability(self._own_score(words, question, rule_ids), before, after)

    def _probability(self, own: Part, before: Part | None, after: Part | None) -> float:
        if self.net is not None:
            parts = [int(p) for p in (own, before, after) if p is not None]
            return self.net.probability(*parts)
        z = float(own) + float(before or 0.0) + float(after or 0.0)  # type: ignore[arg-type]
        return sigmoid(z)

    def _own_score(self, words: Sequence[str], question: bool, rule_ids: Sequence[str]) -> Part:
        """The sum of the weights of a sentence's own features."""
        if self.net is not None:
            own = sentence_features(words, question)
            if rule_ids:
                own.append("R:any")
                own.extend("R:" + rule_id for rule_id in rule_ids)
            return self.net.sums(own)
        get = self.weights.get
        z = self.bias
        for name in flags(words, question):
            z += get(name, 0.0)
        if rule_ids:
            z += get("R:any", 0.0)
            for rule_id in rule_ids:
                z += get("R:" + rule_id, 0.0)
        word_weight, pair, acting, classes = (
            self.words.get,
            self.pairs.get,
            self.acting.get,
            self.classes.get,
        )
        for word, prev, tag, cls in walk(words):
            z += word_weight(word, 0.0) + pair((prev, word), 0.0)
            if tag is not None:
                z += acting((tag, word), 0.0)
                if cls is not None:
                    z += classes((tag, cls), 0.0)
        skip = self.skips.get
        for pair_ in skip_pairs(words):
            z += skip(pair_, 0.0)
        together = self.with_us.get
        for word in with_us(words):
            z += together(word, 0.0)
        return z + pair((last_word(words), "</s>"), 0.0)

    def sentence_scores(
        self,
        words: Sequence[str],
        sentences: Sequence[tuple[int, int, bool]],
        rule_ids: Sequence[Sequence[str]],
    ) -> list[float]:
        """The probability of each sentence of a text.

        A text is checked again at each keystroke, and most of its sentences have
        not changed: the sums of a sentence's own weights are kept for the next time
        (a bounded number of sentences).
        """
        known = self._known
        if len(known) > KEEP_SENTENCES:
            known.clear()
        sums: list[tuple[Part, Part, Part]] = []
        for (a, b, question), ids in zip(sentences, rule_ids, strict=True):
            own = tuple(words[a:b])
            key = (own, question, tuple(ids))
            kept = known.get(key)
            if kept is None:
                kept = known[key] = (
                    self._own_score(own, question, ids),
                    self.previous_score(own),
                    self.next_score(own),
                )
            sums.append(kept)
        last = len(sums) - 1
        if self.net is None:  # the linear sums, added as they are (checked at each key)
            plain = cast(list[tuple[float, float, float]], sums)
            return [
                sigmoid(
                    own + (plain[k - 1][1] if k else 0.0) + (plain[k + 1][2] if k < last else 0.0)
                )
                for k, (own, _before, _after) in enumerate(plain)
            ]
        return [
            self._probability(
                own, sums[k - 1][1] if k else None, sums[k + 1][2] if k < last else None
            )
            for k, (own, _before, _after) in enumerate(sums)
        ]


# What a sentence lends its neighbours, for each model of a blend.
Lent = tuple[Part, ...]


class Blend:
    """Two models over the same features, the linear one and the net, each
    sentence's probability the mean of theirs. They err on different sentences:
    cross-validated by writer, the mean flags more admissions at the same false
    alarms than either alone (see :mod:`models.wording.training`). It reads as
    a :class:`Model` does, with a threshold of its own."""

    def __init__(self, models: Sequence[Model], threshold: float, veto: float) -> None:
        self.models = tuple(models)
        self.threshold = threshold
        self.veto = veto

    def probability(self, features: Sequence[str]) -> float:
        """The mean of the models' probabilities for ``features`` (by name)."""
        return sum(m.probability(features) for m in self.models) / len(self.models)

    def sentence_scores(
        self,
        words: Sequence[str],
        sentences: Sequence[tuple[int, int, bool]],
        rule_ids: Sequence[Sequence[str]],
    ) -> list[float]:
        each = [m.sentence_scores(words, sentences, rule_ids) for m in self.models]
        return [sum(probs) / len(probs) for probs in zip(*each, strict=True)]

    def previous_score(self, words: Sequence[str]) -> Lent:
        return tuple(m.previous_score(words) for m in self.models)

    def next_score(self, words: Sequence[str]) -> Lent:
        return tuple(m.next_score(words) for m in self.models)

    def sentence_score(
        self,
        words: Sequence[str],
        question: bool,
        rule_ids: Sequence[str],
        before: Lent | None,
        after: Lent | None = None,
    ) -> float:
        probs = [
            m.sentence_score(
                words, question, rule_ids,
                None if before is None else before[k], None if after is None else after[k],
            )
            for k, m in enumerate(self.models)
        ]  # fmt: skip
        return sum(probs) / len(probs)

    def forget(self) -> None:
        for m in self.models:
            m.forget()


class Scorer(Protocol):
    """What the check reads a sentence's probability from (a :class:`Model` or a
    :class:`Blend`); what one sentence lends the next is the scorer's own."""

    threshold: float
    veto: float

    def probability(self, features: Sequence[str]) -> float: ...

    def sentence_scores(
        self,
        words: Sequence[str],
        sentences: Sequence[tuple[int, int, bool]],
        rule_ids: Sequence[Sequence[str]],
    ) -> list[float]: ...

    def previous_score(self, words: Sequence[str]) -> Any: ...

    def next_score(self, words: Sequence[str]) -> Any: ...

    def sentence_score(
        self,
        words: Sequence[str],
        question: bool,
        rule_ids: Sequence[str],
        before: Any,
        after: Any = None,
    ) -> float: ...

    def forget(self) -> None: ...


def together(probs: Sequence[float]) -> float:
    """How likely a text admits fault, from its sentences' probabilities: the chance
    that at least one of its two likeliest does (one sentence may hint, the next
    confirm: "the tray was on the top shelf. Nobody had checked it since May")."""
    first = second = 0.0
    for p in probs:
        if p > first:
            first, second = p, first
        elif p > second:
            second = p
    return 1.0 - (1.0 - first) * (1.0 - second)


# Words that join one clause of a sentence to another.
_JOINS = frozenset({
    ",", "and", "but", "so", "because", "as", "then", "while", "although", "though",
    "which", "who", "whom", "whose", "or", "nor", "yet", "after", "before", "until",
    "unless", "since", "when", "whereas",
})  # fmt: skip


# Words of a sentence that says what the shop will do ("we'll" is read as "we will").
_AHEAD = frozenset({"will", "shall", "gonna", "please"})
# A sentence starting with one of these is an instruction or an agreed action
# ("Replace the drill with a new one by Friday"; "re-hem" is read as "rehem").
_DEEDS = frozenset({
    "replace", "refund", "repair", "redo", "remake", "refit", "reprint", "resend", "reship",
    "rebook", "reorder", "restitch", "rehem", "respray", "reseal", "refill", "reissue",
    "rewash", "reclean", "recut", "reupholster", "send", "swap", "exchange", "fix", "credit",
    "give", "offer", "return", "collect", "deliver", "ring", "call", "phone", "book", "order",
    "fit", "clean", "sort", "post", "email", "text", "arrange", "cover", "waive", "knock",
})  # fmt: skip


def _replaceable(words: Sequence[str]) -> bool:
    """Whether the model's safer wording can stand in for a whole sentence: a short
    one of one clause that promises nothing. The model knows a sentence is risky,
    not which of its words are; in place of "I said sorry, our stitching was faulty,
    and that Priya will re-stitch it" it would take the apology and the promise with
    it, and in place of "Replace the drill with a new one of the same model by
    Friday" the fix that was agreed. So a longer sentence, one of more clauses, or
    one that says what will be done, gets the warning alone (read it again)."""
    if len(words) > LONG_SENTENCE or not _JOINS.isdisjoint(words):
        return False
    return _AHEAD.isdisjoint(words) and not (words and words[0] in _DEEDS)


# Words of an apology a sentence may open with before a comma ("So sorry,", "Apologies
# for the wait,"), and the only other words that part may hold: a part that says
# anything more ("sorry our card machine charged you twice,") may be what is risky.
_SORRY = frozenset({"sorry", "apologies", "apologise", "apologize", "apology", "soz", "sry"})
_APOLOGY_ONLY = _SORRY | frozenset({
    "i", "we", "am", "are", "so", "really", "very", "truly", "terribly", "awfully", "deeply",
    "about", "for", "this", "that", "the", "all", "trouble", "inconvenience", "wait", "delay",
    "hassle", "mix", "hi", "hey", "hello", "mate", "pal", "hun", "oh",
})  # fmt: skip


def _candidate(
    p: float, words: Sequence[str], starts: Sequence[int], ends: Sequence[int], a: int, b: int
) -> tuple[float, int, int, bool]:
    """A sentence the model may flag, as (p, start, end, replaceable). One that opens
    with an apology and a comma ("Sorry about this, we sold her a dud"), or with the
    check's own safer wording ("The cause is still being checked, ..."), is marked
    from after the comma when the rest can take the safer wording: the opening is
    what to say, and the owner is offered wording for the rest, not a warning alone."""
    if _replaceable(words[a:b]):
        return p, starts[a], ends[b - 1], True
    if "," in words[a:b]:
        comma = a + list(words[a:b]).index(",")
        rest = comma + 1
        opening = words[a:comma]
        apology = not _SORRY.isdisjoint(opening) and _APOLOGY_ONLY.issuperset(opening)
        # "The cause is still being checked, ...": the check's own safer wording, put in
        # for words before, is safe; the rest is what to mark.
        own_wording = tuple(opening) in SAFER_WORDINGS
        if opening and (apology or own_wording) and rest < b and _replaceable(words[rest:b]):
            return p, starts[rest], ends[b - 1], True
    return p, starts[a], ends[b - 1], False


def _finding(rule: Rule, start: int, end: int, replaceable: bool) -> Finding:
    """A finding of the model over one sentence; its safer wording is offered
    where it can stand in for the whole sentence (:func:`_replaceable`)."""
    offer = rule.suggestion if replaceable else None
    return Finding(start, end, rule.kind, rule.message, offer)


def sigmoid(z: float) -> float:
    """The logistic function, kept within what a float can hold."""
    if z < -30.0:
        return 0.0
    return 1.0 / (1.0 + math.exp(-min(z, 30.0)))


def load(path: Path = WEIGHTS_FILE) -> Scorer | None:
    """The model kept in ``path``; None when there is none to read. A file with
    linear weights and a net marked ``blend`` gives a :class:`Blend` of the two."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        threshold, veto = float(data["threshold"]), float(data["veto"])
        weights = {str(k): float(v) for k, v in data["weights"].items()}
        net = read_net(data["net"]) if data.get("net") else None
        if net is not None and data.get("blend") == "mean":
            linear = Model(weights, threshold, veto)
            return Blend((linear, Model({}, threshold, veto, net=net)), threshold, veto)
        return Model(weights, threshold, veto, net=net)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


_loaded: list[Scorer | None] = []


def forget_sentences() -> None:
    """Forget the sentences scored so far (for measuring a text read from scratch)."""
    if _loaded and _loaded[0] is not None:
        _loaded[0].forget()


_loading = threading.Lock()


def model() -> Scorer | None:
    """The shipped model, read on first use (the window reads it in the background
    once it is up: see desktop.startup.warm_up)."""
    if not _loaded:
        with _loading:
            if not _loaded:
                _loaded.append(load())
    return _loaded[0]


def rule_ids_by_sentence(
    sentences: Sequence[tuple[int, int, bool]],
    starts: Sequence[int],
    ends: Sequence[int],
    findings: Sequence[Finding],
    rules: Sequence[Rule],
) -> list[list[str]]:
    """The ids of the rules whose findings overlap each sentence."""
    out: list[list[str]] = [[] for _ in sentences]
    k = 0
    for finding, rule in zip(findings, rules, strict=True):
        # findings are sorted: move on to the first sentence that ends after this start
        while k < len(sentences) and ends[sentences[k][1] - 1] <= finding.start:
            k += 1
        j = k
        while j < len(sentences) and starts[sentences[j][0]] < finding.end:
            out[j].append(rule.id)
            j += 1
    return out


def review(
    words: Sequence[str],
    starts: Sequence[int],
    ends: Sequence[int],
    sentences: Sequence[tuple[int, int, bool]],
    findings: list[Finding],
    rules: list[Rule],
    chosen: Scorer | None = None,
) -> tuple[list[Finding], list[Rule]]:
    """The rules' findings, with the model's word on each sentence applied."""
    chosen = chosen or model()
    if chosen is None or not sentences:
        return findings, rules
    ids = rule_ids_by_sentence(sentences, starts, ends, findings, rules)
    probs = chosen.sentence_scores(words, sentences, ids)
    kept: list[tuple[Finding, Rule]] = []
    k = 0
    for finding, rule in zip(findings, rules, strict=True):
        while k < len(sentences) and ends[sentences[k][1] - 1] <= finding.start:
            k += 1
        p = probs[k] if k < len(sentences) else 1.0
        if rule.kind is FindingKind.ADMISSION and p < chosen.veto:
            continue
        kept.append((finding, rule))
    # The rules' findings are sorted and never overlap, and sentences follow each
    # other: one pass finds whether a rule already speaks for a sentence.
    taken = [(f.start, f.end) for f, _r in kept]
    added: list[tuple[Finding, Rule]] = []
    # A sentence that guesses is speculation from GUESS_THRESHOLD on. Any other
    # sentence no rule spoke for is a candidate admission: the text is flagged
    # when its two likeliest together reach the threshold (see :func:`together`).
    # Below the lower of the two thresholds a sentence can only help another, and
    # only the likeliest such sentences are read again (most of a long text).
    lowest = min(GUESS_THRESHOLD, chosen.threshold)
    candidates: list[tuple[float, int, int, bool]] = []  # (p, start, end, replaceable)
    low: list[tuple[float, int]] = []  # (p, k) of the sentences below lowest
    j = 0
    for k, ((a, b, q), p) in enumerate(zip(sentences, probs, strict=True)):
        start, end = starts[a], ends[b - 1]
        while j < len(taken) and taken[j][1] <= start:
            j += 1
        if j < len(taken) and taken[j][0] < end:
            continue  # a finding of a rule already speaks for this sentence
        if p < lowest:
            low.append((p, k))
            continue
        rest = _without_safer_wording(words[a:b], SAFER_WORDINGS)
        if rest is not None:
            # The check's own safer wording is safe: the rest of the sentence decides.
            before = chosen.previous_score(words[slice(*sentences[k - 1][:2])]) if k else None
            after = (
                chosen.next_score(words[slice(*sentences[k + 1][:2])])
                if k + 1 < len(sentences)
                else None
            )
            p = chosen.sentence_score(rest, q, ids[k], before, after) if rest else 0.0
        if guessed(words[a:b]):
            if p >= GUESS_THRESHOLD:
                found = _finding(LEARNED_GUESS, start, end, _replaceable(words[a:b]))
                added.append((found, LEARNED_GUESS))
        elif not denied(words[a:b]):  # "We did not tear the fabric" admits nothing
            candidates.append(_candidate(p, words, starts, ends, a, b))
    if len(candidates) < 2 and low:
        low.sort(reverse=True)
        for p, k in low:
            a, b, _q = sentences[k]
            if not guessed(words[a:b]) and not denied(words[a:b]):
                candidates.append(_candidate(p, words, starts, ends, a, b))
                if len(candidates) == 2:
                    break
    if candidates:
        likeliest = max(candidates)
        likely = together([c[0] for c in candidates]) >= chosen.threshold
        for p, start, end, replaceable in candidates:
            # Each sentence at the threshold is flagged; below it, the likeliest is
            # flagged when another sentence makes the two together reach it.
            if p >= chosen.threshold or (likely and start == likeliest[1]):
                added.append((_finding(LEARNED_RULE, start, end, replaceable), LEARNED_RULE))
    if added:
        kept.extend(added)
    kept.sort(key=lambda pair: pair[0].start)
    return [f for f, _r in kept], [r for _f, r in kept]


SAFER_WORDINGS = _safer_wordings()
