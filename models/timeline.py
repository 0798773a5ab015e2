"""A complaint's timeline: what happened, when, and who did it. Append-only."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from models.choices import OPEN
from models.tables import Complaint, Event
from models.text import clean

CREATED = "created"
NOTE = "note"
CUSTOMER_SAYS = "customer_says"
WE_CHECKED = "we_checked"
EDITED = "edited"
STATUS_CHANGED = "status_changed"
STAGE_CHANGED = "stage_changed"
STEP_TICKED = "step_ticked"
STEP_UNTICKED = "step_unticked"
FAULT_FOUND = "fault_found"
EVIDENCE_ADDED = "evidence_added"
RESOLUTION = "resolution"
ACTION = "action"
LETTER = "letter"
FOLLOW_UP_PLANNED = "follow_up_planned"
FOLLOW_UP = "follow_up"
CALL = "call"
LESSON = "lesson"
IMPORTED = "imported"
ANONYMISED = "anonymised"

KIND_LABELS = {
    CREATED: "Logged",
    NOTE: "Note",
    CUSTOMER_SAYS: "Customer says",
    WE_CHECKED: "We checked",
    EDITED: "Changed",
    STATUS_CHANGED: "Status",
    STAGE_CHANGED: "Stage",
    STEP_TICKED: "Step done",
    STEP_UNTICKED: "Step undone",
    FAULT_FOUND: "Finding on fault",
    EVIDENCE_ADDED: "Evidence",
    RESOLUTION: "Resolution",
    ACTION: "Action",
    LETTER: "Letter",
    FOLLOW_UP_PLANNED: "Follow-up planned",
    FOLLOW_UP: "Follow-up",
    CALL: "Call",
    LESSON: "Learning",
    IMPORTED: "Imported",
    ANONYMISED: "Anonymised",
}

# How a STATUS_CHANGED entry starts; the reason given, if any, follows.
CLOSED_TEXT, REOPENED_TEXT = "Closed.", "Reopened."

NOTE_KINDS = (NOTE, CUSTOMER_SAYS, WE_CHECKED)
# Entries whose words the search finds: the notes, and what was noted when a
# follow-up was done ("New chain fitted, Ben collected").
SEARCHED_KINDS = (*NOTE_KINDS, FOLLOW_UP, CALL)  # a progress call's words too

# Entries that are a response to the customer, made with them or to them: what
# they said, a step of the guide done with them, the fix agreed, a letter, a
# call, a follow-up done, the complaint closed. The first of them sets the
# complaint's time to first response. The shop's own records are not: a note
# (unless it says the customer was contacted), what was checked, the finding,
# a photo, the lesson, an edit, an import, a follow-up planned or cancelled, a
# customer who could not be reached.
RESPONSES = frozenset(
    {CUSTOMER_SAYS, STEP_TICKED, RESOLUTION, ACTION, LETTER, CALL, FOLLOW_UP, STATUS_CHANGED}
)
# A note is one when its words say the customer was contacted ("Rang Bo: the
# parcel is being traced", "Emailed her the tracking link", "Left a voicemail").
_CONTACT = re.compile(
    r"\b(?:rang|rung|ring|called|phoned|spoke|spoken|talked|emailed|e-mailed|texted|"
    r"messaged|replied|wrote to|told (?:him|her|them|the customer)|left (?:a |an )?"
    r"(?:message|voicemail|note for)|explained|apologi[sz]ed|met (?:him|her|them)|"
    r"came (?:in|back)|popped in|saw (?:him|her|them))\b",
    re.IGNORECASE,
)


# Who else a note may say was rung or emailed: the call is about the complaint, but
# the customer has heard nothing ("Rang the wholesaler: part on its way").
_SOMEONE_ELSE = re.compile(
    r"^\W*(?:\w+\W+){0,2}?(?:wholesaler|supplier|suppliers|manufacturer|maker|makers|"
    r"courier|couriers|warehouse|depot|factory|distributor|head office|insurer|insurers|"
    r"insurance|brokers?|landlord|bank|council|lab|laboratory)\b",
    re.IGNORECASE,
)


def says_contact(text: str) -> bool:
    """Whether a note's words say the customer was contacted: "Rang Bo", "emailed
    her", not "Rang the wholesaler"."""
    return any(not _SOMEONE_ELSE.match(text[found.end() :]) for found in _CONTACT.finditer(text))


def first_response(
    entries: Iterable[tuple[dt.datetime, str]], responses: Iterable[str] = RESPONSES
) -> dt.datetime | None:
    """When the first of a complaint's (time, kind) entries that is a response to
    the customer (of ``responses``) was made, or None: for a complaint written
    whole with its record (one brought in from the shop's own log), as
    :func:`record` sets it entry by entry."""
    kinds = frozenset(responses)
    return min((at for at, kind in entries if kind in kinds), default=None)


# Shown in place of an entry's text removed when the customer was anonymised.
REDACTED_TEXT = "(text removed when the customer was anonymised)"

MAX_NOTE = 50_000


@dataclass(frozen=True)
class TimelineEntry:
    id: int
    at: dt.datetime
    author: str
    kind: str
    text: str
    redacted: bool = False
    # Only the day is known (an imported row's day received, closed or noted, no time).
    day_only: bool = False

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind.replace("_", " ").capitalize())


def record(
    complaint_id: int,
    kind: str,
    text: str,
    author: str,
    at: dt.datetime | None = None,
    *,
    responds: bool | None = None,
) -> Event:
    """Append one entry. Call inside the transaction of the change it describes.

    ``responds``: whether it is a response to the customer (by default, as its
    kind is one of :data:`RESPONSES`). A note's words are searchable: its
    complaint's search row is rebuilt."""
    when = (at or dt.datetime.now()).replace(microsecond=0)
    event = Event.create(
        complaint=complaint_id, at=when, author=clean(author), kind=kind, text=text
    )
    if kind in SEARCHED_KINDS:
        from models import search  # search reads SEARCHED_KINDS from here

        search.reindex_complaints([complaint_id])
    if responds is None:
        responds = kind in RESPONSES or (kind == NOTE and says_contact(text))
    if responds:
        # Only while it is open, or its closing: a letter sent today about a complaint
        # closed weeks ago (one brought in from the shop's old log) is no response.
        answering = (Complaint.id == complaint_id) & Complaint.first_response_at.is_null()
        if kind != STATUS_CHANGED:
            answering &= Complaint.status == OPEN
        Complaint.update(first_response_at=when).where(answering).execute()
    return event


def entries(complaint_id: int, kinds: tuple[str, ...] | None = None) -> list[TimelineEntry]:
    from models.display import day_only  # display draws on more of models than this

    query = Event.select().where(Event.complaint == complaint_id)
    if kinds is not None:
        query = query.where(Event.kind.in_(kinds))
    received = Complaint.select(Complaint.received_date_only).where(Complaint.id == complaint_id)
    date_only = bool(received.scalar())
    return [
        TimelineEntry(
            id=e.id,
            at=e.at,
            author=e.author,
            kind=e.kind,
            text=REDACTED_TEXT if e.redacted else e.text,
            redacted=bool(e.redacted),
            day_only=day_only(date_only, e.at),
        )
        for e in query.order_by(Event.at, Event.id)
    ]
