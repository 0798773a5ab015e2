"""The log lists a complaint whose day received alone is known by that day, not 00:00."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from models import display
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from models.log_csv import import_log, read_log
from models.tables import Complaint
from tests.ui.keyboard import type_text
from tests.ui.test_new_complaint import open_dialog
from ui.complaint_table_model import ComplaintTableModel

NOW = dt.datetime(2026, 1, 22, 15, 0)


def test_the_list_shows_the_day_alone_and_an_age_in_days(qtbot, db) -> None:
    plan = read_log(
        "received,status,customer name,account,closed\n"
        "2026-01-20,Closed,Ann Lee,The lid cracked.,2026-01-20\n",
        now=NOW,
    )
    import_log(plan, author="Sam", now=NOW)
    model = ComplaintTableModel(clock=lambda: NOW)
    model.set_query(model.query.__class__(status="all"))
    received = model.index(0, ComplaintTableModel.RECEIVED)
    assert model.data(received) == "Tue 20 Jan"
    # The tooltip: the day whole, then when it was imported.
    assert model.data(received, 3).splitlines() == [
        "Tuesday 20 January 2026",
        "Imported on Thu 22 Jan.",
    ]
    age = model.index(0, ComplaintTableModel.AGE)
    assert model.data(age) == "Closed"
    assert model.data(age, 3).startswith("Closed the same day it was received.\n")


def test_the_detail_shows_an_imported_day_without_a_made_up_midnight(qtbot, window) -> None:
    """The customer's earlier complaints and the timeline's entries name the day alone."""
    plan = read_log(
        "received,status,customer name,account,closed\n"
        "2026-01-20,Closed,Ann Lee,The lid cracked.,2026-01-20\n"
        "2026-01-21,Closed,Ann Lee,The handle came off.,2026-01-22\n",
        now=NOW,
    )
    import_log(plan, author="Sam", now=NOW)
    window.list_view.status_filter.setCurrentIndex(2)  # All
    window.list_view.select(window.list_view.model.complaint_id(0))
    qtbot.waitUntil(lambda: window.detail.record is not None)
    detail = window.detail
    assert detail.account.toPlainText() == "The handle came off."
    earlier = detail.earlier.item(0).text()
    assert "Tue 20 Jan" in earlier and "00:00" not in earlier
    timeline = detail.timeline
    said = [timeline.index(row).data() for row in range(timeline.rowCount())]
    received = next(text for text in said if "Complaint received" in text)
    assert received.startswith("Wed 21 Jan · ")
    closed = next(text for text in said if "Closed." in text)
    assert closed.startswith("Thu 22 Jan · ")
    assert not any("00:00" in text for text in said)
    assert timeline.index(0).data(Qt.ItemDataRole.ToolTipRole) == "Wednesday 21 January 2026"
    assert detail.received.text() == "Wed 21 Jan 2026"  # the box: no made-up 00:00 either
    assert not detail.is_dirty


def test_an_imported_complaints_guide_steps_were_done_in_the_old_log_not_by_the_importer(
    qtbot, window
) -> None:
    from PySide6.QtWidgets import QLabel

    plan = read_log(
        "received,status,customer name,account,closed\n"
        "2026-01-20,Closed,Ann Lee,The lid cracked.,2026-01-21\n",
        now=NOW,
    )
    import_log(plan, author="Jamie Reid", now=NOW)
    window.list_view.status_filter.setCurrentIndex(2)  # All
    window.list_view.select(window.list_view.model.complaint_id(0))
    qtbot.waitUntil(lambda: window.detail.record is not None)
    said = [
        label.text()
        for label in window.detail.checklist.findChildren(QLabel)
        if label.objectName().startswith("done_") and label.text()
    ]
    assert said
    assert all(text == "Done Wed 21 Jan: from the old log" for text in said), said


def _type_received(qtbot, dialog, text: str) -> None:
    box = dialog.received.edit
    box.setFocus()
    box.selectAll()
    type_text(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Tab)


def test_a_day_typed_without_a_time_is_logged_as_that_day_with_no_time(qtbot, window) -> None:
    """The customer came in on another day and nobody noted when: the form does not
    give the complaint the clock's time on that day."""
    day = dt.date.today() - dt.timedelta(days=3)
    dialog = open_dialog(qtbot, window)
    type_text(dialog.name, "Ann Lee")
    type_text(dialog.account, "The lid cracked in the oven.")
    _type_received(qtbot, dialog, display.day_with_year(day))
    assert dialog.received.text() == display.day_with_year(day)  # no made-up time shown
    qtbot.keyClick(dialog.account, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    saved = Complaint.get()
    assert saved.received_at == dt.datetime.combine(day, dt.time())
    assert saved.received_date_only
    assert window.detail.received.text() == display.day_with_year(day)


def test_a_day_typed_with_a_time_or_today_alone_keeps_a_time(qtbot, window) -> None:
    day = dt.date.today() - dt.timedelta(days=3)
    dialog = open_dialog(qtbot, window)
    _type_received(qtbot, dialog, f"{display.day_with_year(day)} 14:30")
    assert dialog.received.dateTime().toPython() == dt.datetime.combine(day, dt.time(14, 30))
    assert not dialog.received.time_unknown()
    _type_received(qtbot, dialog, display.day_with_year(dt.date.today()))
    held = dialog.received.dateTime().toPython()
    # The time typed a moment ago stays with the new day, not midnight.
    assert held == dt.datetime.combine(dt.date.today(), dt.time(14, 30))
    assert not dialog.received.time_unknown()


def test_a_time_typed_on_a_day_without_one_is_saved_and_said_on_the_timeline(qtbot, window) -> None:
    day = dt.date.today() - dt.timedelta(days=3)
    saved = log_complaint(
        CustomerDetails(name="Ann Lee"),
        ComplaintDetails(
            account="The lid cracked.",
            received_at=dt.datetime.combine(day, dt.time()),
            received_date_only=True,
        ),
        author="Sam",
    )
    window.list_view.refresh()
    window.open_complaint(saved.id)
    detail = window.detail
    assert detail.received.text() == display.day_with_year(day)
    _type_received(qtbot, detail, f"{display.day_with_year(day)} 10:15")
    qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)

    stored = Complaint.get_by_id(saved.id)
    assert stored.received_at == dt.datetime.combine(day, dt.time(10, 15))
    assert not stored.received_date_only
    said = [detail.timeline.index(r).data() for r in range(detail.timeline.rowCount())]
    assert any("(time not known) →" in text for text in said)
