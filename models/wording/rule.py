"""A rule of the wording check: one kind of risky wording, and how to find it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from models.wording.analysis import Analysis
from models.wording.findings import FindingKind
from models.wording.patterns import lead_words

# Of two findings over the same words, the one of the highest rank is kept.
_RANK = {
    FindingKind.BLAME_COLLEAGUE: 4,
    FindingKind.ADMISSION: 3,
    FindingKind.PROMISE_TO_PAY: 2,
    FindingKind.NON_APOLOGY: 1,
    FindingKind.SPECULATION: 1,
}


@dataclass(frozen=True, eq=False)
class Rule:
    """One kind of risky wording, and how to find it.

    ``check(analysis, rule)`` reads the matches of ``pattern`` (and of the
    patterns in ``also``, which it needs besides its own) and adds a candidate
    for each statement it flags. ``examples`` are sentences the rule must flag,
    with its own message. ``lead_words`` are the words (or word pairs) a match
    of ``pattern`` can start with, read from the pattern: the pattern is only
    tried where they stand. None means they could not be read, and the pattern
    is run over the whole text.
    """

    id: str
    kind: FindingKind
    message: str
    suggestion: str
    examples: tuple[str, ...]
    check: Callable[[Analysis, Rule], None] | None
    pattern: re.Pattern[str] | None = None
    also: tuple[re.Pattern[str], ...] = ()
    rank: int = field(init=False)
    lead_words: frozenset[str] | None = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "rank", _RANK[self.kind])
        leads = None if self.pattern is None else lead_words(self.pattern)
        object.__setattr__(self, "lead_words", leads)
