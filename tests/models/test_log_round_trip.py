"""A log taken to another computer as an export: who handled each complaint,
what the finding rests on, why it was closed and its follow-ups come back as
they were, the promises still to keep due on their days, owed by the same people."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from models import facts, followups, morning_list, timeline
from models.complaint_list import ListQuery, all_rows
from models.complaints import ComplaintDetails, load_complaint, log_complaint, set_status
from models.customers import CustomerDetails
from models.db import close_database
from models.log_csv import export_log, import_log, read_log
from models.tables import Complaint

NOW = dt.datetime(2026, 3, 2, 10, 0)


def _exported() -> str:
    out = io.StringIO(newline="")
    export_log(out)
    return out.getvalue()


def test_handler_finding_close_reason_and_follow_ups_come_back(
    db: Path, tmp_path: Path, open_other_log
) -> None:
    heels = log_complaint(
        CustomerDetails(name="Ruth Adeyemi"),
        ComplaintDetails(account="The heels came off.", handler="Ola"),
        author="Ola", now=NOW,
    )  # fmt: skip
    facts.record_fault(heels.id, "ours", "The glue had not set: we rushed it.", author="Ola")
    keys = log_complaint(
        CustomerDetails(name="Bo Lin"), ComplaintDetails(account="The key does not turn."),
        author="Dev", now=NOW,
    )  # fmt: skip
    first = next(f for f in morning_list.for_complaint(keys.id))
    followups.complete(first.id, followups.DONE_OUTCOME, author="Dev", note="Rang: cut a new one")
    set_status(keys.id, "closed", author="Dev", reason="New key works; he is happy.")
    pending_before = {(i.what, i.due_on, i.owner) for i in morning_list.for_complaint(heels.id)}
    text = _exported()
    close_database()
    open_other_log("other computer")
    path = tmp_path / "log.csv"
    path.write_text(text, encoding="utf-8", newline="")
    plan = read_log(path)
    said = " ".join(plan.notes)
    assert "follow-ups, kept as the file gives them" in said
    assert "will get the deadlines" not in said  # none planned: the file gives them
    import_log(plan, author="Rui")

    heels_now = load_complaint(Complaint.get(Complaint.reference == heels.reference).id)
    assert heels_now.details.handler == "Ola"
    assert heels_now.fault_basis == "The glue had not set: we rushed it."
    pending_after = {(i.what, i.due_on, i.owner) for i in morning_list.for_complaint(heels_now.id)}
    assert pending_after == pending_before  # same days, same people: none planned again
    assert _exported() == text
    keys_now = Complaint.get(Complaint.reference == keys.reference)
    said = "\n".join(e.text for e in timeline.entries(keys_now.id))
    assert "Closed. New key works; he is happy." in said
    assert "Rang: cut a new one" in _exported()
    # The note made when it was done is on the timeline, and a search finds it.
    assert any("Rang: cut a new one" in e.text for e in timeline.entries(keys_now.id))
    found = [r.reference for r in all_rows(ListQuery(status="all", text="cut a new one"))]
    assert found == [keys.reference]
