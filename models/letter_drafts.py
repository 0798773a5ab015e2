"""Drafting a letter's words from the complaint, for the owner to edit.

The drafts are written to be safe as they stand: sympathy and thanks, no
statement of fault. What was agreed is the owner's own wording from the
Resolve stage. Every date a letter promises is a date the app follows up:
read from the complaint's pending follow-ups (set by the deadline policy and
the shop's calendar), never worked out a second way.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from models import display, followups, resolution
from models.anonymise import refuse_if_erased
from models.business import BusinessProfile
from models.complaints import get_complaint, load_complaint
from models.text import shorten

ACKNOWLEDGEMENT, CONFIRMATION, FINAL = "acknowledgement", "confirmation", "final"
LETTER_KINDS = (ACKNOWLEDGEMENT, CONFIRMATION, FINAL)
KIND_LABELS = {
    ACKNOWLEDGEMENT: "Acknowledgement",
    CONFIRMATION: "Confirmation of what was agreed",
    FINAL: "Final response",
}
AGREED_PLACEHOLDER = "[Write here, in plain words, what you agreed.]"
# Every part of a draft left for the owner to write reads "[Write here, ...]"; one
# with a bracket deleted, or both, is still a part left to write.
_PLACEHOLDER = re.compile(
    r"\[\s*write here\b[^\]\n]*\]?|write here, in plain words\b[^\]\n]*\]?", re.IGNORECASE
)


@dataclass(frozen=True)
class LetterDraft:
    kind: str
    reference: str
    recipient_name: str
    recipient_address: str
    salutation: str
    subject: str
    body: str


_long_date = display.long_day


def _contact(profile: BusinessProfile) -> str:
    ways = [w for w in (profile.phone and f"on {profile.phone}",
                        profile.email and f"at {profile.email}") if w]  # fmt: skip
    return " or ".join(ways) if ways else "at the shop"


def placeholders_left(subject: str, body: str) -> list[str]:
    """The parts of a letter still left for the owner to write ("[Write here, ...]").

    A letter with any of them is not made: the window and the command line
    refuse it, and :func:`models.letter_records.save_letter` does too.
    """
    return [match.group(0) for match in _PLACEHOLDER.finditer(f"{subject}\n{body}")]


def unfinished(subject: str, body: str) -> str | None:
    """Why the letter cannot be made as it stands (a part left to fill in), or None."""
    left = placeholders_left(subject, body)
    if not left:
        return None
    return f"The letter still has “{left[0]}” to fill in: replace it with your own words."


def _tracked(complaint_id: int) -> dict[str, dt.date]:
    """The soonest pending follow-up of each kind: the dates the app will hold us to."""
    dates: dict[str, dt.date] = {}
    for item in followups.for_complaint(complaint_id):
        if item.status == followups.PENDING:
            dates[item.kind] = min(item.due_on, dates.get(item.kind, item.due_on))
    return dates


def _what_happens_next(complaint_id: int, handler: str) -> str:
    due = _tracked(complaint_id)
    text = f"What happens next: {handler} will look into what happened"
    if followups.PROGRESS in due:
        text += f", tell you how it is going by {_long_date(due[followups.PROGRESS])}"
    if followups.RESPOND in due:
        text += f" and come back to you by {_long_date(due[followups.RESPOND])}."
    else:
        text += " and come back to you."
    if followups.SUMMARY in due:
        text += (
            f" If it is resolved by {_long_date(due[followups.SUMMARY])}, we will write to "
            "confirm how."
        )
    if followups.FINAL_RESPONSE in due:
        text += (
            " You will have our final response by "
            f"{_long_date(due[followups.FINAL_RESPONSE])} at the latest."
        )
    return text + " If we need anything more from you, such as a receipt or photos, we will ask."


def _acknowledgement(complaint_id: int, ref: str, opening: str, handler: str) -> list[str]:
    return [
        f"Thank you for telling us about {opening}. I am sorry for the trouble it has caused you.",
        f"Your complaint has the reference {ref}. Please quote it if you contact us, so "
        "that whoever answers can find it straight away.",
        _what_happens_next(complaint_id, handler),
    ]


def _confirmation(complaint_id: int, opening: str, agreed: str) -> list[str]:
    paragraphs = [
        f"Thank you for talking with us about {opening}.",
        "This letter confirms what we agreed:\n" + (agreed or AGREED_PLACEHOLDER),
    ]
    items = followups.for_complaint(complaint_id)
    actions = sorted(
        (i for i in items if i.kind == followups.ACTION and i.status != followups.CANCELLED),
        key=lambda i: (i.due_on, i.id),
    )
    if actions:
        lines = [f"• {a.what} by {_long_date(a.due_on)}." for a in actions]
        paragraphs.append("Who does what, and by when:\n" + "\n".join(lines))
    check_back = _tracked(complaint_id).get(followups.SATISFACTION)
    if check_back is not None:
        paragraphs.append(
            f"We will check back with you on {_long_date(check_back)} to make sure "
            "everything has been put right."
        )
    return paragraphs


def _final(complaint_id: int, opening: str, agreed: str) -> list[str]:
    done = [a for a in resolution.actions(complaint_id) if a.done_at is not None]
    paragraphs = [
        f"Thank you for giving us the chance to put things right after {opening}.",
        "The outcome:\n" + (agreed or AGREED_PLACEHOLDER),
    ]
    if done:
        paragraphs.append(
            "What has been done:\n" + "\n".join(f"• {a.who}: {a.what}." for a in done)
        )
    paragraphs.append(
        "What you told us helps us do better for everyone who comes to us, and we are "
        "grateful you took the time."
    )
    return paragraphs


def draft_letter(complaint_id: int, kind: str, profile: BusinessProfile) -> LetterDraft:
    """The words of a letter of ``kind`` about the complaint, ready to edit."""
    if kind not in LETTER_KINDS:
        raise ValueError(f"unknown letter kind {kind!r}")
    refuse_if_erased(get_complaint(complaint_id), "letter")
    record = load_complaint(complaint_id)
    about = f" about {shorten(record.details.product, 80)}" if record.details.product else ""
    opening = f"the problem you raised on {_long_date(record.received_at.date())}{about}"
    ref = record.reference
    contact = _contact(profile)
    if kind == ACKNOWLEDGEMENT:
        handler = record.details.handler or profile.signatory_name or "We"
        paragraphs = _acknowledgement(complaint_id, ref, opening, handler)
        paragraphs.append(f"If you have any questions in the meantime, you can reach us {contact}.")
        subject = f"Your complaint, reference {ref}"
    elif kind == CONFIRMATION:
        paragraphs = _confirmation(complaint_id, opening, record.agreed_solution)
        paragraphs.append(
            "If anything here is not as you understood it, or something changes, please "
            f"contact us {contact}, quoting {ref}."
        )
        subject = f"What we agreed about your complaint {ref}"
    else:
        paragraphs = _final(complaint_id, opening, record.agreed_solution)
        paragraphs.append(
            f"If there is anything else we can do, please contact us {contact}, quoting {ref}."
        )
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
