"""The insights report: one printable summary of a period for a staff meeting.

A4, in the letters' typefaces (any script prints; see :mod:`letters.typesetting`),
built with reportlab's platypus. After the title, the business and the period
come the totals, then one section per measure: a heading, a small chart drawn
with reportlab.graphics and a compact table of the figures behind it. Tables
with a column per month are split into blocks of months so a long period still
fits the page width.

User text (the business name, category and cause names) becomes paragraphs
through :func:`letters.typesetting.paragraph` (cleaned, and escaped where it
becomes a Paragraph); charts draw only month labels and figures.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from letters import typefaces
from letters.content import format_date
from letters.ledger_report import LEDGER_TITLE, ledger_section
from letters.report_page import build_a4, footer_line
from letters.text import clean
from letters.typesetting import paragraph
from models import chart_scale, display
from models.chart_scale import scale
from models.insights import (
    NO_CATEGORY,
    NO_CATEGORY_CLASH,
    Durations,
    Insights,
    chart_note,
    nothing_to_show,
)
from models.redress_ledger import RedressLedger

__all__ = ["SECTION_TITLES", "TITLE", "render_insights_report"]

CREATOR = "Complaint Desk"
TITLE = "Complaint insights"

MM: float = 72 / 25.4

SECTION_TITLES = {
    "categories": "Complaints per month by category",
    "causes": "Root causes (Pareto)",
    "response": "Median time to first response",
    "resolution": "Median time to resolution",
    "satisfaction": "Satisfied customers per month",
    "redress": "Redress value per month",
    "repeat": "Repeat customers",
    "ledger": LEDGER_TITLE,
}


PALETTE = tuple(colors.HexColor(code) for code in chart_scale.PALETTE)
NONE_COLOUR = colors.HexColor(chart_scale.NONE_COLOUR)

Number = float | int | None


def _count(value: Number) -> str:
    return f"{int(value or 0):,}"


def _hours(value: Number) -> str:
    return "–" if value is None else f"{value:,.1f}"


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{share * 100:.0f}%"


def _scale(
    chart: VerticalBarChart | HorizontalBarChart,
    largest: float,
    *,
    whole: bool = False,
    marks: tuple[str, str] = ("", ""),
) -> None:
    """The value axis from 0 to a round top in round steps, as the window's charts
    have it (:mod:`models.chart_scale`): whole steps for counts; ``marks`` go before
    and after each figure (a currency)."""
    steps = scale(largest, whole=whole)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = steps.top
    chart.valueAxis.valueStep = steps.step
    before, after = (mark.replace("%", "%%") for mark in marks)
    chart.valueAxis.labelTextFormat = f"{before}%.{steps.decimals}f{after}"


class InsightsReport:
    """Lays out one report. Geometry in points."""

    margin = 18 * MM
    margin_bottom = 20 * MM
    chart_height = 48 * MM
    months_per_block = 12
    money_months_per_block = 8
    name_width = 42 * MM

    ink = colors.HexColor("#1a1a1a")
    grey = colors.HexColor("#5f6368")
    rule = colors.HexColor("#c8ccd1")
    band = colors.HexColor("#f1f3f4")

    def __init__(
        self, data: Insights, business_name: str, ledger: RedressLedger | None = None
    ) -> None:
        self.data = data
        self.ledger = ledger
        self.currency = ledger.currency if ledger is not None else display.shop_currency()
        self.business_name = clean(business_name, multiline=False)
        self.font = typefaces.register_fonts()
        self.regular = typefaces.REGULAR
        self.bold = typefaces.BOLD
        self.width = A4[0] - 2 * self.margin
        self.styles = self._stylesheet()
        self.period_text = f"{format_date(data.period.start)} to {format_date(data.period.end)}"

    # -- styles and small pieces -------------------------------------------------

    def _stylesheet(self) -> dict[str, ParagraphStyle]:
        base = ParagraphStyle(
            "Base", fontName=self.font, fontSize=9.5, leading=13, textColor=self.ink
        )
        return {
            "Title": ParagraphStyle(
                "Title", parent=base, fontName=self.bold, fontSize=20, leading=24, spaceAfter=4
            ),
            "Business": ParagraphStyle(
                "Business", parent=base, fontName=self.bold, fontSize=13, leading=17
            ),
            "Period": ParagraphStyle("Period", parent=base, textColor=self.grey, spaceAfter=8),
            "Heading": ParagraphStyle(
                "Heading",
                parent=base,
                fontName=self.bold,
                fontSize=12,
                leading=15,
                spaceBefore=10,
                spaceAfter=3,
            ),
            "Note": ParagraphStyle("Note", parent=base, fontSize=8.5, textColor=self.grey),
            "Cell": ParagraphStyle("Cell", parent=base, fontSize=7, leading=8.5),
            "CellBold": ParagraphStyle(
                "CellBold", parent=base, fontName=self.bold, fontSize=7, leading=8.5
            ),
            "CellRight": ParagraphStyle(
                "CellRight", parent=base, fontSize=7, leading=8.5, alignment=TA_RIGHT
            ),
            "CellBoldRight": ParagraphStyle(
                "CellBoldRight",
                parent=base,
                fontName=self.bold,
                fontSize=7,
                leading=8.5,
                alignment=TA_RIGHT,
            ),
            "MonthHeading": ParagraphStyle(
                "MonthHeading",
                parent=base,
                fontName=self.bold,
                fontSize=7,
                leading=8.5,
                alignment=TA_RIGHT,
            ),
            "Total": ParagraphStyle("Total", parent=base, fontSize=9.5, leading=12.5),
            "TotalValue": ParagraphStyle(
                "TotalValue", parent=base, fontName=self.bold, fontSize=9.5, leading=12.5
            ),
        }

    def _money(self, value: float) -> str:
        return display.money(value, self.currency)

    def _para(self, text: str, style: str) -> Flowable:
        """User (or any) text as a paragraph, in whatever script it is written."""
        return paragraph(text, self.styles[style])

    def _note(self, text: str) -> Flowable:
        return self._para(text, "Note")

    def _section(self, key: str, body: Sequence[Flowable], note: str = "") -> Flowable:
        parts: list[Flowable] = [self._para(SECTION_TITLES[key], "Heading")]
        if note:
            parts.append(self._note(note))
            parts.append(Spacer(1, 3))
        parts.extend(body)
        return KeepTogether(parts)

    # -- tables -------------------------------------------------------------------

    def _table_style(self, rows: int, *, text_columns: int, total_row: bool = False) -> TableStyle:
        """Figures right-aligned after the first ``text_columns``; banded rows."""
        commands: list[tuple[object, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), self.regular),
            ("FONTSIZE", (0, 0), (-1, -1), 7),
            ("LEADING", (0, 0), (-1, -1), 8.5),
            ("TEXTCOLOR", (0, 0), (-1, -1), self.ink),
            ("FONTNAME", (0, 0), (-1, 0), self.bold),
            ("ALIGN", (text_columns, 0), (-1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, self.rule),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
        for row in range(2, rows, 2):
            commands.append(("BACKGROUND", (0, row), (-1, row), self.band))
        if total_row:
            commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.6, self.rule))
            commands.append(("FONTNAME", (0, -1), (-1, -1), self.bold))
        return TableStyle(commands)

    def _month_heading(self, month: str) -> Paragraph:
        name, year = display.month_of(month).split(" ")
        return Paragraph(f"{name}<br/>{year}", self.styles["MonthHeading"])

    def _month_tables(
        self,
        rows: Sequence[tuple[str, Sequence[Number]]],
        format_value: Callable[[Number], str],
        *,
        swatches: Sequence[colors.Color] = (),
        total_label: str = "",
        per_block: int | None = None,
    ) -> list[Flowable]:
        """A table with a row per series and a column per month, in blocks of months.

        ``swatches`` colour a narrow key column to match the chart; with
        ``total_label`` a last row adds up each month.
        """
        months = self.data.months
        per_block = per_block or self.months_per_block
        names = [name for name, _ in rows]
        values = [list(series) for _, series in rows]
        if total_label:
            names.append(total_label)
            values.append(
                [sum(v or 0 for v in column) for column in zip(*values, strict=True)]
                if values
                else [0] * len(months)
            )
        key_width = 3 * MM if swatches else 0.0
        flowables: list[Flowable] = []
        for first in range(0, len(months), per_block):
            block = months[first : first + per_block]
            header: list[object] = [""] * (2 if swatches else 1)
            header.extend(self._month_heading(month) for month in block)
            body: list[list[object]] = [header]
            for index, name in enumerate(names):
                style = "CellBold" if total_label and index == len(names) - 1 else "Cell"
                cells: list[object] = [""] if swatches else []
                cells.append(self._para(name, style))
                cells += [format_value(v) for v in values[index][first : first + per_block]]
                body.append(cells)
            value_width = (self.width - key_width - self.name_width) / per_block
            widths = ([key_width] if swatches else []) + [self.name_width]
            widths += [value_width] * len(block)
            table = Table(body, colWidths=widths, hAlign="LEFT", repeatRows=1)
            style = self._table_style(
                len(body), text_columns=len(header) - len(block), total_row=bool(total_label)
            )
            for index, colour in enumerate(swatches):
                style.add("BACKGROUND", (0, index + 1), (0, index + 1), colour)
            table.setStyle(style)
            flowables.append(table)
            flowables.append(Spacer(1, 4))
        return flowables

    def _list_table(
        self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]
    ) -> Table:
        """A small table whose second column is user text (wrapped and escaped)."""
        body: list[list[object]] = [list(header)]
        for number, name, *figures in rows:
            body.append([number, self._para(name, "Cell"), *figures])
        table = Table(body, colWidths=list(widths), hAlign="LEFT", repeatRows=1)
        table.setStyle(self._table_style(len(body), text_columns=2))
        return table

    # -- charts ---------------------------------------------------------------------

    def _drawing(self) -> Drawing:
        return Drawing(self.width, self.chart_height)

    def _style_axes(self, chart: VerticalBarChart, labels: list[str]) -> None:
        """Place the chart in its drawing and label its axes: the category labels on
        one line if they fit, else on two (month above year), else turned upright."""
        chart.x = 30
        chart.y = 22
        chart.width = self.width - 70
        chart.height = self.chart_height - 32
        size = 6.5
        slot = chart.width / max(1, len(labels)) - 2

        def widest(texts: list[str]) -> float:
            return max((stringWidth(text, self.regular, size) for text in texts), default=0)

        axis = chart.categoryAxis
        axis.labels.boxAnchor = "n"
        if widest(labels) > slot:
            parts = [part for label in labels for part in label.split(" ")]
            if widest(parts) <= slot:
                labels = [label.replace(" ", "\n") for label in labels]
            else:
                axis.labels.angle = 90
                axis.labels.boxAnchor = "e"
                axis.labels.dy = -2
                # Upright labels need the room of the longest one below the axis.
                chart.y = max(chart.y, widest(labels) + 6)
                chart.height = self.chart_height - chart.y - 10
        axis.categoryNames = labels
        axis.labels.fontName = self.regular
        axis.labels.fontSize = size
        axis.labels.leading = size + 1
        axis.labels.fillColor = self.grey
        axis.strokeColor = self.rule
        axis.tickDown = 2
        chart.valueAxis.labels.fontName = self.regular
        chart.valueAxis.labels.fontSize = 6.5
        chart.valueAxis.labels.fillColor = self.grey
        chart.valueAxis.strokeColor = self.rule
        chart.valueAxis.visibleGrid = True
        chart.valueAxis.gridStrokeColor = self.band
        chart.valueAxis.gridStrokeWidth = 0.6
        chart.valueAxis.valueMin = 0

    def _month_labels(self) -> list[str]:
        return [display.month_of(month) for month in self.data.months]

    def _stacked_bars(
        self,
        series: Sequence[Sequence[float]],
        colours: Sequence[colors.Color],
        *,
        whole: bool = False,
        marks: tuple[str, str] = ("", ""),
    ) -> Drawing:
        drawing = self._drawing()
        chart = VerticalBarChart()
        self._style_axes(chart, self._month_labels())
        chart.data = [list(values) for values in series]
        chart.categoryAxis.style = "stacked"
        chart.barWidth = 10
        chart.groupSpacing = 4
        tops = [sum(column) for column in zip(*series, strict=True)]
        _scale(chart, max(tops, default=0), whole=whole, marks=marks)
        for index, colour in enumerate(colours):
            chart.bars[index].fillColor = colour
            chart.bars[index].strokeColor = None
        drawing.add(chart)
        return drawing

    def _month_bars(self, values: Sequence[float | None], colour: colors.Color) -> Drawing:
        """A bar for every month with a figure (a month without one has none)."""
        drawing = self._drawing()
        chart = VerticalBarChart()
        self._style_axes(chart, self._month_labels())
        chart.data = [list(values)]
        chart.barWidth = 10
        chart.groupSpacing = 4
        chart.bars[0].fillColor = colour
        chart.bars[0].strokeColor = None
        _scale(chart, max((v for v in values if v is not None), default=0))
        drawing.add(chart)
        return drawing

    def _pareto_chart(self, counts: Sequence[int], shares: Sequence[float]) -> Drawing:
        drawing = self._drawing()
        chart = VerticalBarChart()
        self._style_axes(chart, [str(number) for number in range(1, len(counts) + 1)])
        chart.data = [list(counts)]
        chart.bars[0].fillColor = PALETTE[0]
        chart.bars[0].strokeColor = None
        _scale(chart, max(counts, default=0), whole=True)
        drawing.add(chart)
        # The cumulative share, on its own 0-100 % scale at the right.
        right = chart.x + chart.width
        for share in (0.0, 0.5, 0.8, 1.0):
            y = chart.y + chart.height * share
            label = f"{share * 100:.0f}%"
            drawing.add(
                String(
                    right + 4,
                    y - 2,
                    label,
                    fontName=self.regular,
                    fontSize=6.5,
                    fillColor=self.grey,
                )
            )
        eighty = chart.y + chart.height * 0.8
        dashed = Line(chart.x, eighty, right, eighty, strokeColor=PALETTE[1], strokeWidth=0.5)
        dashed.strokeDashArray = [2, 2]
        drawing.add(dashed)
        slot = chart.width / max(1, len(counts))
        points: list[float] = []
        for index, share in enumerate(shares):
            points += [chart.x + (index + 0.5) * slot, chart.y + chart.height * share]
        if len(points) >= 4:
            drawing.add(PolyLine(points, strokeColor=PALETTE[5], strokeWidth=1.4))
        for index in range(0, len(points), 2):
            dot = Circle(points[index], points[index + 1], 1.8, fillColor=PALETTE[5])
            dot.strokeColor = None
            drawing.add(dot)
        return drawing

    def _share_bars(self, shares: Sequence[float | None]) -> Drawing:
        drawing = self._drawing()
        chart = VerticalBarChart()
        self._style_axes(chart, self._month_labels())
        chart.data = [[None if share is None else share * 100 for share in shares]]
        chart.bars[0].fillColor = PALETTE[2]
        chart.bars[0].strokeColor = None
        chart.valueAxis.valueMax = 100
        chart.valueAxis.valueStep = 25
        chart.valueAxis.labelTextFormat = "%d%%"
        drawing.add(chart)
        return drawing

    def _repeat_chart(self, counts: Sequence[int], labels: list[str]) -> Drawing:
        drawing = Drawing(self.width, 30 * MM)
        chart = HorizontalBarChart()
        chart.x = 80
        chart.y = 14
        chart.width = self.width - 120
        chart.height = 30 * MM - 16
        chart.data = [list(counts)]
        chart.categoryAxis.categoryNames = labels
        chart.categoryAxis.reverseDirection = 1
        chart.categoryAxis.labels.fontName = self.regular
        chart.categoryAxis.labels.fontSize = 7
        chart.categoryAxis.labels.boxAnchor = "e"
        chart.categoryAxis.strokeColor = self.rule
        chart.valueAxis.labels.fontName = self.regular
        chart.valueAxis.labels.fontSize = 6.5
        chart.valueAxis.labels.fillColor = self.grey
        chart.valueAxis.strokeColor = self.rule
        _scale(chart, max(counts, default=0), whole=True)
        chart.bars[0].fillColor = PALETTE[0]
        chart.bars[0].strokeColor = None
        for index, colour in enumerate((PALETTE[2], PALETTE[1], PALETTE[5])):
            chart.bars[(0, index)].fillColor = colour
        drawing.add(chart)
        return drawing

    # -- the sections ---------------------------------------------------------------

    def _totals(self) -> Flowable:
        data = self.data
        once, twice, more = data.repeat_customers
        customers = once + twice + more
        happy = sum(s for s, _ in data.satisfaction)
        checks = happy + sum(n for _, n in data.satisfaction)
        with_cause = sum(count for _, count, _ in data.causes)
        redress = sum(sum(values) for values in data.redress_per_month.values())
        top_cause = data.causes[0][0] if data.causes else ""
        rows = [
            ("Complaints received", _count(data.total)),
            ("Customers who complained", _count(customers)),
            ("… of whom more than once", _count(twice + more)),
            ("Complaints with a root cause", _count(with_cause)),
            ("Most frequent root cause", top_cause or "–"),
            ("Satisfaction checks done", _count(checks)),
            ("… satisfied", _percent(happy / checks if checks else None)),
            ("Redress given (value)", self._money(redress)),
        ]
        body = [
            [self._para(label, "Total"), self._para(value, "TotalValue")] for label, value in rows
        ]
        table = Table(body, colWidths=[62 * MM, self.width - 62 * MM], hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("LINEBELOW", (0, -1), (-1, -1), 0.6, self.rule),
                ]
            )
        )
        return table

    def _categories(self) -> Flowable:
        rows = list(self.data.per_month_by_category.items())
        if nothing := nothing_to_show(self.data, "per_month"):
            return self._section("categories", [self._note(nothing)])
        # "No category" (always last) in grey, the categories in the palette's colours.
        colours = [PALETTE[index % len(PALETTE)] for index in range(len(rows))]
        if rows[-1][0] in (NO_CATEGORY, NO_CATEGORY_CLASH):
            colours[-1] = NONE_COLOUR
        body: list[Flowable] = [self._stacked_bars([r for _, r in rows], colours, whole=True)]
        body += self._month_tables(rows, _count, swatches=colours, total_label="All complaints")
        return self._section("categories", body, "By the month each complaint was received.")

    def _causes(self) -> Flowable:
        causes = self.data.causes
        if nothing := nothing_to_show(self.data, "causes"):
            return self._section("causes", [self._note(nothing)])
        shown = causes[:20]
        chart = self._pareto_chart([c for _, c, _ in shown], [s for _, _, s in shown])
        total = sum(count for _, count, _ in causes)
        rows = [
            [str(number), name, _count(count), _percent(count / total), _percent(share)]
            for number, (name, count, share) in enumerate(causes, start=1)
        ]
        table = self._list_table(
            ["#", "Root cause", "Complaints", "Share", "Cumulative"],
            rows,
            [8 * MM, self.width - 8 * MM - 3 * 22 * MM, 22 * MM, 22 * MM, 22 * MM],
        )
        note = (
            "Most frequent first; the line is the cumulative share (right-hand scale), "
            "the dashed line marks 80%. Complaints with no cause recorded are left out."
        )
        if len(causes) > len(shown):
            note += f" The chart shows the first {len(shown)}; the table has them all."
        return self._section("causes", [chart, Spacer(1, 2), table], note)

    def _median(self, key: str, figures: Durations, note: str) -> Flowable:
        """Median times per month, all in hours or all in days."""
        values, unit = figures.values, figures.unit
        left_out = chart_note(self.data, key)
        if nothing := nothing_to_show(self.data, key):
            return self._section(key, [self._note(display.joined(nothing, left_out, between=" "))])
        colour = PALETTE[0] if key == "response" else PALETTE[3]
        body: list[Flowable] = [self._month_bars(values, colour)]
        body += self._month_tables([(f"Median ({unit})", values)], _hours)
        said = f"Median {unit} from receiving the complaint to its {note}, by month received."
        return self._section(key, body, display.joined(said, left_out, between=" "))

    def _satisfaction(self) -> Flowable:
        checks = self.data.satisfaction
        if nothing := nothing_to_show(self.data, "satisfaction"):
            return self._section("satisfaction", [self._note(nothing)])
        shares = [
            happy / (happy + unhappy) if happy + unhappy else None for happy, unhappy in checks
        ]
        body: list[Flowable] = [self._share_bars(shares)]
        rows: list[tuple[str, Sequence[Number]]] = [
            ("Satisfied", [happy for happy, _ in checks]),
            ("Not satisfied", [unhappy for _, unhappy in checks]),
        ]
        body += self._month_tables(rows, _count)
        share_rows: list[tuple[str, Sequence[Number]]] = [("Satisfied share", shares)]
        body += self._month_tables(share_rows, _percent)
        note = "Share of satisfaction checks done in each month where the customer was satisfied."
        return self._section("satisfaction", body, note)

    def _redress(self) -> Flowable:
        rows = list(self.data.redress_per_month.items())
        if nothing := nothing_to_show(self.data, "redress"):
            return self._section("redress", [self._note(nothing)])
        colours = [PALETTE[index % len(PALETTE)] for index in range(len(rows))]
        marks = display.money_marks(self.currency)
        body: list[Flowable] = [
            self._stacked_bars([values for _, values in rows], colours, marks=marks)
        ]
        body += self._month_tables(
            rows,
            lambda v: self._money(v or 0),
            swatches=colours,
            total_label="Total",
            per_block=self.money_months_per_block,
        )
        return self._section(
            "redress", body, "Value of what was given to put things right, by month received."
        )

    def _repeat(self) -> Flowable:
        counts = list(self.data.repeat_customers)
        customers = sum(counts)
        if nothing := nothing_to_show(self.data, "repeat"):
            return self._section("repeat", [self._note(nothing)])
        labels = ["1 complaint", "2 complaints", "3 or more"]
        rows = [
            [str(number), label, _count(count), _percent(count / customers)]
            for number, (label, count) in enumerate(zip(labels, counts, strict=True), start=1)
        ]
        table = self._list_table(
            ["", "Complaints in the period", "Customers", "Share"],
            rows,
            [8 * MM, self.width - 8 * MM - 2 * 22 * MM, 22 * MM, 22 * MM],
        )
        chart = self._repeat_chart(counts, labels)
        return self._section(
            "repeat", [chart, Spacer(1, 2), table], "Customers by how often they complained."
        )

    def _story(self) -> list[Flowable]:
        story: list[Flowable] = [self._para(TITLE, "Title")]
        if self.business_name:
            story.append(self._para(self.business_name, "Business"))
        story.append(self._para(self.period_text, "Period"))
        story.append(self._totals())
        story.append(self._categories())
        story.append(self._causes())
        data = self.data
        story.append(self._median("response", data.first_response, "first response"))
        story.append(self._median("resolution", data.resolution, "closing"))
        story.append(self._satisfaction())
        story.append(self._redress())
        story.append(self._repeat())
        if self.ledger is not None:
            story.extend(ledger_section(self, self.ledger))
        return story

    # -- the document -----------------------------------------------------------------

    def _footer(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        left = f"{TITLE} · {self.period_text}"
        footer_line(
            canvas, font=self.regular, colour=self.grey, margin=self.margin,
            margin_bottom=self.margin_bottom, right=f"page {doc.page}",
            left=f"{self.business_name} · {left}" if self.business_name else left,
        )  # fmt: skip

    def _metadata(self) -> dict[str, str]:
        period = self.data.period
        return {
            "title": f"{TITLE}, {self.period_text}",
            "author": self.business_name,
            "subject": f"Complaints received from {period.start.isoformat()} "
            f"to {period.end.isoformat()}",
            "creator": CREATOR,
        }

    def render(self) -> bytes:
        return build_a4(
            self._story(), margin=self.margin, margin_bottom=self.margin_bottom,
            font=self.font, metadata=self._metadata(), on_page=self._footer,
        )  # fmt: skip


def render_insights_report(
    data: Insights, business_name: str, ledger: RedressLedger | None = None
) -> bytes:
    """The insights for a period, and its redress ledger when given, as PDF bytes
    (A4), for any data, an empty period too."""
    return InsightsReport(data, business_name, ledger).render()
