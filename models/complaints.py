"""Logging a complaint, changing it, and reading it back whole.

Every change is one transaction that also appends to the complaint's timeline
and refreshes its search row, so the three never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, replace

import peewee

from models import display, followups, people, search, timeline
from models.anonymise import refuse_if_erased
from models.choices import (
    CHANNELS,
    CLOSED,
    DEFAULT_CHANNEL,
    DEFAULT_UPSET,
    OPEN,
    STATUSES,
    UPSET_LEVELS,
    keys_of,
    label_of,
)
from models.complaint_writer import NewComplaint, write_complaints, write_customers
from models.customers import (
    CustomerDetails,
    changes_to,
    derived_keys,
    describe_changes,
    get_customer,
    too_long,
    validate_customer,
)
from models.customers import update_customer as change_customer
from models.db import writing
from models.engine import for_change
from models.errors import ChangedMeanwhile, ComplaintDeskError, NotFoundError, ValidationError
from models.matching import NEW, UNSURE, CustomerMatcher, Known
from models.redress import Given, given_for
from models.references import normalise_reference
from models.tables import Category, Complaint, Customer, Event
from models.text import clean, shorten, shorten_where_different

MAX_ACCOUNT = 50_000
MAX_REMEDY = 10_000
MAX_PRODUCT = 300
MAX_HANDLER = 120
# The guide step the form itself does: their account, written down as the complaint is logged.
ACCOUNT_STEP = "engage.record"


@dataclass(frozen=True)
class ComplaintDetails:
    """What the owner records about the complaint itself."""

    account: str = ""
    received_at: dt.datetime | None = None
    channel: str = DEFAULT_CHANNEL
    category_id: int | None = None
    product: str = ""
    remedy_sought: str = ""
    upset: int = DEFAULT_UPSET
    handler: str = ""
    # The day received is known, not the time: received_at is that day's start
    # (see Complaint.received_date_only).
    received_date_only: bool = False

    def cleaned(self) -> ComplaintDetails:
        received = self.received_at.replace(microsecond=0) if self.received_at else None
        if received is not None and self.received_date_only:
            received = dt.datetime.combine(received.date(), dt.time())
        return ComplaintDetails(
            account=clean(self.account, multiline=True),
            received_at=received,
            received_date_only=self.received_date_only and received is not None,
            channel=self.channel,
            category_id=self.category_id,
            product=clean(self.product),
            remedy_sought=clean(self.remedy_sought, multiline=True),
            upset=self.upset,
            handler=clean(self.handler),
        )


@dataclass(frozen=True)
class ComplaintSummary:
    id: int
    reference: str
    received_at: dt.datetime
    category: str
    status: str
    account: str
    received_date_only: bool = False  # the day received is known, not the time


@dataclass(frozen=True)
class ComplaintRecord:
    """A complaint with its customer, as the detail view shows it."""

    id: int
    reference: str
    details: ComplaintDetails
    received_at: dt.datetime
    category: str
    stage: str
    status: str
    closed_at: dt.datetime | None
    customer_id: int
    customer: CustomerDetails
    earlier: list[ComplaintSummary] = field(default_factory=list)
    # Closed in the shop's old log with no date closed (closed_at is then the day
    # it was received; see Complaint.closed_date_unknown).
    closed_date_unknown: bool = False
    # The day received is known but not the time (see Complaint.received_date_only).
    received_date_only: bool = False
    fault: str = "unknown"
    fault_basis: str = ""
    fault_at: dt.datetime | None = None
    options_offered: str = ""
    agreed_solution: str = ""
    first_contact: bool = False
    first_response_at: dt.datetime | None = None
    # What was learnt from it (the Lessons tab): see models.lessons.
    root_cause_id: int | None = None
    lesson: str = ""
    redress: tuple[Given, ...] = ()
    # When it was brought in from the shop's own log (see models.pace.clock_start).
    imported_at: dt.datetime | None = None
    # When the customer's details were erased, or the complaint anonymised.
    customer_erased_at: dt.datetime | None = None
    anonymised_at: dt.datetime | None = None
    # The version read (see models.edit_clash): the complaint's and the customer's
    # revisions, and the newest timeline entry of the complaint then. Every change
    # to what a tab edits counts a new revision of the complaint (write_changes).
    revision: int = 0
    customer_revision: int = 0
    last_event_id: int = 0


def validate_complaint(
    details: ComplaintDetails, *, now: dt.datetime | None = None
) -> dict[str, str]:
    """Problems with ``details`` (already cleaned), keyed by field name."""
    problems: dict[str, str] = {}
    if not details.account:
        problems["account"] = "Write down what the customer told you, in their words."
    checks = (
        ("account", "What happened", details.account, MAX_ACCOUNT),
        ("remedy_sought", "What they want", details.remedy_sought, MAX_REMEDY),
        ("product", "The product or order", details.product, MAX_PRODUCT),
        ("handler", "The handler's name", details.handler, MAX_HANDLER),
    )
    for name, label, value, limit in checks:
        message = too_long(label, value, limit)
        if message and name not in problems:
            problems[name] = message
    if details.channel not in keys_of(CHANNELS):
        problems["channel"] = "Choose how the complaint reached you."
    if str(details.upset) not in keys_of(UPSET_LEVELS):
        problems["upset"] = "Choose how upset the customer is."
    if (
        details.category_id is not None
        and Category.get_or_none(Category.id == details.category_id) is None
    ):
        problems["category"] = "That category no longer exists; choose another."
    if details.received_at is not None:
        latest = (now or dt.datetime.now()) + dt.timedelta(minutes=5)
        if details.received_at > latest:
            problems["received_at"] = "The complaint cannot have been received in the future."
        elif details.received_at.year < 1990:
            problems["received_at"] = "Check the date the complaint was received."
    return problems


class CustomerQuestion(ComplaintDeskError):
    """The customer's details could change or belong to someone already in the log.

    Nothing is saved; the owner answers by logging again with ``update_customer``
    (change ``customer``'s details), ``customer_id`` (one of ``candidates``) or
    ``new_customer``.
    """

    def __init__(
        self,
        message: str,
        *,
        customer: Known | None = None,
        changes: str = "",
        candidates: tuple[Known, ...] = (),
    ) -> None:
        super().__init__(message)
        self.customer = customer
        self.changes = changes
        self.candidates = candidates


def problems_of(
    customer: CustomerDetails, complaint: ComplaintDetails, *, now: dt.datetime | None = None
) -> dict[str, str]:
    """Every problem :func:`log_complaint` would refuse the complaint for, by field
    (before asking which customer it is): for a form to say them all at once."""
    return {
        **validate_customer(customer.cleaned()),
        **validate_complaint(complaint.cleaned(), now=now),
    }


def log_complaint(
    customer: CustomerDetails,
    complaint: ComplaintDetails,
    *,
    author: str,
    customer_id: int | None = None,
    new_customer: bool = False,
    update_customer: bool = False,
    now: dt.datetime | None = None,
) -> Complaint:
    """Save a new complaint and its customer; return it with its new reference.

    ``customer_id`` is the returning customer the owner picked; without one,
    :mod:`models.matching` finds them, or they are new (``new_customer`` says
    so outright). Details that would replace what the log holds about a
    returning customer are saved only with ``update_customer``, and then go on
    the timeline of each of their complaints; otherwise, as when the details
    could be more than one person, :class:`CustomerQuestion` is raised and
    nothing is saved. Raises :class:`ValidationError` listing every problem.
    """
    now = (now or dt.datetime.now()).replace(microsecond=0)
    customer = customer.cleaned()
    complaint = complaint.cleaned()
    complaint = replace(complaint, handler=people.staff_name(complaint.handler))
    problems = problems_of(customer, complaint, now=now)
    if problems:
        raise ValidationError(problems)
    received = complaint.received_at or now
    how = label_of(CHANNELS, complaint.channel).lower()
    with writing():
        person = _customer_for(
            customer, customer_id, new_customer=new_customer, update=update_customer,
            author=author, now=now,
        )  # fmt: skip
        write_customers([person] if person.id is None else [], now)
        new = NewComplaint(
            person=person,
            received_at=received,
            account=complaint.account,
            channel=complaint.channel,
            category_id=complaint.category_id,
            product=complaint.product,
            remedy_sought=complaint.remedy_sought,
            upset=int(complaint.upset),
            handler=complaint.handler,
            received_date_only=complaint.received_date_only,
            created_at=now,
            entries=[(now, clean(author), timeline.CREATED, f"Complaint logged ({how}).")],
            # Their account is written down, in the form's own box: that step is done.
            ticks=[(ACCOUNT_STEP, now, clean(author), "")],
        )
        [complaint_id] = write_complaints([new], now=now)
        saved = get_complaint(complaint_id)
        followups.schedule_for_new_complaint(saved, author, now)
    return saved


def _customer_for(
    details: CustomerDetails,
    customer_id: int | None,
    *,
    new_customer: bool,
    update: bool,
    author: str,
    now: dt.datetime,
) -> Known:
    """The customer this complaint is from: one in the log (``id`` set) or a new one."""
    new = Known(None, details.name, details.phone, details.email, details.address, details.notes)
    if new_customer:
        return new
    if customer_id is None:
        found = CustomerMatcher.from_log([details]).match(details)
        if found.outcome == NEW or found.person is None:
            if found.outcome == UNSURE:
                raise CustomerQuestion(found.explain(details) + ".", candidates=found.candidates)
            return new
        customer_id = found.person.id
    person = get_customer(customer_id or 0)
    replaced, filled = changes_to(person, details)
    if "email" in filled and not update and (owner := _email_owner(details, person.id)):
        # A gap filled with another customer's email is no gap filled: ask.
        raise CustomerQuestion(
            f"The email {details.cleaned().email} is {owner.name}'s in the log, not "
            f"{person.name}'s.",
            customer=_known(person),
            changes=describe_changes(person, details, [*replaced, "email"]),
        )
    if replaced and not update:
        raise CustomerQuestion(
            f"These details would change what the log holds about {person.name}.",
            customer=_known(person),
            changes=describe_changes(person, details, replaced),
        )
    if replaced or filled:
        kept = {n: getattr(person, n) for n in ("name", "phone", "email", "address", "notes")}
        merged = CustomerDetails(**{**kept, **{n: getattr(details, n) for n in replaced + filled}})
        person = change_customer(person.id, merged, author=author, now=now)
    return _known(person)


def _email_owner(details: CustomerDetails, other_than: int) -> Customer | None:
    """Another customer the log holds with the email of ``details``, if any."""
    key = derived_keys(details.cleaned())["email_key"]
    if not key:
        return None
    return (
        Customer.select().where((Customer.email_key == key) & (Customer.id != other_than)).first()
    )


def _known(person: Customer) -> Known:
    return Known(person.id, person.name, person.phone, person.email, person.address, person.notes)


def get_complaint(complaint_id: int, *, to_change: bool = False) -> Complaint:
    """The complaint; ``to_change``: read inside a write, so that another counter
    changing it at the same moment waits for this one (and then sees its change)."""
    query = Complaint.select().where(Complaint.id == complaint_id)
    found = (for_change(query) if to_change else query).first()
    if found is None:
        raise NotFoundError(f"There is no complaint number {complaint_id}.")
    return found


def find_by_reference(text: str) -> Complaint | None:
    reference = normalise_reference(text)
    return Complaint.get_or_none(Complaint.reference == reference) if reference else None


def load_complaint(complaint_id: int) -> ComplaintRecord:
    c = get_complaint(complaint_id)
    person = c.customer
    earlier = (
        Complaint.select(Complaint, Category)
        .join(Category, on=(Complaint.category == Category.id), join_type=peewee.JOIN.LEFT_OUTER)
        .where((Complaint.customer == person.id) & (Complaint.id != c.id))
        .order_by(Complaint.received_at.desc())
        .limit(50)
    )
    return ComplaintRecord(
        id=c.id,
        reference=c.reference,
        details=ComplaintDetails(
            account=c.account,
            received_at=c.received_at,
            channel=c.channel,
            category_id=c.category_id,
            product=c.product,
            remedy_sought=c.remedy_sought,
            upset=c.upset,
            handler=c.handler,
            received_date_only=bool(c.received_date_only),
        ),
        received_at=c.received_at,
        received_date_only=c.received_date_only,
        category=c.category.name if c.category is not None else "",
        stage=c.stage,
        status=c.status,
        closed_at=c.closed_at,
        closed_date_unknown=bool(c.closed_date_unknown),
        customer_id=person.id,
        customer=CustomerDetails(
            name=person.name,
            phone=person.phone,
            email=person.email,
            address=person.address,
            notes=person.notes,
        ),
        earlier=[
            ComplaintSummary(
                id=e.id,
                reference=e.reference,
                received_at=e.received_at,
                category=e.category.name if e.category is not None else "",
                status=e.status,
                account=shorten(e.account, 120),
                received_date_only=e.received_date_only,
            )
            for e in earlier
        ],
        fault=c.fault,
        fault_basis=c.fault_basis,
        fault_at=c.fault_at,
        options_offered=c.options_offered,
        agreed_solution=c.agreed_solution,
        first_contact=bool(c.first_contact),
        first_response_at=c.first_response_at,
        root_cause_id=c.root_cause_id,
        lesson=c.lesson,
        redress=given_for(c.id),
        imported_at=imported_at(c.id),
        customer_erased_at=person.erased_at,
        anonymised_at=c.anonymised_at,
        revision=c.revision,
        customer_revision=person.revision,
        last_event_id=_newest_entry(c.id),
    )


def imported_at(complaint_id: int) -> dt.datetime | None:
    """When a complaint was imported from the shop's own log (its timeline says), or None."""
    first = (
        Event.select(Event.at)
        .where((Event.complaint == complaint_id) & (Event.kind == timeline.IMPORTED))
        .order_by(Event.at)
        .first()
    )
    return first.at if first is not None else None


def _newest_entry(complaint_id: int) -> int:
    newest = Event.select(peewee.fn.MAX(Event.id)).where(Event.complaint == complaint_id).scalar()
    return int(newest or 0)


# How each field of the Complaint tab is named in the timeline and in messages.
FIELD_LABELS = {
    "account": "What happened",
    "received_at": "Received",
    "channel": "Came in by",
    "category_id": "Category",
    "product": "Product or order",
    "remedy_sought": "What they want",
    "upset": "How upset",
    "handler": "Handled by",
    "received_date_only": "Time received not known",
}


def _shown(name: str, value: object, other: object = None) -> str:
    """A field's value as its timeline line says it; a long text beside ``other``
    (the value it changed from or to) from where the two differ."""
    if value in (None, ""):
        return "(blank)"
    if name == "channel":
        return label_of(CHANNELS, str(value))
    if name == "upset":
        return label_of(UPSET_LEVELS, str(value))
    if name == "category_id":
        category = Category.get_or_none(Category.id == value)
        return category.name if category else "(none)"
    if isinstance(value, dt.datetime):
        return display.moment_with_year(value)
    if isinstance(other, str):
        return shorten_where_different(str(value), other, 80)
    return shorten(str(value), 80)


def _received_shown(at: dt.datetime, date_only: bool) -> str:
    if date_only:
        return f"{display.day_with_year(at.date())} (time not known)"
    return display.moment_with_year(at)


def update_complaint(
    complaint_id: int,
    details: ComplaintDetails,
    *,
    author: str,
    now: dt.datetime | None = None,
    revision: int | None = None,
) -> list[str]:
    """Save edits to a complaint; return the lines written to its timeline.

    ``revision`` is the complaint's revision the edits were made from (None:
    the one read here); when it is newer by the time they are written,
    :class:`ChangedMeanwhile` is raised and nothing is changed. (The window
    saves through :func:`models.edit_clash.save_edits`, which keeps both
    counters' changes or says which clash.)"""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    details = details.cleaned()
    details = replace(details, handler=people.staff_name(details.handler))
    problems = validate_complaint(details, now=now)
    if problems:
        raise ValidationError(problems)
    with writing():
        c = get_complaint(complaint_id)
        changes: list[str] = []
        values: dict[peewee.Field, object] = {}
        for f in fields(ComplaintDetails):
            new = getattr(details, f.name)
            if f.name == "received_date_only" or (f.name == "received_at" and new is None):
                continue  # the flag is said with the moment, below
            old = getattr(c, f.name)
            if f.name == "upset":
                new = int(new)
            if f.name == "received_at":
                date_only = details.received_date_only
                if (old, bool(c.received_date_only)) != (new, date_only):
                    before = _received_shown(old, bool(c.received_date_only))
                    changes.append(f"Received: {before} → {_received_shown(new, date_only)}")
                    values[Complaint.received_date_only] = date_only
                    values[Complaint.received_at] = new
            elif old != new:
                before, after = _shown(f.name, old, new), _shown(f.name, new, old)
                changes.append(f"{FIELD_LABELS[f.name]}: {before} → {after}")
                values[
                    Complaint.category if f.name == "category_id" else getattr(Complaint, f.name)
                ] = new
        if not changes:
            return []
        write_changes(c, values, now=now, revision=revision)
        timeline.record(c.id, timeline.EDITED, "\n".join(changes), author, now)
        search.reindex_complaints([c.id])
    return changes


def write_changes(
    complaint: Complaint,
    values: dict[peewee.Field, object],
    *,
    now: dt.datetime,
    revision: int | None = None,
) -> None:
    """Write ``values`` to ``complaint`` (read in this transaction) and count a new
    revision of it, so that a save made from an older reading of it is noticed
    (see :mod:`models.edit_clash`). Every change to what a tab of the window edits
    is written here.

    ``revision`` is the complaint's revision the change was made from (None: the
    one read); when it is newer by the time the change is written (another counter
    saved at the same moment), :class:`ChangedMeanwhile` is raised and nothing is
    changed."""
    seen = complaint.revision if revision is None else revision
    written = (
        Complaint.update(
            {**values, Complaint.updated_at: now, Complaint.revision: Complaint.revision + 1}
        )
        .where((Complaint.id == complaint.id) & (Complaint.revision == seen))
        .execute()
    )
    if not written:
        raise ChangedMeanwhile(
            f"{complaint.reference} was changed at another counter at the same moment: "
            "nothing was changed; try again."
        )


def set_status(
    complaint_id: int,
    status: str,
    *,
    author: str,
    reason: str = "",
    now: dt.datetime | None = None,
    revision: int | None = None,
    again: bool = False,
    keep_promises: bool | None = None,
) -> None:
    """Open or close a complaint.

    A complaint is closed only once its satisfaction check has an outcome, or
    with a reason, which goes on the timeline. Closing cancels what is still
    pending for it, but for the promises still to keep when ``keep_promises``
    (by default, when no satisfaction check has an outcome: closed with a reason,
    the £120 promised for Thursday is still owed). ``again``: close it even if it
    is closed already (someone chose to save their closing over another
    counter's), with a new time and reason. ``revision``: as for
    :func:`write_changes`.
    """
    if status not in keys_of(STATUSES):
        raise ValidationError({"status": f"Unknown status {status!r}."})
    now = (now or dt.datetime.now()).replace(microsecond=0)
    reason = clean(reason, multiline=True)
    with writing():
        c = get_complaint(complaint_id, to_change=True)
        if c.status == status and not (again and status == CLOSED):
            return
        if status == OPEN:
            refuse_if_erased(c, "reopen")
        settled = followups.satisfaction_settled(c.id)
        if status == CLOSED and not reason and not settled:
            raise ValidationError(
                {"reason": "Its satisfaction check has no outcome yet: say why it can be closed."}
            )
        closed_at = now if status == CLOSED else None
        write_changes(
            c,
            {
                Complaint.status: status,
                Complaint.closed_at: closed_at,
                Complaint.closed_date_unknown: False,  # its day is known from now on
            },
            now=now, revision=revision,
        )  # fmt: skip
        text = timeline.CLOSED_TEXT if status == CLOSED else timeline.REOPENED_TEXT
        timeline.record(c.id, timeline.STATUS_CHANGED, f"{text} {reason}".strip(), author, now)
        if status == CLOSED:
            keep = not settled if keep_promises is None else keep_promises
            followups.cancel_pending(c.id, author=author, now=now, keep_promises=keep)


# The follow-up a complaint opened again gets, so it is on the morning list.
REOPENED_WHAT = "Get back to the customer about what brought the complaint back"


def reopen_complaint(
    complaint_id: int,
    *,
    reason: str,
    follow_up_on: dt.date,
    owner: str,
    author: str,
    now: dt.datetime | None = None,
) -> None:
    """Open a closed complaint again, saying why (on its timeline), back at the
    guide's Resolve stage, with a follow-up on ``follow_up_on`` owed by ``owner``
    so it reaches the morning list.
    Refused with nothing changed when no reason is given, the day has passed, or
    it was opened again elsewhere meanwhile."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    reason = clean(reason, multiline=True)
    problems = {}
    if not reason:
        problems["reason"] = "Say why it is open again: it goes on the timeline."
    if follow_up_on < now.date():
        problems["follow_up_on"] = "The day to follow up has passed: choose today or later."
    if problems:
        raise ValidationError(problems)
    with writing():
        c = get_complaint(complaint_id, to_change=True)
        if c.status == OPEN:
            raise ComplaintDeskError(
                f"{c.reference} is open already: it was opened again at another counter."
            )
        set_status(c.id, OPEN, author=author, reason=reason, now=now)
        # Brought back, it needs putting right again: the guide goes back to Resolve.
        followups.back_to_resolve_steps(c.id, author, now)
        followups.add_follow_up(
            c.id, kind=followups.PROGRESS, what=REOPENED_WHAT, owner=owner,
            due_on=follow_up_on, author=author, now=now,
        )  # fmt: skip


def add_note(
    complaint_id: int,
    text: str,
    *,
    author: str,
    kind: str = timeline.NOTE,
    now: dt.datetime | None = None,
) -> None:
    """A note on the timeline: a plain note, what the customer says, or what we checked."""
    if kind not in timeline.NOTE_KINDS:
        raise ValidationError({"note": f"Unknown kind of note {kind!r}."})
    text = clean(text, multiline=True)
    if not text:
        raise ValidationError({"note": "Write the note first."})
    message = too_long("The note", text, timeline.MAX_NOTE)
    if message:
        raise ValidationError({"note": message})
    with writing():
        c = get_complaint(complaint_id)
        refuse_if_erased(c, "note")
        timeline.record(c.id, kind, text, author, now)


def count_complaints(status: str | None = None) -> int:
    query = Complaint.select()
    if status in (OPEN, CLOSED):
        query = query.where(Complaint.status == status)
    return query.count()


__all__ = [
    "ComplaintDetails",
    "ComplaintRecord",
    "ComplaintSummary",
    "CustomerQuestion",
    "add_note",
    "count_complaints",
    "find_by_reference",
    "get_complaint",
    "load_complaint",
    "log_complaint",
    "set_status",
    "update_complaint",
    "write_changes",
]
