"""Acting quickly: a complaint's age, its time to first response, and when it
has waited too long.

The shop's clock on a complaint starts when the app became responsible for it:
when it was received, or, for one brought in from the shop's own log, when it
was imported (its follow-ups are set from then too, see
:func:`models.deadline_policy.deadlines`). An old open complaint imported today has
not waited too long in the app, however old it is."""

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
    # For an imported complaint: "Imported on Fri 4 Dec; how long it has waited is …"
    imported: str = ""


def clock_start(received_at: dt.datetime, imported_at: dt.datetime | None) -> dt.datetime:
    """When the shop's clock on a complaint started: when it was received, or when
    it was imported, for a complaint brought in from the shop's own log."""
    return max(received_at, imported_at) if imported_at is not None else received_at


def response_start(
    received_at: dt.datetime, imported_at: dt.datetime | None, first_response_at: dt.datetime
) -> dt.datetime:
    """What a first response is counted from: the import, for one given in the app
    to a complaint brought in from the shop's own log, else when it was received."""
    start = clock_start(received_at, imported_at)
    return start if first_response_at >= start else received_at


def pace(
    received_at: dt.datetime,
    first_response_at: dt.datetime | None,
    status: str,
    closed_at: dt.datetime | None,
    now: dt.datetime,
    *,
    imported_at: dt.datetime | None = None,
    received_date_only: bool = False,
) -> Pace:
    """How quickly a complaint is being dealt with. Its age counts from when it was
    received; its first response and whether it has waited too long, from
    :func:`clock_start`. When only the day received is known
    (``received_date_only``), time from it is counted in whole days, never from a
    made-up midnight."""
    end = closed_at if status == CLOSED and closed_at is not None else now
    age = max(end - received_at, dt.timedelta(0))
    start = clock_start(received_at, imported_at)
    response = None
    if first_response_at is not None:
        response_from = response_start(received_at, imported_at, first_response_at)
        response = max(first_response_at - response_from, dt.timedelta(0))
    waited = max(end - start, dt.timedelta(0))
    if received_date_only:
        age = dt.timedelta(days=max(0, (end.date() - received_at.date()).days))
        if start == received_at:
            waited = age
    since = "it was received"  # the clock starts when the customer complained
    imported = ""
    if imported_at is not None:
        day = display.day(imported_at.date(), now.date())
        since = f"it was imported on {day}"
        imported = f"Imported on {day}."
        if status != CLOSED:
            imported = f"Imported on {day}; how long it has waited is counted from then."
    waiting = None
    if status != CLOSED:
        if first_response_at is None and waited > RESPOND_WITHIN:
            waiting = f"No response yet, {describe(waited)} after {since}."
            if imported_at is not None:
                # What the old log says was done before is not known to the day:
                # only that nothing has been recorded since.
                waiting = f"No response recorded since {since}, {describe(waited)} ago."
        elif waited > OPEN_TOO_LONG:
            waiting = f"Open for {describe(age)}."
            if imported_at is not None:
                waiting = f"Open for {describe(waited)} since {since}."
    return Pace(age, response, waiting, imported)


def describe(delta: dt.timedelta) -> str:
    """``40 minutes``, ``1 hour``, ``3 days``, ``6 weeks``."""
    return display.duration(delta)
