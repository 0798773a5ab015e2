"""Someone at another counter saves the Facts, Resolve or Lessons tab of the
complaint open here, or closes it, while something is typed in it: the window
says who and what, keeps what was typed, and loads theirs or saves over it as
asked (the same as the Complaint tab: tests/ui/test_edit_clash.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from models import checklist, facts, guide, lessons, resolution, timeline
from models.complaints import ComplaintDetails, load_complaint, log_complaint
from models.complaints import set_status as status_elsewhere
from models.customers import CustomerDetails
from models.redress import Given, describe, given_for
from models.tables import Complaint
from tests.ui.keyboard import type_text
from ui.close_complaint_dialog import CloseComplaintDialog

PRIYA = "Priya Shah"
MINE = "Checked it with the customer: the seal was fitted twisted."
THEIRS = "Sent the photos to the maker; they agree the seal failed."


def _opened(window):
    """A complaint past the facts (so a lesson can be written), open in the window."""
    saved = log_complaint(
        CustomerDetails(name="Aisha Doyle", phone="01632 960123"),
        ComplaintDetails(account="The kettle leaks from the base.", product="Kettle"),
        author="Sam",
    )
    for stage in guide.STAGES[:2]:
        for step in stage.steps:
            checklist.tick(saved.id, step.key, author="Sam")
    facts.record_fault(saved.id, "ours", "The seal was split.", author="Sam")
    window.show_complaints()
    window.list_view.refresh()
    window.open_complaint(saved.id)
    return saved, window.detail


def _show_tab(detail, panel) -> None:
    for index in range(detail.tabs.count()):
        if detail.tabs.widget(index).isAncestorOf(panel):
            detail.tabs.setCurrentIndex(index)
            return
    raise AssertionError("no tab holds the panel")


def _type_over(box, text: str) -> None:
    box.setFocus()
    box.selectAll()
    type_text(box, text)


@dataclass(frozen=True)
class Tab:
    """One tab: how a person types in it and saves it, what Priya saves at the
    other counter, and how the window and the log show it."""

    name: str
    kind: str  # its timeline entries
    field: str  # as the question names it
    panel: Callable[[object], object]
    typed_box: Callable[[object], object]
    save_button: Callable[[object], object]
    theirs_elsewhere: Callable[[int, str], None]
    stored: Callable[[Complaint], str]
    # Another field of the same tab: Priya changes it, the person types in theirs.
    other_elsewhere: Callable[[int], None]
    other_stored: Callable[[Complaint], object]
    other_value: object


def _finding_elsewhere(complaint_id: int, basis: str) -> None:
    facts.record_fault(complaint_id, "not_ours", basis, author=PRIYA)


def _solution_elsewhere(complaint_id: int, solution: str) -> None:
    now = load_complaint(complaint_id)
    resolution.save_resolution(
        complaint_id, options_offered=now.options_offered, agreed_solution=solution,
        first_contact=now.first_contact, author=PRIYA,
    )  # fmt: skip


def _offer_elsewhere(complaint_id: int) -> None:
    resolution.save_resolution(
        complaint_id, options_offered="A repair or a new kettle", agreed_solution="",
        first_contact=False, author=PRIYA,
    )  # fmt: skip


def _lesson_elsewhere(complaint_id: int, lesson: str, redress: str = "") -> None:
    lessons.record_learning(
        complaint_id, root_cause_id=None, lesson=lesson,
        redress=(Given(redress),) if redress else (), author=PRIYA,
    )  # fmt: skip


TABS = [
    Tab(
        name="facts",
        kind=timeline.FAULT_FOUND,
        field="What the finding rests on",
        panel=lambda d: d.facts,
        typed_box=lambda d: d.facts.basis,
        save_button=lambda d: d.facts.record_fault,
        theirs_elsewhere=_finding_elsewhere,
        stored=lambda r: r.fault_basis,
        # Priya rewords the basis; the person changes the finding alone.
        other_elsewhere=lambda i: facts.record_fault(i, "ours", "The seal split.", author=PRIYA),
        other_stored=lambda r: (r.fault, r.fault_basis),
        other_value=("shared", "The seal split."),
    ),
    Tab(
        name="resolve",
        kind=timeline.RESOLUTION,
        field="Agreed solution",
        panel=lambda d: d.resolve,
        typed_box=lambda d: d.resolve.solution,
        save_button=lambda d: d.resolve.save_button,
        theirs_elsewhere=_solution_elsewhere,
        stored=lambda r: r.agreed_solution,
        other_elsewhere=_offer_elsewhere,
        other_stored=lambda r: (r.options_offered, r.agreed_solution),
        other_value=("A repair or a new kettle", MINE),
    ),
    Tab(
        name="lessons",
        kind=timeline.LESSON,
        field="Lesson",
        panel=lambda d: d.lessons,
        typed_box=lambda d: d.lessons.form.lesson,
        save_button=lambda d: d.lessons.save_button,
        theirs_elsewhere=_lesson_elsewhere,
        stored=lambda r: r.lesson,
        other_elsewhere=lambda i: _lesson_elsewhere(i, "", redress="refund"),
        other_stored=lambda r: (describe(given_for(r.id)), r.lesson),
        other_value=("Refund", MINE),
    ),
]


def _typed(qtbot, window, tab: Tab):
    """Sam opens the complaint and types in ``tab``; Priya then saves the same
    field at the other counter."""
    saved, detail = _opened(window)
    _show_tab(detail, tab.panel(detail))
    _type_over(tab.typed_box(detail), MINE)
    tab.theirs_elsewhere(saved.id, THEIRS)
    return saved, detail


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("tab", TABS, ids=lambda t: t.name)
def test_a_clash_names_who_changed_what_and_keeps_the_typing(
    qtbot, window, answers, tab: Tab
) -> None:
    saved, detail = _typed(qtbot, window, tab)
    answers.given = ["clash_keep_editing"]
    _click(qtbot, tab.save_button(detail))

    [said] = answers.said
    assert f"{PRIYA} changed {saved.reference}" in said
    assert tab.field in said
    assert tab.typed_box(detail).toPlainText() == MINE  # still as typed
    assert detail.has_unsaved_typing
    assert tab.stored(Complaint.get_by_id(saved.id)) == THEIRS  # theirs, untouched


@pytest.mark.parametrize("tab", TABS, ids=lambda t: t.name)
def test_saving_mine_over_theirs_writes_it(qtbot, window, answers, tab: Tab) -> None:
    saved, detail = _typed(qtbot, window, tab)
    answers.given = ["clash_save_mine"]
    _click(qtbot, tab.save_button(detail))

    assert len(answers.said) == 1
    assert tab.stored(Complaint.get_by_id(saved.id)) == MINE
    assert tab.typed_box(detail).toPlainText() == MINE
    assert not detail.has_unsaved_typing
    authors = [e.author for e in timeline.entries(saved.id) if e.kind == tab.kind]
    assert authors[-2:] == [PRIYA, "Sam"]  # both on the timeline


@pytest.mark.parametrize("tab", TABS, ids=lambda t: t.name)
def test_loading_theirs_shows_their_version(qtbot, window, answers, tab: Tab) -> None:
    saved, detail = _typed(qtbot, window, tab)
    answers.given = ["clash_reload"]
    _click(qtbot, tab.save_button(detail))

    assert len(answers.said) == 1
    assert tab.typed_box(detail).toPlainText() == THEIRS
    assert not detail.has_unsaved_typing
    assert tab.stored(Complaint.get_by_id(saved.id)) == THEIRS


def test_loading_theirs_keeps_the_offer_typed_when_only_the_solution_clashed(
    qtbot, window, answers
) -> None:
    saved, detail = _opened(window)
    _show_tab(detail, detail.resolve)
    _type_over(detail.resolve.options, "A repair, or a new kettle")
    _type_over(detail.resolve.solution, MINE)
    _solution_elsewhere(saved.id, THEIRS)
    answers.given = ["clash_reload"]
    _click(qtbot, detail.resolve.save_button)

    assert detail.resolve.solution.toPlainText() == THEIRS
    assert detail.resolve.options.toPlainText() == "A repair, or a new kettle"
    assert detail.has_unsaved_typing  # the offer is still to be saved
    _click(qtbot, detail.resolve.save_button)
    stored = load_complaint(saved.id)
    assert (stored.options_offered, stored.agreed_solution) == (
        "A repair, or a new kettle", THEIRS,
    )  # fmt: skip


@pytest.mark.parametrize("tab", TABS, ids=lambda t: t.name)
def test_their_change_to_another_field_of_the_tab_is_kept_without_asking(
    qtbot, window, answers, tab: Tab
) -> None:
    saved, detail = _opened(window)
    _show_tab(detail, tab.panel(detail))
    if tab.name == "facts":  # the finding itself, not its basis
        detail.facts.fault.setCurrentIndex(detail.facts.fault.findData("shared"))
    else:
        _type_over(tab.typed_box(detail), MINE)
    tab.other_elsewhere(saved.id)
    _click(qtbot, tab.save_button(detail))

    assert answers.said == []
    assert tab.other_stored(Complaint.get_by_id(saved.id)) == tab.other_value
    assert not detail.has_unsaved_typing


@pytest.mark.parametrize("tab", TABS, ids=lambda t: t.name)
def test_a_note_added_while_typing_does_not_hide_their_change(
    qtbot, window, answers, tab: Tab
) -> None:
    """Adding a note re-reads the complaint around the typing; the save still
    starts from what the typing was made on."""
    saved, detail = _typed(qtbot, window, tab)
    type_text(detail.composer.text, "Rang the customer back")
    _click(qtbot, detail.composer.add)
    assert tab.typed_box(detail).toPlainText() == MINE
    answers.given = ["clash_keep_editing"]
    _click(qtbot, tab.save_button(detail))

    assert len(answers.said) == 1 and PRIYA in answers.said[0]
    assert tab.stored(Complaint.get_by_id(saved.id)) == THEIRS


# --- Closing ---------------------------------------------------------------------------------
LESSON = "Check every seal before it leaves the shop."
REASON = "Customer happy with the new kettle."


def _closing(qtbot, monkeypatch, detail, underneath: Callable[[], None], *presses: bool):
    """Click Close complaint; in the window it opens, type a lesson and a reason,
    let ``underneath`` change the log, and press Close complaint there (again for
    each further press). What the window held at each press is returned."""
    held: list[tuple[str, str, bool]] = []

    def run(dialog: CloseComplaintDialog) -> int:
        dialog.show()
        _type_over(dialog.form.lesson, LESSON)
        _type_over(dialog.reason, REASON)
        underneath()
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        for _press in (True, *presses):
            if dialog.isVisible():
                _click(qtbot, ok)
            held.append(
                (dialog.form.lesson.toPlainText(), dialog.reason.toPlainText(), dialog.isVisible())
            )
        return dialog.result()

    monkeypatch.setattr(CloseComplaintDialog, "exec", run)
    _click(qtbot, detail.close_button)
    return held


def test_closing_one_closed_at_another_counter_asks_and_keeps_the_typing(
    qtbot, window, answers, monkeypatch
) -> None:
    saved, detail = _opened(window)
    answers.given = ["clash_keep_editing", "clash_save_mine"]

    def priya_closes() -> None:
        status_elsewhere(saved.id, "closed", author=PRIYA, reason="Refunded at the till.")

    held = _closing(qtbot, monkeypatch, detail, priya_closes, True)

    first, then = answers.said
    assert f"{PRIYA} changed {saved.reference}" in first and "Open or closed" in first
    assert held[0] == (LESSON, REASON, True)  # kept editing: all still typed, still open
    assert "Open or closed" in then
    # Saved over theirs: Sam's lesson and reason are kept, as is Priya's closing.
    stored = Complaint.get_by_id(saved.id)
    assert (stored.status, stored.lesson) == ("closed", LESSON)
    closings = [
        (e.author, e.text) for e in timeline.entries(saved.id) if e.kind == "status_changed"
    ]
    assert closings == [(PRIYA, "Closed. Refunded at the till."), ("Sam", f"Closed. {REASON}")]
    assert held[-1][2] is False


def test_closing_one_whose_solution_changed_meanwhile_asks_and_loads_theirs(
    qtbot, window, answers, monkeypatch
) -> None:
    saved, detail = _opened(window)
    answers.given = ["clash_reload"]

    held = _closing(
        qtbot, monkeypatch, detail, lambda: _solution_elsewhere(saved.id, "A new kettle")
    )

    [said] = answers.said
    assert f"{PRIYA} changed {saved.reference}" in said and "Agreed solution" in said
    assert held == [(LESSON, REASON, False)]
    stored = Complaint.get_by_id(saved.id)
    assert (stored.status, stored.lesson) == ("open", "")  # nothing of Sam's closing
    assert detail.resolve.solution.toPlainText() == "A new kettle"  # theirs, shown
    assert detail.close_button.text() == "Close complaint"


@pytest.mark.parametrize("tab", TABS, ids=lambda t: t.name)
def test_keeping_both_puts_their_words_and_mine_together_to_save(
    qtbot, window, answers, tab: Tab
) -> None:
    saved, detail = _typed(qtbot, window, tab)
    answers.given = ["clash_keep_both"]
    _click(qtbot, tab.save_button(detail))

    assert "Keep both" in answers.said[0]
    shown = tab.typed_box(detail).toPlainText()
    assert THEIRS in shown and MINE in shown
    assert detail.has_unsaved_typing  # to read, then save
    assert tab.stored(Complaint.get_by_id(saved.id)) == THEIRS
    _click(qtbot, tab.save_button(detail))
    assert tab.stored(Complaint.get_by_id(saved.id)) == shown
    assert len(answers.said) == 1  # saved over theirs without asking again
