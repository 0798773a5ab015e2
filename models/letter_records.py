"""Every letter made is kept: its PDF in the data folder's ``letters/``, and a
record of exactly what it said, its file name and SHA-256. A file is never
overwritten. A letter with a part still to fill in ("[Write here, ...]") is not
made. While the fault is not established as ours, a letter whose words the
wording check flags needs a recorded reason to be made."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from models import checklist, display, followups, timeline
from models.anonymise import refuse_if_erased
from models.choices import FAULT_OURS
from models.complaints import get_complaint
from models.data_files import own_folder, stored_path
from models.db import describe_storage_error, writing
from models.errors import NotFoundError, StorageError, ValidationError
from models.letter_drafts import KIND_LABELS, LETTER_KINDS, unfinished
from models.tables import Letter
from models.text import clean
from models.wording import Finding, FindingKind, scan

LETTERS = "letters"
# The deadlines a letter of each kind keeps.
KEPT_BY_LETTER = {
    "acknowledgement": (followups.ACKNOWLEDGE,),
    "confirmation": (followups.RESPOND, followups.SUMMARY),
    "final": (followups.FINAL_RESPONSE, followups.RESPOND),
}
MAX_REASON = 2_000
# Any letter to the customer acknowledges the complaint: making one ticks this
# step of the guide when it is not ticked yet.
ACKNOWLEDGED_BY_A_LETTER = "empathise.acknowledge"


def deadlines_kept(kind: str, agreed_solution: str) -> tuple[str, ...]:
    """The follow-ups a letter of ``kind`` keeps.

    Any letter to the customer acknowledges the complaint. "Agree a fix" and the
    written summary are kept only when the agreed fix is recorded on the complaint:
    words typed into one letter only are no record, so the follow-up stays to do
    and the promise stays on the morning list.
    """
    agreed = bool(agreed_solution.strip())
    kept = [followups.ACKNOWLEDGE]
    for deadline in KEPT_BY_LETTER[kind]:
        if deadline in (followups.RESPOND, followups.SUMMARY) and not agreed:
            continue
        if deadline not in kept:
            kept.append(deadline)
    return tuple(kept)


@dataclass(frozen=True)
class LetterRecord:
    id: int
    complaint_id: int
    kind: str
    made_at: dt.datetime
    made_by: str
    subject: str
    body: str
    file_name: str
    sha256: str
    override_reason: str

    @property
    def path(self) -> Path:
        """Where the PDF is kept; :class:`UnsafeFileNameError` when the stored
        name leads outside ``letters/``."""
        return stored_path(self.file_name, LETTERS)


def wording_findings(subject: str, body: str, fault: str) -> list[Finding]:
    """What the wording check finds in a letter, given the finding on fault."""
    ours = fault == FAULT_OURS
    return scan(subject, fault_is_ours=ours) + scan(body, fault_is_ours=ours)


def flagged_words(subject: str, body: str, fault: str) -> str:
    """What the wording check found in a letter, as the owner is told it: how many
    places and the first few of them, quoted."""
    ours = fault == FAULT_OURS
    words = [
        " ".join(text[f.start : f.end].split())
        for text in (subject, body)
        for f in scan(text, fault_is_ours=ours)
    ]
    quoted = ", ".join(f"“{w if len(w) <= 60 else w[:59] + '…'}”" for w in words[:3])
    more = ", …" if len(words) > 3 else ""
    places = display.count(len(words), "place")
    return f"{places} ({quoted}{more})"


def needs_reason(findings: list[Finding], fault: str) -> bool:
    """A letter with findings needs a reason to send while the fault is not ours."""
    return fault != FAULT_OURS and bool(findings)


def _record(row: Letter) -> LetterRecord:
    return LetterRecord(
        row.id, row.complaint_id, row.kind, row.made_at, row.made_by, row.subject, row.body,
        row.file_name, row.sha256, row.override_reason,
    )  # fmt: skip


def _write_new(folder: Path, stem: str, data: bytes) -> Path:
    """Write ``data`` to a new file ``stem.pdf`` (or ``stem-2.pdf``...); never overwrite.
    A full disk or a folder that cannot be written raises StorageError saying so."""
    from models.os_errors import describe_os_error

    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        for number in range(1, 1000):
            path = folder / (f"{stem}.pdf" if number == 1 else f"{stem}-{number}.pdf")
            try:
                with path.open("xb") as handle:
                    try:
                        handle.write(data)
                        handle.flush()
                        os.fsync(handle.fileno())
                    except OSError:
                        handle.close()
                        path.unlink(missing_ok=True)
                        raise
                return path
            except FileExistsError:
                continue
    except OSError as exc:
        made = "so the letter was not made"
        raise StorageError(describe_os_error(exc, folder, made)) from exc
    raise StorageError(f"Too many letters named {stem} in {folder}.")


def save_letter(
    complaint_id: int,
    kind: str,
    subject: str,
    body: str,
    pdf: bytes,
    *,
    author: str,
    override_reason: str = "",
    now: dt.datetime | None = None,
) -> LetterRecord:
    """Keep a letter: write its PDF under a new name and record it on the timeline."""
    if kind not in LETTER_KINDS:
        raise ValidationError({"kind": f"Unknown kind of letter {kind!r}."})
    problem = unfinished(subject, body)
    if problem:
        raise ValidationError({"body": problem})
    override_reason = clean(override_reason, multiline=True)
    if len(override_reason) > MAX_REASON:
        raise ValidationError({"reason": f"Keep the reason under {MAX_REASON:,} characters."})
    complaint = get_complaint(complaint_id)
    refuse_if_erased(complaint, "letter")
    findings = wording_findings(subject, body, complaint.fault)
    if needs_reason(findings, complaint.fault) and not override_reason:
        problem = "The wording check found words that admit fault; say why it should go."
        raise ValidationError({"reason": problem})
    now = (now or dt.datetime.now()).replace(microsecond=0)
    stem = f"{complaint.reference}-{kind}-{now:%Y%m%d-%H%M%S}"
    try:
        path = _write_new(own_folder(LETTERS), stem, pdf)
    except OSError as exc:
        raise StorageError(describe_storage_error(exc)) from exc
    try:
        with writing():
            row = Letter.create(
                complaint=complaint.id, kind=kind, made_at=now, made_by=author,
                subject=subject, body=body, file_name=path.name,
                sha256=hashlib.sha256(pdf).hexdigest(), override_reason=override_reason,
            )  # fmt: skip
            text = f"{KIND_LABELS[kind]} letter made: {path.name}."
            if override_reason:
                risky = {f.kind.value.replace("_", " ") for f in findings}
                risky.discard(FindingKind.NON_APOLOGY.value.replace("_", " "))
                kinds = ", ".join(sorted(risky)) or "wording"
                text += f"\nMade despite the wording check ({kinds}): {override_reason}"
            timeline.record(complaint.id, timeline.LETTER, text, author, now)
            followups.complete_kinds(
                complaint.id, deadlines_kept(kind, complaint.agreed_solution), author=author,
                why=f"{KIND_LABELS[kind].lower()} letter made", now=now,
            )  # fmt: skip
            note = f"Taken as done: the letter {path.name} acknowledged the complaint."
            checklist.tick(
                complaint.id, ACKNOWLEDGED_BY_A_LETTER, author=author, note=note, now=now
            )
    except Exception:
        path.unlink(missing_ok=True)
        raise
    return _record(row)


def letters_for(complaint_id: int) -> list[LetterRecord]:
    query = Letter.select().where(Letter.complaint == complaint_id).order_by(Letter.made_at)
    return [_record(row) for row in query]


def get_letter(letter_id: int) -> LetterRecord:
    row = Letter.get_or_none(Letter.id == letter_id)
    if row is None:
        raise NotFoundError("That letter is no longer recorded.")
    return _record(row)


def letter_file(letter_id: int) -> Path:
    """The letter's PDF, checking it is still there and unchanged.

    Raises :class:`UnsafeFileNameError`, without reading it, when the stored
    file name leads outside ``letters/``."""
    record = get_letter(letter_id)
    if not record.sha256:
        raise NotFoundError("This letter's file was deleted when a customer's details were erased.")
    path = record.path
    if not path.is_file():
        raise NotFoundError(f"The file {record.file_name} is missing from {path.parent}.")
    if hashlib.sha256(path.read_bytes()).hexdigest() != record.sha256:
        raise NotFoundError(f"The file {record.file_name} has been changed since it was made.")
    return path
