"""The redress ledger, checked against the small log's hand-picked redress, the
insights' redress chart and the database; and its CSV file."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import replace

import pytest

from models.business import BusinessProfile, save_profile
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from models.errors import ComplaintDeskError
from models.insights import Period, insights
from models.redress import Given
from models.redress import write as write_redress
from models.redress_ledger import LedgerTotal, export_to_file, redress_ledger, write_csv
from models.tables import Complaint, Redress
from tests.models.test_insights import PERIOD, small_log

SHOP = BusinessProfile(name="Corner Cycles", signatory_name="Sam", currency="EUR")


def test_every_redress_given_in_the_period_is_listed_oldest_first(db) -> None:
    ids = small_log()
    ledger = redress_ledger(PERIOD)
    references = {Complaint.get_by_id(i).reference: name for name, i in ids.items()}
    listed = [(references[e.reference], e.kind, e.value) for e in ledger.entries]
    # C0 and C8 fall outside the period; C7's redress is "None": nothing was given.
    assert listed == [
        ("C1", "Refund", 20.1), ("C2", "Refund", 10.2), ("C3", "Replacement", None),
        ("C4", "Replacement", 30.0), ("C5", "Credit", 5.25), ("C6", "Repair", 0.0),
    ]  # fmt: skip
    assert ledger.entries[0].received == dt.date(2026, 1, 5)
    assert {e.customer for e in ledger.entries} == {"Ana", "Ben", "Cal"}


def test_the_totals_by_kind_and_month_match_the_database_and_the_chart(db) -> None:
    small_log()
    ledger = redress_ledger(PERIOD)
    kinds = [(t.name, t.given, t.value) for t in ledger.by_kind]
    assert kinds == [
        ("Refund", 2, 30.3), ("Replacement", 2, 30.0), ("Repair", 1, 0.0), ("Credit", 1, 5.25),
    ]  # fmt: skip
    months = [(t.name, t.given, t.value) for t in ledger.by_month]
    assert months == [("2026-01", 3, 30.3), ("2026-02", 0, 0.0), ("2026-03", 3, 35.25),
                      ("2026-04", 0, 0.0)]  # fmt: skip
    assert (ledger.total.given, ledger.total.value) == (6, 65.55)
    given = (
        Redress.select()
        .join(Complaint)
        .where(
            Complaint.received_at.between(
                dt.datetime(2026, 1, 1), dt.datetime(2026, 4, 10, 23, 59)
            ),
            Redress.kind.not_in(("", "none")),
        )
    )
    assert ledger.total.given == given.count()
    assert ledger.total.value == round(sum(r.value or 0 for r in given), 2)
    chart = insights(PERIOD).redress_per_month
    per_month = [round(sum(column), 2) for column in zip(*chart.values(), strict=True)]
    assert per_month == [t.value for t in ledger.by_month]


def test_a_value_recorded_without_a_kind_is_redress_given(db) -> None:
    when = dt.datetime(2026, 2, 3, 10, 0)
    saved = log_complaint(
        CustomerDetails(name="Jo"), ComplaintDetails(account="x", received_at=when),
        author="Sam", now=when,
    )  # fmt: skip
    write_redress(saved.id, (Given("", 12.5),))
    ledger = redress_ledger(PERIOD)
    assert [(e.kind, e.value) for e in ledger.entries] == [("Not recorded", 12.5)]


def test_an_empty_period_has_no_redress_and_every_month_at_zero(db) -> None:
    small_log()
    ledger = redress_ledger(Period(dt.date(2024, 11, 20), dt.date(2025, 1, 5)))
    assert ledger.entries == [] and ledger.by_kind == []
    assert [(t.name, t.given) for t in ledger.by_month] == [
        ("2024-11", 0), ("2024-12", 0), ("2025-01", 0),
    ]  # fmt: skip


def exported(ledger) -> tuple[str, list[list[str]]]:
    out = io.StringIO(newline="")
    write_csv(out, ledger)
    text = out.getvalue()
    return text, list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))


def test_the_csv_names_the_currency_and_keeps_numbers_in_their_column(db) -> None:
    save_profile(SHOP)
    ids = small_log()
    write_redress(ids["C6"], (Given("refund", 1234.5),))
    text, rows = exported(redress_ledger(PERIOD))
    assert text.startswith("\ufeff")
    assert rows[0] == ["Received", "Reference", "Customer", "Redress", "Value (EUR)"]
    assert rows[1][0] == "2026-01-05" and rows[1][3:] == ["Refund", "20.10"]
    assert rows[3][3:] == ["Replacement", ""]
    assert rows[6][3:] == ["Refund", "1234.50"]
    kinds = rows.index(["Redress", "Given", "Value (EUR)", "Given with no value"])
    assert rows[kinds - 1] == []
    assert rows[kinds + 1] == ["Refund", "3", "1264.80", "0"]
    # A replacement with no value recorded is counted beside the total.
    assert ["Replacement", "2", "30.00", "1"] in rows  # one of them with no value
    assert ["All redress", "6", "1300.05", "1"] in rows
    months = rows.index(["Month", "Given", "Value (EUR)", "Given with no value"])
    assert rows[months + 1 : months + 6] == [
        ["Jan 2026", "3", "30.30", "1"], ["Feb 2026", "0", "0.00", "0"],
        ["Mar 2026", "3", "1269.75", "0"], ["Apr 2026", "0", "0.00", "0"],
        ["All months", "6", "1300.05", "1"],
    ]  # fmt: skip


def test_a_name_a_spreadsheet_would_run_is_written_as_text(db) -> None:
    small_log()
    ledger = redress_ledger(PERIOD)
    entry = ledger.entries[0]._replace(customer='=HYPERLINK("http://x","Ana")')
    _text, rows = exported(replace(ledger, entries=[entry]))
    assert rows[1][2] == '\'=HYPERLINK("http://x","Ana")'


def test_the_file_is_written_whole_or_not_at_all_with_a_clear_reason(db, tmp_path) -> None:
    small_log()
    ledger = redress_ledger(PERIOD)
    target = tmp_path / "ledger.csv"
    export_to_file(target, ledger)
    assert target.read_text(encoding="utf-8-sig").startswith("Received,Reference")
    with pytest.raises(ComplaintDeskError, match="is a folder"):
        export_to_file(tmp_path, ledger)
    with pytest.raises(ComplaintDeskError, match="does not exist"):
        export_to_file(tmp_path / "missing" / "ledger.csv", ledger)
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["ledger.csv"]


def test_a_total_with_no_value_given_is_blank_not_nought(db) -> None:
    small_log()
    ledger = redress_ledger(PERIOD)
    unvalued = LedgerTotal("Replacement", 2, 0.0, 0)
    _text, rows = exported(replace(ledger, by_kind=[unvalued]))
    assert ["Replacement", "2", "", "2"] in rows
