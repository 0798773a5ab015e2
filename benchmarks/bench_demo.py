"""Time ``complaint-desk demo --complaints 100000`` into a fresh folder (target < 60 s)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time

from common import LOG_SIZE, ROOT


def main() -> None:
    folder = tempfile.mkdtemp(prefix="cd-bench-demo-")
    try:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "desktop", "--data-dir", folder, "demo",
             "--complaints", str(LOG_SIZE)],
            cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        seconds = time.perf_counter() - started
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"demo --complaints {LOG_SIZE:,}: {seconds:.1f} s  [target < 60 s]")


if __name__ == "__main__":
    main()
