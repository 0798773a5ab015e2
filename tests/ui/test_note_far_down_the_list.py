"""A note added to a complaint far down the log keeps that complaint open: the
list is read again after the save, and the complaint is found where it is."""

from __future__ import annotations

from PySide6.QtCore import Qt

from models import timeline
from models.demo import add_demo_data
from tests.ui.keyboard import type_text


def test_a_note_on_a_complaint_far_down_the_list_keeps_it_open(qtbot, window) -> None:
    add_demo_data(300)
    window.show_complaints()
    window.list_view.status_filter.setCurrentIndex(2)  # All
    model = window.list_view.model
    table = window.list_view.table
    while model.rowCount() < 200 and model.canFetchMore():
        table.scrollToBottom()
        qtbot.wait(20)
    table.selectRow(150)
    detail = window.detail
    chosen = detail.complaint_id
    assert chosen is not None
    note = detail.composer.text
    type_text(note, "Rang back")
    qtbot.keyClick(note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(50)
    assert detail.complaint_id == chosen
    assert window.list_view.selected_id() == chosen
    assert timeline.entries(chosen)[-1].text == "Rang back"
