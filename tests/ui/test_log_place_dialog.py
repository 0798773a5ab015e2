"""Change server…, from the window that waits for a server: what a failed test
says is read whole, goes once the address is changed, and is asked about on Save."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from models.settings import log_place
from tests.ui.keyboard import type_text
from tests.ui.test_small_screen import clipped
from ui import messages
from ui.log_place_dialog import LogPlaceDialog


def _tested(qtbot, dialog) -> str:
    section = dialog.section
    with qtbot.waitSignal(section.tested, timeout=30_000) as said:
        qtbot.mouseClick(section.test, Qt.MouseButton.LeftButton)
    return said.args[0]


def test_a_failed_test_is_read_whole_cleared_by_a_new_address_and_asked_on_save(
    qtbot, tmp_path: Path, monkeypatch
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    nowhere = f"postgresql://till@/shop?host={tmp_path / 'no-server-here'}"
    dialog = LogPlaceDialog(folder, "service=shop")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.section.address.clear()
    type_text(dialog.section.address, nowhere)
    said = _tested(qtbot, dialog)
    result = dialog.section.result
    assert said and result.text() == said
    qtbot.waitUntil(lambda: not clipped(result))  # the dialog grows to show it all

    asked: list[str] = []

    def answer(box: QMessageBox):
        asked.append(box.text())
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(messages, "show_box", answer)
    save = dialog.findChild(QPushButton, "save_log_place")
    address = dialog.section.address
    address.setFocus()
    address.end(False)
    type_text(address, "x")  # another address: what was said was about the last one
    assert result.text() == ""
    address.backspace()  # back to the one that failed: Save asks before keeping it
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert any("could not use this server" in text for text in asked)
    assert dialog.isVisible() and log_place(folder) is None
