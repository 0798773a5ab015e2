"""Working days: the shop's week, with its closed days and holidays.

One calendar decides every date the app proposes or accepts:

- :func:`propose` is the date the app suggests (a deadline, a snooze, a new
  follow-up's default, a retry): it always lands on a day the shop is open;
- :func:`closed_warning` names a closed day someone picked by hand, so the
  window can ask before using it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from models import display, engine, settings, timeline
from models.db import database, writing
from models.tables import AgreedAction, FollowUp

CLOSED_WEEKDAYS_SETTING = "closed_weekdays"  # 0 = Monday ... 6 = Sunday
CLOSED_DATES_SETTING = "closed_dates"  # ISO dates: holidays, stocktaking
CLOSED_YEARLY_SETTING = "closed_every_year"  # "12-25": closed on that day every year
DEFAULT_CLOSED_WEEKDAYS = (5, 6)
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class ShopWeek:
    closed_weekdays: frozenset[int] = frozenset(DEFAULT_CLOSED_WEEKDAYS)
    closed_dates: frozenset[dt.date] = field(default_factory=frozenset)
    # (month, day): closed on that day every year (25 December); 29 February in leap years.
    closed_yearly: frozenset[tuple[int, int]] = field(default_factory=frozenset)

    def is_open(self, day: dt.date) -> bool:
        return (
            day.weekday() not in self.closed_weekdays
            and day not in self.closed_dates
            and (day.month, day.day) not in self.closed_yearly
        )

    def closed_reason(self, day: dt.date) -> str:
        """Why the shop is closed on ``day`` ("" when it is open)."""
        if (day.month, day.day) in self.closed_yearly:
            return f"The shop is closed on {yearly_day(day.month, day.day)} every year"
        if day in self.closed_dates:
            return "Holiday: the shop is closed"
        if day.weekday() in self.closed_weekdays:
            return f"The shop is closed on {WEEKDAY_NAMES[day.weekday()]}s"
        return ""

    def add_days(self, start: dt.date, days: int) -> dt.date:
        """``days`` working days after ``start`` (``start`` itself when 0)."""
        if len(self.closed_weekdays) >= 7:
            return start + dt.timedelta(days=days)
        current = start
        while days > 0:
            current += dt.timedelta(days=1)
            if self.is_open(current):
                days -= 1
        return current

    def on_or_after(self, day: dt.date) -> dt.date:
        """``day`` if the shop is open then, else the next day it is."""
        if len(self.closed_weekdays) >= 7:
            return day
        for _ in range(400):
            if self.is_open(day):
                return day
            day += dt.timedelta(days=1)
        return day

    def holidays_between(self, first: dt.date, last: dt.date) -> list[dt.date]:
        """The days from ``first`` to ``last`` that the shop is closed on though they are
        not closed weekdays: its holidays, and its days closed every year."""
        days = {d for d in self.closed_dates if first <= d <= last}
        for year in range(first.year, last.year + 1):
            for month, number in self.closed_yearly:
                try:
                    day = dt.date(year, month, number)
                except ValueError:  # 29 February of a year that has none
                    continue
                if first <= day <= last:
                    days.add(day)
        return sorted(days)

    def newly_closed(self, before: ShopWeek, day: dt.date) -> bool:
        """True when the shop was open on ``day`` in ``before`` and is closed in this week."""
        return before.is_open(day) and not self.is_open(day)


def shop_week() -> ShopWeek:
    """The shop's week as set in preferences (closed Saturday and Sunday by default)."""
    weekdays = settings.get_setting(CLOSED_WEEKDAYS_SETTING, list(DEFAULT_CLOSED_WEEKDAYS))
    dates = settings.get_setting(CLOSED_DATES_SETTING, [])
    closed = frozenset(int(d) for d in weekdays if isinstance(d, int) and 0 <= d <= 6)
    holidays = set()
    for text in dates if isinstance(dates, list) else []:
        try:
            holidays.add(dt.date.fromisoformat(str(text)))
        except ValueError:
            continue
    yearly = settings.get_setting(CLOSED_YEARLY_SETTING, [])
    every_year = {
        found
        for text in (yearly if isinstance(yearly, list) else [])
        if (found := read_yearly(str(text))) is not None
    }
    return ShopWeek(closed, frozenset(holidays), frozenset(every_year))


def read_yearly(text: str) -> tuple[int, int] | None:
    """ "12-25" as (12, 25); None when it names no day of a year (29 February does)."""
    month, _, number = text.partition("-")
    try:
        dt.date(2024, int(month), int(number))  # a leap year: every day a year can have
    except ValueError:
        return None
    return int(month), int(number)


def yearly_day(month: int, number: int) -> str:
    """ "25 December": a day closed every year, as it is named."""
    return f"{number} {display.MONTH_NAMES[month - 1]}"


def closed_days_said(week: ShopWeek) -> str:
    """ "The shop is closed on Saturdays and Sundays." (or open every day)."""
    days = [f"{WEEKDAY_NAMES[n]}s" for n in sorted(week.closed_weekdays)]
    if not days:
        return "The shop is open every day of the week."
    return f"The shop is closed on {display.listed(days)}."


def week_was_set() -> bool:
    """Whether anyone has said which days the shop is closed (on a server, another
    counter may have): until then the first run asks."""
    return settings.get_setting(CLOSED_WEEKDAYS_SETTING) is not None


def save_shop_week(week: ShopWeek) -> None:
    settings.set_setting(CLOSED_WEEKDAYS_SETTING, sorted(week.closed_weekdays))
    settings.set_setting(CLOSED_DATES_SETTING, sorted(d.isoformat() for d in week.closed_dates))
    settings.set_setting(
        CLOSED_YEARLY_SETTING, [f"{m:02d}-{d:02d}" for m, d in sorted(week.closed_yearly)]
    )


def propose(
    start: dt.date, *, days: int = 0, working_days: int = 0, week: ShopWeek | None = None
) -> dt.date:
    """The date the app proposes: ``days`` calendar days after ``start``, moved on to
    the next day the shop is open, then ``working_days`` working days further.

    Every date the app suggests comes from here, so none lands on a closed day.
    """
    week = week if week is not None else shop_week()
    return week.add_days(week.on_or_after(start + dt.timedelta(days=days)), working_days)


def day_name(day: dt.date) -> str:
    """``Saturday 5 December``: how a day is named in a question."""
    return display.day_name(day)


def closed_warning(day: dt.date, week: ShopWeek | None = None) -> str:
    """ "Saturday 5 December: the shop is closed" when it is, else ""."""
    week = week if week is not None else shop_week()
    return "" if week.is_open(day) else f"{day_name(day)}: the shop is closed"


def closed_days_named(text: str, today: dt.date, week: ShopWeek | None = None) -> list[dt.date]:
    """The days after ``today`` that ``text`` names (a letter: "you bring the phone
    in on Sunday 6 December 2026") when the shop is closed, each once, in order.
    Today is not one: whoever writes is at the shop, and says when it happened."""
    from models.typed_dates import days_named

    week = week if week is not None else shop_week()
    named = dict.fromkeys(day for day in days_named(text, today) if day > today)
    return [day for day in named if not week.is_open(day)]


def closed_days_named_said(days: list[dt.date]) -> str:
    """ "Sunday 6 December 2026 is a day the shop is closed" (or "… are days …")."""
    if not days:
        return ""
    said = display.listed([display.long_day(day) for day in days])
    return f"{said} {'is a day' if len(days) == 1 else 'are days'} the shop is closed"


def short_day(day: dt.date) -> str:
    """``Sat 5 Dec 2026``: how a day is written on the timeline."""
    return display.day_with_year(day)


# --- closing more days ---------------------------------------------------------------


@dataclass(frozen=True)
class Move:
    """A pending follow-up due on a day the shop is closing, and the day it moves to."""

    follow_up_id: int
    complaint_id: int
    reference: str
    what: str
    before: dt.date
    after: dt.date


def moves_for(week: ShopWeek, today: dt.date) -> list[Move]:
    """The pending follow-ups due from ``today`` on, on days open now that ``week``
    closes, each with the next day the shop is open in ``week``. Overdue ones stay
    where they are: moving them would hide how late they are."""
    before = shop_week()
    weekdays = week.closed_weekdays - before.closed_weekdays
    dates = {d for d in week.closed_dates - before.closed_dates if d >= today}
    if yearly := week.closed_yearly - before.closed_yearly:
        (last,) = database.execute_sql(
            "SELECT MAX(due_on) FROM follow_up WHERE status = 'pending'"
        ).fetchone()
        if last is not None:
            ahead = ShopWeek(frozenset(), frozenset(), yearly)
            dates.update(ahead.holidays_between(today, dt.date.fromisoformat(str(last))))
    if len(week.closed_weekdays) >= 7 or not (weekdays or dates):
        return []
    # SQLite counts weekdays from Sunday (0); Python from Monday (0).
    sql_weekdays = [str((w + 1) % 7) for w in weekdays]
    sql_dates = [d.isoformat() for d in dates]
    marks = ", ".join("?" * len(sql_weekdays)) or "NULL"
    date_marks = ", ".join("?" * len(sql_dates)) or "NULL"
    rows = database.execute_sql(
        f"""SELECT f.id, f.complaint_id, c.reference, f.what, f.due_on
            FROM follow_up f JOIN complaint c ON c.id = f.complaint_id
            WHERE f.status = 'pending' AND f.due_on >= ?
              AND ({engine.current().weekday("f.due_on")} IN ({marks})
                   OR f.due_on IN ({date_marks}))
            ORDER BY f.due_on, f.id""",
        [today.isoformat(), *sql_weekdays, *sql_dates],
    )
    moves = []
    for follow_up_id, complaint_id, reference, what, due_on in rows:
        due = dt.date.fromisoformat(due_on)
        if week.newly_closed(before, due):
            after = propose(due, week=week)
            moves.append(Move(follow_up_id, complaint_id, reference, what, due, after))
    return moves


def change_shop_week(
    week: ShopWeek, *, author: str, today: dt.date, now: dt.datetime | None = None
) -> list[Move]:
    """Save the shop's week; pending follow-ups due on the days it newly closes move
    to the next day it is open, each move on its complaint's timeline. One change."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    with writing():
        moves = moves_for(week, today)
        save_shop_week(week)
        for move in moves:
            FollowUp.update(due_on=move.after).where(FollowUp.id == move.follow_up_id).execute()
            # An agreed action followed up that day is done the day it moves to: the
            # Resolve tab and the letters say one date, not two.
            of_it = FollowUp.select(FollowUp.action).where(FollowUp.id == move.follow_up_id)
            AgreedAction.update(due_on=move.after).where(
                AgreedAction.id.in_(of_it) & (AgreedAction.due_on == move.before)
            ).execute()
            timeline.record(
                move.complaint_id, timeline.FOLLOW_UP_PLANNED,
                f"Moved: {move.what}, {short_day(move.before)} → {short_day(move.after)}: "
                "the shop is now closed that day.", author, now,
            )  # fmt: skip
    return moves
