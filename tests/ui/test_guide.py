"""Guided handling in the window: ticking steps, hints, the wording check, facts, resolve."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QPushButton, QToolTip, QWidget

from models import checklist, guide, timeline
from models.complaints import ComplaintDetails, load_complaint, log_complaint
from models.customers import CustomerDetails
from models.resolution import actions
from models.tables import Complaint
from tests.ui.evidence import add_files
from tests.ui.keyboard import type_text


@pytest.fixture
def detail(window):
    saved = log_complaint(
        CustomerDetails(name="Amara Okafor"),
        ComplaintDetails(account="The hem was scorched.", remedy_sought="A repair"),
        author="Sam",
        now=dt.datetime.now() - dt.timedelta(hours=2),
    )
    window.list_view.refresh()
    window.list_view.table.selectRow(0)
    view = window.detail
    assert view.complaint_id == saved.id
    return view


def stage_in_list(window) -> str:
    model = window.list_view.model
    return model.index(0, model.STAGE).data()


def test_ticking_every_engage_step_moves_the_complaint_on(qtbot, window, detail) -> None:
    panel = detail.checklist
    assert panel.title.text() == "Now: Engage"
    # Their account was written down as the complaint was logged.
    assert panel.rows["engage.record"].box.isChecked()
    for step in guide.STAGES[0].steps:
        if not panel.rows[step.key].box.isChecked():
            qtbot.mouseClick(panel.rows[step.key].box, Qt.MouseButton.LeftButton)
    assert set(checklist.ticks(detail.complaint_id)) == {s.key for s in guide.STAGES[0].steps}
    assert Complaint.get_by_id(detail.complaint_id).stage == "empathise"
    assert stage_in_list(window) == "Empathise"
    assert "Empathise" in detail.subheading.text()
    assert panel.stage_buttons.button(0).text().startswith("✓ Engage")
    # Looking back at Engage and unticking a step moves it back.
    qtbot.mouseClick(panel.stage_buttons.button(0), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.rows["engage.listen"].box, Qt.MouseButton.LeftButton)
    assert Complaint.get_by_id(detail.complaint_id).stage == "engage"
    assert stage_in_list(window) == "Engage"
    kinds = [e.kind for e in timeline.entries(detail.complaint_id)]
    assert kinds.count("step_ticked") == 2 and kinds.count("step_unticked") == 1


def test_a_tick_shows_who_and_when(qtbot, detail) -> None:
    row = detail.checklist.rows["engage.attention"]
    qtbot.mouseClick(row.box, Qt.MouseButton.LeftButton)
    done = detail.checklist.rows["engage.attention"].done
    assert (
        done.isVisibleTo(detail)
        and done.text().startswith("Done Today")
        and "by Sam" in done.text()
    )


def test_a_hint_goes_into_the_note_in_one_click(qtbot, detail) -> None:
    panel = detail.checklist
    qtbot.mouseClick(panel.stage_buttons.button(1), Qt.MouseButton.LeftButton)  # Empathise
    hints = [b for b in panel.findChildren(QWidget, "hint") if b.isVisibleTo(panel)]
    first = next(b for b in hints if "I can see why this has upset you." in b.text())
    qtbot.mouseClick(first, Qt.MouseButton.LeftButton)
    assert detail.composer.text.toPlainText() == "I can see why this has upset you."
    assert detail.composer.text.findings() == []  # sympathy is safe
    # From the keyboard too: Tab reaches a line, Enter puts it in.
    detail.composer.text.clear()
    second = next(b for b in hints if b is not first)
    second.setFocus()
    qtbot.keyClick(second, Qt.Key.Key_Return)
    assert detail.composer.text.toPlainText() == second.text().strip("“”")


def test_a_long_line_to_say_wraps_rather_than_widen_the_pane(qtbot, detail) -> None:
    panel = detail.checklist
    for stage in range(len(panel.stage_buttons.buttons())):
        qtbot.mouseClick(panel.stage_buttons.button(stage), Qt.MouseButton.LeftButton)
        for hint in panel.findChildren(QWidget, "hint"):
            if hint.isVisibleTo(panel):
                assert hint.minimumSizeHint().width() < 300, hint.text()


def test_risky_words_are_underlined_and_explained_as_you_type(qtbot, detail) -> None:
    note = detail.composer.text
    type_text(note, "I'm sorry. We broke the zip when we altered it.")
    findings = note.findings()
    assert [f.kind.value for f in findings] == ["admission"]
    text = note.toPlainText()
    assert "broke" in text[findings[0].start : findings[0].end]
    # The words are underlined in the box...
    block = note.document().begin()
    formats = block.layout().formats()
    assert any(
        r.start <= findings[0].start - block.position() < r.start + r.length
        and r.format.underlineStyle() != r.format.UnderlineStyle.NoUnderline
        for r in formats
    )
    # ...the banner counts them...
    banner = detail.composer.banner
    assert banner.isVisibleTo(detail) and "1 wording warning" in banner.label.text()
    # ...and hovering over them says why and what to say instead.
    cursor = note.textCursor()
    cursor.setPosition(findings[0].start + 2)
    point = note.cursorRect(cursor).center()
    event = QHelpEvent(QEvent.Type.ToolTip, point, note.viewport().mapToGlobal(point))
    QApplication.sendEvent(note, event)
    assert "Admits fault" in QToolTip.text() and "Safer:" in QToolTip.text()


def test_the_safer_wording_is_applied_in_one_click(qtbot, detail) -> None:
    note = detail.composer.text
    type_text(note, "That was our fault, sorry.")
    offered = detail.composer.banner.label.text().split("Safer: ", 1)[1].strip("“”")
    qtbot.mouseClick(detail.composer.banner.use, Qt.MouseButton.LeftButton)
    assert note.toPlainText() == offered + ", sorry."
    assert note.findings() == []


def test_once_the_fault_is_ours_an_apology_is_not_flagged_but_a_non_apology_is(
    qtbot, detail
) -> None:
    note = detail.composer.text
    type_text(note, "We broke your zip. We're sorry you feel that way.")
    assert {f.kind.value for f in note.findings()} == {"admission", "non_apology"}
    facts = detail.facts
    facts.fault.setCurrentIndex(facts.fault.findData("ours"))
    type_text(facts.basis, "Checked the machine log: our steam press was too hot.")
    qtbot.mouseClick(facts.record_fault, Qt.MouseButton.LeftButton)
    assert load_complaint(detail.complaint_id).fault == "ours"
    assert {f.kind.value for f in note.findings()} == {"non_apology"}
    found = timeline.entries(detail.complaint_id, (timeline.FAULT_FOUND,))
    assert "Checked the machine log" in found[-1].text


def test_a_note_can_be_what_the_customer_says_or_what_we_checked(qtbot, detail) -> None:
    facts = detail.facts
    qtbot.mouseClick(facts.findChild(QPushButton, "add_customer_says"), Qt.MouseButton.LeftButton)
    assert detail.composer.kind.currentData() == "customer_says"
    type_text(detail.composer.text, "She says the courier dropped it.")
    qtbot.mouseClick(detail.composer.add, Qt.MouseButton.LeftButton)
    assert facts.customer_says.count() == 1 and facts.we_checked.count() == 0
    assert "courier dropped it" in facts.customer_says.item(0).text()
    assert detail.composer.kind.currentData() == "note"


def test_a_note_typed_first_is_added_by_note_what_we_checked(qtbot, detail) -> None:
    facts = detail.facts
    type_text(detail.composer.text, "Checked the CCTV: the vase was knocked off the shelf.")
    qtbot.mouseClick(facts.findChild(QPushButton, "add_we_checked"), Qt.MouseButton.LeftButton)
    assert facts.we_checked.count() == 1 and facts.customer_says.count() == 0
    assert "knocked off the shelf" in facts.we_checked.item(0).text()
    assert detail.composer.text.toPlainText() == ""


def test_what_we_checked_may_say_the_fault_was_ours_without_a_warning(qtbot, detail) -> None:
    composer = detail.composer
    type_text(composer.text, "Checked the CCTV: we dropped the box in the yard.")
    assert composer.text.findings()  # an ordinary note: said before the facts are known
    composer.set_kind("we_checked")
    assert composer.text.findings() == []  # the facts themselves
    composer.set_kind("note")
    assert composer.text.findings()


def test_evidence_is_added_and_a_missing_file_explained(
    qtbot, detail, tmp_path: Path, no_questions
) -> None:
    photo = tmp_path / "hem.png"
    photo.write_bytes(b"\x89PNG pretend")
    assert add_files(qtbot, detail.facts, [str(photo), str(tmp_path / "gone.jpg")]) == 1
    assert detail.facts.evidence.count() == 1
    assert "hem.png" in detail.facts.evidence.item(0).text()
    assert any("gone.jpg is not there any more" in text for text in no_questions)
    assert photo.exists()


def test_the_agreed_solution_and_actions_are_saved(qtbot, detail) -> None:
    resolve = detail.resolve
    assert resolve.wants.text() == "A repair"
    type_text(resolve.solution, "We will repair the hem free of charge by Friday.")
    qtbot.keyClick(resolve.first_contact, Qt.Key.Key_Space)
    qtbot.mouseClick(resolve.save_button, Qt.MouseButton.LeftButton)
    record = load_complaint(detail.complaint_id)
    assert record.agreed_solution == "We will repair the hem free of charge by Friday."
    assert record.first_contact is True
    resolve.who.setText("Priya")
    type_text(resolve.what, "repair the hem")
    qtbot.keyClick(resolve.what, Qt.Key.Key_Return)
    assert [(a.who, a.what) for a in actions(detail.complaint_id)] == [("Priya", "repair the hem")]
    assert resolve.actions.count() == 1


def test_complaints_waiting_too_long_are_marked_in_the_list(qtbot, window) -> None:
    log_complaint(
        CustomerDetails(name="Late Larry"),
        ComplaintDetails(
            account="Nobody called me back.", received_at=dt.datetime.now() - dt.timedelta(days=3)
        ),
        author="Sam",
    )
    window.list_view.refresh()
    model = window.list_view.model
    assert model.index(0, model.AGE).data().startswith("⚠")
    assert "No response yet" in model.index(0, model.AGE).data(Qt.ItemDataRole.ToolTipRole)
    window.list_view.table.selectRow(0)
    assert window.detail.waiting.isVisibleTo(window.detail)
    # Doing something about it clears the mark.
    qtbot.mouseClick(
        window.detail.checklist.rows["engage.attention"].box, Qt.MouseButton.LeftButton
    )
    assert not model.index(0, model.AGE).data().startswith("⚠")


def test_check_wording_window_lists_findings_of_a_pasted_draft(qtbot, window) -> None:
    qtbot.keyClick(
        window,
        Qt.Key.Key_W,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    from ui.check_wording_dialog import CheckWordingDialog

    dialog = window.findChild(CheckWordingDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.text.setPlainText(
        "Thanks for your review.\nWe dropped your parcel, so we will pay for the damage."
    )
    assert dialog.findings.count() >= 1
    first = dialog.findings.item(0).text()
    assert first.startswith("Line 2, column 1.")
    qtbot.keyClick(dialog.ours, Qt.Key.Key_Space)
    assert dialog.findings.count() == 0
    assert dialog.summary.text() == "Nothing risky found."


def test_check_wording_window_starts_each_draft_with_the_fault_not_ours(qtbot, window) -> None:
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_W, keys)
    from ui.check_wording_dialog import CheckWordingDialog

    dialog = window.findChild(CheckWordingDialog)
    qtbot.keyClick(dialog.ours, Qt.Key.Key_Space)  # this draft: the facts show it was ours
    assert dialog.ours.isChecked()
    dialog.close()

    qtbot.keyClick(window, Qt.Key.Key_W, keys)  # the next draft
    assert dialog.isVisible() and not dialog.ours.isChecked()
    dialog.text.setPlainText("We broke your vase.")
    assert dialog.findings.count() == 1


def test_adding_an_action_keeps_the_offered_and_agreed_boxes_as_typed(qtbot, detail) -> None:
    resolve = detail.resolve
    type_text(resolve.options, "A repair or a refund")
    type_text(resolve.solution, "We repair the hem by Friday.")
    resolve.who.setText("Priya")
    type_text(resolve.what, "repair the hem")
    qtbot.mouseClick(resolve.add_action, Qt.MouseButton.LeftButton)
    assert [a.what for a in actions(detail.complaint_id)] == ["repair the hem"]
    assert resolve.options.toPlainText() == "A repair or a refund"
    assert resolve.solution.toPlainText() == "We repair the hem by Friday."
    assert resolve.save_button.isEnabled()
    # Ticking the action done, or a step of the guide, keeps them too.
    resolve.actions.item(0).setCheckState(Qt.CheckState.Checked)
    first_step = guide.STAGES[0].steps[0].key
    checklist.tick(detail.complaint_id, first_step, author="Sam")
    detail.checklist.changed.emit(detail.complaint_id)
    assert resolve.solution.toPlainText() == "We repair the hem by Friday."
    qtbot.mouseClick(resolve.save_button, Qt.MouseButton.LeftButton)
    assert load_complaint(detail.complaint_id).agreed_solution == "We repair the hem by Friday."


def test_a_finding_being_written_survives_evidence_being_added(
    qtbot, detail, tmp_path: Path
) -> None:
    facts = detail.facts
    facts.fault.setCurrentIndex(facts.fault.findData("ours"))
    type_text(facts.basis, "The photo shows the iron mark.")
    photo = tmp_path / "hem.png"
    photo.write_bytes(b"\x89PNG pretend")
    assert add_files(qtbot, facts, [str(photo)]) == 1
    assert facts.basis.toPlainText() == "The photo shows the iron mark."
    assert facts.fault.currentData() == "ours"


@pytest.fixture
def other(window, detail):
    """A second complaint in the log, beside the one shown."""
    saved = log_complaint(
        CustomerDetails(name="Ben Ade"), ComplaintDetails(account="Wrong size."), author="Sam"
    )
    window.list_view.refresh()
    return saved


def test_leaving_a_complaint_with_a_finding_half_written_asks_first(
    qtbot, window, detail, other, no_questions
) -> None:
    facts = detail.facts
    facts.fault.setCurrentIndex(facts.fault.findData("not_ours"))
    type_text(facts.basis, "The receipt shows the size they asked for.")
    first = detail.complaint_id
    window.list_view.select(other.id)
    assert any("Save your changes" in t and "(the finding)" in t for t in no_questions)
    record = load_complaint(first)
    assert (record.fault, record.fault_basis) == (
        "not_ours",
        "The receipt shows the size they asked for.",
    )


def test_a_half_written_note_never_moves_to_another_complaint(
    qtbot, window, detail, other, no_questions
) -> None:
    first = detail.complaint_id
    type_text(detail.composer.text, "Rang her back, no answer.")
    window.list_view.select(other.id)
    # Asked about the note, and saved (the first button) on the complaint it was written on.
    # Asked as its button says: Save, not "Add" beside a Save button.
    assert any(text.startswith("Save the note you were writing") for text in no_questions)
    assert detail.complaint_id == other.id
    assert window.list_view.selected_id() == other.id  # the list shows the same one
    assert detail.composer.text.toPlainText() == ""
    notes = [e.text for e in timeline.entries(first) if e.kind == timeline.NOTE]
    assert notes == ["Rang her back, no answer."]
    assert not [e for e in timeline.entries(other.id) if e.kind == timeline.NOTE]


def test_quitting_with_a_half_written_note_asks_first(qtbot, window, detail, monkeypatch) -> None:
    from ui import messages

    asked: list[str] = []
    monkeypatch.setattr(
        messages, "save_discard_or_cancel", lambda _p, _t, text: asked.append(text) or "cancel"
    )
    type_text(detail.composer.text, "Half a thought")
    window.close()
    assert asked and window.isVisible()
    assert detail.composer.text.toPlainText() == "Half a thought"


def test_adding_a_note_keeps_the_guide_on_the_stage_being_read(qtbot, detail) -> None:
    panel = detail.checklist
    qtbot.mouseClick(panel.stage_buttons.button(1), Qt.MouseButton.LeftButton)  # Empathise
    assert panel.title.text().endswith("Empathise")
    type_text(detail.composer.text, "Said sorry for the wait; she was calmer after.")
    qtbot.mouseClick(detail.composer.add, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "calmer after" in timeline.entries(detail.complaint_id)[-1].text)
    QApplication.processEvents()
    assert panel.title.text().endswith("Empathise")  # not back on Engage
    assert panel.stage_buttons.button(1).isChecked()


def test_an_imported_day_is_never_shown_at_midnight_on_the_guide(qtbot, window) -> None:
    """A row of the owner's old log giving dates alone: its steps were done on its
    day closed, and the guide says that day, not "00:00"."""
    from PySide6.QtWidgets import QLabel

    from models.log_csv import import_log, read_log
    from models.tables import Complaint

    plan = read_log(
        "received,customer name,account,status,closed\n"
        "2025-10-18,Zoë,Chipped mug.,Closed,2025-10-20\n"
    )
    import_log(plan, author="Rosie")
    window.open_complaint(Complaint.get().id)
    said = [
        label.text()
        for label in window.detail.checklist.findChildren(QLabel)
        if label.objectName().startswith("done_") and label.text()
    ]
    assert said and all(text == "Done Mon 20 Oct 2025: from the old log" for text in said)
    assert not any("00:00" in text for text in said)


def test_ticking_a_step_leaves_the_next_box_where_it_was(qtbot, window, detail) -> None:
    """Ticked, a step says who did it and when in place of why it matters, so the
    box below does not move from under the pointer."""
    from PySide6.QtCore import QPoint

    panel = detail.checklist
    first, second = panel.rows["engage.attention"], panel.rows["engage.listen"]
    before = second.box.mapTo(panel, QPoint(0, 0))
    qtbot.mouseClick(first.box, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert first.done.isVisible() and first.done.text().startswith("Done ")
    assert second.box.mapTo(panel, QPoint(0, 0)) == before


def test_a_stage_moved_past_with_steps_unticked_says_so(qtbot, window, detail) -> None:
    """Agreeing the fix moves the complaint to Resolve; the fact-finding steps left
    unticked are marked on the Guide, not quietly dropped from sight."""
    resolve = detail.resolve
    type_text(resolve.solution, "We will repair the hem free of charge by Friday.")
    qtbot.mouseClick(resolve.save_button, Qt.MouseButton.LeftButton)
    assert stage_in_list(window) == "Resolve"
    facts = detail.checklist.stage_buttons.button(2)
    assert facts.text().startswith("! Get the facts")
    assert "not ticked, though the complaint has moved on" in facts.toolTip()
    # A stage still ahead is not marked.
    assert not detail.checklist.stage_buttons.button(4).text().startswith("!")


def test_a_phone_complaint_is_guided_for_a_caller_not_for_the_counter(qtbot, window) -> None:
    """ "Greet them straight away" does not fit a caller; the lines to say fit a call."""
    rang = log_complaint(
        CustomerDetails(name="Tomasz Wiśniewski"),
        ComplaintDetails(account="The new screen stopped responding to touch.", channel="phone"),
        author="Sam",
    )
    walked_in = log_complaint(
        CustomerDetails(name="Ana Souza"),
        ComplaintDetails(account="The zip broke.", channel="counter"),
        author="Sam",
    )
    window.list_view.refresh()
    window.open_complaint(rang.id)
    qtbot.waitUntil(lambda: window.detail.complaint_id == rang.id)
    row = window.detail.checklist.rows["engage.attention"]
    assert "caller" in row.label.text() and "greet" not in row.label.text()
    lines = [w.text() for w in row.findChildren(QWidget) if w.objectName() == "hint"]
    assert lines and all("Thanks for waiting" not in line for line in lines)
    assert any("calling" in line for line in lines)
    window.open_complaint(walked_in.id)
    qtbot.waitUntil(lambda: window.detail.complaint_id == walked_in.id)
    QApplication.processEvents()
    assert "greet them straight away" in row.label.text()
    lines = [w.text() for w in row.findChildren(QWidget) if w.objectName() == "hint"]
    assert any("Thanks for waiting" in line for line in lines)


def test_ctrl_s_saves_the_agreed_fix_typed_on_the_resolve_tab(qtbot, detail) -> None:
    """The owner typed the agreed fix and pressed Ctrl+S: nothing was saved and the
    panel's own Save stayed lit."""
    resolve = detail.resolve
    type_text(resolve.solution, "We will re-hem the skirt by Friday.")
    qtbot.keyClick(resolve.solution, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert load_complaint(detail.complaint_id).agreed_solution == (
        "We will re-hem the skirt by Friday."
    )
    assert not resolve.save_button.isEnabled()


def test_tab_reaches_the_lines_to_say_a_caller(qtbot, window) -> None:
    """Worded again for a phone call, the lines to say were made after the rest of
    the window and Tab never reached them."""
    rang = log_complaint(
        CustomerDetails(name="Tomasz Wiśniewski"),
        ComplaintDetails(account="The new screen stopped responding.", channel="phone"),
        author="Sam",
    )
    window.show()
    qtbot.waitExposed(window)
    window.list_view.refresh()
    window.open_complaint(rang.id)
    qtbot.waitUntil(lambda: window.detail.complaint_id == rang.id)
    row = window.detail.checklist.rows["engage.attention"]
    row.more.setFocus()
    qtbot.keyClick(row.more, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert focused.objectName() == "hint" and "calling" in focused.text()


def test_a_complaint_from_the_old_log_is_not_greeted_as_if_at_the_counter(qtbot, window) -> None:
    """Imported three weeks after it was made, it said "Stop what you are doing and
    greet them straight away"."""
    from models.log_csv import import_log, read_log

    plan = read_log(
        "Date,Customer,Problem,Status\n2026-11-12,Ana Souza,The zip broke,Waiting\n",
        now=dt.datetime(2026, 12, 4, 9),
    )
    import_log(plan, author="Sam", now=dt.datetime(2026, 12, 4, 9))
    window.list_view.refresh()
    window.open_complaint(Complaint.get().id)
    qtbot.waitUntil(lambda: window.detail.record is not None)
    row = window.detail.checklist.rows["engage.attention"]
    assert "greet them straight away" not in row.label.text()
    assert "raised this before" in row.label.text()


def test_the_timeline_says_the_step_as_the_guide_worded_it(qtbot, window) -> None:
    """For a phone call the Guide said "give the caller your whole attention"; the
    timeline said "Done: … greet them straight away"."""
    rang = log_complaint(
        CustomerDetails(name="Dawn Pike"),
        ComplaintDetails(account="The oil light came on after the service.", channel="phone"),
        author="Priya",
    )
    window.list_view.refresh()
    window.open_complaint(rang.id)
    qtbot.waitUntil(lambda: window.detail.complaint_id == rang.id)
    row = window.detail.checklist.rows["engage.attention"]
    qtbot.mouseClick(row.box, Qt.MouseButton.LeftButton)
    [done] = [e.text for e in timeline.entries(rang.id) if e.kind == timeline.STEP_TICKED]
    assert done == f"Done: {row.label.text()}" and "caller" in done


def test_ctrl_s_on_the_complaint_tab_says_so_and_keeps_the_cursor(qtbot, window, detail) -> None:
    """It saved, but nothing said so, and the cursor jumped to the start of the box."""
    from tests.ui.test_long_entries_fit import show_tab_of

    show_tab_of(detail, detail.account)
    detail.account.setFocus()
    detail.account.moveCursor(detail.account.textCursor().MoveOperation.End)
    type_text(detail.account, " It was her wedding dress.")
    at = detail.account.textCursor().position()
    qtbot.keyClick(detail.account, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert load_complaint(detail.complaint_id).details.account.endswith("wedding dress.")
    assert window.statusBar().currentMessage().startswith("Saved the changes to C-")
    assert detail.account.hasFocus() and detail.account.textCursor().position() == at


def test_ctrl_s_on_the_resolve_tab_keeps_the_cursor(qtbot, window, detail) -> None:
    """After Ctrl+S in Agreed the cursor jumped to the start of the box."""
    from tests.ui.test_long_entries_fit import show_tab_of

    resolve = detail.resolve
    show_tab_of(detail, resolve.solution)
    resolve.solution.setFocus()
    type_text(resolve.solution, "We will re-hem the skirt by Friday.")
    at = resolve.solution.textCursor().position()
    assert at > 0
    qtbot.keyClick(resolve.solution, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert load_complaint(detail.complaint_id).agreed_solution.startswith("We will re-hem")
    assert resolve.solution.hasFocus() and resolve.solution.textCursor().position() == at


def test_adding_a_note_says_so(qtbot, window, detail) -> None:
    type_text(detail.composer.text, "Rang her back; she will bring the receipt.")
    qtbot.mouseClick(detail.composer.add, Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage() == f"Note added to {detail.record.reference}."


def test_writing_what_was_offered_ticks_the_resolve_steps_it_shows_done(qtbot, detail) -> None:
    """With What they want and Offered filled in and saved, "Ask what would put it
    right" and "Offer options" were left unticked on the Guide."""
    resolve = detail.resolve
    type_text(resolve.options, "A repair this week, or a refund.")
    qtbot.mouseClick(resolve.save_button, Qt.MouseButton.LeftButton)
    ticked = checklist.ticks(detail.complaint_id)
    assert {"resolve.ask", "resolve.options"} <= set(ticked)
    assert "resolve.agree" not in ticked  # nothing is agreed yet
    rows = detail.checklist.rows
    assert rows["resolve.ask"].box.isChecked() and rows["resolve.options"].box.isChecked()
    assert "options offered were recorded" in rows["resolve.options"].done.text()


def test_a_complaint_closed_early_does_not_say_it_is_now_at_a_stage(qtbot, window) -> None:
    """Closed with its Engage steps unticked, the Guide still said "Now: Engage" and
    "Give the customer your whole attention"."""
    from models.complaints import set_status

    saved = log_complaint(
        CustomerDetails(name="Noor Haddad"), ComplaintDetails(account="The robin broke."),
        author="Sam",
    )  # fmt: skip
    set_status(saved.id, "closed", author="Sam", reason="Sorted at the counter.")
    window.list_view.set_status_filter("all") if hasattr(
        window.list_view, "set_status_filter"
    ) else None
    window.detail.show_complaint(saved.id)
    title = window.detail.checklist.title.text()
    assert title.startswith("Closed at") and "Now:" not in title
