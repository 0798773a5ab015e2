"""Importing the owner's Excel workbook and exporting the log as one."""

from __future__ import annotations

import datetime as dt
import io
import re
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from models import log_xlsx
from models.choices import CLOSED, OPEN
from models.complaint_list import ListQuery
from models.complaints import ComplaintDetails, add_note, log_complaint, set_status
from models.customers import CustomerDetails
from models.errors import ComplaintDeskError
from models.log_csv import export_to_file, import_log, read_log
from models.log_table import read_table
from models.redress import total
from models.tables import Complaint, Customer
from models.text import clean

NOW = dt.datetime(2026, 3, 14, 10, 30)


def owners_workbook(path: Path, *, title: bool = True, sheets: int = 1) -> Path:
    """The owner's log as they keep it: a merged title, real dates, a phone typed as a
    number, an empty cell, a date merged over two rows, a value as a number."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "2026"
    if title:
        sheet.append(["Complaints 2026"])
        sheet.merge_cells("A1:G1")
    sheet.append(["Date", "Customer", "Phone", "Problem", "What we did", "Status", "Value"])
    sheet.append([dt.datetime(2026, 2, 3, 9, 15), "García Ltd", 7700900123, "Kettle leaks",
                  "Sent a new one", "Closed", 12.5])  # fmt: skip
    sheet.append([dt.date(2026, 2, 5), "Ben Lee", "07700 900456", "Late delivery", None,
                  "Waiting", None])  # fmt: skip
    sheet.append([None, "Cara Díaz", None, "Wrong colour", "Rang her", "Waiting", 3])
    first = sheet.max_row - 1
    sheet.merge_cells(f"A{first}:A{first + 1}")  # one date for both complaints of that day
    for number in range(1, sheets):
        book.create_sheet(f"Old {number}").append(["Date", "Customer", "Problem"])
    book.save(path)
    return path


def test_the_owners_workbook_is_read_with_real_dates_numbers_and_merged_cells(db, tmp_path) -> None:
    plan = read_log(owners_workbook(tmp_path / "log.xlsx"), now=NOW)
    assert plan.problems == []
    garcia, ben, cara = plan.rows
    assert garcia.received_at == dt.datetime(2026, 2, 3, 9, 15)
    assert garcia.customer.phone == "7700900123"
    assert total(garcia.redress) == 12.5 and total(cara.redress) == 3
    assert garcia.status == CLOSED and ben.status == OPEN
    assert [n.text for n in garcia.notes] == ["What we did: Sent a new one"]
    assert ben.notes == ()
    assert cara.received_at == ben.received_at == dt.datetime(2026, 2, 5)
    assert [p.row for p in (garcia.place, ben.place, cara.place)] == [3, 4, 5]
    assert "Row 1 (“Complaints 2026”) is read as a title above the headings." in plan.notes
    result = import_log(plan, author="Sam", now=NOW)
    assert result.complaints == 3
    assert Customer.get(Customer.name == "García Ltd")


def test_problems_name_the_row_as_excel_numbers_it(db, tmp_path) -> None:
    path = owners_workbook(tmp_path / "log.xlsx")
    book = openpyxl.load_workbook(path)
    book.active["B4"] = None  # Ben's name rubbed out
    book.active["A3"] = "31/02/2026"
    book.save(path)
    plan = read_log(path, now=NOW)
    assert [p.split(":")[0] for p in plan.problems] == ["Row 3", "Row 4"]
    assert "the customer's name is missing" in plan.problems[1]


def test_a_formula_cell_gives_the_value_excel_saved_and_is_never_worked_out(db, tmp_path) -> None:
    path = owners_workbook(tmp_path / "log.xlsx", title=False)
    packed = io.BytesIO()
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(packed, "w") as new:
        for part in old.infolist():
            data = old.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                # Value G2 = 10+2.5 as Excel saves it: the formula and its last result.
                data = data.replace(b'<c r="G2" t="n"><v>12.5</v></c>',
                                    b'<c r="G2"><f>10+2.5+NOW()</f><v>12.5</v></c>')  # fmt: skip
                assert b"NOW()" in data
            new.writestr(part, data)
    path.write_bytes(packed.getvalue())
    plan = read_log(path, now=NOW)
    assert total(plan.rows[0].redress) == 12.5


def test_another_sheet_can_be_read_and_the_first_is_said_to_be_read(db, tmp_path) -> None:
    path = owners_workbook(tmp_path / "log.xlsx", sheets=3)
    table = read_table(path)
    assert (table.sheet, table.sheets) == ("2026", ["2026", "Old 1", "Old 2"])
    assert "The workbook has 3 sheets; the sheet “2026” is read." in table.notes
    plan = read_log(path, sheet="Old 2", now=NOW)
    assert plan.problems == ["Row 2: there are no complaints in the file, only the headings."]
    with pytest.raises(ComplaintDeskError, match="has no sheet called “Nope”"):
        read_table(path, sheet="Nope")


def zipped(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(
    ("parts", "said"),
    [
        ({"word/document.xml": b"<w/>", "[Content_Types].xml": b"<T/>"}, "is a Word document"),
        (
            {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b""},
            "is damaged",
        ),
        (
            {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"},
            "is a LibreOffice document, not a spreadsheet",
        ),
        ({"notes.txt": b"hello"}, "is a zip archive, not an Excel workbook"),
        ({"xl/workbook.xml": b"<not a workbook"}, "is damaged"),
    ],
)
def test_a_foreign_or_damaged_file_named_xlsx_gets_one_sentence(
    db, tmp_path, parts: dict[str, bytes], said: str
) -> None:
    with pytest.raises(ComplaintDeskError, match=said) as refused:
        read_log(zipped(tmp_path / "log.xlsx", parts))
    assert str(refused.value).startswith("log.xlsx ")
    assert str(refused.value).endswith("nothing was imported.")
    assert Complaint.select().count() == 0


_SAVE = "save the log from Excel or LibreOffice as Excel Workbook (.xlsx)"
# The first bytes of a one-pixel PNG picture.
_PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        (
            "log.xlsx",
            b"Date,Customer,Problem\n2026-02-03,Ana Souza,Late\n",
            "log.xlsx is a text file, not an Excel workbook: if it is a CSV file, rename it to "
            f"end in .csv and choose it again, or {_SAVE}; nothing was imported.",
        ),
        (
            "log.ods",
            "Date;Customer;Problem\r\n03/02/2026;Ana Souza;Late\r\n".encode("utf-16"),
            "log.ods is a text file, not a LibreOffice spreadsheet: if it is a CSV file, rename "
            "it to end in .csv and choose it again, or save the log from Excel or LibreOffice "
            "as ODF Spreadsheet (.ods); nothing was imported.",
        ),
        (
            "log.xlsx",
            b"",
            f"log.xlsx is empty, not an Excel workbook: {_SAVE} and choose that file; "
            "nothing was imported.",
        ),
        (
            "Log.XLSX",
            _PNG + bytes(40),
            f"Log.XLSX is a PNG picture, not an Excel workbook: {_SAVE} and choose that file; "
            "nothing was imported.",
        ),
        (
            "log.xlsx",
            b"\x01\x02" + bytes(100),
            f"log.xlsx is not an Excel workbook, nor a CSV file: {_SAVE} and choose that file; "
            "nothing was imported.",
        ),
    ],
    ids=["CSV renamed .xlsx", "UTF-16 text named .ods", "empty", "PNG picture", "other file"],
)
def test_a_file_named_as_a_spreadsheet_that_is_not_one_gets_one_sentence(
    db, tmp_path, name: str, content: bytes, said: str
) -> None:
    """A CSV file renamed .xlsx was read as CSV, and a text without separators as one
    column: the owner is told what the file is and what to do, and nothing is read."""
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ComplaintDeskError) as refused:
        read_log(path, now=NOW)
    assert str(refused.value) == said
    assert Complaint.select().count() == 0


def test_a_zip_that_is_not_a_workbook_says_what_to_do(db, tmp_path) -> None:
    with pytest.raises(ComplaintDeskError) as refused:
        read_log(zipped(tmp_path / "log.xlsx", {"log.csv": b"Date,Customer\n"}), now=NOW)
    assert str(refused.value) == (
        "log.xlsx is a zip archive, not an Excel workbook: if the log is in it, unpack it and "
        f"choose the log itself, or {_SAVE}; nothing was imported."
    )


def test_a_csv_file_named_csv_txt_tsv_or_without_an_ending_is_still_read(db, tmp_path) -> None:
    for name in ("log.csv", "log.txt", "log.tsv", "log"):
        path = tmp_path / name
        path.write_text("received,customer name,account\n2026-03-01,Ana,Late\n")
        assert [r.customer.name for r in read_log(path, now=NOW).rows] == ["Ana"], name


def test_a_workbook_cut_short_is_damaged(db, tmp_path) -> None:
    whole = owners_workbook(tmp_path / "log.xlsx").read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ComplaintDeskError, match=r"cut\.xlsx is damaged"):
        read_log(tmp_path / "cut.xlsx")


def test_a_password_protected_workbook_and_an_old_xls_say_what_to_do(db, tmp_path) -> None:
    # An Office file in its compound-file wrapper, as Excel saves a locked workbook.
    wrapper = log_xlsx.OLE_MAGIC + bytes(500)
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(wrapper + "EncryptionInfo".encode("utf-16-le") + bytes(100))
    with pytest.raises(ComplaintDeskError, match=r"locked\.xlsx is locked with a password"):
        read_log(locked)
    old = tmp_path / "old.xls"
    old.write_bytes(wrapper + "Workbook".encode("utf-16-le") + bytes(100))
    with pytest.raises(ComplaintDeskError, match=r"old\.xls is an old Excel 97-2003 file"):
        read_log(old)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(db, tmp_path) -> None:
    path = owners_workbook(tmp_path / "log.xlsx")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", bytes(60_000_000))
    with pytest.raises(ComplaintDeskError, match="far more than a spreadsheet"):
        read_log(path)


def test_a_sheet_too_long_for_a_log_stops_with_a_message(db, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(log_xlsx, "MAX_ROWS", 3)
    plan = read_log(owners_workbook(tmp_path / "log.xlsx"), now=NOW)
    assert any("more than 3 rows" in p and "split it" in p for p in plan.problems)
    with pytest.raises(ComplaintDeskError, match="nothing was imported"):
        import_log(plan, author="Sam")
    assert Complaint.select().count() == 0


# --- export -------------------------------------------------------------------------


def test_the_xlsx_export_has_real_dates_numbers_and_text_that_stays_text(db, tmp_path) -> None:
    when = dt.datetime(2026, 3, 2, 10, 15)
    first = log_complaint(
        CustomerDetails(name="José García", phone="+44 7700 900123"),
        ComplaintDetails(account="=SUM(A1)", remedy_sought="-1 star", product="@home"),
        author="Sam",
        now=when,
    )
    set_status(first.id, CLOSED, author="Sam", reason="Refunded.", now=when + dt.timedelta(days=2))
    path = tmp_path / "log.xlsx"
    assert export_to_file(path) == 1
    book = openpyxl.load_workbook(path)
    sheet = book["Complaints"]
    shown = [cell.value for cell in sheet[1]]
    assert shown[:3] == ["Reference", "Received", "Status"]  # as a person writes them
    heading = [text.lower() for text in shown]
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    row = dict(zip(heading, sheet[2], strict=True))
    assert row["received"].value == when and row["received"].is_date
    assert row["closed"].value == when + dt.timedelta(days=2)
    assert row["customer name"].value == "José García"
    for column, text in (("account", "=SUM(A1)"), ("remedy sought", "-1 star"),
                         ("product", "@home"), ("phone", "+44 7700 900123")):  # fmt: skip
        assert row[column].value == text and row[column].data_type == "s", column
    assert row["account"].quotePrefix  # stays text when edited in Excel


def test_export_then_import_of_an_xlsx_gives_the_same_complaints(
    db, tmp_path, data_dir, open_other_log
) -> None:
    from models.db import close_database

    when = dt.datetime(2026, 3, 2, 10, 15)
    log_complaint(
        CustomerDetails(name="José García", email="jose@example.com"),
        ComplaintDetails(account="=SUM(A1)\nand more", remedy_sought="Refund"),
        author="Sam",
        now=when,
    )
    path = tmp_path / "log.xlsx"
    export_to_file(path)
    close_database()
    open_other_log("other")
    plan = read_log(path, now=NOW)
    assert plan.problems == []
    import_log(plan, author="Sam", now=NOW)
    complaint = Complaint.get()
    assert complaint.account == "=SUM(A1)\nand more"
    assert complaint.customer.name == "José García"
    assert complaint.received_at == when
    assert complaint.reference == "C-2026-0001"


def test_a_text_longer_than_excel_holds_is_cut_and_says_so(db, tmp_path) -> None:
    made = log_complaint(
        CustomerDetails(name="Ana"), ComplaintDetails(account="Late"), author="Sam", now=NOW
    )
    for _ in range(5):
        add_note(made.id, "x" * 9_000, author="Sam", now=NOW)
    path = tmp_path / "log.xlsx"
    export_to_file(path)
    notes = openpyxl.load_workbook(path)["Complaints"]["U2"].value
    assert len(notes) == 32_767
    assert notes.endswith("export as CSV to keep it all]")


def test_a_formula_excel_saved_no_result_for_is_read_as_empty_and_said(db, tmp_path) -> None:
    path = owners_workbook(tmp_path / "log.xlsx", title=False)
    book = openpyxl.load_workbook(path)
    book.active["G2"] = "=10+2.5"  # written by a program that does not work formulas out
    book.active["G3"] = "=1+1"
    book.save(path)
    plan = read_log(path, now=NOW)
    assert total(plan.rows[0].redress) is None
    assert (
        "Cells G2, G3 of the sheet hold a formula with no saved result, so they are read as "
        "empty: open the file in Excel or LibreOffice and save it, and it will hold the results."
        " (Text that starts with = is a formula to Excel: type ' before it.)"
    ) in plan.notes
    book.active["G3"] = "4"
    book.save(path)
    assert any(
        note.startswith("Cell G2 of the sheet holds a formula with no saved result, so it is")
        for note in read_log(path, now=NOW).notes
    )
    # A formula with its result saved is not mentioned.
    assert not any(
        "formula" in note
        for note in read_log(owners_workbook(tmp_path / "plain.xlsx"), now=NOW).notes
    )


def test_a_heading_merged_over_two_columns_reads_the_second_by_its_content(db, tmp_path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Date", "Customer", None, "Problem"])
    sheet.merge_cells("B1:C1")  # "Customer" over the name and the phone
    sheet.append([dt.date(2026, 2, 3), "Ana Souza", "07700 900123", "Torn"])
    book.save(tmp_path / "log.xlsx")
    plan = read_log(tmp_path / "log.xlsx", now=NOW)
    assert plan.problems == []
    assert plan.rows[0].customer.phone == "07700 900123"


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=_TEXT, account=_TEXT)
@example(name="¨", account="0")
def test_any_text_goes_into_the_workbook_as_it_is_and_reads_back_as_the_same_complaint(
    db, tmp_path, name: str, account: str
) -> None:
    assume(clean(name) and clean(account, multiline=True))
    made = log_complaint(
        CustomerDetails(name=name), ComplaintDetails(account=account), author="Sam", now=NOW
    )
    path = tmp_path / "log.xlsx"
    export_to_file(path, query=ListQuery(status="all", text=made.reference))
    sheet = openpyxl.load_workbook(path)["Complaints"]
    stored = Complaint.get_by_id(made.id)
    assert sheet["F2"].value == stored.customer.name
    assert sheet["K2"].value == stored.account
    plan = read_log(path, now=NOW)
    assert plan.problems == [] and [p.row for p in plan.skipped] == [2]


def test_a_workbook_whose_xml_would_expand_without_end_is_refused(db, tmp_path) -> None:
    """The "billion laughs": entities that expand to gigabytes. The XML parser that
    reads workbooks expands none, and the file is named damaged."""
    entities = b'<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">' + b"".join(
        b'<!ENTITY %c "%s">' % (ord("b") + n, (b"&%c;" % (ord("a") + n)) * 20) for n in range(8)
    )
    path = owners_workbook(tmp_path / "log.xlsx", title=False)
    packed = io.BytesIO()
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(packed, "w") as new:
        for part in old.infolist():
            data = old.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b"<worksheet", b"<!DOCTYPE worksheet [" + entities + b"]><worksheet", 1
                )
                data = data.replace(b"<t>Kettle leaks</t>", b"<t>&i;</t>")
                assert b"&i;" in data
            new.writestr(part, data)
    path.write_bytes(packed.getvalue())
    with pytest.raises(ComplaintDeskError, match=r"log\.xlsx is damaged"):  # not expanded
        read_log(path)


def test_a_phone_saved_as_a_number_keeps_the_leading_zeros_its_cell_format_shows(
    db, tmp_path
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Date", "Customer", "Phone", "Problem"])
    for row, (name, phone, shown) in enumerate(
        (("Ana Souza", 7700900123, "00000 000000"), ("Ben Lee", 7700900456, "00000000000"),
         ("Cara Díaz", 7700900789, "General"), ("Dan Roe", 12.5, "0.00")),
        start=2,
    ):  # fmt: skip
        sheet.append([dt.date(2026, 2, row), name, phone, "Late"])
        sheet.cell(row=row, column=3).number_format = shown
    path = tmp_path / "phones.xlsx"
    book.save(path)
    plan = read_log(path, now=NOW)
    phones = [row.customer.phone for row in plan.rows[:3]]
    assert phones == ["07700 900123", "07700900456", "7700900789"]
    import_log(plan, author="Sam", now=NOW)
    assert Customer.get(Customer.name == "Ana Souza").phone == "07700 900123"


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.text(max_size=60), min_size=1, max_size=4))
def test_any_text_written_to_a_workbook_reads_back_as_it_was(texts: list[str]) -> None:
    from models.xlsx_writer import ILLEGAL, SheetWriter, Style

    out = io.BytesIO()
    with SheetWriter(out, sheet="S", styles=[Style(text_kept=True)], kept_text=1) as sheet:
        sheet.append(["heading"] * len(texts))
        sheet.append(texts)
    kept = [ILLEGAL.sub("", text) for text in texts]
    row = list(openpyxl.load_workbook(io.BytesIO(out.getvalue()))["S"].iter_rows(min_row=2))
    read = [cell.value or "" for cell in row[0]] if row else []
    read += [""] * (len(kept) - len(read))
    assert read == [k.encode("utf-8", "replace").decode("utf-8") for k in kept]


# The same log read as a workbook and as CSV: the workbook may take at most this many
# times as long (best of three each), with a little for the timer and the scheduler.
# Reading a workbook's XML cell by cell in Python took six to seven times as long.
AS_QUICK = 3.5
QUICK_NOISE = 0.05  # seconds


def _best_of_three(read) -> float:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        read()
        best = min(best, time.perf_counter() - started)
    return best


def _filled_in(table) -> list[dict[str, object]]:
    """Each row's filled-in cells, by heading: an amount as its number (56.20 as 56.2),
    and a moment at midnight as its day, as a workbook's date cell gives it."""
    return [
        {h.lower(): float(v) if h.lower() == "redress value" else v.removesuffix(" 00:00")
         for h, v in zip(table.headings, values, strict=False) if v}
        for _, values in table.rows
    ]  # fmt: skip


@pytest.mark.sqlite_only
def test_a_workbook_is_read_about_as_quickly_as_the_same_log_saved_as_csv(db, tmp_path) -> None:
    from models.demo import add_demo_data

    add_demo_data(3_000, seed=5, now=NOW)
    export_to_file(tmp_path / "log.xlsx")
    export_to_file(tmp_path / "log.csv")
    workbook, text = read_table(tmp_path / "log.xlsx"), read_table(tmp_path / "log.csv")
    assert len(workbook.rows) == 3_000
    assert _filled_in(workbook) == _filled_in(text)
    as_csv = _best_of_three(lambda: read_table(tmp_path / "log.csv"))
    as_xlsx = _best_of_three(lambda: read_table(tmp_path / "log.xlsx"))
    assert as_xlsx <= AS_QUICK * as_csv + QUICK_NOISE, (
        f"the workbook took {as_xlsx:.2f} s to read, the same log as CSV {as_csv:.2f} s"
    )


def test_a_cell_showing_an_error_is_read_as_excel_shows_it(db, tmp_path) -> None:
    path = owners_workbook(tmp_path / "log.xlsx", title=False)
    packed = io.BytesIO()
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(packed, "w") as new:
        for part in old.infolist():
            data = old.read(part)
            if part.filename == "xl/worksheets/sheet1.xml":
                # Ben's date worked out by a formula Excel could not work out.
                before = re.search(rb'<c r="A3"[^>]*>.*?</c>', data)
                assert before is not None
                data = data.replace(before.group(0), b'<c r="A3" t="e"><f>B9</f><v>#N/A</v></c>')
            new.writestr(part, data)
    path.write_bytes(packed.getvalue())
    plan = read_log(path, now=NOW)
    assert plan.problems == [  # the date is merged over Ben's and Cara's rows
        f"Row {row}: the date received “#N/A” is not a date (use YYYY-MM-DD or day/month/year)."
        for row in (3, 4)
    ]


def test_a_sheet_reaching_far_beyond_its_log_is_refused_before_it_is_read(db, tmp_path) -> None:
    """A stray value in the last column of the last row: reading every cell up to it
    would take far more memory than the computer has, so the owner is told where."""
    book = openpyxl.Workbook()
    book.active.append(["Date", "Customer", "Problem"])
    book.active.append([dt.date(2026, 2, 3), "Ana Souza", "Late"])
    book.active["XFD1048576"] = "x"
    book.save(tmp_path / "log.xlsx")
    with pytest.raises(ComplaintDeskError) as refused:
        read_log(tmp_path / "log.xlsx", now=NOW)
    assert str(refused.value) == (
        "log.xlsx has cells in the sheet “Sheet” as far as row 1,048,576 and column XFD, far "
        "more than a complaints log fills: delete the rows and columns after the log, or copy "
        "the log into a new workbook, and save it again; nothing was imported."
    )
    assert Complaint.select().count() == 0
    book.active["XFD1048576"] = None
    book.active["Z1048576"] = "x"  # within columns A to Z, the sheet is read
    book.save(tmp_path / "log.xlsx")
    table = read_table(tmp_path / "log.xlsx")
    assert [place.row for place, _ in table.rows] == [2, 1_048_576]
