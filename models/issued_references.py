"""The highest reference number given out each year, kept beside the data file.

A reference is printed on letters and read out over the phone, so it must never
be given to a second complaint, even when the data file loses its newest
complaints (a backup put back, a file copied in by hand after a crash). The log
alone cannot tell: its highest number is then lower than one already given out.
So each number is noted here before the complaint that takes it is written, in
``.complaints.sqlite3.references`` (``{"2026": 192}``), and the next number is
above both the log's and this note's.

The note is written to a temporary name and renamed (never half written); it is
not synced to the disk on every save, so a power cut may lose its newest
number, as it may lose the complaint itself.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from models.db import open_file
from models.partial_files import partial_path, remove_partial

SUFFIX = ".references"


def note_path(database_path: Path) -> Path:
    return database_path.with_name(f".{database_path.name}{SUFFIX}")


def _read(path: Path) -> dict[int, int]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {int(year): int(number) for year, number in data.items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}  # no note yet, or not one the app wrote: the log alone decides


def highest_given(year: int) -> int:
    """The highest number given out in ``year`` by this folder's log (0 if none)."""
    path = open_file()
    return _read(note_path(path)).get(year, 0) if path is not None else 0


def note_given(numbers: dict[int, int]) -> None:
    """Note ``numbers`` ({year: highest number}) as given out."""
    path = open_file()
    if path is None or not numbers:
        return
    note = note_path(path)
    known = _read(note)
    merged = {**known, **{y: max(n, known.get(y, 0)) for y, n in numbers.items()}}
    if merged == known:
        return
    content = json.dumps({str(y): n for y, n in sorted(merged.items())}).encode("utf-8")
    part = partial_path(note)  # what a killed write leaves is cleaned at the next start
    try:
        fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, content)
        finally:
            os.close(fd)
        part.replace(note)
    except OSError:
        pass  # the log's own numbers still decide
    finally:
        remove_partial(part)
