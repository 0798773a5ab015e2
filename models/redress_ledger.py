"""The redress ledger: every redress given on the complaints of a period, with
its totals by kind and by month, and the ledger as a CSV file.

A complaint belongs to the month it was received in, as in the insights, so
the ledger's totals are the redress chart's. A complaint counts as redress
given when a kind of redress is recorded (not "Not recorded" or "None"), or a
value is; a kind given without a value is listed and counted, its value blank.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from models import display
from models.choices import REDRESS, label_of
from models.currency import Currency
from models.db import database
from models.errors import ComplaintDeskError
from models.insights import Period
from models.log_csv_columns import format_amount
from models.os_errors import describe_os_error
from models.partial_files import partial_path, remove_partial
from models.text import spreadsheet_row

BOM = "\ufeff"
NOT_GIVEN = ("", "none")  # "Not recorded" and "None"
ALL_KINDS = "All redress"

_LEDGER_SQL = """
    SELECT c.received_at, c.reference, cu.name, c.redress, c.redress_value
    FROM complaint c
    JOIN customer cu ON cu.id = c.customer_id
    WHERE c.received_at >= :since AND c.received_at < :until
      AND (c.redress NOT IN (:not_recorded, :none) OR c.redress_value > 0)
    ORDER BY c.received_at, c.id
"""


@dataclass(frozen=True)
class LedgerEntry:
    received: dt.date
    reference: str
    customer: str
    kind: str  # the label a person reads: "Refund"
    value: float | None


@dataclass(frozen=True)
class LedgerTotal:
    """How many redresses, and their value, of one kind or in one month."""

    name: str  # "Refund", or a month as "YYYY-MM"
    given: int
    value: float


@dataclass(frozen=True)
class RedressLedger:
    period: Period
    currency: Currency
    entries: list[LedgerEntry]
    by_kind: list[LedgerTotal]  # in the order redress is chosen from
    by_month: list[LedgerTotal]  # every month of the period, none given too

    @property
    def total(self) -> LedgerTotal:
        return LedgerTotal(
            ALL_KINDS, len(self.entries), round(sum(e.value or 0 for e in self.entries), 2)
        )


def _day(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    return dt.date.fromisoformat(str(value)[:10])


def _totals(names: Iterable[str], entries: Iterable[tuple[str, float | None]]) -> list[LedgerTotal]:
    given = dict.fromkeys(names, 0)
    value = dict.fromkeys(names, 0.0)
    for name, amount in entries:
        given[name] = given.get(name, 0) + 1
        value[name] = value.get(name, 0.0) + (amount or 0)
    return [LedgerTotal(name, given[name], round(value[name], 2)) for name in given]


def redress_ledger(period: Period) -> RedressLedger:
    """Every redress given on the complaints received in ``period``, oldest first."""
    params = {
        "since": period.since,
        "until": period.until,
        "not_recorded": NOT_GIVEN[0],
        "none": NOT_GIVEN[1],
    }
    with database.atomic():
        rows = database.execute_sql(_LEDGER_SQL, params).fetchall()
        chosen = display.shop_currency()
    entries = [
        LedgerEntry(_day(at), reference, name, label_of(REDRESS, kind), value)
        for at, reference, name, kind, value in rows
    ]
    kinds = [label_of(REDRESS, choice.key) for choice in REDRESS]
    by_kind = [
        total for total in _totals(kinds, ((e.kind, e.value) for e in entries)) if total.given
    ]
    by_month = _totals(period.months, ((f"{e.received:%Y-%m}", e.value) for e in entries))
    return RedressLedger(period, chosen, entries, by_kind, by_month)


# --- the CSV file ---------------------------------------------------------------------


def write_csv(out: TextIO, ledger: RedressLedger) -> None:
    """The ledger as CSV, starting with the byte-order mark: a row per redress, then
    the totals by kind and by month, each under its own heading after a blank row.

    Values are plain numbers (``12.50``) in a column whose heading names the
    currency; text a spreadsheet would run as a formula gets a leading apostrophe."""
    value = display.money_heading("Value", ledger.currency)
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Received", "Reference", "Customer", "Redress", value])
    for entry in ledger.entries:
        writer.writerow(
            spreadsheet_row(
                [
                    entry.received.isoformat(),
                    entry.reference,
                    entry.customer.replace("\r\n", "\n").replace("\r", "\n"),
                    entry.kind,
                    format_amount(entry.value),
                ]
            )
        )
    whole = ledger.total
    months = [LedgerTotal(display.month_of(t.name), t.given, t.value) for t in ledger.by_month]
    for heading, totals in (
        ("Redress", [*ledger.by_kind, whole]),
        ("Month", [*months, LedgerTotal("All months", whole.given, whole.value)]),
    ):
        writer.writerow([])
        writer.writerow([heading, "Given", value])
        for total in totals:
            writer.writerow([total.name, total.given, format_amount(total.value)])


def export_to_file(path: Path, ledger: RedressLedger) -> None:
    """Write the ledger's CSV to ``path``, beside it first and renamed at the end, so a
    failed export leaves any earlier file as it was. Raises
    :class:`ComplaintDeskError` with one sentence when it cannot be written."""
    if path.is_dir():
        raise ComplaintDeskError(f"{path} is a folder: give the name of the CSV file to write.")
    partial = partial_path(path)
    try:
        with partial.open("w", encoding="utf-8", newline="") as out:
            write_csv(out, ledger)
        os.replace(partial, path)
    except OSError as exc:
        remove_partial(partial)
        why = describe_os_error(exc, path.parent, outcome="so the ledger was not exported")
        raise ComplaintDeskError(why) from None
    except BaseException:
        with contextlib.suppress(OSError):
            remove_partial(partial)
        raise
