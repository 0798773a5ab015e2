"""Damage met while the window's lists read the data file (scrolling the log,
searching, the follow-ups): the window says the file is damaged and offers the
newest good backup once, as for damage found by a check; no error report, no
question on every repaint, nothing written. A busy file met by a read is said
in the status bar and read again a moment later."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from pathlib import Path

import peewee
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from models.complaint_list import PAGE
from tests.desktop.test_cli import run
from tests.ui.keyboard import type_text
from tests.ui.test_damaged_data import _answer, _shop
from tests.ui.windows import close_window

DATA_FILE = "complaints.sqlite3"


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = 0
    for step in range(9):
        byte = data[at + step]
        if step == 8:
            return (value << 8) | byte, at + 9
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + step + 1
    raise AssertionError("unreachable")


def _pages_of_rows(path: Path, table: str) -> dict[int, int]:
    """Each row of ``table`` (by rowid) and the number of the leaf page holding it."""
    with sqlite3.connect(path) as conn:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        leaves = [
            number
            for (number,) in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf'", (table,)
            )
        ]
    data = path.read_bytes()
    pages: dict[int, int] = {}
    for number in leaves:
        start = (number - 1) * size
        header = start + (100 if number == 1 else 0)
        assert data[header] == 0x0D  # a table's leaf page
        cells = int.from_bytes(data[header + 3 : header + 5], "big")
        for cell in range(cells):
            pointer = int.from_bytes(data[header + 8 + 2 * cell : header + 10 + 2 * cell], "big")
            _payload, at = _varint(data, start + pointer)
            key, _at = _varint(data, at)
            pages[key] = number
    return pages


def _plain_shop(folder: Path, count: int) -> None:
    """A log of ``count`` complaints, one a day up to today, each from a customer of its
    own, with no category or product and nothing done yet; then a backup of it.

    Opening any complaint reads only its own rows: none of them points at another
    (the same customer, a category's past fixes, the same product), so damage to
    old complaints is met only by what reads them.
    """
    import datetime as dt

    from desktop.startup import open_data
    from models import timeline
    from models.complaint_writer import NewComplaint, write_complaints, write_customers
    from models.db import close_database, writing
    from models.matching import Known

    today = dt.datetime.now().replace(hour=10, minute=0, second=0, microsecond=0)
    open_data(folder)
    try:
        people = [Known(None, f"Customer {n}", phone=f"07700 {n:06d}") for n in range(count)]
        complaints = []
        for n, person in enumerate(people):
            when = today - dt.timedelta(days=count - 1 - n)
            complaints.append(
                NewComplaint(
                    person=person,
                    received_at=when,
                    account=f"Complaint number {n}: the order was wrong.",
                    created_at=when,
                    entries=[(when, "Sam", timeline.CREATED, "Complaint logged (in person).")],
                )
            )
        with writing():
            write_customers(people, today)
            write_complaints(complaints, now=today)
    finally:
        close_database()
    done = run("--data-dir", str(folder), "backup")
    assert done.returncode == 0, done.stderr


def _overwrite_page_number(path: Path, page: int) -> None:
    with sqlite3.connect(path) as conn:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    with path.open("r+b") as out:
        out.seek((page - 1) * size)
        out.write(b"\xa5" * size)


def _overwrite_page(path: Path, table: str, rowid: int) -> None:
    """Overwrite the leaf page of ``table`` that holds the row ``rowid``."""
    page = _pages_of_rows(path, table).get(rowid)
    assert page is not None, f"no leaf page of {table} holds row {rowid}"
    _overwrite_page_number(path, page)


def _damage_near_the_end(folder: Path) -> str:
    """Overwrite the page holding complaints near the end of the whole log, newest
    first: only scrolling the list that far reads it. Returns the reference of a
    complaint on that page."""
    path = folder / DATA_FILE
    with sqlite3.connect(path) as conn:
        total = conn.execute("SELECT COUNT(*) FROM complaint").fetchone()[0]
        rowid, reference = conn.execute(
            "SELECT id, reference FROM complaint ORDER BY received_at DESC, id DESC "
            "LIMIT 1 OFFSET ?",
            (total - 40,),
        ).fetchone()
    _overwrite_page(path, "complaint", rowid)
    return reference


def _fingerprint(folder: Path) -> str:
    """The data file and its write-ahead log, as they are now."""
    digest = hashlib.sha256()
    for name in (DATA_FILE, f"{DATA_FILE}-wal"):
        path = folder / name
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()


def _scroll_to_the_end(qtbot, window, times: int = 12) -> None:
    table = window.list_view.table
    for _ in range(times):
        table.scrollToBottom()
        qtbot.wait(20)


@pytest.fixture
def damaged_window(qtbot, tmp_path: Path, monkeypatch):
    from desktop.app import create_window
    from models.db import close_database

    shop = tmp_path / "shop"
    _plain_shop(shop, 600)
    reference = _damage_near_the_end(shop)
    said = _answer(monkeypatch, QMessageBox.StandardButton.No)  # not restored now
    window = create_window(str(shop))
    window.show()
    qtbot.waitExposed(window)
    try:
        yield shop, window, said, reference
    finally:
        close_window(window)
        close_database()


def test_scrolling_to_damage_offers_the_backup_once_and_writes_nothing(
    qtbot, damaged_window
) -> None:
    shop, window, said, _reference = damaged_window
    backup = next((shop / "backups").glob("complaints-*.sqlite3")).name
    before = _fingerprint(shop)
    window.list_view.status_filter.setCurrentIndex(2)  # All
    assert window.list_view.model.rowCount() == PAGE  # the newest page: sound
    assert said == []

    _scroll_to_the_end(qtbot, window)
    qtbot.waitUntil(lambda: bool(said))
    warning = window.findChild(QLabel, "damaged")
    assert warning is not None and warning.isVisible()
    assert len(said) == 1
    assert "damaged" in said[0] and backup in said[0] and "restore" in said[0].lower()
    assert re.search(r"\b[\d,]+ complaints\)", said[0])  # how many the backup holds
    assert "went wrong" not in said[0]

    # Scrolling on and repainting neither asks again nor reads the damage again.
    _scroll_to_the_end(qtbot, window)
    window.list_view.table.viewport().repaint()
    qtbot.wait(50)
    assert len(said) == 1 and warning.isVisible()
    assert _fingerprint(shop) == before

    # Nothing more is saved into the file: a note is refused and kept.
    window.list_view.table.selectRow(0)
    note = window.detail.composer.text
    type_text(note, "Rang back, no answer")
    qtbot.keyClick(note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(said) == 2 and "damaged" in said[-1]
    assert note.toPlainText() == "Rang back, no answer"
    assert _fingerprint(shop) == before


def test_a_search_meeting_damage_is_said_like_the_rest(qtbot, damaged_window) -> None:
    shop, window, said, reference = damaged_window
    before = _fingerprint(shop)
    window.list_view.status_filter.setCurrentIndex(2)
    # Searching as you type for a complaint on the damaged page reads it at once.
    type_text(window.list_view.search, reference)
    qtbot.waitUntil(lambda: bool(said))
    qtbot.wait(400)  # the count that follows a pause in typing
    window.list_view.table.viewport().repaint()
    assert len(said) == 1 and "damaged" in said[0]
    assert window.findChild(QLabel, "damaged").isVisible()
    assert _fingerprint(shop) == before


def test_a_busy_file_met_by_scrolling_is_said_and_read_again(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    from desktop.app import create_window
    from models import complaint_list
    from models.db import close_database

    shop = tmp_path / "shop"
    _shop(shop, 400)
    said = _answer(monkeypatch, QMessageBox.StandardButton.No)
    window = create_window(str(shop))
    window.show()
    qtbot.waitExposed(window)
    try:
        window.list_view.status_filter.setCurrentIndex(2)
        model = window.list_view.model
        assert model.rowCount() == PAGE

        # Another program holds the file for the next two reads of a page.
        real = complaint_list.Listing.next_page
        refusals = [2]

        def busy_then_free(listing):
            if refusals[0]:
                refusals[0] -= 1
                raise peewee.OperationalError("database is locked")
            return real(listing)

        monkeypatch.setattr(complaint_list.Listing, "next_page", busy_then_free)
        _scroll_to_the_end(qtbot, window, times=2)
        assert "busy" in window.statusBar().currentMessage()
        assert said == []
        assert window.findChild(QLabel, "damaged") is None
        # Read again a moment later, without the owner doing anything.
        qtbot.waitUntil(lambda: model.rowCount() > PAGE, timeout=5000)
        assert said == []
    finally:
        close_window(window)
        close_database()


def test_damage_met_by_the_follow_ups_list_is_said_like_the_rest(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    from desktop.app import create_window
    from models.db import close_database

    shop = tmp_path / "shop"
    _shop(shop, 600)
    path = shop / DATA_FILE
    with sqlite3.connect(path) as conn:
        (latest,) = conn.execute(
            "SELECT id FROM follow_up WHERE status = 'pending' ORDER BY due_on DESC LIMIT 1"
        ).fetchone()
    _overwrite_page(path, "follow_up", latest)
    backup = next((shop / "backups").glob("complaints-*.sqlite3")).name
    said = _answer(monkeypatch, QMessageBox.StandardButton.No)
    window = create_window(str(shop))
    window.show()
    qtbot.waitExposed(window)
    try:
        before = _fingerprint(shop)
        window.show_followups()
        qtbot.waitUntil(lambda: bool(said))
        window.show_complaints()
        window.show_followups()
        qtbot.wait(50)
        assert len(said) == 1 and "damaged" in said[0] and backup in said[0]
        assert window.findChild(QLabel, "damaged").isVisible()
        assert _fingerprint(shop) == before
    finally:
        close_window(window)
        close_database()


def test_damage_met_where_nothing_expected_it_is_said_not_reported(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    """Opening a complaint whose timeline is damaged: the error dialog of the app
    gives way to the window's own word on damage."""
    import sys

    from desktop import error_hook
    from desktop.app import create_window
    from models.db import close_database

    shop = tmp_path / "shop"
    _shop(shop, 600)
    path = shop / DATA_FILE
    with sqlite3.connect(path) as conn:
        (newest,) = conn.execute(
            "SELECT id FROM complaint WHERE status = 'open' "
            "ORDER BY received_at DESC, id DESC LIMIT 1"
        ).fetchone()
        (entry,) = conn.execute(
            "SELECT MIN(id) FROM event WHERE complaint_id = ?", (newest,)
        ).fetchone()
    _overwrite_page(path, "event", entry)
    said = _answer(monkeypatch, QMessageBox.StandardButton.No)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    error_hook.install()
    window = create_window(str(shop))
    window.show()
    qtbot.waitExposed(window)
    try:
        before = _fingerprint(shop)
        window.show_complaints()
        window.list_view.table.selectRow(0)
        qtbot.waitUntil(lambda: bool(said))
        qtbot.wait(50)
        assert len(said) == 1 and "damaged" in said[0] and "backup" in said[0]
        assert "went wrong" not in said[0]
        assert window.findChild(QLabel, "damaged").isVisible()
        assert _fingerprint(shop) == before
    finally:
        close_window(window)
        close_database()


def test_insights_meeting_damage_say_so_and_offer_the_backup(qtbot, damaged_window) -> None:
    shop, window, said, _reference = damaged_window
    before = _fingerprint(shop)
    window.show_insights()
    view = window.insights
    summary = view.summary
    # The whole log, so the damaged page (near its oldest end) is read.
    view.start.setDate(view.start.date().addYears(-30))
    qtbot.waitUntil(lambda: "could not be worked out" in summary.text(), timeout=10_000)
    assert "damaged" in summary.text()
    assert "malformed" not in summary.text()  # SQLite's own words are not shown
    qtbot.waitUntil(lambda: bool(said))
    assert len(said) == 1 and "damaged" in said[0]
    assert window.findChild(QLabel, "damaged").isVisible()
    assert _fingerprint(shop) == before
