"""``complaint-desk backup [DEST]``: back up the data file now, safely while in use."""

from __future__ import annotations

import argparse

NAME = "backup"
HELP = (
    "make a backup of the data file now (into backups/, or DEST: a folder, or a new file in "
    "a folder that exists; a missing folder is never created)"
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("destination", nargs="?", metavar="DEST", help="default: backups/")


def run(args: argparse.Namespace) -> int:
    from models.backups import make_backup

    made = make_backup(args.destination)
    print(f"Backed up to {made} ({made.stat().st_size:,} bytes), checked.")
    return 0
