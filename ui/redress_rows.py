"""The redress given for a complaint, as rows: what was given and what it was worth,
one row for each thing (a replacement, and a refund of the postage); "Add another"
adds a row, each added row has its own "Remove"."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QShowEvent, QValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models import display
from models.choices import REDRESS
from models.currency import read_amount
from models.redress import MAX_ITEMS, MAX_VALUE, NOTHING, Given

ADDED_KIND = ""  # what an added row starts as: nothing chosen, so no refund is given by mistake


class _AmountBox(QDoubleSpinBox):
    """A value of zero or more, read as people write amounts (models.currency.
    read_amount): "89,00" with a decimal comma is 89.00, not 8900. A minus sign is
    refused as it is typed, so "-30" typed over £30 cannot turn into "no value"
    and wipe what was recorded."""

    def validate(self, text: str, pos: int) -> object:
        if "-" in text or "\u2212" in text:
            return QValidator.State.Invalid
        bare = self._bare(text)
        if not bare or bare == self.specialValueText():
            return super().validate(text, pos)
        value = read_amount(bare)
        if value is None:
            # On the way to an amount ("12,", "1.250,5"): digits and marks only.
            partial = all(c.isdigit() or c in ".," for c in bare)
            return QValidator.State.Intermediate if partial else QValidator.State.Invalid
        if value > self.maximum():
            return QValidator.State.Invalid
        return QValidator.State.Acceptable

    def valueFromText(self, text: str) -> float:
        value = read_amount(self._bare(text))
        return value if value is not None else super().valueFromText(text)

    def fixup(self, text: str) -> str:
        value = read_amount(self._bare(text))
        return self.textFromValue(value) if value is not None else super().fixup(text)

    def _bare(self, text: str) -> str:
        bare = text.strip()
        if self.prefix() and bare.startswith(self.prefix().strip()):
            bare = bare[len(self.prefix().strip()) :]
        if self.suffix() and bare.endswith(self.suffix().strip()):
            bare = bare[: -len(self.suffix().strip())]
        return bare.strip()


class _Row(QWidget):
    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        first = number == 1
        suffix = "" if first else f" {number}"
        self.kind = QComboBox(objectName="redress" if first else f"redress_{number}")
        self.kind.setAccessibleName(f"Redress given{suffix}")
        for choice in REDRESS:
            self.kind.addItem(choice.label, choice.key)
        self.value = _AmountBox(objectName="redress_value" if first else f"redress_value_{number}")
        self.value.setAccessibleName(f"Value of the redress{suffix}")
        self.value.setRange(0, MAX_VALUE)
        self.value.setDecimals(2)
        self.value.setSpecialValueText("no value")
        if first:
            self.button = QPushButton("Add another", objectName="add_redress")
            self.button.setAccessibleName("Add another thing given")
            self.button.setToolTip("A second thing given for this complaint, with its value")
        else:
            self.button = QPushButton("Remove", objectName=f"remove_redress_{number}")
            self.button.setAccessibleName(f"Remove redress{suffix}")
        # Every row's button as wide as the widest, so the boxes line up.
        widest = max(QPushButton(text).sizeHint().width() for text in ("Add another", "Remove"))
        self.button.setFixedWidth(widest)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind, 1)
        layout.addWidget(QLabel("worth"))
        layout.addWidget(self.value)
        layout.addWidget(self.button)
        self.kind.currentIndexChanged.connect(self._kind_chosen)
        self._kind_chosen()

    def show_given(self, given: Given) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(given.kind)))
        self.value.setValue(given.value or 0)
        # A value brought in from the old log with no kind said stays shown.
        self.value.setEnabled(self._has_value() or bool(given.value))

    def _has_value(self) -> bool:
        """A value goes with something given: not with "Not recorded" or "None"."""
        return self.kind.currentData() not in ("", NOTHING)

    def _kind_chosen(self) -> None:
        if not self._has_value():
            self.value.setValue(0)
        self.value.setEnabled(self._has_value())
        self.value.setToolTip(
            "What it was worth" if self._has_value() else "Choose what was given first"
        )

    def given(self) -> Given:
        value = self.value.value()
        return Given(self.kind.currentData(), value if value > 0 else None)

    def show_currency(self, before: str, after: str, decimals: int) -> None:
        self.value.setPrefix(before)
        self.value.setSuffix(after)
        self.value.setDecimals(decimals)


class RedressRows(QWidget):
    """Rows of what was given; :meth:`given` reads them, :meth:`show_given` fills them."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("redress_rows")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)
        self.rows: list[_Row] = []
        first = self._add_row()
        first.button.clicked.connect(self.add_another)

    @property
    def first(self) -> _Row:
        return self.rows[0]

    def _add_row(self) -> _Row:
        row = _Row(len(self.rows) + 1, self)
        chosen = display.shop_currency()
        row.show_currency(*display.money_marks(chosen), chosen.decimals)
        row.kind.currentIndexChanged.connect(self.edited)
        row.value.valueChanged.connect(self.edited)
        if self.rows:
            row.button.clicked.connect(lambda _=False, r=row: self._remove(r))
        self.rows.append(row)
        self._layout.addWidget(row)
        row.show()  # added to a form already on screen
        self.first.button.setEnabled(len(self.rows) < MAX_ITEMS)
        return row

    @Slot()
    def add_another(self) -> None:
        """A new row, focused, for the next thing given: its kind still to choose
        (a row left at "Not recorded" with no value is not kept)."""
        if len(self.rows) >= MAX_ITEMS:
            return
        row = self._add_row()
        row.kind.setCurrentIndex(max(0, row.kind.findData(ADDED_KIND)))
        row.kind.setFocus()
        self.edited.emit()

    def _remove(self, row: _Row) -> None:
        at = self.rows.index(row)
        kept = [r.given() for n, r in enumerate(self.rows) if n != at]
        self._drop_rows_from(1)
        self._fill(kept)
        self.rows[min(at, len(self.rows) - 1)].kind.setFocus()
        self.edited.emit()

    def _drop_rows_from(self, start: int) -> None:
        for row in self.rows[start:]:
            self._layout.removeWidget(row)
            row.hide()
            row.setParent(None)  # gone from the form at once, not at the next turn
            row.deleteLater()
        del self.rows[start:]
        self.first.button.setEnabled(True)

    def _fill(self, given: list[Given]) -> None:
        self.blockSignals(True)
        try:
            self.first.show_given(given[0] if given else Given(""))
            for item in given[1:]:
                self._add_row().show_given(item)
        finally:
            self.blockSignals(False)

    def _show_currency(self) -> None:
        """Mark each value with the shop's currency, as its amounts are written."""
        chosen = display.shop_currency()
        before, after = display.money_marks(chosen)
        for row in self.rows:
            row.show_currency(before, after, chosen.decimals)

    def showEvent(self, event: QShowEvent) -> None:
        self._show_currency()  # chosen in the business profile since it was last shown
        super().showEvent(event)

    def show_given(self, given: tuple[Given, ...]) -> None:
        """Show what was given (one empty row when nothing is recorded)."""
        self._drop_rows_from(1)
        self._show_currency()
        self._fill(list(given))

    def given(self) -> tuple[Given, ...]:
        """What the rows say, in order (an empty first row says nothing)."""
        return tuple(item for item in (row.given() for row in self.rows) if item.kind or item.value)
