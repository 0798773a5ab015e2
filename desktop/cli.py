"""The ``complaint-desk`` command line.

With no command it opens the window. Every command takes ``--data-dir``; only
the window, ``demo`` and ``import`` start a new log in a folder without one.
Exit status: 0 success, 1 the command failed (one sentence on stderr), 2 a
usage error; ``followups --due overdue|today|week`` exits 3 when something is
due.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from desktop.commands import COMMANDS
from desktop.paths import ENV_VAR

PROG = "complaint-desk"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Log, handle and learn from customer complaints. "
        "With no command, opens the window.",
        epilog="exit status: 0 success, 1 the command failed (one sentence on stderr), "
        "2 a usage error; followups --due overdue, today or week: 3 when something is due.",
    )
    data_dir_help = (
        f"folder holding the data file (default: ${ENV_VAR}, else the platform's "
        "application-data folder); the window, demo and import start a new log there if "
        "it has none, the other commands refuse it"
    )
    parser.add_argument("--data-dir", metavar="DIR", help=data_dir_help)
    # The same option after the command name: ``complaint-desk list --data-dir DIR``.
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help=data_dir_help)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        sub = subparsers.add_parser(
            command.name,
            help=command.help,
            description=command.help,
            epilog=command.epilog or None,
            parents=[shared],
        )
        command.add_arguments(sub)
        sub.set_defaults(
            run=command.run,
            needs_data=command.needs_data,
            creates_data=command.creates_data,
            writes=command.writes,
        )
    return parser


def fail(message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return EXIT_FAILED


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from desktop.app import run_window

        return run_window(args.data_dir)

    from desktop.paths import private_files
    from desktop.startup import open_data
    from models.errors import ComplaintDeskError

    private_files()
    try:
        if args.needs_data:
            open_data(
                args.data_dir,
                create=args.creates_data,
                check=args.writes,
                notify=lambda note: print(f"{PROG}: {note}", file=sys.stderr),
            )
        return int(args.run(args) or EXIT_OK)
    except ComplaintDeskError as exc:
        return fail(str(exc))
    except BrokenPipeError:
        # The reader went away (``complaint-desk list | head``); that is not a failure.
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return fail("interrupted.")
    except OSError as exc:
        return fail(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ") + ".")
    except Exception as exc:
        from models.db import is_damage, storage_error

        if is_damage(exc):  # met by a query that no write path wrapped
            return fail(str(storage_error(exc)))
        return fail(f"unexpected error ({type(exc).__name__}: {exc}). Please report it.")
