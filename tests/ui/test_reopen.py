"""Opening a closed complaint again: the owner says why, and the complaint comes
back on the morning list with a follow-up on the day they choose."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from models import morning_list, timeline
from models.complaints import ComplaintDetails, log_complaint, set_status
from models.customers import CustomerDetails
from models.followups import default_due
from models.tables import Complaint
from tests.ui.keyboard import type_text
from ui.reopen_dialog import ReopenDialog


@pytest.fixture
def closed(window):
    saved = log_complaint(
        CustomerDetails(name="Ruth Adeyemi"),
        ComplaintDetails(account="The zip on the coat broke.", handler="Sam"),
        author="Sam",
    )
    set_status(saved.id, "closed", author="Sam", reason="Mended the zip at the counter.")
    window.list_view.status_filter.setCurrentIndex(2)  # All
    window.open_complaint(saved.id)
    assert window.detail.close_button.text() == "Reopen complaint"
    return saved


def _reopen_with(monkeypatch, qtbot, window, fill) -> None:
    def run(dialog: ReopenDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        fill(dialog)
        return dialog.result()

    monkeypatch.setattr(ReopenDialog, "exec", run)
    qtbot.mouseClick(window.detail.close_button, Qt.MouseButton.LeftButton)


def test_reopening_says_why_and_puts_it_on_the_morning_list(
    qtbot, window, closed, monkeypatch
) -> None:
    def fill(dialog: ReopenDialog) -> None:
        assert dialog.due.date().toPython() == default_due(dt.date.today())
        type_text(dialog.reason, "She rang: the zip broke again.")
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    _reopen_with(monkeypatch, qtbot, window, fill)

    assert Complaint.get_by_id(closed.id).status == "open"
    texts = [e.text for e in timeline.entries(closed.id)]
    assert "Reopened. She rang: the zip broke again." in texts
    due = default_due(dt.date.today())
    listed = [i for i in morning_list.pending(due) if i.complaint_id == closed.id]
    assert [(i.due_on, i.owner) for i in listed] == [(due, "Sam")]
    assert window.detail.close_button.text() == "Close complaint"


def test_reopening_with_no_reason_is_refused_and_the_reason_box_says_so(
    qtbot, window, closed, monkeypatch
) -> None:
    seen = []

    def fill(dialog: ReopenDialog) -> None:
        dialog.accept()
        seen.append(
            (dialog.isVisible(), dialog.reason_error.text(), dialog.focusWidget() is dialog.reason)
        )
        dialog.reject()  # nothing typed: closes without asking

    _reopen_with(monkeypatch, qtbot, window, fill)

    [(still_open, said, focused)] = seen
    assert still_open and "why" in said.lower() and focused
    assert Complaint.get_by_id(closed.id).status == "closed"


def test_a_day_already_past_is_refused(qtbot, window, closed, monkeypatch) -> None:
    said = []
    yesterday = dt.date.today() - dt.timedelta(days=1)

    def fill(dialog: ReopenDialog) -> None:
        type_text(dialog.reason, "Reopened to add the refund.")
        dialog.due.setDate(yesterday)
        dialog.accept()
        said.append(dialog.error.text())
        dialog.done(0)

    _reopen_with(monkeypatch, qtbot, window, fill)

    assert "passed" in said[0]
    assert Complaint.get_by_id(closed.id).status == "closed"


def test_escape_with_a_reason_typed_asks_before_dropping_it(
    qtbot, window, closed, monkeypatch
) -> None:
    from ui import messages

    asked = []
    monkeypatch.setattr(messages, "discard_or_keep", lambda *a: asked.append(a[2]) or False)
    seen = []

    def fill(dialog: ReopenDialog) -> None:
        type_text(dialog.reason, "She rang again.")
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Escape)
        seen.append(dialog.isVisible())
        dialog.done(0)

    _reopen_with(monkeypatch, qtbot, window, fill)

    assert asked == ["Discard what you typed?"] and seen == [True]
    assert Complaint.get_by_id(closed.id).status == "closed"
