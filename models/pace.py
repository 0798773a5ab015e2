"""Acting quickly: a complaint's age, its time to first response, and when it
has waited too long."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models import display
from models.choices import CLOSED

# A shop's own policy: answer the same day, and do not leave a complaint open
# for weeks. (Deadline policies in settings refine this later.)
RESPOND_WITHIN = dt.timedelta(hours=24)
OPEN_TOO_LONG = dt.timedelta(days=14)


@dataclass(frozen=True)
class Pace:
    age: dt.timedelta
    first_response: dt.timedelta | None
    waiting: str | None  # why it has waited too long, or None


def pace(
    received_at: dt.datetime,
    first_response_at: dt.datetime | None,
    status: str,
    closed_at: dt.datetime | None,
    now: dt.datetime,
) -> Pace:
    end = closed_at if status == CLOSED and closed_at is not None else now
    age = max(end - received_at, dt.timedelta(0))
    response = max(first_response_at - received_at, dt.timedelta(0)) if first_response_at else None
    waiting = None
    if status != CLOSED:
        if first_response_at is None and age > RESPOND_WITHIN:
            waiting = f"No response yet, {describe(age)} after it was logged."
        elif age > OPEN_TOO_LONG:
            waiting = f"Open for {describe(age)}."
    return Pace(age, response, waiting)


def describe(delta: dt.timedelta) -> str:
    """``40 minutes``, ``1 hour``, ``3 days``, ``6 weeks``."""
    return display.duration(delta)
