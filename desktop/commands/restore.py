"""``complaint-desk restore [BACKUP]``: put a backup back (the newest good one by default).

Works on a data file that is damaged and will not open, too: that file is
renamed beside itself, never deleted. Otherwise the data being replaced is
kept in ``backups/replaced-….sqlite3``. With the log on a server, a backup made
with pg_dump is put back into it, and the log it replaces is kept in
``backups/replaced-….pgdump`` (:mod:`models.server_restore`).

Asks first, unless ``--yes``: the answer is read from standard input, a
terminal or a pipe (``echo y | complaint-desk restore``), and only y or yes, in
any case, restores.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

NAME = "restore"
HELP = "restore a backup (default: the newest good one in backups/); the current data is kept"
NEEDS_DATA = False  # the data file may be damaged: this command opens it itself


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("backup", nargs="?", metavar="BACKUP", help="a backup file")
    parser.add_argument(
        "--yes",
        action="store_true",
        help="do not ask for confirmation (or answer y or yes, typed or piped in)",
    )


YES = ("y", "yes")


def _confirmed(question: str) -> bool:
    """Ask on standard error; read one line of standard input (a terminal or a pipe).
    Only y or yes, in any case, is a yes; anything else, or nothing, is a no."""
    print(f"{question} Answer y to restore [y/N]: ", end="", file=sys.stderr, flush=True)
    stdin = sys.stdin
    answer = stdin.readline() if stdin is not None else ""
    if not (stdin is not None and stdin.isatty() and answer.endswith("\n")):
        print(file=sys.stderr)  # a piped answer is not echoed: end the prompt's line
    return answer.strip().lower() in YES


def _chosen(chosen, every: list) -> str:  # models.backups.BackupInfo
    """Which backup was chosen, and why not the newer ones."""
    from models.backups import describe_backup

    text = f"The backup chosen is {describe_backup(chosen)}."
    newer = [info.path.name for info in every if info.made_at > chosen.made_at]
    if newer:
        text += (
            f" Newer backups ({', '.join(newer[:3])}{'…' if len(newer) > 3 else ''}) hold no "
            "complaints or are damaged, so they were passed over."
        )
    return text


def _choices(folder: Path) -> str:
    """The backups to choose from by name, with how many complaints each holds."""
    from models.backups import BACKUPS, good_backups

    found = good_backups(folder / BACKUPS)
    named = ", ".join(
        f"{info.path.name} ({n:,} complaint{'s' if n != 1 else ''})" for info, n in found[:5]
    )
    return (
        f"Name the backup to restore (`complaint-desk restore BACKUP`), one of the good ones in "
        f"{folder / BACKUPS}: {named}{', …' if len(found) > 5 else ''}."
    )


def _newest_readable_dump(folder: Path):  # -> tuple[Path, DumpContents]
    """The newest dump in ``folder`` that can be read, saying which were passed over."""
    from models import server_backups, server_restore
    from models.errors import StorageError

    passed: list[str] = []
    for dump in server_backups.dumps(folder):
        try:
            held = server_restore.contents(dump.path)
        except StorageError:
            passed.append(dump.path.name)
            continue
        if passed:
            print(f"Passed over, as they cannot be read: {', '.join(passed)}.", file=sys.stderr)
        print(f"The backup chosen is {dump.path.name} ({held.describe()}).", file=sys.stderr)
        return dump.path, held
    raise StorageError(f"There is no good backup of the server's log in {folder}.")


def _restore_on_server(args: argparse.Namespace, folder: Path, address: str) -> int:
    """The log on a server: the backup named, else the newest dump in backups/."""
    from desktop.startup import open_data
    from models import display, server_restore
    from models.backups import BACKUPS
    from models.complaints import count_complaints
    from models.db import close_database, server_database
    from models.errors import StorageError

    if args.backup:
        source = Path(args.backup).expanduser().resolve()
        held = server_restore.contents(source)
    else:
        source, held = _newest_readable_dump(folder / BACKUPS)
    open_data(folder, database=address)
    try:
        db = server_database()
        place = db.place if db is not None else address
        now_holds = display.count(count_complaints(), "complaint")
        against = server_restore.against_the_log(held)
        for warning in against.warnings():
            print(warning, file=sys.stderr)
        if args.yes and not args.backup and (against.far_fewer or against.other_log):
            why = "is of another log" if against.other_log else "holds far fewer complaints"
            raise StorageError(  # never chosen silently: the owner names it
                f"Not restored: {source.name} is the newest backup, but it {why}. Name the "
                "backup to restore: complaint-desk restore BACKUP."
            )
        if not args.yes and not _confirmed(
            f"Replace the log on the server ({place}), which holds {now_holds}, with the "
            f"backup {source.name} ({held.describe()})? Every counter then works on the "
            "restored log."
        ):
            raise StorageError("Not restored: answer y (or yes), or pass --yes.")
        from models.settings import user_name

        kept = server_restore.restore_dump(source, by=user_name())
        print(f"Restored {source.name}. The log it replaced is kept in {kept}.")
    finally:
        close_database()
    return 0


def run(args: argparse.Namespace) -> int:
    from desktop.paths import prepare_data_dir, resolve_data_dir, resolve_database
    from desktop.single_instance import SingleInstance
    from desktop.startup import open_data
    from models import backups
    from models.db import DATABASE_FILE_NAME, close_database
    from models.errors import DamagedDatabaseError, StorageError

    folder = resolve_data_dir(args.data_dir)
    address = resolve_database(getattr(args, "database", None), folder)
    if address is not None:
        return _restore_on_server(args, folder, address)
    database_path = folder / DATABASE_FILE_NAME
    if args.backup:
        source = Path(args.backup).expanduser().resolve()
        problem = backups.check_backup(source)
        if problem:
            raise StorageError(f"{problem} Nothing was changed.")
    else:
        newest = backups.newest_good_backup(folder / backups.BACKUPS)
        if newest is None:
            raise StorageError(f"There is no good backup in {folder / backups.BACKUPS}.")
        source = newest.path
    prepare_data_dir(folder)
    instance = SingleInstance(folder)
    if not instance.acquire():  # said before asking anything
        raise StorageError(
            "Complaint Desk is open on this data folder: close it first (or use File > Restore "
            "from backup in the window)."
        )
    try:
        fewer = backups.far_fewer_warning(source, database_path)
        if not args.backup:
            print(_chosen(newest, backups.backups(folder / backups.BACKUPS)), file=sys.stderr)
            if fewer and args.yes:  # never chosen silently: the owner picks one by name
                raise StorageError(f"Not restored: {fewer} {_choices(folder)}")
        if fewer:
            print(fewer, file=sys.stderr)
        count = backups.complaints_in(source)
        if not args.yes and not _confirmed(
            f"Replace the data in {database_path} with the backup {source.name} "
            f"({count:,} complaint{'s' if count != 1 else ''})?"
        ):
            raise StorageError("Not restored: answer y (or yes), or pass --yes.")
        try:
            open_data(folder, check=True)
        except DamagedDatabaseError:
            kept = backups.restore_damaged(database_path, source)
            open_data(folder)
            from models.anonymise import reapply_erasures

            reapply_erasures()
            print(f"Restored {source.name}. The damaged file is kept as {kept}.")
        else:
            kept = backups.restore_backup(source)
            print(f"Restored {source.name}. The data it replaced is kept in {kept}.")
    finally:
        close_database()
        instance.release()
    return 0
