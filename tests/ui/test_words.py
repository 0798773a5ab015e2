"""The words a shop owner reads in the window every day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QListWidget, QRadioButton

from models.complaints import ComplaintDetails, log_complaint, set_status
from models.customers import CustomerDetails
from models.followups import SATISFACTION
from models.morning_list import for_complaint
from models.settings import set_user_name
from tests.ui.keyboard import type_text
from tests.ui.windows import close_window
from ui.complaint_table_model import ComplaintTableModel
from ui.followup_done_dialog import FollowUpDoneDialog
from ui.main_window import MainWindow

TODAY = dt.date(2026, 3, 18)  # a Wednesday


def log(received: dt.datetime, name: str = "Ana Souza", phone: str = ""):
    return log_complaint(
        CustomerDetails(name=name, phone=phone),
        ComplaintDetails(account="Broken strap.", received_at=received),
        author="Sam",
        now=received,
    )


def open_window(db, qtbot, today=lambda: TODAY) -> MainWindow:
    set_user_name("Sam")
    window = MainWindow(data_folder=str(db.parent), today=today)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_follow_up_one_day_late_says_one_day(db, qtbot) -> None:
    yesterday = log(dt.datetime.combine(TODAY - dt.timedelta(days=1), dt.time(10)))
    window = open_window(db, qtbot)
    try:
        window.open_complaint(yesterday.id)
        shown = window.detail.findChild(QListWidget, "complaint_followups_list")
        rows = [shown.item(n).text() for n in range(shown.count())]
        acknowledge = next(row for row in rows if "Acknowledge" in row)
        assert acknowledge.endswith("· 1 day late"), rows
        assert "Acknowledge: Acknowledge" not in acknowledge
        assert "Tue 17 Mar" in acknowledge and "2026" not in acknowledge
    finally:
        close_window(window)


def test_a_closed_complaint_is_at_no_stage(db, qtbot) -> None:
    logged = log(dt.datetime(2026, 3, 10, 10, 0))
    set_status(logged.id, "closed", author="Sam", reason="Sorted.", now=dt.datetime(2026, 3, 11))
    window = open_window(db, qtbot)
    try:
        window.open_complaint(logged.id)
        heading = window.detail.findChild(QLabel, "detail_subheading").text()
        assert heading.startswith("Closed · received")
        assert "Engage" not in heading
    finally:
        close_window(window)


def test_the_log_writes_every_received_date_in_one_style(db, qtbot) -> None:
    now = dt.datetime.now()
    last_year = now.replace(year=now.year - 1, month=6, day=10, hour=9, minute=15)
    this_year = now - dt.timedelta(days=20)
    for when in (last_year, this_year):
        log(when)
    window = open_window(db, qtbot, today=dt.date.today)
    try:
        table = window.list_view.table.model()
        qtbot.waitUntil(lambda: table.rowCount() == 2)
        received = [table.index(r, ComplaintTableModel.RECEIVED).data() for r in range(2)]
        older = last_year.strftime("%a") + f" {last_year.day} " + last_year.strftime("%b")
        assert received[1] == f"{older} {last_year.year} 09:15"
        weekday = this_year.strftime("%a")
        assert received[0].startswith(f"{weekday} {this_year.day} ")
    finally:
        close_window(window)


def test_the_acknowledge_dialog_asks_for_a_fitting_note(db, qtbot) -> None:
    logged = log(dt.datetime.combine(TODAY, dt.time(10)))
    items = for_complaint(logged.id)
    acknowledge = next(item for item in items if item.kind == "acknowledge")
    dialog = FollowUpDoneDialog(acknowledge, TODAY)
    qtbot.addWidget(dialog)
    hint = dialog.note.placeholderText()
    assert "satisf" not in hint and "acknowledged" in hint
    heading = dialog.findChildren(QLabel)[0].text()
    assert heading.splitlines()[0] == "\u2068Ana Souza\u2069"  # no phone: no stray "·"
    check = next((item for item in items if item.kind == SATISFACTION), None)
    assert check is None or "satisfied" in FollowUpDoneDialog(check, TODAY).note.placeholderText()


def test_a_promised_action_is_done_without_a_call_to_make(db, qtbot) -> None:
    from models import resolution

    logged = log(dt.datetime.combine(TODAY, dt.time(10)))
    resolution.add_action(
        logged.id, who="Priya", what="refund £34.99 to her card", due_on=TODAY, author="Sam"
    )
    action = next(item for item in for_complaint(logged.id) if item.kind == "action")
    dialog = FollowUpDoneDialog(action, TODAY)
    qtbot.addWidget(dialog)
    offered = [button.text() for button in dialog.findChildren(QRadioButton)]
    assert offered == ["&Done"]  # not "Could not reach them"
    acknowledge = next(item for item in for_complaint(logged.id) if item.kind == "acknowledge")
    called = FollowUpDoneDialog(acknowledge, TODAY)
    qtbot.addWidget(called)
    assert any("Could not reach" in b.text() for b in called.findChildren(QRadioButton))


def test_ctrl_enter_in_the_note_marks_the_follow_up_done(db, qtbot) -> None:
    logged = log(dt.datetime.combine(TODAY, dt.time(10)))
    acknowledge = next(i for i in for_complaint(logged.id) if i.kind == "acknowledge")
    dialog = FollowUpDoneDialog(acknowledge, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.note, "Rang her: she has our letter.")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == dialog.DialogCode.Accepted
    done = next(i for i in for_complaint(logged.id) if i.id == acknowledge.id)
    assert done.status == "done" and done.note == "Rang her: she has our letter."


def test_file_dialogs_start_in_documents_then_where_last_used(db, qtbot, monkeypatch, tmp_path):
    logged = log(dt.datetime.combine(TODAY, dt.time(10)))
    started_in: list[str] = []
    picked = tmp_path / "photos" / "strap.jpg"
    picked.parent.mkdir()
    picked.write_bytes(b"\xff\xd8 not really a photo")

    def pick(parent, title, folder, filters=""):
        started_in.append(folder)
        return [str(picked)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(pick))
    window = open_window(db, qtbot)
    try:
        window.open_complaint(logged.id)
        button = window.detail.facts.add_evidence
        for _ in range(2):
            with qtbot.waitSignal(window.detail.facts.files_added, timeout=30_000):
                qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    finally:
        close_window(window)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    first = Path(started_in[0])
    assert first in (Path(documents), Path.home())
    assert first != Path.cwd()
    assert Path(started_in[1]) == picked.parent


def test_keeping_one_year_says_one_year(db, qtbot) -> None:
    from PySide6.QtWidgets import QSpinBox

    from ui.preferences_dialog import PreferencesDialog

    window = open_window(db, qtbot)
    try:
        dialog = PreferencesDialog(window, today=lambda: TODAY)
        qtbot.addWidget(dialog)
        years = dialog.findChild(QSpinBox, "retention_years")
        years.setValue(1)
        assert years.text() == "1 year ago"
        years.setValue(3)
        assert years.text() == "3 years ago"
    finally:
        close_window(window)


def test_two_wording_warnings_in_the_done_dialog_are_read_whole(db, qtbot) -> None:
    from PySide6.QtWidgets import QApplication

    logged = log(dt.datetime.combine(TODAY, dt.time(10)))
    respond = next(item for item in for_complaint(logged.id) if item.kind == "respond")
    dialog = FollowUpDoneDialog(respond, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(
        dialog.note,
        "Replacement roses delivered Saturday. We will pay for the damage because our driver "
        "crushed the box.",
    )
    qtbot.waitUntil(lambda: dialog.banner.isVisible())
    QApplication.processEvents()
    label = dialog.banner.label
    assert "2 wording warnings" in label.text()
    qtbot.waitUntil(lambda: label.heightForWidth(label.width()) <= label.height())
    dialog.note.clear()  # closed untyped: closing with a note typed would ask first


def test_the_customer_tab_counts_their_other_complaints_in_words(qtbot, window) -> None:
    """The tab read "Customer (2 other)"."""
    first = log_complaint(CustomerDetails(name="Ana Souza", phone="01632 960321"),
                          ComplaintDetails(account="Late."), author="Sam")  # fmt: skip
    for account in ("Cracked.", "Wrong size."):
        latest = log_complaint(CustomerDetails(name="Ana Souza"), ComplaintDetails(account=account),
                               author="Sam", customer_id=first.customer_id)  # fmt: skip
    window.show_complaints()
    window.list_view.refresh()
    window.open_complaint(latest.id)
    detail = window.detail
    assert detail.tabs.tabToolTip(detail.CUSTOMER_TAB) == "Customer (2 others)"
    window.open_complaint(first.id)
    assert detail.tabs.tabToolTip(detail.CUSTOMER_TAB) == "Customer (2 others)"
