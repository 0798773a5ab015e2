"""Anything unexpected shows a dialog with the details; the app stays open."""

from __future__ import annotations

import sys
import traceback
from types import TracebackType


def _show(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    details = "".join(traceback.format_exception(kind, value, tb))
    sys.stderr.write(details)
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        return
    import sqlite3

    import peewee

    from models.db import describe_storage_error, is_damage, storage_error

    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Complaint Desk: something went wrong")
    box.setTextFormat(Qt.TextFormat.PlainText)
    if is_damage(value):  # met by a read no save wrapped: name the backup to restore
        box.setText(str(storage_error(value)))
    elif isinstance(value, (OSError, sqlite3.Error, peewee.PeeweeException)):
        box.setText(describe_storage_error(value))
    else:
        box.setText(
            "Something unexpected went wrong. What you saved before is safe; "
            "the last action may not have finished. The details below help to fix it."
        )
    box.setDetailedText(details)
    box.exec()


def install() -> None:
    sys.excepthook = _show
