"""One complaint's follow-ups: add, edit, move, complete or cancel them by hand.

A new follow-up is proposed for the next day the shop is open; the calendars grey
the closed days, and a closed day typed or picked by hand is used only after a
warning that names it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models import display, followup_kinds, followups, morning_list
from models.calendar import propose
from models.errors import ComplaintDeskError, ValidationError
from models.morning_list import FollowUpItem
from models.settings import user_name
from ui import messages, note_dialog
from ui.day_box import DayBox
from ui.field_error import FieldError
from ui.focus_marks import frame_shows_focus
from ui.followup_done_dialog import FollowUpDoneDialog
from ui.pick_date_dialog import (
    PickDateDialog,
    move_past_deadlines,
    show_closed_days,
    use_closed_day,
)

STATUS_WORDS = {"pending": "", "done": "✓ ", "cancelled": "✗ "}


class ComplaintFollowUpsPanel(QWidget):
    changed = Signal(int)

    def __init__(self, today: Callable[[], dt.date] = dt.date.today, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("complaint_followups")
        self._today = today
        self.complaint_id: int | None = None
        self._editing: int | None = None
        self._items: dict[int, FollowUpItem] = {}
        self.list = QListWidget(objectName="complaint_followups_list")
        frame_shows_focus(self.list)
        self.list.setAccessibleName("Follow-ups of this complaint")
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.kind = QComboBox(objectName="followup_kind")
        for kind in followup_kinds.MANUAL_KINDS:
            self.kind.addItem(followups.KIND_LABELS[kind], kind)
        self.what = QLineEdit(objectName="followup_what")
        self.what.setPlaceholderText("What is due, e.g. ring to say the part has arrived")
        self.owner = QLineEdit(objectName="followup_owner")
        self.owner.setPlaceholderText("Who")
        self.kind.setAccessibleName("Kind of follow-up to add")
        self.what.setAccessibleName("What is due")
        self.owner.setAccessibleName("Who will do it")
        self.due = DayBox(objectName="followup_due", keeps_enter=True)
        self.due.setAccessibleName("Due on")
        self.add = QPushButton("Add", objectName="add_followup")
        self.error = FieldError("followup")
        self.edit_button = QPushButton("Edit", objectName="edit_followup")
        self.move_button = QPushButton("Move…", objectName="move_followup")
        self.done_button = QPushButton("Done…", objectName="done_followup")
        self.cancel_button = QPushButton("Cancel it…", objectName="cancel_followup")
        # Two lines, so that what is due and who does it are read whole even at
        # 1024 pixels wide.
        entry = QHBoxLayout()
        entry.addWidget(self.kind)
        entry.addWidget(self.what, 1)
        entry_who = QHBoxLayout()
        entry_who.addWidget(self.owner, 1)
        entry_who.addWidget(self.due)
        entry_who.addWidget(self.add)
        actions = QHBoxLayout()
        actions.addStretch(1)
        for button in (self.edit_button, self.move_button, self.done_button, self.cancel_button):
            button.setEnabled(False)
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(actions)
        layout.addLayout(entry)
        layout.addLayout(entry_who)
        layout.addWidget(self.error)
        self.add.clicked.connect(self._on_add_clicked)
        self.what.returnPressed.connect(self._on_add_clicked)
        self.due.entered.connect(self._on_add_clicked)
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.move_button.clicked.connect(self._on_move_clicked)
        self.done_button.clicked.connect(self._on_done_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        self.list.currentItemChanged.connect(self._on_current_changed)

    def show_complaint(self, complaint_id: int) -> int:
        """List the complaint's follow-ups; return how many are pending."""
        self.complaint_id = complaint_id
        self._stop_editing()
        self.list.clear()
        items = morning_list.for_complaint(complaint_id)
        self._items = {item.id: item for item in items}
        today = self._today()
        for item in items:
            late = item.days_late(today) if item.status == "pending" else 0
            row = QListWidgetItem(
                STATUS_WORDS.get(item.status, "")
                + display.joined(
                    display.day(item.due_on, today),
                    item.what_is_due_beside_who,
                    item.owner,
                    followups.OUTCOME_LABELS.get(item.outcome, "") if item.outcome else "",
                    display.days_late(late),
                )
            )
            row.setData(Qt.ItemDataRole.UserRole, item.id)
            if item.status != "pending":
                row.setForeground(QColor("#757575"))
            elif late:
                row.setForeground(QColor("#c62828"))
            self.list.addItem(row)
        show_closed_days(self.due.calendarWidget())
        self.due.setDate(QDate(followups.default_due(today)))
        self.owner.setText(user_name())
        self._on_current_changed()
        return sum(item.status == "pending" for item in items)

    def current(self) -> FollowUpItem | None:
        row = self.list.currentItem()
        return self._items.get(row.data(Qt.ItemDataRole.UserRole)) if row else None

    @Slot()
    def _on_current_changed(self, *_args: object) -> None:
        item = self.current()
        pending = item is not None and item.status == "pending"
        for button in (self.edit_button, self.move_button, self.done_button, self.cancel_button):
            button.setEnabled(pending)

    def _after(self) -> None:
        if self.complaint_id is not None:
            self.changed.emit(self.complaint_id)

    def _run(self, action: Callable[[], object]) -> bool:
        self.error.clear_message()
        try:
            action()
        except ValidationError as exc:
            self.error.show_message(" ".join(exc.problems.values()))
            return False
        except ComplaintDeskError as exc:
            messages.not_saved(self, "Not saved", exc)
            return False
        self._after()
        return True

    @Slot()
    def _on_add_clicked(self) -> None:
        if self.complaint_id is None:
            return
        if self.due.problem():
            self.error.show_message(self.due.problem())
            self.due.setFocus()
            return
        complaint_id, due = self.complaint_id, self.due.date().toPython()
        editing = self._editing
        before = self._items[editing].due_on if editing in self._items else None
        if due != before and not use_closed_day(self, "Follow-up", due):
            self.due.setFocus()
            return
        if editing is not None:
            if due != before and not move_past_deadlines(
                self, "Follow-up", editing, due, self._today()
            ):
                self.due.setFocus()
                return
            self._run(lambda: followups.edit_follow_up(
                editing, what=self.what.text(), owner=self.owner.text(), due_on=due,
                author=user_name(),
            ))  # fmt: skip
            return
        self._run(lambda: followups.add_follow_up(
            complaint_id, kind=self.kind.currentData(), what=self.what.text(),
            owner=self.owner.text(), due_on=due, author=user_name(),
        ))  # fmt: skip

    def _stop_editing(self) -> None:
        self._editing = None
        self.add.setText("Add")
        self.kind.setEnabled(True)
        self.what.clear()

    @Slot()
    def _on_edit_clicked(self) -> None:
        item = self.current()
        if item is None:
            return
        self._editing = item.id
        self.kind.setCurrentIndex(max(0, self.kind.findData(item.kind)))
        self.kind.setEnabled(False)
        self.what.setText(item.what)
        self.owner.setText(item.owner)
        self.due.setDate(QDate(item.due_on))
        self.add.setText("Save")
        self.what.setFocus()

    @Slot()
    def _on_move_clicked(self) -> None:
        item = self.current()
        if item is None:
            return
        picker = PickDateDialog(
            "Move to", propose(max(self._today(), item.due_on)), self, earliest=self._today()
        )
        if picker.exec() != QDialog.DialogCode.Accepted:
            return
        day = picker.date()
        if move_past_deadlines(self, "Move", item.id, day, self._today()):
            self._run(lambda: followups.reschedule(item.id, day, author=user_name()))

    @Slot()
    def _on_done_clicked(self) -> None:
        item = self.current()
        if item is not None and FollowUpDoneDialog(item, self._today(), self).exec():
            self._after()

    @Slot()
    def _on_cancel_clicked(self) -> None:
        item = self.current()
        if item is None:
            return
        if note_dialog.cancel_follow_up(self, item):
            self._after()
