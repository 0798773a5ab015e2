"""A row giving only the day a complaint was received is never shown as received at 00:00."""

from __future__ import annotations

import csv
import datetime as dt
import io

from models import display
from models.complaint_list import ListQuery, all_rows
from models.complaints import find_by_reference, load_complaint
from models.log_csv import export_log, import_log, read_log

NOW = dt.datetime(2026, 1, 22, 15, 0)
FILE = (
    "reference,received,status,customer name,account,closed\n"
    "C-2026-0001,2026-01-20,Closed,Ann Lee,The lid cracked.,2026-01-20\n"
    "C-2026-0002,2026-01-20 09:30,Open,Bo Chen,Late delivery.,\n"
)


def _imported() -> None:
    plan = read_log(FILE, now=NOW)
    assert plan.problems == []
    import_log(plan, author="Sam", now=NOW)


def _row(reference: str):
    return next(r for r in all_rows(ListQuery(status="all")) if r.reference == reference)


def test_a_day_without_a_time_is_listed_as_the_day_and_its_age_in_days(db) -> None:
    _imported()
    day_only, timed = _row("C-2026-0001"), _row("C-2026-0002")
    assert display.received(day_only.received_at, day_only.received_date_only, now=NOW) == (
        "Tue 20 Jan"
    )
    assert day_only.age_text(NOW) == "same day"
    assert display.received(timed.received_at, timed.received_date_only, now=NOW) == (
        "Tue 20 Jan 09:30"
    )
    record = load_complaint(find_by_reference("C-2026-0001").id)
    assert display.received(record.received_at, record.received_date_only, style="record") == (
        "Tue 20 Jan 2026"
    )


def test_a_day_without_a_time_exports_as_the_day_and_reads_back_the_same(db) -> None:
    _imported()
    out = io.StringIO(newline="")
    export_log(out)
    rows = {r["reference"]: r for r in csv.DictReader(io.StringIO(out.getvalue().lstrip("\ufeff")))}
    assert rows["C-2026-0001"]["received"] == "2026-01-20"
    assert rows["C-2026-0001"]["closed"] == "2026-01-20"
    assert rows["C-2026-0002"]["received"] == "2026-01-20 09:30"


def test_after_receipt_a_day_known_alone_is_counted_in_days() -> None:
    received = dt.datetime(2026, 1, 20)
    assert display.after_received(received, True, dt.datetime(2026, 1, 20, 16, 0)) == (
        "the same day"
    )
    assert display.after_received(received, True, dt.datetime(2026, 1, 23, 9, 0)) == "after 3 days"
    assert display.age_since(received, True, dt.datetime(2026, 1, 20, 0, 0)) == "same day"
    assert display.age_since(received, False, dt.datetime(2026, 1, 20, 0, 40)) == "40 min"


def test_waiting_is_counted_in_days_from_a_day_known_alone() -> None:
    from models.pace import pace

    received = dt.datetime(2026, 1, 20)  # the day alone: no time
    # The next afternoon it may not yet be a day since it came in: not "39 hours".
    timing = pace(received, None, "open", None, dt.datetime(2026, 1, 21, 15, 0),
                  received_date_only=True)  # fmt: skip
    assert timing.waiting is None
    timing = pace(received, None, "open", None, dt.datetime(2026, 1, 23, 9, 0),
                  received_date_only=True)  # fmt: skip
    assert timing.waiting == "No response yet, 3 days after it was received."
    answered = dt.datetime(2026, 1, 20, 11, 0)
    timing = pace(received, answered, "open", None, dt.datetime(2026, 2, 4, 1, 0),
                  received_date_only=True)  # fmt: skip
    assert timing.waiting == "Open for 15 days."
    assert timing.age == dt.timedelta(days=15)
