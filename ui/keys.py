"""Keys the app gives a meaning to in its text boxes, and where a tab's key leads."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QTabWidget, QWidget


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


# File > Quit's keys, on every system (Windows has no standard key for quitting).
QUIT_KEYS = "Ctrl+Q"


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


def first_empty_box(page: QWidget) -> QWidget | None:
    """The first text box of ``page`` in Tab order still to be filled in: empty,
    shown, not greyed and not read-only; None when it has none. A box that holds
    something (the customer's name), a list or a choice is never it: what is
    typed next would change what is there."""
    from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit

    widget = page.nextInFocusChain()
    while widget is not None and widget is not page:
        if (
            isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit))
            and page.isAncestorOf(widget)
            and widget.isEnabled()
            and widget.isVisibleTo(page)
            and not widget.isReadOnly()
            and not (widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText())
        ):
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
        page = self._tabs.currentWidget()
        if page is None:
            return
        box = first_empty_box(page)
        if box is not None:
            box.setFocus(Qt.FocusReason.OtherFocusReason)
        else:  # nothing to fill in: keys move between the tabs, and change nothing
            self._tabs.tabBar().setFocus(Qt.FocusReason.OtherFocusReason)


def tabs_lead_into_their_page(tabs: QTabWidget) -> None:
    """A tab picked by its Alt+letter or a click puts the cursor in its page's first
    box still to be filled in (Offered on Resolve), so what is typed next goes
    there; on a page with none, on the tab bar, where typing changes nothing (not
    into the customer's name, a list or the box last typed in). A page shown by
    the app itself leaves the focus where it is."""
    into = _IntoThePage(tabs)
    tabs.tabBar().installEventFilter(into)
    tabs.tabBarClicked.connect(lambda _index: QTimer.singleShot(0, into.focus_page))


class ChangesWatched:
    """Whether anything in a dialog was changed by the owner since it was built:
    a box typed in, a tick, a choice, a number, a list of days. Built once the
    dialog holds its values, so filling it in counts as nothing."""

    def __init__(self, dialog: QWidget) -> None:
        from PySide6.QtWidgets import (
            QAbstractButton,
            QComboBox,
            QLineEdit,
            QListWidget,
            QPlainTextEdit,
            QSpinBox,
        )

        self.changed = False
        for box in dialog.findChildren(QLineEdit):
            box.textEdited.connect(self.mark)
        for text in dialog.findChildren(QPlainTextEdit):
            text.textChanged.connect(self.mark)
        for button in dialog.findChildren(QAbstractButton):
            if button.isCheckable():
                button.toggled.connect(self.mark)
        for combo in dialog.findChildren(QComboBox):
            combo.activated.connect(self.mark)
        for spin in dialog.findChildren(QSpinBox):
            spin.valueChanged.connect(self.mark)
        for listed in dialog.findChildren(QListWidget):
            listed.model().rowsInserted.connect(self.mark)
            listed.model().rowsRemoved.connect(self.mark)

    def mark(self, *_args: object) -> None:
        self.changed = True


class CancelAsks(QObject):
    """Esc or Cancel in ``dialog`` with something changed (:class:`ChangesWatched`,
    made here once the dialog is filled in) asks ``question`` before dropping it;
    with nothing changed the dialog closes at once."""

    def __init__(self, dialog: QDialog, question: str) -> None:
        super().__init__(dialog)
        self._dialog = dialog
        self._question = question
        self.changes = ChangesWatched(dialog)
        dialog.installEventFilter(self)  # Esc reaches it from any box inside

    def cancel(self) -> None:
        from ui import messages

        dialog = self._dialog
        if self.changes.changed and not messages.discard_or_keep(
            dialog, dialog.windowTitle(), self._question
        ):
            return
        dialog.reject()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Asked by Qt while the dialog is being built or taken down too, before or
        # after this object holds it: then nothing is for it.
        if (
            watched is getattr(self, "_dialog", None)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and not event.modifiers()
        ):
            self.cancel()
            return True
        return False
