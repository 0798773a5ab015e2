"""Letters to customers as PDF, laid out with reportlab's platypus.

Modelled on pretix's invoice renderer: one renderer class holds the page geometry
as class attributes and builds the letter in small steps (``_stylesheet()``,
``_story()``, ``_on_first_page()``, ``_on_later_pages()``); ``render()`` returns
the PDF bytes.

Page 1 carries the letterhead, the recipient's address (placed for a window
envelope), the date and reference, drawn at fixed positions; the story (subject,
salutation, body, sign-off) flows from below the address onto as many pages as
it needs. Pages 2+ carry a small header with the business name, the reference and
"page X of Y"; page 1 says "page 1 of Y" in its footer when there is more than one
page. The total is known because the canvas holds every page back until the end.

All user text goes through :mod:`letters.text` and :mod:`letters.typesetting` (fonts
for every script, shaping, right-to-left order) before reportlab sees it.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from PIL import Image as PILImage
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepInFrame,
    KeepTogether,
    PageTemplate,
    Spacer,
)

from letters import typefaces
from letters.content import (
    KIND_TITLES,
    KINDS,
    PAGE_SIZES,
    LetterContent,
    Letterhead,
    format_date,
)
from letters.text import blocks, clean, lines
from letters.typesetting import draw_string, fit_width, paragraph, string_width
from models.business import MAX_LOGO_PIXELS

__all__ = [
    "KINDS",
    "KIND_TITLES",
    "PAGE_SIZES",
    "LetterContent",
    "LetterRenderer",
    "Letterhead",
    "format_date",
    "render_letter",
]

log = logging.getLogger(__name__)

CREATOR = "Complaint Desk"

MM: float = 72 / 25.4  # one millimetre in points

_PAGE_SIZES: dict[str, tuple[float, float]] = {"a4": A4, "letter": LETTER}

# The top of the address field, from the top edge of the sheet. A4: DIN 5008 form B
# (window envelopes DL/C5/C4, also fine for UK DL windows). US Letter: a #10 window
# envelope, whose window starts about 54 mm below the top of the folded sheet.
_ADDRESS_TOP: dict[str, float] = {"a4": 45 * MM, "letter": 49 * MM}

Furniture = Callable[[Canvas, int, int], None]


class PagedCanvas(Canvas):  # type: ignore[misc,unused-ignore]  # reportlab is untyped
    """A canvas that holds every page back until ``save()`` so each one can say "of N".

    ``furniture(canvas, page_number, page_count)`` draws what needs the total.
    """

    def __init__(self, *args: Any, furniture: Furniture, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._held_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # reportlab's method name
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        count = len(self._held_pages)
        for number, state in enumerate(self._held_pages, start=1):
            self.__dict__.update(state)
            self.saveState()
            self._furniture(self, number, count)
            self.restoreState()
            Canvas.showPage(self)
        super().save()


def _load_logo(path: Path | None, data: bytes | None = None) -> ImageReader | None:
    """The logo (``data``, else the file at ``path``), decoded in full now so a corrupt
    picture is caught here; None if unusable."""
    source = io.BytesIO(data) if data is not None else path
    if source is None:
        return None
    try:
        with PILImage.open(source) as opened:
            if opened.width * opened.height > MAX_LOGO_PIXELS:  # stored before it was refused
                raise ValueError(f"{opened.width} × {opened.height} pixels is too many to draw")
            opened.load()
            image = opened.convert("RGBA" if _has_alpha(opened) else "RGB")
        image.thumbnail((1000, 1000))  # plenty for ~45 mm at 300 dpi; keeps the PDF small
        return ImageReader(image)
    except Exception as error:  # any unreadable image: the letter goes out without it
        log.warning("letter logo %s skipped: %s", path or "kept in the log", error)
        return None


def _has_alpha(image: PILImage.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


class LetterRenderer:
    """Lays out one letter. Geometry in points, measured from the sheet's edges."""

    margin_left = 25 * MM
    margin_right = 20 * MM
    margin_bottom = 22 * MM

    # Page 1: letterhead, rule, address field (window envelope), date and reference.
    letterhead_top = 14 * MM
    letterhead_height = 24 * MM
    rule_top = 40 * MM
    logo_max_width = 45 * MM
    logo_max_height = 22 * MM
    logo_gap = 6 * MM
    contact_width = 62 * MM
    address_width = 85 * MM
    return_line_height = 5 * MM
    address_height = 40 * MM  # below the return line
    info_width = 62 * MM
    story_gap = 8 * MM  # between the address field and the subject
    footer_baseline = 12 * MM
    max_shrink = 1.35  # text in a fixed box may shrink to 1/1.35 (74 %) of its size, no more

    # Pages 2+: a one-line header and its rule.
    header_baseline = 13 * MM
    header_rule = 15.5 * MM
    later_top = 24 * MM

    font_size = 10.5
    leading = 15.0
    small_size = 8.5
    small_leading = 11.0
    signature_space = 16 * MM

    ink = colors.HexColor("#1a1a1a")
    grey = colors.HexColor("#5f6368")
    label_grey = colors.HexColor("#8a8f96")
    rule_colour = colors.HexColor("#b8bcc2")

    def __init__(self, letterhead: Letterhead, content: LetterContent) -> None:
        if content.kind not in KINDS:
            raise ValueError(f"unknown letter kind {content.kind!r}; expected one of {KINDS}")
        size_key = str(letterhead.page_size).strip().lower()
        if size_key not in _PAGE_SIZES:
            raise ValueError(
                f"unknown page size {letterhead.page_size!r}; expected one of {PAGE_SIZES}"
            )
        self.letterhead = letterhead
        self.content = content
        self.pagesize = _PAGE_SIZES[size_key]
        self.address_top = _ADDRESS_TOP[size_key]
        self.font = typefaces.register_fonts()
        self.bold = typefaces.BOLD
        self.styles = self._stylesheet()
        self.business_name = clean(letterhead.business_name, multiline=False)
        self.reference = clean(content.reference, multiline=False)
        self.logo = _load_logo(letterhead.logo_path, letterhead.logo)

    # -- geometry helpers -------------------------------------------------------

    @property
    def page_width(self) -> float:
        return float(self.pagesize[0])

    @property
    def page_height(self) -> float:
        return float(self.pagesize[1])

    @property
    def content_width(self) -> float:
        return self.page_width - self.margin_left - self.margin_right

    def _y(self, from_top: float) -> float:
        """A distance from the top edge as reportlab's y (from the bottom edge)."""
        return self.page_height - from_top

    @property
    def first_story_top(self) -> float:
        return self.address_top + self.return_line_height + self.address_height + self.story_gap

    # -- building blocks ----------------------------------------------------------

    def _stylesheet(self) -> dict[str, ParagraphStyle]:
        base = ParagraphStyle(
            "Body",
            fontName=self.font,
            fontSize=self.font_size,
            leading=self.leading,
            textColor=self.ink,
            alignment=TA_LEFT,
        )
        small = ParagraphStyle(
            "Small",
            parent=base,
            fontSize=self.small_size,
            leading=self.small_leading,
            textColor=self.grey,
        )
        return {
            "Body": ParagraphStyle(
                "BodyText", parent=base, spaceAfter=0.55 * self.leading, allowWidows=0
            ),
            "Salutation": ParagraphStyle("Salutation", parent=base, spaceAfter=0.55 * self.leading),
            "Subject": ParagraphStyle(
                "Subject", parent=base, fontName=self.bold, fontSize=11.5, leading=15, spaceAfter=10
            ),
            "Kind": ParagraphStyle("Kind", parent=small, spaceAfter=2),
            "BusinessName": ParagraphStyle(
                "BusinessName", parent=base, fontName=self.bold, fontSize=15, leading=19
            ),
            "Small": small,
            "SmallRight": ParagraphStyle("SmallRight", parent=small, alignment=TA_RIGHT),
            "ReturnLine": ParagraphStyle("ReturnLine", parent=small, fontSize=6.5, leading=8),
            "Address": ParagraphStyle("Address", parent=base, leading=13.5),
            "Info": ParagraphStyle("Info", parent=base, alignment=TA_RIGHT, leading=13.5),
            "SignOff": ParagraphStyle("SignOff", parent=base),
            "Signatory": ParagraphStyle("Signatory", parent=base, fontName=self.bold),
            "Role": ParagraphStyle("Role", parent=base, textColor=self.grey),
        }

    def _para(self, text: str, style: str) -> Flowable:
        """A paragraph of user text in any script, newlines kept as line breaks."""
        return paragraph(text, self.styles[style])

    def _story(self) -> list[Flowable]:
        content, letterhead = self.content, self.letterhead
        story: list[Flowable] = [self._para(KIND_TITLES[content.kind], "Kind")]
        if clean(content.subject):
            story.append(self._para(content.subject, "Subject"))
        else:
            story.append(Spacer(1, 6))
        if clean(content.salutation):
            story.append(self._para(content.salutation, "Salutation"))
        story.extend(self._para(block, "Body") for block in blocks(content.body))
        closing: list[Flowable] = []
        if clean(letterhead.sign_off):
            closing.append(self._para(letterhead.sign_off, "SignOff"))
        name, role = clean(letterhead.signatory_name), clean(letterhead.signatory_role)
        if name or role:
            closing.append(Spacer(1, self.signature_space))
            if name:
                closing.append(self._para(name, "Signatory"))
            if role:
                closing.append(self._para(role, "Role"))
        if closing:
            story.append(Spacer(1, 0.3 * self.leading))
            story.append(KeepTogether(closing))
        return story

    def _letterhead_blocks(self) -> tuple[list[str], list[tuple[str, colors.Color | None]]]:
        """The letterhead's text: the address lines, and the contact details as pieces
        of text with the labels in grey.

        Only fields that have text appear; no label without its value.
        """
        letterhead = self.letterhead
        address = lines(letterhead.address)
        contacts: list[tuple[str, colors.Color | None]] = []
        for label, value in (
            ("Phone", letterhead.phone),
            ("Email", letterhead.email),
            ("Web", letterhead.website),
        ):
            text = clean(value, multiline=False)
            if text:
                if contacts:
                    contacts.append(("\n", None))
                contacts += [(label, self.label_grey), (f"\u2002{text}", None)]
        return address, contacts

    def _recipient_lines(self) -> list[str]:
        content = self.content
        name = clean(content.recipient_name, multiline=False)
        return ([name] if name else []) + lines(content.recipient_address)

    def _return_line(self) -> str:
        """The sender's address in one small line above the recipient (for the envelope).

        When it is too long for the line, the business name goes first, then the
        address's middle lines, then its first line: the last (town and postcode)
        stays whole, and only what still does not fit is cut."""
        address = lines(self.letterhead.address)
        if not address:
            return ""
        style = self.styles["ReturnLine"]
        tries = [[self.business_name, *address]] if self.business_name else []
        tries += [address, [address[0], address[-1]], [address[-1]]]
        for parts in tries:
            line = " · ".join(parts)
            if string_width(line, style.fontName, style.fontSize) <= self.address_width:
                return line
        return address[-1]  # cut by the caller: the town and postcode first

    def _draw_box(
        self, canvas: Canvas, flowables: Sequence[Flowable], x: float, top: float, width: float,
        height: float,
    ) -> None:  # fmt: skip
        """Draw flowables in a fixed box below ``top`` (from the top edge).

        Text that overflows a little is shrunk to fit; text far too long for the box is
        cut after the last whole line that fits rather than running into the letter.
        """
        if not flowables:
            return
        box = KeepInFrame(width, height, list(flowables), mode="shrink")
        _, drawn = box.wrapOn(canvas, width, height)
        if drawn <= height + 0.5 and getattr(box, "_scale", 1.0) <= self.max_shrink:
            box.drawOn(canvas, x, self._y(top) - drawn)
            return
        frame = Frame(
            x, self._y(top) - height, width, height,
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
        )  # fmt: skip
        for flowable in flowables:
            if not frame.add(flowable, canvas, trySplit=0):
                parts = frame.split(flowable, canvas)
                if parts:
                    frame.add(parts[0], canvas, trySplit=0)
                break

    def _draw_letterhead(self, canvas: Canvas) -> None:
        x = self.margin_left
        text_width = self.content_width - self.contact_width - 4 * MM
        if self.logo is not None:
            pixel_width, pixel_height = self.logo.getSize()
            scale = min(self.logo_max_width / pixel_width, self.logo_max_height / pixel_height)
            width, height = pixel_width * scale, pixel_height * scale
            canvas.drawImage(
                self.logo, x, self._y(self.letterhead_top) - height, width, height, mask="auto"
            )
            x += width + self.logo_gap
            text_width -= width + self.logo_gap
        address, contacts = self._letterhead_blocks()
        left: list[Flowable] = []
        if self.business_name:
            left.append(self._para(self.business_name, "BusinessName"))
            if address:
                left.append(Spacer(1, 3))
        if address:
            left.append(self._para("\n".join(address), "Small"))
        self._draw_box(canvas, left, x, self.letterhead_top, text_width, self.letterhead_height)
        if contacts:
            # Line the contact details up with the bottom of the name and address block.
            right = [paragraph(contacts, self.styles["SmallRight"])]
            self._draw_box(
                canvas,
                right,
                self.page_width - self.margin_right - self.contact_width,
                self.letterhead_top + 2,
                self.contact_width,
                self.letterhead_height - 2,
            )
        canvas.setStrokeColor(self.rule_colour)
        canvas.setLineWidth(0.6)
        y = self._y(self.rule_top)
        canvas.line(self.margin_left, y, self.page_width - self.margin_right, y)

    def _draw_address(self, canvas: Canvas) -> None:
        return_line = self._return_line()
        if return_line:
            style = self.styles["ReturnLine"]
            canvas.setFillColor(style.textColor)
            draw_string(
                canvas,
                self.margin_left,
                self._y(self.address_top + self.return_line_height) + 4,
                fit_width(return_line, style.fontName, style.fontSize, self.address_width),
                style.fontName,
                style.fontSize,
            )
        recipient = self._recipient_lines()
        if recipient:
            self._draw_box(
                canvas,
                [self._para("\n".join(recipient), "Address")],
                self.margin_left,
                self.address_top + self.return_line_height,
                self.address_width,
                self.address_height,
            )
        info = [format_date(self.content.date)]
        if self.reference:
            info.append(f"Reference: {self.reference}")
        self._draw_box(
            canvas,
            [self._para("\n".join(info), "Info")],
            self.page_width - self.margin_right - self.info_width,
            self.address_top + self.return_line_height,
            self.info_width,
            self.address_height,
        )

    # -- page callbacks -----------------------------------------------------------

    def _on_first_page(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        self._draw_letterhead(canvas)
        self._draw_address(canvas)
        canvas.restoreState()

    def _page_label(self, number: int, count: int) -> str:
        page = f"page {number} of {count}"
        if not self.reference:
            return page
        frame = f"Reference  · {page}"
        room = 0.6 * self.content_width - string_width(frame, self.font, self.small_size)
        reference = fit_width(self.reference, self.font, self.small_size, room)
        return f"Reference {reference} · {page}"

    def _on_later_pages(self, canvas: Canvas, number: int, count: int) -> None:
        """The header of a continuation page (drawn once the page count is known)."""
        y = self._y(self.header_baseline)
        right_edge = self.page_width - self.margin_right
        label = self._page_label(number, count)
        canvas.setFillColor(self.grey)
        draw_string(canvas, right_edge, y, label, self.font, self.small_size, anchor="end")
        room = self.content_width - string_width(label, self.font, self.small_size) - 8 * MM
        if self.business_name and room > 0:
            canvas.setFillColor(self.ink)
            name = fit_width(self.business_name, self.bold, self.small_size, room)
            draw_string(canvas, self.margin_left, y, name, self.bold, self.small_size)
        canvas.setStrokeColor(self.rule_colour)
        canvas.setLineWidth(0.6)
        rule = self._y(self.header_rule)
        canvas.line(self.margin_left, rule, right_edge, rule)

    def _draw_page_furniture(self, canvas: Canvas, number: int, count: int) -> None:
        if number > 1:
            self._on_later_pages(canvas, number, count)
        elif count > 1:
            canvas.setFont(self.font, self.small_size)
            canvas.setFillColor(self.grey)
            canvas.drawRightString(
                self.page_width - self.margin_right,
                self.footer_baseline,
                f"page 1 of {count}",
            )

    # -- the document -------------------------------------------------------------

    def _metadata(self) -> dict[str, str]:
        title = KIND_TITLES[self.content.kind]
        return {
            "title": f"{title} {self.reference}".strip(),
            "author": self.business_name,
            "subject": self.reference,
            "creator": CREATOR,
        }

    def _doc_template(self, output: io.BytesIO) -> BaseDocTemplate:
        width = self.content_width
        bottom = self.margin_bottom
        first = Frame(
            self.margin_left, bottom, width, self._y(self.first_story_top) - bottom,
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="first",
        )  # fmt: skip
        later = Frame(
            self.margin_left, bottom, width, self._y(self.later_top) - bottom,
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="later",
        )  # fmt: skip
        doc = BaseDocTemplate(
            output,
            pagesize=self.pagesize,
            leftMargin=self.margin_left,
            rightMargin=self.margin_right,
            topMargin=self.later_top,
            bottomMargin=bottom,
            initialFontName=self.font,
            **self._metadata(),
        )
        doc.addPageTemplates(
            [
                PageTemplate(
                    id="first",
                    frames=[first],
                    onPage=self._on_first_page,
                    autoNextPageTemplate="later",
                ),
                PageTemplate(id="later", frames=[later]),
            ]
        )
        return doc

    def render(self) -> bytes:
        output = io.BytesIO()
        doc = self._doc_template(output)
        doc.build(
            self._story(), canvasmaker=partial(PagedCanvas, furniture=self._draw_page_furniture)
        )
        return output.getvalue()


def render_letter(letterhead: Letterhead, content: LetterContent) -> bytes:
    """The letter as PDF bytes.

    Raises ValueError for an unknown ``content.kind`` or ``letterhead.page_size``; any
    text in any field is printed (or, if no font can, dropped) without failing.
    """
    return LetterRenderer(letterhead, content).render()
