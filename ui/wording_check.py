"""Checking what the owner writes, as they type, for words that admit fault too early.

:class:`CheckedTextEdit` underlines risky words (red for admissions, amber for
non-apologies); hovering says why and what to say instead, right-click offers
the safer wording, and a :class:`WordingBanner` under the box counts the
findings and applies the safer wording in one click. The reading itself is
:func:`models.liability.scan`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolTip,
    QWidget,
)

from models.liability import Finding, FindingKind, scan

ADMISSION_COLOUR = QColor("#c62828")
NON_APOLOGY_COLOUR = QColor("#ef6c00")

KIND_TITLES = {
    FindingKind.ADMISSION: "Admits fault",
    FindingKind.BLAME_COLLEAGUE: "Blames a colleague",
    FindingKind.PROMISE_TO_PAY: "Promises to pay",
    FindingKind.NON_APOLOGY: "Not a real apology",
}


def never() -> bool:
    return False


class _Highlighter(QSyntaxHighlighter):
    """Underlines findings paragraph by paragraph (each is scanned on its own)."""

    def __init__(self, document: QTextDocument, fault_is_ours: Callable[[], bool]) -> None:
        super().__init__(document)
        self.fault_is_ours = fault_is_ours

    def highlightBlock(self, text: str) -> None:
        if not text.strip():
            return
        for finding in scan(text, fault_is_ours=self.fault_is_ours()):
            style = QTextCharFormat()
            style.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            colour = (
                NON_APOLOGY_COLOUR if finding.kind is FindingKind.NON_APOLOGY else ADMISSION_COLOUR
            )
            style.setUnderlineColor(colour)
            self.setFormat(finding.start, finding.end - finding.start, style)


class CheckedTextEdit(QPlainTextEdit):
    """A plain-text box whose wording is checked as it is typed."""

    findings_changed = Signal(int)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        fault_is_ours: Callable[[], bool] = never,
    ) -> None:
        super().__init__(parent)
        self._fault_is_ours = fault_is_ours
        self._highlighter = _Highlighter(self.document(), fault_is_ours)
        self._findings: list[Finding] = []
        self.textChanged.connect(self._on_text_changed)

    # --- what was found ----------------------------------------------------
    def findings(self) -> list[Finding]:
        """Findings over the whole text, with offsets into :meth:`toPlainText`."""
        return list(self._findings)

    def recheck(self) -> None:
        """Check again (after the finding on fault changed)."""
        self._highlighter.rehighlight()
        self._on_text_changed()

    def _scan(self) -> list[Finding]:
        found: list[Finding] = []
        block = self.document().begin()
        ours = self._fault_is_ours()
        while block.isValid():
            text = block.text()
            if text.strip():
                offset = block.position()
                for f in scan(text, fault_is_ours=ours):
                    found.append(
                        Finding(f.start + offset, f.end + offset, f.kind, f.message, f.suggestion)
                    )
            block = block.next()
        return found

    @Slot()
    def _on_text_changed(self) -> None:
        self._findings = self._scan()
        self.findings_changed.emit(len(self._findings))

    def finding_at(self, position: int) -> Finding | None:
        for finding in self._findings:
            if finding.start <= position <= finding.end:
                return finding
        return None

    def current_finding(self) -> Finding | None:
        """The finding under the text cursor, else the first one."""
        return self.finding_at(self.textCursor().position()) or (
            self._findings[0] if self._findings else None
        )

    # --- acting on a finding ------------------------------------------------
    def apply_suggestion(self, finding: Finding) -> bool:
        """Replace the finding's words with its safer wording (one undo step)."""
        if finding.suggestion is None or finding not in self._findings:
            return False
        cursor = QTextCursor(self.document())
        cursor.setPosition(finding.start)
        cursor.setPosition(finding.end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(finding.suggestion)
        self.setTextCursor(cursor)
        return True

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            position = self.cursorForPosition(event.pos()).position()  # type: ignore[attr-defined]
            finding = self.finding_at(position)
            if finding is not None:
                QToolTip.showText(event.globalPos(), describe(finding, hint=True), self)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        finding = self.finding_at(self.cursorForPosition(event.pos()).position())
        if finding is not None and finding.suggestion:
            first = menu.actions()[0] if menu.actions() else None
            use = menu.addAction(f"Use safer wording: “{_clip(finding.suggestion)}”")
            use.triggered.connect(lambda: self.apply_suggestion(finding))
            if first is not None:
                menu.insertAction(first, use)
                menu.insertSeparator(first)
        menu.exec(event.globalPos())


def describe(finding: Finding, *, hint: bool = False) -> str:
    text = f"{KIND_TITLES[finding.kind]}: {finding.message}"
    if finding.suggestion:
        text += f"\nSafer: “{finding.suggestion}”"
        if hint:
            text += "\n(Right-click, or use the button below the box, to use it.)"
    return text


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class WordingBanner(QWidget):
    """One line under a checked box: how many findings, the one in hand, and a fix."""

    def __init__(self, edit: CheckedTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = edit
        self.setObjectName(f"{edit.objectName() or 'text'}_wording")
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setStyleSheet(f"color: {ADMISSION_COLOUR.name()};")
        self.use = QPushButton("Use safer wording")
        self.use.setObjectName(f"{self.objectName()}_use")
        self.use.setAutoDefault(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.use, 0, Qt.AlignmentFlag.AlignTop)
        edit.findings_changed.connect(self._refresh)
        edit.cursorPositionChanged.connect(self._refresh)
        self.use.clicked.connect(self._on_use_clicked)
        self._refresh()

    @Slot()
    def _refresh(self, *_args: object) -> None:
        findings = self.edit.findings()
        finding = self.edit.current_finding()
        if finding is None:
            self.hide()
            return
        count = len(findings)
        heading = "1 wording warning" if count == 1 else f"{count} wording warnings"
        self.label.setText(f"⚠ {heading}. {describe(finding)}")
        self.use.setVisible(finding.suggestion is not None)
        self.show()

    @Slot()
    def _on_use_clicked(self) -> None:
        finding = self.edit.current_finding()
        if finding is not None:
            self.edit.apply_suggestion(finding)
            self.edit.setFocus()
