"""Choosing the shop's currency: the usual ones in a list, any other by its code."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from models import currency

OTHER = "other"


class CurrencyPicker(QWidget):
    """A list of common currencies with "Other" last; "Other" shows a box for an
    ISO code (``THB``)."""

    changed = Signal()

    def __init__(self, code: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("currency_picker")
        self.choice = QComboBox(objectName="currency")
        self.choice.setAccessibleName("Currency")
        for item in currency.COMMON:
            self.choice.addItem(item.label, item.code)
        self.choice.addItem("Other: enter its three-letter code", OTHER)
        self.code = QLineEdit(objectName="currency_code")
        self.code.setAccessibleName("Currency code")
        self.code.setPlaceholderText("e.g. THB")
        self.code.setMaxLength(3)
        self.code.setValidator(QRegularExpressionValidator(r"[A-Za-z]{0,3}", self.code))
        self.code.setMaximumWidth(self.code.fontMetrics().horizontalAdvance("MMMM") + 16)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.choice, 1)
        row.addWidget(self.code)
        self.set_code(code)
        self.choice.currentIndexChanged.connect(self._on_choice_changed)
        self.code.textEdited.connect(self.changed)

    def set_code(self, code: str) -> None:
        code = currency.normalised_code(code)
        index = self.choice.findData(code) if code else -1
        if index < 0:
            self.choice.setCurrentIndex(self.choice.findData(OTHER))
            self.code.setText(code)
        else:
            self.choice.setCurrentIndex(index)
            self.code.clear()
        self.code.setVisible(index < 0)

    def chosen_code(self) -> str:
        """The ISO code chosen or typed (upper case); "" when none is typed."""
        data = self.choice.currentData()
        return currency.normalised_code(self.code.text() if data == OTHER else data)

    @Slot()
    def _on_choice_changed(self) -> None:
        other = self.choice.currentData() == OTHER
        self.code.setVisible(other)
        if other:
            self.code.setFocus()
        self.changed.emit()
