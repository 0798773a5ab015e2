"""The log on a PostgreSQL server at a million complaints, in the real window.

Builds (or finds, from a run before: see server_log.py) a log of
``--complaints`` complaints (1,000,000 by default) on a local PostgreSQL server,
opens the window on it as a counter does, and times what the owner waits for:

- search as you type: realistic phrases typed a letter at a time, each keystroke
  timed until the list has read its first page (as bench_search.py does), with
  the open complaints shown and then all of them; target: p95 under 50 ms;
- the count of matches once typing pauses ("1,000+ match");
- opening the log: the first page and the count, open complaints and all of them;
  target: p95 under 300 ms;
- the morning list: the Follow-ups view built, read and shown (as
  bench_followups.py does); target: p95 under 300 ms;
- insights over the past year (the Insights view's period); target: p95 under 1 s.

``--sqlite`` times the same on the 100,000-complaint data file of the other
benchmarks (common.py), for the figures beside these.

Only a server on this computer is used (its socket, or localhost): ``--database``
or ``$COMPLAINT_DESK_TEST_SERVER`` (``.ci/with-postgres`` starts a throwaway
one). Without one it says so and exits 0. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_search import PHRASES as SEARCHED
from common import SERVER_ENV, big_log, private_home, remote_host, summary

COMPLAINTS = 1_000_000
# bench_search.py's phrases, and more of what owners type: a customer's email, an
# order number, words of a note, a name in Chinese script and one in Arabic.
PHRASES = (
    *SEARCHED,
    "amara.okafor",
    "receipt number 4",
    "voicemail",
    "王秀英",
    "محمد",
)
SEARCH_TARGET_MS = 50.0
OPEN_TARGET_MS = 300.0
INSIGHTS_TARGET_MS = 1000.0
RUNS = 9
INSIGHT_MONTHS = 12  # the Insights view's period (ui.insights_view.DEFAULT_MONTHS)


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


class Figures:
    """The lines printed, and whether each target was met."""

    def __init__(self) -> None:
        self.missed: list[str] = []

    def line(self, label: str, samples: list[float], target_ms: float | None = None) -> None:
        target = f"p95 < {target_ms:,.0f} ms" if target_ms is not None else ""
        print(summary(label, samples, target), flush=True)
        if target_ms is not None and p95(samples) >= target_ms:
            self.missed.append(f"{label}: p95 {p95(samples):,.0f} ms (target {target_ms:,.0f} ms)")


def _time(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def measure_search(app: Any, window: Any, figures: Figures) -> None:
    search = window.list_view.search
    status = window.list_view.status_filter
    model = window.list_view.model
    per_key: list[float] = []
    slowest: list[tuple[float, str, str]] = []
    counts: list[float] = []
    for status_index in (0, 2):  # open, then all
        status.setCurrentIndex(status_index)
        for phrase in PHRASES:
            search.clear()
            app.processEvents()
            for length in range(1, len(phrase) + 1):
                typed = phrase[:length]
                per_key.append(_time(lambda t=typed: (search.setText(t), app.processEvents())))
                slowest.append((per_key[-1], status.currentText(), typed))
            # Typing paused: the matches are counted (up to 1,000), as the list does.
            counts.append(_time(model._count))  # the count timer's slot, run at once
    if os.environ.get("BENCH_EACH_KEYSTROKE"):
        for ms, which, typed in slowest:
            print(f"  {ms:7.1f} ms  {which:4}  {typed!r}")
    figures.line("search-as-you-type, per keystroke", per_key, SEARCH_TARGET_MS)
    worst = ", ".join(f"{ms:.0f} ms {t!r} ({which})" for ms, which, t in sorted(slowest)[-4:])
    print(f"  slowest keystrokes: {worst}")
    figures.line("count of matches once typing pauses (up to 1,000)", counts)
    search.clear()
    app.processEvents()


def measure_opening(app: Any, window: Any, figures: Figures) -> None:
    view = window.list_view
    for status_index, which in ((0, "open"), (2, "all")):
        view.status_filter.setCurrentIndex(status_index)
        app.processEvents()
        samples = [_time(lambda: (view.refresh(), app.processEvents())) for _ in range(RUNS)]
        figures.line(f"the log's first page and count ({which})", samples, OPEN_TARGET_MS)
    view.status_filter.setCurrentIndex(0)
    app.processEvents()


def measure_morning_list(app: Any, figures: Figures) -> None:
    from ui.followups_view import FollowUpsView

    FollowUpsView().reload()  # imports and caches warmed
    samples: list[float] = []
    for _ in range(RUNS):
        started = time.perf_counter()
        view = FollowUpsView()
        view.reload()
        view.resize(1200, 700)
        view.show()
        app.processEvents()
        samples.append((time.perf_counter() - started) * 1000)
        view.close()
        view.deleteLater()
    figures.line("the morning list (Follow-ups view: read, group, show)", samples, OPEN_TARGET_MS)


@contextlib.contextmanager
def off_the_window() -> Iterator[None]:
    """Statements that wait as long as they take, as on the threads the window sends
    work to: the window's own thread gives a statement up after
    desktop.app.WINDOW_SERVER_WAIT_S (the server is then taken as away, and its
    connection shut), which the counts below and a year's insights can outlast."""
    from desktop.app import WINDOW_SERVER_WAIT_S
    from models import engine

    engine.current().limit_waits(None)
    try:
        yield
    finally:
        engine.current().limit_waits(WINDOW_SERVER_WAIT_S)


def measure_insights(figures: Figures) -> None:
    """Insights as the window reads them: on a thread of their own (see off_the_window)."""
    from models.insights import Period, insights

    period = Period.last_months(INSIGHT_MONTHS, dt.date.today())
    with off_the_window():
        data = insights(period)
        samples = [_time(lambda: insights(period)) for _ in range(RUNS)]
    figures.line(
        f"insights over the past year ({data.total:,} complaints)", samples, INSIGHTS_TARGET_MS
    )


def describe_log() -> str:
    from models.db import database

    today = dt.date.today().isoformat()
    complaints, still_open = database.execute_sql(
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE status = 'open') FROM complaint"
    ).fetchone()
    pending, overdue = database.execute_sql(
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE due_on < ?) FROM follow_up"
        " WHERE status = 'pending'",
        (today,),
    ).fetchone()
    (customers,) = database.execute_sql("SELECT COUNT(*) FROM customer").fetchone()
    (entries,) = database.execute_sql("SELECT COUNT(*) FROM event").fetchone()
    return (
        f"{complaints:,} complaints ({still_open:,} open), {customers:,} customers, "
        f"{entries:,} timeline entries, {pending:,} pending follow-ups ({overdue:,} overdue)"
    )


MEASURES = ("open", "search", "morning", "insights")


def measure(folder: Path, address: str | None, only: tuple[str, ...] = MEASURES) -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from desktop.app import create_window

    started = time.perf_counter()
    window = create_window(str(folder), address)
    window.show()
    app.processEvents()
    print(f"window built and shown in {(time.perf_counter() - started) * 1000:.0f} ms", flush=True)
    with off_the_window():
        print(describe_log(), flush=True)
    figures = Figures()
    if "open" in only:
        measure_opening(app, window, figures)
    if "search" in only:
        measure_search(app, window, figures)
    if "morning" in only:
        measure_morning_list(app, figures)
    if "insights" in only:
        measure_insights(figures)
    # The window is left open: closing it backs up the day, which is not timed here.
    for missed in figures.missed:
        print(f"MISSED: {missed}")
    return 1 if figures.missed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help=f"a local PostgreSQL server (default: ${SERVER_ENV})")
    parser.add_argument("--complaints", type=int, default=COMPLAINTS)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--sqlite", action="store_true", help="time the 100,000-complaint data file instead"
    )
    parser.add_argument(
        "--only", choices=MEASURES, action="append", help="time only this (may be repeated)"
    )
    options = parser.parse_args(argv)
    only = tuple(options.only or MEASURES)
    if options.sqlite:
        folder, built = big_log()
        if built is not None:
            print(f"built the 100,000-complaint data file in {built:.0f} s")
        return _leave(measure(folder, None, only))
    address = options.database or os.environ.get(SERVER_ENV)
    if not address:
        print(
            f"bench_server_scale: skipped: no PostgreSQL server given (--database or "
            f"${SERVER_ENV}: .ci/with-postgres .venv/bin/python benchmarks/bench_server_scale.py)"
        )
        return 0
    far = remote_host(address)
    if far is not None:
        print(f"bench_server_scale: refused: {far} is not this computer; use a local server only")
        return 2
    private = private_home("complaint-desk-scale-")
    from server_log import server_log

    try:
        log_address, built = server_log(
            address, options.complaints, options.seed, private / "builder"
        )
        if built is None:
            print(f"{options.complaints:,}-complaint log on the server: built by a run before")
        else:
            print(f"{options.complaints:,}-complaint log on the server built in {built:.0f} s")
        status = measure(private / "counter", log_address, only)
    finally:
        shutil.rmtree(private, ignore_errors=True)
    return _leave(status)


def _leave(status: int) -> int:
    """Exit now with ``status``, skipping the interpreter's teardown of the Qt objects."""
    sys.stdout.flush()
    os._exit(status)


if __name__ == "__main__":
    sys.exit(main())
