"""The wording check finds the same things in the same text wherever it is read:
the boxes of the window, the Check wording window, the letter gate and the
``check-wording`` command. A line break inside a sentence does not cut it in two."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from models.letter_records import wording_findings
from models.text import line_and_column
from tests.ui.keyboard import type_text
from ui.check_wording_dialog import CheckWordingDialog

TEXTS = [
    # reported speech over two lines: the second line alone would read as ours
    "The customer says\nour driver dropped the parcel on her step.",
    "Sorry you\nfeel that way about the cake.",
    "We dropped your\nvase while unloading the van, and we will check the\nother boxes.",
    "Thanks for your email.\n\nI have asked the workshop to look at the frame.\n"
    "We will ring you on Friday.",
    "If our fitter scratched the\nskirting, we will put it right.",
    "Dear Mrs Hale,\nThank you for letting us know. Our\ninvoice added the delivery twice.\n"
    "Kind regards",
]

COMMAND_LINE = re.compile(r"^.*?:(\d+):(\d+): (\w+): ", re.MULTILINE)


def open_check_wording(qtbot, window) -> None:
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_W, keys)


def _where(text: str, findings) -> list[tuple[int, int, str]]:
    return [(*line_and_column(text, f.start), f.kind.value) for f in findings]


def _command(tmp_path: Path, text: str) -> list[tuple[int, int, str]]:
    draft = tmp_path / "draft.txt"
    draft.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "check-wording", str(draft)],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    return [(int(a), int(b), kind) for a, b, kind in COMMAND_LINE.findall(done.stdout)]


def _window_list(dialog: CheckWordingDialog) -> list[tuple[int, int]]:
    out = []
    for row in range(dialog.findings.count()):
        got = re.match(r"Line (\d+), column (\d+)\.", dialog.findings.item(row).text())
        if got:
            out.append((int(got[1]), int(got[2])))
    return out


@pytest.mark.parametrize("text", TEXTS)
def test_every_path_finds_the_same_in_the_same_text(qtbot, window, tmp_path, text) -> None:
    open_check_wording(qtbot, window)
    dialog = window.findChild(CheckWordingDialog)
    dialog.text.setFocus()
    type_text(dialog.text, text)
    typed = _where(text, dialog.text.findings())

    gate = _where(text, wording_findings("", text, fault=""))
    assert typed == gate
    assert _window_list(dialog) == [(line, column) for line, column, _kind in gate]
    assert _command(tmp_path, text) == gate


def _underlined_lines(edit) -> list[int]:
    """The numbers (from 1) of the lines with underlined words."""
    lines = []
    block = edit.document().begin()
    while block.isValid():
        if any(
            fmt.format.underlineStyle() != fmt.format.UnderlineStyle.NoUnderline
            for fmt in block.layout().formats()
        ):
            lines.append(block.blockNumber() + 1)
        block = block.next()
    return lines


def test_a_change_on_one_line_underlines_the_next_line_again(qtbot, window) -> None:
    open_check_wording(qtbot, window)
    edit = window.findChild(CheckWordingDialog).text
    edit.setFocus()
    type_text(edit, "Mrs Hale rang.\nour driver dropped the parcel on her step.")
    qtbot.waitUntil(lambda: _underlined_lines(edit) == [2])
    # The end of the first line now makes the second one her words, not ours.
    edit.moveCursor(edit.textCursor().MoveOperation.Start)
    edit.moveCursor(edit.textCursor().MoveOperation.EndOfLine)
    for _ in "rang.":
        qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    type_text(edit, "says")
    qtbot.waitUntil(lambda: _underlined_lines(edit) == [])
    assert edit.findings() == []


def test_underlines_stand_under_the_risky_words_after_an_emoji(qtbot, window) -> None:
    open_check_wording(qtbot, window)
    edit = window.findChild(CheckWordingDialog).text
    edit.setFocus()
    text = "Thanks 😀😀 for waiting. We broke your vase."
    edit.setPlainText(text)
    qtbot.waitUntil(lambda: bool(edit.findings()))
    block = edit.document().begin()
    [underline] = [
        r
        for r in block.layout().formats()
        if r.format.underlineStyle() != r.format.UnderlineStyle.NoUnderline
    ]
    # Qt counts each emoji as two; the underline starts where "We" does for Qt.
    start = len(text[: text.index("We broke")].encode("utf-16-le")) // 2
    assert (underline.start, underline.length) == (start, len("We broke your vase"))
    # Hovering or right-clicking on the words finds their warning.
    cursor = edit.textCursor()
    cursor.setPosition(start + 3)
    edit.setTextCursor(cursor)
    assert edit.current_finding() is not None
    assert text[edit.current_finding().start :].startswith("We broke your vase")


def test_a_step_ticked_with_a_note_and_a_follow_up_done_are_checked_too(
    qtbot, window, monkeypatch
) -> None:
    """Every box whose words go on the complaint's file warns as the note box does."""
    import datetime as dt

    from PySide6.QtWidgets import QDialog

    from models.complaints import ComplaintDetails, log_complaint
    from models.customers import CustomerDetails
    from models.morning_list import for_complaint
    from ui.followup_done_dialog import FollowUpDoneDialog
    from ui.note_dialog import NoteDialog
    from ui.tick_note_dialog import TickNoteDialog

    risky = "Sorry, Joe messed up the order and we sent the wrong wreath."
    case = log_complaint(
        CustomerDetails(name="Seán Ó Briain"), ComplaintDetails(account="Wrong colour."),
        author="Sam",
    )  # fmt: skip
    window.open_complaint(case.id)
    row = window.detail.checklist.rows["engage.attention"]
    seen: list[list[str]] = []

    seen_in: list[QDialog] = []

    def type_and_look(dialog) -> int:
        seen_in.append(dialog)
        qtbot.addWidget(dialog)
        type_text(dialog.note, risky)
        qtbot.waitUntil(lambda: bool(dialog.note.findings()))
        seen.append([f.kind.value for f in dialog.note.findings()])
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(NoteDialog, "exec", type_and_look)
    qtbot.mouseClick(row.more, Qt.MouseButton.LeftButton)
    assert isinstance(seen_in[-1], TickNoteDialog)
    acknowledge = next(i for i in for_complaint(case.id) if i.kind == "acknowledge")
    done = FollowUpDoneDialog(acknowledge, dt.date.today())
    type_and_look(done)
    # a progress call from the morning list, and a follow-up cancelled on the complaint
    window.show_followups()
    assert window.followups.select(acknowledge.id)
    assert not window.followups.log_call()
    assert seen_in[-1].windowTitle() == "Progress call"
    window.open_complaint(case.id)
    panel = window.detail.followups
    panel.list.setCurrentRow(0)
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert seen_in[-1].windowTitle() == "Cancel follow-up"
    assert len(seen) == 4
    assert all(seen), seen
    assert "blame_colleague" in seen[0] and all(kinds == seen[0] for kinds in seen)
