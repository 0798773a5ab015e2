"""The Insights view: charts over a date range, and the PDF report."""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt

from models.demo import add_demo_data


def test_charts_for_the_chosen_period_and_a_report(qtbot, window, tmp_path) -> None:
    add_demo_data(400, seed=6)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    view = window.insights
    assert window.views.currentIndex() == 2
    qtbot.waitUntil(lambda: view.data is not None, timeout=10_000)
    data = view.data
    assert data.total > 0
    assert sum(sum(values) for values in data.per_month_by_category.values()) == data.total
    for key, chart_view in view.charts.items():
        assert chart_view.chart().series(), key
    assert view.summary.text().startswith(f"{data.total:,} complaints from")
    # A narrower period gives fewer complaints.
    view.start.setDate(QDate(dt.date.today() - dt.timedelta(days=31)))
    qtbot.waitUntil(lambda: view.data is not None and view.data.total < data.total, timeout=10_000)
    report = tmp_path / "report.pdf"
    assert view.save_report(report)
    text = "\n".join(page.extract_text() for page in PdfReader(report).pages)
    assert "Root causes" in text or "root cause" in text.lower()
