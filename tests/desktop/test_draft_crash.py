"""A crash while the owner types loses at most the last second of typing.

A child process types into the new-complaint form without a single pause and
is killed with SIGKILL at a random moment; the draft it left must hold every
character it had typed one second before the kill. The timing is seeded: set
``COMPLAINT_DESK_CRASH_SEED`` to vary it.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from pathlib import Path

import pytest

from tests.desktop.typing_child import typed

ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("typing_child.py")
SEED = int(os.environ.get("COMPLAINT_DESK_CRASH_SEED", "20261201"))
KILLS = 3
# Four keys a second, as a steady typist; and far faster than anyone types.
SPEEDS = (4.0, 25.0)
MOST_LOST_SECONDS = 1.0

# Drafts kept beside a busy SQLite data file.
pytestmark = [
    pytest.mark.sqlite_only,
    pytest.mark.skipif(
        not hasattr(signal, "SIGKILL"), reason="needs SIGKILL to stop the app at any moment"
    ),
]


def type_then_kill(
    data_dir: Path, per_second: float, seconds: float, *child_args: str
) -> tuple[float, list]:
    """Type for ``seconds``, kill; return the kill's time and (time, count) per key."""
    process = subprocess.Popen(
        [sys.executable, str(CHILD), str(data_dir), str(per_second), *child_args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    ready = process.stdout.readline()
    assert ready.strip() == "ready", process.stderr.read() if process.stderr else ready
    keys: list[tuple[float, int]] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if line.strip().isdigit():
                keys.append((time.monotonic(), int(line)))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    time.sleep(seconds)
    killed_at = time.monotonic()
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    reader.join(timeout=30)
    return killed_at, keys


def draft_account(data_dir: Path) -> str:
    with closing(sqlite3.connect(data_dir / "complaints.sqlite3")) as connection:
        row = connection.execute("SELECT data FROM draft WHERE key = 'new_complaint'").fetchone()
    return json.loads(row[0])["account"] if row else ""


@pytest.mark.parametrize("per_second", SPEEDS)
def test_a_crash_loses_at_most_the_last_second_of_steady_typing(
    tmp_path: Path, per_second: float
) -> None:
    rng = random.Random(SEED + int(per_second))
    for kill in range(KILLS):
        data_dir = tmp_path / f"kill-{kill}"
        killed_at, keys = type_then_kill(data_dir, per_second, rng.uniform(2.5, 4.5))
        assert keys, "the child typed nothing"
        kept = draft_account(data_dir)
        # Everything on screen one second before the kill is in the draft.
        due = max((count for at, count in keys if at <= killed_at - MOST_LOST_SECONDS), default=0)
        assert due > 0
        assert kept.startswith(typed(due)), (
            f"the draft kept {len(kept)} characters; {due} had been typed a second before "
            f"the kill ({per_second} keys a second, kill {kill})"
        )
        # And nothing in it was never typed.
        assert typed(len(kept)) == kept


HOLD_THE_FILE = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE setting SET value = value WHERE key = 'log_id'")
print("holding", flush=True)
time.sleep(120)
"""


def test_a_crash_while_another_program_writes_loses_at_most_the_last_second(
    tmp_path: Path,
) -> None:
    """An import holds the data file for minutes: the draft is kept beside it,
    and the next start puts it where the form finds it."""
    from desktop.startup import open_data
    from models.db import close_database
    from models.drafts import NEW_COMPLAINT, load_draft

    data_dir = tmp_path / "data"
    open_data(data_dir)
    close_database()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_FILE, str(data_dir / "complaints.sqlite3")],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        # The window's own short wait for the file, as it has it.
        killed_at, keys = type_then_kill(data_dir, SPEEDS[1], 4.0, "window")
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert keys, "the child typed nothing"
    open_data(data_dir)
    try:
        draft = load_draft(NEW_COMPLAINT)
    finally:
        close_database()
    kept = draft.data["account"] if draft else ""
    due = max((count for at, count in keys if at <= killed_at - MOST_LOST_SECONDS), default=0)
    assert due > 0
    assert kept.startswith(typed(due)), f"kept {len(kept)} characters of the {due} typed"
