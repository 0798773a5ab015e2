"""Keys the app gives a meaning to in its text boxes, and where a tab's key leads."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QTabWidget, QWidget


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


def first_box(page: QWidget) -> QWidget | None:
    """The first box of ``page`` in Tab order that takes what is typed (a button
    is no box), shown and not greyed; None when it has none."""
    from PySide6.QtWidgets import QAbstractButton, QCheckBox, QRadioButton

    widget = page.nextInFocusChain()
    while widget is not None and widget is not page:
        takes_keys = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        plain_button = isinstance(widget, QAbstractButton) and not isinstance(
            widget, (QCheckBox, QRadioButton)
        )
        if (
            takes_keys and not plain_button and page.isAncestorOf(widget)
            and widget.isEnabled() and widget.isVisibleTo(page)
        ):  # fmt: skip
            return widget
        widget = widget.nextInFocusChain()
    return None


class _IntoThePage(QObject):
    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__(tabs)
        self._tabs = tabs

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Shortcut:
            QTimer.singleShot(0, self.focus_page)
        return False

    def focus_page(self, _index: int = -1) -> None:
        page, focus = self._tabs.currentWidget(), QApplication.focusWidget()
        if page is None or (focus is not page and page.isAncestorOf(focus)):
            return  # already in one of the page's boxes (not on the page's frame)
        box = first_box(page)
        if box is not None:
            box.setFocus(Qt.FocusReason.ShortcutFocusReason)


def tabs_lead_into_their_page(tabs: QTabWidget) -> None:
    """A tab picked by its Alt+letter or a click puts the cursor in its page's first
    box, so what is typed next goes there (not into a box of the page left, or
    nowhere). A page shown by the app itself leaves the focus where it is."""
    into = _IntoThePage(tabs)
    tabs.tabBar().installEventFilter(into)
    tabs.tabBarClicked.connect(lambda _index: QTimer.singleShot(0, into.focus_page))
