"""The redress ledger: every redress given on the complaints of a period, with
its totals by kind and by month, and the ledger as a CSV file or an Excel workbook.

A complaint belongs to the month it was received in, as in the insights, so
the ledger's totals are the redress chart's. Each thing given is a row (a
replacement and a refund of the postage on one complaint are two), unless it
is "None", or says neither kind nor value; a kind given without a value is
listed and counted, its value blank.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NamedTuple, TextIO

from models import display, engine
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
    SELECT substr({received}, 1, 10), c.reference, cu.name, r.kind, r.value
    FROM redress r
    JOIN complaint c ON c.id = r.complaint_id
    JOIN customer cu ON cu.id = c.customer_id
    WHERE c.received_at >= :since AND c.received_at < :until
      AND (r.kind NOT IN (:not_recorded, :none) OR r.value > 0)
    ORDER BY c.received_at, c.id, r.position, r.id
"""


class LedgerEntry(NamedTuple):  # a tuple: a ledger may hold tens of thousands
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
    valued: int = 0  # how many of them have a value: none, and there is no total to show

    def value_words(self, money: Callable[[float], str]) -> str:
        """The value as the ledger writes it: "£45.00"; "no value given" when none
        of them has one (not £0.00: two replacements cost something); "£45.00 + 1
        with no value" when some have none, so the sum is not taken for all."""
        if self.given and not self.valued:
            return "no value given"
        unvalued = self.given - self.valued
        said = money(self.value)
        return f"{said} + {unvalued:,} with no value" if unvalued > 0 else said


@dataclass(frozen=True)
class RedressLedger:
    period: Period
    currency: Currency
    entries: list[LedgerEntry]
    by_kind: list[LedgerTotal]  # in the order redress is chosen from
    by_month: list[LedgerTotal]  # every month of the period, none given too
    total: LedgerTotal  # all of them


class _Tally:
    """Counts and values added up by name, in the order the names are first given."""

    def __init__(self, names: Iterable[str]) -> None:
        self.given = dict.fromkeys(names, 0)
        self.value = dict.fromkeys(self.given, 0.0)
        self.valued = dict.fromkeys(self.given, 0)

    def add(self, name: str, amount: float | None) -> None:
        self.given[name] = self.given.get(name, 0) + 1
        self.value[name] = self.value.get(name, 0.0) + (amount or 0)
        self.valued[name] = self.valued.get(name, 0) + (amount is not None)

    def totals(self) -> list[LedgerTotal]:
        return [
            LedgerTotal(n, self.given[n], round(self.value[n], 2), self.valued[n])
            for n in self.given
        ]


def redress_ledger(period: Period) -> RedressLedger:
    """Every redress given on the complaints received in ``period``, oldest first.

    One pass over the rows (a ledger of a big log holds tens of thousands)."""
    params = {
        "since": period.since,
        "until": period.until,
        "not_recorded": NOT_GIVEN[0],
        "none": NOT_GIVEN[1],
    }
    with database.atomic():
        sql = _LEDGER_SQL.format(received=engine.current().as_text("c.received_at"))
        rows = database.execute_sql(sql, params).fetchall()
        chosen = display.shop_currency()
    labels = {choice.key: choice.label for choice in REDRESS}
    kinds, months = _Tally(labels.values()), _Tally(period.months)
    days: dict[str, dt.date] = {}
    entries = []
    for day, reference, name, key, value in rows:
        kind = labels.get(key) or label_of(REDRESS, key)
        received = days.get(day) or days.setdefault(day, dt.date.fromisoformat(day))
        entries.append(LedgerEntry(received, reference, name, kind, value))
        kinds.add(kind, value)
        months.add(day[:7], value)
    total = round(sum(months.value.values()), 2)
    return RedressLedger(
        period, chosen, entries, [t for t in kinds.totals() if t.given], months.totals(),
        LedgerTotal(ALL_KINDS, len(entries), total, sum(months.valued.values())),
    )  # fmt: skip


# --- the CSV file ---------------------------------------------------------------------


def write_csv(out: TextIO, ledger: RedressLedger) -> None:
    """The ledger as CSV, starting with the byte-order mark: a row per redress, then
    the totals by kind and by month, each under its own heading after a blank row.

    Values are plain numbers (``12.50``) in a column whose heading names the
    currency, blank where none was given (a total too, when none of its redresses
    has one; beside it, how many have none); text a spreadsheet would run as a
    formula gets a leading apostrophe."""
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
    for heading, totals in (
        ("Redress", [*ledger.by_kind, ledger.total]),
        ("Month", _month_totals(ledger)),
    ):
        writer.writerow([])
        writer.writerow([heading, "Given", value, "Given with no value"])
        for total in totals:
            # Blank, not 0.00, when none of them has a value: a replacement costs something.
            amount = "" if total.given and not total.valued else format_amount(total.value)
            writer.writerow([total.name, total.given, amount, total.given - total.valued])


def _month_totals(ledger: RedressLedger) -> list[LedgerTotal]:
    """The totals by month, each named as a person reads it, then all months."""
    whole = ledger.total
    months = [
        LedgerTotal(display.month_of(t.name), t.given, t.value, t.valued) for t in ledger.by_month
    ]
    return [*months, LedgerTotal("All months", whole.given, whole.value, whole.valued)]


def write_workbook(out: BinaryIO, ledger: RedressLedger) -> None:
    """The ledger as an Excel workbook of one sheet: the rows as the CSV has them,
    the received day a real date, each value a number shown in the shop's currency
    (blank where none was given), the totals by kind and by month under it."""
    from models import xlsx_writer
    from models.log_xlsx_export import DAY_SHOWN, amount_shown

    heading, day, amount, kept = 1, 2, 3, 4
    styles = (
        xlsx_writer.Style(bold=True),
        xlsx_writer.Style(number_format=DAY_SHOWN),
        xlsx_writer.Style(number_format=amount_shown()),
        xlsx_writer.Style(text_kept=True),
    )
    value = display.money_heading("Value", ledger.currency)
    with xlsx_writer.SheetWriter(
        out, sheet="Redress ledger", styles=styles, widths=(14, 14, 26, 24, 14), kept_text=kept
    ) as sheet:
        sheet.append(["Received", "Reference", "Customer", "Redress", value], [heading] * 5)
        for entry in ledger.entries:
            sheet.append(
                [entry.received, entry.reference, entry.customer, entry.kind, entry.value],
                [day, 0, 0, 0, amount],
            )
        for title, totals in (
            ("Redress", [*ledger.by_kind, ledger.total]),
            ("Month", _month_totals(ledger)),
        ):
            sheet.append([])
            sheet.append([title, "Given", value, "Given with no value"], [heading] * 4)
            for total in totals:
                worth = None if total.given and not total.valued else total.value
                sheet.append(
                    [total.name, total.given, worth, total.given - total.valued], [0, 0, amount]
                )


def export_to_file(path: Path, ledger: RedressLedger) -> None:
    """Write the ledger to ``path``: an Excel workbook when its name ends in .xlsx,
    else CSV; beside it first and renamed at the end, so a failed export leaves any
    earlier file as it was. Raises :class:`ComplaintDeskError` with one sentence
    when it cannot be written."""
    from models.log_csv_export import is_workbook_name

    if path.is_dir():
        raise ComplaintDeskError(
            f"{path} is a folder: give the name of the file to write (.xlsx or .csv)."
        )
    partial = partial_path(path)
    try:
        if is_workbook_name(path):
            with partial.open("wb") as binary:
                write_workbook(binary, ledger)
        else:
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
