"""Complaint references: short, unique, easy to read out over the phone.

A reference is ``C-<year>-<number>``, the number counting up from 1 within the
year the complaint was received, at least four digits: ``C-2026-0042``.
"""

from __future__ import annotations

import re

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


def normalise_reference(text: str) -> str | None:
    parsed = parse_reference(text)
    return format_reference(*parsed) if parsed else None


def next_number(year: int) -> int:
    """The next free number for ``year``; call inside the transaction that inserts.

    Above the log's highest and above any number already given out here (see
    :mod:`models.issued_references`), so a number is never given twice.
    """
    from models.issued_references import highest_given

    row = database.execute_sql(
        "SELECT COALESCE(MAX(number), 0) FROM complaint WHERE year = ?", (year,)
    ).fetchone()
    return max(int(row[0]), highest_given(year)) + 1
