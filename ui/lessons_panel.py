"""Learning from it: the root cause, the lesson or corrective action, and the
redress given. Open once the facts are in (or when closing)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models import display, lessons
from models.choices import REDRESS
from models.complaints import ComplaintRecord
from models.errors import ComplaintDeskError, ValidationError
from models.recurrence import recurrences
from models.root_causes import ROOT_CAUSES
from models.settings import user_name
from ui import messages
from ui.field_error import FieldError


class LessonsForm(QWidget):
    """The cause, lesson and redress fields (used on the tab and when closing)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cause = QComboBox(objectName="root_cause")
        self.cause.setAccessibleName("Root cause")
        self.lesson = QPlainTextEdit(objectName="lesson")
        self.lesson.setAccessibleName("Lesson or corrective action")
        self.lesson.setPlaceholderText("What will change so that it does not happen again?")
        self.lesson.setTabChangesFocus(True)
        self.lesson.setFixedHeight(self.lesson.fontMetrics().lineSpacing() * 4 + 14)
        self.redress = QComboBox(objectName="redress")
        self.redress.setAccessibleName("Redress given")
        for choice in REDRESS:
            self.redress.addItem(choice.label, choice.key)
        self.value = QDoubleSpinBox(objectName="redress_value")
        self.value.setAccessibleName("Value of the redress")
        self.value.setRange(0, lessons.MAX_REDRESS_VALUE)
        self.value.setDecimals(2)
        self.value.setSpecialValueText("no value")
        self._show_currency()
        self.error = FieldError("lessons")
        redress_row = QHBoxLayout()
        redress_row.addWidget(self.redress, 1)
        redress_row.addWidget(QLabel("worth"))
        redress_row.addWidget(self.value)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Root &cause", self.cause)
        form.addRow("&Lesson", self.lesson)
        redress_label = QLabel("Re&dress")
        redress_label.setBuddy(self.redress)
        form.addRow(redress_label, redress_row)
        form.addRow("", self.error)
        self.cause.currentIndexChanged.connect(self.edited)
        self.lesson.textChanged.connect(self.edited)
        self.redress.currentIndexChanged.connect(self.edited)
        self.value.valueChanged.connect(self.edited)

    def _show_currency(self) -> None:
        """Mark the value with the shop's currency, as its amounts are written."""
        chosen = display.shop_currency()
        before, after = display.money_marks(chosen)
        self.value.setPrefix(before)
        self.value.setSuffix(after)
        self.value.setDecimals(chosen.decimals)

    def show_learning(self, learning: lessons.Learning) -> None:
        self._show_currency()
        self.cause.blockSignals(True)
        self.cause.clear()
        self.cause.addItem("Not known yet", None)
        for item in ROOT_CAUSES.items(include_archived=True):
            if not item.archived or item.id == learning.root_cause_id:
                self.cause.addItem(item.name, item.id)
        self.cause.setCurrentIndex(max(0, self.cause.findData(learning.root_cause_id)))
        self.cause.blockSignals(False)
        self.lesson.setPlainText(learning.lesson)
        self.redress.setCurrentIndex(max(0, self.redress.findData(learning.redress)))
        self.value.setValue(learning.redress_value or 0)
        self.error.clear_message()

    def save(self, complaint_id: int, *, closing: bool = False) -> bool:
        self.error.clear_message()
        value = self.value.value()
        try:
            lessons.record_learning(
                complaint_id,
                root_cause_id=self.cause.currentData(),
                lesson=self.lesson.toPlainText(),
                redress=self.redress.currentData(),
                redress_value=value if value > 0 else None,
                author=user_name(),
                closing=closing,
            )
        except ValidationError as exc:
            self.error.show_message(" ".join(exc.problems.values()))
            return False
        except ComplaintDeskError as exc:
            messages.not_saved(self, "Not saved", exc)
            return False
        return True


class LessonsPanel(QWidget):
    changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessons")
        self.complaint_id: int | None = None
        self.recurring = QLabel(objectName="recurring")
        self.recurring.setTextFormat(Qt.TextFormat.PlainText)
        self.recurring.setWordWrap(True)
        self.recurring.setStyleSheet("color: #ef6c00; font-weight: bold;")
        self.too_early = QLabel(
            "The root cause and lesson are recorded once the facts are in, or when closing.",
            objectName="lessons_too_early",
        )
        self.too_early.setWordWrap(True)
        self.form = LessonsForm()
        self.save_button = QPushButton("Save", objectName="save_lessons")
        self.save_button.setEnabled(False)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.recurring)
        layout.addWidget(self.too_early)
        layout.addWidget(self.form)
        layout.addLayout(row)
        layout.addStretch(1)
        self.form.edited.connect(lambda: self.save_button.setEnabled(self.form.isEnabled()))
        self.save_button.clicked.connect(self.save)

    @property
    def is_dirty(self) -> bool:
        """A lesson, cause or redress changed and not yet saved."""
        return self.complaint_id is not None and self.save_button.isEnabled()

    def show_complaint(self, record: ComplaintRecord, today) -> None:
        """Show ``record``; shown again after a change elsewhere, the same complaint
        keeps a lesson being written but not yet saved."""
        typing = record.id == self.complaint_id and self.is_dirty
        self.complaint_id = record.id
        if not typing:
            self.form.show_learning(lessons.learning(record.id))
        allowed = lessons.can_record(record.stage, record.status)
        self.form.setEnabled(allowed)
        self.too_early.setVisible(not allowed)
        self.save_button.setEnabled(typing and allowed)
        found = recurrences(
            today=today,
            category_id=record.details.category_id,
            product=record.details.product,
            root_cause_id=lessons.learning(record.id).root_cause_id,
            exclude_id=record.id,
        )
        self.recurring.setText("\n".join(f"⚠ {r.message}" for r in found))
        self.recurring.setVisible(bool(found))

    @Slot()
    def save(self) -> bool:
        if self.complaint_id is None or not self.form.save(self.complaint_id):
            return False
        self.save_button.setEnabled(False)
        self.changed.emit(self.complaint_id)
        return True
