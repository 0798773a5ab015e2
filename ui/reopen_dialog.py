"""Opening a closed complaint again: why (it goes on the timeline), and when and
by whom the customer is got back to, so the complaint is on the morning list."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from models import followups
from models.complaints import ComplaintRecord, reopen_complaint
from models.errors import ComplaintDeskError, ValidationError
from models.settings import user_name
from ui import messages
from ui.day_box import DayBox
from ui.field_error import FieldError
from ui.fit import name_inner_fields
from ui.keys import CancelAsks, ctrl_enter_anywhere
from ui.person_box import PersonBox
from ui.pick_date_dialog import use_closed_day
from ui.wording_check import CheckedTextEdit


class ReopenDialog(QDialog):
    """Reopens the closed complaint ``record`` once the owner says why."""

    def __init__(
        self, record: ComplaintRecord, parent: QWidget | None = None, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reopen_dialog")
        self.setWindowTitle(f"Reopen {record.reference}")
        self.record = record
        intro = QLabel(
            "Why is it open again? What you write goes on the timeline, and a follow-up "
            "puts the complaint on the morning list."
        )
        intro.setWordWrap(True)
        self.reason = CheckedTextEdit(record=True)
        self.reason.setObjectName("reopen_reason")
        self.reason.setAccessibleName("Why it is open again")
        self.reason.setPlaceholderText("e.g. She rang: the zip has broken again")
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 4 + 14)
        self.reason_error = FieldError("reopen_reason")
        self.reason.textChanged.connect(self.reason_error.dismiss)
        self.due = DayBox(objectName="reopen_follow_up_on")
        self.due.setAccessibleName("Get back to them by")
        self.due.setDate(QDate(followups.default_due(today or dt.date.today())))
        self.owner = PersonBox("reopen_owner", "Who gets back to them")
        self.owner.setText(record.details.handler or user_name())
        self.error = FieldError("reopen")
        form = QFormLayout()
        form.addRow("Get back to them &by", self.due)
        form.addRow("&Who", self.owner)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Reopen complaint")
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.reason)
        layout.addWidget(self.reason_error)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        name_inner_fields(self)
        ctrl_enter_anywhere(self, self.accept, [self.reason])
        self._cancel_asks = CancelAsks(self, "Discard what you typed?")
        buttons.rejected.connect(self._cancel_asks.cancel)
        self.reason.setFocus()

    def accept(self) -> None:
        """Reopen it; on a problem say so and stay open with everything typed."""
        self.error.clear_message()
        if self.due.problem():
            self.error.show_message(self.due.problem())
            self.due.setFocus()
            return
        due = self.due.date().toPython()
        # A day gone by is refused below in its own words: no closed-day question first.
        if due >= dt.date.today() and not use_closed_day(self, "Follow-up", due):
            self.due.setFocus()
            return
        try:
            reopen_complaint(
                self.record.id, reason=self.reason.toPlainText(), follow_up_on=due,
                owner=self.owner.text(), author=user_name(),
            )  # fmt: skip
        except ValidationError as exc:
            if "reason" in exc.problems:
                self.reason_error.show_message(exc.problems["reason"])
                self.reason.setFocus()
            others = [m for f, m in exc.problems.items() if f != "reason"]
            self.error.show_message(" ".join(others))
            if others and "reason" not in exc.problems:
                self.due.setFocus()
            return
        except ComplaintDeskError as exc:
            messages.not_saved(self, "Not reopened", exc)
            return
        super().accept()
