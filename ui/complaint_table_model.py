"""The complaints list as a Qt table model, loaded a page at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor

from models import display
from models.choices import CLOSED
from models.complaint_list import UNKNOWN_AGE_WHY, Listing, ListQuery, ListRow, SortColumn
from ui.storage_reads import ListReads

Index = QModelIndex | QPersistentModelIndex
WAITING_COLOUR = QColor("#c62828")
# A closed complaint recedes, and its Age says Closed: at 1024 pixels the Stage
# column gives way, and the log filtered to All must still tell closed from open.
CLOSED_COLOUR = QColor("#666666")


class ComplaintTableModel(QAbstractTableModel):
    REFERENCE, RECEIVED, CUSTOMER, CATEGORY, STAGE, AGE = range(6)
    HEADERS = ("Reference", "Received", "Customer", "Category", "Stage", "Age")
    SORTS = (
        SortColumn.REFERENCE,
        SortColumn.RECEIVED,
        SortColumn.CUSTOMER,
        SortColumn.CATEGORY,
        SortColumn.STAGE,
        SortColumn.AGE,
    )
    ID_ROLE = Qt.ItemDataRole.UserRole + 1

    total_changed = Signal(int, bool)  # how many match; True when that is a lower bound
    # A StorageError: damage or a busy file met by a read (see ui.storage_reads).
    read_failed = Signal(object)
    # The rows asked for (a new search, a new filter) could not be read: the rows
    # shown are from before.
    not_read = Signal()

    # A search's matches are counted up to here ("1,000+ match"), once typing
    # pauses: the rows show at once, the count follows.
    COUNT_LIMIT = 1_000
    COUNT_DELAY_MS = 250

    def __init__(self, clock: Callable[[], dt.datetime] = dt.datetime.now, parent=None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._query = ListQuery()
        self._rows: list[ListRow] = []
        self._listing: Listing | None = None
        self._now = clock()
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.setInterval(self.COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self._count)
        self._reads = ListReads(self.read_failed.emit, self)
        self._short: frozenset[int] = frozenset()

    # --- what to show -------------------------------------------------
    @property
    def query(self) -> ListQuery:
        return self._query

    def set_query(self, query: ListQuery) -> None:
        self._query = query
        self.reload()

    def reload(self) -> None:
        """Read the first page again (after a change, a new filter or sort).

        When the read fails (damage, a busy file) the rows shown stay as they were."""
        try:
            listing = Listing(self._query)
            rows = listing.next_page()
        except Exception as exc:
            self.not_read.emit()
            self._reads.met(exc, self.reload)
            return
        self._reads.settled()
        self.beginResetModel()
        self._now = self._clock()
        self._listing = listing
        self._rows = rows
        self.endResetModel()
        self._count_timer.stop()
        if not self._listing.has_more or not self._query.text.strip():
            self._count()  # free when the page holds them all; indexed when not searching
        else:
            self.total_changed.emit(len(self._rows), True)
            self._count_timer.start()

    def tick(self) -> None:
        """Time moved on: ages, ⚠ marks and "Today"/"Yesterday" follow the clock,
        without reading the file again."""
        self._now = self._clock()
        if self._rows:
            last = self.index(len(self._rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def matching_in_the_other_status(self) -> int:
        """How many complaints the search shown matches among those the status
        filter leaves out (see models.complaint_list.Listing)."""
        return self._listing.matching_in_the_other_status() if self._listing is not None else 0

    def _count(self) -> None:
        if self._listing is None:
            return
        limit = self.COUNT_LIMIT if self._query.text.strip() else None
        try:
            count = self._listing.count(at_most=limit)
        except Exception as exc:
            self._reads.met(exc, self._count)
            return
        self.total_changed.emit(count, limit is not None and count >= limit)

    # --- narrow columns -------------------------------------------------
    #: The columns with a shorter wording for a narrow log: the day alone, a short stage name.
    SHORTENS = (RECEIVED, STAGE)

    def set_short(self, columns: frozenset[int]) -> None:
        """Word these columns (of :attr:`SHORTENS`) for a narrow log; their tooltips say
        them whole."""
        columns = frozenset(columns) & frozenset(self.SHORTENS)
        if columns == self._short:
            return
        changed = columns ^ self._short
        self._short = columns
        if self._rows:
            for column in changed:
                last = len(self._rows) - 1
                self.dataChanged.emit(self.index(0, column), self.index(last, column))

    def is_short(self, column: int) -> bool:
        return column in self._short

    def column_texts(self, column: int, *, short: bool = False) -> set[str]:
        """Every text a column shows for the rows read so far (worded short or not)."""
        return {self._text(row, column, short) for row in self._rows}

    def _text(self, row: ListRow, column: int, short: bool) -> str:
        if column == self.REFERENCE:
            return row.reference
        if column == self.RECEIVED:
            style = "short" if short else "list"
            return display.received(
                row.received_at, row.received_date_only, now=self._now, style=style
            )
        if column == self.CUSTOMER:
            return row.customer
        if column == self.CATEGORY:
            return row.category
        if column == self.STAGE:
            return display.stage(row.status, row.stage, short=short)
        if row.status == CLOSED:  # how long it took is in the tooltip
            return display.stage(row.status, row.stage)
        text = row.age_text(self._now)
        return f"⚠ {text}" if row.pace(self._now).waiting else text

    def _tooltip(self, row: ListRow, column: int) -> str | None:
        timing = row.pace(self._now)
        shown = ""
        if column == self.RECEIVED:
            shown = display.received(row.received_at, row.received_date_only, style="whole")
        elif column in (self.CUSTOMER, self.CATEGORY, self.STAGE):
            # Said whole where a narrow column shortens it.
            shown = self._text(row, column, short=False)
        elif column == self.AGE and row.status == CLOSED:
            took = row.age_text(self._now)
            shown = (
                UNKNOWN_AGE_WHY if row.closed_date_unknown
                else "Closed the same day it was received." if took == "same day"
                else f"Closed {took} after it was received."
            )  # fmt: skip
        why = f"Waiting too long: {timing.waiting}" if timing.waiting else ""
        # "… since it was imported on Thu 3 Dec" says the import already.
        imported = "" if "imported on" in why else timing.imported
        return "\n".join(part for part in (shown, why, imported) if part) or None

    def row_of(self, complaint_id: int) -> int:
        for number, row in enumerate(self._rows):
            if row.id == complaint_id:
                return number
        return -1

    def complaint_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    # --- QAbstractTableModel -------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or self._listing is None or not self._reads.may_read_more:
            return False
        return self._listing.has_more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._listing is None:
            return
        try:
            page = self._listing.next_page()
        except Exception as exc:
            self._reads.met(exc, self.fetchMore)
            return
        if not page:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(self.HEADERS):
                return self.HEADERS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return "Right-click a heading to choose the columns shown"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if 0 <= column < len(self.HEADERS):
                return self._text(row, column, column in self._short)
        elif role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        elif role == Qt.ItemDataRole.ForegroundRole:
            if row.status == CLOSED:
                return CLOSED_COLOUR
            if column in (self.REFERENCE, self.AGE) and row.pace(self._now).waiting:
                return WAITING_COLOUR
        elif role == self.ID_ROLE:
            return row.id
        elif role == Qt.ItemDataRole.AccessibleTextRole and column == self.REFERENCE:
            closed = ", closed" if row.status == CLOSED else ""
            return f"Complaint {row.reference} from {row.customer}{closed}"
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.SORTS):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        query = ListQuery(
            status=self._query.status,
            text=self._query.text,
            sort=self.SORTS[column],
            descending=descending,
        )
        if self._listing is None:
            self._query = query  # not shown yet: the first reload reads it
        else:
            self.set_query(query)
