"""A customer's rights over their data: a copy of everything held about them
(JSON and a readable PDF), and erasing them.

The rules are in models/customer_data.py and models/anonymise.py; both run
on the thread pool, so a long history does not freeze the window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QMessageBox, QWidget

from models import backups, display
from models.anonymise import ERASED, Mention, Outcome
from models.errors import ComplaintDeskError
from ui import file_dialogs, messages
from ui.file_dialogs import open_in_its_program
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
    folder = file_dialogs.choose_folder(parent, "customer data", "Save the customer's data in")
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
        open_in_its_program(parent, pdf_file, "the copy of their data")

    _busy(True)
    run_in_background(
        lambda: write_export(customer_id, folder, render=render_customer_record),
        done,
        _failed(parent, "Not saved"),
    )


MOST_LISTED = 12  # mentions listed in the confirmation; the rest are counted


def _listed(mentions: list[Mention]) -> str:
    lines = [f"• {m.describe()}" for m in mentions[:MOST_LISTED]]
    if len(mentions) > MOST_LISTED:
        lines.append(f"… and {len(mentions) - MOST_LISTED} more.")
    return "\n".join(lines)


def erase_question(name: str, count: int, mentions: list[Mention]) -> str:
    """What the owner is asked before erasing, listing where others mention them."""
    keep = backups.keep_count()
    certain = [m for m in mentions if m.certain]
    possible = [m for m in mentions if not m.certain]
    parts = [
        f"Erase {name}?",
        f"Their name, contact details and every word of theirs or about them in "
        f"{display.count(count, 'complaint')} are removed, and their attachments "
        "and letter files deleted. Open complaints are closed. The figures (dates, "
        "categories, causes, redress) stay, without their name.",
    ]
    if certain:
        parts.append(
            f"They are named in other customers' complaints; each of these is replaced "
            f"with {ERASED}, the rest of the text kept:\n{_listed(certain)}"
        )
    if possible:
        parts.append(
            "Possibly them (one word of their name alone, which may be someone else); "
            f"kept as they are unless you tick the box below:\n{_listed(possible)}"
        )
    parts.append(
        "This cannot be undone. Backups made before now still hold their details until "
        f"they are rotated out (the newest {keep} are kept)."
    )
    return "\n\n".join(parts)


def erase_customer(
    parent: QWidget, customer_id: int, name: str, on_done: Callable[[], None]
) -> None:
    """Find where others mention the customer, confirm, then erase them;
    ``on_done`` runs once it is done."""
    from models.anonymise import find_mentions

    def found(mentions: list[Mention]) -> None:
        _busy(False)
        _confirm_and_erase(parent, customer_id, name, mentions, on_done)

    _busy(True)
    run_in_background(lambda: find_mentions(customer_id), found, _failed(parent, "Not erased"))


def _confirm_and_erase(
    parent: QWidget,
    customer_id: int,
    name: str,
    mentions: list[Mention],
    on_done: Callable[[], None],
) -> None:
    from models.anonymise import erase_customer as erase
    from models.customers import complaint_count
    from models.settings import user_name

    question = erase_question(name, complaint_count(customer_id), mentions)
    box = QMessageBox(
        QMessageBox.Icon.Warning, "Erase customer", question,
        messages.Button.Yes | messages.Button.Cancel, parent,
    )  # fmt: skip
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.button(messages.Button.Yes).setText("Erase")
    box.setDefaultButton(messages.Button.Cancel)
    if any(not m.certain for m in mentions):
        also = QCheckBox(f"Also replace the possible mentions with {ERASED}", box)
        also.setObjectName("erase_possible_mentions")
        box.setCheckBox(also)
    if messages.show_box(box) != messages.Button.Yes:
        return
    also_possible = box.checkBox() is not None and box.checkBox().isChecked()
    author = user_name()

    def done(outcome: Outcome) -> None:
        _busy(False)
        on_done()
        messages.inform(parent, "Customer erased", erased_message(outcome))

    _busy(True)
    run_in_background(
        lambda: erase(customer_id, author=author, also_possible=also_possible),
        done,
        _failed(parent, "Not erased"),
    )


def erased_message(outcome: Outcome) -> str:
    left = outcome.files_left
    extra = (
        f"\n\n{display.count(len(left), 'file')} could not be deleted; delete "
        f"{'it' if len(left) == 1 else 'them'} by hand:\n" + "\n".join(left[:10])
        if left
        else ""
    )
    refused = outcome.files_refused
    if refused:
        extra += "\n\nLeft alone, as their names lead outside the data folder:\n" + "\n".join(
            refused[:10]
        )
    mentions = (
        f" {display.count(outcome.mentions, 'mention')} in other "
        f"customers' complaints replaced with {ERASED}."
        if outcome.mentions
        else ""
    )
    if outcome.still_held:
        extra += f"\n\n{outcome.still_held}"
    return (
        "The customer's details were erased from "
        f"{display.count(outcome.complaints, 'complaint')}; "
        f"{display.count(outcome.files_deleted, 'file')} deleted.{mentions}{extra}"
    )
