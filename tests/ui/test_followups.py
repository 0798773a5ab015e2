"""The morning list in the window, with a fixed 'today'."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from models import display, followups, morning_list, resolution
from models.complaints import ComplaintDetails, load_complaint, log_complaint
from models.customers import CustomerDetails
from models.settings import set_user_name
from tests.ui.keyboard import type_text
from ui import messages, note_dialog
from ui.followup_done_dialog import FollowUpDoneDialog
from ui.followups_model import FollowUpsModel
from ui.main_window import MainWindow
from ui.note_dialog import NoteDialog

TODAY = dt.date(2026, 3, 18)  # a Wednesday


def log(days_ago: int, name: str):
    received = dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time(10, 0))
    return log_complaint(
        CustomerDetails(name=name, phone="07700 900123"),
        ComplaintDetails(account="Broken strap.", received_at=received),
        author="Sam",
        now=received,
    )


@pytest.fixture
def morning(db, qtbot):
    set_user_name("Sam")
    old = log(6, "Ana Souza")  # its acknowledgement and fix are overdue
    new = log(0, "Jo Evans")  # acknowledge today
    window = MainWindow(data_folder=str(db.parent), today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    return window, old, new


def groups(view) -> dict[str, list[str]]:
    model = view.model
    result = {}
    for number, key in enumerate(morning_list.GROUPS):
        parent = model.index(number, 0)
        result[key] = [
            model.index(row, FollowUpsModel.REFERENCE, parent).data()
            for row in range(model.rowCount(parent))
        ]
    return result


def test_start_up_opens_on_the_follow_ups_when_something_is_due(morning) -> None:
    window, old, new = morning
    assert window.views.currentIndex() == 1
    assert window.views.tabText(1) == "Follow-ups (3)"  # 2 overdue + 1 today
    found = groups(window.followups)
    assert found["overdue"] == [old.reference, old.reference]
    assert found["today"] == [new.reference]
    assert found["week"] == [new.reference]  # its fix, 3 working days on
    assert window.followups.heading.text() == "2 overdue, 1 due today."


def test_nothing_due_opens_on_the_log(db, qtbot) -> None:
    log(-10, "Future Fay")  # received "in the future" relative to the fixed today: nothing due
    window = MainWindow(data_folder=str(db.parent), today=lambda: TODAY - dt.timedelta(days=30))
    qtbot.addWidget(window)
    assert window.views.currentIndex() == 0
    assert window.views.tabText(1) == "Follow-ups"


def test_done_from_the_keyboard_records_the_outcome(morning, qtbot, monkeypatch) -> None:
    window, old, _new = morning
    view = window.followups

    def accept(dialog: FollowUpDoneDialog) -> int:
        dialog.note.setPlainText("Rang and apologised for the wait.")
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(FollowUpDoneDialog, "exec", accept)
    view.select_first()
    first = view.current()
    assert first.reference == old.reference and first.kind == "acknowledge"
    qtbot.keyClick(view.tree, Qt.Key.Key_D)
    statuses = {f.id: f.status for f in morning_list.for_complaint(old.id)}
    assert statuses[first.id] == "done"
    assert window.views.tabText(1) == "Follow-ups (2)"
    assert len(groups(view)["overdue"]) == 1


def test_a_call_not_answered_says_when_it_is_tried_again(morning, qtbot, monkeypatch) -> None:
    """Recording that the customer could not be reached left the row as it was, unsaid."""
    window, old, _new = morning
    view = window.followups

    def not_reached(dialog: FollowUpDoneDialog) -> int:
        dialog.set_outcome("could_not_reach")
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(FollowUpDoneDialog, "exec", not_reached)
    view.select_first()
    first = view.current()
    qtbot.keyClick(view.tree, Qt.Key.Key_D)
    said = window.statusBar().currentMessage()
    assert said.startswith(f"Could not reach them on {first.reference}: trying again on")
    again = {f.id: f.due_on for f in morning_list.for_complaint(old.id)}[first.id]
    assert display.day(again, TODAY) in said


def test_snooze_moves_it_and_regroups(morning) -> None:
    window, _old, new = morning
    view = window.followups
    assert view.select(
        next(f.id for f in morning_list.for_complaint(new.id) if f.kind == "acknowledge")
    )
    assert view.snooze("tomorrow")
    moved = next(f for f in morning_list.for_complaint(new.id) if f.kind == "acknowledge")
    assert moved.due_on == TODAY + dt.timedelta(days=1)
    assert groups(view)["today"] == []
    following = next(f for f in morning_list.for_complaint(new.id) if f.kind != "acknowledge")
    assert view.current().id == following.id  # on to the next one, this week's


@pytest.mark.parametrize("answer", [False, True])
def test_snoozing_past_the_day_to_respond_asks_first(morning, monkeypatch, answer) -> None:
    window, _old, new = morning
    view = window.followups
    asked: list[str] = []

    def confirm(_parent, _title, text):
        asked.append(text)
        return answer

    monkeypatch.setattr(messages, "confirm", confirm)
    ack = next(f for f in morning_list.for_complaint(new.id) if f.kind == "acknowledge")
    respond = next(f for f in morning_list.for_complaint(new.id) if f.kind == "respond")
    assert view.select(ack.id)
    assert view.snooze("tomorrow")  # still before the day to respond: nothing asked
    assert asked == []
    assert view.select(ack.id)
    assert view.snooze("week") is answer
    assert "Respond, due Mon 23 Mar" in asked[0]
    moved = next(f for f in morning_list.for_complaint(new.id) if f.id == ack.id)
    assert (moved.due_on > respond.due_on) is answer


def test_done_moves_on_to_the_next_follow_up(morning, qtbot, monkeypatch) -> None:
    window, old, new = morning
    view = window.followups

    def accept(dialog: FollowUpDoneDialog) -> int:
        dialog.note.setPlainText("Sorted.")
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(FollowUpDoneDialog, "exec", accept)
    view.select_first()
    view.tree.setFocus()
    done = []
    for _ in range(2):  # down the list by keyboard alone, no clicking a row each time
        done.append(view.current().id)
        qtbot.keyClick(view.tree, Qt.Key.Key_D)
        assert view.current() is not None
        assert view.done_button.isEnabled()
    statuses = {f.id: f.status for f in morning_list.for_complaint(old.id)}
    assert [statuses[i] for i in done] == ["done", "done"]
    assert view.current().reference == new.reference
    assert view.current().kind == "acknowledge"


def test_done_on_the_last_follow_up_moves_up(morning, qtbot, monkeypatch) -> None:
    window, _old, new = morning
    view = window.followups
    monkeypatch.setattr(
        FollowUpDoneDialog,
        "exec",
        lambda d: (d.note.setPlainText("Ok."), d.accept(), QDialog.DialogCode.Accepted)[-1],
    )
    last = next(f for f in morning_list.for_complaint(new.id) if f.kind != "acknowledge")
    assert view.select(last.id)
    qtbot.keyClick(view.tree, Qt.Key.Key_D)
    above = next(f for f in morning_list.for_complaint(new.id) if f.kind == "acknowledge")
    assert view.current().id == above.id
    assert view.snooze_button.isEnabled()


def test_a_satisfaction_check_not_satisfied_goes_back_to_resolve(morning, monkeypatch) -> None:
    window, old, _new = morning
    agreed = dt.datetime.combine(TODAY - dt.timedelta(days=6), dt.time(11))
    resolution.add_action(
        old.id, who="Jo", what="replace the strap", due_on=agreed.date(), author="Sam", now=agreed
    )  # the satisfaction check falls due a week later: overdue today
    view = window.followups
    view.reload()
    check = next(f for f in morning_list.for_complaint(old.id) if f.kind == "satisfaction")
    assert view.select(check.id)

    def not_satisfied(dialog: FollowUpDoneDialog) -> int:
        dialog.set_outcome("not_satisfied")
        dialog.accept()  # no reason yet: refused, stays open
        assert dialog.error.isVisibleTo(dialog) or dialog.error.text()
        dialog.note.setPlainText("The new strap frays already.")
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(FollowUpDoneDialog, "exec", not_satisfied)
    assert view.mark_done()
    assert load_complaint(old.id).stage == "resolve"
    assert any(f.what == "Agree a new fix with the customer" for f in morning_list.pending(TODAY))


def test_a_progress_call_is_logged(morning, monkeypatch) -> None:
    window, _old, new = morning
    monkeypatch.setattr(note_dialog, "ask_note", saying("Told her it is on order."))
    view = window.followups
    view.select(morning_list.for_complaint(new.id)[0].id)
    assert view.log_call()
    from models import timeline

    assert timeline.entries(new.id)[-1].text == "Progress call: Told her it is on order."


def saying(text: str):
    """Answer a note dialog with ``text``, saved as its OK button saves it."""

    def answer(*_args, save=None, **_named):
        if save is not None:
            save(text)
        return text

    return answer


def press_ok_empty_then_type(typed: str, refused: list[str]):
    """OK on an empty note (the refusal is kept), then ``typed`` and OK again."""

    def exec_(dialog) -> int:
        dialog.accept()
        refused.append(dialog.error.text())
        assert dialog.result() != QDialog.DialogCode.Accepted
        dialog.note.setPlainText(typed)
        dialog.accept()
        return dialog.result()

    return exec_


def test_an_empty_progress_call_is_said_in_its_box_which_stays(morning, monkeypatch) -> None:
    window, _old, new = morning
    refused: list[str] = []
    monkeypatch.setattr(NoteDialog, "exec", press_ok_empty_then_type("Told her Friday.", refused))
    view = window.followups
    view.select(morning_list.for_complaint(new.id)[0].id)
    assert view.log_call()
    assert refused == ["Write down what you told them."]
    from models import timeline

    assert timeline.entries(new.id)[-1].text == "Progress call: Told her Friday."


def test_a_follow_up_cancelled_without_a_reason_is_said_in_its_box(morning, qtbot, monkeypatch):
    window, _old, new = morning
    refused: list[str] = []
    monkeypatch.setattr(
        NoteDialog, "exec", press_ok_empty_then_type("She collected it in person.", refused)
    )
    window.open_complaint(new.id)
    panel = window.detail.followups
    panel.list.setCurrentRow(0)
    what = panel.current().what
    qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)
    assert refused == ["Say why it is cancelled: it goes on the complaint's file."]
    from models import timeline

    said = timeline.entries(new.id)[-1].text
    assert said == f"Follow-up cancelled: {what}. She collected it in person."


def test_ctrl_enter_in_a_note_box_asked_for_says_ok(qtbot) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    def type_and_send() -> None:
        box = QApplication.activeModalWidget().findChild(QPlainTextEdit)
        qtbot.keyClicks(box, "Told her")
        qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    QTimer.singleShot(50, type_and_send)
    assert messages.ask_text(None, "Progress call", "What did you tell them?") == "Told her"


def test_open_complaint_shows_it_in_the_log(morning, qtbot) -> None:
    window, old, _new = morning
    view = window.followups
    view.select_first()
    qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    assert window.views.currentIndex() == 0
    assert window.detail.complaint_id == old.id


def test_follow_ups_model(qtmodeltester, morning) -> None:
    window, _old, _new = morning
    qtmodeltester.check(window.followups.model)


def test_a_long_group_is_read_a_page_at_a_time(morning, monkeypatch) -> None:
    _window, old, _new = morning
    for n in range(45):
        followups.add_follow_up(old.id, kind="other", what=f"ring {n}", owner="",
                                due_on=TODAY + dt.timedelta(days=20), author="Sam")  # fmt: skip
    monkeypatch.setattr(FollowUpsModel, "PAGE", 20)
    model = FollowUpsModel(lambda: TODAY)  # no view, so nothing fetches on its own
    model.reload()
    later = model.group_index("later")
    assert model.index(later.row(), 0).data() == "Later (45)"
    assert model.rowCount(later) == 20 and model.canFetchMore(later)
    while model.canFetchMore(later):
        model.fetchMore(later)
    rows = [model.index(r, FollowUpsModel.WHAT, later).data() for r in range(model.rowCount(later))]
    assert len(rows) == 45 and len(set(rows)) == 45


def test_opening_the_list_reads_only_the_first_pages_of_long_groups(db, qtbot, monkeypatch) -> None:
    """A shop with thousands of follow-ups due opens the list as quickly as one with
    a few: before anyone scrolls, only the first page or two of each group is read,
    not another page of every group each time one more is laid out."""
    set_user_name("Sam")
    old = log(6, "Ana Souza")
    days = {"overdue": -2, "today": 0, "next": 1, "week": 4, "later": 20}  # TODAY is a Wednesday
    for offset in days.values():
        due = TODAY + dt.timedelta(days=offset)
        for n in range(120):
            followups.add_follow_up(
                old.id, kind="other", what=f"ring {n}", owner="", due_on=due, author="Sam"
            )
    page = 50  # more than the rows the window shows at once
    monkeypatch.setattr(FollowUpsModel, "PAGE", page)
    window = MainWindow(data_folder=str(db.parent), today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    model = window.followups.model
    for group in days:
        heading = model.group_index(group)
        assert model.index(heading.row(), 0).data().endswith(f"({model.count(group)})")
        assert model.count(group) >= 120
        assert model.rowCount(heading) <= 2 * page, group


def test_each_group_heading_reads_whole_across_the_list(morning) -> None:
    """A heading such as "Tomorrow (1,204)" is not cut to the first column's width."""
    window, _old, _new = morning
    view = window.followups
    tree = view.tree
    tree.setColumnWidth(0, 40)  # narrower than any heading
    for number, key in enumerate(morning_list.GROUPS):
        heading = view.model.index(number, 0)
        text = heading.data()
        assert text.startswith(morning_list.group_label(key, TODAY))
        room = tree.visualRect(heading).width()
        assert room >= tree.fontMetrics().horizontalAdvance(text), text


def test_a_group_with_nothing_in_it_says_none_not_nought(morning) -> None:
    window, _old, _new = morning
    model = window.followups.model
    headings = {
        key: model.index(number, 0).data() for number, key in enumerate(morning_list.GROUPS)
    }
    assert headings["today"] == "Today (1)"
    assert headings["next"] == "Tomorrow: none"  # nothing is due on the 19th
    assert not any("(0)" in heading for heading in headings.values())


def test_hovering_a_phone_number_shows_it_whole(morning) -> None:
    from PySide6.QtCore import Qt

    window, _old, _new = morning
    window.show_followups()
    model = window.followups.model
    parent = model.group_index("overdue")
    phone = model.index(0, FollowUpsModel.PHONE, parent)
    assert phone.data(Qt.ItemDataRole.ToolTipRole) == "07700 900123"
    customer = model.index(0, FollowUpsModel.CUSTOMER, parent)
    assert customer.data(Qt.ItemDataRole.ToolTipRole) == "Ana Souza"
    what = model.index(0, FollowUpsModel.WHAT, parent)
    assert what.data(Qt.ItemDataRole.ToolTipRole).startswith(what.data())


def test_two_promises_of_one_person_read_apart_with_the_person_beside_them(morning) -> None:
    from PySide6.QtCore import Qt

    from models import resolution

    window, old, _new = morning
    for what in ("send a replacement wreath tomorrow", "refund €20 to his card"):
        resolution.add_action(
            old.id, who="Amira Haddad", what=what, due_on=TODAY, author="Sam",
            now=dt.datetime.combine(TODAY, dt.time(9)),
        )  # fmt: skip
    window.show_followups()
    window.followups.reload()
    model = window.followups.model
    parent = model.group_index("today")
    rows = [
        (
            model.index(r, FollowUpsModel.WHAT, parent).data(),
            model.index(r, FollowUpsModel.OWNER, parent).data(),
            model.index(r, FollowUpsModel.WHAT, parent).data(Qt.ItemDataRole.ToolTipRole),
        )
        for r in range(model.rowCount(parent))
    ]
    promised = sorted(row for row in rows if row[0].startswith("Promised action"))
    assert [(what, who) for what, who, _tip in promised] == [
        ("Promised action: refund €20 to his card", "Amira Haddad"),
        ("Promised action: send a replacement wreath tomorrow", "Amira Haddad"),
    ]
    assert all("Amira Haddad will" in tip for _what, _who, tip in promised)  # whole on hover


def test_typing_in_the_done_window_goes_into_its_note(morning, qtbot, monkeypatch) -> None:
    """D opens the window; the words typed straight away are the note, and
    Ctrl+Enter records it (before, they went nowhere until the box was clicked)."""
    window, old, _new = morning
    view = window.followups
    said: list[str] = []

    def type_at_once(dialog: FollowUpDoneDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        typed_into = dialog.focusWidget()  # where the dialog sends what is typed
        qtbot.keyClicks(typed_into, "Rang her, all sorted")
        said.append(dialog.note.toPlainText())
        qtbot.keyClick(typed_into, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        return dialog.result()

    monkeypatch.setattr(FollowUpDoneDialog, "exec", type_at_once)
    view.select_first()
    first = view.current()
    qtbot.keyClick(view.tree, Qt.Key.Key_D)
    assert said == ["Rang her, all sorted"]
    done = {f.id: f for f in morning_list.for_complaint(old.id)}[first.id]
    assert done.status == "done"


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")  # a menu
def test_the_snooze_menu_takes_one_enter(morning, qtbot) -> None:
    """S opens the snooze menu with its first choice lit: Enter takes it."""
    window, _old, new = morning
    view = window.followups
    assert view.select(
        next(f.id for f in morning_list.for_complaint(new.id) if f.kind == "acknowledge")
    )
    view.tree.setFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: view.snooze_menu.activeAction() is not None, timeout=5_000)
    qtbot.keyClick(view.snooze_menu, Qt.Key.Key_Return)
    moved = next(f for f in morning_list.for_complaint(new.id) if f.kind == "acknowledge")
    assert moved.due_on == TODAY + dt.timedelta(days=1)


def test_a_progress_call_is_said_on_the_status_bar(morning, qtbot, monkeypatch):
    window, _old, new = morning
    monkeypatch.setattr(note_dialog, "ask_note", saying("Told her it is on order."))
    view = window.followups
    view.select(morning_list.for_complaint(new.id)[0].id)
    assert view.log_call()
    assert window.statusBar().currentMessage() == f"Progress call noted on {new.reference}."


def test_x_cancels_a_follow_up_from_the_morning_list_with_a_reason(morning, qtbot, monkeypatch):
    window, _old, new = morning
    refused: list[str] = []
    monkeypatch.setattr(
        NoteDialog, "exec", press_ok_empty_then_type("Came in and sorted.", refused)
    )
    view = window.followups
    chosen = morning_list.for_complaint(new.id)[0]
    assert view.select(chosen.id)
    qtbot.keyClick(view.tree, Qt.Key.Key_X)
    assert refused == ["Say why it is cancelled: it goes on the complaint's file."]
    assert chosen.id not in [f.id for f in morning_list.pending(TODAY)]
    from models import timeline

    said = timeline.entries(new.id)[-1].text
    assert said == f"Follow-up cancelled: {chosen.what}. Came in and sorted."


def test_the_cancel_box_says_which_button_cancels_the_follow_up(morning, qtbot, monkeypatch):
    """Its buttons were OK and Cancel, where Cancel kept the follow-up."""
    from PySide6.QtWidgets import QDialog, QPushButton

    window, _old, new = morning
    seen: list[list[str]] = []

    def look(dialog) -> int:
        seen.append([b.text().replace("&", "") for b in dialog.findChildren(QPushButton)])
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(NoteDialog, "exec", look)
    view = window.followups
    chosen = morning_list.for_complaint(new.id)[0]
    assert view.select(chosen.id)
    qtbot.keyClick(view.tree, Qt.Key.Key_X)
    assert {"Cancel the follow-up", "Keep it"} <= set(seen[0])
    assert not {"OK", "Cancel"} & set(seen[0])
    assert chosen.id in [f.id for f in morning_list.pending(TODAY)]


def test_a_satisfaction_check_records_only_what_the_customer_said(qtbot, db) -> None:
    """No outcome is chosen for a satisfaction check until the person chooses one:
    OK with a note alone says so and records nothing."""
    from models.tables import FollowUp

    case = log_complaint(
        CustomerDetails(name="Ana Lopez"), ComplaintDetails(account="The heel came off."),
        author="Maya",
    )  # fmt: skip
    check_id = followups.add_follow_up(
        case.id, kind=followups.SATISFACTION, what="Check she is happy with the new heel",
        owner="Maya", due_on=dt.date.today(), author="Maya",
    )  # fmt: skip
    [item] = [i for i in morning_list.for_complaint(case.id) if i.id == check_id]
    dialog = FollowUpDoneDialog(item, dt.date.today())
    qtbot.addWidget(dialog, before_close_func=lambda d: d.note.clear())  # asks nothing
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not any(button.isChecked() for button in dialog.buttons.values())
    type_text(dialog.note, "Both boots re-heeled, collected.")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and "Choose what the customer said" in dialog.error.text()
    assert FollowUp.get_by_id(check_id).status == "pending"
    dialog.buttons["not_satisfied"].click()
    assert dialog.error.text() == ""  # chosen: the message goes
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible(), dialog.error.text()
    assert FollowUp.get_by_id(check_id).outcome == "not_satisfied"


def test_words_typed_after_choosing_an_outcome_go_into_the_note(qtbot, db) -> None:
    """Clicking "Could not reach them" left the keyboard on it: the note typed next
    went nowhere, and the box still asked what was agreed."""
    case = log_complaint(
        CustomerDetails(name="Jan de Vries"), ComplaintDetails(account="Battery dead."),
        author="Daan",
    )  # fmt: skip
    item = next(i for i in morning_list.for_complaint(case.id) if i.kind == "acknowledge")
    dialog = FollowUpDoneDialog(item, dt.date.today())
    qtbot.addWidget(dialog, before_close_func=lambda d: d.note.clear())
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.buttons["could_not_reach"], Qt.MouseButton.LeftButton)
    assert dialog.focusWidget() is dialog.note  # where what is typed next goes
    assert "How you tried" in dialog.note.placeholderText()
    qtbot.keyClicks(dialog.focusWidget(), "Voicemail full")
    assert dialog.note.toPlainText() == "Voicemail full"


def test_a_note_for_a_follow_up_done_at_another_counter_is_kept_by_a_quick_enter(
    qtbot, db, monkeypatch
) -> None:
    """Marked done at the other till while a note was being typed here: the
    question's default keeps the note, so Enter never throws it away."""
    from PySide6.QtWidgets import QMessageBox

    from models import timeline

    case = log_complaint(
        CustomerDetails(name="Brenda Hale"), ComplaintDetails(account="The shrub died."),
        author="Gwen",
    )  # fmt: skip
    item = next(i for i in morning_list.for_complaint(case.id) if i.kind == "acknowledge")
    dialog = FollowUpDoneDialog(item, dt.date.today())
    qtbot.addWidget(dialog, before_close_func=lambda d: d.note.clear())
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(dialog.note, "Rang Brenda, she is happy to wait.")
    followups.complete(item.id, followups.DONE_OUTCOME, author="Marcus", note="Emailed her.")
    asked = []

    def enter(box: QMessageBox):
        asked.append(box.text())
        return box.standardButton(box.defaultButton())

    monkeypatch.setattr(messages, "show_box", enter)
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert asked and "Add what you typed" in asked[0]
    notes = [e.text for e in timeline.entries(case.id, timeline.NOTE_KINDS)]
    assert "Rang Brenda, she is happy to wait." in notes


def test_up_and_down_go_from_follow_up_to_follow_up_over_the_headings(morning, qtbot) -> None:
    window, old, new = morning
    view = window.followups
    listed = [
        reference
        for key, references in groups(view).items()
        for reference in references
        if key in ("overdue", "today")
    ]
    view.select_first()
    view.tree.setFocus()
    seen = [view.current().reference]
    for _ in range(len(listed) - 1):
        qtbot.keyClick(view.tree, Qt.Key.Key_Down)
        assert view.current() is not None, "Down stopped on a group's heading"
        assert view.done_button.isEnabled()
        seen.append(view.current().reference)
    assert seen == listed and seen[-1] == new.reference
    for key in (Qt.Key.Key_Up, Qt.Key.Key_Home, Qt.Key.Key_End, Qt.Key.Key_Left):
        qtbot.keyClick(view.tree, key)
        assert view.current() is not None, f"{key} left no follow-up chosen"
    last = view.current().id
    qtbot.keyClick(view.tree, Qt.Key.Key_Left)
    assert view.current().id == last  # not a step back into another group
    qtbot.keyClick(view.tree, Qt.Key.Key_Home)
    assert view.current().reference == old.reference
