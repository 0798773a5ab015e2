"""Who is at the counter: asked on the first run, and from Edit > Your name.

The name goes on the timeline, on the complaints this person handles, and
under the letters about them. Until one is given, nobody is named: the
computer's login name is never used."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from models import settings
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
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.name.textChanged.connect(lambda _text: self.error.clear_message())
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def save(self) -> bool:
        """Keep the name; a name that could not be kept stays in the box."""
        try:
            settings.set_user_name(self.name.text())
        except ValidationError as exc:
            self.error.show_message(" ".join(exc.problems.values()))
            return False
        except ComplaintDeskError as exc:
            messages.not_saved(self, "Not saved", exc, "Your name is still in the box.")
            return False
        self.accept()
        return True
