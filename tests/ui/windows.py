"""Closing a window at the end of a test."""

from __future__ import annotations

from ui import messages


def close_window(window) -> None:
    """Close ``window``, dropping anything left typed (closing would ask about it)."""
    keep = messages.save_discard_or_cancel
    messages.save_discard_or_cancel = lambda *_args: "discard"
    try:
        window.close()
    finally:
        messages.save_discard_or_cancel = keep
    window.deleteLater()
