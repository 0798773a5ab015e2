"""With the log on a server, every change the other counters show is told on
PostgreSQL's channel as it commits, once per change, naming the tables and the
process; a counter's listener hears the others, not itself."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

import psycopg
import pytest

from models import drafts, followups, live, morning_list
from models.complaints import ComplaintDetails, add_note, log_complaint
from models.customers import CustomerDetails
from models.db import server_database
from models.errors import ComplaintDeskError
from models.settings import set_setting


@pytest.fixture
def heard(db, engine) -> Iterator[psycopg.Connection]:
    """Another counter's connection, listening on the log's channel."""
    if engine == "sqlite":
        pytest.skip("one window works on a data file: nothing is told")
    with psycopg.connect(os.environ["COMPLAINT_DESK_DATABASE"], autocommit=True) as conn:
        conn.execute(f"LISTEN {live.CHANNEL}")
        yield conn


def told(conn: psycopg.Connection) -> list[dict]:
    """What was told on the channel within a second."""
    return [json.loads(note.payload) for note in conn.notifies(timeout=1.0)]


def log_one(name: str = "Ann Shared"):
    return log_complaint(
        CustomerDetails(name=name), ComplaintDetails(account="The kettle leaks."), author="Sam"
    )


def test_a_saved_complaint_is_told_once_with_what_it_wrote_and_who(heard) -> None:
    log_one()
    [change] = told(heard)
    assert change["from"] == live.SENDER
    assert str(os.getpid()) == change["from"].split(".")[0]
    assert {"complaint", "customer", "follow_up", "event"} <= set(change["tables"])


def test_a_note_and_a_follow_up_done_are_told(heard) -> None:
    complaint = log_one()
    told(heard)
    add_note(complaint.id, "Rang back.", author="Sam")
    assert [c["tables"] for c in told(heard)] == [["complaint", "event"]]
    [due] = [f for f in morning_list.for_complaint(complaint.id) if f.kind == followups.ACKNOWLEDGE]
    followups.complete(due.id, followups.DONE_OUTCOME, author="Sam")
    [change] = told(heard)
    assert "follow_up" in change["tables"]


def test_a_change_that_fails_is_not_told(heard, monkeypatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise ComplaintDeskError("refused")

    with monkeypatch.context() as patch:
        patch.setattr(followups, "schedule_for_new_complaint", refuse)
        with pytest.raises(ComplaintDeskError):
            log_one("Bob Refused")
    saved = log_one("Cy Saved")
    [change] = told(heard)  # the one saved, alone
    assert "complaint" in change["tables"]
    assert saved.reference.endswith("-0001")  # the refused one took nothing


def test_drafts_and_settings_are_not_told(heard) -> None:
    complaint = log_one()
    told(heard)
    drafts.save_draft(drafts.NEW_COMPLAINT, {"name": "Ann", "account": "Half typed"})
    set_setting("window_geometry", "abc")
    add_note(complaint.id, "Rang back.", author="Sam")
    assert [c["tables"] for c in told(heard)] == [["complaint", "event"]]  # the note alone


def test_a_listener_hears_other_counters_and_not_its_own(heard) -> None:
    db = server_database()
    assert db is not None
    listener = live.Listener(db)
    listener.listen()
    try:
        log_one()  # this process's own
        assert listener.wait(1.0) == []
        other = json.dumps({"from": "4242.0badcafe", "tables": ["follow_up"]})
        heard.execute("SELECT pg_notify(%s, %s)", (live.CHANNEL, other))
        [change] = listener.wait(5.0)
        assert change.tables == {"follow_up"} and not change.ours
    finally:
        listener.close()
