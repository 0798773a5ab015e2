"""A phone column Excel saved as plain numbers, which drops the leading 0."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from models import currency
from models.log_table import read_table
from models.phones import with_trunk_zero

NOTE = "Phone numbers in column C (“Phone”) are stored as numbers; Excel may have dropped"


def workbook(path: Path, phones: list[object], number_format: str = "General") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Date", "Customer", "Phone", "Problem"])
    for day, phone in enumerate(phones, start=1):
        sheet.append([dt.date(2026, 2, day), f"Customer {day}", phone, "Kettle leaks"])
        sheet.cell(row=sheet.max_row, column=3).number_format = number_format
    book.save(path)
    return path


def phones(path: Path) -> list[str]:
    table = read_table(path)
    return [values[2] for _, values in table.rows]


@pytest.fixture
def shop_in(monkeypatch):
    def where(territory: str) -> None:
        monkeypatch.setattr(currency, "_system_locale", f"en_{territory}" if territory else "C")

    return where


def test_a_uk_shop_gets_the_leading_0_back_and_is_told(tmp_path, shop_in) -> None:
    shop_in("GB")
    path = workbook(tmp_path / "log.xlsx", [7700900123, "07700 900456", 1614960000, 447700900789])
    assert phones(path) == ["07700900123", "07700 900456", "01614960000", "447700900789"]
    notes = read_table(path).notes
    said = next(note for note in notes if note.startswith(NOTE))
    assert "The 0 is put back on 2 numbers with the length of a UK number" in said
    assert "1 other is read as written" in said


def test_elsewhere_the_number_is_read_as_written_and_the_owner_is_told(tmp_path, shop_in) -> None:
    shop_in("US")
    path = workbook(tmp_path / "log.xlsx", [7700900123, 2125550123])
    assert phones(path) == ["7700900123", "2125550123"]
    said = next(note for note in read_table(path).notes if note.startswith(NOTE))
    assert "read as written" in said


def test_a_cell_format_that_shows_the_0_is_read_as_shown_and_nothing_is_said(
    tmp_path, shop_in
) -> None:
    shop_in("GB")
    path = workbook(tmp_path / "log.xlsx", [7700900123], number_format="00000 000000")
    assert phones(path) == ["07700 900123"]
    assert not any(note.startswith("Phone numbers") for note in read_table(path).notes)


def test_a_column_of_other_numbers_is_left_alone(tmp_path, shop_in) -> None:
    shop_in("GB")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Date", "Customer", "Order number", "Problem"])
    sheet.append([dt.date(2026, 2, 1), "Ann Lee", 7700900123, "Kettle leaks"])
    book.save(tmp_path / "log.xlsx")
    table = read_table(tmp_path / "log.xlsx")
    assert table.rows[0][1][2] == "7700900123"
    assert not any(note.startswith("Phone numbers") for note in table.notes)


@pytest.mark.parametrize(
    ("number", "territory", "restored"),
    [
        ("7700900123", "GB", "07700900123"),
        ("2079460000", "GB", "02079460000"),
        ("871234567", "IE", "0871234567"),
        ("12345678", "IE", "012345678"),
        ("7700900123", "US", None),
        ("7700900123", "", None),
        ("770090012", "GB", None),  # too short to be sure
        ("447700900123", "GB", None),  # the country code, not a dropped 0
        ("4700900123", "GB", None),  # no UK number starts 04
        ("12345678", "GB", None),
    ],
)
def test_the_leading_0_is_put_back_only_where_the_rule_is_clear(
    number, territory, restored
) -> None:
    assert with_trunk_zero(number, territory) == restored
