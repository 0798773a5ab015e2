"""Who is at the counter: asked on the first run, and from Edit > Your name. The
first run asks too which days the shop is closed, since every date the app
proposes skips them.

The name goes on the timeline, on the complaints this person handles, and
under the letters about them. Until one is given, nobody is named: the
computer's login name is never used."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from models import calendar, settings
from models.errors import ComplaintDeskError, ValidationError
from ui import messages
from ui.field_error import FieldError
from ui.person_box import PersonBox

FIRST_RUN = (
    "Welcome to Complaint Desk. Who is at the counter?\n\n"
    "Your name goes on the timeline beside what you do, on the complaints you handle, "
    "and under the letters about them. Someone else at the counter later? Change it in "
    "Edit > Preferences."
)
LATER = (
    "Your name goes on the timeline beside what you do, on the complaints you handle, "
    "and under the letters about them."
)


class YourNameDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, first_run: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("your_name_dialog")
        self.setWindowTitle("Who is at the counter?" if first_run else "Your name")
        self.setMinimumWidth(420)
        intro = QLabel(FIRST_RUN if first_run else LATER, objectName="your_name_intro")
        intro.setWordWrap(True)
        self.name = PersonBox("your_name", "Your name")
        self.name.setText(settings.user_name())
        self.name.lineEdit().setPlaceholderText("Your name, as customers should read it")
        self.error = FieldError("your_name")
        self.closed: list[QCheckBox] = []
        days = QGroupBox("Days the shop is closed")
        days.setToolTip("Dates the app proposes skip them; change them in Edit > Preferences")
        row = QHBoxLayout(days)
        week = calendar.shop_week()
        for number, name in enumerate(calendar.WEEKDAY_NAMES):
            box = QCheckBox(name[:3], objectName=f"first_closed_{number}")
            box.setAccessibleName(f"Closed on {name}")
            box.setChecked(number in week.closed_weekdays)
            self.closed.append(box)
            row.addWidget(box)
            box.toggled.connect(lambda _on: self.error.dismiss())
        # The shop's week is the shop's: once set (at another counter on the same
        # server, say) a counter's first run shows it rather than asking again.
        self._ask_days = first_run and not calendar.week_was_set()
        days.setVisible(self._ask_days)
        self.days_set = QLabel(objectName="closed_days_set")
        self.days_set.setWordWrap(True)
        if first_run and not self._ask_days:
            self.days_set.setText(
                f"{calendar.closed_days_said(week)} Change that in Edit > Preferences."
            )
        self.days_set.setVisible(bool(self.days_set.text()))
        self._first_run = first_run
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            "Save" if not first_run else "Start", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("save_your_name")
        later = buttons.addButton(
            "Later" if first_run else "Cancel", QDialogButtonBox.ButtonRole.RejectRole
        )
        later.setObjectName("your_name_later")
        if first_run:
            later.setToolTip("Nobody is named until you say: you are asked again next time")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.name)
        layout.addWidget(days)
        layout.addWidget(self.days_set)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.name.textChanged.connect(lambda _text: self.error.dismiss())
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def save(self) -> bool:
        """Keep the name; a name that could not be kept stays in the box."""
        closed = frozenset(n for n, box in enumerate(self.closed) if box.isChecked())
        if self._ask_days and len(closed) == len(self.closed):
            self.error.show_message("The shop has to be open on at least one day.")
            return False
        try:
            settings.set_user_name(self.name.text())
            week = calendar.shop_week()
            if self._ask_days and (closed != week.closed_weekdays or not calendar.week_was_set()):
                calendar.change_shop_week(
                    calendar.ShopWeek(closed, week.closed_dates, week.closed_yearly),
                    author=settings.user_name(),
                    today=dt.date.today(),
                )
        except ValidationError as exc:
            self.error.show_message(" ".join(exc.problems.values()))
            return False
        except ComplaintDeskError as exc:
            messages.not_saved(self, "Not saved", exc, "Your name is still in the box.")
            return False
        self.accept()
        return True
