"""Several counters on one log on a server: what another counter saves (a
process of its own, on a data folder of its own) shows in this window within a
few seconds, without anyone here pressing anything."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from models import followups, morning_list
from models.complaints import ComplaintDetails, load_complaint, log_complaint
from models.customers import CustomerDetails
from models.settings import set_user_name
from tests.ui.keyboard import type_text
from tests.ui.windows import close_window
from ui.complaint_table_model import ComplaintTableModel
from ui.main_window import MainWindow

pytestmark = pytest.mark.parametrize("engine", ["postgresql"], indirect=True)

ROOT = Path(__file__).resolve().parents[2]
OTHER_COUNTER = Path(__file__).with_name("other_counter.py")
# How long a change may take to show, in milliseconds: "within about a second",
# with room for a machine busy running other tests.
SHOWN_WITHIN = 10_000
MINE = "The kettle leaks from the base, and the lid is cracked."


def at_the_other_counter(tmp_path: Path, *args: str) -> str:
    """Priya, at the other counter, does one thing (see other_counter.py)."""
    done = subprocess.run(
        [sys.executable, str(OTHER_COUNTER), str(tmp_path / "other-counter"), *args],
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def in_the_log(window, column: int = ComplaintTableModel.REFERENCE) -> list[str]:
    model = window.list_view.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def log_one(name: str = "Aisha Doyle"):
    return log_complaint(
        CustomerDetails(name=name, phone="01632 960123"),
        ComplaintDetails(account="The kettle leaks from the base.", product="Kettle"),
        author="Sam",
    )


@pytest.fixture
def counter(db, qtbot, open_every_day):
    """This counter's window, opened on a log that already holds one complaint."""
    set_user_name("Sam")
    saved = log_one()
    window = MainWindow(data_folder=str(db.parent))
    window.show()
    qtbot.waitExposed(window)
    yield window, saved
    close_window(window)


def test_a_complaint_saved_at_another_counter_shows_in_the_log(qtbot, counter, tmp_path):
    window, first = counter
    window.show_complaints()
    assert in_the_log(window) == [first.reference]

    reference = at_the_other_counter(tmp_path, "log", "Dora Bell", "The toaster sparks.")

    qtbot.waitUntil(lambda: reference in in_the_log(window), timeout=SHOWN_WITHIN)
    assert "Dora Bell" in in_the_log(window, ComplaintTableModel.CUSTOMER)
    # Its acknowledgement, due today, counts on the Follow-ups tab beside this one's.
    qtbot.waitUntil(lambda: window.views.tabText(1) == "Follow-ups (2)", timeout=SHOWN_WITHIN)


def test_a_follow_up_done_at_another_counter_leaves_the_morning_list(qtbot, counter, tmp_path):
    window, saved = counter
    window.show_followups()
    ids = window.followups.model.ids_in_order
    [acknowledgement] = [
        item.id
        for item in morning_list.pending(dt.date.today())
        if item.complaint_id == saved.id and item.kind == followups.ACKNOWLEDGE
    ]
    assert acknowledgement in ids()
    assert window.views.tabText(1) == "Follow-ups (1)"

    at_the_other_counter(tmp_path, "done", str(acknowledgement))

    qtbot.waitUntil(lambda: acknowledgement not in ids(), timeout=SHOWN_WITHIN)
    assert window.views.tabText(1) == "Follow-ups"
    assert window.followups.heading.text() == "Nothing overdue or due today."


def test_a_complaint_closed_at_another_counter_shows_closed(qtbot, counter, tmp_path):
    window, saved = counter
    window.show_complaints()
    window.open_complaint(saved.id)
    detail = window.detail
    assert detail.subheading.text().startswith("Open")

    at_the_other_counter(tmp_path, "close", str(saved.id), "Refunded at the till.")

    # Nothing was typed in it here: it is shown as it is now, and leaves the open ones.
    qtbot.waitUntil(lambda: detail.subheading.text().startswith("Closed"), timeout=SHOWN_WITHIN)
    qtbot.waitUntil(lambda: saved.reference not in in_the_log(window), timeout=SHOWN_WITHIN)
    said = window.statusBar().currentMessage()  # and whoever was reading it is told
    assert saved.reference in said and "Priya Shah" in said and "as it is now" in said


def test_a_change_to_the_complaint_being_typed_in_is_said_and_the_typing_kept(
    qtbot, counter, tmp_path
):
    window, saved = counter
    window.show_complaints()
    window.open_complaint(saved.id)
    detail = window.detail
    detail.tabs.setCurrentIndex(detail.COMPLAINT_TAB)
    detail.account.setFocus()
    detail.account.selectAll()
    type_text(detail.account, MINE)

    at_the_other_counter(tmp_path, "customer", str(saved.id), "Aisha Doyle-Khan")

    status = window.statusBar()
    qtbot.waitUntil(lambda: "Priya Shah" in status.currentMessage(), timeout=SHOWN_WITHIN)
    said = status.currentMessage()
    assert saved.reference in said and "What you typed is kept" in said
    # Read whole on the status bar of a 1,024-pixel screen.
    assert status.fontMetrics().horizontalAdvance(said) < 1024 - 40, said
    assert detail.account.toPlainText() == MINE  # not overwritten by their version
    # The heading and the timeline show their change at once, around the typing.
    qtbot.waitUntil(lambda: "Aisha Doyle-Khan" in detail.heading.text(), timeout=SHOWN_WITHIN)
    shown = [detail.timeline.entry(row).text for row in range(detail.timeline.rowCount())]
    assert any("Aisha Doyle-Khan" in text for text in shown), shown
    qtbot.waitUntil(
        lambda: "Aisha Doyle-Khan" in in_the_log(window, ComplaintTableModel.CUSTOMER),
        timeout=SHOWN_WITHIN,
    )

    # Saving keeps both: their change to the name, and what was typed here.
    qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)
    stored = load_complaint(saved.id)
    assert (stored.details.account, stored.customer.name) == (MINE, "Aisha Doyle-Khan")
    assert "Priya Shah" not in status.currentMessage()  # said, and done with


def test_a_note_being_written_does_not_hold_back_a_change_from_another_counter(
    qtbot, counter, tmp_path
):
    """Only a note is being written here: the complaint is shown as the other
    counter left it at once, and the note stays in its box, unsent."""
    window, saved = counter
    window.show_complaints()
    window.open_complaint(saved.id)
    detail = window.detail
    detail.composer.text.setFocus()
    type_text(detail.composer.text, "Warranty card is in the box, checked with the maker.")

    at_the_other_counter(tmp_path, "customer", str(saved.id), "Aisha Doyle-Khan")

    qtbot.waitUntil(lambda: "Aisha Doyle-Khan" in detail.heading.text(), timeout=SHOWN_WITHIN)
    assert (
        detail.composer.text.toPlainText() == "Warranty card is in the box, checked with the maker."
    )
    assert "What you typed is kept" not in window.statusBar().currentMessage()


def test_a_customer_erased_at_another_counter_clears_the_note_being_written_and_says_so(
    qtbot, counter, tmp_path, no_questions
):
    """The note can no longer be saved, and may hold the erased person's words: it
    is cleared with a word of why, not left to be refused at every move."""
    window, saved = counter
    window.show_complaints()
    window.open_complaint(saved.id)
    detail = window.detail
    detail.composer.text.setFocus()
    type_text(detail.composer.text, "Aisha rang again, she will come in Tuesday.")

    at_the_other_counter(tmp_path, "erase", str(saved.id))

    qtbot.waitUntil(lambda: bool(no_questions), timeout=SHOWN_WITHIN)
    assert saved.reference in no_questions[-1] and "erased" in no_questions[-1]
    assert detail.composer.text.toPlainText() == ""
    assert not detail.has_unsaved_typing
    assert "Aisha" not in detail.heading.text()


def backed_up_then_one_more(window, monkeypatch):
    """A backup of the log here, then Ben Hart's complaint logged after it and shown;
    returns the backup, his complaint and the list the window's notices go to."""
    from models.backups import make_backup
    from ui import messages

    dump = make_backup()
    later = log_one("Ben Hart")
    window.show_complaints()
    window.refresh_after_change()  # logged here, by the models: shown as the window would
    assert later.reference in in_the_log(window)
    told: list[str] = []
    monkeypatch.setattr(messages, "notice", lambda _parent, _title, text: told.append(text))
    return dump, later, told


def test_a_backup_put_back_at_another_counter_shows_here_and_the_typing_is_kept(
    qtbot, counter, tmp_path, monkeypatch
):
    window, first = counter
    dump, _later, told = backed_up_then_one_more(window, monkeypatch)
    window.open_complaint(first.id)
    detail = window.detail
    detail.tabs.setCurrentIndex(detail.COMPLAINT_TAB)
    detail.account.setFocus()
    detail.account.selectAll()
    type_text(detail.account, MINE)

    kept = at_the_other_counter(tmp_path, "restore", str(dump))

    qtbot.waitUntil(lambda: in_the_log(window) == [first.reference], timeout=SHOWN_WITHIN)
    qtbot.waitUntil(lambda: bool(told), timeout=SHOWN_WITHIN)
    assert dump.name in told[0] and "by Priya Shah, outside this window" in told[0]
    assert "What you typed" in told[0]
    assert detail.account.toPlainText() == MINE
    assert Path(kept).name.startswith("replaced-")
    # Saving what was typed goes into the restored log.
    qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)
    assert load_complaint(first.id).details.account == MINE


def test_a_note_on_a_complaint_a_restore_takes_away_is_kept_on_the_clipboard(
    qtbot, counter, tmp_path, monkeypatch
):
    from PySide6.QtGui import QGuiApplication

    window, first = counter
    dump, later, told = backed_up_then_one_more(window, monkeypatch)
    window.open_complaint(later.id)
    detail = window.detail
    note = "Ben rang back: he will bring the receipt on Tuesday."
    type_text(detail.composer.text, note)

    at_the_other_counter(tmp_path, "restore", str(dump))

    qtbot.waitUntil(lambda: bool(told), timeout=SHOWN_WITHIN)
    assert f"{later.reference} is not in the restored log" in told[0]
    assert told[0].endswith(f"to paste where it belongs:\n\n{note}")
    assert QGuiApplication.clipboard().text() == note  # the words alone, to paste as they are
    assert in_the_log(window) == [first.reference]
