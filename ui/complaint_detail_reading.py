"""What the complaint detail shows when reading a complaint fails part-way.

Reading one complaint takes many reads (the complaint, its customer, the
ticks, the notes, the follow-ups, the letters, the timeline); damage can stop
any of them. Whatever was read is then not shown: the detail says the
complaint cannot be read, and the window says the file is damaged (once)."""

from __future__ import annotations

from dataclasses import dataclass

import peewee

from models.errors import (
    BusyError,
    DamagedDatabaseError,
    NotFoundError,
    ServerAway,
    StorageError,
)
from ui.storage_reads import read_problem

CANNOT_READ_DAMAGED = (
    "This complaint cannot be read: the data file is damaged.\n\n"
    "Nothing more can be saved into it. File > Restore from backup puts back a good copy."
)
CANNOT_READ_BUSY = (
    "This complaint cannot be read just now: the data file is busy in another program.\n\n"
    "Choose it again in a moment."
)
CANNOT_READ_AWAY = (
    "This complaint cannot be read just now: the server the log is kept on cannot be "
    "reached.\n\nChoose it again once it is back."
)
CANNOT_READ_OTHER = "This complaint cannot be read: {why}"


@dataclass(frozen=True)
class Unreadable:
    """Why a complaint could not be shown: ``text`` for the detail, ``problem``
    for the window's word on damage or a busy file (None: the error is raised
    again for the error dialog)."""

    text: str
    problem: StorageError | None


def _missing_row(exc: BaseException) -> bool:
    return isinstance(exc, (NotFoundError, peewee.DoesNotExist))


def damage_behind_missing_row() -> DamagedDatabaseError | None:
    """A complaint the list has just shown, or its customer, is not found: it was
    removed elsewhere, or damage hides it. SQLite's quick check tells which."""
    from models.backups import quick_check
    from models.db import damaged, known_damage

    found = known_damage() or quick_check()
    return damaged(found) if found else None


def unreadable(exc: Exception) -> Unreadable | None:
    """What to show for ``exc``, met while reading a complaint; None when the
    complaint is simply no longer in the log (the file is sound)."""
    problem = read_problem(exc)
    if problem is None and _missing_row(exc):
        problem = damage_behind_missing_row()
        if problem is None:
            return (
                None
                if isinstance(exc, NotFoundError)
                else Unreadable(CANNOT_READ_OTHER.format(why="part of it is missing."), None)
            )
    if isinstance(problem, DamagedDatabaseError):
        return Unreadable(CANNOT_READ_DAMAGED, problem)
    if isinstance(problem, BusyError):
        return Unreadable(CANNOT_READ_BUSY, problem)
    if isinstance(problem, ServerAway):
        return Unreadable(CANNOT_READ_AWAY, problem)
    return Unreadable(CANNOT_READ_OTHER.format(why="something unexpected went wrong."), None)
