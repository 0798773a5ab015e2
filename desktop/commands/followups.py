"""``complaint-desk followups``: what is due, as text or CSV (a morning check).

``--due today`` is what must be done today: everything overdue as well. With
``--due overdue``, ``today`` or ``week`` the exit status says whether anything
is due (3) or not (0), so a scheduled job can act on it; ``--quiet`` prints
nothing and only sets the status.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.morning_list import FollowUpItem

NAME = "followups"
HELP = "print the pending follow-ups, soonest first"
CSV_COLUMNS = ("reference", "customer", "phone", "due", "what", "kind", "owner", "days_late")
EXIT_NOTHING_DUE, EXIT_SOMETHING_DUE = 0, 3
EPILOG = (
    "exit status: with --due overdue, today or week, 0 when nothing is due and 3 when "
    "something is (for a scheduled job; with --due all, 0); 1 when the command failed."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--due",
        choices=("overdue", "today", "week", "all"),
        default="all",
        help="overdue; today: due today or overdue; week: due within 7 days (overdue "
        "included); all (default)",
    )
    parser.add_argument("--format", choices=("text", "csv"), default="text", help="default: text")
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="print nothing; only the exit status says whether anything is due",
    )


def run(args: argparse.Namespace) -> int:
    from models.morning_list import pending

    today = dt.date.today()
    if args.due == "today":  # what must be done today: the overdue ones too
        items = pending(today, "overdue") + pending(today, "today")
    else:
        items = pending(today, args.due)
    if not args.quiet:
        _print(items, args, today)
    if args.due == "all":
        return 0
    return EXIT_SOMETHING_DUE if items else EXIT_NOTHING_DUE


def _print(items: list[FollowUpItem], args: argparse.Namespace, today: dt.date) -> None:
    from models import display
    from models.morning_list import group_label, group_of, next_working_day
    from models.text import column, spreadsheet_row

    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for item in items:
            writer.writerow(
                spreadsheet_row(
                    (item.reference, item.customer, item.phone, item.due_on.isoformat(),
                     item.what, item.kind, item.owner, item.days_late(today))
                )
            )  # fmt: skip
        return
    if not items:
        print("Nothing pending." if args.due == "all" else f"Nothing {_said(args.due)}.")
        return
    group = None
    next_day = next_working_day(today)
    for item in items:
        current = group_of(item, today, next_day)
        if current != group:
            if group is not None:
                print()
            print(group_label(current, today))
            group = current
        late = display.days_late(item.days_late(today))
        print(
            f"  {display.day(item.due_on, today):<15} {item.reference:<13} "
            f"{column(item.customer, 24)} {item.phone:<16} {item.what_is_due}"
            + (f"  ({late})" if late else "")
        )


def _said(due: str) -> str:
    return {"overdue": "overdue", "today": "overdue or due today", "week": "due this week"}.get(
        due, ""
    )
