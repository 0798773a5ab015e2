"""Checking what the owner writes, as they type, for words that admit fault too early.

:class:`CheckedTextEdit` underlines risky words (red for admissions, amber for
non-apologies); hovering says why and what to say instead, right-click offers
the safer wording, and a :class:`WordingBanner` under the box counts the
findings and applies the safer wording in one click. The reading itself is
:func:`models.wording.scan`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
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
from shiboken6 import isValid

from models.wording import Finding, FindingKind, scan
from ui.workers import run_in_background

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


class _Checker(QObject):
    """What the wording check found in each paragraph of one box, checked once per text.

    Results are kept by paragraph text, so a keystroke checks only the paragraph
    it changed, and the underlines and the count share that one check. A change
    whose unchecked paragraphs are short is checked at once (it takes a few
    milliseconds); a long one is checked on the thread pool and ``checked`` is
    emitted when its results are in. Results for a paragraph that has changed
    again in the meantime are dropped, and one run at a time is kept going.
    """

    checked = Signal()

    #: Characters checked at once per change; longer ones go to the thread pool.
    INLINE_CHARS = 3_000
    KEEP = 512  # results kept for paragraphs no longer in the box, at most

    def __init__(self, document: QTextDocument, fault_is_ours: Callable[[], bool]) -> None:
        super().__init__(document)
        self.document = document
        self.fault_is_ours = fault_is_ours
        self._results: dict[tuple[str, bool], list[Finding]] = {}
        self._inline_left = self.INLINE_CHARS
        self._running = False
        self._again = False
        # connected before the highlighter: each change gets its own allowance
        document.contentsChange.connect(self.new_change)

    @Slot()
    def new_change(self, *_args: object) -> None:
        self._inline_left = self.INLINE_CHARS

    def lookup(self, text: str) -> list[Finding] | None:
        """Findings in one paragraph, or None while it is being checked."""
        if not text.strip():
            return []
        key = (text, self.fault_is_ours())
        found = self._results.get(key)
        if found is None and len(text) <= self._inline_left:
            self._inline_left -= len(text)
            found = scan(text, fault_is_ours=key[1])
            self._remember(key, found)
        if found is None:
            self.check_later()
        return found

    def busy(self) -> bool:
        return self._running

    def check_later(self) -> None:
        """Check the paragraphs not checked yet off the window's thread."""
        if self._running:
            self._again = True
            return
        ours = self.fault_is_ours()
        texts = [t for t in self._paragraphs() if t.strip() and (t, ours) not in self._results]
        if not texts:
            return
        self._running = True
        self._again = False

        def work() -> list[tuple[str, list[Finding]]]:
            return [(t, scan(t, fault_is_ours=ours)) for t in texts]

        run_in_background(work, lambda done: self._on_done(ours, done), self._on_failed)

    def _on_done(self, ours: bool, done: list[tuple[str, list[Finding]]]) -> None:
        if not isValid(self):  # the box was closed while its text was checked
            return
        self._running = False
        current = set(self._paragraphs())
        fresh = [(t, f) for t, f in done if t in current and ours == self.fault_is_ours()]
        for text, found in fresh:
            self._remember((text, ours), found)
        if fresh:
            self.checked.emit()
        if self._again or len(fresh) < len(done):
            self.check_later()

    def _on_failed(self, error: BaseException) -> None:
        if isValid(self):
            self._running = False
        raise error

    def _paragraphs(self) -> list[str]:
        texts: list[str] = []
        block = self.document.begin()
        while block.isValid():
            texts.append(block.text())
            block = block.next()
        return texts

    def _remember(self, key: tuple[str, bool], found: list[Finding]) -> None:
        if len(self._results) >= self.KEEP:
            current = set(self._paragraphs())
            self._results = {k: v for k, v in self._results.items() if k[0] in current}
        self._results[key] = found


class _Highlighter(QSyntaxHighlighter):
    """Underlines findings paragraph by paragraph (each is checked on its own).

    While a long paragraph is being checked it keeps its last underlines.
    """

    #: Findings underlined in one paragraph, at most: a paste with thousands of
    #: warnings would otherwise be underlined again on every key (the warning
    #: under the box still counts them all).
    MAX_UNDERLINES = 300

    def __init__(self, document: QTextDocument, checker: _Checker) -> None:
        super().__init__(document)
        self.checker = checker
        self._last: dict[int, list[Finding]] = {}
        self._styles: dict[bool, QTextCharFormat] = {}
        for non_apology, colour in ((True, NON_APOLOGY_COLOUR), (False, ADMISSION_COLOUR)):
            style = QTextCharFormat()
            style.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            style.setUnderlineColor(colour)
            self._styles[non_apology] = style

    def highlightBlock(self, text: str) -> None:
        number = self.currentBlock().blockNumber()
        found = self.checker.lookup(text)
        if found is None:
            found = [f for f in self._last.get(number, []) if f.end <= len(text)]
        else:
            self._last[number] = found
        styles = self._styles
        for finding in found[: self.MAX_UNDERLINES]:
            style = styles[finding.kind is FindingKind.NON_APOLOGY]
            self.setFormat(finding.start, finding.end - finding.start, style)


class CheckedTextEdit(QPlainTextEdit):
    """A plain-text box whose wording is checked as it is typed.

    Typing never waits for the check: a long paragraph is checked off the
    window's thread, and until its results are in, :meth:`findings` and the
    underlines are the last ones found (:meth:`checking` says so).
    """

    findings_changed = Signal(int)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        fault_is_ours: Callable[[], bool] = never,
    ) -> None:
        super().__init__(parent)
        self._fault_is_ours = fault_is_ours
        self._checker = _Checker(self.document(), fault_is_ours)
        self._highlighter = _Highlighter(self.document(), self._checker)
        self._findings: list[Finding] = []
        self.textChanged.connect(self._on_text_changed)
        self._checker.checked.connect(self._on_checked)

    # --- what was found ----------------------------------------------------
    def findings(self) -> list[Finding]:
        """Findings over the whole text, with offsets into :meth:`toPlainText`."""
        return list(self._findings)

    def checking(self) -> bool:
        """Is a long text still being checked (the findings are the last ones)?"""
        return self._checker.busy()

    def recheck(self) -> None:
        """Check again (after the finding on fault changed)."""
        self._checker.new_change()
        self._highlighter.rehighlight()
        self._on_text_changed()

    def _scan(self) -> list[Finding] | None:
        """Findings over every paragraph, or None while one is still being checked."""
        found: list[Finding] = []
        block = self.document().begin()
        while block.isValid():
            text = block.text()
            in_block = self._checker.lookup(text)
            if in_block is None:
                return None
            offset = block.position()
            for f in in_block:
                found.append(
                    Finding(f.start + offset, f.end + offset, f.kind, f.message, f.suggestion)
                )
            block = block.next()
        return found

    @Slot()
    def _on_text_changed(self) -> None:
        found = self._scan()
        if found is None:
            return  # the last findings stand until the check is done
        self._findings = found
        self.findings_changed.emit(len(self._findings))

    @Slot()
    def _on_checked(self) -> None:
        # Underline what was found; that changes formats only, not the text.
        blocked = self.blockSignals(True)
        try:
            self._highlighter.rehighlight()
        finally:
            self.blockSignals(blocked)
        self._on_text_changed()

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
        """Put the finding's safer wording in place of its words (one undo step).

        :func:`models.wording.safer.replacement` says which words go: the
        finding's, with what joins them to their sentence when they are left out.
        It reads the finding's paragraph, as the check did; the places it gives
        are counted in characters, and Qt counts an emoji as two.
        """
        from dataclasses import replace

        from models.wording.safer import replacement

        if finding not in self._findings or self.checking():
            return False
        block = self.document().findBlock(finding.start)
        text, base = block.text(), block.position()
        local = replace(finding, start=finding.start - base, end=finding.end - base)
        change = replacement(text, local)
        if change is None:
            return False

        def position(index: int) -> int:
            return base + len(text[:index].encode("utf-16-le")) // 2

        cursor = QTextCursor(self.document())
        cursor.setPosition(position(change.start))
        cursor.setPosition(position(change.end), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(change.words)
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
    from models.wording.safer import LEAVE_OUT

    text = f"{KIND_TITLES[finding.kind]}: {finding.message}"
    if finding.suggestion:
        text += f"\nSafer: “{finding.suggestion}”"
        if hint:
            text += "\n(Right-click, or use the button below the box, to use it.)"
    elif finding.suggestion == "":
        text += f"\nSafer: {LEAVE_OUT}"
        if hint:
            text += "\n(Use the button below the box to leave them out.)"
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
