"""The page the printed reports share (the insights report, a customer's
record): A4, one frame inside the margins, a footer line with the report's
name on the left and the page on the right."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from letters.text import clean
from letters.typesetting import draw_string, fit_width, string_width

MM: float = 72 / 25.4
FOOTER_SIZE = 7.5


def build_a4(
    story: list[Flowable],
    *,
    margin: float,
    margin_bottom: float,
    font: str,
    metadata: dict[str, str],
    on_page: Callable[[Canvas, BaseDocTemplate], None] | None = None,
    canvasmaker: Any = Canvas,
) -> bytes:
    """Lay ``story`` out on A4 pages and return the PDF's bytes."""
    output = io.BytesIO()
    frame = Frame(
        margin, margin_bottom, A4[0] - 2 * margin, A4[1] - margin - margin_bottom,
        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="page",
    )  # fmt: skip
    doc = BaseDocTemplate(
        output,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin_bottom,
        initialFontName=font,
        **metadata,
    )
    template = PageTemplate(id="page", frames=[frame], **({"onPage": on_page} if on_page else {}))
    doc.addPageTemplates([template])
    doc.build(story, canvasmaker=canvasmaker)
    return output.getvalue()


def footer_line(
    canvas: Canvas,
    *,
    font: str,
    colour: Color,
    margin: float,
    margin_bottom: float,
    left: str,
    right: str,
) -> None:
    """``right`` (the page) at the right margin; ``left`` (cleaned to one line,
    cut with an ellipsis) in the room left of it."""
    canvas.saveState()
    canvas.setFillColor(colour)
    y = margin_bottom / 2
    draw_string(canvas, A4[0] - margin, y, right, font, FOOTER_SIZE, anchor="end")
    room = A4[0] - 2 * margin - string_width(right, font, FOOTER_SIZE) - 8 * MM
    left = fit_width(clean(left, multiline=False), font, FOOTER_SIZE, room)
    draw_string(canvas, margin, y, left, font, FOOTER_SIZE)
    canvas.restoreState()
