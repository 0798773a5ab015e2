"""What the learned part of the wording check reads in each sentence.

The same function serves training (:mod:`models.wording.training`) and the
check itself (:mod:`models.wording.learned`), so the two can never disagree.
Features are short strings:

- ``w:`` a canonical word and ``b:`` a pair of words side by side (``b:a b``);
- ``k:`` a pair of words with one word between them (``k:we your`` in "we broke
  your"), commas left out, so a pair still counts when one word is misspelt or
  another takes its place;
- ``s:WHO word`` a word with who was last named as acting before it in the
  clause (we, our, you, third, none; ``!`` when a negation stands between),
  and ``c:WHO CLASS`` the same with the word's class (harm, staff, equipment,
  a past form);
- ``F:`` flags of the sentence: a question, a condition, a hedge, reported
  speech, sorry, the future;
- ``R:`` the id of each rule that flagged words in the sentence, and ``R:any``;
- ``x:`` each word of a sentence that names us (we, I, our, my...) anywhere,
  in any order ("the cushion was torn in our warehouse");
- ``p:`` the words of the sentence before (what was checked, who said it), and
  ``n:`` those of the sentence after ("the mixer was left on. That was down to
  us").
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence

from models.wording.lexicon import (
    EQUIPMENT_ER,
    HARM_BASE_WORDS,
    HARM_PAST,
    ROLE,
    STAFF_NOUNS,
    word_set,
)

_FIRST = word_set("we i us me ourselves myself")
_OURS = word_set("our my")
_YOU = word_set("you your yours u ur yourself")
_THIRD = word_set("he she they him her them his their")
_NEG = word_set("not never no nobody none nothing neither nor without")
_FLAGS = {
    **dict.fromkeys(word_set("if unless whether provided assuming should"), "F:COND"),
    **dict.fromkeys(
        word_set("may might could possibly perhaps maybe suspect probably likely"), "F:HEDGE"
    ),
    **dict.fromkeys(
        word_set(
            "says said claims claimed alleges alleged reports reported told tells feels felt"
            " thinks thought believes according"
        ),
        "F:REPORT",
    ),
    **dict.fromkeys(word_set("sorry apologise apologize apologies apology regret"), "F:SORRY"),
    **dict.fromkeys(word_set("will going shall gonna"), "F:FUT"),
}
_STOP = word_set("the a an , to of and it is was this that in on for")
_US = _FIRST | _OURS
_NOT_CONTENT = _STOP | _US | _YOU
_STAFF = ROLE | STAFF_NOUNS
LONG_SENTENCE = 40  # words


def _word_class(word: str) -> str | None:
    if word in HARM_PAST or word in HARM_BASE_WORDS:
        return "HARM"
    if word in _STAFF:
        return "ROLE"
    if word in EQUIPMENT_ER:
        return "EQUIP"
    if len(word) > 3 and word.endswith("ed"):
        return "PAST"
    return None


_WHO = {
    **dict.fromkeys(_FIRST, "we"),
    **dict.fromkeys(_OURS, "our"),
    **dict.fromkeys(_YOU, "you"),
    **dict.fromkeys(_THIRD, "third"),
}
_CLASSES: dict[str, str | None] = {}


def walk(words: Sequence[str]) -> Iterator[tuple[str, str, str | None, str | None]]:
    """Each word but commas, with the word before it (``<s>`` first, ``,`` after a
    comma), who acts for it (``we``, ``our``, ``you``, ``third``, ``none``; ``!``
    added after a negation; None for a subject, a negation or a stop word) and its
    class (None when it has none or no one acts for it). The same word with the
    same word before it, actor and class is given once, so a word repeated a
    thousand times weighs no more than twice."""
    who, negated, prev = "none", False, "<s>"
    seen: set[tuple[str, str, str | None, str | None]] = set()
    classes = _CLASSES
    if len(classes) > 50_000:  # words of any text land here: keep it bounded
        classes.clear()
    for word in words:
        if word == ",":
            who, negated, prev = "none", False, ","
            continue
        tag = None
        cls = None
        now = _WHO.get(word)
        if now is not None:
            who, negated = now, False
        elif word in _NEG:
            negated = True
        elif word not in _STOP:
            tag = who + "!" if negated else who
            if word in classes:
                cls = classes[word]
            else:
                cls = classes[word] = _word_class(word)
        event = (word, prev, tag, cls)
        if event not in seen:  # a word said again in the same way counts once
            seen.add(event)
            yield event
        prev = word


def flags(words: Sequence[str], question: bool) -> set[str]:
    """The sentence's flags: a question, a condition, a hedge, reported speech..."""
    found = {_FLAGS[word] for word in words if word in _FLAGS}
    if question:
        found.add("F:Q")
    if len(words) > LONG_SENTENCE:
        found.add("LONG")
    return found


def last_word(words: Sequence[str]) -> str:
    return words[-1] if words else "<s>"


PREVIOUS_WORDS = 20  # the most words of a sentence that count for the one before or after


def previous_words(words: Sequence[str]) -> list[str]:
    """The words of a sentence that count for the sentences before and after it:
    its first PREVIOUS_WORDS different words that are not stop words."""
    out: dict[str, None] = {}
    for word in words:
        if word not in _STOP and word not in out:
            out[word] = None
            if len(out) == PREVIOUS_WORDS:
                break
    return list(out)


def sentence_features(words: Sequence[str], question: bool) -> list[str]:
    """The features of one sentence's canonical words."""
    feats = ["BIAS"]
    for word, prev, tag, cls in walk(words):
        feats.append("w:" + word)
        feats.append("b:" + prev + " " + word)
        if tag is not None:
            feats.append("s:" + tag + " " + word)
            if cls is not None:
                feats.append("c:" + tag + " " + cls)
    feats.append("b:" + last_word(words) + " </s>")
    feats.extend("k:" + first + " " + second for first, second in skip_pairs(words))
    feats.extend(flags(words, question))
    feats.extend("x:" + word for word in with_us(words))
    return feats


def skip_pairs(words: Sequence[str]) -> list[tuple[str, str]]:
    """Each different pair of words with one word between them, commas left out."""
    kept = [word for word in words if word != ","]
    return list(dict.fromkeys(zip(kept, kept[2:], strict=False)))


def with_us(words: Sequence[str]) -> list[str]:
    """The different words of a sentence that names us (we, I, our, my...)
    anywhere, but stop words and pronouns; none when it does not name us."""
    if _US.isdisjoint(words):
        return []
    return [word for word in dict.fromkeys(words) if word not in _NOT_CONTENT]


#: What a word of harm the rules read as harmless here becomes for the learned part.
HARMLESS = "<harmless>"


def masked(words: Sequence[str], harmless: Collection[int]) -> Sequence[str]:
    """``words`` with each word at a position in ``harmless`` read as :data:`HARMLESS`:
    "we dropped it off" is not "we dropped it", though the words look alike."""
    if not harmless:
        return words
    out = list(words)
    for at in harmless:
        out[at] = HARMLESS
    return out


def text_features(
    words: Sequence[str],
    sentences: Sequence[tuple[int, int, bool]],
    rule_ids: Sequence[Sequence[str]],
) -> list[list[str]]:
    """The features of each sentence of a text.

    ``sentences`` are token ranges ``(start, end, is_question)`` over ``words``;
    ``rule_ids`` the ids of the rules that flagged words in each sentence.
    """
    out: list[list[str]] = []
    before: Sequence[str] = ()
    for k, ((a, b, question), ids) in enumerate(zip(sentences, rule_ids, strict=True)):
        own = words[a:b]
        feats = sentence_features(own, question)
        if ids:
            feats.append("R:any")
            feats.extend("R:" + rule_id for rule_id in ids)
        feats.extend("p:" + word for word in previous_words(before))
        if k + 1 < len(sentences):
            after = words[sentences[k + 1][0] : sentences[k + 1][1]]
            feats.extend("n:" + word for word in previous_words(after))
        before = own
        out.append(feats)
    return out
