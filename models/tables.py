"""The peewee tables. Rules about them live in the modules named after them.

Schema changes are never made here alone: each one is also a step in
:mod:`models.migrations`, so a shop's existing file is brought up to date.
"""

from __future__ import annotations

import datetime as dt

import peewee

from models.choices import DEFAULT_CHANNEL, DEFAULT_UPSET, FIRST_STAGE, OPEN
from models.db import BaseModel


def _now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


class Customer(BaseModel):
    id = peewee.AutoField()
    name = peewee.TextField()
    phone = peewee.TextField(default="")
    email = peewee.TextField(default="")
    address = peewee.TextField(default="")
    notes = peewee.TextField(default="")
    # Folded copies used to find a returning customer (see models.customers).
    phone_digits = peewee.TextField(default="", index=True)
    email_key = peewee.TextField(default="", index=True)
    search_key = peewee.TextField(default="")
    created_at = peewee.DateTimeField(default=_now)
    erased_at = peewee.DateTimeField(null=True)  # see models.anonymise
    # Counts changes to the details above, so a save made from an older reading
    # of them is noticed (see models.edit_clash).
    revision = peewee.IntegerField(default=0)

    class Meta:
        # A save writes only what it changed: never back what another counter
        # changed since this row was read.
        only_save_dirty = True


class Category(BaseModel):
    id = peewee.AutoField()
    name = peewee.TextField(unique=True)
    position = peewee.IntegerField(default=0)
    archived = peewee.BooleanField(default=False)


class RootCause(BaseModel):
    """Why it went wrong: an editable list, seeded with common causes."""

    id = peewee.AutoField()
    name = peewee.TextField(unique=True)
    position = peewee.IntegerField(default=0)
    archived = peewee.BooleanField(default=False)


class Complaint(BaseModel):
    id = peewee.AutoField()
    reference = peewee.TextField(unique=True)
    year = peewee.IntegerField()
    number = peewee.IntegerField()
    received_at = peewee.DateTimeField(index=True)
    # The day received was known but not the time (an imported row giving a date
    # alone): received_at is that day's midnight, shown as the day only.
    received_date_only = peewee.BooleanField(default=False)
    # Closed in the shop's old log with no date closed: closed_at is the day it was
    # received, and how long it took is not known (left out of the insights).
    closed_date_unknown = peewee.BooleanField(default=False)
    channel = peewee.TextField(default=DEFAULT_CHANNEL)
    category = peewee.ForeignKeyField(Category, null=True, on_delete="SET NULL")
    category_id: int | None  # the column behind ``category``, set by peewee
    customer = peewee.ForeignKeyField(Customer, backref="complaints", on_delete="RESTRICT")
    customer_id: int
    product = peewee.TextField(default="")
    account = peewee.TextField()
    remedy_sought = peewee.TextField(default="")
    upset = peewee.IntegerField(default=DEFAULT_UPSET)
    handler = peewee.TextField(default="")
    stage = peewee.TextField(default=FIRST_STAGE)
    status = peewee.TextField(default=OPEN, index=True)
    closed_at = peewee.DateTimeField(null=True)
    created_at = peewee.DateTimeField(default=_now)
    updated_at = peewee.DateTimeField(default=_now)
    # Get the facts: the finding on fault, its basis and when it was made.
    fault = peewee.TextField(default="unknown")
    fault_basis = peewee.TextField(default="")
    fault_at = peewee.DateTimeField(null=True)
    # Resolve: what was offered, what was agreed, and whether at first contact.
    options_offered = peewee.TextField(default="")
    agreed_solution = peewee.TextField(default="")
    first_contact = peewee.BooleanField(default=False)
    # Act quickly: when anything was first done after logging.
    first_response_at = peewee.DateTimeField(null=True)
    # Learning from it: the root cause, the lesson, and the redress given.
    root_cause = peewee.ForeignKeyField(RootCause, null=True, on_delete="SET NULL")
    root_cause_id: int | None
    lesson = peewee.TextField(default="")  # the redress given: the rows of Redress
    # Set once the customer's words are removed (on request, or by retention).
    anonymised_at = peewee.DateTimeField(null=True)
    # Counts changes to what the window's tabs edit (what happened, the finding, the
    # solution, the lesson, open or closed...), so a save made from an older reading
    # is noticed (models.edit_clash; written through models.complaints.write_changes).
    revision = peewee.IntegerField(default=0)

    class Meta:
        indexes = ((("year", "number"), True),)
        # A save writes only what it changed: never back what another counter
        # changed since this row was read.
        only_save_dirty = True


class Event(BaseModel):
    """One entry on a complaint's timeline. Append-only: never updated, except that
    its text may be blanked once when the customer is anonymised (``redacted``)."""

    id = peewee.AutoField()
    complaint = peewee.ForeignKeyField(Complaint, backref="events", on_delete="CASCADE")
    at = peewee.DateTimeField(default=_now)
    author = peewee.TextField(default="")
    kind = peewee.TextField()
    text = peewee.TextField(default="")
    redacted = peewee.BooleanField(default=False)
    # How many mentions of an erased customer were taken out of ``text`` (see models.anonymise).
    mentions_erased = peewee.IntegerField(default=0)


class ChecklistTick(BaseModel):
    """A ticked step of the guide (see models.guide); unticking deletes the row."""

    id = peewee.AutoField()
    complaint = peewee.ForeignKeyField(Complaint, backref="ticks", on_delete="CASCADE")
    step_key = peewee.TextField()
    ticked_at = peewee.DateTimeField()
    ticked_by = peewee.TextField(default="")
    note = peewee.TextField(default="")

    class Meta:
        indexes = ((("complaint", "step_key"), True),)


class Attachment(BaseModel):
    """Evidence: a file copied into the log's files (see models.file_store)."""

    id = peewee.AutoField()
    complaint = peewee.ForeignKeyField(Complaint, backref="attachments", on_delete="CASCADE")
    complaint_id: int
    stored_name = peewee.TextField()
    original_name = peewee.TextField()
    size = peewee.IntegerField()
    sha256 = peewee.TextField()
    added_at = peewee.DateTimeField()
    added_by = peewee.TextField(default="")


class AgreedAction(BaseModel):
    """Who does what by which date, as agreed with the customer."""

    id = peewee.AutoField()
    complaint = peewee.ForeignKeyField(Complaint, backref="actions", on_delete="CASCADE")
    complaint_id: int
    who = peewee.TextField()
    what = peewee.TextField()
    due_on = peewee.DateField()
    done_at = peewee.DateTimeField(null=True)
    created_at = peewee.DateTimeField(default=_now)


class Redress(BaseModel):
    """What was given to put a complaint right, one row for each thing (a
    replacement and a refund of the postage are two), in the order recorded. No
    row: not recorded; a row of kind "none": nothing was given."""

    id = peewee.AutoField()
    complaint = peewee.ForeignKeyField(Complaint, backref="redresses", on_delete="CASCADE")
    complaint_id: int
    position = peewee.IntegerField(default=0)
    kind = peewee.TextField()
    value = peewee.FloatField(null=True)

    class Meta:
        indexes = ((("complaint", "position"), False),)


class Letter(BaseModel):
    """A letter made for a complaint: exactly what it said, and where its PDF is."""

    id = peewee.AutoField()
    complaint = peewee.ForeignKeyField(Complaint, backref="letters", on_delete="CASCADE")
    complaint_id: int
    kind = peewee.TextField()
    made_at = peewee.DateTimeField()
    made_by = peewee.TextField(default="")
    subject = peewee.TextField()
    body = peewee.TextField()
    file_name = peewee.TextField(unique=True)
    sha256 = peewee.TextField()
    override_reason = peewee.TextField(default="")


class FollowUp(BaseModel):
    """A dated promise to the customer, pending until it is kept (see models.followups)."""

    id = peewee.AutoField()
    complaint = peewee.ForeignKeyField(Complaint, backref="follow_ups", on_delete="CASCADE")
    complaint_id: int
    kind = peewee.TextField()
    what = peewee.TextField()
    owner = peewee.TextField(default="")
    due_on = peewee.DateField()
    status = peewee.TextField(default="pending")
    outcome = peewee.TextField(default="")
    note = peewee.TextField(default="")
    done_at = peewee.DateTimeField(null=True)
    action = peewee.ForeignKeyField(AgreedAction, null=True, on_delete="SET NULL")
    action_id: int | None
    created_at = peewee.DateTimeField(default=_now)


class Draft(BaseModel):
    """A half-typed form, saved as the owner types so nothing is lost."""

    key = peewee.TextField(primary_key=True)
    data = peewee.TextField()
    saved_at = peewee.DateTimeField(default=_now)


class ReferenceCounter(BaseModel):
    """The highest reference number given out in a year (see models.references)."""

    year = peewee.IntegerField(primary_key=True)
    last = peewee.IntegerField(default=0)


class Setting(BaseModel):
    key = peewee.TextField(primary_key=True)
    value = peewee.TextField()


ALL_TABLES: tuple[type[BaseModel], ...] = (
    Customer,
    Category,
    RootCause,
    Complaint,
    Event,
    ChecklistTick,
    Attachment,
    AgreedAction,
    Redress,
    Letter,
    FollowUp,
    Draft,
    Setting,
    ReferenceCounter,
)
