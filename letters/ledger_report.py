"""The redress ledger's pages of the insights report: the totals by kind and by
month, then every redress given, in a table that runs on over as many pages as
it needs (its heading repeated on each)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from models import display
from models.redress_ledger import ALL_KINDS, LedgerTotal, RedressLedger

if TYPE_CHECKING:
    from letters.insights_report import InsightsReport

LEDGER_TITLE = "Redress ledger"
# Redresses listed at most (about 20 pages); the totals count them all, and the
# ledger's CSV export lists them all.
MAX_LISTED = 1000
MM: float = 72 / 25.4


def _totals_table(
    report: InsightsReport, ledger: RedressLedger, heading: str, rows: list[LedgerTotal], last: str
) -> Table:
    value = display.money_heading("Value", report.currency)
    whole = ledger.total
    body: list[list[object]] = [[heading, "Given", value]]
    for total in [*rows, LedgerTotal(last, whole.given, whole.value, whole.valued)]:
        style = "CellBold" if total.name == last else "Cell"
        # "£36.50 + 2 with no value" wraps in its own column, never over "Given".
        worth = report._para(total.value_words(report._money), f"{style}Right")
        body.append([report._para(total.name, style), f"{total.given:,}", worth])
    widths = [report.width - 20 * MM - 48 * MM, 20 * MM, 48 * MM]
    table = Table(body, colWidths=widths, hAlign="LEFT", repeatRows=1)
    table.setStyle(report._table_style(len(body), text_columns=1, total_row=True))
    return table


def _entries_table(report: InsightsReport, ledger: RedressLedger) -> Table:
    value = display.money_heading("Value", report.currency)
    body: list[list[object]] = [["Received", "Reference", "Customer", "Redress", value]]
    for entry in ledger.entries[:MAX_LISTED]:
        body.append([
            display.day_with_year(entry.received),
            report._para(entry.reference, "Cell"),
            report._para(entry.customer, "Cell"),
            entry.kind,
            "" if entry.value is None else report._money(entry.value),
        ])  # fmt: skip
    fixed = [26 * MM, 26 * MM, 28 * MM, 26 * MM]
    widths = [fixed[0], fixed[1], report.width - sum(fixed), fixed[2], fixed[3]]
    table = Table(body, colWidths=widths, hAlign="LEFT", repeatRows=1)
    style = report._table_style(len(body), text_columns=4)
    table.setStyle(style)
    return table


def ledger_section(report: InsightsReport, ledger: RedressLedger) -> list[Flowable]:
    """The ledger's heading, totals and list; a note alone when nothing was given."""
    heading = report._para(LEDGER_TITLE, "Heading")
    if not ledger.entries:
        note = report._note("No redress given on the complaints received in this period.")
        return [KeepTogether([heading, note])]
    note = report._note(
        "Every redress given on the complaints received in the period, by the day each "
        "complaint was received (as the chart of redress above). A redress recorded "
        "without a value is counted, its value left blank."
        + (
            f" The list shows the first {MAX_LISTED:,} of {len(ledger.entries):,}; the totals "
            "count them all, and the ledger's CSV export lists them all."
            if len(ledger.entries) > MAX_LISTED
            else ""
        )
    )
    months = [
        LedgerTotal(display.month_of(total.name), total.given, total.value, total.valued)
        for total in ledger.by_month
    ]
    return [
        KeepTogether(
            [
                heading,
                note,
                Spacer(1, 3),
                _totals_table(report, ledger, "Redress", ledger.by_kind, ALL_KINDS),
            ]
        ),
        Spacer(1, 6),
        _totals_table(report, ledger, "Month", months, "All months"),
        Spacer(1, 6),
        _entries_table(report, ledger),
    ]
