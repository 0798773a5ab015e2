"""Excel workbook export and import read at 100,000 complaints (targets < 20 s, < 60 s).

1. ``write_workbook`` of a 100,000-complaint log to an .xlsx file;
2. ``read_table`` of that workbook (every cell of the sheet read as text).

Run with ``--profile`` to print where the export spends its time.
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

from common import big_log


def main() -> None:
    folder, _ = big_log()
    from desktop.startup import open_data
    from models.db import close_database
    from models.log_table import read_table
    from models.log_xlsx_export import write_workbook

    open_data(folder)
    try:
        with tempfile.TemporaryDirectory(prefix="cd-bench-xlsx-") as work:
            path = Path(work) / "log.xlsx"
            profile = cProfile.Profile() if "--profile" in sys.argv else None
            started = time.perf_counter()
            with path.open("wb") as out:
                if profile is not None:
                    profile.enable()
                count = write_workbook(out)
                if profile is not None:
                    profile.disable()
            seconds = time.perf_counter() - started
            size = path.stat().st_size / 1_000_000
            print(f"export of {count:,} complaints as .xlsx: {seconds:.1f} s, {size:.1f} MB"
                  "  [target < 20 s]")  # fmt: skip
            if profile is not None:
                pstats.Stats(profile).sort_stats("cumulative").print_stats(25)
            started = time.perf_counter()
            table = read_table(path)
            seconds = time.perf_counter() - started
            print(f"import read of {len(table.rows):,} .xlsx rows: {seconds:.1f} s"
                  "  [target < 60 s]")  # fmt: skip
    finally:
        close_database()


if __name__ == "__main__":
    main()
