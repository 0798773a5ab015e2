"""The customer record: everything the shop holds about one customer, as a PDF.

A4, in the letters' typefaces (any script prints; see :mod:`letters.typesetting`),
built with reportlab's platypus from a :class:`models.customer_data.CustomerData`.
The title names the customer; then
come the business, when the record was made and the customer's details, then
one section per complaint: what happened, the finding and the resolution, the
agreed actions, the steps done, the follow-ups, the timeline as a compact
table, and the letters and attachments listed; last, where other customers'
complaints mention them. Every footer says "Page N of M".

User text becomes paragraphs through :func:`letters.typesetting.paragraph`
(cleaned, and escaped where it becomes a Paragraph). Text of any length is
laid out in pieces of at most :data:`PIECE` characters and :data:`PIECE_LINES`
lines: a long note flows on across pages, a table row is never taller than a
page, and a 100,000-character note takes well under a second. The title, the
footer and the table columns other than the last (dates, names, kinds) are cut
to :data:`SHORT` characters or to fit; the JSON export made alongside holds
every field whole.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    Spacer,
    Table,
    TableStyle,
)

from letters import typefaces
from letters.content import format_date
from letters.render import PagedCanvas
from letters.report_page import build_a4, footer_line
from letters.text import clean
from letters.typesetting import paragraph
from models import currency, display
from models.text import file_size

if TYPE_CHECKING:
    from models.customer_data import ComplaintData, CustomerData

__all__ = [
    "CREATOR",
    "PIECE",
    "PIECE_LINES",
    "SHORT",
    "pieces",
    "render_customer_record",
    "title_of",
]

CREATOR = "Complaint Desk"
MM: float = 72 / 25.4
# The most characters and lines laid out as one paragraph (well under a page,
# even in a table row), and the most characters kept in a narrow column.
PIECE = 800
PIECE_LINES = 30
SHORT = 300
REDACTED = "(text removed when the customer was anonymised)"


def _cut(line: str, size: int) -> list[str]:
    """One line cut into parts of at most ``size`` characters: at a space in the
    second half of a part if there is one, else anywhere."""
    parts: list[str] = []
    while len(line) > size:
        cut = line.rfind(" ", size // 2, size + 1)
        cut = cut if cut > 0 else size
        parts.append(line[:cut])
        line = line[cut:].lstrip(" ")
    return [*parts, line]


def pieces(text: str, size: int = PIECE, most_lines: int = PIECE_LINES) -> list[str]:
    """``text`` cleaned and cut, at line breaks where it can, into pieces of at most
    ``size`` characters and ``most_lines`` lines as it prints (characters no face
    has counted as what replaces them), so that each fits well within a page.
    Nothing but the spaces at a cut is lost."""
    out: list[str] = []
    lines: list[str] = []
    length = 0
    for line in (
        part for whole in typefaces.printable(clean(text)).split("\n") for part in _cut(whole, size)
    ):
        if lines and (length + len(line) > size or len(lines) >= most_lines):
            out.append("\n".join(lines))
            lines, length = [], 0
        lines.append(line)
        length += len(line) + 1
    out.append("\n".join(lines))
    return [piece for piece in out if piece.strip()]


def _short(text: str) -> str:
    """``text`` on one line, cut with an ellipsis after :data:`SHORT` characters."""
    text = typefaces.printable(clean(text, multiline=False))
    return text if len(text) <= SHORT else text[: SHORT - 1].rstrip() + "…"


def title_of(data: CustomerData) -> str:
    """ "Information we hold about Zoë Martin" (the name cleaned to one line)."""
    name = _short(data.customer.name)
    return f"Information we hold about {name or f'customer {data.customer.id}'}"


def _when(moment: dt.datetime | None) -> str:
    return display.moment_with_year(moment)


def _on(c: ComplaintData, moment: dt.datetime) -> str:
    """When a timeline entry was made: the day alone where only the day is known
    (an imported row's day received, closed or noted), never a made-up 00:00."""
    return display.received(moment, display.day_only(c.received_date_only, moment), style="record")


def _closed(c: ComplaintData) -> str:
    if c.closed_at is None:
        return ""
    if c.closed_date_unknown:
        return "On a day not known (the shop's old log gave none)"
    day_only = display.closed_date_only(c.received_date_only, c.closed_at)
    return display.received(c.closed_at, day_only, style="record")


def _day(day: dt.date | None) -> str:
    return display.day_with_year(day) if day else ""


Rows = list[list[str]]


def _action_rows(c: ComplaintData) -> Rows:
    return [[_day(a.due_on), a.who, _when(a.done_at) or "Not yet", a.what] for a in c.actions]


def _step_rows(c: ComplaintData) -> Rows:
    return [
        [
            _on(c, t.ticked_at),
            t.ticked_by,
            t.stage,
            t.step + (f"\nNote: {t.note}" if t.note else ""),
        ]
        for t in c.checklist
    ]


def _follow_up_rows(c: ComplaintData) -> Rows:
    return [
        [
            _day(f.due_on),
            f.owner,
            display.labelled(f.status, f.outcome),
            display.labelled(f.kind, f.what) + (f"\n{f.note}" if f.note else ""),
        ]
        for f in c.follow_ups
    ]


def _timeline_rows(c: ComplaintData) -> Rows:
    return [
        [_on(c, e.at), e.author, e.kind, REDACTED if e.redacted and not e.text else e.text]
        for e in c.timeline
    ]


def _letter_rows(c: ComplaintData) -> Rows:
    rows = []
    for letter in c.letters:
        text = f"{letter.subject}\nFile: {letter.file_name}\nSHA-256: {letter.sha256}"
        if letter.override_reason:
            text += f"\nMade despite the wording check: {letter.override_reason}"
        rows.append([_when(letter.made_at), letter.made_by, letter.kind, text])
    return rows


def _attachment_rows(c: ComplaintData) -> Rows:
    return [
        [
            _when(a.added_at),
            a.added_by,
            file_size(a.size),
            f"{a.original_name}\nSHA-256: {a.sha256}",
        ]
        for a in c.attachments
    ]


class CustomerRecord:
    """Lays out one record. Geometry in points."""

    margin = 18 * MM
    margin_bottom = 20 * MM
    label_width = 40 * MM
    ink = colors.HexColor("#1a1a1a")
    grey = colors.HexColor("#5f6368")
    rule = colors.HexColor("#c8ccd1")
    band = colors.HexColor("#f1f3f4")
    padding = 3.0
    keep_with_heading = 30 * MM  # the room a heading needs below it on its page

    def __init__(self, data: CustomerData) -> None:
        self.data = data
        self.font = typefaces.register_fonts()
        self.regular = typefaces.REGULAR
        self.bold = typefaces.BOLD
        self.width = A4[0] - 2 * self.margin
        self.title = title_of(data)
        self.business = _short(data.business)
        self.styles = self._stylesheet()

    # -- styles and paragraphs ------------------------------------------------------

    def _stylesheet(self) -> dict[str, ParagraphStyle]:
        base = ParagraphStyle("Base", fontName=self.font, fontSize=9, leading=12.5)
        base.textColor = self.ink

        def style(name: str, **changes: Any) -> ParagraphStyle:
            return ParagraphStyle(name, parent=base, **changes)

        return {
            "Title": style("Title", fontName=self.bold, fontSize=19, leading=23, spaceAfter=4),
            "Business": style("Business", fontName=self.bold, fontSize=12.5, leading=16),
            "Made": style("Made", textColor=self.grey, spaceAfter=6),
            "Body": base,
            "Heading": style(
                "Heading", fontName=self.bold, fontSize=13, leading=16, spaceBefore=4,
                spaceAfter=4,
            ),
            "Part": style(
                "Part", fontName=self.bold, fontSize=10, leading=13, spaceBefore=8,
                spaceAfter=3,
            ),
            "Note": style("Note", fontSize=8.5, leading=11.5, textColor=self.grey),
            "Cell": style("Cell", fontSize=7.5, leading=9.5),
            "Label": style("Label", fontName=self.bold, fontSize=7.5, leading=9.5),
        }  # fmt: skip

    def _part(self, heading: str) -> list[Flowable]:
        """A heading within a complaint, on a new page if too little room is left
        for a few lines under it (the table that follows may split)."""
        return [CondPageBreak(self.keep_with_heading), self._para(heading, "Part")]

    def _para(self, text: str, style: str) -> Flowable:
        """Any text as a paragraph, in whatever script it is written."""
        return paragraph(text, self.styles[style])

    def _continued(self, parts: Sequence[str], indent: float) -> list[Flowable]:
        """The rest of a long table cell, as paragraphs indented to its column."""
        style = ParagraphStyle("Continued", self.styles["Cell"], leftIndent=indent)
        return [paragraph(part, style) for part in parts] + [Spacer(1, 3)]

    # -- tables -----------------------------------------------------------------------

    def _table_style(self, *, header: bool, labels: bool) -> TableStyle:
        """Fonts for plain-text cells (the paragraphs bring their own), rules, a header."""
        commands: list[tuple[object, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), self.regular),
            ("FONTSIZE", (0, 0), (-1, -1), self.styles["Cell"].fontSize),
            ("LEADING", (0, 0), (-1, -1), self.styles["Cell"].leading),
            ("TEXTCOLOR", (0, 0), (-1, -1), self.ink),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("LEFTPADDING", (0, 0), (-1, -1), self.padding),
            ("RIGHTPADDING", (0, 0), (-1, -1), self.padding),
            ("LINEBELOW", (0, 0), (-1, -1), 0.3, self.rule),
        ]
        if labels:
            commands.append(("FONTNAME", (0, 0), (0, -1), self.bold))
        if header:
            commands.append(("FONTNAME", (0, 0), (-1, 0), self.bold))
            commands.append(("LINEBELOW", (0, 0), (-1, 0), 0.8, self.grey))
            commands.append(("BACKGROUND", (0, 0), (-1, 0), self.band))
        return TableStyle(commands)

    def _cell(self, text: str, style: str, width: float) -> object:
        """A table cell: plain text when it is one line the main face prints as it is
        and that fits (much quicker to lay out, and drawn literally), else a
        wrapped paragraph."""
        text = clean(text)
        font = self.styles[style]
        if (
            "\n" not in text
            and typefaces.is_plain(text, font.fontName)
            and stringWidth(text, font.fontName, font.fontSize) <= width - 2 * self.padding
        ):
            return text
        return self._para(text, style)

    def _grid(
        self, body: list[list[object]], widths: Sequence[float], *, header: bool, labels: bool
    ) -> Table:
        table = Table(body, colWidths=list(widths), hAlign="LEFT", repeatRows=int(header))
        table.setStyle(self._table_style(header=header, labels=labels))
        return table

    def _table(
        self,
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        *,
        header: Sequence[str] = (),
        labels: bool = False,
    ) -> list[Flowable]:
        """Rows whose last column is text of any length; the other columns are short.

        A row whose text is longer than one piece shows the first piece in the
        table and the rest below it, indented to the column, before the table
        goes on; so no row is ever taller than a page.
        """
        first_style = "Label" if labels else "Cell"
        flowables: list[Flowable] = []
        body: list[list[object]] = (
            [[self._cell(name, "Label", width) for name, width in zip(header, widths, strict=True)]]
            if header
            else []
        )
        with_header = bool(header)
        for *cells, text in rows:
            first, *rest = pieces(text) or [""]
            row: list[object] = [
                self._cell(_short(cell), first_style if column == 0 else "Cell", widths[column])
                for column, cell in enumerate(cells)
            ]
            body.append([*row, self._cell(first, "Cell", widths[-1])])
            if rest:
                flowables.append(self._grid(body, widths, header=with_header, labels=labels))
                flowables += self._continued(rest, sum(widths[:-1]) + self.padding)
                body, with_header = [], False
        if body:
            flowables.append(self._grid(body, widths, header=with_header, labels=labels))
        return flowables

    def _facts(self, rows: Sequence[tuple[str, str]]) -> list[Flowable]:
        """Label and value pairs; pairs with no value are left out."""
        shown = [(label, value) for label, value in rows if clean(value)]
        return self._table(shown, self._columns(self.label_width), labels=True)

    def _columns(self, *fixed: float) -> list[float]:
        """Column widths in points: ``fixed``, then the last column takes the rest."""
        return [*fixed, self.width - sum(fixed)]

    # -- the customer -----------------------------------------------------------------

    def _opening(self) -> list[Flowable]:
        data = self.data
        story: list[Flowable] = [self._para(self.title, "Title")]
        if self.business:
            story.append(self._para(self.business, "Business"))
        count = len(data.complaints)
        complaints = display.count(count, "complaint") if count else "no complaints"
        made = (
            f"Made on {format_date(data.made_at.date())} at {data.made_at:%H:%M} · "
            f"customer number {data.customer.id} · {complaints}"
        )
        story.append(self._para(made, "Made"))
        who = self.business or "we"
        story.append(
            self._para(
                f"This is everything {who} hold about this customer: their details, and each "
                "complaint with what was said, found, agreed and done, in the order it "
                "happened. Files kept as evidence and letters sent are listed by name.",
                "Note",
            )
        )
        return story

    def _details(self) -> list[Flowable]:
        person = self.data.customer
        rows = [
            ("Name", person.name),
            ("Phone", person.phone),
            ("Email", person.email),
            ("Address", person.address),
            ("Notes", person.notes),
            ("First recorded", _when(person.first_recorded)),
        ]
        if person.erased_at:
            rows.append(("Details erased", _when(person.erased_at)))
        rows = [(label, value if clean(value) else "–") for label, value in rows]
        return [
            self._para("Details", "Heading"),
            *self._table(rows, self._columns(self.label_width), labels=True),
        ]

    # -- one complaint ----------------------------------------------------------------

    def _what_happened(self, c: ComplaintData) -> list[tuple[str, str]]:
        return [
            ("Received", display.received(c.received_at, c.received_date_only, style="record")),
            ("How", c.channel),
            ("Category", c.category),
            ("Status", c.status),
            ("Stage", c.stage),
            ("First response", _when(c.first_response_at)),
            ("Closed", _closed(c)),
            ("Anonymised", _when(c.anonymised_at)),
            ("Product or order", c.product),
            ("What they told us", c.account),
            ("What they wanted", c.remedy_sought),
            ("How upset", c.upset),
            ("Handled by", c.handler),
        ]

    def _resolution(self, c: ComplaintData) -> list[tuple[str, str]]:
        fault = c.fault + (f" (found {_when(c.fault_at)})" if c.fault_at else "")
        amounts = currency.from_code(self.data.currency)  # as the JSON beside it says
        redress = "; ".join(
            item.kind
            + ("" if item.value is None else f", value {display.money(item.value, amounts)}")
            for item in c.redress
        )
        return [
            ("Finding on fault", fault),
            ("What it rests on", c.fault_basis),
            ("Options offered", c.options_offered),
            ("Solution agreed", c.agreed_solution),
            ("At first contact", "Resolved at first contact" if c.first_contact else ""),
            ("Root cause", c.root_cause),
            ("Lesson", c.lesson),
            ("Redress", redress),
        ]

    def _records(self, c: ComplaintData) -> list[tuple[str, list[Flowable]]]:
        """Each list of records under its heading; an empty list has no flowables."""
        when, who = 30 * MM, 24 * MM
        lists = (
            ("Agreed actions", ("Due", "Who", "Done", "What"), (22 * MM, who, when),
             _action_rows(c)),
            ("Steps done", ("When", "By", "Stage", "Step"), (when, who, 22 * MM), _step_rows(c)),
            ("Follow-ups", ("Due", "Who", "Outcome", "What"), (22 * MM, who, 30 * MM),
             _follow_up_rows(c)),
            ("Timeline", ("When", "By", "What", "Entry"), (when, who, 26 * MM), _timeline_rows(c)),
            ("Letters", ("Made", "By", "Kind", "Subject and file"), (when, who, 30 * MM),
             _letter_rows(c)),
            ("Attachments", ("Added", "By", "Size", "File"), (when, who, 18 * MM),
             _attachment_rows(c)),
        )  # fmt: skip
        return [
            (heading, self._table(rows, self._columns(*fixed), header=header))
            if rows
            else (heading, [])
            for heading, header, fixed, rows in lists
        ]

    def _complaint(self, c: ComplaintData) -> list[Flowable]:
        story: list[Flowable] = [
            CondPageBreak(self.keep_with_heading),
            HRFlowable(width="100%", thickness=0.8, color=self.rule, spaceBefore=10, spaceAfter=6),
            self._para(f"Complaint {c.reference}", "Heading"),
            *self._facts(self._what_happened(c)),
        ]
        resolution = self._facts(self._resolution(c))
        if resolution:
            story += [*self._part("Finding and resolution"), *resolution]
        empty = []
        for heading, flowables in self._records(c):
            if flowables:
                story += self._part(heading)
                story.extend(flowables)
            else:
                empty.append(heading.lower())
        if empty:
            listed = empty[0] if len(empty) == 1 else f"{', '.join(empty[:-1])} or {empty[-1]}"
            story.append(Spacer(1, 6))
            story.append(self._para(f"No {listed} recorded.", "Note"))
        return story

    def _mentions(self) -> list[Flowable]:
        """Where other customers' complaints name this customer."""
        mentions = self.data.mentions
        if not mentions:
            return []
        rows = [
            [
                f"mentioned in complaint {m.reference}" if m.reference else "mentioned in",
                m.where if m.reference else m.where.lower(),
                m.snippet,
            ]
            for m in mentions
        ]
        return [
            CondPageBreak(self.keep_with_heading),
            HRFlowable(width="100%", thickness=0.8, color=self.rule, spaceBefore=10, spaceAfter=6),
            self._para("Mentioned in other complaints", "Heading"),
            self._para(
                "Other customers' complaints that name this customer: where, and the words "
                "around it.",
                "Note",
            ),
            *self._table(
                rows, self._columns(48 * MM, 40 * MM), header=("Where", "In", "What it says")
            ),
        ]

    def _story(self) -> list[Flowable]:
        story = self._opening() + self._details()
        story.append(Spacer(1, 8))
        story.append(CondPageBreak(self.keep_with_heading))
        story.append(self._para("Complaints", "Heading"))
        if not self.data.complaints:
            story.append(self._para("No complaints are recorded for this customer.", "Body"))
        for complaint in self.data.complaints:
            story.extend(self._complaint(complaint))
        return story + self._mentions()

    # -- the document -----------------------------------------------------------------

    def _footer(self, canvas: Canvas, number: int, count: int) -> None:
        footer_line(
            canvas, font=self.regular, colour=self.grey, margin=self.margin,
            margin_bottom=self.margin_bottom, right=f"Page {number} of {count}",
            left=f"{self.business} · {self.title}" if self.business else self.title,
        )  # fmt: skip

    def _metadata(self) -> dict[str, str]:
        return {
            "title": self.title,
            "author": self.business,
            "subject": f"Made on {self.data.made_at.date().isoformat()}",
            "creator": CREATOR,
        }

    def render(self) -> bytes:
        return build_a4(
            self._story(), margin=self.margin, margin_bottom=self.margin_bottom,
            font=self.font, metadata=self._metadata(),
            canvasmaker=partial(PagedCanvas, furniture=self._footer),
        )  # fmt: skip


def render_customer_record(data: CustomerData) -> bytes:
    """Everything held about one customer as PDF bytes (A4), for any text at all."""
    return CustomerRecord(data).render()
