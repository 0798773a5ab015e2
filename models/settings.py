"""Small preferences kept in the database (so they travel with the data file)."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from models import engine
from models.db import writing
from models.errors import ValidationError
from models.tables import Setting
from models.text import clean

USER_NAME = "user_name"
# The folder last used in a file dialog, by kind of file ("evidence", "letter"...):
# the window's own state, like its size, not the shop's data.
LAST_FOLDERS = "last_folders"


def get_setting(key: str, default: Any = None) -> Any:
    row = Setting.get_or_none(Setting.key == key)
    if row is None:
        return default
    try:
        return json.loads(row.value)
    except ValueError:
        return default


def set_setting(key: str, value: Any) -> None:
    with writing():
        engine.current().put(Setting, key=key, value=json.dumps(value))


MAX_USER_NAME = 120


def user_name() -> str:
    """Who is at the counter: the name the owner gave (asked on the first run,
    changed in Preferences), or "" when none was given.

    The author of timeline entries and the handler a new complaint starts with.
    Never the computer's login name: nobody chose it ("root", "admin", "User"),
    and it would end up in letters to customers."""
    name = get_setting(USER_NAME)
    return clean(name) if isinstance(name, str) else ""


def set_user_name(name: str) -> str:
    """Keep ``name`` as the person at the counter; return it as kept.

    Raises :class:`ValidationError` for an empty or overlong name."""
    name = clean(name)
    if not name:
        raise ValidationError({"user_name": "Enter your name."})
    if len(name) > MAX_USER_NAME:
        raise ValidationError({"user_name": f"Keep the name under {MAX_USER_NAME} characters."})
    set_setting(USER_NAME, name)
    return name


def last_folder(kind: str) -> str:
    """The folder a file dialog of this kind last used, or "" when none is known."""
    folders = get_setting(LAST_FOLDERS, {})
    folder = folders.get(kind) if isinstance(folders, dict) else None
    return folder if isinstance(folder, str) else ""


def remember_folder(kind: str, folder: str) -> None:
    """Note the folder a file dialog of this kind used, for the next one.

    Not worth a message when the data file is busy or cannot be written: the next
    dialog then starts in the documents folder."""
    from models.errors import ComplaintDeskError

    folders = get_setting(LAST_FOLDERS, {})
    folders = dict(folders) if isinstance(folders, dict) else {}
    if folders.get(kind) == folder:
        return
    folders[kind] = folder
    with contextlib.suppress(ComplaintDeskError):
        set_setting(LAST_FOLDERS, folders)
