"""Opening the data: the one place that turns a folder into a live database."""

from __future__ import annotations

from pathlib import Path

from desktop.paths import prepare_data_dir, resolve_data_dir, restrict_permissions
from models.db import open_database


def warm_up() -> None:
    """Load the wording check in the background once the window is up.

    Its patterns take about a tenth of a second to compile; doing that now
    keeps the first complaint opened from paying for it."""
    import importlib
    import threading

    threading.Thread(
        target=importlib.import_module, args=("models.liability",), daemon=True
    ).start()


def open_data(data_dir: str | Path | None) -> Path:
    """Resolve, create and open the data folder; return the database file's path."""
    folder = resolve_data_dir(str(data_dir) if data_dir else None)
    database_path = prepare_data_dir(folder)
    open_database(database_path)
    restrict_permissions(folder)
    restrict_permissions(database_path)
    return database_path
