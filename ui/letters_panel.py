"""The letters kept for a complaint: reopen any of them, save, print or open it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from models.display import moment as when
from models.errors import ComplaintDeskError
from models.letter_drafts import KIND_LABELS
from models.letter_records import letter_file, letters_for
from ui.focus_marks import frame_shows_focus
from ui.letter_preview import LetterPreview


class LettersPanel(QWidget):
    new_letter_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letters")
        self.complaint_id: int | None = None
        self.list = QListWidget(objectName="letters_list")
        frame_shows_focus(self.list)
        self.list.setAccessibleName("Letters made")
        self.list.setWordWrap(True)
        self.problem = QLabel(objectName="letter_problem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828;")
        self.problem.hide()
        new = QPushButton("New letter…", objectName="new_letter")
        new.setToolTip("Write a letter about this complaint (Ctrl+L)")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.problem)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(new)
        left_layout.addLayout(row)
        self.preview = LetterPreview()
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        new.clicked.connect(self.new_letter_requested)
        self.list.currentItemChanged.connect(self._on_current_changed)

    def show_complaint(self, complaint_id: int) -> int:
        """List the complaint's letters (newest first); return how many there are."""
        self.complaint_id = complaint_id
        self.list.clear()
        self.preview.show_pdf(None)
        self.problem.hide()
        made = letters_for(complaint_id)
        for letter in reversed(made):
            text = f"{KIND_LABELS.get(letter.kind, letter.kind)} · {when(letter.made_at)}"
            if letter.made_by:
                text += f" · {letter.made_by}"
            item = QListWidgetItem(f"{text}\n{letter.subject}")
            item.setData(Qt.ItemDataRole.UserRole, letter.id)
            item.setToolTip(f"{letter.file_name}\nSHA-256 {letter.sha256}")
            self.list.addItem(item)
        return len(made)

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_current_changed(self, item: QListWidgetItem | None, _old: object = None) -> None:
        self.problem.hide()
        if item is None:
            self.preview.show_pdf(None)
            return
        try:
            path = letter_file(item.data(Qt.ItemDataRole.UserRole))
        except ComplaintDeskError as exc:
            self.preview.show_pdf(None)
            self.problem.setText(str(exc))
            self.problem.show()
            return
        self.preview.show_pdf(path)
