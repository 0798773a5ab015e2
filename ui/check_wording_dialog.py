"""Check wording: paste any draft (an email, a reply to a review) and see what
in it admits fault too early, and what to say instead."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from models.text import line_and_column
from models.wording.safer import fitted
from ui.fit import fit_to_screen
from ui.wording_check import CheckedTextEdit, WordingBanner, describe


class CheckWordingDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("check_wording_dialog")
        self.setWindowTitle("Check wording")
        fit_to_screen(self, 760, 560)
        intro = QLabel(
            "Paste or write a draft. Words that admit fault before the facts are known are "
            "underlined; sympathy and offers made as goodwill are fine."
        )
        intro.setWordWrap(True)
        self.ours = QCheckBox("The facts show the fault was ours", objectName="fault_is_ours")
        self.text = CheckedTextEdit(fault_is_ours=self.ours.isChecked)
        self.text.setObjectName("draft")
        self.text.setAccessibleName("Draft to check")
        self.text.setPlaceholderText("Paste your draft here")
        self.banner = WordingBanner(self.text)
        self.findings = QListWidget(objectName="findings")
        self.findings.setAccessibleName("Findings")
        self.findings.setWordWrap(True)
        self.summary = QLabel(objectName="findings_summary")
        copy = QPushButton("Copy text", objectName="copy_draft")
        close = QPushButton("Close", objectName="close")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.text)
        splitter.addWidget(self.findings)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(copy)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.ours)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)
        self.text.findings_changed.connect(self._show_findings)
        self.ours.toggled.connect(self.text.recheck)
        self.findings.itemActivated.connect(self._on_finding_activated)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.text.toPlainText()))
        close.clicked.connect(self.close)
        self._show_findings()

    @Slot()
    def _show_findings(self, *_args: object) -> None:
        text = self.text.toPlainText()
        self.findings.clear()
        found = self.text.findings()
        for finding in fitted(text, found):
            line, column = line_and_column(text, finding.start)
            item = QListWidgetItem(f"Line {line}, column {column}. {describe(finding)}")
            item.setData(Qt.ItemDataRole.UserRole, (finding.start, finding.end))
            self.findings.addItem(item)
        if not text.strip():
            self.summary.setText("")
        elif not found:
            self.summary.setText("Nothing risky found.")
        else:
            self.summary.setText(f"{len(found)} to look at.")

    @Slot(QListWidgetItem)
    def _on_finding_activated(self, item: QListWidgetItem) -> None:
        start, end = item.data(Qt.ItemDataRole.UserRole)
        cursor = self.text.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.setFocus()
