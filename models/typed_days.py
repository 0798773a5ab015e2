"""Days and moments as a person types them into a date box.

One reader for every date box of the window: ``Sun 10 Jan 2027``,
``10 Jan 2027``, ``10 January``, ``Jan 10, 2027``, ``10/1/2027`` (day first),
``2027-01-10``, ``today``, ``tomorrow``, ``next tue``, and for a moment the
same followed by a time (``14:30``, ``2.30pm``).

A day typed without its year is the one nearest to today. A weekday given
alone is the coming one in a box that looks ahead (a due date) and the last
one in a box that looks back (when a complaint was received). A weekday that
does not match the day typed is refused rather than guessed at, with a
sentence saying which day that is.
"""

from __future__ import annotations

import datetime as dt
import re

from models import display
from models.log_csv_file import parse_when


class NotADay(ValueError):
    """Typed text that is not a day; the message says why, in the shop's words."""


_WORD = re.compile(r"[a-z]+")
_TIME = re.compile(r"(?:\bat\s+)?(\d{1,2})(?:[:.](\d{2}))?\s*([ap])\.?m\.?$|(\d{1,2})[:.](\d{2})$")
_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{4}|\d{2}))?$")
_RELATIVE = {"today": 0, "tomorrow": 1, "tmrw": 1, "tmw": 1, "yesterday": -1}


def _weekday(word: str) -> int | None:
    """0 for Monday ... 6 for Sunday, from any spelling a person types
    (``tue``, ``tues``, ``tuesday``); None for any other word."""
    if len(word) < 3:
        return None
    for number, name in enumerate(display.DAY_NAMES):
        if name.lower().startswith(word):
            return number
    return None


def _month(word: str) -> int | None:
    if len(word) < 3:
        return None
    for number, name in enumerate(display.MONTH_NAMES, start=1):
        if name.lower().startswith(word):
            return number
    return None


def _nearest(month: int, day: int, today: dt.date) -> dt.date:
    """The day ``day`` of ``month`` nearest to ``today``: last, this or next year."""
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        raise NotADay(f"There is no {day} {display.MONTH_NAMES[month - 1][:3]}.")
    return min(candidates, key=lambda candidate: abs((candidate - today).days))


def _date(year: int | None, month: int, day: int, today: dt.date) -> dt.date:
    if year is None:
        return _nearest(month, day, today)
    if year < 100:
        year += 2000
    if not 1900 <= year <= 2199:
        raise NotADay(f"{year} is not a year; type it in full, e.g. 2027.")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise NotADay(f"There is no {day} {display.MONTH_NAMES[month - 1][:3]} {year}.") from None


def _from_words(text: str, today: dt.date, ahead: bool) -> tuple[dt.date, int | None]:
    """(the day, the weekday named beside it or None)."""
    words = _WORD.findall(text)
    numbers = [int(number) for number in re.findall(r"\d+", text)]
    named_day: int | None = None
    month: int | None = None
    shift = 0
    for word in words:
        if word in _RELATIVE:
            return today + dt.timedelta(days=_RELATIVE[word]), None
        if word in ("next", "this", "coming"):
            shift = 1
        elif word in ("last", "past"):
            shift = -1
        elif _weekday(word) is not None and named_day is None:
            named_day = _weekday(word)
        elif _month(word) is not None and month is None:
            month = _month(word)
        elif word not in ("of", "the", "st", "nd", "rd", "th", "on", "at"):
            raise NotADay(f"“{word}” is not part of a date.")
    if month is not None:
        if not numbers or len(numbers) > 2:
            raise NotADay("Type the day of the month as well, e.g. 10 Jan 2027.")
        year: int | None = None
        day = numbers[0]
        if len(numbers) == 2:
            day, year = (numbers[1], numbers[0]) if numbers[0] > 31 else (numbers[0], numbers[1])
        return _date(year, month, day, today), named_day
    if named_day is not None and not numbers:
        forward = ahead if shift == 0 else shift > 0
        gap = (named_day - today.weekday()) % 7
        if forward:
            return today + dt.timedelta(days=gap or 7), None
        return today - dt.timedelta(days=(today.weekday() - named_day) % 7 or 7), None
    raise NotADay("Type a day such as 10 Jan 2027, 10/1/2027 or tomorrow.")


def _numeric(text: str, today: dt.date) -> dt.date | None:
    match = _NUMERIC.match(text)
    if match and 1 <= int(match.group(2)) <= 12:
        year = int(match.group(3)) if match.group(3) else None
        return _date(year, int(match.group(2)), int(match.group(1)), today)
    when = parse_when(text, day_first=True)
    if when is not None:
        return when.date()
    if re.fullmatch(r"[\d\s/.\-]+", text):
        raise NotADay(f"{text} is not a day; type it day first, e.g. 10/1/2027.")
    return None


def read_day(text: str, today: dt.date, *, ahead: bool = True) -> dt.date:
    """The day ``text`` names, or :class:`NotADay` saying why it names none."""
    cleaned = " ".join(text.replace(",", " ").lower().split())
    if not cleaned:
        raise NotADay("Type a day, e.g. 10 Jan 2027.")
    first, _, rest = cleaned.partition(" ")
    named_day = _weekday(first) if rest[:1].isdigit() else None
    plain = rest if named_day is not None else cleaned
    day = _numeric(plain, today)
    if day is None:
        day, named = _from_words(cleaned, today, ahead)
        named_day = named if named is not None else named_day
    if named_day is not None and named_day != day.weekday():
        raise NotADay(
            f"{display.day_with_year(day)[4:]} is a {display.DAY_NAMES[day.weekday()]}, "
            f"not a {display.DAY_NAMES[named_day]}."
        )
    return day


def read_moment(
    text: str, now: dt.datetime, *, ahead: bool = False, time: dt.time | None = None
) -> dt.datetime:
    """The moment ``text`` names: a day as :func:`read_day` reads it, then a
    time (``14:30``, ``2.30pm``); a day alone is that day at ``time`` (the
    time the box held), else at the time now."""
    cleaned = " ".join(text.replace(",", " ").lower().split())
    match = _TIME.search(cleaned)
    hour, minute = (time or now.time()).hour, (time or now.time()).minute
    if match and match.start() > 0:
        if match.group(4) is not None:
            hour, minute = int(match.group(4)), int(match.group(5))
        else:
            hour = int(match.group(1)) % 12 + (12 if match.group(3) == "p" else 0)
            minute = int(match.group(2) or 0)
            if not 1 <= int(match.group(1)) <= 12:
                raise NotADay(f"{match.group().strip()} is not a time of day.")
        cleaned = cleaned[: match.start()].strip()
        if hour > 23 or minute > 59:
            raise NotADay(f"{match.group().strip()} is not a time of day; type e.g. 14:30.")
    day = read_day(cleaned, now.date(), ahead=ahead)
    return dt.datetime.combine(day, dt.time(hour, minute))
