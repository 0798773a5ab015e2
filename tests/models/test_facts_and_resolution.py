"""Get the facts and Resolve: notes apart, the finding on fault, evidence, actions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from models import attachments, facts, file_store, resolution, timeline
from models.complaints import ComplaintDetails, add_note, load_complaint, log_complaint
from models.customers import CustomerDetails
from models.errors import NotFoundError, ValidationError
from models.pace import pace


@pytest.fixture
def complaint(db):
    return log_complaint(
        CustomerDetails(name="Ana"),
        ComplaintDetails(account="The vase arrived broken."),
        author="Sam",
        now=dt.datetime(2026, 3, 14, 10, 0),
    )


def test_customer_says_and_we_checked_are_kept_apart(complaint) -> None:
    add_note(complaint.id, "She says the courier dropped it.", author="Sam", kind="customer_says")
    add_note(complaint.id, "Courier photo shows the box crushed.", author="Sam", kind="we_checked")
    add_note(complaint.id, "Rang back.", author="Sam")
    found = facts.facts(complaint.id)
    assert [n.text for n in found.customer_says] == ["She says the courier dropped it."]
    assert [n.text for n in found.we_checked] == ["Courier photo shows the box crushed."]
    with pytest.raises(ValidationError):
        add_note(complaint.id, "x", author="Sam", kind="gossip")


def test_the_finding_on_fault_needs_a_basis_and_goes_on_the_timeline(complaint) -> None:
    with pytest.raises(ValidationError) as caught:
        facts.record_fault(complaint.id, "ours", "  ", author="Sam")
    assert "fault_basis" in caught.value.problems
    assert not facts.fault_is_ours(complaint.id)
    facts.record_fault(
        complaint.id, "ours", "We packed it without padding.", author="Priya",
        now=dt.datetime(2026, 3, 15, 9, 0),
    )  # fmt: skip
    record = load_complaint(complaint.id)
    assert (record.fault, record.fault_basis) == ("ours", "We packed it without padding.")
    assert record.fault_at == dt.datetime(2026, 3, 15, 9, 0)
    assert facts.fault_is_ours(complaint.id)
    last = timeline.entries(complaint.id, (timeline.FAULT_FOUND,))[-1]
    assert (last.kind, last.author) == ("fault_found", "Priya")
    assert "Fault: Ours." in last.text and "without padding" in last.text
    with pytest.raises(ValidationError):
        facts.record_fault(complaint.id, "the cat", "basis", author="Sam")


def test_evidence_is_copied_not_moved_and_listed(complaint, tmp_path: Path) -> None:
    photo = tmp_path / "broken vase.jpg"
    photo.write_bytes(b"\xff\xd8 pretend jpeg " * 100)
    added = attachments.attach(complaint.id, photo, author="Sam")
    assert photo.exists()  # the original stays where it was
    assert file_store.current().get(added.key) == photo.read_bytes()
    assert added.stored_name.endswith(".jpg") and added.original_name == "broken vase.jpg"
    assert added.size == photo.stat().st_size
    import hashlib

    assert added.sha256 == hashlib.sha256(photo.read_bytes()).hexdigest()
    listed = attachments.evidence(complaint.id)
    assert [e.original_name for e in listed] == ["broken vase.jpg"]
    assert attachments.path_of(listed[0].id).read_bytes() == photo.read_bytes()
    assert timeline.entries(complaint.id)[-1].kind == "evidence_added"


def test_a_missing_file_gives_a_clear_message(complaint, tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as caught:
        attachments.attach(complaint.id, tmp_path / "gone.pdf", author="Sam")
    assert "is not there any more" in caught.value.problems["file"]
    with pytest.raises(ValidationError, match="folder"):
        attachments.attach(complaint.id, tmp_path, author="Sam")
    assert attachments.evidence(complaint.id) == []


def test_an_empty_file_is_not_kept_as_evidence(complaint, tmp_path: Path) -> None:
    """A 0-byte "photo" was listed as evidence, with nothing in it to show."""
    empty = tmp_path / "empty-photo.jpg"
    empty.write_bytes(b"")
    with pytest.raises(ValidationError) as caught:
        attachments.attach(complaint.id, empty, author="Sam")
    assert "empty-photo.jpg is empty (0 bytes)" in caught.value.problems["file"]
    assert attachments.evidence(complaint.id) == []


def test_a_deleted_copy_is_reported_when_opened(complaint, tmp_path: Path) -> None:
    receipt = tmp_path / "receipt.pdf"
    receipt.write_bytes(b"%PDF-1.4 pretend")
    added = attachments.attach(complaint.id, receipt, author="Sam")
    file_store.current().delete(added.key)
    with pytest.raises(NotFoundError, match="missing"):
        attachments.path_of(added.id)


def test_resolution_fields_and_actions_are_recorded(complaint) -> None:
    lines = resolution.save_resolution(
        complaint.id,
        options_offered="Repair, replacement or refund.",
        agreed_solution="A replacement vase, delivered by us on Saturday.",
        first_contact=True,
        author="Sam",
    )
    assert len(lines) == 3
    record = load_complaint(complaint.id)
    assert record.agreed_solution == "A replacement vase, delivered by us on Saturday."
    assert record.first_contact is True
    action = resolution.add_action(
        complaint.id, who="Sam", what="deliver the replacement", due_on=dt.date(2026, 3, 21),
        author="Sam",
    )  # fmt: skip
    assert resolution.actions(complaint.id) == [action]
    assert (
        "Sam will deliver the replacement by Sat 21 Mar 2026"
        in timeline.entries(complaint.id)[-1].text
    )
    resolution.set_action_done(action.id, True, author="Sam")
    assert resolution.actions(complaint.id)[0].done_at is not None
    with pytest.raises(ValidationError) as caught:
        resolution.add_action(
            complaint.id, who="", what=" ", due_on=dt.date(2020, 1, 1), author="S"
        )
    assert set(caught.value.problems) == {"who", "what", "due_on"}
    resolution.remove_action(action.id, author="Sam")
    assert resolution.actions(complaint.id) == []


def test_pace_marks_complaints_waiting_too_long() -> None:
    received = dt.datetime(2026, 3, 1, 9, 0)
    quick = pace(
        received, received + dt.timedelta(minutes=30), "open", None, received + dt.timedelta(days=2)
    )
    assert quick.first_response == dt.timedelta(minutes=30) and quick.waiting is None
    silent = pace(received, None, "open", None, received + dt.timedelta(days=2))
    assert silent.waiting == "No response yet, 2 days after it was received."
    old = pace(received, received, "open", None, received + dt.timedelta(days=20))
    assert old.waiting == "Open for 20 days."
    closed = pace(
        received, None, "closed", received + dt.timedelta(days=30), received + dt.timedelta(days=90)
    )
    assert closed.waiting is None and closed.age == dt.timedelta(days=30)


def test_recording_a_finding_ticks_its_step_in_the_guide(complaint) -> None:
    from models import checklist

    facts.record_fault(complaint.id, "unknown", "", author="Sam")
    assert "facts.finding" not in checklist.ticks(complaint.id)  # not known yet: not a finding
    facts.record_fault(complaint.id, "ours", "The press log shows it ran hot.", author="Kim")
    tick = checklist.ticks(complaint.id)["facts.finding"]
    assert (tick.ticked_by, tick.note) == (
        "Kim",
        "Taken as done: the finding on fault was recorded.",
    )


def test_recording_an_agreed_solution_ticks_its_step_in_the_guide(complaint) -> None:
    from models import checklist

    resolution.save_resolution(
        complaint.id, options_offered="Refund or a new vase.", agreed_solution="",
        first_contact=False, author="Sam",
    )  # fmt: skip
    assert "resolve.agree" not in checklist.ticks(complaint.id)  # nothing agreed yet
    resolution.save_resolution(
        complaint.id, options_offered="Refund or a new vase.",
        agreed_solution="A new vase, delivered by Friday.", first_contact=False, author="Kim",
    )  # fmt: skip
    tick = checklist.ticks(complaint.id)["resolve.agree"]
    assert (tick.ticked_by, tick.note) == (
        "Kim",
        "Taken as done: the agreed solution was recorded.",
    )


def test_recording_the_root_cause_and_a_lesson_ticks_its_step_in_the_guide(complaint) -> None:
    from models import checklist, lessons
    from models.root_causes import ROOT_CAUSES

    cause = ROOT_CAUSES.items()[0]
    lessons.record_learning(
        complaint.id, root_cause_id=cause.id, lesson="", redress=(),
        author="Sam", closing=True,
    )  # fmt: skip
    assert "follow_up.learn" not in checklist.ticks(complaint.id)  # no lesson yet
    lessons.record_learning(
        complaint.id, root_cause_id=cause.id, lesson="Double-box anything glass.", redress=(),
        author="Kim", closing=True,
    )  # fmt: skip
    tick = checklist.ticks(complaint.id)["follow_up.learn"]
    assert (tick.ticked_by, tick.note) == (
        "Kim",
        "Taken as done: the root cause and the lesson were recorded.",
    )
