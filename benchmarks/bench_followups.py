"""The Follow-ups view on 100,000 complaints with 10,000 pending follow-ups.

Times opening the view (build, read and group every pending follow-up) and
regrouping it after a change. Target: under 100 ms each.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import big_log, summary

PENDING_TARGET = 10_000


def top_up_pending(target: int) -> int:
    """Add plain follow-ups until ``target`` are pending; return how many are."""
    from models.db import database, writing

    pending = database.execute_sql(
        "SELECT COUNT(*) FROM follow_up WHERE status = 'pending'"
    ).fetchone()[0]
    missing = target - pending
    if missing > 0:
        today = dt.date.today()
        ids = [row[0] for row in database.execute_sql(
            "SELECT id FROM complaint WHERE status = 'open' ORDER BY id LIMIT ?", (missing,)
        )]  # fmt: skip
        now = str(dt.datetime.now())
        rows = [
            (ids[n % len(ids)], "other", "Ring back", "Sam",
             (today + dt.timedelta(days=n % 40 - 10)).isoformat(), "pending", now)
            for n in range(missing)
        ]  # fmt: skip
        with writing():
            database.obj.connection().executemany(
                "INSERT INTO follow_up (complaint_id, kind, what, owner, due_on, status,"
                " created_at) VALUES (?,?,?,?,?,?,?)",
                rows,
            )
    return int(
        database.execute_sql("SELECT COUNT(*) FROM follow_up WHERE status = 'pending'").fetchone()[
            0
        ]
    )


def main() -> None:
    folder, _ = big_log()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from desktop.startup import open_data

    open_data(str(folder))
    pending = top_up_pending(PENDING_TARGET)
    complaints = __import__("models.complaints", fromlist=["x"]).count_complaints()
    from ui.followups_view import FollowUpsView

    FollowUpsView().reload()  # warm up imports and caches
    opens: list[float] = []
    regroups: list[float] = []
    for _ in range(7):
        t0 = time.perf_counter()
        view = FollowUpsView()
        view.reload()
        view.resize(1200, 700)
        view.show()
        app.processEvents()
        opens.append((time.perf_counter() - t0) * 1000)
        for _ in range(3):
            t0 = time.perf_counter()
            view.reload()
            app.processEvents()
            regroups.append((time.perf_counter() - t0) * 1000)
        view.close()
        view.deleteLater()
    print(f"{complaints:,} complaints, {pending:,} pending follow-ups")
    print(summary("follow-ups view: open (query, group, show)", opens, "< 100 ms"))
    print(summary("follow-ups view: regroup after a change", regroups, "< 100 ms"))
    failed = statistics.median(opens) > 100 or statistics.median(regroups) > 100
    sys.stdout.flush()
    os._exit(1 if failed else 0)


if __name__ == "__main__":
    main()
