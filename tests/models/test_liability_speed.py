"""The wording check takes time in proportion to the text, whatever the text.

Tests do not assert on fixed timings: each input is timed at 5,000 and at
50,000 characters (best of three runs) and the longer one may take at most
three times ten times as long as the shorter one. Code that rereads a sentence
from every word grows a hundredfold and fails by far. A generous cap (two
seconds for 50,000 characters, the longest a field accepts) fails the old
behaviour of 14 seconds even on a machine where both lengths are slow.
"""

from __future__ import annotations

import random
import time

import pytest

from models.wording import Finding, scan
from models.wording.reading import forget

SHORT = 5_000
LONG = 50_000
GROWTH = 3.0  # allowed slack over linear growth (10x the length, 30x the time)
NOISE = 0.02  # seconds: timer and scheduler noise on inputs that take next to nothing
CAP = 2.0  # seconds for 50,000 characters

# Words and phrases the check reacts to, and what surrounds them in real text.
TRIGGERS = [
    "we broke", "hurt", "sorry", "it was our fault", "our mistake", "we dropped your vase",
    "Dave dropped it", "my assistant scorched", "we will pay for the damage",
    "our insurance will cover it", "sorry you feel that way", "sorry if anyone was offended",
    "we should have checked", "we failed to", "not properly", "which meant", "that is why",
    "because we", "while it was with us", "sorry for mixing", "was damaged by our driver",
    "our freezer failed", "the milk we sold you was out of date", "he said", "she says",
    "if we damaged it", "without admitting liability", "maybe", "I think that", "the trainee",
    "our driver 's fault", "made a mistake", "we made a silly mistake", "it is on us",
    "we accept full responsibility", "did not check", "none of us noticed", "too hot",
    "the wrong colour", "caused", "led to", "as a goodwill gesture", "at our cost",
    "we left it unlocked", "were overcharging", "admitted forgetting", "Mr Patel says",
]  # fmt: skip
NEGATIONS = ["not", "never", "didn't", "no", "nobody", "wasn't", "can't", "without"]
PUNCTUATION = [",", ".", "?", "!", ";", ":", " - ", "\n", "\r\n", "(", ")", '"', "'", "…", "—"]
FILLER = [
    "the", "and", "so", "very", "just", "x", "Xyz", "it", "was", "by", "in", "our", "that",
    "😀", "ñandú", "日本語", "Ωμέγα", "مرحبا", "123", "£45.50", "e-mail", "re:", "&",
]  # fmt: skip

CASES: dict[str, str] = {
    "hurt": "hurt ",
    "we broke": "we broke ",
    "sorry": "sorry ",
    "our fault": "it was our fault ",
    "one letter": "a",
    "full stops": ".",
    "spaces": " ",
    "line breaks": "\n",
    "no spaces": "wedroppedyourvaseandbrokeit",
    "scripts and emoji": "我们 😀 ñoño Ωμέγα عربى ",
    "every trigger": " ".join(TRIGGERS) + " ",
    "not not": "not ",
    "quotes and brackets": "(\"['«",
    "he she": "he dropped it she ",
    "was broken by": "was broken by ",
    "our x in": "our x in damaged ",
    "capital We": "We ",
    "word comma": "I,",
    "if if": "if we ",
    "trainee": "the trainee ",
    "so so": "so ",
    "that that": "that ",
}


def _random_units(count: int, seed: int = 20_240_611) -> dict[str, str]:
    rnd = random.Random(seed)
    pools = [TRIGGERS, NEGATIONS, PUNCTUATION, FILLER]
    units: dict[str, str] = {}
    for n in range(count):
        parts = [rnd.choice(rnd.choice(pools)) for _ in range(rnd.randint(2, 14))]
        units[f"random {n}"] = rnd.choice([" ", "", " ", ", "]).join(parts) + " "
    return units


ADVERSARIAL = {**CASES, **_random_units(12)}


def build(unit: str, length: int) -> str:
    return (unit * (length // len(unit) + 1))[:length]


def _best_time(text: str, runs: int = 3, give_up: float = float("inf")) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        scan(text)
        elapsed = time.perf_counter() - start
        best = min(best, elapsed)
        if elapsed > give_up:
            break  # far too slow already: no need to wait for more runs
    return best


@pytest.mark.parametrize("unit", ADVERSARIAL.values(), ids=ADVERSARIAL.keys())
def test_time_grows_in_proportion_to_the_text(unit: str) -> None:
    short = _best_time(build(unit, SHORT))
    long = _best_time(build(unit, LONG), give_up=CAP)
    allowed = GROWTH * (LONG / SHORT) * short + NOISE
    assert long < CAP, f"{LONG:,} characters took {long:.2f} s"
    assert long <= allowed, (
        f"{SHORT:,} characters took {short * 1000:.1f} ms but {LONG:,} took"
        f" {long * 1000:.1f} ms (allowed {allowed * 1000:.1f} ms)"
    )


def test_a_one_megabyte_line_stays_linear() -> None:
    # A field accepts 50,000 characters, but the check itself must not blow up.
    unit = "hurt we broke it not our fault "
    tenth = _best_time(build(unit, 100_000), runs=2)
    whole = _best_time(build(unit, 1_000_000), runs=1, give_up=0)
    allowed = GROWTH * 10 * tenth + NOISE
    assert whole <= allowed, f"1 MB took {whole:.2f} s, 100 kB {tenth:.2f} s"


# Sentences of a letter, told apart so that each letter built from them is new.
LETTER = [
    "Dear Mrs Alvarez, thank you for writing to us about order {n}.",
    "I'm so sorry this happened, and I can see why it upset you.",
    "Our driver dropped the wardrobe on the stairs and cracked panel {n}.",
    "We will pay for the repair and any other losses you have had.",
    "Note:\r\nclient unhappy with colour {n} - reviewing the consultation card.",
    "Sorry you feel that way about our returns policy.",
    "Dave mixed up the two orders at the counter, so you got cake {n}.",
    "We're sorry the delivery was late; the storm closed the bridge.",
    "Could you send a photo of label {n} on the inside of the collar?",
    "Whether the leak comes from our fitting is for the plumber to say.",
]


def _letter(seed: int, length: int) -> str:
    rnd = random.Random(seed)
    parts: list[str] = []
    while sum(map(len, parts)) < length:
        parts.append(rnd.choice(LETTER).format(n=rnd.randrange(10_000)))
    return " ".join(parts)[:length]


def _key(findings: list[Finding]) -> list[tuple[int, int, str, str, str | None]]:
    return [(f.start, f.end, f.kind.value, f.message, f.suggestion) for f in findings]


def test_typing_into_a_letter_finds_what_checking_it_afresh_finds() -> None:
    # The check reuses what it read of the last text; each version of the letter
    # must get exactly the findings of a letter it has never seen.
    rnd = random.Random(11)
    text = _letter(1, 3_000)
    typed = [
        "a", " ", ".", ". ", ". Our driver dropped it. ", "\n", "'", "Mr Patel says ",
        "Mr. Patel says ", " Dr. ", "mrs. ",
    ]  # fmt: skip
    for _ in range(60):
        k = rnd.randrange(len(text) + 1)
        if rnd.random() < 0.3:
            text = text[:k] + text[k + 1 :]
        else:
            text = text[:k] + rnd.choice(typed) + text[k:]
        again = _key(scan(text))
        forget()
        assert again == _key(scan(text))


def test_a_title_with_a_full_stop_reads_the_same_when_typed_into() -> None:
    # "Mr. Ames" goes on one sentence, read afresh or from the last text's stretches.
    sentences = [
        f"Told Mr. {'A' * (n % 4 + 1)}mes that our driver{' x' * (n % 3)} dropped parcel {n}."
        for n in range(40)
    ]
    text = " ".join(sentences)
    scan(text)
    for typed in (" Thanks.", " Dr. Lowe rang", " Mrs. Kline says our van hit it."):
        text += typed
        again = _key(scan(text))
        forget()
        assert again == _key(scan(text))
