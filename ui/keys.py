"""Keys the app gives a meaning to in its text boxes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt


def is_ctrl_enter(event: QEvent) -> bool:
    """Ctrl+Enter (either Enter key): save or add, where a plain Enter is a new line."""
    return (
        event.type() == QEvent.Type.KeyPress
        and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # type: ignore[attr-defined]
        and bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    )
