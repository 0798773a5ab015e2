"""Fixed lists the app offers: channels, how upset a customer is, stages, status.

Each is stored in the database by its ``key``; the ``label`` is what a person
reads. Keys never change once released (they are in shops' data files).
"""

from __future__ import annotations

from dataclasses import dataclass

from models import guide


@dataclass(frozen=True)
class Choice:
    key: str
    label: str


CHANNELS: tuple[Choice, ...] = (
    Choice("counter", "At the counter"),
    Choice("phone", "Phone"),
    Choice("email", "Email"),
    Choice("letter", "Letter"),
    Choice("online", "Online"),
    Choice("other", "Other"),
)

# How upset the customer is, from 1 (calm) to 4 (angry).
UPSET_LEVELS: tuple[Choice, ...] = (
    Choice("1", "Calm"),
    Choice("2", "Unhappy"),
    Choice("3", "Upset"),
    Choice("4", "Angry"),
)

# The five stages of handling a complaint, in order (their steps are in
# models.guide), then "done" once every step is ticked.
STAGES: tuple[Choice, ...] = (
    *(Choice(stage.key, stage.title) for stage in guide.STAGES),
    Choice(guide.DONE, "All steps done"),
)
# The stages whose names are long, as a narrow column names them.
STAGE_SHORT: dict[str, str] = {"facts": "Facts", guide.DONE: "Done"}

# The finding on fault, made in the Get the facts stage.
FAULT_UNKNOWN = "unknown"
FAULT_OURS = "ours"
FAULTS: tuple[Choice, ...] = (
    Choice(FAULT_UNKNOWN, "Not yet known"),
    Choice(FAULT_OURS, "Ours"),
    Choice("not_ours", "Not ours"),
    Choice("shared", "Shared"),
    Choice("no_one", "No one's"),
)

OPEN = "open"
CLOSED = "closed"
STATUSES: tuple[Choice, ...] = (Choice(OPEN, "Open"), Choice(CLOSED, "Closed"))

DEFAULT_CHANNEL = "counter"
# How an imported row came in when the file does not say: not "At the counter".
UNSAID_CHANNEL = "other"
DEFAULT_UPSET = 2
FIRST_STAGE = STAGES[0].key

DEFAULT_CATEGORIES: tuple[str, ...] = (
    "Faulty or damaged item",
    "Wrong item or size",
    "Late or missing order",
    "Quality of work or repair",
    "Staff attitude or service",
    "Price, bill or refund",
    "Out of stock or not as advertised",
    "Cleanliness or safety",
    "Booking or appointment",
    "Other",
)


DEFAULT_ROOT_CAUSES: tuple[str, ...] = (
    "Wrong item supplied",
    "Late",
    "Damaged in handling",
    "Product defect",
    "Quality of work",
    "Staff attitude",
    "Pricing or billing error",
    "Communication",
    "Supplier or courier",
    "No fault found",
)

# What was given to put it right.
REDRESS: tuple[Choice, ...] = (
    Choice("", "Not recorded"),
    Choice("refund", "Refund"),
    Choice("replacement", "Replacement"),
    Choice("repair", "Repair"),
    Choice("credit", "Credit"),
    Choice("voucher", "Voucher or gift card"),
    Choice("goodwill", "Goodwill gesture"),
    Choice("none", "None"),
)


def label_of(choices: tuple[Choice, ...], key: str | int | None) -> str:
    """The label for ``key`` in ``choices``, or the key itself when unknown."""
    wanted = str(key) if key is not None else ""
    for choice in choices:
        if choice.key == wanted:
            return choice.label
    return wanted


def keys_of(choices: tuple[Choice, ...]) -> tuple[str, ...]:
    return tuple(choice.key for choice in choices)


STAGE_ORDER: dict[str, int] = {choice.key: index for index, choice in enumerate(STAGES)}
