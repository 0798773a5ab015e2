"""Fixtures and PDF readers for the letter tests."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from dataclasses import replace

import pytest
from pypdf import PdfReader

from letters.render import LetterContent, Letterhead, render_letter

LETTERHEAD = Letterhead(
    business_name="Corner Cycles",
    address="12 Market Street\nOxford\nOX1 4AA",
    phone="01865 123456",
    email="hello@cornercycles.example",
    website="cornercycles.example",
    signatory_name="Siobhán O'Neill",
    signatory_role="Owner",
)

CONTENT = LetterContent(
    kind="acknowledgement",
    reference="C-2026-0042",
    date=dt.date(2026, 11, 22),
    recipient_name="Zoë Łukasiewicz",
    recipient_address="Flat 3\n45 Long Road\nKraków 30-001",
    salutation="Dear Zoë Łukasiewicz,",
    subject="Your complaint C-2026-0042: we have received it",
    body=(
        "Thank you for telling us about the wobbly saddle.\n\n"
        "We will inspect the bicycle within five working days\n"
        "and call you with what we find."
    ),
)


def render(**changes: object) -> bytes:
    """A letter with some letterhead (``lh_*``) or content fields changed."""
    head = {key[3:]: value for key, value in changes.items() if key.startswith("lh_")}
    body = {key: value for key, value in changes.items() if not key.startswith("lh_")}
    return render_letter(replace(LETTERHEAD, **head), replace(CONTENT, **body))


def reader(pdf: bytes) -> PdfReader:
    assert pdf.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(pdf))


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text as pypdf extracts it."""
    return [page.extract_text() for page in reader(pdf).pages]


def pdftotext(pdf: bytes, page: int | None = None, *, layout: bool = False) -> str:
    """The text as poppler's pdftotext extracts it (skips the test without poppler);
    ``layout``: each line of the page as it is laid out, so text printed over other
    text shows as lost or mixed words."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pages = ["-f", str(page), "-l", str(page)] if page else []
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *pages, *(["-layout"] if layout else []), "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    )
    return result.stdout.decode("utf-8")


def words(text: str) -> str:
    """Whitespace collapsed, so line wrapping does not matter."""
    return " ".join(text.split())
