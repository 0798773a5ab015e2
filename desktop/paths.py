"""Where the data lives.

By default the platform's application-data folder (for example
``~/.local/share/ComplaintDesk`` on Linux); ``--data-dir`` or the environment
variable ``COMPLAINT_DESK_DATA_DIR`` point anywhere else.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from models.db import DATABASE_FILE_NAME
from models.errors import StorageError

ENV_VAR = "COMPLAINT_DESK_DATA_DIR"
# Where the log is kept when it is on a PostgreSQL server (see models.server):
# ``--database`` or this variable; without either, the server chosen in
# Preferences (models.settings.log_place), else the data file in the folder.
DATABASE_ENV_VAR = "COMPLAINT_DESK_DATABASE"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("ComplaintDesk", appauthor=False, roaming=True))


def resolve_data_dir(cli_value: str | None = None) -> Path:
    chosen = cli_value or os.environ.get(ENV_VAR) or None
    return Path(chosen).expanduser().resolve() if chosen else default_data_dir()


def resolve_database(cli_value: str | None = None, folder: Path | None = None) -> str | None:
    """The PostgreSQL server address chosen with ``--database`` or
    ``$COMPLAINT_DESK_DATABASE``, else in Preferences for the data folder
    ``folder``; None for the data file in the data folder (also when
    ``cli_value`` is "", whatever the variable and Preferences say)."""
    chosen = cli_value if cli_value is not None else os.environ.get(DATABASE_ENV_VAR)
    if chosen is None or (cli_value is None and not chosen.strip()):
        from models.settings import log_place

        chosen = log_place(folder) if folder is not None else None
    return chosen.strip() if chosen and chosen.strip() else None


def database_given(cli_value: str | None = None) -> str | None:
    """How the log's place was given when it overrides Preferences: "--database" or
    "$COMPLAINT_DESK_DATABASE"; None when Preferences decide."""
    if cli_value is not None:
        return "--database"
    if (os.environ.get(DATABASE_ENV_VAR) or "").strip():
        return f"${DATABASE_ENV_VAR}"
    return None


def prepare_data_dir(folder: Path) -> Path:
    """Create the folder (readable by this user only) and check it can be written.

    Returns the database file's path; raises :class:`StorageError` with a
    sentence saying what to do when the folder is unusable.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except FileExistsError as exc:
        raise StorageError(
            f"The data folder {folder} is a file, not a folder. Choose another with --data-dir."
        ) from exc
    except OSError as exc:
        raise StorageError(
            f"The data folder {folder} cannot be created ({exc.strerror or exc}). "
            "Choose another with --data-dir."
        ) from exc
    if not folder.is_dir():
        raise StorageError(
            f"The data folder {folder} is not a folder. Choose another with --data-dir."
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StorageError(
            f"The data folder {folder} cannot be written to. Check its permissions or choose "
            "another with --data-dir."
        )
    database = folder / DATABASE_FILE_NAME
    if database.exists() and not os.access(database, os.R_OK | os.W_OK):
        raise StorageError(
            f"The data file {database} cannot be read and written. Check its permissions."
        )
    return database


def private_files() -> None:
    """From here on, files and folders this process creates are the user's alone
    (0600 and 0700 on POSIX): the data file, its -wal and -shm, attachments,
    letters, backups and exports all hold details of real people."""
    if os.name == "posix":
        os.umask(0o077)


def create_private_file(path: Path) -> None:
    """Create ``path`` empty with owner-only permissions if it is not there, so
    SQLite's -wal and -shm files, which copy its permissions, are private too."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        pass
    except OSError as exc:
        raise StorageError(
            f"The data file {path} cannot be created ({exc.strerror or exc}). "
            "Check the folder's permissions or choose another with --data-dir."
        ) from exc


def restrict_permissions(path: Path) -> None:
    """Owner-only permissions on POSIX (data about real people lives here)."""
    if os.name != "posix":
        return
    try:
        mode = stat.S_IRWXU if path.is_dir() else stat.S_IRUSR | stat.S_IWUSR
        path.chmod(mode)
    except OSError:
        pass


# What the app keeps in a data folder (models.db, models.wal_marks, models.backups,
# models.file_store and models.server_files, models.erasure_ledger,
# desktop.single_instance). Only these are tightened: a
# --data-dir that also holds other files of the owner's leaves those as they are.
APP_FOLDERS = ("attachments", "backups", "letters", "viewing")
APP_FILE_STARTS = (
    DATABASE_FILE_NAME,  # with its -wal, -shm and -journal
    f".{DATABASE_FILE_NAME}.wal-mark",  # and its .lock (models.wal_marks)
    f".{DATABASE_FILE_NAME}.references",  # models.issued_references
    "damaged-",
    "erasures.json",
    "log-place.json",  # models.settings.log_place
    "drafts-waiting.json",
    "complaint-desk.lock",
    "logo.",
)


def tighten_permissions(folder: Path) -> None:
    """Take group and other permissions off the data folder and what the app keeps
    in it (every file and folder under attachments/, backups/ and letters/), where
    this user owns them, on POSIX. Files copied or unzipped there, or left by an
    older version, may be readable by anyone; they hold details of real people.
    Symbolic links are neither changed nor followed."""
    if os.name != "posix":
        return
    user = os.geteuid()
    with contextlib.suppress(OSError):
        _owner_only(str(folder), os.lstat(folder), user)
    for entry in _entries(str(folder)):
        if entry.name in APP_FOLDERS or entry.name.startswith(APP_FILE_STARTS):
            _tighten_entry(entry, user)


def _entries(folder: str) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as found:
            return list(found)
    except OSError:
        return []


def _tighten_entry(entry: os.DirEntry[str], user: int) -> None:
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError:
        return  # gone meanwhile
    if stat.S_ISLNK(info.st_mode):
        return
    _owner_only(entry.path, info, user)
    if stat.S_ISDIR(info.st_mode):
        for inner in _entries(entry.path):
            _tighten_entry(inner, user)


def _owner_only(path: str, info: os.stat_result, user: int) -> None:
    if info.st_uid == user and info.st_mode & 0o077:
        with contextlib.suppress(OSError):  # not ours to change after all: leave it
            os.chmod(path, stat.S_IMODE(info.st_mode) & ~0o077)
