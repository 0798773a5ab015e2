"""Evidence: photos, receipts, PDFs or any file, copied into the log's files.

The original is copied, never moved, under a name that cannot clash; the
original name, size and SHA-256 are recorded. Where the copy is kept is the
file store's business (:mod:`models.file_store`): ``attachments/<complaint
id>/`` in the data folder, or the log on a server.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from models import file_store, timeline
from models.anonymise import refuse_if_erased
from models.complaints import get_complaint
from models.db import writing
from models.errors import ComplaintDeskError, NotFoundError, ValidationError
from models.file_store import FileKey, attachment_key
from models.tables import Attachment
from models.text import file_size

ATTACHMENTS = file_store.ATTACHMENTS


@dataclass(frozen=True)
class Evidence:
    id: int
    original_name: str
    size: int
    sha256: str
    added_at: dt.datetime
    added_by: str
    complaint_id: int
    stored_name: str

    @property
    def key(self) -> FileKey:
        """The copy, in the log's files (:mod:`models.file_store`)."""
        return attachment_key(self.complaint_id, self.stored_name)


def _safe_suffix(name: str) -> str:
    suffix = Path(name).suffix
    return suffix if suffix.isascii() and len(suffix) <= 12 and suffix[1:].isalnum() else ""


def attach(
    complaint_id: int, source: Path | str, *, author: str, now: dt.datetime | None = None
) -> Evidence:
    """Copy ``source`` in as evidence for the complaint and record it on the timeline."""
    source = Path(source)
    if not source.exists():
        raise ValidationError({"file": f"The file {source} is not there any more."})
    if not source.is_file():
        raise ValidationError({"file": f"{source} is a folder, not a file."})
    if source.stat().st_size == 0:
        raise ValidationError(
            {"file": f"{source.name} is empty (0 bytes): there is nothing in it to keep."}
        )
    complaint = get_complaint(complaint_id)
    refuse_if_erased(complaint, "note")
    now = (now or dt.datetime.now()).replace(microsecond=0)
    store = file_store.current()
    wanted = attachment_key(complaint.id, f"{uuid.uuid4().hex}{_safe_suffix(source.name)}")
    kept = store.put_file(wanted, source)
    try:
        with writing():
            row = Attachment.create(
                complaint=complaint.id, stored_name=kept.key.name, original_name=source.name,
                size=kept.size, sha256=kept.sha256, added_at=now, added_by=author,
            )  # fmt: skip
            timeline.record(
                complaint.id, timeline.EVIDENCE_ADDED,
                f"Added {source.name} ({file_size(kept.size)}).", author, now,
            )  # fmt: skip
    except Exception:
        with contextlib.suppress(ComplaintDeskError, OSError):  # the first error is the one to say
            store.delete(kept.key)
        raise
    return Evidence(
        row.id, source.name, kept.size, kept.sha256, now, author, complaint.id, kept.key.name
    )


def evidence(complaint_id: int) -> list[Evidence]:
    query = (
        Attachment.select()
        .where(Attachment.complaint == complaint_id)
        .order_by(Attachment.added_at, Attachment.id)
    )
    return [
        Evidence(a.id, a.original_name, a.size, a.sha256, a.added_at, a.added_by,
                 complaint_id, a.stored_name)
        for a in query
    ]  # fmt: skip


def path_of(attachment_id: int) -> Path:
    """A file of the attachment that another program can open (the copy itself in
    the data folder; a temporary copy of it from a server), checking it is still there.

    Raises :class:`UnsafeFileNameError` when its stored name leads outside the
    complaint's folder: that file is not opened."""
    row = Attachment.get_or_none(Attachment.id == attachment_id)
    if row is None:
        raise NotFoundError("That attachment is no longer recorded.")
    store = file_store.current()
    key = attachment_key(row.complaint_id, row.stored_name)
    path = store.view(key)
    if path is None:
        raise NotFoundError(f"The copy of {row.original_name} is missing from {store.place(key)}.")
    return path
