"""Keeps changing the log through the app's own functions until it is killed.

``python tests/desktop/crash_writer.py DATA_DIR SEED`` opens the data folder as
the app does, then loops forever: logs complaints (for new and returning
customers), adds notes and ticks steps of the guide. After each call has
returned, that is after its transaction committed, it prints one line naming
what was saved, with a digest of the text saved:

    complaint C-2026-0042 <digest of account, remedy sought, product>
    note 1234 C-2026-0042 customer_says <digest of the note>
    tick C-2026-0042 facts.check <digest of the tick's note>

The crash-safety test kills it at a random moment and checks every line.
"""

from __future__ import annotations

import hashlib
import itertools
import random
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.tables import Complaint

# Unicode the app must keep exactly: many scripts, combining marks, emoji with
# joiners, characters that mean something to SQL or markup, line breaks.
PIECES = (
    "Zoë",
    "Łukasz",
    "Nguyễn Thị",
    "Иван Петров",
    "Καλλιόπη",
    "中文的投诉",
    "日本語のテキスト",
    "한국어 문장",
    "עברית",
    "العربية",
    "हिन्दी",
    "ไทย",
    "e\u0301",
    "ﬁ",
    "👩‍👩‍👧",
    "🙂🎂🚲",
    "\u200b",
    "'; DROP TABLE complaint; --",
    '"quoted" <b>&amp;</b> 100% _x_ \\',
    "\t",
    "\n",
    "\r\n",
    " ",
)


def digest(*texts: str) -> str:
    """The SHA-256 of the texts as stored (never holding NUL, so NUL joins them)."""
    return hashlib.sha256("\0".join(texts).encode("utf-8")).hexdigest()


def random_text(rng: random.Random, length: int, *, multiline: bool = True) -> str:
    """About ``length`` characters of arbitrary Unicode, as the app would store it."""
    from models.text import clean

    parts: list[str] = []
    size = 0
    while size < length:
        roll = rng.random()
        if roll < 0.45:
            part = rng.choice(PIECES)
        elif roll < 0.75:
            point = rng.randint(0x20, 0x10FFFF)
            part = "?" if 0xD800 <= point <= 0xDFFF or point == 0x7F else chr(point)
        else:
            part = rng.choice(("shop ", "refund ", "late ", "broken ", "x" * rng.randint(1, 9)))
        parts.append(part)
        size += len(part)
    text = "".join(parts) or "x"
    # Cleaning twice can differ from once (a dropped character may let two
    # others compose), so clean until it no longer changes anything.
    while (cleaned := clean(text, multiline=multiline) or "x") != text:
        text = cleaned
    return text


def text_length(rng: random.Random, longest: int) -> int:
    """Mostly short texts; one in five long enough to spill onto overflow pages."""
    return rng.randint(5_000, longest) if rng.random() < 0.2 else rng.randint(1, 400)


def log_one(rng: random.Random, number: int) -> str:
    from models.choices import CHANNELS
    from models.complaints import ComplaintDetails, log_complaint
    from models.customers import CustomerDetails
    from models.tables import Customer

    customer_id = None
    last = Customer.select(Customer.id).order_by(Customer.id.desc()).scalar()
    if last and rng.random() < 0.4:
        customer_id = (
            Customer.select(Customer.id)
            .where(Customer.id >= rng.randint(1, last))
            .order_by(Customer.id)
            .scalar()
        )
    tag = f"{rng.getrandbits(48):x}"
    customer = CustomerDetails(
        name=random_text(rng, rng.randint(1, 60), multiline=False)[:150].strip() or "Ana",
        phone=f"+44 113 {rng.randint(0, 9_999_999):07d}",
        email=f"{tag}@例え.example" if rng.random() < 0.5 else "",
        address=random_text(rng, rng.randint(0, 300)) if rng.random() < 0.5 else "",
    )
    details = ComplaintDetails(
        account=random_text(rng, text_length(rng, 40_000)),
        product=random_text(rng, rng.randint(1, 80), multiline=False),
        remedy_sought=random_text(rng, text_length(rng, 8_000)),
        channel=rng.choice(CHANNELS).key,
        upset=rng.randint(1, 4),
        handler=f"Sam {number}",
    )
    saved = log_complaint(
        customer, details, author="Sam", customer_id=customer_id, update_customer=True
    )
    return f"complaint {saved.reference} " + digest(
        details.account, details.remedy_sought, details.product
    )


def random_complaint(rng: random.Random) -> Complaint | None:
    from models.tables import Complaint

    last = Complaint.select(Complaint.id).order_by(Complaint.id.desc()).scalar()
    if not last:
        return None
    return (
        Complaint.select()
        .where(Complaint.id >= rng.randint(1, last))
        .order_by(Complaint.id)
        .first()
    )


def note_one(rng: random.Random) -> str | None:
    from models import timeline
    from models.complaints import add_note
    from models.tables import Event

    complaint = random_complaint(rng)
    if complaint is None:
        return None
    kind = rng.choice(timeline.NOTE_KINDS)
    text = random_text(rng, text_length(rng, 45_000))
    add_note(complaint.id, text, author="Sam", kind=kind)
    event_id = Event.select(Event.id).order_by(Event.id.desc()).scalar()
    return f"note {event_id} {complaint.reference} {kind} {digest(text)}"


def tick_one(rng: random.Random) -> str | None:
    from models import checklist, guide

    complaint = random_complaint(rng)
    if complaint is None:
        return None
    done = set(checklist.ticks(complaint.id))
    left = [key for key in guide.STEPS_BY_KEY if key not in done]
    if not left:
        return None
    step = rng.choice(left)
    note = random_text(rng, rng.randint(1, 4_000)) if rng.random() < 0.7 else ""
    checklist.tick(complaint.id, step, author="Sam", note=note)
    return f"tick {complaint.reference} {step} {digest(note)}"


def main(data_dir: str, seed: int) -> None:
    from desktop.startup import open_data

    open_data(data_dir)
    rng = random.Random(seed)
    for number in itertools.count(1):
        roll = rng.random()
        if roll < 0.45:
            line = log_one(rng, number)
        elif roll < 0.85:
            line = note_one(rng)
        else:
            line = tick_one(rng)
        if line:
            print(line, flush=True)


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    main(sys.argv[1], int(sys.argv[2]))
