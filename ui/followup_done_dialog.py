"""Done: record how a follow-up went. A satisfaction check asks whether the
customer is satisfied, not satisfied, or could not be reached."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from models import display, followups
from models.complaints import add_note
from models.errors import AlreadyClosed, ComplaintDeskError, ValidationError
from models.morning_list import FollowUpItem
from models.settings import user_name
from ui import messages
from ui.field_error import FieldError
from ui.focus_marks import choice_shows_focus
from ui.keys import ctrl_enter_anywhere
from ui.wording_check import CheckedTextEdit, WordingBanner

# What the note box asks for, by kind of follow-up: its hint and its name.
NOTE_HINTS = {
    followups.SATISFACTION: (
        "What they said (needed when they are not satisfied)",
        "What they said",
    ),
    followups.ACKNOWLEDGE: (
        "How you acknowledged it, if worth noting: by phone, email or letter",
        "How you acknowledged it",
    ),
    followups.RESPOND: ("What you agreed with them, if worth noting", "What you agreed"),
    followups.PROGRESS: ("What you told them about progress", "What you told them"),
    followups.OTHER: ("A note on what was done, if worth noting", "A note on what was done"),
}
# The note's hint once "Could not reach them" is chosen, whatever the follow-up.
NOT_REACHED_HINT = ("How you tried: rang at 10:15, left a voicemail", "How you tried to reach them")


class FollowUpDoneDialog(QDialog):
    def __init__(self, item: FollowUpItem, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.today = today
        self.setObjectName("followup_done_dialog")
        self.setWindowTitle(f"{item.reference}: {item.kind_label}")
        self.item = item
        heading = QLabel(
            f"{display.isolated_joined(item.customer, item.phone)}\n{item.what}".strip()
        )
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        self.outcomes = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        retry_on = display.day(followups.retry_day(today, item.due_on), today)
        retry = f"&Could not reach them: try again on {retry_on}"
        choices = (
            (followups.SATISFIED, "&Satisfied"),
            (followups.NOT_SATISFIED, "&Not satisfied: back to Resolve"),
            (followups.COULD_NOT_REACH, retry),
        )
        if item.kind == followups.ACTION:  # a promise kept or not: no call to make
            choices = ((followups.DONE_OUTCOME, "&Done"),)
        elif item.kind != followups.SATISFACTION:
            choices = ((followups.DONE_OUTCOME, "&Done"), (followups.COULD_NOT_REACH, retry))
        self.buttons: dict[str, QRadioButton] = {}
        for number, (key, label) in enumerate(choices):
            button = QRadioButton(label, objectName=f"outcome_{key}")
            choice_shows_focus(button)
            self.outcomes.addButton(button, number)
            self.buttons[key] = button
            layout.addWidget(button)
        # What the customer said is never assumed: a satisfaction check waits for
        # one of its outcomes to be chosen (a pre-chosen "Satisfied" recorded a
        # customer as happy who was never asked). Other follow-ups start at Done.
        self.needs_choice = item.kind == followups.SATISFACTION
        if not self.needs_choice:
            next(iter(self.buttons.values())).setChecked(True)
        self.outcomes.buttonClicked.connect(lambda *_a: self.error.dismiss())
        from models.facts import fault_is_ours

        # What goes on the complaint's file is checked as everywhere else.
        self.note = CheckedTextEdit(
            fault_is_ours=lambda: fault_is_ours(item.complaint_id), record=True
        )
        self.note.setObjectName("outcome_note")
        hint, name = NOTE_HINTS.get(item.kind, NOTE_HINTS[followups.OTHER])
        self.note.setPlaceholderText(hint)
        self.note.setAccessibleName(name)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 4 + 14)
        self.error = FieldError("outcome")
        layout.addWidget(self.note)
        self.banner = WordingBanner(self.note)
        layout.addWidget(self.banner)
        # Two warnings take more lines than one: the dialog grows to read them whole.
        self.note.findings_changed.connect(lambda *_a: QTimer.singleShot(0, self._fit_height))
        self.setMinimumWidth(560)  # a wording warning reads whole in its four lines
        # Ctrl+Enter gives OK from the note and from an outcome chosen by its letter.
        ctrl_enter_anywhere(self, self.accept, [self.note])
        layout.addWidget(self.error)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        # Typing goes into the note at once (Alt and the underlined letter picks
        # the outcome): before, the first words typed went nowhere. An outcome
        # chosen gives the keyboard back to the note, with the hint for that outcome.
        self._hint = (hint, name)
        self.outcomes.buttonClicked.connect(self._on_outcome_chosen)
        self.note.setFocus()

    def _on_outcome_chosen(self, *_args: object) -> None:
        hint, name = NOT_REACHED_HINT if self.outcome() == followups.COULD_NOT_REACH else self._hint
        self.note.setPlaceholderText(hint)
        self.note.setAccessibleName(name)
        self.note.setFocus()

    def outcome(self) -> str:
        """The outcome chosen; "" while none is."""
        return next((key for key, button in self.buttons.items() if button.isChecked()), "")

    def set_outcome(self, key: str) -> None:
        self.buttons[key].setChecked(True)

    def reject(self) -> None:
        """Escape or Cancel with a note typed asks first."""
        if not messages.may_drop_typing(self, self.note.toPlainText()):
            self.note.setFocus()
            return
        super().reject()

    def accept(self) -> None:
        """Record the outcome; on a problem say what it is and stay open."""
        self.error.clear_message()
        if not self.outcome():
            self.error.show_message(
                "Choose what the customer said: satisfied, not satisfied, or that you "
                "could not reach them (Alt and the underlined letter)."
            )
            next(iter(self.buttons.values())).setFocus()
            return
        try:
            followups.complete(
                self.item.id, self.outcome(), author=user_name(),
                note=self.note.toPlainText(), today=self.today,
            )  # fmt: skip
        except AlreadyClosed as exc:
            if self._kept_as_a_note(str(exc)):
                super().accept()
            else:
                self.error.show_message(str(exc))
            return
        except ValidationError as exc:
            self.error.show_message(" ".join(exc.problems.values()))
            return
        except ComplaintDeskError as exc:
            messages.not_saved(self, "Not saved", exc)
            return
        super().accept()

    def _kept_as_a_note(self, closed: str) -> bool:
        """Closed at another counter meanwhile: what was typed is offered to the
        complaint as a note rather than thrown away (True once it is added)."""
        typed = self.note.toPlainText().strip()
        if not typed:
            return False
        asked = f"{closed}\n\nAdd what you typed to {self.item.reference} as a note?"
        if not messages.offer_to_keep(self, "Already closed", asked):
            return False
        try:
            add_note(self.item.complaint_id, typed, author=user_name())
        except ComplaintDeskError as exc:
            messages.not_saved(self, "Not saved", exc, "What you typed is still here.")
            return False
        return True

    def _fit_height(self) -> None:
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            needed = layout.totalHeightForWidth(self.width())
            if needed > self.height():
                self.resize(self.width(), needed)
