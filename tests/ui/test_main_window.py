"""The main window: the empty log, the list, searching, the detail view."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from models import timeline
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from models.demo import add_demo_data
from models.tables import Complaint
from tests.ui.keyboard import type_text
from ui.close_complaint_dialog import CloseComplaintDialog


def all_listed(window) -> set[str]:
    """The references of every complaint the list holds, scrolled to its end."""
    model = window.list_view.model
    while model.canFetchMore():
        model.fetchMore()
    return set(visible_refs(window))


def visible_refs(window) -> list[str]:
    model = window.list_view.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_titled_complaint_desk(window) -> None:
    assert window.windowTitle() == "Complaint Desk"


def test_an_empty_log_explains_itself_and_offers_sample_data(qtbot, window) -> None:
    page = window.list_view.pages.currentWidget()
    assert page.objectName() == "empty_log"
    button = window.findChild(QPushButton, "load_sample")
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert Complaint.select().count() == 300
    assert window.list_view.pages.currentWidget() is window.list_view.table
    assert window.list_view.model.rowCount() > 0


def test_search_as_you_type_filters_the_list(qtbot, window) -> None:
    for name, account in (("Zoë Martin", "Stale cake"), ("Ана Петрова", "Broken zip")):
        log_complaint(CustomerDetails(name=name), ComplaintDetails(account=account), author="Sam")
    window.list_view.refresh()
    assert len(visible_refs(window)) == 2
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.list_view.search.hasFocus()
    type_text(window.list_view.search, "zip")
    assert visible_refs(window) == [Complaint.get(Complaint.account == "Broken zip").reference]
    assert window.list_view.summary.text() == "1 open complaint matches"
    window.list_view.search.clear()
    type_text(window.list_view.search, "nothing like it")
    assert window.list_view.pages.currentWidget() is window.list_view.no_match
    assert "nothing like it" in window.list_view.no_match.text()


def test_down_from_the_search_reaches_the_results_and_alt_types_nothing(qtbot, window) -> None:
    for name, account in (("Zoë Martin", "Stale cake"), ("Ana Lima", "Broken zip")):
        log_complaint(CustomerDetails(name=name), ComplaintDetails(account=account), author="Sam")
    window.list_view.refresh()
    window.show()
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = window.list_view.search
    type_text(search, "cake")
    qtbot.keyClick(search, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # nothing answers it
    assert search.text() == "cake"
    qtbot.keyClick(search, Qt.Key.Key_Down)
    assert window.list_view.table.hasFocus()
    qtbot.waitUntil(lambda: window.detail.record is not None)
    assert window.detail.record.details.account == "Stale cake"


def test_a_search_with_no_open_match_says_closed_ones_match(qtbot, window) -> None:
    from models.complaints import set_status

    for name in ("Rhys Patel", "Meera Patel"):
        logged = log_complaint(
            CustomerDetails(name=name), ComplaintDetails(account="Late cake"), author="Sam"
        )
        set_status(logged.id, "closed", author="Sam", reason="Refunded.")
    log_complaint(CustomerDetails(name="Ana"), ComplaintDetails(account="Torn bag"), author="Sam")
    window.list_view.refresh()
    type_text(window.list_view.search, "Patel")
    assert window.list_view.pages.currentWidget() is window.list_view.no_match
    said = window.list_view.no_match.text()
    assert "No open complaints match “Patel”, but 2 closed ones match." in said
    assert "Choose “All”" in said
    window.list_view.search.clear()
    type_text(window.list_view.search, "nothing like it")
    assert window.list_view.no_match.text() == "No complaints match “nothing like it”."


def test_closed_complaints_show_under_closed_and_all(qtbot, window) -> None:
    add_demo_data(60, seed=2)
    open_count = Complaint.select().where(Complaint.status == "open").count()
    window.list_view.refresh()
    assert len(all_listed(window)) == open_count
    window.list_view.status_filter.setCurrentIndex(2)
    assert len(all_listed(window)) == 60


def test_scrolling_loads_more_rows_a_page_at_a_time(qtbot, window) -> None:
    add_demo_data(450, seed=4)
    window.list_view.status_filter.setCurrentIndex(2)
    model = window.list_view.model
    first_page = model.rowCount()
    assert 0 < first_page < 450
    assert model.canFetchMore()
    window.list_view.table.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > first_page)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 450
    assert len(set(visible_refs(window))) == 450


def test_a_tall_window_shows_a_full_list_without_scrolling(qtbot, window) -> None:
    add_demo_data(300, seed=4)
    window.resize(1200, 4000)
    window.list_view.status_filter.setCurrentIndex(2)
    table = window.list_view.table
    bottom = table.viewport().height() - 2
    # Rows reach the bottom of the list, read as they are needed.
    qtbot.waitUntil(lambda: table.rowAt(bottom) != -1)
    assert len(set(visible_refs(window))) == window.list_view.model.rowCount()


def test_clicking_a_column_sorts_by_it(qtbot, window) -> None:
    for name in ("Bea", "Al", "Cy"):
        log_complaint(CustomerDetails(name=name), ComplaintDetails(account="x"), author="Sam")
    window.list_view.refresh()
    header = window.list_view.table.horizontalHeader()
    header.setSortIndicator(2, Qt.SortOrder.AscendingOrder)
    model = window.list_view.model
    assert [model.index(r, 2).data() for r in range(3)] == ["Al", "Bea", "Cy"]
    header.setSortIndicator(2, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, 2).data() for r in range(3)] == ["Cy", "Bea", "Al"]


def test_selecting_a_row_shows_the_complaint_and_edits_are_saved(qtbot, window) -> None:
    saved = log_complaint(
        CustomerDetails(name="Ana Souza", email="ana@example.com"),
        ComplaintDetails(account="Wrong colour paint", product="Tin 5L"),
        author="Sam",
        now=dt.datetime.now() - dt.timedelta(hours=3),
    )
    window.list_view.refresh()
    window.list_view.table.selectRow(0)
    detail = window.detail
    assert detail.complaint_id == saved.id
    assert detail.account.toPlainText() == "Wrong colour paint"
    detail.product.clear()
    type_text(detail.product, "Tin 2.5L")
    assert detail.save_button.isEnabled()
    qtbot.keyClick(detail.product, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert Complaint.get_by_id(saved.id).product == "Tin 2.5L"
    assert not detail.save_button.isEnabled()
    assert "Product or order: Tin 5L → Tin 2.5L" in timeline.entries(saved.id)[-1].text


def test_adding_a_note_puts_it_on_the_timeline(qtbot, window) -> None:
    saved = log_complaint(CustomerDetails(name="Jo"), ComplaintDetails(account="x"), author="Sam")
    window.list_view.refresh()
    window.list_view.table.selectRow(0)
    detail = window.detail
    note = detail.composer.text
    type_text(note, "Rang back & left a message <voicemail>.")
    qtbot.keyClick(note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    last = timeline.entries(saved.id)[-1]
    assert (last.kind, last.author, last.text) == (
        "note",
        "Sam",
        "Rang back & left a message <voicemail>.",
    )
    assert note.toPlainText() == ""
    assert "Rang back" in detail.timeline.index(detail.timeline.rowCount() - 1).data()


def test_closing_records_the_lesson_and_needs_a_reason_without_a_check(
    qtbot, window, monkeypatch
) -> None:
    saved = log_complaint(CustomerDetails(name="Jo"), ComplaintDetails(account="x"), author="Sam")
    window.list_view.refresh()
    window.list_view.table.selectRow(0)
    seen = []

    def fill_in(dialog: CloseComplaintDialog) -> int:
        dialog.show()  # as exec shows it
        seen.append(dialog.needs_reason)
        # What closing cancels is said, not done silently.
        cancelled = dialog.findChild(QLabel, "cancelled_on_closing")
        assert cancelled.isVisible() and "Acknowledge the complaint" in cancelled.text()
        dialog.form.cause.setCurrentIndex(dialog.form.cause.findText("Late"))
        dialog.form.lesson.setPlainText("Order strap stock a week earlier.")
        dialog.form.cause.setFocus()
        dialog.accept()  # no reason yet: refused, stays open
        assert dialog.reason_error.text()
        # What is typed next goes into the reason, not the box that had the cursor.
        qtbot.keyClicks(dialog.focusWidget(), "Customer was happy at the counter.")
        assert dialog.reason_error.text() == ""  # the message goes as the reason is typed
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(CloseComplaintDialog, "exec", fill_in)
    qtbot.mouseClick(window.detail.close_button, Qt.MouseButton.LeftButton)
    assert seen == [True]
    closed = Complaint.get_by_id(saved.id)
    assert closed.status == "closed" and closed.lesson == "Order strap stock a week earlier."
    assert closed.root_cause.name == "Late"
    assert visible_refs(window) == []
    texts = [e.text for e in timeline.entries(saved.id)]
    assert "Closed. Customer was happy at the counter." in texts


def test_ctrl_enter_in_the_close_box_closes_the_complaint(qtbot, window, monkeypatch) -> None:
    saved = log_complaint(CustomerDetails(name="Jo"), ComplaintDetails(account="x"), author="Sam")
    window.list_view.refresh()
    window.list_view.table.selectRow(0)

    def fill_in(dialog: CloseComplaintDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.reason.setFocus()
        qtbot.keyClicks(dialog.reason, "Sorted at the counter.")
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        return dialog.result()

    monkeypatch.setattr(CloseComplaintDialog, "exec", fill_in)
    qtbot.mouseClick(window.detail.close_button, Qt.MouseButton.LeftButton)
    assert Complaint.get_by_id(saved.id).status == "closed"


def test_closing_starts_from_the_lesson_typed_and_not_saved(qtbot, window, monkeypatch) -> None:
    """A cause and lesson typed on the Lessons tab, then Close complaint pressed
    before Save: the closing window starts from them, not from empty boxes."""
    saved = log_complaint(CustomerDetails(name="Jo"), ComplaintDetails(account="x"), author="Sam")
    window.list_view.refresh()
    window.list_view.table.selectRow(0)
    qtbot.waitUntil(lambda: window.detail.record is not None)
    form = window.detail.lessons.form
    from models import checklist, guide

    for stage in guide.STAGES[:2]:  # past the facts: a cause and lesson can be typed
        for step in stage.steps:
            checklist.tick(saved.id, step.key, author="Sam")
    window.detail.show_complaint(saved.id)
    form.cause.setCurrentIndex(form.cause.findText("Late"))
    type_text(form.lesson, "Bake the nut-free cakes first.")
    shown: list[tuple[str, str]] = []

    def look(dialog: CloseComplaintDialog) -> int:
        shown.append((dialog.form.cause.currentText(), dialog.form.lesson.toPlainText()))
        return 0

    monkeypatch.setattr(CloseComplaintDialog, "exec", look)
    qtbot.mouseClick(window.detail.close_button, Qt.MouseButton.LeftButton)
    assert shown == [("Late", "Bake the nut-free cakes first.")]


def test_a_search_with_many_matches_is_counted_once_typing_pauses(qtbot, window) -> None:
    add_demo_data(260, seed=3)
    window.list_view.status_filter.setCurrentIndex(2)
    type_text(window.list_view.search, "c-2")
    summary = window.list_view.summary
    first_page = window.list_view.model.rowCount()
    assert summary.text() == f"{first_page}+ complaints match"
    qtbot.waitUntil(lambda: summary.text() == "260 complaints match", timeout=3000)


def test_export_writes_the_filtered_list_as_csv(qtbot, window, tmp_path, no_questions) -> None:
    import csv

    for name, account in (("Zoë Martin", "Stale cake"), ("Ана Петрова", "Broken zip")):
        log_complaint(CustomerDetails(name=name), ComplaintDetails(account=account), author="Sam")
    window.list_view.refresh()
    type_text(window.list_view.search, "zip")
    target = tmp_path / "filtered.csv"
    with qtbot.waitSignal(window.log_exported) as exported:
        window.write_export(target, window.list_view.current_query())
    assert exported.args == [1]
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["customer name"] for row in rows] == ["Ана Петрова"]
    assert window.statusBar().currentMessage() == f"Exported 1 complaint to {target}."
    assert no_questions == [f"Exported 1 complaint to {target}."]


def _closed_in_2021(name: str):
    from models.complaints import set_status

    old = log_complaint(
        CustomerDetails(name=name), ComplaintDetails(account="The lid is loose."),
        author="Sam", now=dt.datetime(2021, 5, 1, 10, 0),
    )  # fmt: skip
    set_status(old.id, "closed", author="Sam", reason="Sorted.", now=dt.datetime(2021, 5, 2))
    return old


def test_saving_another_preference_does_not_run_the_retention_rule(
    qtbot, window, monkeypatch, no_questions
) -> None:
    from PySide6.QtCore import QThreadPool

    from models import retention
    from models.complaints import load_complaint
    from ui.preferences_dialog import PreferencesDialog

    old = _closed_in_2021("Ana Souza")
    retention.set_years(3)  # turned on long ago; today's start-up found nothing to do

    def change_the_check_back_days(dialog: PreferencesDialog) -> int:
        dialog.days.setValue(dialog.days.value() + 1)
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(PreferencesDialog, "exec", change_the_check_back_days)
    window.edit_preferences()
    assert window.statusBar().currentMessage() == "Preferences saved."  # seen to be saved
    QThreadPool.globalInstance().waitForDone(10000)
    qtbot.wait(50)
    assert load_complaint(old.id).customer.name == "Ana Souza"
    assert no_questions == []


def test_turning_the_retention_rule_on_backs_up_then_anonymises(
    qtbot, window, monkeypatch, no_questions
) -> None:
    import sqlite3

    from models import backups
    from models.anonymise import ANONYMOUS_NAME
    from models.complaints import load_complaint
    from ui.preferences_dialog import PreferencesDialog

    old = _closed_in_2021("Ana Souza")

    def turn_it_on(dialog: PreferencesDialog) -> int:
        dialog.retention_on.setChecked(True)
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(PreferencesDialog, "exec", turn_it_on)
    window.edit_preferences()
    qtbot.waitUntil(lambda: load_complaint(old.id).customer.name == ANONYMOUS_NAME)
    made = backups.backups()
    assert len(made) == 1
    conn = sqlite3.connect(str(made[0].path))
    try:
        names = [row[0] for row in conn.execute("SELECT name FROM customer")]
    finally:
        conn.close()
    assert names == ["Ana Souza"]  # the details, kept just before they went


def test_sample_data_is_offered_only_while_the_log_is_empty(qtbot, window, no_questions) -> None:
    from PySide6.QtGui import QAction

    action = window.findChild(QAction, "sample_action")
    assert action.isEnabled()
    log_complaint(CustomerDetails(name="Jo Evans"), ComplaintDetails(account="x"), author="Sam")
    # The empty log was still showing its button when the first complaint came in.
    button = window.findChild(QPushButton, "load_sample")
    assert button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert Complaint.select().count() == 1
    assert "only be added to an empty log" in no_questions[-1]
    assert "Nothing was added" in no_questions[-1]
    assert window.list_view.pages.currentWidget() is window.list_view.table
    assert not action.isEnabled()
    assert "already holds complaints" in action.toolTip()
    assert "already holds complaints" in action.statusTip()
    window.load_sample_data()  # the menu entry, triggered anyway
    assert Complaint.select().count() == 1
    assert len(no_questions) == 2


def test_sample_data_refused_by_the_log_is_a_message_not_a_crash(
    qtbot, window, no_questions, monkeypatch
) -> None:
    import models.demo
    from models.errors import ComplaintDeskError

    def refuse(*_args, **_kwargs):
        raise ComplaintDeskError("The log already holds complaints; sample data was not added.")

    monkeypatch.setattr(models.demo, "add_demo_data", refuse)
    window.load_sample_data()
    assert no_questions == ["The log already holds complaints; sample data was not added."]


def test_saving_the_business_profile_is_said(qtbot, window, monkeypatch) -> None:
    """Saving it gave no word that anything happened."""
    from ui.business_profile_dialog import BusinessProfileDialog

    def save_it(dialog: BusinessProfileDialog) -> int:
        dialog.name.setText("Pressed for Time")
        return int(dialog.save())

    monkeypatch.setattr(BusinessProfileDialog, "exec", save_it)
    window.edit_business_profile()
    assert window.statusBar().currentMessage() == "Business profile saved."


def test_closing_keeps_the_promises_still_to_keep_and_names_them(
    qtbot, window, monkeypatch
) -> None:
    """Closed with a reason, the £120 promised for Thursday and Lukas's call went
    from the follow-ups list without a word."""
    from models import morning_list
    from models.resolution import add_action

    saved = log_complaint(
        CustomerDetails(name="Siobhán Ó Briain"), ComplaintDetails(account="Coat shrank."),
        author="Aisha",
    )  # fmt: skip
    soon = dt.date.today() + dt.timedelta(days=6)
    add_action(saved.id, who="Aisha", what="pay £120 for a new coat", due_on=soon, author="Aisha")
    window.list_view.refresh()
    window.list_view.table.selectRow(0)
    named = []

    def fill_in(dialog: CloseComplaintDialog) -> int:
        named.append(dialog.findChild(QLabel, "promises_pending").text())
        assert dialog.keep_promises.isChecked()
        dialog.reason.setPlainText("She is happy with the plan.")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(CloseComplaintDialog, "exec", fill_in)
    qtbot.mouseClick(window.detail.close_button, Qt.MouseButton.LeftButton)
    assert Complaint.get_by_id(saved.id).status == "closed"
    assert "Aisha will pay £120 for a new coat, due" in named[0]
    still = [i.what for i in morning_list.pending(soon) if i.complaint_id == saved.id]
    assert still == ["Aisha will pay £120 for a new coat"]
    texts = [e.text for e in timeline.entries(saved.id)]
    assert any("1 promise still to keep stays on the follow-ups list" in t for t in texts)


def test_the_business_profile_saves_with_ctrl_enter_from_the_staff_list(
    qtbot, window, monkeypatch
) -> None:
    """Ctrl+Enter in the staff list did nothing, and Alt+S typed an "s"."""
    from models import business
    from ui.business_profile_dialog import BusinessProfileDialog

    dialog = BusinessProfileDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.name.setText("Pressed for Time")
    dialog.signatory_name.setText("Aisha Rahman")
    dialog.staff.setFocus()
    qtbot.keyClicks(dialog.staff, "Lukas, Saturday helper")
    qtbot.keyClick(dialog.staff, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == 1
    assert business.load_profile().staff == "Lukas, Saturday helper"


def test_back_up_now_says_what_it_backed_up_and_where(qtbot, window) -> None:
    from pathlib import Path

    from PySide6.QtGui import QAction

    from models.backups import backup_folder

    log_complaint(CustomerDetails(name="Jo Evans"), ComplaintDetails(account="x"), author="Sam")
    with qtbot.waitSignal(window.backup_finished, timeout=30_000) as finished:
        window.findChild(QAction, "backup_action").trigger()
    (made,) = finished.args
    assert Path(made).parent == backup_folder() and Path(made).is_file()
    assert window.statusBar().currentMessage() == f"Backed up the log (1 complaint) to {made}."


def test_find_from_the_morning_list_shows_the_log_and_its_search_box(qtbot, window) -> None:
    """Ctrl+F on the Follow-ups view put the cursor in the hidden log's search box:
    what was typed went nowhere to be seen, and later narrowed an export."""
    from tests.ui.keyboard import press_shortcut, type_text

    window.show_followups()
    press_shortcut(qtbot, window.followups, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = window.list_view.search
    assert window.list_view.isVisible() and search.hasFocus()
    type_text(search, "peter")
    assert search.isVisible() and search.text() == "peter"


def test_a_note_half_written_when_the_app_stops_is_put_back(qtbot, window, db) -> None:
    """The app killed with a note half typed: the new complaint's form came back, the
    note did not."""
    from ui.main_window import MainWindow
    from ui.note_composer import DRAFT_DELAY_MS

    saved = log_complaint(
        CustomerDetails(name="Pádraig Byrne"),
        ComplaintDetails(account="Wrong name iced on the cake."),
        author="Sam",
    )
    window.list_view.refresh()
    window.list_view.table.selectRow(0)
    detail = window.detail
    type_text(detail.composer.text, "Rang him back: the new cake is on us, ready")
    qtbot.wait(DRAFT_DELAY_MS + 200)
    window.hide()  # as if the app were killed: not closed, so nothing is asked or saved

    again = MainWindow(data_folder=str(db.parent))
    qtbot.addWidget(again)
    again.show()
    again.list_view.refresh()
    again.list_view.table.selectRow(0)
    assert again.detail.complaint_id == saved.id
    assert again.detail.composer.text.toPlainText() == "Rang him back: the new cake is on us, ready"
    assert "Put back the note" in again.statusBar().currentMessage()
    # Added, it is gone from the drafts: shown again, the box is empty.
    again.detail.composer.add_note()
    again.detail.composer.start(saved.id)
    assert again.detail.composer.text.toPlainText() == ""
