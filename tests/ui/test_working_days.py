"""Dates in the window come from the shop's calendar: snoozes, picked dates, a new
follow-up's default, closing a day later, a progress call; and the dialogs fit.

The shop is closed on Saturdays and Sundays, and on Monday 16 March 2026.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPushButton,
    QTableView,
    QWidget,
)

from models import deadline_policy, followups, morning_list, timeline
from models.calendar import ShopWeek, save_shop_week, shop_week
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from models.settings import set_user_name
from tests.ui.test_followups import saying
from ui import messages, note_dialog
from ui.followup_done_dialog import FollowUpDoneDialog
from ui.main_window import MainWindow
from ui.pick_date_dialog import PickDateDialog
from ui.preferences_dialog import PreferencesDialog

TODAY = dt.date(2026, 3, 13)  # a Friday
SATURDAY = dt.date(2026, 3, 14)
HOLIDAY = dt.date(2026, 3, 16)  # a Monday
TUESDAY = dt.date(2026, 3, 17)
THURSDAY, FRIDAY = dt.date(2026, 3, 19), dt.date(2026, 3, 20)
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def answers(monkeypatch):
    """Answer message boxes from a list ("yes"/"no"; Yes when it runs out); record texts."""
    asked: list[str] = []
    queue: list[str] = []

    def answer(box: QMessageBox):
        asked.append(box.text())
        if box.standardButtons() & QMessageBox.StandardButton.Yes:
            yes = not queue or queue.pop(0) == "yes"
            return QMessageBox.StandardButton.Yes if yes else QMessageBox.StandardButton.No
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(messages, "show_box", answer)
    return asked, queue


def log(name: str = "Ana Souza"):
    at = dt.datetime.combine(TODAY, dt.time(10, 0))
    return log_complaint(
        CustomerDetails(name=name, phone="07700 900123"),
        ComplaintDetails(account="The strap broke.", received_at=at, handler="Sam"),
        author="Sam",
        now=at,
    )


@pytest.fixture
def shop(db, qtbot):
    set_user_name("Sam")
    save_shop_week(ShopWeek(frozenset({5, 6}), frozenset({HOLIDAY})))
    complaint = log()  # acknowledge today; agree a fix by Thu 19 (the Monday is a holiday)
    window = MainWindow(data_folder=str(db.parent), today=lambda: TODAY)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    return window, complaint


def follow_up(complaint_id: int, kind: str) -> morning_list.FollowUpItem:
    return next(f for f in morning_list.for_complaint(complaint_id) if f.kind == kind)


def cell(calendar: QCalendarWidget, day: dt.date):
    """The calendar's cell showing ``day`` (a day from 8 to 22, shown once a month)."""
    calendar.setCurrentPage(day.year, day.month)
    view = calendar.findChild(QTableView)
    model = view.model()
    first = int(
        calendar.verticalHeaderFormat() != QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader
    )
    return next(
        model.index(row, column)
        for row in range(model.rowCount())
        for column in range(first, model.columnCount())
        if model.index(row, column).data() == day.day  # headers are text
    )


def assert_closed_days_shown(calendar: QCalendarWidget) -> None:
    saturday, holiday, friday = (cell(calendar, d) for d in (SATURDAY, HOLIDAY, TODAY))
    assert saturday.data(Qt.ItemDataRole.ToolTipRole) == "The shop is closed on Saturdays"
    assert holiday.data(Qt.ItemDataRole.ToolTipRole) == "Holiday: the shop is closed"
    assert not friday.data(Qt.ItemDataRole.ToolTipRole)
    open_colour = friday.data(Qt.ItemDataRole.BackgroundRole)
    assert saturday.data(Qt.ItemDataRole.BackgroundRole) != open_colour
    assert holiday.data(Qt.ItemDataRole.BackgroundRole) != open_colour


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")  # a menu
def test_the_snooze_menu_offers_each_day_once(shop, qtbot) -> None:
    """On a Friday a day and three days later both land on Tuesday (the weekend and
    the Monday holiday are closed): the menu offers Tuesday once, and a week later."""
    window, complaint = shop
    view = window.followups
    window.show_followups()
    assert view.select(follow_up(complaint.id, "acknowledge").id)
    qtbot.keyClick(view.tree, Qt.Key.Key_S)
    qtbot.waitUntil(view.snooze_menu.isVisible)
    offered = [a.text() for a in view.snooze_menu.actions() if a.isVisible()]
    assert offered == ["A day later: Tue 17 Mar", "A week later: Fri 20 Mar", "Pick a date…"]
    view.snooze_menu.close()


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")  # a menu
@pytest.mark.parametrize("how", ["tomorrow"])
def test_snoozing_from_the_menu_lands_on_the_next_open_day(shop, qtbot, how) -> None:
    window, complaint = shop
    view = window.followups
    window.show_followups()
    acknowledge = follow_up(complaint.id, "acknowledge")
    assert view.select(acknowledge.id)
    qtbot.keyClick(view.tree, Qt.Key.Key_S)
    qtbot.waitUntil(view.snooze_menu.isVisible)
    action = view.snooze_actions[how]
    qtbot.mouseClick(view.snooze_menu, LEFT, pos=view.snooze_menu.actionGeometry(action).center())
    assert follow_up(complaint.id, "acknowledge").due_on == TUESDAY
    assert action.text().endswith(": Tue 17 Mar")  # the menu said which day (this year: no year)
    assert "Fri 13 Mar 2026 → Tue 17 Mar 2026" in timeline.entries(complaint.id)[-1].text


def test_a_picked_closed_day_is_named_and_used_only_when_agreed(
    shop, qtbot, monkeypatch, answers
) -> None:
    window, complaint = shop
    asked, queue = answers
    view = window.followups
    window.show_followups()
    assert view.select(follow_up(complaint.id, "acknowledge").id)
    seen: list[str] = []

    def pick(dialog: PickDateDialog) -> int:
        qtbot.addWidget(dialog)
        assert dialog.date() == TODAY  # proposed: due today, and the shop is open
        assert_closed_days_shown(dialog.calendar)
        assert "Grey days: the shop is closed" in dialog.findChild(QWidget, "closed_legend").text()
        dialog.calendar.setSelectedDate(QDate(SATURDAY))
        seen.append(dialog.day_note.text())
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        queue.append("no")
        qtbot.mouseClick(ok, LEFT)
        assert dialog.result() != QDialog.DialogCode.Accepted  # still choosing
        qtbot.mouseClick(ok, LEFT)  # yes, that day anyway
        return dialog.result()

    monkeypatch.setattr(PickDateDialog, "exec", pick)
    view.snooze_actions["pick"].trigger()
    assert seen == ["Saturday 14 March: the shop is closed."]
    assert asked == ["Saturday 14 March: the shop is closed. Use this day anyway?"] * 2
    assert follow_up(complaint.id, "acknowledge").due_on == SATURDAY


def test_could_not_reach_tries_again_on_the_next_open_day(shop, qtbot, monkeypatch) -> None:
    window, complaint = shop
    view = window.followups
    window.show_followups()
    assert view.select(follow_up(complaint.id, "acknowledge").id)
    labels: list[str] = []

    def could_not_reach(dialog: FollowUpDoneDialog) -> int:
        qtbot.addWidget(dialog)
        button = dialog.buttons["could_not_reach"]
        labels.append(button.text())
        # On its round mark: a dialog wider than the label leaves the middle empty.
        qtbot.mouseClick(button, LEFT, pos=QPoint(8, button.height() // 2))
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, LEFT)
        return dialog.result()

    monkeypatch.setattr(FollowUpDoneDialog, "exec", could_not_reach)
    qtbot.keyClick(view.tree, Qt.Key.Key_D)
    assert labels == ["&Could not reach them: try again on Tue 17 Mar"]
    acknowledge = follow_up(complaint.id, "acknowledge")
    assert (acknowledge.status, acknowledge.due_on) == ("pending", TUESDAY)


def test_a_new_follow_up_is_proposed_for_the_next_open_day(shop, qtbot, answers) -> None:
    window, complaint = shop
    asked, queue = answers
    window.open_complaint(complaint.id)
    detail = window.detail
    detail.tabs.setCurrentIndex(detail.FOLLOWUPS_TAB)
    panel = detail.followups
    assert panel.due.date().toPython() == TUESDAY  # Sat, Sun closed; Mon a holiday
    assert_closed_days_shown(panel.due.calendarWidget())
    add = panel.findChild(QPushButton, "add_followup")

    qtbot.keyClicks(panel.what, "Ring to say the strap has come in")
    qtbot.mouseClick(add, LEFT)
    assert follow_up(complaint.id, "progress").due_on == TUESDAY
    assert asked == []  # an open day: no question

    qtbot.keyClicks(panel.what, "Ring again")
    panel.due.setDate(QDate(HOLIDAY))
    queue.append("no")
    qtbot.mouseClick(add, LEFT)
    assert asked[-1] == "Monday 16 March: the shop is closed. Use this day anyway?"
    assert panel.what.text() == "Ring again"  # nothing lost
    assert len([f for f in morning_list.for_complaint(complaint.id) if f.kind == "progress"]) == 1
    qtbot.mouseClick(add, LEFT)
    assert any(
        f.what == "Ring again" and f.due_on == HOLIDAY
        for f in morning_list.for_complaint(complaint.id)
    )


def test_moving_a_follow_up_to_a_closed_day_by_editing_it_asks_first(shop, qtbot, answers) -> None:
    window, complaint = shop
    asked, _queue = answers
    window.open_complaint(complaint.id)
    panel = window.detail.followups
    respond = follow_up(complaint.id, "respond")
    panel.list.setCurrentRow(
        next(r for r in range(panel.list.count()) if panel.list.item(r).text().startswith("Thu"))
    )
    qtbot.mouseClick(panel.edit_button, LEFT)
    panel.due.setDate(QDate(SATURDAY))
    qtbot.mouseClick(panel.add, LEFT)  # now labelled Save
    assert asked == ["Saturday 14 March: the shop is closed. Use this day anyway?"]
    assert follow_up(complaint.id, "respond").due_on == SATURDAY
    # Changing only the words of a follow-up already on a closed day asks nothing.
    panel.list.setCurrentRow(
        next(r for r in range(panel.list.count()) if panel.list.item(r).text().startswith("Sat"))
    )
    qtbot.mouseClick(panel.edit_button, LEFT)
    panel.what.setText("Agree a fix, by phone")
    qtbot.mouseClick(panel.add, LEFT)
    assert len(asked) == 1
    assert follow_up(complaint.id, "respond").what == "Agree a fix, by phone"
    assert respond.id == follow_up(complaint.id, "respond").id


def test_closing_a_day_later_says_what_moves_before_saving(shop, qtbot, answers) -> None:
    window, complaint = shop
    asked, queue = answers
    respond = follow_up(complaint.id, "respond")
    assert respond.due_on == THURSDAY
    dialog = PreferencesDialog(window, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.moves_note.text() == ""
    assert_closed_days_shown(dialog.holiday.calendarWidget())
    dialog.holiday.setDate(QDate(THURSDAY))
    qtbot.mouseClick(dialog.findChild(QPushButton, "add_closed_date"), LEFT)
    assert dialog.moves_note.text().startswith("1 pending follow-up falls on the days you")
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)

    queue.append("no")
    qtbot.mouseClick(save, LEFT)
    assert "1 pending follow-up is due on days the shop will now be closed" in asked[-1]
    assert f"{complaint.reference} Agree a fix with the customer: Thu 19 Mar 2026 → " in asked[-1]
    assert dialog.isVisible() and THURSDAY not in shop_week().closed_dates  # nothing saved
    assert follow_up(complaint.id, "respond").due_on == THURSDAY

    qtbot.mouseClick(save, LEFT)
    assert not dialog.isVisible()
    assert THURSDAY in shop_week().closed_dates
    assert follow_up(complaint.id, "respond").due_on == FRIDAY
    assert timeline.entries(complaint.id)[-1].text == (
        "Moved: Agree a fix with the customer, Thu 19 Mar 2026 → Fri 20 Mar 2026: "
        "the shop is now closed that day."
    )


def test_closing_a_weekday_is_previewed_as_it_is_ticked(shop, qtbot) -> None:
    window, _complaint = shop
    dialog = PreferencesDialog(window, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.findChild(QWidget, "closed_3").setChecked(True)  # Thursday
    assert dialog.moves_note.text().startswith("1 pending follow-up falls")
    dialog.findChild(QWidget, "closed_3").setChecked(False)
    assert dialog.moves_note.text() == ""


def test_a_progress_call_from_any_row_keeps_the_progress_report(db, qtbot, monkeypatch) -> None:
    set_user_name("Sam")
    deadline_policy.save_preferences("iso10002", 7)
    complaint = log()
    window = MainWindow(data_folder=str(db.parent), today=lambda: TODAY)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    view = window.followups
    window.show_followups()
    assert view.select(follow_up(complaint.id, "acknowledge").id)
    monkeypatch.setattr(note_dialog, "ask_note", saying("Told her it is on order."))
    qtbot.keyClick(view.tree, Qt.Key.Key_C)
    assert follow_up(complaint.id, "progress").status == "done"
    assert follow_up(complaint.id, "acknowledge").status == "pending"


def fits(dialog: QDialog) -> None:
    """At 1024x768 (less a title bar and a panel), the dialog fits with its buttons."""
    size = dialog.sizeHint().expandedTo(dialog.minimumSizeHint())
    assert size.width() <= 1024 and size.height() <= 768 - 80, size
    dialog.resize(size)
    dialog.show()
    box = dialog.findChild(QDialogButtonBox)
    for button in box.buttons():
        corner = button.mapTo(dialog, button.rect().bottomRight())
        assert button.isVisible() and dialog.rect().contains(corner)


def test_the_date_dialogs_fit_a_small_screen(shop, qtbot) -> None:
    window, complaint = shop
    for dialog in (
        PreferencesDialog(window, today=lambda: TODAY),
        PickDateDialog("Snooze until", TODAY, window),
        FollowUpDoneDialog(follow_up(complaint.id, "respond"), TODAY, window),
    ):
        qtbot.addWidget(dialog)
        fits(dialog)


def test_the_question_about_many_moves_fits_a_small_screen(shop, qtbot, monkeypatch) -> None:
    window, complaint = shop
    for number in range(12):
        followups.add_follow_up(
            complaint.id, kind="other", what=f"Ring back {number} " + "about the order " * 25,
            owner="", due_on=THURSDAY, author="Sam",
        )  # fmt: skip
    sizes: list[tuple[int, int, str]] = []

    def answer(box: QMessageBox):
        box.show()
        sizes.append((box.width(), box.height(), box.text()))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(messages, "show_box", answer)
    dialog = PreferencesDialog(window, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.findChild(QWidget, "closed_3").setChecked(True)  # Thursday
    assert not dialog.save()
    ((width, height, text),) = sizes
    assert "13 pending follow-ups are due" in text and "… and 7 more." in text
    assert width <= 1024 and height <= 768 - 80, (width, height)
    assert follow_up(complaint.id, "respond").due_on == THURSDAY  # said no: nothing moved


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")  # a menu
def test_a_snooze_never_brings_a_follow_up_forward(shop, qtbot) -> None:
    window, complaint = shop
    view = window.followups
    window.show_followups()
    later = follow_up(complaint.id, "respond")
    assert later.due_on > TODAY
    assert view.select(later.id)
    qtbot.keyClick(view.tree, Qt.Key.Key_S)
    qtbot.waitUntil(view.snooze_menu.isVisible)
    action = view.snooze_actions["tomorrow"]
    qtbot.mouseClick(view.snooze_menu, LEFT, pos=view.snooze_menu.actionGeometry(action).center())
    moved = follow_up(complaint.id, "respond").due_on
    assert moved > later.due_on
    assert shop_week().is_open(moved)


def test_a_day_closed_every_year_is_added_once_and_greyed_in_later_years(shop, qtbot) -> None:
    window, _complaint = shop
    dialog = PreferencesDialog(window, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.holiday.setFocus()
    dialog.holiday.edit.selectAll()
    qtbot.keyClicks(dialog.holiday.edit, "25 Dec 2026")
    qtbot.mouseClick(dialog.findChild(QWidget, "closed_every_year"), LEFT)
    qtbot.mouseClick(dialog.findChild(QPushButton, "add_closed_date"), LEFT)
    # The next day added is a one-off: the tick was for 25 December only.
    assert not dialog.findChild(QWidget, "closed_every_year").isChecked()
    dialog.holiday.edit.selectAll()
    qtbot.keyClicks(dialog.holiday.edit, "7 Dec 2026")
    qtbot.mouseClick(dialog.findChild(QPushButton, "add_closed_date"), LEFT)
    listed = dialog.findChild(QWidget, "closed_dates")
    assert [listed.item(row).text() for row in range(listed.count())] == [
        "Mon 16 Mar 2026", "Mon 7 Dec 2026", "25 December, every year"
    ]  # fmt: skip
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, LEFT)
    assert not dialog.isVisible()
    assert not shop_week().is_open(dt.date(2029, 12, 25))
    picker = PickDateDialog("Snooze until", dt.date(2028, 12, 1), window)
    qtbot.addWidget(picker)
    christmas = picker.calendar.dateTextFormat(QDate(2028, 12, 25))
    assert christmas.toolTip() == "The shop is closed on 25 December every year"


def test_tab_and_shift_tab_leave_the_closed_day_box(shop, qtbot) -> None:
    """The keyboard was held in Preferences' closed-day box: Tab and Shift+Tab
    went round to the same box."""
    from PySide6.QtWidgets import QApplication

    window, _complaint = shop
    dialog = PreferencesDialog(window, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    box = dialog.holiday
    for key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
        box.edit.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is box.edit)
        qtbot.keyClick(box.edit, key)
        now = QApplication.focusWidget()
        assert now is not None and now is not box.edit and not box.isAncestorOf(now), key


def test_a_closed_day_typed_but_not_added_is_not_dropped_by_save(shop, qtbot, monkeypatch) -> None:
    from ui import messages

    said: list[str] = []
    monkeypatch.setattr(messages, "show_box", lambda box: said.append(box.text()))
    window, _complaint = shop
    dialog = PreferencesDialog(window, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.holiday.edit.selectAll()
    qtbot.keyClicks(dialog.holiday.edit, "25 Dec 2026")
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, LEFT)
    assert dialog.isVisible()
    assert said and "25 Dec 2026" in said[-1] and "not added" in said[-1]
    assert shop_week().is_open(dt.date(2026, 12, 24))  # nothing saved meanwhile
    qtbot.mouseClick(dialog.findChild(QPushButton, "add_closed_date"), LEFT)
    qtbot.mouseClick(save, LEFT)
    assert not dialog.isVisible()
    assert not shop_week().is_open(dt.date(2026, 12, 25))


def test_saving_straight_after_adding_a_day_closed_every_year_asks_nothing(
    shop, qtbot, monkeypatch
) -> None:
    """26 December added as every year, then Save: the day still in the box was
    said to be "typed but not added" (the tick goes once a day is added)."""
    window, _complaint = shop
    warned = []
    monkeypatch.setattr(messages, "warn", lambda _p, _t, text: warned.append(text))
    dialog = PreferencesDialog(window, today=lambda: TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.holiday.setFocus()
    dialog.holiday.edit.selectAll()
    qtbot.keyClicks(dialog.holiday.edit, "26 Dec 2026")
    qtbot.mouseClick(dialog.findChild(QWidget, "closed_every_year"), LEFT)
    qtbot.mouseClick(dialog.findChild(QPushButton, "add_closed_date"), LEFT)
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, LEFT)
    assert warned == []
    assert not dialog.isVisible()
    assert not shop_week().is_open(dt.date(2030, 12, 26))
