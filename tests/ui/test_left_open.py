"""A window left open by the till all day, and for days: the date moves on, the
daily backup is made, and changes made by a command show without a tab switch."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from models import backups, morning_list
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from models.settings import set_user_name
from tests.ui.keyboard import type_text
from ui.complaint_table_model import ComplaintTableModel
from ui.followup_done_dialog import FollowUpDoneDialog
from ui.followups_model import FollowUpsModel
from ui.main_window import MainWindow
from ui.workers import Watch

ROOT = Path(__file__).resolve().parents[2]
WEDNESDAY_LATE = dt.datetime(2026, 3, 18, 23, 58)
THURSDAY_MORNING = dt.datetime(2026, 3, 19, 10, 30)


class Clock:
    """The time of day, moved on by the test."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def log(name: str, received: dt.datetime):
    return log_complaint(
        CustomerDetails(name=name, phone="07700 900123"),
        ComplaintDetails(account="The strap broke.", received_at=received),
        author="Sam",
        now=received,
    )


def open_window(qtbot, db, **kwargs) -> MainWindow:
    set_user_name("Sam")
    window = MainWindow(data_folder=str(db.parent), **kwargs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def due_groups(window) -> dict[str, list[str]]:
    model = window.followups.model
    found = {}
    for number, key in enumerate(morning_list.GROUPS):
        parent = model.index(number, 0)
        found[key] = [
            model.index(row, FollowUpsModel.REFERENCE, parent).data()
            for row in range(model.rowCount(parent))
        ]
    return found


def log_row(window, reference: str) -> tuple[str, str]:
    """What the log shows for ``reference``: (received, age)."""
    model = window.list_view.model
    for row in range(model.rowCount()):
        if model.index(row, ComplaintTableModel.REFERENCE).data() == reference:
            return (
                model.index(row, ComplaintTableModel.RECEIVED).data(),
                model.index(row, ComplaintTableModel.AGE).data(),
            )
    raise AssertionError(f"{reference} is not in the log")


def second_connection(db: Path) -> sqlite3.Connection:
    """Another program writing to the data file."""
    conn = sqlite3.connect(str(db), timeout=5)
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


@pytest.fixture
def quick_watch(monkeypatch):
    """Look at the clock and the file every few milliseconds instead of every minute."""
    monkeypatch.setattr(Watch, "CLOCK_CHECK_MS", 20)
    monkeypatch.setattr(Watch, "FILE_CHECK_MS", 20)


# --- 1. after midnight --------------------------------------------------------------------
def test_after_midnight_yesterdays_follow_up_is_overdue_and_the_log_ages(
    qtbot, db, quick_watch
) -> None:
    wednesday = log("Ana Souza", dt.datetime(2026, 3, 18, 10, 0))
    thursday = log("Jo Evans", dt.datetime(2026, 3, 19, 9, 0))  # logged ahead, by post
    clock = Clock(WEDNESDAY_LATE)
    window = open_window(qtbot, db, clock=clock)
    assert window.views.tabText(1) == "Follow-ups (1)"
    assert due_groups(window)["today"] == [wednesday.reference]
    assert log_row(window, wednesday.reference) == ("Today 10:00", "13 h")

    clock.now = THURSDAY_MORNING  # nobody touches the window
    qtbot.waitUntil(lambda: due_groups(window)["overdue"] == [wednesday.reference])
    assert due_groups(window)["today"] == [thursday.reference]
    assert window.views.tabText(1) == "Follow-ups (2)"
    # A day without a response: the log says so.
    assert log_row(window, wednesday.reference) == ("Yesterday 10:00", "⚠ 1 day")


def test_the_log_ages_move_on_within_the_day(qtbot, db, quick_watch) -> None:
    case = log("Ana Souza", dt.datetime(2026, 3, 18, 10, 0))
    clock = Clock(dt.datetime(2026, 3, 18, 10, 40))
    window = open_window(qtbot, db, clock=clock)
    assert log_row(window, case.reference) == ("Today 10:00", "40 min")
    clock.now = dt.datetime(2026, 3, 18, 13, 5)
    qtbot.waitUntil(lambda: log_row(window, case.reference) == ("Today 10:00", "3 h"))


# --- 2. the daily backup while the window stays open ----------------------------------
def test_a_window_left_open_makes_the_new_days_backup_in_the_background(
    qtbot, db, quick_watch, monkeypatch
) -> None:
    log("Ana Souza", dt.datetime(2026, 3, 18, 10, 0))
    on_window_thread: list[bool] = []
    make = backups.daily_backup

    def daily_backup(now=None):
        on_window_thread.append(threading.current_thread() is threading.main_thread())
        return make(now)

    monkeypatch.setattr(backups, "daily_backup", daily_backup)
    clock = Clock(WEDNESDAY_LATE)
    window = open_window(qtbot, db, clock=clock)
    assert backups.backups() == []

    clock.now = dt.datetime(2026, 3, 19, 0, 1)
    qtbot.waitUntil(lambda: [b.made_at for b in backups.backups()] == [clock.now])
    qtbot.waitUntil(lambda: "Today's backup was made" in window.statusBar().currentMessage())
    assert on_window_thread == [False]
    assert backups.check_backup(backups.backups()[0].path) is None


def test_a_failed_daily_backup_shows_in_the_status_bar(qtbot, db, quick_watch) -> None:
    clock = Clock(WEDNESDAY_LATE)
    window = open_window(qtbot, db, clock=clock)
    (db.parent / backups.BACKUPS).write_text("in the way")  # backups/ cannot be made
    clock.now = dt.datetime(2026, 3, 19, 0, 1)
    qtbot.waitUntil(lambda: "backup was not made" in window.statusBar().currentMessage())
    assert window.isVisible()


# --- 3. changes made outside the window ---------------------------------------------------
def test_an_import_by_command_shows_without_a_tab_switch(qtbot, db, quick_watch, tmp_path) -> None:
    window = open_window(qtbot, db)
    assert window.list_view.pages.currentWidget().objectName() == "empty_log"
    spreadsheet = tmp_path / "log.csv"
    today = dt.date.today()
    spreadsheet.write_text(
        "received,customer name,account\n"
        f"{today:%Y-%m-%d},Zoë Martin,The kettle leaks.\n"
        f"{today:%Y-%m-%d},Łukasz Nowak,Late delivery\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "import", str(spreadsheet), "--data-dir", str(db.parent)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    qtbot.waitUntil(lambda: window.list_view.model.rowCount() == 2)
    assert window.list_view.pages.currentWidget() is window.list_view.table
    customers = {window.list_view.model.index(r, 2).data() for r in range(2)}
    assert customers == {"Zoë Martin", "Łukasz Nowak"}
    assert window.list_view.summary.text() == "2 open complaints"


def test_a_snooze_by_another_program_shows_and_keeps_what_is_chosen_and_typed(
    qtbot, db, quick_watch, no_questions, open_every_day
) -> None:
    now = dt.datetime.now().replace(second=0, microsecond=0)
    chosen = log("Ana Souza", now - dt.timedelta(minutes=30))
    other = log("Jo Evans", now - dt.timedelta(minutes=20))
    window = open_window(qtbot, db)
    window.show_complaints()
    window.open_complaint(chosen.id)
    detail = window.detail
    type_text(detail.product, "Blue kettle")
    assert window.views.tabText(1) == "Follow-ups (2)"

    snoozed = next(f for f in morning_list.for_complaint(other.id) if f.kind == "acknowledge")
    with second_connection(db) as conn:  # a scheduled morning check snoozes it
        conn.execute(
            "UPDATE follow_up SET due_on = ? WHERE id = ?",
            ((now + dt.timedelta(days=1)).date().isoformat(), snoozed.id),
        )
    conn.close()
    qtbot.waitUntil(lambda: window.views.tabText(1) == "Follow-ups (1)")
    assert window.list_view.selected_id() == chosen.id
    assert detail.complaint_id == chosen.id
    assert detail.product.text() == "Blue kettle" and detail.is_dirty


def test_a_complaint_closed_by_another_program_shows_closed_when_nothing_is_typed(
    qtbot, db, quick_watch
) -> None:
    case = log("Ana Souza", dt.datetime.now() - dt.timedelta(hours=2))
    window = open_window(qtbot, db)
    window.show_complaints()
    window.open_complaint(case.id)
    assert window.detail.close_button.text() == "Close complaint"
    with second_connection(db) as conn:
        conn.execute("UPDATE complaint SET status = 'closed', closed_at = ? WHERE id = ?",
                     (dt.datetime.now().isoformat(sep=" "), case.id))  # fmt: skip
    conn.close()
    qtbot.waitUntil(lambda: window.detail.close_button.text() == "Reopen complaint")
    assert window.list_view.model.rowCount() == 0  # the open complaints: none now
    assert window.detail.complaint_id == case.id


def test_done_on_a_follow_up_dealt_with_elsewhere_says_so_and_shows_the_list_as_it_is(
    qtbot, db, monkeypatch, no_questions
) -> None:
    monkeypatch.setattr(Watch, "FILE_CHECK_MS", 600_000)  # the key press comes first
    now = dt.datetime.now()
    case = log("Ana Souza", now - dt.timedelta(hours=1))
    window = open_window(qtbot, db)
    window.show_followups()
    view = window.followups
    view.select_first()
    stale = view.current()
    assert stale is not None and stale.complaint_id == case.id
    with second_connection(db) as conn:  # the command line marks it done meanwhile
        conn.execute(
            "UPDATE follow_up SET status = 'done', outcome = 'done', done_at = ? WHERE id = ?",
            (now.isoformat(sep=" "), stale.id),
        )
    conn.close()
    opened: list[FollowUpDoneDialog] = []

    def accept(dialog: FollowUpDoneDialog) -> int:
        opened.append(dialog)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(FollowUpDoneDialog, "exec", accept)
    qtbot.keyClick(view.tree, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: any("dealt with outside this window" in t for t in no_questions))
    assert opened == []
    assert stale.id not in [item.id for key in morning_list.GROUPS for item in _items(view, key)]
    assert stale.reference in no_questions[-1]


def _items(view, key: str):
    model = view.model
    parent = model.index(morning_list.GROUPS.index(key), 0)
    return [model.item(model.index(row, 0, parent)) for row in range(model.rowCount(parent))]
