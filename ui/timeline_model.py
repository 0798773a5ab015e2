"""A complaint's timeline as a list model (newest last, as it happened)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from models import display
from models.timeline import TimelineEntry, entries

Index = QModelIndex | QPersistentModelIndex


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
            return f"{said}{by} · {entry.kind_label}\n{entry.text}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return display.received(entry.at, entry.day_only, style="whole")
        return None
