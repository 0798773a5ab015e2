"""Preferences: who is at the counter, the deadline policy, when to check back,
the shop's closed days, and the data: how many backups to keep, the retention
rule, and where the log is kept (ui.log_place_section).

Closing more days says how many pending follow-ups fall on them before saving;
saving moves them to the next day the shop is open (models.calendar)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from models import backups, calendar, deadline_policy, display, retention, settings
from models.calendar import ShopWeek, shop_week
from models.errors import ComplaintDeskError, ValidationError
from models.text import shorten
from ui import messages
from ui.day_box import DayBox
from ui.fit import fit_to_screen, name_inner_fields, scrolled
from ui.keys import CancelAsks
from ui.log_place_section import LogPlaceSection, Reopen
from ui.person_box import PersonBox
from ui.pick_date_dialog import show_closed_days

MOVES_LISTED = 6


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


WEEKDAYS = calendar.WEEKDAY_NAMES


def _follow_ups(count: int) -> str:
    return display.count(count, "pending follow-up")


def said_with_count(box: QSpinBox, words: Callable[[int], str]) -> None:
    """The words after the number in ``box`` agree with it ("1 day", "3 days") as it
    changes."""
    box.setSuffix(words(box.value()))
    box.valueChanged.connect(lambda n: box.setSuffix(words(n)))


class PreferencesDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None = None,
        today: Callable[[], dt.date] = dt.date.today,
        given_by: str | None = None,
    ) -> None:
        """``given_by``: "--database" or the variable, when they chose where the log is."""
        super().__init__(parent)
        self._today = today
        # What saving asks the window to do about where the log is kept, if anything.
        self.reopen: Reopen | None = None
        self.setObjectName("preferences_dialog")
        self.setWindowTitle("Preferences")
        self._build_deadlines()
        add, remove = self._build_closed_days(today)
        form = self._shop_form()
        page, buttons = self._lay_out(form, given_by)
        add.clicked.connect(self._on_add_holiday_clicked)
        self.holiday.entered.connect(self._on_add_holiday_clicked)
        remove.clicked.connect(self._on_remove_holiday_clicked)
        self.policy.currentIndexChanged.connect(self._show_summary)
        for box in self.closed:
            box.toggled.connect(self._on_week_changed)
        self._show_summary()
        self._on_week_changed()
        name_inner_fields(self)
        self._cancel_asks = CancelAsks(self, "Discard your changes to the preferences?")
        wanted = page.sizeHint()
        fit_to_screen(self, wanted.width() + 60, wanted.height() + buttons.sizeHint().height() + 60)

    def _build_deadlines(self) -> None:
        """Who is at the counter, the deadline policy and the check back."""
        self.your_name = PersonBox("preferences_your_name", "Your name")
        self.your_name.setText(settings.user_name())
        self.your_name.setToolTip(
            "Who is at the counter: the name on the timeline, on the complaints you "
            "handle and under their letters"
        )
        self.policy = QComboBox(objectName="policy")
        self.policy.setAccessibleName("Deadline policy")
        for policy in deadline_policy.POLICIES.values():
            self.policy.addItem(policy.label, policy.key)
        self.policy.setCurrentIndex(max(0, self.policy.findData(deadline_policy.policy().key)))
        self.policy_summary = QLabel(objectName="policy_summary")
        self.policy_summary.setWordWrap(True)
        self.days = QSpinBox(objectName="check_back_days")
        self.days.setRange(1, 365)
        self.days.setValue(deadline_policy.satisfaction_days())
        said_with_count(
            self.days, lambda n: f" {display.plural(n, 'day')} after the last agreed action"
        )
        self.days.setAccessibleName("Check back after")

    def _build_closed_days(self, today: Callable[[], dt.date]) -> tuple[QPushButton, QPushButton]:
        """The days the shop is closed: each weekday, and other days; Add and Remove."""
        week = shop_week()
        self.closed: list[QCheckBox] = []
        self._closed_grid = grid = QGridLayout()
        for number, name in enumerate(WEEKDAYS):
            box = QCheckBox(name, objectName=f"closed_{number}")
            box.setChecked(number in week.closed_weekdays)
            self.closed.append(box)
            grid.addWidget(box, number // 4, number % 4)
        self.holidays = QListWidget(objectName="closed_dates")
        self.holidays.setAccessibleName("Other days the shop is closed")
        self.holidays.setMaximumHeight(110)
        self._show_holidays(week.closed_dates, week.closed_yearly)
        self.holiday = DayBox(QDate(today()), objectName="closed_date", keeps_enter=True)
        self.holiday.setAccessibleName("Another day the shop is closed")
        self._holiday_at_start = self.holiday.text()
        self.every_year = QCheckBox("&Every year", objectName="closed_every_year")
        self.every_year.setToolTip("Closed on this day every year, such as 25 December")
        add = QPushButton("&Add day", objectName="add_closed_date")
        remove = QPushButton("Re&move", objectName="remove_closed_date")
        holiday_row = QHBoxLayout()
        holiday_row.addWidget(self.holiday, 1)
        holiday_row.addWidget(self.every_year)
        holiday_row.addWidget(add)
        holiday_row.addWidget(remove)
        self._holiday_row = holiday_row
        return add, remove

    def _shop_form(self) -> QFormLayout:
        """The shop's part of the preferences, each under its label."""
        form = QFormLayout()
        form.addRow("&Your name", self.your_name)
        form.addRow("Deadline &policy", self.policy)
        form.addRow("", self.policy_summary)
        form.addRow("&Check back", self.days)
        form.addRow("Closed on", self._closed_grid)
        form.addRow("And on", self.holidays)
        form.addRow("", self._holiday_row)
        self.moves_note = QLabel(objectName="closing_moves")
        self.moves_note.setTextFormat(Qt.TextFormat.PlainText)
        self.moves_note.setWordWrap(True)
        self.moves_note.setStyleSheet("color: #9a5b00;")
        form.addRow("", self.moves_note)
        return form

    def _lay_out(self, form: QFormLayout, given_by: str | None) -> tuple[QWidget, QDialogButtonBox]:
        """The sections in a scrolled page, Save and Cancel under it."""
        note = QLabel("Deadlines and follow-ups skip the days the shop is closed.")
        note.setWordWrap(True)
        data_form = self._data_section()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Save")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(lambda: self._cancel_asks.cancel())
        # Everything but the buttons scrolls, so what appears later (a test's
        # result, a warning) never squeezes the rest, and Save stays in reach.
        page = QWidget(objectName="preferences_page")
        inner = QVBoxLayout(page)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(form)
        inner.addWidget(note)
        inner.addWidget(_heading("Your data"))
        inner.addLayout(data_form)
        inner.addWidget(_heading("Where the log is kept"))
        inner.addWidget(self._place_section(given_by))
        inner.addStretch(1)
        self._page = page
        layout = QVBoxLayout(self)
        scroll = scrolled(page, "preferences_scroll")
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)

        # What Test connection says is scrolled into view, not left below the edge:
        # the page laid out first, so its wrapped lines have their height.
        def show_result(_text: str) -> None:
            page.layout().activate()
            scroll.ensureWidgetVisible(self.log_place.result, 0, 8)

        self.log_place.tested.connect(show_result)
        return page, buttons

    def _data_section(self) -> QFormLayout:
        self.keep_backups = QSpinBox(objectName="backups_to_keep")
        self.keep_backups.setRange(1, 1000)
        self.keep_backups.setValue(backups.keep_count())
        said_with_count(self.keep_backups, lambda n: f" daily {display.plural(n, 'backup')}")
        self.keep_backups.setAccessibleName("Backups to keep")
        kept_years = retention.years()
        self.retention_on = QCheckBox(
            "Anonymise complaints closed more than", objectName="retention_on"
        )
        self.retention_on.setChecked(kept_years is not None)
        self.retention_years = QSpinBox(objectName="retention_years")
        self.retention_years.setRange(1, retention.MAX_YEARS)
        self.retention_years.setValue(kept_years or retention.SUGGESTED_YEARS)
        said_with_count(self.retention_years, lambda n: f" {display.plural(n, 'year')} ago")
        self.retention_years.setAccessibleName("Years to keep closed complaints with names")
        self.retention_preview = QLabel(objectName="retention_preview")
        self.retention_preview.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.retention_on)
        row.addWidget(self.retention_years)
        row.addStretch(1)
        form = QFormLayout()
        form.addRow("&Keep", self.keep_backups)
        form.addRow("Retention", row)
        form.addRow("", self.retention_preview)
        self.retention_on.toggled.connect(self._show_retention_preview)
        self.retention_years.valueChanged.connect(self._show_retention_preview)
        self._show_retention_preview()
        return form

    def _place_section(self, given_by: str | None) -> LogPlaceSection:
        from models.complaints import count_complaints
        from models.db import data_folder, server_address

        now_on = server_address()
        try:
            in_file = count_complaints() if now_on is None else 0
        except ComplaintDeskError:
            in_file = 0
        self.log_place = LogPlaceSection(data_folder(), now_on, given_by, in_file)
        return self.log_place

    def _confirm_retention(self, years: int | None) -> bool:
        due = retention.due_count(years) if years is not None else 0
        if not due:
            return True
        return messages.confirm(
            self,
            "Retention",
            f"{display.count(due, 'closed complaint')} will be anonymised now, and more as they "
            f"pass {display.count(years or 0, 'year')}. This cannot be undone (backups made "
            "before keep the details until they are rotated out). Go on?",
        )

    def retention_choice(self) -> int | None:
        return self.retention_years.value() if self.retention_on.isChecked() else None

    @Slot()
    def _show_retention_preview(self, *_args: object) -> None:
        years = self.retention_choice()
        self.retention_years.setEnabled(years is not None)
        if years is None:
            self.retention_preview.setText(
                "Off: closed complaints keep the customer's details until you erase them."
            )
            return
        try:
            count = retention.due_count(years)
        except ComplaintDeskError:
            count = 0
        self.retention_preview.setText(
            f"Checked each time Complaint Desk starts. Now it would anonymise "
            f"{display.count(count, 'complaint')}: names, contact details and words go; "
            "the figures stay."
        )

    def _add_holiday_item(self, day: dt.date | tuple[int, int]) -> None:
        """A holiday (a date), or a day closed every year ((month, day))."""
        if isinstance(day, tuple):
            shown = f"{calendar.yearly_day(*day)}, every year"
        else:
            shown = display.day_with_year(day)
        item = QListWidgetItem(shown)
        item.setData(Qt.ItemDataRole.UserRole, day)
        self.holidays.addItem(item)

    @Slot()
    def _show_summary(self, *_args: object) -> None:
        self.policy_summary.setText(deadline_policy.POLICIES[self.policy.currentData()].summary)

    @Slot()
    def _on_add_holiday_clicked(self) -> None:
        if self.holiday.problem():
            self.holiday.show_problem()
            return
        day = self.holiday.date().toPython()
        every_year = self.every_year.isChecked()
        if not every_year and day < self._today():  # a day every year comes round again
            messages.warn(
                self, "Not added",
                f"{display.day_with_year(day)} is past: a closed day changes only days ahead.",
            )  # fmt: skip
            return
        entry = (day.month, day.day) if every_year else day
        # Ticked for one day only: the next day added is a one-off unless ticked again.
        self.every_year.setChecked(False)
        if entry not in self._listed():
            self._add_holiday_item(entry)
            self._show_holidays(self.closed_dates(), self.closed_yearly())
            self._on_week_changed()

    def _show_holidays(self, days: Iterable[dt.date], yearly: Iterable[tuple[int, int]]) -> None:
        """List the holidays in date order, then the days closed every year."""
        self.holidays.clear()
        for day in sorted(days):
            self._add_holiday_item(day)
        for month_day in sorted(yearly):
            self._add_holiday_item(month_day)

    @Slot()
    def _on_remove_holiday_clicked(self) -> None:
        for item in self.holidays.selectedItems():
            self.holidays.takeItem(self.holidays.row(item))
        self._on_week_changed()

    def week_choice(self) -> ShopWeek:
        """The shop's week as ticked and listed in the dialog (not saved yet)."""
        closed = frozenset(n for n, box in enumerate(self.closed) if box.isChecked())
        return ShopWeek(closed, frozenset(self.closed_dates()), frozenset(self.closed_yearly()))

    @Slot()
    def _on_week_changed(self, *_args: object) -> None:
        """Grey the chosen closed days on the holiday calendar; say what would move."""
        week = self.week_choice()
        show_closed_days(self.holiday.calendarWidget(), week)
        try:
            moves = calendar.moves_for(week, self._today())
        except ComplaintDeskError:
            moves = []
        self.moves_note.setText(
            f"{_follow_ups(len(moves))} {'falls' if len(moves) == 1 else 'fall'} on the days you "
            "are closing: saving moves "
            "them to the next day the shop is open."
            if moves
            else ""
        )

    def _confirm_moves(self, moves: list[calendar.Move]) -> bool:
        if not moves:
            return True
        lines = [
            f"• {m.reference} {shorten(m.what, 60)}: {calendar.short_day(m.before)} → "
            f"{calendar.short_day(m.after)}"
            for m in moves[:MOVES_LISTED]
        ]
        if len(moves) > MOVES_LISTED:
            lines.append(f"… and {len(moves) - MOVES_LISTED} more.")
        return messages.confirm(
            self,
            "Closed days",
            f"{_follow_ups(len(moves))} {'are' if len(moves) != 1 else 'is'} due on days the "
            "shop will now be closed. Saving moves "
            f"{'them' if len(moves) != 1 else 'it'} to the next day the shop is open, noted "
            "on each complaint's timeline:\n" + "\n".join(lines) + "\n\nSave and move?",
        )

    def _listed(self) -> list[object]:
        return [
            self.holidays.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.holidays.count())
        ]

    def closed_dates(self) -> set[dt.date]:
        return {day for day in self._listed() if isinstance(day, dt.date)}

    def closed_yearly(self) -> set[tuple[int, int]]:
        """The days listed as closed every year, as (month, day)."""
        return {tuple(day) for day in self._listed() if isinstance(day, list | tuple)}

    def _place_can_change(self) -> bool:
        """Where the log is kept: unchanged, or a choice that can be kept and that the
        owner, told what applying it does, goes on with."""
        section = self.log_place
        if not section.changed():
            return True
        problem = section.problem()
        if problem:
            messages.warn(self, "Where the log is kept", problem)
            section.address.setFocus()
            return False
        if section.untried_with_a_log_to_copy():
            section.try_now()  # an empty server is offered this computer's log
        if not section.kept_though_it_failed(self):
            return False
        return messages.go_ahead(
            self, "Where the log is kept", section.reopen_question(section.plan())
        )

    def _closed_day_not_added(self) -> str:
        """A day typed in the closed-day box and never added ("" when none): Save
        pressed straight after typing it would drop it without a word."""
        typed = self.holiday.text().strip()
        if not typed or typed == self._holiday_at_start.strip() or self.holiday.problem():
            return ""
        day = self.holiday.date().toPython()
        listed = self._listed()
        # Listed either way it counts as added: the day, or every year on its date
        # (the "every year" tick goes once a day is added, the day stays typed).
        added = day in listed or (day.month, day.day) in listed
        return "" if added else display.day_with_year(day)

    @Slot()
    def save(self) -> bool:
        if left := self._closed_day_not_added():
            messages.warn(
                self, "Preferences",
                f"{left} is typed as a day the shop is closed, but not added: press Add day "
                "(or Enter in its box), or clear the box, then save.",
            )  # fmt: skip
            self.holiday.setFocus()
            return False
        week = self.week_choice()
        if len(week.closed_weekdays) == 7:
            messages.warn(self, "Preferences", "The shop has to be open on at least one day.")
            return False
        if not self._place_can_change():
            return False
        try:
            if self.your_name.text().strip() != settings.user_name():
                settings.set_user_name(self.your_name.text())
            years = self.retention_choice()
            if years != retention.years() and not self._confirm_retention(years):
                return False
            today = self._today()
            if not self._confirm_moves(calendar.moves_for(week, today)):
                return False
            deadline_policy.save_preferences(self.policy.currentData(), self.days.value())
            calendar.change_shop_week(week, author=settings.user_name(), today=today)
            settings.set_setting(backups.KEEP_SETTING, self.keep_backups.value())
            retention.set_years(years)
            self.reopen = self.log_place.keep()
        except ValidationError as exc:
            messages.warn(self, "Preferences", " ".join(exc.problems.values()))
            return False
        except ComplaintDeskError as exc:
            messages.not_saved(self, "Not saved", exc)
            return False
        self.accept()
        return True
