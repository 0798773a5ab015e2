"""The import window's Columns page: how each column of the owner's file is read.

One line per column: its heading, an example value, and what it fills in a
complaint (a field, the notes, or nothing), as guessed or as the owner chose
last time for the same headings; the owner changes any of them. Above, which
row (or two rows) of the file are read as the headings, with the others the
owner may pick instead, and what else reading the file found (a title above
the headings, phone numbers Excel saved as numbers). Below, each of the file's
status words with open or closed. What stops the rows being
read this way (a field filled twice, a needed field missing) is said under
the table. The rules are in models/column_guess.py and models/import_mapping.py.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models import display
from models.choices import CLOSED, OPEN
from models.column_guess import guess_status, status_key, status_words
from models.import_mapping import (
    TARGETS,
    ColumnMapping,
    Proposal,
    mapping_problems,
    statuses_for,
    target_hint,
    target_label,
)
from models.log_csv_columns import STATUS_COLUMN
from models.log_csv_rows import NO_STATUS_MEANS
from models.log_table import Table
from models.text import shorten
from ui.fit import wheel_scrolls_past

_STATUS_LABELS = ((OPEN, "Open"), (CLOSED, "Closed"))


def _plain_label(name: str, text: str = "") -> QLabel:
    label = QLabel(text, objectName=name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _item(text: str, tip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(shorten(text, 80))
    item.setFlags(Qt.ItemFlag.ItemIsEnabled)
    item.setToolTip(tip or text)
    return item


def _table(name: str, headings: list[str], accessible: str) -> QTableWidget:
    table = QTableWidget(0, len(headings), objectName=name)
    table.setHorizontalHeaderLabels(headings)
    table.setAccessibleName(accessible)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.verticalHeader().setVisible(False)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return table


class ColumnsPage(QWidget):
    """Shows a proposal for a table and lets the owner change it."""

    changed = Signal()
    # The owner picked other rows as the headings: (first, last) as the file numbers them.
    heading_rows_chosen = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("columns_page")
        self._table: Table | None = None
        self._statuses: dict[str, str] = {}
        self._confirmed: frozenset[str] = frozenset()  # status words set before
        # The rows offered as the headings, (first, last), by their place in the list.
        self._heading_choices: list[tuple[int, int]] = []
        self.intro = _plain_label(
            "columns_intro",
            "How each column of your file is read. Change any that is wrong; a column "
            "with no place in a complaint can be added to its notes or left out.",
        )
        self.remembered = _plain_label("columns_remembered")
        self.heading_said = _plain_label("heading_said")
        self.heading_rows = QComboBox(objectName="heading_rows")
        self.heading_rows.setAccessibleName("The rows of the file read as the headings")
        self.heading_rows.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.heading_rows.setMinimumContentsLength(30)
        self.heading_rows.activated.connect(self._on_heading_rows_activated)
        self.reading_notes = _plain_label("reading_notes")
        self.columns = _table(
            "columns",
            ["Column", "Example", "Read as", "Guessed from"],
            "How each column of the file is read",
        )
        self.status_title = _plain_label(
            "status_title", "What each status in your file means (open complaints get follow-ups):"
        )
        self.statuses = _table(
            "status_words",
            ["Status in the file", "Rows", "Means", ""],
            "What each status word means",
        )
        self.problems = _plain_label("column_problems")
        self.problems.setStyleSheet("color: #b00020;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        headings_row = QHBoxLayout()
        headings_row.addWidget(self.heading_said, 1)
        headings_row.addWidget(self.heading_rows, 1)
        layout.addWidget(self.intro)
        layout.addLayout(headings_row)
        layout.addWidget(self.reading_notes)
        layout.addWidget(self.remembered)
        layout.addWidget(self.columns, 3)
        layout.addWidget(self.status_title)
        layout.addWidget(self.statuses, 2)
        layout.addWidget(self.problems)

    # --- showing a proposal -------------------------------------------------------
    def show_proposal(self, table: Table, proposal: Proposal) -> None:
        self._table = table
        self._statuses = dict(proposal.mapping.statuses)
        self._confirmed = proposal.confirmed_statuses
        self.remembered.setText(
            "Read as you set it for your last file with these headings."
            if proposal.remembered
            else ""
        )
        self.remembered.setVisible(proposal.remembered)
        self._show_heading_rows(table)
        samples = table.samples()
        self.columns.setRowCount(table.width)
        for position in range(table.width):
            name = table.column_name(position)
            example = samples[position][0] if samples[position] else ""
            self.columns.setItem(position, 0, _item(name))
            self.columns.setItem(position, 1, _item(example))
            combo = QComboBox(objectName=f"column_{position}")
            combo.setAccessibleName(f"What the column {name} holds")
            for target in TARGETS:
                combo.addItem(target_label(target), target)
                hint = target_hint(target)
                if hint:
                    combo.setItemData(combo.count() - 1, hint, Qt.ItemDataRole.ToolTipRole)
            combo.setCurrentIndex(TARGETS.index(proposal.mapping.fields[position]))
            combo.currentIndexChanged.connect(self._on_column_changed)
            wheel_scrolls_past(combo)
            self.columns.setCellWidget(position, 2, combo)
            why = (
                "what you chose last time for these headings"
                if proposal.remembered
                else proposal.guesses[position].why
            )
            self.columns.setItem(position, 3, _item(why[:1].upper() + why[1:]))
        self.columns.resizeColumnsToContents()
        for column in (0, 1):
            self.columns.setColumnWidth(column, min(self.columns.columnWidth(column), 240))
        self.columns.setColumnWidth(2, max(self.columns.columnWidth(2), 230))
        self._show_status_words()
        self._show_problems()

    def _show_heading_rows(self, table: Table) -> None:
        taken = table.heading_rows
        self.heading_said.setText(
            f"The headings are read from {taken.said()} of the file. If that is wrong, "
            "pick the row with the headings:"
        )
        self.heading_rows.clear()
        self._heading_choices = [choice.rows for choice in table.heading_choices]
        for choice in table.heading_choices:
            self.heading_rows.addItem(choice.label)
            self.heading_rows.setItemData(
                self.heading_rows.count() - 1, choice.label, Qt.ItemDataRole.ToolTipRole
            )
        if taken.rows in self._heading_choices:
            self.heading_rows.setCurrentIndex(self._heading_choices.index(taken.rows))
        shown = bool(table.heading_choices)
        self.heading_said.setVisible(shown)
        self.heading_rows.setVisible(shown)
        self.reading_notes.setText("\n".join(table.notes))
        self.reading_notes.setVisible(bool(table.notes))

    @Slot(int)
    def _on_heading_rows_activated(self, index: int) -> None:
        if self._table is None or not 0 <= index < len(self._heading_choices):
            return
        first, last = self._heading_choices[index]
        if (first, last) != self._table.heading_rows.rows:
            self.heading_rows_chosen.emit(first, last)

    def _combo(self, position: int) -> QComboBox:
        return self.columns.cellWidget(position, 2)  # type: ignore[return-value]

    def _fields(self) -> tuple[str, ...]:
        if self._table is None:
            return ()
        return tuple(self._combo(p).currentData() for p in range(self._table.width))

    def _show_status_words(self) -> None:
        table = self._table
        fields = self._fields()
        self.statuses.setRowCount(0)
        position = next((p for p, f in enumerate(fields) if f == STATUS_COLUMN), None)
        shown = table is not None and position is not None
        self.status_title.setVisible(shown)
        self.statuses.setVisible(shown)
        if table is None or position is None:
            return
        self._statuses = statuses_for(table, fields, self._statuses)
        words = status_words(table.values_of(position))
        blank = sum(1 for value in table.values_of(position) if not value.strip())
        self.statuses.setRowCount(len(words) + (1 if blank else 0))
        if blank:  # said, so the owner sees where those rows go
            last = len(words)
            self.statuses.setItem(last, 0, _item("(no status)"))
            self.statuses.setItem(last, 1, _item(display.count(blank, "row")))
            self.statuses.setItem(last, 2, _item(NO_STATUS_MEANS))
        for row, (word, count) in enumerate(words):
            self.statuses.setItem(row, 0, _item(word))
            self.statuses.setItem(row, 1, _item(display.count(count, "row")))
            combo = QComboBox(objectName=f"status_{row}")
            combo.setAccessibleName(f"What the status {word} means")
            for key, label in _STATUS_LABELS:
                combo.addItem(label, key)
            combo.setCurrentIndex(0 if self._statuses[status_key(word)] == OPEN else 1)
            combo.setProperty("word", status_key(word))
            combo.setProperty("row", row)
            combo.currentIndexChanged.connect(self._on_status_changed)
            wheel_scrolls_past(combo)
            self.statuses.setCellWidget(row, 2, combo)
            if guess_status(word) is None and status_key(word) not in self._confirmed:
                self.statuses.setItem(row, 3, _item("A word the app does not know: check it"))
        self.statuses.resizeColumnsToContents()
        self.statuses.setColumnWidth(0, min(self.statuses.columnWidth(0), 240))
        self.statuses.setColumnWidth(2, max(self.statuses.columnWidth(2), 160))

    def _show_problems(self) -> None:
        # An empty file has no columns to be wrong: the wizard says it is empty, once.
        empty = self._table is not None and self._table.is_empty
        found = [] if empty else self.problems_found()
        self.problems.setText("\n".join(found))
        self.problems.setVisible(bool(found))
        self.changed.emit()

    # --- what the owner chose -------------------------------------------------------
    def mapping(self) -> ColumnMapping:
        return ColumnMapping(self._fields(), dict(self._statuses))

    def problems_found(self) -> list[str]:
        if self._table is None:
            return ["Choose a file first."]
        return mapping_problems(self._table, self.mapping())

    def set_column(self, position: int, target: str) -> None:
        """Read the column at ``position`` as ``target`` (as choosing it in its list does)."""
        self._combo(position).setCurrentIndex(TARGETS.index(target))

    @Slot(int)
    def _on_column_changed(self, _index: int) -> None:
        combo = self.sender()
        if isinstance(combo, QComboBox) and self._table is not None:
            for position in range(self._table.width):
                if self._combo(position) is combo:  # its reason is now the owner's choice
                    self.columns.setItem(position, 3, _item("Chosen by you"))
        self._show_status_words()
        self._show_problems()

    @Slot(int)
    def _on_status_changed(self, _index: int) -> None:
        combo = self.sender()
        if isinstance(combo, QComboBox):
            word = str(combo.property("word"))
            self._statuses[word] = combo.currentData()
            # The owner has said what the word means: no longer one to check.
            self._confirmed = self._confirmed | {word}
            hint = self.statuses.item(int(combo.property("row")), 3)
            if hint is not None and hint.text():
                hint.setText("As you chose")
        self.changed.emit()
