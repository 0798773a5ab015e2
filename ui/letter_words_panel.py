"""The owner's own words in a letter: listed in boxes to change for this letter,
and highlighted in the letter's text where the draft put them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from models.letter_drafts import OwnerWords
from ui.wording_check import qt_positions

HIGHLIGHT = QColor("#fff0a8")
ROWS_SHOWN = 3  # more scroll: the letter's text keeps the room


def highlight_words(edit: QPlainTextEdit, phrases: list[str]) -> int:
    """Tint every place ``phrases`` stand in ``edit``; return how many there are."""
    text = edit.toPlainText()
    qt = qt_positions(text)
    tint = QTextCharFormat()
    tint.setBackground(HIGHLIGHT)
    selections = []
    for phrase in {p for p in phrases if p.strip()}:
        start = text.find(phrase)
        while start >= 0:
            cursor = QTextCursor(edit.document())
            cursor.setPosition(qt(start))
            cursor.setPosition(qt(start + len(phrase)), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor  # type: ignore[attr-defined]
            selection.format = tint  # type: ignore[attr-defined]
            selections.append(selection)
            start = text.find(phrase, start + len(phrase))
    edit.setExtraSelections(selections)
    return len(selections)


class LetterWordsPanel(QWidget):
    """ "Your words": one box for each thing the owner typed that the letter uses."""

    edited = Signal(str, str)  # key, the words as now typed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letter_words")
        self.boxes: dict[str, QLineEdit] = {}
        self.heading = QLabel(
            "Your words, as the letter uses them (highlighted in the text below). "
            "Change them here for this letter only:",
            objectName="letter_words_heading",
        )
        self.heading.setWordWrap(True)
        self.rows = QWidget()
        self.form = QFormLayout(self.rows)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea(objectName="letter_words_scroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.rows)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.scroll)
        self.setVisible(False)

    def show_words(self, words: tuple[OwnerWords, ...]) -> None:
        """One box per piece of the owner's words; boxes already there keep what is
        being typed in them."""
        if [w.key for w in words] == list(self.boxes):
            for word in words:
                box = self.boxes[word.key]
                if box.text() != word.typed and not box.hasFocus():
                    box.setText(word.typed)
            return
        while self.form.rowCount():
            self.form.removeRow(0)
        self.boxes.clear()
        for word in words:
            box = QLineEdit(word.typed, objectName=f"letter_words_{word.key.replace(':', '_')}")
            box.setAccessibleName(f"Your words: {word.label}")
            box.setCursorPosition(0)
            box.textEdited.connect(lambda text, key=word.key: self._on_edited(key, text))
            label = QLabel(word.label)
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setBuddy(box)
            self.form.addRow(label, box)
            self.boxes[word.key] = box
        self.setVisible(bool(words))
        if words:
            row = self.boxes[words[0].key].sizeHint().height() + max(self.form.verticalSpacing(), 4)
            self.scroll.setFixedHeight(min(len(words), ROWS_SHOWN) * row)

    def typed(self) -> dict[str, str]:
        return {key: box.text() for key, box in self.boxes.items()}

    @Slot()
    def _on_edited(self, key: str, text: str) -> None:
        self.edited.emit(key, text)
