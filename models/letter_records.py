"""Every letter made is kept: its PDF in the log's files (the data folder's
``letters/``, or the log on a server: see :mod:`models.file_store`), and a
record of exactly what it said, its file name and SHA-256. A file is never
overwritten. A letter with a part still to fill in ("[Write here, ...]") is not
made. While the fault is not established as ours, a letter whose words the
wording check flags needs a recorded reason to be made."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from models import checklist, display, file_store, followups, timeline
from models.anonymise import refuse_if_erased
from models.choices import FAULT_OURS
from models.complaints import get_complaint
from models.db import writing
from models.errors import ComplaintDeskError, NotFoundError, ValidationError
from models.file_store import FileKey, letter_key
from models.letter_drafts import KIND_LABELS, LETTER_KINDS, unfinished
from models.tables import Letter
from models.text import clean
from models.wording import Finding, FindingKind, scan

LETTERS = file_store.LETTERS
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
# A confirmation or final letter, made once the agreed fix is recorded, confirms
# it in writing.
CONFIRMED_BY_A_LETTER = "resolve.confirm"
CONFIRMS_THE_FIX = ("confirmation", "final")


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
    def key(self) -> FileKey:
        """The PDF, in the log's files (:mod:`models.file_store`)."""
        return letter_key(self.complaint_id, self.file_name)


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
    store = file_store.current()
    kept = store.put(
        letter_key(complaint.id, f"{stem}.pdf"), pdf, outcome="so the letter was not made"
    )
    name = kept.name
    try:
        with writing():
            row = Letter.create(
                complaint=complaint.id, kind=kind, made_at=now, made_by=author,
                subject=subject, body=body, file_name=name,
                sha256=hashlib.sha256(pdf).hexdigest(), override_reason=override_reason,
            )  # fmt: skip
            text = f"{KIND_LABELS[kind]} letter made: {name}."
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
            note = f"Taken as done: the letter {name} acknowledged the complaint."
            checklist.tick(
                complaint.id, ACKNOWLEDGED_BY_A_LETTER, author=author, note=note, now=now
            )
            if kind in CONFIRMS_THE_FIX and complaint.agreed_solution.strip():
                note = f"Taken as done: the letter {name} confirmed the agreed fix."
                checklist.tick(
                    complaint.id, CONFIRMED_BY_A_LETTER, author=author, note=note, now=now
                )
    except Exception:
        with contextlib.suppress(ComplaintDeskError, OSError):  # the first error is the one to say
            store.delete(kept)
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
    """A file of the letter's PDF another program (or the preview) can open, checking
    it is still there and unchanged: the file itself in the data folder, or a
    temporary copy of it from a server.

    Raises :class:`UnsafeFileNameError`, without reading it, when the stored
    file name leads outside ``letters/``."""
    record = get_letter(letter_id)
    if not record.sha256:
        raise NotFoundError("This letter's file was deleted when a customer's details were erased.")
    store = file_store.current()
    path = store.view(record.key)
    if path is None:
        raise NotFoundError(
            f"The file {record.file_name} is missing from {store.place(record.key)}."
        )
    if hashlib.sha256(path.read_bytes()).hexdigest() != record.sha256:
        raise NotFoundError(f"The file {record.file_name} has been changed since it was made.")
    return path
