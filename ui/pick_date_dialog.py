"""Pick a day from a calendar (for moving a follow-up)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCalendarWidget, QDialog, QDialogButtonBox, QVBoxLayout, QWidget


class PickDateDialog(QDialog):
    def __init__(self, title: str, start: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pick_date_dialog")
        self.setWindowTitle(title)
        self.calendar = QCalendarWidget(objectName="calendar")
        self.calendar.setGridVisible(True)
        self.calendar.setSelectedDate(QDate(start))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.calendar.activated.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.calendar)
        layout.addWidget(buttons)

    def date(self) -> dt.date:
        return self.calendar.selectedDate().toPython()  # type: ignore[no-any-return]
