"""Finding the headings of an owner's spreadsheet when they are not simply row 1."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from models.heading_rows import find_headings, headings_of
from models.log_table import read_table


def workbook(path: Path, rows: list[list[object]], merges: tuple[str, ...] = ()) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    book.save(path)
    return path


DATA = [
    [dt.date(2026, 2, 3), "García Ltd", "07700 900123", "Kettle leaks", "Closed"],
    [dt.date(2026, 2, 5), "Ben Lee", "07700 900456", "Late delivery", "Waiting"],
]


def test_a_title_and_a_blank_row_above_the_headings_are_not_read_as_headings(tmp_path) -> None:
    path = workbook(
        tmp_path / "log.xlsx",
        [["COMPLAINTS 2026", None, "Printed 1 March"], [],
         ["Date", "Customer", "Phone", "Problem", "Status"], *DATA],
    )  # fmt: skip
    table = read_table(path)
    assert table.headings == ["Date", "Customer", "Phone", "Problem", "Status"]
    assert table.heading_rows.said() == "row 3"
    assert [values[1] for _, values in table.rows] == ["García Ltd", "Ben Lee"]
    assert [place.row for place, _ in table.rows] == [4, 5]
    assert "Row 1 (“COMPLAINTS 2026 Printed 1 March”) is read as a title above the headings." in (
        table.notes
    )


def test_a_heading_over_two_rows_with_a_merged_group_cell_is_read_as_one(tmp_path) -> None:
    path = workbook(
        tmp_path / "log.xlsx",
        [["Date", "Customer", None, "Problem", "Status"],
         [None, "Name", "Phone", None, None], *DATA],
        merges=("B1:C1", "A1:A2", "D1:D2"),
    )  # fmt: skip
    table = read_table(path)
    assert table.headings == ["Date", "Customer Name", "Customer Phone", "Problem", "Status"]
    assert table.heading_rows.said() == "rows 1 and 2"
    assert [place.row for place, _ in table.rows] == [3, 4]


def test_a_group_row_alone_above_the_column_names_is_read_with_them(tmp_path) -> None:
    path = workbook(
        tmp_path / "log.xlsx",
        [["Complaints log"], [], [None, "Customer"],
         ["Date", "Name", "Phone", "Problem", "Status"], *DATA],
        merges=("A1:E1", "B3:C3"),
    )  # fmt: skip
    table = read_table(path)
    assert table.headings == ["Date", "Customer Name", "Customer Phone", "Problem", "Status"]
    assert table.heading_rows.said() == "rows 3 and 4"


def test_a_merged_title_right_above_the_headings_is_a_title_not_a_group(tmp_path) -> None:
    path = workbook(
        tmp_path / "log.xlsx",
        [["COMPLAINTS 2026"], ["Date", "Customer", "Phone", "Problem", "Status"], *DATA],
        merges=("A1:E1",),
    )
    table = read_table(path)
    assert table.headings == ["Date", "Customer", "Phone", "Problem", "Status"]
    assert table.heading_rows.said() == "row 2"


def test_a_csv_file_with_a_title_and_a_two_row_heading(tmp_path) -> None:
    text = (
        "Bob's Bikes,Complaints\n\n"
        "Date,Customer,,Problem\n,Name,Phone,\n"
        "03/02/2026,García Ltd,07700 900123,Kettle leaks\n"
    )
    table = read_table(text)
    assert table.headings == ["Date", "Customer Name", "Customer Phone", "Problem"]
    assert table.heading_rows.said() == "rows 3 and 4"
    assert [place.row for place, _ in table.rows] == [5]


def test_the_owner_can_pick_other_heading_rows(tmp_path) -> None:
    path = workbook(
        tmp_path / "log.xlsx",
        [["Date", "Customer", None, "Problem", "Status"],
         [None, "Name", "Phone", None, None], *DATA],
        merges=("B1:C1",),
    )  # fmt: skip
    table = read_table(path, heading_rows=(1, 1))
    assert table.headings == ["Date", "Customer", "", "Problem", "Status"]
    assert [place.row for place, _ in table.rows] == [2, 3, 4]
    offered = [choice.rows for choice in read_table(path).heading_choices]
    assert (1, 1) in offered and (1, 2) in offered and (2, 2) in offered


def test_a_row_of_data_under_the_headings_is_never_taken_for_a_second_heading_row() -> None:
    rows = [
        (1, ["Date", "Customer", "", "Problem"]),
        (2, ["", "Jane Smith", "Refund", "Broken"]),
        (3, ["2026-02-03", "Ben Lee", "Refund", "Late"]),
    ]
    assert find_headings(rows) == (0, 0)


def test_headings_no_one_would_recognise_are_found_above_the_first_row_of_data() -> None:
    rows = [
        (1, ["Bob's Bikes", "Service desk"]),
        (2, ["Who", "When", "Said what"]),
        (3, ["Jane Smith", "2026-02-03", "Wheel buckled"]),
    ]
    assert find_headings(rows) == (1, 1)


def test_headings_far_down_under_many_title_rows_are_found_and_offered() -> None:
    lines = [f"Printed by,Shop {n}" for n in range(12)]
    text = "\n".join([*lines, "Date,Customer,Problem", "03/02/2026,Ann Lee,Torn"]) + "\n"
    table = read_table(text)
    assert table.headings == ["Date", "Customer", "Problem"]
    assert table.heading_rows.said() == "row 13"
    assert "Row 13: Date, Customer, Problem" in [c.label for c in table.heading_choices]


@settings(max_examples=80, deadline=None)
@given(
    rows=st.lists(st.lists(st.text(max_size=12), max_size=5), max_size=6),
    spans=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=3),
)
def test_any_rows_give_heading_rows_among_them(rows: list[list[str]], spans) -> None:
    numbered = [(n, values) for n, values in enumerate(rows, start=1)]
    first, last = find_headings(numbered, {1: spans, 2: spans})
    assert 0 <= first <= last <= max(len(rows) - 1, 0)
    assert last - first <= 1
    if rows:
        assert len(headings_of(numbered, first, last, {1: spans})) >= len(rows[first])
    for index in range(len(rows) - 1):  # any two rows the owner may pick
        assert len(headings_of(numbered, index, index + 1, {1: spans})) >= len(rows[index])


def test_two_rows_the_owner_picks_with_a_merge_beyond_the_first_rows_cells() -> None:
    rows = [(1, ["Customer"]), (2, ["Date", "Name", "Phone", "", ""])]
    assert headings_of(rows, 0, 1, {1: [(3, 4)]}) == ["Customer Date", "Name", "Phone", "", ""]
