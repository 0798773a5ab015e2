"""A returning customer picked at the counter: their blank email is not filled with
another customer's without asking."""

from __future__ import annotations

import pytest

from models.complaints import ComplaintDetails, CustomerQuestion, log_complaint
from models.customers import CustomerDetails, get_customer


def test_another_customers_email_filled_into_a_picked_one_is_asked_about(db) -> None:
    log_complaint(
        CustomerDetails(name="Ana Okafor", email="ana@example.com"),
        ComplaintDetails(account="Late cake"), author="Sam",
    )  # fmt: skip
    ewa = log_complaint(
        CustomerDetails(name="Ewa Okafor", phone="07700 900222"),
        ComplaintDetails(account="Stale bread"), author="Sam",
    )  # fmt: skip
    typed = CustomerDetails(name="Ewa Okafor", phone="07700 900222", email="Ana@Example.com")
    with pytest.raises(CustomerQuestion, match="Ana Okafor's in the log, not Ewa Okafor's"):
        log_complaint(typed, ComplaintDetails(account="Nuts in the cake"), author="Sam",
                      customer_id=ewa.customer_id)  # fmt: skip
    assert get_customer(ewa.customer_id).email == ""  # nothing written
    # Her own new email fills the gap without a question.
    own = CustomerDetails(name="Ewa Okafor", email="ewa@example.com")
    log_complaint(own, ComplaintDetails(account="Nuts"), author="Sam",
                  customer_id=ewa.customer_id)  # fmt: skip
    assert get_customer(ewa.customer_id).email == "ewa@example.com"


def test_the_owner_may_still_give_it_to_them_on_purpose(db) -> None:
    log_complaint(
        CustomerDetails(name="Ana Okafor", email="ana@example.com"),
        ComplaintDetails(account="Late cake"), author="Sam",
    )  # fmt: skip
    ewa = log_complaint(CustomerDetails(name="Ewa Okafor"), ComplaintDetails(account="x"),
                        author="Sam")  # fmt: skip
    typed = CustomerDetails(name="Ewa Okafor", email="ana@example.com")  # a shared inbox
    log_complaint(typed, ComplaintDetails(account="y"), author="Sam",
                  customer_id=ewa.customer_id, update_customer=True)  # fmt: skip
    assert get_customer(ewa.customer_id).email == "ana@example.com"
