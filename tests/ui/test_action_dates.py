"""An agreed action's date, on the Resolve tab, comes from the shop's calendar."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox

from models import display, timeline
from models.calendar import ShopWeek, save_shop_week
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from models.resolution import actions, add_action
from tests.ui.keyboard import type_text
from ui import messages


def test_the_default_date_is_an_open_day_and_a_closed_one_is_asked_about(
    qtbot, window, monkeypatch
) -> None:
    today = dt.date.today()
    # Closed for the next ten days but one: the default (three days on) must skip them.
    open_day = today + dt.timedelta(days=8)
    closed = {today + dt.timedelta(days=n) for n in range(1, 11)} - {open_day}
    save_shop_week(ShopWeek(frozenset(), frozenset(closed)))
    log_complaint(
        CustomerDetails(name="Ana Souza"), ComplaintDetails(account="Torn strap."), author="Sam"
    )
    window.list_view.refresh()
    window.list_view.table.selectRow(0)
    resolve = window.detail.resolve
    assert resolve.due.date().toPython() == open_day

    asked: list[str] = []
    replies = ["no", "yes"]

    def answer(box: QMessageBox):
        asked.append(box.text())
        yes = replies.pop(0) == "yes"
        return QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No

    monkeypatch.setattr(messages, "show_box", answer)
    holiday = today + dt.timedelta(days=4)
    resolve.due.setDate(QDate(holiday))
    type_text(resolve.what, "ring about the strap")
    qtbot.mouseClick(resolve.add_action, Qt.MouseButton.LeftButton)
    assert "the shop is closed" in asked[0]
    assert actions(window.detail.complaint_id) == []
    qtbot.mouseClick(resolve.add_action, Qt.MouseButton.LeftButton)
    assert [a.due_on for a in actions(window.detail.complaint_id)] == [holiday]


def test_an_agreed_action_reads_its_day_as_the_app_writes_days(qtbot, window) -> None:
    log_complaint(
        CustomerDetails(name="Ana Souza"), ComplaintDetails(account="Torn strap."), author="Sam"
    )
    window.list_view.refresh()
    window.list_view.table.selectRow(0)
    resolve = window.detail.resolve
    due = dt.date.today() + dt.timedelta(days=400)  # next year: the year is written
    add_action(window.detail.complaint_id, who="Sam", what="ring back", due_on=due, author="Sam")
    window.detail.show_complaint(window.detail.complaint_id)
    shown = resolve.actions.item(0).text()
    assert shown == f"Sam will ring back by {display.day(due)}"
    assert f" {due.day} " in shown  # never a zero-padded day
    entry = timeline.entries(window.detail.complaint_id)[-1]
    assert entry.text.endswith(f"by {display.day_with_year(due)}.")


def test_an_action_typed_with_a_capital_reads_as_a_sentence(qtbot, window) -> None:
    from models.morning_list import for_complaint

    open_first(window)
    resolve = window.detail.resolve
    resolve.who.lineEdit().selectAll()  # over the name offered
    type_text(resolve.who.lineEdit(), "Gwen")
    type_text(resolve.what, "Refund the £34.99 to her card")
    qtbot.mouseClick(resolve.add_action, Qt.MouseButton.LeftButton)
    shown = resolve.actions.item(0).text() if resolve.actions.count() else "(none)"
    assert shown.startswith("Gwen will refund the £34.99 to her card"), shown
    complaint_id = window.detail.complaint_id
    agreed = [e.text for e in timeline.entries(complaint_id) if "Gwen" in e.text]
    assert agreed and agreed[-1].startswith("Agreed: Gwen will refund the £34.99")
    due = [item for item in for_complaint(complaint_id) if item.kind == "action"]
    assert "Gwen will refund the £34.99" in due[0].what
    type_text(resolve.what, "USB cable to be posted")  # a word in capitals stays
    qtbot.mouseClick(resolve.add_action, Qt.MouseButton.LeftButton)
    assert any(
        resolve.actions.item(n).text().startswith("Gwen will USB cable")
        for n in range(resolve.actions.count())
    )


def open_first(window) -> None:
    log_complaint(
        CustomerDetails(name="Ana Souza"), ComplaintDetails(account="Torn strap."), author="Sam"
    )
    window.list_view.refresh()
    window.list_view.table.selectRow(0)


def type_over(qtbot, box, text: str) -> None:
    """Select what the box shows and type over it, as a person does."""
    box.setFocus()
    box.edit.selectAll()
    qtbot.keyClicks(box.edit, text)


def test_a_whole_date_typed_over_the_box_is_the_day_saved(qtbot, window) -> None:
    open_first(window)
    resolve = window.detail.resolve
    type_over(qtbot, resolve.due, "Mon 11 Jan 2027")
    qtbot.keyClick(resolve.due.edit, Qt.Key.Key_Tab)
    assert resolve.due.text() == "Mon 11 Jan 2027"
    type_text(resolve.what, "ring about the strap")
    qtbot.keyClick(resolve.what, Qt.Key.Key_Return)
    assert [a.due_on for a in actions(window.detail.complaint_id)] == [dt.date(2027, 1, 11)]

    type_over(qtbot, resolve.due, "12/1/2027")
    type_text(resolve.what, "send the new strap")
    qtbot.mouseClick(resolve.add_action, Qt.MouseButton.LeftButton)
    assert dt.date(2027, 1, 12) in [a.due_on for a in actions(window.detail.complaint_id)]


def test_a_weekday_that_does_not_match_the_date_is_said_and_nothing_added(qtbot, window) -> None:
    open_first(window)
    resolve = window.detail.resolve
    type_over(qtbot, resolve.due, "Tue 11 Jan 2027")
    type_text(resolve.what, "ring about the strap")
    qtbot.mouseClick(resolve.add_action, Qt.MouseButton.LeftButton)
    assert actions(window.detail.complaint_id) == []
    assert resolve.action_error.text() == "11 Jan 2027 is a Monday, not a Tuesday."
    assert resolve.due.text() == "Tue 11 Jan 2027"  # kept as typed, to be put right
    assert resolve.what.text() == "ring about the strap"

    type_over(qtbot, resolve.due, "Mon 11 Jan 2027")
    qtbot.mouseClick(resolve.add_action, Qt.MouseButton.LeftButton)
    assert [a.due_on for a in actions(window.detail.complaint_id)] == [dt.date(2027, 1, 11)]


def test_up_and_down_move_the_day_and_words_are_read(qtbot, window) -> None:
    # Open every day: on a Friday "tomorrow" would be a closed Saturday, and asked about.
    save_shop_week(ShopWeek(frozenset(), frozenset()))
    open_first(window)
    due = window.detail.resolve.due
    type_over(qtbot, due, "tomorrow")
    qtbot.keyClick(due.edit, Qt.Key.Key_Return)
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    assert due.text() == display.day_with_year(tomorrow)
    qtbot.keyClick(due.edit, Qt.Key.Key_Up)
    assert due.date().toPython() == tomorrow + dt.timedelta(days=1)
    assert due.text() == display.day_with_year(tomorrow + dt.timedelta(days=1))


def open_preferences(qtbot, window):
    from ui.preferences_dialog import PreferencesDialog

    dialog = PreferencesDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_enter_on_a_date_that_is_not_a_day_does_not_press_the_dialogs_button(qtbot, window):
    dialog = open_preferences(qtbot, window)
    type_over(qtbot, dialog.holiday, "31 Feb")
    qtbot.keyClick(dialog.holiday.edit, Qt.Key.Key_Return)
    assert dialog.isVisible()  # not saved and closed with the day before in the box
    assert dialog.holiday.problem() == "There is no such day as 31 Feb."


def test_enter_on_a_closed_day_adds_it_rather_than_closing_the_preferences(qtbot, window):
    dialog = open_preferences(qtbot, window)
    type_over(qtbot, dialog.holiday, "25/12/2026")
    qtbot.keyClick(dialog.holiday.edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dt.date(2026, 12, 25) in dialog.closed_dates()


def test_enter_in_the_date_box_adds_the_action(qtbot, window) -> None:
    open_first(window)
    resolve = window.detail.resolve
    type_text(resolve.what, "ring about the strap")
    type_over(qtbot, resolve.due, "Wed 13 Jan 2027")
    qtbot.keyClick(resolve.due.edit, Qt.Key.Key_Return)
    assert [a.due_on for a in actions(window.detail.complaint_id)] == [dt.date(2027, 1, 13)]


def test_a_day_to_move_to_can_be_typed(qtbot, window) -> None:
    from PySide6.QtWidgets import QDialog

    from ui.pick_date_dialog import PickDateDialog

    dialog = PickDateDialog("Snooze until", dt.date(2026, 12, 3), window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.typed.edit
    dialog.typed.edit.selectAll()
    qtbot.keyClicks(dialog.typed.edit, "Fri 11 Dec 2026")
    assert dialog.calendar.selectedDate().toPython() != dt.date(2026, 12, 11)  # not yet read
    qtbot.keyClick(dialog.typed.edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.date() == dt.date(2026, 12, 11)


def test_the_day_to_move_to_is_asked_under_a_title_that_reads_whole(qtbot, window) -> None:
    """The title bar read "Snooze until ... mplaint Desk"."""
    from PySide6.QtGui import QGuiApplication

    from tests.ui.windows import title_bar_needs
    from ui.pick_date_dialog import PickDateDialog

    named = QGuiApplication.applicationDisplayName()
    QGuiApplication.setApplicationDisplayName("Complaint Desk")  # as the app names itself
    try:
        dialog = PickDateDialog("Snooze until", dt.date(2026, 12, 3), window)
    finally:
        QGuiApplication.setApplicationDisplayName(named)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() >= title_bar_needs(dialog, "Snooze until — Complaint Desk")


def test_a_follow_up_is_not_moved_to_a_day_that_has_passed(qtbot, window) -> None:
    """Snooze took "1 Dec" on the 3rd without a word: due two days before."""
    from PySide6.QtWidgets import QDialog

    from ui.pick_date_dialog import PickDateDialog

    today = dt.date(2026, 12, 3)
    dialog = PickDateDialog("Snooze until", dt.date(2026, 12, 8), window, earliest=today)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.typed.edit.selectAll()
    qtbot.keyClicks(dialog.typed.edit, "Tue 1 Dec 2026")
    qtbot.keyClick(dialog.typed.edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert "Tue 1 Dec 2026 has passed" in dialog.day_note.text()
    dialog.typed.edit.selectAll()
    qtbot.keyClicks(dialog.typed.edit, "Fri 11 Dec 2026")
    qtbot.keyClick(dialog.typed.edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.date() == dt.date(2026, 12, 11)


def test_a_past_day_is_not_added_as_a_closed_day(qtbot, window, monkeypatch) -> None:
    from ui import messages

    warned: list[str] = []
    monkeypatch.setattr(messages, "warn", lambda _p, _t, text: warned.append(text))
    dialog = open_preferences(qtbot, window)
    type_over(qtbot, dialog.holiday, "yesterday")
    qtbot.keyClick(dialog.holiday.edit, Qt.Key.Key_Return)
    yesterday = dt.date.today() - dt.timedelta(days=1)
    assert yesterday not in dialog.closed_dates()
    assert warned == [
        f"{display.day_with_year(yesterday)} is past: a closed day changes only days ahead."
    ]


def test_enter_on_the_add_button_tabbed_to_adds_the_action(qtbot, window) -> None:
    open_first(window)
    window.activateWindow()
    resolve = window.detail.resolve
    type_text(resolve.what, "ring about the strap")
    resolve.add_action.setFocus()
    qtbot.keyClick(resolve.add_action, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: actions(window.detail.complaint_id) != [])
    assert [a.what for a in actions(window.detail.complaint_id)] == ["ring about the strap"]


def test_the_preferences_counts_agree_with_their_numbers(qtbot, window) -> None:
    """Stepped down to one, the boxes read "1 days after the last agreed action" and
    "1 daily backups"."""
    dialog = open_preferences(qtbot, window)
    for box in (dialog.days, dialog.keep_backups):
        box.setFocus()
        box.selectAll()
        qtbot.keyClicks(box, "1")
    assert dialog.days.text() == "1 day after the last agreed action"
    assert dialog.keep_backups.text() == "1 daily backup"
    qtbot.keyClick(dialog.days, Qt.Key.Key_Up)
    assert dialog.days.text() == "2 days after the last agreed action"
