"""The owner's data in the window: restore from backup, damage found, a customer's
copy of their data, erasing a customer, and the retention rule."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from PySide6.QtGui import QAction, QDesktopServices

from desktop.startup import ANONYMISED, DAMAGED
from models import backups, retention
from models.anonymise import ANONYMOUS_NAME
from models.complaints import ComplaintDetails, load_complaint, log_complaint, set_status
from models.customers import CustomerDetails
from models.errors import DamagedDatabaseError
from tests.ui.keyboard import press_shortcut
from ui import customer_privacy
from ui.preferences_dialog import PreferencesDialog
from ui.restore_dialog import RestoreDialog

NAME = "Zoë <b>Łukasiewicz</b> & Co"


def _log(name: str, account: str = "The lid is loose.", **kwargs):
    return log_complaint(
        CustomerDetails(name=name, email=f"{len(name)}@example.com"),
        ComplaintDetails(account=account),
        author="Sam",
        **kwargs,
    )


def _refs(window) -> list[str]:
    model = window.list_view.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


@pytest.fixture
def run_dialogs_inline(monkeypatch, qtbot):
    """RestoreDialog.exec shows the dialog, presses Restore and waits for the copy."""

    def exec_(dialog: RestoreDialog) -> int:
        dialog.show()
        dialog.restore_selected()
        qtbot.waitUntil(lambda: not dialog._busy, timeout=10000)
        return int(dialog.result())

    monkeypatch.setattr(RestoreDialog, "exec", exec_)


def test_restore_from_backup_brings_the_log_back_as_it_was(
    qtbot, window, no_questions, run_dialogs_inline, db
) -> None:
    first = _log("Ana Souza")
    backups.make_backup(now=dt.datetime(2026, 3, 14, 9, 0))
    second = _log("Ali Khan")
    window.list_view.refresh()
    assert sorted(_refs(window)) == sorted([first.reference, second.reference])

    window.findChild(QAction, "restore_action").trigger()

    assert _refs(window) == [first.reference]
    assert any("Replace the data with the backup complaints-20260314" in q for q in no_questions)
    kept = list((db.parent / "backups").glob("replaced-*.sqlite3"))
    assert len(kept) == 1 and str(kept[0]) in no_questions[-1]
    assert backups.check_backup(kept[0]) is None


def test_a_damaged_backup_file_is_refused_and_nothing_changes(
    qtbot, window, no_questions, run_dialogs_inline, tmp_path
) -> None:
    first = _log("Ana Souza")
    broken = tmp_path / "old.sqlite3"
    broken.write_bytes(b"SQLite format 3\0" + b"\xff" * 5000)
    window.restore_from_backup(broken)
    assert "damaged or not a database" in no_questions[-1]
    assert "Nothing was changed" in no_questions[-1]
    window.list_view.refresh()
    assert _refs(window) == [first.reference]


def test_damage_found_after_start_offers_the_newest_good_backup(
    window, no_questions, monkeypatch
) -> None:
    _log("Ana Souza")
    made = backups.make_backup(now=dt.datetime(2026, 3, 14, 9, 0))
    chosen: list[Path | None] = []
    monkeypatch.setattr(window, "restore_from_backup", chosen.append)
    window.background_reports.arrived.emit(DAMAGED, "Page 7: btreeInitPage() error")
    assert "Page 7" in no_questions[-1] and made.name in no_questions[-1]
    assert chosen == [made]


def test_a_data_file_that_will_not_open_is_set_aside_for_the_newest_backup(
    data_dir, no_questions
) -> None:
    from desktop.app import _offer_backup
    from desktop.startup import open_data
    from models.db import close_database

    open_data(data_dir)
    kept = _log("Ana Souza").reference
    made = backups.make_backup(now=dt.datetime(2026, 3, 14, 9, 0))
    close_database()
    data_file = data_dir / "complaints.sqlite3"
    data_file.write_bytes(b"not a database at all" * 100)
    with pytest.raises(DamagedDatabaseError) as caught:
        open_data(data_dir)
    assert _offer_backup(caught.value)
    assert made.name in no_questions[0] and "renamed" in no_questions[0]
    damaged = list(data_dir.glob("damaged-*-complaints.sqlite3"))
    assert len(damaged) == 1 and damaged[0].read_bytes() == b"not a database at all" * 100
    open_data(data_dir)
    try:
        from models.complaints import find_by_reference

        assert find_by_reference(kept) is not None
    finally:
        close_database()


def _open_customer_tab(window, complaint):
    window.list_view.refresh()
    window.open_complaint(complaint.id)
    detail = window.detail
    detail.tabs.setCurrentIndex(detail.CUSTOMER_TAB)
    return detail


def test_erasing_a_customer_from_their_tab(qtbot, window, no_questions) -> None:
    theirs = _log(NAME, "The birthday cake had nuts.")
    other = _log("Ali Khan")
    detail = _open_customer_tab(window, theirs)
    assert detail.erase_customer.isEnabled() and not detail.erased_note.isVisible()

    qtbot.mouseClick(detail.erase_customer, qtbot_left())
    qtbot.waitUntil(lambda: load_complaint(theirs.id).customer.name == ANONYMOUS_NAME)
    qtbot.waitUntil(lambda: detail.customer_name.text() == ANONYMOUS_NAME)

    assert no_questions[0].startswith(f"Erase {NAME}?")
    assert "cannot be undone" in no_questions[0]
    assert "erased from 1 complaint" in no_questions[-1]
    assert load_complaint(theirs.id).details.account == "[removed]"
    assert load_complaint(other.id).customer.name == "Ali Khan"
    assert not detail.erase_customer.isEnabled() and detail.erased_note.isVisible()
    assert "Anonymised on" in detail.erased_note.text()
    assert detail.customer_name.isReadOnly()  # nothing personal can be typed back in
    window.list_view.status_filter.setCurrentIndex(window.list_view.status_filter.findData("all"))
    rows = {window.list_view.model.index(r, 0).data(): r for r in range(2)}
    row = rows[theirs.reference]
    shown = [window.list_view.model.index(row, c).data() for c in range(6)]
    assert ANONYMOUS_NAME in shown and NAME not in shown


def test_cancelling_the_erase_changes_nothing(qtbot, window, monkeypatch) -> None:
    from ui import messages

    theirs = _log(NAME)
    monkeypatch.setattr(messages, "show_box", lambda box: messages.Button.Cancel)
    detail = _open_customer_tab(window, theirs)
    qtbot.mouseClick(detail.erase_customer, qtbot_left())
    assert load_complaint(theirs.id).customer.name == NAME


def test_a_copy_of_their_data_as_pdf_and_json(
    qtbot, window, no_questions, monkeypatch, tmp_path
) -> None:
    theirs = _log(NAME, "The birthday cake had nuts.")
    _log("Ali Khan", "Someone else's words.")
    monkeypatch.setattr(customer_privacy, "choose_export_folder", lambda parent: tmp_path)
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True
    )
    detail = _open_customer_tab(window, theirs)
    qtbot.mouseClick(detail.export_customer, qtbot_left())
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=10000)

    pdf = Path(opened[0])
    assert pdf.suffix == ".pdf" and pdf.parent == tmp_path
    json_file = next(tmp_path.glob("*.json"))
    text = json_file.read_text(encoding="utf-8")
    assert NAME in json.loads(text)["customer"]["name"]
    assert "The birthday cake had nuts." in text and "Someone else's words." not in text
    assert pdf.name in no_questions[-1] and json_file.name in no_questions[-1]


def test_retention_is_previewed_confirmed_and_applied(qtbot, window, no_questions) -> None:
    old = _log("Ana Souza", now=dt.datetime(2021, 5, 1, 10, 0))
    set_status(old.id, "closed", author="Sam", reason="Sorted.", now=dt.datetime(2021, 5, 2))
    recent = _log("Ali Khan")
    dialog = PreferencesDialog(window)
    qtbot.addWidget(dialog)
    assert not dialog.retention_on.isChecked() and "Off" in dialog.retention_preview.text()
    dialog.retention_on.setChecked(True)
    assert dialog.retention_years.value() == retention.SUGGESTED_YEARS
    assert "would anonymise 1 complaint:" in dialog.retention_preview.text()
    dialog.retention_years.setValue(10)
    assert "would anonymise 0 complaints" in dialog.retention_preview.text()
    dialog.retention_years.setValue(3)
    dialog.keep_backups.setValue(30)
    assert dialog.save()
    assert "1 closed complaint will be anonymised now" in no_questions[-1]
    assert retention.years() == 3 and backups.keep_count() == 30

    window.apply_retention()
    qtbot.waitUntil(lambda: load_complaint(old.id).customer.name == ANONYMOUS_NAME)
    qtbot.waitUntil(lambda: "1 old complaint anonymised" in window.statusBar().currentMessage())
    assert load_complaint(recent.id).customer.name == "Ali Khan"


def test_the_retention_report_from_start_up_refreshes_the_list(qtbot, window) -> None:
    from models.anonymise import Outcome

    window.background_reports.arrived.emit(ANONYMISED, Outcome(3, 2, 0))
    assert "3 old complaints anonymised" in window.statusBar().currentMessage()


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_typing_in_hand_survives_the_retention_report(qtbot, window, no_questions) -> None:
    from models.anonymise import Outcome
    from tests.ui.keyboard import type_text

    case = _log("Ana Souza")
    window.list_view.refresh()
    window.open_complaint(case.id)
    detail = window.detail
    type_text(detail.product, "Blue kettle")
    window.background_reports.arrived.emit(ANONYMISED, Outcome(3, 2, 0))
    assert detail.product.text() == "Blue kettle" and detail.is_dirty
    assert detail.complaint_id == case.id


def test_no_retention_without_todays_backup(db, monkeypatch) -> None:
    from desktop import startup
    from models import backups as backup_module
    from models.errors import StorageError

    old = _log("Ana Souza", now=dt.datetime(2021, 5, 1, 10, 0))
    set_status(old.id, "closed", author="Sam", reason="Sorted.", now=dt.datetime(2021, 5, 2))
    retention.set_years(3)

    def no_space(*_args, **_kwargs):
        raise StorageError("The disk is full, so the change was not saved.")

    with monkeypatch.context() as patch:
        patch.setattr(backup_module, "daily_backup", no_space)
        heard: list[tuple[str, object]] = []
        startup.checks_after_start(lambda kind, value: heard.append((kind, value)))
    assert [kind for kind, _ in heard] == [startup.BACKUP_FAILED]
    assert load_complaint(old.id).customer.name == "Ana Souza"

    heard.clear()
    startup.checks_after_start(lambda kind, value: heard.append((kind, value)))
    assert [kind for kind, _ in heard] == [startup.ANONYMISED]
    assert load_complaint(old.id).customer.name == ANONYMOUS_NAME


def test_the_erase_confirmation_lists_where_others_mention_them(
    qtbot, window, no_questions
) -> None:
    from models.complaints import add_note
    from models.timeline import entries

    theirs = _log("Brenda Okafor", "Charged twice.")
    other = _log("Ali Khan", "Late delivery.")
    add_note(other.id, "Witness: Brenda Okafor saw the double charge", author="Sam")
    add_note(other.id, "Brenda from next door called", author="Sam")
    detail = _open_customer_tab(window, theirs)

    qtbot.mouseClick(detail.erase_customer, qtbot_left())
    qtbot.waitUntil(lambda: load_complaint(theirs.id).customer.name == ANONYMOUS_NAME)
    qtbot.waitUntil(lambda: "Customer erased" in " ".join(no_questions) or len(no_questions) > 1)

    question = no_questions[0]
    assert f"{other.reference}, note of" in question
    assert "“Witness: Brenda Okafor saw the double charge”" in question
    assert "Possibly them" in question and "“Brenda from next door called”" in question
    assert "1 mention in other customers' complaints replaced with [erased]" in no_questions[-1]
    notes = [e.text for e in entries(other.id)]
    assert "Witness: [erased] saw the double charge" in notes
    assert "Brenda from next door called" in notes  # a first name alone stays


def test_ticking_the_box_replaces_the_possible_mentions_too(qtbot, window, monkeypatch) -> None:
    from ui import messages

    theirs = _log("Brenda Okafor", "Charged twice.")
    other = _log("Ali Khan", "Brenda from next door saw it.")
    asked: list[str] = []

    def tick_and_erase(box):
        asked.append(box.text())
        if box.checkBox() is not None:
            box.checkBox().setChecked(True)
        return messages.Button.Yes

    monkeypatch.setattr(messages, "show_box", tick_and_erase)
    detail = _open_customer_tab(window, theirs)
    qtbot.mouseClick(detail.erase_customer, qtbot_left())
    qtbot.waitUntil(lambda: load_complaint(other.id).details.account.startswith("[erased]"))
    assert load_complaint(other.id).details.account == "[erased] from next door saw it."


def test_an_anonymised_complaint_offers_no_reopen_and_no_letter(qtbot, window) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    from models.anonymise import erase_customer

    theirs = _log("Brenda Okafor", "Charged twice.")
    other = _log("Ali Khan", "Late.")
    erase_customer(load_complaint(theirs.id).customer_id, author="Sam")
    window.list_view.refresh()
    window.open_complaint(theirs.id)
    detail = window.detail
    detail.letter_requested.disconnect(window.write_letter)  # no letter dialog here
    asked: list[int] = []
    detail.letter_requested.connect(asked.append)

    assert detail.close_button.text() == "Reopen complaint"
    assert not detail.close_button.isEnabled()
    assert "cannot be reopened: its customer's details were erased" in (
        detail.close_button.toolTip()
    )
    assert not detail.letter_button.isEnabled()
    assert "No letter can be written" in detail.letter_button.toolTip()
    assert not detail.letters.findChild(QPushButton, "new_letter").isEnabled()
    press_shortcut(qtbot, detail, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert asked == []
    # Nothing new is written about them: no note, no evidence.
    assert not detail.composer.text.isEnabled() and not detail.facts.add_evidence.isEnabled()

    window.open_complaint(other.id)
    assert detail.close_button.isEnabled() and detail.letter_button.isEnabled()
    assert detail.composer.text.isEnabled() and detail.facts.add_evidence.isEnabled()
    press_shortcut(qtbot, detail, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert asked == [other.id]


def test_restoring_another_logs_backup_says_so_and_how_many_complaints_it_holds(
    qtbot, window, monkeypatch, tmp_path
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from desktop.startup import open_data
    from models.db import close_database
    from ui import messages

    mine = _log("Ana Souza")
    here = backups.backup_folder().parent
    close_database()
    open_data(tmp_path / "other-shop")  # another shop's log, three complaints, a backup
    for name in ("Zoë Martin", "Ali Khan", "Beatrice Long"):
        _log(name)
    other = backups.make_backup(now=dt.datetime(2026, 3, 14, 9, 0))
    close_database()
    open_data(here)
    asked: list[str] = []

    def answer_no(box: QMessageBox):
        asked.append(box.text())
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(messages, "show_box", answer_no)
    dialog = RestoreDialog(window, preselect=other)
    dialog.restore_selected()

    assert any("another log" in q and "3 complaints" in q for q in asked), asked
    window.list_view.refresh()
    assert _refs(window) == [mine.reference]  # said no: nothing changed
