"""Small preferences kept in the database (so they travel with the data file),
and the one kept beside it: where the log is kept (see :func:`log_place`)."""

from __future__ import annotations

import contextlib
import copy
import json
import os
from pathlib import Path
from typing import Any

from models import engine
from models.counter import LAST_FOLDERS, USER_NAME, own_key
from models.db import writing
from models.errors import ServerAway, ValidationError
from models.tables import Setting
from models.text import clean

# Each setting as last read: while the log's server cannot be reached, the
# window goes on with these (who is at the counter, the shop's week...).
_last_read: dict[str, Any] = {}


def get_setting(key: str, default: Any = None) -> Any:
    try:
        row = Setting.get_or_none(Setting.key == key)
    except ServerAway:
        return copy.deepcopy(_last_read.get(key, default))
    if row is None:
        _last_read.pop(key, None)
        return default
    try:
        value = json.loads(row.value)
    except ValueError:
        return default
    _last_read[key] = value
    return value


def set_setting(key: str, value: Any) -> None:
    with writing():
        engine.current().put(Setting, key=key, value=json.dumps(value))


MAX_USER_NAME = 120


def get_counter_setting(key: str, default: Any = None) -> Any:
    """A setting of this counter, not of the shop (see :mod:`models.counter`)."""
    return get_setting(own_key(key), default)


def set_counter_setting(key: str, value: Any) -> None:
    set_setting(own_key(key), value)


def user_name() -> str:
    """Who is at the counter: the name the owner gave (asked on the first run,
    changed in Preferences), or "" when none was given.

    The author of timeline entries and the handler a new complaint starts with;
    each counter's own on a server.
    Never the computer's login name: nobody chose it ("root", "admin", "User"),
    and it would end up in letters to customers."""
    name = get_counter_setting(USER_NAME)
    return clean(name) if isinstance(name, str) else ""


def set_user_name(name: str) -> str:
    """Keep ``name`` as the person at the counter; return it as kept.

    Raises :class:`ValidationError` for an empty or overlong name."""
    name = clean(name)
    if not name:
        raise ValidationError({"user_name": "Enter your name."})
    if len(name) > MAX_USER_NAME:
        raise ValidationError({"user_name": f"Keep the name under {MAX_USER_NAME} characters."})
    set_counter_setting(USER_NAME, name)
    return name


def last_folder(kind: str) -> str:
    """The folder a file dialog of this kind last used, or "" when none is known."""
    folders = get_counter_setting(LAST_FOLDERS, {})
    folder = folders.get(kind) if isinstance(folders, dict) else None
    return folder if isinstance(folder, str) else ""


def remember_folder(kind: str, folder: str) -> None:
    """Note the folder a file dialog of this kind used, for the next one.

    Not worth a message when the data file is busy or cannot be written: the next
    dialog then starts in the documents folder."""
    from models.errors import ComplaintDeskError

    folders = get_counter_setting(LAST_FOLDERS, {})
    folders = dict(folders) if isinstance(folders, dict) else {}
    if folders.get(kind) == folder:
        return
    folders[kind] = folder
    with contextlib.suppress(ComplaintDeskError):
        set_counter_setting(LAST_FOLDERS, folders)


# Where the log is kept: on this computer (the data file) or on a PostgreSQL
# server. Not a row of the log, since it says where the rows are: a small file
# in the data folder, read before any log is opened. It never holds a password.
LOG_PLACE_FILE = "log-place.json"


def log_place(folder: Path) -> str | None:
    """The server address chosen in Preferences for the data folder ``folder``, or
    None for the data file there (also when the choice cannot be read, or holds
    what is no server address)."""
    from models.server import is_server_address

    try:
        raw = json.loads((folder / LOG_PLACE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    server = raw.get("server") if isinstance(raw, dict) else None
    return server if isinstance(server, str) and is_server_address(server) else None


def no_password_here() -> str:
    """Where a server's password belongs instead of an address: one sentence."""
    from models.server_reach import password_file

    return (
        f"Keep the password out of the address: put it in the password file "
        f"{password_file()} (README: On a PostgreSQL server), or name a service from "
        "pg_service.conf, and give the address without it."
    )


def set_log_place(folder: Path, address: str | None) -> str | None:
    """Keep the log on the server at ``address`` from the next opening (None: on
    this computer); return the address as kept (a bare word names a service).

    Raises :class:`ValidationError` for an address that cannot be read, and for
    one holding a password, which is never written anywhere by the app;
    :class:`StorageError` when the data folder cannot be written."""
    from models.db import describe_storage_error
    from models.errors import StorageError
    from models.partial_files import partial_path
    from models.server import address_from, has_password, parse_address

    kept: str | None = None
    if address is not None:
        kept = address_from(address)
        if not kept:
            raise ValidationError({"server": "Enter the server's address, or a service name."})
        try:
            parts = parse_address(kept)
        except StorageError as exc:
            raise ValidationError({"server": str(exc)}) from exc
        if has_password(parts):
            raise ValidationError({"server": no_password_here()})
    path = folder / LOG_PLACE_FILE
    partial = partial_path(path)
    try:
        with partial.open("w", encoding="utf-8") as out:
            json.dump({"server": kept}, out)
            out.flush()
            os.fsync(out.fileno())
        partial.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise StorageError(
            f"{describe_storage_error(exc)} Where the log is kept was not changed."
        ) from exc
    return kept
