"""A returning customer is found whichever way their number is written: "+44 7700
900123", "0044 7700 900123", "+44 (0)7700 900123" and "07700 900123" are one number."""

from __future__ import annotations

import datetime as dt

import pytest

from models.complaint_list import ListQuery, all_rows
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails, suggest_customers
from models.log_csv import import_log, read_log
from models.matching import NEW, SAME, CustomerMatcher

NOW = dt.datetime(2026, 3, 13, 15, 0)
WAYS = ["+44 7700 900222", "0044 7700 900222", "+44 (0)7700 900222", "07700 900 222"]


def _logged(name: str, phone: str) -> int:
    logged = log_complaint(
        CustomerDetails(name=name, phone=phone), ComplaintDetails(account="The lid cracked."),
        author="Sam", now=NOW,
    )  # fmt: skip
    return logged.customer_id


@pytest.mark.parametrize("first", WAYS)
@pytest.mark.parametrize("then", WAYS)
def test_the_same_number_written_another_way_is_the_same_customer(db, first, then) -> None:
    known = _logged("Ann Lee", first)
    details = CustomerDetails(name="Ann Lee", phone=then)
    found = CustomerMatcher.from_log([details]).match(details)
    assert found.outcome == SAME
    assert found.person.id == known


def test_another_number_or_another_name_is_not_taken_for_them(db) -> None:
    _logged("Ann Lee", "+44 7700 900222")
    for details in (
        CustomerDetails(name="Ann Lee", phone="07700 900223"),
        CustomerDetails(name="Bo Chen", phone="+353 7700 900222"),
    ):
        assert CustomerMatcher.from_log([details]).match(details).outcome == NEW


@pytest.mark.parametrize("typed", ["07700 900", "+44 7700 9", "+447700900222", "7700 900222"])
def test_typing_the_number_either_way_suggests_them(db, typed) -> None:
    _logged("Ann Lee", "+44 7700 900222")
    _logged("Bo Chen", "07700 900 222")
    _logged("Cy Dunn", "01632 960001")
    assert sorted(match.name for match in suggest_customers(typed)) == ["Ann Lee", "Bo Chen"]


def test_searching_the_log_by_number_finds_it_either_way(db) -> None:
    _logged("Ann Lee", "+44 7700 900222")
    _logged("Bo Chen", "07700 900222")
    for typed in ("07700900222", "+44 7700 900222", "0044 7700 900222"):
        found = {row.customer for row in all_rows(ListQuery(status="all", text=typed))}
        assert found == {"Ann Lee", "Bo Chen"}, typed


def test_an_imported_row_with_the_other_spelling_joins_the_customer(db) -> None:
    known = _logged("Ann Lee", "07700 900222")
    plan = read_log(
        "received,status,customer name,phone,account\n"
        "2026-03-10 10:00,Open,Ann Lee,+44 7700 900222,The handle came off.\n",
        now=NOW,
    )
    assert plan.problems == []
    import_log(plan, author="Sam", now=NOW)
    owners = {row.customer for row in all_rows(ListQuery(status="all"))}
    assert owners == {"Ann Lee"}
    assert suggest_customers("Ann Lee")[0].complaint_count == 2
    assert suggest_customers("Ann Lee")[0].id == known


@pytest.mark.parametrize(
    "typed", ["0176 2345 6789", "0176 2345", "0176", "+49 176 23456789", "0049 176 2345 6789"]
)
def test_a_number_typed_in_groups_finds_its_customer_however_it_was_stored(db, typed) -> None:
    """A German mobile written as the shop stored it, "0176 2345 6789", found
    nobody: its first group's trunk 0 was looked for among the digits kept."""
    from models.complaints import ComplaintDetails, log_complaint
    from models.customers import CustomerDetails, suggest_customers

    log_complaint(
        CustomerDetails(name="Marta Kowalska", phone="0176 2345 6789"),
        ComplaintDetails(account="The screen has a dead strip."), author="Tomasz",
    )  # fmt: skip
    assert [m.name for m in suggest_customers(typed)] == ["Marta Kowalska"]
