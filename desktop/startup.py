"""Opening the data: the one place that turns a folder into a live database."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from desktop.paths import (
    DATABASE_ENV_VAR,
    ENV_VAR,
    create_private_file,
    prepare_data_dir,
    resolve_data_dir,
    resolve_database,
    restrict_permissions,
    tighten_permissions,
)
from models.db import DATABASE_FILE_NAME, close_database, damaged, open_database
from models.errors import DamagedDatabaseError, StorageError

# What the checks after start-up can report (see warm_up).
BACKUP_FAILED, DAMAGED, ANONYMISED = "backup_failed", "damaged", "anonymised"
RETENTION_FAILED = "retention_failed"

Report = Callable[[str, object], None]
Notify = Callable[[str], None]


def checks_after_start(report: Report) -> None:
    """Today's backup (if none yet), a check that the data file is sound, and
    the retention rule (if it is on, and only with a good backup behind it).

    ``report(kind, value)`` is told what the owner should hear about: a failed
    backup, damage found, the rule failing, complaints anonymised.
    """
    from models import retention
    from models.backups import daily_backup, quick_check
    from models.db import mark_damaged
    from models.errors import ComplaintDeskError

    try:
        daily_backup()
    except DamagedDatabaseError:
        backed_up = False  # said once, below, with what the check finds
    except ComplaintDeskError as exc:  # a failed backup must not stop the shop
        report(BACKUP_FAILED, str(exc))
        backed_up = False
    else:
        backed_up = True
    problem = quick_check()
    if problem:
        mark_damaged(problem)  # nothing more is written into it
        report(DAMAGED, problem)
        return
    try:
        # Anonymising cannot be undone: only with a fresh backup behind it.
        outcome = retention.apply() if backed_up else None
    except ComplaintDeskError as exc:
        report(RETENTION_FAILED, str(exc))
    else:
        if outcome is not None and outcome.complaints:
            report(ANONYMISED, outcome)


def warm_up(report: Report) -> threading.Thread:
    """Once the window is up, in the background: :func:`checks_after_start`,
    then loading the wording check, whose patterns take a tenth of a second to
    compile and whose learned part a third of a second to read, so the first
    complaint opened or note typed does not pay for it. ``report`` is called
    from that thread. Returns the thread doing it."""

    def work() -> None:
        checks_after_start(report)
        from models.wording import learned

        learned.model()

    thread = threading.Thread(target=work, daemon=True, name="warm-up")
    thread.start()
    return thread


def open_data(
    data_dir: str | Path | None,
    *,
    create: bool = True,
    check: bool = False,
    notify: Notify | None = None,
    database: str | None = None,
) -> Path:
    """Resolve, create and open the data folder; return the database file's path.

    With ``database`` (or ``$COMPLAINT_DESK_DATABASE``, or the server chosen in
    Preferences) naming a PostgreSQL server, the log is opened there instead
    (see :func:`_open_on_server`); the path returned is then where the data
    file would be, in the data folder.

    Every entry point (the window and each command) opens the data here, so
    what must happen before anything else happens here, in this order: what
    killed writes left is cleaned up; a data file emptied where a log was is
    refused as damage; a write-ahead log that does not belong to the file is
    set aside (``notify`` is told, in one sentence); an erasure cut short is
    finished, before anything can read or back up the customer again. With
    ``check`` (the commands that write), a damaged file is refused before
    anything is written into it.

    With ``create`` False (the commands that only read), a folder without a data
    file is refused and nothing is created: a mistyped folder must not look like
    an empty log.
    """
    from models.partial_files import clean_leftovers
    from models.server_files import clean_views
    from models.wal_check import check_write_ahead_log

    folder = resolve_data_dir(str(data_dir) if data_dir else None)
    address = resolve_database(database, folder)
    if address is not None:
        return _open_on_server(address, folder, create=create)
    if not create:
        _refuse_no_log(folder / DATABASE_FILE_NAME)
    database_path = prepare_data_dir(folder)
    tighten_permissions(folder)
    restrict_permissions(folder)
    clean_leftovers(folder)
    clean_views(folder)  # copies of a server's files left by a counter that stopped
    _refuse_emptied_log(database_path)
    fewer = _fewer_than_before(database_path)
    try:
        note = check_write_ahead_log(database_path)
    except OSError as exc:
        raise StorageError(
            f"A write-ahead log beside {database_path} could not be checked or set aside "
            f"({exc.strerror or exc}); nothing was opened."
        ) from exc
    said = " ".join(part for part in (fewer, note) if part)
    if said and notify is not None:
        notify(said)
    if database_path.exists():
        restrict_permissions(database_path)
    create_private_file(database_path)
    open_database(database_path)
    if check:
        from models.backups import quick_check

        problem = quick_check()
        if problem:
            error = damaged(problem, database_path)
            close_database()  # refused: nothing is left open on it
            raise error
    _finish_erasures()
    return database_path


def _open_on_server(address: str, folder: Path, *, create: bool) -> Path:
    """The log on a PostgreSQL server, with its attachments, letters and logo
    (:mod:`models.server_files`); the data folder holds the backups, and copies
    of files opened in other programs. What guards a data file (its write-ahead
    log, a file emptied or replaced) is the server's own business."""
    from models.db import open_server
    from models.partial_files import clean_leftovers
    from models.server import is_server_address
    from models.server_files import clean_views

    if not is_server_address(address):
        raise StorageError(
            f"--database (or ${DATABASE_ENV_VAR}) takes a PostgreSQL address such as "
            "postgresql://user@host/dbname or service=NAME; for a data file, give its folder "
            "with --data-dir."
        )
    database_path = prepare_data_dir(folder)
    tighten_permissions(folder)
    restrict_permissions(folder)
    clean_leftovers(folder)
    clean_views(folder)  # copies left by a counter that stopped (a crash)
    open_server(address, folder, create=create)
    _finish_erasures()
    return database_path


def _finish_erasures() -> None:
    """Drafts kept beside the data file go into it, then an erasure cut short
    (or undone by a restore) is finished, so it reaches them too."""
    from models.anonymise import purge_if_pending, reapply_erasures
    from models.drafts import settle_waiting

    settle_waiting()
    reapply_erasures()
    purge_if_pending()


def _refuse_emptied_log(database_path: Path) -> None:
    """An empty data file where a log was (there are backups of it, or letters)
    is damage, not a fresh start: it must not become a new, empty log."""
    from models.backups import BACKUPS, backups

    try:
        size = database_path.stat().st_size
    except OSError:
        return
    wal = database_path.with_name(database_path.name + "-wal")
    if size >= 512 or (wal.is_file() and wal.stat().st_size > 0):
        return  # SQLite's smallest database is one 512-byte page
    folder = database_path.parent
    letters = folder / "letters"
    held_a_log = (
        bool(backups(folder / BACKUPS))
        or (folder / "erasures.json").exists()
        or (letters.is_dir() and any(letters.iterdir()))
    )
    if held_a_log:
        raise damaged(f"it holds {size} bytes, where a log was", database_path)


def _refuse_no_log(database_path: Path) -> None:
    """For the commands that only read: a folder without a data file, or with one
    that holds no log (empty, or too short to be a database), is refused before
    anything in the folder is created or changed."""
    folder = database_path.parent
    if not database_path.is_file():
        raise StorageError(
            f"There is no Complaint Desk data file ({DATABASE_FILE_NAME}) in {folder}; "
            f"check the folder given with --data-dir or ${ENV_VAR}."
        )
    _refuse_emptied_log(database_path)  # where a log was: damage, with the backup to restore
    wal = database_path.with_name(database_path.name + "-wal")
    try:
        size = database_path.stat().st_size
        waiting = wal.is_file() and wal.stat().st_size > 0
    except OSError:
        return  # said by whatever opens it next
    if size < 512 and not waiting:  # SQLite's smallest database is one 512-byte page
        what = "is empty" if size == 0 else f"holds only {size} bytes"
        raise StorageError(
            f"The data file {database_path} {what} and holds no complaints log, so nothing "
            "was read and nothing was changed; restore a backup or copy the right file there."
        )


def _fewer_than_before(database_path: Path) -> str | None:
    """One sentence when the data file was put in place (by hand, or by another
    program) since the app last used it and holds far fewer complaints than it
    did then: the owner must not take it for a new, empty shop."""
    from models import display, wal_marks
    from models.backup_state import complaints_held, far_fewer

    before = wal_marks.complaints_before(database_path)
    now = complaints_held(database_path) if before else None
    if now is None or not far_fewer(now, before):
        return None
    return (
        f"The data file was replaced since Complaint Desk last used it: it now holds "
        f"{display.count(now, 'complaint')}, where it held {before:,}. If that is not the "
        "file you meant, File > Restore from backup (or `complaint-desk restore`) puts back "
        "one of this folder's backups."
    )
