"""File > Export as the owner uses it: the list they see, a sensible folder, and
being told where the file went."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from models.complaints import ComplaintDetails, log_complaint, set_status
from models.customers import CustomerDetails
from tests.ui.keyboard import type_text
from ui import messages


def _log(name: str, account: str):
    return log_complaint(CustomerDetails(name=name), ComplaintDetails(account=account),
                         author="Sam")  # fmt: skip


def _save_to(monkeypatch, target: Path, offered: list[str]) -> None:
    def choose(_parent, _title, start, _filter):
        offered.append(start)
        return str(target), "CSV (*.csv)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)


def _export(qtbot, window) -> None:
    """File > Export, waiting for the file to be written (it is, off the window's thread)."""
    window.statusBar().clearMessage()
    window.export_log()
    qtbot.waitUntil(lambda: window.findChild(QAction, "export_action").isEnabled())


def _answer_with_default(monkeypatch) -> list[str]:
    """Press Enter on every box: its default button."""
    asked: list[str] = []

    def enter(box: QMessageBox):
        asked.append(box.text())
        return box.standardButton(box.defaultButton())

    monkeypatch.setattr(messages, "show_box", enter)
    return asked


def test_pressing_enter_exports_the_list_as_filtered_and_says_where(
    qtbot, window, tmp_path, monkeypatch
) -> None:
    _log("Zoë Martin", "Stale cake")
    _log("Ана Петрова", "Broken zip")
    closed = _log("Jo Evans", "Broken lid")
    set_status(closed.id, "closed", author="Sam", reason="Fixed.")
    window.list_view.refresh()
    type_text(window.list_view.search, "broken")  # the open list, searched: one complaint
    asked = _answer_with_default(monkeypatch)
    offered: list[str] = []
    target = tmp_path / "out" / "complaints.csv"
    target.parent.mkdir()
    _save_to(monkeypatch, target, offered)
    _export(qtbot, window)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["customer name"] for row in rows] == ["Ана Петрова"]
    said = f"Exported 1 complaint to {target}."
    assert asked[-1] == said
    assert window.statusBar().currentMessage() == said


def test_the_save_dialog_starts_in_documents_then_where_the_last_export_went(
    qtbot, window, tmp_path, monkeypatch, no_questions
) -> None:
    _log("Zoë Martin", "Stale cake")
    documents = Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    )
    documents.mkdir(parents=True, exist_ok=True)
    offered: list[str] = []
    target = tmp_path / "exports" / "march.csv"
    target.parent.mkdir()
    _save_to(monkeypatch, target, offered)
    _export(qtbot, window)
    _export(qtbot, window)
    assert offered == [str(documents / "complaints.csv"), str(target.parent / "complaints.csv")]
    assert Path.cwd() not in {Path(o).parent for o in offered}


def test_all_complaints_can_still_be_chosen(qtbot, window, tmp_path, monkeypatch) -> None:
    _log("Zoë Martin", "Stale cake")
    closed = _log("Jo Evans", "Broken lid")
    set_status(closed.id, "closed", author="Sam", reason="Fixed.")
    window.list_view.refresh()  # the open complaints: Jo's is not shown

    def all_of_them(box: QMessageBox):
        if box.standardButtons() & QMessageBox.StandardButton.No:
            assert box.button(QMessageBox.StandardButton.No).text() == "All complaints"
            return QMessageBox.StandardButton.No
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(messages, "show_box", all_of_them)
    target = tmp_path / "all.csv"
    _save_to(monkeypatch, target, [])
    _export(qtbot, window)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 2


def test_the_owner_can_choose_an_excel_workbook_in_the_save_dialog(
    qtbot, window, tmp_path, monkeypatch, no_questions
) -> None:
    import openpyxl

    _log("José García", "=SUM(A1) is what the label said")
    offered_types: list[str] = []

    def choose(_parent, _title, start, filters):
        offered_types.extend(filters.split(";;"))
        return str(tmp_path / "complaints.csv"), "Excel workbook (*.xlsx)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    _export(qtbot, window)
    assert offered_types == ["CSV (*.csv)", "Excel workbook (*.xlsx)"]
    target = tmp_path / "complaints.xlsx"
    assert no_questions[-1] == f"Exported 1 complaint to {target}."
    sheet = openpyxl.load_workbook(target)["Complaints"]
    assert sheet["F2"].value == "José García"
    assert sheet["K2"].value == "=SUM(A1) is what the label said"
    assert sheet["K2"].data_type == "s"
