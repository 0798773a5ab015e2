"""Where the keyboard is, shown: a list that has the keyboard shows its chosen row
in the strong highlight colour, and in a pale grey once the keyboard goes
elsewhere (as desktops draw it), so Tab into the log is seen, not guessed. And
the first arrow key in a list with nothing chosen chooses the row its frame is
on, rather than the one after it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QWidget

# The chosen row of a list without the keyboard: light enough that the strong
# colour of the list with it stands out, dark enough to read as chosen.
RESTING_ROW = QColor("#d6d9de")


def selection_shows_focus(view: QAbstractItemView) -> None:
    """``view``'s chosen rows turn pale while it does not have the keyboard."""
    palette = view.palette()
    group = QPalette.ColorGroup.Inactive
    palette.setColor(group, QPalette.ColorRole.Highlight, RESTING_ROW)
    palette.setColor(
        group,
        QPalette.ColorRole.HighlightedText,
        palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text),
    )
    view.setPalette(palette)


class _FirstArrowChooses(QObject):
    """Up or Down in a list with nothing chosen chooses the row its frame is on: Qt puts
    the frame on the first row when the list gets the keyboard, without choosing it,
    so the first Down went to the second row."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QAbstractItemView):
            return False
        if event.key() not in (Qt.Key.Key_Down, Qt.Key.Key_Up):  # type: ignore[attr-defined]
            return False
        if event.modifiers() != Qt.KeyboardModifier.NoModifier:  # type: ignore[attr-defined]
            return False
        chosen = watched.selectionModel()
        current = watched.currentIndex()
        if chosen is None or chosen.hasSelection() or not current.isValid():
            return False
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        chosen.setCurrentIndex(current, flags)
        return True


def first_arrow_chooses(view: QAbstractItemView) -> None:
    """See :class:`_FirstArrowChooses`."""
    view.installEventFilter(_FirstArrowChooses(view))


# A list's frame: grey, and blue and thicker while it has the keyboard (the padding
# keeps its rows where they are). Qt's own look draws nothing on a list, most of all
# an empty one, that says the keyboard is in it.
_LIST_FRAME = (
    "{kind} {{ border: 1px solid #a0a4a8; padding: 1px; }}"
    " {kind}:focus {{ border: 2px solid #1565c0; padding: 0px; }}"
)
# A choice (a radio button, a tick box) with the keyboard on it is shaded.
_CHOICE_FOCUS = "{kind}:focus {{ background: #e3f2fd; border-radius: 3px; }}"


def text_shows_focus(box: QWidget) -> None:
    """A box of text (or a list) is framed in blue while it has the keyboard."""
    box.setStyleSheet(_LIST_FRAME.format(kind=_qt_class(box)))


def frame_shows_focus(view: QAbstractItemView) -> None:
    """``view``'s frame says when it has the keyboard, as a box of text's does; its
    chosen rows turn pale without it (:func:`selection_shows_focus`)."""
    text_shows_focus(view)
    selection_shows_focus(view)


def choice_shows_focus(button: QWidget) -> None:
    """A radio button or tick box is shaded while it has the keyboard."""
    button.setStyleSheet(_CHOICE_FOCUS.format(kind=_qt_class(button)))


def _qt_class(widget: QWidget) -> str:
    """The Qt class ``widget`` is, as a style sheet names it (not a subclass of ours):
    a rule for it then reaches neither its scroll bars nor anything inside it."""
    meta = widget.metaObject()
    while meta is not None and not meta.className().startswith("Q"):
        meta = meta.superClass()
    return meta.className() if meta is not None else "QWidget"
