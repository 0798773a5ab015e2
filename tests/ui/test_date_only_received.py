"""The log lists a complaint whose day received alone is known by that day, not 00:00."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from models.log_csv import import_log, read_log
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
