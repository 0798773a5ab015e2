"""Time importing a shop's own 50,000-row CSV log into an empty log.

The file is made here, the same every run: no references (each is numbered on
import), a quarter of the dates without a time, customers who come back, a
fifth of the complaints still open (each gets its deadlines), notes in a
column of their own. Printed: the check (``import --dry-run``) and the import
(``import``), each a whole run of the command.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT

ROWS = 50_000
FIRST = ["Ana", "Sam", "Zoë", "Dev", "Priya", "Tom", "Łukasz", "Mia", "Omar", "Jo", "Wei", "Ruth"]
LAST = ["Souza", "Patel", "Müller", "Smith", "Jones", "Nowak", "O'Neill", "Kim", "Brown", "Ali"]
WHAT = [
    "The {item} I bought last week is already faulty.",
    "The {item} arrived late and the box was crushed.",
    "I was charged twice for the {item}.",
    "Nobody rang me back about the {item} as promised.",
    "The {item} is not what was shown in the window.",
]
ITEMS = ["kettle", "inner tube 700x25c", "bike lock", "toaster", "school shoes", "lamp"]
CATEGORIES = ["Faulty or damaged item", "Delivery", "Billing", "Service", "Other"]


def shop_log(path: Path, rows: int = ROWS, seed: int = 7) -> None:
    rng = random.Random(seed)
    people = [
        (f"{rng.choice(FIRST)} {rng.choice(LAST)} {n}", f"07{rng.randrange(10**9):09d}")
        for n in range(rows * 2 // 3)
    ]
    start = dt.datetime(2024, 1, 2, 9, 0)
    with path.open("w", encoding="utf-8", newline="") as file:
        out = csv.writer(file)
        out.writerow(["Date", "Customer", "Phone", "What happened", "Category", "Status",
                      "Closed on", "Comments"])  # fmt: skip
        for n in range(rows):
            received = start + dt.timedelta(minutes=n * 15 + rng.randrange(10))
            name, phone = rng.choice(people)
            when = received.strftime("%d/%m/%Y" if n % 4 == 0 else "%d/%m/%Y %H:%M")
            item = rng.choice(ITEMS)
            open_ = rng.random() < 0.2
            closed = "" if open_ else (received + dt.timedelta(days=rng.randrange(1, 20)))
            out.writerow([
                when, name, phone, rng.choice(WHAT).format(item=item), rng.choice(CATEGORIES),
                "Open" if open_ else "Closed", closed and closed.strftime("%d/%m/%Y"),
                "Rang back, left a message." if n % 3 == 0 else "",
            ])  # fmt: skip


def timed(*args: str) -> str:
    """The command's time on the clock, and on the processor (which other programs
    running on the machine change less)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return f"{seconds:.1f} s ({cpu:.1f} s of processor time)"


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="cd-bench-import-csv-"))
    try:
        path = work / "shop-log.csv"
        shop_log(path)
        took = timed("--data-dir", str(work / "checked"), "import", str(path), "--dry-run")
        print(f"import --dry-run of {ROWS:,} CSV rows: {took}")
        took = timed("--data-dir", str(work / "imported"), "import", str(path))
        print(f"import of {ROWS:,} CSV rows into an empty log: {took}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
