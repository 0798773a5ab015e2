"""``make bench``: every benchmark, one after another, printing figures.

The benchmarks of a log on a PostgreSQL server, the load test of several
counters (bench_counters.py) and the log of a million complaints
(bench_server_scale.py, which builds it the first time: a quarter of an hour
or more), run only when a server on this computer is given: ``--database
ADDRESS``, or ``$COMPLAINT_DESK_TEST_SERVER`` as ``.ci/with-postgres make
bench`` sets it. Otherwise it says in one line that they were skipped.
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


# Need a PostgreSQL server: run last, and only when one is given.
SERVER_SCRIPTS = ("bench_counters.py", "bench_server_scale.py", "bench_server_restore.py")
SERVER_ENV = "COMPLAINT_DESK_TEST_SERVER"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database", help=f"a local PostgreSQL server for {' and '.join(SERVER_SCRIPTS)}"
    )
    address = parser.parse_args(argv).database or os.environ.get(SERVER_ENV)
    failed = 0
    for name in SCRIPTS:
        failed |= _run(name)
    for name in SERVER_SCRIPTS:
        if address:
            failed |= _run(name, "--database", address)
        else:
            print(
                f"== {name} skipped: no PostgreSQL server given (--database ADDRESS, "
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
