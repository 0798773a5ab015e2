"""Opening the data: the one place that turns a folder into a live database."""

from __future__ import annotations

from pathlib import Path

from desktop.paths import prepare_data_dir, resolve_data_dir, restrict_permissions
from models.db import open_database


def open_data(data_dir: str | Path | None) -> Path:
    """Resolve, create and open the data folder; return the database file's path."""
    folder = resolve_data_dir(str(data_dir) if data_dir else None)
    database_path = prepare_data_dir(folder)
    open_database(database_path)
    restrict_permissions(folder)
    restrict_permissions(database_path)
    return database_path
