"""Insights: which kinds of mistakes keep happening, how fast the shop answers,
and what it costs. Charts over a date range, and a PDF of them for a staff
meeting. The figures are worked out off the window's thread."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QPieSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QMargins, Qt, Signal, Slot
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from models import display
from models.display import after_colon
from models.errors import BusyError
from models.insights import Insights, Period, insights
from models.os_errors import describe_os_error
from ui import file_dialogs, messages
from ui.fit import name_inner_fields
from ui.storage_reads import read_problem
from ui.workers import run_in_background

DEFAULT_MONTHS = 12
MAX_BARS = 10  # categories and causes beyond these are summed as "Other"


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(4, 4, 4, 4))
    return chart


def _month_label(month: str) -> str:
    return dt.date.fromisoformat(month + "-01").strftime("%b %y")


def _axes(chart: QChart, series, categories: list[str], value_title: str = "") -> None:
    x = QBarCategoryAxis()
    x.append(categories)
    y = QValueAxis()
    y.setLabelFormat("%.0f")
    if value_title:
        y.setTitleText(value_title)
    chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
    for item in series if isinstance(series, list) else [series]:
        item.attachAxis(x)
        item.attachAxis(y)


class InsightsView(QWidget):
    # Damage or a busy file met while the figures were worked out (a StorageError).
    read_failed = Signal(object)

    def __init__(self, today: Callable[[], dt.date] = dt.date.today, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("insights_view")
        self._today = today
        self.data: Insights | None = None
        self._pending = False
        end = today()
        start = Period.last_months(DEFAULT_MONTHS, end).start
        self.start = QDateEdit(QDate(start), objectName="insights_from")
        self.end = QDateEdit(QDate(end), objectName="insights_to")
        for edit, name in ((self.start, "From"), (self.end, "To")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setAccessibleName(f"{name} date")
        self.summary = QLabel(objectName="insights_summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.report = QPushButton("Save report as PDF…", objectName="insights_report")
        self.report.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(QLabel("From"))
        top.addWidget(self.start)
        top.addWidget(QLabel("to"))
        top.addWidget(self.end)
        top.addWidget(self.summary, 1)
        top.addWidget(self.report)

        self.charts: dict[str, QChartView] = {}
        grid = QGridLayout()
        for number, key in enumerate(
            ("per_month", "causes", "times", "satisfaction", "redress", "repeat")
        ):
            view = QChartView(objectName=f"chart_{key}")
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(260)
            self.charts[key] = view
            grid.addWidget(view, number // 2, number % 2)
        inner = QWidget()
        inner.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        self.start.dateChanged.connect(self.refresh)
        self.end.dateChanged.connect(self.refresh)
        self.report.clicked.connect(self._on_report_clicked)
        name_inner_fields(self)

    # --- figures ----------------------------------------------------------------------
    def period(self) -> Period:
        start, end = self.start.date().toPython(), self.end.date().toPython()
        return Period(min(start, end), max(start, end))

    @Slot()
    def refresh(self, *_args: object) -> None:
        """Work the figures out in the background, then draw them."""
        period = self.period()
        self._pending = True
        self.summary.setText("Working out the figures…")
        run_in_background(lambda: insights(period), self._on_ready, self._on_failed)

    def show_insights(self, data: Insights) -> None:
        self.data = data
        self._pending = False
        self.report.setEnabled(True)
        months = [_month_label(m) for m in data.months]
        self.summary.setText(
            f"{display.count(data.total, 'complaint')} from "
            f"{display.written_date(data.period.start)} to {display.written_date(data.period.end)}."
        )
        self.charts["per_month"].setChart(self._per_month(data, months))
        self.charts["causes"].setChart(self._causes(data))
        self.charts["times"].setChart(self._times(data, months))
        self.charts["satisfaction"].setChart(self._satisfaction(data, months))
        self.charts["redress"].setChart(self._redress(data, months))
        self.charts["repeat"].setChart(self._repeat(data))

    def _on_ready(self, data: object) -> None:
        if isinstance(data, Insights) and data.period == self.period():
            self.show_insights(data)

    def _on_failed(self, error: BaseException) -> None:
        self._pending = False
        problem = read_problem(error)
        if problem is None:
            self.summary.setText(f"The figures could not be worked out: {error}")
            return
        if isinstance(problem, BusyError):
            self.summary.setText(
                "The figures could not be worked out: the data file is busy in another"
                " program. Try again in a moment."
            )
        else:
            self.summary.setText("The figures could not be worked out: the data file is damaged.")
        self.read_failed.emit(problem)

    # --- charts -------------------------------------------------------------------------
    def _per_month(self, data: Insights, months: list[str]) -> QChart:
        chart = _chart("Complaints per month, by category")
        ranked = sorted(data.per_month_by_category.items(), key=lambda kv: -sum(kv[1]))
        shown, rest = ranked[:MAX_BARS], ranked[MAX_BARS:]
        if rest:
            other = [sum(values[i] for _name, values in rest) for i in range(len(months))]
            shown.append(("Other", other))
        series = QStackedBarSeries()
        for name, values in shown:
            bars = QBarSet(name)
            bars.append([float(v) for v in values])
            series.append(bars)
        chart.addSeries(series)
        _axes(chart, series, months)
        return chart

    def _causes(self, data: Insights) -> QChart:
        chart = _chart("Root causes (Pareto)")
        causes = data.causes[:MAX_BARS]
        bars = QBarSet("Complaints")
        bars.append([float(count) for _name, count, _share in causes])
        series = QBarSeries()
        series.append(bars)
        chart.addSeries(series)
        names = [name for name, _count, _share in causes] or ["(none recorded)"]
        _axes(chart, series, names)
        line = QLineSeries()
        line.setName("Cumulative share %")
        for number, (_name, _count, share) in enumerate(causes):
            line.append(number, share * 100)
        chart.addSeries(line)
        share_axis = QValueAxis()
        share_axis.setRange(0, 100)
        share_axis.setLabelFormat("%.0f%%")
        chart.addAxis(share_axis, Qt.AlignmentFlag.AlignRight)
        line.attachAxis(share_axis)
        line.attachAxis(chart.axes(Qt.Orientation.Horizontal)[0])
        return chart

    def _times(self, data: Insights, months: list[str]) -> QChart:
        chart = _chart("Median time to first response (hours) and to resolution (days)")
        response, resolution = QLineSeries(), QLineSeries()
        response.setName("First response, hours")
        resolution.setName("Resolution, days")
        for number in range(len(months)):
            hours = data.median_first_response_hours[number]
            days = data.median_resolution_days[number]
            if hours is not None:
                response.append(number, hours)
            if days is not None:
                resolution.append(number, days)
        chart.addSeries(response)
        chart.addSeries(resolution)
        _axes(chart, [response, resolution], months)
        values = [v for v in data.median_first_response_hours + data.median_resolution_days if v]
        y_axis = chart.axes(Qt.Orientation.Vertical)[0]
        y_axis.setRange(0, max(values, default=1) * 1.15)  # both lines, from zero
        y_axis.setLabelFormat("%.1f")
        return chart

    def _satisfaction(self, data: Insights, months: list[str]) -> QChart:
        chart = _chart("Satisfaction checks: satisfied and not")
        happy, unhappy = QBarSet("Satisfied"), QBarSet("Not satisfied")
        happy.append([float(s) for s, _n in data.satisfaction])
        unhappy.append([float(n) for _s, n in data.satisfaction])
        series = QStackedBarSeries()
        series.append(happy)
        series.append(unhappy)
        chart.addSeries(series)
        _axes(chart, series, months)
        checks = sum(s + n for s, n in data.satisfaction)
        share = sum(s for s, _n in data.satisfaction) / checks if checks else None
        if share is not None:
            chart.setTitle(f"Satisfaction checks: {share:.0%} satisfied")
        return chart

    def _redress(self, data: Insights, months: list[str]) -> QChart:
        symbol = display.currency_symbol()
        chart = _chart(f"Redress given per month ({symbol or 'value'})")
        series = QStackedBarSeries()
        for name, values in data.redress_per_month.items():
            bars = QBarSet(name)
            bars.append([float(v) for v in values])
            series.append(bars)
        chart.addSeries(series)
        _axes(chart, series, months)
        return chart

    def _repeat(self, data: Insights) -> QChart:
        chart = _chart("Customers by number of complaints")
        once, twice, more = data.repeat_customers
        series = QPieSeries()
        for label, count in (("Once", once), ("Twice", twice), ("3 or more", more)):
            if count:
                series.append(f"{label}: {count:,}", count)
        chart.addSeries(series)
        return chart

    # --- report -------------------------------------------------------------------------
    def save_report(self, path: Path) -> bool:
        if self.data is None:
            return False
        from letters.insights_report import render_insights_report
        from models.business import load_profile

        profile = load_profile()
        name = profile.name if profile else ""
        try:
            path.write_bytes(render_insights_report(self.data, name))
        except OSError as exc:
            why = describe_os_error(exc, outcome="so the report was not saved")
            messages.warn(self, "Not saved", f"The report could not be saved: {after_colon(why)}")
            return False
        return True

    @Slot()
    def _on_report_clicked(self) -> None:
        if self.data is None:
            return
        suggested = (
            f"complaints-report-{self.data.period.start:%Y%m%d}-{self.data.period.end:%Y%m%d}.pdf"
        )
        target = file_dialogs.save_file(self, "report", "Save report", suggested, "PDF (*.pdf)")
        if target:
            self.save_report(Path(target))
