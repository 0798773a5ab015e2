"""The Insights charts: each built from the figures, shown with its key under it.

Every label is whole. Months are written as :func:`models.display.month` writes
them ("Nov 2026") on one line, or month above year, or turned upright, as the
chart's width allows (never cut short: Qt would write "J..." or drop the label);
names go in the key under the chart, which wraps. Counts are marked in whole
steps and every value axis in one unit, by :mod:`models.chart_scale`.
"""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QRectF, Qt, Slot
from PySide6.QtGui import QColor, QCursor, QFontMetricsF, QPainter
from PySide6.QtWidgets import QFrame, QLabel, QStackedWidget, QToolTip, QVBoxLayout, QWidget

from models import display
from models.chart_scale import NONE_COLOUR, PALETTE, scale
from models.currency import Currency
from models.insights import NO_CATEGORY, NO_CATEGORY_CLASH, Durations, Insights

MAX_BARS = 10  # categories beyond these are summed as "2 more categories"; causes listed
OTHER_COLOUR = "#5f6368"  # what is beyond them
GAP = 6.0  # pixels between two labels of the month axis


@dataclass
class Built:
    """A chart, the key to show under it, and the whole labels of its category axis."""

    chart: QChart
    key: list[tuple[QColor, str]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    height: int = 250  # the least height that shows it whole


def month_names(data: Insights) -> list[str]:
    return [display.month_of(month) for month in data.months]


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().hide()  # the key is a ChartLegend under the chart: it wraps
    chart.setMargins(QMargins(4, 4, 4, 4))
    return chart


def _value_axis(
    chart: QChart,
    largest: float,
    *,
    whole: bool,
    title: str = "",
    side: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
) -> QValueAxis:
    """A value axis from 0 to a round top, ticks in round steps (whole ones for counts)."""
    steps = scale(largest, whole=whole)
    axis = QValueAxis()
    axis.setRange(0, steps.top)
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(steps.step)
    # Plain figures: Qt formats labels from Latin-1 bytes, so "£" or "kr" there would
    # come out garbled; the axis title names the currency.
    axis.setLabelFormat(f"%.{steps.decimals}f")
    axis.setTruncateLabels(False)
    if title:
        axis.setTitleText(title)
    chart.addAxis(axis, side)
    return axis


def _bars(
    chart: QChart,
    series: QAbstractBarSeries,
    rows: Sequence[tuple[str, Sequence[float | None]]],
    labels: list[str],
    says: Callable[[float], str],
    colours: Sequence[str] = PALETTE,
) -> list[tuple[QColor, str]]:
    """Add a bar set per row, the category axis, and a tooltip per bar; return the key.

    The bars take ``colours`` in turn (the report's, so a category has one colour)."""
    for number, (name, values) in enumerate(rows):
        bars = QBarSet(name)
        bars.setColor(QColor(colours[number % len(colours)]))
        bars.setBorderColor(QColor(colours[number % len(colours)]))
        bars.append([float(v or 0) for v in values])
        bars.hovered.connect(_tooltip(name, labels, values, says))
        series.append(bars)
    chart.addSeries(series)
    axis = QBarCategoryAxis()
    axis.append(labels)
    axis.setTruncateLabels(False)
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis)
    return [(bars.color(), bars.label()) for bars in series.barSets()]


def _tooltip(
    name: str, labels: list[str], values: Sequence[float | None], says: Callable[[float], str]
) -> Callable[[bool, int], None]:
    def show(entered: bool, index: int) -> None:
        value = values[index] if 0 <= index < len(values) else None
        if entered and value is not None:
            # A name is plain text, "<b>" and all: escaped inside a tooltip read as markup.
            said = html.escape(f"{labels[index]}: {name}, {says(value)}".replace("<br>", " "))
            QToolTip.showText(QCursor.pos(), f"<qt>{said}</qt>")
        else:
            QToolTip.hideText()

    return show


def _attach(chart: QChart, axis: QValueAxis) -> None:
    for series in chart.series():
        series.attachAxis(axis)


# --- the charts -----------------------------------------------------------------------


def per_month(data: Insights) -> Built:
    labels = month_names(data)
    chart = _chart("Complaints per month, by category")
    ranked = sorted(data.per_month_by_category.items(), key=lambda kv: -sum(kv[1]))
    shown, rest = ranked[:MAX_BARS], ranked[MAX_BARS:]
    if rest:
        other = [sum(values[i] for _n, values in rest) for i in range(len(labels))]
        # Not "Other": that is a category of its own.
        shown.append((display.count(len(rest), "more category", "more categories"), other))
    # Each category in the report's colour for it (by its place in the list), not by rank.
    place = {name: n for n, name in enumerate(data.per_month_by_category)}
    colours = [
        NONE_COLOUR if name in (NO_CATEGORY, NO_CATEGORY_CLASH)
        else PALETTE[place[name] % len(PALETTE)] if name in place else OTHER_COLOUR
        for name, _values in shown
    ]  # fmt: skip
    key = _bars(chart, QStackedBarSeries(), shown, labels,
                lambda v: display.count(int(v), "complaint"), colours)  # fmt: skip
    tops = [sum(column) for column in zip(*(values for _n, values in shown), strict=True)]
    _attach(chart, _value_axis(chart, max(tops, default=0), whole=True, title="complaints"))
    return Built(chart, key, labels)


def causes(data: Insights) -> Built:
    """A bar per root cause, named beside it, most frequent at the top; the key says
    how few causes make half of the complaints with one (the Pareto reading)."""
    chart = _chart("Root causes, most frequent first")
    shown = data.causes[:MAX_BARS]
    names = [name for name, _count, _share in shown][::-1]  # Qt draws the first at the bottom
    lines = [cause_label(name) for name in names]
    counts = [float(count) for _name, count, _share in shown][::-1]
    series = QHorizontalBarSeries()
    bars = QBarSet("Complaints")
    bars.setColor(QColor(PALETTE[0]))
    bars.setBorderColor(QColor(PALETTE[0]))
    bars.append(counts)
    bars.setLabelColor(QColor("#202124"))
    shares = [share for _name, _count, share in shown][::-1]
    bars.hovered.connect(_cause_tooltip(names, counts, shares))
    series.append(bars)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
    series.setLabelsFormat("@value")
    chart.addSeries(series)
    axis = QBarCategoryAxis()
    axis.append(lines or ["–"])
    axis.setTruncateLabels(False)
    axis.setGridLineVisible(False)
    chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis)
    largest = max(counts, default=0)
    # Room after the longest bar for its count.
    value = _value_axis(chart, largest * 1.12 if largest else 0, whole=True, title="complaints",
                        side=Qt.AlignmentFlag.AlignBottom)  # fmt: skip
    series.attachAxis(value)
    # Every bar has the same room: the most lines any name takes, for each.
    most = max((line.count("<br>") + 1 for line in lines), default=1)
    height = 110 + LINE_HEIGHT * most * len(lines)
    return Built(chart, [(bars.color(), pareto_reading(data))], [], max(MIN_HEIGHT, height))


CAUSE_LINE = 30  # characters: a longer cause's name is written on several lines
LINE_HEIGHT = 17  # pixels a line of a cause's name needs
MIN_HEIGHT = 250  # a chart's least height


def cause_label(name: str) -> str:
    """A cause's name whole, on lines of about CAUSE_LINE characters (the axis reads
    its labels as markup: the name's own characters are escaped)."""
    wrapped = textwrap.wrap(name, CAUSE_LINE, break_long_words=True) or [name]
    return "<br>".join(html.escape(line) for line in wrapped)


def pareto_reading(data: Insights) -> str:
    """How few of the causes make half of the complaints that have one."""
    for number, (_name, _count, share) in enumerate(data.causes, start=1):
        if share >= 0.5:
            if number == 1:
                return f"The first cause alone makes {share:.0%} of the complaints with a cause."
            return (
                f"The first {number} causes make {share:.0%} of the complaints with a cause"
                f" (of {display.count(len(data.causes), 'cause')})."
            )
    return "Complaints with a root cause recorded."


def _cause_tooltip(
    names: list[str], counts: list[float], shares: list[float]
) -> Callable[[bool, int], None]:
    def show(entered: bool, index: int) -> None:
        if entered and 0 <= index < len(names):
            said = html.escape(
                f"{names[index]}: {display.count(int(counts[index]), 'complaint')};"
                f" with those above it, {shares[index]:.0%} of the complaints with a cause"
            )
            QToolTip.showText(QCursor.pos(), f"<qt>{said}</qt>")
        else:
            QToolTip.hideText()

    return show


def durations(data: Insights, title: str, figures: Durations, name: str) -> Built:
    """Median times, one bar per month that has one, in one unit (hours or days)."""
    labels = month_names(data)
    chart = _chart(f"{title} ({figures.unit})")
    unit = figures.unit

    def says(value: float) -> str:
        return f"{value:,.1f} {unit}"

    colour = PALETTE[0] if name == "First response" else PALETTE[3]  # as in the report
    _bars(chart, QBarSeries(), [(name, figures.values)], labels, says, [colour])  # titled
    largest = max((v for v in figures.values if v is not None), default=0)
    _attach(chart, _value_axis(chart, largest, whole=False, title=unit))
    return Built(chart, [], labels)


def satisfaction(data: Insights) -> Built:
    labels = month_names(data)
    checks = sum(s + n for s, n in data.satisfaction)
    happy = sum(s for s, _n in data.satisfaction)
    title = (
        f"Satisfaction checks: {happy / checks:.0%} satisfied" if checks else "Satisfaction checks"
    )
    chart = _chart(title)
    rows = [
        ("Satisfied", [float(s) for s, _n in data.satisfaction]),
        ("Not satisfied", [float(n) for _s, n in data.satisfaction]),
    ]
    key = _bars(chart, QStackedBarSeries(), rows, labels, lambda v: display.count(int(v), "check"),
                [PALETTE[2], PALETTE[5]])  # fmt: skip
    tops = [s + n for s, n in data.satisfaction]
    _attach(chart, _value_axis(chart, max(tops, default=0), whole=True, title="checks"))
    return Built(chart, key, labels)


def redress(data: Insights, chosen: Currency) -> Built:
    labels = month_names(data)
    code = chosen.code
    chart = _chart(f"Redress given per month ({code})" if code else "Redress given per month")
    rows = list(data.redress_per_month.items())
    key = _bars(chart, QStackedBarSeries(), rows, labels, lambda v: display.money(v, chosen))
    tops = [sum(column) for column in zip(*(values for _n, values in rows), strict=True)]
    _attach(chart, _value_axis(chart, max(tops, default=0), whole=False, title=code))
    return Built(chart, key, labels)


def repeat(data: Insights) -> Built:
    chart = _chart("Customers by number of complaints")
    series = QPieSeries()
    colours = (PALETTE[2], PALETTE[1], PALETTE[5])  # as in the report
    for label, count, colour in zip(("once", "twice", "3 or more times"), data.repeat_customers,
                                    colours, strict=True):  # fmt: skip
        if count:
            piece = series.append(f"Complained {label}: {display.count(count, 'customer')}", count)
            piece.setColor(QColor(colour))
    chart.addSeries(series)
    return Built(chart, [(s.color(), s.label()) for s in series.slices()])


# --- fitting the month axis -----------------------------------------------------------


def fitted_labels(labels: list[str], width: float, metrics: QFontMetricsF) -> tuple[list[str], int]:
    """The labels as they fit ``width``, and their angle: on one line; else month above
    year; else upright; else upright and only every few (the others blank)."""
    slot = width / max(1, len(labels)) - GAP
    if max((metrics.horizontalAdvance(t) for t in labels), default=0) <= slot:
        return labels, 0
    parts = [part for label in labels for part in label.split(" ")]
    if max((metrics.horizontalAdvance(p) for p in parts), default=0) <= slot:
        return [label.replace(" ", "<br>") for label in labels], 0
    every = max(1, math.ceil((metrics.height() + GAP) / (slot + GAP)))
    # Category names must differ: the blank ones are runs of zero-width spaces.
    shown = [label if n % every == 0 else "\u200b" * (n + 1) for n, label in enumerate(labels)]
    return shown, -90


class ChartPanel(QFrame):
    """One chart and its key; the month axis refitted whenever the chart's width changes.
    A chart with nothing to show gives its place to its title and the reason."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        from ui.chart_legend import ChartLegend

        super().__init__(parent)
        self.setObjectName(f"panel_{key}")
        self.view = QChartView(objectName=f"chart_{key}")
        # A chart is read, not used: Tab goes past it (the page scrolls to what it reaches).
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(MIN_HEIGHT)
        self.legend = ChartLegend(f"legend_{key}")
        self.labels: list[str] = []
        self.pages = QStackedWidget()
        self.pages.addWidget(self.view)
        self.pages.addWidget(self._nothing_page(key))
        # What the chart leaves out or counts differently (see models.insights.chart_note).
        self.note = QLabel(objectName=f"note_{key}")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 6)
        layout.setSpacing(2)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.note)

    def _nothing_page(self, key: str) -> QWidget:
        page = QFrame(objectName=f"nothing_{key}")
        page.setFrameShape(QFrame.Shape.StyledPanel)
        page.setMinimumHeight(250)
        self.nothing_title = QLabel(objectName=f"nothing_title_{key}")
        self.nothing = QLabel(objectName=f"nothing_why_{key}")
        for label in (self.nothing_title, self.nothing):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
        font = self.nothing_title.font()
        font.setBold(True)
        self.nothing_title.setFont(font)
        layout = QVBoxLayout(page)
        layout.addWidget(self.nothing_title)
        layout.addStretch(1)
        layout.addWidget(self.nothing)
        layout.addStretch(2)
        return page

    def chart(self) -> QChart:
        return self.view.chart()

    def show_built(self, built: Built, nothing: str | None = None, note: str = "") -> None:
        """Show ``built``, or, when there is ``nothing`` to show, its title and why;
        ``note`` under it (what it leaves out)."""
        self.note.setText(note)
        self.note.setVisible(bool(note))
        old = self.view.chart()
        self.view.setChart(built.chart)
        title = built.chart.title()
        self.view.setAccessibleName(f"Chart: {title}")
        if old is not None and old is not built.chart:
            old.deleteLater()
        self.labels = built.labels
        self.view.setMinimumHeight(built.height)
        self.nothing_title.setText(title)
        self.nothing.setText(nothing or "")
        self.pages.setCurrentIndex(1 if nothing else 0)
        self.legend.show_entries([] if nothing else built.key)
        built.chart.plotAreaChanged.connect(self._on_plot_area_changed)
        self._on_plot_area_changed(built.chart.plotArea())

    def month_axis(self) -> QBarCategoryAxis | None:
        for axis in self.chart().axes(Qt.Orientation.Horizontal):
            if isinstance(axis, QBarCategoryAxis):
                return axis
        return None

    @Slot(QRectF)
    def _on_plot_area_changed(self, area: QRectF) -> None:
        axis = self.month_axis()
        if axis is None or not self.labels or area.width() <= 0:
            return
        texts, angle = fitted_labels(self.labels, area.width(), QFontMetricsF(axis.labelsFont()))
        if axis.categories() != texts:
            axis.setCategories(texts)
        if axis.labelsAngle() != angle:
            axis.setLabelsAngle(angle)
