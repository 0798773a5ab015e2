"""Guessing what each column of an owner's spreadsheet holds, and remembering the
owner's choice for the next file with the same headings."""

from __future__ import annotations

import datetime as dt

from models.choices import CLOSED, OPEN
from models.column_guess import IGNORE, NOTE, guess_columns, guess_status, status_words
from models.import_mapping import (
    ColumnMapping,
    describe,
    mapping_notes,
    mapping_problems,
    propose,
    remember,
)
from models.log_csv import check_table, read_log
from models.log_table import read_table

NOW = dt.datetime(2026, 3, 14, 10, 30)
OWNER = (
    "Date,Customer,Phone,Problem,What we did,Status\n"
    "03/02/2026,Ana Souza,07700 900123,Kettle leaks,Sent a new one,Closed\n"
    "05/02/2026,Ben Lee,07700 900456,Late delivery,Rang the courier,Waiting\n"
    "06/02/2026,Cara Díaz,07700 900789,Wrong colour,,Sorted\n"
)


def fields(headings: list[str], *rows: list[str]) -> list[str]:
    columns = [[row[c] for row in rows if row[c]] for c in range(len(headings))]
    return [guess.field for guess in guess_columns(headings, columns)]


def test_the_owners_headings_are_read_and_what_we_did_goes_to_the_notes() -> None:
    assert fields(
        ["Date", "Customer", "Phone", "Problem", "What we did", "Status", "Notes", "Email"],
        ["3/2/2026", "Ana", "0770", "Leaks", "Sent one", "Done", "", "a@b.co"],
    ) == ["received", "customer name", "phone", "account", NOTE, "status", "notes", "email"]
    assert fields(["Value", "Closed"], ["12.50", "04/02/2026"]) == ["redress value", "closed"]


def test_a_closed_column_of_ticks_is_the_status_not_the_date_closed() -> None:
    assert fields(["Closed"], ["Yes"], ["No"], ["✓"]) == ["status"]


def test_columns_without_a_known_heading_are_read_by_their_content() -> None:
    rows = [
        ["14/03/2026", "ana@example.com", "07700 900123", "£12.50", "Mr Ana Souza", "Done",
         "The kettle leaked all over the counter when she filled it", "20/03/2026", "C-2026-0042"],
        ["15/03/2026", "ben@example.com", "+44 7700 900456", "£3", "Ben Lee", "Waiting",
         "It came a week late and the box was open", "", "C-2026-0043"],
    ]  # fmt: skip
    assert fields(["", "Contact", "Tel?", "Paid back", "Who", "Where", "Story", "Ended", "Our no"],
                  *rows) == [
        "received", "email", "phone", "redress value", "customer name", "status", "account",
        "closed", "reference",
    ]  # fmt: skip


def test_a_column_with_no_field_is_kept_in_the_notes_and_an_empty_one_left_out() -> None:
    assert fields(
        ["Date", "Name", "Problem", "Colour", ""], ["1/2/2026", "Ana", "Torn", "Red", ""]
    )[3:] == [NOTE, IGNORE]


def test_two_headings_for_one_field_are_both_kept_so_the_clash_is_seen(db) -> None:
    table = read_table("Date,Customer,Name,Problem\n01/02/2026,Ana,Ana Souza,Torn\n")
    proposal = propose(table)
    assert proposal.mapping.fields[1:3] == ("customer name", "customer name")
    assert mapping_problems(table, proposal.mapping) == [
        "Row 1: the columns “Customer” and “Name” both hold the customer's name; "
        "keep only one of them."
    ]


def test_a_closed_column_of_words_not_dates_is_the_status() -> None:
    """ "Closed?" holding "yes - refunded" and "no, waiting on supplier" was taken as
    the date closed, and the import refused it as two columns of dates closed."""
    headings = ["Date", "Customer", "Closed?"]
    samples = [
        ["01/03/2025", "02/03/2025", "03/03/2025"],
        ["Ann Lee", "Bo Chen", "Cy Ray"],
        ["yes - refunded", "no, waiting on supplier", "yes - replaced bouquet free"],
    ]
    assert [g.field for g in guess_columns(headings, samples)][2] == "status"
    samples[2] = ["05/03/2025", "", "07/03/2025"]
    assert [g.field for g in guess_columns(headings, samples)][2] == "closed"
    # "Sorted?" or "Done?" asks the same as "Closed?".
    answers = [["yes", "no - waiting to hear back", "yes - refunded £20"]]
    for heading in ("Sorted?", "Done?", "Resolved"):
        assert guess_columns([heading], answers)[0].field == "status", heading
        days = [["05/03/2025", "07/03/2025"]]
        assert guess_columns([heading], days)[0].field == "closed", heading


def test_status_words_are_read_as_open_or_closed() -> None:
    for word in ("Waiting", "in progress", "OPEN", "on hold", "No"):
        assert guess_status(word) == OPEN, word
    for word in ("Done", "Sorted", "closed", "Resolved", "Yes", "✓"):
        assert guess_status(word) == CLOSED, word
    for heading in ("Open?", "Still outstanding", "PENDING", "Not done?", "Open / closed"):
        assert (guess_status("Yes", heading), guess_status("n", heading)) == (OPEN, CLOSED)
    for heading in ("Closed?", "Done", "Resolved", "Status", "Sorted out?"):
        assert (guess_status("Y", heading), guess_status("No", heading)) == (CLOSED, OPEN)
    assert guess_status("Passed to Sam") is None
    # A status followed by what was done is read by the status it starts with.
    for word in ("yes - refunded £40", "Sorted, gave a voucher", "Closed (refund)"):
        assert guess_status(word, "Done?") == CLOSED, word
    assert guess_status("Waiting - part on order") == OPEN
    assert guess_status("refunded £40") is None
    assert status_words(["Waiting", "Done", "waiting ", "", "Done", "Done"]) == [
        ("Waiting", 2),
        ("Done", 3),
    ]


def test_yes_under_open_is_open_and_yes_under_closed_is_closed(db) -> None:
    for heading, yes in (("Open?", OPEN), ("Closed?", CLOSED)):
        text = f"Date,Customer,Problem,{heading}\n" + "".join(
            f"0{day}/02/2026,Ana Souza {day},Kettle leaks,{answer}\n"
            for day, answer in ((3, "Yes"), (4, "No"), (5, "yes"))
        )
        plan = read_log(text, now=NOW)
        assert plan.problems == []
        no = CLOSED if yes == OPEN else OPEN
        assert [row.status for row in plan.rows] == [yes, no, yes], heading


def test_the_owners_file_is_read_with_the_guess(db) -> None:
    plan = read_log(OWNER, now=NOW)
    assert plan.problems == []
    ana, ben, cara = plan.rows
    assert (ana.status, ben.status, cara.status) == (CLOSED, OPEN, CLOSED)
    assert [note.text for note in ana.notes] == ["What we did: Sent a new one"]
    assert cara.notes == ()
    assert ben.received_at == dt.datetime(2026, 2, 5)
    assert any("“What we did”" in note and "notes" in note for note in plan.notes)


def test_a_status_word_the_app_does_not_know_is_open_unless_the_owner_says(db) -> None:
    text = "Date,Customer,Problem,Status\n01/02/2026,Ana,Torn,Passed to Sam\n"
    table = read_table(text)
    proposal = propose(table)
    assert proposal.mapping.statuses == {"passed to sam": OPEN}
    assert mapping_notes(table, proposal.mapping) == [
        "Status words the app does not know, and how they are read: “Passed to Sam” as open."
    ]
    closed = ColumnMapping(proposal.mapping.fields, {"passed to sam": CLOSED})
    assert check_table(table, closed, now=NOW).rows[0].status == CLOSED


def test_the_owners_choice_is_remembered_for_the_same_headings(db) -> None:
    table = read_table(OWNER)
    first = propose(table)
    assert not first.remembered
    chosen = ColumnMapping(
        (*first.mapping.fields[:4], "agreed solution", *first.mapping.fields[5:]),
        {**first.mapping.statuses, "sorted": OPEN},
    )
    remember(table, chosen)
    again = propose(read_table(OWNER.replace("Ana Souza", "Ana Lee")))
    assert again.remembered
    assert again.mapping == chosen
    other = propose(read_table(OWNER.replace("What we did", "Action")))
    assert not other.remembered and other.mapping.fields[4] == NOTE
    plan = read_log(OWNER, now=NOW)  # the command line reads it as remembered too
    assert plan.rows[0].agreed_solution == "Sent a new one"
    assert plan.rows[2].status == OPEN


def test_the_mapping_is_described_column_by_column(db) -> None:
    table = read_table(OWNER)
    assert describe(table, propose(table).mapping) == [
        "Date: date received",
        "Customer: customer's name",
        "Phone: phone number",
        "Problem: account of what happened",
        "What we did: added to the notes",
        "Status: status",
    ]


def test_a_title_above_the_headings_is_not_read_as_headings(db) -> None:
    table = read_table("Complaints 2026,,,\n,,,\n" + OWNER)
    assert table.headings[:2] == ["Date", "Customer"]
    assert table.heading_place.row == 3
    assert table.notes == ["Row 1 (“Complaints 2026”) is read as a title above the headings."]
    plan = read_log("Complaints 2026,,,\n" + OWNER.replace("05/02/2026", "31/02/2026"), now=NOW)
    assert [p[:6] for p in plan.problems] == ["Row 4:"]


def test_the_preview_shows_each_date_as_it_is_read(db) -> None:
    plan = read_log(
        "Date,Customer,Problem,Status,Closed\n"
        "12/03/2026,Ana Souza,Kettle leaks,Closed,13 March 2026\n"
        "3 March 2026,Ben Lee,Late delivery,Open,\n"
        "2026-03-12 14:05,Cara Díaz,Wrong colour,Open,\n",
        now=NOW,
    )
    assert plan.problems == []
    assert [row["received"] for row in plan.preview] == [
        "Thu 12 Mar 2026",
        "Tue 3 Mar 2026",
        "Thu 12 Mar 2026 14:05",
    ]
    assert plan.preview[0]["closed"] == "Fri 13 Mar 2026"


def test_a_heading_naming_what_was_bought_is_the_product() -> None:
    """A bike shop heads its product column "Bike", a phone shop "Handset"."""
    for heading in ("Bike", "Handset", "Item name", "Make and model", "Goods", "Device"):
        assert fields(
            ["Date", "Customer", heading, "What went wrong"],
            ["3/2/2026", "Ana Souza", "Trek Marlin 5", "The gears slip under load"],
        ) == ["received", "customer name", "product", "account"], heading
