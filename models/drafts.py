"""Half-typed forms, kept in the database as the owner types (each counter's
own on a server: :mod:`models.counter`).

A draft survives the dialog being closed, the app being closed and the app
crashing; it is removed only when the complaint is saved or the owner
discards it. While another program holds the data file (a long import), or
the server the log is kept on cannot be reached, a draft cannot go into it: it
is kept beside it instead (in the data folder), in :data:`WAITING` (written
whole, then renamed), and moved into the log as soon as it can be written
again, or at the next start (:func:`settle_waiting`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models import engine
from models.counter import own_key
from models.db import data_folder, writing
from models.errors import BusyError, ServerAway
from models.partial_files import partial_path, remove_partial
from models.tables import Draft

WAITING = "drafts-waiting.json"
# After the data file was found busy, drafts go beside it for this long before
# it is tried again: each try waits for the lock, which typing must not feel.
RETRY_AFTER_SECONDS = 3.0
_busy_until = 0.0

NEW_COMPLAINT = "new_complaint"


@dataclass(frozen=True)
class SavedDraft:
    data: dict[str, Any]
    saved_at: dt.datetime


def save_draft(key: str, data: dict[str, Any], now: dt.datetime | None = None) -> None:
    """Keep the draft: in the data file, or beside it while another program holds
    the file or the server cannot be reached (raises BusyError only if it could
    not be kept beside it either)."""
    global _busy_until
    key = own_key(key)
    when = (now or dt.datetime.now()).replace(microsecond=0)
    if time.monotonic() >= _busy_until:
        try:
            with writing():
                engine.current().put(
                    Draft, key=key, data=json.dumps(data, ensure_ascii=False), saved_at=when
                )
        except (BusyError, ServerAway):
            _busy_until = time.monotonic() + RETRY_AFTER_SECONDS
        else:
            _forget_waiting(key)
            return
    _keep_waiting(key, data, when)


def load_draft(key: str) -> SavedDraft | None:
    """The newest of the draft in the data file and one kept beside it."""
    key = own_key(key)
    waiting = _waiting().get(key)
    try:
        row = Draft.get_or_none(Draft.key == key)
    except ServerAway:
        row = None  # the one kept beside it, if any, is the newest there is
    if isinstance(waiting, dict) and (row is None or str(row.saved_at) <= waiting["at"]):
        data = waiting.get("data")
        at = dt.datetime.fromisoformat(waiting["at"])
        return SavedDraft(data=data, saved_at=at) if isinstance(data, dict) else None
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
    """Drop the draft (while the data file is busy, a note beside it says it is gone)."""
    key = own_key(key)
    try:
        with writing():
            Draft.delete().where(Draft.key == key).execute()
    except (BusyError, ServerAway):
        _keep_waiting(key, None, dt.datetime.now().replace(microsecond=0))
    else:
        _forget_waiting(key)


def settle_waiting() -> None:
    """Move the drafts kept beside the data file into it (the newer one wins)."""
    waiting = _waiting()
    if not waiting:
        return
    try:
        with writing():
            for key, entry in waiting.items():
                row = Draft.get_or_none(Draft.key == key)
                if row is not None and str(row.saved_at) > entry["at"]:
                    continue
                Draft.delete().where(Draft.key == key).execute()
                if isinstance(entry.get("data"), dict):
                    Draft.create(
                        key=key,
                        data=json.dumps(entry["data"], ensure_ascii=False),
                        saved_at=dt.datetime.fromisoformat(entry["at"]),
                    )
    except (BusyError, ServerAway):
        return  # they wait beside it a while longer
    with contextlib.suppress(OSError):
        _waiting_path().unlink()


def _waiting_path() -> Path:
    return data_folder() / WAITING


def _waiting() -> dict[str, dict[str, Any]]:
    """The drafts kept beside the data file: key -> {"at": ISO time, "data": dict or None}."""
    try:
        raw = json.loads(_waiting_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(raw, dict):
        return {}
    return {
        str(key): entry
        for key, entry in raw.items()
        if isinstance(entry, dict) and isinstance(entry.get("at"), str)
    }


def _keep_waiting(key: str, data: dict[str, Any] | None, when: dt.datetime) -> None:
    waiting = _waiting()
    waiting[key] = {"at": str(when), "data": data}
    _write_waiting(waiting)


def _forget_waiting(key: str) -> None:
    waiting = _waiting()
    if key not in waiting:
        return
    del waiting[key]
    if waiting:
        _write_waiting(waiting)
    else:
        with contextlib.suppress(OSError):
            _waiting_path().unlink()


def _write_waiting(waiting: dict[str, dict[str, Any]]) -> None:
    path = _waiting_path()
    partial = partial_path(path)
    try:
        with partial.open("w", encoding="utf-8") as out:
            json.dump(waiting, out, ensure_ascii=False)
            out.flush()
            os.fsync(out.fileno())
        partial.replace(path)
    except OSError as exc:
        remove_partial(partial)
        raise BusyError(
            "Another program is saving to the data file, and the draft could not be kept "
            f"beside it either ({exc.strerror or exc})."
        ) from exc
