"""Resolve: what they want, what was offered, the solution agreed in plain words,
and who does what by which date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models import display, redress, resolution
from models.calendar import propose
from models.complaints import ComplaintRecord
from models.edit_clash import EditClash, save_solution
from models.errors import ComplaintDeskError, ValidationError
from models.people import will_do
from models.recurrence import fixes_that_worked
from models.settings import user_name
from ui import messages
from ui.complaint_detail_clash import settle_clash
from ui.day_box import DayBox
from ui.field_error import FieldError
from ui.focus_marks import frame_shows_focus
from ui.person_box import PersonBox, offered_names
from ui.pick_date_dialog import show_closed_days, use_closed_day
from ui.wording_check import CheckedTextEdit, WordingBanner, never

DEFAULT_DAYS_TO_ACT = 3


def _checked_box(name: str, placeholder: str, fault_is_ours: Callable[[], bool]):
    box = CheckedTextEdit(fault_is_ours=fault_is_ours, solution=True)
    box.setObjectName(name)
    box.setPlaceholderText(placeholder)
    box.setMaximumHeight(box.fontMetrics().lineSpacing() * 4 + 14)
    return box


class ResolvePanel(QWidget):
    changed = Signal(int)
    # "Record what was given…": the refund or voucher agreed here is recorded, with
    # its value, on the Lessons tab (the complaint's detail takes the owner there).
    given_requested = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, fault_is_ours: Callable[[], bool] = never
    ) -> None:
        super().__init__(parent)
        self.setObjectName("resolve")
        self.complaint_id: int | None = None
        self._saved: tuple[str, str, bool] = ("", "", False)
        # The complaint as the boxes being typed in started from, and the newer
        # version saved elsewhere that the person chose to save over (models.edit_clash).
        self._edited_from: ComplaintRecord | None = None
        self._save_over: ComplaintRecord | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self._solution_box(fault_is_ours))
        layout.addWidget(self._past_fixes_box())
        layout.addWidget(self._actions_box(), 1)
        self._connect()

    def _solution_box(self, fault_is_ours: Callable[[], bool]) -> QGroupBox:
        """What they want, what was offered and agreed, and what was given."""
        self.wants = QLabel(objectName="resolve_wants")
        self.wants.setTextFormat(Qt.TextFormat.PlainText)
        self.wants.setWordWrap(True)
        self.options = _checked_box(
            "options_offered", "What you offered: repair, replacement, refund…", fault_is_ours
        )
        self.solution = _checked_box(
            "agreed_solution", "The solution you agreed, in plain words", fault_is_ours
        )
        self.options_banner = WordingBanner(self.options)
        self.solution_banner = WordingBanner(self.solution)
        self.first_contact = QCheckBox("Resolved at first contact", objectName="first_contact")
        self.error = FieldError("resolution")
        self.save_button = QPushButton("Save", objectName="save_resolution")
        self.save_button.setEnabled(False)
        form_box = QGroupBox("The solution")
        form = QFormLayout(form_box)
        form.addRow("They want", self.wants)
        form.addRow("Offered", self.options)
        form.addRow("", self.options_banner)
        form.addRow("Agreed", self.solution)
        form.addRow("", self.solution_banner)
        bottom = QHBoxLayout()
        bottom.addWidget(self.first_contact, 1)
        bottom.addWidget(self.save_button)
        form.addRow("", bottom)
        form.addRow("", self.error)
        self.given = QLabel(objectName="resolve_given")
        self.given.setTextFormat(Qt.TextFormat.PlainText)
        self.given.setWordWrap(True)
        self.record_given = QPushButton("Record what was given…", objectName="record_given")
        self.record_given.setToolTip(
            "A refund, replacement or voucher, each with its value: recorded on the Lessons tab"
        )
        given_row = QHBoxLayout()
        given_row.addWidget(self.given, 1)
        given_row.addWidget(self.record_given)
        form.addRow("Given", given_row)
        return form_box

    def _past_fixes_box(self) -> QGroupBox:
        """The solutions that satisfied customers with similar complaints."""
        self.past_fixes_box = QGroupBox("What fixed similar complaints before")
        self.past_fixes = QListWidget(objectName="past_fixes")
        frame_shows_focus(self.past_fixes)
        self.past_fixes.setAccessibleName("Solutions that satisfied customers before")
        self.past_fixes.setWordWrap(True)
        self.past_fixes.setMaximumHeight(90)
        self.use_fix = QPushButton("Use as the agreed solution", objectName="use_past_fix")
        self.use_fix.setEnabled(False)
        fixes_layout = QVBoxLayout(self.past_fixes_box)
        fixes_layout.addWidget(self.past_fixes)
        fixes_layout.addWidget(self.use_fix, 0, Qt.AlignmentFlag.AlignRight)
        return self.past_fixes_box

    def _actions_box(self) -> QGroupBox:
        """Who does what, by when: the agreed actions and the row to add one."""
        actions_box = QGroupBox("Who does what, by when")
        self.actions = QListWidget(objectName="actions")
        frame_shows_focus(self.actions)
        self.actions.setAccessibleName("Agreed actions")
        self.actions.setWordWrap(True)
        self.actions.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.who = PersonBox("action_who", "Who will do it")
        self.who.lineEdit().setPlaceholderText("Who")
        self.what = QLineEdit(objectName="action_what")
        self.what.setPlaceholderText("will do what")
        self.what.setAccessibleName("What will be done")
        self.due = DayBox(objectName="action_due", keeps_enter=True)
        self.due.setAccessibleName("By when")
        self.add_action = QPushButton("Add", objectName="add_action")
        self.remove_action = QPushButton("Remove", objectName="remove_action")
        self.remove_action.setEnabled(False)
        self.action_error = FieldError("action")
        entry = QHBoxLayout()
        entry.addWidget(self.who, 1)
        entry.addWidget(self.what, 3)
        entry.addWidget(self.due)
        entry.addWidget(self.add_action)
        actions_layout = QVBoxLayout(actions_box)
        actions_layout.addWidget(self.actions)
        actions_layout.addLayout(entry)
        actions_layout.addWidget(self.action_error)
        actions_layout.addWidget(self.remove_action, 0, Qt.AlignmentFlag.AlignRight)
        return actions_box

    def _connect(self) -> None:
        """What typing, choosing and pressing on the tab do."""
        self.record_given.clicked.connect(self.given_requested)
        self.past_fixes.currentItemChanged.connect(
            lambda item, _old: self.use_fix.setEnabled(item is not None)
        )
        self.use_fix.clicked.connect(self._on_use_fix_clicked)

        for box in (self.options, self.solution):
            box.textChanged.connect(self._on_edited)
        self.first_contact.toggled.connect(self._on_edited)
        self.save_button.clicked.connect(self.save)
        self.add_action.clicked.connect(self._on_add_action_clicked)
        self.what.returnPressed.connect(self._on_add_action_clicked)
        self.due.entered.connect(self._on_add_action_clicked)
        self.remove_action.clicked.connect(self._on_remove_action_clicked)
        self.actions.itemChanged.connect(self._on_action_item_changed)
        self.actions.currentItemChanged.connect(
            lambda item, _old: self.remove_action.setEnabled(item is not None)
        )

    # --- showing ---------------------------------------------------------------
    def show_complaint(self, record: ComplaintRecord) -> None:
        """Show ``record``. Shown again after a change elsewhere (an action added,
        a step ticked), the same complaint keeps whatever is being typed here, and
        the version it started from (its save is checked against that one)."""
        same = record.id == self.complaint_id
        typing = self._typing() if same and self.is_dirty else None
        new_action = (self.who.text(), self.what.text(), self.due.date()) if same else None
        self.complaint_id = record.id
        self.wants.setText(record.details.remedy_sought or "(not recorded: ask them)")
        self.given.setText(redress.describe(record.redress) if record.redress else "Nothing yet")
        if typing is None:
            self._edited_from, self._save_over = record, None
            self._saved = (record.options_offered, record.agreed_solution, record.first_contact)
        options, solution, first_contact = typing or self._saved
        self.options.setPlainText(options)
        self.solution.setPlainText(solution)
        self.first_contact.setChecked(first_contact)
        if typing is None:
            self.error.clear_message()
        if new_action is None:
            self.action_error.clear_message()
            self.who.offer(offered_names())
            self.who.setText(user_name())
            self.what.clear()
            self.due.setDate(QDate(propose(dt.date.today(), days=DEFAULT_DAYS_TO_ACT)))
        show_closed_days(self.due.calendarWidget())
        self._show_actions()
        self.save_button.setEnabled(self.is_dirty)
        self.past_fixes.clear()
        for fix in fixes_that_worked(record.details.category_id, exclude_id=record.id):
            item = QListWidgetItem(f"{fix.agreed_solution}  ({fix.reference})")
            item.setData(Qt.ItemDataRole.UserRole, fix.agreed_solution)
            self.past_fixes.addItem(item)
        self.past_fixes_box.setVisible(self.past_fixes.count() > 0)

    @Slot()
    def _on_use_fix_clicked(self) -> None:
        item = self.past_fixes.currentItem()
        if item is not None:
            self.solution.setPlainText(item.data(Qt.ItemDataRole.UserRole))
            self.solution.setFocus()

    def _show_actions(self) -> None:
        self.actions.blockSignals(True)
        self.actions.clear()
        if self.complaint_id is not None:
            for action in resolution.actions(self.complaint_id):
                text = f"{will_do(action.who, action.what)} by {display.day(action.due_on)}"
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, action.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(
                    Qt.CheckState.Checked if action.done_at else Qt.CheckState.Unchecked
                )
                item.setToolTip("Tick when it has been done")
                self.actions.addItem(item)
        self.actions.blockSignals(False)
        self.remove_action.setEnabled(False)

    def _typing(self) -> tuple[str, str, bool]:
        return (
            self.options.toPlainText(),
            self.solution.toPlainText(),
            self.first_contact.isChecked(),
        )

    @property
    def is_dirty(self) -> bool:
        return self.complaint_id is not None and self._typing() != self._saved

    def discard(self) -> None:
        """Drop what was typed in the boxes: show what is saved."""
        self.options.setPlainText(self._saved[0])
        self.solution.setPlainText(self._saved[1])
        self.first_contact.setChecked(self._saved[2])

    @Slot()
    def _on_edited(self, *_args: object) -> None:
        self.save_button.setEnabled(self.is_dirty)

    # --- acting ----------------------------------------------------------------
    @Slot()
    def save(self) -> bool:
        seen = self._edited_from
        if self.complaint_id is None or seen is None or not self.is_dirty:
            return True
        self.error.clear_message()
        try:
            save_solution(
                seen, resolution.Resolution(*self._typing()), author=user_name(),
                over=self._save_over,
            )  # fmt: skip
        except EditClash as clash:
            return settle_clash(
                self, clash, save_over=self._save_over_theirs, load=self._load_theirs
            )
        except ValidationError as exc:
            self.error.show_message(" ".join(exc.problems.values()))
            return False
        except ComplaintDeskError as exc:
            messages.not_saved(self, "Not saved", exc, "What you wrote is still here.")
            return False
        self._saved = (
            self.options.toPlainText().strip(),
            self.solution.toPlainText().strip(),
            self.first_contact.isChecked(),
        )
        self.save_button.setEnabled(self.is_dirty)
        self.changed.emit(self.complaint_id)
        messages.done(self, "Saved what was offered and agreed.")
        return True

    def _save_over_theirs(self, theirs: ComplaintRecord) -> bool:
        self._save_over = theirs
        return self.save()

    def _load_theirs(self, clash: EditClash) -> None:
        """Show their version, with what was typed here in boxes they left alone
        still typed (unsaved)."""
        self.discard()
        self.show_complaint(clash.theirs)
        [kept] = clash.kept
        self.options.setPlainText(kept.options_offered)
        self.solution.setPlainText(kept.agreed_solution)
        self.first_contact.setChecked(kept.first_contact)
        self.changed.emit(clash.theirs.id)

    @Slot()
    def _on_add_action_clicked(self) -> None:
        if self.complaint_id is None:
            return
        self.action_error.clear_message()
        if self.due.problem():
            self.action_error.show_message(self.due.problem())
            self.due.setFocus()
            return
        due: dt.date = self.due.date().toPython()
        if not use_closed_day(self, "Agreed action", due):
            return
        try:
            resolution.add_action(
                self.complaint_id,
                who=self.who.text(),
                what=self.what.text(),
                due_on=due,
                author=user_name(),
            )
        except ValidationError as exc:
            self.action_error.show_message(" ".join(exc.problems.values()))
            return
        except ComplaintDeskError as exc:
            messages.not_saved(self, "Not saved", exc)
            return
        self.what.clear()
        self._show_actions()
        self.changed.emit(self.complaint_id)

    @Slot(QListWidgetItem)
    def _on_action_item_changed(self, item: QListWidgetItem) -> None:
        done = item.checkState() == Qt.CheckState.Checked
        try:
            resolution.set_action_done(
                item.data(Qt.ItemDataRole.UserRole), done, author=user_name()
            )
        except ComplaintDeskError as exc:
            messages.not_saved(self, "Not saved", exc)
        self._show_actions()
        if self.complaint_id is not None:
            self.changed.emit(self.complaint_id)

    @Slot()
    def _on_remove_action_clicked(self) -> None:
        item = self.actions.currentItem()
        if item is None or self.complaint_id is None:
            return
        if not messages.confirm(self, "Remove action", f"Remove “{item.text()}”?"):
            return
        try:
            resolution.remove_action(item.data(Qt.ItemDataRole.UserRole), author=user_name())
        except ComplaintDeskError as exc:
            messages.not_saved(self, "Not saved", exc)
        self._show_actions()
        self.changed.emit(self.complaint_id)
