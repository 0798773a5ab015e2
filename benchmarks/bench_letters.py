"""Rendering a typical one-page complaint letter to PDF, in English and to a
customer whose name and address are in Arabic with names in five more scripts
in the body (font fallback, shaping and right-to-left ordering).

The first render registers the fonts (parsing the TrueType files) and is reported
apart; then a few warm-up renders, then the timed ones. Target: a median under
100 ms a letter. Exits 1 when a median misses the target.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from letters.render import LetterContent, Letterhead, render_letter  # noqa: E402

TARGET_MS = 100.0
WARM_UP = 5
RUNS = 50

LETTERHEAD = Letterhead(
    business_name="Corner Cycles",
    address="12 Market Street\nOxford\nOX1 4AA",
    phone="01865 123456",
    email="hello@cornercycles.example",
    website="cornercycles.example",
    signatory_name="Siobhán O'Neill",
    signatory_role="Owner",
)

CONTENT = LetterContent(
    kind="acknowledgement",
    reference="C-2026-0042",
    date=dt.date(2026, 11, 22),
    recipient_name="Zoë Łukasiewicz",
    recipient_address="Flat 3\n45 Long Road\nOxford\nOX2 6BB",
    salutation="Dear Zoë Łukasiewicz,",
    subject="Your complaint C-2026-0042: we have received it",
    body=(
        "Thank you for telling us about the problem with the bicycle you bought from us on "
        "3 November. We are sorry it has caused you trouble, and we want to put it right.\n\n"
        "We have logged your complaint under the reference above. Here is what happens next:\n"
        "1. We will inspect the bicycle within five working days of receiving it.\n"
        "2. We will call you on the number you gave us with what we find.\n"
        "3. We will confirm in writing whatever we agree with you.\n\n"
        "If anything changes in the meantime, or you have questions, call us on 01865 123456 or "
        "reply to this letter quoting your reference."
    ),
)


SCRIPTS = replace(
    CONTENT,
    recipient_name="محمد علي",
    recipient_address="12 شارع النيل\nالقاهرة\nEgypt",
    salutation="Dear محمد علي,",
    body=CONTENT.body + "\n\nCopies to: 王秀英, 김민준, प्रिया शर्मा, สมศักดิ์ ใจดี, דוד כהן.",
)


def bench(label: str, content: LetterContent) -> bool:
    started = time.perf_counter()
    pdf = render_letter(LETTERHEAD, content)
    first_ms = (time.perf_counter() - started) * 1000
    print(f"first {label} (registers fonts): {first_ms:.1f} ms, {len(pdf) // 1024} KB")
    for _ in range(WARM_UP):
        render_letter(LETTERHEAD, content)
    samples: list[float] = []
    for _ in range(RUNS):
        started = time.perf_counter()
        render_letter(LETTERHEAD, content)
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    median = statistics.median(samples)
    p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
    print(
        f"{label} render: median {median:.1f} ms, p95 {p95:.1f} ms "
        f"(target < {TARGET_MS:.0f} ms, n={len(samples)})"
    )
    return median <= TARGET_MS


def main() -> int:
    english = bench("letter", CONTENT)
    scripts = bench("letter in six scripts", SCRIPTS)
    return 0 if english and scripts else 1


if __name__ == "__main__":
    sys.exit(main())
