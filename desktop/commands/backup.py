"""``complaint-desk backup [DEST]``: back up the data file now, safely while in use."""

from __future__ import annotations

import argparse
import sys

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


def after_work() -> None:
    """Once ``demo`` or ``import`` has written: a backup, into ``backups/``, when the
    log has backups and something was saved since the newest. A failure is said
    in one sentence; what was written stays written."""
    from models.backups import backup_if_changed
    from models.errors import ComplaintDeskError
    from models.os_errors import describe_os_error

    try:
        made = backup_if_changed(when_none=False)
    except ComplaintDeskError as exc:
        print(f"complaint-desk: no backup was made afterwards: {exc}", file=sys.stderr)
    except OSError as exc:
        print(
            "complaint-desk: no backup was made afterwards: "
            + describe_os_error(exc, outcome="so no backup was made"),
            file=sys.stderr,
        )
    else:
        if made is not None:
            print(f"Backed up to {made}, checked.")
