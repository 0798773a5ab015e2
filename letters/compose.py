"""From the domain's records to a rendered letter: the one place that joins
the business profile and a drafted (or edited) letter to the renderer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from letters.render import LetterContent, Letterhead, render_letter
from models.business import BusinessProfile, Person


@dataclass(frozen=True)
class LetterText:
    """What the owner has approved: the words as they will print."""

    kind: str
    reference: str
    recipient_name: str
    recipient_address: str
    salutation: str
    subject: str
    body: str
    signer: Person | None = None  # who signs; None: the profile's signatory


def letterhead(profile: BusinessProfile, signer: Person | None = None) -> Letterhead:
    """The profile's letterhead, signed by ``signer`` (by default its signatory)."""
    signer = signer or profile.signatory
    return Letterhead(
        business_name=profile.name,
        address=profile.address,
        phone=profile.phone,
        email=profile.email,
        website=profile.website,
        logo=profile.logo,
        signatory_name=signer.name,
        signatory_role=signer.role,
        sign_off=profile.sign_off,
        page_size=profile.page_size,
    )


def make_pdf(profile: BusinessProfile, text: LetterText, date: dt.date | None = None) -> bytes:
    """Render the letter to PDF bytes (safe to call from a worker thread)."""
    content = LetterContent(
        kind=text.kind,
        reference=text.reference,
        date=date or dt.date.today(),
        recipient_name=text.recipient_name,
        recipient_address=text.recipient_address,
        salutation=text.salutation,
        subject=text.subject,
        body=text.body,
    )
    return render_letter(letterhead(profile, text.signer), content)
