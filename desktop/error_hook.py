"""Anything unexpected shows a dialog with the details; the app stays open.

Damage to the data file met where nothing expected it (a read no list or save
wrapped) is not an error report: once the window is up it goes to the window,
which says the file is damaged and offers the newest good backup, as for damage
met anywhere else (see :func:`send_damage_to`). Nor is a server that cannot be
reached: the window's banner says that (see ui.shared_log)."""

from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Callable
from types import TracebackType

# The window's way of saying the data file is damaged (ui.damage_notice), once it is up.
_damage_met: Callable[[object], None] | None = None
# The same error again soon after its box was closed (a timer or a repaint meeting
# it each time) is written to the log, not shown again: one box, not a stream of them.
SAME_ERROR_QUIET_S = 10.0
_last_shown: dict[str, object] = {"key": None, "at": 0.0}
_box_open: list[bool] = [False]


def _error_key(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> tuple:
    last = traceback.extract_tb(tb)[-1:] if tb is not None else []
    where = (last[0].filename, last[0].lineno) if last else None
    return (kind.__name__, str(value), where)


def _quiet(key: tuple) -> bool:
    """Whether an error is left to the log: a box is open, or the same error's box
    was closed moments ago."""
    if _box_open[0]:
        return True
    recent = time.monotonic() - float(_last_shown["at"]) < SAME_ERROR_QUIET_S  # type: ignore[arg-type]
    return recent and _last_shown["key"] == key


def send_damage_to(handler: Callable[[object], None] | None) -> None:
    """From now on, damage reaching this hook goes to ``handler`` (called with a
    DamagedDatabaseError) instead of the error dialog; None shows the dialog again."""
    global _damage_met
    _damage_met = handler


def stop_sending_damage_to(handler: Callable[[object], None]) -> None:
    """``handler`` is going away (its window closed): the error dialog again."""
    global _damage_met
    if _damage_met == handler:
        _damage_met = None


def _show(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    from models.errors import ServerAway

    if isinstance(value, ServerAway) and _damage_met is not None:
        sys.stderr.write(f"Not done, the server away: {value}\n")
        _say_not_done(value)  # the window's banner says the rest
        return
    details = "".join(traceback.format_exception(kind, value, tb))
    sys.stderr.write(details)
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        return
    import sqlite3

    import peewee

    from models.db import describe_storage_error, is_damage, storage_error
    from models.errors import DamagedDatabaseError
    from ui import messages

    if _damage_met is not None:
        from ui.storage_reads import read_problem

        problem = read_problem(value)
        if isinstance(problem, DamagedDatabaseError):
            _damage_met(problem)
            return
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
    key = _error_key(kind, value, tb)
    if _quiet(key):
        return  # written to the log above
    _box_open[0] = True
    try:
        messages.show_box(box)
    finally:
        _box_open[0] = False
        _last_shown.update(key=key, at=time.monotonic())


def _say_not_done(problem: BaseException) -> None:
    """On the main window's status bar: what was asked was not done, and why (the
    server cannot be reached), with what was typed still there."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    for window in QApplication.topLevelWidgets():
        if isinstance(window, QMainWindow) and window.isVisible():
            said = str(problem)
            said = said[:1].lower() + said[1:] if said.startswith("The ") else said
            window.statusBar().showMessage(
                f"Not done: {said} What you typed is still there.", 20_000
            )
            return


def install() -> None:
    sys.excepthook = _show


CRASH_LOG = "crash.log"
_crash_log: list[object] = []  # the open file, kept for as long as the app runs


def keep_crash_log(folder: object) -> None:
    """Should the program itself fail (a fault in Qt, not an error Python can show),
    the stack of every thread is added to ``crash.log`` in the data folder, with the
    time, so that what happened can be found and put right. Nothing else is written
    there."""
    import datetime as dt
    import faulthandler
    from pathlib import Path

    path = Path(str(folder)) / CRASH_LOG
    try:
        if path.exists() and path.stat().st_size > 256 * 1024:  # a year of starts
            path.replace(path.with_name(CRASH_LOG + ".old"))
        log = path.open("a", encoding="utf-8")
    except OSError:
        return  # a folder that cannot be written is said elsewhere
    log.write(f"--- Complaint Desk started {dt.datetime.now():%Y-%m-%d %H:%M:%S}\n")
    log.flush()
    faulthandler.enable(file=log, all_threads=True)
    _crash_log[:] = [log]
