"""Which field of a complaint each column of a file fills, and whether each of the
file's status words means open or closed: proposed from the owner's last import
of a file with the same headings, else guessed (:mod:`models.column_guess`),
changed by the owner, checked, and remembered for next time.

The mapping is remembered in the app's settings, keyed by the file's headings
(their wording, loosely compared, in their order), so next month's copy of the
same spreadsheet is read the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from models import settings
from models.choices import CLOSED, OPEN
from models.column_guess import (
    IGNORE,
    NOTE,
    Guess,
    guess_columns,
    guess_status,
    status_key,
    status_words,
)
from models.log_csv_columns import COLUMNS, NAMES, REQUIRED_COLUMNS, STATUS_COLUMN, heading_key
from models.log_table import Table

LAYOUTS = "import_layouts"
# Layouts remembered at most; the one used longest ago is forgotten first.
MAX_LAYOUTS = 20


def target_label(target: str) -> str:
    """How a column's destination is named to the owner."""
    if target == NOTE:
        return "A note, under the column's heading"
    if target == IGNORE:
        return "Leave out"
    if target == "notes":
        return "Notes, as the app exports them"
    name = NAMES[target]
    return name[:1].upper() + name[1:]


def target_hint(target: str) -> str:
    """What reading a column as ``target`` does, where its name alone may not say."""
    if target == NOTE:
        return (
            "Each cell becomes one note on the complaint's timeline, starting with the "
            "column's heading (“What we did: rang the supplier”)."
        )
    if target == "notes":
        return (
            "The notes column of a file Complaint Desk exported: each note starting "
            "“[2026-03-02 10:15 Note, Sam]” keeps its day, kind and author; other text "
            "is one note."
        )
    if target == IGNORE:
        return "The column is not imported."
    return ""


# Every destination a column can have, in the order they are offered.
TARGETS: tuple[str, ...] = (*COLUMNS, NOTE, IGNORE)


@dataclass(frozen=True)
class ColumnMapping:
    """For each column by position, its destination (a name from TARGETS); and for
    each status word (as :func:`models.column_guess.status_key` writes it), OPEN or
    CLOSED."""

    fields: tuple[str, ...]
    statuses: Mapping[str, str] = field(default_factory=dict)

    def status_of(self, word: str) -> str | None:
        return self.statuses.get(status_key(word))

    def position_of(self, target: str) -> int | None:
        return next((p for p, f in enumerate(self.fields) if f == target), None)


@dataclass
class Proposal:
    """What the mapping step starts from."""

    mapping: ColumnMapping
    guesses: list[Guess]
    # True when the mapping is the one the owner chose for the same headings before.
    remembered: bool
    # The status words the owner has seen and set (or let stand) for this layout
    # before: not pointed out again as words the app does not know.
    confirmed_statuses: frozenset[str] = frozenset()
    # Whether the file's dates were read month first last time (None: not known).
    month_first: bool | None = None


def layout_key(table: Table) -> str:
    return "|".join(heading_key(heading) for heading in table.headings)


def _layout(table: Table) -> dict | None:
    """What was kept for the layout of ``table``, if anything."""
    layouts = settings.get_setting(LAYOUTS, {})
    found = layouts.get(layout_key(table)) if isinstance(layouts, dict) else None
    return found if isinstance(found, dict) else None


def _recall(table: Table) -> ColumnMapping | None:
    found = _layout(table)
    if found is None:
        return None
    fields, statuses = found.get("fields"), found.get("statuses", {})
    if (
        not isinstance(fields, list)
        or len(fields) != table.width
        or any(f not in TARGETS for f in fields)
        or not isinstance(statuses, dict)
    ):
        return None
    return ColumnMapping(
        tuple(fields),
        {str(k): v for k, v in statuses.items() if v in (OPEN, CLOSED)},
    )


def remember(table: Table, mapping: ColumnMapping, *, month_first: bool = False) -> None:
    """Keep ``mapping`` for the next file with the same headings as ``table``, and
    whether its dates are written month first (03/14/2026)."""
    layouts = settings.get_setting(LAYOUTS, {})
    layouts = dict(layouts) if isinstance(layouts, dict) else {}
    key = layout_key(table)
    layouts.pop(key, None)
    layouts[key] = {
        "fields": list(mapping.fields),
        "statuses": dict(mapping.statuses),
        "month_first": month_first,
    }
    while len(layouts) > MAX_LAYOUTS:
        layouts.pop(next(iter(layouts)))
    settings.set_setting(LAYOUTS, layouts)


def statuses_for(
    table: Table, fields: tuple[str, ...], known: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Open or closed for every word of the column ``fields`` make the status: as
    ``known`` says, else as the app reads the word, else open."""
    known = known or {}
    position = next((p for p, f in enumerate(fields) if f == STATUS_COLUMN), None)
    if position is None:
        return {}
    heading = table.headings[position] if position < len(table.headings) else ""
    return {
        status_key(word): known.get(status_key(word)) or guess_status(word, heading) or OPEN
        for word, _count in status_words(table.values_of(position))
    }


def propose(table: Table) -> Proposal:
    """The mapping to start from: the one remembered for these headings, or a guess."""
    guesses = guess_columns(table.headings, table.samples())
    remembered = _recall(table)
    if remembered is not None:
        statuses = statuses_for(table, remembered.fields, remembered.statuses)
        seen = frozenset(remembered.statuses)
        month_first = (_layout(table) or {}).get("month_first")
        return Proposal(
            ColumnMapping(remembered.fields, statuses), guesses, True, seen,
            month_first if isinstance(month_first, bool) else None,
        )  # fmt: skip
    fields = tuple(guess.field for guess in guesses)
    return Proposal(ColumnMapping(fields, statuses_for(table, fields)), guesses, False)


def mapping_problems(table: Table, mapping: ColumnMapping) -> list[str]:
    """What stops the rows being read this way: a field filled from two columns, or
    a field every complaint needs that no column fills."""
    place = table.heading_place
    found: list[str] = []
    first: dict[str, int] = {}
    for position, target in enumerate(mapping.fields):
        if target in (NOTE, IGNORE):
            continue
        if target in first:
            found.append(
                f"{place}: the columns “{table.column_name(first[target])}” and "
                f"“{table.column_name(position)}” both hold the {NAMES[target]}; "
                "keep only one of them."
            )
        else:
            first[target] = position
    for column in REQUIRED_COLUMNS:
        if column not in first:
            found.append(
                f"{place}: there is no column for the {NAMES[column]} "
                f"(a heading such as “{column}”)."
            )
    return found


def mapping_notes(table: Table, mapping: ColumnMapping) -> list[str]:
    """What the owner should know about how the columns are read."""
    notes: list[str] = []
    kept = [table.column_name(p) for p, f in enumerate(mapping.fields) if f == NOTE]
    if kept:
        named = ", ".join(f"“{name}”" for name in kept)
        notes.append(
            f"The {'column' if len(kept) == 1 else 'columns'} {named} "
            f"{'has' if len(kept) == 1 else 'have'} no field in a complaint: each row's text "
            "is added to the complaint's notes, headed by the column's name."
        )
    dropped = [
        table.column_name(p)
        for p, f in enumerate(mapping.fields)
        if f == IGNORE and any(v.strip() for v in table.values_of(p))
    ]
    if dropped:
        notes.append(
            "These columns are left out, as chosen: "
            + ", ".join(f"“{name}”" for name in dropped)
            + "."
        )
    unknown = _unknown_words(table, mapping)
    if unknown:
        notes.append(
            "Status words the app does not know, and how they are read: " + ", ".join(unknown) + "."
        )
    return notes


def _unknown_words(table: Table, mapping: ColumnMapping) -> list[str]:
    position = mapping.position_of(STATUS_COLUMN)
    if position is None:
        return []
    return [
        f"“{word}” as {mapping.statuses.get(status_key(word), OPEN)}"
        for word, _count in status_words(table.values_of(position))
        if guess_status(word) is None
    ]


def describe(table: Table, mapping: ColumnMapping) -> list[str]:
    """One line per column: ``Date: date received``."""
    return [
        f"{table.column_name(p)}: {target_label(f).lower() if f != NOTE else 'added to the notes'}"
        for p, f in enumerate(mapping.fields)
    ]
