"""What belongs to one counter rather than to the shop.

Who is at the counter, the half-typed new complaint, the window's size and the
folders its file dialogs last used belong to the computer they were set on.
With the log in a data file there is one counter and they are kept in it as
they always were. With the log on a server every counter reads the same
tables, so each counter's own rows are kept under its own key
(:func:`own_key`): the name chosen at the back office never signs the till's
notes, and two people typing new complaints at two tills keep two drafts.

A counter is its data folder: the first time one is needed, a random id is
written there (:data:`ID_FILE`) and read from then on.
"""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

import peewee

from models import engine
from models.db import data_folder

ID_FILE = "counter-id.txt"
# The settings that are each counter's own (read and written by models.settings).
USER_NAME = "user_name"
# The folder last used in a file dialog, by kind of file ("evidence", "letter"...).
LAST_FOLDERS = "last_folders"
WINDOW_GEOMETRY = "window_geometry"
COUNTER_SETTINGS = (USER_NAME, LAST_FOLDERS, WINDOW_GEOMETRY)
_ID = re.compile(r"[0-9a-f]{32}")
_known: dict[Path, str] = {}


def own_key(key: str) -> str:
    """``key`` as this counter keeps it in the log: itself in a data file, with
    this counter's id after it on a server."""
    if not engine.current().shared:
        return key
    return f"{key}@{counter_id()}"


def counter_id(folder: Path | None = None) -> str:
    """This counter's id, made the first time it is asked for."""
    folder = folder or data_folder()
    known = _known.get(folder)
    if known is not None:
        return known
    path = folder / ID_FILE
    found = _read(path) or _make(path)
    _known[folder] = found
    return found


def _make(path: Path) -> str:
    """A new id, written whole beside ``path`` and then put in its place: linked,
    so that of two programs starting together one id wins and both read it; a
    damaged file is replaced. When the folder cannot be written, this run's own."""
    made = uuid.uuid4().hex
    fresh = path.with_name(f".{path.name}.{made}")
    try:
        with open(fresh, "x", encoding="ascii") as out:
            out.write(made + "\n")
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(fresh, path)
        except FileExistsError:
            there = _read(path)
            if there is not None:
                return there
            os.replace(fresh, path)
        except OSError:  # a drive without links (FAT, some network shares)
            os.replace(fresh, path)
    except OSError:
        return made
    finally:
        fresh.unlink(missing_ok=True)
    return made


def _read(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, ValueError):
        return None
    return text if _ID.fullmatch(text) else None


def keep_as_own(target: peewee.Database, folder: Path) -> None:
    """After the log of the data folder ``folder`` was copied to the server
    ``target`` (:mod:`models.move`): its settings that are a counter's own, and
    its drafts, become that counter's own there, so the person moving the log
    is not asked their name again and loses no half-typed complaint."""
    tag = "@" + counter_id(folder)
    marks = ", ".join(["%s"] * len(COUNTER_SETTINGS))
    target.execute_sql(
        f"UPDATE setting SET key = key || %s WHERE key IN ({marks})", (tag, *COUNTER_SETTINGS)
    )
    target.execute_sql("UPDATE draft SET key = key || %s WHERE position('@' in key) = 0", (tag,))
