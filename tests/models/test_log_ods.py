"""The owner's log kept in LibreOffice (.ods): read with its real dates and numbers,
checked and imported as a workbook is; a damaged or swollen one gets one sentence."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from models.choices import CLOSED, OPEN
from models.errors import ComplaintDeskError
from models.log_csv import import_log, read_log
from models.log_table import read_table
from models.redress import total
from models.tables import Complaint, Customer
from tests.models.ods import write_ods, write_ods_tables

NOW = dt.datetime(2026, 3, 14, 10, 30)
HEADINGS = ["Date", "Customer", "Phone", "Problem", "What we did", "Status", "Refund £"]


def owners_ods(path: Path) -> Path:
    return write_ods(
        path,
        {
            "2026": [
                HEADINGS,
                [dt.datetime(2026, 2, 3, 9, 15), "王秀英", 7700900123, "Kettle leaks",
                 "Sent a new one", "Closed", 12.5],
                [dt.date(2026, 2, 5), "محمد الأحمد", "07700 900456", "Late delivery", None,
                 "Waiting", None],
                [dt.date(2026, 2, 6), "Zoë O'Brien-García", None, "=SUM(1,2) wrong colour",
                 "Rang her", "Waiting", 3],
            ],
            "Old": [["Date", "Customer", "Problem"]],
        },
    )  # fmt: skip


def test_the_owners_libreoffice_log_is_read_and_imported(db, tmp_path) -> None:
    plan = read_log(owners_ods(tmp_path / "log.ods"), now=NOW)
    assert plan.problems == []
    wang, mohammed, zoe = plan.rows
    assert wang.received_at == dt.datetime(2026, 2, 3, 9, 15)
    assert (wang.customer.name, mohammed.customer.name) == ("王秀英", "محمد الأحمد")
    assert wang.customer.phone == "7700900123"
    assert total(wang.redress) == 12.5 and total(zoe.redress) == 3
    assert wang.status == CLOSED and mohammed.status == OPEN
    assert [n.text for n in wang.notes] == ["What we did: Sent a new one"]
    assert zoe.account == "=SUM(1,2) wrong colour"  # kept as typed, never worked out
    assert [p.row for p in (wang.place, mohammed.place, zoe.place)] == [2, 3, 4]
    result = import_log(plan, author="Sam", now=NOW)
    assert result.complaints == 3
    assert Customer.get(Customer.name == "Zoë O'Brien-García")
    again = read_log(tmp_path / "log.ods", now=NOW)
    assert again.rows == [] and len(again.skipped) == 3  # the same file twice adds nothing


def test_the_first_sheet_is_read_unless_another_is_chosen(db, tmp_path) -> None:
    path = owners_ods(tmp_path / "log.ods")
    table = read_table(path)
    assert (table.sheet, table.sheets) == ("2026", ["2026", "Old"])
    with pytest.raises(ComplaintDeskError, match="has no sheet called “Nope”"):
        read_table(path, sheet="Nope")


def test_a_damaged_or_swollen_ods_gets_one_sentence(db, tmp_path) -> None:
    whole = owners_ods(tmp_path / "log.ods").read_bytes()
    (tmp_path / "cut.ods").write_bytes(whole[: len(whole) // 2])
    with pytest.raises(ComplaintDeskError, match=r"cut\.ods is damaged"):
        read_log(tmp_path / "cut.ods")
    swollen = tmp_path / "bomb.ods"
    with zipfile.ZipFile(swollen, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("content.xml", b"<" + b" " * 300_000_000 + b"/>")
    with pytest.raises(ComplaintDeskError, match="made to harm") as refused:
        read_log(swollen)
    assert str(refused.value).endswith("nothing was imported.")
    assert Complaint.select().count() == 0


def test_a_refund_column_records_refunds_and_says_so(db, tmp_path) -> None:
    """The owner's "Refund £" column: its amounts are refunds, not an unsaid kind."""
    plan = read_log(owners_ods(tmp_path / "log.ods"), now=NOW)
    wang = plan.rows[0]
    assert [(g.kind, g.value) for g in wang.redress] == [("refund", 12.5)]
    assert "The amounts under “Refund £” are recorded as redress of the kind “Refund”." in (
        plan.notes
    )
    plain = read_log("received,customer name,account,value\n2026-03-01,Ana,x,5\n", now=NOW)
    assert [(g.kind, g.value) for g in plain.rows[0].redress] == [("", 5.0)]


def test_a_zero_in_the_refund_column_gave_nothing(db, tmp_path) -> None:
    plan = read_log(
        write_ods(tmp_path / "log.ods", {"Log": [
            ["Date", "Customer", "Problem", "Refund £"],
            [dt.date(2026, 2, 3), "Tom", "Cold coffee", 0],
            [dt.date(2026, 2, 4), "Ann", "Late cake", 4.5],
        ]}),
        now=NOW,
    )  # fmt: skip
    assert plan.problems == []
    assert [[(g.kind, g.value) for g in r.redress] for r in plan.rows] == [[], [("refund", 4.5)]]


def test_the_same_log_kept_in_libreoffice_or_excel_reads_the_same(db, tmp_path) -> None:
    """Dates, times, amounts, a phone saved as a number (and the note saying so), a
    tick box and empty cells: the .ods and the .xlsx of one log give the same rows."""
    import openpyxl

    rows = [
        ["Date", "Customer", "Phone", "Problem", "Refund £", "Rang back", "Called at"],
        [dt.datetime(2026, 2, 3, 9, 15), "Ana Souza", 7700900123, "Kettle leaks", 12.5, True,
         None],
        [dt.date(2026, 2, 5), "Ben Lee", "07700 900456", "Late delivery", None, False,
         dt.datetime(2026, 2, 5, 16, 40, 5)],
        [dt.date(2026, 2, 6), "Cara Díaz", 7700900789, "Wrong colour", 3, None, None],
    ]  # fmt: skip
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(tmp_path / "log.xlsx")
    write_ods(tmp_path / "log.ods", {"Sheet": rows})
    excel, libreoffice = read_table(tmp_path / "log.xlsx"), read_table(tmp_path / "log.ods")
    assert libreoffice.headings == excel.headings == rows[0]
    assert [values for _, values in libreoffice.rows] == [values for _, values in excel.rows]
    assert [values for _, values in excel.rows] == [
        ["2026-02-03 09:15", "Ana Souza", "7700900123", "Kettle leaks", "12.5", "Yes"],
        ["2026-02-05", "Ben Lee", "07700 900456", "Late delivery", "", "No",
         "2026-02-05 16:40:05"],
        ["2026-02-06", "Cara Díaz", "7700900789", "Wrong colour", "3"],
    ]  # fmt: skip
    assert [p.row for p, _ in libreoffice.rows] == [p.row for p, _ in excel.rows] == [2, 3, 4]
    said = [n for n in excel.notes if n.startswith("Phone numbers in column C")]
    assert len(said) == 1 and said == [
        n for n in libreoffice.notes if n.startswith("Phone numbers in column C")
    ]


def test_a_log_that_starts_below_and_right_of_a1_keeps_its_rows_and_columns(db, tmp_path) -> None:
    """A log laid out from cell B3: the note on the phones names column C, as the
    owner sees it, and the rows are numbered as LibreOffice and Excel number them."""
    import openpyxl

    rows = [
        ["Date", "Customer", "Phone", "Problem"],
        [dt.date(2026, 2, 3), "Ana Souza", 7700900123, "Late"],
    ]
    write_ods(tmp_path / "log.ods", {"Log": [[], [], *[[None, *row] for row in rows]]})
    book = openpyxl.Workbook()
    for number, row in enumerate(rows, start=3):
        for column, value in enumerate(row, start=2):
            book.active.cell(row=number, column=column, value=value)
    book.save(tmp_path / "log.xlsx")
    for name in ("log.ods", "log.xlsx"):
        table = read_table(tmp_path / name)
        assert table.heading_place.row == 3, name
        assert [(place.row, values) for place, values in table.rows] == [
            (4, ["", "2026-02-03", "Ana Souza", "7700900123", "Late"])
        ], name
        assert table.column_name(3) == "Phone", name
        assert any(n.startswith("Phone numbers in column D (“Phone”)") for n in table.notes), name


def _repeated(name: str, rows: int, columns: int) -> str:
    """A sheet of a heading row and one row repeated ``rows`` times, its one cell
    repeated ``columns`` times: a few bytes that say millions of cells."""
    return (
        f'<table:table table:name="{name}"><table:table-row>'
        '<table:table-cell office:value-type="string"><text:p>Date</text:p></table:table-cell>'
        '<table:table-cell office:value-type="string"><text:p>Customer</text:p>'
        "</table:table-cell></table:table-row>"
        f'<table:table-row table:number-rows-repeated="{rows}">'
        f'<table:table-cell table:number-columns-repeated="{columns}" office:value-type="string">'
        "<text:p>x</text:p></table:table-cell></table:table-row></table:table>"
    )


@pytest.mark.parametrize(
    ("sheets", "reach"),
    [
        ((("Log", 200_000, 200),), "“Log” as far as row 200,001 and column GR"),
        ((("Log", 1_048_000, 30),), "“Log” as far as row 1,048,001 and column AD"),
        ((("Log", 3, 2), ("Old", 400_000, 100)), "“Old” as far as row 400,001 and column CV"),
    ],
)
def test_cells_repeated_millions_of_times_are_refused_before_they_are_read(
    db, tmp_path, sheets, reach
) -> None:
    """Read whole, each of these files of under a kilobyte took gigabytes of memory."""
    path = write_ods_tables(tmp_path / "log.ods", "".join(_repeated(*s) for s in sheets))
    assert path.stat().st_size < 2_000
    with pytest.raises(ComplaintDeskError, match=f"has cells in the sheet {reach}") as refused:
        read_log(path)
    assert str(refused.value).endswith("nothing was imported.")
    assert Complaint.select().count() == 0


def test_blank_cells_and_rows_repeated_to_the_sheets_edge_are_read_as_libreoffice_saves_them(
    db, tmp_path
) -> None:
    """LibreOffice saves the styled but empty rest of a sheet as repeats: not a reach."""
    blank_cells = '<table:table-cell table:style-name="ce1" table:number-columns-repeated="16381"/>'
    tables = (
        '<table:table table:name="Log"><table:table-row>'
        '<table:table-cell office:value-type="string"><text:p>Date</text:p></table:table-cell>'
        '<table:table-cell office:value-type="string"><text:p>Customer</text:p></table:table-cell>'
        '<table:table-cell office:value-type="string"><text:p>Problem</text:p></table:table-cell>'
        f"{blank_cells}</table:table-row><table:table-row>"
        '<table:table-cell office:value-type="date" office:date-value="2026-02-03">'
        "<text:p>03/02/2026</text:p></table:table-cell>"
        '<table:table-cell office:value-type="string"><text:p>Ann Lee</text:p></table:table-cell>'
        '<table:table-cell office:value-type="string"><text:p>Cold tea</text:p></table:table-cell>'
        f'{blank_cells}</table:table-row><table:table-row table:number-rows-repeated="1048574">'
        '<table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>'
    )
    plan = read_log(write_ods_tables(tmp_path / "log.ods", tables), now=NOW)
    assert plan.problems == []
    assert [(r.customer.name, r.account) for r in plan.rows] == [("Ann Lee", "Cold tea")]


def test_rows_of_a_log_without_categories_are_filed_by_their_words(db, tmp_path) -> None:
    """The owner's log has no column of categories: each complaint is filed under the
    category its problem's words point to, so insights can say what keeps going
    wrong; one whose words point nowhere (or two ways at once) is left without."""
    plan = read_log(
        write_ods(tmp_path / "log.ods", {"Log": [
            ["Date", "Customer", "Problem", "Status"],
            [dt.date(2026, 2, 3), "Tom Reid", "Hose reel leaks at the joint", "Waiting"],
            [dt.date(2026, 2, 4), "Ann Lee", "Compost delivery never came", "Closed"],
            [dt.date(2026, 2, 5), "Bo Chen", "Charged twice for one mower", "Closed"],
            [dt.date(2026, 2, 6), "Cy Dunn", "Asked about opening hours", "Closed"],
        ]}),
        now=NOW,
    )  # fmt: skip
    assert plan.problems == []
    assert [row.category for row in plan.rows] == [
        "Faulty or damaged item", "Late or missing order", "Price, bill or refund", ""
    ]  # fmt: skip
    assert (
        "4 rows have no category: 3 are filed under the one their words point to (Faulty or "
        "damaged item 1, Late or missing order 1, Price, bill or refund 1), and 1 left "
        "without one. Change any on the Complaint tab." in plan.notes
    )
    import_log(plan, author="Sam", now=NOW)
    tom = Complaint.get(Complaint.account == "Hose reel leaks at the joint")
    assert tom.category.name == "Faulty or damaged item"
