"""Days the owner typed as text in words that go into a letter ("refund by 5/3",
"ring you next tues"), written out as the rest of the letter writes a day.

A letter is read days after the words were typed, by someone who does not know
which "next Tuesday" or which "5/3" was meant. Each day the app can read is
written through :func:`models.display.long_day` ("Tuesday 10 March 2026"),
counted from the day the words were typed; anything else is left as typed.

What is read:

- ``5/3``, ``05/03/2026``, ``5.3.2026``, ``2026-03-05``: day first, or month
  first where the computer's locale writes them so (en_US). A date without a
  year is the one nearest the day the words were typed. Without a year it must
  follow by, on, before, until or from ("1/2 price" is not a date).
- ``5 March``, ``5th Mar 2026``, ``March 5``.
- ``Tuesday``, and ``tues`` or ``Fri`` after one of those words or ``this``: the
  first such day after the day typed; ``next tues``: the Tuesday of the week after
  (Monday to Sunday). The letter says which day, and the owner sees it in the
  preview.
- ``today``, ``tomorrow``.

No Qt and no database: text in, text out.
"""

from __future__ import annotations

import datetime as dt
import re

from models import display
from models.currency import locale_territory

# Where the computer's locale writes 03/05 for the 5th of March.
MONTH_FIRST_TERRITORIES = frozenset({"US", "PH", "FM", "MH", "PW", "AS", "GU", "MP", "PR", "VI"})

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_DAYS = {
    name: number
    for number, names in enumerate(
        (
            ("mon", "monday"), ("tue", "tues", "tuesday"), ("wed", "weds", "wednesday"),
            ("thu", "thur", "thurs", "thursday"), ("fri", "friday"), ("sat", "saturday"),
            ("sun", "sunday"),
        )
    )
    for name in names
}  # fmt: skip
_FULL_DAYS = frozenset(name for name in _DAYS if name.endswith("day"))

_LEAD = r"(?:(?P<lead>by|on|before|until|till|from|after)\s+)?"
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY = "|".join(sorted(_DAYS, key=len, reverse=True))
_ORDINAL = r"(?:st|nd|rd|th)?"
# A day's name before its date ("Thursday 5 March"): the date says which day.
_NAMED = rf"(?:(?:{_DAY})\.?,?\s+(?:the\s+)?)?"


def _year(name: str) -> str:
    return rf"(?:,?\s+(?P<{name}>\d{{4}}))?"


_PATTERN = re.compile(
    rf"(?<![\w£$€/.-]){_LEAD}(?:"
    rf"(?P<iso>{_NAMED}(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}}))"
    rf"|(?P<num>{_NAMED}(?P<a>\d{{1,2}})(?P<sep>[/.])(?P<b>\d{{1,2}})(?:(?P=sep)(?P<ny>\d{{4}}|\d{{2}}))?)"
    rf"|(?P<dm>{_NAMED}(?P<dd>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<dmm>{_MONTH})\.?){_year('dmy')}"
    rf"|(?P<md>{_NAMED}(?P<mdm>{_MONTH})\.?\s+(?P<mdd>\d{{1,2}}){_ORDINAL}){_year('mdy')}"
    rf"|(?:(?P<which>next|this|coming|this\s+coming)\s+)?(?P<weekday>{_DAY})\.?(?!,?\s+\d)"
    rf"|(?P<near>today|tomorrow)"
    r")(?![\w/-])",
    re.IGNORECASE,
)


def month_first() -> bool:
    """Whether the computer's locale writes the month first (03/05/2026)."""
    return locale_territory() in MONTH_FIRST_TERRITORIES


def _nearest(month: int, day: int, typed_on: dt.date) -> dt.date | None:
    """The day of that month nearest ``typed_on``: this year's, last year's or next."""
    found = []
    for year in (typed_on.year - 1, typed_on.year, typed_on.year + 1):
        try:
            found.append(dt.date(year, month, day))
        except ValueError:
            continue
    return min(found, key=lambda day_: abs(day_ - typed_on), default=None)


def _on(year: str | None, month: int, day: int, typed_on: dt.date) -> dt.date | None:
    if year is None:
        return _nearest(month, day, typed_on)
    number = int(year) + (2000 if len(year) == 2 else 0)
    try:
        return dt.date(number, month, day)
    except ValueError:
        return None


def _read(found: re.Match[str], typed_on: dt.date, first_month: bool) -> dt.date | None:
    """The day a match names, or None where it is not one the app can be sure of."""
    if found["iso"]:
        return _on(found["iy"], int(found["im"]), int(found["id"]), typed_on)
    if found["num"]:
        if found["ny"] is None and not found["lead"]:
            return None  # "1/2 price", "24/7": a date only where a day is meant
        if found["sep"] == "." and found["ny"] is None:
            return None  # "5.10" is as likely an amount
        day, month = int(found["a"]), int(found["b"])
        if first_month:
            day, month = month, day
        return _on(found["ny"], month, day, typed_on)
    if found["dm"]:
        return _on(found["dmy"], _MONTHS[found["dmm"].lower()], int(found["dd"]), typed_on)
    if found["md"]:
        return _on(found["mdy"], _MONTHS[found["mdm"].lower()], int(found["mdd"]), typed_on)
    if found["weekday"]:
        name = found["weekday"].lower()
        if name not in _FULL_DAYS and not (found["lead"] or found["which"]):
            return None  # "sat", "sun", "wed" are words too
        if (found["which"] or "").lower() == "next":  # in the week after this one
            monday = typed_on - dt.timedelta(days=typed_on.weekday())
            return monday + dt.timedelta(days=7 + _DAYS[name])
        ahead = (_DAYS[name] - typed_on.weekday() - 1) % 7 + 1
        return typed_on + dt.timedelta(days=ahead)
    return typed_on + dt.timedelta(days=1 if found["near"].lower() == "tomorrow" else 0)


def with_days_written(text: str, typed_on: dt.date, *, first_month: bool | None = None) -> str:
    """``text`` with each day in it the app can read written as a letter writes a day:
    "ring you next tues" typed on Monday 2 March 2026 → "ring you on Tuesday 3 March
    2026". ``first_month``: 03/05 is the 5th of March (by default as the locale has it)."""
    first_month = month_first() if first_month is None else first_month

    def written(found: re.Match[str]) -> str:
        day = _read(found, typed_on, first_month)
        if day is None:
            return found.group(0)
        if found["lead"]:
            return f"{found['lead']} {display.long_day(day)}"
        if not (found["weekday"] or found["near"]):
            return display.long_day(day)  # a date: "deliver 5th March"
        before = text[: found.start()].rstrip()
        starts = not before or before[-1] in ".!?"
        return f"{'On' if starts else 'on'} {display.long_day(day)}"  # "ring you tomorrow"

    return _PATTERN.sub(written, text)
