"""Where the keyboard is, shown: a list that has the keyboard shows its chosen row
in the strong highlight colour, and in a pale grey once the keyboard goes
elsewhere (as desktops draw it), so Tab into the log is seen, not guessed."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView

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
