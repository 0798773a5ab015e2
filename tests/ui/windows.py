"""Closing a window at the end of a test, and the width a title bar needs."""

from __future__ import annotations

from ui import messages


def close_window(window) -> None:
    """Close ``window``, dropping anything left typed (closing would ask about it)."""
    from ui import close_while_away

    keep = messages.save_discard_or_cancel, close_while_away.keep_and_close
    messages.save_discard_or_cancel = lambda *_args: "discard"
    close_while_away.keep_and_close = lambda *_args, **_kwargs: True  # the server away
    try:
        window.close()
    finally:
        messages.save_discard_or_cancel, close_while_away.keep_and_close = keep
    window.deleteLater()


def title_bar_needs(window, shown: str) -> int:
    """How wide ``window`` must be for a title bar showing ``shown`` to read whole:
    the title in bold, as title bars draw it, and the room of the bar's icon and
    buttons."""
    from PySide6.QtGui import QFont, QFontMetrics

    bold = QFont(window.font())
    bold.setBold(True)
    return QFontMetrics(bold).horizontalAdvance(shown) + messages.TITLE_BAR_ROOM
