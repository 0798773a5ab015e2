"""Search-as-you-type and scrolling in the real window on a 100,000-complaint log.

Each keystroke is typed into the search box and timed until the list has
re-read its first page and the view has processed the change. Target: under
50 ms a keystroke.
"""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import big_log, summary

# What owners type: names (with and without accents), a phone number, a
# reference, words from the account, and a name that is not there.
PHRASES = (
    "zoe martin",
    "Łukasiewicz",
    "07712 3",
    "C-2026-0042",
    "hair in the",
    "wrong size",
    "nobody called xq",
    "иван",
)


def main() -> None:
    folder, _ = big_log()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from desktop.app import create_window

    started = time.perf_counter()
    window = create_window(str(folder))
    window.show()
    app.processEvents()
    shown_ms = (time.perf_counter() - started) * 1000
    print(f"window with 100,000 complaints built and shown in {shown_ms:.0f} ms")
    search = window.list_view.search
    status = window.list_view.status_filter
    per_key: list[float] = []
    slowest: list[tuple[float, str, str]] = []
    for status_index in (0, 2):  # open, then all
        status.setCurrentIndex(status_index)
        for phrase in PHRASES:
            search.clear()
            app.processEvents()
            for length in range(1, len(phrase) + 1):
                t0 = time.perf_counter()
                search.setText(phrase[:length])
                app.processEvents()
                per_key.append((time.perf_counter() - t0) * 1000)
                slowest.append((per_key[-1], status.currentText(), phrase[:length]))
    print(summary("search-as-you-type, per keystroke", per_key, "< 50 ms"))
    worst = ", ".join(f"{ms:.0f} ms {t!r} ({which})" for ms, which, t in sorted(slowest)[-3:])
    print(f"  slowest keystrokes: {worst}")

    search.clear()
    status.setCurrentIndex(2)
    app.processEvents()
    model = window.list_view.model
    table = window.list_view.table
    pages: list[float] = []
    for _ in range(50):
        t0 = time.perf_counter()
        table.scrollToBottom()
        app.processEvents()
        pages.append((time.perf_counter() - t0) * 1000)
    print(summary(f"scroll to the end of the loaded rows (to {model.rowCount():,} rows)", pages))
    sorts: list[float] = []
    header = table.horizontalHeader()
    for column in range(6):
        t0 = time.perf_counter()
        header.setSortIndicator(column, header.sortIndicatorOrder())
        app.processEvents()
        sorts.append((time.perf_counter() - t0) * 1000)
    print(summary("re-sort the whole log by a column", sorts))
    window.close()
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown of the Qt objects


if __name__ == "__main__":
    main()
