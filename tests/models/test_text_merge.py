"""Two people's edits of one text put together: nothing either typed is lost."""

from __future__ import annotations

import random

import pytest

from models.text_merge import merge_clean, merge_texts

BASE = "The vase arrived cracked at the rim and the box was dented."


def test_changes_to_different_words_are_both_made() -> None:
    mine = BASE.replace("cracked", "chipped")
    theirs = BASE.replace("dented", "soaked")
    assert merge_texts(BASE, mine, theirs) == (
        "The vase arrived chipped at the rim and the box was soaked."
    )


def test_the_same_words_changed_two_ways_are_both_written_there_marked() -> None:
    mine = BASE.replace("cracked", "chipped")
    theirs = BASE.replace("cracked", "broken")
    assert merge_clean(BASE, mine, theirs) is None
    assert merge_texts(BASE, mine, theirs) == (
        "The vase arrived [theirs: broken | yours: chipped] at the rim and the box was dented."
    )


def test_two_rewrites_of_the_whole_text_are_kept_whole_one_above_the_other() -> None:
    mine = "Checked with the customer: the rim chipped in the van."
    theirs = "Photos sent to the maker, who says the glaze was faulty."
    assert merge_texts(BASE, mine, theirs) == f"[theirs: {theirs}]\n\n[yours: {mine}]"


def test_words_added_at_one_place_are_both_kept_theirs_first() -> None:
    mine = BASE + " She wants a refund."
    theirs = BASE + " Photos are in the file."
    assert merge_texts(BASE, mine, theirs) == f"{theirs} She wants a refund."


@pytest.mark.parametrize(
    ("mine", "theirs", "expected"),
    [(BASE, "Other.", "Other."), ("Mine.", BASE, "Mine."), ("Same.", "Same.", "Same.")],
)
def test_one_side_unchanged_gives_the_other(mine: str, theirs: str, expected: str) -> None:
    assert merge_texts(BASE, mine, theirs) == expected


WORDS = [
    "the",
    "a",
    "refund",
    "vase",
    "chipped",
    "Zoë",
    "12,50",
    "€",
    "glass",
    "box",
    "—",
    "rang",
    "(again)",
    "déjà",
    "写",
    "✓",
]


def _edited(rng: random.Random, words: list[str]) -> list[str]:
    out = list(words)
    for _ in range(rng.randint(1, 3)):
        at = rng.randint(0, len(out))
        if rng.random() < 0.5 and at < len(out):
            del out[at]
        else:
            out.insert(at, f"new{rng.randint(100, 999)}")
    return out


def test_every_word_either_person_added_is_in_the_result() -> None:
    rng = random.Random(7)
    for _ in range(500):
        base = [rng.choice(WORDS) for _ in range(rng.randint(0, 12))]
        mine, theirs = _edited(rng, base), _edited(rng, base)
        merged = merge_texts(" ".join(base), " ".join(mine), " ".join(theirs))
        added = {w for w in mine + theirs if w.startswith("new")}
        assert all(word in merged for word in added), (base, mine, theirs, merged)
