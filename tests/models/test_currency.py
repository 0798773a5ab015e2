"""The shop's currency: chosen in the business profile (the locale's until then),
and written with every amount: the timeline, the log's CSV, the customer's copy."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import replace

import pytest

from letters.customer_record import render_customer_record
from models import currency, display, lessons
from models.business import BusinessProfile, load_profile, save_profile
from models.complaints import ComplaintDetails, log_complaint
from models.customer_data import collect, to_json
from models.customers import CustomerDetails
from models.errors import ValidationError
from models.log_csv import export_log, import_log, read_log
from models.redress import Given, given_for
from models.timeline import entries
from tests.letters.pdfs import page_texts, words

SHOP = BusinessProfile(name="Corner Cycles", signatory_name="Sam Lee")
WHEN = dt.datetime(2026, 3, 2, 10, 0)


def shop_in(code: str) -> None:
    save_profile(replace(SHOP, currency=code))


def refunded(value: float, name: str = "Ana Souza"):
    logged = log_complaint(
        CustomerDetails(name=name), ComplaintDetails(account="Late.", received_at=WHEN),
        author="Sam", now=WHEN,
    )  # fmt: skip
    lessons.record_learning(
        logged.id, root_cause_id=None, lesson="", redress=(Given("refund", value),),
        author="Sam", closing=True, now=WHEN,
    )  # fmt: skip
    return logged


@pytest.mark.parametrize(
    ("code", "small", "large"),
    [
        ("GBP", "£12.50", "£1,200.00"),
        ("EUR", "€12.50", "€1,200.00"),
        ("SEK", "12.50\u00a0kr", "1,200.00\u00a0kr"),
        ("CHF", "CHF\u00a012.50", "CHF\u00a01,200.00"),
        ("JPY", "¥12", "¥1,200"),
        ("THB", "THB\u00a012.50", "THB\u00a01,200.00"),
    ],
)
def test_amounts_are_written_in_the_currency_the_profile_names(db, code, small, large) -> None:
    shop_in(code)
    assert display.money(12.5) == small
    assert display.money(1200) == large


def test_a_code_is_kept_in_capitals_and_a_mistyped_one_is_refused(db) -> None:
    shop_in(" eur ")
    assert load_profile().currency == "EUR"
    for typed in ("GPB", "EU", "€", "EURO"):
        with pytest.raises(ValidationError) as refused:
            shop_in(typed)
        assert "three-letter code" in refused.value.problems["currency"]
    assert load_profile().currency == "EUR"


def test_until_one_is_chosen_the_computers_locale_decides(db, monkeypatch) -> None:
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
    assert display.money(12.5) == "$12.50"
    save_profile(SHOP)  # a profile saved before there was a currency to choose
    assert display.money(12.5) == "$12.50"
    shop_in("GBP")
    assert display.money(12.5) == "£12.50"
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    save_profile(SHOP)
    assert display.money(12.5) == "12.50"


def test_the_desktop_tells_the_locale_where_the_environment_does_not(db, monkeypatch) -> None:
    for variable in ("LC_ALL", "LC_MONETARY", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(currency, "_system_locale", "")
    currency.use_system_locale("de_AT")
    try:
        assert display.money(3) == "€3.00"
    finally:
        currency.use_system_locale("")


def test_the_timeline_names_the_shops_currency(db) -> None:
    shop_in("EUR")
    logged = refunded(12.5)
    assert any("Redress: Refund (€12.50)" in entry.text for entry in entries(logged.id))


def test_the_log_export_names_the_currency_in_the_heading_and_reads_back(
    db, tmp_path, open_other_log
) -> None:
    from models.db import close_database

    shop_in("EUR")
    refunded(1250.5)
    out = io.StringIO(newline="")
    export_log(out)
    text = out.getvalue().lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert rows[0]["redress value (EUR)"] == "1250.50"  # a number a spreadsheet adds up
    close_database()
    open_other_log("another")
    plan = read_log(text)
    assert plan.problems == []
    import_log(plan, author="Sam")
    again = io.StringIO(newline="")
    export_log(again)
    assert "redress value,closed" in again.getvalue()  # no profile there: no currency
    assert ",Refund,1250.50," in again.getvalue()


def test_the_customers_copy_names_the_currency_in_the_json_and_the_pdf(db) -> None:
    shop_in("EUR")
    logged = refunded(42.5, name="Zoë Martin")
    data = collect(logged.customer_id)
    tree = json.loads(to_json(data))
    assert tree["currency"] == "EUR"
    assert tree["complaints"][0]["redress"] == [{"kind": "Refund", "value": 42.5}]
    text = words(" ".join(page_texts(render_customer_record(data))))
    assert "Refund, value €42.50" in text


def test_the_workbook_shows_amounts_in_the_currency_and_keeps_them_numbers(
    db, tmp_path, open_other_log
) -> None:
    import openpyxl

    from models.db import close_database
    from models.log_csv import export_to_file
    from models.tables import Complaint

    shop_in("EUR")
    refunded(1250.5)
    path = tmp_path / "log.xlsx"
    export_to_file(path)
    sheet = openpyxl.load_workbook(path)["Complaints"]
    heading = [cell.value for cell in sheet[1]]
    amount = dict(zip(heading, sheet[2], strict=True))["Redress value (EUR)"]
    assert amount.value == 1250.5 and amount.number_format == '"€"0.00'
    close_database()
    open_other_log("another")
    plan = read_log(path)
    assert plan.problems == []
    import_log(plan, author="Sam")
    assert given_for(Complaint.get().id) == (Given("refund", 1250.5),)
