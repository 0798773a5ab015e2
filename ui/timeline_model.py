"""A complaint's timeline as a list model (newest last, as it happened)."""

from __future__ import annotations

import re

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from models import display
from models.timeline import TimelineEntry, entries

Index = QModelIndex | QPersistentModelIndex

# A long run without spaces (a letter's file name, a web address) may break after
# its dashes, dots and slashes: unbroken, a narrow timeline cut it with "…".
_LONG_RUN = re.compile(r"\S{24,}")
_BREAK_AFTER = re.compile(r"([-_./\\])(?=\S)")
ZERO_WIDTH_SPACE = "\u200b"


def breakable(text: str) -> str:
    """``text`` as shown: long runs without spaces may wrap after - _ . / \\."""
    return _LONG_RUN.sub(lambda run: _BREAK_AFTER.sub(rf"\1{ZERO_WIDTH_SPACE}", run.group()), text)


class TimelineModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._entries: list[TimelineEntry] = []

    def load(self, complaint_id: int | None) -> None:
        self.beginResetModel()
        self._entries = entries(complaint_id) if complaint_id is not None else []
        self.endResetModel()

    def entry(self, row: int) -> TimelineEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            by = f" · {entry.author}" if entry.author else ""
            said = display.received(entry.at, entry.day_only)
            text = (
                entry.text if role == Qt.ItemDataRole.AccessibleTextRole else breakable(entry.text)
            )
            return f"{said}{by} · {entry.kind_label}\n{text}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return display.received(entry.at, entry.day_only, style="whole")
        return None
