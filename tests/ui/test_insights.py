"""The Insights view: charts over a date range, and the PDF report."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from pypdf import PdfReader
from PySide6.QtCharts import QBarCategoryAxis, QValueAxis
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFontMetricsF, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QToolTip

from models import display
from models.business import BusinessProfile, save_profile
from models.categories import add_category
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from models.demo import add_demo_data
from models.redress import Given
from models.redress import write as write_redress
from models.tables import Complaint, Redress


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
    assert view.summary.text() == f"{data.total:,} complaints received in these dates."
    # The dates are said once, in the boxes: not again in another style beside them.
    assert str(data.period.start.year) not in view.summary.text()
    # A narrower period gives fewer complaints.
    view.start.setDate(QDate(dt.date.today() - dt.timedelta(days=31)))
    qtbot.waitUntil(lambda: view.data is not None and view.data.total < data.total, timeout=10_000)
    report = tmp_path / "report.pdf"
    qtbot.waitUntil(view.report.isEnabled, timeout=10_000)  # once the new figures are in
    assert view.save_report(report)
    text = "\n".join(page.extract_text() for page in PdfReader(report).pages)
    assert "Root causes" in text or "root cause" in text.lower()


def test_saving_the_report_from_the_button_says_where_it_is(
    qtbot, window, tmp_path, monkeypatch
) -> None:
    from ui import file_dialogs, messages

    add_demo_data(40, seed=3)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    view = window.insights
    qtbot.waitUntil(lambda: view.report.isEnabled(), timeout=10_000)
    target = tmp_path / "report.pdf"
    monkeypatch.setattr(file_dialogs, "save_file", lambda *args: str(target))
    told: list[str] = []
    monkeypatch.setattr(messages, "inform", lambda _parent, _title, text: told.append(text))
    qtbot.mouseClick(view.report, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(told), timeout=20_000)
    assert told == [f"The report is in {target}."]
    assert PdfReader(target).pages


# --- readable charts ----------------------------------------------------------------------

SCREENS = [(1366, 768), (1024, 768)]
LONG = "Out of stock, discontinued, or not as described on our website or in store"
COUNTS = ("per_month", "causes", "satisfaction")


@pytest.fixture
def busy_year(db):
    """A year of sample complaints, a category with a long name among the busiest."""
    add_demo_data(300, seed=6)
    long = add_category(LONG)
    start = dt.datetime.now() - dt.timedelta(days=200)
    for name in ("Gift cards", "Repairs by post"):  # more categories than the chart has bars
        log_complaint(CustomerDetails(name="Jo"), ComplaintDetails(account="x", received_at=start,
                      category_id=add_category(name).id), author="Sam", now=start)  # fmt: skip
    for number in range(40):
        log_complaint(
            CustomerDetails(name=f"Customer {number}"),
            ComplaintDetails(account="Not in stock.", category_id=long.id,
                             received_at=start + dt.timedelta(days=number * 4)),
            author="Sam", now=start + dt.timedelta(days=number * 4),
        )  # fmt: skip


def open_insights(qtbot, window, width: int = 1366, height: int = 768):
    window.resize(width, height)
    window.show_insights()
    view = window.insights
    qtbot.waitUntil(lambda: view.data is not None and view.ledger is not None, timeout=10_000)
    for _ in range(5):
        QApplication.processEvents()
    return view


def month_axis_fits(panel) -> None:
    """Every month named whole, in a label that fits its bar's width (or, turned
    upright, its height does): Qt neither cuts it short nor drops it."""
    axis = panel.month_axis()
    assert axis.truncateLabels() is False
    chart = panel.chart()
    texts = axis.categories()
    slot = chart.plotArea().width() / len(texts)
    metrics = QFontMetricsF(axis.labelsFont())
    for text in texts:
        if axis.labelsAngle() == 0:
            for line in text.split("<br>"):
                assert metrics.horizontalAdvance(line) <= slot, (panel.objectName(), text)
        else:
            assert metrics.height() <= slot
    return [text.replace("<br>", " ") for text in texts]


def causes_shown(panel) -> list[str]:
    """The causes the chart names, from the top: each whole, its lines given the room
    of its bar (Qt drops a label that would overlap the next)."""
    (axis,) = [a for a in panel.chart().axes(Qt.Orientation.Vertical)
               if isinstance(a, QBarCategoryAxis)]  # fmt: skip
    assert axis.truncateLabels() is False
    labels = axis.categories()
    slot = panel.chart().plotArea().height() / len(labels)
    metrics = QFontMetricsF(axis.labelsFont())
    shown = []
    for label in labels[::-1]:
        lines = label.split("<br>")
        assert len(lines) * metrics.height() <= slot, label
        document = QTextDocument()
        document.setHtml(" ".join(lines))
        shown.append(document.toPlainText())
    return shown


def test_a_long_or_odd_cause_name_is_shown_whole(qtbot, window, busy_year) -> None:
    from models.tables import RootCause

    odd = "<b>Stock</b> not checked against the order before it left the warehouse & van"
    busiest = Complaint.select(Complaint.root_cause).where(Complaint.root_cause.is_null(False))
    cause = RootCause.get_by_id(busiest.first().root_cause_id)
    cause.name = odd
    cause.save()
    for width, height in SCREENS:
        view = open_insights(qtbot, window, width, height)
        assert odd in causes_shown(view.charts["causes"])


def not_clipped(label: QLabel) -> bool:
    inside = label.contentsRect()
    return inside.width() > 0 and label.heightForWidth(inside.width()) <= inside.height()


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_months_and_names_are_written_whole(qtbot, window, busy_year, width, height) -> None:
    view = open_insights(qtbot, window, width, height)
    months = [display.month_of(month) for month in view.data.months]
    assert months[-1] == display.month(dt.date.today())
    for key in ("per_month", "response", "resolution", "satisfaction", "redress"):
        assert month_axis_fits(view.charts[key]) == months, key
    assert causes_shown(view.charts["causes"]) == [name for name, _c, _s in view.data.causes[:10]]

    legend = view.charts["per_month"].legend
    categories = set(view.data.per_month_by_category)
    assert LONG in legend.names()
    ranked = sorted(categories, key=lambda name: -sum(view.data.per_month_by_category[name]))
    assert legend.names()[:10] == ranked[:10]
    assert legend.names()[10:] == [f"{len(ranked) - 10} more categories"]
    (reading,) = view.charts["causes"].legend.names()
    assert reading.startswith("The first ") and "of the complaints with a cause" in reading
    for panel in view.charts.values():
        for entry in panel.legend.entries:
            assert entry.isVisible() and not_clipped(entry.name), entry.name.text()
            assert panel.legend.rect().contains(entry.geometry())


def test_counts_are_marked_in_whole_numbers(qtbot, window, busy_year) -> None:
    view = open_insights(qtbot, window)
    for key in COUNTS:
        (axis,) = [a for a in view.charts[key].chart().axes() if isinstance(a, QValueAxis)]
        assert axis.tickType() == QValueAxis.TickType.TicksDynamic, key
        step = axis.tickInterval()
        assert step >= 1 and step == int(step), key
        assert axis.min() == 0 and axis.max() % step == 0, key
        assert axis.labelFormat() == "%.0f", key


def test_each_time_chart_has_one_unit(qtbot, window, busy_year) -> None:
    view = open_insights(qtbot, window)
    for key, figures in (("response", view.data.first_response),
                         ("resolution", view.data.resolution)):  # fmt: skip
        chart = view.charts[key].chart()
        (axis,) = chart.axes(Qt.Orientation.Vertical)
        assert axis.titleText() == figures.unit and chart.title().endswith(f"({figures.unit})")
    assert view.data.resolution.unit == "days"  # weeks for some, so no chart mixes units


def test_one_first_response_shows_as_a_bar(qtbot, window) -> None:
    received = dt.datetime.now().replace(microsecond=0) - dt.timedelta(hours=5)
    saved = log_complaint(CustomerDetails(name="Jo"), ComplaintDetails(account="x",
                          received_at=received), author="Sam", now=received)  # fmt: skip
    Complaint.update(first_response_at=received + dt.timedelta(hours=3)).where(
        Complaint.id == saved.id
    ).execute()
    view = open_insights(qtbot, window)
    chart = view.charts["response"].chart()
    month = view.data.months.index(f"{received:%Y-%m}")
    (series,) = chart.series()
    (bars,) = series.barSets()
    assert bars.at(month) == pytest.approx(3.0)
    (axis,) = chart.axes(Qt.Orientation.Vertical)
    assert axis.min() == 0 and axis.max() >= 3.0 and axis.titleText() == "hours"


# --- the redress ledger -------------------------------------------------------------------


def test_the_ledger_lists_redress_in_the_shops_currency_and_exports_it(
    qtbot, window, tmp_path, no_questions
) -> None:
    save_profile(BusinessProfile(name="Corner Cycles", signatory_name="Sam", currency="EUR"))
    given = (("Ana Souza", "refund", 20.1), ("Ben Okafor", "credit", 5.25),
             ("Cal Evans", "refund", None), ("Dee Shah", "none", None))  # fmt: skip
    for number, (name, kind, value) in enumerate(given):
        when = dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=3 - number)
        saved = log_complaint(CustomerDetails(name=name), ComplaintDetails(account="x",
                              received_at=when), author="Sam", now=when)  # fmt: skip
        write_redress(saved.id, (Given(kind, value),))
    view = open_insights(qtbot, window, 1024, 768)
    ledger = view.ledger_view
    model = ledger.table.model()

    def row(number: int) -> list[str]:
        return [model.index(number, column).data() for column in range(model.columnCount())]

    assert model.rowCount() == 3  # "None" is no redress given
    assert row(0)[2:] == ["Ana Souza", "Refund", "€20.10"]
    assert row(2)[2:] == ["Cal Evans", "Refund", ""]
    assert model.headerData(4, Qt.Orientation.Horizontal) == "Value (EUR)"
    kinds = ledger.kind_table.model()
    totals = {kinds.index(r, 0).data(): (kinds.index(r, 1).data(), kinds.index(r, 2).data())
              for r in range(kinds.rowCount())}  # fmt: skip
    stored = Redress.select().where(Redress.kind == "refund")
    valued = sum(r.value or 0 for r in stored)
    assert totals["Refund"] == (str(stored.count()), f"€{valued:.2f} + 1 with no value")
    assert totals["All redress"] == ("3", "€25.35 + 1 with no value")
    assert ledger.summary.text().startswith("3 things given to put complaints right")
    assert "€25.35" in ledger.summary.text()
    assert view.charts["redress"].chart().title() == "Redress given per month (EUR)"

    target = tmp_path / "ledger.csv"
    ledger.export(target)
    qtbot.waitUntil(lambda: bool(no_questions), timeout=10_000)
    assert no_questions == [f"The redress ledger is in {target}."]
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert rows[0] == ["\ufeffReceived", "Reference", "Customer", "Redress", "Value (EUR)"]
    assert rows[1][2:] == ["Ana Souza", "Refund", "20.10"]

    report = tmp_path / "report.pdf"
    assert view.save_report(report)
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(report).pages)
    assert "Redress ledger" in text and "Value (EUR)" in text
    assert "Ana Souza Refund €20.10" in text
    assert "All redress 3 €25.35 + 1 with no value" in text


def test_the_ledger_exports_to_an_excel_workbook(
    qtbot, window, tmp_path, no_questions, monkeypatch
) -> None:
    """The ledger could only be saved as CSV, and a name ending .xlsx got CSV text
    inside, which Excel would not open."""
    import openpyxl
    from PySide6.QtWidgets import QFileDialog

    save_profile(BusinessProfile(name="Corner Cycles", signatory_name="Sam", currency="GBP"))
    when = dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=1)
    for name, value in (("王芳", 12.5), ('=HYPERLINK("http://x")', None)):
        saved = log_complaint(CustomerDetails(name=name), ComplaintDetails(account="x",
                              received_at=when), author="Sam", now=when)  # fmt: skip
        write_redress(saved.id, (Given("refund", value),))
    view = open_insights(qtbot, window, 1024, 768)
    ledger = view.ledger_view
    assert "CSV" not in ledger.export_button.text()
    offered = []

    def choose(_parent, _title, suggested, filters):
        offered.append((suggested, filters))
        return str(tmp_path / "ledger"), "Excel workbook (*.xlsx)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    qtbot.mouseClick(ledger.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(no_questions), timeout=10_000)
    target = tmp_path / "ledger.xlsx"
    assert no_questions == [f"The redress ledger is in {target}."]
    assert offered[0][0].endswith(".xlsx") and "CSV" in offered[0][1]
    sheet = openpyxl.load_workbook(target).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Received", "Reference", "Customer", "Redress", "Value (GBP)"]
    assert rows[1][0].date() == when.date() and rows[1][2:] == ["王芳", "Refund", 12.5]
    assert rows[2][2] == '=HYPERLINK("http://x")' and rows[2][4] is None  # text, not a formula
    assert sheet.cell(2, 5).number_format == '"£"0.00'
    assert ["All redress", 2, 12.5, 1] in [row[:4] for row in rows]


def test_a_kind_given_with_no_value_is_not_totalled_as_nothing(qtbot, window) -> None:
    """Two replacements with no value said were totalled "£0.00", as if worth nothing."""
    when = dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=1)
    saved = log_complaint(CustomerDetails(name="Dee Shah"), ComplaintDetails(account="x",
                          received_at=when), author="Sam", now=when)  # fmt: skip
    write_redress(saved.id, (Given("replacement"), Given("refund", 4.5)))
    other = log_complaint(CustomerDetails(name="Cy Dunn"), ComplaintDetails(account="y",
                          received_at=when), author="Sam", now=when)  # fmt: skip
    write_redress(other.id, (Given("replacement"), Given("refund")))
    third = log_complaint(CustomerDetails(name="Bo Li"), ComplaintDetails(account="z",
                          received_at=when), author="Sam", now=when)  # fmt: skip
    write_redress(third.id, (Given("goodwill gesture", 1234.5), Given("repair")))
    view = open_insights(qtbot, window, 1024, 768)
    kinds = view.ledger_view.kind_table.model()
    totals = {kinds.index(r, 0).data(): (kinds.index(r, 1).data(), kinds.index(r, 2).data())
              for r in range(kinds.rowCount())}  # fmt: skip
    assert totals["Replacement"] == ("2", "no value given")
    # One refund's value is not known: the sum of the other is not passed off as both.
    assert totals["Refund"] == ("2", f"{display.money(4.5)} + 1 with no value")
    # Every total is read whole at 1,024 pixels, the sum of them all the longest.
    cut = []
    for table in (view.ledger_view.kind_table, view.ledger_view.month_table):
        model = table.model()
        for row in range(model.rowCount()):
            for column in range(model.columnCount()):
                text = model.index(row, column).data()
                if table.fontMetrics().horizontalAdvance(text) + 8 > table.columnWidth(column):
                    cut.append(text)
    assert cut == []
    said = view.ledger_view.summary.text()
    assert f"worth {display.money(1239)} (4 of them with no value given)" in said


def test_hovering_a_bar_says_its_figure_and_names_are_plain_text(qtbot, window) -> None:
    marked = add_category("Tools & <b>Hardware</b>")
    when = dt.datetime.now().replace(microsecond=0) - dt.timedelta(hours=2)
    log_complaint(CustomerDetails(name="Jo"), ComplaintDetails(account="x", category_id=marked.id,
                  received_at=when), author="Sam", now=when)  # fmt: skip
    view = open_insights(qtbot, window)
    (series,) = view.charts["per_month"].chart().series()
    (bars,) = [b for b in series.barSets() if b.label() == "Tools & <b>Hardware</b>"]
    month = view.data.months.index(f"{when:%Y-%m}")
    bars.hovered.emit(True, month)
    shown = QTextDocument()
    shown.setHtml(QToolTip.text())
    assert shown.toPlainText() == (
        f"{display.month(when.date())}: Tools & <b>Hardware</b>, 1 complaint"
    )


# --- charts with nothing to show ----------------------------------------------------------


def said_in_place_of(view, key: str) -> str:
    """What stands in a chart's place when it has nothing to show ("" when it shows)."""
    panel = view.charts[key]
    if panel.view.isVisible():
        return ""
    reason = panel.findChild(QLabel, f"nothing_why_{key}")
    assert reason.isVisible() and not_clipped(reason)
    title = panel.findChild(QLabel, f"nothing_title_{key}")
    assert title.isVisible() and title.text() == panel.chart().title()
    return reason.text()


def test_an_empty_period_says_why_each_chart_is_empty(qtbot, window) -> None:
    view = open_insights(qtbot, window, 1024, 768)
    for key in view.charts:
        said = said_in_place_of(view, key)
        if key == "satisfaction":
            assert said.startswith("No satisfaction checks were done in this period, so")
        else:
            assert said.startswith("No complaints were received in this period, so"), key
    assert said_in_place_of(view, "resolution").endswith("so there is no resolution time to show.")


def test_a_chart_says_why_it_is_empty_beside_charts_that_show(qtbot, window) -> None:
    when = dt.datetime.now().replace(microsecond=0) - dt.timedelta(hours=2)
    log_complaint(CustomerDetails(name="Jo"), ComplaintDetails(account="x", received_at=when),
                  author="Sam", now=when)  # fmt: skip
    view = open_insights(qtbot, window)
    assert said_in_place_of(view, "per_month") == ""
    assert said_in_place_of(view, "repeat") == ""
    assert said_in_place_of(view, "resolution") == (
        "No complaint received in this period has been closed yet, "
        "so there is no resolution time to show."
    )
    assert said_in_place_of(view, "causes") == (
        "No root cause was recorded for the complaints received in this period, "
        "so there are no root causes to rank."
    )
    assert said_in_place_of(view, "redress").startswith("No redress with a value was given")


def test_after_an_import_the_time_charts_say_what_they_leave_out(qtbot, window) -> None:
    from tests.models.test_insights import imported_day_only_log

    received = dt.date.today() - dt.timedelta(days=10)
    imported_day_only_log(received)
    view = open_insights(qtbot, window)
    month = view.data.months.index(f"{received:%Y-%m}")
    # The closing counts from the day received, in whole days; the first response,
    # given in the app after the import, is left out (how long it waited is unknown).
    chart = view.charts["resolution"].chart()
    assert chart.title().endswith("(days)")
    (series,) = chart.series()
    (bars,) = series.barSets()
    assert bars.at(month) == pytest.approx(1.5)
    note = view.charts["response"].findChild(QLabel, "note_response")
    assert note.isVisible() and not_clipped(note)
    assert note.text().startswith("Left out: 1 complaint with no response recorded")
    assert "first answered after the import" in note.text()
    note = view.charts["resolution"].findChild(QLabel, "note_resolution")
    assert note.text() == "2 complaints imported with a day but no time are counted in whole days."
    assert not view.charts["per_month"].findChild(QLabel, "note_per_month").isVisible()


def test_a_range_typed_the_wrong_way_round_is_shown_the_right_way(qtbot, window) -> None:
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    view = window.insights
    qtbot.waitUntil(lambda: view.data is not None, timeout=10_000)
    view.start.setFocus()
    view.start.edit.selectAll()
    qtbot.keyClicks(view.start.edit, "1 Nov 2026")
    qtbot.keyClick(view.start.edit, Qt.Key.Key_Return)
    view.end.setFocus()
    view.end.edit.selectAll()
    qtbot.keyClicks(view.end.edit, "1 Nov 2025")
    qtbot.keyClick(view.end.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: view.data is not None and view.data.period.start == dt.date(2025, 11, 1),
        timeout=10_000,
    )
    assert view.start.date().toPython() == dt.date(2025, 11, 1)
    assert view.end.date().toPython() == dt.date(2026, 11, 1)


def test_a_long_word_on_the_figures_never_makes_the_window_wider_than_the_screen(
    qtbot, window
) -> None:
    """Insights opened while the server could not be reached: its sentence made the
    window 1,190 pixels wide on a 1,024-pixel screen, and Save changes went off it."""
    view = open_insights(qtbot, window, 1024, 768)
    view.summary.setText(
        "The figures could not be worked out: the server cannot be reached. They are "
        "worked out again once it is back."
    )
    for _ in range(3):
        QApplication.processEvents()
    # What the view asks for at the least, beside the log, fits the screen.
    assert view.minimumSizeHint().width() <= 1024 - 40
