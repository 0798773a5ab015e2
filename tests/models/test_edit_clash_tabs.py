"""Two counters editing the Facts, Resolve and Lessons tabs of one complaint, or
closing it: the second save never undoes the first (the same rule as the
Complaint tab's, tests/models/test_edit_clash.py).

Each counter reads the complaint (load_complaint), edits what it read, and saves
through models.edit_clash, as the window does; the other counter saves through
the same functions, or through the plain model functions as a command does."""

from __future__ import annotations

from pathlib import Path

import pytest

from models import checklist, facts, guide, lessons, resolution, timeline
from models.complaints import (
    ComplaintDetails,
    ComplaintRecord,
    load_complaint,
    log_complaint,
    set_status,
    update_complaint,
)
from models.customers import CustomerDetails
from models.edit_clash import (
    EditClash,
    close_complaint,
    save_finding,
    save_learning,
    save_solution,
)
from models.facts import Finding
from models.lessons import Learnt
from models.redress import Given
from models.resolution import Resolution
from models.root_causes import ROOT_CAUSES
from tests.models.test_edit_clash import at_once


def _logged(name: str = "Ann Shared") -> ComplaintRecord:
    saved = log_complaint(
        CustomerDetails(name=name, phone="0161 496 0000"),
        ComplaintDetails(account="The boiler stopped twice", product="Boiler service"),
        author="Sam",
    )
    # Past the facts, so that a cause and a lesson can be recorded.
    for stage in guide.STAGES[:2]:
        for step in stage.steps:
            checklist.tick(saved.id, step.key, author="Sam")
    return load_complaint(saved.id)


def _entries(complaint_id: int, kind: str) -> list[timeline.TimelineEntry]:
    return [e for e in timeline.entries(complaint_id) if e.kind == kind]


# --- Facts: the finding on fault ---------------------------------------------------------
def test_the_same_finding_recorded_twice_is_refused_naming_who_and_what(db: Path) -> None:
    at_till = _logged()
    in_office = load_complaint(at_till.id)
    save_finding(at_till, Finding("not_ours", "The customer's own fuse blew."), author="Priya Shah")
    with pytest.raises(EditClash) as raised:
        save_finding(in_office, Finding("ours", "Our part was faulty."), author="Sam")
    clash = raised.value
    assert clash.who == ("Priya Shah",)
    assert clash.fields == ("Finding on fault", "What the finding rests on")
    assert "Priya Shah" in str(clash) and "Finding on fault" in str(clash)
    stored = load_complaint(at_till.id)
    assert (stored.fault, stored.fault_basis) == ("not_ours", "The customer's own fuse blew.")
    assert [e.author for e in _entries(at_till.id, timeline.FAULT_FOUND)] == ["Priya Shah"]


def test_a_finding_keeps_their_change_to_another_tab_and_saves_over_theirs_when_asked(
    db: Path,
) -> None:
    at_till = _logged()
    in_office = load_complaint(at_till.id)
    # Another tab's change at the other counter is no clash: both are kept.
    save_solution(at_till, Resolution(agreed_solution="A new valve"), author="Priya")
    save_finding(in_office, Finding("ours", "Our valve was faulty."), author="Sam")
    stored = load_complaint(at_till.id)
    assert (stored.fault, stored.agreed_solution) == ("ours", "A new valve")
    # The same field: refused, then saved over theirs on purpose.
    again = load_complaint(at_till.id)
    facts.record_fault(at_till.id, "shared", "Both of us.", author="Priya")  # a command
    mine = Finding("no_one", "Nobody's: a power cut.")
    with pytest.raises(EditClash) as raised:
        save_finding(again, mine, author="Sam")
    assert raised.value.who == ("Priya",)
    save_finding(again, mine, author="Sam", over=raised.value.theirs)
    stored = load_complaint(at_till.id)
    assert (stored.fault, stored.fault_basis) == ("no_one", "Nobody's: a power cut.")


# --- Resolve: the options offered, the solution agreed --------------------------------------
def test_the_same_solution_changed_twice_is_refused_and_other_fields_are_merged(db: Path) -> None:
    at_till = _logged()
    in_office = load_complaint(at_till.id)
    save_solution(
        at_till, Resolution(options_offered="Repair or refund", agreed_solution="Refund"),
        author="Priya Shah",
    )  # fmt: skip
    with pytest.raises(EditClash) as raised:
        save_solution(in_office, Resolution(agreed_solution="Repair on Monday"), author="Sam")
    assert raised.value.who == ("Priya Shah",)
    assert raised.value.fields == ("Agreed solution",)
    assert load_complaint(at_till.id).agreed_solution == "Refund"
    # Sam ticks "first contact" alone: Priya's solution and offer stay.
    save_solution(in_office, Resolution(first_contact=True), author="Sam")
    stored = load_complaint(at_till.id)
    assert (stored.options_offered, stored.agreed_solution, stored.first_contact) == (
        "Repair or refund",
        "Refund",
        True,
    )


def test_a_solution_saved_over_theirs_is_a_clash_again_after_a_later_change(db: Path) -> None:
    at_till = _logged()
    in_office = load_complaint(at_till.id)
    save_solution(at_till, Resolution(agreed_solution="Refund"), author="Priya")
    mine = Resolution(agreed_solution="Repair on Monday")
    with pytest.raises(EditClash) as raised:
        save_solution(in_office, mine, author="Sam")
    resolution.save_resolution(
        at_till.id, options_offered="", agreed_solution="Refund in full", first_contact=False,
        author="Tom",
    )  # fmt: skip
    with pytest.raises(EditClash) as again:
        save_solution(in_office, mine, author="Sam", over=raised.value.theirs)
    assert again.value.who == ("Priya", "Tom")
    save_solution(in_office, mine, author="Sam", over=again.value.theirs)
    assert load_complaint(at_till.id).agreed_solution == "Repair on Monday"


# --- Lessons: the cause, the lesson, the redress -------------------------------------------
def test_the_same_lesson_changed_twice_is_refused_and_their_cause_is_kept(db: Path) -> None:
    late = ROOT_CAUSES.find("Late")
    assert late is not None
    at_till = _logged()
    in_office = load_complaint(at_till.id)
    save_learning(
        at_till, Learnt(root_cause_id=late.id, lesson="Book engineers a day ahead."),
        author="Priya Shah",
    )  # fmt: skip
    with pytest.raises(EditClash) as raised:
        save_learning(in_office, Learnt(lesson="Check the van stock."), author="Sam")
    assert raised.value.who == ("Priya Shah",)
    assert raised.value.fields == ("Lesson",)
    assert load_complaint(at_till.id).lesson == "Book engineers a day ahead."
    # The redress alone is Sam's: Priya's cause and lesson stay.
    save_learning(
        in_office,
        Learnt(
            redress=(Given("voucher", 20.0),),
        ),
        author="Sam",
    )
    stored = load_complaint(at_till.id)
    assert (stored.root_cause_id, stored.lesson) == (late.id, "Book engineers a day ahead.")
    assert stored.redress == (Given("voucher", 20.0),)
    save_learning(
        in_office, Learnt(lesson="Check the van stock."), author="Sam", over=raised.value.theirs
    )
    assert load_complaint(at_till.id).lesson == "Check the van stock."


# --- Closing -------------------------------------------------------------------------------------
def test_closing_one_closed_at_another_counter_meanwhile_is_a_clash(db: Path) -> None:
    at_till = _logged()
    set_status(at_till.id, "closed", author="Priya Shah", reason="Customer happy on the phone.")
    learnt = Learnt(lesson="Ring back the same day.")
    with pytest.raises(EditClash) as raised:
        close_complaint(at_till, learnt, reason="No reply to our letter.", author="Sam")
    clash = raised.value
    assert clash.who == ("Priya Shah",)
    assert clash.fields == ("Open or closed",)
    assert "Priya Shah changed" in str(clash) and "while you were closing it" in str(clash)
    assert load_complaint(at_till.id).lesson == ""  # nothing of Sam's was written
    # Closed over theirs on purpose: Sam's lesson and reason are written, theirs is kept.
    close_complaint(at_till, learnt, reason="No reply to our letter.", author="Sam",
                    over=clash.theirs)  # fmt: skip
    stored = load_complaint(at_till.id)
    assert (stored.status, stored.lesson) == ("closed", "Ring back the same day.")
    said = [(e.author, e.text) for e in _entries(at_till.id, timeline.STATUS_CHANGED)]
    assert said == [
        ("Priya Shah", "Closed. Customer happy on the phone."),
        ("Sam", "Closed. No reply to our letter."),
    ]


def test_closing_one_whose_solution_changed_meanwhile_is_a_clash(db: Path) -> None:
    at_till = _logged()
    save_solution(at_till, Resolution(agreed_solution="Refund"), author="Sam")
    seen = load_complaint(at_till.id)  # Sam reads the solution agreed, and closes on it
    resolution.save_resolution(
        seen.id, options_offered="", agreed_solution="Replace the boiler", first_contact=False,
        author="Priya Shah",
    )  # fmt: skip
    with pytest.raises(EditClash) as raised:
        close_complaint(seen, Learnt(), reason="Refunded.", author="Sam")
    assert raised.value.who == ("Priya Shah",)
    assert raised.value.fields == ("Agreed solution",)
    assert load_complaint(seen.id).status == "open"
    close_complaint(seen, Learnt(), reason="Refunded.", author="Sam", over=raised.value.theirs)
    stored = load_complaint(seen.id)
    assert (stored.status, stored.agreed_solution) == ("closed", "Replace the boiler")


def test_closing_keeps_their_change_to_what_it_does_not_rest_on(db: Path) -> None:
    at_till = _logged()
    update_complaint(
        at_till.id, ComplaintDetails(account="The boiler stopped three times"), author="Priya"
    )
    lessons.record_learning(
        at_till.id, root_cause_id=None, lesson="", redress=(Given("refund"),),
        author="Priya",
    )  # fmt: skip
    close_complaint(at_till, Learnt(lesson="Service it yearly."), reason="Done.", author="Sam")
    stored = load_complaint(at_till.id)
    assert (stored.status, stored.lesson, stored.redress) == (
        "closed",
        "Service it yearly.",
        (Given("refund"),),
    )
    assert stored.details.account == "The boiler stopped three times"


# --- At the very same moment -----------------------------------------------------------------
def test_two_counters_saving_the_same_solution_at_once_never_both_win(db: Path) -> None:
    for round_ in range(3):
        seen = _logged(name=f"Customer {round_}")

        def save(who: str, seen: ComplaintRecord = seen) -> None:
            save_solution(seen, Resolution(agreed_solution=f"As {who} agreed it"), author=who)

        outcome = at_once(seen, save)
        winner = next(w for w, said in outcome.items() if said == "saved")
        loser = "Sam" if winner == "Priya" else "Priya"
        assert outcome[loser] == f"clash with {winner}"
        assert load_complaint(seen.id).agreed_solution == f"As {winner} agreed it"


@pytest.mark.parametrize("learnt", [True, False], ids=["with a lesson", "with nothing learnt"])
def test_two_counters_closing_at_once_close_it_once(db: Path, learnt: bool) -> None:
    for round_ in range(3):
        seen = _logged(name=f"Customer {round_}")

        def close(who: str, seen: ComplaintRecord = seen) -> None:
            lesson = f"{who}'s lesson" if learnt else ""
            close_complaint(seen, Learnt(lesson=lesson), reason=f"{who} sorted it.", author=who)

        outcome = at_once(seen, close)
        winner = next(w for w, said in outcome.items() if said == "saved")
        loser = "Sam" if winner == "Priya" else "Priya"
        assert outcome[loser] == f"clash with {winner}"
        assert load_complaint(seen.id).lesson == (f"{winner}'s lesson" if learnt else "")
        closings = [(e.author, e.text) for e in _entries(seen.id, timeline.STATUS_CHANGED)]
        assert closings == [(winner, f"Closed. {winner} sorted it.")]
