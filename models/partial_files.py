"""Files written under a temporary name and renamed only when complete.

A copy that is killed half-way, or stopped by a full disk, must never sit
under the final name (where it would open as an empty or damaged log), and
what it leaves must not pile up: :func:`partial_path` names the temporary file
after the process writing it, and :func:`clean_leftovers` removes, at the next
start, the temporary files of processes that are no longer running. Only
names this module makes (and the older ``NAME.part`` form) are ever removed.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

# ".complaints-20261201-090000.sqlite3.4242.part", plus SQLite's own companions
# of it ("-journal", "-wal", "-shm") when the copy is a database.
_OURS = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)\.part(?:-journal|-wal|-shm)?$")
# What versions before this one left: "NAME.part" (and its journal) for the
# data file, a backup, the erasure ledger and the logo; nothing else of that form.
_OLDER = re.compile(
    r"^(?:complaints[-.][\w.-]*sqlite3|replaced-[\w-]+\.sqlite3|erasures\.json|logo\.\w+"
    r"|[0-9a-f]{32}(?:\.\w+)?)\.part(?:-journal|-wal|-shm)?$"
)
# Where the app writes such files: the data folder itself, backups/, and each
# complaint's folder in attachments/.
FOLDERS = ("", "backups")
ATTACHMENTS = "attachments"


def partial_path(target: Path) -> Path:
    """Where to write ``target`` until it is complete: a hidden name in the same
    folder (so the rename is atomic) that says which process is writing it."""
    return target.with_name(f".{target.name}.{os.getpid()}.part")


def remove_partial(partial: Path) -> None:
    """Remove a temporary file and SQLite's companions of it, if there."""
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            partial.with_name(partial.name + suffix).unlink(missing_ok=True)


def is_running(pid: int) -> bool:
    """True when the process ``pid`` is still running (this one too)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # running, but another user's (or not ours to signal)
        return True
    return True


def _leftovers(folder: Path) -> Iterator[Path]:
    try:
        entries = list(folder.iterdir())
    except OSError:
        return
    for path in entries:
        if not path.is_file() or path.is_symlink():
            continue
        ours = _OURS.match(path.name)
        if ours is not None:
            if not is_running(int(ours["pid"])):
                yield path
        elif _OLDER.match(path.name):
            yield path


def clean_leftovers(data_folder: Path) -> list[Path]:
    """Remove what killed or failed writes left in the data folder, its
    ``backups/`` and its attachments' folders; return what was removed."""
    removed = []
    folders = [data_folder / sub if sub else data_folder for sub in FOLDERS]
    attachments = data_folder / ATTACHMENTS
    if attachments.is_dir() and not attachments.is_symlink():
        with contextlib.suppress(OSError):
            folders += [p for p in attachments.iterdir() if p.is_dir() and not p.is_symlink()]
    for folder in folders:
        for path in _leftovers(folder):
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
    return removed


def free_name(folder: Path, start: str, end: str) -> Path:
    """The first name in ``folder`` not taken: ``START END``, else ``START-2END``,
    ``START-3END``… (two copies kept in the same second never overwrite each other)."""
    path = folder / f"{start}{end}"
    number = 1
    while path.exists():
        number += 1
        path = folder / f"{start}-{number}{end}"
    return path
