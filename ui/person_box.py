"""A box for a person's name: pick someone from the shop's staff list, or type
any name. Read and set like a line edit (``text()``, ``setText()``)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from models import business, people
from models.errors import ComplaintDeskError


def offered_names() -> list[str]:
    """The person at the counter, who signs, and the staff list; [] when the
    data cannot be read (the box still takes a typed name)."""
    try:
        return people.offered_names(business.load_profile())
    except ComplaintDeskError:
        return []


class PersonBox(QComboBox):
    textChanged = Signal(str)  # as QLineEdit's: typed or picked

    def __init__(self, object_name: str, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setAccessibleName(accessible_name)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(12)
        self.lineEdit().setObjectName(f"{object_name}_text")
        self.lineEdit().setAccessibleName(accessible_name)
        self.setToolTip("Choose from the staff list (Edit > Business profile) or type a name")
        # Names of the staff that hold what is typed ("Kofi", "mensah") are offered
        # under the box as one types; Down and Enter, or a click, takes one. Nothing
        # is filled in unasked: a name that starts like a colleague's stays as typed.
        completer = QCompleter(self.model(), self)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self.editTextChanged.connect(self._on_edit_text_changed)
        self.offer(offered_names())

    def offer(self, names: list[str]) -> None:
        """Offer ``names`` in the list, keeping what is in the box."""
        kept = self.text()
        self.blockSignals(True)
        try:
            super().clear()
            self.addItems(names)
            self.setEditText(kept)
        finally:
            self.blockSignals(False)
        # The list opens as wide as its longest name ("Bartholomew Fitzwilliam-
        # Hargreaves" whole, not "Bartholom…argreaves"), however narrow the box.
        metrics = self.view().fontMetrics()
        widest = max(map(metrics.horizontalAdvance, names), default=0)
        self.view().setMinimumWidth(widest + 2 * metrics.averageCharWidth() + 24)
        self.view().setTextElideMode(Qt.TextElideMode.ElideNone)

    def text(self) -> str:
        return self.currentText()

    def setText(self, text: str) -> None:
        self.setEditText(text)

    def clear(self) -> None:
        """Empty the box; the names stay offered."""
        self.clearEditText()

    @Slot(str)
    def _on_edit_text_changed(self, text: str) -> None:
        self.textChanged.emit(text)
