"""How dates and durations read in the window."""

from __future__ import annotations

import datetime as dt


def when(value: dt.datetime | None, now: dt.datetime | None = None) -> str:
    """``Today 14:05``, ``Yesterday 09:12``, ``Mon 3 Nov 11:40`` or ``3 Nov 2025``."""
    if value is None:
        return ""
    now = now or dt.datetime.now()
    days = (now.date() - value.date()).days
    if days == 0:
        return f"Today {value:%H:%M}"
    if days == 1:
        return f"Yesterday {value:%H:%M}"
    if 0 < days < 7 or (days <= 0 and value.year == now.year):
        return f"{value:%a} {value.day} {value:%b %H:%M}"
    if value.year == now.year:
        return f"{value.day} {value:%b %H:%M}"
    return f"{value.day} {value:%b %Y}"


def age(delta: dt.timedelta) -> str:
    """``40 min``, ``5 h``, ``3 days``, ``6 wk``, ``14 mo``."""
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} min"
    hours = minutes // 60
    if hours < 24:
        return f"{hours} h"
    days = hours // 24
    if days < 14:
        return f"{days} day" + ("s" if days != 1 else "")
    if days < 61:
        return f"{days // 7} wk"
    return f"{days // 30} mo"
