"""A returning customer at the counter: picking them never rewrites someone else."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from models import timeline
from models.complaint_list import ListQuery, all_rows
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from models.tables import Complaint, Customer
from tests.ui.keyboard import type_text
from tests.ui.test_new_complaint import open_dialog, type_into
from ui import messages


@pytest.fixture
def margaret(window):
    saved = log_complaint(
        CustomerDetails(name="Margaret Hughes", phone="0161 496 0000", email="mh@example.com"),
        ComplaintDetails(account="The kettle leaks."),
        author="Sam",
        now=dt.datetime.now() - dt.timedelta(days=3),
    )
    window.list_view.refresh()
    return saved


@pytest.fixture
def answer_with(monkeypatch):
    """Answer the next question boxes by the text of a button; record what they said."""
    asked: list[str] = []
    replies: list[str] = []

    def click(box: QMessageBox):
        asked.append(box.text())
        wanted = replies.pop(0)
        for button in box.buttons():
            if button.text() == wanted:
                button.click()
                return QMessageBox.StandardButton.NoButton
        raise AssertionError(f"no button {wanted!r} in {[b.text() for b in box.buttons()]}")

    monkeypatch.setattr(messages, "show_box", click)

    def answer(*texts: str) -> list[str]:
        replies.extend(texts)
        return asked

    return answer


def pick_margaret(qtbot, window):
    dialog = open_dialog(qtbot, window)
    type_text(dialog.name, "Marg")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.suggestion_list, Qt.Key.Key_Return)
    assert dialog.name.text() == "Margaret Hughes"
    assert dialog.returning.isVisible()
    return dialog


def replace(widget, text: str) -> None:
    widget.selectAll()
    type_text(widget, text)


def found_by(words: str) -> set[str]:
    return {row.reference for row in all_rows(ListQuery(status="all", text=words))}


def test_another_persons_details_after_picking_make_a_new_customer(qtbot, window, margaret) -> None:
    dialog = pick_margaret(qtbot, window)
    replace(dialog.name, "Carl Smith")
    assert not dialog.returning.isVisible()  # Margaret no longer applies
    replace(dialog.phone, "07700 900999")
    replace(dialog.email, "carl@example.com")
    type_into(dialog, "account", "The toaster burns one side.")
    qtbot.keyClick(dialog.account, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    mh = Customer.get_by_id(margaret.customer_id)
    assert (mh.name, mh.phone, mh.email) == ("Margaret Hughes", "0161 496 0000", "mh@example.com")
    carl = Customer.get(Customer.name == "Carl Smith")
    assert carl.id != mh.id
    assert Complaint.get(Complaint.account == "The toaster burns one side.").customer_id == carl.id
    assert found_by("Margaret") == {margaret.reference}
    assert margaret.reference not in found_by("Carl")


def test_new_details_for_a_picked_customer_are_asked_about_then_recorded(
    qtbot, window, margaret, answer_with
) -> None:
    asked = answer_with("Update Margaret Hughes")
    dialog = pick_margaret(qtbot, window)
    replace(dialog.phone, "07700 900555")
    type_into(dialog, "account", "The new kettle leaks too.")
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    assert "0161 496 0000 → 07700 900555" in asked[0]
    mh = Customer.get_by_id(margaret.customer_id)
    assert mh.phone == "07700 900555"
    assert Customer.select().count() == 1
    # The change is on the earlier complaint's timeline, and search finds it by the new phone.
    changes = [e.text for e in timeline.entries(margaret.id) if e.kind == timeline.EDITED]
    assert any("0161 496 0000 → 07700 900555" in text for text in changes)
    assert margaret.reference in found_by("07700900555")


def test_answering_new_customer_leaves_the_picked_one_as_they_were(
    qtbot, window, margaret, answer_with
) -> None:
    answer_with("A new customer")
    dialog = pick_margaret(qtbot, window)
    replace(dialog.phone, "07700 900555")
    type_into(dialog, "account", "Another kettle.")
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert Customer.get_by_id(margaret.customer_id).phone == "0161 496 0000"
    assert Customer.select().count() == 2
    assert not [e for e in timeline.entries(margaret.id) if e.kind == timeline.EDITED]


def test_cancelling_the_question_saves_nothing_and_keeps_the_form(
    qtbot, window, margaret, answer_with
) -> None:
    answer_with("Cancel")
    dialog = pick_margaret(qtbot, window)
    replace(dialog.email, "margaret.h@example.com")
    type_into(dialog, "account", "Kept as typed.")
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.account.toPlainText() == "Kept as typed."
    assert Complaint.select().count() == 1
    assert Customer.get_by_id(margaret.customer_id).email == "mh@example.com"


def test_someone_elses_email_is_asked_about_not_guessed(
    qtbot, window, margaret, answer_with
) -> None:
    asked = answer_with("A new customer")
    dialog = open_dialog(qtbot, window)
    type_text(dialog.name, "Carl Smith")
    dialog.suggestion_list.hide()
    type_text(dialog.email, "MH@example.com")
    type_into(dialog, "account", "Bought with his wife's account.")
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert "Margaret Hughes" in asked[0]
    saved = Complaint.get(Complaint.account == "Bought with his wife's account.")
    assert saved.customer.name == "Carl Smith"
    assert saved.customer_id != margaret.customer_id


def test_a_right_to_left_name_keeps_to_itself_in_the_suggestion(qtbot, window) -> None:
    log_complaint(
        CustomerDetails(name="محمد علي", phone="07700 900456"),
        ComplaintDetails(account="The lamp flickers."),
        author="Sam",
        now=dt.datetime.now() - dt.timedelta(days=2),
    )
    dialog = open_dialog(qtbot, window)
    type_text(dialog.phone, "07700 900456")
    qtbot.waitUntil(lambda: dialog.suggestion_list.model().rowCount() > 0)
    shown = dialog.suggestion_list.model().index(0, 0).data()
    # Each typed piece sits in a first-strong isolate, so the Arabic name cannot pull
    # the phone number and the words after it into its right-to-left order.
    assert "\u2068محمد علي\u2069" in shown
    assert "\u206807700 900456\u2069" in shown
    assert shown.endswith("1 earlier complaint")


def test_her_number_typed_the_international_way_finds_her(qtbot, window, margaret) -> None:
    dialog = open_dialog(qtbot, window)
    type_text(dialog.phone, "+44 161 496 0000")
    qtbot.waitUntil(lambda: dialog.suggestion_list.model().rowCount() > 0)
    assert "Margaret Hughes" in dialog.suggestion_list.model().index(0, 0).data()
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.suggestion_list, Qt.Key.Key_Return)
    type_into(dialog, "account", "The lid will not close.")
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = Complaint.get(Complaint.account == "The lid will not close.")
    assert saved.customer_id == margaret.customer_id


def test_a_customer_picked_in_a_draft_is_shown_as_picked_when_it_comes_back(
    qtbot, window, margaret
) -> None:
    dialog = pick_margaret(qtbot, window)
    picked = dialog.returning.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    reopened = open_dialog(qtbot, window)
    assert "Restored" in reopened.draft_note.text()
    assert reopened.returning.text() == picked
    assert "0161 496 0000" in picked and "1 earlier complaint" in picked
    qtbot.mouseClick(reopened.not_them, Qt.MouseButton.LeftButton)
    # Not them takes her details back out of the boxes, as it does before closing.
    assert (reopened.phone.text(), reopened.email.text()) == ("", "")


def test_a_phone_typed_before_picking_her_is_kept_for_saving_to_ask_about(
    qtbot, window, margaret
) -> None:
    """Her right number typed, then her suggestion taken: the number typed stays
    (the log's may be the wrong one), where before it was silently overwritten."""
    dialog = open_dialog(qtbot, window)
    type_text(dialog.phone, "0161 496 0999")
    dialog.name.setFocus()
    type_text(dialog.name, "Marg")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.suggestion_list, Qt.Key.Key_Return)
    assert dialog.name.text() == "Margaret Hughes"
    assert dialog.phone.text() == "0161 496 0999"
    assert dialog.email.text() == "mh@example.com"  # empty before: hers


def test_part_of_her_number_typed_to_find_her_becomes_her_whole_number(
    qtbot, window, margaret
) -> None:
    dialog = open_dialog(qtbot, window)
    dialog.phone.setFocus()
    type_text(dialog.phone, "496 00")
    qtbot.waitUntil(lambda: dialog.suggestion_list.isVisible())
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.suggestion_list, Qt.Key.Key_Return)
    assert dialog.phone.text() == "0161 496 0000"


def test_her_number_begun_the_international_way_becomes_her_whole_number(qtbot, window) -> None:
    """ "+44 (0)7700 900" typed, her suggestion taken: her whole stored number, not
    the cut-off one typed (saving then offered to write that over hers)."""
    log_complaint(
        CustomerDetails(name="Siobhán O'Neill", phone="07700 900456"),
        ComplaintDetails(account="Stale loaf."),
        author="Sam",
        now=dt.datetime.now() - dt.timedelta(days=3),
    )
    dialog = open_dialog(qtbot, window)
    dialog.phone.setFocus()
    type_text(dialog.phone, "+44 (0)7700 900")
    qtbot.waitUntil(lambda: dialog.suggestion_list.isVisible())
    qtbot.keyClick(dialog.phone, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.suggestion_list, Qt.Key.Key_Return)
    assert dialog.name.text() == "Siobhán O'Neill"
    assert dialog.phone.text() == "07700 900456"
