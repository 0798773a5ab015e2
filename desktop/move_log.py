"""Moving the log from the data file to a PostgreSQL server: the one way both
``complaint-desk move-to-server`` and Preferences do it (see models.move)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from models.move import Moved


def move_log(
    folder: Path,
    address: str,
    *,
    replace: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> tuple[Moved, Path]:
    """Copy the log in the data file of ``folder`` to the server at ``address`` and
    check it; return what was copied and the data file (left as it was). Nothing
    is left open afterwards."""
    from desktop.startup import open_data
    from models.db import close_database, open_server
    from models.move import copy_log

    the_file = ""  # the data file in the folder, whatever else names a server
    # A folder without a log, or with a damaged one, is refused before the server is touched.
    open_data(folder, create=False, check=True, database=the_file)
    close_database()
    target = open_server(address, folder)  # brought to this version's schema
    try:
        close_database()
        data_file = open_data(folder, create=False, check=True, database=the_file)
        try:
            target.connect(reuse_if_open=True)
            moved = copy_log(target, replace=replace, progress=progress)
        finally:
            close_database()
    finally:
        target.close()
    return moved, data_file
