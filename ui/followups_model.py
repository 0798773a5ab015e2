"""Pending follow-ups grouped Overdue, Today, the next working day, Within a week, Later,
as a tree model.

Top-level rows are the groups (with their counts); their children are the
follow-ups, soonest first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from models import calendar, display, morning_list
from models.morning_list import FollowUpItem
from ui.storage_reads import ListReads

Index = QModelIndex | QPersistentModelIndex
_GROUP = 0xFFFFFFFF  # internal id of group rows; item rows carry their group's number
OVERDUE_COLOUR = QColor("#c62828")


class FollowUpsModel(QAbstractItemModel):
    DUE, REFERENCE, CUSTOMER, PHONE, WHAT, OWNER, LATE = range(7)
    HEADERS = ("Due", "Reference", "Customer", "Phone", "What is due", "Who", "Late")
    ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
    # Worked out once: the view asks for every row's flags when a group opens.
    GROUP_FLAGS = Qt.ItemFlag.ItemIsEnabled
    ITEM_FLAGS = (
        Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
    )

    PAGE = 200

    # A StorageError: damage or a busy file met by a read (see ui.storage_reads).
    read_failed = Signal(object)

    def __init__(self, today: Callable[[], dt.date] = dt.date.today, parent=None) -> None:
        super().__init__(parent)
        self._today_fn = today
        self._today = today()
        # Per group: its full count and the rows read so far (a page at a time).
        self._groups: list[tuple[str, list[FollowUpItem]]] = [(k, []) for k in morning_list.GROUPS]
        self._counts: dict[str, int] = dict.fromkeys(morning_list.GROUPS, 0)
        # Each group's heading, read with the counts (not on every paint).
        self._labels: dict[str, str] = dict(morning_list.GROUP_LABELS)
        # The shop's week the list was read with (None: read it when needed).
        self._week: calendar.ShopWeek | None = None
        self._reads = ListReads(self.read_failed.emit, self)

    # --- loading --------------------------------------------------------------------
    def reload(self) -> None:
        """Read the groups again; when the read fails (damage, a busy file) the
        rows shown stay as they were."""
        today = self._today_fn()
        try:
            # The shop's week is read once for the whole list, not for every page.
            week = calendar.shop_week()
            counts = morning_list.group_counts(today, week)
            labels = {
                key: morning_list.group_label(key, today, week) for key in morning_list.GROUPS
            }
            groups = [
                (key, morning_list.group_page(key, today, limit=self.PAGE, week=week))
                if counts[key]
                else (key, [])
                for key in morning_list.GROUPS
            ]
        except Exception as exc:
            self._reads.met(exc, self.reload)
            return
        self._reads.settled()
        self.beginResetModel()
        self._today, self._counts, self._groups = today, counts, groups
        self._labels, self._week = labels, week
        self.endResetModel()

    def _first_page(self, key: str) -> list[FollowUpItem]:
        if not self._counts[key]:
            return []
        return morning_list.group_page(key, self._today, limit=self.PAGE, week=self._week)

    @property
    def today(self) -> dt.date:
        return self._today

    def count(self, group: str) -> int:
        return self._counts[group]

    def item(self, index: Index) -> FollowUpItem | None:
        if not index.isValid() or index.internalId() == _GROUP:
            return None
        group = self._groups[index.internalId()][1]
        return group[index.row()] if 0 <= index.row() < len(group) else None

    def index_of(self, follow_up_id: int) -> QModelIndex:
        for number, (_key, items) in enumerate(self._groups):
            for row, item in enumerate(items):
                if item.id == follow_up_id:
                    return self.createIndex(row, 0, number)
        return QModelIndex()

    def ids_in_order(self) -> list[int]:
        """The follow-ups read so far, top to bottom as the tree shows them."""
        return [item.id for _key, items in self._groups for item in items]

    def group_index(self, group: str) -> QModelIndex:
        for number, (key, _items) in enumerate(self._groups):
            if key == group:
                return self.createIndex(number, 0, _GROUP)
        return QModelIndex()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if not parent.isValid() or parent.internalId() != _GROUP or parent.column() != 0:
            return False
        key, items = self._groups[parent.row()]
        return len(items) < self._counts[key] and self._reads.may_read_more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        key, items = self._groups[parent.row()]
        try:
            page = morning_list.group_page(
                key, self._today, items[-1] if items else None, self.PAGE, self._week
            )
        except Exception as exc:
            group = QPersistentModelIndex(parent)
            self._reads.met(exc, lambda: self.fetchMore(group) if group.isValid() else None)
            return
        if not page:
            self._counts[key] = len(items)
            return
        first = len(items)
        self.beginInsertRows(
            self.createIndex(parent.row(), 0, _GROUP), first, first + len(page) - 1
        )
        items.extend(page)
        self.endInsertRows()

    def _shown(self, item: FollowUpItem, column: int) -> str | None:
        """What a follow-up's row shows in ``column``."""
        if column == self.DUE:
            return display.day(item.due_on, self._today)
        if column == self.REFERENCE:
            return item.reference
        if column == self.CUSTOMER:
            return item.customer
        if column == self.PHONE:
            return item.phone
        if column == self.WHAT:
            return item.what_is_due_beside_who
        if column == self.OWNER:
            return item.owner
        if column == self.LATE:
            late = item.days_late(self._today)
            return display.count(late, "day") if late else ""
        return None

    def column_texts(self, column: int, most: int = 2000) -> set[str]:
        """The different texts a column shows in its loaded rows (the first ``most``),
        to size it."""
        texts: set[str] = set()
        seen = 0
        for _key, items in self._groups:
            for item in items[: most - seen]:
                texts.add(self._shown(item, column) or "")
            seen += min(len(items), most - seen)
        return texts

    # --- QAbstractItemModel ---------------------------------------------------------
    def index(
        self,
        row: int,
        column: int,
        parent: Index = QModelIndex(),  # noqa: B008
    ) -> QModelIndex:
        if column < 0 or column >= len(self.HEADERS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return (
                self.createIndex(row, column, _GROUP) if row < len(self._groups) else QModelIndex()
            )
        if parent.internalId() != _GROUP or parent.column() != 0:
            return QModelIndex()
        items = self._groups[parent.row()][1]
        return self.createIndex(row, column, parent.row()) if row < len(items) else QModelIndex()

    def parent(  # type: ignore[override]
        self,
        index: Index = QModelIndex(),  # noqa: B008
    ) -> QModelIndex:
        if not index.isValid() or index.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(index.internalId(), 0, _GROUP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _GROUP and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(self.HEADERS):
                return self.HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return self.GROUP_FLAGS if index.internalId() == _GROUP else self.ITEM_FLAGS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == _GROUP:
            if not 0 <= index.row() < len(self._groups):
                return None
            key, items = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                count = self._counts[key]
                return f"{self._labels[key]} ({count:,})" if count else f"{self._labels[key]}: none"
            if role == Qt.ItemDataRole.ForegroundRole and not self._counts[key]:
                return QColor(Qt.GlobalColor.gray)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            if role == Qt.ItemDataRole.ForegroundRole and key == "overdue" and items:
                return OVERDUE_COLOUR
            return None
        item = self.item(index)
        if item is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._shown(item, column)
        elif role == Qt.ItemDataRole.ForegroundRole and column in (self.DUE, self.LATE):
            if item.days_late(self._today):
                return OVERDUE_COLOUR
        elif role == Qt.ItemDataRole.ToolTipRole:
            if column == self.PHONE and item.phone:
                return item.phone  # said whole where a narrow column shortens it
            if column == self.CUSTOMER:
                return item.customer
            if column == self.OWNER and item.owner:
                return item.owner
            return item.what_is_due + (f"\n{item.note}" if item.note else "")
        elif role == self.ITEM_ROLE:
            return item.id
        return None
