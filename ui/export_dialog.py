"""File > Export: which complaints, where to and as what (CSV, or an Excel
workbook), and saying where they went.

The question defaults to what the owner sees (the list as filtered now); the
save dialog starts in the folder of the last export, or the Documents folder
(the home folder when there is none); afterwards the window says how many
complaints went to which file. The file type is chosen in the save dialog (a
name ending .xlsx is a workbook whichever is chosen). The file itself is written
by :func:`models.log_csv.export_to_file`, as the ``export`` command writes it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from models import display
from models.complaint_list import ListQuery
from models.errors import ComplaintDeskError
from ui import file_dialogs, messages
from ui.workers import closing_connection, run_in_background

FILE_NAME = "complaints.csv"
CSV_FILTER = "CSV (*.csv)"
EXCEL_FILTER = "Excel workbook (*.xlsx)"
Button = QMessageBox.StandardButton


def _is_filtered(query: ListQuery) -> bool:
    return query.status != "all" or bool(query.text.strip())


def which_complaints(parent: QWidget, shown: ListQuery) -> ListQuery | None:
    """The complaints to export: those the list shows (the default) or all; None to cancel."""
    if not _is_filtered(shown):
        return shown
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Export",
        "Export the complaints shown in the list, or every complaint in the log?",
        Button.Yes | Button.No | Button.Cancel,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.button(Button.Yes).setText("The complaints shown")
    box.button(Button.No).setText("All complaints")
    box.setDefaultButton(Button.Yes)
    answer = messages.show_box(box)
    if answer == Button.Yes:
        return shown
    if answer == Button.No:
        return ListQuery(status="all")
    return None


def choose_file(parent: QWidget) -> Path | None:
    target, chosen = file_dialogs.save_file_as(
        parent, "export", "Export complaints", FILE_NAME, f"{CSV_FILTER};;{EXCEL_FILTER}"
    )
    if not target:
        return None
    path = Path(target)
    workbook = chosen == EXCEL_FILTER
    if not path.suffix:
        return path.with_suffix(".xlsx" if workbook else ".csv")
    if workbook and path.suffix.lower() == ".csv":  # the suggested name, type changed
        return path.with_suffix(".xlsx")
    return path


def write_export(window: QMainWindow, target: Path, query: ListQuery | None) -> None:
    """Write the export to ``target`` off the window's thread (a big log takes seconds,
    a workbook more), then say where it went or why it was not written. File >
    Export waits meanwhile."""
    from models.log_csv import export_to_file

    action = window.findChild(QAction, "export_action")
    if action is not None:
        action.setEnabled(False)
    window.statusBar().showMessage(f"Exporting to {target}…")

    def finished() -> None:
        if action is not None:
            action.setEnabled(True)

    def done(count: int) -> None:
        finished()
        file_dialogs.remember("export", target)
        said = f"Exported {display.count(count, 'complaint')} to {target}."
        window.statusBar().showMessage(said, 30_000)
        messages.inform(window, "Exported", said)

    def failed(error: BaseException) -> None:
        finished()
        window.statusBar().clearMessage()
        if not isinstance(error, ComplaintDeskError):
            raise error
        messages.warn(window, "Not exported", str(error))

    run_in_background(closing_connection(lambda: export_to_file(target, query=query)), done, failed)


def export_log(window: QMainWindow, shown: ListQuery) -> None:
    """Ask which complaints, where and as what, then write them in the background."""
    query = which_complaints(window, shown)
    if query is None:
        return
    target = choose_file(window)
    if target is None:
        return
    write_export(window, target, query)
