"""Retention: anonymise complaints closed more than N years ago.

Off until the owner turns it on (three years is suggested); once on, it runs
at start-up, in the background, and when the owner turns it on or changes its
years. Anonymising cannot be undone, so :func:`apply` makes a checked backup
just before it changes anything, and anonymises nothing when that backup
fails. The figures survive (see :mod:`models.anonymise`); the people's details
do not.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import peewee

from models import backups, settings
from models.anonymise import Outcome, anonymise_complaints
from models.choices import CLOSED
from models.errors import ComplaintDeskError, StorageError
from models.tables import Complaint

YEARS_SETTING = "retention_years"
SUGGESTED_YEARS = 3
MAX_YEARS = 50
AUTHOR = "Retention rule"


def years() -> int | None:
    """How many years closed complaints are kept with names, or None when off."""
    value = settings.get_setting(YEARS_SETTING)
    return value if isinstance(value, int) and 1 <= value <= MAX_YEARS else None


def set_years(value: int | None) -> None:
    if value is not None and not 1 <= value <= MAX_YEARS:
        raise ValueError(f"Keep complaints between 1 and {MAX_YEARS} years.")
    settings.set_setting(YEARS_SETTING, value)


def cutoff(keep_years: int, now: dt.datetime) -> dt.datetime:
    """The same moment ``keep_years`` years before ``now`` (29 February -> 28th)."""
    try:
        return now.replace(year=now.year - keep_years)
    except ValueError:
        return now.replace(year=now.year - keep_years, day=28)


def _due_query(keep_years: int, now: dt.datetime) -> peewee.ModelSelect[Complaint]:
    return Complaint.select(Complaint.id).where(
        (Complaint.status == CLOSED)
        & (Complaint.closed_at < cutoff(keep_years, now))
        & Complaint.anonymised_at.is_null()
    )


def due_count(keep_years: int, now: dt.datetime | None = None) -> int:
    """How many complaints the rule would anonymise now: the preview."""
    return int(_due_query(keep_years, now or dt.datetime.now()).count())


def backup_before() -> Path:
    """Make a checked backup in ``backups/`` now, named a second after any
    backup already there (today's daily backup may have been made this very
    second); raise StorageError, saying nothing was anonymised, when it fails."""
    made_at = dt.datetime.now().replace(microsecond=0)
    try:
        newest = backups.backups()
        if newest and newest[0].made_at >= made_at:
            made_at = newest[0].made_at + dt.timedelta(seconds=1)
        return backups.make_backup(now=made_at)
    except (ComplaintDeskError, OSError) as exc:
        raise StorageError(
            f"No backup could be made before anonymising, so nothing was anonymised: {exc}"
        ) from exc


def apply(now: dt.datetime | None = None) -> Outcome | None:
    """Anonymise what the rule says is due; None when the rule is off.

    A checked backup is made just before anything is anonymised (none when
    nothing is due); when it cannot be made, StorageError and nothing changes."""
    keep_years = years()
    if keep_years is None:
        return None
    now = now or dt.datetime.now()
    ids = [row.id for row in _due_query(keep_years, now)]
    if not ids:
        return Outcome(0, 0, 0)
    backup_before()
    why = (
        f"Anonymised under the retention rule: closed more than {keep_years} "
        f"year{'s' if keep_years != 1 else ''} ago."
    )
    return anonymise_complaints(ids, why=why, author=AUTHOR, now=now)
