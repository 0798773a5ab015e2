"""Types without a pause into the new-complaint form until it is killed.

Run as ``python typing_child.py DATA_DIR KEYS_PER_SECOND [window]`` (``window``:
wait for the data file only as briefly as the window does). After each key has
reached the form it prints how many characters are in the box, so the process
that kills it knows what had been typed and when.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The words typed, over and over; any text would do.
TEXT = "The lid of the teapot was chipped when she unwrapped it at home. "


def typed(count: int) -> str:
    """The first ``count`` characters this script types."""
    return (TEXT * (count // len(TEXT) + 1))[:count]


def main() -> None:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from desktop.startup import open_data
    from ui.new_complaint_dialog import NewComplaintDialog

    app = QApplication([])
    open_data(sys.argv[1])
    if sys.argv[3:] == ["window"]:
        from desktop.app import WINDOW_BUSY_TIMEOUT_MS
        from models.db import database

        database.obj.pragma("busy_timeout", WINDOW_BUSY_TIMEOUT_MS)
    per_second = float(sys.argv[2])
    dialog = NewComplaintDialog()
    dialog.show()
    dialog.account.setFocus()
    count = 0

    def press() -> None:
        nonlocal count
        QTest.keyClick(dialog.account, typed(count + 1)[-1], Qt.KeyboardModifier.NoModifier)
        count += 1
        print(count, flush=True)

    timer = QTimer()
    timer.setInterval(max(1, round(1000 / per_second)))
    timer.timeout.connect(press)
    timer.start()
    print("ready", flush=True)
    app.exec()


if __name__ == "__main__":
    main()
