"""Start-up to a shown window, Complaint Desk beside a bare PySide6 window.

Each is started as a fresh process the same way (``python -c``); the clock
runs from launching the process to the window reporting itself shown and
painted. Target: at most 1.5 times the bare window, on a 100,000-complaint log.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

from common import ROOT, big_log

RUNS = 11

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("bare")
window.setCentralWidget(QLabel("hello"))
window.resize(1200, 760)
window.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
app.exec()
"""

APP = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from desktop.app import create_window
window = create_window(sys.argv[1])
window.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
app.exec()
"""


# Python caches compiled modules on a shop's computer; some shells (and CI)
# turn that off with PYTHONDONTWRITEBYTECODE, which would make every start
# recompile the app's own modules. Both windows are timed with caching on,
# after a warm-up start that writes the cache.
CHILD_ENV = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "PYTHONPATH": str(ROOT),
}


def time_start(code: str, *args: str) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**CHILD_ENV, "QT_QPA_PLATFORM": os.environ["QT_QPA_PLATFORM"]},
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    elapsed = (time.perf_counter() - started) * 1000
    process.wait()
    if line.strip() != "shown":
        raise RuntimeError("the window did not report itself shown")
    return elapsed


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder, _ = big_log()
    time_start(BARE)
    time_start(APP, str(folder))  # warm the file cache for both
    bare: list[float] = []
    app: list[float] = []
    for _ in range(RUNS):  # interleaved, so a busy moment costs both alike
        bare.append(time_start(BARE))
        app.append(time_start(APP, str(folder)))
    b, a = statistics.median(bare), statistics.median(app)
    platform = os.environ.get("QT_QPA_PLATFORM", "default")
    print(f"start-up to shown window ({platform} platform, median of {RUNS}):")
    print(f"  bare PySide6 window: {b:.0f} ms")
    print(f"  Complaint Desk, 100,000 complaints: {a:.0f} ms")
    print(f"  ratio: {a / b:.2f}x  [target <= 1.5x]")


if __name__ == "__main__":
    main()
