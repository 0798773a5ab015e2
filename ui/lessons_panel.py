"""Learning from it: the root cause, the lesson or corrective action, and the
redress given. Open once the facts are in (or when closing)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models import lessons
from models.complaints import ComplaintRecord
from models.edit_clash import EditClash, save_learning
from models.errors import ComplaintDeskError, ValidationError
from models.recurrence import recurrences
from models.root_causes import ROOT_CAUSES
from models.settings import user_name
from ui import messages
from ui.complaint_detail_clash import settle_clash
from ui.field_error import FieldError
from ui.focus_marks import text_shows_focus
from ui.redress_rows import RedressRows


class LessonsForm(QWidget):
    """The cause, lesson and redress fields (used on the tab and when closing)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cause = QComboBox(objectName="root_cause")
        self.cause.setAccessibleName("Root cause")
        self.lesson = QPlainTextEdit(objectName="lesson")
        text_shows_focus(self.lesson)
        self.lesson.setAccessibleName("Lesson or corrective action")
        self.lesson.setPlaceholderText("What will change so that it does not happen again?")
        self.lesson.setTabChangesFocus(True)
        self.lesson.setFixedHeight(self.lesson.fontMetrics().lineSpacing() * 4 + 14)
        self.redress_rows = RedressRows()
        self.redress = self.redress_rows.first.kind  # the first thing given
        self.value = self.redress_rows.first.value
        self.error = FieldError("lessons")
        form = self._form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Root cau&se", self.cause)
        form.addRow("Lesson (&what to change)", self.lesson)
        redress_label = QLabel("Re&dress")
        redress_label.setBuddy(self.redress)
        form.addRow(redress_label, self.redress_rows)
        form.addRow("", self.error)
        self.cause.currentIndexChanged.connect(self.edited)
        self.lesson.textChanged.connect(self.edited)
        self.redress_rows.edited.connect(self.edited)
        self.edited.connect(self.error.dismiss)  # put right: the message goes

    def allow_learning(self, allowed: bool) -> None:
        """The cause and the lesson wait for the facts (or the closing); what was
        given can be recorded as soon as it is agreed. Their labels are greyed with
        them, so their Alt+letters do nothing rather than lead to a greyed box."""
        for field in (self.cause, self.lesson):
            field.setEnabled(allowed)
            self._form.labelForField(field).setEnabled(allowed)

    def show_learning(self, learning: lessons.Learnt) -> None:
        self.cause.blockSignals(True)
        self.cause.clear()
        self.cause.addItem("Not known yet", None)
        for item in ROOT_CAUSES.items(include_archived=True):
            if not item.archived or item.id == learning.root_cause_id:
                self.cause.addItem(item.name, item.id)
        self.cause.setCurrentIndex(max(0, self.cause.findData(learning.root_cause_id)))
        self.cause.blockSignals(False)
        self.lesson.setPlainText(learning.lesson)
        self.redress_rows.show_given(learning.redress)
        self.error.clear_message()

    def learnt(self) -> lessons.Learnt:
        """What is typed and chosen."""
        return lessons.Learnt(
            root_cause_id=self.cause.currentData(),
            lesson=self.lesson.toPlainText(),
            redress=self.redress_rows.given(),
        )

    def show_problems(self, problems: dict[str, str]) -> None:
        self.error.show_message(" ".join(problems.values()))


class LessonsPanel(QWidget):
    changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessons")
        self.complaint_id: int | None = None
        # The complaint as the lesson being written started from, and the newer
        # version saved elsewhere that the person chose to save over (models.edit_clash).
        self._edited_from: ComplaintRecord | None = None
        self._save_over: ComplaintRecord | None = None
        self.recurring = QLabel(objectName="recurring")
        self.recurring.setTextFormat(Qt.TextFormat.PlainText)
        self.recurring.setWordWrap(True)
        self.recurring.setStyleSheet("color: #ef6c00; font-weight: bold;")
        self.too_early = QLabel(
            "The root cause and lesson are recorded once the facts are in, or when closing;"
            " what was given can be recorded now.",
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
        self.form.edited.connect(lambda: self.save_button.setEnabled(True))
        self.save_button.clicked.connect(self.save)

    @property
    def is_dirty(self) -> bool:
        """A lesson, cause or redress changed and not yet saved."""
        return self.complaint_id is not None and self.save_button.isEnabled()

    def discard(self) -> None:
        """Drop a cause, lesson or redress typed: show what is saved."""
        if self._edited_from is not None and self.is_dirty:
            self.form.show_learning(lessons.learnt_in(self._edited_from))
            self.save_button.setEnabled(False)

    def show_complaint(self, record: ComplaintRecord, today) -> None:
        """Show ``record``; shown again after a change elsewhere, the same complaint
        keeps a lesson being written but not yet saved, and the version it started
        from (its save is checked against that one)."""
        typing = record.id == self.complaint_id and self.is_dirty
        self.complaint_id = record.id
        if not typing:
            self._edited_from, self._save_over = record, None
            self.form.show_learning(lessons.learnt_in(record))
        allowed = lessons.can_record(record.stage, record.status)
        self.form.allow_learning(allowed)
        self.too_early.setVisible(not allowed)
        self.save_button.setEnabled(typing)
        found = recurrences(
            today=today,
            category_id=record.details.category_id,
            product=record.details.product,
            root_cause_id=record.root_cause_id,
            exclude_id=record.id,
        )
        self.recurring.setText("\n".join(f"⚠ {r.message}" for r in found))
        self.recurring.setVisible(bool(found))

    @Slot()
    def save(self) -> bool:
        seen = self._edited_from
        if self.complaint_id is None or seen is None:
            return False
        self.form.error.clear_message()
        try:
            save_learning(seen, self.form.learnt(), author=user_name(), over=self._save_over)
        except EditClash as clash:
            return settle_clash(
                self, clash, save_over=self._save_over_theirs, load=self._load_theirs
            )
        except ValidationError as exc:
            self.form.show_problems(exc.problems)
            return False
        except ComplaintDeskError as exc:
            messages.not_saved(self, "Not saved", exc, "What you wrote is still here.")
            return False
        self.save_button.setEnabled(False)
        self.changed.emit(self.complaint_id)
        return True

    def _save_over_theirs(self, theirs: ComplaintRecord) -> bool:
        self._save_over = theirs
        return self.save()

    def _load_theirs(self, clash: EditClash) -> None:
        """Show their version, with what was typed here in fields they left alone
        still typed (unsaved)."""
        theirs = clash.theirs
        self._edited_from, self._save_over = theirs, None
        [kept] = clash.kept
        self.form.show_learning(kept)
        self.save_button.setEnabled(kept != lessons.learnt_in(theirs))
        self.changed.emit(theirs.id)
