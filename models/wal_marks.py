"""A mark beside the data file of what it looked like at the app's last checkpoint.

In write-ahead-log mode SQLite writes the data file itself only when it folds
the log into it (a checkpoint, or the last program closing the file). The app
never lets SQLite do that on its own (``wal_autocheckpoint=0``) and records
every checkpoint it makes in ``.complaints.sqlite3.wal-mark`` beside the file:
``{"state": "checkpointing"}`` before, and after it the file's size, time of
change, a digest of its first page and how many complaints it held
(``"state": "done"``). So a log left by
a program that was killed was started on the file the mark describes: when
the file there no longer matches, it was replaced since (a copy put in its
place by hand), and the log is not its own (see :mod:`models.wal_check`).
Opening the file records its state as well (:func:`settle`): a log started
from then on is started on that file, whatever was there before.

The mark is written to a temporary name, synced and renamed, so a kill at any
moment leaves either "checkpointing" (nothing is known: the log is checked as
before) or a "done" that matches the file. Writers of the mark are serialised
between processes by a lock on ``.complaints.sqlite3.wal-mark.lock``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from models.partial_files import partial_path, remove_partial

SUFFIX = ".wal-mark"
CHECKPOINTING, DONE = "checkpointing", "done"
HEAD = 4096  # bytes of the data file digested: its first page, with SQLite's header

_held = threading.local()  # how deep this thread is in locked()


def mark_path(database_path: Path) -> Path:
    return database_path.with_name(f".{database_path.name}{SUFFIX}")


def _lock_path(database_path: Path) -> Path:
    return database_path.with_name(f".{database_path.name}{SUFFIX}.lock")


@contextlib.contextmanager
def locked(database_path: Path) -> Iterator[None]:
    """Hold the lock that serialises writers of the mark (and checkpoints) between
    processes and threads; re-entered freely by the thread holding it."""
    depth = getattr(_held, "depth", 0)
    if depth:
        _held.depth = depth + 1
        try:
            yield
        finally:
            _held.depth = depth
        return
    try:
        fd = os.open(_lock_path(database_path), os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        fd = -1  # a folder that takes no new file: the mark cannot be written either
    try:
        if fd >= 0:
            _lock(fd)
        _held.depth = 1
        try:
            yield
        finally:
            _held.depth = 0
    finally:
        if fd >= 0:
            os.close(fd)  # closing releases the lock


def _lock(fd: int) -> None:
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock between processes
        return
    fcntl.flock(fd, fcntl.LOCK_EX)


def read(database_path: Path) -> dict[str, Any] | None:
    """The mark beside ``database_path``, or None when there is none (or it is unreadable)."""
    try:
        found = json.loads(mark_path(database_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) else None


def _write(database_path: Path, content: dict[str, Any]) -> None:
    target = mark_path(database_path)
    partial = partial_path(target)
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, json.dumps(content).encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
        partial.replace(target)
    finally:
        remove_partial(partial)
    _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` survive a power cut (where the system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# Closing any descriptor of a file drops every POSIX lock this process holds on
# it, SQLite's included. So while this process has SQLite connections open on a
# data file (counted by opened() and closed()), the descriptor that reads it
# here is kept open, and closed only once the last of them is.
_users: dict[str, int] = {}
_readers: dict[str, dict[tuple[int, int], int]] = {}
_readers_lock = threading.Lock()


def _key(database_path: Path) -> str:
    return os.path.abspath(database_path)


def opened(database_path: Path) -> None:
    """Before this process opens an SQLite connection on the data file."""
    with _readers_lock:
        _users[_key(database_path)] = _users.get(_key(database_path), 0) + 1


def closed(database_path: Path) -> None:
    """After this process closed an SQLite connection on the data file."""
    key = _key(database_path)
    with _readers_lock:
        _users[key] = max(0, _users.get(key, 0) - 1)
        if not _users[key]:
            for fd in _readers.pop(key, {}).values():
                os.close(fd)


def _state_of(database_path: Path) -> dict[str, Any]:
    """What the data file looks like now: size, time of change, digest of its first page."""
    key = _key(database_path)
    with _readers_lock:
        info = os.stat(database_path)
        kept = _readers.setdefault(key, {})
        fd = kept.get((info.st_dev, info.st_ino))
        if fd is None:
            fd = os.open(database_path, os.O_RDONLY)
            info = os.fstat(fd)  # the file there now, had it just been replaced
            kept[(info.st_dev, info.st_ino)] = fd
        try:
            info = os.fstat(fd)
            os.lseek(fd, 0, os.SEEK_SET)  # this descriptor is only used under the lock
            head = hashlib.sha256(os.read(fd, HEAD)).hexdigest()
        finally:
            if not _users.get(key):
                for unused in _readers.pop(key).values():
                    os.close(unused)
    return {"size": info.st_size, "mtime_ns": info.st_mtime_ns, "head": head}


def _done(database_path: Path, log_id: str | None) -> None:
    try:
        state = _state_of(database_path)
    except OSError:
        _unlink(database_path)  # no file to describe
        return
    from models.backup_state import complaints_held

    # How many complaints it held: a file put in its place with far fewer is said so.
    held = complaints_held(database_path)
    if held is None:  # a file that cannot be read (damaged): what it held is still known
        held = (read(database_path) or {}).get("complaints")
    _write(database_path, {"state": DONE, **state, "log_id": log_id, "complaints": held})


def _matches(mark: dict[str, Any] | None, database_path: Path) -> bool:
    if mark is None or mark.get("state") != DONE:
        return False
    try:
        state = _state_of(database_path)
    except OSError:
        return False
    return all(mark.get(key) == value for key, value in state.items())


def replaced(database_path: Path) -> bool:
    """True when the mark says the app's last checkpoint left the data file in
    another state than the file there now: it was replaced since, other than by
    SQLite. False with no mark, or one left "checkpointing" (nothing is known)."""
    mark = read(database_path)
    if mark is None or mark.get("state") != DONE:
        return False
    return not _matches(mark, database_path)


@contextlib.contextmanager
def checkpointing(database_path: Path, log_id: str | None) -> Iterator[None]:
    """Around anything that may fold the log into the data file (a checkpoint, the
    last close): "checkpointing" before, the file's new state after, under the lock."""
    with locked(database_path):
        try:
            _write(database_path, {"state": CHECKPOINTING})
        except OSError:  # a full disk: no mark is safer than one of the file as it was
            _unlink(database_path)
        try:
            yield
        finally:
            with contextlib.suppress(OSError):  # left "checkpointing": nothing is known
                _done(database_path, log_id)


def settle(database_path: Path, log_id: str | None) -> None:
    """Once the data file is open: the log from now on is started on the file as
    it is, so the mark says so (rewritten only when it does not already)."""
    with locked(database_path):
        if not _matches(read(database_path), database_path):
            try:
                _done(database_path, log_id)
            except OSError:
                _unlink(database_path)


def complaints_before(database_path: Path) -> int | None:
    """How many complaints the data file held when the mark was written, when the
    file there now is not the one it describes (it was replaced since); else None."""
    mark = read(database_path)
    held = mark.get("complaints") if mark is not None else None
    if not isinstance(held, int) or not replaced(database_path):
        return None
    return held


def forget(database_path: Path) -> None:
    """The app replaced the data file other than through SQLite: no mark, so the
    next check of a log left beside it is made as for a folder without one."""
    with locked(database_path):
        _unlink(database_path)


def _unlink(database_path: Path) -> None:
    with contextlib.suppress(OSError):
        mark_path(database_path).unlink()
