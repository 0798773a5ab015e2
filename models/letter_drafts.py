"""Drafting a letter's words from the complaint, for the owner to edit.

The drafts are written to be safe as they stand: sympathy and thanks, no
statement of fault. What was agreed is the owner's own wording from the
Resolve stage.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models import resolution
from models.business import BusinessProfile
from models.complaints import load_complaint
from models.text import shorten

ACKNOWLEDGEMENT, CONFIRMATION, FINAL = "acknowledgement", "confirmation", "final"
LETTER_KINDS = (ACKNOWLEDGEMENT, CONFIRMATION, FINAL)
KIND_LABELS = {
    ACKNOWLEDGEMENT: "Acknowledgement",
    CONFIRMATION: "Confirmation of what was agreed",
    FINAL: "Final response",
}
# When we promise to come back, and when we check the fix worked.
REPLY_WITHIN_BUSINESS_DAYS = 3
CHECK_BACK_AFTER_DAYS = 7
AGREED_PLACEHOLDER = "[Write here, in plain words, what you agreed.]"


@dataclass(frozen=True)
class LetterDraft:
    kind: str
    reference: str
    recipient_name: str
    recipient_address: str
    salutation: str
    subject: str
    body: str


def add_business_days(start: dt.date, days: int) -> dt.date:
    """``days`` working days after ``start``, skipping Saturdays and Sundays."""
    current = start
    while days > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def working_day_from(day: dt.date) -> dt.date:
    """``day``, or the Monday after it when it falls on a weekend."""
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _long_date(day: dt.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _contact(profile: BusinessProfile) -> str:
    ways = [w for w in (profile.phone and f"on {profile.phone}",
                        profile.email and f"at {profile.email}") if w]  # fmt: skip
    return " or ".join(ways) if ways else "at the shop"


def draft_letter(
    complaint_id: int, kind: str, profile: BusinessProfile, today: dt.date | None = None
) -> LetterDraft:
    """The words of a letter of ``kind`` about the complaint, ready to edit."""
    if kind not in LETTER_KINDS:
        raise ValueError(f"unknown letter kind {kind!r}")
    today = today or dt.date.today()
    record = load_complaint(complaint_id)
    received = _long_date(record.received_at.date())
    about = f" about {shorten(record.details.product, 80)}" if record.details.product else ""
    ref = record.reference
    contact = _contact(profile)
    handler = record.details.handler or profile.signatory_name or "We"
    if kind == ACKNOWLEDGEMENT:
        reply_by = add_business_days(today, REPLY_WITHIN_BUSINESS_DAYS)
        subject = f"Your complaint, reference {ref}"
        paragraphs = [
            f"Thank you for telling us about the problem you raised on {received}{about}. "
            "I am sorry for the trouble it has caused you.",
            f"Your complaint has the reference {ref}. Please quote it if you contact us, so "
            "that whoever answers can find it straight away.",
            f"What happens next: {handler} will look into what happened and come back to you "
            f"by {_long_date(reply_by)}. If we need anything more from you, such as a receipt "
            "or photos, we will ask.",
            f"If you have any questions in the meantime, you can reach us {contact}.",
        ]
    elif kind == CONFIRMATION:
        actions = resolution.actions(complaint_id)
        last = max((a.due_on for a in actions), default=today)
        check_back = working_day_from(max(last, today) + dt.timedelta(days=CHECK_BACK_AFTER_DAYS))
        paragraphs = [
            f"Thank you for talking with us about the problem you raised on {received}{about}.",
            "This letter confirms what we agreed:\n"
            + (record.agreed_solution or AGREED_PLACEHOLDER),
        ]
        if actions:
            lines = [f"• {a.who} will {a.what} by {_long_date(a.due_on)}." for a in actions]
            paragraphs.append("Who does what, and by when:\n" + "\n".join(lines))
        paragraphs += [
            f"We will check back with you around {_long_date(check_back)} to make sure "
            "everything has been put right.",
            "If anything here is not as you understood it, or something changes, please "
            f"contact us {contact}, quoting {ref}.",
        ]
        subject = f"What we agreed about your complaint {ref}"
    else:
        outcome = record.agreed_solution or AGREED_PLACEHOLDER
        done = [a for a in resolution.actions(complaint_id) if a.done_at is not None]
        paragraphs = [
            "Thank you for giving us the chance to put things right after the problem you "
            f"raised on {received}{about}.",
            "The outcome:\n" + outcome,
        ]
        if done:
            paragraphs.append(
                "What has been done:\n" + "\n".join(f"• {a.who}: {a.what}." for a in done)
            )
        paragraphs += [
            "What you told us helps us do better for everyone who comes to us, and we are "
            "grateful you took the time.",
            f"If there is anything else we can do, please contact us {contact}, quoting {ref}.",
        ]
        subject = f"Our final response to your complaint {ref}"
    return LetterDraft(
        kind=kind,
        reference=ref,
        recipient_name=record.customer.name,
        recipient_address=record.customer.address,
        salutation=f"Dear {record.customer.name},",
        subject=subject,
        body="\n\n".join(paragraphs),
    )


def suggested_kind(stage: str, status: str, agreed_solution: str) -> str:
    """The letter a complaint most likely needs next."""
    if status == "closed":
        return FINAL
    if agreed_solution.strip() or stage in ("resolve", "follow_up", "done"):
        return CONFIRMATION
    return ACKNOWLEDGEMENT
