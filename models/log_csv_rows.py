"""Checking one row of an imported CSV log: every problem it has, named by its
row, or the complaint it holds, ready to write."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from models import display, guide, redress_words, timeline
from models.choices import (
    CHANNELS,
    CLOSED,
    FAULT_UNKNOWN,
    FAULTS,
    FIRST_STAGE,
    OPEN,
    REDRESS,
    STAGES,
    STATUSES,
    UNSAID_CHANNEL,
    Choice,
)
from models.complaints import MAX_ACCOUNT, MAX_HANDLER, MAX_PRODUCT, MAX_REMEDY
from models.customers import (
    MAX_ADDRESS,
    MAX_EMAIL,
    MAX_NAME,
    MAX_PHONE,
    CustomerDetails,
    too_long,
)
from models.facts import MAX_BASIS
from models.lessons import MAX_LESSON
from models.log_csv_columns import (
    NAMES,
    STATUS_COLUMN,
    CellFollowUp,
    CellNote,
    parse_amount,
    parse_follow_ups,
    parse_notes,
    parse_redress,
    pick,
)
from models.log_csv_file import Place, gives_time, parse_when
from models.phones import phone_problem
from models.pick_lists import MAX_NAME as MAX_PICK_NAME
from models.redress import MAX_VALUE as MAX_REDRESS_VALUE
from models.redress import Given
from models.redress import problems as redress_problems
from models.references import format_reference, parse_reference
from models.resolution import MAX_TEXT as MAX_SOLUTION
from models.typed_dates import read_past_day_without_year


@dataclass(frozen=True)
class ImportRow:
    """One complaint read from the file, checked and ready to write."""

    place: Place
    reference: str  # "" when it is to be numbered on import
    received_at: dt.datetime
    channel: str
    category: str
    customer: CustomerDetails
    product: str
    account: str
    remedy_sought: str
    stage: str
    fault: str
    agreed_solution: str
    root_cause: str
    lesson: str
    redress: tuple[Given, ...]
    closed_at: dt.datetime | None
    notes: tuple[CellNote, ...] = ()
    # Closed in the file with no date closed: closed on a day not known (kept as the
    # day it was received, and marked so).
    closed_when_received: bool = False
    # The file gives the day received but no time (received_at is its midnight).
    received_date_only: bool = False
    # The file gives no category: ``category`` is the one its words point to.
    category_guessed: bool = False
    # The file gives no redress: ``redress`` is what the row's words say was given.
    redress_read: bool = False
    # Dates the file gives with no year, each with the day it is taken as.
    no_year: tuple[str, ...] = ()
    handler: str = ""
    fault_basis: str = ""
    close_reason: str = ""
    # The follow-ups as an export writes them, and the file's other words about them.
    follow_ups: tuple[CellFollowUp, ...] = ()
    follow_ups_said: str = ""

    @property
    def status(self) -> str:
        return CLOSED if self.closed_at is not None else OPEN


@dataclass
class _Row:
    """A row being checked: its values and the problems found so far."""

    place: Place
    values: dict[str, str]
    day_first: bool
    now: dt.datetime
    found: list[str] = field(default_factory=list)
    # Dates written with no year, and the day each is taken as.
    no_year: list[str] = field(default_factory=list)

    def get(self, column: str) -> str:
        return self.values.get(column, "")

    def problem(self, text: str) -> None:
        self.found.append(f"{self.place}: {text}")

    def date(self, column: str) -> dt.datetime | None:
        text = self.get(column)
        if not text:
            return None
        when = parse_when(text, day_first=self.day_first)
        name = NAMES[column]
        if when is None:
            past = read_past_day_without_year(text, self.now.date())
            if past is not None:  # "Sept 15": the last 15 September, said in the preview
                self.no_year.append(f"the {name} “{text}” as {display.day_with_year(past)}")
                return dt.datetime.combine(past, dt.time(0, 0))
        if when is None:
            hint = ""
            if parse_when(text, day_first=not self.day_first) is not None:
                hint = (
                    " (it is a date when read month first: choose the month-first option)"
                    if self.day_first
                    else " (it is a date when read day first: turn the month-first option off)"
                )
            order = "day/month/year" if self.day_first else "month/day/year"
            self.problem(f"the {name} “{text}” is not a date (use YYYY-MM-DD or {order}){hint}.")
            return None
        if when > self.now + dt.timedelta(minutes=5):
            # A day given alone is said alone, never with a made-up 00:00.
            said = (
                display.moment_with_year(when)
                if gives_time(text)
                else display.day_with_year(when.date())
            )
            self.problem(f"the {name} {said} is in the future.")
            return None
        if when.year < 1990:
            self.problem(f"check the {name}: {display.day_with_year(when.date())} is before 1990.")
            return None
        return when

    def choice(self, column: str, choices: tuple[Choice, ...], default: str) -> str:
        text = self.get(column)
        if not text:
            return default
        key = pick(choices, text)
        if key is None:
            labels = ", ".join(c.label for c in choices if c.key)
            self.problem(f"“{text}” is not a {NAMES[column]}; use one of: {labels}.")
            return default
        return key

    def limit(self, column: str, value: str, most: int) -> None:
        message = too_long(f"The {NAMES[column]}", value, most)
        if message:
            self.problem(message[0].lower() + message[1:])


_LIMITS = (
    ("customer name", MAX_NAME),
    ("phone", MAX_PHONE),
    ("email", MAX_EMAIL),
    ("address", MAX_ADDRESS),
    ("account", MAX_ACCOUNT),
    ("remedy sought", MAX_REMEDY),
    ("product", MAX_PRODUCT),
    ("agreed solution", MAX_SOLUTION),
    ("lesson", MAX_LESSON),
    ("category", MAX_PICK_NAME),
    ("root cause", MAX_PICK_NAME),
    ("handled by", MAX_HANDLER),
    ("finding basis", MAX_BASIS),
    ("close reason", timeline.MAX_NOTE),
    ("follow-ups", timeline.MAX_NOTE),
)


def _phone_and_email(row: _Row) -> tuple[str, str]:
    """The row's phone and email. A shop's one contact column ("Mobile/Email") holds
    either: an email in the phone column, or a phone in the email column, is taken
    as what it is when the row has none of that kind already."""
    phone, email = row.get("phone"), row.get("email")
    if "@" in phone and not email:
        return "", phone
    if email and "@" not in email and not phone and not phone_problem(email):
        return email, ""
    return phone, email


def _customer(row: _Row) -> CustomerDetails:
    phone, email = _phone_and_email(row)
    customer = CustomerDetails(
        name=row.get("customer name"),
        phone=phone,
        email=email,
        address=row.get("address"),
    )
    if not customer.name:
        row.problem("the customer's name is missing.")
    wrong = phone_problem(customer.cleaned().phone)
    if wrong and len(customer.phone) <= MAX_PHONE:  # a phone too long is said once
        row.problem(wrong)
    if customer.email:
        local, _, domain = customer.email.partition("@")
        if not local or not domain or " " in customer.email:
            row.problem(
                f"the email address “{customer.email}” is incomplete (it needs name@place)."
            )
    return customer


def _reference(row: _Row, received: dt.datetime | None) -> str:
    text = row.get("reference")
    if not text:
        return ""
    parsed = parse_reference(text)
    if parsed is None or parsed[1] == 0:
        row.problem(
            f"“{text}” is not a complaint reference "
            "(they look like C-2026-0042); leave it blank to number it on import."
        )
        return ""
    reference = format_reference(*parsed)
    if received is not None and parsed[0] != received.year:
        row.problem(
            f"the reference {reference} is for {parsed[0]}, but the complaint was "
            f"received in {received.year}."
        )
    return reference


# A row whose status cell is empty: open, unless it gives a date closed (_closing).
NO_STATUS_MEANS = "Open, or closed when the row gives a date closed"


def _closing(row: _Row, received: dt.datetime | None) -> tuple[dt.datetime | None, bool]:
    """When it was closed (None while open), and whether that is the day it was received
    for want of a date closed."""
    closed_at = row.date("closed")
    status = row.choice(STATUS_COLUMN, STATUSES, CLOSED if closed_at else OPEN)
    if status == OPEN and closed_at is not None:
        row.problem("it is open, but it has a date closed.")
    if closed_at is not None and received is not None and closed_at < received:
        row.problem("it was closed before it was received.")
    if status == CLOSED and closed_at is None and not row.get("closed"):
        return received, True
    return (closed_at if status == CLOSED else None), False


# A redress cell written the app's way ("Replacement; Refund (4.50)"): one it cannot
# read is a mistake in that form, not words to read.
_IN_THE_APPS_FORM = re.compile(r"[;()]")
WORDS_HEADING = "What was given"  # the note keeping a redress cell read from its words


def status_says_more(text: str) -> bool:
    """Whether a status cell says more than open or closed ("yes - refunded £40",
    "done, refunded"): its words are then kept in a note, where what was given is
    read from them as from any note."""
    return len(text.split()) > 2 or any(c.isdigit() for c in text) or bool(redress_words.read(text))


def _redress(row: _Row) -> tuple[tuple[Given, ...], bool]:
    """What was given, and whether it was read from the cell's own words ("refund
    12.50", "gave her a £5 voucher", "customer wants money back": nothing given)."""
    text = row.get("redress value")
    value = parse_amount(text) if text else None
    named = row.get("redress")
    product = row.get("product")
    if text and value is None and not named and (in_words := redress_words.read(text, product)):
        # Words among the amounts ("gave her a €10 voucher" under "Refund €"): read
        # as a redress cell's words are.
        return in_words, True
    if text and (value is None or value > MAX_REDRESS_VALUE):
        row.problem(f"the redress value “{text}” is not an amount of money (write it as 12.50).")
        value = None
    if value == 0 and not named:
        value = None  # a 0 in an amount column ("Refund £") gave nothing
    given = parse_redress(named, value)
    if given is None and not _IN_THE_APPS_FORM.search(named):
        read = redress_words.read(named, product)
        if value is not None and len(read) == 1 and read[0].value is None:
            read = (Given(read[0].kind, value),)
        return read, True
    if given is None:
        labels = ", ".join(c.label for c in REDRESS if c.key)
        row.problem(
            f"“{named}” is not a {NAMES['redress']}; use one of: {labels} (several with"
            " “;” between them, each value in brackets: Replacement; Refund (4.50))."
        )
        return (), False
    problems = redress_problems(given)
    if problems:
        said = " ".join(problems.values())
        row.problem(f"the redress “{named}”: {said[0].lower()}{said[1:]}")
    return given, False


def _notes(row: _Row, extra: Sequence[tuple[str, str]]) -> tuple[CellNote, ...]:
    notes = parse_notes(row.get("notes"))
    for note in notes:
        row.limit("notes", note.text, timeline.MAX_NOTE)
    for heading, text in extra:
        note = CellNote(None, "", timeline.NOTE, f"{heading}: {text}")
        if len(note.text) > timeline.MAX_NOTE:
            row.problem(
                f"the “{heading}” cell is {len(text):,} characters long, too long for a note "
                f"(at most {timeline.MAX_NOTE:,}): shorten it, or leave the column out."
            )
        notes.append(note)
    return tuple(notes)


def check_row(
    place: Place,
    values: dict[str, str],
    *,
    day_first: bool,
    now: dt.datetime,
    extra_notes: Sequence[tuple[str, str]] = (),
) -> tuple[ImportRow | None, list[str]]:
    """The complaint a row holds, or None with every problem it has.

    ``extra_notes`` are the (heading, text) of columns with no field of their own:
    each becomes a note ``heading: text``."""
    row = _Row(place, values, day_first, now)
    received = row.date("received")
    if not row.get("received"):
        row.problem("the date received is missing.")
    customer = _customer(row)
    if not row.get("account"):
        row.problem("the account of what happened is missing.")
    for column, most in _LIMITS:
        row.limit(column, row.get(column), most)
    reference = _reference(row, received)
    channel = row.choice("channel", CHANNELS, UNSAID_CHANNEL)
    fault = row.choice("fault finding", FAULTS, FAULT_UNKNOWN)
    redress, redress_read = _redress(row)
    closed_at, closed_when_received = _closing(row, received)
    stage = row.choice("stage", STAGES, guide.DONE if closed_at else FIRST_STAGE)
    follow_ups, follow_ups_said = parse_follow_ups(row.get("follow-ups"))
    if redress_read:  # the owner's words are kept whole beside what was read from them
        extra_notes = [*extra_notes, (WORDS_HEADING, row.get("redress"))]
    notes = _notes(row, extra_notes)
    if row.found or received is None:
        return None, row.found
    return ImportRow(
        place=place,
        reference=reference,
        received_at=received,
        channel=channel,
        category=row.get("category"),
        customer=customer,
        product=row.get("product"),
        account=row.get("account"),
        remedy_sought=row.get("remedy sought"),
        stage=stage,
        fault=fault,
        agreed_solution=row.get("agreed solution"),
        root_cause=row.get("root cause"),
        lesson=row.get("lesson"),
        handler=row.get("handled by"),
        fault_basis=row.get("finding basis"),
        close_reason=row.get("close reason") if closed_at is not None else "",
        follow_ups=follow_ups,
        follow_ups_said=follow_ups_said,
        redress=redress,
        redress_read=redress_read,
        no_year=tuple(row.no_year),
        closed_at=closed_at,
        notes=notes,
        closed_when_received=closed_when_received,
        received_date_only=not gives_time(row.get("received")),
    ), []
