"""Import complaints from a CSV file: choose it, see its first rows and every
problem (with its row as the spreadsheet shows it), then import all of it or none.
Rows already in the log are shown greyed and skipped.

Nothing is written until Import is pressed; the rules are in models/log_csv.py.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from models.errors import ComplaintDeskError
from models.log_csv import ImportPlan, import_log, read_log
from models.settings import user_name
from models.text import shorten
from ui import messages
from ui.fit import fit_to_screen
from ui.workers import run_in_background

# Problems listed in the report; the rest are counted.
MAX_LISTED = 500
FILE_FILTER = "CSV files (*.csv *.txt *.tsv);;All files (*)"
_PROBLEM_BACKGROUND = QColor("#fde7e9")
_SKIPPED_BACKGROUND = QColor("#e8e8e8")
SKIPPED_TIP = "Already in the log: this row is skipped."


def _plain_label(name: str, text: str = "") -> QLabel:
    label = QLabel(text, objectName=name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class ImportWizard(QDialog):
    imported = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._busy = False
        self.setObjectName("import_wizard")
        self.setWindowTitle("Import complaints")
        fit_to_screen(self, 900, 600)
        self._path: Path | None = None
        self._plan: ImportPlan | None = None

        intro = _plain_label(
            "import_intro",
            "Choose a CSV file saved from Excel, LibreOffice or Complaint Desk. Every row is "
            "checked first; nothing is added until you press Import, and then all of it or none.",
        )
        self.file_name = _plain_label("file_name", "No file chosen yet.")
        self.choose = QPushButton("Choose file…", objectName="choose_file")
        self.choose.setAutoDefault(False)
        self.month_first = QCheckBox(
            "Dates are written month first (03/14/2026)", objectName="month_first"
        )
        self.preview = QTableWidget(objectName="preview")
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview.setWordWrap(False)
        self.verdict = _plain_label("verdict")
        self.verdict.setStyleSheet("font-weight: bold;")
        self.report = QPlainTextEdit(objectName="report")
        self.report.setReadOnly(True)
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.import_button = QPushButton("Import", objectName="import_button")
        self.import_button.setEnabled(False)
        self.import_button.setAutoDefault(False)
        self.cancel = QPushButton("Cancel", objectName="cancel")
        self.cancel.setAutoDefault(False)

        for widget, name in (
            (self.choose, "Choose the CSV file to import"),
            (self.month_first, "Dates are written month first"),
            (self.preview, "The first rows of the file"),
            (self.report, "What the check of the file found"),
            (self.import_button, "Import the complaints"),
            (self.cancel, "Cancel the import"),
        ):
            widget.setAccessibleName(name)

        file_row = QHBoxLayout()
        file_row.addWidget(self.file_name, 1)
        file_row.addWidget(self.choose)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(file_row)
        layout.addWidget(self.month_first)
        layout.addWidget(_plain_label("preview_title", "First rows of the file:"))
        layout.addWidget(self.preview, 3)
        layout.addWidget(self.verdict)
        layout.addWidget(self.report, 2)
        layout.addLayout(buttons)

        self.choose.clicked.connect(self._on_choose_clicked)
        self.month_first.toggled.connect(self._on_month_first_toggled)
        self.import_button.clicked.connect(self.import_in_background)
        self.cancel.clicked.connect(self.reject)
        self._show_nothing("Choose a file to check.")

    @property
    def plan(self) -> ImportPlan | None:
        return self._plan

    # --- reading the file -------------------------------------------------
    @Slot()
    def _on_choose_clicked(self) -> None:
        start = str(self._path.parent) if self._path else ""
        path, _ = QFileDialog.getOpenFileName(self, "Import complaints", start, FILE_FILTER)
        if path:
            self.load_in_background(path)

    @Slot(bool)
    def _on_month_first_toggled(self, _checked: bool) -> None:
        if self._path is not None:
            self.load_in_background(self._path)

    # --- off the window's thread ------------------------------------------------
    # A spreadsheet of many thousands of rows takes seconds to check and to
    # import; the window stays responsive meanwhile, with the buttons held.
    def _set_busy(self, busy: bool, what: str = "") -> None:
        self._busy = busy
        for button in (self.choose, self.cancel, self.month_first):
            button.setEnabled(not busy)
        if busy:
            self.import_button.setEnabled(False)
            self.verdict.setText(what)

    def load_in_background(self, path: str | Path) -> None:
        """Like :meth:`load`, but the reading and checking happen on a worker thread."""
        self._path = Path(path)
        self.file_name.setText(str(self._path))
        self._set_busy(True, "Checking every row…")
        day_first = not self.month_first.isChecked()
        target = self._path
        run_in_background(
            lambda: read_log(target, day_first=day_first),
            self._on_checked,
            self._on_check_failed,
        )

    def _on_checked(self, plan: object) -> None:
        self._set_busy(False)
        if isinstance(plan, ImportPlan):
            self._plan = plan
            self._show_preview(plan)
            self._show_report(plan)

    def _on_check_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self._plan = None
        self._show_nothing(str(error) if isinstance(error, ComplaintDeskError) else repr(error))

    @Slot()
    def import_in_background(self) -> None:
        """Like :meth:`import_now`, with the writing on a worker thread."""
        plan = self._plan
        if plan is None or not plan.ok or self._busy:
            return
        self._set_busy(True, "Importing…")
        author = user_name()
        run_in_background(
            lambda: import_log(plan, author=author), self._on_imported, self._on_import_failed
        )

    def _on_imported(self, result: object) -> None:
        self._set_busy(False)
        messages.inform(self, "Imported", f"Imported {result.summary()}.")  # type: ignore[attr-defined]
        self.imported.emit(result.complaints)  # type: ignore[attr-defined]
        self.accept()

    def _on_import_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        messages.warn(self, "Nothing imported", str(error))
        if self._path is not None:
            self.load_in_background(self._path)

    def reject(self) -> None:
        if not self._busy:  # an import under way finishes before the dialog can close
            super().reject()

    def load(self, path: str | Path) -> ImportPlan | None:
        """Read and check ``path`` (nothing is written); show its rows and problems."""
        self._path = Path(path)
        self.file_name.setText(str(self._path))
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            plan = read_log(self._path, day_first=not self.month_first.isChecked())
        except ComplaintDeskError as exc:
            self._plan = None
            self._show_nothing(str(exc))
            return None
        finally:
            QApplication.restoreOverrideCursor()
        self._plan = plan
        self._show_preview(plan)
        self._show_report(plan)
        return plan

    def _show_nothing(self, why: str) -> None:
        self.preview.clear()
        self.preview.setRowCount(0)
        self.preview.setColumnCount(0)
        self.verdict.setText(why)
        self.report.setPlainText("")
        self.import_button.setEnabled(False)

    def _show_preview(self, plan: ImportPlan) -> None:
        bad_rows = plan.problem_rows
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
        if plan.problems:
            count = len(plan.problems)
            self.verdict.setText(
                f"{count:,} problem{'s' if count != 1 else ''} found: nothing can be imported "
                "until the file is put right (rows are numbered as in your spreadsheet, the "
                "headings being row 1)."
            )
            lines.extend(plan.problems[:MAX_LISTED])
            if count > MAX_LISTED:
                lines.append(f"… and {count - MAX_LISTED:,} more.")
        elif not plan.rows and plan.skipped:
            self.verdict.setText(
                "Every complaint in the file is already in the log: there is nothing to import."
            )
        else:
            self.verdict.setText(f"Ready: {plan.summary()}.")
        if plan.notes:
            if lines:
                lines.append("")
            lines.extend(f"Note: {note}" for note in plan.notes)
        self.report.setPlainText("\n".join(lines))
        self.import_button.setEnabled(plan.ok and bool(plan.rows))
        self.import_button.setDefault(self.import_button.isEnabled())

    # --- importing --------------------------------------------------------
    @Slot()
    def import_now(self) -> int | None:
        """Write the checked file in one go; return how many complaints were added."""
        plan = self._plan
        if plan is None or not plan.ok:
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = import_log(plan, author=user_name())
        except ComplaintDeskError as exc:
            QApplication.restoreOverrideCursor()
            messages.warn(self, "Nothing imported", str(exc))
            if self._path is not None:
                self.load(self._path)
            return None
        QApplication.restoreOverrideCursor()
        messages.inform(self, "Imported", f"Imported {result.summary()}.")
        self.imported.emit(result.complaints)
        self.accept()
        return result.complaints
