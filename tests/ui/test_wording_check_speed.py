"""A long text in a checked box: the box stays responsive while it is checked,
and the warning shown is always the one for the text in the box."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QTextCharFormat, QTextCursor

from models.wording import FindingKind, scan
from tests.ui.keyboard import type_text
from ui.wording_check import CheckedTextEdit

LONGEST = 50_000  # the longest a field accepts
WAIT_MS = 60_000


def long_text(ending: str) -> str:
    """50,000 characters with no full stop before ``ending``: the slowest kind to read."""
    filler = "hurt " * ((LONGEST - len(ending)) // len("hurt "))
    return filler + " " * (LONGEST - len(filler) - len(ending)) + ending


def paste(qtbot, edit: CheckedTextEdit, text: str) -> None:
    QGuiApplication.clipboard().setText(text)
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert edit.toPlainText().endswith(text[-40:])


def shown_matches_text(edit: CheckedTextEdit) -> bool:
    """The findings shown are exactly what the check finds in the text now in the box."""
    text = edit.toPlainText()
    return [(f.start, f.end, f.kind) for f in edit.findings()] == [
        (f.start, f.end, f.kind) for f in scan(text)
    ]


def when_queued_event_runs(qtbot, look: callable) -> object:
    """What ``look()`` says when the window's event loop gets to an event queued now."""
    seen: list[object] = []
    QTimer.singleShot(0, lambda: seen.append(look()))
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT_MS)
    return seen[0]


def test_pasting_a_long_text_leaves_the_window_responsive(qtbot, box) -> None:
    edit, banner = box
    text = long_text(" We broke your vase.")
    paste(qtbot, edit, text)
    # The window handles the next event before the check has finished...
    assert when_queued_event_runs(qtbot, edit.findings) == []
    # ...and the warning appears once it has, for the words in the box.
    qtbot.waitUntil(lambda: bool(edit.findings()), timeout=WAIT_MS)
    [finding] = edit.findings()
    assert finding.kind is FindingKind.ADMISSION
    assert "We broke your vase" in edit.toPlainText()[finding.start : finding.end]
    assert banner.isVisible() and "1 wording warning" in banner.label.text()


def test_typing_at_the_end_of_a_long_text_is_checked_off_the_window(qtbot, box) -> None:
    edit, banner = box
    paste(qtbot, edit, long_text(" We are looking into it."))
    qtbot.waitUntil(lambda: not edit.checking(), timeout=WAIT_MS)
    assert edit.findings() == [] and not banner.isVisible()
    edit.moveCursor(QTextCursor.MoveOperation.End)
    type_text(edit, " Sorry you feel that way.")
    assert when_queued_event_runs(qtbot, edit.findings) == []
    qtbot.waitUntil(lambda: bool(edit.findings()), timeout=WAIT_MS)
    [finding] = edit.findings()
    assert finding.kind is FindingKind.NON_APOLOGY
    assert edit.toPlainText()[finding.start : finding.end].startswith("Sorry you feel")
    assert "Not a real apology" in banner.label.text()


def test_a_check_of_text_changed_since_is_never_shown(qtbot, box) -> None:
    edit, banner = box
    shown: list[bool] = []
    edit.findings_changed.connect(lambda _n: shown.append(shown_matches_text(edit)))
    paste(qtbot, edit, long_text(" We broke your vase."))
    # While that is checked, the last words are changed to safe ones.
    for _ in range(len("broke your vase.")):
        qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    type_text(edit, "checked your vase.")
    qtbot.waitUntil(lambda: not edit.checking() and bool(shown), timeout=WAIT_MS)
    assert edit.toPlainText().endswith("We checked your vase.")
    assert all(shown)  # every warning ever shown was the one for the text at the time
    assert edit.findings() == [] and not banner.isVisible()
    # Safe wording stays safe; risky wording typed again is found again.
    type_text(edit, " It was our fault.")
    qtbot.waitUntil(lambda: bool(edit.findings()), timeout=WAIT_MS)
    assert all(shown) and shown_matches_text(edit)
    assert [f.kind for f in edit.findings()] == [FindingKind.ADMISSION]


def _underlined(edit: CheckedTextEdit) -> int:
    """How many stretches of the text are underlined."""
    block = edit.document().begin()
    count = 0
    while block.isValid():
        count += sum(
            1
            for fmt in block.layout().formats()
            if fmt.format.underlineStyle() != QTextCharFormat.UnderlineStyle.NoUnderline
        )
        block = block.next()
    return count


def test_a_paste_with_thousands_of_warnings_underlines_a_readable_number(qtbot, box) -> None:
    """Thousands of underlines are drawn again on every key; a person reads the
    first few hundred and the warning under the box counts them all."""
    edit, banner = box
    paste(qtbot, edit, "we hurt. " * 2000)
    qtbot.waitUntil(lambda: not edit.checking() and len(edit.findings()) > 1000, timeout=WAIT_MS)
    assert 0 < _underlined(edit) <= 300
    assert f"{len(edit.findings())} wording warnings" in banner.label.text()
