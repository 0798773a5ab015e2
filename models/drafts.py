"""Half-typed forms, kept in the database as the owner types.

A draft survives the dialog being closed, the app being closed and the app
crashing; it is removed only when the complaint is saved or the owner
discards it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from models.db import writing
from models.tables import Draft

NEW_COMPLAINT = "new_complaint"


@dataclass(frozen=True)
class SavedDraft:
    data: dict[str, Any]
    saved_at: dt.datetime


def save_draft(key: str, data: dict[str, Any], now: dt.datetime | None = None) -> None:
    when = (now or dt.datetime.now()).replace(microsecond=0)
    with writing():
        Draft.replace(key=key, data=json.dumps(data, ensure_ascii=False), saved_at=when).execute()


def load_draft(key: str) -> SavedDraft | None:
    row = Draft.get_or_none(Draft.key == key)
    if row is None:
        return None
    try:
        data = json.loads(row.data)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    return SavedDraft(data=data, saved_at=row.saved_at)


def discard_draft(key: str) -> None:
    with writing():
        Draft.delete().where(Draft.key == key).execute()
