"""Time the one path that writes complaints, at 100,000 rows (target < 60 s each).

1. ``demo --complaints 100000`` into an empty folder (sample data);
2. ``export`` of that log to CSV, then ``import --dry-run`` of the file into an
   empty folder (reading, checking and matching every row);
3. ``import`` of the file into an empty folder (writing every row);
4. ``import`` of a 1,000-row file into the 100,000-complaint log (matching
   against the customers already there).
"""

from __future__ import annotations

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
        csv = work / "log.csv"
        timed("--data-dir", str(log), "export", str(csv))
        lines = csv.read_text(encoding="utf-8-sig").splitlines()
        small = work / "small.csv"
        small.write_text("\n".join(lines[:1] + lines[1:1001]) + "\n", encoding="utf-8")
        seconds = timed("--data-dir", str(work / "checked"), "import", str(csv), "--dry-run")
        print(f"import --dry-run of {LOG_SIZE:,} rows: {seconds:.1f} s  [target < 60 s]")
        seconds = timed("--data-dir", str(work / "imported"), "import", str(csv))
        print(f"import of {LOG_SIZE:,} rows into an empty log: {seconds:.1f} s  [target < 60 s]")
        fresh = work / "again"
        shutil.copytree(log, fresh)
        # The references in the small file are in the log already: import it without them.
        rows = small.read_text(encoding="utf-8").splitlines()
        small.write_text("\n".join(line.split(",", 1)[1] for line in rows) + "\n", encoding="utf-8")
        seconds = timed("--data-dir", str(fresh), "import", str(small))
        print(f"import of 1,000 rows into the {LOG_SIZE:,}-complaint log: {seconds:.1f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
