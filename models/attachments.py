"""Evidence: photos, receipts, PDFs or any file, copied into the data folder.

The original is copied, never moved. Copies live in ``attachments/<complaint
id>/`` beside the database, under a name that cannot clash; the original
name, size and SHA-256 are recorded. A stored name is only ever followed
inside that folder (:func:`models.data_files.stored_path`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from models import timeline
from models.anonymise import refuse_if_erased
from models.complaints import get_complaint
from models.data_files import own_folder, stored_path
from models.db import describe_storage_error, writing
from models.errors import NotFoundError, StorageError, ValidationError
from models.partial_files import partial_path
from models.tables import Attachment
from models.text import file_size

ATTACHMENTS = "attachments"


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
    def path(self) -> Path:
        """Where the copy is; :class:`UnsafeFileNameError` when the stored name
        leads outside the complaint's folder."""
        return stored_path(self.stored_name, ATTACHMENTS, str(self.complaint_id))


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
    complaint = get_complaint(complaint_id)
    refuse_if_erased(complaint, "note")
    now = (now or dt.datetime.now()).replace(microsecond=0)
    folder = own_folder(ATTACHMENTS, str(complaint.id))
    stored_name = f"{uuid.uuid4().hex}{_safe_suffix(source.name)}"
    target = folder / stored_name
    digest = hashlib.sha256()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = partial_path(target)
        with source.open("rb") as reader, partial.open("wb") as writer:
            for chunk in iter(lambda: reader.read(1 << 20), b""):
                digest.update(chunk)
                writer.write(chunk)
            writer.flush()
            os.fsync(writer.fileno())
        partial.replace(target)
    except PermissionError as exc:
        raise ValidationError(
            {"file": f"The file {source} cannot be read ({exc.strerror})."}
        ) from exc
    except OSError as exc:
        for leftover in (target, partial_path(target)):
            leftover.unlink(missing_ok=True)
        raise StorageError(describe_storage_error(exc)) from exc
    size = target.stat().st_size
    try:
        with writing():
            row = Attachment.create(
                complaint=complaint.id, stored_name=stored_name, original_name=source.name,
                size=size, sha256=digest.hexdigest(), added_at=now, added_by=author,
            )  # fmt: skip
            timeline.record(
                complaint.id, timeline.EVIDENCE_ADDED,
                f"Added {source.name} ({file_size(size)}).", author, now,
            )  # fmt: skip
    except Exception:
        target.unlink(missing_ok=True)
        raise
    return Evidence(row.id, source.name, size, row.sha256, now, author, complaint.id, stored_name)


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
    """Where the copy of an attachment is, checking it is still there.

    Raises :class:`UnsafeFileNameError` when its stored name leads outside the
    complaint's folder: that file is not opened."""
    row = Attachment.get_or_none(Attachment.id == attachment_id)
    if row is None:
        raise NotFoundError("That attachment is no longer recorded.")
    path = stored_path(row.stored_name, ATTACHMENTS, str(row.complaint_id))
    if not path.is_file():
        raise NotFoundError(f"The copy of {row.original_name} is missing from {path.parent}.")
    return path
