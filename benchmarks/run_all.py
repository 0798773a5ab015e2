"""``make bench``: every benchmark, one after another, printing figures.

The load test of several counters on one PostgreSQL server (bench_counters.py)
runs only when a server on this computer is given: ``--database ADDRESS``, or
``$COMPLAINT_DESK_TEST_SERVER`` as ``.ci/with-postgres make bench`` sets it.
Otherwise it says in one line that it was skipped.
"""

from __future__ import annotations

import argparse
import os
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


# Needs a PostgreSQL server: run last, and only when one is given.
SERVER_SCRIPT = "bench_counters.py"
SERVER_ENV = "COMPLAINT_DESK_TEST_SERVER"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help=f"a local PostgreSQL server for {SERVER_SCRIPT}")
    address = parser.parse_args(argv).database or os.environ.get(SERVER_ENV)
    failed = 0
    for name in SCRIPTS:
        failed |= _run(name)
    if address:
        failed |= _run(SERVER_SCRIPT, "--database", address)
    else:
        print(
            f"== {SERVER_SCRIPT} skipped: no PostgreSQL server given (--database ADDRESS, "
            f"or ${SERVER_ENV}: .ci/with-postgres make bench)",
            flush=True,
        )
    return 1 if failed else 0


def _run(name: str, *args: str) -> int:
    script = HERE / name
    if not script.exists():
        return 0
    print(f"== {name}", flush=True)
    return subprocess.run([sys.executable, str(script), *args], cwd=HERE, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
