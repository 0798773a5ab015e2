"""The owner imports their own Excel workbook: the Columns page shows how each
column is read, the owner corrects one guess, and the next file of the same
layout is read as they set it."""

from __future__ import annotations

import datetime as dt
import threading
import zipfile
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QPushButton, QTableWidget

from models import log_table
from models.choices import CLOSED, OPEN
from models.tables import Complaint, Event
from tests.ui.test_import_wizard import idle, read
from ui.import_wizard import ImportWizard

HEADINGS = ["Date", "Customer", "Phone", "Problem", "What we did", "Status"]


def owners_workbook(path: Path, rows: list[list[object]], *, sheets: int = 1) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Complaints"
    sheet.append(["Shop complaints"])
    sheet.merge_cells("A1:F1")
    sheet.append(HEADINGS)
    for row in rows:
        sheet.append(row)
    for number in range(1, sheets):
        other = book.create_sheet(f"Sheet {number + 1}")
        other.append(HEADINGS)
        other.append([dt.date(2026, 1, 9), "Dan Old", "", "Old one", "", "Waiting"])
    book.save(path)
    return path


FIRST = [
    [dt.datetime(2026, 2, 3, 9, 30), "García Ltd", 7700900123, "Kettle leaks", "Sent a new one",
     "Closed"],
    [dt.date(2026, 2, 5), "Ben Lee", "07700 900456", "Late delivery", "Rang the courier",
     "Waiting"],
]  # fmt: skip
NEXT_MONTH = [
    [dt.date(2026, 3, 2), "Cara Díaz", "07700 900789", "Wrong colour", "Swapped it", "Closed"],
]


def column_combo(wizard: ImportWizard, heading: str) -> QComboBox:
    table = wizard.findChild(QTableWidget, "columns")
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == heading)
    return wizard.findChild(QComboBox, f"column_{row}")


def shown_statuses(wizard: ImportWizard) -> dict[str, str]:
    table = wizard.findChild(QTableWidget, "status_words")
    shown = {}
    for r in range(table.rowCount()):
        combo = wizard.findChild(QComboBox, f"status_{r}")
        shown[table.item(r, 0).text()] = combo.currentText() if combo else table.item(r, 2).text()
    return shown


def press(wizard: ImportWizard, qtbot, name: str) -> None:
    qtbot.mouseClick(wizard.findChild(QPushButton, name), Qt.MouseButton.LeftButton)


def test_the_owners_workbook_is_mapped_corrected_checked_and_imported(
    wizard, qtbot, tmp_path, no_questions
) -> None:
    read(wizard, qtbot, owners_workbook(tmp_path / "log.xlsx", FIRST), check=False)
    columns = wizard.findChild(QTableWidget, "columns")
    assert [columns.item(r, 0).text() for r in range(columns.rowCount())] == HEADINGS
    assert columns.item(2, 1).text() == "7700900123"  # an example of what the column holds
    assert [column_combo(wizard, h).currentText() for h in HEADINGS] == [
        "Date received",
        "Customer's name",
        "Phone number",
        "Account of what happened",
        "A note, under the column's heading",
        "Status",
    ]
    assert shown_statuses(wizard) == {"Closed": "Closed", "Waiting": "Open"}
    assert not wizard.findChild(QLabel, "column_problems").isVisible()

    # The owner reads "What we did" as the agreed solution: chosen from its list by typing.
    combo = column_combo(wizard, "What we did")
    combo.setFocus()
    qtbot.keyClicks(combo, "Agreed")
    assert combo.currentText() == "Agreed solution"
    row = next(r for r in range(columns.rowCount()) if columns.item(r, 0).text() == "What we did")
    assert columns.item(row, 3).text() == "Chosen by you"  # no longer the guess's reason
    # Reading Phone as the name too is a clash, said at once, and stops the check.
    column_combo(wizard, "Phone").setCurrentText("Customer's name")
    problems = wizard.findChild(QLabel, "column_problems")
    assert "the columns “Customer” and “Phone” both hold the customer's name" in problems.text()
    assert not wizard.findChild(QPushButton, "next").isEnabled()
    column_combo(wizard, "Phone").setCurrentText("Phone number")

    press(wizard, qtbot, "next")
    qtbot.waitUntil(lambda: idle(wizard))
    verdict = wizard.findChild(QLabel, "verdict").text()
    assert verdict.startswith("Ready: 2 complaints, 2 new customers"), verdict
    preview = wizard.findChild(QTableWidget, "preview")
    assert preview.verticalHeaderItem(0).text() == "Row 3"  # as Excel numbers it
    report = wizard.findChild(QPlainTextEdit, "report").toPlainText()
    assert "Row 1 (“Shop complaints”) is read as a title above the headings." in report
    with qtbot.waitSignal(wizard.imported):
        press(wizard, qtbot, "import_button")

    garcia = Complaint.get(Complaint.account == "Kettle leaks")
    assert garcia.customer.name == "García Ltd" and garcia.customer.phone == "7700900123"
    assert garcia.received_at == dt.datetime(2026, 2, 3, 9, 30)
    assert garcia.agreed_solution == "Sent a new one"
    assert garcia.status == CLOSED
    ben = Complaint.get(Complaint.account == "Late delivery")
    assert ben.status == OPEN and ben.agreed_solution == "Rang the courier"
    assert Event.select().where(Event.kind == "imported").count() == 2


def test_the_next_file_of_the_same_layout_is_read_as_the_owner_set_it(
    wizard, qtbot, tmp_path, no_questions
) -> None:
    read(wizard, qtbot, owners_workbook(tmp_path / "feb.xlsx", FIRST), check=False)
    combo = column_combo(wizard, "What we did")
    combo.setCurrentText("Agreed solution")
    status_table = wizard.findChild(QTableWidget, "status_words")
    closed_row = next(r for r in range(2) if status_table.item(r, 0).text() == "Closed")
    wizard.findChild(QComboBox, f"status_{1 - closed_row}").setCurrentText("Closed")
    press(wizard, qtbot, "next")  # the owner's choice is kept from here
    qtbot.waitUntil(lambda: idle(wizard))

    again = ImportWizard()
    qtbot.addWidget(again)
    again.show()
    read(again, qtbot, owners_workbook(tmp_path / "mar.xlsx", NEXT_MONTH + FIRST[1:]), check=False)
    assert again.findChild(QLabel, "columns_remembered").isVisible()
    assert column_combo(again, "What we did").currentText() == "Agreed solution"
    assert shown_statuses(again) == {"Closed": "Closed", "Waiting": "Closed"}
    press(again, qtbot, "next")
    qtbot.waitUntil(lambda: idle(again))
    with qtbot.waitSignal(again.imported):
        press(again, qtbot, "import_button")
    cara = Complaint.get(Complaint.account == "Wrong colour")
    assert cara.agreed_solution == "Swapped it"
    assert Complaint.get(Complaint.account == "Late delivery").status == CLOSED


def test_a_workbook_with_several_sheets_lets_the_owner_pick_one(wizard, qtbot, tmp_path) -> None:
    read(wizard, qtbot, owners_workbook(tmp_path / "log.xlsx", FIRST, sheets=2), check=False)
    sheet = wizard.findChild(QComboBox, "sheet")
    assert sheet.isVisible()
    assert [sheet.itemText(i) for i in range(sheet.count())] == ["Complaints", "Sheet 2"]
    sheet.setCurrentIndex(1)
    sheet.activated.emit(1)  # as choosing it in the list does
    qtbot.waitUntil(lambda: idle(wizard))
    press(wizard, qtbot, "next")
    qtbot.waitUntil(lambda: idle(wizard))
    preview = wizard.findChild(QTableWidget, "preview")
    assert preview.rowCount() == 1 and preview.item(0, 1).text() == "Dan Old"


def test_the_file_is_read_and_checked_off_the_windows_thread(
    wizard, qtbot, tmp_path, monkeypatch
) -> None:
    threads = []
    reading = log_table.read_table

    def read_table(*args, **kwargs):
        threads.append(threading.current_thread())
        return reading(*args, **kwargs)

    monkeypatch.setattr("ui.import_wizard.read_table", read_table)
    read(wizard, qtbot, owners_workbook(tmp_path / "log.xlsx", FIRST))
    assert threads and threading.main_thread() not in threads
    assert wizard.findChild(QPushButton, "import_button").isEnabled()


def hostile(folder: Path) -> dict[str, Path]:
    word = folder / "letter.xlsx"
    with zipfile.ZipFile(word, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    bomb = owners_workbook(folder / "bomb.xlsx", FIRST)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/huge.bin", bytes(60_000_000))
    locked = folder / "locked.xlsx"
    locked.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "EncryptionInfo".encode("utf-16-le")
    )
    return {"is a Word document": word, "far more than a spreadsheet": bomb,
            "is locked with a password": locked}  # fmt: skip


def test_hostile_files_give_a_message_and_nothing_is_imported(wizard, qtbot, tmp_path) -> None:
    for said, path in hostile(tmp_path).items():
        read(wizard, qtbot, path)
        verdict = wizard.findChild(QLabel, "verdict").text()
        assert said in verdict and verdict.endswith("nothing was imported."), verdict
        assert not wizard.findChild(QPushButton, "next").isVisible()
        assert not wizard.findChild(QPushButton, "import_button").isVisible()
    assert Complaint.select().count() == 0


def test_a_csv_file_renamed_xlsx_is_refused_with_what_to_do(wizard, qtbot, tmp_path) -> None:
    path = tmp_path / "complaints.xlsx"
    path.write_text("Date,Customer,Problem\n2026-02-03,Ana Souza,Late\n")
    read(wizard, qtbot, path)
    assert wizard.findChild(QLabel, "verdict").text() == (
        "complaints.xlsx is a text file, not an Excel workbook: if it is a CSV file, rename it "
        "to end in .csv and choose it again, or save the log from Excel or LibreOffice as "
        "Excel Workbook (.xlsx); nothing was imported."
    )
    assert not wizard.findChild(QPushButton, "next").isVisible()
    assert not wizard.findChild(QPushButton, "import_button").isVisible()
    assert Complaint.select().count() == 0


def test_a_status_word_the_app_does_not_know_is_pointed_out_and_set_by_the_owner(
    wizard, qtbot, tmp_path, no_questions
) -> None:
    path = tmp_path / "log.csv"
    path.write_text("Date,Customer,Problem,Status\n01/02/2026,Ana Souza,Torn,Passed on\n")
    read(wizard, qtbot, path, check=False)
    table = wizard.findChild(QTableWidget, "status_words")
    assert table.item(0, 0).text() == "Passed on"
    assert table.item(0, 3).text() == "A word the app does not know: check it"
    assert wizard.findChild(QComboBox, "status_0").currentText() == "Open"
    wizard.findChild(QComboBox, "status_0").setCurrentText("Closed")
    # Set by the owner, it is no longer pointed out as a word to check.
    assert table.item(0, 3).text() == "As you chose"
    press(wizard, qtbot, "next")
    qtbot.waitUntil(lambda: idle(wizard))
    report = wizard.findChild(QPlainTextEdit, "report").toPlainText()
    assert (
        "Status words the app does not know, and how they are read: “Passed on” as closed."
        in report
    )
    with qtbot.waitSignal(wizard.imported):
        press(wizard, qtbot, "import_button")
    assert Complaint.get().status == CLOSED


def test_cancel_closes_the_window_while_a_big_file_is_still_being_read(
    wizard, qtbot, tmp_path, monkeypatch
) -> None:
    release = threading.Event()
    reading = log_table.read_table

    def slow_read_table(*args, **kwargs):
        release.wait(10)
        return reading(*args, **kwargs)

    monkeypatch.setattr("ui.import_wizard.read_table", slow_read_table)
    wizard.load_in_background(owners_workbook(tmp_path / "log.xlsx", FIRST))
    assert wizard.findChild(QLabel, "verdict").text() == "Reading the file…"
    qtbot.mouseClick(wizard.findChild(QPushButton, "cancel"), Qt.MouseButton.LeftButton)
    assert not wizard.isVisible()
    release.set()
    QThreadPool.globalInstance().waitForDone(30_000)  # the reading ends...
    qtbot.wait(50)  # ...and its answer, delivered, is dropped
    assert wizard.findChild(QTableWidget, "columns").rowCount() == 0
    assert Complaint.select().count() == 0


def test_rows_without_a_status_are_shown_with_where_they_go(
    wizard, qtbot, tmp_path, no_questions
) -> None:
    path = tmp_path / "log.csv"
    path.write_text(
        "Date,Customer,Problem,Status,Closed\n"
        "01/02/2026,Ana Souza,Torn,Waiting,\n"
        "02/02/2026,Ben Lee,Late,,\n"
        "03/02/2026,Cara Díaz,Cold,,04/02/2026\n"
    )
    read(wizard, qtbot, path, check=False)
    shown = shown_statuses(wizard)
    assert shown["(no status)"] == "Open, or closed when the row gives a date closed"
    table = wizard.findChild(QTableWidget, "status_words")
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "(no status)")
    assert table.item(row, 1).text() == "2 rows"
    press(wizard, qtbot, "next")
    qtbot.waitUntil(lambda: idle(wizard))
    with qtbot.waitSignal(wizard.imported):
        press(wizard, qtbot, "import_button")
    status = {c.account: c.status for c in Complaint.select()}
    assert status == {"Torn": OPEN, "Late": OPEN, "Cold": CLOSED}


def test_the_wheel_over_the_columns_page_scrolls_and_changes_no_choice(
    wizard, qtbot, tmp_path
) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    read(wizard, qtbot, owners_workbook(tmp_path / "log.xlsx", FIRST), check=False)
    before = shown_statuses(wizard)
    mapped = [column_combo(wizard, heading).currentText() for heading in HEADINGS]
    boxes = [wizard.findChild(QComboBox, "status_0"), column_combo(wizard, "Status")]
    for box in boxes:
        centre = QPointF(box.rect().center())
        for _ in range(3):
            wheel = QWheelEvent(
                centre, QPointF(box.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                QPoint(0, -120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                Qt.ScrollPhase.NoScrollPhase, False,
            )  # fmt: skip
            QApplication.sendEvent(box, wheel)
    assert shown_statuses(wizard) == before
    assert [column_combo(wizard, heading).currentText() for heading in HEADINGS] == mapped


def test_a_status_word_set_at_the_last_import_is_not_pointed_out_again(
    wizard, qtbot, tmp_path, no_questions
) -> None:
    """The owner saw "Waiting on part" pointed out and let it stand as open; the
    next file of the same layout reads it so without asking again."""
    first = tmp_path / "nov.csv"
    first.write_text("Date,Customer,Problem,Status\n01/11/2026,Ana Souza,Torn,Waiting on part\n")
    read(wizard, qtbot, first, check=False)
    table = wizard.findChild(QTableWidget, "status_words")
    assert table.item(0, 3).text() == "A word the app does not know: check it"
    press(wizard, qtbot, "next")
    qtbot.waitUntil(lambda: idle(wizard))

    again = ImportWizard()
    qtbot.addWidget(again)
    again.show()
    second = tmp_path / "dec.csv"
    second.write_text(
        "Date,Customer,Problem,Status\n"
        "01/12/2026,Bo Chen,Cracked,Waiting on part\n"
        "02/12/2026,Cy Dunn,Late,Passed on\n"
    )
    read(again, qtbot, second, check=False)
    table = again.findChild(QTableWidget, "status_words")
    said = {
        table.item(r, 0).text(): (table.item(r, 3).text() if table.item(r, 3) else "")
        for r in range(table.rowCount())
    }
    assert said == {"Waiting on part": "", "Passed on": "A word the app does not know: check it"}
