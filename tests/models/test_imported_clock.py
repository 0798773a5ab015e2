"""An open complaint imported from the shop's own log has waited in the app only
since the import: "no response yet" and "open too long" count from then."""

from __future__ import annotations

import datetime as dt
from typing import Any

from models import morning_list, timeline
from models.complaint_list import ListQuery, all_rows
from models.complaints import find_by_reference, load_complaint
from models.log_csv import import_log, read_log
from models.pace import pace

NOW = dt.datetime(2026, 3, 13, 15, 0)  # a Friday
FILE = (
    "reference,received,status,customer name,account\n"
    "C-2025-0101,2025-11-20 09:30,Open,Bo Chen,The order never came.\n"
    "C-2026-0007,2026-02-27,Open,Ann Lee,The lid cracked.\n"
)


def _imported(text: str = FILE, *, by: str = "reference") -> dict[str, Any]:
    """Import ``text`` as of NOW; the log's rows by ``by`` (reference or customer)."""
    plan = read_log(text, now=NOW)
    assert plan.problems == []
    import_log(plan, author="Sam", now=NOW)
    return {getattr(row, by): row for row in all_rows(ListQuery(status="all"))}


def test_an_old_open_complaint_just_imported_has_not_waited_too_long(db) -> None:
    rows = _imported()
    for reference in ("C-2025-0101", "C-2026-0007"):
        row = rows[reference]
        assert row.pace(NOW + dt.timedelta(hours=2)).waiting is None, reference
        assert row.pace(NOW).imported.startswith("Imported on Fri 13 Mar")
        # Its follow-ups were moved to the next working day, and say so.
        due = {item.due_on for item in morning_list.for_complaint(row.id)}
        assert min(due) > NOW.date()
    # Its age is still its real age.
    assert rows["C-2025-0101"].age_text(NOW) == "3 mo"


def test_no_response_after_the_import_is_counted_from_the_import(db) -> None:
    rows = _imported()
    later = NOW + dt.timedelta(days=2)
    waiting = rows["C-2025-0101"].pace(later).waiting
    assert waiting == "No response recorded since it was imported on Fri 13 Mar, 2 days ago."
    record = load_complaint(find_by_reference("C-2026-0007").id)
    assert record.imported_at == NOW
    timing = pace(record.received_at, None, record.status, None, later,
                  imported_at=record.imported_at)  # fmt: skip
    assert timing.waiting == "No response recorded since it was imported on Fri 13 Mar, 2 days ago."


def test_open_too_long_is_counted_from_the_import(db) -> None:
    rows = _imported()
    row = rows["C-2026-0007"]
    answered = NOW + dt.timedelta(hours=3)
    timing = pace(row.received_at, answered, row.status, None, NOW + dt.timedelta(days=10),
                  imported_at=row.imported_at)  # fmt: skip
    assert timing.waiting is None
    timing = pace(row.received_at, answered, row.status, None, NOW + dt.timedelta(days=15),
                  imported_at=row.imported_at)  # fmt: skip
    assert timing.waiting == "Open for 15 days since it was imported on Fri 13 Mar."


def test_a_first_response_in_the_app_counts_from_the_import(db) -> None:
    from models.complaints import add_note
    from models.insights import Period, insights

    _imported()
    answered = NOW + dt.timedelta(days=1, hours=2)  # Saturday 17:00
    record = find_by_reference("C-2025-0101")  # received 20 Nov, 113 days before the import
    add_note(record.id, "Rang Bo: the parcel is being traced.", author="Sam", now=answered)
    record = load_complaint(record.id)
    assert record.first_response_at == answered
    timing = pace(record.received_at, record.first_response_at, record.status, None,
                  answered, imported_at=record.imported_at)  # fmt: skip
    assert timing.first_response == dt.timedelta(hours=26)
    # Insights leave it out of the medians: how long it waited before the import is
    # not known, and timed from the import it would read as answered in a day.
    found = insights(Period(dt.date(2025, 11, 1), dt.date(2025, 11, 30)))
    assert found.median_first_response_hours == [None]
    assert found.answered_after_import == 1


def test_what_the_old_log_says_was_done_is_kept_without_making_up_when(db) -> None:
    """A row whose "What we did" tells of a call was answered, but the log does not
    say when: no first response is made up for it (it is not "the same day"), and
    it is not said to have had no response, only none recorded since the import. A
    note with its own time is a first response, then."""
    rows = _imported(
        "Date,Customer,Problem,What we did,Status,Closed\n"
        "2026-03-02,Bo Chen,The order never came.,Rang him back,Waiting,\n"
        "2026-03-03,Ann Lee,The lid cracked.,,Waiting,\n"
        "2026-03-04,Cy Dunn,Wrong size.,,Closed,2026-03-06\n",
        by="customer",
    )
    later = NOW + dt.timedelta(days=2)
    for name in ("Bo Chen", "Ann Lee"):
        assert rows[name].pace(later).waiting == (
            "No response recorded since it was imported on Fri 13 Mar, 2 days ago."
        )
        assert rows[name].pace(later).first_response is None
    assert rows["Cy Dunn"].pace(later).first_response is None
    assert "No response yet" not in str([row.pace(later).waiting for row in rows.values()])


def test_a_dated_note_of_the_old_log_is_the_first_response_then(db) -> None:
    (row,) = _imported(
        "received,customer name,account,notes\n"
        "2026-03-02 09:00,Bo Chen,The order never came.,"
        '"[2026-03-02 11:30 Note, Sam] rang him back"\n'
    ).values()
    assert row.first_response_at == dt.datetime(2026, 3, 2, 11, 30)
    assert row.pace(NOW + dt.timedelta(days=2)).waiting is None


def test_an_imported_open_complaint_with_its_fix_agreed_does_not_wait_to_agree_one(db) -> None:
    rows = _imported(
        "received,customer name,account,agreed solution\n"
        "2026-03-10,Bo Chen,The order never came.,Send it again by courier\n"
        "2026-03-11,Ann Lee,The lid cracked.,\n",
        by="customer",
    )
    bo = {f.kind: f.status for f in morning_list.for_complaint(rows["Bo Chen"].id)}
    ann = {f.kind: f.status for f in morning_list.for_complaint(rows["Ann Lee"].id)}
    # Agreeing a fix took the complaint up: it was acknowledged then.
    assert bo["respond"] == "done" and bo["acknowledge"] == "done"
    assert ann["respond"] == "pending" and ann["acknowledge"] == "pending"


def test_an_imported_open_complaint_with_its_fix_agreed_stays_on_the_morning_list(db) -> None:
    """Its fix is checked with the customer later, as one agreed in the window: with
    its deadlines met it is still on the morning list while open."""
    rows = _imported(
        "received,customer name,account,agreed solution,status\n"
        "2026-03-10,Bo Chen,The order never came.,Send it again by courier,Open\n",
        by="customer",
    )
    bo = rows["Bo Chen"].id
    later = NOW.date() + dt.timedelta(days=30)
    still = [item for item in morning_list.pending(later) if item.complaint_id == bo]
    assert [item.kind for item in still] == ["satisfaction"]
    assert still[0].due_on > NOW.date()
    assert still[0].owner == "Sam"
    plan = read_log(
        "received,customer name,account,agreed solution,status\n"
        "2026-03-11,Ann Lee,The lid cracked.,New lid posted,Open\n",
        now=NOW,
    )
    said = " ".join(plan.notes)
    assert "1 open complaint has its fix agreed already" in said and "Satisfaction" not in said


def test_an_old_open_complaint_the_shop_took_up_is_not_to_be_acknowledged_again(db) -> None:
    """Open complaints from March whose rows said what the shop did ("Replacement
    ordered") were each listed, eight months on, as "Acknowledge the complaint"."""
    rows = _imported(
        "date,customer,problem,what we did,status\n"
        "2026-03-02,Bo Chen,The order never came.,Replacement ordered from the maker,Waiting\n"
        "2026-03-03,Ann Lee,The lid cracked.,,Open\n",
        by="customer",
    )
    bo = {f.kind: f for f in morning_list.for_complaint(rows["Bo Chen"].id)}
    ann = {f.kind: f for f in morning_list.for_complaint(rows["Ann Lee"].id)}
    assert bo["acknowledge"].status == "done" and bo["respond"].status == "pending"
    assert ann["acknowledge"].status == "pending"  # nothing says it was taken up
    said = timeline.entries(rows["Bo Chen"].id, (timeline.FOLLOW_UP,))
    assert any("the old log shows the complaint was taken up" in entry.text for entry in said)
    plan = read_log(
        "date,customer,problem,what we did,status\n"
        "2026-03-02,Bo Chen,Lost.,Replacement ordered,Waiting\n",
        now=NOW,
    )
    assert "1 open complaint says what the shop did about it already" in " ".join(plan.notes)


def test_an_open_complaint_imported_with_its_fix_agreed_is_at_resolve(db) -> None:
    """It came in at Engage, as if nothing had been done."""
    from models import checklist, guide

    rows = _imported(
        "received,customer name,account,agreed solution,fault finding,status\n"
        "2026-03-10,Bo Chen,The order never came.,Send it again by courier,Ours,Open\n"
        "2026-03-11,Ann Lee,The lid cracked.,,,Open\n",
        by="customer",
    )
    bo, ann = rows["Bo Chen"], rows["Ann Lee"]
    assert bo.stage == "resolve" and ann.stage == "engage"
    ticked = checklist.ticks(bo.id)
    assert {guide.AGREE_STEP, guide.FINDING_STEP} <= set(ticked)


def test_rows_whose_words_point_to_no_category_are_said_to_come_in_without_one(db) -> None:
    """A German owner's log came in with every complaint under "Not sure yet" and the
    preview said nothing of it."""
    plan = read_log("Datum,Kunde,Problem\n2026-03-03,Anna Weber,Bildschirm kaputt\n", now=NOW)
    said = " ".join(plan.notes)
    assert "1 row has no category, and its words point to none of the categories" in said
    assert "Not sure yet" in said
