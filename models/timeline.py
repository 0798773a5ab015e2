"""A complaint's timeline: what happened, when, and who did it. Append-only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from models.tables import Event
from models.text import clean

CREATED = "created"
NOTE = "note"
EDITED = "edited"
STATUS_CHANGED = "status_changed"
STAGE_CHANGED = "stage_changed"

KIND_LABELS = {
    CREATED: "Logged",
    NOTE: "Note",
    EDITED: "Changed",
    STATUS_CHANGED: "Status",
    STAGE_CHANGED: "Stage",
}

MAX_NOTE = 50_000


@dataclass(frozen=True)
class TimelineEntry:
    id: int
    at: dt.datetime
    author: str
    kind: str
    text: str

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind.replace("_", " ").capitalize())


def record(
    complaint_id: int, kind: str, text: str, author: str, at: dt.datetime | None = None
) -> Event:
    """Append one entry. Call inside the transaction of the change it describes."""
    when = (at or dt.datetime.now()).replace(microsecond=0)
    return Event.create(complaint=complaint_id, at=when, author=clean(author), kind=kind, text=text)


def entries(complaint_id: int) -> list[TimelineEntry]:
    query = Event.select().where(Event.complaint == complaint_id).order_by(Event.at, Event.id)
    return [
        TimelineEntry(id=e.id, at=e.at, author=e.author, kind=e.kind, text=e.text) for e in query
    ]
