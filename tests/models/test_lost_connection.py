"""The connection to the log's server lost (the server restarted, or an
administrator ended it): the change is refused with one plain sentence, not a
driver's error; nothing more is tried on the spot until the server is found
back; then changes are saved again."""

from __future__ import annotations

import time

import pytest

from models import server, timeline
from models.complaints import ComplaintDetails, add_note, load_complaint, log_complaint
from models.customers import CustomerDetails
from models.db import server_database
from models.errors import ServerAway, StorageError


def cut_every_connection(test_server) -> None:
    test_server.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE application_name = 'complaint-desk'"
    )


def test_a_lost_connection_is_said_once_plainly_and_saving_works_once_back(
    db, engine, request
) -> None:
    if engine == "sqlite":
        pytest.skip("the data file is on this computer: no connection to lose")
    saved = log_complaint(
        CustomerDetails(name="Ann Shared"), ComplaintDetails(account="Leak"), author="Sam"
    )
    heard: list[str] = []
    server.when_away(heard.append)
    request.addfinalizer(lambda: server.stop_when_away(heard.append))
    cut_every_connection(request.getfixturevalue("test_server"))

    with pytest.raises(ServerAway, match="cannot be reached") as refused:
        add_note(saved.id, "Rang back.", author="Sam")
    assert isinstance(refused.value, StorageError)  # said as any storage problem is
    assert len(heard) == 1 and "cannot be reached" in heard[0]

    started = time.monotonic()
    with pytest.raises(ServerAway):
        load_complaint(saved.id)  # refused at once: nothing waits on the network
    assert time.monotonic() - started < 0.5

    db_now = server_database()
    assert db_now is not None
    db_now.came_back(db_now.try_again())
    add_note(saved.id, "Rang back.", author="Sam")
    notes = [e.text for e in timeline.entries(saved.id) if e.kind == timeline.NOTE]
    assert notes == ["Rang back."]
