"""Two counters editing one complaint: the second save never undoes the first.

The window edits a complaint and its customer as it read them (a
:class:`~models.complaints.ComplaintRecord`, which holds the revisions read).
:func:`save_edits` reads them again in the transaction that saves:

- nobody else saved meanwhile: the person's changes are written;
- someone else saved changes to other fields: both are kept, as only the
  fields this person changed are written;
- someone else changed a field this person changed too, to something else:
  nothing is written, and :class:`EditClash` says who (as the timeline
  records them) and which fields differ. The person then reloads the other
  version, or saves theirs over it deliberately (``over``: the version they
  were told about; anything saved after that is a clash again).

Each write checks in its WHERE the revision it was made from, so two counters
saving at the same moment cannot both pass: on a server the second waits for
the first, finds the revision moved on, and reads again.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TypeVar

from models import display, timeline
from models.complaints import (
    FIELD_LABELS,
    ComplaintDetails,
    ComplaintRecord,
    load_complaint,
    update_complaint,
)
from models.customers import FIELD_LABELS as CUSTOMER_LABELS
from models.customers import CustomerDetails, update_customer
from models.db import writing
from models.errors import ChangedMeanwhile, ComplaintDeskError
from models.tables import Event

_Details = TypeVar("_Details", ComplaintDetails, CustomerDetails)

# Reads and saves tried when another counter saves at the very same moment.
_TRIES = 3
# Said for an edit whose author the timeline does not name.
SOMEONE = "Someone at another counter"


class EditClash(ComplaintDeskError):
    """Someone else changed fields of a complaint (or its customer) that this
    person changed too, while they were editing it. Nothing was saved.

    ``who``: the people who changed it, as the timeline records them;
    ``fields``: the fields that now differ, as the window names them;
    ``theirs``: the complaint as it is now (give it as ``over`` to save over it)."""

    def __init__(
        self,
        message: str,
        *,
        who: tuple[str, ...],
        fields: tuple[str, ...],
        theirs: ComplaintRecord,
    ) -> None:
        super().__init__(message)
        self.who = who
        self.fields = fields
        self.theirs = theirs


def save_edits(
    seen: ComplaintRecord,
    details: ComplaintDetails,
    customer: CustomerDetails,
    *,
    author: str,
    over: ComplaintRecord | None = None,
    now: dt.datetime | None = None,
) -> list[str]:
    """Save what a person changed in the complaint ``seen`` (as they read it) and
    its customer; return the lines written to its timeline about the complaint.

    Raises :class:`EditClash` when someone else changed the same fields
    meanwhile (unless ``over`` is the version as it is now), and
    :class:`~models.errors.ValidationError` for input that cannot be saved.
    """
    details = details.cleaned()
    if details.received_at is None:
        details = dataclasses.replace(details, received_at=seen.details.received_at)
    customer = customer.cleaned()
    for _ in range(_TRIES):
        try:
            with writing():
                stored = load_complaint(seen.id)
                _refuse_clash(seen, stored, details, customer, over)
                person = _merged(seen.customer, stored.customer, customer)
                if person != stored.customer:
                    update_customer(
                        stored.customer_id, person, author=author, now=now,
                        revision=stored.customer_revision,
                    )  # fmt: skip
                return update_complaint(
                    seen.id, _merged(seen.details, stored.details, details), author=author,
                    now=now, revision=stored.revision,
                )  # fmt: skip
        except ChangedMeanwhile:
            continue  # saved elsewhere between reading and writing: read it again
    raise ChangedMeanwhile(
        f"{seen.reference} is being changed at another counter just now: nothing was "
        "changed; try again in a moment."
    )


def _changed(before: _Details, after: _Details) -> list[str]:
    return [
        f.name
        for f in dataclasses.fields(before)
        if getattr(before, f.name) != getattr(after, f.name)
    ]


def _clashing(seen: _Details, stored: _Details, mine: _Details) -> list[str]:
    """The fields both changed since ``seen``, to different values."""
    theirs = set(_changed(seen, stored))
    return [
        name
        for name in _changed(seen, mine)
        if name in theirs and getattr(stored, name) != getattr(mine, name)
    ]


def _merged(seen: _Details, stored: _Details, mine: _Details) -> _Details:
    """``stored`` with the fields changed in ``mine`` since ``seen``."""
    return dataclasses.replace(stored, **{n: getattr(mine, n) for n in _changed(seen, mine)})


def _refuse_clash(
    seen: ComplaintRecord,
    stored: ComplaintRecord,
    details: ComplaintDetails,
    customer: CustomerDetails,
    over: ComplaintRecord | None,
) -> None:
    labels: list[str] = []
    if stored.revision != seen.revision and (over is None or over.revision != stored.revision):
        labels += [FIELD_LABELS[n] for n in _clashing(seen.details, stored.details, details)]
    if stored.customer_revision != seen.customer_revision and (
        over is None or over.customer_revision != stored.customer_revision
    ):
        labels += [
            f"Customer's {CUSTOMER_LABELS[n].lower()}"
            for n in _clashing(seen.customer, stored.customer, customer)
        ]
    if not labels:
        return
    who = tuple(editors_since(seen.id, seen.last_event_id))
    raise EditClash(
        f"{display.listed(list(who))} changed {seen.reference} while you were editing it. "
        f"Their version differs from yours in: {', '.join(labels)}.",
        who=who,
        fields=tuple(labels),
        theirs=stored,
    )


def editors_since(complaint_id: int, last_event_id: int) -> list[str]:
    """Who changed the complaint or its customer after its timeline entry
    ``last_event_id``, as the timeline records them; the latest to change it
    when no entry after that one says (another counter's entry numbered
    before it and saved after it)."""
    kinds = (timeline.EDITED, timeline.ANONYMISED)
    edits = Event.select(Event.id, Event.author).where(
        (Event.complaint == complaint_id) & Event.kind.in_(kinds)
    )
    names = [e.author for e in edits.where(Event.id > last_event_id).order_by(Event.id)]
    if not any(names):
        latest = edits.order_by(Event.id.desc()).first()
        names = [latest.author] if latest is not None else []
    return list(dict.fromkeys(n for n in names if n)) or [SOMEONE]
