"""The note being written about a complaint, under every tab of its detail.

The kind says whether it is a plain note, what the customer says, or what we
checked; the wording is checked as it is typed; hints from the guide are
inserted where the cursor is. The note is kept as a draft as it is typed
(:mod:`models.drafts`), so one half-written when the app or the computer stops
is put back when its complaint is next shown.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from models import drafts, timeline
from models.complaints import add_note
from models.errors import BusyError, ComplaintDeskError, ValidationError
from models.settings import user_name
from ui import messages
from ui.field_error import FieldError
from ui.keys import is_ctrl_enter
from ui.wording_check import CheckedTextEdit, WordingBanner, never

# A note is kept as a draft this long after the last change (at most: see _keep_soon).
DRAFT_DELAY_MS = 400

NOTE_KINDS = (
    ("Note", timeline.NOTE),
    ("Customer says", timeline.CUSTOMER_SAYS),
    ("We checked", timeline.WE_CHECKED),
)


class NoteComposer(QWidget):
    note_added = Signal(int)

    def __init__(
        self, parent: QWidget | None = None, *, fault_is_ours: Callable[[], bool] = never
    ) -> None:
        super().__init__(parent)
        self.complaint_id: int | None = None
        self.kind = QComboBox(objectName="note_kind")
        self.kind.setAccessibleName("Kind of note")
        for label, key in NOTE_KINDS:
            self.kind.addItem(label, key)
        # A note of what we checked states the facts once they are established:
        # saying what the shop got wrong there is the finding, not an early admission.
        self.text = CheckedTextEdit(
            fault_is_ours=lambda: fault_is_ours() or self.kind.currentData() == timeline.WE_CHECKED,
            record=True,
        )
        self.text.setObjectName("note")
        self.text.setAccessibleName("New note")
        self.text.setPlaceholderText(
            "Add a note: what was said, what you checked, what happens next  (Ctrl+Enter adds it)"
        )
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(self.text.fontMetrics().lineSpacing() * 4 + 14)
        self.banner = WordingBanner(self.text)
        self.error = FieldError("note")
        self.add = QPushButton("Add note", objectName="add_note")
        self.add.setToolTip("Add the note to the timeline (Ctrl+Enter)")
        side = QVBoxLayout()
        side.addWidget(self.kind)
        side.addStretch(1)
        side.addWidget(self.add)
        row = QHBoxLayout()
        row.addWidget(self.text, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.banner)
        layout.addWidget(self.error)
        self.add.clicked.connect(self.add_note)
        self.kind.currentIndexChanged.connect(self.text.recheck)
        self.text.textChanged.connect(self.error.clear_message)
        self.text.installEventFilter(self)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.keep_draft)
        self._restoring = False
        self.text.textChanged.connect(self._keep_soon)
        self.kind.currentIndexChanged.connect(self._keep_soon)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Ctrl+Enter in the note adds it (a plain Enter is a new line).
        if watched is self.text and is_ctrl_enter(event):
            self.add_note()
            return True
        return super().eventFilter(watched, event)

    def set_kind(self, kind: str) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))

    def insert_hint(self, hint: str) -> None:
        """Put a suggested line into the note at the cursor, on a line of its own."""
        cursor = self.text.textCursor()
        before = self.text.toPlainText()[: cursor.position()]
        if before and not before.endswith(("\n", " ")):
            hint = " " + hint
        cursor.insertText(hint)
        self.text.setTextCursor(cursor)
        self.text.setFocus()

    @property
    def is_dirty(self) -> bool:
        """A note is being written and has not been added."""
        return bool(self.text.toPlainText().strip())

    def discard(self) -> None:
        """Drop the note being written, and its draft."""
        self._restoring = True  # clearing the box is not typing to keep
        try:
            self.text.clear()
            self.set_kind(timeline.NOTE)
        finally:
            self._restoring = False
        self.error.clear_message()
        self._draft_timer.stop()
        self._forget_draft()

    def start(self, complaint_id: int) -> None:
        """Write notes about ``complaint_id`` (the one before left as the owner chose):
        a note half-written about it when the app last stopped is put back."""
        self.discard()
        self.complaint_id = complaint_id
        try:
            kept = drafts.load_draft(self._draft_key())
        except ComplaintDeskError:
            kept = None
        text = str(kept.data.get("text") or "") if kept is not None else ""
        if not text.strip():
            return
        self._restoring = True
        try:
            self.text.setPlainText(text)
            self.set_kind(str(kept.data.get("kind") or timeline.NOTE))
        finally:
            self._restoring = False
        messages.done(self, "Put back the note you were writing when the app last stopped.")

    def _draft_key(self) -> str:
        return f"note:{self.complaint_id}"

    @Slot()
    def _keep_soon(self) -> None:
        if not self._restoring and self.complaint_id is not None:
            if not self._draft_timer.isActive():  # steady typing cannot put it off
                self._draft_timer.start()

    @Slot()
    def keep_draft(self) -> None:
        """Keep the note being written (or forget it, once the box is empty)."""
        if self.complaint_id is None:
            return
        if not self.is_dirty:
            self._forget_draft()
            return
        # Not worth a message: the note is still in its box, and is kept next time.
        with contextlib.suppress(BusyError, ComplaintDeskError):
            drafts.save_draft(
                self._draft_key(),
                {"text": self.text.toPlainText(), "kind": self.kind.currentData()},
            )

    def _forget_draft(self) -> None:
        if self.complaint_id is not None:
            with contextlib.suppress(ComplaintDeskError):
                drafts.discard_draft(self._draft_key())

    @Slot()
    def add_note(self) -> bool:
        """Add the note to the timeline; False (the note kept, the reason shown) if not."""
        if self.complaint_id is None:
            return False
        try:
            add_note(
                self.complaint_id,
                self.text.toPlainText(),
                author=user_name(),
                kind=self.kind.currentData(),
            )
        except ValidationError as exc:
            self.error.show_message(" ".join(exc.problems.values()))
            return False
        except ComplaintDeskError as exc:
            messages.not_saved(self, "Note not saved", exc, "Your note is still here.")
            return False
        self.discard()
        self.note_added.emit(self.complaint_id)
        return True
