"""Saving in the window while another program (an import, a backup, a scheduled
command) is writing to the data file: the window says so at once and keeps
everything typed; once the other program has finished, Save works."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from models import drafts, morning_list, timeline
from models.complaints import ComplaintDetails, load_complaint, log_complaint
from models.customers import CustomerDetails
from models.db import close_database
from models.settings import set_user_name
from models.tables import Complaint
from tests.ui.keyboard import type_text
from tests.ui.windows import close_window
from ui.new_complaint_dialog import NewComplaintDialog
from ui.note_dialog import NoteDialog

BUSY = (
    "Another program is saving to the data file right now (for example an import); "
    "your text is kept — try Save again in a moment."
)

# Another program holding SQLite's write lock, as an import does while it writes:
# it begins a write, changes a row without committing, and stops when told to or
# after the seconds given (a window that waited that long would then have saved).
_HOLD = """
import sqlite3, sys, threading
told = threading.Event()
threading.Thread(target=lambda: (sys.stdin.readline(), told.set()), daemon=True).start()
conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=5)
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE setting SET value = value")
print("holding", flush=True)
told.wait(float(sys.argv[2]))
conn.execute("ROLLBACK")
conn.close()
print("done", flush=True)
"""


class AnotherProgram:
    """A separate process writing to the data file until :meth:`finish` is called."""

    def __init__(self, database: Path, at_most: float) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", _HOLD, str(database), str(at_most)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "holding"

    def finish(self) -> None:
        if self.process.returncode is not None:
            return
        assert self.process.stdin is not None and self.process.stdout is not None
        try:
            self.process.stdin.write("\n")
            self.process.stdin.close()
        except OSError:
            pass  # it had stopped by itself
        assert self.process.stdout.readline().strip() == "done"
        self.process.stdout.close()
        self.process.wait(timeout=10)


@pytest.fixture
def another_program(data_dir):
    programs: list[AnotherProgram] = []

    def start(at_most: float = 120) -> AnotherProgram:
        program = AnotherProgram(data_dir / "complaints.sqlite3", at_most)
        programs.append(program)
        return program

    yield start
    for program in programs:
        program.finish()


@pytest.fixture
def start_window(data_dir, qtbot):
    """The window as the app starts it (desktop.app.create_window), with one
    complaint already in the log; yields (window, complaint)."""
    from desktop.app import create_window
    from desktop.startup import open_data

    open_data(data_dir)
    set_user_name("Sam")
    now = dt.datetime.now().replace(microsecond=0) - dt.timedelta(hours=1)
    case = log_complaint(
        CustomerDetails(name="Ana Souza", phone="07700 900123"),
        ComplaintDetails(account="The strap broke on the first day.", remedy_sought="A repair"),
        author="Sam",
        now=now,
    )
    close_database()
    window = create_window(str(data_dir))
    window.show()
    qtbot.waitExposed(window)
    yield window, case
    close_window(window)
    close_database()


def open_new_complaint(qtbot, window) -> NewComplaintDialog:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    shown = [d for d in window.findChildren(NewComplaintDialog) if d.isVisible()]
    assert len(shown) == 1
    return shown[0]


def test_a_new_complaint_saved_while_another_program_writes_says_so_and_keeps_the_form(
    qtbot, start_window, another_program, no_questions
) -> None:
    window, _case = start_window
    dialog = open_new_complaint(qtbot, window)
    type_text(dialog.name, "Zoë Martin")
    type_text(dialog.account, "The kettle leaks from the base.")
    # It writes for 3 seconds: a save that waited for it would succeed, silently.
    importing = another_program(at_most=3)
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)

    assert no_questions == [BUSY]
    assert dialog.isVisible()
    assert dialog.name.text() == "Zoë Martin"
    assert dialog.account.toPlainText() == "The kettle leaks from the base."
    assert Complaint.select().count() == 1  # reading goes on meanwhile

    importing.finish()
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = Complaint.select().order_by(Complaint.id.desc()).get()
    assert saved.account == "The kettle leaks from the base."
    assert saved.customer.name == "Zoë Martin"
    assert no_questions == [BUSY]


def test_the_new_complaint_draft_is_kept_beside_the_file_while_another_program_writes(
    qtbot, start_window, another_program, no_questions
) -> None:
    window, _case = start_window
    dialog = open_new_complaint(qtbot, window)
    importing = another_program()
    type_text(dialog.name, "Zoë Martin")
    type_text(dialog.account, "The kettle leaks.")
    for more in " It was new.":  # typing on, a key at a time, while the import runs
        type_text(dialog.account, more)
        qtbot.wait(50)

    def kept() -> str:
        draft = drafts.load_draft(drafts.NEW_COMPLAINT)
        return draft.data["account"] if draft else ""

    qtbot.waitUntil(lambda: kept() == "The kettle leaks. It was new.", timeout=8000)
    assert "Draft kept" in dialog.draft_note.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # closing loses nothing
    assert not dialog.isVisible()
    assert no_questions == []

    importing.finish()
    qtbot.waitUntil(lambda: not window.findChildren(NewComplaintDialog))  # deleted on close
    window.new_complaint()  # File > New complaint
    again = next(d for d in window.findChildren(NewComplaintDialog) if d.isVisible())
    assert again.account.toPlainText() == "The kettle leaks. It was new."
    assert again.name.text() == "Zoë Martin"


def test_a_note_added_while_another_program_writes_stays_in_the_box(
    qtbot, start_window, another_program, no_questions
) -> None:
    window, case = start_window
    writing = another_program()
    window.open_complaint(case.id)  # reading goes on meanwhile
    detail = window.detail
    assert detail.complaint_id == case.id
    assert detail.account.toPlainText() == "The strap broke on the first day."
    type_text(detail.composer.text, "Rang her back: the strap is on order.")
    qtbot.mouseClick(detail.composer.add, Qt.MouseButton.LeftButton)

    assert no_questions == [BUSY]
    assert detail.composer.text.toPlainText() == "Rang her back: the strap is on order."
    assert [e.text for e in timeline.entries(case.id) if e.kind == timeline.NOTE] == []

    writing.finish()
    qtbot.mouseClick(detail.composer.add, Qt.MouseButton.LeftButton)
    assert detail.composer.text.toPlainText() == ""
    notes = [e.text for e in timeline.entries(case.id) if e.kind == timeline.NOTE]
    assert notes == ["Rang her back: the strap is on order."]
    assert no_questions == [BUSY]


def test_the_agreed_solution_saved_while_another_program_writes_stays_in_the_box(
    qtbot, start_window, another_program, no_questions
) -> None:
    window, case = start_window
    window.open_complaint(case.id)
    resolve = window.detail.resolve
    writing = another_program()
    type_text(resolve.solution, "We repair the strap free of charge by Friday.")
    qtbot.mouseClick(resolve.save_button, Qt.MouseButton.LeftButton)

    assert no_questions == [BUSY]
    assert resolve.solution.toPlainText() == "We repair the strap free of charge by Friday."
    assert resolve.save_button.isEnabled()
    assert load_complaint(case.id).agreed_solution == ""

    writing.finish()
    qtbot.mouseClick(resolve.save_button, Qt.MouseButton.LeftButton)
    saved = load_complaint(case.id).agreed_solution
    assert saved == "We repair the strap free of charge by Friday."
    assert no_questions == [BUSY]


def test_a_progress_call_not_saved_comes_back_in_the_box_to_try_again(
    start_window, another_program, no_questions, monkeypatch
) -> None:
    window, case = start_window
    view = window.followups
    view.select(morning_list.for_complaint(case.id)[0].id)
    writing = another_program()
    kept: list[str] = []

    def type_and_ok(dialog: NoteDialog) -> int:
        dialog.note.setPlainText("Told her the strap is on order.")
        dialog.accept()  # the other program holds the file: said, and the box stays
        kept.append(dialog.text())
        writing.finish()  # a moment later, the import has finished
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(NoteDialog, "exec", type_and_ok)
    assert view.log_call()
    assert kept == ["Told her the strap is on order."]
    assert no_questions == [BUSY]
    assert timeline.entries(case.id)[-1].text == "Progress call: Told her the strap is on order."


def test_a_tick_with_a_note_not_saved_comes_back_in_the_box_to_try_again(
    qtbot, start_window, another_program, no_questions, monkeypatch
) -> None:
    from PySide6.QtWidgets import QDialog

    from ui.tick_note_dialog import TickNoteDialog

    window, case = start_window
    window.open_complaint(case.id)
    row = window.detail.checklist.rows["engage.attention"]
    writing = another_program()
    offered: list[str] = []

    def ask(dialog: TickNoteDialog) -> int:
        offered.append(dialog.text())
        if len(offered) == 1:
            type_text(dialog.note, "Gave her my full attention at the counter.")
        else:
            writing.finish()  # a moment later, the other program has finished
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(TickNoteDialog, "exec", ask)
    qtbot.mouseClick(row.more, Qt.MouseButton.LeftButton)
    assert offered == ["", "Gave her my full attention at the counter."]
    assert no_questions == [BUSY]
    assert row.box.isChecked()
    assert "Gave her my full attention at the counter." in row.done.text()


def test_your_name_not_saved_comes_back_in_the_box_to_try_again(
    qtbot, start_window, another_program, no_questions
) -> None:
    from models.settings import user_name
    from ui.your_name_dialog import YourNameDialog

    window, _case = start_window
    writing = another_program()
    dialog = YourNameDialog(window)
    dialog.show()
    assert dialog.name.text() == "Sam"
    dialog.name.lineEdit().selectAll()
    type_text(dialog.name.lineEdit(), "Priya")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert no_questions == [BUSY]
    assert dialog.isVisible() and dialog.name.text() == "Priya"
    writing.finish()  # a moment later, the other program has finished
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert user_name() == "Priya"


def test_a_follow_up_cancelled_while_another_program_writes_keeps_the_reason(
    qtbot, start_window, another_program, no_questions, monkeypatch
) -> None:
    window, case = start_window
    window.open_complaint(case.id)
    panel = window.detail.followups
    panel.list.setCurrentRow(0)
    chosen = panel.current()
    assert chosen is not None and chosen.status == "pending"
    writing = another_program()
    kept: list[str] = []

    def type_and_ok(dialog: NoteDialog) -> int:
        dialog.note.setPlainText("She asked us to stop calling.")
        dialog.accept()  # the other program holds the file: said, and the box stays
        kept.append(dialog.text())
        writing.finish()  # a moment later, the other program has finished
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(NoteDialog, "exec", type_and_ok)
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert kept == ["She asked us to stop calling."]
    assert no_questions == [BUSY]
    cancelled = next(f for f in morning_list.for_complaint(case.id) if f.id == chosen.id)
    assert cancelled.status == "cancelled"
