"""Liability wording check: spot words that admit fault before the facts are known.

Guides, insurers and apology laws draw one line: sympathy and regret for the
customer's experience are safe, while first-person statements that the shop,
its staff or its product caused the harm, blaming a named colleague, and
promising to pay for damage are risky until the facts show the shop was at
fault. Non-apologies ("sorry you feel that way") are not legal risks but anger
people, so they are reported too.

How a text is read (standard library only, no Qt), module by module:

1. **Tokens with offsets** (:mod:`.normalise`, :mod:`.tokens`). Words are cut
   from the original text, so every token keeps its original start and end.
   Each word is normalised on its own: lower case, curly apostrophes made
   straight, contractions expanded ("didn't" -> "did not", "its our" -> "it is
   our"), lost apostrophes ("dont", "wasnt", "im", "well pay" -> "we will
   pay"), common typos ("fualt"), UK/US spellings and stretched letters
   ("sooo"). A word may become several canonical tokens that share its span.
2. **Sentences and clauses** (:mod:`.tokens`, :mod:`.doc`). Sentences end at
   . ! ? ; : spaced dashes, line breaks that start a new line of thought, and
   capitalised sentence openers where a full stop is missing. Clauses split at
   commas and at conjunctions that start a new subject ("and we", "because
   our", "while", "if").
3. **The rules** (:mod:`.rules`): one list of records, one per kind of risky
   wording, each with its pattern over the canonical string (the tokens joined
   with spaces) or the check that reads single words, its kind, message,
   suggested safer wording and examples. A pattern is only tried where the
   words it starts with stand (:mod:`.patterns`), so the cost grows with the
   text, not with the number of rules. Word lists are in :mod:`.lexicon`.
4. **Meaning checks per hit** (:mod:`.checks_fault`, :mod:`.checks_harm`). For
   each match the rule's check works out who the agent is (:mod:`.agents`:
   we/I, our staff, equipment or product, a named colleague, the customer, a
   courier, supplier or manufacturer), whether the verb is negated, future or
   hedged, and whether it sits in a question, a conditional, reported speech,
   an embedded question or a goodwill / "without admitting liability" frame
   (:mod:`.context`). Only asserted statements with a business agent become
   findings.
5. **One finding per clause** (:mod:`.analysis`), spanning the clause (without
   a leading conjunction), sorted and never overlapping.

The check runs on each keystroke, so steps 1 to 3 are done a few sentences at a
time (:mod:`.reading`): the stretches of the last text checked that are still
there are not read again, with the same result as reading the whole text.
"""

from __future__ import annotations

from models.wording.checker import Checker, explain, scan
from models.wording.findings import Finding, FindingKind
from models.wording.rule import Rule
from models.wording.rules import RULES

__all__ = ["RULES", "Checker", "Finding", "FindingKind", "Rule", "explain", "scan"]
