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
    "file (rows and SHA-256 of their contents); so are the attachments, letters and the "
    "logo, which go into the server's log (each file's SHA-256 worked out on both sides); "
    "any difference and the server is left as it was. A server log that already holds "
    "complaints is refused unless --replace is given. Afterwards, open the log with "
    "--database ADDRESS (or $COMPLAINT_DESK_DATABASE). The data file and the files in the "
    "data folder are left as they are."
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
    from models.server import describe_address
    from models.text import file_size

    folder = resolve_data_dir(args.data_dir)
    moved, data_file = move_log(folder, args.address, replace=args.replace)
    if moved.replaced:
        print(f"Replaced the {display.count(moved.replaced, 'complaint')} the server held.")
    for table in moved.tables:
        rows = display.count(table.rows, "row")
        print(f"{table.name:15} {rows:>14}, the same on both ({table.sha256[:12]})")
    files = moved.files
    size = f" ({file_size(files.size)})" if files.count else ""
    print(
        f"{'files':15} {display.count(files.count, 'file'):>14}{size}, the same on both "
        f"({files.sha256[:12]})"
    )
    print(
        f"Copied {display.count(moved.count('complaint'), 'complaint')} and "
        f"{display.count(files.count, 'file')} (attachments, letters, the logo) to "
        f"{describe_address(args.address)}, checked. The data file {data_file} and the "
        f"files in {folder} are unchanged."
    )
    if moved.files_missing:
        print(
            f"{display.count(len(moved.files_missing), 'file')} the log names could not be "
            "copied (they are not on the server):"
        )
        for missing in moved.files_missing[:20]:
            print(f"  {missing}")
    print(
        "From now on, give the same address with --database (or in "
        "$COMPLAINT_DESK_DATABASE) to use the log on the server."
    )
    return 0
