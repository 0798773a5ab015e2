"""``complaint-desk move-to-server ADDRESS``: copy the data file's log to a PostgreSQL server."""

from __future__ import annotations

import argparse

NAME = "move-to-server"
HELP = (
    "copy the log from the data file to a PostgreSQL server (ADDRESS: postgresql://... or "
    "service=NAME), then check both hold the same; the data file is left as it is"
)
EPILOG = (
    "Every table is copied in one transaction on the server, then compared with the data "
    "file (rows and SHA-256 of their contents); any difference and the server is left as it "
    "was. A server log that already holds complaints is refused unless --replace is given. "
    "Afterwards, open the log with --database ADDRESS (or $COMPLAINT_DESK_DATABASE); "
    "attachments, letters and the logo stay in the data folder."
)
NEEDS_DATA = False  # opens the data file itself, whatever $COMPLAINT_DESK_DATABASE says


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("address", metavar="ADDRESS", help="the PostgreSQL server's address")
    parser.add_argument(
        "--replace",
        action="store_true",
        help="replace a log the server already holds with this data file's (it is lost)",
    )


def run(args: argparse.Namespace) -> int:
    from desktop.move_log import move_log
    from desktop.paths import resolve_data_dir
    from models import display
    from models.move import files_in
    from models.server import describe_address

    folder = resolve_data_dir(args.data_dir)
    moved, data_file = move_log(folder, args.address, replace=args.replace)
    if moved.replaced:
        print(f"Replaced the {display.count(moved.replaced, 'complaint')} the server held.")
    for table in moved.tables:
        rows = display.count(table.rows, "row")
        print(f"{table.name:15} {rows:>14}, the same on both ({table.sha256[:12]})")
    print(
        f"Copied {display.count(moved.count('complaint'), 'complaint')} to "
        f"{describe_address(args.address)}, checked. The data file {data_file} is unchanged."
    )
    files = files_in(folder)
    if files:
        print(f"The {display.count(files, 'file')} in {folder} (attachments, letters) stay there.")
    print(
        "From now on, give the same address with --database (or in "
        "$COMPLAINT_DESK_DATABASE) to use the log on the server."
    )
    return 0
