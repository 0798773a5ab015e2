"""Keys the app gives a meaning to in its text boxes."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QWidget


def is_ctrl_enter(event: QEvent) -> bool:
    """Ctrl+Enter (either Enter key): save or add, where a plain Enter is a new line."""
    return (
        event.type() == QEvent.Type.KeyPress
        and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
        and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    )


class _CtrlEnterDoes(QObject):
    def __init__(self, box: QWidget, action: Callable[[], object]) -> None:
        super().__init__(box)
        self._action = action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if is_ctrl_enter(event):
            self._action()
            return True
        return False


def ctrl_enter_does(box: QWidget, action: Callable[[], object]) -> None:
    """Ctrl+Enter in ``box`` (a note, where a plain Enter is a new line) does
    ``action``: what the dialog's main button does."""
    box.installEventFilter(_CtrlEnterDoes(box, action))


def ctrl_enter_accepts(dialog: QDialog, box: QWidget) -> None:
    """Ctrl+Enter in ``box`` does what OK does, as it saves the new complaint form."""
    ctrl_enter_does(box, dialog.accept)


def ctrl_enter_anywhere(
    window: QWidget, action: Callable[[], object], boxes: Iterable[QWidget] = ()
) -> None:
    """Ctrl+Enter (either Enter key) does ``action`` wherever the focus is in
    ``window``, and in ``boxes`` too (notes, where a plain Enter is a new line and
    would otherwise take the key first)."""
    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        QShortcut(QKeySequence(keys), window, activated=action)
    for box in boxes:
        ctrl_enter_does(box, action)
