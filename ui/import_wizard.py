"""Import complaints from a CSV file or an Excel workbook, in two steps.

Choose the file (and the sheet, when a workbook has several). *Columns*: see
how each column is read, as guessed from its headings and content or as set
for the last file with the same headings, and what each status word means;
change any of it. *Check*: see the first rows and every problem (with its row
as the spreadsheet shows it), then import all of it or none. Rows already in
the log are shown greyed and skipped.

Reading, checking and importing happen off the window's thread, so a big file
never freezes the window; nothing is written until Import is pressed. The rules
are in models/log_table.py, models/import_mapping.py and models/log_csv.py.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSignalBlocker, Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models import display
from models.errors import ComplaintDeskError
from models.import_mapping import Proposal, propose, remember
from models.log_csv import ImportCancelled, ImportPlan, check_table, import_log, row_of
from models.log_table import Table, read_table
from models.settings import user_name
from models.text import shorten
from ui import file_dialogs, messages
from ui.fit import fit_to_screen
from ui.import_columns import ColumnsPage
from ui.workers import closing_connection, run_in_background

# Problems listed in the report; the rest are counted.
MAX_LISTED = 500
FILE_FILTER = (
    "Spreadsheets (*.csv *.xlsx *.ods *.txt *.tsv);;CSV files (*.csv *.txt *.tsv);;"
    "Excel workbooks (*.xlsx);;LibreOffice spreadsheets (*.ods);;All files (*)"
)
_PROBLEM_BACKGROUND = QColor("#fde7e9")
_SKIPPED_BACKGROUND = QColor("#e8e8e8")
SKIPPED_TIP = "Already in the log: this row is skipped."
COLUMNS_PAGE, CHECK_PAGE = 0, 1


def _stamp(path: Path) -> tuple[int, int] | None:
    """When the file was last changed, and its size: whether it changed since it was read."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size


def _plain_label(name: str, text: str = "") -> QLabel:
    label = QLabel(text, objectName=name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _button(text: str, name: str, accessible: str) -> QPushButton:
    button = QPushButton(text, objectName=name)
    button.setAutoDefault(False)
    button.setAccessibleName(accessible)
    return button


def _listed(problems: list[str]) -> list[str]:
    """The first MAX_LISTED problems, and how many more."""
    more = [f"… and {len(problems) - MAX_LISTED:,} more."] if len(problems) > MAX_LISTED else []
    return [*problems[:MAX_LISTED], *more]


class ImportWizard(QDialog):
    imported = Signal(int)
    # (complaints written, of how many), sent from the import's worker thread.
    import_progressed = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._busy = False
        self._importing = False
        # Set by Cancel while importing: the import stops and writes nothing.
        self._stop = threading.Event()
        # Each reading or checking is numbered; the answer to an older one is dropped.
        self._request = 0
        self.setObjectName("import_wizard")
        self.setWindowTitle("Import complaints")
        fit_to_screen(self, 900, 640)
        self._path: Path | None = None
        self._table: Table | None = None
        self._stamp: tuple[int, int] | None = None  # the file's when it was read
        self._plan: ImportPlan | None = None
        intro = self._build_file_fields()
        self.columns_page = ColumnsPage()
        self.pages = QStackedWidget(objectName="import_pages")
        self.pages.addWidget(self.columns_page)
        self.pages.addWidget(self._check_page())
        self._lay_out(intro)
        self._connect()
        self._show_sheets([])
        self._show_nothing("Choose a file to check.")

    def _build_file_fields(self) -> QLabel:
        """The file chosen, its sheet and how its dates are written; the introduction."""
        intro = _plain_label(
            "import_intro",
            "Choose a CSV file, an Excel workbook (.xlsx) or a LibreOffice spreadsheet "
            "(.ods), saved from Excel, LibreOffice or Complaint Desk. You see how its "
            "columns are read, then every row is checked; nothing is added until you "
            "press Import, and then all of it or none.",
        )
        self.file_name = _plain_label("file_name", "No file chosen yet.")
        self.choose = _button("Choose file…", "choose_file", "Choose the file to import")
        self.sheet_label = _plain_label("sheet_label", "Sheet:")
        self.sheet = QComboBox(objectName="sheet")
        self.sheet.setAccessibleName("The sheet of the workbook to import")
        self.month_first = QCheckBox(
            "Dates are written month first (03/14/2026)", objectName="month_first"
        )
        self.month_first.setAccessibleName("Dates are written month first")
        return intro

    def _check_page(self) -> QWidget:
        """The second page: the first rows as read, what the check found, leaving out."""
        check_page = QWidget(objectName="check_page")
        self.preview = QTableWidget(objectName="preview")
        self.preview.setAccessibleName("The first rows of the file")
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview.setWordWrap(False)
        self.preview.setCornerButtonEnabled(False)
        corner = self.preview.findChild(QAbstractButton)  # the table's top-left corner
        if corner is not None:
            corner.setAccessibleName("Corner of the table of rows")
        self.report = QPlainTextEdit(objectName="report")
        self.report.setAccessibleName("What the check of the file found")
        self.report.setReadOnly(True)
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        check_layout = QVBoxLayout(check_page)
        check_layout.setContentsMargins(0, 0, 0, 0)
        check_layout.addWidget(_plain_label("preview_title", "First rows, as they will be read:"))
        check_layout.addWidget(self.preview, 3)
        check_layout.addWidget(self.report, 2)
        self.leave_out = QCheckBox(
            "&Leave out the rows with problems, and import the rest", objectName="leave_out"
        )
        self.leave_out.setAccessibleName("Leave out the rows with problems, and import the rest")
        self.leave_out.setVisible(False)
        check_layout.addWidget(self.leave_out)
        return check_page

    def _lay_out(self, intro: QLabel) -> None:
        """The file's row above the pages, the verdict and the buttons under them."""
        self.verdict = _plain_label("verdict")
        self.verdict.setStyleSheet("font-weight: bold;")

        self.back = _button("Back", "back", "Back to how the columns are read")
        self.next = _button("Check the rows", "next", "Check every row, read this way")
        self.import_button = _button("Import", "import_button", "Import the complaints")
        self.cancel = _button("Cancel", "cancel", "Cancel the import")

        file_row = QHBoxLayout()
        file_row.addWidget(self.file_name, 1)
        file_row.addWidget(self.sheet_label)
        file_row.addWidget(self.sheet)
        file_row.addWidget(self.choose)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.next)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(file_row)
        layout.addWidget(self.month_first)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.verdict)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        """What choosing and pressing in the wizard do."""
        self.choose.clicked.connect(self._on_choose_clicked)
        self.sheet.activated.connect(self._on_sheet_activated)
        self.month_first.toggled.connect(self._on_month_first_toggled)
        self.leave_out.toggled.connect(self._on_month_first_toggled)  # checked again
        self.columns_page.changed.connect(self._on_columns_changed)
        self.columns_page.heading_rows_chosen.connect(self._on_heading_rows_chosen)
        self.back.clicked.connect(self._on_back_clicked)
        self.next.clicked.connect(self.check_in_background)
        self.import_button.clicked.connect(self.import_in_background)
        self.cancel.clicked.connect(self.reject)
        self.import_progressed.connect(self._on_import_progressed)

    @property
    def plan(self) -> ImportPlan | None:
        return self._plan

    # --- choosing the file ------------------------------------------------
    @Slot()
    def _on_choose_clicked(self) -> None:
        path = file_dialogs.open_file(self, "import", "Import complaints", FILE_FILTER)
        if path:
            self.load_in_background(path)

    @Slot(int)
    def _on_sheet_activated(self, _index: int) -> None:
        if self._path is not None:
            self.load_in_background(self._path, sheet=self.sheet.currentText())

    @Slot(int, int)
    def _on_heading_rows_chosen(self, first: int, last: int) -> None:
        if self._path is not None:
            sheet = self.sheet.currentText() if self.sheet.count() else None
            self.load_in_background(self._path, sheet=sheet, heading_rows=(first, last))

    @Slot(bool)
    def _on_month_first_toggled(self, _checked: bool) -> None:
        if self._table is not None and self.pages.currentIndex() == CHECK_PAGE:
            self._forget_check()
            self.check_in_background()

    @Slot()
    def _on_back_clicked(self) -> None:
        self._forget_check()
        self.pages.setCurrentIndex(COLUMNS_PAGE)
        self._show_buttons()
        self.verdict.setText("")

    @Slot()
    def _on_columns_changed(self) -> None:
        self._forget_check()
        self._show_buttons()

    def _forget_check(self) -> None:
        """Drop what the last check found: it was for another file, columns or date order."""
        self._plan = None
        self.preview.clear()
        self.preview.setRowCount(0)
        self.preview.setColumnCount(0)
        self.report.setPlainText("")

    def _show_sheets(self, sheets: list[str], chosen: str = "") -> None:
        self.sheet.clear()
        self.sheet.addItems(sheets)
        if chosen:
            self.sheet.setCurrentText(chosen)
        several = len(sheets) > 1
        self.sheet.setVisible(several)
        self.sheet_label.setVisible(several)

    def _show_buttons(self) -> None:
        """Which buttons can be pressed, for the page shown and the work under way."""
        on_columns = self.pages.currentIndex() == COLUMNS_PAGE
        plan = self._plan
        for widget in (self.choose, self.sheet, self.month_first, self.columns_page):
            widget.setEnabled(not self._busy)
        self.cancel.setEnabled(not self._stop.is_set())
        self.back.setVisible(not on_columns and self._table is not None)
        self.back.setEnabled(not self._busy)
        self.next.setVisible(on_columns)
        self.next.setEnabled(
            on_columns
            and not self._busy
            and self._table is not None
            and not self.columns_page.problems_found()
        )
        ready = not on_columns and not self._busy and plan is not None and plan.ok
        self.import_button.setVisible(not on_columns and self._table is not None)
        self.import_button.setEnabled(ready and plan is not None and bool(plan.rows))
        self.import_button.setDefault(self.import_button.isEnabled())
        self.next.setDefault(self.next.isEnabled())

    # --- off the window's thread ------------------------------------------------
    # A spreadsheet of many thousands of rows takes seconds to read, to check and
    # to import; the window stays responsive meanwhile, with the buttons held.
    # Cancel closes the window while a file is read or checked (the answer is
    # dropped); it stops an import under way, which then writes nothing.
    def _set_busy(self, busy: bool, what: str = "") -> None:
        self._busy = busy
        if busy:
            self.verdict.setText(what)
        self._show_buttons()

    def _start(self, work: Callable[[], Any], done: Callable[[Any], None], what: str) -> None:
        self._request += 1
        request = self._request
        self._set_busy(True, what)

        def on_done(result: object) -> None:
            if request == self._request:
                self._set_busy(False)
                done(result)

        def on_error(error: BaseException) -> None:
            if request != self._request:
                return
            self._set_busy(False)
            if not isinstance(error, ComplaintDeskError):
                raise error  # a fault in the app: the error dialog says so
            self._on_read_failed(error)

        run_in_background(closing_connection(work), on_done, on_error)

    def load_in_background(
        self,
        path: str | Path,
        sheet: str | None = None,
        heading_rows: tuple[int, int] | None = None,
    ) -> None:
        """Read ``path`` (on a worker thread) and show how its columns would be read;
        ``heading_rows`` are the rows the owner picked as the headings (else found)."""
        self._path = Path(path)
        self._table = None
        self._forget_check()
        with QSignalBlocker(self.leave_out):  # a new file: all of it, unless chosen again
            self.leave_out.setChecked(False)
        self.file_name.setText(str(self._path))
        target = self._path
        self._stamp = _stamp(target)

        def work() -> tuple[Table, Proposal]:
            table = read_table(target, sheet=sheet, heading_rows=heading_rows)
            return table, propose(table)

        self._start(work, self._on_read, "Reading the file…")

    def _on_read(self, result: tuple[Table, Proposal]) -> None:
        table, proposal = result
        self._table = table
        self._show_sheets(table.sheets, table.sheet)
        self.columns_page.show_proposal(table, proposal)
        if proposal.month_first is not None:
            # As the owner read this layout's dates last time (no check runs yet).
            blocked = self.month_first.blockSignals(True)
            self.month_first.setChecked(proposal.month_first)
            self.month_first.blockSignals(blocked)
        self.pages.setCurrentIndex(COLUMNS_PAGE)
        self.verdict.setText(
            "Check how each column is read, then press Check the rows."
            if not table.is_empty
            else "The file is empty: there is nothing to import."
        )
        self._show_buttons()

    def _on_read_failed(self, error: ComplaintDeskError) -> None:
        self._show_nothing(str(error))

    @Slot()
    def check_in_background(self) -> None:
        """Check every row, read as the Columns page says (on a worker thread); the
        owner's choice of columns is remembered for the next file of this layout."""
        table = self._table
        if table is None or self._busy or self.columns_page.problems_found():
            return
        mapping = self.columns_page.mapping()
        # Not worth stopping for when the data file is busy: the columns are then
        # guessed again next time.
        with contextlib.suppress(ComplaintDeskError):
            remember(table, mapping, month_first=self.month_first.isChecked())
        day_first = not self.month_first.isChecked()
        leave_out = self.leave_out.isChecked()
        path = self._path
        if path is not None and _stamp(path) != self._stamp:
            # The owner put the file right (in the spreadsheet) after it was read:
            # the rows checked are the file's as it is now.
            self._stamp = _stamp(path)
            sheet, rows = table.sheet or None, table.heading_rows.rows

            def again() -> tuple[Table, Proposal | None, ImportPlan | None]:
                fresh = read_table(path, sheet=sheet, heading_rows=rows)
                if fresh.headings != table.headings:
                    return fresh, propose(fresh), None
                return (
                    fresh,
                    None,
                    check_table(fresh, mapping, day_first=day_first, leave_out_problems=leave_out),
                )

            self._start(again, self._on_read_again, "Reading the file again, as it changed…")
            return
        self._start(
            lambda: check_table(table, mapping, day_first=day_first, leave_out_problems=leave_out),
            self._on_checked,
            "Checking every row…",
        )

    def _on_read_again(self, result: tuple[Table, Proposal | None, ImportPlan | None]) -> None:
        fresh, proposal, plan = result
        if plan is not None:
            self._table = fresh
            self._on_checked(plan)
            return
        assert proposal is not None
        self._on_read((fresh, proposal))
        self.verdict.setText(
            "The file changed since it was read, and its columns with it: check how each "
            "column is read, then press Check the rows."
        )

    def _on_checked(self, plan: ImportPlan) -> None:
        self._plan = plan
        self.pages.setCurrentIndex(CHECK_PAGE)
        self._show_preview(plan)
        self._show_report(plan)
        self._show_buttons()

    @Slot()
    def import_in_background(self) -> None:
        """Write the checked rows on a worker thread, all or none; the window says how
        many are written, and Cancel stops it with nothing written."""
        plan = self._plan
        if plan is None or not plan.ok or self._busy:
            return
        self._importing = True
        self._stop.clear()
        self._set_busy(True, "Importing…")
        author = user_name()
        report = self.import_progressed.emit
        stop = self._stop.is_set
        run_in_background(
            closing_connection(
                lambda: import_log(plan, author=author, progress=report, cancelled=stop)
            ),
            self._on_imported,
            self._on_import_failed,
        )

    @Slot(int, int)
    def _on_import_progressed(self, written: int, total: int) -> None:
        if self._importing and not self._stop.is_set():
            self.verdict.setText(f"Importing: {written:,} of {display.count(total, 'row')}")

    def _on_imported(self, result: object) -> None:
        self._importing = False
        self._stop.clear()
        self._set_busy(False)
        messages.inform(self, "Imported", f"Imported {result.summary()}.")  # type: ignore[attr-defined]
        self.imported.emit(result.complaints)  # type: ignore[attr-defined]
        self.accept()

    def _on_import_failed(self, error: BaseException) -> None:
        self._importing = False
        self._stop.clear()
        self._set_busy(False)
        if isinstance(error, ImportCancelled):
            self.verdict.setText(str(error))
            return
        if not isinstance(error, ComplaintDeskError):
            raise error
        messages.warn(self, "Nothing imported", str(error))
        self.check_in_background()

    def reject(self) -> None:
        if self._importing:  # stopped, with nothing written; the window stays to say so
            self._stop.set()
            self.verdict.setText("Cancelling: nothing will be imported…")
            self._show_buttons()
            return
        self._request += 1  # a reading or checking under way is not waited for
        super().reject()

    def _show_nothing(self, why: str) -> None:
        self._table = None
        self._forget_check()
        self.pages.setCurrentIndex(CHECK_PAGE)
        self.verdict.setText(why)
        self._show_buttons()

    def _show_preview(self, plan: ImportPlan) -> None:
        bad_rows = plan.problem_rows | {place.row for place in plan.left_out}
        skipped = {place.row for place in plan.skipped}
        self.preview.clear()
        self.preview.setColumnCount(len(plan.columns))
        self.preview.setHorizontalHeaderLabels([c[:1].upper() + c[1:] for c in plan.columns])
        self.preview.setRowCount(len(plan.preview))
        self.preview.setVerticalHeaderLabels(
            [
                f"Row {row['row']}" + (" (in the log)" if int(row["row"]) in skipped else "")
                for row in plan.preview
            ]
        )
        for r, row in enumerate(plan.preview):
            number = int(row["row"])
            for c, column in enumerate(plan.columns):
                item = QTableWidgetItem(shorten(row.get(column, ""), 120))
                if number in bad_rows:
                    item.setBackground(QBrush(_PROBLEM_BACKGROUND))
                elif number in skipped:
                    item.setBackground(QBrush(_SKIPPED_BACKGROUND))
                    item.setToolTip(SKIPPED_TIP)
                self.preview.setItem(r, c, item)
        self.preview.resizeColumnsToContents()
        for c in range(self.preview.columnCount()):
            self.preview.setColumnWidth(c, min(self.preview.columnWidth(c), 260))

    def _show_report(self, plan: ImportPlan) -> None:
        lines: list[str] = []
        self.leave_out.setVisible(plan.rows_can_be_left_out or bool(plan.left_out))
        only_problems_new = (
            plan.problems
            and plan.skipped
            and all(row_of(problem) for problem in plan.problems)
            and not plan.rows_can_be_left_out
        )
        if only_problems_new:  # the same file again: what came in before is skipped
            count = len(plan.problems)
            skipped, rows = len(plan.skipped), len({row_of(problem) for problem in plan.problems})
            others = "The other row has a problem" if rows == 1 else "The other rows have problems"
            self.verdict.setText(
                f"Nothing new to import: {display.count(skipped, 'row')} "
                f"{display.plural(skipped, 'is', 'are')} already in the log. {others} (listed "
                f"above) and {display.plural(rows, 'was', 'were')} not imported before either."
            )
            lines.extend(_listed(plan.problems))
        elif plan.problems:
            count = len(plan.problems)
            rest = ", or the rows with problems left out" if plan.rows_can_be_left_out else ""
            self.verdict.setText(
                f"{count:,} problem{'s' if count != 1 else ''} found: nothing can be imported "
                "until the file is put right (rows are numbered as your spreadsheet numbers "
                f"them){rest}."
            )
            lines.extend(_listed(plan.problems))
        elif not plan.rows and plan.left_out:
            self.verdict.setText("Every row has a problem: there is nothing to import.")
        elif not plan.rows and plan.skipped:
            self.verdict.setText(
                "Every complaint in the file is already in the log: there is nothing to import."
            )
        else:
            self.verdict.setText(f"Ready: {plan.summary()}.")
        if plan.left_out_problems and not plan.problems:
            lines.append(
                f"Left out ({display.count(len(plan.left_out), 'row')}): put them "
                "right in the spreadsheet, then import the file again (the rows imported now "
                "are recognised and skipped)."
            )
            lines.extend(_listed(plan.left_out_problems))
        if plan.notes:
            if lines:
                lines.append("")
            lines.extend(f"Note: {note}" for note in plan.notes)
        self.report.setPlainText("\n".join(lines))
