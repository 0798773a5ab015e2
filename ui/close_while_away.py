"""Closing the window while the server cannot be reached and a complaint holds
typing that could not be saved: the words are kept in a text file in the
owner's Documents folder, to paste back once the server is back, rather than
offered only to be thrown away."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWidget

from models.os_errors import describe_os_error
from models.partial_files import free_name
from ui import messages
from ui.file_dialogs import documents_folder


def keep_and_close(
    parent: QWidget, reference: str, words: str, now: dt.datetime | None = None
) -> bool:
    """Ask to close with ``words`` (what was typed on ``reference`` and could not be
    saved) kept in a file; True once they are kept and the window may close."""
    now = now or dt.datetime.now()
    if not words.strip():
        return messages.confirm(
            parent,
            "Close without saving?",
            f"The server cannot be reached, so the changes to {reference} cannot be saved "
            "now. Close and lose them?",
        )
    folder = documents_folder()
    path = free_name(folder, f"Not saved {reference} {now:%Y-%m-%d %H%M}", ".txt")
    if not messages.offer_to_keep(
        parent,
        "Keep what you typed?",
        f"The server cannot be reached, so what you typed on {reference} cannot be saved "
        f"now.\n\nClose and keep it in a file in {folder}, to paste back once the server "
        f"is back?\n\n{path.name}\n\nNo stays open, with what you typed still there.",
    ):
        return False
    try:
        path.write_text(f"{reference}, typed by {now:%d %b %Y %H:%M}:\n\n{words}\n", "utf-8")
    except OSError as exc:
        messages.warn(
            parent, "Not closed", describe_os_error(exc, folder, "so the window stays open")
        )
        return False
    return True
