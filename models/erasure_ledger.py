"""Erasures remembered beside the data file, so that restoring a backup made
before an erasure cannot bring the customer back (see
:func:`models.anonymise.reapply_erasures`).

``erasures.json`` holds no personal data: for each erasure its date and the
complaints it covered, by number, reference and time received (together they
tell a complaint apart from one in another shop's file), and whether the owner
chose to remove the possible mentions of them too. It is written before
the erasure starts, so an erasure cut short is finished at the next start.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path

from models.db import data_folder, describe_storage_error
from models.errors import StorageError
from models.partial_files import partial_path

LEDGER = "erasures.json"


@dataclass(frozen=True)
class Erasure:
    at: dt.datetime
    complaints: tuple[tuple[int, str, str], ...]  # (complaint id, reference, received)
    also_possible: bool = False  # possible mentions in other complaints were removed too


def _path() -> Path:
    return data_folder() / LEDGER


def erasures() -> list[Erasure]:
    """Every erasure recorded, oldest first; an unreadable ledger reads as none."""
    try:
        raw = json.loads(_path().read_text(encoding="utf-8"))
        return [
            Erasure(
                dt.datetime.fromisoformat(item["at"]),
                tuple(
                    (int(number), str(reference), str(received))
                    for number, reference, received in item["complaints"]
                ),
                bool(item.get("also_possible", False)),
            )
            for item in raw
        ]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def remember(
    complaints: list[tuple[int, str, str]], at: dt.datetime, *, also_possible: bool = False
) -> None:
    """Add an erasure to the ledger (written whole to a new file, then renamed)."""
    items = [_item(e) for e in erasures()]
    items.append(_item(Erasure(at, tuple(complaints), also_possible)))
    path = _path()
    partial = partial_path(path)
    try:
        with partial.open("w", encoding="utf-8") as out:
            json.dump(items, out)
            out.flush()
            os.fsync(out.fileno())
        partial.replace(path)
    except OSError as exc:
        raise StorageError(f"{describe_storage_error(exc)} The customer was not erased.") from exc


def _item(erasure: Erasure) -> dict[str, object]:
    item: dict[str, object] = {
        "at": erasure.at.isoformat(),
        "complaints": [list(c) for c in erasure.complaints],
    }
    if erasure.also_possible:
        item["also_possible"] = True
    return item
