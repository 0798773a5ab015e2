"""The files of a log on a PostgreSQL server: rows of the table ``stored_file``.

Each row holds a file's bytes, its kind, the complaint it belongs to (0 for the
logo), its name, size, SHA-256 and when it was stored (made by migration 10,
for both engines; a data file leaves it empty). Every counter reaches the same
files, and a file goes in the same transaction as the rows that name it. See
:mod:`models.file_store` for the interface.

To open a file in another program a temporary copy is written into
``viewing/<process>/`` in this counter's data folder (private, like the rest of
it). The copy goes when the file is deleted, when the app closes, and (after a
crash, or when a viewer still held it) at the next start: :func:`clean_views`.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import peewee

from models.data_files import checked_name, name_problem
from models.db import data_folder, database, storage_error, writing
from models.errors import StorageError, ValidationError
from models.file_store import (
    ATTACHMENT,
    FileKey,
    FileStore,
    StoredFile,
    numbered,
    too_many,
    unreadable,
    write_whole,
)
from models.os_errors import describe_os_error
from models.server_watch import WATCH
from models.text import file_size

TABLE = "stored_file"
# Temporary copies of files, for other programs to open.
VIEWING = "viewing"
# The largest file kept on a server: PostgreSQL takes at most 1 GB in a value,
# and the whole file crosses the network, and sits in memory, at once.
MAX_ON_SERVER = 100 * 1024 * 1024


def _too_big(name: str, size: int) -> ValidationError:
    return ValidationError(
        {
            "file": (
                f"{name} is {file_size(size)}: a file kept in the log on the server can be "
                f"at most {file_size(MAX_ON_SERVER)}, so it was not added. Make it smaller "
                "(a shorter video, a smaller photo, a PDF of fewer pages) and add it again."
            )
        }
    )


class TableStore(FileStore):
    """The table ``stored_file`` of a log on a PostgreSQL server (``db``, by default
    the one open now)."""

    in_the_log = True

    def __init__(self, db: peewee.Database | None = None) -> None:
        self.db = db

    @property
    def _db(self) -> Any:
        return self.db if self.db is not None else database.obj

    @property
    def _is_open_log(self) -> bool:
        return self.db is None or self.db is database.obj

    def place(self, key: FileKey) -> str:
        return "the log on the server"

    def shown(self, key: FileKey) -> str:
        if not key.name:
            return f"the attachments of complaint number {key.owner_id} in {self.place(key)}"
        return f"{key.name} in {self.place(key)}"

    @contextlib.contextmanager
    def _changing(self) -> Iterator[None]:
        if self._is_open_log:
            with writing():
                yield
        else:
            with self._db.atomic():
                yield

    def _rows(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        try:
            return list(self._db.execute_sql(sql, params).fetchall())
        except peewee.PeeweeException as exc:
            if self._is_open_log:
                raise storage_error(exc) from exc
            raise

    def put(
        self, key: FileKey, data: bytes, *, replace: bool = False, outcome: str = ""
    ) -> FileKey:
        checked_name(key.name, *key.folder)
        if len(data) > MAX_ON_SERVER:
            raise _too_big(key.name, len(data))
        digest = hashlib.sha256(data).hexdigest()
        now = dt.datetime.now().replace(microsecond=0)
        insert = (
            f"INSERT INTO {TABLE} (kind, owner_id, name, data, size, sha256, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, owner_id, name) "
        )
        # A large file may take a while over a slow network: no limit on its wait.
        with WATCH.unlimited(), self._changing():
            if replace:
                self._rows(
                    insert + "DO UPDATE SET data = excluded.data, size = excluded.size, "
                    "sha256 = excluded.sha256, created_at = excluded.created_at RETURNING id",
                    (key.kind, key.owner_id, key.name, data, len(data), digest, now),
                )
                return key
            for name in numbered(key.name):
                if key.kind != ATTACHMENT and self._rows(
                    f"SELECT 1 FROM {TABLE} WHERE kind = ? AND name = ?", (key.kind, name)
                ):
                    continue  # one folder for all complaints' letters: names are never shared
                if self._rows(
                    insert + "DO NOTHING RETURNING id",
                    (key.kind, key.owner_id, name, data, len(data), digest, now),
                ):
                    return FileKey(key.kind, key.owner_id, name)
        raise too_many(key, self.place(key))

    def put_file(self, key: FileKey, source: Path, *, outcome: str = "") -> StoredFile:
        try:
            size = source.stat().st_size
            if size > MAX_ON_SERVER:
                raise _too_big(source.name, size)
            data = source.read_bytes()
        except PermissionError as exc:
            raise unreadable(source, exc) from exc
        except OSError as exc:
            raise StorageError(describe_os_error(exc, source.parent, outcome or "")) from exc
        kept = self.put(key, data)
        return StoredFile(kept, len(data), hashlib.sha256(data).hexdigest())

    def get(self, key: FileKey) -> bytes | None:
        checked_name(key.name, *key.folder)
        with WATCH.unlimited():
            rows = self._rows(
                f"SELECT data FROM {TABLE} WHERE kind = ? AND owner_id = ? AND name = ?",
                (key.kind, key.owner_id, key.name),
            )
        return bytes(rows[0][0]) if rows else None

    def view(self, key: FileKey) -> Path | None:
        data = self.get(key)
        if data is None:
            return None
        folder = _views() / f"{key.kind}-{key.owner_id}"
        target = folder / key.name
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            write_whole(target, data)
            target.chmod(0o600)  # a customer's file: this user's alone
        except OSError as exc:
            try:  # still open in a viewer (Windows): the copy there holds the same
                if target.read_bytes() == data:
                    return target
            except OSError:
                pass
            raise StorageError(describe_os_error(exc, folder, "so it could not be opened")) from exc
        return target

    def info(self, key: FileKey) -> StoredFile | None:
        checked_name(key.name, *key.folder)
        rows = self._rows(
            f"SELECT size, sha256 FROM {TABLE} WHERE kind = ? AND owner_id = ? AND name = ?",
            (key.kind, key.owner_id, key.name),
        )
        return StoredFile(key, int(rows[0][0]), str(rows[0][1])) if rows else None

    def check(self, key: FileKey) -> None:
        return None  # a row, whatever its name: it leads nowhere

    def check_all(self, kind: str, owner_id: int) -> None:
        return None

    def delete(self, key: FileKey) -> int:
        with self._changing():
            gone = self._rows(
                f"DELETE FROM {TABLE} WHERE kind = ? AND owner_id = ? AND name = ? RETURNING id",
                (key.kind, key.owner_id, key.name),
            )
        _forget_views([key])
        return len(gone)

    def delete_all(self, kind: str, owner_id: int) -> int:
        with self._changing():
            gone = self._rows(
                f"DELETE FROM {TABLE} WHERE kind = ? AND owner_id = ? RETURNING name",
                (kind, owner_id),
            )
        _forget_views([FileKey(kind, owner_id, str(row[0])) for row in gone])
        return len(gone)

    def files(self, kind: str | None = None, owner_id: int | None = None) -> list[FileKey]:
        tests = [("kind = ?", kind), ("owner_id = ?", owner_id)]
        wanted = [(test, value) for test, value in tests if value is not None]
        where = " AND ".join(test for test, _ in wanted) or "TRUE"
        rows = self._rows(
            f"SELECT kind, owner_id, name FROM {TABLE} WHERE {where} ORDER BY kind, owner_id, name",
            tuple(value for _, value in wanted),
        )
        return [FileKey(str(k), int(o), str(n)) for k, o, n in rows]

    def checked_copies(self) -> list[StoredFile]:
        """Every file kept, with the SHA-256 the server works out from the bytes it
        holds (not the one recorded beside them): for checking a copy."""
        rows = self._rows(
            f"SELECT kind, owner_id, name, length(data), encode(sha256(data), 'hex') "
            f"FROM {TABLE} ORDER BY kind, owner_id, name",
            (),
        )
        return [
            StoredFile(FileKey(str(k), int(o), str(n)), int(s), str(h)) for k, o, n, s, h in rows
        ]


# --- temporary copies for viewing ---------------------------------------------------

_views_made: set[Path] = set()


def _views() -> Path:
    """This process's folder of copies for viewing, in the data folder."""
    folder = data_folder() / VIEWING / str(os.getpid())
    if not _views_made:
        atexit.register(_remove_own_views)
    _views_made.add(folder)
    return folder


def _remove_own_views() -> None:
    for folder in _views_made:
        shutil.rmtree(folder, ignore_errors=True)


def _forget_views(keys: list[FileKey]) -> None:
    """Remove the copies for viewing of these files, this process's and any other's."""
    try:
        base = data_folder() / VIEWING
    except StorageError:
        return
    if not keys or not base.is_dir() or base.is_symlink():
        return
    for process in base.iterdir():
        for key in keys:
            if name_problem(key.name):
                continue  # never written there, and never followed anywhere
            copy = process / f"{key.kind}-{key.owner_id}" / key.name
            if copy.parent.is_dir() and not copy.parent.is_symlink():
                with contextlib.suppress(OSError):
                    copy.unlink(missing_ok=True)


def clean_views(folder: Path) -> list[Path]:
    """Remove the copies for viewing left in the data folder ``folder`` by processes
    no longer running (a crash, a viewer holding a copy at closing); return what went."""
    from models.partial_files import is_running

    base = folder / VIEWING
    if not base.is_dir() or base.is_symlink():
        return []
    removed = []
    for process in base.iterdir():
        if process.name.isdigit() and is_running(int(process.name)):
            continue
        if process.is_dir() and not process.is_symlink():
            shutil.rmtree(process, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                process.unlink()
        removed.append(process)
    return removed
