"""A short message under a form field saying what is wrong with it."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow, QScrollArea, QWidget

from ui.fit import TITLE_BAR, available_area, enclosing, keep_on_screen


class FieldError(QLabel):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}_error")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setStyleSheet("color: #b3261e;")
        self.setAccessibleName(f"{name.replace('_', ' ')} problem")
        self.hide()

    def show_message(self, message: str) -> None:
        self._keep_room(False)
        self.setText(message)
        self.setVisible(bool(message))
        if message:
            self._make_room()
            QTimer.singleShot(0, self, self._scroll_into_view)  # not after the label is gone

    def _scroll_into_view(self) -> None:
        """On a page that scrolls (a complaint's tab at 1024×768), the message is
        brought into view: said below the fold, it was not seen at all."""
        area = enclosing(self, QScrollArea)
        if area is not None and self.isVisible():
            area.ensureWidgetVisible(self, 0, 24)

    def _make_room(self) -> None:
        """Grow a dialog to hold the message: sized before it showed, it would
        otherwise squeeze its wrapped lines (the first line clipped, the last lost).
        Never past the screen's bottom edge, title bar included. The main window is
        left as it is: its pages give way or scroll (grown, its status bar and the
        buttons along its bottom went off a 768-pixel screen)."""
        window = self.window()
        layout = window.layout() if window is not self else None
        if layout is None or not window.isVisible() or isinstance(window, QMainWindow):
            return
        layout.activate()
        need = (
            layout.totalHeightForWidth(window.width())
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        frame = max(window.frameGeometry().height() - window.height(), 0) or TITLE_BAR
        need = min(need, available_area(window).height() - frame)
        if window.height() < need:
            window.resize(window.width(), need)
            keep_on_screen(window)

    def clear_message(self) -> None:
        self._keep_room(False)
        self.setText("")
        self.hide()

    def dismiss(self) -> None:
        """The field was changed: the message goes, but its room stays until the
        form is checked again, so nothing below moves under the pointer."""
        if self.isVisible() and self.text():
            self.setMinimumHeight(self.height())
            self.setText("")

    def _keep_room(self, keep: bool) -> None:
        if not keep:
            self.setMinimumHeight(0)
