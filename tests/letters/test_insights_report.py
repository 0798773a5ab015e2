"""The insights report read back from the PDF: text, escaping, sections, metadata."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from letters.insights_report import SECTION_TITLES, TITLE, render_insights_report
from models.business import BusinessProfile, save_profile
from models.categories import add_category
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from models.insights import Period, insights
from models.redress_ledger import redress_ledger
from models.root_causes import ROOT_CAUSES
from models.tables import Complaint
from tests.letters.pdfs import page_texts, reader, words
from tests.models.test_insights import PERIOD, small_log

BUSINESS = "Jo & <Sons>"
TODAY_END = dt.date(2026, 4, 30)


def report(period: Period, business: str) -> bytes:
    return render_insights_report(insights(period), business, redress_ledger(period))


def text_of(pdf: bytes) -> str:
    return words(" ".join(page_texts(pdf)))


def test_the_small_log_prints_every_section_and_its_figures(db) -> None:
    small_log()
    pdf = report(PERIOD, BUSINESS)
    document = reader(pdf)
    text = text_of(pdf)

    assert f"{TITLE} {BUSINESS} 1 January 2026 to 10 April 2026 Complaints received" in text
    assert "&amp;" not in text and "&lt;" not in text
    for title in SECTION_TITLES.values():
        assert title in text
    for figure in (
        "Complaints received 7",
        "Most frequent root cause Late",
        "Faulty or damaged item",
        "No category",
        "All complaints 3 0 3 1",  # per month, the total row
        "Wrong item supplied",
        "Product defect",
        "50% 50%",  # Late: 3 of 6, and so far 3 of 6
        "100%",
        "Median (hours) 4.0 – 2.5 0.5",
        "Median (days) 3.0 – 6.0 –",
        "Refund 30.30 0.00 0.00 0.00",
        "Total 30.30 0.00 35.25 0.00",
        "3 or more 1",
    ):
        assert figure in text, figure
    metadata = document.metadata
    assert metadata is not None
    assert metadata.title == f"{TITLE}, 1 January 2026 to 10 April 2026"
    assert metadata.author == BUSINESS
    assert metadata.subject == "Complaints received from 2026-01-01 to 2026-04-10"
    assert metadata.creator == "Complaint Desk"
    for page in document.pages:  # A4
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
            595,
            842,
        )


def test_names_with_markup_and_any_script_print_literally(db) -> None:
    category = add_category("Tools & <b>Hardware</b>")
    cause = ROOT_CAUSES.add("Supplier <i>late</i> & “lost”")
    when = dt.datetime(2026, 3, 3, 10, 0)
    saved = log_complaint(
        CustomerDetails(name="Zoë Łukasiewicz"),
        ComplaintDetails(account="x", received_at=when, category_id=category.id),
        author="Sam",
        now=when,
    )
    Complaint.update(root_cause=cause.id).where(Complaint.id == saved.id).execute()
    business = "Καλλιόπη & Иван <Ltd>"
    pdf = report(PERIOD, business)
    text = text_of(pdf)
    assert business in text
    assert "Tools & <b>Hardware</b>" in text
    assert "Supplier <i>late</i> & “lost”" in text
    assert reader(pdf).metadata.author == business


@pytest.mark.parametrize("business", [BUSINESS, ""])
def test_an_empty_period_still_makes_a_report(db, business: str) -> None:
    small_log()
    period = Period(dt.date(2024, 11, 20), dt.date(2025, 1, 5))
    pdf = report(period, business)
    text = text_of(pdf)
    assert len(reader(pdf).pages) == 1
    assert f"{TITLE} {business} 20 November 2024 to 5 January 2025".replace("  ", " ") in text
    assert "Complaints received 0" in text
    for title in SECTION_TITLES.values():
        assert title in text
    assert "No complaints were received in this period, so there are no complaints to" in text


def test_a_one_month_period_and_a_long_one(db) -> None:
    small_log()
    short = report(Period(dt.date(2026, 4, 1), TODAY_END), BUSINESS)
    assert "Median (minutes) 45.0" in text_of(short)  # C7 half an hour, C8 an hour
    long = report(Period.last_months(60, TODAY_END), BUSINESS)
    text = text_of(long)
    assert "May 2021" in text and "Apr 2026" in text
    assert "Complaints received 9" in text


def test_chart_months_are_written_with_the_whole_year_as_in_the_window(db) -> None:
    small_log()
    text = text_of(report(PERIOD, BUSINESS))
    months = r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d+)\b"
    years = set(re.findall(months, text))
    assert years == {"2026"}  # never "Jan 26", which reads like a day


def test_the_ledger_lists_every_redress_with_totals_in_the_shops_currency(db) -> None:
    save_profile(BusinessProfile(name="Jo", signatory_name="Jo", currency="SEK"))
    small_log()
    text = text_of(report(PERIOD, BUSINESS))
    ledger = text[text.index("Redress ledger Every redress") :]  # no-break spaces read as " "
    for figure in (
        "Redress Given Value (SEK)",
        "Refund 2 30.30 kr",
        "Replacement 2 30.00 kr",
        "All redress 6 65.55 kr",
        "Month Given Value (SEK)",
        "Feb 2026 0 0.00 kr",
        "Mar 2026 3 35.25 kr",
        "All months 6 65.55 kr",
        "Received Reference Customer Redress Value (SEK)",
        "Mon 5 Jan 2026 C-2026-0001 Ana Refund 20.10 kr",
        "Tue 20 Jan 2026 C-2026-0003 Ana Replacement Mon",  # no value: left blank
    ):
        assert figure in ledger, figure
    assert "Redress given (value) 65.55 kr" in text


def test_a_ledger_total_with_redress_of_no_value_reads_whole_beside_its_count(db) -> None:
    """ "65.55 + 1 with no value" was printed over the count beside it."""
    from tests.letters.pdfs import pdftotext

    small_log()
    lines = pdftotext(report(PERIOD, BUSINESS), layout=True).splitlines()
    for label, count in (("All redress", "6"), ("All months", "6"), ("Replacement", "2")):
        line = next(x for x in lines if x.strip().startswith(label) and "with no value" in x)
        assert re.search(rf"{label}\s+{count}\s+[\d.,]+ \+ 1 with no value\s*$", line), line


def test_times_under_two_days_are_in_hours_and_longer_ones_in_days(db) -> None:
    when = dt.datetime(2026, 3, 2, 9, 0)
    for hours in (10, 30):
        saved = log_complaint(CustomerDetails(name="Jo"),
                              ComplaintDetails(account="x", received_at=when), author="Sam",
                              now=when)  # fmt: skip
        Complaint.update(
            first_response_at=when + dt.timedelta(hours=1), status="closed",
            closed_at=when + dt.timedelta(hours=hours),
        ).where(Complaint.id == saved.id).execute()  # fmt: skip
    text = text_of(report(PERIOD, BUSINESS))
    assert "Median (hours) – – 1.0 –" in text
    assert "Median (hours) – – 20.0 –" in text  # resolution: not "0.8" days
    assert "Median hours from receiving the complaint to its closing" in text


def test_imported_complaints_without_a_response_or_a_time_are_said_in_the_report(db) -> None:
    from tests.models.test_insights import imported_day_only_log

    imported_day_only_log(dt.date(2026, 3, 2))
    text = text_of(report(Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31)), BUSINESS))
    # The first response, given in the app after the import, is left out: how long
    # it waited is not known.
    assert "first answered after the import" in " ".join(text.split())
    assert "Median (days) 1.5" in text  # to closing: the same day, and three days
    assert "Median (hours) 0.0" not in text
    assert (
        "Left out: 1 complaint with no response recorded (imported ones, or not answered yet)."
        in text
    )
    assert "2 complaints imported with a day but no time are counted in whole days." in text
