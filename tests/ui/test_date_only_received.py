"""The log lists a complaint whose day received alone is known by that day, not 00:00."""

from __future__ import annotations

import datetime as dt

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
    assert model.data(model.index(0, ComplaintTableModel.AGE)) == "same day"
