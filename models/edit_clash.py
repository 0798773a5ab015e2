"""Two counters editing one complaint: the second save never undoes the first.

The window edits a complaint as it read it (a
:class:`~models.complaints.ComplaintRecord`, which holds the revisions read):
its details and its customer (the Complaint and Customer tabs), the finding on
fault (Facts), the solution (Resolve), what was learnt (Lessons), and closing
it. Each of those saves goes through one rule, here: it reads the complaint
again in the transaction that saves, and

- nobody else saved meanwhile: the person's changes are written;
- someone else saved changes to other fields: both are kept, as only the
  fields this person changed are written;
- someone else changed a field this person changed too, to something else:
  nothing is written, and :class:`EditClash` says who (as the timeline
  records them) and which fields differ. The person then reloads the other
  version, or saves theirs over it deliberately (``over``: the version they
  were told about; a change to the same fields saved after that is a clash
  again).

Closing also rests on what the person saw without changing it: a complaint
closed at another counter meanwhile, or one whose solution was changed there,
is a clash too.

Each write checks in its WHERE the revision it was made from
(:func:`models.complaints.write_changes`), so two counters saving at the same
moment cannot both pass: on a server the second waits for the first, finds the
revision moved on, and reads again. Notes and timeline entries are only ever
added, so they need none of this.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from models import display, timeline
from models.choices import (
    CHANNELS,
    CLOSED,
    FAULTS,
    STATUSES,
    UPSET_LEVELS,
    Choice,
    label_of,
)
from models.complaints import (
    FIELD_LABELS,
    ComplaintDetails,
    ComplaintRecord,
    load_complaint,
    set_status,
    update_complaint,
)
from models.customers import FIELD_LABELS as CUSTOMER_LABELS
from models.customers import CustomerDetails, update_customer
from models.db import writing
from models.errors import ChangedMeanwhile, ComplaintDeskError
from models.facts import Finding, record_fault
from models.lessons import Learnt, learnt_in, record_learning
from models.redress import describe as describe_redress
from models.resolution import Resolution, save_resolution
from models.tables import Category, Event, RootCause
from models.text import shorten, shorten_where_different
from models.text_merge import merge_texts

_Fields = TypeVar("_Fields")
_Saved = TypeVar("_Saved")

# Reads and saves tried when another counter saves at the very same moment.
_TRIES = 3
# Said for an edit whose author the timeline does not name.
SOMEONE = "Someone at another counter"


@dataclasses.dataclass(frozen=True)
class Part(Generic[_Fields]):
    """Fields of a complaint (or of its customer) that one tab edits together:
    ``read`` takes them from a complaint as read (a frozen dataclass whose fields
    ``labels`` names, as the window does), ``kinds`` are the timeline entries
    that say who changed them."""

    read: Callable[[ComplaintRecord], _Fields]
    labels: Mapping[str, str]
    kinds: tuple[str, ...]
    of_customer: bool = False

    def revision(self, record: ComplaintRecord) -> int:
        return record.customer_revision if self.of_customer else record.revision


@dataclasses.dataclass(frozen=True)
class _Status:
    status: str


def _details_of(record: ComplaintRecord) -> ComplaintDetails:
    return record.details


def _customer_of(record: ComplaintRecord) -> CustomerDetails:
    return record.customer


def _finding_of(record: ComplaintRecord) -> Finding:
    return Finding(record.fault, record.fault_basis)


def _resolution_of(record: ComplaintRecord) -> Resolution:
    return Resolution(record.options_offered, record.agreed_solution, record.first_contact)


def _status_of(record: ComplaintRecord) -> _Status:
    return _Status(record.status)


_EDITED = (timeline.EDITED, timeline.ANONYMISED)
DETAILS = Part(_details_of, FIELD_LABELS, _EDITED)
CUSTOMER = Part(
    _customer_of,
    {name: f"Customer's {label.lower()}" for name, label in CUSTOMER_LABELS.items()},
    _EDITED,
    of_customer=True,
)
FINDING = Part(
    _finding_of,
    {"fault": "Finding on fault", "fault_basis": "What the finding rests on"},
    (timeline.FAULT_FOUND, timeline.ANONYMISED),
)
RESOLUTION = Part(
    _resolution_of,
    {
        "options_offered": "Options offered",
        "agreed_solution": "Agreed solution",
        "first_contact": "Resolved at first contact",
    },
    (timeline.RESOLUTION, timeline.ANONYMISED),
)
LEARNING = Part(
    learnt_in,
    {
        "root_cause_id": "Root cause",
        "lesson": "Lesson",
        "redress": "Redress",
    },
    (timeline.LESSON, timeline.ANONYMISED),
)
STATUS = Part(
    _status_of, {"status": "Open or closed"}, (timeline.STATUS_CHANGED, timeline.ANONYMISED)
)


class EditClash(ComplaintDeskError):
    """Someone else changed fields of a complaint (or its customer) that this
    person changed too, while they were editing it. Nothing was saved.

    ``who``: the people who changed it, as the timeline records them;
    ``fields``: the fields that now differ, as the window names them;
    ``theirs``: the complaint as it is now (give it as ``over`` to save over it);
    ``kept``: for each part the person edited, in the order saved, their version
    with the person's changes to the fields that do not clash: what the boxes
    show once their version is loaded, so only the clashing typing is dropped;
    ``both``: the same, with the texts that clash merged (their words and the
    person's, :func:`models.text_merge.merge_texts`), or None when no text clashes.
    """

    def __init__(
        self,
        message: str,
        *,
        who: tuple[str, ...],
        fields: tuple[str, ...],
        theirs: ComplaintRecord,
        kept: tuple[Any, ...] = (),
        both: tuple[Any, ...] | None = None,
    ) -> None:
        super().__init__(message)
        self.who = who
        self.fields = fields
        self.theirs = theirs
        self.kept = kept
        self.both = both

    def keeping_both(self) -> EditClash:
        """This clash with their version loaded as ``both``: their words and the
        person's together in the boxes, to read and save."""
        if self.both is None:
            return self
        return EditClash(
            str(self), who=self.who, fields=self.fields, theirs=self.theirs, kept=self.both
        )


# --- what each tab saves ------------------------------------------------------------
def save_edits(
    seen: ComplaintRecord,
    details: ComplaintDetails,
    customer: CustomerDetails,
    *,
    author: str,
    over: ComplaintRecord | None = None,
    now: dt.datetime | None = None,
) -> list[str]:
    """Save what a person changed in the complaint ``seen`` (as they read it) and
    its customer; return the lines written to its timeline about the complaint.

    Raises :class:`EditClash` when someone else changed the same fields
    meanwhile (unless ``over`` is the version as it is now), and
    :class:`~models.errors.ValidationError` for input that cannot be saved.
    """
    details = details.cleaned()
    if details.received_at is None:
        details = dataclasses.replace(details, received_at=seen.details.received_at)

    def write(stored: ComplaintRecord, merged: list[Any]) -> list[str]:
        mine, person = merged
        if person != stored.customer:
            update_customer(
                stored.customer_id, person, author=author, now=now,
                revision=stored.customer_revision,
            )  # fmt: skip
        return update_complaint(seen.id, mine, author=author, now=now, revision=stored.revision)

    edits: list[tuple[Part[Any], Any]] = [(DETAILS, details), (CUSTOMER, customer.cleaned())]
    return _save(seen, edits, write, over=over)


def save_finding(
    seen: ComplaintRecord,
    finding: Finding,
    *,
    author: str,
    over: ComplaintRecord | None = None,
    now: dt.datetime | None = None,
) -> None:
    """Record the finding on fault (the Facts tab) made on ``seen``, as
    :func:`save_edits` saves the details."""

    def write(stored: ComplaintRecord, merged: list[Any]) -> None:
        [mine] = merged
        record_fault(
            seen.id, mine.fault, mine.fault_basis, author=author, now=now,
            revision=stored.revision,
        )  # fmt: skip

    _save(seen, [(FINDING, finding.cleaned())], write, over=over)


def save_solution(
    seen: ComplaintRecord,
    solution: Resolution,
    *,
    author: str,
    over: ComplaintRecord | None = None,
    now: dt.datetime | None = None,
) -> list[str]:
    """Save the Resolve tab's fields made on ``seen``, as :func:`save_edits` saves
    the details; return the lines written to the timeline."""

    def write(stored: ComplaintRecord, merged: list[Any]) -> list[str]:
        [mine] = merged
        return save_resolution(
            seen.id, options_offered=mine.options_offered, agreed_solution=mine.agreed_solution,
            first_contact=mine.first_contact, author=author, now=now, revision=stored.revision,
        )  # fmt: skip

    return _save(seen, [(RESOLUTION, solution.cleaned())], write, over=over)


def save_learning(
    seen: ComplaintRecord,
    learnt: Learnt,
    *,
    author: str,
    over: ComplaintRecord | None = None,
    now: dt.datetime | None = None,
) -> list[str]:
    """Save what was learnt (the Lessons tab) made on ``seen``, as
    :func:`save_edits` saves the details; return the lines written to the timeline."""

    def write(stored: ComplaintRecord, merged: list[Any]) -> list[str]:
        [mine] = merged
        return _record(mine, seen.id, author=author, now=now, revision=stored.revision)

    return _save(seen, [(LEARNING, learnt.cleaned())], write, over=over)


def close_complaint(
    seen: ComplaintRecord,
    learnt: Learnt,
    *,
    reason: str,
    author: str,
    over: ComplaintRecord | None = None,
    now: dt.datetime | None = None,
    keep_promises: bool | None = None,
) -> None:
    """Close the complaint ``seen`` with what was learnt from it, in one change
    (``keep_promises``: as for :func:`models.complaints.set_status`).

    Besides a clash over what was learnt, it is one when the complaint was closed
    (or reopened) at another counter meanwhile, or its solution changed there: the
    person closes on what they saw. Saved ``over`` that version, a complaint
    closed meanwhile is closed again with this reason."""

    def write(stored: ComplaintRecord, merged: list[Any]) -> None:
        [mine] = merged
        learnt = _record(
            mine, seen.id, author=author, now=now, revision=stored.revision, closing=True
        )
        # Nothing learnt to write: the closing itself checks the revision read.
        set_status(
            seen.id, CLOSED, author=author, reason=reason, now=now, again=True,
            revision=None if learnt else stored.revision, keep_promises=keep_promises,
        )  # fmt: skip

    edits = [(LEARNING, learnt.cleaned())]
    _save(seen, edits, write, over=over, rests_on=(STATUS, RESOLUTION), doing="closing it")


def _record(learnt: Learnt, complaint_id: int, **options: Any) -> list[str]:
    return record_learning(
        complaint_id, root_cause_id=learnt.root_cause_id, lesson=learnt.lesson,
        redress=learnt.redress, **options,
    )  # fmt: skip


# --- the rule ----------------------------------------------------------------------------
def _save(
    seen: ComplaintRecord,
    edits: Sequence[tuple[Part[Any], Any]],
    write: Callable[[ComplaintRecord, list[Any]], _Saved],
    *,
    over: ComplaintRecord | None,
    rests_on: Sequence[Part[Any]] = (),
    doing: str = "editing it",
) -> _Saved:
    """Read the complaint again and, unless the edits clash with another
    counter's, ``write`` them merged into it (each edit as the part it is of),
    all in one transaction; tried again when another counter saved in between."""
    for _ in range(_TRIES):
        try:
            with writing():
                stored = load_complaint(seen.id)
                _refuse_clash(seen, stored, edits, over, rests_on, doing)
                merged = [_merged(part.read(seen), part.read(stored), mine) for part, mine in edits]
                return write(stored, merged)
        except ChangedMeanwhile:
            continue  # saved elsewhere between reading and writing: read it again
    raise ChangedMeanwhile(
        f"{seen.reference} is being changed at another counter just now: nothing was "
        "changed; try again in a moment."
    )


def _changed(before: object, after: object) -> list[str]:
    return [
        f.name
        for f in dataclasses.fields(before)  # type: ignore[arg-type]  # a part's fields
        if getattr(before, f.name) != getattr(after, f.name)
    ]


def _merged(seen: _Fields, stored: _Fields, mine: _Fields) -> _Fields:
    """``stored`` with the fields changed in ``mine`` since ``seen``."""
    changed = {n: getattr(mine, n) for n in _changed(seen, mine)}
    return dataclasses.replace(stored, **changed)  # type: ignore[type-var]  # a part's fields


def _theirs(part: Part[Any], known: ComplaintRecord, stored: ComplaintRecord) -> list[str]:
    """The fields of ``part`` changed elsewhere since the version ``known``."""
    if part.revision(stored) == part.revision(known):
        return []
    return _changed(part.read(known), part.read(stored))


def _refuse_clash(
    seen: ComplaintRecord,
    stored: ComplaintRecord,
    edits: Sequence[tuple[Part[Any], Any]],
    over: ComplaintRecord | None,
    rests_on: Sequence[Part[Any]],
    doing: str,
) -> None:
    """Raise :class:`EditClash` when another counter changed, since the version
    the person knows of (``over``, else ``seen``), a field they changed to
    something else, or any field of the parts their change ``rests_on``."""
    known = over if over is not None else seen
    clashing: dict[str, Part[Any]] = {}
    for part in rests_on:
        clashing.update({part.labels[n]: part for n in _theirs(part, known, stored)})
    for part, mine in edits:
        theirs = set(_theirs(part, known, stored))
        now = part.read(stored)
        clashing.update(
            {
                part.labels[n]: part
                for n in _changed(part.read(seen), mine)
                if n in theirs and getattr(now, n) != getattr(mine, n)
            }
        )
    if not clashing:
        return
    kinds = tuple(dict.fromkeys(k for part in clashing.values() for k in part.kinds))
    who = tuple(editors_since(seen.id, seen.last_event_id, kinds))
    labels = list(clashing)
    names = {part.labels[n]: n for part in clashing.values() for n in part.labels}
    # What this counter has of each, so a long text is shown where theirs differs.
    ours = {id(part): mine for part, mine in edits}
    said_theirs = []
    for label, part in clashing.items():
        name = names[label]
        theirs = getattr(part.read(stored), name)
        shown = _said(name, theirs, _ours(part, name, ours, known))
        said_theirs.append(f"{label} (theirs: {shown})")
    raise EditClash(
        f"{display.listed(list(who))} changed {seen.reference} while you were {doing}. "
        f"Their version differs from yours in: {'; '.join(said_theirs)}.",
        who=who,
        fields=tuple(labels),
        theirs=stored,
        kept=tuple(_kept(part, seen, stored, mine, clashing) for part, mine in edits),
        both=_both(seen, stored, edits, clashing),
    )


def _kept(
    part: Part[Any], seen: ComplaintRecord, stored: ComplaintRecord, mine: Any,
    clashing: Mapping[str, Part[Any]],
) -> Any:  # fmt: skip
    """``stored``'s fields of ``part`` with the ones this person changed since
    ``seen`` that are not among the ``clashing`` (as labelled)."""
    ours = {
        n: getattr(mine, n)
        for n in _changed(part.read(seen), mine)
        if clashing.get(part.labels.get(n, n)) is not part
    }
    return dataclasses.replace(part.read(stored), **ours)


def _both(
    seen: ComplaintRecord, stored: ComplaintRecord, edits: Sequence[tuple[Part[Any], Any]],
    clashing: Mapping[str, Part[Any]],
) -> tuple[Any, ...] | None:  # fmt: skip
    """What :func:`_kept` keeps, with each text that clashes merged from both
    versions; None when none of the fields that clash is a text."""
    merged_any = False
    result = []
    for part, mine in edits:
        kept = _kept(part, seen, stored, mine, clashing)
        merged = {}
        for name in _changed(part.read(seen), mine):
            if clashing.get(part.labels.get(name, name)) is not part:
                continue
            base, ours, theirs = (getattr(v, name) for v in (part.read(seen), mine, kept))
            if all(isinstance(v, str) for v in (base, ours, theirs)):
                merged[name] = merge_texts(base, ours, theirs)
        merged_any = merged_any or bool(merged)
        result.append(dataclasses.replace(kept, **merged))
    return tuple(result) if merged_any else None


# Fields kept as a key, said by their label.
_CODED: dict[str, tuple[Choice, ...]] = {
    "channel": CHANNELS, "upset": UPSET_LEVELS, "fault": FAULTS, "status": STATUSES,
}  # fmt: skip


def _ours(part: Part[Any], name: str, ours: dict[int, Any], known: ComplaintRecord) -> Any:
    """This counter's value of a field: as typed, else as it knew it."""
    mine = ours.get(id(part))
    return getattr(mine if mine is not None else part.read(known), name)


SHOWN = 60  # characters of a text a clash shows


def _said(name: str, value: Any, ours: Any = None) -> str:
    """A field's value as the clash names it: "“blue vase”", "Phone", "£12.00". A
    long text is shown from a little before where it differs from ``ours``: "“…a
    refund (phoned back), by Thursday”", not its first words again."""
    if value is None or value == "":
        return "nothing"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if name in _CODED:
        return label_of(_CODED[name], str(value))
    if name in ("category_id", "root_cause_id"):
        table = Category if name == "category_id" else RootCause
        row = table.get_or_none(table.id == value)
        return f"“{row.name}”" if row is not None else "nothing"
    if name == "redress":
        return describe_redress(value) if value else "nothing"
    if isinstance(value, dt.datetime):
        return display.moment(value)
    text = str(value)
    if isinstance(ours, str):
        return f"“{shorten_where_different(text, ours, SHOWN)}”"
    return f"“{shorten(text, SHOWN)}”"


def editors_since(
    complaint_id: int, last_event_id: int, kinds: tuple[str, ...] = _EDITED
) -> list[str]:
    """Who changed the complaint or its customer after its timeline entry
    ``last_event_id``, as its entries of ``kinds`` record them; the latest to
    change it when no entry after that one says (another counter's entry
    numbered before it and saved after it)."""
    edits = Event.select(Event.id, Event.author).where(
        (Event.complaint == complaint_id) & Event.kind.in_(kinds)
    )
    names = [e.author for e in edits.where(Event.id > last_event_id).order_by(Event.id)]
    if not any(names):
        latest = edits.order_by(Event.id.desc()).first()
        names = [latest.author] if latest is not None else []
    return list(dict.fromkeys(n for n in names if n)) or [SOMEONE]
