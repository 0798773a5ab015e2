"""At start-up, while the first try to reach the log's server takes longer than a
moment (a server on another computer that does not answer is waited for a few
seconds): a small window saying which server is being tried, so the owner is not
left looking at nothing, with Quit (or Escape) to give up."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

TITLE = "Complaint Desk: opening the log"


class ServerOpeningNotice(QDialog):
    """Shown (not modal: start-up waits on its own loop) while the server is tried;
    ``quit_chosen`` when the owner presses Quit or Escape."""

    quit_chosen = Signal()

    def __init__(self, server: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("server_opening_notice")
        self.setWindowTitle(TITLE)
        self.text = QLabel(f"Opening the complaints log on {server}…", objectName="opening_text")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setMinimumWidth(360)
        buttons = QDialogButtonBox(objectName="opening_buttons")
        quit_button = buttons.addButton("&Quit", QDialogButtonBox.ButtonRole.RejectRole)
        quit_button.setObjectName("opening_quit")
        quit_button.setAccessibleName("Quit without opening the log")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)

    def reject(self) -> None:
        self.quit_chosen.emit()
        super().reject()
