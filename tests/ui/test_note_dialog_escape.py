"""A note asked for in a dialog (why a follow-up is cancelled, a progress call, a
step ticked with a note) is not thrown away by Escape once something is typed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.keyboard import type_text
from ui import messages
from ui.note_dialog import NoteDialog


def _dialog(qtbot) -> NoteDialog:
    dialog = NoteDialog("Cancel follow-up", "Cancel “Ring Tom”?", "&Why:", name="cancel_reason")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_escape_with_a_reason_typed_asks_and_keeps_it(qtbot, monkeypatch) -> None:
    asked: list[str] = []
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]

    def answer(box: QMessageBox):
        asked.append(box.text())
        return answers.pop(0)

    monkeypatch.setattr(messages, "show_box", answer)
    dialog = _dialog(qtbot)
    type_text(dialog.note, "Customer found the receipt after all")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Escape)
    assert asked == ["Discard what you typed?"]
    assert dialog.isVisible() and dialog.text() == "Customer found the receipt after all"
    qtbot.keyClick(dialog.note, Qt.Key.Key_Escape)  # Discard, this time
    assert not dialog.isVisible()


def test_escape_with_nothing_typed_closes_at_once(qtbot, monkeypatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(messages, "show_box", lambda box: asked.append(box.text()))
    dialog = _dialog(qtbot)
    qtbot.keyClick(dialog.note, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and asked == []


def test_escape_in_a_follow_ups_done_box_with_a_note_typed_asks_first(
    qtbot, monkeypatch, db
) -> None:
    import datetime as dt

    from models.complaints import ComplaintDetails, log_complaint
    from models.customers import CustomerDetails
    from models.morning_list import for_complaint
    from ui.followup_done_dialog import FollowUpDoneDialog

    asked: list[str] = []
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]

    def answer(box: QMessageBox):
        asked.append(box.text())
        return answers.pop(0)

    monkeypatch.setattr(messages, "show_box", answer)
    case = log_complaint(
        CustomerDetails(name="Ana Lopez"), ComplaintDetails(account="Scorch mark on the silk."),
        author="Maya",
    )  # fmt: skip
    acknowledge = next(i for i in for_complaint(case.id) if i.kind == "acknowledge")
    dialog = FollowUpDoneDialog(acknowledge, dt.date.today())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(dialog.note, "Rang her, she was out; left a message")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Escape)
    assert asked == ["Discard what you typed?"]
    assert dialog.isVisible() and "left a message" in dialog.note.toPlainText()
    qtbot.keyClick(dialog.note, Qt.Key.Key_Escape)  # Discard, this time
    assert not dialog.isVisible()


def test_a_follow_up_done_meanwhile_elsewhere_offers_the_note_to_the_complaint(
    qtbot, monkeypatch, db
) -> None:
    """Two counters mark the same follow-up done: the second is told who did it
    and may keep what they typed as a note on the complaint, not throw it away."""
    import datetime as dt

    from models import followups, timeline
    from models.complaints import ComplaintDetails, log_complaint
    from models.customers import CustomerDetails
    from models.morning_list import for_complaint
    from ui.followup_done_dialog import FollowUpDoneDialog

    asked: list[str] = []

    def answer(box: QMessageBox):
        asked.append(box.text())
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(messages, "show_box", answer)
    case = log_complaint(
        CustomerDetails(name="Rhys Morgan"), ComplaintDetails(account="The tyre split."),
        author="Gareth",
    )  # fmt: skip
    acknowledge = next(i for i in for_complaint(case.id) if i.kind == "acknowledge")
    dialog = FollowUpDoneDialog(acknowledge, dt.date.today())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(dialog.note, "Phoned Rhys, told him a new tyre is ordered")
    followups.complete(acknowledge.id, "done", author="Nia")  # at the other till
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert len(asked) == 1 and "marked done by Nia" in asked[0]
    assert case.reference in asked[0]
    assert not dialog.isVisible()
    notes = [e.text for e in timeline.entries(case.id, timeline.NOTE_KINDS)]
    assert notes == ["Phoned Rhys, told him a new tyre is ordered"]


def test_escape_in_the_close_box_with_a_lesson_typed_asks_first(qtbot, monkeypatch, db) -> None:
    from models.complaints import ComplaintDetails, load_complaint, log_complaint
    from models.customers import CustomerDetails
    from ui.close_complaint_dialog import CloseComplaintDialog

    asked: list[str] = []
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]

    def answer(box: QMessageBox):
        asked.append(box.text())
        return answers.pop(0)

    monkeypatch.setattr(messages, "show_box", answer)
    case = log_complaint(
        CustomerDetails(name="Dev Patel"), ComplaintDetails(account="The heel came off."),
        author="Dawn",
    )  # fmt: skip
    dialog = CloseComplaintDialog(load_complaint(case.id))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.reason.setFocus()
    type_text(dialog.reason, "Customer rang to say all is well")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Escape)
    assert asked == ["Discard what you typed?"]
    assert dialog.isVisible() and "all is well" in dialog.reason.toPlainText()
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Escape)  # Discard, this time
    assert not dialog.isVisible()


def test_escape_in_the_close_box_with_nothing_typed_closes_at_once(qtbot, monkeypatch, db) -> None:
    from models.complaints import ComplaintDetails, load_complaint, log_complaint
    from models.customers import CustomerDetails
    from ui.close_complaint_dialog import CloseComplaintDialog

    asked: list[str] = []
    monkeypatch.setattr(messages, "show_box", lambda box: asked.append(box.text()))
    case = log_complaint(
        CustomerDetails(name="Dev Patel"), ComplaintDetails(account="The heel came off."),
        author="Dawn",
    )  # fmt: skip
    dialog = CloseComplaintDialog(load_complaint(case.id))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and asked == []


def test_ctrl_enter_gives_ok_after_an_outcome_is_chosen_by_its_letter(
    qtbot, monkeypatch, db
) -> None:
    import datetime as dt

    from models import followups
    from models.complaints import ComplaintDetails, log_complaint
    from models.customers import CustomerDetails
    from models.morning_list import for_complaint
    from ui.followup_done_dialog import FollowUpDoneDialog

    case = log_complaint(
        CustomerDetails(name="Owen Price"), ComplaintDetails(account="The trimmer cut out."),
        author="Bryn",
    )  # fmt: skip
    acknowledge = next(i for i in for_complaint(case.id) if i.kind == "acknowledge")
    dialog = FollowUpDoneDialog(acknowledge, dt.date.today())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    chosen = dialog.buttons[followups.COULD_NOT_REACH]
    chosen.setFocus()
    qtbot.keyClick(chosen, Qt.Key.Key_Space)
    qtbot.keyClick(chosen, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert dialog.result() == dialog.DialogCode.Accepted
