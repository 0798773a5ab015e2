"""Preferences: the deadline policy, when to check back, and the shop's closed days."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
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

from models import followups
from models.calendar import ShopWeek, save_shop_week, shop_week
from models.errors import ComplaintDeskError, ValidationError
from ui import messages

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class PreferencesDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferences_dialog")
        self.setWindowTitle("Preferences")
        self.policy = QComboBox(objectName="policy")
        self.policy.setAccessibleName("Deadline policy")
        for policy in followups.POLICIES.values():
            self.policy.addItem(policy.label, policy.key)
        self.policy.setCurrentIndex(max(0, self.policy.findData(followups.policy().key)))
        self.policy_summary = QLabel(objectName="policy_summary")
        self.policy_summary.setWordWrap(True)
        self.days = QSpinBox(objectName="check_back_days")
        self.days.setRange(1, 365)
        self.days.setSuffix(" days after the last agreed action")
        self.days.setValue(followups.satisfaction_days())
        self.days.setAccessibleName("Check back after")

        week = shop_week()
        self.closed: list[QCheckBox] = []
        grid = QGridLayout()
        for number, name in enumerate(WEEKDAYS):
            box = QCheckBox(name, objectName=f"closed_{number}")
            box.setChecked(number in week.closed_weekdays)
            self.closed.append(box)
            grid.addWidget(box, number // 4, number % 4)
        self.holidays = QListWidget(objectName="closed_dates")
        self.holidays.setAccessibleName("Other days the shop is closed")
        self.holidays.setMaximumHeight(110)
        for day in sorted(week.closed_dates):
            self._add_holiday_item(day)
        self.holiday = QDateEdit(QDate.currentDate(), objectName="closed_date")
        self.holiday.setCalendarPopup(True)
        self.holiday.setDisplayFormat("ddd d MMM yyyy")
        add = QPushButton("Add day", objectName="add_closed_date")
        remove = QPushButton("Remove", objectName="remove_closed_date")
        holiday_row = QHBoxLayout()
        holiday_row.addWidget(self.holiday, 1)
        holiday_row.addWidget(add)
        holiday_row.addWidget(remove)

        form = QFormLayout()
        form.addRow("Deadline &policy", self.policy)
        form.addRow("", self.policy_summary)
        form.addRow("&Check back", self.days)
        form.addRow("Closed on", grid)
        form.addRow("And on", self.holidays)
        form.addRow("", holiday_row)
        note = QLabel("Deadlines and follow-ups skip the days the shop is closed.")
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.policy.currentIndexChanged.connect(self._show_summary)
        add.clicked.connect(self._on_add_holiday_clicked)
        remove.clicked.connect(self._on_remove_holiday_clicked)
        self._show_summary()

    def _add_holiday_item(self, day) -> None:
        item = QListWidgetItem(f"{day:%a} {day.day} {day:%b %Y}")
        item.setData(Qt.ItemDataRole.UserRole, day)
        self.holidays.addItem(item)

    @Slot()
    def _show_summary(self, *_args: object) -> None:
        self.policy_summary.setText(followups.POLICIES[self.policy.currentData()].summary)

    @Slot()
    def _on_add_holiday_clicked(self) -> None:
        day = self.holiday.date().toPython()
        if day not in self.closed_dates():
            self._add_holiday_item(day)
            self.holidays.sortItems()

    @Slot()
    def _on_remove_holiday_clicked(self) -> None:
        for item in self.holidays.selectedItems():
            self.holidays.takeItem(self.holidays.row(item))

    def closed_dates(self) -> set:
        return {
            self.holidays.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.holidays.count())
        }

    @Slot()
    def save(self) -> bool:
        closed = frozenset(n for n, box in enumerate(self.closed) if box.isChecked())
        if len(closed) == 7:
            messages.warn(self, "Preferences", "The shop has to be open on at least one day.")
            return False
        try:
            followups.save_preferences(self.policy.currentData(), self.days.value())
            save_shop_week(ShopWeek(closed, frozenset(self.closed_dates())))
        except ValidationError as exc:
            messages.warn(self, "Preferences", " ".join(exc.problems.values()))
            return False
        except ComplaintDeskError as exc:
            messages.warn(self, "Not saved", str(exc))
            return False
        self.accept()
        return True
