"""A subject-access export: everything the shop holds about one customer.

:func:`collect` gathers the customer's details and every complaint of theirs
(its facts, resolution, learning, checklist ticks, agreed actions, follow-ups,
whole timeline, letters and the list of attachments) into a tree of frozen
dataclasses. Choices are given by their labels ("Phone", "Not yet known"), as
a person reads them. :func:`to_json` writes that tree as JSON and
:func:`write_export` saves it as a JSON file and a readable PDF side by side,
never overwriting a file already there.

Attachments are listed (name, size, SHA-256), not copied; letters are given
with their exact text, file name and SHA-256. Where another customer's
complaint names them (their full name, phone or email: the certain mentions of
:class:`models.search.Marks`), the words around it are given with that
complaint's reference, and nothing else of that complaint (that other
customer's own name, phone or email in those words become "[another customer]").
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import errno
import json
import os
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import peewee

from models import anonymise, display, followups, guide, search, timeline
from models.business import load_profile
from models.choices import (
    CHANNELS,
    FAULTS,
    STATUSES,
    UPSET_LEVELS,
    label_of,
)
from models.customers import get_customer
from models.db import database
from models.errors import StorageError
from models.letter_drafts import KIND_LABELS as LETTER_KIND_LABELS
from models.os_errors import describe_os_error
from models.redress import given_for
from models.tables import (
    AgreedAction,
    Attachment,
    Category,
    ChecklistTick,
    Complaint,
    Customer,
    Event,
    FollowUp,
    Letter,
    RootCause,
)
from models.text import fold

FORMAT = "complaint-desk/customer-data"
VERSION = 1
# Longest file-name stem taken from a name, in characters and in UTF-8 bytes
# (file systems allow 255 bytes; the date, a counter and the suffix follow).
MAX_SLUG_CHARS = 60
MAX_SLUG_BYTES = 120
MAX_COPIES = 1000
OTHER_PERSON = "[another customer]"  # in place of someone else's name beside a mention

__all__ = [
    "FORMAT",
    "VERSION",
    "ActionData",
    "AttachmentData",
    "ComplaintData",
    "CustomerData",
    "CustomerInfo",
    "FollowUpData",
    "LetterData",
    "MentionData",
    "TickData",
    "TimelineData",
    "collect",
    "file_stem",
    "to_json",
    "write_export",
]


# --- the tree --------------------------------------------------------------------


@dataclass(frozen=True)
class CustomerInfo:
    id: int
    name: str
    phone: str
    email: str
    address: str
    notes: str
    first_recorded: dt.datetime
    erased_at: dt.datetime | None


@dataclass(frozen=True)
class TickData:
    """A step of the guide ticked, with who ticked it and any note."""

    stage: str
    step: str
    ticked_at: dt.datetime
    ticked_by: str
    note: str


@dataclass(frozen=True)
class ActionData:
    who: str
    what: str
    due_on: dt.date
    done_at: dt.datetime | None


@dataclass(frozen=True)
class FollowUpData:
    kind: str
    what: str
    owner: str
    due_on: dt.date
    status: str
    outcome: str
    note: str
    done_at: dt.datetime | None


@dataclass(frozen=True)
class TimelineData:
    """One timeline entry; ``redacted`` when its text was removed on anonymising."""

    at: dt.datetime
    author: str
    kind: str
    text: str
    redacted: bool


@dataclass(frozen=True)
class LetterData:
    kind: str
    made_at: dt.datetime
    made_by: str
    subject: str
    body: str
    file_name: str
    sha256: str
    override_reason: str


@dataclass(frozen=True)
class AttachmentData:
    original_name: str
    size: int
    sha256: str
    added_at: dt.datetime
    added_by: str


@dataclass(frozen=True)
class RedressData:
    """One thing given to put a complaint right: its kind as read, and its value."""

    kind: str
    value: float | None


@dataclass(frozen=True)
class ComplaintData:
    reference: str
    received_at: dt.datetime
    channel: str
    category: str
    product: str
    account: str
    remedy_sought: str
    upset: str
    handler: str
    status: str
    stage: str
    closed_at: dt.datetime | None
    first_response_at: dt.datetime | None
    fault: str
    fault_basis: str
    fault_at: dt.datetime | None
    options_offered: str
    agreed_solution: str
    first_contact: bool
    root_cause: str
    lesson: str
    redress: tuple[RedressData, ...]
    anonymised_at: dt.datetime | None
    checklist: tuple[TickData, ...]
    actions: tuple[ActionData, ...]
    follow_ups: tuple[FollowUpData, ...]
    timeline: tuple[TimelineData, ...]
    letters: tuple[LetterData, ...]
    attachments: tuple[AttachmentData, ...]
    # The day received is known but not the time (see Complaint.received_date_only).
    received_date_only: bool = False
    # Closed in the shop's old log on a day not given (closed_at is then not it).
    closed_date_unknown: bool = False


@dataclass(frozen=True)
class MentionData:
    """The customer named in another customer's complaint (or in the notes about
    another customer, when ``reference`` is empty): where, and the words around it."""

    reference: str
    where: str
    snippet: str


@dataclass(frozen=True)
class CustomerData:
    """Everything held about one customer, and when and by whom it was gathered."""

    made_at: dt.datetime
    business: str
    customer: CustomerInfo
    complaints: tuple[ComplaintData, ...]
    mentions: tuple[MentionData, ...] = ()
    currency: str = ""  # the ISO code of every amount (redress values); "" when not known


# --- gathering -------------------------------------------------------------------


def collect(customer_id: int, *, now: dt.datetime | None = None) -> CustomerData:
    """Everything held about the customer; :class:`NotFoundError` if there is none.

    Read in one transaction, so an export made while the window is open is
    consistent.
    """
    made_at = (now or dt.datetime.now()).replace(microsecond=0)
    with database.atomic():
        person = get_customer(customer_id)
        profile = load_profile()
        return CustomerData(
            made_at=made_at,
            business=profile.name if profile else "",
            customer=_customer_info(person),
            complaints=_complaints_of(person.id),
            mentions=_mentions_of(person.id),
            currency=display.shop_currency().code,
        )


def _mentions_of(customer_id: int) -> tuple[MentionData, ...]:
    """Where other customers' complaints name this customer; the words around it
    keep no one else's name, phone or email."""
    found = []
    for mention in anonymise.find_mentions(customer_id, possible=False):
        other_id = (
            mention.row_id
            if mention.table == "customer"
            else Complaint.get_by_id(mention.complaint_id).customer_id
        )
        words = search.Marks.of(Customer.get_by_id(other_id)).replace(
            mention.snippet, OTHER_PERSON, possible=True
        )[0]
        found.append(MentionData(mention.reference, mention.where, words))
    return tuple(found)


def _customer_info(person: Customer) -> CustomerInfo:
    return CustomerInfo(
        id=person.id,
        name=person.name,
        phone=person.phone,
        email=person.email,
        address=person.address,
        notes=person.notes,
        first_recorded=person.created_at,
        erased_at=person.erased_at,
    )


def _grouped(query: Iterable[Any]) -> dict[int, list[Any]]:
    """Rows by the complaint they belong to, in the query's order."""
    groups: dict[int, list[Any]] = defaultdict(list)
    for row in query:
        groups[row.complaint_id].append(row)
    return groups


def _complaints_of(customer_id: int) -> tuple[ComplaintData, ...]:
    theirs = Complaint.select(Complaint.id).where(Complaint.customer == customer_id)
    complaints = (
        Complaint.select(Complaint, Category, RootCause)
        .join(Category, peewee.JOIN.LEFT_OUTER, on=(Complaint.category == Category.id))
        .switch(Complaint)
        .join(RootCause, peewee.JOIN.LEFT_OUTER, on=(Complaint.root_cause == RootCause.id))
        .where(Complaint.customer == customer_id)
        .order_by(Complaint.received_at, Complaint.id)
    )
    ticks = _grouped(
        ChecklistTick.select()
        .where(ChecklistTick.complaint.in_(theirs))
        .order_by(ChecklistTick.ticked_at, ChecklistTick.id)
    )
    actions = _grouped(
        AgreedAction.select()
        .where(AgreedAction.complaint.in_(theirs))
        .order_by(AgreedAction.due_on, AgreedAction.id)
    )
    follow_ups = _grouped(
        FollowUp.select()
        .where(FollowUp.complaint.in_(theirs))
        .order_by(FollowUp.due_on, FollowUp.id)
    )
    events = _grouped(
        Event.select().where(Event.complaint.in_(theirs)).order_by(Event.at, Event.id)
    )
    letters = _grouped(
        Letter.select().where(Letter.complaint.in_(theirs)).order_by(Letter.made_at, Letter.id)
    )
    attachments = _grouped(
        Attachment.select()
        .where(Attachment.complaint.in_(theirs))
        .order_by(Attachment.added_at, Attachment.id)
    )
    return tuple(
        _complaint_data(
            c,
            checklist=tuple(_tick(row) for row in ticks[c.id]),
            actions=tuple(_action(row) for row in actions[c.id]),
            follow_ups=tuple(_follow_up(row) for row in follow_ups[c.id]),
            timeline=tuple(_event(row) for row in events[c.id]),
            letters=tuple(_letter(row) for row in letters[c.id]),
            attachments=tuple(_attachment(row) for row in attachments[c.id]),
        )
        for c in complaints
    )


def _complaint_data(c: Complaint, **records: Any) -> ComplaintData:
    return ComplaintData(
        reference=c.reference,
        received_at=c.received_at,
        channel=label_of(CHANNELS, c.channel),
        category=c.category.name if c.category is not None else "",
        product=c.product,
        account=c.account,
        remedy_sought=c.remedy_sought,
        upset=label_of(UPSET_LEVELS, c.upset),
        handler=c.handler,
        status=label_of(STATUSES, c.status),
        stage=display.stage(c.status, c.stage),
        closed_at=c.closed_at,
        first_response_at=c.first_response_at,
        fault=label_of(FAULTS, c.fault),
        fault_basis=c.fault_basis,
        fault_at=c.fault_at,
        options_offered=c.options_offered,
        agreed_solution=c.agreed_solution,
        first_contact=bool(c.first_contact),
        root_cause=c.root_cause.name if c.root_cause is not None else "",
        lesson=c.lesson,
        redress=tuple(RedressData(item.label, item.value) for item in given_for(c.id)),
        anonymised_at=c.anonymised_at,
        received_date_only=bool(c.received_date_only),
        closed_date_unknown=bool(c.closed_date_unknown),
        **records,
    )


def _tick(row: ChecklistTick) -> TickData:
    step = guide.STEPS_BY_KEY.get(row.step_key)
    stage_key = guide.STAGE_OF_STEP.get(row.step_key)
    return TickData(
        stage=guide.stage(stage_key).title if stage_key else "",
        step=step.instruction if step else row.step_key,
        ticked_at=row.ticked_at,
        ticked_by=row.ticked_by,
        note=row.note,
    )


def _action(row: AgreedAction) -> ActionData:
    return ActionData(who=row.who, what=row.what, due_on=row.due_on, done_at=row.done_at)


def _follow_up(row: FollowUp) -> FollowUpData:
    return FollowUpData(
        kind=followups.KIND_LABELS.get(row.kind, row.kind),
        what=row.what,
        owner=row.owner,
        due_on=row.due_on,
        status=str(row.status).capitalize(),
        outcome=followups.OUTCOME_LABELS.get(row.outcome, row.outcome),
        note=row.note,
        done_at=row.done_at,
    )


def _event(row: Event) -> TimelineData:
    label = timeline.TimelineEntry(row.id, row.at, row.author, row.kind, row.text).kind_label
    return TimelineData(
        at=row.at, author=row.author, kind=label, text=row.text, redacted=bool(row.redacted)
    )


def _letter(row: Letter) -> LetterData:
    return LetterData(
        kind=LETTER_KIND_LABELS.get(row.kind, row.kind),
        made_at=row.made_at,
        made_by=row.made_by,
        subject=row.subject,
        body=row.body,
        file_name=row.file_name,
        sha256=row.sha256,
        override_reason=row.override_reason,
    )


def _attachment(row: Attachment) -> AttachmentData:
    return AttachmentData(
        original_name=row.original_name,
        size=row.size,
        sha256=row.sha256,
        added_at=row.added_at,
        added_by=row.added_by,
    )


# --- JSON ------------------------------------------------------------------------


def _plain(value: object) -> object:
    """Dataclasses as dicts (in field order), tuples as lists, dates as ISO text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _fields(value)
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date):  # datetimes too
        return value.isoformat()
    return value


def _fields(value: Any) -> dict[str, object]:
    return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}


def to_json(data: CustomerData) -> str:
    """The export as JSON text: ``format`` and ``version`` first, then the tree in
    field order; dates in ISO 8601; any character as itself."""
    tree: dict[str, object] = {"format": FORMAT, "version": VERSION, **_fields(data)}
    return json.dumps(tree, ensure_ascii=False, indent=2) + "\n"


# --- files -----------------------------------------------------------------------


def file_stem(name: str, customer_id: int, day: dt.date) -> str:
    """``<slug>-<YYYYMMDD>``: the name's letters and digits joined by hyphens, safe in
    any file system; ``customer-<id>`` when the name has none."""
    letters = fold(unicodedata.normalize("NFC", name))
    words = "".join(ch if ch.isalnum() else " " for ch in letters).split()
    slug = "-".join(words)[:MAX_SLUG_CHARS].strip("-")
    while len(slug.encode("utf-8")) > MAX_SLUG_BYTES:
        slug = slug[:-1].rstrip("-")
    return f"{slug or f'customer-{customer_id}'}-{day:%Y%m%d}"


def _write_temp(folder: Path, data: bytes) -> Path:
    """``data`` in a new hidden file in ``folder``, flushed to the disk."""
    handle, name = tempfile.mkstemp(dir=folder, prefix=".export-", suffix=".partial")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def _publish(temp: Path, target: Path) -> None:
    """Give the finished ``temp`` the name ``target``; :class:`FileExistsError` if taken."""
    try:
        os.link(temp, target)  # fails rather than replace a file
    except FileExistsError:
        raise
    except OSError:  # no hard links here (some USB sticks and network shares)
        if target.exists():
            raise FileExistsError(target) from None
        os.replace(temp, target)


def _unpublish(temp: Path, target: Path) -> None:
    """Undo :func:`_publish`, keeping the finished file under its temporary name."""
    if temp.exists():
        target.unlink()
    else:
        os.replace(target, temp)


def _place(temps: dict[str, Path], folder: Path, stem: str) -> tuple[Path, Path]:
    """Name the finished files ``stem``, else ``stem-2``, ``stem-3``...: the first
    number free for both."""
    for number in range(1, MAX_COPIES + 1):
        name = stem if number == 1 else f"{stem}-{number}"
        targets = {suffix: folder / f"{name}{suffix}" for suffix in temps}
        if any(target.exists() for target in targets.values()):
            continue
        placed: list[str] = []
        try:
            for suffix, target in targets.items():
                _publish(temps[suffix], target)
                placed.append(suffix)
        except FileExistsError:  # another program took the name meanwhile
            for suffix in placed:
                _unpublish(temps[suffix], targets[suffix])
            continue
        return targets[".json"], targets[".pdf"]
    raise StorageError(f"There are already {MAX_COPIES} exports named {stem} in {folder}.")


def _storage_error(exc: OSError, folder: Path) -> StorageError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return StorageError("The disk is full, so the export was not written; free some space.")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StorageError(f"The folder {folder} cannot be written to; choose another folder.")
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        return StorageError(f"{folder} is not a folder; choose a folder for the export.")
    if exc.errno == errno.ENOENT:
        return StorageError(f"The folder {folder} is not there any more; choose another folder.")
    why = display.after_colon(describe_os_error(exc, folder, "so the export was not written"))
    return StorageError(f"The export could not be written to {folder}: {why}")


def write_export(
    customer_id: int,
    folder: Path,
    *,
    render: Callable[[CustomerData], bytes],
    now: dt.datetime | None = None,
) -> tuple[Path, Path]:
    """Write ``<name>-<YYYYMMDD>.json`` and ``.pdf`` into ``folder``; return their paths.

    ``render`` makes the readable PDF (``letters.customer_record.render_customer_record``;
    passed in, so the domain does not depend on the PDF layout).

    Each file is written under a temporary name and renamed when complete; a
    name already taken gets ``-2``, ``-3``... so nothing is overwritten.
    Raises :class:`NotFoundError` for an unknown customer and
    :class:`StorageError` when the files cannot be written.
    """
    data = collect(customer_id, now=now)
    contents = {
        ".json": to_json(data).encode("utf-8"),
        ".pdf": render(data),
    }
    stem = file_stem(data.customer.name, data.customer.id, data.made_at.date())
    folder = Path(folder)
    temps: dict[str, Path] = {}
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        for suffix, content in contents.items():
            temps[suffix] = _write_temp(folder, content)
        return _place(temps, folder, stem)
    except OSError as exc:
        raise _storage_error(exc, folder) from exc
    finally:
        for temp in temps.values():
            with contextlib.suppress(OSError):
                temp.unlink(missing_ok=True)
