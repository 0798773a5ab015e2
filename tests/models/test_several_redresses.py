"""More than one thing given to put a complaint right (a replacement, and a refund
of the postage): each kept, listed in the ledger, added up in the insights,
written to the timeline, exported and read back."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from models import lessons, timeline
from models.business import BusinessProfile, save_profile
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from models.db import close_database
from models.errors import ValidationError
from models.insights import Period, insights
from models.log_csv import export_log, import_log, read_log
from models.redress import Given, given_for, total
from models.redress_ledger import redress_ledger
from models.tables import Complaint

WHEN = dt.datetime(2026, 3, 2, 10, 0)
PERIOD = Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
BOTH = (Given("replacement", 35.0), Given("refund", 4.5))


def vase_replaced_and_postage_refunded():
    save_profile(BusinessProfile(name="Corner Gifts", signatory_name="Sam", currency="GBP"))
    saved = log_complaint(
        CustomerDetails(name="Ana Souza"),
        ComplaintDetails(account="The vase came cracked.", received_at=WHEN),
        author="Sam",
        now=WHEN,
    )
    lessons.record_learning(
        saved.id, root_cause_id=None, lesson="Double-box glass.", redress=BOTH,
        author="Sam", closing=True, now=WHEN + dt.timedelta(days=1),
    )  # fmt: skip
    return saved


def test_two_things_given_are_both_kept_in_order_and_on_the_timeline(db) -> None:
    saved = vase_replaced_and_postage_refunded()
    assert lessons.learning(saved.id).redress == BOTH
    said = [e.text for e in timeline.entries(saved.id) if e.kind == timeline.LESSON]
    assert "Redress: Replacement (£35.00); Refund (£4.50)" in said[-1]


def test_the_ledger_lists_each_and_the_insights_add_them_up(db) -> None:
    saved = vase_replaced_and_postage_refunded()
    reference = Complaint.get_by_id(saved.id).reference
    ledger = redress_ledger(PERIOD)
    assert [(e.reference, e.kind, e.value) for e in ledger.entries] == [
        (reference, "Replacement", 35.0),
        (reference, "Refund", 4.5),
    ]
    assert (ledger.total.given, ledger.total.value) == (2, 39.5)
    per_month = insights(PERIOD).redress_per_month
    assert per_month["Replacement"] == [35.0] and per_month["Refund"] == [4.5]


def test_the_export_writes_both_and_the_import_reads_them_back(db, open_other_log) -> None:
    vase_replaced_and_postage_refunded()
    out = io.StringIO(newline="")
    export_log(out)
    text = out.getvalue().lstrip("\ufeff")
    [row] = list(csv.DictReader(io.StringIO(text, newline="")))
    assert row["redress"] == "Replacement (35.00); Refund (4.50)"
    assert row["redress value (GBP)"] == "39.50"  # the total, for a spreadsheet to add up
    close_database()
    open_other_log("another")
    plan = read_log(text)
    assert plan.problems == []
    import_log(plan, author="Sam")
    assert given_for(Complaint.get().id) == BOTH


def test_the_total_of_two_amounts_is_the_sum_a_person_would_write(db) -> None:
    assert total((Given("replacement", 24.99), Given("voucher", 10.0))) == 34.99


def test_an_owners_file_may_name_several_kinds(db) -> None:
    text = (
        "received,customer name,account,redress,redress value\n"
        "2026-03-01,Ana,Cracked vase,Replacement; goodwill gesture (5),35\n"
        "2026-03-02,Jo,Late cake,Voucher,10\n"
    )
    plan = read_log(text)
    assert plan.problems == []
    assert [r.redress for r in plan.rows] == [
        (Given("replacement"), Given("goodwill", 5.0)),
        (Given("voucher", 10.0),),
    ]


@pytest.mark.parametrize(
    ("cell", "said"),
    [
        ("Replacement; a hug", "“Replacement; a hug” is not a redress"),
        ("Refund (lots)", "“Refund (lots)” is not a redress"),
        ("None; Refund (5)", "“None” cannot go with something given"),
    ],
)
def test_a_redress_cell_that_cannot_be_read_is_a_problem_of_its_row(db, cell, said) -> None:
    plan = read_log(f"received,customer name,account,redress\n2026-03-01,Ana,Cracked,{cell}\n")
    assert len(plan.problems) == 1 and said in plan.problems[0]
    assert plan.problems[0].startswith("Row 2")


def test_none_cannot_go_with_something_given(db) -> None:
    saved = vase_replaced_and_postage_refunded()
    with pytest.raises(ValidationError) as raised:
        lessons.record_learning(
            saved.id, root_cause_id=None, lesson="", redress=(Given("none"), Given("refund", 2)),
            author="Sam", closing=True,
        )  # fmt: skip
    assert "cannot go with something given" in raised.value.problems["redress"]
    assert lessons.learning(saved.id).redress == BOTH  # unchanged


def test_removing_one_leaves_the_other(db) -> None:
    saved = vase_replaced_and_postage_refunded()
    lessons.record_learning(
        saved.id, root_cause_id=None, lesson="Double-box glass.", redress=BOTH[1:],
        author="Sam", closing=True,
    )  # fmt: skip
    assert lessons.learning(saved.id).redress == (Given("refund", 4.5),)
    assert [e.value for e in redress_ledger(PERIOD).entries] == [4.5]
