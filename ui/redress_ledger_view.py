"""The redress ledger under the Insights charts: every redress given on the period's
complaints, its totals by kind and by month, and an export to Excel or CSV."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models import display
from models.errors import ComplaintDeskError
from models.redress_ledger import LedgerTotal, RedressLedger, export_to_file
from ui import file_dialogs, messages
from ui.workers import run_in_background

Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
PAGE = 200  # rows shown at a time; more as the list is scrolled


class LedgerModel(QAbstractTableModel):
    """A row per redress given, oldest first, loaded a page at a time."""

    RECEIVED, REFERENCE, CUSTOMER, KIND, VALUE = range(5)
    HEADINGS = ("Received", "Reference", "Customer", "Redress", "Value")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.ledger: RedressLedger | None = None
        self._shown = 0

    def show_ledger(self, ledger: RedressLedger | None) -> None:
        self.beginResetModel()
        self.ledger = ledger
        self._shown = min(PAGE, len(ledger.entries)) if ledger else 0
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._shown

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADINGS)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return (
            not parent.isValid()
            and self.ledger is not None
            and (self._shown < len(self.ledger.entries))
        )

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self.ledger is None:
            return
        more = min(PAGE, len(self.ledger.entries) - self._shown)
        if more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if not 0 <= section < len(self.HEADINGS):
            return None
        if section == self.VALUE and self.ledger is not None:
            return display.money_heading("Value", self.ledger.currency)
        return self.HEADINGS[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if self.ledger is None or not index.isValid() or not 0 <= index.row() < self._shown:
            return None
        entry = self.ledger.entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if column == self.VALUE else None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if column == self.RECEIVED:
            return display.day_with_year(entry.received)
        if column == self.REFERENCE:
            return entry.reference
        if column == self.CUSTOMER:
            return " ".join(entry.customer.split())
        if column == self.KIND:
            return entry.kind
        if column == self.VALUE:
            return "" if entry.value is None else display.money(entry.value, self.ledger.currency)
        return None


class TotalsModel(QAbstractTableModel):
    """Totals by kind or by month, with a last row for them all."""

    def __init__(self, heading: str, months: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.heading = heading
        self.months = months  # the rows are months, as "2026-03"
        self.ledger: RedressLedger | None = None
        self.rows: list[LedgerTotal] = []

    def show_totals(self, ledger: RedressLedger, rows: list[LedgerTotal], last: str) -> None:
        self.beginResetModel()
        self.ledger = ledger
        whole = ledger.total
        self.rows = [*rows, LedgerTotal(last, whole.given, whole.value, whole.valued)]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == 2 and self.ledger is not None:
            return display.money_heading("Value", self.ledger.currency)
        return (self.heading, "Given", "Value")[section] if 0 <= section < 3 else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if self.ledger is None or not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        total = self.rows[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if index.column() else None
        if role == Qt.ItemDataRole.FontRole and index.row() == len(self.rows) - 1:
            from PySide6.QtGui import QFont

            bold = QFont()
            bold.setBold(True)
            return bold
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if index.column() == 0:
            last = index.row() == len(self.rows) - 1
            return display.month_of(total.name) if self.months and not last else total.name
        if index.column() == 1:
            return f"{total.given:,}"
        currency = self.ledger.currency
        return total.value_words(lambda value: display.money(value, currency))


def _table(name: str, label: str, model: QAbstractTableModel) -> QTableView:
    table = QTableView(objectName=name)
    table.setAccessibleName(label)
    table.setModel(model)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.setWordWrap(False)
    return table


class RedressLedgerView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("redress_ledger")
        self.ledger: RedressLedger | None = None
        title = QLabel("<b>Redress ledger</b>")
        self.summary = QLabel(objectName="ledger_summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.export_button = QPushButton("Export ledger…", objectName="ledger_export")
        self.export_button.setAccessibleName("Export the redress ledger to Excel or CSV")
        self.export_button.setEnabled(False)
        self.model = LedgerModel(self)
        self.by_kind = TotalsModel("Redress", parent=self)
        self.by_month = TotalsModel("Month", months=True, parent=self)
        self.table = _table("ledger_table", "Redress given", self.model)
        self.table.setMinimumHeight(self._rows_height(self.table, 10))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(LedgerModel.CUSTOMER, QHeaderView.ResizeMode.Stretch)
        self.kind_table = _table("ledger_by_kind", "Redress totals by kind", self.by_kind)
        self.month_table = _table("ledger_by_month", "Redress totals by month", self.by_month)
        for table in (self.kind_table, self.month_table):
            # The figures whole ("£1,239.00 + 2 with no value"); the names take the rest.
            header = table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            table.setMinimumHeight(self._rows_height(table, 8))
        top = QHBoxLayout()
        top.addWidget(title)
        top.addWidget(self.summary, 1)
        top.addWidget(self.export_button)
        totals = QHBoxLayout()
        totals.addWidget(self.kind_table, 1)
        totals.addWidget(self.month_table, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 2)
        layout.addLayout(totals, 1)
        self.export_button.clicked.connect(self._on_export_clicked)

    @staticmethod
    def _rows_height(table: QTableView, rows: int) -> int:
        """Room for the heading and ``rows`` rows."""
        header = table.horizontalHeader().sizeHint().height()
        return header + rows * table.verticalHeader().defaultSectionSize() + 4

    def show_ledger(self, ledger: RedressLedger) -> None:
        self.ledger = ledger
        self.model.show_ledger(ledger)
        self.by_kind.show_totals(ledger, ledger.by_kind, "All redress")
        self.by_month.show_totals(ledger, ledger.by_month, "All months")
        whole = ledger.total
        unvalued = whole.given - whole.valued
        worth = (
            "with no value given"
            if not whole.valued
            else f"worth {display.money(whole.value, ledger.currency)}"
            # Of the things counted, not more of them: "7 things … and 1 with no value"
            # read as eight.
            + (f" ({unvalued:,} of them with no value given)" if unvalued else "")
        )
        self.summary.setText(
            f"{display.count(whole.given, 'thing')} given to put complaints right (on those "
            f"received in the period), {worth}."
            if whole.given
            else "No redress given on the complaints received in the period."
        )
        self.export_button.setEnabled(bool(whole.given))

    # --- export -----------------------------------------------------------------------
    def export(self, target: Path) -> None:
        """Write the ledger to ``target`` off the window's thread; say how it went."""
        ledger = self.ledger
        if ledger is None:
            return
        self.export_button.setEnabled(False)

        def done(_result: object) -> None:
            self.export_button.setEnabled(True)
            file_dialogs.remember("ledger", target)
            messages.inform(self, "Exported", f"The redress ledger is in {target}.")

        def failed(error: BaseException) -> None:
            self.export_button.setEnabled(True)
            if not isinstance(error, ComplaintDeskError):
                raise error
            messages.warn(self, "Not exported", str(error))

        run_in_background(lambda: export_to_file(target, ledger), done, failed)

    @Slot()
    def _on_export_clicked(self) -> None:
        if self.ledger is None:
            return
        period = self.ledger.period
        from ui.export_dialog import choose_file

        suggested = f"redress-ledger-{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx"
        target = choose_file(self, "ledger", "Export redress ledger", suggested)
        if target is not None:
            self.export(target)
