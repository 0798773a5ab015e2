"""Pick a day from a calendar (for moving a follow-up), and the shop's closed days
shown on every calendar the app offers.

Closed weekdays and holidays are greyed, with a tooltip saying why; a closed day
picked by hand is used only after a warning that names it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from models import display, followups
from models.calendar import ShopWeek, closed_warning, shop_week
from ui import messages
from ui.day_box import DayBox
from ui.fit import name_inner_fields

CLOSED_TEXT = QColor("#8a8a8a")
CLOSED_BACKGROUND = QColor("#e4e4e4")
LEGEND = "Grey days: the shop is closed (hover a day to see why)."
WARNING_STYLE = "color: #9a5b00;"
YEARS_GREYED = 5  # days closed every year are greyed this many years after the one shown


def _closed_format(tooltip: str) -> QTextCharFormat:
    closed = QTextCharFormat()
    closed.setForeground(CLOSED_TEXT)
    closed.setBackground(CLOSED_BACKGROUND)
    closed.setToolTip(tooltip)
    return closed


def show_closed_days(calendar: QCalendarWidget, week: ShopWeek | None = None) -> None:
    """Grey the shop's closed weekdays and holidays on ``calendar``, each with a
    tooltip; open weekdays look like any other day (no red weekend when open)."""
    week = week if week is not None else shop_week()
    for number in range(7):
        day = Qt.DayOfWeek(number + 1)
        reference = dt.date(2024, 1, 1) + dt.timedelta(days=number)  # a Monday, then on
        if number in week.closed_weekdays:
            calendar.setWeekdayTextFormat(day, _closed_format(week.closed_reason(reference)))
        else:
            calendar.setWeekdayTextFormat(day, QTextCharFormat())
    calendar.setDateTextFormat(QDate(), QTextCharFormat())  # a null date clears them all
    shown = calendar.selectedDate().toPython()
    first = dt.date(shown.year - 1, 1, 1)
    for holiday in week.holidays_between(first, dt.date(shown.year + YEARS_GREYED, 12, 31)):
        calendar.setDateTextFormat(QDate(holiday), _closed_format(week.closed_reason(holiday)))
    calendar.setToolTip(LEGEND)


def use_closed_day(parent: QWidget | None, title: str, day: dt.date) -> bool:
    """True when ``day`` is open, or the owner agrees to use it though it is closed."""
    warning = closed_warning(day)
    if not warning:
        return True
    return messages.confirm(parent, title, f"{warning}. Use this day anyway?")


def move_past_deadlines(
    parent: QWidget | None, title: str, follow_up_id: int, day: dt.date, today: dt.date
) -> bool:
    """True when moving the follow-up to ``day`` keeps its complaint's steps in
    order, or the owner agrees to pass the deadlines it would pass."""
    passed = followups.deadlines_passed(follow_up_id, day)
    if not passed:
        return True
    listed = "\n".join(f"• {what}, due {display.day(due, today)}" for what, due in passed)
    return messages.confirm(
        parent,
        title,
        f"{display.day(day, today)} is after this complaint's"
        f" {'deadline' if len(passed) == 1 else 'deadlines'}:\n{listed}\n\n"
        "Move it there anyway? The customer may need to hear from you first.",
    )


class PickDateDialog(QDialog):
    def __init__(
        self,
        title: str,
        start: dt.date,
        parent: QWidget | None = None,
        *,
        earliest: dt.date | None = None,
    ) -> None:
        """``earliest``: no day before it can be chosen (a follow-up is not moved
        into the past)."""
        super().__init__(parent)
        self.earliest = earliest
        self.setObjectName("pick_date_dialog")
        self.setWindowTitle(title)
        self.week = shop_week()
        self.calendar = QCalendarWidget(objectName="calendar")
        self.calendar.setAccessibleName(title)
        self.calendar.setGridVisible(True)
        show_closed_days(self.calendar, self.week)
        legend = QLabel(LEGEND, objectName="closed_legend")
        legend.setWordWrap(True)
        self.day_note = QLabel(objectName="picked_day_note")
        self.day_note.setTextFormat(Qt.TextFormat.PlainText)
        self.day_note.setStyleSheet(WARNING_STYLE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # The day typed (10 Jan, next tue, 11/12) or picked below: each follows the other.
        self.typed = DayBox(QDate(start), objectName="picked_day")
        self.typed.setAccessibleName(f"{title}: the day")
        self.typed.pick.hide()  # the calendar is open below it
        self.calendar.activated.connect(self.accept)
        self.calendar.selectionChanged.connect(self._on_calendar_selection_changed)
        self.calendar.setSelectedDate(QDate(start))
        self.typed.dateChanged.connect(self.calendar.setSelectedDate)
        layout = QVBoxLayout(self)
        layout.addWidget(self.typed)
        layout.addWidget(self.calendar)
        layout.addWidget(legend)
        layout.addWidget(self.day_note)
        layout.addWidget(self.buttons)
        self._on_calendar_selection_changed()
        name_inner_fields(self)
        self.setMinimumWidth(messages.title_width(self))  # "Snooze until — Complaint Desk"
        self.typed.setFocus()  # type the day, or Up and Down, or Tab to the calendar

    def date(self) -> dt.date:
        return self.calendar.selectedDate().toPython()  # type: ignore[no-any-return]

    @Slot()
    def _on_calendar_selection_changed(self) -> None:
        self.typed.setDate(self.calendar.selectedDate())
        warning = closed_warning(self.date(), self.week)
        self.day_note.setText(f"{warning}." if warning else "")

    def accept(self) -> None:
        """A closed day is used only once the owner says so; else the calendar stays open.
        A day typed that is not one is said, and the dialog stays open."""
        if self.typed.problem():
            self.typed.show_problem()
            return
        typed = self.typed.date().toPython()
        if self.earliest is not None and typed < self.earliest:
            self.day_note.setText(
                f"{display.day_with_year(typed)} has passed: choose"
                f" {display.day_with_year(self.earliest)} or a day after it."
            )
            self.typed.edit.setFocus()
            return
        if use_closed_day(self, self.windowTitle(), self.date()):
            super().accept()
