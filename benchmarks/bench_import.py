"""Time the one path that writes complaints, at 100,000 rows (target < 60 s each).

1. ``demo --complaints 100000`` into an empty folder (sample data);
2. ``export`` of that log to CSV, then ``import --dry-run`` of the file into an
   empty folder (reading, checking and matching every row);
3. ``import`` of the file into an empty folder (writing every row);
4. ``import`` of a 1,000-row file into the 100,000-complaint log (matching
   against the customers already there);
5. ``export`` of the log as an Excel workbook, then ``import --dry-run`` of it
   (calamine reading every cell, then the same checks as for CSV).
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import LOG_SIZE, ROOT


def timed(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return time.perf_counter() - started


def main() -> None:
    work = Path(tempfile.mkdtemp(prefix="cd-bench-import-"))
    try:
        log = work / "log"
        seconds = timed("--data-dir", str(log), "demo", "--complaints", str(LOG_SIZE),
                        "--seed", "3")  # fmt: skip
        print(f"demo --complaints {LOG_SIZE:,}: {seconds:.1f} s  [target < 60 s]")
        exported = work / "log.csv"
        timed("--data-dir", str(log), "export", str(exported))
        with exported.open(encoding="utf-8-sig", newline="") as file:
            rows = list(csv.reader(file))
        # The same customers, new complaints: the references are left out.
        small = work / "small.csv"
        with small.open("w", encoding="utf-8", newline="") as file:
            csv.writer(file).writerows(row[1:] for row in rows[:1001])
        seconds = timed("--data-dir", str(work / "checked"), "import", str(exported), "--dry-run")
        print(f"import --dry-run of {LOG_SIZE:,} rows: {seconds:.1f} s  [target < 60 s]")
        seconds = timed("--data-dir", str(work / "imported"), "import", str(exported))
        print(f"import of {LOG_SIZE:,} rows into an empty log: {seconds:.1f} s  [target < 60 s]")
        fresh = work / "again"
        shutil.copytree(log, fresh)
        seconds = timed("--data-dir", str(fresh), "import", str(small))
        print(f"import of 1,000 rows into the {LOG_SIZE:,}-complaint log: {seconds:.1f} s")
        workbook = work / "log.xlsx"
        seconds = timed("--data-dir", str(log), "export", str(workbook))
        print(f"export of {LOG_SIZE:,} complaints as .xlsx: {seconds:.1f} s  [target < 60 s]")
        seconds = timed("--data-dir", str(work / "xlsx"), "import", str(workbook), "--dry-run")
        print(f"import --dry-run of {LOG_SIZE:,} .xlsx rows: {seconds:.1f} s  [target < 60 s]")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
