"""A customer's rights over their data: a copy of everything held about them
(JSON and a readable PDF), and erasing them.

The rules are in models/customer_data.py and models/anonymise.py; both run
on the thread pool, so a long history does not freeze the window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from models import backups
from models.errors import ComplaintDeskError
from ui import messages
from ui.workers import run_in_background


def _busy(on: bool) -> None:
    if on:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    else:
        QApplication.restoreOverrideCursor()


def _failed(parent: QWidget, title: str) -> Callable[[BaseException], None]:
    def show(error: BaseException) -> None:
        _busy(False)
        if not isinstance(error, ComplaintDeskError):
            raise error
        messages.warn(parent, title, str(error))

    return show


def choose_export_folder(parent: QWidget) -> Path | None:
    """Where to save the copy (tests replace this)."""
    start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = QFileDialog.getExistingDirectory(parent, "Save the customer's data in", start)
    return Path(folder) if folder else None


def export_customer_data(parent: QWidget, customer_id: int, name: str) -> None:
    """Ask for a folder, then write the JSON and PDF copies of the customer's data."""
    from letters.customer_record import render_customer_record
    from models.customer_data import write_export

    folder = choose_export_folder(parent)
    if folder is None:
        return

    def done(paths: tuple[Path, Path]) -> None:
        _busy(False)
        json_file, pdf_file = paths
        messages.inform(
            parent,
            "Customer's data saved",
            f"Everything held about {name} is in:\n{pdf_file.name} (to read or print)\n"
            f"{json_file.name} (machine-readable)\n\nin {folder}.",
        )
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(pdf_file)))

    _busy(True)
    run_in_background(
        lambda: write_export(customer_id, folder, render=render_customer_record),
        done,
        _failed(parent, "Not saved"),
    )


def erase_customer(
    parent: QWidget, customer_id: int, name: str, on_done: Callable[[], None]
) -> None:
    """Confirm, then erase the customer; ``on_done`` runs once it is done."""
    from models.anonymise import erase_customer as erase
    from models.customers import complaint_count
    from models.settings import user_name

    count = complaint_count(customer_id)
    keep = backups.keep_count()
    question = (
        f"Erase {name}?\n\n"
        f"Their name, contact details and every word of theirs or about them in "
        f"{count} complaint{'s' if count != 1 else ''} are removed, and their attachments "
        "and letter files deleted. Open complaints are closed. The figures (dates, "
        "categories, causes, redress) stay, without their name.\n\n"
        "This cannot be undone. Backups made before now still hold their details until "
        f"they are rotated out (the newest {keep} are kept)."
    )
    if not messages.confirm_destructive(parent, "Erase customer", question, "Erase"):
        return
    author = user_name()

    def done(outcome: object) -> None:
        _busy(False)
        on_done()
        left = getattr(outcome, "files_left", ())
        extra = (
            f"\n\n{len(left)} file(s) could not be deleted; delete them by hand:\n"
            + "\n".join(str(p) for p in left[:10])
            if left
            else ""
        )
        erased = getattr(outcome, "complaints", 0)
        messages.inform(
            parent,
            "Customer erased",
            f"The customer's details were erased from {erased} complaint"
            f"{'s' if erased != 1 else ''}; "
            f"{getattr(outcome, 'files_deleted', 0)} file(s) deleted.{extra}",
        )

    _busy(True)
    run_in_background(
        lambda: erase(customer_id, author=author), done, _failed(parent, "Not erased")
    )
