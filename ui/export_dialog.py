"""File > Export: which complaints, where to and as what (CSV, or an Excel
workbook), and saying where they went.

The question defaults to what the owner sees (the list as filtered now); the
save dialog starts in the folder of the last export, or the Documents folder
(the home folder when there is none); afterwards the window says how many
complaints went to which file. The file type is chosen in the save dialog (a
name ending .xlsx is a workbook whichever is chosen). The file itself is written
by :func:`models.log_csv.export_to_file`, as the ``export`` command writes it, off
the window's thread: a log of many thousand complaints takes a while, and the
window keeps answering meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget
from shiboken6 import isValid

from models import display
from models.complaint_list import Listing, ListQuery
from models.errors import ComplaintDeskError, DamagedDatabaseError
from ui import file_dialogs, messages
from ui.storage_reads import read_problem
from ui.workers import run_in_background

# A workbook first: what a shop owner opens the log in (CSV is there for other programs).
FILE_NAME = "complaints.xlsx"
CSV_FILTER = "CSV (*.csv)"
EXCEL_FILTER = "Excel workbook (*.xlsx)"
Button = QMessageBox.StandardButton


def _is_filtered(query: ListQuery) -> bool:
    return query.status != "all" or bool(query.text.strip())


def which_complaints(parent: QWidget, shown: ListQuery) -> ListQuery | None:
    """The complaints to export: those the list shows or all; None to cancel. All is
    the default unless a search was typed: the list opens on the open complaints,
    and Enter at a busy counter must not leave the closed ones out of the file."""
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
    try:  # say how many each answer is, so "the complaints shown" is never a surprise
        shown_count = Listing(shown).count()
        every = Listing(ListQuery(status="all")).count()
    except ComplaintDeskError:
        box.button(Button.Yes).setText("The complaints shown")
        box.button(Button.No).setText("All complaints")
    else:
        box.button(Button.Yes).setText(f"The {display.count(shown_count, 'complaint')} shown")
        box.button(Button.No).setText(f"All {display.count(every, 'complaint')}")
    for choice in (Button.Yes, Button.No):  # two ordinary choices: no tick, no stop sign
        box.button(choice).setIcon(QIcon())
    box.setDefaultButton(Button.Yes if shown.text.strip() else Button.No)
    answer = messages.show_box(box)
    if answer == Button.Yes:
        return shown
    if answer == Button.No:
        return ListQuery(status="all")
    return None


def choose_file(
    parent: QWidget, kind: str = "export", title: str = "Export complaints", name: str = FILE_NAME
) -> Path | None:
    """Where to export to, as an Excel workbook (``name``, ending .xlsx, suggested)
    or CSV: the type chosen in the dialog gives the ending when the name has none,
    or has the other's; a name ending otherwise is kept (written as CSV)."""
    target, chosen = file_dialogs.save_file_as(
        parent, kind, title, name, f"{EXCEL_FILTER};;{CSV_FILTER}"
    )
    if not target:
        return None
    path = Path(target)
    workbook = chosen == EXCEL_FILTER
    if not path.suffix:
        return path.with_suffix(".xlsx" if workbook else ".csv")
    if workbook and path.suffix.lower() == ".csv":  # a CSV name, the type changed
        return path.with_suffix(".xlsx")
    if not workbook and path.name == name:  # the suggested name, CSV chosen
        return path.with_suffix(".csv")
    return path


def write_export(
    window: QMainWindow,
    target: Path,
    query: ListQuery | None,
    done: Callable[[int | None], None],
    storage_problem: Callable[[DamagedDatabaseError], None],
) -> None:
    """Write the export to ``target`` off the window's thread, then say where it went,
    or why it was not written. ``done`` then gets how many complaints the file
    holds (None when it was not written); ``storage_problem`` gets damage met
    while reading the log, so the window says it as it does everywhere else."""
    from models.db import close_database
    from models.log_csv import export_to_file

    def work() -> int:
        try:
            return export_to_file(target, query=query)
        finally:
            close_database()  # this worker thread's own connection, not the window's

    def written(count: int) -> None:
        if not isValid(window):  # the window was closed meanwhile
            return
        file_dialogs.remember("export", target)
        said = f"Exported {display.count(count, 'complaint')} to {target}."
        window.statusBar().showMessage(said, 30_000)
        done(count)
        messages.inform(window, "Exported", said)

    def failed(error: BaseException) -> None:
        problem = error if isinstance(error, ComplaintDeskError) else read_problem(error)
        if isValid(window):
            window.statusBar().clearMessage()
            done(None)
        if problem is None:
            raise error  # for the error dialog
        if not isValid(window):
            return
        if isinstance(problem, DamagedDatabaseError):
            # What is wrong; what to do about it comes next, as for damage met anywhere.
            messages.warn(window, "Not exported", problem.problem)
            storage_problem(problem)
        else:
            messages.warn(window, "Not exported", str(problem))

    window.statusBar().showMessage(f"Exporting to {target}…")
    run_in_background(work, written, failed)


def what_and_where(parent: QWidget, shown: ListQuery) -> tuple[Path, ListQuery] | None:
    """Ask which complaints and to which file; None when cancelled."""
    query = which_complaints(parent, shown)
    if query is None:
        return None
    target = choose_file(parent)
    if target is None:
        return None
    return target, query
