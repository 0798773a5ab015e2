"""The Columns page says which rows were taken as the headings and lets the owner
pick others; it says when Excel saved the phone numbers as numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QTableWidget

from models import currency
from tests.ui.test_import_wizard import idle, read
from ui.import_wizard import ImportWizard


def two_row_headings(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["COMPLAINTS 2026"])
    sheet.append([])
    sheet.append(["Date", "Customer", None, "Problem", "Status"])
    sheet.append([None, "Name", "Phone", None, None])
    sheet.append([dt.date(2026, 2, 3), "García Ltd", 7700900123, "Kettle leaks", "Closed"])
    sheet.append([dt.date(2026, 2, 5), "Ben Lee", "07700 900456", "Late delivery", "Waiting"])
    sheet.merge_cells("A1:E1")
    sheet.merge_cells("B3:C3")
    book.save(path)
    return path


def shown_columns(wizard: ImportWizard) -> list[str]:
    table = wizard.findChild(QTableWidget, "columns")
    return [table.item(r, 0).text() for r in range(table.rowCount())]


def test_the_heading_rows_are_said_and_the_owner_can_pick_others(wizard, qtbot, tmp_path) -> None:
    read(wizard, qtbot, two_row_headings(tmp_path / "log.xlsx"), check=False)
    assert shown_columns(wizard) == ["Date", "Customer Name", "Customer Phone", "Problem", "Status"]
    said = wizard.findChild(QLabel, "heading_said")
    assert said.isVisible() and "rows 3 and 4" in said.text()
    choice = wizard.findChild(QComboBox, "heading_rows")
    assert choice.currentText() == (
        "Rows 3 and 4: Date, Customer Name, Customer Phone, Problem, Status"
    )
    notes = wizard.findChild(QLabel, "reading_notes").text()
    assert "Row 1 (“COMPLAINTS 2026”) is read as a title above the headings." in notes

    # The owner says the headings are row 3 alone: the file is read again that way.
    row_3 = next(i for i in range(choice.count()) if choice.itemText(i).startswith("Row 3:"))
    choice.setCurrentIndex(row_3)
    choice.activated.emit(row_3)  # as choosing it in the list does
    qtbot.waitUntil(lambda: idle(wizard) and shown_columns(wizard)[1] == "Customer")
    assert shown_columns(wizard) == ["Date", "Customer", "Column C", "Problem", "Status"]
    assert "row 3 " in said.text()
    assert choice.currentText() == "Row 3: Date, Customer, Problem, Status"


def test_phone_numbers_saved_as_numbers_are_said_and_get_their_0_in_the_uk(
    wizard, qtbot, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(currency, "_system_locale", "en_GB")
    read(wizard, qtbot, two_row_headings(tmp_path / "log.xlsx"), check=False)
    notes = wizard.findChild(QLabel, "reading_notes")
    assert notes.isVisible()
    assert (
        "Phone numbers in column C (“Customer Phone”) are stored as numbers; Excel may have "
        "dropped their leading 0." in notes.text()
    )
    qtbot.mouseClick(wizard.findChild(QPushButton, "next"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: idle(wizard))
    preview = wizard.findChild(QTableWidget, "preview")
    phone = next(
        c for c in range(preview.columnCount())
        if preview.horizontalHeaderItem(c).text() == "Phone"
    )  # fmt: skip
    assert preview.item(0, phone).text() == "07700900123"
