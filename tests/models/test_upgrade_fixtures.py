"""Data files written by earlier versions open with this one, every record intact.

``tests/fixtures/schema-vN.sqlite3`` was written by the app at schema version
N (one file per released version). Each is copied, opened with the newest
code, and checked.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from models import migrations, timeline
from models.anonymise import erase_customer
from models.complaint_list import ListQuery, all_rows
from models.complaints import add_note, find_by_reference, load_complaint
from models.customers import suggest_customers
from models.db import close_database, database, open_database

# Data files written by earlier versions are SQLite files.
pytestmark = pytest.mark.sqlite_only

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {
            table: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in ("customer", "complaint", "event", "category")
        }


def _found(words: str) -> list[str]:
    return [row.reference for row in all_rows(ListQuery(status="all", text=words))]


@pytest.mark.parametrize(
    "fixture", sorted(FIXTURES.glob("schema-v*.sqlite3")), ids=lambda p: p.stem
)
def test_an_old_data_file_upgrades_with_every_record_intact(fixture: Path, tmp_path: Path) -> None:
    copy = tmp_path / "complaints.sqlite3"
    shutil.copy(fixture, copy)
    version = int(fixture.stem.removeprefix("schema-v"))
    before = _counts(copy)
    open_database(copy)
    try:
        assert migrations.schema_version(database.obj) == migrations.LATEST_VERSION
        assert _counts(copy) == before
        assert len(all_rows(ListQuery(status="all"))) == before["complaint"]
        found = find_by_reference("C-2026-0019")
        assert found is not None
        record = load_complaint(found.id)
        assert record.customer.name == "Zoë <b>Łukasiewicz</b> & Co"
        assert record.details.account == 'The "nut free" cake had nuts.\nSecond line & <i>more</i>'
        assert record.received_at == dt.datetime(2026, 5, 1, 10, 0)
        assert record.status == "closed"
        notes = [e.text for e in timeline.entries(found.id) if e.kind == "note"]
        assert notes == ["Called back 😀"]
        # Upgraded files get the newest features' defaults.
        assert record.fault == "unknown" and record.stage == "engage"
        assert record.first_response_at == dt.datetime(2026, 5, 2, 9, 0)
        if version >= 5:  # the redress given moved to a row of its own, its value kept
            given = [(g.kind, g.value) for g in record.redress]
            assert given[0] == ("refund", 12.5)
            if version >= 12:  # made with a second thing given
                assert given[1:] == [("voucher", 5.0)]
        if version >= 6:  # made with a customer erased: still erased, still counted
            erased = load_complaint(find_by_reference("C-2026-0017").id)
            assert erased.customer.name == "Anonymised customer"
            assert erased.details.account == "[removed]"
            assert all(e.redacted for e in timeline.entries(erased.id)[:-1])
        if version >= 7:  # made with a mention of an erased customer in another's note
            other = find_by_reference("C-2026-0018").id
            assert "Witness: [erased] saw the double charge" in [
                e.text for e in timeline.entries(other)
            ]
            assert _found("Okafor") == [] and "C-2026-0018" in _found("double charge")
        # Notes are searched, old ones too; erasing reaches into old notes.
        assert "C-2026-0019" in _found("called back")
        # Her 07700 900123 is found written the international way.
        assert "Łukasiewicz" in suggest_customers("+44 7700 900123")[0].name
        assert "C-2026-0019" in _found("+447700900123")
        add_note(found.id, "Seen by Kwame Patel at the counter", author="Sam")
        erase_customer(find_by_reference("C-2025-0001").customer_id, author="Sam")
        assert "Seen by [erased] at the counter" in [e.text for e in timeline.entries(found.id)]
    finally:
        close_database()
    if version < migrations.LATEST_VERSION:
        assert list((tmp_path / "backups").glob("*.sqlite3")), "a copy is kept before upgrading"


def test_there_is_a_fixture_for_every_schema_version_up_to_this_one() -> None:
    """A schema change is a migration step plus a fixture made by the new schema,
    committed with it: the file a shop has today is the old file of tomorrow."""
    versions = {int(p.stem.removeprefix("schema-v")) for p in FIXTURES.glob("schema-v*.sqlite3")}
    assert versions >= set(range(1, migrations.LATEST_VERSION + 1))
