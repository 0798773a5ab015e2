"""The ``complaint-desk`` command line.

With no command it opens the window. Every command takes ``--data-dir``; only
the window, ``demo`` and ``import`` start a new log in a folder without one.
Exit status: 0 success, 1 the command failed (one sentence on stderr), 2 a
usage error; ``followups --due overdue|today|week`` exits 3 when something is
due.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Iterator, Sequence

from desktop import app_version
from desktop.commands import COMMANDS
from desktop.paths import DATABASE_ENV_VAR, ENV_VAR

PROG = "complaint-desk"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

# Arguments that name a file or folder (by their metavar), and what to give
# instead of an empty one: "" would otherwise mean the current folder.
PATH_ARGUMENTS = {
    "FILE": "a file's name",
    "FILE|-": "a file's name, or - for standard output",
    "DEST": "a folder or a file's name",
    "BACKUP": "a backup file's name",
    "FOLDER": "a folder",
    "DIR": "a folder",
    "ADDRESS": "a PostgreSQL server's address",
}
# Bytes that are not UTF-8 reach Python as lone surrogates (U+DC80-U+DCFF).
_NOT_TEXT = re.compile("[\ud800-\udfff]")


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
    database_help = (
        f"keep the log on a PostgreSQL server (default: ${DATABASE_ENV_VAR}, else the data "
        "file in the data folder): a URL such as postgresql://user@host/dbname, or "
        "service=NAME from pg_service.conf; PGHOST and the like, and the password in "
        "~/.pgpass, are used as PostgreSQL's own tools use them"
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {app_version()}")
    parser.add_argument("--data-dir", metavar="DIR", help=data_dir_help)
    parser.add_argument("--database", metavar="ADDRESS", help=database_help)
    # The same options after the command name: ``complaint-desk list --data-dir DIR``.
    shared = argparse.ArgumentParser(add_help=False)
    shared.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help=data_dir_help)
    shared.add_argument(
        "--database", metavar="ADDRESS", default=argparse.SUPPRESS, help=database_help
    )
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
            checked=command.checked,
        )
    return parser


def _parsers(
    parser: argparse.ArgumentParser, command: str | None
) -> Iterator[tuple[argparse.ArgumentParser, argparse.Action]]:
    """Each argument of the main parser and of ``command``'s, with its parser."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            if command is not None:
                sub = action.choices[command]
                yield from ((sub, each) for each in sub._actions)
        else:
            yield parser, action


def _label(action: argparse.Action) -> str:
    if action.option_strings:
        return max(action.option_strings, key=len)
    return str(action.metavar or action.dest).split("|")[0].upper()


def _problem(action: argparse.Action, value: str) -> str | None:
    """Why ``value`` cannot be taken for ``action``, as the rest of a sentence, or None."""
    path = PATH_ARGUMENTS.get(str(action.metavar))
    if _NOT_TEXT.search(value):
        if path:
            return "is not valid text (UTF-8): rename that file or folder, or choose another"
        return (
            "is not valid text (UTF-8): check the terminal's character encoding and type it again"
        )
    if not value.strip() and (path or not action.option_strings):
        optional = action.option_strings or action.nargs == "?"
        given = path or (action.help or "a value").split(";")[0]
        return f"is empty: give {given}" + (", or leave it out" if optional else "")
    return None


def check_arguments(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Refuse (exit 2, naming the argument) a value that is not valid text, and an
    empty one where a file, a folder or a reference is needed."""
    for owner, action in _parsers(parser, args.command):
        value = getattr(args, action.dest, None)
        for each in value if isinstance(value, list) else [value]:
            if isinstance(each, str) and (problem := _problem(action, each)):
                owner.error(f"{_label(action)} {problem}.")
    if getattr(args, "data_dir", None) is None and _NOT_TEXT.search(os.environ.get(ENV_VAR, "")):
        parser.error(
            f"${ENV_VAR} is not valid text (UTF-8): rename that folder, or choose another."
        )


def fail(message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return EXIT_FAILED


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    check_arguments(parser, args)
    if args.command is None:
        from desktop.app import run_window

        return run_window(args.data_dir, args.database)

    from desktop.paths import private_files
    from desktop.startup import open_data
    from models.errors import ComplaintDeskError

    private_files()
    try:
        if args.needs_data:
            open_data(
                args.data_dir,
                create=args.creates_data,
                check=args.checked,
                database=args.database,
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
        from models.os_errors import describe_os_error

        return fail(describe_os_error(exc))
    except Exception as exc:
        from models.db import is_damage, storage_error

        if is_damage(exc):  # met by a query that no write path wrapped
            return fail(str(storage_error(exc)))
        return fail(f"unexpected error ({type(exc).__name__}: {exc}). Please report it.")
