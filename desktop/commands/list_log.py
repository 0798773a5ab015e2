"""``complaint-desk list``: the log as a text table or CSV."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.complaint_list import ListRow

NAME = "list"
HELP = "print the complaints log"

CSV_COLUMNS = ("reference", "received", "customer", "category", "stage", "status", "age_days")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--status", choices=("open", "closed", "all"), default="open", help="default: open"
    )
    parser.add_argument("--format", choices=("text", "csv"), default="text", help="default: text")
    parser.add_argument("--search", default="", metavar="WORDS", help="only complaints matching")


def run(args: argparse.Namespace) -> int:
    from models import display
    from models.choices import STAGES, label_of
    from models.complaint_list import ListQuery, SortColumn, all_rows
    from models.text import column, spreadsheet_row

    now = dt.datetime.now()
    rows = all_rows(ListQuery(status=args.status, text=args.search, sort=SortColumn.RECEIVED))
    out = sys.stdout
    if args.format == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for row in rows:
            writer.writerow(
                spreadsheet_row(
                    (
                        row.reference,
                        _received(row),
                        row.customer,
                        row.category,
                        label_of(STAGES, row.stage),
                        row.status,
                        row.age(now).days,
                    )
                )
            )
        return 0
    if not rows:
        print(f"No {args.status if args.status != 'all' else ''} complaints.".replace("  ", " "))
        return 0
    for row in rows:
        print(
            f"{row.reference:<13} {_received(row):<16}  "
            f"{column(row.customer, 24)} "
            f"{column(row.category, 26)} {display.stage(row.status, row.stage):<13} "
            f"{row.status:<6} "
            f"{row.age(now).days:>4}d"
        )
    return 0


def _received(row: ListRow) -> str:
    """``2026-03-02 10:15``, or ``2026-03-02`` alone where only the day is known
    (an imported row that gave no time): never a made-up 00:00."""
    from models import display

    if row.received_date_only:
        return row.received_at.date().isoformat()
    return display.sortable_moment(row.received_at)
