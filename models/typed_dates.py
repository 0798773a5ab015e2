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

The same reader reads a date box (:func:`read_day`, :func:`read_moment`),
where the whole text is one day and so ``5/3``, ``sat`` and ``5.3`` need no
word before them; a weekday named beside a date that falls on another day is
refused rather than guessed at, with a sentence saying which day that is.

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


def _read(
    found: re.Match[str], typed_on: dt.date, first_month: bool, *, whole: bool = False
) -> dt.date | None:
    """The day a match names, or None where it is not one the app can be sure of
    (``whole``: the match is all a date box holds, so it can only be a day)."""
    if found["iso"]:
        return _on(found["iy"], int(found["im"]), int(found["id"]), typed_on)
    if found["num"]:
        if found["ny"] is None and not found["lead"] and not whole:
            return None  # "1/2 price", "24/7": a date only where a day is meant
        if found["sep"] == "." and found["ny"] is None and not whole:
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
        if name not in _FULL_DAYS and not (found["lead"] or found["which"] or whole):
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
        # "by Friday. Gary rings…": the full stop read with the day ends the sentence
        # too, so it stays ("Fri." written out keeps it as well).
        stop = "." if found.group(0).endswith(".") else ""
        if found["lead"]:
            return f"{found['lead']} {display.long_day(day)}{stop}"
        if not (found["weekday"] or found["near"]):
            return display.long_day(day) + stop  # a date: "deliver 5th March"
        before = text[: found.start()].rstrip()
        starts = not before or before[-1] in ".!?"
        return f"{'On' if starts else 'on'} {display.long_day(day)}{stop}"  # "ring you tomorrow"

    return _PATTERN.sub(written, text)


def days_named(text: str, typed_on: dt.date, *, first_month: bool | None = None) -> list[dt.date]:
    """Each day ``text`` names that the app can read (as :func:`with_days_written`
    reads them), in the order named."""
    first_month = month_first() if first_month is None else first_month
    found = (_read(match, typed_on, first_month) for match in _PATTERN.finditer(text))
    return [day for day in found if day is not None]


# --- a date box: the whole text is one day ---------------------------------------------


class NotADay(ValueError):
    """What was typed in a date box is not a day; the message says why."""


_KNOWN_WORDS = frozenset(
    {*_MONTHS, *_DAYS, "by", "on", "before", "until", "till", "from", "after", "next", "this",
     "coming", "last", "past", "of", "the", "st", "nd", "rd", "th", "at",
     "today", "tomorrow", "yesterday"}
)  # fmt: skip
_TIME = re.compile(
    r"\s+(?:at\s+)?(?:(\d{1,2})[:.](\d{2})|(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\.?)$"
)


_SHORT_YEAR = re.compile(
    rf"^(.*\d{_ORDINAL}\s+(?:of\s+)?(?:{_MONTH})\.?)\s+(\d{{2}})$", re.IGNORECASE
)


def _why_not(text: str) -> str:
    words = re.findall(r"[a-z]+", text.lower())
    unknown = next((word for word in words if word not in _KNOWN_WORDS), None)
    if unknown is not None:
        return f"“{unknown}” is not part of a date."
    odd_year = re.search(r"(?<!\d)(\d{3}|\d{5,})\s*$", text)
    if odd_year:
        return f"{odd_year.group(1)} is not a year; type it in full, e.g. 2027."
    if any(word in _MONTHS for word in words) and not re.search(r"\d", text):
        return "Type the day of the month as well, e.g. 10 Jan 2027."
    return "Type a day such as 10 Jan 2027, 10/1/2027 or tomorrow."


def _looking_back(text: str, today: dt.date, ahead: bool) -> dt.date | None:
    """Yesterday, last Tuesday, and in a box for what happened a weekday alone."""
    if text == "yesterday":
        return today - dt.timedelta(days=1)
    found = re.fullmatch(rf"(?:(last|past)\s+)?({_DAY})\.?", text)
    if found is None or (found.group(1) is None and ahead):
        return None
    back = (today.weekday() - _DAYS[found.group(2)] - 1) % 7 + 1
    return today - dt.timedelta(days=back)


def read_day(
    text: str, today: dt.date, *, ahead: bool = True, first_month: bool | None = None
) -> dt.date:
    """The day ``text`` (all a date box holds) names, read as a letter reads a
    day, or :class:`NotADay` saying why it names none. ``ahead``: a weekday
    alone is the coming one (a due date), else the last one (when something
    happened)."""
    cleaned = " ".join(text.replace(",", " ").split())
    lowered = cleaned.lower()
    if not cleaned:
        raise NotADay("Type a day, e.g. 10 Jan 2027.")
    day = _looking_back(lowered, today, ahead)
    if day is not None:
        return day
    # "10 Jan 27" in a box is 2027 (in a letter's words "5 March 26" may be 26 people).
    cleaned = _SHORT_YEAR.sub(lambda m: f"{m.group(1)} 20{m.group(2)}", cleaned)
    found = _PATTERN.fullmatch(cleaned)
    if found is None:
        raise NotADay(_why_not(cleaned))
    first_month = month_first() if first_month is None else first_month
    day = _read(found, today, first_month, whole=True)
    if day is None or not 1900 <= day.year <= 2199:
        raise NotADay(f"There is no such day as {cleaned}.")
    named = re.match(rf"({_DAY})\.?\s+(?=\d|{_MONTH})", lowered)
    if named and _DAYS[named.group(1)] != day.weekday():
        raise NotADay(
            f"{display.day_with_year(day)[4:]} is a {display.DAY_NAMES[day.weekday()]}, "
            f"not a {display.DAY_NAMES[_DAYS[named.group(1)]]}."
        )
    return day


def read_past_day_without_year(text: str, today: dt.date) -> dt.date | None:
    """A day written with its month's name and no year ("Sept 15", "15 Sep",
    "Tue 15 September"), as an old log may hold when something happened: the last
    such day on or before ``today`` (so never in the future). None for anything
    else, a day with a year or with numbers alone ("15/9") among them."""
    cleaned = " ".join(text.replace(",", " ").split())
    if not _MONTH_NAMED.search(cleaned) or _WHOLE_YEAR.search(cleaned) or _TIME.search(cleaned):
        return None
    found = _PATTERN.fullmatch(cleaned)
    if found is None or not (found["dm"] or found["md"]):
        return None
    if found["dmy"] or found["mdy"]:
        return None
    day = _read(found, today, False, whole=True)
    if day is None:
        return None
    if day > today:  # the nearest such day is next year's or later this year
        try:
            day = day.replace(year=day.year - 1)
        except ValueError:  # 29 February
            return None
    named = re.match(rf"({_DAY})\.?\s+", cleaned.lower())
    if named and _DAYS[named.group(1)] != day.weekday():
        return None
    return day


def gives_time(text: str) -> bool:
    """``text`` ends with a time of day (``14:30``, ``2.30pm``, ``at 9am``)."""
    return _TIME.search(" ".join(text.split())) is not None


def read_moment(
    text: str, now: dt.datetime, *, ahead: bool = False, time: dt.time | None = None
) -> dt.datetime:
    """The moment ``text`` names: a day as :func:`read_day` reads it, then a time
    (``14:30``, ``2.30pm``); a day alone keeps ``time`` (what the box held),
    else the time now."""
    cleaned = " ".join(text.split())
    at = time or now.time()
    hour, minute = at.hour, at.minute
    found = _TIME.search(cleaned)
    if found:
        if found.group(1) is not None:
            hour, minute = int(found.group(1)), int(found.group(2))
        else:
            twelve = int(found.group(3))
            if not 1 <= twelve <= 12:
                raise NotADay(f"{found.group().strip()} is not a time of day.")
            hour = twelve % 12 + (12 if found.group(5).lower() == "p" else 0)
            minute = int(found.group(4) or 0)
        if hour > 23 or minute > 59:
            raise NotADay(f"{found.group().strip()} is not a time of day; type e.g. 14:30.")
        cleaned = cleaned[: found.start()]
    day = read_day(cleaned, now.date(), ahead=ahead)
    return dt.datetime.combine(day, dt.time(hour, minute))


_MONTH_NAMED = re.compile(rf"\b(?:{_MONTH})\b", re.IGNORECASE)
_WHOLE_YEAR = re.compile(
    rf"\b(?:1[89]|2[01])\d\d\b|\b\d{{1,2}}\s+(?:{_MONTH})\.?[\s-]+\d\d\b", re.IGNORECASE
)


def read_written_date(text: str) -> tuple[dt.datetime, bool] | None:
    """A date written with its month's name and its year, as a spreadsheet cell may
    hold it ("12 May 2026", "May 12, 2026", "12-May-26", "Tue 12 May 2026 14:30"),
    read as a date box reads it: (the moment, midnight when no time is given; whether
    a time was given), or None. Without a year the day is not certain, so it is none."""
    cleaned = " ".join(text.replace("-", " ").split())
    if not _MONTH_NAMED.search(cleaned) or not _WHOLE_YEAR.search(cleaned):
        return None
    try:
        at = read_moment(cleaned, dt.datetime(2000, 1, 1), time=dt.time(0, 0))
    except NotADay:
        return None
    return at, _TIME.search(cleaned) is not None
