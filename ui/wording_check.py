"""Checking what the owner writes, as they type, for words that admit fault too early.

:class:`CheckedTextEdit` underlines risky words (red for admissions, amber for
non-apologies and guesses at the shop's fault); hovering says why and what to
say instead, right-click offers the safer wording, and a :class:`WordingBanner`
under the box counts the findings and applies the safer wording in one click. The reading itself is
:func:`models.wording.scan`.
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QSyntaxHighlighter,
    QTextBlockUserData,
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
from models.wording.safer import SENTENCE_END, for_a_record, for_a_solution, shown
from ui.focus_marks import text_shows_focus
from ui.workers import run_in_background

ADMISSION_COLOUR = QColor("#c62828")
MILDER_COLOUR = QColor("#ef6c00")
ALL_CLEAR_COLOUR = QColor("#2e7d32")
MILDER = frozenset({FindingKind.NON_APOLOGY, FindingKind.SPECULATION})  # underlined amber

KIND_TITLES = {
    FindingKind.ADMISSION: "Admits fault",
    FindingKind.BLAME_COLLEAGUE: "Blames a colleague",
    FindingKind.PROMISE_TO_PAY: "Promises to pay",
    FindingKind.NON_APOLOGY: "Not a real apology",
    FindingKind.SPECULATION: "Guesses at the shop's fault",
}


def never() -> bool:
    return False


class _BlockFindings(QTextBlockUserData):
    """The findings underlined in one paragraph, offsets from its start."""

    def __init__(self, found: list[Finding]) -> None:
        super().__init__()
        self.found = found


class _Checker(QObject):
    """What the wording check found in the whole text of one box.

    The text is checked whole, as the letter gate and ``check-wording`` check it,
    so a sentence broken over two lines is read as one sentence. A text of up to
    INLINE_CHARS is checked at once on each change (a few milliseconds: the
    stretches read for the last text are not read again); a longer one is checked
    on the thread pool and ``checked`` is emitted when its results are in. Results
    for a text that has changed in the meantime are dropped, and one run at a
    time is kept going.
    """

    checked = Signal()

    #: The longest text checked at once on a change; longer ones go to the thread pool.
    INLINE_CHARS = 10_000

    def __init__(
        self,
        document: QTextDocument,
        fault_is_ours: Callable[[], bool],
        *,
        record: bool = False,
        solution: bool = False,
    ) -> None:
        super().__init__(document)
        self.document = document
        self.fault_is_ours = fault_is_ours
        self.record = record  # a record kept for the shop: its safer wording reads as one
        self.solution = solution  # a solution offered or agreed: a cause is left out of it
        self._key: tuple[str, bool] = ("", False)  # the text and fault the findings are for
        self._found: list[Finding] = []
        self._placed: list[Finding] = []  # the same, at Qt's positions
        self._ends: list[int] = []
        self.qt_position: Callable[[int], int] = int
        self._stale = False
        self._running = False
        self._again = False
        # connected before the highlighter, so the changed paragraph is underlined
        # from the findings of the text as it is now
        document.contentsChange.connect(self.refresh)

    @Slot()
    def refresh(self, *_args: object) -> None:
        """Check the text if it or the finding on fault changed since the last check."""
        if not isValid(self.document):
            return  # its box is gone, or was given another document (see _attached)
        key = (self.document.toPlainText(), self.fault_is_ours())
        if key == self._key:
            self._stale = False
            return
        if len(key[0]) <= self.INLINE_CHARS:
            self._set(key, self._scan(key))
            return
        self._stale = True
        self.check_later()

    def _scan(self, key: tuple[str, bool]) -> list[Finding]:
        found = scan(key[0], fault_is_ours=key[1])
        if self.record:
            return for_a_record(found, fault_is_ours=key[1], text=key[0])
        return for_a_solution(key[0], found) if self.solution else found

    def findings(self) -> list[Finding] | None:
        """Findings over the whole text, or None while it is being checked."""
        return None if self._stale else self._found

    def in_block(self, start: int, length: int) -> list[Finding] | None:
        """The findings within one paragraph, offsets from its start (None while checking)."""
        if self._stale:
            return None
        end = start + length
        out: list[Finding] = []
        for f in self._placed[bisect_right(self._ends, start) :]:
            if f.start >= end:
                break
            out.append(replace(f, start=max(f.start, start) - start, end=min(f.end, end) - start))
        return out

    def busy(self) -> bool:
        return self._running

    def _set(self, key: tuple[str, bool], found: list[Finding]) -> None:
        self._key = key
        self._found = found
        self.qt_position = qt_positions(key[0])
        self._placed = [
            replace(f, start=self.qt_position(f.start), end=self.qt_position(f.end)) for f in found
        ]
        self._ends = [f.end for f in self._placed]
        self._stale = False

    def at(self, position: int) -> Finding | None:
        """The finding at a position of Qt's (an emoji counts as two there)."""
        for placed, finding in zip(self._placed, self._found, strict=True):
            if placed.start <= position <= placed.end:
                return finding
        return None

    def check_later(self) -> None:
        """Check the text off the window's thread."""
        if self._running:
            self._again = True
            return
        key = (self.document.toPlainText(), self.fault_is_ours())
        self._running = True
        self._again = False
        run_in_background(
            lambda: self._scan(key),
            lambda found: self._on_done(key, found),
            self._on_failed,
        )

    def _on_done(self, key: tuple[str, bool], found: list[Finding]) -> None:
        if not isValid(self):  # the box was closed while its text was checked
            return
        self._running = False
        if key == (self.document.toPlainText(), self.fault_is_ours()):
            self._set(key, found)
            self.checked.emit()
        else:
            self.check_later()

    def _on_failed(self, error: BaseException) -> None:
        if isValid(self):
            self._running = False
        raise error


class _Highlighter(QSyntaxHighlighter):
    """Underlines the findings of the whole text, paragraph by paragraph.

    While a long text is being checked each paragraph keeps its last underlines.
    """

    #: Findings underlined in one paragraph, at most: a paste with thousands of
    #: warnings would otherwise be underlined again on every key (the warning
    #: under the box still counts them all).
    MAX_UNDERLINES = 300

    def __init__(self, document: QTextDocument, checker: _Checker) -> None:
        super().__init__(document)
        self.checker = checker
        self._styles: dict[bool, QTextCharFormat] = {}
        for milder, colour in ((True, MILDER_COLOUR), (False, ADMISSION_COLOUR)):
            style = QTextCharFormat()
            style.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            style.setUnderlineColor(colour)
            self._styles[milder] = style

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        length = block.length() - 1  # in Qt's count, where an emoji is two
        found = self.checker.in_block(block.position(), length)
        if found is None:
            last = block.userData()
            found = [f for f in last.found if f.end <= length] if last else []
        else:
            self.setCurrentBlockUserData(_BlockFindings(found))
        styles = self._styles
        for finding in found[: self.MAX_UNDERLINES]:
            style = styles[finding.kind in MILDER]
            self.setFormat(finding.start, finding.end - finding.start, style)

    def refresh_changed(self) -> None:
        """Underline again each paragraph whose findings are not the ones drawn: a
        change in one line can change what is found in the next (one sentence over
        two lines, or the sentence before read by the check)."""
        block = self.document().begin()
        checker = self.checker
        while block.isValid():
            found = checker.in_block(block.position(), block.length() - 1)
            if found is None:
                return
            last = block.userData()
            if (last.found if last else []) != found:
                self.rehighlightBlock(block)
            block = block.next()


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
        record: bool = False,
        solution: bool = False,
    ) -> None:
        """``record``: the box holds a record kept for the shop (a note), not words
        for the customer: its safer wording reads as a record ("the cause is still
        being checked"). ``solution``: the box holds a solution offered or agreed,
        which a letter repeats: a cause given in it is left out, the solution kept."""
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab goes on to the next box, as everywhere
        text_shows_focus(self)
        self._fault_is_ours = fault_is_ours
        self._record = record
        self._solution = solution
        self._attach()
        self._findings: list[Finding] = []
        # Where the last safer wording went (Python's positions in the text).
        self._last_change: tuple[int, int] | None = None
        self.textChanged.connect(self._on_text_changed)

    def _attach(self) -> None:
        """The check and the underlines, on the box's document."""
        document = self.document()
        self._checker = _Checker(
            document, self._fault_is_ours, record=self._record, solution=self._solution
        )
        self._highlighter = _Highlighter(document, self._checker)
        self._checker.checked.connect(self._on_checked)

    def _attached(self) -> bool:
        """Whether the check is there to ask. Its document has been seen gone while
        the box stayed (twice, after long use; how is not known): then the check
        is put on the document the box has now, rather than every key and every
        complaint opened failing with it. False once the box itself is gone."""
        if not isValid(self):
            return False
        if not (isValid(self._checker) and isValid(self._checker.document)):
            sys.stderr.write("wording check: the box's document was replaced; checking anew\n")
            self._attach()
        return True

    # --- what was found ----------------------------------------------------
    def findings(self) -> list[Finding]:
        """Findings over the whole text, with offsets into :meth:`toPlainText`."""
        return list(self._findings)

    def checking(self) -> bool:
        """Is a long text still being checked (the findings are the last ones)?"""
        return self._attached() and self._checker.busy()

    def recheck(self) -> None:
        """Check again (after the finding on fault changed)."""
        if not self._attached():
            return
        self._checker.refresh()
        self._underline_changed()
        self._on_text_changed()

    @Slot()
    def _on_text_changed(self) -> None:
        if not self._attached():
            return
        found = self._checker.findings()
        if found is None:
            return  # the last findings stand until the check is done
        if found != self._findings:
            # A change in one paragraph can change what is found in another.
            QTimer.singleShot(0, self._underline_changed)
        self._findings = found
        self.findings_changed.emit(len(self._findings))

    @Slot()
    def _on_checked(self) -> None:
        self._underline_changed()
        self._on_text_changed()

    @Slot()
    def _underline_changed(self) -> None:
        # Underlining changes formats only, not the text: nobody is told it changed.
        if not self._attached():
            return
        blocked = self.blockSignals(True)
        try:
            self._highlighter.refresh_changed()
        finally:
            self.blockSignals(blocked)

    @property
    def holds_a_solution(self) -> bool:
        """Does the box hold a solution offered or agreed (see ``solution``)?"""
        return self._solution

    def shown(self, finding: Finding) -> Finding:
        """The finding with its safer wording fitted to where it stands in the text,
        as the owner is shown it and as "Use safer wording" puts it in. A finding
        of a text changed since is returned as it is (its warning goes next)."""
        current = self._checker.findings()
        if current is None or finding not in current:
            return finding
        return shown(self.toPlainText(), finding)

    def finding_at(self, position: int) -> Finding | None:
        """The finding at a cursor position (Qt's: an emoji counts as two)."""
        return self._checker.at(position) if self._checker.findings() is not None else None

    def current_finding(self) -> Finding | None:
        """The finding under the text cursor, else the first one."""
        return self.finding_at(self.textCursor().position()) or (
            self._findings[0] if self._findings else None
        )

    # --- acting on a finding ------------------------------------------------
    def next_in_sentence(self) -> Finding | None:
        """After :meth:`apply_suggestion`: another finding with safer wording in the
        sentence just changed, if the findings of the text as it is now are known."""
        if self._last_change is None or self._checker.findings() is None or self.checking():
            return None
        start, end = self._last_change
        text = self.toPlainText()
        for finding in self._findings:
            if finding.suggestion is None:
                continue
            # From the last character of the one before (it may end its sentence).
            gap = text[max(min(finding.end, end) - 1, 0) : max(finding.start, start)]
            if not SENTENCE_END.search(gap):
                return finding
        return None

    def apply_suggestion(self, finding: Finding, *, same_step: bool = False) -> bool:
        """Put the finding's safer wording in place of its words (one undo step, or
        ``same_step`` as the change before it).

        :func:`models.wording.safer.replacement` says which words go: the
        finding's, with what joins them to their sentence when they are left out.
        It reads the whole text, as the check did; the places it gives are
        counted in characters, and Qt counts an emoji as two.
        """
        from models.wording.safer import replacement

        if finding not in self._findings or self.checking():
            return False
        change = replacement(self.toPlainText(), finding)
        if change is None:
            return False
        position = self._checker.qt_position
        cursor = QTextCursor(self.document())
        cursor.setPosition(position(change.start))
        cursor.setPosition(position(change.end), QTextCursor.MoveMode.KeepAnchor)
        if same_step:
            cursor.joinPreviousEditBlock()
        else:
            cursor.beginEditBlock()
        self._last_change = None  # what changes the text says what it changed, below
        cursor.insertText(change.words)
        cursor.endEditBlock()
        self._last_change = (change.start, change.start + len(change.words))
        self.setTextCursor(cursor)
        return True

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            position = self.cursorForPosition(event.pos()).position()  # type: ignore[attr-defined]
            finding = self.finding_at(position)
            if finding is not None:
                tip = describe(self.shown(finding), hint=True, solution=self._solution)
                QToolTip.showText(event.globalPos(), tip, self)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        finding = self.finding_at(self.cursorForPosition(event.pos()).position())
        if finding is not None and finding.suggestion is not None:
            first = menu.actions()[0] if menu.actions() else None
            words = self.shown(finding).suggestion
            label = f"Use safer wording: “{_clip(words)}”" if words else "Leave these words out"
            use = menu.addAction(label)
            use.triggered.connect(lambda: self.apply_suggestion(finding))
            if first is not None:
                menu.insertAction(first, use)
                menu.insertSeparator(first)
        menu.exec(event.globalPos())


def qt_positions(text: str) -> Callable[[int], int]:
    """Where each character of ``text`` stands in Qt's count, where a character
    beyond the first 65,536 (an emoji) counts as two."""
    if text.isascii() or len(text.encode("utf-16-le")) == 2 * len(text):
        return int
    places = [0]
    for char in text:
        places.append(places[-1] + (2 if ord(char) > 0xFFFF else 1))
    return places.__getitem__


def describe(finding: Finding, *, hint: bool = False, solution: bool = False) -> str:
    """What the finding is and what to say instead; ``solution``: of a solution
    offered or agreed, where words are left out for another reason."""
    from models.wording.safer import LEAVE_OUT, LEAVE_OUT_OF_SOLUTION

    text = f"{KIND_TITLES[finding.kind]}: {finding.message}"
    if finding.suggestion:
        text += f"\nSafer: “{finding.suggestion}”"
        if hint:
            text += "\n(Right-click, or use the button below the box, to use it.)"
    elif finding.suggestion == "":
        text += f"\nSafer: {LEAVE_OUT_OF_SOLUTION if solution else LEAVE_OUT}"
        if hint:
            text += "\n(Use the button below the box to leave them out.)"
    return text


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class WordingBanner(QWidget):
    """One line under a checked box: how many findings, the one in hand, and a fix."""

    LINES = 4  # lines of text the warning keeps room for
    MOST_IN_ONE_CLICK = 5  # more warnings put right with the first in its sentence

    def __init__(self, edit: CheckedTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = edit
        self.setObjectName(f"{edit.objectName() or 'text'}_wording")
        self.label = QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setStyleSheet(f"color: {ADMISSION_COLOUR.name()};")
        # Room for a usual warning kept while one shows, so the button under the
        # owner's pointer stays put as one warning gives way to the next.
        self.label.setMinimumHeight(self.label.fontMetrics().lineSpacing() * self.LINES)
        self.use = QPushButton("Use safer wording")
        self.use.setToolTip("Put the safer wording in place of this sentence's warnings")
        self.use.setObjectName(f"{self.objectName()}_use")
        self.use.setAutoDefault(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        # At the foot, where it stays however many lines the warning takes.
        layout.addWidget(self.use, 0, Qt.AlignmentFlag.AlignBottom)
        edit.findings_changed.connect(self._refresh)
        edit.cursorPositionChanged.connect(self._refresh)
        self.use.clicked.connect(self._on_use_clicked)
        self._after_use: str | None = None  # the text just after the last warning was put right
        self._refresh()

    @Slot()
    def _refresh(self, *_args: object) -> None:
        findings = self.edit.findings()
        finding = self.edit.current_finding()
        if finding is None and self._after_use == self.edit.toPlainText():
            # The last warning was just put right here: the button stays where it was,
            # greyed, so a click too many lands on nothing (not on the button below).
            self.label.setText("✓ No wording warnings left.")
            self.label.setStyleSheet(f"color: {ALL_CLEAR_COLOUR.name()};")
            self.use.setEnabled(False)
            self.show()
            return
        self._after_use = None
        self.use.setEnabled(True)
        if finding is None:
            if self.isVisibleTo(self.parentWidget() or self) and self.edit.toPlainText().strip():
                # Its room stays while the box has words, so a button under it does not
                # jump up under the owner's pointer as the last warning clears (say,
                # as the fault is found to be ours); an emptied box gives it back.
                self.label.clear()
                self.use.hide()
                return
            self.hide()
            return
        count = len(findings)
        heading = "1 wording warning" if count == 1 else f"{count} wording warnings"
        self.label.setStyleSheet(f"color: {ADMISSION_COLOUR.name()};")
        said = describe(self.edit.shown(finding), solution=self.edit.holds_a_solution)
        self.label.setText(f"⚠ {heading}. {said}")
        self.use.setVisible(finding.suggestion is not None)
        self.show()

    @Slot()
    def _on_use_clicked(self) -> None:
        finding = self.edit.current_finding()
        if finding is not None and self.edit.apply_suggestion(finding):
            # The sentence's other warnings too, in the same undo step: one click
            # puts the sentence right.
            for _ in range(self.MOST_IN_ONE_CLICK):
                more = self.edit.next_in_sentence()
                if more is None or not self.edit.apply_suggestion(more, same_step=True):
                    break
            self._after_use = self.edit.toPlainText()
            self._refresh()
            self.edit.setFocus()
