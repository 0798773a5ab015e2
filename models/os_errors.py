"""What the operating system said went wrong with a file, as one sentence.

A full disk, a folder that cannot be written, a file that is not there: each
says what happened, where, and what to do, rather than ``[Errno 28]``.
"""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from models.text import file_size

DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})
CANNOT_WRITE = frozenset({errno.EACCES, errno.EPERM, errno.EROFS})
# Below this much free space a disk that reports an error is taken to be full:
# SQLite says "disk I/O error", not "disk is full", when it cannot even grow
# its shared-memory or log file.
LOW_SPACE_BYTES = 64 * 1024 * 1024


def describe_os_error(
    exc: OSError, where: Path | None = None, outcome: str = "so it was not saved"
) -> str:
    """``exc`` as one sentence naming the cause and what to do.

    ``where`` is the folder being written, named when the error itself names no
    file (a write that fails on a full disk does not); ``outcome`` says what a
    full disk meant (``so the letter was not made``).
    """
    named = _named_path(exc)
    if exc.errno in DISK_FULL:
        return disk_full(where or (named.parent if named else None), outcome)
    if exc.errno in CANNOT_WRITE:
        target = _existing(named) if named else where
        shown = f" {_show(target)}" if target else " the file"
        if exc.errno == errno.EROFS:
            return f"Cannot write to{shown}: the disk it is on is read-only."
        return f"Cannot write to{shown}: check its permissions."
    if exc.errno == errno.ENOENT and named is not None:
        if not _exists(named.parent):
            return f"The folder {_show(named.parent)} does not exist: create it or choose another."
        return f"There is no file or folder {_show(named)}."
    reason = exc.strerror or str(exc) or type(exc).__name__
    reason = reason[:1].lower() + reason[1:]
    target = named or where
    if target is None:
        return f"{reason[:1].upper()}{reason[1:]}."
    return f"Cannot use {_show(target)}: {reason}."


def disk_full(folder: Path | None, outcome: str = "so it was not saved") -> str:
    """The sentence for a full disk, with the free space left where it can be measured;
    ``outcome`` says what that meant (``so the change was not saved``)."""
    free = free_space(folder) if folder else None
    if folder is None or free is None:
        return f"The disk is full, {outcome}: free some space and try again."
    return (
        f"The disk is full ({file_size(free)} free on the drive holding {_show(folder)}), "
        f"{outcome}: free some space and try again."
    )


def free_space(folder: Path) -> int | None:
    """Bytes free on the disk holding ``folder`` (or its nearest existing parent)."""
    for place in (folder, *folder.parents):
        try:
            return shutil.disk_usage(place).free
        except OSError:
            continue
    return None


def little_space(folder: Path) -> bool:
    """True when the disk holding ``folder`` has less than :data:`LOW_SPACE_BYTES` free."""
    free = free_space(folder)
    return free is not None and free < LOW_SPACE_BYTES


def _named_path(exc: OSError) -> Path | None:
    name = exc.filename
    if name is None or isinstance(name, int):
        return None
    return Path(os.fsdecode(name))


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return False


def _existing(path: Path) -> Path:
    """``path`` when it exists (a file that cannot be written), else the folder it goes in."""
    return path if _exists(path) else path.parent


def _show(path: Path | None) -> str:
    # A name with bytes that are not UTF-8 is still shown, with ? for those bytes.
    return str(path).encode("utf-8", "replace").decode("utf-8") if path is not None else ""
