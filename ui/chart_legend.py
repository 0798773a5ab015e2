"""A chart's key under it: a colour swatch and the whole name for each series,
wrapping onto more lines when the names do not fit on one (Qt's own legend
keeps to one line and cuts names short: "Cle... Wr... Ot...")."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QLayoutItem, QWidget

SWATCH = 10  # pixels


class FlowLayout(QLayout):
    """Items left to right, starting a new line when the next would not fit."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 12) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _place(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in ``rect`` (or only measure); return the height used."""
        x, y, line = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            width = min(hint.width(), rect.width())
            height = item.heightForWidth(width) if item.hasHeightForWidth() else hint.height()
            if x > rect.x() and x + width > rect.right() + 1:
                x, y, line = rect.x(), y + line + self._gap // 2, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), QSize(width, height)))
            x += width + self._gap
            line = max(line, height)
        return y + line - rect.y()


class LegendEntry(QWidget):
    """One series: its colour and its name, whole (wrapped when longer than a line)."""

    def __init__(self, colour: QColor, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.swatch = QLabel()
        self.swatch.setFixedSize(SWATCH, SWATCH)
        self.swatch.setStyleSheet(f"background: {colour.name()}; border: 1px solid #80000000;")
        self.name = QLabel(name, objectName="legend_name")
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.name.setWordWrap(True)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.swatch, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.name, 1)
        self.setAccessibleName(name)

    def sizeHint(self) -> QSize:
        """As wide as the name on one line; narrower (wrapped) only when it must be."""
        metrics = self.name.fontMetrics()
        width = SWATCH + 4 + metrics.horizontalAdvance(self.name.text()) + 2
        return QSize(width, max(SWATCH, metrics.height()))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(SWATCH, self.name.heightForWidth(max(1, width - SWATCH - 4)))


class ChartLegend(QWidget):
    """The key of one chart; :meth:`show_entries` replaces it."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.flow = FlowLayout(self)
        self.entries: list[LegendEntry] = []

    def show_entries(self, entries: list[tuple[QColor, str]]) -> None:
        for entry in self.entries:
            self.flow.removeWidget(entry)
            entry.deleteLater()
        self.entries = [LegendEntry(colour, name, self) for colour, name in entries]
        for entry in self.entries:
            self.flow.addWidget(entry)
        self.setVisible(bool(entries))
        self.updateGeometry()

    def names(self) -> list[str]:
        return [entry.name.text() for entry in self.entries]

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.flow.heightForWidth(width)
