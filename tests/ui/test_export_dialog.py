"""File > Export as the owner uses it: the list they see, a sensible folder, and
being told where the file went."""

from __future__ import annotations

import csv
import errno
import threading
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from models.complaint_list import ListQuery
from models.complaints import ComplaintDetails, log_complaint, set_status
from models.customers import CustomerDetails
from models.tables import Complaint
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
    with qtbot.waitSignal(window.log_exported) as exported:
        window.export_log()
    assert exported.args == [1]
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
    for _ in range(2):
        with qtbot.waitSignal(window.log_exported):
            window.export_log()
    # A workbook is offered first: what the owner opens the log in.
    assert offered == [str(documents / "complaints.xlsx"), str(target.parent / "complaints.xlsx")]
    assert Path.cwd() not in {Path(o).parent for o in offered}


def test_all_complaints_can_still_be_chosen(qtbot, window, tmp_path, monkeypatch) -> None:
    _log("Zoë Martin", "Stale cake")
    closed = _log("Jo Evans", "Broken lid")
    set_status(closed.id, "closed", author="Sam", reason="Fixed.")
    window.list_view.refresh()  # the open complaints: Jo's is not shown

    def all_of_them(box: QMessageBox):
        if box.standardButtons() & QMessageBox.StandardButton.No:
            # each answer says how many it exports
            assert box.button(QMessageBox.StandardButton.Yes).text() == "The 1 complaint shown"
            assert box.button(QMessageBox.StandardButton.No).text() == "All 2 complaints"
            return QMessageBox.StandardButton.No
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(messages, "show_box", all_of_them)
    target = tmp_path / "all.csv"
    _save_to(monkeypatch, target, [])
    with qtbot.waitSignal(window.log_exported):
        window.export_log()
    with target.open(encoding="utf-8-sig", newline="") as handle:
        assert [row["customer name"] for row in csv.DictReader(handle)] == [
            "Zoë Martin",
            "Jo Evans",
        ]


def _held_until(monkeypatch) -> threading.Event:
    """Hold every export back, on whichever thread writes it, until the event is set
    (or ten seconds pass)."""
    from models import log_csv

    release = threading.Event()
    real = log_csv.export_to_file

    def held(path, *, query=None):
        release.wait(timeout=10)
        return real(path, query=query)

    monkeypatch.setattr(log_csv, "export_to_file", held)
    return release


def test_the_window_keeps_answering_while_a_big_log_is_exported(
    qtbot, window, tmp_path, monkeypatch, no_questions
) -> None:
    from models.demo import add_demo_data

    add_demo_data(3000, seed=5)
    window.list_view.status_filter.setCurrentIndex(2)  # All
    release = _held_until(monkeypatch)
    target = tmp_path / "everything.csv"
    window.write_export(target, ListQuery(status="all"))
    # The file is still being written, and the window answers meanwhile.
    assert not target.exists()
    assert window.statusBar().currentMessage() == f"Exporting to {target}…"
    assert not window.findChild(QAction, "export_action").isEnabled()  # one export at a time
    type_text(window.list_view.search, "zip")
    assert window.list_view.search.text() == "zip"
    with qtbot.waitSignal(window.log_exported, timeout=20_000) as exported:
        release.set()
    assert exported.args == [3000]
    with target.open(encoding="utf-8-sig", newline="") as handle:
        references = [row["reference"] for row in csv.DictReader(handle)]
    held = [c.reference for c in Complaint.select().order_by(Complaint.received_at, Complaint.id)]
    assert references == held  # every complaint, oldest first, to the last one
    assert no_questions == [f"Exported 3,000 complaints to {target}."]
    assert window.findChild(QAction, "export_action").isEnabled()


def test_a_full_disk_is_said_and_the_earlier_file_kept(
    qtbot, window, tmp_path, monkeypatch, no_questions
) -> None:
    from models import log_csv_export

    _log("Zoë Martin", "Stale cake")
    target = tmp_path / "exports" / "complaints.csv"
    target.parent.mkdir()
    target.write_text("last week's export", encoding="utf-8")

    def full(out, *, query=None):
        out.write("reference,received")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(log_csv_export, "export_log", full)
    with qtbot.waitSignal(window.log_exported) as exported:
        window.write_export(target, ListQuery(status="all"))
    assert exported.args == [None]
    assert no_questions == [f"Could not write {target}: No space left on device."]
    assert target.read_text(encoding="utf-8") == "last week's export"
    assert [p.name for p in target.parent.iterdir()] == ["complaints.csv"]  # no half file
    assert window.findChild(QAction, "export_action").isEnabled()  # can be tried again


def test_a_folder_that_cannot_be_written_is_said(
    qtbot, window, tmp_path, monkeypatch, no_questions
) -> None:
    _log("Zoë Martin", "Stale cake")
    target = tmp_path / "gone" / "complaints.csv"  # a folder removed since it was chosen
    with qtbot.waitSignal(window.log_exported) as exported:
        window.write_export(target, ListQuery(status="all"))
    assert exported.args == [None]
    assert no_questions == [f"Could not write {target}: No such file or directory."]
    assert window.statusBar().currentMessage() == ""


def test_a_busy_data_file_is_said(qtbot, window, tmp_path, monkeypatch, no_questions) -> None:
    import peewee

    from models import log_csv_export

    _log("Zoë Martin", "Stale cake")

    def busy(query=None):
        raise peewee.OperationalError("database is locked")
        yield ()

    monkeypatch.setattr(log_csv_export, "export_rows", busy)
    target = tmp_path / "complaints.csv"
    with qtbot.waitSignal(window.log_exported) as exported:
        window.write_export(target, ListQuery(status="all"))
    assert exported.args == [None]
    assert len(no_questions) == 1 and "busy in another program" in no_questions[0]
    assert not target.exists()


def test_damage_met_by_the_export_is_said_as_everywhere_else(
    qtbot, window, tmp_path, monkeypatch, no_questions
) -> None:
    import peewee
    from PySide6.QtWidgets import QLabel

    from models import log_csv_export

    _log("Zoë Martin", "Stale cake")

    def damaged(query=None):
        raise peewee.DatabaseError("database disk image is malformed")
        yield ()

    monkeypatch.setattr(log_csv_export, "export_rows", damaged)
    target = tmp_path / "complaints.csv"
    with qtbot.waitSignal(window.log_exported) as exported:
        window.write_export(target, ListQuery(status="all"))
    assert exported.args == [None]
    qtbot.waitUntil(lambda: len(no_questions) == 2)  # then the backup is looked for
    assert "is damaged" in no_questions[0] and "backup" not in no_questions[0]
    assert "backup" in no_questions[1]  # what to do, said once
    assert window.findChild(QLabel, "damaged").isVisible()
    assert not target.exists()


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
    with qtbot.waitSignal(window.log_exported):
        window.export_log()
    assert offered_types == ["Excel workbook (*.xlsx)", "CSV (*.csv)"]
    target = tmp_path / "complaints.xlsx"
    assert no_questions[-1] == f"Exported 1 complaint to {target}."
    sheet = openpyxl.load_workbook(target)["Complaints"]
    assert sheet["F2"].value == "José García"
    assert sheet["K2"].value == "=SUM(A1) is what the label said"
    assert sheet["K2"].data_type == "s"


def test_enter_exports_every_complaint_unless_a_search_was_typed(qtbot, window, monkeypatch):
    """The list opens on the open complaints: Enter on the question exports them all.
    After a search, Enter exports what the search found."""
    from ui.export_dialog import which_complaints

    _log("Zoë Martin", "Stale cake")
    defaults: list[str] = []

    def press_enter(box: QMessageBox):
        defaults.append(box.defaultButton().text())
        return box.standardButton(box.defaultButton())

    monkeypatch.setattr(messages, "show_box", press_enter)
    assert which_complaints(window, ListQuery(status="open")) == ListQuery(status="all")
    searched = ListQuery(status="open", text="cake")
    assert which_complaints(window, searched) == searched
    assert defaults == ["All 1 complaint", "The 1 complaint shown"]
