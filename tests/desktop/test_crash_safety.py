"""Killing a process while it writes never damages the data file or loses a saved change.

Round after round on one data folder, a process keeps saving changes through
the app's own functions (``crash_writer.py``) and is killed with SIGKILL at a
random moment, sometimes before its first save; between some rounds a ``demo``
command, which adds its sample complaints in one transaction, is killed too.
Afterwards the file passes SQLite's checks, holds every change reported as
saved with exactly the text written, and still opens in the app.

A killed process leaves the operating system's cache behind, so this proves
the app survives its own crash, not a power cut.

The timing is random but seeded: set ``COMPLAINT_DESK_CRASH_SEED`` to replay or
vary it. Select these tests with ``-k crash_safety``.
"""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from tests.desktop.crash_writer import digest

ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("crash_writer.py")
SEED = int(os.environ.get("COMPLAINT_DESK_CRASH_SEED", "20260314"))
ROUNDS = 36
DEMO_EVERY = 4
DEMO_COMPLAINTS = 2000

# How to find what each line the writer prints says was saved: the keys in
# the line fill the placeholders, and the columns read must match its digest.
SAVED = {
    "complaint": "SELECT account, remedy_sought, product FROM complaint WHERE reference = ?",
    "note": """SELECT e.text FROM event e JOIN complaint c ON c.id = e.complaint_id
               WHERE e.id = ? AND c.reference = ? AND e.kind = ?""",
    "tick": """SELECT t.note FROM checklist_tick t JOIN complaint c ON c.id = t.complaint_id
               WHERE c.reference = ? AND t.step_key = ?""",
}

# A crash while SQLite writes its data file.
pytestmark = [
    pytest.mark.sqlite_only,
    pytest.mark.skipif(
        not hasattr(signal, "SIGKILL"),
        reason="needs SIGKILL to stop a writing process at any moment (not on Windows)",
    ),
]


def start(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def kill(process: subprocess.Popen[bytes]) -> tuple[list[str], str]:
    """SIGKILL the process unless it has ended; return its complete lines and its errors."""
    process.send_signal(signal.SIGKILL)
    out, err = process.communicate(timeout=60)
    # A line cut short by the kill was never reported as saved.
    return out.decode().split("\n")[:-1], err.decode(errors="replace")


def run_writer(data_dir: Path, rng: random.Random) -> list[str]:
    """Start the writer, kill it at a random moment; return what it reported as saved."""
    process = start(str(WRITER), str(data_dir), str(rng.randrange(2**32)))
    if rng.random() < 0.25:
        # Often while it is still starting up or opening the file.
        time.sleep(rng.uniform(0.0, 0.2))
    else:
        saving, _, _ = select.select([process.stdout], [], [], 60)
        assert saving or process.poll() is not None, "the writer saved nothing in 60 s"
        time.sleep(rng.uniform(0.02, 0.25))
    lines, errors = kill(process)
    assert process.returncode == -signal.SIGKILL, f"the writer stopped by itself:\n{errors}"
    return lines


def count_complaints(path: Path) -> int:
    """How many complaints the file holds (none before it has its tables)."""
    if not path.exists():
        return 0
    with closing(sqlite3.connect(path)) as conn:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'complaint'").fetchone():
            return 0
        return conn.execute("SELECT count(*) FROM complaint").fetchone()[0]


def run_demo(data_dir: Path, seed: int, kill_after: float | None) -> bool:
    """Run ``demo``, killed after ``kill_after`` seconds unless None: all its
    complaints are there, or none. Returns whether it finished before the kill.
    """
    path = data_dir / "complaints.sqlite3"
    before = count_complaints(path)
    process = start(
        "-m", "desktop", "--data-dir", str(data_dir),
        "demo", "--complaints", str(DEMO_COMPLAINTS), "--seed", str(seed), "--with-real-complaints",
    )  # fmt: skip
    if kill_after is None:
        process.wait(timeout=120)
    else:
        time.sleep(kill_after)
    _, errors = kill(process)
    added = count_complaints(path) - before
    if process.returncode == 0:
        assert added == DEMO_COMPLAINTS, errors
        return True
    assert process.returncode == -signal.SIGKILL, errors
    assert added in (0, DEMO_COMPLAINTS), f"a killed demo left {added} of its complaints"
    return False


def not_as_saved(conn: sqlite3.Connection, line: str) -> str | None:
    """Why the change a writer's line names is not in the file as written, if it is not."""
    kind, *keys, expected = line.split(" ")
    if kind not in SAVED:
        return f"unexpected line {line!r}"
    row = conn.execute(SAVED[kind], keys).fetchone()
    if row is None:
        return f"missing: {line}"
    if digest(*row) != expected:
        return f"text differs: {line}"
    return None


def check_file(path: Path, saved: list[str]) -> int:
    """The file passes SQLite's checks and holds every change reported as saved, as
    written; it still opens in the app. Returns how many complaints it holds."""
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        conn.execute("INSERT INTO complaint_search (complaint_search) VALUES ('integrity-check')")
        # Each change is one transaction: no complaint without its timeline or search row.
        half_saved = conn.execute(
            """SELECT reference FROM complaint c
               WHERE NOT EXISTS (SELECT 1 FROM complaint_search s WHERE s.rowid = c.id)
                  OR NOT EXISTS (SELECT 1 FROM event e
                                 WHERE e.complaint_id = c.id AND e.kind = 'created')"""
        ).fetchall()
        assert half_saved == []
        problems = [problem for line in saved if (problem := not_as_saved(conn, line))]
        total = conn.execute("SELECT count(*) FROM complaint").fetchone()[0]
    assert problems == [], f"seed {SEED}: {len(problems)} saved changes lost:\n" + "\n".join(
        problems[:20]
    )

    from models.complaints import count_complaints as complaints_in_app
    from models.db import close_database, open_database

    open_database(path)
    try:
        assert complaints_in_app() == total
    finally:
        close_database()
    return total


def test_crash_safety_killed_writers_never_corrupt_or_lose_saved_changes(
    data_dir: Path,
) -> None:
    rng = random.Random(SEED)
    saved = run_writer(data_dir, rng)
    killed_before_saving = int(not saved)
    # One demo runs to the end, to time it; the others are killed at moments
    # spread evenly over that time, from starting up to committing, and beyond.
    began = time.monotonic()
    assert run_demo(data_dir, 0, kill_after=None)
    demo_time = time.monotonic() - began
    demo_kills = (ROUNDS - 1) // DEMO_EVERY
    moments = [demo_time * 1.1 * (k + rng.random()) / demo_kills for k in range(demo_kills)]
    rng.shuffle(moments)
    demos_finished = 1
    for round_number in range(1, ROUNDS):
        if round_number % DEMO_EVERY == 0:
            demos_finished += run_demo(data_dir, round_number, kill_after=moments.pop())
        lines = run_writer(data_dir, rng)
        killed_before_saving += not lines
        saved += lines
    kinds = {line.split(" ")[0] for line in saved}
    assert set(SAVED) <= kinds, f"the writers saved too little to prove anything: {kinds}"

    total = check_file(data_dir / "complaints.sqlite3", saved)
    print(
        f"crash safety, seed {SEED}: {ROUNDS} writers killed ({killed_before_saving} before "
        f"saving anything), {len(saved)} saved changes checked; demo killed "
        f"{demo_kills + 1 - demos_finished} times, finished {demos_finished} times; "
        f"{total} complaints"
    )
