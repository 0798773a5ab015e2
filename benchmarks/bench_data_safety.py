"""Keeping the data safe on a 100,000-complaint log (on a copy of it).

Times a backup (online backup API plus its integrity check), the quick check
run after every start, restoring a backup (the replaced data is backed up
first), erasing one customer, the retention rule's preview, and its first run
on a log where nothing was anonymised yet (every complaint closed more than a
year ago: about a third of the log).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from common import big_log


def timed(label: str, work):  # -> the work's result
    started = time.perf_counter()
    result = work()
    print(f"{label}: {(time.perf_counter() - started) * 1000:,.0f} ms", flush=True)
    return result


def main() -> int:
    folder, _ = big_log()
    with tempfile.TemporaryDirectory(prefix="cd-bench-") as scratch:
        copy = Path(scratch) / "data"
        copy.mkdir()
        shutil.copy2(folder / "complaints.sqlite3", copy / "complaints.sqlite3")
        from desktop.startup import open_data
        from models import backups, retention
        from models.anonymise import erase_customer
        from models.db import close_database
        from models.tables import Complaint

        open_data(copy)
        size = (copy / "complaints.sqlite3").stat().st_size
        print(f"data file: {size / 1e6:,.0f} MB, {Complaint.select().count():,} complaints")
        made = timed("backup (copy and integrity check)", backups.make_backup)
        timed("quick check after start-up", backups.quick_check)
        timed(
            "restore (keep the current data aside, copy in)", lambda: backups.restore_backup(made)
        )
        customer = Complaint.select().order_by(Complaint.id.desc()).first().customer_id
        timed("erase one customer", lambda: erase_customer(customer, author="bench"))
        count = timed("retention preview (1 year)", lambda: retention.due_count(1))
        retention.set_years(1)
        outcome = timed(f"retention first run ({count:,} complaints)", retention.apply)
        print(f"  anonymised {outcome.complaints:,} complaints, {outcome.customers:,} customers")
        timed("retention next start (nothing due)", retention.apply)
        close_database()
        timed("opening after a clean stop", lambda: open_data(copy))
        close_database()
        _leave_log(copy / "complaints.sqlite3")
        timed("opening after a kill (its write-ahead log checked first)", lambda: open_data(copy))
        close_database()
    return 0


def _leave_log(database: Path) -> None:
    """Leave beside ``database`` the -wal a program killed after a save leaves."""
    import sqlite3

    conn = sqlite3.connect(database)
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    conn.execute("UPDATE complaint SET product = product || ' ' WHERE id <= 100")
    conn.commit()
    wal = database.with_name(database.name + "-wal").read_bytes()
    conn.close()
    database.with_name(database.name + "-wal").write_bytes(wal)


if __name__ == "__main__":
    sys.exit(main())
