"""The deadline policy: which deadlines a new complaint gets (acknowledge,
respond, …) and when, each on a day the shop is open; and how long after the
fix the customer is asked whether they are satisfied."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from models import settings
from models.calendar import ShopWeek, propose, shop_week, short_day
from models.errors import ValidationError
from models.followup_kinds import ACKNOWLEDGE, FINAL_RESPONSE, PROGRESS, RESPOND, SUMMARY

POLICY_SETTING = "deadline_policy"
SATISFACTION_DAYS_SETTING = "satisfaction_check_days"
DEFAULT_POLICY = "shop"
DEFAULT_SATISFACTION_DAYS = 7

Rule = Callable[[dt.date, ShopWeek], dt.date]


@dataclass(frozen=True)
class Deadline:
    kind: str
    what: str
    due: Rule


@dataclass(frozen=True)
class Policy:
    key: str
    label: str
    summary: str
    deadlines: tuple[Deadline, ...]


def _same_day(received: dt.date, week: ShopWeek) -> dt.date:
    return propose(received, week=week)


def _working_days(days: int) -> Rule:
    return lambda received, week: propose(received, working_days=days, week=week)


def _calendar_days(days: int) -> Rule:
    return lambda received, week: propose(received, days=days, week=week)


POLICIES: dict[str, Policy] = {
    policy.key: policy
    for policy in (
        Policy(
            "shop",
            "Shop (simple)",
            "Acknowledge the same day, agree a fix within 3 working days, check back "
            "a week after the fix.",
            (
                Deadline(ACKNOWLEDGE, "Acknowledge the complaint", _same_day),
                Deadline(RESPOND, "Agree a fix with the customer", _working_days(3)),
            ),
        ),
        Policy(
            "iso10002",
            "ISO 10002 style",
            "Acknowledge at once, report progress within 5 working days, give the "
            "decision within 10 working days.",
            (
                Deadline(ACKNOWLEDGE, "Acknowledge the complaint, with its reference", _same_day),
                Deadline(PROGRESS, "Tell the customer how it is going", _working_days(5)),
                Deadline(RESPOND, "Give the customer the decision", _working_days(10)),
            ),
        ),
        Policy(
            "uk_fs",
            "UK financial services",
            "Prompt written acknowledgement; a written summary if resolved by the end of "
            "the third working day; otherwise a final response within 8 weeks.",
            (
                Deadline(ACKNOWLEDGE, "Send a written acknowledgement", _working_days(1)),
                Deadline(
                    SUMMARY,
                    "If resolved by now, send the written summary of the resolution",
                    _working_days(3),
                ),
                Deadline(FINAL_RESPONSE, "Send the final response", _calendar_days(56)),
            ),
        ),
    )
}


def policy() -> Policy:
    key = settings.get_setting(POLICY_SETTING, DEFAULT_POLICY)
    return POLICIES.get(str(key), POLICIES[DEFAULT_POLICY])


def satisfaction_days() -> int:
    days = settings.get_setting(SATISFACTION_DAYS_SETTING, DEFAULT_SATISFACTION_DAYS)
    return days if isinstance(days, int) and 1 <= days <= 365 else DEFAULT_SATISFACTION_DAYS


def save_preferences(policy_key: str, check_back_days: int) -> None:
    if policy_key not in POLICIES:
        raise ValidationError({"policy": f"Unknown deadline policy {policy_key!r}."})
    if not 1 <= check_back_days <= 365:
        raise ValidationError({"days": "Check back between 1 and 365 days after the fix."})
    settings.set_setting(POLICY_SETTING, policy_key)
    settings.set_setting(SATISFACTION_DAYS_SETTING, check_back_days)


@dataclass(frozen=True)
class Planned:
    """One of the policy's deadlines for a complaint: what is due, and when."""

    kind: str
    what: str
    due_on: dt.date
    # Set for an imported complaint whose deadline had passed before it was
    # imported: the day it was due then (``due_on`` is the day after the import).
    was_due: dt.date | None = None


def next_day_after_import(imported_on: dt.date, week: ShopWeek | None = None) -> dt.date:
    """When an imported complaint's deadlines that had already passed are due: the
    next working day after the import."""
    return propose(imported_on, days=1, week=week)


def deadlines(
    received: dt.date,
    *,
    chosen: Policy | None = None,
    week: ShopWeek | None = None,
    imported_on: dt.date | None = None,
) -> list[Planned]:
    """The deadlines ``chosen`` (the policy in force) sets for a complaint received on
    ``received``, each on a day the shop is open.

    For a complaint imported on ``imported_on`` (an old open complaint from the
    shop's own log), a deadline that would fall before the next working day
    after the import (past, or the day of the import itself) is due on that day
    instead: nobody could meet it in the app, and a list of complaints "214 days
    late" on the first morning helps nobody. The deadlines keep their order (an
    acknowledgement is never due after the reply). The day it was due is kept,
    so the timeline can say so.
    """
    week = week if week is not None else shop_week()
    chosen = chosen if chosen is not None else policy()
    first = next_day_after_import(imported_on, week) if imported_on is not None else None
    planned = []
    for deadline in chosen.deadlines:
        due = deadline.due(received, week)
        if first is not None and due < first:
            planned.append(Planned(deadline.kind, deadline.what, first, due))
        else:
            planned.append(Planned(deadline.kind, deadline.what, due))
    return planned


def deadlines_text(chosen: Policy, planned: list[Planned]) -> str:
    """The timeline entry saying what the deadlines are."""
    lines = []
    for item in planned:
        line = f"{item.what} by {short_day(item.due_on)}"
        if item.was_due is not None:
            line += f" (it was due {short_day(item.was_due)}, before the complaint was imported)"
        lines.append(line)
    return f"Deadlines under the {chosen.label} policy:\n" + "\n".join(lines)
