"""``complaint-desk import FILE``: add complaints from a CSV file or an Excel
workbook (.xlsx), all or none.

The columns are read as the owner last chose in the window for a file with
the same headings, else as guessed from their headings and content (see
:mod:`models.import_mapping`); ``--dry-run`` lists how each column is read.
Every row is checked before anything is written. With problems, each is
printed to standard error with its row as a spreadsheet shows it and nothing is
imported (exit 1), unless ``--leave-out-problem-rows``: then the rows with
problems of their own are left out, each listed with its problem, and the rest
imported (put them right and import the file again: the rows already imported
are skipped). Rows already in the log are skipped, and said so. ``--dry-run``
says what would be imported and writes nothing.
"""

from __future__ import annotations

import argparse
import sys

NAME = "import"
HELP = "add complaints from a CSV file or an Excel workbook (.xlsx), all or none"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the CSV file or .xlsx workbook to read")
    parser.add_argument(
        "--sheet", metavar="NAME", help="the sheet of the workbook to read (default: the first)"
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="check the file and say what would be imported"
    )
    parser.add_argument(
        "--leave-out-problem-rows",
        action="store_true",
        help="import the rows without problems, leaving out (and listing) those with one",
    )
    parser.add_argument(
        "--month-first",
        action="store_true",
        help="read dates such as 03/14/2026 as month/day/year (default: day/month/year)",
    )


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from models.errors import ComplaintDeskError
    from models.import_mapping import describe, propose
    from models.log_csv import check_table, import_log
    from models.log_table import read_table
    from models.settings import user_name

    table = read_table(Path(args.file), sheet=args.sheet)
    mapping = propose(table).mapping
    plan = check_table(
        table,
        mapping,
        day_first=not args.month_first,
        leave_out_problems=args.leave_out_problem_rows,
    )
    if plan.problems:
        for problem in plan.problems:
            print(problem, file=sys.stderr)
        for note in plan.notes:
            print(f"Note: {note}", file=sys.stderr)
        count = len(plan.problems)
        raise ComplaintDeskError(
            f"{plan.source} has {count:,} problem{'s' if count != 1 else ''} (listed above), "
            "so nothing was imported."
        )
    for problem in plan.left_out_problems:
        print(f"Left out: {problem}", file=sys.stderr)
    for note in plan.notes:
        print(f"Note: {note}")
    if not plan.rows:
        if plan.left_out and not plan.skipped:
            raise ComplaintDeskError(
                f"Every row of {plan.source} has a problem (listed above): nothing was imported."
            )
        print(f"Nothing to import: every complaint in {plan.source} is already in the log.")
        return 0
    if args.dry_run:
        print("Columns: " + "; ".join(describe(table, mapping)) + ".")
        print(f"Would import {plan.summary()} from {plan.source}. Nothing was written (dry run).")
        return 0
    result = import_log(plan, author=user_name())
    print(f"Imported {result.summary()} from {plan.source}.")
    from desktop.commands.backup import after_work

    after_work()
    return 0
