"""Ticking a guide step with a note: the note's wording is checked as it is typed,
as in every other box whose words go on the complaint's file."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ui.note_dialog import NoteDialog
from ui.wording_check import never


class TickNoteDialog(NoteDialog):
    def __init__(
        self,
        instruction: str,
        note: str = "",
        *,
        fault_is_ours: Callable[[], bool] = never,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "Tick with a note", instruction, "&Note (optional):", note,
            name="tick_note", fault_is_ours=fault_is_ours, parent=parent,
        )  # fmt: skip
        self.note.setAccessibleName("Note on this step")
