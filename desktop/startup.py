"""Opening the data: the one place that turns a folder into a live database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from desktop.paths import (
    create_private_file,
    prepare_data_dir,
    resolve_data_dir,
    restrict_permissions,
)
from models.db import open_database

# What the checks after start-up can report (see warm_up).
BACKUP_FAILED, DAMAGED, ANONYMISED = "backup_failed", "damaged", "anonymised"

Report = Callable[[str, object], None]


def warm_up(report: Report) -> None:
    """Once the window is up, in the background: today's backup (if none yet),
    a check that the data file is sound, the retention rule (if it is on), and
    loading the wording check, whose patterns take a tenth of a second to
    compile, so the first complaint opened does not pay for it.

    ``report(kind, value)`` is called from that thread with what the owner
    should hear about: a failed backup, damage found, complaints anonymised.
    """
    import importlib
    import threading

    def work() -> None:
        from models import retention
        from models.backups import daily_backup, quick_check
        from models.errors import ComplaintDeskError

        try:
            daily_backup()
        except ComplaintDeskError as exc:  # a failed backup must not stop the shop
            report(BACKUP_FAILED, str(exc))
        problem = quick_check()
        if problem:
            report(DAMAGED, problem)
            return
        try:
            outcome = retention.apply()
        except ComplaintDeskError as exc:
            report(BACKUP_FAILED, f"The retention rule could not run: {exc}")
        else:
            if outcome is not None and outcome.complaints:
                report(ANONYMISED, outcome)
        importlib.import_module("models.liability")

    threading.Thread(target=work, daemon=True, name="warm-up").start()


def open_data(data_dir: str | Path | None) -> Path:
    """Resolve, create and open the data folder; return the database file's path."""
    folder = resolve_data_dir(str(data_dir) if data_dir else None)
    database_path = prepare_data_dir(folder)
    restrict_permissions(folder)
    if database_path.exists():
        restrict_permissions(database_path)
    create_private_file(database_path)
    open_database(database_path)
    return database_path
