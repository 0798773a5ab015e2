"""A short note for the complaint's file, asked for in a dialog: its wording is
checked as it is typed, as in every other box whose words go on the file
(a step ticked with a note, a progress call, a follow-up cancelled)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from models import followups
from models.errors import ComplaintDeskError, ValidationError
from models.facts import fault_is_ours
from models.morning_list import FollowUpItem
from models.settings import user_name
from ui import messages
from ui.field_error import FieldError
from ui.keys import ctrl_enter_accepts
from ui.wording_check import CheckedTextEdit, WordingBanner, never


class NoteDialog(QDialog):
    def __init__(
        self,
        title: str,
        instruction: str,
        asked: str,
        note: str = "",
        *,
        name: str = "note",
        fault_is_ours: Callable[[], bool] = never,
        save: Callable[[str], object] | None = None,
        parent: QWidget | None = None,
        buttons: tuple[str, str] | None = None,
    ) -> None:
        """``buttons``: the words of OK and Cancel where those would mislead ("Cancel"
        would not say whether it cancels the follow-up)."""
        super().__init__(parent)
        self._save = save
        self._given = note  # what the box held when it opened
        self.setObjectName(f"{name}_dialog")
        self.setWindowTitle(title)
        step = QLabel(instruction, objectName=f"{name}_step")
        step.setTextFormat(Qt.TextFormat.PlainText)
        step.setWordWrap(True)
        label = QLabel(asked)
        self.note = CheckedTextEdit(fault_is_ours=fault_is_ours, record=True)
        self.note.setObjectName(name)
        self.note.setAccessibleName(title)
        self.note.setPlainText(note)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 5 + 14)
        label.setBuddy(self.note)
        self.banner = WordingBanner(self.note)
        self.error = FieldError(name)
        self.note.textChanged.connect(self.error.dismiss)
        ctrl_enter_accepts(self, self.note)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        if buttons is not None:
            box.button(QDialogButtonBox.StandardButton.Ok).setText(buttons[0])
            box.button(QDialogButtonBox.StandardButton.Cancel).setText(buttons[1])
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(step)
        layout.addWidget(label)
        layout.addWidget(self.note)
        layout.addWidget(self.banner)
        layout.addWidget(self.error)
        layout.addWidget(box)
        self.setMinimumWidth(560)  # a wording warning reads whole in its four lines

    def text(self) -> str:
        return self.note.toPlainText()

    def reject(self) -> None:
        """Escape or Cancel with words typed asks first: a reason written out at a
        busy counter is not thrown away by one key."""
        if not messages.may_drop_typing(self, self.text(), self._given):
            self.note.setFocus()
            return
        super().reject()

    def accept(self) -> None:
        """With ``save``: the note is saved here, and a refusal is said in the
        dialog, which stays open with everything typed (closing it and asking
        again lost what was typed while the next one opened)."""
        if self._save is not None:
            try:
                self._save(self.text())
            except ValidationError as exc:
                self.error.show_message(" ".join(exc.problems.values()))
                self.note.setFocus()
                return
            except ComplaintDeskError as exc:
                messages.not_saved(self, "Not saved", exc, "What you wrote is still here.")
                return
        super().accept()


def ask_note(
    parent: QWidget | None,
    title: str,
    instruction: str,
    asked: str,
    note: str = "",
    *,
    name: str = "note",
    fault_is_ours: Callable[[], bool] = never,
    save: Callable[[str], object] | None = None,
    buttons: tuple[str, str] | None = None,
) -> str | None:
    """The note typed (its wording checked as it is typed), or None when the
    owner cancels. With ``save``, the note is saved before the dialog closes; a
    refusal is said in it, and it stays open."""
    dialog = NoteDialog(
        title, instruction, asked, note,
        name=name, fault_is_ours=fault_is_ours, save=save, parent=parent, buttons=buttons,
    )  # fmt: skip
    try:
        return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def cancel_follow_up(parent: QWidget | None, item: FollowUpItem) -> bool:
    """Ask why ``item`` is cancelled and cancel it (a refusal is said in the box);
    whether it was, from the morning list and a complaint's Follow-ups tab alike."""
    reason = ask_note(
        parent, "Cancel follow-up", f"Cancel “{item.what}”?", "&Why:",
        name="cancel_reason", fault_is_ours=lambda: fault_is_ours(item.complaint_id),
        save=lambda text: followups.cancel(item.id, author=user_name(), reason=text),
        buttons=("Cancel the &follow-up", "&Keep it"),
    )  # fmt: skip
    return reason is not None
