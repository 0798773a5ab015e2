"""``complaint-desk followups``: what is due, as text or CSV (a morning check)."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys

NAME = "followups"
HELP = "print the pending follow-ups, soonest first"
CSV_COLUMNS = ("reference", "customer", "phone", "due", "what", "kind", "owner", "days_late")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--due",
        choices=("overdue", "today", "week", "all"),
        default="all",
        help="overdue; due today; due within 7 days (overdue included); all (default)",
    )
    parser.add_argument("--format", choices=("text", "csv"), default="text", help="default: text")


def run(args: argparse.Namespace) -> int:
    from models.followups import GROUP_LABELS, group_of, pending

    today = dt.date.today()
    items = pending(today, args.due)
    if args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for item in items:
            writer.writerow(
                (item.reference, item.customer, item.phone, item.due_on.isoformat(), item.what,
                 item.kind, item.owner, item.days_late(today))
            )  # fmt: skip
        return 0
    if not items:
        print("Nothing pending." if args.due == "all" else f"Nothing {_said(args.due)}.")
        return 0
    group = None
    for item in items:
        current = group_of(item, today)
        if current != group:
            if group is not None:
                print()
            print(GROUP_LABELS[current])
            group = current
        late = item.days_late(today)
        print(
            f"  {item.due_on:%a %d %b}  {item.reference:<13} {item.customer[:24]:<24} "
            f"{item.phone[:16]:<16} {item.kind_label}: {item.what}"
            + (f"  ({late} day{'s' if late != 1 else ''} late)" if late else "")
        )
    return 0


def _said(due: str) -> str:
    return {"overdue": "overdue", "today": "due today", "week": "due this week"}.get(due, "")
