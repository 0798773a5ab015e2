"""``make bench``: every benchmark, one after another, printing figures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = (
    "bench_demo.py",
    "bench_import.py",
    "bench_import_csv.py",
    "bench_xlsx.py",
    "bench_startup.py",
    "bench_search.py",
    "bench_followups.py",
    "bench_insights.py",
    "bench_liability.py",
    "bench_letters.py",
    "bench_data_safety.py",
)


def main() -> int:
    failed = 0
    for name in SCRIPTS:
        script = HERE / name
        if not script.exists():
            continue
        print(f"== {name}", flush=True)
        failed |= subprocess.run([sys.executable, str(script)], cwd=HERE, check=False).returncode
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
