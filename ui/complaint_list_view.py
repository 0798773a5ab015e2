"""The complaints log: search box, open/closed filter, the sortable table."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.complaint_list import ListQuery, log_is_empty
from ui.complaint_table_model import ComplaintTableModel


class ComplaintListView(QWidget):
    complaint_selected = Signal(object)  # complaint id, or None
    new_requested = Signal()
    sample_data_requested = Signal()

    STATUS_CHOICES = (("Open", "open"), ("Closed", "closed"), ("All", "all"))
    # Columns left to right: what an owner needs in view first.
    SHOWN_ORDER = (
        ComplaintTableModel.REFERENCE,
        ComplaintTableModel.CUSTOMER,
        ComplaintTableModel.AGE,
        ComplaintTableModel.RECEIVED,
        ComplaintTableModel.STAGE,
        ComplaintTableModel.CATEGORY,
    )
    # The columns that give way on a narrow screen, the first first.
    GIVE_WAY = (
        ComplaintTableModel.CATEGORY,
        ComplaintTableModel.STAGE,
        ComplaintTableModel.RECEIVED,
    )

    def __init__(self, model: ComplaintTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model

        self.search = QLineEdit(objectName="search")
        self.search.setPlaceholderText(
            "Search reference, name, phone, email or words  (Ctrl+F; Esc clears)"
        )
        self.search.setAccessibleName("Search complaints")
        self.status_filter = QComboBox(objectName="status_filter")
        self.status_filter.setAccessibleName("Show open, closed or all complaints")
        for label, key in self.STATUS_CHOICES:
            self.status_filter.addItem(label, key)

        self.table = QTableView(objectName="complaints_table")
        self.table.setAccessibleName("Complaints")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        # Tab moves on to the next control: the arrow keys walk the rows.
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        # What an owner looks for comes first, left to right, and stays in view
        # (see _fit_columns): the reference, the customer's name, the ⚠ mark.
        for position, column in enumerate(self.SHOWN_ORDER):
            header.moveSection(header.visualIndex(column), position)
        header.setSortIndicator(ComplaintTableModel.RECEIVED, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.viewport().installEventFilter(self)
        self._fit_columns()

        self.no_match = QLabel(objectName="no_match")
        self.no_match.setTextFormat(Qt.TextFormat.PlainText)
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.no_match.setWordWrap(True)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.no_match)
        self.pages.addWidget(self._empty_log_page())

        self.summary = QLabel(objectName="list_summary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.status_filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.summary)

        self.search.installEventFilter(self)
        self.search.textChanged.connect(self._on_search_text_changed)
        self.search.returnPressed.connect(self._on_search_return_pressed)
        self.status_filter.currentIndexChanged.connect(self._on_status_filter_changed)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.table.activated.connect(self._on_row_activated)
        model.total_changed.connect(self._on_total_changed)
        model.modelReset.connect(self._on_model_reset)

    def _empty_log_page(self) -> QWidget:
        page = QWidget(objectName="empty_log")
        title = QLabel("No complaints yet")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text = QLabel(
            "When a customer brings you a problem, press Ctrl+N (or New complaint) and type "
            "their name and what happened. It is kept on this computer as you type."
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        new = QPushButton("New complaint", objectName="empty_new")
        sample = QPushButton("Load sample data to look around", objectName="load_sample")
        new.clicked.connect(self.new_requested)
        sample.clicked.connect(self.sample_data_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(new)
        buttons.addWidget(sample)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        layout.addStretch(2)
        return page

    # --- filters -------------------------------------------------------
    def current_query(self) -> ListQuery:
        base = self.model.query
        return ListQuery(
            status=self.status_filter.currentData(),
            text=self.search.text(),
            sort=base.sort,
            descending=base.descending,
        )

    def refresh(self, select_id: int | None = None) -> None:
        """Read the list again, keeping (or moving) the selection."""
        keep = select_id if select_id is not None else self.selected_id()
        self.model.set_query(self.current_query())
        if keep is not None:
            self.select(keep)

    def reread_in_place(self) -> None:
        """Read the list again after a change made elsewhere, keeping the filter,
        the selection, as many rows as were loaded and the scroll position; the
        complaint shown is left alone (no complaint_selected)."""
        keep = self.selected_id()
        loaded = self.model.rowCount()
        scroll = self.table.verticalScrollBar().value()
        self.blockSignals(True)
        try:
            self.model.reload()
            while self.model.rowCount() < loaded and self.model.canFetchMore():
                self.model.fetchMore()
            row = self.model.row_of(keep) if keep is not None else -1
            if row >= 0:
                self.table.selectRow(row)
        finally:
            self.blockSignals(False)
        self.table.verticalScrollBar().setValue(scroll)

    #: Pages read at most to find a complaint chosen before the list was read again.
    FIND_PAGES = 50

    def select(self, complaint_id: int) -> bool:
        row = self.model.row_of(complaint_id)
        pages = 0
        # After a save the list is read afresh from its first page: a complaint that
        # was further down is found by reading on, as scrolling would.
        while row < 0 and pages < self.FIND_PAGES and self.model.canFetchMore():
            self.model.fetchMore()
            pages += 1
            row = self.model.row_of(complaint_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.complaint_id(rows[0].row()) if rows else None

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _column_widths(self) -> dict[int, int]:
        """Each column's width when there is room: wide enough for what it shows."""
        metrics = self.table.fontMetrics()
        pad = 18

        def fits(*texts: str) -> int:
            return max(metrics.horizontalAdvance(text) for text in texts) + pad

        model = ComplaintTableModel
        return {
            model.REFERENCE: fits("C-2026-00000", "Reference"),
            model.RECEIVED: fits("Wed 28 Nov 10:10", "Received"),
            model.CUSTOMER: fits("Margaret Kowalczyk-Ng", "Customer"),
            model.CATEGORY: fits("Wrong item or size supplied"),
            model.STAGE: fits("Get the facts", "Stage"),
            model.AGE: fits("⚠ 14 days", "Age"),
        }

    def _fit_columns(self) -> None:
        """Share the width: the reference, the customer's name and the age with
        its ⚠ mark always get what they need, left to right; the Category column
        gives way first, then Stage, then Received, each down to its heading
        (their tooltips say them whole); what is still too wide of those three
        scrolls sideways. The Customer column takes any width left over."""
        widths = self._column_widths()
        metrics = self.table.horizontalHeader().fontMetrics()
        over = sum(widths.values()) - self.table.viewport().width()
        for column in self.GIVE_WAY:
            if over <= 0:
                break
            heading = str(self.model.HEADERS[column])
            least = metrics.horizontalAdvance(heading) + 18
            cut = max(0, min(over, widths[column] - least))
            widths[column] -= cut
            over -= cut
        if over < 0:
            widths[ComplaintTableModel.CUSTOMER] -= over
        header = self.table.horizontalHeader()
        for column, width in widths.items():
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
            return False
        # Esc in the search box clears it.
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape  # type: ignore[attr-defined]
            and self.search.text()
        ):
            self.search.clear()
            return True
        return super().eventFilter(watched, event)

    # --- slots ----------------------------------------------------------
    @Slot(str)
    def _on_search_text_changed(self, _text: str) -> None:
        self.model.set_query(self.current_query())

    @Slot()
    def _on_search_return_pressed(self) -> None:
        if self.model.rowCount() > 0:
            self.table.setFocus()
            self.table.selectRow(0)

    @Slot(int)
    def _on_status_filter_changed(self, _index: int) -> None:
        self.refresh()

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, *_args) -> None:
        self.complaint_selected.emit(self.selected_id())

    @Slot(QModelIndex)
    def _on_row_activated(self, index: QModelIndex) -> None:
        self.complaint_selected.emit(self.model.complaint_id(index.row()))

    @Slot()
    def _on_model_reset(self) -> None:
        self.complaint_selected.emit(None)

    @Slot(int, bool)
    def _on_total_changed(self, total: int, at_least: bool) -> None:
        query = self.model.query
        if total == 0 and not query.text.strip() and log_is_empty():
            self.pages.setCurrentIndex(2)
        elif total == 0 and not query.text.strip():
            self.no_match.setText(f"No {query.status} complaints. Choose “All” to see the rest.")
            self.pages.setCurrentIndex(1)
        elif total == 0:
            self.no_match.setText(f"No complaints match “{query.text.strip()}”.")
            self.pages.setCurrentIndex(1)
        else:
            self.pages.setCurrentIndex(0)
        what = {"open": "open complaints", "closed": "closed complaints"}.get(
            query.status, "complaints"
        )
        number = f"{total:,}+" if at_least else f"{total:,}"
        if total == 1 and not at_least:
            what = what.removesuffix("s")
        found = ""
        if query.text.strip():
            found = " matches" if total == 1 and not at_least else " match"
        self.summary.setText(f"{number} {what}{found}")
        self.summary.setVisible(self.pages.currentIndex() != 2)
