"""Complaint references: short, unique, easy to read out over the phone.

A reference is ``C-<year>-<number>``, the number counting up from 1 within the
year the complaint was received, at least four digits: ``C-2026-0042``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from models.db import database

PREFIX = "C"
_PATTERN = re.compile(r"^\s*c?\s*[-/ ]?\s*(\d{4})\s*[-/ ]\s*0*(\d{1,9})\s*$", re.IGNORECASE)


def format_reference(year: int, number: int) -> str:
    return f"{PREFIX}-{year}-{number:04d}"


def parse_reference(text: str) -> tuple[int, int] | None:
    """(year, number) from what a person typed: ``C-2026-0042``, ``c 2026 42``, ``2026/42``."""
    match = _PATTERN.match(text)
    if not match:
        return None
    return int(match.group(1)), int(match.group(2))


# The start of a reference as a search term is folded: "c-", "c-20", "c-2026-04".
_TYPED_START = re.compile(r"^c-(\d{0,4})(?:-(\d{0,9}))?$")
_MOST_DIGITS = 9
_ANY_NUMBER = (0, 10**_MOST_DIGITS - 1)


def references_starting(term: str) -> tuple[tuple[int, int], list[tuple[int, int]]] | None:
    """For a folded search term that is the start of a reference ("c-2026-0"), the
    years (first, last) and the ranges of numbers (first, last) of the references
    that start so; None for any other term. A number has at least four digits, so
    "c-2026-0" is 1 to 999 and "c-2026-1" is 1000 to 1999, 10000 to 19999 and so
    on; the number typed without its zeros ("c-2026-3") is that complaint too."""
    found = _TYPED_START.match(term)
    if found is None:
        return None
    year, digits = found.group(1), found.group(2)
    if len(year) < 4:
        if digits is not None:
            return None  # "c-20-": no reference reads so
        scale = 10 ** (4 - len(year))
        first = int(year) * scale if year else 0
        return (first, first + scale - 1), [_ANY_NUMBER]
    years = (int(year), int(year))
    if not digits:
        return years, [_ANY_NUMBER]
    if len(digits) > 4 and digits.startswith("0"):  # "00042": zeros no reference has
        digits = digits.lstrip("0").rjust(4, "0")
    size = len(digits)
    ranges = []
    if size <= 4:  # written with four digits, zeros first: 0001 to 9999
        ranges.append((int(digits.ljust(4, "0")), int(digits.ljust(4, "9"))))
    if not digits.startswith("0"):  # five digits and more: no zeros first
        if size < 4:
            ranges.append((int(digits), int(digits)))  # "3" typed for 0003
        for width in range(max(5, size), _MOST_DIGITS + 1):
            scale = 10 ** (width - size)
            ranges.append((int(digits) * scale, (int(digits) + 1) * scale - 1))
    return years, ranges


def normalise_reference(text: str) -> str | None:
    parsed = parse_reference(text)
    return format_reference(*parsed) if parsed else None


def reserve(years: Iterable[int]) -> dict[int, int]:
    """The highest number given out so far in each of ``years``; call inside the
    transaction that inserts, and pass what it takes to :func:`taken` before it ends.

    Each year has a counter (table ``reference_counter``). On a server the
    counters read here stay locked until the transaction ends, so two counters
    saving at the same moment take turns: the second reads what the first took.
    They are locked in order of years, so neither waits for the other for ever.
    On the data file SQLite's write lock lets one writer in at a time already.

    The number is above the counter, the log's highest and any number noted as
    given out here (see :mod:`models.issued_references`), so it is never given
    twice, even for a log moved, imported into or put back from a backup.
    """
    from models import engine
    from models.issued_references import highest_given

    lock = engine.current().lock_rows
    highest: dict[int, int] = {}
    for year in sorted(set(years)):
        database.execute_sql(
            "INSERT INTO reference_counter (year, last) VALUES (?, 0) "
            "ON CONFLICT (year) DO NOTHING",
            (year,),
        )
        counted = database.execute_sql(
            f"SELECT last FROM reference_counter WHERE year = ?{lock}", (year,)
        ).fetchone()[0]
        in_log = database.execute_sql(
            "SELECT COALESCE(MAX(number), 0) FROM complaint WHERE year = ?", (year,)
        ).fetchone()[0]
        highest[year] = max(int(counted), int(in_log), highest_given(year))
    return highest


def taken(highest: dict[int, int]) -> None:
    """Count ``highest`` ({year: the highest number now taken}) as given out, in the
    transaction that called :func:`reserve` for those years."""
    from models.issued_references import note_given

    for year, number in sorted(highest.items()):
        database.execute_sql(
            "UPDATE reference_counter SET last = ? WHERE year = ? AND last < ?",
            (number, year, number),
        )
    note_given(highest)
