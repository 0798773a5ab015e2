"""Right after an import, the log is not all red: an imported open complaint has
waited in the app only since the import, and its tooltip says when that was."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from models.log_csv import import_log, read_log
from ui.complaint_table_model import WAITING_COLOUR


def test_an_old_log_just_imported_shows_nothing_waiting_too_long(qtbot, window) -> None:
    now = dt.datetime.now().replace(microsecond=0)
    day_only = (now - dt.timedelta(days=40)).date().isoformat()
    plan = read_log(
        "received,status,customer name,account\n"
        "2025-11-20 09:30,Open,Bo Chen,The order never came.\n"
        f"{day_only},Waiting,Ann Lee,The lid cracked.\n",
        now=now,
    )
    assert plan.problems == []
    import_log(plan, author="Sam", now=now)
    window.list_view.status_filter.setCurrentIndex(2)  # All
    model = window.list_view.model
    assert model.rowCount() == 2
    for row in range(model.rowCount()):
        age = model.index(row, model.AGE)
        assert not age.data().startswith("⚠")
        assert age.data(Qt.ItemDataRole.ForegroundRole) != WAITING_COLOUR
        assert "Imported on " in age.data(Qt.ItemDataRole.ToolTipRole)
        assert "Waiting too long" not in age.data(Qt.ItemDataRole.ToolTipRole)
    window.list_view.table.selectRow(0)
    qtbot.waitUntil(lambda: window.detail.record is not None)
    assert not window.detail.waiting.isVisibleTo(window.detail)
    assert window.detail.subheading.toolTip().startswith("Imported on ")


def test_an_old_complaint_answered_after_the_import_says_so_in_its_heading(qtbot, window):
    from models.complaints import add_note, find_by_reference

    imported = dt.datetime.now().replace(microsecond=0) - dt.timedelta(hours=20)
    plan = read_log(
        "reference,received,status,customer name,account\n"
        "C-2025-0101,2025-10-20 09:30,Open,Bo Chen,The order never came.\n",
        now=imported,
    )
    assert plan.problems == []
    import_log(plan, author="Sam", now=imported)
    found = find_by_reference("C-2025-0101")
    add_note(found.id, "Rang Bo: it is being traced.", author="Sam")
    window.detail.show_complaint(found.id)
    heading = window.detail.subheading.text()
    assert "first response 20 hours after the import" in heading
    assert "wk" not in heading and "weeks" not in heading


def test_waiting_too_long_after_an_import_names_the_import_once(qtbot, window) -> None:
    imported = dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=16)
    plan = read_log(
        "received,status,customer name,account\n2025-10-20 09:30,Open,Bo Chen,It never came.\n",
        now=imported,
    )
    assert plan.problems == []
    import_log(plan, author="Sam", now=imported)
    window.list_view.refresh()
    model = window.list_view.model
    tip = model.index(0, model.AGE).data(Qt.ItemDataRole.ToolTipRole)
    assert "Waiting too long" in tip
    assert tip.lower().count("imported on") == 1


def test_the_log_filtered_to_all_tells_closed_from_open_however_narrow(qtbot, window) -> None:
    now = dt.datetime.now().replace(microsecond=0)
    plan = read_log(
        "received,date closed,status,customer name,account\n"
        "2026-02-02 09:00,2026-02-06 09:00,Closed,Bo Chen,The order never came.\n"
        "2026-02-03 09:00,,Closed,Ann Lee,The lid cracked.\n"
        "2026-02-04 09:00,,Open,Cy Ray,Wrong size.\n",
        now=now,
    )
    import_log(plan, author="Sam", now=now)
    window.list_view.status_filter.setCurrentIndex(2)  # All
    model = window.list_view.model
    age = {
        model.index(row, model.CUSTOMER).data(): model.index(row, model.AGE)
        for row in range(model.rowCount())
    }
    assert age["Bo Chen"].data() == "Closed" and age["Ann Lee"].data() == "Closed"
    assert age["Cy Ray"].data() != "Closed"
    took = age["Bo Chen"].data(Qt.ItemDataRole.ToolTipRole)
    assert took.startswith("Closed 4 days after it was received.")
    assert "how long it took is not known" in age["Ann Lee"].data(Qt.ItemDataRole.ToolTipRole)
    assert age["Bo Chen"].data(Qt.ItemDataRole.ForegroundRole) != age["Cy Ray"].data(
        Qt.ItemDataRole.ForegroundRole
    )


def test_a_complaint_closed_in_the_old_log_on_no_given_day_says_so_in_its_heading(
    qtbot, window
) -> None:
    import datetime as dt

    from models.log_csv import import_log, read_log
    from models.tables import Complaint

    plan = read_log(
        "received,customer name,account,status\n2026-03-01 09:00,Keith O'Brien,Heel off,Done\n",
        now=dt.datetime(2026, 3, 14, 10, 30),
    )
    import_log(plan, author="Sam", now=dt.datetime(2026, 3, 14, 10, 30))
    keith = Complaint.get(Complaint.account == "Heel off")
    window.show_complaints()
    window.list_view.status_filter.setCurrentIndex(2)  # All
    window.open_complaint(keith.id)
    heading = window.detail.subheading.text()
    assert "closed on a day not known" in heading and "closed Sun 1 Mar" not in heading
