"""Insights over the last 18 months of a 100,000-complaint log, and their PDF report.

Opens the log as the app does, computes the insights once to warm SQLite's
cache, then times them. Target: a median under 500 ms. The redress ledger and
the report (with the ledger) are timed too (the report's first render registers
the fonts and is reported apart). Exits 1 when the insights' median misses the
target.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
for folder in (HERE, HERE.parent):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from common import big_log  # noqa: E402

MONTHS = 18
TARGET_MS = 500.0
RUNS = 15
REPORT_RUNS = 5


def percentile_95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def main() -> int:
    folder, built = big_log()
    if built is not None:
        print(f"built the 100,000-complaint log in {built:.0f} s")
    from desktop.startup import open_data
    from letters.insights_report import render_insights_report
    from models.db import database
    from models.insights import Period, insights
    from models.redress_ledger import redress_ledger

    open_data(folder)
    complaints = int(database.execute_sql("SELECT COUNT(*) FROM complaint").fetchone()[0])
    period = Period.last_months(MONTHS, dt.date.today())

    data = insights(period)  # warm-up: SQLite's page cache, the statements
    samples: list[float] = []
    for _ in range(RUNS):
        started = time.perf_counter()
        data = insights(period)
        samples.append((time.perf_counter() - started) * 1000)
    median = statistics.median(samples)
    print(
        f"insights over {MONTHS} months, {complaints:,} complaints: median {median:.0f} ms, "
        f"p95 {percentile_95(samples):.0f} ms (target < {TARGET_MS:.0f} ms)"
    )
    print(f"  {data.total:,} complaints in the period, {len(data.months)} months")

    ledger = redress_ledger(period)  # warm-up
    ledger_samples: list[float] = []
    for _ in range(REPORT_RUNS):
        started = time.perf_counter()
        ledger = redress_ledger(period)
        ledger_samples.append((time.perf_counter() - started) * 1000)
    print(
        f"redress ledger: median {statistics.median(ledger_samples):.0f} ms for "
        f"{len(ledger.entries):,} redresses"
    )

    started = time.perf_counter()
    pdf = render_insights_report(data, "Corner Cycles", ledger)
    first_ms = (time.perf_counter() - started) * 1000
    renders: list[float] = []
    for _ in range(REPORT_RUNS):
        started = time.perf_counter()
        pdf = render_insights_report(data, "Corner Cycles", ledger)
        renders.append((time.perf_counter() - started) * 1000)
    print(
        f"insights report PDF: first {first_ms:.0f} ms (registers fonts), then median "
        f"{statistics.median(renders):.0f} ms, {len(pdf) // 1024} KB"
    )
    if median > TARGET_MS:
        print(f"FAIL: insights median {median:.0f} ms is over {TARGET_MS:.0f} ms")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
