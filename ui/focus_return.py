"""The keyboard comes back to the window once a dialog closes.

A window manager gives the keyboard back to the window under a dialog when the
dialog closes. Without one (a till set up as a kiosk, a bare X session) the
keyboard stays with the dialog's vanished window: what the owner types next
goes nowhere until they click. Here the app does it itself, as window managers
do: once a dialog is hidden, the dialog still open (if any) or the window under
it is made active again, and its last focused box gets the keyboard back.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget


def _under(dialog: QDialog) -> QWidget | None:
    """The window a closed dialog leaves the keyboard to: a dialog still open, else
    the window it was opened from, else the app's main window."""
    modal = QApplication.activeModalWidget()
    if modal is not None and modal is not dialog and modal.isVisible():
        return modal
    parent = dialog.parentWidget()
    if parent is not None and parent.window().isVisible():
        return parent.window()
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not dialog]
    main = [w for w in shown if not isinstance(w, QDialog)]
    found = main or shown
    return found[0] if found else None


class FocusComesBack(QObject):
    """An application-wide filter: see the module's docstring."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide and isinstance(watched, QDialog) and watched.isWindow():
            dialog = watched
            # Found now, while the dialog is still there: a file dialog is deleted as
            # soon as it returns, before the keyboard could be given back.
            target = _under(dialog)
            QTimer.singleShot(0, lambda: self._give_back(dialog, target))
        return False

    @staticmethod
    def _give_back(dialog: QDialog, target: QWidget | None) -> None:
        try:
            if dialog.isVisible():
                return  # shown again meanwhile
        except RuntimeError:  # the dialog is already deleted: it is not showing
            pass
        modal = QApplication.activeModalWidget()
        if modal is not None and modal.isVisible():
            target = modal  # a dialog opened meanwhile keeps the keyboard
        try:
            if target is None or not target.isVisible():
                return
        except RuntimeError:  # the window under it went too
            return
        target.activateWindow()
        focused = target.focusWidget()
        if focused is not None:
            focused.setFocus()


def install(app: QApplication) -> FocusComesBack:
    """Give the keyboard back after every dialog of ``app``; keep the returned filter."""
    watcher = FocusComesBack(app)
    app.installEventFilter(watcher)
    return watcher
