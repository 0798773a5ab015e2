"""Whatever is typed or pasted is saved whole and read back the same."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.complaint_list import ListQuery, all_rows
from models.complaints import ComplaintDetails, load_complaint, log_complaint
from models.customers import CustomerDetails, suggest_customers
from models.errors import ValidationError
from models.text import clean

ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=ANY_TEXT, account=ANY_TEXT, product=ANY_TEXT)
def test_any_text_is_saved_and_read_back_cleaned_or_refused_whole(
    db, name, account, product
) -> None:
    before = len(all_rows(ListQuery(status="all")))
    try:
        saved = log_complaint(
            CustomerDetails(name=name),
            ComplaintDetails(account=account, product=product[:300]),
            author="Sam",
            new_customer=True,  # not one met in an earlier example
            now=dt.datetime(2026, 3, 14),
        )
    except ValidationError as exc:
        assert set(exc.problems) <= {"name", "account", "product"}
        assert len(all_rows(ListQuery(status="all"))) == before
        return
    record = load_complaint(saved.id)
    assert record.customer.name == clean(name)
    assert record.details.account == clean(account, multiline=True)
    assert record.details.product == clean(product[:300])


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(typed=ANY_TEXT)
def test_searching_for_anything_never_fails(db, typed) -> None:
    all_rows(ListQuery(status="all", text=typed))
    suggest_customers(typed)
