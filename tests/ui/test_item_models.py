"""Every item model passes Qt's model tester."""

from __future__ import annotations

from models import timeline
from models.complaints import ComplaintDetails, add_note, log_complaint
from models.customers import CustomerDetails
from models.demo import add_demo_data
from ui.complaint_table_model import ComplaintTableModel
from ui.customer_suggestions import CustomerSuggestionModel
from ui.timeline_model import TimelineModel


def test_complaint_table_model(qtmodeltester, db) -> None:
    add_demo_data(250, seed=9)
    model = ComplaintTableModel()
    model.reload()
    qtmodeltester.check(model)
    model.fetchMore()
    qtmodeltester.check(model)


def test_customer_suggestion_model(qtmodeltester, db) -> None:
    add_demo_data(50, seed=9)
    model = CustomerSuggestionModel()
    model.look_up("an")
    qtmodeltester.check(model)


def test_timeline_model(qtmodeltester, db) -> None:
    saved = log_complaint(CustomerDetails(name="Jo"), ComplaintDetails(account="x"), author="Sam")
    add_note(saved.id, "first", author="Sam")
    model = TimelineModel()
    model.load(saved.id)
    assert model.rowCount() == len(timeline.entries(saved.id)) >= 2
    qtmodeltester.check(model)


def test_redress_ledger_models(qtmodeltester, db) -> None:
    import datetime as dt

    from models.insights import Period
    from models.redress_ledger import redress_ledger
    from ui.redress_ledger_view import PAGE, LedgerModel, TotalsModel

    add_demo_data(600, seed=9)
    ledger = redress_ledger(Period(dt.date(2000, 1, 1), dt.date.today()))
    assert len(ledger.entries) > PAGE  # so that more is fetched as the list is scrolled
    model = LedgerModel()
    model.show_ledger(ledger)
    qtmodeltester.check(model)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == len(ledger.entries)
    qtmodeltester.check(model)
    totals = TotalsModel("Month", months=True)
    totals.show_totals(ledger, ledger.by_month, "All months")
    qtmodeltester.check(totals)
