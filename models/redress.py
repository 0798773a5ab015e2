"""What was given to put a complaint right: one or more things (a replacement and a
refund of the postage), each of a kind and, when it has one, a value.

Every path that records redress (the Lessons tab, closing, an import, sample
data, an agreed action done: :func:`given_by_deed`) checks it with
:func:`problems` and writes it with :func:`write`; every
path that shows it (the timeline, exports, the customer's copy of their data)
words it with :func:`describe`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from models import display
from models.choices import REDRESS, keys_of, label_of
from models.db import chunked
from models.tables import Complaint, Redress

MAX_VALUE = 10_000_000
MAX_ITEMS = 20  # more than anyone gives for one complaint: a paste gone wrong
NOTHING = "none"  # the kind that says nothing was given


@dataclass(frozen=True)
class Given:
    """One thing given: its kind (a key of :data:`models.choices.REDRESS`) and value."""

    kind: str
    value: float | None = None

    @property
    def label(self) -> str:
        return label_of(REDRESS, self.kind)


def problems(given: Sequence[Given]) -> dict[str, str]:
    """What is wrong with ``given``, by field ("redress", "redress_value"); {} when fine."""
    found: dict[str, str] = {}
    if len(given) > MAX_ITEMS:
        found["redress"] = f"Record at most {MAX_ITEMS} things given for one complaint."
    if any(item.kind not in keys_of(REDRESS) for item in given):
        found["redress"] = "Choose what was given to put it right."
    elif len(given) > 1 and any(item.kind == NOTHING for item in given):
        found["redress"] = "“None” cannot go with something given: remove one of them."
    if any(item.value is not None and not 0 <= item.value <= MAX_VALUE for item in given):
        found["redress_value"] = "Enter the value as an amount of money, 0 or more."
    return found


def given_for(complaint_id: int) -> tuple[Given, ...]:
    """The redress recorded for a complaint, in the order recorded."""
    rows = (
        Redress.select(Redress.kind, Redress.value)
        .where(Redress.complaint == complaint_id)
        .order_by(Redress.position, Redress.id)
    )
    return tuple(Given(row.kind, row.value) for row in rows)


def given_by_complaint(complaint_ids: Iterable[int]) -> dict[int, tuple[Given, ...]]:
    """The redress recorded for each of many complaints (those with none left out)."""
    found: dict[int, list[Given]] = {}
    for some in chunked(list(complaint_ids)):
        rows = (
            Redress.select(Redress.complaint_id, Redress.kind, Redress.value)
            .where(Redress.complaint.in_(some))
            .order_by(Redress.complaint_id, Redress.position, Redress.id)
        )
        for row in rows:
            found.setdefault(row.complaint_id, []).append(Given(row.kind, row.value))
    return {key: tuple(items) for key, items in found.items()}


def write(complaint_id: int, given: Sequence[Given]) -> None:
    """Make ``given`` the complaint's redress (inside the caller's transaction)."""
    Redress.delete().where(Redress.complaint == complaint_id).execute()
    if given:
        Redress.insert_many(
            [
                {"complaint": complaint_id, "position": n, "kind": g.kind, "value": g.value}
                for n, g in enumerate(given)
            ]
        ).execute()


def total(given: Sequence[Given]) -> float | None:
    """The value of everything given; None when no item has a value."""
    values = [item.value for item in given if item.value is not None]
    # Rounded past any currency's smallest unit: 24.99 + 10 is 34.99, not 34.989999999999995.
    return round(sum(values), 6) if values else None


def describe(given: Sequence[Given], *, money: Callable[[float], str] = display.money) -> str:
    """``Replacement; Refund (£4.50)``: each thing given, its value after it;
    "Not recorded" when nothing is."""
    if not given:
        return label_of(REDRESS, "")
    return "; ".join(
        item.label + (f" ({money(item.value)})" if item.value is not None else "") for item in given
    )


def given_by_deed(complaint_id: int, words: Sequence[str], author: str, now: dt.datetime) -> str:
    """An agreed action done whose words give something ("refund the €60 to her
    card", or the note "Refunded €60"): what it gave is recorded, unless that kind
    is recorded already, with a timeline entry saying so (inside the caller's
    transaction). Returns the entry's text ("" when nothing was recorded)."""
    from models import redress_words, timeline

    complaint = Complaint.get_or_none(Complaint.id == complaint_id)
    product = complaint.product if complaint is not None else ""
    found: tuple[Given, ...] = ()
    for text in words:  # the first that says what was given
        found = redress_words.read(text, product)
        if found:
            break
    had = given_for(complaint_id)
    kinds = {item.kind for item in had}
    new = [item for item in found if item.kind not in kinds and item.kind != NOTHING]
    if not new or problems([*had, *new]):
        return ""
    write(complaint_id, [*had, *new])
    said = (
        f"Redress recorded from the action done: {describe(new)}. "
        "Change it on the Lessons tab if that is not what was given."
    )
    timeline.record(complaint_id, timeline.LESSON, said, author, now)
    return said
