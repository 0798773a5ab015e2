"""What each column of an owner's spreadsheet holds: guessed from its heading and
from what is written in it, and what the file's own status words mean.

A heading the app knows (``Date``, ``Customer``, ``Phone``, ``Problem``,
``Status``, ``Notes``, ``Email``, ``Value``, ``Closed``...) decides, except that
a ``Closed`` column of ticks or Yes/No is the status rather than the date
closed. A column whose heading says nothing the app knows is read by its
content: dates are the date received (then the date closed), addresses with an
@ the email, runs of digits the phone, amounts the redress value, references
like C-2026-0042 the reference, words such as Waiting or Done the status, short
names the customer's name, and the longest text what happened. A column with
text and no field of its own (``What we did``) is added to each complaint's
notes under its heading, never dropped; an empty column is left out.

Each field is guessed for one column at most, except that two headings naming
the same field are both kept, so the owner sees the clash and picks one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from models.choices import CLOSED, OPEN
from models.log_csv_columns import HEADINGS, STATUS_COLUMN, heading_key, parse_amount
from models.log_csv_file import parse_when
from models.references import parse_reference
from models.text import digits, fold

# Where a column goes besides the app's own fields (models.log_csv_columns.COLUMNS).
NOTE = "+notes"  # its text is added to the complaint's notes, under the column's heading
IGNORE = ""  # left out

# The share of a column's values that must look alike for its content to decide.
_MOST = 0.8

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[\d\s().\-/]+$")
_NAME = re.compile(r"^[^\W\d_][^\d@]*$")

OPEN_WORDS = frozenset(
    {
        "open", "opened", "reopened", "waiting", "in progress", "progress", "pending",
        "new", "ongoing", "on going", "awaiting", "awaiting reply", "awaiting parts",
        "on hold", "hold", "to do", "todo", "chasing", "outstanding", "not done",
        "not sorted", "unresolved", "active", "live",
    }
)  # fmt: skip
CLOSED_WORDS = frozenset(
    {
        "closed", "close", "done", "sorted", "sorted out", "resolved", "fixed", "complete",
        "completed", "finished", "solved", "settled", "dealt with", "refunded", "replaced",
        "repaired", "withdrawn",
    }
)  # fmt: skip
# Yes and no answer the column's heading: under "Closed?" or "Done" yes is closed,
# under "Open?" or "Still outstanding" yes is open.
# What ends the status a cell starts with: a dash between spaces, a comma, a
# semicolon, a colon, a full stop or a bracket.
_STATUS_LEAD = re.compile(r"\s+[-–—]\s*|[,;:.(/]")
YES_WORDS = frozenset({"yes", "y", "true", "x", "✓", "✔", "✅"})
NO_WORDS = frozenset({"no", "n", "false"})

_WHY_HEADING = "its heading"


@dataclass(frozen=True)
class Guess:
    """The field a column is guessed to hold (a name from COLUMNS, NOTE or IGNORE) and why."""

    field: str
    why: str


def status_key(word: str) -> str:
    """How a status word is compared: ``In Progress`` and ``in  progress`` are one word."""
    return " ".join(fold(word).replace("_", " ").replace("-", " ").split())


def guess_status(word: str, heading: str = "") -> str | None:
    """OPEN or CLOSED for a status word the app knows, else None. Yes and no are
    read as the answer to the column's ``heading``: yes is open under "Open?", and
    closed under "Closed?", "Done" or "Status". A cell that says more after its
    status ("yes - refunded £40", "Sorted, gave a voucher", "Closed (refund)") is
    read by its words before the first dash, comma or bracket."""
    key = status_key(word)
    if key not in CLOSED_WORDS | OPEN_WORDS | YES_WORDS | NO_WORDS:
        lead = _STATUS_LEAD.split(word.strip(), maxsplit=1)[0]
        if lead.strip() and lead.strip() != word.strip():
            key = status_key(lead)
    if key in CLOSED_WORDS:
        return CLOSED
    if key in OPEN_WORDS:
        return OPEN
    if key in YES_WORDS or key in NO_WORDS:
        asks_open = _asks_if_open(heading)
        return OPEN if (key in YES_WORDS) == asks_open else CLOSED
    return None


def _asks_if_open(heading: str) -> bool:
    """Does a column headed ``heading`` ask whether a complaint is still open ("Open?",
    "Still outstanding", "Pending") rather than whether it is closed ("Closed?",
    "Done", "Resolved")? A heading naming neither asks whether it is closed."""
    words = status_key(heading).strip(" ?:!.").split()
    key = " ".join(words)
    for size in (2, 1):  # "not done" before "done"
        for at in range(len(words) - size + 1):
            part = " ".join(words[at : at + size])
            if part in OPEN_WORDS:
                return True
            if part in CLOSED_WORDS:
                return False
    return key in ("still", "current")


def status_words(values: Iterable[str], limit: int = 40) -> list[tuple[str, int]]:
    """The different words of a status column, as first written, with how many rows
    have each, in the order they first appear (at most ``limit``)."""
    first: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for value in values:
        word = " ".join(value.split())
        if not word:
            continue
        key = status_key(word)
        if key not in first:
            if len(first) >= limit:
                continue
            first[key] = word
        counts[key] += 1
    return [(word, counts[key]) for key, word in first.items()]


def _kind(value: str) -> str:
    """What one value looks like."""
    if _EMAIL.match(value):
        return "email"
    if guess_status(value) is not None and len(value) <= 12:
        return "status"
    if parse_when(value) is not None or parse_when(value, day_first=False) is not None:
        return "date"
    parsed = parse_reference(value)
    if parsed is not None and parsed[0] >= 1990 and not value.isdigit():
        return "reference"
    if _PHONE.match(value) and 7 <= len(digits(value)) <= 15:
        return "phone"
    if parse_amount(value) is not None:
        return "money"
    words = value.split()
    if len(value) >= 40 or len(words) >= 6:
        return "long text"
    if _NAME.match(value) and 1 <= len(words) <= 4 and value[:1].isupper():
        return "name"
    return "text"


def column_kind(values: list[str]) -> str:
    """What most of a column's values look like: a kind above, ``text``, or ``empty``."""
    if not values:
        return "empty"
    kinds = Counter(_kind(value) for value in values)
    kind, count = kinds.most_common(1)[0]
    if count >= _MOST * len(values):
        return kind
    if kinds["long text"] + kinds["text"] + kinds["name"] >= _MOST * len(values):
        return "long text" if kinds["long text"] * 2 >= len(values) else "text"
    return "mixed"


_BY_CONTENT = {
    "email": ("email", "addresses with an @"),
    "phone": ("phone", "phone numbers"),
    "money": ("redress value", "amounts of money"),
    "reference": ("reference", "complaint references"),
    "status": (STATUS_COLUMN, "status words"),
    "name": ("customer name", "names"),
}


def _by_heading(heading: str, kind: str) -> Guess | None:
    column = HEADINGS.get(heading_key(heading)) if heading else None
    if column is None:
        return None
    if column == "closed" and kind in ("status", "text", "long text"):
        # "Closed?" holding "yes - refunded", "no, waiting on supplier": not dates
        return Guess(STATUS_COLUMN, "its heading, and its ticks or words")
    if column == STATUS_COLUMN and kind == "date":  # "Resolved" holding the days it was
        return Guess("closed", "its heading, and its dates")
    return Guess(column, _WHY_HEADING)


def _by_content(kind: str, taken: set[str]) -> Guess | None:
    if kind == "date":
        for column in ("received", "closed"):
            if column not in taken:
                return Guess(column, "its dates")
        return None
    if kind in _BY_CONTENT:
        column, what = _BY_CONTENT[kind]
        if column not in taken:
            return Guess(column, f"its {what}")
    return None


def _average_length(values: list[str]) -> float:
    return sum(len(v) for v in values) / len(values) if values else 0.0


def guess_columns(headings: list[str], samples: list[list[str]]) -> list[Guess]:
    """One guess per column, from its heading and its sample values (filled-in cells)."""
    kinds = [column_kind(values) for values in samples]
    guesses: list[Guess | None] = [_by_heading(h, k) for h, k in zip(headings, kinds, strict=True)]
    taken = {g.field for g in guesses if g is not None}
    for position, kind in enumerate(kinds):
        if guesses[position] is None:
            found = _by_content(kind, taken)
            if found is not None:
                guesses[position] = found
                taken.add(found.field)
    if "account" not in taken:
        texts = [
            p for p, k in enumerate(kinds) if guesses[p] is None and k in ("long text", "text")
        ]
        if texts:
            longest = max(texts, key=lambda p: _average_length(samples[p]))
            guesses[longest] = Guess("account", "its text, the longest")
    return [
        guess
        if guess is not None
        else Guess(IGNORE, "it is empty")
        if kinds[position] == "empty"
        else Guess(NOTE, "no field of its own: kept in the notes")
        for position, guess in enumerate(guesses)
    ]


def phone_columns(headings: list[str], samples: list[list[str]]) -> list[int]:
    """The positions of the columns guessed to hold the phone number."""
    return [p for p, guess in enumerate(guess_columns(headings, samples)) if guess.field == "phone"]
