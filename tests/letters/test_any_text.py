"""Whatever text a field holds, render_letter makes a valid PDF and never fails."""

from __future__ import annotations

import datetime as dt
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from letters.render import KINDS, LetterContent, Letterhead, render_letter

# Any code point that can be stored: controls, emoji, CJK, combining marks, markup.
ANY_CHAR = st.characters(codec="utf-8", exclude_categories=("Cs",))
MARKUP = st.sampled_from(
    ["<b>", "</b>", "&", "&amp;", "<font color=red>", "<br/>", "<para>", "<", ">", "\n", "\n\n"]
)
PIECE = st.one_of(st.text(ANY_CHAR, max_size=40), MARKUP, st.sampled_from(["😀", "中文", "ﷺ"]))
ANY_TEXT = st.one_of(
    st.text(ANY_CHAR, max_size=200),
    st.lists(PIECE, max_size=30).map("".join),
)
LONG_TEXT = st.one_of(
    ANY_TEXT,
    st.builds(
        lambda piece, times: piece * times, st.text(ANY_CHAR, min_size=1), st.integers(1, 400)
    ),
    st.text(ANY_CHAR, min_size=3000, max_size=6000),
)


def assert_valid_pdf(pdf: bytes) -> None:
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    pdf_reader = PdfReader(io.BytesIO(pdf), strict=True)
    assert len(pdf_reader.pages) >= 1
    for page in pdf_reader.pages:
        page.extract_text()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=LONG_TEXT,
    address=LONG_TEXT,
    body=LONG_TEXT,
    subject=ANY_TEXT,
    salutation=ANY_TEXT,
    reference=ANY_TEXT,
    kind=st.sampled_from(KINDS),
)
def test_any_recipient_text_makes_a_valid_pdf(
    name: str, address: str, body: str, subject: str, salutation: str, reference: str, kind: str
) -> None:
    content = LetterContent(
        kind=kind,
        reference=reference,
        date=dt.date(2026, 11, 22),
        recipient_name=name,
        recipient_address=address,
        salutation=salutation,
        subject=subject,
        body=body,
    )
    assert_valid_pdf(render_letter(Letterhead(business_name="Corner Cycles"), content))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    business=LONG_TEXT,
    address=ANY_TEXT,
    phone=ANY_TEXT,
    email=ANY_TEXT,
    website=ANY_TEXT,
    signatory=ANY_TEXT,
    role=ANY_TEXT,
    sign_off=ANY_TEXT,
    page_size=st.sampled_from(["A4", "Letter"]),
)
def test_any_letterhead_text_makes_a_valid_pdf(
    business: str,
    address: str,
    phone: str,
    email: str,
    website: str,
    signatory: str,
    role: str,
    sign_off: str,
    page_size: str,
) -> None:
    letterhead = Letterhead(
        business_name=business,
        address=address,
        phone=phone,
        email=email,
        website=website,
        signatory_name=signatory,
        signatory_role=role,
        sign_off=sign_off,
        page_size=page_size,
    )
    content = LetterContent(
        kind="confirmation",
        reference="C-2026-0042",
        date=dt.date(2026, 11, 22),
        recipient_name="Zoë Łukasiewicz",
        recipient_address="Kraków",
        salutation="Dear Zoë,",
        subject="What we agreed",
        body="We will replace the saddle.\n\n" * 30,
    )
    assert_valid_pdf(render_letter(letterhead, content))
