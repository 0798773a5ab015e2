"""Small preferences kept in the database (so they travel with the data file)."""

from __future__ import annotations

import getpass
import json
from typing import Any

from models.db import writing
from models.tables import Setting

USER_NAME = "user_name"


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
        Setting.replace(key=key, value=json.dumps(value)).execute()


def default_user_name() -> str:
    try:
        login = getpass.getuser()
    except (KeyError, OSError):
        return ""
    return login[:1].upper() + login[1:]


def user_name() -> str:
    """Who is at the desk: the author of timeline entries and default handler."""
    name = get_setting(USER_NAME)
    return name if isinstance(name, str) and name.strip() else default_user_name()
