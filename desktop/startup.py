"""Opening the data: the one place that turns a folder into a live database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop.paths import (
    ENV_VAR,
    create_private_file,
    prepare_data_dir,
    resolve_data_dir,
    restrict_permissions,
    tighten_permissions,
)
from models.db import DATABASE_FILE_NAME, open_database
from models.errors import StorageError

# What the checks after start-up can report (see warm_up).
BACKUP_FAILED, DAMAGED, ANONYMISED = "backup_failed", "damaged", "anonymised"
RETENTION_FAILED = "retention_failed"

Report = Callable[[str, object], None]


def checks_after_start(report: Report) -> None:
    """Today's backup (if none yet), a check that the data file is sound, and
    the retention rule (if it is on, and only with a good backup behind it).

    ``report(kind, value)`` is told what the owner should hear about: a failed
    backup, damage found, the rule failing, complaints anonymised.
    """
    from models import retention
    from models.anonymise import purge_if_pending, reapply_erasures
    from models.backups import daily_backup, quick_check
    from models.errors import ComplaintDeskError

    try:
        daily_backup()
    except ComplaintDeskError as exc:  # a failed backup must not stop the shop
        report(BACKUP_FAILED, str(exc))
        backed_up = False
    else:
        backed_up = True
    problem = quick_check()
    if problem:
        report(DAMAGED, problem)
        return
    try:
        reapply_erasures()  # after a restore, or an erasure cut short
        purge_if_pending()
        # Anonymising cannot be undone: only with a fresh backup behind it.
        outcome = retention.apply() if backed_up else None
    except ComplaintDeskError as exc:
        report(RETENTION_FAILED, str(exc))
    else:
        if outcome is not None and outcome.complaints:
            report(ANONYMISED, outcome)


def warm_up(report: Report) -> None:
    """Once the window is up, in the background: :func:`checks_after_start`,
    then loading the wording check, whose patterns take a tenth of a second to
    compile, so the first complaint opened does not pay for it. ``report`` is
    called from that thread."""
    import importlib
    import threading

    def work() -> None:
        checks_after_start(report)
        importlib.import_module("models.liability")

    threading.Thread(target=work, daemon=True, name="warm-up").start()


def open_data(data_dir: str | Path | None, *, create: bool = True) -> Path:
    """Resolve, create and open the data folder; return the database file's path.

    With ``create`` False (the commands that only read), a folder without a data
    file is refused and nothing is created: a mistyped folder must not look like
    an empty log.
    """
    folder = resolve_data_dir(str(data_dir) if data_dir else None)
    if not create and not (folder / DATABASE_FILE_NAME).is_file():
        raise StorageError(
            f"There is no Complaint Desk data file ({DATABASE_FILE_NAME}) in {folder}; "
            f"check the folder given with --data-dir or ${ENV_VAR}."
        )
    database_path = prepare_data_dir(folder)
    tighten_permissions(folder)
    restrict_permissions(folder)
    if database_path.exists():
        restrict_permissions(database_path)
    create_private_file(database_path)
    open_database(database_path)
    return database_path
