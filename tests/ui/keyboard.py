"""Typing into widgets as a person does."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication


def type_text(widget, text: str) -> None:
    """Type ``text`` into ``widget`` key by key, any script or emoji included.

    (QTest's keyClicks handles ASCII only.) A newline is the Return key.
    """
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    widget.setFocus()
    for char in text:
        key = Qt.Key.Key_Return if char == "\n" else Qt.Key.Key_unknown
        typed = "\r" if char == "\n" else char
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, typed)
            )


def press_shortcut(qtbot, widget, key, modifier) -> None:
    """Press a window's shortcut (Ctrl+L, Ctrl+S…) in ``widget``, its window made
    active first as a person's click would: a shortcut reaches only the active
    window, and a dialog just closed may have left none active."""
    window = widget.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(widget, key, modifier)
