"""Closing a complaint: what was learnt from it and, when the customer has not
been asked whether the fix worked, why it can be closed anyway."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from models import lessons
from models.complaints import set_status
from models.errors import ComplaintDeskError, ValidationError
from models.followups import satisfaction_settled
from models.settings import user_name
from ui import messages
from ui.field_error import FieldError
from ui.fit import name_inner_fields
from ui.lessons_panel import LessonsForm


class CloseComplaintDialog(QDialog):
    def __init__(self, complaint_id: int, reference: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("close_complaint_dialog")
        self.setWindowTitle(f"Close {reference}")
        self.complaint_id = complaint_id
        intro = QLabel("What went wrong, and what will change so it does not happen again?")
        intro.setWordWrap(True)
        self.form = LessonsForm()
        self.form.show_learning(lessons.learning(complaint_id))
        self.needs_reason = not satisfaction_settled(complaint_id)
        self.reason = QPlainTextEdit(objectName="close_reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 3 + 14)
        self.reason.setPlaceholderText("Why it can be closed without asking the customer")
        self.reason.setAccessibleName("Why it can be closed without asking the customer")
        self.reason_error = FieldError("close_reason")
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
        layout.addWidget(buttons)
        name_inner_fields(self)

    def accept(self) -> None:
        """Save what was learnt, then close; on a problem say so and stay open."""
        reason = self.reason.toPlainText().strip()
        if self.needs_reason and not reason:
            self.reason_error.show_message("Say why it can be closed without asking them.")
            return
        if not self.form.save(self.complaint_id, closing=True):
            return
        try:
            set_status(self.complaint_id, "closed", author=user_name(), reason=reason)
        except ValidationError as exc:
            self.reason_error.show_message(" ".join(exc.problems.values()))
            return
        except ComplaintDeskError as exc:
            messages.not_saved(self, "Not closed", exc)
            return
        super().accept()
