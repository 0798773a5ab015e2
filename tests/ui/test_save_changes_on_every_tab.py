"""The Save changes and Undo changes buttons under a complaint's tabs act on what
is typed on any tab, as Ctrl+S does: typing in Resolve, Lessons or the finding
lights them up, Save changes stores it, Undo changes drops it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from models import checklist, facts, guide
from models.complaints import ComplaintDetails, load_complaint, log_complaint
from models.customers import CustomerDetails
from tests.ui.keyboard import type_text

AGREED = "A new kettle from stock, ready to collect on Friday."
LESSON = "Test every kettle's seal before it goes on the shelf."


def _opened(window):
    """A complaint past the facts, so every tab takes typing, open in the window."""
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


def test_typing_the_agreed_solution_lights_save_changes_which_saves_it(qtbot, window) -> None:
    saved, detail = _opened(window)
    assert not detail.save_button.isEnabled()
    _show_tab(detail, detail.resolve)
    detail.resolve.solution.setFocus()
    type_text(detail.resolve.solution, AGREED)

    assert detail.save_button.isEnabled() and detail.revert_button.isEnabled()
    qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)

    assert load_complaint(saved.id).agreed_solution == AGREED
    assert not detail.save_button.isEnabled()
    assert detail.resolve.solution.toPlainText() == AGREED


def test_a_lesson_typed_is_saved_by_save_changes(qtbot, window) -> None:
    saved, detail = _opened(window)
    _show_tab(detail, detail.lessons)
    detail.lessons.form.lesson.setFocus()
    type_text(detail.lessons.form.lesson, LESSON)

    assert detail.save_button.isEnabled()
    qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)

    assert load_complaint(saved.id).lesson == LESSON
    assert not detail.save_button.isEnabled()
    assert f"Saved the changes to {saved.reference}" in window.statusBar().currentMessage()


def test_undo_changes_drops_what_was_typed_on_the_resolve_and_facts_tabs(qtbot, window) -> None:
    saved, detail = _opened(window)
    _show_tab(detail, detail.resolve)
    detail.resolve.solution.setFocus()
    type_text(detail.resolve.solution, AGREED)
    _show_tab(detail, detail.facts)
    detail.facts.basis.setFocus()
    type_text(detail.facts.basis, " And the lid was loose.")

    qtbot.mouseClick(detail.revert_button, Qt.MouseButton.LeftButton)

    assert detail.resolve.solution.toPlainText() == ""
    assert detail.facts.basis.toPlainText() == "The seal was split."
    assert not detail.save_button.isEnabled() and not detail.revert_button.isEnabled()
    record = load_complaint(saved.id)
    assert (record.agreed_solution, record.fault_basis) == ("", "The seal was split.")
