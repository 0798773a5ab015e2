"""Opening the data: the one place that turns a folder into a live database."""

from __future__ import annotations

from pathlib import Path

from desktop.paths import prepare_data_dir, resolve_data_dir, restrict_permissions
from models.db import open_database


def warm_up() -> None:
    """Once the window is up, in the background: today's backup (if none yet),
    and loading the wording check, whose patterns take a tenth of a second to
    compile, so the first complaint opened does not pay for it."""
    import importlib
    import threading

    def work() -> None:
        from models.backups import daily_backup
        from models.errors import ComplaintDeskError

        try:
            daily_backup()
        except ComplaintDeskError as exc:  # a failed backup must not stop the shop
            print(f"complaint-desk: today's backup was not made: {exc}")
        importlib.import_module("models.liability")

    threading.Thread(target=work, daemon=True).start()


def open_data(data_dir: str | Path | None) -> Path:
    """Resolve, create and open the data folder; return the database file's path."""
    folder = resolve_data_dir(str(data_dir) if data_dir else None)
    database_path = prepare_data_dir(folder)
    open_database(database_path)
    restrict_permissions(folder)
    restrict_permissions(database_path)
    return database_path
