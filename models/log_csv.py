"""The complaints log as a CSV file: exporting it, and importing one.

Export writes UTF-8 (no BOM), ``\\n`` line ends, one row per complaint, oldest
first, under exactly this header (one line, wrapped here)::

    reference,received,channel,category,customer name,phone,email,address,
    product,account,remedy sought,stage,fault finding,agreed solution,
    root cause,lesson,redress,closed

``received`` and ``closed`` are ``YYYY-MM-DD HH:MM`` (``closed`` is empty while
the complaint is open); channel, stage, fault finding and redress are written
as the labels a person reads (``At the counter``, ``Get the facts``, ``Not
yet known``, ``Goodwill gesture``); text with line breaks stays one quoted
value.

Import reads what Excel and LibreOffice save: UTF-8 with or without a BOM
(Windows-1252 when the bytes are not UTF-8, with a note saying so), comma,
semicolon or tab separated, CRLF or LF, quoted values holding line breaks.
Headings are matched loosely (``Customer name``, ``customer_name``, ``Name``);
only ``received``, ``customer name`` and ``account`` are needed, unknown
columns are ignored, and an optional ``status`` column (Open or Closed) is
read too. :func:`read_log` checks every row before anything is written and
returns an :class:`ImportPlan` whose problems each name the file's line
number (the physical line where the row starts, the header being line 1);
:func:`import_log` writes a plan without problems in one transaction.

An imported complaint is history: it keeps a reference given in the file (or
is numbered as usual for the year it was received), its customer is matched
like a returning one (never duplicated), its stage comes from ticking every
step of the stages before it (a closed row with no stage is taken as all
steps done), and no follow-ups are scheduled for it. Its timeline says when
it was logged, when it was closed, and that it was imported.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from models import guide, search, timeline
from models.categories import CATEGORIES
from models.choices import (
    CHANNELS,
    CLOSED,
    DEFAULT_CHANNEL,
    FAULT_UNKNOWN,
    FAULTS,
    FIRST_STAGE,
    OPEN,
    REDRESS,
    STAGES,
    STATUSES,
    Choice,
    label_of,
)
from models.complaint_writer import (
    NewComplaint,
    fill_in_customers,
    write_complaints,
    write_customers,
)
from models.complaints import MAX_ACCOUNT, MAX_PRODUCT, MAX_REMEDY
from models.customers import (
    MAX_ADDRESS,
    MAX_EMAIL,
    MAX_NAME,
    MAX_PHONE,
    CustomerDetails,
    too_long,
)
from models.db import chunked, database, writing
from models.errors import ComplaintDeskError
from models.lessons import MAX_LESSON
from models.matching import Known, MatchedBatch, match_batch
from models.pick_lists import MAX_NAME as MAX_PICK_NAME
from models.pick_lists import PickList
from models.references import format_reference, parse_reference
from models.resolution import MAX_TEXT as MAX_SOLUTION
from models.root_causes import ROOT_CAUSES
from models.text import (
    REPLACEMENT,
    clean,
    fold,
    from_spreadsheet_cell,
    spreadsheet_row,
    valid_text,
)

if TYPE_CHECKING:
    from models.complaint_list import ListQuery

COLUMNS: tuple[str, ...] = (
    "reference",
    "received",
    "channel",
    "category",
    "customer name",
    "phone",
    "email",
    "address",
    "product",
    "account",
    "remedy sought",
    "stage",
    "fault finding",
    "agreed solution",
    "root cause",
    "lesson",
    "redress",
    "closed",
)
# Read on import only: a spreadsheet's own Open/Closed column.
STATUS_COLUMN = "status"
REQUIRED_COLUMNS: tuple[str, ...] = ("received", "customer name", "account")

# The timeline entry saying a complaint came from a file, and the note on its ticks.
IMPORTED = "imported"
IMPORTED_NOTE = "Imported"

PREVIEW_ROWS = 10
MAX_FILE_BYTES = 200 * 1024 * 1024
_DATE_FORMAT = "%Y-%m-%d %H:%M"

# Headings a person might use for each column, as compared (see _heading_key).
_ALIASES: dict[str, tuple[str, ...]] = {
    "reference": ("ref", "ref no", "reference number", "complaint reference", "complaint ref",
                  "complaint number", "complaint no"),
    "received": ("received at", "received on", "date received", "received date", "date",
                 "date logged", "logged", "logged at", "logged on", "when"),
    "channel": ("came in by", "how received", "source", "via"),
    "category": ("complaint category", "type", "complaint type", "kind"),
    "customer name": ("name", "customer", "client", "client name", "full name", "customers name"),
    "phone": ("phone number", "telephone", "tel", "mobile", "customer phone", "phone no"),
    "email": ("e mail", "email address", "e mail address", "customer email"),
    "address": ("postal address", "customer address"),
    "product": ("product or order", "item", "order", "order number", "product order"),
    "account": ("what happened", "complaint", "description", "details", "complaint details",
                "customers account", "issue"),
    "remedy sought": ("remedy", "wants", "what they want", "desired outcome", "requested remedy",
                      "what would put it right"),
    "stage": ("current stage",),
    "fault finding": ("fault", "finding on fault", "finding", "whose fault"),
    "agreed solution": ("solution", "resolution", "agreed"),
    "root cause": ("cause",),
    "lesson": ("lessons", "lesson learnt", "lesson learned", "lessons learnt", "lessons learned",
               "corrective action"),
    "redress": ("compensation", "redress given"),
    "closed": ("closed at", "closed on", "date closed", "closed date", "when closed"),
    STATUS_COLUMN: ("state", "open or closed"),
}  # fmt: skip

# How each column is described in a problem.
_NAMES = {
    "reference": "reference",
    "received": "date received",
    "channel": "channel",
    "category": "category",
    "customer name": "customer's name",
    "phone": "phone number",
    "email": "email address",
    "address": "address",
    "product": "product",
    "account": "account of what happened",
    "remedy sought": "remedy sought",
    "stage": "stage",
    "fault finding": "fault finding",
    "agreed solution": "agreed solution",
    "root cause": "root cause",
    "lesson": "lesson",
    "redress": "redress",
    "closed": "date closed",
    STATUS_COLUMN: "status",
}
_MULTILINE = {"address", "account", "remedy sought", "agreed solution", "lesson"}


# --- export ---------------------------------------------------------------

_EXPORT_SQL = """SELECT c.reference, c.received_at, c.channel, COALESCE(cat.name, ''), cu.name,
        cu.phone, cu.email, cu.address, c.product, c.account, c.remedy_sought, c.stage, c.fault,
        c.agreed_solution, COALESCE(rc.name, ''), c.lesson, c.redress, c.status, c.closed_at
    FROM complaint c
    JOIN customer cu ON cu.id = c.customer_id
    LEFT JOIN category cat ON cat.id = c.category_id
    LEFT JOIN root_cause rc ON rc.id = c.root_cause_id
    {where}
    ORDER BY c.received_at, c.id"""


def _minute(value: object) -> str:
    if value is None or value == "":
        return ""
    when = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return when.strftime(_DATE_FORMAT)


def export_rows(query: ListQuery | None = None) -> Iterator[tuple[str, ...]]:
    """The log's rows as :data:`COLUMNS` values, oldest first, read as they are written."""
    clauses: list[str] = []
    params: list[object] = []
    if query is not None:
        if query.status in (OPEN, CLOSED):
            clauses.append("c.status = ?")
            params.append(query.status)
        found = search.search_filter(query.text)
        if found is not None:
            clauses.append(found.sql)
            params.extend(found.params)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    cursor = database.execute_sql(_EXPORT_SQL.format(where=where), params)
    for row in cursor:
        yield (
            row[0],
            _minute(row[1]),
            label_of(CHANNELS, row[2]),
            *row[3:11],
            label_of(STAGES, row[11]),
            label_of(FAULTS, row[12]),
            *row[13:16],
            label_of(REDRESS, row[16]),
            _minute(row[18]) if row[17] == CLOSED else "",
        )


def export_log(out: TextIO, *, query: ListQuery | None = None) -> int:
    """Write the log (or the complaints ``query`` matches) to ``out`` as CSV; return the count.

    Open ``out`` with ``newline=""`` and UTF-8 so values with line breaks survive.
    """
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    count = 0
    for row in export_rows(query):
        if any("\r" in value for value in row):
            row = tuple(v.replace("\r\n", "\n").replace("\r", "\n") for v in row)
        writer.writerow(spreadsheet_row(row))
        count += 1
    return count


# --- the plan ---------------------------------------------------------------


@dataclass(frozen=True)
class ImportRow:
    """One complaint read from the file, checked and ready to write."""

    line: int
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
    redress: str
    closed_at: dt.datetime | None

    @property
    def status(self) -> str:
        return CLOSED if self.closed_at is not None else OPEN


def _plural(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count:,} {noun if count == 1 else (plural or noun + 's')}"


def _counts(complaints: int, new_customers: int, matched: int, categories: int, causes: int) -> str:
    return ", ".join(
        (
            _plural(complaints, "complaint"),
            _plural(new_customers, "new customer"),
            _plural(matched, "returning customer") + " matched",
            _plural(categories, "new category", "new categories"),
            _plural(causes, "new root cause"),
        )
    )


@dataclass
class ImportPlan:
    """What :func:`read_log` found: the rows, or the problems that stop an import."""

    source: str
    rows: list[ImportRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # The columns read from the file (names from COLUMNS), in the file's order.
    columns: list[str] = field(default_factory=list)
    # The first rows as found, keyed by column, with "line" first.
    preview: list[dict[str, str]] = field(default_factory=list)
    encoding: str = "UTF-8"
    delimiter: str = ","
    new_customers: int = 0
    matched_customers: int = 0
    new_categories: list[str] = field(default_factory=list)
    new_root_causes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """``120 complaints, 90 new customers, 3 returning customers matched, ...``"""
        return _counts(
            len(self.rows),
            self.new_customers,
            self.matched_customers,
            len(self.new_categories),
            len(self.new_root_causes),
        )


@dataclass(frozen=True)
class ImportResult:
    complaints: int
    new_customers: int
    matched_customers: int
    new_categories: tuple[str, ...]
    new_root_causes: tuple[str, ...]
    complaint_ids: tuple[int, ...] = ()

    def summary(self) -> str:
        return _counts(
            self.complaints,
            self.new_customers,
            self.matched_customers,
            len(self.new_categories),
            len(self.new_root_causes),
        )


# --- reading the file ---------------------------------------------------------


def _decode(data: bytes, notes: list[str]) -> tuple[str, str]:
    """The file's text and the name of its encoding."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _valid(data.decode("utf-16", "surrogatepass"), notes), "UTF-16"
    body = data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data
    try:
        # Half a UTF-16 pair written as UTF-8 (some programs do) is read, then replaced.
        return _valid(body.decode("utf-8", "surrogatepass"), notes), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        text = body.decode("cp1252")
    except UnicodeDecodeError:
        text = body.decode("latin-1")
    notes.append(
        "The file is not UTF-8, so it was read as Windows-1252 (Western European): "
        "check that accented letters in the preview look right."
    )
    return text, "Windows-1252"


def _valid(text: str, notes: list[str]) -> str:
    """``text`` with characters that are not valid text replaced by �, saying so."""
    valid = valid_text(text)
    replaced = valid.count(REPLACEMENT) - text.count(REPLACEMENT)
    if replaced:
        notes.append(
            f"The file has {_plural(replaced, 'character')} that "
            f"{'is' if replaced == 1 else 'are'} not valid text (half of a UTF-16 pair); "
            "each is imported as �."
        )
    return valid


def _is_csv_text(source: str) -> bool:
    """True when ``source`` is CSV text rather than a file's path."""
    if not source.strip() or "\n" in source or "\r" in source or "\x00" in source:
        return True
    if not any(mark in source for mark in ",;\t"):
        return False
    try:
        return not Path(source).exists()
    except (OSError, ValueError):
        return True


def _load(source: str | Path | bytes, notes: list[str]) -> tuple[str | None, str, str]:
    """(text, a name for the file, encoding); text is None when it is not a CSV file."""
    if isinstance(source, bytes):
        data, name = source, "the file"
    elif isinstance(source, str) and _is_csv_text(source):
        return source.lstrip("\ufeff"), "the text", "text"
    else:
        path = Path(source)
        name = path.name
        try:
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                raise ComplaintDeskError(
                    f"{name} is {size / 1_000_000:,.0f} MB, too big for a complaints log; "
                    "split it into smaller files."
                )
            data = path.read_bytes()
        except FileNotFoundError:
            raise ComplaintDeskError(f"There is no file {path}.") from None
        except IsADirectoryError:
            raise ComplaintDeskError(f"{path} is a folder, not a CSV file.") from None
        except PermissionError:
            raise ComplaintDeskError(f"{path} cannot be read: permission denied.") from None
        except OSError as exc:
            raise ComplaintDeskError(f"{path} cannot be read: {exc.strerror or exc}.") from None
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return None, name, ""
    text, encoding = _decode(data, notes)
    if "\x00" in text:
        return None, name, encoding
    return text, name, encoding


def _sniff(first_line: str) -> str:
    """The separator: whichever of comma, semicolon and tab the heading line uses most."""
    counts = dict.fromkeys(",;\t", 0)
    quoted = False
    for ch in first_line:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda mark: counts[mark])
    return best if counts[best] else ","


def _heading_key(text: str) -> str:
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text.strip())  # CustomerName
    text = fold(text.replace("’", "'")).replace("'", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


_HEADINGS: dict[str, str] = {
    key: column
    for column in (*COLUMNS, STATUS_COLUMN)
    for key in (_heading_key(column), *_ALIASES.get(column, ()))
}


def _choice_key(text: str) -> str:
    return " ".join(fold(text.replace("’", "'")).replace("_", " ").replace("-", " ").split())


_LOOKUPS: dict[int, dict[str, str]] = {}


def _pick(choices: tuple[Choice, ...], text: str) -> str | None:
    """The key of the choice whose key or label is ``text`` (any case), or None."""
    lookup = _LOOKUPS.get(id(choices))
    if lookup is None:
        lookup = {}
        for choice in reversed(choices):
            for name in (choice.key, choice.label):
                if _choice_key(name):
                    lookup[_choice_key(name)] = choice.key
        _LOOKUPS[id(choices)] = lookup
    found = lookup.get(text)
    return found if found is not None else lookup.get(_choice_key(text))


_ISO = re.compile(
    r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
    r"(?:[ T]+(\d{1,2})[:.](\d{2})(?::(\d{2})(?:\.\d+)?)?)?$"
)
_DAY_MONTH = re.compile(
    r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})"
    r"(?:[ ,T]+(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?$",
    re.IGNORECASE,
)


def parse_when(text: str, *, day_first: bool = True) -> dt.datetime | None:
    """A date (and time) as spreadsheets write it, or None when it is not one.

    ISO (``2026-03-14``, ``2026-03-14 10:30``, ``2026-03-14T10:30``) always;
    ``14/03/2026`` and ``14.03.2026 10:30`` day first, or ``03/14/2026``
    with ``day_first=False``. A date alone is taken as midnight.
    """
    text = " ".join(text.split())
    try:
        match = _ISO.match(text)
        if match:
            year, month, day = (int(part) for part in match.group(1, 2, 3))
            return _when(year, month, day, match.group(4), match.group(5), match.group(6), None)
        match = _DAY_MONTH.match(text)
        if match:
            first, second, year_text = match.group(1, 2, 3)
            year = int(year_text) + (2000 if len(year_text) == 2 else 0)
            day, month = (int(first), int(second)) if day_first else (int(second), int(first))
            return _when(year, month, day, *match.group(4, 5, 6, 7))
    except ValueError:
        return None
    return None


def _when(
    year: int,
    month: int,
    day: int,
    hour: str | None,
    minute: str | None,
    second: str | None,
    meridiem: str | None,
) -> dt.datetime:
    h = int(hour) if hour else 0
    if meridiem:
        if not 1 <= h <= 12:
            raise ValueError("hour")
        h = h % 12 + (12 if meridiem.lower().startswith("p") else 0)
    return dt.datetime(year, month, day, h, int(minute or 0), int(second or 0))


@dataclass
class _Header:
    index: dict[str, int]  # column name -> position in the row
    width: int


def _read_header(line: int, fields: list[str], problems: list[str], notes: list[str]) -> _Header:
    index: dict[str, int] = {}
    unknown: list[str] = []
    for position, heading in enumerate(fields):
        shown = clean(heading.lstrip("\ufeff"))
        if not shown:
            continue
        column = _HEADINGS.get(_heading_key(shown))
        if column is None:
            unknown.append(f"“{shown}”")
        elif column in index:
            first = clean(fields[index[column]].lstrip("\ufeff"))
            problems.append(
                f"Line {line}: the columns “{first}” and “{shown}” both hold the "
                f"{_NAMES[column]}; keep only one of them."
            )
        else:
            index[column] = position
    if unknown:
        notes.append("These columns are not read: " + ", ".join(unknown) + ".")
    for column in REQUIRED_COLUMNS:
        if column not in index:
            problems.append(
                f"Line {line}: there is no column for the {_NAMES[column]} "
                f"(a heading such as “{column}”)."
            )
    return _Header(index, len(fields))


def _csv_rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str] | str]]:
    """(line where the row starts, its values), or (line, a problem) where reading stops."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    while True:
        start = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield start, _reading_problem(str(exc), text, start, delimiter)
            return
        yield start, values


def _reading_problem(message: str, text: str, line: int, delimiter: str) -> str:
    """The sentence for a row the CSV reader gave up on at ``line``."""
    if "field larger than field limit" in message:
        length = _longest_value(text, _offset_of_line(text, line), delimiter)
        return (
            f"Line {line}: it has a cell of {length:,} characters; the longest a field can hold "
            f"is {csv.field_size_limit():,} characters, so shorten it (nothing after it could "
            "be read)."
        )
    if "end of data" in message or "EOF" in message:
        message = 'a quoted value starts on this line but its closing quote (") is missing'
    elif "expected after" in message:
        message = (
            "a quoted value is followed by more text before the next separator; "
            "check the quotes on this line"
        )
    return f"Line {line}: {message}; nothing after it could be read."


def _offset_of_line(text: str, line: int) -> int:
    """Where the 1-based physical ``line`` starts in ``text``, ends of lines as the reader
    sees them."""
    return sum(len(part) for part in itertools.islice(io.StringIO(text, newline=""), line - 1))


def _longest_value(text: str, at: int, delimiter: str) -> int:
    """The number of characters in the longest value of the row starting at ``at``."""
    stops = re.compile(f"[{re.escape(delimiter)}\r\n]")
    longest = 0
    while at < len(text):
        length = 0
        if text.startswith('"', at):
            at += 1
            while (quote := text.find('"', at)) != -1 and text.startswith('""', quote):
                length += quote - at + 1  # a doubled quote is one character
                at = quote + 2
            if quote == -1:
                return max(longest, length + len(text) - at)
            length += quote - at
            at = quote + 1
        stop = stops.search(text, at)
        end = stop.start() if stop else len(text)
        length, at = length + end - at, end
        longest = max(longest, length)
        if not text.startswith(delimiter, at):
            break
        at += 1
    return longest


# --- checking the rows ---------------------------------------------------------


def _check_row(
    line: int,
    values: dict[str, str],
    *,
    day_first: bool,
    now: dt.datetime,
    problems: list[str],
    references: list[tuple[int, str]],
) -> ImportRow | None:
    found: list[str] = []

    def problem(text: str) -> None:
        found.append(f"Line {line}: {text}")

    def date(column: str) -> dt.datetime | None:
        text = values.get(column, "")
        if not text:
            return None
        when = parse_when(text, day_first=day_first)
        name = _NAMES[column]
        if when is None:
            hint = ""
            if parse_when(text, day_first=not day_first) is not None:
                hint = (
                    " (it is a date when read month first: choose the month-first option)"
                    if day_first
                    else " (it is a date when read day first: turn the month-first option off)"
                )
            order = "day/month/year" if day_first else "month/day/year"
            problem(f"the {name} “{text}” is not a date (use YYYY-MM-DD or {order}){hint}.")
            return None
        if when > now + dt.timedelta(minutes=5):
            problem(f"the {name} {when:%d %b %Y %H:%M} is in the future.")
            return None
        if when.year < 1990:
            problem(f"check the {name}: {when:%d %b %Y} is before 1990.")
            return None
        return when

    def choice(column: str, choices: tuple[Choice, ...], default: str) -> str:
        text = values.get(column, "")
        if not text:
            return default
        key = _pick(choices, text)
        if key is None:
            labels = ", ".join(c.label for c in choices if c.key)
            problem(f"“{text}” is not a {_NAMES[column]}; use one of: {labels}.")
            return default
        return key

    def limit(column: str, value: str, most: int) -> None:
        message = too_long(f"The {_NAMES[column]}", value, most)
        if message:
            problem(message[0].lower() + message[1:])

    received = date("received")
    if not values.get("received"):
        problem("the date received is missing.")
    customer = CustomerDetails(
        name=values.get("customer name", ""),
        phone=values.get("phone", ""),
        email=values.get("email", ""),
        address=values.get("address", ""),
    )
    if not customer.name:
        problem("the customer's name is missing.")
    if not values.get("account"):
        problem("the account of what happened is missing.")
    for column, value, most in (
        ("customer name", customer.name, MAX_NAME),
        ("phone", customer.phone, MAX_PHONE),
        ("email", customer.email, MAX_EMAIL),
        ("address", customer.address, MAX_ADDRESS),
        ("account", values.get("account", ""), MAX_ACCOUNT),
        ("remedy sought", values.get("remedy sought", ""), MAX_REMEDY),
        ("product", values.get("product", ""), MAX_PRODUCT),
        ("agreed solution", values.get("agreed solution", ""), MAX_SOLUTION),
        ("lesson", values.get("lesson", ""), MAX_LESSON),
        ("category", values.get("category", ""), MAX_PICK_NAME),
        ("root cause", values.get("root cause", ""), MAX_PICK_NAME),
    ):
        limit(column, value, most)
    if customer.email:
        local, _, domain = customer.email.partition("@")
        if not local or not domain or " " in customer.email:
            problem(f"the email address “{customer.email}” is incomplete (it needs name@place).")

    reference = ""
    if values.get("reference"):
        parsed = parse_reference(values["reference"])
        if parsed is None or parsed[1] == 0:
            problem(
                f"“{values['reference']}” is not a complaint reference "
                "(they look like C-2026-0042); leave it blank to number it on import."
            )
        else:
            reference = format_reference(*parsed)
            references.append((line, reference))
            if received is not None and parsed[0] != received.year:
                problem(
                    f"the reference {reference} is for {parsed[0]}, but the complaint was "
                    f"received in {received.year}."
                )

    channel = choice("channel", CHANNELS, DEFAULT_CHANNEL)
    fault = choice("fault finding", FAULTS, FAULT_UNKNOWN)
    redress = choice("redress", REDRESS, "")
    closed_at = date("closed")
    status = choice(STATUS_COLUMN, STATUSES, CLOSED if closed_at else OPEN)
    if status == CLOSED and closed_at is None and not values.get("closed"):
        problem("it is closed, but the date closed is missing.")
    if status == OPEN and closed_at is not None:
        problem("it is open, but it has a date closed.")
    if closed_at is not None and received is not None and closed_at < received:
        problem("it was closed before it was received.")
    stage = choice("stage", STAGES, guide.DONE if status == CLOSED else FIRST_STAGE)

    problems.extend(found)
    if found or received is None:
        return None
    return ImportRow(
        line=line,
        reference=reference,
        received_at=received,
        channel=channel,
        category=values.get("category", ""),
        customer=customer,
        product=values.get("product", ""),
        account=values.get("account", ""),
        remedy_sought=values.get("remedy sought", ""),
        stage=stage,
        fault=fault,
        agreed_solution=values.get("agreed solution", ""),
        root_cause=values.get("root cause", ""),
        lesson=values.get("lesson", ""),
        redress=redress,
        closed_at=closed_at if status == CLOSED else None,
    )


def _references_in_log(references: Iterable[str]) -> set[str]:
    wanted = sorted(set(references))
    used: set[str] = set()
    for chunk in chunked(wanted):
        placeholders = ",".join("?" * len(chunk))
        used.update(
            row[0]
            for row in database.execute_sql(
                f"SELECT reference FROM complaint WHERE reference IN ({placeholders})", chunk
            )
        )
    return used


def _check_references(references: list[tuple[int, str]], problems: list[str]) -> None:
    """Each reference given once in the file, and not one the log already has."""
    first_line: dict[str, int] = {}
    for line, reference in references:
        if reference in first_line:
            problems.append(
                f"Line {line}: the reference {reference} is also on line "
                f"{first_line[reference]}; each complaint needs its own."
            )
        else:
            first_line[reference] = line
    for reference in _references_in_log(first_line):
        problems.append(
            f"Line {first_line[reference]}: the reference {reference} is already in the log."
        )


def _line_of(problem: str) -> int:
    found = re.match(r"Line (\d+):", problem)
    return int(found.group(1)) if found else 0


def _pick_names(pick_list: PickList, wanted: Iterable[str]) -> tuple[dict[str, int], list[str]]:
    """Ids of the list's names (any case) and, in file order, the names it lacks."""
    table = pick_list.table
    known = {row.name.casefold(): row.id for row in table.select(table.id, table.name)}
    missing: dict[str, str] = {}
    for name in wanted:
        if name and name.casefold() not in known:
            missing.setdefault(name.casefold(), name)
    return known, list(missing.values())


# --- reading a whole file ---------------------------------------------------------


def read_log(
    source: str | Path | bytes, *, day_first: bool = True, now: dt.datetime | None = None
) -> ImportPlan:
    """Read and check every row of a CSV log; nothing is written.

    ``source`` is a file's path, its bytes, or CSV text. Raises
    :class:`ComplaintDeskError` only when the file cannot be read at all;
    everything wrong inside it is in the plan's ``problems``.
    """
    now = (now or dt.datetime.now()).replace(microsecond=0)
    notes: list[str] = []
    text, name, encoding = _load(source, notes)
    plan = ImportPlan(source=name, notes=notes, encoding=encoding)
    if text is None:
        plan.problems.append(
            f"Line 1: {name} is not a CSV file (a spreadsheet's own file, perhaps). "
            "In Excel or LibreOffice choose File > Save As and pick CSV."
        )
        return plan
    first_line = next((line for line in io.StringIO(text, newline="") if line.strip()), "")
    plan.delimiter = _sniff(first_line)
    rows = _csv_rows(text, plan.delimiter)
    header_fields: list[str] | None = None
    header_line = 1
    for line, values in rows:
        if isinstance(values, str):
            plan.problems.append(values)
            return plan
        if any(value.strip() for value in values):
            header_fields, header_line = values, line
            break
    if header_fields is None:
        plan.problems.append("Line 1: the file is empty; its first line should be the headings.")
        return plan
    header = _read_header(header_line, header_fields, plan.problems, notes)
    plan.columns = sorted(header.index, key=lambda column: header.index[column])
    can_check = not plan.problems
    data_rows = 0
    references: list[tuple[int, str]] = []
    stopped = False
    for line, values in rows:
        if isinstance(values, str):
            plan.problems.append(values)
            stopped = True
            break
        if not any(value.strip() for value in values):
            continue
        data_rows += 1
        extra = [value for value in values[header.width :] if value.strip()]
        if extra:
            plan.problems.append(
                f"Line {line}: it has {len(values)} values but there are {header.width} "
                "column headings; check the separators and quotes on this line."
            )
            continue
        cells = {
            column: clean(from_spreadsheet_cell(values[position]), multiline=column in _MULTILINE)
            if position < len(values)
            else ""
            for column, position in header.index.items()
        }
        if len(plan.preview) < PREVIEW_ROWS:
            plan.preview.append({"line": str(line), **{c: cells[c] for c in plan.columns}})
        if can_check:
            row = _check_row(
                line,
                cells,
                day_first=day_first,
                now=now,
                problems=plan.problems,
                references=references,
            )
            if row is not None:
                plan.rows.append(row)
    if data_rows == 0 and can_check and not stopped:
        plan.problems.append(
            f"Line {header_line + 1}: there are no complaints in the file, only the headings."
        )
    _check_references(references, plan.problems)
    batch = _check_customers(plan.rows, plan.problems)
    if plan.problems:
        plan.problems.sort(key=_line_of)
        return plan
    _, plan.new_categories = _pick_names(CATEGORIES, (r.category for r in plan.rows))
    _, plan.new_root_causes = _pick_names(ROOT_CAUSES, (r.root_cause for r in plan.rows))
    if plan.new_categories:
        notes.append("New categories will be added: " + ", ".join(plan.new_categories) + ".")
    if plan.new_root_causes:
        notes.append("New root causes will be added: " + ", ".join(plan.new_root_causes) + ".")
    plan.new_customers = len(batch.created)
    plan.matched_customers = len(batch.matched)
    return plan


def _in_order(rows: list[ImportRow]) -> list[ImportRow]:
    """The order rows are matched and written in: as received, then as in the file."""
    return sorted(rows, key=lambda r: (r.received_at, r.line))


def _check_customers(rows: list[ImportRow], problems: list[str]) -> MatchedBatch:
    """Who each row is from; a row whose customer could be either of two people is
    a problem, not a guess."""
    ordered = _in_order(rows)
    batch = match_batch([row.customer for row in ordered])
    for index, found in sorted(batch.unsure.items()):
        row = ordered[index]
        problems.append(
            f"Line {row.line}: {found.explain(row.customer)}. Correct the name or the email "
            "so the row says who the customer is."
        )
    return batch


# --- writing ------------------------------------------------------------------------


def _ticks_for(stage: str) -> list[str]:
    """Every step of the stages before ``stage`` (all of them for ``done``)."""
    keys: list[str] = []
    for candidate in guide.STAGES:
        if candidate.key == stage:
            break
        keys.extend(step.key for step in candidate.steps)
    return keys


def _add_picks(pick_list: PickList, names: list[str], known: dict[str, int]) -> None:
    for name in names:
        known[name.casefold()] = pick_list.add(name).id


def import_log(plan: ImportPlan, *, author: str, now: dt.datetime | None = None) -> ImportResult:
    """Write every row of ``plan`` in one transaction: all of them, or none.

    Refuses a plan with problems. Checks again what may have changed since the
    file was read (a reference taken in the meantime stops the import).
    """
    if plan.problems:
        raise ComplaintDeskError(
            f"{plan.source} has {_plural(len(plan.problems), 'problem')}, so nothing was "
            "imported: correct the file and check it again."
        )
    if not plan.rows:
        raise ComplaintDeskError(f"There are no complaints in {plan.source} to import.")
    now = (now or dt.datetime.now()).replace(microsecond=0)
    author = clean(author)
    rows = _in_order(plan.rows)
    with writing():
        taken = _references_in_log(r.reference for r in rows if r.reference)
        if taken:
            raise ComplaintDeskError(
                f"The reference {min(taken)} was added to the log after the file was checked, "
                "so nothing was imported. Check the file again."
            )
        batch = match_batch([row.customer for row in rows])
        if batch.unsure:
            raise ComplaintDeskError(
                "Customers were added to the log after the file was checked, so nothing was "
                "imported. Check the file again."
            )
        categories, new_categories = _pick_names(CATEGORIES, (r.category for r in plan.rows))
        causes, new_causes = _pick_names(ROOT_CAUSES, (r.root_cause for r in plan.rows))
        _add_picks(CATEGORIES, new_categories, categories)
        _add_picks(ROOT_CAUSES, new_causes, causes)
        write_customers(batch.created, now)
        older = fill_in_customers(list(batch.filled.values()))
        complaints = [
            _new_complaint(row, person, categories, causes, plan.source, author, now)
            for row, person in zip(rows, batch.persons, strict=True)
        ]
        ids = write_complaints(complaints, now=now, reindex=older)
    return ImportResult(
        complaints=len(ids),
        new_customers=len(batch.created),
        matched_customers=len(batch.matched),
        new_categories=tuple(new_categories),
        new_root_causes=tuple(new_causes),
        complaint_ids=tuple(ids),
    )


def _new_complaint(
    row: ImportRow,
    person: Known,
    categories: dict[str, int],
    causes: dict[str, int],
    source: str,
    author: str,
    now: dt.datetime,
) -> NewComplaint:
    found = row.fault != FAULT_UNKNOWN
    how = label_of(CHANNELS, row.channel).lower()
    entries = [(row.received_at, author, timeline.CREATED, f"Complaint logged ({how}).")]
    if row.closed_at is not None:
        entries.append((row.closed_at, author, timeline.STATUS_CHANGED, "Closed."))
    entries.append((now, author, IMPORTED, f"Imported from {source}, line {row.line}."))
    return NewComplaint(
        person=person,
        received_at=row.received_at,
        account=row.account,
        reference=row.reference,
        channel=row.channel,
        category_id=categories[row.category.casefold()] if row.category else None,
        product=row.product,
        remedy_sought=row.remedy_sought,
        stage=row.stage,
        status=row.status,
        closed_at=row.closed_at,
        fault=row.fault,
        fault_basis=IMPORTED_NOTE if found else "",
        fault_at=now if found else None,
        agreed_solution=row.agreed_solution,
        root_cause_id=causes[row.root_cause.casefold()] if row.root_cause else None,
        lesson=row.lesson,
        redress=row.redress,
        created_at=now,
        updated_at=now,
        ticks=[(key, now, author, IMPORTED_NOTE) for key in _ticks_for(row.stage)],
        entries=entries,
    )
