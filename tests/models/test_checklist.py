"""The guide's steps, ticking them, and the stage that follows."""

from __future__ import annotations

import datetime as dt

import pytest

from models import checklist, guide, timeline
from models.complaint_list import ListQuery, all_rows
from models.complaints import ComplaintDetails, load_complaint, log_complaint
from models.customers import CustomerDetails
from models.errors import ValidationError


@pytest.fixture
def complaint(db):
    return log_complaint(
        CustomerDetails(name="Ana"),
        ComplaintDetails(account="The zip broke."),
        author="Sam",
        now=dt.datetime(2026, 3, 14, 10, 0),
    )


def test_five_stages_each_with_steps_reasons_and_some_things_to_say() -> None:
    assert [s.title for s in guide.STAGES] == [
        "Engage",
        "Empathise",
        "Get the facts",
        "Resolve",
        "Follow up",
    ]
    keys = [step.key for stage in guide.STAGES for step in stage.steps]
    assert len(keys) == len(set(keys))
    for stage in guide.STAGES:
        assert stage.steps
        for step in stage.steps:
            assert step.instruction and step.reason
            assert step.key.startswith(stage.key + ".")
    assert all(any(step.say for step in stage.steps) for stage in guide.STAGES)


def test_the_stage_is_the_first_with_a_step_to_do() -> None:
    assert guide.current_stage(set()) == "engage"
    engage = {step.key for step in guide.STAGES[0].steps}
    assert guide.current_stage(engage) == "empathise"
    # A later step ticked early does not skip an earlier stage.
    assert guide.current_stage({"resolve.ask"}) == "engage"
    everything = set(guide.STEPS_BY_KEY)
    assert guide.current_stage(everything) == guide.DONE
    # An agreed solution recorded is Resolve, with a fact still unticked: the stage
    # stayed at "Get the facts" until each of its steps was ticked.
    assert guide.current_stage(engage | {"facts.ask", guide.AGREE_STEP}) == "resolve"
    assert guide.current_stage(engage | {guide.FINDING_STEP}) == "facts"
    found_then_satisfied = {guide.FINDING_STEP, guide.SATISFIED_STEP}
    assert guide.current_stage(found_then_satisfied) == "follow_up"


def test_ticking_moves_the_stage_and_records_who_and_when(complaint) -> None:
    for step in guide.STAGES[0].steps:
        stage = checklist.tick(
            complaint.id, step.key, author="Priya", now=dt.datetime(2026, 3, 14, 10, 5)
        )
    assert stage == "empathise"
    assert load_complaint(complaint.id).stage == "empathise"
    ticks = checklist.ticks(complaint.id)
    assert ticks["engage.listen"].ticked_by == "Priya"
    assert ticks["engage.listen"].ticked_at == dt.datetime(2026, 3, 14, 10, 5)
    # Their account was written down as the complaint was logged: that step was
    # done then, by whoever logged it, and ticking it again changes nothing.
    assert ticks["engage.record"].ticked_by != "Priya"
    kinds = [e.kind for e in timeline.entries(complaint.id)]
    assert kinds.count("step_ticked") == 2 and kinds[-1] == "stage_changed"
    assert timeline.entries(complaint.id)[-1].text == "Engage → Empathise"
    # The list shows the same stage.
    assert [r.stage for r in all_rows(ListQuery(status="all"))] == ["empathise"]


def test_a_tick_can_carry_a_note(complaint) -> None:
    checklist.tick(complaint.id, "engage.listen", author="Sam", note="Let her finish")
    assert checklist.ticks(complaint.id)["engage.listen"].note == "Let her finish"
    assert "Let her finish" in timeline.entries(complaint.id)[-1].text


def test_unticking_is_recorded_and_moves_the_stage_back(complaint) -> None:
    for step in guide.STAGES[0].steps:
        checklist.tick(complaint.id, step.key, author="Sam")
    assert checklist.untick(complaint.id, "engage.listen", author="Jo") == "engage"
    assert "engage.listen" not in checklist.ticks(complaint.id)
    entries = timeline.entries(complaint.id)
    assert [e.kind for e in entries[-2:]] == ["step_unticked", "stage_changed"]
    assert entries[-2].author == "Jo"


def test_ticking_twice_or_unticking_an_unticked_step_changes_nothing(complaint) -> None:
    checklist.tick(complaint.id, "engage.listen", author="Sam")
    before = len(timeline.entries(complaint.id))
    checklist.tick(complaint.id, "engage.listen", author="Sam")
    checklist.untick(complaint.id, "resolve.ask", author="Sam")
    assert len(timeline.entries(complaint.id)) == before


def test_an_unknown_step_is_refused(complaint) -> None:
    with pytest.raises(ValidationError):
        checklist.tick(complaint.id, "engage.dance", author="Sam")


def test_the_first_action_sets_the_time_to_first_response(complaint) -> None:
    assert load_complaint(complaint.id).first_response_at is None
    checklist.tick(
        complaint.id, "engage.attention", author="Sam", now=dt.datetime(2026, 3, 14, 10, 2)
    )
    checklist.tick(complaint.id, "engage.listen", author="Sam", now=dt.datetime(2026, 3, 14, 11, 0))
    assert load_complaint(complaint.id).first_response_at == dt.datetime(2026, 3, 14, 10, 2)


def test_closing_is_a_response_but_what_is_done_after_is_not(complaint) -> None:
    """A complaint closed with nothing else done (or one brought in closed from the
    shop's old log): a letter weeks later is not its first response."""
    from models.complaints import add_note, set_status

    closed = dt.datetime(2026, 3, 14, 12, 0)
    set_status(complaint.id, "closed", author="Sam", reason="Sorted at the till.", now=closed)
    assert load_complaint(complaint.id).first_response_at == closed
    other = log_complaint(
        CustomerDetails(name="Jo"), ComplaintDetails(account="Late."), author="Sam",
        now=dt.datetime(2026, 3, 14, 9, 0),
    )  # fmt: skip
    from models.tables import Complaint

    Complaint.update(status="closed").where(Complaint.id == other.id).execute()  # as imported
    add_note(other.id, "Sent the confirmation.", author="Sam", now=dt.datetime(2026, 5, 20, 9))
    assert load_complaint(other.id).first_response_at is None


def test_two_counters_ticking_the_same_steps_at_once_tick_each_once(complaint) -> None:
    """On a server two counters can tick the same step at the same moment: one
    ticks it, the other finds it ticked; neither meets a database error."""
    import threading

    from models.db import database

    done = set(checklist.ticks(complaint.id))  # their account, written as it was logged
    keys = [step.key for stage in guide.STAGES for step in stage.steps if step.key not in done]
    errors: list[BaseException] = []

    def counter(name: str, start: threading.Barrier) -> None:
        try:
            for key in keys:
                start.wait(timeout=30)
                checklist.tick(complaint.id, key, author=name)
        except BaseException as exc:  # any error is what is looked for
            errors.append(exc)
        finally:
            database.close()

    start = threading.Barrier(2)
    counters = [threading.Thread(target=counter, args=(n, start)) for n in ("Sam", "Kim")]
    for thread in counters:
        thread.start()
    for thread in counters:
        thread.join(timeout=120)
    assert errors == []
    assert set(checklist.ticks(complaint.id)) == set(keys) | done
    entries = [e for e in timeline.entries(complaint.id) if e.kind == timeline.STEP_TICKED]
    assert sorted(e.text.split("\n")[0] for e in entries) == sorted(
        f"Done: {guide.STEPS_BY_KEY[key].instruction}" for key in keys
    )


def test_every_line_the_guide_offers_to_say_passes_the_wording_check() -> None:
    """A line the guide puts into the owner's mouth must never be underlined, however
    the complaint came in."""
    from models.choices import CHANNELS
    from models.wording import scan

    lines = {
        line
        for stage in guide.STAGES
        for step in stage.steps
        for channel in [*(c.key for c in CHANNELS), guide.IMPORTED]
        for line in step.for_channel(channel).say
    }
    assert {line: scan(line) for line in lines if scan(line)} == {}
