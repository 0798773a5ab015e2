"""The columns of a complaints-log CSV, the headings they are known by, and how
the values that are more than plain text (notes, amounts) are written and read.

Shared by the export (:mod:`models.log_csv_export`) and the import
(:mod:`models.log_csv`), so a file the app writes is one it reads back.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from models import currency, display, timeline
from models.choices import REDRESS, Choice
from models.redress import Given, describe, total
from models.text import fold

COLUMNS: tuple[str, ...] = (
    "reference",
    "received",
    "status",
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
    "redress value",
    "closed",
    "notes",
    "handled by",
    "finding basis",
    "close reason",
    "follow-ups",
)
STATUS_COLUMN = "status"
REQUIRED_COLUMNS: tuple[str, ...] = ("received", "customer name", "account")

# Headings a person might use for each column, as compared (see heading_key).
ALIASES: dict[str, tuple[str, ...]] = {
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
    "product": ("product or order", "item", "order", "order number", "product order",
                "product name", "item name", "items", "goods", "article", "model", "make",
                "make and model", "make model", "model number", "device", "appliance",
                "handset", "garment", "bike", "vehicle", "car", "purchase", "bought",
                "what they bought", "what was bought", "service", "job", "sku"),
    "account": ("what happened", "complaint", "description", "details", "complaint details",
                "customers account", "issue", "problem", "the problem", "what went wrong",
                "complaint text"),
    "remedy sought": ("remedy", "wants", "what they want", "desired outcome", "requested remedy",
                      "what would put it right"),
    "stage": ("current stage",),
    "fault finding": ("fault", "finding on fault", "finding", "whose fault"),
    "agreed solution": ("solution", "resolution", "agreed"),
    "root cause": ("cause",),
    "lesson": ("lessons", "lesson learnt", "lesson learned", "lessons learnt", "lessons learned",
               "corrective action"),
    "redress": ("compensation", "redress given"),
    "redress value": ("value of redress", "redress amount", "compensation value",
                      "compensation amount", "amount", "value", "cost"),
    "closed": ("closed at", "closed on", "date closed", "closed date", "when closed"),
    "notes": ("note", "timeline notes", "comments", "comment"),
    "handled by": ("handler", "staff member", "served by", "dealt with by", "taken by",
                   "logged by"),
    "finding basis": ("what the finding rests on", "basis", "fault basis", "basis of finding",
                      "evidence"),
    "close reason": ("reason closed", "closing reason", "why closed", "closed because",
                     "reason for closing"),
    "follow-ups": ("follow ups", "follow up", "followups", "follow up notes", "chased"),
    STATUS_COLUMN: ("state", "open or closed", "sorted", "resolved", "done", "dealt with"),
}  # fmt: skip

# How each column is described in a problem.
NAMES = {
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
    "redress value": "redress value",
    "closed": "date closed",
    "notes": "notes",
    "handled by": "person who handled it",
    "finding basis": "what the finding rests on",
    "close reason": "reason for closing",
    "follow-ups": "follow-ups",
    STATUS_COLUMN: "status",
}
MULTILINE = {
    "address", "account", "remedy sought", "agreed solution", "lesson", "notes",
    "finding basis", "close reason", "follow-ups",
}  # fmt: skip


# A currency named after a heading: "Redress value (GBP)", "Amount (£)".
_CURRENCY_NOTE = re.compile(r"\s*\(([^()]{1,5})\)\s*$")


def heading_key(text: str) -> str:
    named = _CURRENCY_NOTE.search(text)
    if named and currency.is_mark(named.group(1)):
        text = text[: named.start()]
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text.strip())  # CustomerName
    text = fold(text.replace("’", "'")).replace("'", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


HEADINGS: dict[str, str] = {
    key: column for column in COLUMNS for key in (heading_key(column), *ALIASES.get(column, ()))
}


def _choice_key(text: str) -> str:
    return " ".join(fold(text.replace("’", "'")).replace("_", " ").replace("-", " ").split())


_LOOKUPS: dict[int, dict[str, str]] = {}


def pick(choices: tuple[Choice, ...], text: str) -> str | None:
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


# --- amounts ------------------------------------------------------------------------


def format_amount(value: float | None) -> str:
    """``12.50``; empty when no value is recorded."""
    return "" if value is None else f"{value:.2f}"


def parse_amount(text: str) -> float | None:
    """An amount as spreadsheets write it (see :func:`models.currency.read_amount`)."""
    return currency.read_amount(text)


# --- notes --------------------------------------------------------------------------
# A complaint's notes go in one cell, oldest first, each starting on a line of its
# own with when, what kind and who:
#
#     [2026-03-02 10:15 We checked, Sam] The box was crushed in the van.
#
#     [2026-03-03 09:00 Note, Ana] Rang her back.

_NOTE_LABELS = {kind: timeline.KIND_LABELS[kind] for kind in timeline.NOTE_KINDS}
_NOTE_KINDS = {label.casefold(): kind for kind, label in _NOTE_LABELS.items()}
_NOTE_HEAD = re.compile(
    r"(?:^|\n\n)\[(\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?) ("
    + "|".join(re.escape(label) for label in _NOTE_LABELS.values())
    + r")(?:, ([^\n\]]*))?\] ?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CellNote:
    """A note read from a cell. ``at`` is None, and ``author`` empty, for text
    written without the heading: it is noted when and by whom it is imported."""

    at: dt.datetime | None
    author: str
    kind: str
    text: str


def _day_or_moment(at: dt.datetime) -> str:
    """``2026-03-14 10:30``, or ``2026-03-14`` for a note at midnight: its day alone."""
    if at.time() == dt.time():
        return at.date().isoformat()
    return display.sortable_moment(at)


def format_notes(notes: list[CellNote]) -> str:
    """The cell holding ``notes``, each with its heading."""
    blocks = []
    for note in notes:
        who = f", {note.author}" if note.author else ""
        # A note kept with its day alone (an old log's row gave no time) is written
        # so, not as written at midnight.
        when = "" if not note.at else _day_or_moment(note.at)
        blocks.append(f"[{when} {_NOTE_LABELS.get(note.kind, 'Note')}{who}] {note.text}")
    return "\n\n".join(blocks)


def parse_notes(cell: str) -> list[CellNote]:
    """The notes in a cell written by :func:`format_notes`; any other text is one note."""
    if not cell:
        return []
    heads = list(_NOTE_HEAD.finditer(cell))
    if not heads or heads[0].start() != 0:
        first_end = heads[0].start() if heads else len(cell)
        found = [CellNote(None, "", timeline.NOTE, cell[:first_end].strip())]
    else:
        found = []
    for number, head in enumerate(heads):
        end = heads[number + 1].start() if number + 1 < len(heads) else len(cell)
        text = cell[head.end() : end].strip()
        stamp = head.group(1)
        try:
            when: dt.datetime | None = (
                dt.datetime.strptime(stamp, display.SORTABLE_MOMENT)
                if " " in stamp
                else dt.datetime.combine(dt.date.fromisoformat(stamp), dt.time())
            )
        except ValueError:  # not a day of the calendar: noted when it is imported
            when = None
        kind = _NOTE_KINDS[head.group(2).casefold()]
        found.append(CellNote(when, (head.group(3) or "").strip(), kind, text))
    return [note for note in found if note.text]


# --- redress ------------------------------------------------------------------------

_REDRESS_ITEM = re.compile(r"^(?P<label>.*?)\s*(?:\((?P<amount>[^()]*)\))?\s*$")


def redress_cells(given: Sequence[Given]) -> tuple[str, float | None]:
    """The redress as an export writes it: the kind in the ``redress`` column and the
    value in ``redress value``; for several things, each with its value in the first
    (``Replacement; Refund (4.50)``) and their total in the second. Read back by
    :func:`parse_redress`."""
    if len(given) <= 1:
        item = given[0] if given else Given("")
        return item.label, item.value
    return describe(given, money=format_amount), total(given)


def parse_redress(text: str, amount: float | None) -> tuple[Given, ...] | None:
    """The things given that a ``redress`` cell names (one kind, or several as
    :func:`redress_cells` writes them), a single one taking ``amount`` (the value
    column) unless it names its own; None when a kind or an amount cannot be read."""
    parts = [part.strip() for part in text.split(";") if part.strip()]
    out: list[Given] = []
    for part in parts:
        match = _REDRESS_ITEM.match(part)
        label = match.group("label") if match else part
        kind = pick(REDRESS, label)
        written = match.group("amount") if match else None
        if kind is None and written is not None:
            kind, written = pick(REDRESS, part), None  # "Refund (card)": a name with brackets
        if kind is None:
            return None
        value = parse_amount(written) if written else None
        if written and value is None:
            return None
        out.append(Given(kind, value))
    if amount is not None and not out:
        out = [Given("", amount)]  # a value given, its kind not said
    elif amount is not None and len(out) == 1 and out[0].value is None:
        out = [Given(out[0].kind, amount)]
    return tuple(item for item in out if item.kind or item.value is not None)


def kind_in_heading(heading: str) -> str | None:
    """The kind of redress a value column's heading names (``Refund £``, ``Voucher
    value``), or None: a shop's "Refund" column holds refunds, not an unsaid kind."""
    words = set(_choice_key(heading).split())
    for choice in REDRESS:
        if (
            choice.key
            and choice.key != "none"
            and (choice.key in words or _choice_key(choice.label).split()[0] in words)
        ):
            return choice.key
    return None


# --- follow-ups -----------------------------------------------------------------------
# A complaint's follow-ups go in one cell, one a line, by the day due: what, who
# owes it, when due, what became of it and the note made then.
#
#     Promised action: Re-heel the boots (Rui), due 2026-03-07; to do
#     Satisfaction check: Check she is happy (Ola), due 2026-03-09; done 2026-03-09,
#     Satisfied: loves it    [on one line]


@dataclass(frozen=True)
class CellFollowUp:
    """A follow-up read from a cell (``kind``, ``status`` and ``outcome`` as
    models.followups keeps them)."""

    kind: str
    what: str
    owner: str
    due_on: dt.date
    status: str
    outcome: str = ""
    done_on: dt.date | None = None
    note: str = ""


_TO_DO, _CANCELLED, _DONE = "to do", "cancelled", "done"
_NOBODY = "no one named"  # written for a follow-up nobody owes, so what is never misread


def format_follow_up(f: CellFollowUp) -> str:
    from models import followups

    owner = f.owner or _NOBODY
    line = f"{followups.KIND_LABELS.get(f.kind, f.kind)}: {f.what} ({owner}), due {f.due_on}"
    if f.status == followups.DONE:
        line += f"; {_DONE} {f.done_on}" if f.done_on else f"; {_DONE}"
        if f.outcome and f.outcome != followups.DONE_OUTCOME:
            line += f", {followups.OUTCOME_LABELS.get(f.outcome, f.outcome)}"
    else:
        line += f"; {_CANCELLED if f.status == followups.CANCELLED else _TO_DO}"
    note = " ".join(f.note.split())  # one line each
    return f"{line}: {note}" if note else line


def _follow_up_line() -> re.Pattern[str]:
    from models import followups

    kinds = "|".join(re.escape(label) for label in followups.KIND_LABELS.values())
    outcomes = "|".join(re.escape(label) for label in followups.OUTCOME_LABELS.values())
    return re.compile(
        rf"^(?P<kind>{kinds}): (?P<what>.+?)(?: \((?P<owner>[^()\n]*)\))?, "
        rf"due (?P<due>\d{{4}}-\d{{2}}-\d{{2}}); (?P<state>{_TO_DO}|{_CANCELLED}|"
        rf"{_DONE}(?: (?P<done>\d{{4}}-\d{{2}}-\d{{2}}))?(?:, (?P<outcome>{outcomes}))?)"
        r"(?:: (?P<note>.*))?$"
    )


def parse_follow_ups(cell: str) -> tuple[tuple[CellFollowUp, ...], str]:
    """The follow-ups in a cell written by :func:`format_follow_up`, one a line, and
    the lines that are not (an old log's own words), as they were."""
    from models import followups

    pattern = _follow_up_line()
    kinds = {label: kind for kind, label in followups.KIND_LABELS.items()}
    outcomes = {label: outcome for outcome, label in followups.OUTCOME_LABELS.items()}
    found: list[CellFollowUp] = []
    other: list[str] = []
    for line in cell.splitlines():
        match = pattern.match(line.strip())
        try:
            due = dt.date.fromisoformat(match["due"]) if match else None
            done = dt.date.fromisoformat(match["done"]) if match and match["done"] else None
        except ValueError:
            match = None
        if match is None or due is None:
            if line.strip():
                other.append(line.strip())
            continue
        state = match["state"]
        status = (
            followups.DONE if state.startswith(_DONE)
            else followups.CANCELLED if state == _CANCELLED else followups.PENDING
        )  # fmt: skip
        outcome = outcomes.get(match["outcome"] or "", "")
        if status == followups.DONE and not outcome:
            outcome = followups.DONE_OUTCOME
        owner = match["owner"] or ""
        found.append(
            CellFollowUp(
                kinds[match["kind"]],
                match["what"],
                "" if owner == _NOBODY else owner,
                due,
                status,
                outcome,
                done,
                match["note"] or "",
            )
        )
    return tuple(found), "\n".join(other)
