"""The complaints log: search box, open/closed filter, the sortable table."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, QObject, QPoint, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from models.complaint_list import ListQuery, log_is_empty
from ui.complaint_table_model import ComplaintTableModel
from ui.focus_marks import first_arrow_chooses, selection_shows_focus


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
    # How they give way, step by step, until the log fits: shorter wording first.
    GIVE_WAY_STEPS = (
        (ComplaintTableModel.RECEIVED, "short"),
        (ComplaintTableModel.STAGE, "short"),
        (ComplaintTableModel.CATEGORY, "hide"),
        (ComplaintTableModel.CUSTOMER, "cut"),  # a long name, to NAME_KEEPS_CHARS
        (ComplaintTableModel.STAGE, "hide"),
        (ComplaintTableModel.RECEIVED, "hide"),
    )

    SHORTENS = frozenset(column for column, step in GIVE_WAY_STEPS if step == "short")

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
        selection_shows_focus(self.table)
        first_arrow_chooses(self.table)
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
        self._widths: dict[object, int] = {}  # (column, short) or "ordinary" -> pixels
        self._headings: dict[int, int] = {}  # each heading's width, kept while it is hidden
        self._chosen: dict[int, bool] = {}  # the owner's choice from the headings' menu
        self._fitting = False
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._on_header_menu_requested)
        for signal in (model.modelReset, model.rowsInserted, model.dataChanged):
            signal.connect(self._on_contents_changed)
        header.sortIndicatorChanged.connect(self._on_contents_changed)
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
        model.not_read.connect(self._on_not_read)
        model.modelReset.connect(self._on_model_reset)

    def _empty_log_page(self) -> QWidget:
        page = QWidget(objectName="empty_log")
        title = QLabel("No complaints yet")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        from models.db import server_database

        server = server_database()
        kept = (
            f"It is kept on the shop's server ({server.place}) as you type, for every counter."
            if server is not None
            else "It is kept on this computer as you type."
        )
        text = QLabel(
            "When a customer brings you a problem, press Ctrl+N (or New complaint) and type "
            f"their name and what happened. {kept}",
            objectName="empty_log_text",
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

    #: Room around a cell's text (the style's margins and the grid line, with air).
    CELL_PAD = 14

    # The most of a customer's name the Customer column asks room for.
    CUSTOMER_MOST_CHARS = 40
    # Beside a column the owner chose, a name is cut to make room for it only
    # beyond this many characters.
    NAME_KEEPS_CHARS = 26

    def _ordinary_names(self) -> int:
        """The width the names of at most NAME_KEEPS_CHARS characters need."""
        if "ordinary" not in self._widths:
            metrics = self.table.fontMetrics()
            texts = self.model.column_texts(ComplaintTableModel.CUSTOMER)
            self._widths["ordinary"] = self.CELL_PAD + max(
                (metrics.horizontalAdvance(t) for t in texts if len(t) <= self.NAME_KEEPS_CHARS),
                default=0,
            )
        return self._widths["ordinary"]

    def _name_keeps(self) -> int:
        return self.table.fontMetrics().averageCharWidth() * self.NAME_KEEPS_CHARS + self.CELL_PAD

    def _needed(self, column: int, *, short: bool = False) -> int:
        """The width a column needs to show its heading and every loaded row whole."""
        key = (column, short)
        if key not in self._widths:
            metrics = self.table.fontMetrics()
            texts = self.model.column_texts(column, short=short)
            widest = max((metrics.horizontalAdvance(text) for text in texts), default=0)
            if column == ComplaintTableModel.CUSTOMER:
                # One very long name is cut (said whole on hover) rather than push
                # every other column of every row out of sight.
                widest = min(widest, metrics.averageCharWidth() * self.CUSTOMER_MOST_CHARS)
            self._widths[key] = max(widest + self.CELL_PAD, self._heading_width(column))
        return self._widths[key]

    def _heading_width(self, column: int) -> int:
        """The width a column's heading needs, hidden or not: Qt gives 0 for a hidden
        one, which made a column that had given way and held only empty cells (an
        imported log's categories) come back squeezed to "C." at the next refresh."""
        hint = self.table.horizontalHeader().sectionSizeHint(column)
        if hint > 0:
            self._headings[column] = hint
        return self._headings.get(column, hint)

    def _fit_columns(self) -> None:
        """Share the width so that nothing shows cut: the reference, the customer's
        name and the age with its ⚠ mark always show, left to right. When the rest do
        not fit whole, Received says the day alone, then Stage a short name (their
        tooltips say them whole); then Category gives way, then a long name is cut
        (said whole on hover), then Stage and Received give way, hidden until there
        is room (or the owner brings one back from the headings' menu). The
        Customer column takes any width left over."""
        model = ComplaintTableModel
        short: set[int] = set()
        shown = {column: self._chosen.get(column, True) for column in self.GIVE_WAY}

        room = self.table.viewport().width()
        # The names never ask for more than the reference, the age and the columns
        # the owner chose to see leave: a very long one is cut (said whole on hover)
        # rather than push them out of sight.
        chosen = sum(
            self._needed(column, short=column in self.SHORTENS)
            for column, on in self._chosen.items()
            if on
        )
        beside = room - self._needed(model.REFERENCE) - self._needed(model.AGE)
        if chosen:  # names of an ordinary length stay whole: the log scrolls instead
            beside = max(beside - chosen, self._name_keeps())
        names_most = max(self._heading_width(model.CUSTOMER), beside)
        # Before Stage and Received give way to a name longer than NAME_KEEPS_CHARS,
        # it is cut to the room they leave; the other names stay whole.
        least = max(self._heading_width(model.CUSTOMER), self._ordinary_names())
        cut = False

        def width(column: int) -> int:
            needed = self._needed(column, short=column in short)
            if column != model.CUSTOMER:
                return needed
            if cut:
                others = sum(
                    width(c)
                    for c in range(self.model.columnCount())
                    if c != model.CUSTOMER and shown.get(c, True)
                )
                return min(needed, names_most, max(least, room - others))
            return min(needed, names_most)

        def total() -> int:
            return sum(width(c) for c in range(self.model.columnCount()) if shown.get(c, True))

        for column, step in self.GIVE_WAY_STEPS:
            if total() <= room:
                break
            if step == "short" and shown[column]:
                short.add(column)
            elif step == "cut":
                cut = True
            elif step == "hide" and column not in self._chosen:
                shown[column] = False
        # Room freed by a hidden column gives a shortened one its whole wording back.
        for column in sorted(short, key=self.GIVE_WAY.index, reverse=True):
            short.discard(column)
            if total() > room:
                short.add(column)
        self._fitting = True
        try:
            self.model.set_short(frozenset(short))
            widths = {c: width(c) for c in range(self.model.columnCount())}
            widths[model.CUSTOMER] += max(0, room - total())
            header = self.table.horizontalHeader()
            for column, width_ in widths.items():
                hidden = not shown.get(column, True)
                if header.isSectionHidden(column) != hidden:
                    header.setSectionHidden(column, hidden)
                if not hidden and header.sectionSize(column) != width_:
                    header.resizeSection(column, width_)
        finally:
            self._fitting = False

    def _on_contents_changed(self, *_args) -> None:
        self._widths.clear()
        if not self._fitting:
            self._fit_columns()

    @Slot(QPoint)
    def _on_header_menu_requested(self, position: QPoint) -> None:
        """The headings' menu: show or hide the columns that give way."""
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        menu.setObjectName("log_columns_menu")
        for column in self.GIVE_WAY[::-1]:
            action = menu.addAction(f"Show {self.model.HEADERS[column]}")
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.setData(column)
        chosen = menu.exec(header.viewport().mapToGlobal(position))
        if chosen is not None:
            self.choose_column(int(chosen.data()), chosen.isChecked())

    def choose_column(self, column: int, shown: bool) -> None:
        """The owner's choice from the headings' menu: this column shown (others give
        way; if they are not enough the log scrolls sideways) or hidden."""
        self._chosen[column] = shown
        self._fit_columns()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
            return False
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()  # Esc in the search box clears it
                return True
            if key == Qt.Key.Key_Down:  # on to the complaints found
                self._on_search_return_pressed()
                return True
            alt = Qt.KeyboardModifier.AltModifier
            if event.modifiers() & alt and event.text():  # type: ignore[attr-defined]
                # Alt with a letter no control answers (a tab hidden while no
                # complaint is open) types nothing into the search.
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

    @Slot()
    def _on_not_read(self) -> None:
        """The search or filter just asked for could not be read: say so rather
        than leave the rows of the one before as if they matched."""
        words = self.model.query.text.strip()
        what = f"The search for “{words}”" if words else "The list"
        self.no_match.setText(f"{what} could not be read just now: the message above says why.")
        self.pages.setCurrentIndex(1)
        self.summary.setText("")

    @Slot(int, bool)
    def _on_total_changed(self, total: int, at_least: bool) -> None:
        query = self.model.query
        if total == 0 and not query.text.strip() and log_is_empty():
            self.pages.setCurrentIndex(2)
        elif total == 0 and not query.text.strip():
            self.no_match.setText(f"No {query.status} complaints. Choose “All” to see the rest.")
            self.pages.setCurrentIndex(1)
        elif total == 0:
            words = query.text.strip()
            elsewhere = self.model.matching_in_the_other_status()
            if elsewhere:
                other = "closed" if query.status == "open" else "open"
                ones = (
                    f"1 {other} one matches"
                    if elsewhere == 1
                    else f"{elsewhere:,} {other} ones match"
                )
                self.no_match.setText(
                    f"No {query.status} complaints match “{words}”, but {ones}."
                    " Choose “All” to see them."
                )
            else:
                self.no_match.setText(f"No complaints match “{words}”.")
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
