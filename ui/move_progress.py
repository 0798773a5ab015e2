"""Copying this computer's log to a server, with its progress shown: the work
runs off the window's thread while this dialog says which table it is at."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.workers import run_in_background


class _Progress(QObject):
    told = Signal(str, int, int)


class MoveProgressDialog(QProgressDialog):
    """Shown while the log is copied; it cannot be cancelled half-way (the copy is
    one transaction on the server, so stopping it would change nothing anyway)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Copying the log to the server…", "", 0, 0, parent)
        self.setObjectName("move_progress")
        self.setWindowTitle("Moving the log")
        self.setCancelButton(None)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setAccessibleName("Copying the log to the server")

    def show_step(self, what: str, done: int, of: int) -> None:
        self.setMaximum(of)
        self.setValue(done)
        self.setLabelText(f"{what}…")


def run_move(work: Callable[[Callable[[str, int, int], None]], Any], parent=None) -> Any:
    """Run ``work(progress)`` off this thread with the dialog up; return its result,
    or raise what it raised, once it is done."""
    dialog = MoveProgressDialog(parent)
    progress = _Progress()
    progress.told.connect(dialog.show_step)
    outcome: dict[str, Any] = {}
    loop = QEventLoop()

    def done(result: Any) -> None:
        outcome["result"] = result
        loop.quit()

    def failed(error: BaseException) -> None:
        outcome["error"] = error
        loop.quit()

    dialog.show()
    run_in_background(lambda: work(progress.told.emit), done, failed)
    loop.exec()
    dialog.close()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")
