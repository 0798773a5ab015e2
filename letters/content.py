"""What a letter says: plain data handed to the renderer. No layout, no reportlab."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from models import display

KINDS: tuple[str, ...] = ("acknowledgement", "confirmation", "final")

KIND_TITLES: dict[str, str] = {
    "acknowledgement": "Acknowledgement of your complaint",
    "confirmation": "Confirmation of what we agreed",
    "final": "Our final response",
}

PAGE_SIZES: tuple[str, ...] = ("A4", "Letter")


@dataclass(frozen=True)
class Letterhead:
    """The shop's details printed at the top of every letter, and who signs it."""

    business_name: str
    address: str = ""  # multi-line, "\n" separated
    phone: str = ""
    email: str = ""
    website: str = ""
    logo_path: Path | None = None  # PNG/JPEG; skipped when missing or unreadable
    logo: bytes | None = None  # the picture itself (wins over logo_path); skipped when unreadable
    signatory_name: str = ""
    signatory_role: str = ""
    sign_off: str = "Yours sincerely"
    page_size: str = "A4"  # "A4" or "Letter"


@dataclass(frozen=True)
class LetterContent:
    """One letter to one customer. The body is plain text drafted elsewhere."""

    kind: str  # one of KINDS
    reference: str  # e.g. "C-2026-0042"
    date: datetime.date
    recipient_name: str
    recipient_address: str  # multi-line
    salutation: str  # e.g. "Dear Zoë Łukasiewicz,"
    subject: str
    body: str  # blank line = new paragraph; single "\n" = line break kept


def format_date(day: datetime.date) -> str:
    """The date written out, British style and independent of the locale: "22 November 2026"."""
    return display.written_date(day)
