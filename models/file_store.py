"""Where the files a log keeps live: evidence, the letters made, the logo.

One small interface (:class:`FileStore`), two places, chosen with the
database (:func:`current`):

- With the log in the data file (SQLite), :class:`FolderStore`: files in the
  data folder, exactly where they always were: ``attachments/<complaint>/``,
  ``letters/`` and the logo in the data folder itself. A stored name is
  followed only inside its own folder (:mod:`models.data_files`), and nothing
  is written into a folder that is a link to another place.
- With the log on a PostgreSQL server, :class:`models.server_files.TableStore`:
  rows of the table ``stored_file`` (the bytes, the name, the size, the
  SHA-256 and when it was stored), so every counter reaches the same files,
  and erasing a customer removes their files in the same transaction as their
  words. To open one in another program (a photo viewer, a PDF reader) a
  temporary copy is written into ``viewing/`` in this counter's data folder.

A file is named by a :class:`FileKey`: its kind, the complaint it belongs to
(0 for the logo) and its bare name, as the row that names it stores them. The
same names are refused on both (:func:`models.data_files.checked_name`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from models.data_files import checked_name, own_folder, stored_path
from models.db import data_folder, describe_storage_error
from models.errors import StorageError, ValidationError
from models.os_errors import describe_os_error
from models.partial_files import partial_path

ATTACHMENT = "attachment"
LETTER = "letter"
LOGO = "logo"
KINDS = (ATTACHMENT, LETTER, LOGO)
# The folders of the data folder the files are kept in (the logo: the data folder itself).
ATTACHMENTS = "attachments"
LETTERS = "letters"
# A name already taken gets -2, -3... up to this.
MAX_COPIES = 999
_CHUNK = 1 << 20


@dataclass(frozen=True)
class FileKey:
    """Which file: its kind, the complaint it belongs to (0 for the logo), its name."""

    kind: str
    owner_id: int
    name: str

    @property
    def folder(self) -> tuple[str, ...]:
        """The folder of the data folder a file of this kind is kept in."""
        if self.kind == ATTACHMENT:
            return (ATTACHMENTS, str(self.owner_id))
        if self.kind == LETTER:
            return (LETTERS,)
        return ()


def attachment_key(complaint_id: int, name: str) -> FileKey:
    return FileKey(ATTACHMENT, int(complaint_id), name)


def letter_key(complaint_id: int, name: str) -> FileKey:
    return FileKey(LETTER, int(complaint_id), name)


def logo_key(name: str) -> FileKey:
    return FileKey(LOGO, 0, name)


@dataclass(frozen=True)
class StoredFile:
    """A file kept: which, how many bytes, and the SHA-256 of them."""

    key: FileKey
    size: int
    sha256: str


def numbered(name: str) -> Iterator[str]:
    """``name``, then ``stem-2.ext``, ``stem-3.ext``... (never overwriting another)."""
    stem, dot, suffix = name.rpartition(".")
    if not stem:
        stem, dot, suffix = name, "", ""
    yield name
    for number in range(2, MAX_COPIES + 1):
        yield f"{stem}-{number}{dot}{suffix}"


def too_many(key: FileKey, place: str) -> StorageError:
    return StorageError(f"Too many files named {key.name} in {place}.")


class FileStore:
    """What both places do. Names that are not plain file names raise
    :class:`models.errors.UnsafeFileNameError`, and that file is never read or written."""

    # True when the files are rows of the log itself: then they are deleted in
    # the same transaction as the rows that name them.
    in_the_log = False

    def place(self, key: FileKey) -> str:
        """Where a file of this kind is kept, for messages."""
        raise NotImplementedError

    def shown(self, key: FileKey) -> str:
        """Where the file is, for a person to find it (a key without a name: all
        the attachments of its complaint)."""
        raise NotImplementedError

    def put(
        self, key: FileKey, data: bytes, *, replace: bool = False, outcome: str = ""
    ) -> FileKey:
        """Keep ``data`` as ``key``; return the key it was kept as. A name already
        taken gets ``-2``, ``-3``... before its suffix, unless ``replace`` says to
        replace that file. ``outcome`` says what a failure meant (``so the letter
        was not made``). A failure raises StorageError and keeps nothing."""
        raise NotImplementedError

    def put_file(self, key: FileKey, source: Path, *, outcome: str = "") -> StoredFile:
        """Copy the file ``source`` in as ``key`` (the original stays where it is);
        :class:`ValidationError` when it cannot be read or is too big to keep."""
        raise NotImplementedError

    def get(self, key: FileKey) -> bytes | None:
        """The file's bytes; None when it is not there."""
        raise NotImplementedError

    def view(self, key: FileKey) -> Path | None:
        """A file another program can open holding these bytes; None when it is
        not there. Do not write to it."""
        raise NotImplementedError

    def info(self, key: FileKey) -> StoredFile | None:
        """Its size and SHA-256; None when it is not there."""
        raise NotImplementedError

    def check(self, key: FileKey) -> None:
        """Raise UnsafeFileNameError when ``key`` may not be deleted (see :meth:`delete`)."""
        raise NotImplementedError

    def check_all(self, kind: str, owner_id: int) -> None:
        """Raise UnsafeFileNameError when the files of a complaint may not be deleted."""
        raise NotImplementedError

    def delete(self, key: FileKey) -> int:
        """Delete the file; return 1, or 0 when it was not there."""
        raise NotImplementedError

    def delete_all(self, kind: str, owner_id: int) -> int:
        """Delete every file of ``kind`` belonging to complaint ``owner_id``; return how many."""
        raise NotImplementedError

    def files(self, kind: str | None = None, owner_id: int | None = None) -> list[FileKey]:
        """The files kept, of one kind or all, of one complaint or all."""
        raise NotImplementedError


class FolderStore(FileStore):
    """The data folder, for the log in the data file: the app's way from the start."""

    def path(self, key: FileKey) -> Path:
        """Where the file is; UnsafeFileNameError when its name leads elsewhere."""
        return stored_path(key.name, *key.folder)

    def place(self, key: FileKey) -> str:
        return str(data_folder().joinpath(*key.folder))

    def shown(self, key: FileKey) -> str:
        return str(data_folder().joinpath(*key.folder, key.name))

    def put(
        self, key: FileKey, data: bytes, *, replace: bool = False, outcome: str = ""
    ) -> FileKey:
        outcome = outcome or "so it was not saved"
        checked_name(key.name, *key.folder)
        folder = own_folder(*key.folder)
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            if replace:
                write_whole(folder / key.name, data)
                return key
            for name in numbered(key.name):
                if _write_new(folder / name, data):
                    return FileKey(key.kind, key.owner_id, name)
        except OSError as exc:
            raise StorageError(describe_os_error(exc, folder, outcome)) from exc
        raise too_many(key, str(folder))

    def put_file(self, key: FileKey, source: Path, *, outcome: str = "") -> StoredFile:
        checked_name(key.name, *key.folder)
        folder = own_folder(*key.folder)
        target = folder / key.name
        partial = partial_path(target)
        digest = hashlib.sha256()
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            with source.open("rb") as reader, partial.open("wb") as writer:
                for chunk in iter(lambda: reader.read(_CHUNK), b""):
                    digest.update(chunk)
                    writer.write(chunk)
                writer.flush()
                os.fsync(writer.fileno())
            partial.replace(target)
        except PermissionError as exc:
            partial.unlink(missing_ok=True)
            raise unreadable(source, exc) from exc
        except OSError as exc:
            for leftover in (target, partial):
                leftover.unlink(missing_ok=True)
            raise StorageError(describe_storage_error(exc)) from exc
        return StoredFile(key, target.stat().st_size, digest.hexdigest())

    def get(self, key: FileKey) -> bytes | None:
        path = self.path(key)
        if not path.is_file():
            return None
        try:
            return path.read_bytes()
        except OSError as exc:
            raise StorageError(f"The file {path} cannot be read ({exc.strerror or exc}).") from exc

    def view(self, key: FileKey) -> Path | None:
        path = self.path(key)
        return path if path.is_file() else None

    def info(self, key: FileKey) -> StoredFile | None:
        path = self.path(key)
        if not path.is_file():
            return None
        digest = hashlib.sha256()
        with path.open("rb") as reader:
            for chunk in iter(lambda: reader.read(_CHUNK), b""):
                digest.update(chunk)
        return StoredFile(key, path.stat().st_size, digest.hexdigest())

    def check(self, key: FileKey) -> None:
        self.path(key)

    def _all_path(self, kind: str, owner_id: int) -> Path:
        folder = FileKey(kind, owner_id, "").folder
        if kind != ATTACHMENT:
            raise ValueError(f"{kind} files are not kept in a folder of their complaint")
        return stored_path(folder[-1], *folder[:-1])

    def check_all(self, kind: str, owner_id: int) -> None:
        self._all_path(kind, owner_id)

    def delete(self, key: FileKey) -> int:
        path = self.path(key)
        if not path.exists():
            return 0
        path.unlink()
        return 1

    def delete_all(self, kind: str, owner_id: int) -> int:
        # The folder goes whole; a link in it is removed, never followed.
        path = self._all_path(kind, owner_id)
        if path.is_dir() and not path.is_symlink():
            count = sum(1 for p in path.rglob("*") if p.is_file())
            shutil.rmtree(path)
            return count
        if path.exists():
            path.unlink()
            return 1
        return 0

    def files(self, kind: str | None = None, owner_id: int | None = None) -> list[FileKey]:
        found: list[FileKey] = []
        if kind in (None, ATTACHMENT):
            found += self._attachments()
        if kind in (None, LETTER):
            found += self._letters()
        if kind in (None, LOGO):
            found += [logo_key(p.name) for p in _plain_files(data_folder()) if _is_logo(p.name)]
        return [key for key in found if owner_id is None or key.owner_id == owner_id]

    def _attachments(self) -> list[FileKey]:
        folder = data_folder() / ATTACHMENTS
        if not folder.is_dir() or folder.is_symlink():
            return []
        return [
            attachment_key(int(sub.name), path.name)
            for sub in sorted(folder.iterdir())
            if sub.name.isdigit() and sub.is_dir() and not sub.is_symlink()
            for path in _plain_files(sub)
        ]

    def _letters(self) -> list[FileKey]:
        """The letters' files, each with the complaint the log says it belongs to
        (0 for a file no letter names): the folder itself does not say."""
        from models.tables import Letter

        folder = data_folder() / LETTERS
        if not folder.is_dir() or folder.is_symlink():
            return []
        owners = {row.file_name: row.complaint_id for row in Letter.select()}
        return [letter_key(owners.get(p.name, 0), p.name) for p in _plain_files(folder)]


def _plain_files(folder: Path) -> list[Path]:
    """The files in ``folder`` the app wrote there: not hidden (a copy being written)."""
    try:
        return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    except OSError:
        return []


def _is_logo(name: str) -> bool:
    return name.startswith("logo.") and "." not in name[len("logo.") :]


def _write_new(path: Path, data: bytes) -> bool:
    """Write ``data`` to a new file at ``path``; False when that name is taken."""
    try:
        with path.open("xb") as handle:
            try:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            except OSError:
                handle.close()
                path.unlink(missing_ok=True)
                raise
    except FileExistsError:
        return False
    return True


def write_whole(target: Path, data: bytes) -> None:
    """Write ``data`` under a temporary name, then put it in place of ``target``."""
    partial = partial_path(target)
    try:
        with partial.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def unreadable(source: Path, exc: OSError) -> ValidationError:
    return ValidationError({"file": f"The file {source} cannot be read ({exc.strerror})."})


# --- the store of the log open now -------------------------------------------------

FOLDER_STORE = FolderStore()


def current() -> FileStore:
    """The store of the log open now: the data folder, or the server's table."""
    from models.db import on_server
    from models.server_files import TableStore

    return TableStore() if on_server() else FOLDER_STORE
