"""Typing on every tab of a complaint, taken together: what is not saved yet,
saving it all at once (Ctrl+S, Save changes), dropping it, and asking about it
before the complaint is left. Part of :class:`ui.complaint_detail.ComplaintDetailView`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QWidget

from models import display
from models.text_merge import first_mark
from ui import messages


class TypingOnEveryTab:
    """What the complaint's tabs hold that is not saved, as one."""

    def _typed_boxes(self) -> tuple[tuple[bool, str, QPlainTextEdit], ...]:
        """Each box of words on the tabs: whether it holds typing not saved, its name."""
        return (
            (self._dirty, "What happened", self.account),
            (self._dirty, "What they want", self.remedy),
            (self.facts.is_dirty, "How we know", self.facts.basis),
            (self.resolve.is_dirty, "Options offered", self.resolve.options),
            (self.resolve.is_dirty, "Agreed", self.resolve.solution),
            (self.lessons.is_dirty, "Lesson", self.lessons.form.lesson),
            (self.composer.is_dirty, "Note", self.composer.text),
        )

    def unsaved_words(self) -> str:
        """What was typed and not saved, box by box ("What happened: …"), to be kept
        somewhere when the complaint itself is gone (a backup put back elsewhere)."""
        boxes = [(dirty, label, box) for dirty, label, box in self._typed_boxes() if dirty]
        if len(boxes) == 1:  # one box: its words alone, to paste as they are
            return boxes[0][2].toPlainText().strip()
        return "\n\n".join(
            f"{label}: {box.toPlainText().strip()}"
            for dirty, label, box in boxes
            if dirty and box.toPlainText().strip()
        )

    def _typing_place(self) -> tuple[QWidget, int] | None:
        """The box being typed in and where its cursor is, to come back to after a
        save shows the complaint again (the cursor jumped to the start)."""
        focus = QApplication.focusWidget()
        if isinstance(focus, QPlainTextEdit) and self.isAncestorOf(focus):
            return focus, focus.textCursor().position()
        if isinstance(focus, QLineEdit) and self.isAncestorOf(focus):
            return focus, focus.cursorPosition()
        return None

    @staticmethod
    def _back_to(where: tuple[QWidget, int] | None) -> None:
        if where is None:
            return
        box, at = where
        if isinstance(box, QPlainTextEdit):
            cursor = box.textCursor()
            cursor.setPosition(min(at, len(box.toPlainText())))
            box.setTextCursor(cursor)
        elif isinstance(box, QLineEdit):
            box.setCursorPosition(at)
        box.setFocus()

    def _unsaved_question(self, *, note_stays: bool) -> str:
        """ "Save your changes to C-2026-0012 (the finding and the note you were
        writing)?": what saving would save, named as the tabs name it."""
        reference = self._record.reference if self._record is not None else ""
        parts = [
            words
            for dirty, words in (
                (self._dirty, "its details"),
                (self.resolve.is_dirty, "what was offered and agreed"),
                (self.facts.is_dirty, "the finding"),
                (self.lessons.is_dirty, "the lessons"),
                (not note_stays and self.composer.is_dirty, "the note you were writing"),
            )
            if dirty
        ]
        if parts == ["the note you were writing"]:
            return f"Save the note you were writing on {reference} to its timeline?"
        what = f" ({display.listed(parts)})" if parts else ""
        return f"Save your changes to {reference}{what}?"

    def confirm_leave(self, *, note_stays: bool = False) -> bool:
        """Before showing another complaint: save, drop or keep unsaved edits.

        ``note_stays``: the complaint stays open underneath (a letter is made of
        it), so a note being written stays in its box, unsaved and not asked about.
        """
        if self._record is None or not self.has_unsaved_typing:
            return True
        if note_stays and not self._dirty_besides_the_note():
            return True
        answer = messages.save_discard_or_cancel(
            self, "Unsaved changes", self._unsaved_question(note_stays=note_stays)
        )
        if answer == "save":
            return self._save_every_part(note_stays=note_stays)
        if answer == "discard":
            self.discard_typing(note_stays=note_stays)
            return True
        return False

    @Slot()
    def save_typed(self) -> bool:
        """Save what is typed on every tab but the note being written (Ctrl+S); the
        cursor stays where it was (in Agreed, say), not at the start of its box."""
        where = self._typing_place()
        typed = self._dirty_besides_the_note()
        saved = self._save_every_part(note_stays=True)
        if saved:
            self._back_to(where)
        if saved and typed and self._record is not None:  # whichever tab it was typed on
            messages.done(self, f"Saved the changes to {self._record.reference}.")
        return saved

    def _dirty_besides_the_note(self) -> bool:
        return self._dirty or self.resolve.is_dirty or self.lessons.is_dirty or self.facts.is_dirty

    def _marks_kept(self) -> bool:
        """False when a box about to be saved still holds the marks Keep both put in
        and the owner chooses to tidy it first (shown, the mark chosen)."""
        for dirty, label, box in self._typed_boxes():
            at = first_mark(box.toPlainText()) if dirty else None
            if at is None:
                continue
            if messages.confirm(
                self,
                "Keep both",
                f"{label} still holds the marks Keep both put in ([theirs: … | yours: …]), "
                "for you to choose between the two and tidy. Save it with them as it is?",
            ):
                continue
            self._show_tab_of(box)
            box.setFocus()
            cursor = box.textCursor()
            cursor.setPosition(at)
            box.setTextCursor(cursor)
            return False
        return True

    def _save_every_part(self, *, note_stays: bool = False) -> bool:
        """Save what is typed on every tab; a part refused shows its tab and why."""
        if not self._marks_kept():
            return False
        parts: tuple[tuple[Callable[[], bool], QWidget | None], ...] = (
            (self.save, None),  # shows its own field
            (self.resolve.save, self.resolve),
            (lambda: not self.lessons.is_dirty or self.lessons.save(), self.lessons),
            (lambda: not self.facts.is_dirty or self.facts.save_fault(), self.facts),
            (lambda: note_stays or not self.composer.is_dirty or self.composer.add_note(), None),
        )
        for save, tab in parts:
            if not save():
                if tab is not None:
                    self._show_tab_of(tab)
                return False
        return True

    def discard_typing(self, *, note_stays: bool = False) -> None:
        """Drop everything typed and not saved in this complaint (but a note being
        written, when it stays)."""
        self._set_dirty(False)
        self.resolve.discard()
        self.lessons.discard()
        self.facts.discard()
        if not note_stays:
            self.composer.discard()
