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
