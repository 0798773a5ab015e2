"""Four counters on one log on a PostgreSQL server, at once (issue 15's load test).

Four processes, each a counter with its own connection and its own data folder,
work on one log for a bounded time (``--seconds``, 120 by default): logging
complaints (returning customers too), adding notes, ticking guide steps,
completing follow-ups from the shared morning list and searching, everything
through :mod:`models`, the paths the window takes. Two of them also edit the
same few complaints through :func:`models.edit_clash.save_edits`, with a
moment's typing between reading and saving, so their saves meet: a clash is
said, and the person either takes the other version or saves over it knowingly.

Each counter writes down every save it was told succeeded. At the end the log
is read back and checked against them:

- lost writes: a complaint, note, tick, completed follow-up or edit a counter
  saved that is not in the log, or an edit replaced by someone who never saw
  it (the timeline says what each edit replaced); must be 0;
- duplicate references (must be 0) and gaps in the references' numbers;
- raw database errors: anything a counter met that was not one of the app's
  own errors (the kind the window explains in a sentence); must be 0.

Only a server on this computer is used (its socket, or localhost), never one
elsewhere: the address comes from ``--database`` or, as for the tests,
``$COMPLAINT_DESK_TEST_SERVER`` (``.ci/with-postgres`` starts a throwaway one:
``.ci/with-postgres .venv/bin/python benchmarks/bench_counters.py --seconds 30``).
Everything is written into a new schema of that database, dropped at the end.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import multiprocessing
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common import SERVER_ENV as ADDRESS_ENV
from common import check_connected_locally, private_home, remote_host

COUNTERS = 4
EDITORS = (0, 1)  # these two counters edit the same complaints
SHARED = 4  # complaints both editors edit
DEFAULT_SECONDS = 120
# What each counter does, and how often (relative weights).
WORK = {"log": 30, "note": 25, "tick": 20, "follow_up": 10, "search": 15}
EDIT_WEIGHT = 35  # beside WORK, for the two editors
# Words in complaints and notes, searched for.
WORDS = ("kettle", "scratched", "refund", "delivery", "invoice", "warranty", "leaking", "rude")


# --- a log of its own on the server --------------------------------------------------


def make_schema(address: str) -> tuple[str, str]:
    """A new, empty schema for this run; (its name, the address that uses it)."""
    import psycopg
    from psycopg.conninfo import make_conninfo

    schema = f"load_{os.getpid()}_{int(time.time())}"
    with psycopg.connect(address, autocommit=True) as connection:
        check_connected_locally(connection, "bench_counters")
        found = connection.execute(
            "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'"
        ).fetchone()
        if found is None:  # as the tests do: the search's extension in a schema of its own
            connection.execute("CREATE SCHEMA IF NOT EXISTS extensions")
            connection.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA extensions")
        extensions = found[0] if found is not None else "extensions"
        connection.execute(f"CREATE SCHEMA {schema}")
        (version,) = connection.execute("SHOW server_version").fetchone()
    options = f"-c search_path={schema},{extensions}"
    print(f"PostgreSQL {version.split()[0]}, schema {schema} for this run", flush=True)
    return schema, make_conninfo(address, options=options)


def drop_schema(address: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(address, autocommit=True) as connection:
        connection.execute(f"DROP SCHEMA {schema} CASCADE")


def seed_shared(folder: Path, address: str) -> list[int]:
    """Open the log (its tables made) and log the complaints both editors edit."""
    from desktop.startup import open_data
    from models.complaints import ComplaintDetails, log_complaint
    from models.customers import CustomerDetails
    from models.db import close_database

    open_data(folder, database=address)
    ids = []
    for n in range(SHARED):
        saved = log_complaint(
            CustomerDetails(name=f"Shared Customer {n}", phone=f"0161 496 00{n:02d}"),
            ComplaintDetails(account=f"The {WORDS[n]} came back {WORDS[-1 - n]}.",
                             product=f"seed-{n}", remedy_sought=f"seed-{n}"),
            author="Owner",
        )  # fmt: skip
        ids.append(saved.id)
    close_database()
    return ids


# --- one counter ---------------------------------------------------------------------


@dataclass
class Tally:
    """What one counter did, and every save it was told succeeded."""

    counter: int
    saves: Counter[str] = field(default_factory=Counter)
    save_ms: list[float] = field(default_factory=list)
    search_ms: list[float] = field(default_factory=list)
    conflicts: int = 0
    saved_over: int = 0
    took_theirs: int = 0
    busy: int = 0  # "busy, try again": an app error, nothing saved
    refused: list[str] = field(default_factory=list)  # other app errors
    raw_errors: list[str] = field(default_factory=list)
    complaints: list[tuple[int, str, str]] = field(default_factory=list)  # id, reference, account
    customers: list[tuple[int, str]] = field(default_factory=list)  # id, name
    notes: list[tuple[int, str]] = field(default_factory=list)
    ticks: list[tuple[int, str]] = field(default_factory=list)
    completed: list[int] = field(default_factory=list)
    # (complaint id, field, value saved, the value it replaced as the counter saw it)
    edits: list[tuple[int, str, str, str]] = field(default_factory=list)


class CounterAtWork:
    """One counter's work, in its own process."""

    def __init__(self, number: int, shared: list[int], seed: int) -> None:
        self.tally = Tally(number)
        self.number = number
        self.author = f"Counter {number + 1}"
        self.shared = shared
        self.random = random.Random(seed * 100 + number)
        self.made = 0
        work = dict(WORK)
        if number in EDITORS:
            work["edit"] = EDIT_WEIGHT
        self.kinds = list(work)
        self.weights = list(work.values())

    def run(self, seconds: float) -> Tally:
        from models.errors import BusyError, ComplaintDeskError

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            kind = self.random.choices(self.kinds, self.weights)[0]
            try:
                getattr(self, f"_{kind}")()
            except BusyError:
                self.tally.busy += 1
            except ComplaintDeskError as exc:
                self.tally.refused.append(f"{kind}: {type(exc).__name__}: {exc}")
            except Exception as exc:
                said = (str(exc).splitlines() or [""])[0]
                self.tally.raw_errors.append(f"{kind}: {type(exc).__name__}: {said}")
        return self.tally

    def _saved(self, kind: str, started: float) -> None:
        self.tally.save_ms.append((time.perf_counter() - started) * 1000)
        self.tally.saves[kind] += 1

    def _unique(self) -> str:
        self.made += 1
        return f"c{self.number + 1}-{self.made}"

    def _some_complaint(self) -> int:
        own = [c[0] for c in self.tally.complaints[-20:]]
        return self.random.choice(own + self.shared)

    def _log(self) -> None:
        from models.complaints import ComplaintDetails, log_complaint
        from models.customers import CustomerDetails

        mark = self._unique()
        account = f"The {self.random.choice(WORDS)} was {self.random.choice(WORDS)} ({mark})."
        customer_id, name = None, f"Customer {mark}"
        if self.tally.customers and self.random.random() < 0.2:  # picked from the suggestions
            customer_id, name = self.random.choice(self.tally.customers)
        started = time.perf_counter()
        saved = log_complaint(
            CustomerDetails(name=name, email=f"{name.split()[-1]}@example.com"),
            ComplaintDetails(account=account),
            author=self.author,
            customer_id=customer_id,
        )
        self._saved("complaints", started)
        self.tally.complaints.append((saved.id, saved.reference, account))
        if customer_id is None:
            self.tally.customers.append((saved.customer_id, name))

    def _note(self) -> None:
        from models.complaints import add_note

        complaint_id = self._some_complaint()
        text = f"Rang about the {self.random.choice(WORDS)} ({self._unique()})."
        started = time.perf_counter()
        add_note(complaint_id, text, author=self.author)
        self._saved("notes", started)
        self.tally.notes.append((complaint_id, text))

    def _tick(self) -> None:
        from models import checklist, guide

        complaint_id = self._some_complaint()
        step = self.random.choice(list(guide.STEPS_BY_KEY))
        if complaint_id in self.shared:  # the step the guide shows next, as the others see it
            done = checklist.ticks(complaint_id)
            step = next((key for key in guide.STEPS_BY_KEY if key not in done), step)
        started = time.perf_counter()
        checklist.tick(complaint_id, step, author=self.author)
        self._saved("ticks", started)
        self.tally.ticks.append((complaint_id, step))

    def _follow_up(self) -> None:
        from models import followups, morning_list

        today = dt.date.today()
        page = morning_list.group_page("today", today, limit=50) or morning_list.group_page(
            "next", today, limit=50
        )
        if not page:
            return
        item = self.random.choice(page)
        outcome = followups.SATISFIED if item.kind == followups.SATISFACTION else "done"
        started = time.perf_counter()
        followups.complete(item.id, outcome, author=self.author)
        self._saved("follow-ups", started)
        self.tally.completed.append(item.id)

    def _search(self) -> None:
        from models.complaint_list import Listing, ListQuery

        words = self.random.choice((WORDS, ("customer c", "example", "c1-", "c3-1")))
        started = time.perf_counter()
        Listing(ListQuery(status="all", text=self.random.choice(words))).next_page()
        self.tally.search_ms.append((time.perf_counter() - started) * 1000)

    def _edit(self) -> None:
        """Read a shared complaint, type for a moment, save: as the window does."""
        from models.complaints import load_complaint
        from models.edit_clash import EditClash, save_edits

        complaint_id = self.random.choice(self.shared)
        seen = load_complaint(complaint_id)
        time.sleep(self.random.uniform(0.0, 0.08))
        value = self._unique()
        changes = {"product": value}
        if self.random.random() < 0.4:  # a field only this counter changes: merged, not a clash
            changes["handler" if self.number == EDITORS[0] else "remedy_sought"] = value
        details = dataclasses.replace(seen.details, **changes)
        over = None
        for _ in range(3):
            started = time.perf_counter()
            try:
                save_edits(seen, details, seen.customer, author=self.author, over=over)
            except EditClash as clash:
                self.tally.conflicts += 1
                if self.random.random() < 0.5:
                    self.tally.took_theirs += 1  # they keep the other version
                    return
                over = clash.theirs  # they save theirs over it, knowingly
                continue
            self._saved("edits", started)
            self.tally.saved_over += over is not None
            base = (over or seen).details
            for name, saved in changes.items():
                self.tally.edits.append((complaint_id, name, saved, getattr(base, name)))
            return


def counter_process(number: int, folder: str, address: str, shared: list[int], seed: int,
                    seconds: float, ready: Any, start: Any, results: Any) -> None:  # fmt: skip
    """A counter in its own process: open the log, wait for the others, work, report."""
    from desktop.app import WINDOW_BUSY_TIMEOUT_MS
    from desktop.startup import open_data
    from models import engine
    from models.db import close_database

    try:
        open_data(Path(folder), database=address)
        # As the window's connection waits for another's change before saying busy.
        engine.current().wait_for_locks(WINDOW_BUSY_TIMEOUT_MS)
        counter = CounterAtWork(number, shared, seed)
    except BaseException as exc:
        results.put((number, f"could not start: {type(exc).__name__}: {exc}"))
        raise
    ready.put(number)
    start.wait()
    try:
        results.put((number, counter.run(seconds)))
    finally:
        close_database()


# --- checking the log against what the counters were told ---------------------------


@dataclass
class Findings:
    lost: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)
    done_twice: int = 0


def check_log(folder: Path, address: str, tallies: list[Tally]) -> Findings:
    from desktop.startup import open_data
    from models.db import close_database

    open_data(folder, database=address)
    found = Findings()
    try:
        _check_complaints(tallies, found)
        _check_rows(tallies, found)
        _check_edits(tallies, found)
    finally:
        close_database()
    completed = Counter(i for t in tallies for i in t.completed)
    found.done_twice = sum(1 for n in completed.values() if n > 1)
    return found


def _check_complaints(tallies: list[Tally], found: Findings) -> None:
    from models.db import database

    rows = database.execute_sql("SELECT id, reference, account, year, number FROM complaint")
    stored = {}
    numbers: dict[int, list[int]] = {}
    for complaint_id, reference, account, year, number in rows:
        stored[complaint_id] = (reference, account)
        numbers.setdefault(year, []).append(number)
    for tally in tallies:
        for complaint_id, reference, account in tally.complaints:
            if stored.get(complaint_id) != (reference, account):
                found.lost.append(f"complaint {reference} (counter {tally.counter + 1})")
    references = Counter(reference for reference, _ in stored.values())
    found.duplicates = sorted(r for r, n in references.items() if n > 1)
    for year, taken in sorted(numbers.items()):
        missing = sorted(set(range(1, max(taken) + 1)) - set(taken))
        found.gaps.extend(f"{year}: {n}" for n in missing)


def _check_rows(tallies: list[Tally], found: Findings) -> None:
    from models import timeline
    from models.db import database

    notes = set(database.execute_sql(
        "SELECT complaint_id, text FROM event WHERE kind = ?", (timeline.NOTE,)
    ))  # fmt: skip
    ticks = set(database.execute_sql("SELECT complaint_id, step_key FROM checklist_tick"))
    done = {row[0] for row in database.execute_sql(
        "SELECT id FROM follow_up WHERE status = 'done'"
    )}  # fmt: skip
    for tally in tallies:
        who = f"counter {tally.counter + 1}"
        found.lost += [f"note {t!r} ({who})" for c, t in tally.notes if (c, t) not in notes]
        found.lost += [f"tick {s} on {c} ({who})" for c, s in tally.ticks if (c, s) not in ticks]
        found.lost += [f"follow-up {i} done ({who})" for i in tally.completed if i not in done]


def _check_edits(tallies: list[Tally], found: Findings) -> None:
    """Every edit saved is on the timeline, and replaced only what its counter saw
    there: otherwise someone's edit was overwritten unseen."""
    from models.complaints import FIELD_LABELS
    from models.db import database

    saved = {(c, name, value): base for t in tallies for c, name, value, base in t.edits}
    labels = {FIELD_LABELS[name]: name for name in ("product", "handler", "remedy_sought")}
    written = set()
    events = database.execute_sql(
        "SELECT complaint_id, text FROM event WHERE kind = 'edited' ORDER BY id"
    )
    for complaint_id, text in events:
        for line in text.splitlines():
            label, _, change = line.partition(": ")
            name = labels.get(label)
            if name is None:
                continue
            old, _, new = change.partition(" → ")
            old = "" if old == "(blank)" else old
            written.add((complaint_id, name, new))
            base = saved.get((complaint_id, name, new))
            if base is not None and base != old:
                found.lost.append(f"edit to {old!r} ({name} of {complaint_id}) overwritten unseen")
    found.lost += [f"edit {v!r} ({n} of {c})" for c, n, v in saved if (c, n, v) not in written]


# --- the run, and its figures ----------------------------------------------------------


def _percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else 0.0


def _latency(samples: list[float]) -> str:
    if not samples:
        return "none"
    return (
        f"median {statistics.median(samples):.1f} ms, p95 {_percentile(samples, 0.95):.1f} ms, "
        f"max {max(samples):.1f} ms (n={len(samples)})"
    )


def report(tallies: list[Tally], found: Findings, seconds: float) -> bool:
    """Print the figures; True when every figure that must be 0 is."""
    saves: Counter[str] = Counter()
    for tally in tallies:
        saves.update(tally.saves)
    total = sum(saves.values())
    save_ms = [ms for t in tallies for ms in t.save_ms]
    raw = [e for t in tallies for e in t.raw_errors]
    refused = [e for t in tallies for e in t.refused]
    conflicts = sum(t.conflicts for t in tallies)
    kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(saves.items()))
    print(f"saves: {total} in {seconds:.0f} s, {total / seconds:.1f} a second ({kinds})")
    print(f"save latency: {_latency(save_ms)}")
    print(f"search: {_latency([ms for t in tallies for ms in t.search_ms])}")
    print(
        f"conflicts detected: {conflicts} (saved over knowingly "
        f"{sum(t.saved_over for t in tallies)}, took the other version "
        f"{sum(t.took_theirs for t in tallies)}); 'busy, try again': "
        f"{sum(t.busy for t in tallies)}; other refusals: {len(refused)}"
    )
    print(f"follow-ups completed twice (two counters both told done): {found.done_twice}")
    print(f"lost writes: {len(found.lost)}  [must be 0]")
    print(f"duplicate references: {len(found.duplicates)}  [must be 0]")
    print(f"gaps in references: {len(found.gaps)}")
    print(f"raw database errors: {len(raw)}  [must be 0]")
    for label, items in (("lost", found.lost), ("duplicate", found.duplicates),
                         ("gap", found.gaps), ("raw", raw), ("refused", refused)):  # fmt: skip
        for line, n in Counter(items).most_common(5):
            print(f"  {label}: {line}" + (f" (x{n})" if n > 1 else ""))
    return not (found.lost or found.duplicates or raw)


def run(address: str, seconds: float, seed: int) -> bool:
    context = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory(prefix="complaint-desk-load-") as temp:
        base = Path(temp)
        shared = seed_shared(base / "owner", address)
        ready, results, start = context.Queue(), context.Queue(), context.Event()
        given = (address, shared, seed, seconds, ready, start, results)
        processes = [
            context.Process(target=counter_process, args=(n, str(base / f"till-{n + 1}"), *given))
            for n in range(COUNTERS)
        ]
        for process in processes:
            process.start()
        for _ in processes:
            ready.get(timeout=120)
        started = time.monotonic()
        start.set()
        tallies: list[Tally] = []
        for _ in processes:
            number, tally = results.get(timeout=seconds + 300)
            if not isinstance(tally, Tally):
                raise SystemExit(f"bench_counters: counter {number + 1} {tally}")
            tallies.append(tally)
        elapsed = time.monotonic() - started
        for process in processes:
            process.join(30)
        found = check_log(base / "owner", address, tallies)
        return report(tallies, found, elapsed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help=f"a local PostgreSQL server (default: ${ADDRESS_ENV})")
    parser.add_argument("--seconds", type=float, default=DEFAULT_SECONDS)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", action="store_true", help="keep the run's schema afterwards")
    options = parser.parse_args(argv)
    address = options.database or os.environ.get(ADDRESS_ENV)
    if not address:
        print(f"bench_counters: skipped: no PostgreSQL server given (--database or ${ADDRESS_ENV})")
        return 0
    far = remote_host(address)
    if far is not None:
        print(f"bench_counters: refused: {far} is not this computer; use a local server only")
        return 2
    private = private_home("complaint-desk-load-home-")
    schema, log_address = make_schema(address)
    print(f"{COUNTERS} counters for {options.seconds:g} s; counters "
          f"{' and '.join(str(n + 1) for n in EDITORS)} edit the same {SHARED} complaints",
          flush=True)  # fmt: skip
    try:
        passed = run(log_address, options.seconds, options.seed)
    finally:
        if not options.keep:
            drop_schema(address, schema)
        shutil.rmtree(private, ignore_errors=True)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
