"""How the app writes counts, dates, durations and money for the owner to read.

The window, the letters, the reports and the commands all call these, so a day
reads the same everywhere: ``Fri 4 Dec`` this year, ``Fri 4 Dec 2025`` before,
never a zero-padded day, and a count of one is never plural.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import peewee

from models import currency
from models.choices import CLOSED, STAGE_SHORT, STAGES, label_of
from models.currency import Currency
from models.db import database

# Words whose plural is not the word with an "s".
_PLURALS = {"person": "people", "is": "are", "was": "were", "this": "these"}


def plural(n: int, noun: str, many: str | None = None) -> str:
    """``noun`` as the count ``n`` needs: ``day`` for 1, ``days`` otherwise."""
    if n == 1:
        return noun
    return many if many is not None else _PLURALS.get(noun, noun + "s")


def count(n: int, noun: str, many: str | None = None) -> str:
    """``1 day``, ``2 days``, ``1,204 complaints``, ``0 follow-ups``."""
    return f"{n:,} {plural(n, noun, many)}"


def days_late(n: int) -> str:
    """``1 day late``, ``8 days late``; nothing when it is not late."""
    return f"{count(n, 'day')} late" if n > 0 else ""


# --- days and moments ---------------------------------------------------------------

# English names whatever the computer's locale: the app's words are English.
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December")  # fmt: skip


def _weekday(value: dt.date, short: bool) -> str:
    name = DAY_NAMES[value.weekday()]
    return name[:3] if short else name


def _month(value: dt.date, short: bool) -> str:
    name = MONTH_NAMES[value.month - 1]
    return name[:3] if short else name


def _today(today: dt.date | None) -> dt.date:
    return today or dt.date.today()


def day(value: dt.date, today: dt.date | None = None) -> str:
    """``Fri 4 Dec`` this year, ``Fri 4 Dec 2025`` in any other."""
    text = f"{_weekday(value, True)} {value.day} {_month(value, True)}"
    return text if value.year == _today(today).year else f"{text} {value.year}"


def short_day(value: dt.date, today: dt.date | None = None) -> str:
    """``Today``, ``Yesterday``, ``3 Mar`` this year, ``3 Mar 2025`` in any other: a
    day in a narrow column."""
    today = _today(today)
    said = {0: "Today", 1: "Yesterday"}.get((today - value).days)
    if said:
        return said
    text = f"{value.day} {_month(value, True)}"
    return text if value.year == today.year else f"{text} {value.year}"


def day_with_year(value: dt.date) -> str:
    """``Fri 4 Dec 2026``: a day on a record kept for years (the timeline, a PDF)."""
    return f"{_weekday(value, True)} {value.day} {_month(value, True)} {value.year}"


def long_day(value: dt.date) -> str:
    """``Friday 4 December 2026``: a day in a letter."""
    return f"{_weekday(value, False)} {value.day} {_month(value, False)} {value.year}"


def day_name(value: dt.date) -> str:
    """``Saturday 5 December``: a day named in a question about the days ahead."""
    return f"{_weekday(value, False)} {value.day} {_month(value, False)}"


def coming_day(value: dt.date, today: dt.date | None = None) -> str:
    """``today``, ``tomorrow``, else ``Monday 5 May``: a day soon to come."""
    ahead = (value - _today(today)).days
    return {0: "today", 1: "tomorrow"}.get(ahead) or day_name(value)


def written_date(value: dt.date) -> str:
    """``22 November 2026``: the date at the head of a letter or report."""
    return f"{value.day} {_month(value, False)} {value.year}"


def month(value: dt.date) -> str:
    """``Nov 2026``: a month on a chart."""
    return f"{_month(value, True)} {value.year}"


def month_of(key: str) -> str:
    """``Nov 2026`` for the month key ``2026-11`` (as the insights count by)."""
    return month(dt.date.fromisoformat(f"{key}-01"))


def moment(value: dt.datetime | None, now: dt.datetime | None = None) -> str:
    """``Today 14:05``, ``Yesterday 09:12``, ``Thu 26 Nov 17:42`` or
    ``Wed 19 Nov 2025 12:32``: one style, the year only when it is not this one."""
    if value is None:
        return ""
    now = now or dt.datetime.now()
    days = (now.date() - value.date()).days
    if days == 0:
        return f"Today {value:%H:%M}"
    if days == 1:
        return f"Yesterday {value:%H:%M}"
    return f"{day(value.date(), now.date())} {value:%H:%M}"


def moment_with_year(value: dt.datetime | None) -> str:
    """``Thu 26 Nov 2026 17:42``: a moment on a record kept for years."""
    return f"{day_with_year(value.date())} {value:%H:%M}" if value else ""


# The same two styles as Qt date boxes write them (a box always shows the year):
# ``Fri 4 Dec 2026`` as :func:`day_with_year`, ``Fri 4 Dec 2026 17:42`` as
# :func:`moment_with_year`.
BOX_DAY = "ddd d MMM yyyy"
BOX_MOMENT = "ddd d MMM yyyy HH:mm"


# A moment in a file a program reads back (a spreadsheet cell, a column of the listing):
# sorts as text, the same whatever the year.
SORTABLE_MOMENT = "%Y-%m-%d %H:%M"


def sortable_moment(value: dt.datetime) -> str:
    """``2026-03-14 10:30``: a moment in a spreadsheet cell or a column of text,
    which sorts as text and the import reads back (:data:`SORTABLE_MOMENT`)."""
    return value.strftime(SORTABLE_MOMENT)


def long_moment(value: dt.datetime) -> str:
    """``Thursday 26 November 2026, 17:42``: said whole, as when hovering."""
    return f"{long_day(value.date())}, {value:%H:%M}"


def received(
    value: dt.datetime,
    date_only: bool,
    *,
    now: dt.datetime | None = None,
    style: str = "list",
) -> str:
    """When a complaint was received, the day alone when only the day is known (an
    imported row giving no time): never a made-up ``00:00``. ``style`` is
    ``list`` (:func:`moment`: ``Today``, ``Tue 20 Jan``), ``short`` (the day alone,
    for a narrow column: ``Today``, ``Yesterday``, ``3 Mar``, ``3 Mar 2025``),
    ``record`` (:func:`moment_with_year`) or ``whole`` (:func:`long_moment`)."""
    if style == "short":
        return short_day(value.date(), (now or dt.datetime.now()).date())
    if not date_only:
        if style == "record":
            return moment_with_year(value)
        return long_moment(value) if style == "whole" else moment(value, now)
    if style == "record":
        return day_with_year(value.date())
    if style == "whole":
        return long_day(value.date())
    days = ((now or dt.datetime.now()).date() - value.date()).days
    return {0: "Today", 1: "Yesterday"}.get(days) or day(
        value.date(), (now or dt.datetime.now()).date()
    )


def day_only(received_date_only: bool, moment: dt.datetime | None) -> bool:
    """Whether only the day of a moment on a complaint is known: at midnight on a
    complaint whose day received alone is known (an imported row giving dates, no
    times: its day received, its closing, its notes and their timeline entries)."""
    return received_date_only and moment is not None and moment.time() == dt.time()


def closed_date_only(received_date_only: bool, closed_at: dt.datetime | None) -> bool:
    """Whether only the day of closing is known (see :func:`day_only`)."""
    return day_only(received_date_only, closed_at)


def days_ago(days: int) -> str:
    """``earlier today``, ``yesterday``, ``3 days ago``."""
    return {0: "earlier today", 1: "yesterday"}.get(days, f"{count(days, 'day')} ago")


# --- durations ------------------------------------------------------------------------


def duration(delta: dt.timedelta) -> str:
    """``40 minutes``, ``1 hour``, ``3 days``, ``6 weeks``."""
    minutes = max(0, int(delta.total_seconds() // 60))
    if minutes < 60:
        return count(minutes, "minute")
    hours = minutes // 60
    if hours < 48:
        return count(hours, "hour")
    days = hours // 24
    if days < 28:
        return count(days, "day")
    return count(days // 7, "week")


def after_received(
    received_at: dt.datetime, date_only: bool, later: dt.datetime, *, within: str = "the same day"
) -> str:
    """How long after receipt ``later`` came, for a sentence: ``after 40 minutes``,
    ``after 3 days``; in whole days when only the day received is known, and
    ``within`` (``the same day``) for that day itself."""
    if not date_only:
        return f"after {duration(later - received_at)}"
    days = max(0, (later.date() - received_at.date()).days)
    return within if days == 0 else f"after {duration(dt.timedelta(days=days))}"


def age_since(received_at: dt.datetime, date_only: bool, until: dt.datetime) -> str:
    """:func:`age` from receipt to ``until``; in whole days when only the day
    received is known (``same day``, ``3 days``), never minutes."""
    if not date_only:
        return age(until - received_at)
    days = max(0, (until.date() - received_at.date()).days)
    return "same day" if days == 0 else _age_in_days(days)


def age(delta: dt.timedelta) -> str:
    """A complaint's age in a narrow column: ``40 min``, ``5 h``, ``1 day``, ``6 wk``, ``14 mo``."""
    minutes = max(0, int(delta.total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} min"
    hours = minutes // 60
    if hours < 24:
        return f"{hours} h"
    return _age_in_days(hours // 24)


def _age_in_days(days: int) -> str:
    if days < 14:
        return count(days, "day")
    if days < 61:
        return f"{days // 7} wk"
    return f"{days // 30} mo"


# --- labels ---------------------------------------------------------------------------


def joined(*parts: str, between: str = " · ") -> str:
    """The parts that say something, joined: no stray separator for an empty one."""
    return between.join(part for part in (p.strip() for p in parts) if part)


def listed(items: list[str]) -> str:
    """``Priya``, ``Priya and Sam``, ``Priya, Sam and Tom``: names or fields in a sentence."""
    items = [item for item in (i.strip() for i in items) if item]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


# Unicode first-strong isolate and its pop: text between them takes its own direction
# without turning the words and numbers around it (U+2068, U+2069).
_ISOLATE, _POP = "\u2068", "\u2069"


def isolated(text: str) -> str:
    """Typed text (a name, a phone, an address line) set apart from the words around
    it, so a right-to-left name does not reorder the number or label beside it on
    screen. Nothing for empty text. For the window only: a letter lays text out itself."""
    return f"{_ISOLATE}{text}{_POP}" if text.strip() else ""


def lines_in_own_direction(text: str) -> str:
    """Lines shown one under another (a name and its address), each starting with a
    mark of its own reading direction: on screen the lines are one paragraph, whose
    direction comes from its first line, so "22 Park Lane" under an Arabic name
    would read "Park Lane 22". For the window only."""
    return "\n".join(_direction_mark(line) + line for line in text.split("\n"))


def _direction_mark(line: str) -> str:
    for char in line:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "\u200f"  # RIGHT-TO-LEFT MARK
        if kind == "L":
            break
    return "\u200e"  # LEFT-TO-RIGHT MARK


def isolated_joined(*parts: str, between: str = " · ") -> str:
    """:func:`joined` with each part :func:`isolated`."""
    return between.join(isolated(part.strip()) for part in parts if part.strip())


def labelled(label: str, value: str) -> str:
    """``Respond: Agree a fix``, but ``Acknowledge the complaint`` rather than
    ``Acknowledge: Acknowledge the complaint``, and ``Done`` rather than ``Done: Done``."""
    if not label:
        return value
    if not value or value.casefold().startswith(label.casefold()):
        return value or label
    return f"{label}: {value}"


def after_colon(sentence: str) -> str:
    """A sentence put after a colon in another one: ``Not backed up: the disk is full.``

    Its first word loses its capital unless it is a name (``SQLite``, ``C-2026-0042``)
    or ``I``."""
    first = sentence.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower() and first.isalpha():
        return first[0].lower() + sentence[1:]
    return sentence


def stage(status: str, stage_key: str, *, short: bool = False) -> str:
    """The stage a complaint is at, as the log names it: ``Closed`` once closed;
    ``short`` for a narrow column (``Facts`` for ``Get the facts``)."""
    if status == CLOSED:
        return "Closed"
    return (short and STAGE_SHORT.get(stage_key)) or label_of(STAGES, stage_key)


# --- money ----------------------------------------------------------------------------


def shop_currency() -> Currency:
    """The currency the business profile names; the computer's locale's when it names
    none, or before a data file is open."""
    if database.obj is None:
        return currency.for_locale()
    from models.business import load_profile  # business draws on more of models than this

    try:
        profile = load_profile()
    except peewee.PeeweeException:  # the data file's own problem shows where it is read
        profile = None
    return currency.chosen_or_local(profile.currency if profile else "")


def money_marks(chosen: Currency | None = None) -> tuple[str, str]:
    """What goes before and after a figure: ``("£", "")``, ``("", " kr")``,
    ``("CHF ", "")`` (with no-break spaces); nothing where no currency is known."""
    chosen = chosen or shop_currency()
    mark = chosen.mark
    if not mark:
        return "", ""
    if chosen.after:
        return "", f"\u00a0{mark}"
    return (f"{mark}\u00a0" if len(mark) > 1 and mark[-1].isalpha() else mark), ""


def money(amount: float, chosen: Currency | None = None) -> str:
    """``£12.50``, ``£1,200.00``, ``12.50 kr``, ``CHF 12.50``, ``¥1,200``; the bare
    amount where no currency is known. In the shop's currency unless ``chosen`` (a
    caller writing many amounts looks the shop's up once and passes it)."""
    chosen = chosen or shop_currency()
    before, after = money_marks(chosen)
    sign = "-" if amount < 0 else ""
    return f"{sign}{before}{abs(amount):,.{chosen.decimals}f}{after}"


def money_heading(heading: str, chosen: Currency | None = None) -> str:
    """A column of amounts named with its currency: ``redress value (GBP)``; as it is
    where no currency is known."""
    code = (chosen or shop_currency()).code
    return f"{heading} ({code})" if code else heading
