"""Where the log is kept, on its own: Preferences' choice (ui.log_place_section)
before any log is open, from the start-up window that waits for a server that
cannot be reached. The choice is kept in the data folder, as Preferences keep it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from models.errors import ComplaintDeskError, ValidationError
from ui import messages
from ui.fit import keep_on_screen
from ui.log_place_section import LogPlaceSection, Reopen

INTRO = (
    "Choose where the log is kept: on a PostgreSQL server (Test connection tries it), "
    "or on this computer. The choice is kept, as in Edit > Preferences."
)


def this_computer_question(folder: Path) -> str:
    """Asked before the log opens on this computer instead of the server."""
    return (
        f"Open the log kept on this computer (the data file in {folder}) instead of the "
        "server's?\n\nComplaints saved on the server are not in it, and what is saved on "
        "this computer will not be on the server: the shop would have two logs. Choose the "
        "server again in Edit > Preferences once it can be reached."
    )


class LogPlaceDialog(QDialog):
    """:attr:`reopen` says what saving chose (None: nothing changed)."""

    def __init__(self, folder: Path, now_on: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("log_place_dialog")
        self.setWindowTitle("Where the log is kept")
        self.setMinimumWidth(600)
        self._folder = folder
        self.reopen: Reopen | None = None
        intro = QLabel(INTRO, objectName="log_place_intro")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.section = LogPlaceSection(folder, now_on, parent=self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save = buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setObjectName("save_log_place")
        save.setAccessibleName("Save where the log is kept")
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setObjectName("cancel_log_place")
        cancel.setAccessibleName("Cancel")
        section = self.section
        messages.give_mnemonics([section.here, section.server, section.test, save, cancel])
        section.address.setCursorPosition(0)  # the start of the address: the server's name
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        # A long test result gets the room it needs, not two squeezed half lines.
        section.tested.connect(lambda _text: QTimer.singleShot(0, self, self._fit))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.section)
        layout.addStretch(1)
        layout.addWidget(buttons)

    def _fit(self) -> None:
        needed = self.layout().totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)
            keep_on_screen(self)

    @Slot()
    def save(self) -> bool:
        """Keep the choice (asking first before this computer's log is used instead)."""
        section = self.section
        if not section.changed():
            self.accept()
            return True
        problem = section.problem()
        if problem:
            messages.warn(self, "Where the log is kept", problem)
            section.address.setFocus()
            return False
        if not section.kept_though_it_failed(self):
            return False
        if section.chosen() is None and not messages.confirm(
            self, "Where the log is kept", this_computer_question(self._folder)
        ):
            return False
        try:
            self.reopen = section.keep()
        except ValidationError as exc:
            messages.warn(self, "Where the log is kept", " ".join(exc.problems.values()))
            return False
        except ComplaintDeskError as exc:
            messages.not_saved(self, "Not saved", exc)
            return False
        self.accept()
        return True
