"""The scan: every rule over one text, and the findings kept."""

from __future__ import annotations

import gc
from collections.abc import Iterable

from models.wording.analysis import Analysis
from models.wording.features import masked
from models.wording.findings import Finding, FindingKind
from models.wording.learned import review
from models.wording.lexicon import GUESS_STARTS
from models.wording.patterns import FRAME_PATTERNS, HEDGE_RE, build_index
from models.wording.rule import Rule
from models.wording.rules import RULES

_PAUSE_COLLECTION_ABOVE = 5_000  # characters
# Once the facts show the fault was ours, admitting it is no longer a risk, but
# blaming one colleague and a non-apology still are.
RISKY_WHEN_OURS = frozenset({FindingKind.BLAME_COLLEAGUE, FindingKind.NON_APOLOGY})
FAULT_KINDS = frozenset({FindingKind.ADMISSION, FindingKind.BLAME_COLLEAGUE})


class Checker:
    """A wording check made of a list of rules (see :data:`models.wording.rules.RULES`).

    The rules are tried in the order given. Exactly one rule must be of kind
    BLAME_COLLEAGUE: an admission whose agent is a colleague becomes that one.
    At most one may be of kind SPECULATION: an admission kept from being one only
    by a guess ("we may have scratched it") becomes that one.
    """

    def __init__(self, rules: Iterable[Rule], *, learned: bool = False) -> None:
        self.rules = tuple(rules)
        self.learned = learned
        ids = [rule.id for rule in self.rules]
        if len(set(ids)) != len(ids):
            raise ValueError("Two rules of the wording check have the same id.")
        colleague = [rule for rule in self.rules if rule.kind is FindingKind.BLAME_COLLEAGUE]
        if len(colleague) != 1:
            raise ValueError("The wording check needs exactly one rule for blaming a colleague.")
        self.colleague = colleague[0]
        guess = [rule for rule in self.rules if rule.kind is FindingKind.SPECULATION]
        if len(guess) > 1:
            raise ValueError("The wording check takes at most one rule for speculation.")
        self.speculation = guess[0] if guess else None
        # A rule with a pattern has nothing to check in a text where its pattern is not found.
        self._checks = [
            (rule.check, rule, rule.pattern) for rule in self.rules if rule.check is not None
        ]
        self._fault_checks = [run for run in self._checks if run[1].kind in FAULT_KINDS]
        patterns = [rule.pattern for rule in self.rules if rule.pattern is not None]
        patterns += [rx for rule in self.rules for rx in rule.also]
        self.index = build_index([*patterns, *FRAME_PATTERNS])

    def explain(self, text: str, *, fault_is_ours: bool = False) -> list[tuple[Finding, Rule]]:
        """Like :meth:`scan`, with the rule that gave each finding."""
        if not text or not text.strip():
            return []
        # A long text makes tens of thousands of short-lived tuples, freed by
        # reference counting; Python's cycle collector would only walk them again.
        paused = len(text) > _PAUSE_COLLECTION_ABOVE and gc.isenabled()
        if paused:
            gc.disable()
        try:
            doc, findings, rules = self.read(text, fault_is_ours=fault_is_ours)
            if doc is not None and self.learned and not fault_is_ours:
                words = masked(doc.words, doc.harmless)
                findings, rules = review(
                    words, doc.starts, doc.ends, doc.sentences, findings, rules
                )
            return list(zip(findings, rules, strict=True))
        finally:
            if paused:
                gc.enable()

    def read(
        self, text: str, *, fault_is_ours: bool = False
    ) -> tuple[Analysis | None, list[Finding], list[Rule]]:
        """The text as the rules read it, and their findings (the model not asked)."""
        doc = Analysis(text, self.index, self.colleague)
        if not doc.words:
            return None, [], []
        hits = doc.hits
        for check, rule, pattern in self._checks:
            if pattern is None or pattern in hits:
                check(doc, rule)
        if fault_is_ours:
            doc.cands = [cand for cand in doc.cands if cand[2].kind in RISKY_WHEN_OURS]
        else:
            self._speculation(doc)
        findings, rules = doc.findings()
        return doc, findings, rules

    def _speculation(self, doc: Analysis) -> None:
        """Flag as speculation each statement of fault that only a guess keeps from
        being an admission: "we may have scratched it", "maybe our driver dropped it"."""
        hits = doc.hits
        guesses = [m for m in hits.get(HEDGE_RE, ()) if m.group().split()[0] in GUESS_STARTS]
        if self.speculation is None or not guesses:
            return
        guessed = {doc.sent_of[doc.tok_at(m.start())] for m in guesses}

        def run() -> None:
            for check, rule, pattern in self._fault_checks:
                if pattern is None or pattern in hits:
                    check(doc, rule)

        found = {(start, end) for start, end, _rule in doc.cands}
        for start, end, rule in doc.without_guesses(run):
            if doc.sent_of[start] in guessed and (start, end) not in found:
                if rule.kind in FAULT_KINDS:
                    doc.add(start, self.speculation)

    def scan(self, text: str, *, fault_is_ours: bool = False) -> list[Finding]:
        """Find risky wording in ``text`` (see :func:`models.wording.scan`)."""
        return [finding for finding, _rule in self.explain(text, fault_is_ours=fault_is_ours)]


CHECKER = Checker(RULES, learned=True)


def scan(text: str, *, fault_is_ours: bool = False) -> list[Finding]:
    """Find risky wording in ``text``.

    Returns findings sorted by start, never overlapping. With
    ``fault_is_ours=True`` (the facts show the shop was at fault) admissions,
    promises to pay and guesses at the shop's fault are no longer risks; blaming
    one colleague and non-apologies still are.
    """
    return CHECKER.scan(text, fault_is_ours=fault_is_ours)


def explain(text: str, *, fault_is_ours: bool = False) -> list[tuple[Finding, Rule]]:
    """The findings of :func:`scan`, each with the rule that gave it."""
    return CHECKER.explain(text, fault_is_ours=fault_is_ours)
