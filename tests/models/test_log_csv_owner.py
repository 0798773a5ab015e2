"""What a shop owner sees when a log goes out to a spreadsheet and comes back in."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from models import timeline
from models.complaints import ComplaintDetails, add_note, log_complaint, set_status
from models.customers import CustomerDetails
from models.db import close_database
from models.log_csv import export_log, import_log, read_log
from models.redress import Given, given_for
from models.redress import write as write_redress
from models.tables import Complaint, Event, FollowUp

NOW = dt.datetime(2026, 3, 14, 10, 30)


def exported_bytes(tmp_path: Path) -> bytes:
    """The export as written to a file."""
    target = tmp_path / "out.csv"
    with target.open("w", encoding="utf-8", newline="") as out:
        export_log(out)
    return target.read_bytes()


def rows_of(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def log(name: str, account: str, when: dt.datetime, **kwargs):
    return log_complaint(
        CustomerDetails(name=name, phone=kwargs.pop("phone", "")),
        ComplaintDetails(account=account, received_at=when, **kwargs),
        author="Sam",
        now=when,
    )


def test_the_export_file_starts_with_a_bom_so_spreadsheets_read_accents(db, tmp_path) -> None:
    log("José García", '=HYPERLINK("http://x")', dt.datetime(2026, 3, 1, 9))
    data = exported_bytes(tmp_path)
    assert data.startswith(b"\xef\xbb\xbf")  # what Excel and LibreOffice look for
    [row] = rows_of(data)
    assert row["customer name"] == "José García"
    assert row["account"].startswith("'=HYPERLINK")  # still shown as text, never run


def test_the_export_has_the_status_the_redress_value_and_the_notes(db, tmp_path) -> None:
    first = log("Ana Souza", "The zip broke.", dt.datetime(2026, 3, 1, 9))
    add_note(first.id, "Customer rang back.\nStill upset.", author="Sam",
             now=dt.datetime(2026, 3, 2, 10, 15))  # fmt: skip
    add_note(first.id, "The zip was cheap.", author="Jo", kind=timeline.WE_CHECKED,
             now=dt.datetime(2026, 3, 3, 11, 0))  # fmt: skip
    write_redress(first.id, (Given("refund", 12.5),))
    set_status(first.id, "closed", author="Sam", reason="Refunded.", now=NOW)
    log("Mei Chen", "Late.", dt.datetime(2026, 3, 4, 9))
    ana, mei = rows_of(exported_bytes(tmp_path))
    assert (ana["status"], mei["status"]) == ("Closed", "Open")
    assert (ana["redress"], ana["redress value"], mei["redress value"]) == ("Refund", "12.50", "")
    assert ana["notes"] == (
        "[2026-03-02 10:15 Note, Sam] Customer rang back.\nStill upset.\n\n"
        "[2026-03-03 11:00 We checked, Jo] The zip was cheap."
    )
    assert mei["notes"] == ""


def test_status_redress_value_and_notes_come_back_on_import(db, tmp_path, open_other_log) -> None:
    first = log("Ana Souza", "The zip broke.", dt.datetime(2026, 3, 1, 9))
    add_note(first.id, "Rang back.", author="Jo", kind=timeline.CUSTOMER_SAYS,
             now=dt.datetime(2026, 3, 2, 10, 15))  # fmt: skip
    write_redress(first.id, (Given("credit", 7.0),))
    data = exported_bytes(tmp_path)
    close_database()
    open_other_log("other")
    plan = read_log(data, now=NOW)
    assert plan.problems == []
    import_log(plan, author="Sam", now=NOW)
    saved = Complaint.get()
    assert (saved.status, given_for(saved.id)) == ("open", (Given("credit", 7.0),))
    [note] = timeline.entries(saved.id, timeline.NOTE_KINDS)
    assert (note.at, note.author, note.kind, note.text) == (
        dt.datetime(2026, 3, 2, 10, 15), "Jo", timeline.CUSTOMER_SAYS, "Rang back.",
    )  # fmt: skip
    assert exported_bytes(tmp_path / "other") == data


def test_a_notes_column_typed_by_hand_is_one_note(db) -> None:
    plan = read_log("received,customer name,account,notes\n2026-03-01,Ana,Late,Rang her.\n",
                    now=NOW)  # fmt: skip
    import_log(plan, author="Sam", now=NOW)
    [note] = timeline.entries(Complaint.get().id, timeline.NOTE_KINDS)
    # dated as the file dates the complaint, not the day of the import, and written
    # by nobody the file names: not by Sam, who only imported it
    assert (note.at, note.author, note.text) == (dt.datetime(2026, 3, 1), "", "Rang her.")
    [created] = timeline.entries(Complaint.get().id, (timeline.CREATED,))
    # the file's record, not the importer logging it on the day it was received
    assert created.at == dt.datetime(2026, 3, 1) and "as recorded in" in created.text
    assert "logged" not in created.text and created.author == ""
    [imported] = timeline.entries(Complaint.get().id, (timeline.IMPORTED,))
    assert imported.author == "Sam"  # what Sam did do
    # Sam takes on its open deadlines, as the person logging a complaint does.
    assert {f.owner for f in FollowUp.select() if f.status == "pending"} == {"Sam"}


def test_a_closed_row_without_a_date_closed_is_closed_the_day_received(db) -> None:
    text = (
        "received,customer name,account,status\n"
        "2026-03-01 09:00,Ana,Late,Closed\n"
        "2026-03-02 09:00,Jo,Broken,Open\n"
    )
    plan = read_log(text, now=NOW)
    assert plan.problems == []
    assert any(
        "Row 2: closed without a date closed" in note and "a day not known" in note
        for note in plan.notes
    )
    import_log(plan, author="Sam", now=NOW)
    ana = Complaint.get(Complaint.account == "Late")
    assert ana.status == "closed" and ana.closed_at == dt.datetime(2026, 3, 1, 9)
    # Its timeline does not call the day it was received the day it was closed.
    [imported] = [e.text for e in timeline.entries(ana.id) if e.kind == timeline.IMPORTED]
    assert "the day it was received" in imported and "the day it was closed" not in imported


def test_importing_the_same_file_twice_skips_what_is_already_in_the_log(db) -> None:
    text = (
        "received,customer name,phone,account\n"
        "2026-03-01 09:00,Ana Souza,07700 900123,The zip broke.\n"
        "2026-03-02 09:00,Jo Evans,,Late.\n"
    )
    import_log(read_log(text, now=NOW), author="Sam", now=NOW)
    again = read_log(text, now=NOW)
    assert again.problems == [] and again.rows == []
    assert [p.row for p in again.skipped] == [2, 3]
    assert any("Rows 2 and 3 are already in the log" in note for note in again.notes)
    # One more row, and the old ones typed a little differently: only the new one comes in.
    more = text.replace("The zip broke.", "the zip  broke.") + "2026-03-03,Mei,,Wrong size.\n"
    plan = read_log(more, now=NOW)
    assert [r.customer.name for r in plan.rows] == ["Mei"]
    assert "2 rows already in the log skipped" in plan.summary()
    result = import_log(plan, author="Sam", now=NOW)
    assert result.complaints == 1 and Complaint.select().count() == 3


def test_an_exported_file_imported_into_its_own_log_adds_nothing(db, tmp_path) -> None:
    log("Ana Souza", "The zip broke.", dt.datetime(2026, 3, 1, 9))
    plan = read_log(exported_bytes(tmp_path), now=NOW)
    assert plan.problems == [] and plan.rows == [] and len(plan.skipped) == 1


def _pending(complaint_id: int) -> list[tuple[str, str, dt.date]]:
    return sorted(
        (f.kind, f.what, f.due_on)
        for f in FollowUp.select().where(FollowUp.complaint == complaint_id)
    )


def test_imported_open_complaints_get_the_deadlines_logged_ones_get(db) -> None:
    from models.deadline_policy import save_preferences

    save_preferences("iso10002", 7)
    received = dt.datetime(2026, 3, 13, 16, 0)  # the Friday before the import
    logged = log("Ana Souza", "Logged in the window.", received)
    plan = read_log(
        "received,customer name,account,status\n"
        "2026-03-13 16:00,Jo,Imported and open.,Open\n"
        "2026-03-13 16:00,Mei,Imported and closed.,Closed\n",
        now=NOW,
    )
    assert any("1 open complaint will get the deadlines" in note for note in plan.notes)
    import_log(plan, author="Sam", now=NOW)
    opened = Complaint.get(Complaint.account == "Imported and open.")
    closed = Complaint.get(Complaint.account == "Imported and closed.")
    # Acknowledged on the day it was received, which was before the import: as for
    # any complaint older than its deadlines, that is due the next working day.
    acknowledge, progress, respond = _pending(logged.id)
    assert acknowledge[2] == dt.date(2026, 3, 13)
    assert _pending(opened.id) == [
        (acknowledge[0], acknowledge[1], dt.date(2026, 3, 16)),
        progress,
        respond,
    ]
    assert _pending(closed.id) == []


def test_old_open_complaints_are_due_the_next_working_day_not_months_late(db) -> None:
    from models.deadline_policy import save_preferences
    from models.morning_list import pending

    save_preferences("iso10002", 7)
    plan = read_log(
        "received,customer name,account,status\n"
        "2025-08-12,Jo,Months old and still open.,Open\n"
        "2025-09-01,Mei,Also old.,Open\n"
        "2026-03-14 09:00,Ana,This morning's.,Open\n"
        "2025-08-12,Tom,Old but closed.,Closed\n",
        now=NOW,  # Saturday 14 March 2026
    )
    assert (
        "2 open complaints are older than their deadlines: their follow-ups will be due "
        "from Monday 16 March, not counted late from the days they were received."
    ) in plan.notes
    import_log(plan, author="Sam", now=NOW)
    old = Complaint.get(Complaint.account == "Months old and still open.")
    assert {due for _kind, _what, due in _pending(old.id)} == {dt.date(2026, 3, 16)}
    monday = dt.date(2026, 3, 16)
    morning = pending(monday)
    assert {item.days_late(monday) for item in morning} == {0}
    ana = Complaint.get(Complaint.account == "This morning's.")
    assert [due for _kind, _what, due in _pending(ana.id)] == [  # as if logged this morning
        dt.date(2026, 3, 16),
        dt.date(2026, 3, 23),
        dt.date(2026, 3, 30),
    ]
    said = Event.get((Event.complaint == old.id) & (Event.kind == "follow_up_planned")).text
    assert (
        "Acknowledge the complaint, with its reference by Mon 16 Mar 2026 "
        "(it was due Tue 12 Aug 2025, before the complaint was imported)"
    ) in said


def test_problems_name_the_spreadsheet_row_and_the_line_when_it_differs(db) -> None:
    text = (
        "received,customer name,account\n"
        '2026-03-01,Ana,"Two\nlines"\n'  # row 2, lines 2 and 3
        "2026-03-02,,Late\n"  # row 3, line 4
        "\n"  # row 4, an empty row
        "2026-03-32,Jo,Broken\n"  # row 5, line 6
    )
    assert read_log(text, now=NOW).problems == [
        "Row 3 (line 4 of the file): the customer's name is missing.",
        "Row 5 (line 6 of the file): the date received “2026-03-32” is not a date "
        "(use YYYY-MM-DD or day/month/year).",
    ]
    plain = read_log("received,customer name,account\n2026-03-02,,Late\n", now=NOW)
    assert plain.problems == ["Row 2: the customer's name is missing."]


def test_the_export_log_text_starts_with_the_bom_too(db) -> None:
    out = io.StringIO(newline="")
    export_log(out)
    assert out.getvalue().startswith("\ufeffreference,")


def test_a_date_the_import_refuses_is_written_as_the_app_writes_days(db) -> None:
    text = "received,customer name,account\n2027-01-01 00:00,Ana,Late\n1985-06-01,Jo,Broken\n"
    problems = read_log(text, now=NOW).problems
    assert "Row 2: the date received Fri 1 Jan 2027 00:00 is in the future." in problems
    assert "Row 3: check the date received: Sat 1 Jun 1985 is before 1990." in problems


def test_a_day_given_alone_is_said_alone_in_a_problem_never_with_00_00(db, tmp_path) -> None:
    text = (
        "received,customer name,account,status,closed\n"
        "2027-01-01,Ana,Late,,\n"
        "02/01/2027,Jo,Broken,,\n"
        "2026-03-01,Mei,Torn,Closed,2026-03-20\n"
        "2026-03-01 09:00,Li,Bent,Closed,2026-03-20 17:45\n"
    )
    assert read_log(text, now=NOW).problems == [
        "Row 2: the date received Fri 1 Jan 2027 is in the future.",
        "Row 3: the date received Sat 2 Jan 2027 is in the future.",
        "Row 4: the date closed Fri 20 Mar 2026 is in the future.",
        "Row 5: the date closed Fri 20 Mar 2026 17:45 is in the future.",
    ]
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Date", "Customer", "Problem"])
    book.active.append([dt.date(2027, 1, 1), "Ana", "Late"])
    book.active.append([dt.datetime(2027, 1, 1, 9, 30), "Jo", "Broken"])
    book.save(tmp_path / "log.xlsx")
    assert read_log(tmp_path / "log.xlsx", now=NOW).problems == [
        "Row 2: the date received Fri 1 Jan 2027 is in the future.",
        "Row 3: the date received Fri 1 Jan 2027 09:30 is in the future.",
    ]


def test_what_the_import_will_do_is_said_of_one_row_and_of_many(db) -> None:
    one = read_log("received,customer name,account,status\n2026-03-01,Ana,Late,Closed\n", now=NOW)
    assert (
        "Row 2: closed without a date closed, so it is imported as closed on a day not known "
        "(left empty in exports, and out of the times to resolve)." in one.notes
    )
    assert "1 complaint, 1 new customer" in one.summary()
    many = read_log(
        "received,customer name,account,status\n2026-03-01,Ana,Late,Closed\n"
        "2026-03-02,Jo,Broken,Closed\n",
        now=NOW,
    )
    assert (
        "Rows 2 and 3: closed without a date closed, so each is imported as closed on a day not "
        "known (left empty in exports, and out of the times to resolve)." in many.notes
    )
    import_log(one, author="Sam", now=NOW)
    again = read_log("received,customer name,account\n2026-03-01,Ana,Late\n", now=NOW)
    assert (
        "Row 2 is already in the log (the same customer, day received and account of what "
        "happened), so it is skipped." in again.notes
    )


def test_an_old_open_complaints_deadlines_keep_their_order(db) -> None:
    """The acknowledgement was due before the import, the reply on the day of the
    import itself: both fall on the next working day, never the reply first."""
    from models.deadline_policy import save_preferences

    save_preferences("iso10002", 7)
    friday = dt.datetime(2026, 3, 13, 16, 0)
    plan = read_log(  # received Friday 6 March: reply due a week later, the day of the import
        "received,customer name,account,status\n2026-03-06,Sheila,Chipped mug.,Waiting\n",
        now=friday,
    )
    import_log(plan, author="Sam", now=friday)
    sheila = Complaint.get(Complaint.account == "Chipped mug.")
    planned = FollowUp.select().where(FollowUp.complaint == sheila.id).order_by(FollowUp.id)
    dues = [f.due_on for f in planned]  # in the policy's order: acknowledge, reply...
    assert dues == sorted(dues)
    assert dues[:2] == [dt.date(2026, 3, 16), dt.date(2026, 3, 16)]  # Monday, both


def test_a_complaint_closed_on_a_day_nobody_recorded_is_not_counted_as_closed_that_day(
    db, tmp_path
) -> None:
    from models.insights import Period, chart_note, insights

    text = (
        "received,date closed,customer name,account,status\n"
        "2026-02-02 09:00,,Ana,Late,Closed\n"
        "2026-02-03 09:00,,Jo,Torn,Closed\n"
        "2026-02-04 09:00,2026-02-08 09:00,Mei,Broken,Closed\n"
    )
    import_log(read_log(text, now=NOW), author="Sam", now=NOW)
    found = insights(Period(dt.date(2026, 2, 1), dt.date(2026, 2, 28)))
    assert found.median_resolution_days == [4.0]  # Mei's four days, not Ana's and Jo's 0
    assert "Left out: 2 complaints imported as closed with no date closed" in chart_note(
        found, "resolution"
    )
    closed = {row["customer name"]: row["closed"] for row in rows_of(exported_bytes(tmp_path))}
    assert closed["Ana"] == "" and closed["Mei"].startswith("2026-02-08")
    # Closed again in the app, its day is known.
    ana = Complaint.get(Complaint.account == "Late")
    set_status(ana.id, "open", author="Sam", now=NOW)
    set_status(ana.id, "closed", author="Sam", reason="Sorted", now=NOW)
    closed = {row["customer name"]: row["closed"] for row in rows_of(exported_bytes(tmp_path))}
    assert closed["Ana"].startswith("2026-03-14")


def test_a_note_of_a_row_with_its_day_alone_is_exported_with_its_day_alone(db, tmp_path) -> None:
    """An old log's row gave a day and no time: its "What we did" note was exported
    as written at midnight ("[2026-04-03 00:00 Note]")."""
    plan = read_log(
        "Date,Customer,Problem,What we did\n2026-03-03,Ann Lee,The lid cracked.,New lid sent\n",
        now=NOW,
    )
    import_log(plan, author="Sam", now=NOW)
    notes = rows_of(exported_bytes(tmp_path))[0]["notes"]
    assert "[2026-03-03 Note] What we did: New lid sent" in notes
    assert "00:00" not in notes
    from models.log_csv_columns import parse_notes  # as an import reads the cell back

    kept = [n for n in parse_notes(notes) if "New lid" in n.text]
    assert [(n.at, n.text) for n in kept] == [
        (dt.datetime(2026, 3, 3), "What we did: New lid sent")
    ]


def test_one_contact_column_holding_phones_and_emails_fills_each(db) -> None:
    """A "Mobile/Email" column read as the phone refused every email in it, and read
    as the email, every phone: the only way in was to keep it as a note."""
    from models.tables import Customer

    for heading in ("phone", "email"):  # read as either, each cell goes where it belongs
        plan = read_log(
            f"received,customer name,{heading},account\n"
            "2026-03-02,Lee Wong,lee@example.com,Torn lining\n"
            "2026-03-03,Ama Boateng,07700 900123,Scorched collar\n",
            now=NOW,
        )
        assert plan.problems == [], heading
    import_log(plan, author="Sam", now=NOW)
    found = {c.name: (c.phone, c.email) for c in Customer.select()}
    assert found == {"Lee Wong": ("", "lee@example.com"), "Ama Boateng": ("07700 900123", "")}


def test_a_row_with_a_problem_shows_its_date_as_read_in_the_preview(db) -> None:
    """Rows with a problem showed "2025-09-10" beside the others' "Thu 11 Sep 2025"."""
    plan = read_log(
        "received,customer name,account\n2025-09-10,,No name\n2025-09-11,Bo,Fine\n", now=NOW
    )
    assert [shown["received"] for shown in plan.preview] == ["Wed 10 Sep 2025", "Thu 11 Sep 2025"]
