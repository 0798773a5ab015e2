"""Closing a complaint: what was learnt from it, when the customer has not been
asked whether the fix worked, why it can be closed anyway, and the promises
still to keep, which stay on the follow-ups list unless the owner says not."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from models import display, lessons
from models.complaints import ComplaintRecord
from models.edit_clash import EditClash, close_complaint
from models.errors import ComplaintDeskError, ValidationError
from models.followups import cancelled_on_closing, promises_pending, satisfaction_settled
from models.settings import user_name
from models.tables import FollowUp
from ui import messages
from ui.complaint_detail_clash import settle_clash
from ui.field_error import FieldError
from ui.fit import name_inner_fields
from ui.focus_marks import text_shows_focus
from ui.keys import ctrl_enter_anywhere
from ui.lessons_panel import LessonsForm


def _listed(heading: str, follow_ups: list[FollowUp], name: str) -> QLabel:
    """A label naming each follow-up and the day it is due, one a line."""
    label = QLabel(
        heading + "\n".join(f"• {f.what}, due {display.day(f.due_on)}" for f in follow_ups),
        objectName=name,
    )
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class CloseComplaintDialog(QDialog):
    """Closes the complaint ``seen`` (as the window shows it), starting from the
    cause and lesson ``typed`` on its Lessons tab, if any: closed at another
    counter meanwhile, or with its solution changed there, the person is asked
    first (see :mod:`models.edit_clash`)."""

    def __init__(
        self,
        seen: ComplaintRecord,
        parent: QWidget | None = None,
        typed: lessons.Learnt | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("close_complaint_dialog")
        self.setWindowTitle(f"Close {seen.reference}")
        self.complaint_id = seen.id
        self.seen = seen
        # The newer version the person chose to close over, and whether they chose
        # to see theirs instead (the window then shows it).
        self._save_over: ComplaintRecord | None = None
        self.loaded_theirs = False
        intro = QLabel("What went wrong, and what will change so it does not happen again?")
        intro.setWordWrap(True)
        self.form = LessonsForm()
        # What was typed on the Lessons tab and not saved yet, else what is saved.
        self.form.show_learning(typed if typed is not None else lessons.learnt_in(seen))
        self._opened_with = self.form.learnt()
        self.needs_reason = not satisfaction_settled(seen.id)
        self.reason = QPlainTextEdit(objectName="close_reason")
        text_shows_focus(self.reason)
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 3 + 14)
        self.reason.setPlaceholderText("Why it can be closed without asking the customer")
        self.reason.setAccessibleName("Why it can be closed without asking the customer")
        self.reason_error = FieldError("close_reason")
        self.reason.textChanged.connect(self.reason_error.dismiss)  # put right: it goes
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Close complaint")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        if self.needs_reason:
            note = QLabel(
                "The customer has not yet been asked whether the fix worked. To close it "
                "anyway, say why (this goes on the timeline):"
            )
            note.setWordWrap(True)
            layout.addWidget(note)
            layout.addWidget(self.reason)
            layout.addWidget(self.reason_error)
        else:
            self.reason.hide()
        # Promises still to keep (the £120 for Thursday, Lukas's call) are named, and
        # stay on the follow-ups list unless the owner says otherwise.
        promised = promises_pending(seen.id)
        self.keep_promises = QCheckBox(
            "Keep these on the follow-ups list:", objectName="keep_promises"
        )
        self.keep_promises.setChecked(self.needs_reason)
        self.promised = _listed("", promised, "promises_pending")
        if promised:
            layout.addWidget(self.keep_promises)
            layout.addWidget(self.promised)
        else:
            self.keep_promises.hide()
            self.promised.hide()
        # The complaint's own deadlines go with it: said, not done silently.
        ending = cancelled_on_closing(seen.id)
        self.cancelled = _listed(
            "Closing cancels the follow-ups still due:\n", ending, "cancelled_on_closing"
        )
        layout.addWidget(self.cancelled)
        if not ending:
            self.cancelled.hide()
        layout.addWidget(buttons)
        name_inner_fields(self)
        # Ctrl+Enter closes it from anywhere, as it saves the other forms; in a box
        # where Enter starts a new line it is caught before the box takes it.
        ctrl_enter_anywhere(self, self.accept, self.findChildren(QPlainTextEdit))

    def reject(self) -> None:
        """Escape or Cancel with a reason, cause, lesson or redress typed here asks
        before it is thrown away."""
        typed = bool(self.reason.toPlainText().strip()) or self.form.learnt() != self._opened_with
        asked = "Discard what you typed?"
        if typed and not messages.discard_or_keep(self, self.windowTitle(), asked):
            return
        super().reject()

    def accept(self) -> None:
        """Save what was learnt and close, in one change; on a problem say so and
        stay open with everything typed."""
        reason = self.reason.toPlainText().strip()
        if self.needs_reason and not reason:
            self._ask_reason("Say why it can be closed without asking them.")
            return
        self.form.error.clear_message()
        self.reason_error.clear_message()
        try:
            close_complaint(
                self.seen, self.form.learnt(), reason=reason, author=user_name(),
                over=self._save_over, keep_promises=self.keep_promises.isChecked(),
            )  # fmt: skip
        except EditClash as clash:
            settle_clash(
                self, clash, save_over=self._close_over_theirs, load=self._load_theirs,
                where="this window",
            )  # fmt: skip
            return
        except ValidationError as exc:
            if "reason" in exc.problems:
                self._ask_reason(exc.problems["reason"])
            else:
                self.form.show_problems(exc.problems)
            return
        except ComplaintDeskError as exc:
            messages.not_saved(self, "Not closed", exc)
            return
        super().accept()

    def _ask_reason(self, message: str) -> None:
        """Say what the reason needs, with the cursor in its box: what is typed next
        is the reason."""
        self.reason_error.show_message(message)
        self.reason.setFocus()

    def _close_over_theirs(self, theirs: ComplaintRecord) -> bool:
        self._save_over = theirs
        self.accept()
        return self.result() == QDialog.DialogCode.Accepted

    def _load_theirs(self, _clash: EditClash) -> None:
        self.loaded_theirs = True
        super().reject()  # the question that led here said the typing goes
