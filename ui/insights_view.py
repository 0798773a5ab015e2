"""Insights: which kinds of mistakes keep happening, how fast the shop answers,
and what it costs. Charts over a date range, and a PDF of them for a staff
meeting. The figures are worked out off the window's thread."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, QSignalBlocker, Qt, Signal, Slot
from PySide6.QtWidgets import (
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
from models.errors import BusyError, ServerAway
from models.insights import CHARTS, Insights, Period, chart_note, insights, nothing_to_show
from models.os_errors import describe_os_error
from models.redress_ledger import RedressLedger, redress_ledger
from ui import file_dialogs, insights_charts, messages
from ui.day_box import DayBox
from ui.fit import name_inner_fields
from ui.insights_charts import ChartPanel
from ui.redress_ledger_view import RedressLedgerView
from ui.storage_reads import read_problem
from ui.workers import run_in_background

DEFAULT_MONTHS = 12
TWO_COLUMNS_FROM = 1200  # pixels of width: below it the charts are one above the other


class InsightsView(QWidget):
    # Damage or a busy file met while the figures were worked out (a StorageError).
    read_failed = Signal(object)

    def __init__(self, today: Callable[[], dt.date] = dt.date.today, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("insights_view")
        self._today = today
        self.data: Insights | None = None
        self.ledger: RedressLedger | None = None
        self._pending = False
        end = today()
        start = Period.last_months(DEFAULT_MONTHS, end).start
        self.start = DayBox(QDate(start), objectName="insights_from", ahead=False)
        self.end = DayBox(QDate(end), objectName="insights_to", ahead=False)
        for edit, name in ((self.start, "From"), (self.end, "To")):
            edit.setAccessibleName(f"{name} date")
        self.summary = QLabel(objectName="insights_summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        # Wrapped in the room there is: a long sentence (the server cannot be
        # reached…) made the window wider than a 1,024-pixel screen.
        self.summary.setWordWrap(True)
        self.summary.setMinimumWidth(1)
        self.report = QPushButton("Save report as PDF…", objectName="insights_report")
        self.report.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(QLabel("From"))
        top.addWidget(self.start)
        top.addWidget(QLabel("to"))
        top.addWidget(self.end)
        top.addWidget(self.summary, 1)
        top.addWidget(self.report)

        self.charts: dict[str, ChartPanel] = {key: ChartPanel(key) for key in CHARTS}
        self.ledger_view = RedressLedgerView()
        self.grid = QGridLayout()
        self._columns = 0
        self._lay_out(2)
        inner = QWidget(objectName="insights_charts")
        inner.setLayout(self.grid)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.scroll, 1)
        self.start.dateChanged.connect(self.refresh)
        self.end.dateChanged.connect(self.refresh)
        self.report.clicked.connect(self._on_report_clicked)
        name_inner_fields(self)

    # --- layout -------------------------------------------------------------------------
    def _lay_out(self, columns: int) -> None:
        """The charts in ``columns`` columns, the ledger across the bottom."""
        if columns == self._columns:
            return
        self._columns = columns
        for panel in self.charts.values():
            self.grid.removeWidget(panel)
        self.grid.removeWidget(self.ledger_view)
        for number, panel in enumerate(self.charts.values()):
            self.grid.addWidget(panel, number // columns, number % columns)
        self.grid.addWidget(self.ledger_view, len(self.charts) // columns + 1, 0, 1, columns)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._lay_out(2 if event.size().width() >= TWO_COLUMNS_FROM else 1)

    # --- figures ----------------------------------------------------------------------
    def period(self) -> Period:
        start, end = self.start.date().toPython(), self.end.date().toPython()
        return Period(min(start, end), max(start, end))

    @Slot()
    def refresh(self, *_args: object) -> None:
        """Work the figures and the ledger out in the background (side by side), then
        show each as it is ready."""
        period = self.period()
        if self.start.date().toPython() > period.start:  # typed the wrong way round:
            blockers = (QSignalBlocker(self.start), QSignalBlocker(self.end))  # the boxes
            self.start.setDate(period.start)  # say the range the figures are for
            self.end.setDate(period.end)
            del blockers
        self._pending = True
        self.report.setEnabled(False)
        self.summary.setText("Working out the figures…")
        run_in_background(lambda: insights(period), self._on_ready, self._on_failed)
        run_in_background(
            lambda: redress_ledger(period), self._on_ledger_ready, self._on_ledger_failed
        )

    def show_insights(self, data: Insights) -> None:
        self.data = data
        self._pending = False
        # The dates are in the boxes beside it: said again in another style, two ways
        # of writing a date stood side by side.
        self.summary.setText(f"{display.count(data.total, 'complaint')} received in these dates.")
        first_response, resolution = data.first_response, data.resolution
        built = {
            "per_month": insights_charts.per_month(data),
            "causes": insights_charts.causes(data),
            "response": insights_charts.durations(
                data, "Median time to first response", first_response, "First response"
            ),
            "resolution": insights_charts.durations(
                data, "Median time to resolution", resolution, "Resolution"
            ),
            "satisfaction": insights_charts.satisfaction(data),
            "redress": insights_charts.redress(data, display.shop_currency()),
            "repeat": insights_charts.repeat(data),
        }
        for key, chart in built.items():
            self.charts[key].show_built(chart, nothing_to_show(data, key), chart_note(data, key))
        self._enable_report()

    def show_ledger(self, ledger: RedressLedger) -> None:
        self.ledger = ledger
        self.ledger_view.show_ledger(ledger)
        self._enable_report()

    def _enable_report(self) -> None:
        """The report is of the figures and the ledger of one period: both shown."""
        data, ledger = self.data, self.ledger
        self.report.setEnabled(
            data is not None and ledger is not None and data.period == ledger.period
        )

    def _on_ready(self, data: object) -> None:
        if isinstance(data, Insights) and data.period == self.period():
            self.show_insights(data)

    def _on_ledger_ready(self, ledger: object) -> None:
        if isinstance(ledger, RedressLedger) and ledger.period == self.period():
            self.show_ledger(ledger)

    def _on_ledger_failed(self, error: BaseException) -> None:
        """Said under the ledger; what the data file's problem is, the figures' own
        reading says (once) above."""
        self.ledger_view.summary.setText("The ledger could not be worked out.")

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
        elif isinstance(problem, ServerAway):
            self.summary.setText(
                "The figures could not be worked out: the server cannot be reached. "
                "They are worked out again once it is back."
            )
        else:
            self.summary.setText("The figures could not be worked out: the data file is damaged.")
        self.read_failed.emit(problem)

    # --- report -------------------------------------------------------------------------
    def _report_job(self) -> Callable[[], bytes]:
        """What builds the PDF of what is shown; it reads no widget, so it may run off the
        window's thread."""
        from letters.insights_report import render_insights_report
        from models.business import load_profile

        profile = load_profile()
        name = profile.name if profile else ""
        data, ledger = self.data, self.ledger
        assert data is not None and ledger is not None
        return lambda: render_insights_report(data, name, ledger)

    def _say_not_saved(self, error: OSError) -> None:
        why = describe_os_error(error, outcome="so the report was not saved")
        messages.warn(self, "Not saved", f"The report could not be saved: {after_colon(why)}")

    def save_report(self, path: Path) -> bool:
        """Build the report and write it to ``path`` now (:meth:`export_report` does it off
        the window's thread)."""
        if not self.report.isEnabled():
            return False
        try:
            path.write_bytes(self._report_job()())
        except OSError as exc:
            self._say_not_saved(exc)
            return False
        return True

    def export_report(self, path: Path) -> None:
        """Build and write the report off the window's thread; say if it failed."""
        if not self.report.isEnabled():
            return
        build = self._report_job()
        self.report.setEnabled(False)
        self.report.setText("Saving the report…")

        def failed(error: BaseException) -> None:
            self._report_finished()
            if not isinstance(error, OSError):
                raise error
            self._say_not_saved(error)

        def saved(_written: object) -> None:
            self._report_finished()
            messages.inform(self, "Saved", f"The report is in {path}.")

        run_in_background(lambda: path.write_bytes(build()), saved, failed)

    def _report_finished(self) -> None:
        self.report.setText("Save report as PDF…")
        self._enable_report()

    @Slot()
    def _on_report_clicked(self) -> None:
        if self.data is None or not self.report.isEnabled():
            return
        suggested = (
            f"complaints-report-{self.data.period.start:%Y%m%d}-{self.data.period.end:%Y%m%d}.pdf"
        )
        target = file_dialogs.save_file(self, "report", "Save report", suggested, "PDF (*.pdf)")
        if target:
            self.export_report(Path(target))
