"""Returning customers suggested while the owner types a name, phone or email."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from models import display
from models.customers import CustomerMatch, suggest_customers
from models.errors import ServerAway

Index = QModelIndex | QPersistentModelIndex


def describe(match: CustomerMatch) -> str:
    contact = display.isolated_joined(match.phone, match.email)
    if match.complaint_count == 0:
        history = "no complaints yet"
    else:
        history = display.count(match.complaint_count, "earlier complaint")
    name = display.isolated(match.name)
    return f"{name}   {contact}   — {history}".replace("      ", "   ")


class CustomerSuggestionModel(QAbstractListModel):
    MATCH_ROLE = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._matches: list[CustomerMatch] = []

    def look_up(self, typed: str) -> int:
        """Replace the suggestions with customers matching ``typed``; return how many
        (none while the log's server cannot be reached: the banner says so)."""
        try:
            matches = suggest_customers(typed)
        except ServerAway:
            matches = []
        self.beginResetModel()
        self._matches = matches
        self.endResetModel()
        return len(matches)

    def clear(self) -> None:
        if self._matches:
            self.beginResetModel()
            self._matches = []
            self.endResetModel()

    def customer_at(self, row: int) -> CustomerMatch | None:
        return self._matches[row] if 0 <= row < len(self._matches) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._matches)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._matches):
            return None
        found = self._matches[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return describe(found)
        if role == Qt.ItemDataRole.ToolTipRole:
            # The whole line (the list may shorten it), and the address.
            return "\n".join(part for part in (describe(found), found.address) if part)
        if role == self.MATCH_ROLE:
            return found.id
        return None
