"""Opening a complaint whose rows sit on a damaged page of the data file: the
detail shows nothing of the complaint shown before (no heading of one over the
ticks of another), says this complaint cannot be read, the window says the file
is damaged once, and nothing is written."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from models import guide
from tests.ui.test_damage_met_by_lists import (
    DATA_FILE,
    _fingerprint,
    _overwrite_page_number,
    _pages_of_rows,
)
from tests.ui.test_damaged_data import _answer, _shop
from tests.ui.windows import close_window

# Where a complaint's rows are, by table: the column that names the complaint.
ROWS_OF = {
    "checklist_tick": "SELECT id FROM checklist_tick WHERE complaint_id = ?",
    "event": "SELECT id FROM event WHERE complaint_id = ?",
    "customer": "SELECT customer_id FROM complaint WHERE id = ?",
}


def _damage_one_of_two(path: Path, table: str) -> tuple[int, int]:
    """Two complaints with ticks, ``sound`` and ``damaged``: a page of ``table``
    holding a row of ``damaged`` is overwritten; no row of ``sound`` is on it."""
    pages = _pages_of_rows(path, table)
    with sqlite3.connect(path) as conn:
        ticked = [
            row[0]
            for row in conn.execute(
                "SELECT complaint_id FROM checklist_tick GROUP BY complaint_id "
                "HAVING COUNT(*) >= 3 ORDER BY complaint_id DESC"
            )
        ]

        def pages_of(complaint: int) -> set[int]:
            return {pages[r] for (r,) in conn.execute(ROWS_OF[table], (complaint,))}

        damaged = ticked[0]
        page = min(pages_of(damaged))
        sound = next(c for c in ticked[1:] if page not in pages_of(c))
    _overwrite_page_number(path, page)
    return sound, damaged


def _shown_texts(root: QWidget) -> list[str]:
    """Every text the owner can see in ``root``."""
    texts: list[str] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, (QLabel, QLineEdit, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            texts.append(widget.toPlainText())
        elif isinstance(widget, QListView) and widget.model() is not None:
            model = widget.model()
            texts.extend(str(model.index(r, 0).data()) for r in range(model.rowCount()))
    return [text for text in texts if text]


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    folder = tmp_path / "shop"
    _shop(folder, 300)
    return folder


@pytest.mark.parametrize("table", ["checklist_tick", "event", "customer"])
def test_a_complaint_on_a_damaged_page_shows_nothing_of_the_one_before(
    qtbot, shop: Path, monkeypatch, table: str
) -> None:
    from desktop import error_hook
    from desktop.app import create_window
    from models.db import close_database

    sound, damaged = _damage_one_of_two(shop / DATA_FILE, table)
    said = _answer(monkeypatch, QMessageBox.StandardButton.No)  # not restored now
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    error_hook.install()
    window = create_window(str(shop))
    window.show()
    qtbot.waitExposed(window)
    try:
        before = _fingerprint(shop)
        window.show_complaints()
        window.list_view.status_filter.setCurrentIndex(2)  # All
        window.open_complaint(sound)
        detail = window.detail
        record = detail.record
        assert record is not None and record.id == sound
        # The first stage's steps, ticked when it was logged, are on screen.
        engage = detail.findChild(QPushButton, f"stage_{guide.STAGES[0].key}")
        qtbot.mouseClick(engage, Qt.MouseButton.LeftButton)
        first = [record.reference, record.customer.name]
        first += [t for t in _shown_texts(detail) if t.startswith("Done ")]
        assert len(first) > 2  # its ticks are on screen

        window.open_complaint(damaged)
        qtbot.waitUntil(lambda: bool(said))
        qtbot.wait(50)
        shown = "\n".join(_shown_texts(window.detail_host))
        for text in first:
            assert text not in shown
        assert "This complaint cannot be read: the data file is damaged." in shown
        assert detail.record is None
        assert len(said) == 1 and "damaged" in said[0] and "went wrong" not in said[0]
        warning = window.findChild(QLabel, "damaged")
        assert warning is not None and warning.isVisible()

        # The sound complaint opens again, whole.
        window.open_complaint(sound)
        qtbot.mouseClick(engage, Qt.MouseButton.LeftButton)
        shown = "\n".join(_shown_texts(window.detail_host))
        assert all(text in shown for text in first)
        assert "cannot be read" not in shown
        assert len(said) == 1
        assert _fingerprint(shop) == before
    finally:
        close_window(window)
        close_database()
