"""Putting a backup back into a log on a PostgreSQL server, at the size of a
busy shop's years (100,000 complaints by default).

Builds (or finds, from a run before: see server_log.py) a log of
``--complaints`` complaints on a local server, then times what the owner waits
for with File > Restore from backup (each runs off the window's thread):

- Back up now: pg_dump of the log into backups/;
- reading what the backup holds, beside the log now (the list's line and its
  warnings: the complaints that would go or go back);
- the restore itself: the log as it is kept first (a second pg_dump), then
  pg_restore in one transaction, the schema brought up to date and the
  reference counters carried over.

The log is put back from its own backup, so it is the same log afterwards and
the other benchmarks can go on using it. Only a server on this computer is
used: ``--database`` or ``$COMPLAINT_DESK_TEST_SERVER``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time

from common import SERVER_ENV, private_home, remote_host

COMPLAINTS = 100_000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", help=f"a local PostgreSQL server (default: ${SERVER_ENV})")
    parser.add_argument("--complaints", type=int, default=COMPLAINTS)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args(argv)
    address = options.database or os.environ.get(SERVER_ENV)
    if not address:
        print(f"bench_server_restore: skipped: no PostgreSQL server given (${SERVER_ENV})")
        return 0
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        print("bench_server_restore: skipped: pg_dump and pg_restore are not installed")
        return 0
    far = remote_host(address)
    if far is not None:
        print(f"bench_server_restore: refused: {far} is not this computer; use a local server")
        return 2
    private = private_home("complaint-desk-restore-")
    from server_log import server_log

    try:
        log_address, built = server_log(
            address, options.complaints, options.seed, private / "builder"
        )
        made = "built by a run before" if built is None else f"built in {built:.0f} s"
        print(f"{options.complaints:,}-complaint log on the server: {made}", flush=True)
        measure(private / "counter", log_address)
    finally:
        shutil.rmtree(private, ignore_errors=True)
    return 0


def measure(folder, address: str) -> None:  # folder: pathlib.Path
    from desktop.startup import open_data
    from models.backups import make_backup
    from models.complaints import count_complaints
    from models.db import close_database
    from models.server_restore import against_the_log, contents, restore_dump

    open_data(folder, database=address)
    try:
        held_before = count_complaints()
        started = time.perf_counter()
        dump = make_backup()
        backed_up = time.perf_counter() - started
        size = dump.stat().st_size / 1e6
        print(f"Back up now (pg_dump): {backed_up:.1f} s, {size:,.1f} MB", flush=True)

        started = time.perf_counter()
        held = contents(dump, seconds=600)
        read = time.perf_counter() - started
        started = time.perf_counter()
        warnings = against_the_log(held).warnings()
        compared = time.perf_counter() - started
        print(
            f"what the backup holds: {read:.1f} s to read ({held.describe()}), "
            f"{compared:.2f} s beside the log ({len(warnings)} warnings)",
            flush=True,
        )

        started = time.perf_counter()
        restore_dump(dump, by="benchmark")
        restored = time.perf_counter() - started
        after = count_complaints()
        print(
            f"restore (the log kept first, then put back): {restored:.1f} s; "
            f"{after:,} complaints after, {held_before:,} before",
            flush=True,
        )
        if after != held_before:
            print("bench_server_restore: the restored log does not hold what it did", flush=True)
            sys.exit(1)
    finally:
        close_database()


if __name__ == "__main__":
    sys.exit(main())
