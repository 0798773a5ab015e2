"""Working days: the shop's week, with its closed days and holidays."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from models import settings

CLOSED_WEEKDAYS_SETTING = "closed_weekdays"  # 0 = Monday ... 6 = Sunday
CLOSED_DATES_SETTING = "closed_dates"  # ISO dates: holidays, stocktaking
DEFAULT_CLOSED_WEEKDAYS = (5, 6)


@dataclass(frozen=True)
class ShopWeek:
    closed_weekdays: frozenset[int] = frozenset(DEFAULT_CLOSED_WEEKDAYS)
    closed_dates: frozenset[dt.date] = field(default_factory=frozenset)

    def is_open(self, day: dt.date) -> bool:
        return day.weekday() not in self.closed_weekdays and day not in self.closed_dates

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
    return ShopWeek(closed, frozenset(holidays))


def save_shop_week(week: ShopWeek) -> None:
    settings.set_setting(CLOSED_WEEKDAYS_SETTING, sorted(week.closed_weekdays))
    settings.set_setting(CLOSED_DATES_SETTING, sorted(d.isoformat() for d in week.closed_dates))
