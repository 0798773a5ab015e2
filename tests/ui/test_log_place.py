"""Edit > Preferences > Where the log is kept: choosing a server, trying it,
moving this computer's log there."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from models.settings import log_place
from tests.ui.keyboard import press_shortcut
from ui import messages
from ui.preferences_dialog import PreferencesDialog


@pytest.fixture
def dialog(qtbot, window):
    dialog = PreferencesDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _choose_server(qtbot, dialog, address: str) -> None:
    qtbot.mouseClick(dialog.log_place.server, Qt.MouseButton.LeftButton)
    dialog.log_place.address.clear()
    qtbot.keyClicks(dialog.log_place.address, address)


def _save(qtbot, dialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)


def _test_connection(qtbot, dialog) -> str:
    section = dialog.log_place
    with qtbot.waitSignal(section.tested, timeout=30_000) as said:
        qtbot.mouseClick(section.test, Qt.MouseButton.LeftButton)
    assert section.result.text() == said.args[0]
    assert section.result.textFormat() == Qt.TextFormat.PlainText
    return said.args[0]


def _log_a_complaint() -> None:
    log_complaint(
        CustomerDetails(name="Zoë Łukasiewicz"),
        ComplaintDetails(account="The kettle leaks."),
        author="Sam",
        now=dt.datetime(2026, 3, 14, 10, 30),
    )


def test_the_log_starts_on_this_computer(dialog) -> None:
    assert dialog.log_place.here.isChecked()
    assert not dialog.log_place.address.isEnabled()
    assert not dialog.log_place.test.isEnabled()


def test_an_address_holding_a_password_is_refused_and_never_stored(
    qtbot, window, dialog, no_questions, db: Path
) -> None:
    _choose_server(qtbot, dialog, "postgresql://till:s3cr3t@backoffice/shop")
    _save(qtbot, dialog)
    assert dialog.isVisible() and dialog.reopen is None
    assert ".pgpass" in no_questions[-1] and "s3cr3t" not in no_questions[-1]
    assert log_place(db.parent) is None
    for path in db.parent.rglob("*.json"):
        assert "s3cr3t" not in path.read_text(errors="replace")
    # Test connection refuses it as well, before connecting anywhere.
    said = _test_connection(qtbot, dialog)
    assert ".pgpass" in said


def test_a_bad_address_is_said_in_plain_words(qtbot, dialog, tmp_path: Path) -> None:
    _choose_server(qtbot, dialog, f"postgresql:///shop?host={tmp_path / 'no-server-here'}")
    said = _test_connection(qtbot, dialog)
    assert "cannot be reached" in said and "Traceback" not in said
    assert not dialog.log_place.move.isVisibleTo(dialog)
    _choose_server(qtbot, dialog, str(tmp_path / "a folder"))
    assert "is not a PostgreSQL address" in _test_connection(qtbot, dialog)


def test_choosing_a_server_keeps_it_and_closes_the_window_to_reopen_there(
    qtbot, window, no_questions, db: Path
) -> None:
    dialog = PreferencesDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    _choose_server(qtbot, dialog, "shop")
    _save(qtbot, dialog)
    assert "opens again on the log on service=shop" in no_questions[-1]
    assert log_place(db.parent) == "service=shop"
    assert dialog.reopen is not None and dialog.reopen.server == "service=shop"
    window.reopen_log(dialog.reopen)
    assert not window.isVisible() and window.reopen_plan == dialog.reopen


def test_started_with_database_the_choice_is_kept_for_later(
    qtbot, window, no_questions, db: Path
) -> None:
    window.place_given_by = "--database"
    dialog = PreferencesDialog(window, given_by="--database")
    qtbot.addWidget(dialog)
    dialog.show()
    assert "--database" in dialog.log_place.note.text()
    _choose_server(qtbot, dialog, "service=shop")
    _save(qtbot, dialog)
    assert dialog.reopen is not None
    window.reopen_log(dialog.reopen)
    assert window.isVisible() and window.reopen_plan is None
    assert "used when Complaint Desk is started without it" in no_questions[-1]
    assert log_place(db.parent) == "service=shop"


def test_an_empty_server_is_offered_this_computer_s_log_which_moves_there_checked(
    qtbot, window, no_questions, db: Path, server_address: str
) -> None:
    from desktop.app import _move_there
    from models.db import close_database
    from models.server_check import check_server

    _log_a_complaint()
    _log_a_complaint()
    dialog = PreferencesDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    _choose_server(qtbot, dialog, server_address)
    said = _test_connection(qtbot, dialog)
    assert "holds no Complaint Desk log yet" in said
    move = dialog.log_place.move
    assert move.isVisible() and move.isChecked() and "(2 complaints)" in move.text()
    _save(qtbot, dialog)
    assert "copied there first" in no_questions[-1]
    # Kept only once the copy is made and checked.
    assert log_place(db.parent) is None
    assert dialog.reopen is not None and dialog.reopen.move
    close_database()
    _move_there(db.parent, dialog.reopen.server)
    assert "Copied 2 complaints" in no_questions[-1] and "checked" in no_questions[-1]
    assert log_place(db.parent) == server_address
    found = check_server(server_address, db.parent)
    assert "holds a Complaint Desk log with 2 complaints" in found.said


def test_a_long_test_result_squeezes_nothing_at_1024_by_768(qtbot, dialog, tmp_path) -> None:
    """What Test connection says appears below the address: the rest of the dialog
    keeps its room (it scrolls) and Save stays in reach."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QLabel

    from tests.ui.test_small_screen import buttons_out_of_reach, clipped

    _choose_server(qtbot, dialog, f"postgresql://till@/shop?host={tmp_path / 'nobody-here'}")
    said = _test_connection(qtbot, dialog)
    assert said
    qtbot.wait(50)
    shown = [label for label in dialog.findChildren(QLabel) if label.isVisible() and label.text()]
    assert [label.text() for label in shown if clipped(label)] == []
    assert dialog.width() <= 1024 and dialog.height() <= 768
    assert buttons_out_of_reach(dialog, QRect(0, 0, 1024, 768)) == []


def test_the_wheel_over_a_box_scrolls_preferences_and_changes_nothing(qtbot, dialog) -> None:
    """Scrolling down Preferences with the wheel over "Keep 14 daily backups" must
    not make it 16."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication, QSpinBox

    keep = dialog.findChild(QSpinBox, "backups_to_keep")
    before = keep.value()
    dialog.findChild(QDialogButtonBox).setFocus()
    centre = QPointF(keep.rect().center())
    for _ in range(3):
        wheel = QWheelEvent(
            centre, QPointF(keep.mapToGlobal(centre.toPoint())), QPoint(0, 0), QPoint(0, -120),
            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
            False,
        )  # fmt: skip
        QApplication.sendEvent(keep, wheel)
    assert keep.value() == before
    keep.setFocus()  # in the box, the wheel is the owner's to use
    wheel = QWheelEvent(
        centre, QPointF(keep.mapToGlobal(centre.toPoint())), QPoint(0, 0), QPoint(0, 120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
        False,
    )  # fmt: skip
    QApplication.sendEvent(keep, wheel)
    assert keep.value() == before + 1


def test_saving_an_address_whose_test_failed_asks_first(
    qtbot, dialog, monkeypatch, tmp_path: Path, db: Path
) -> None:
    """Test connection said the server cannot be reached: Save warns before keeping
    it (the window would wait for it at every opening); Cancel keeps nothing."""
    asked: list[str] = []
    answers = [QMessageBox.StandardButton.Cancel]

    def answer(box: QMessageBox):
        asked.append(box.text())
        return answers.pop(0) if answers else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(messages, "show_box", answer)
    address = f"postgresql:///shop?host={tmp_path / 'no-server-here'}"
    _choose_server(qtbot, dialog, address)
    said = _test_connection(qtbot, dialog)
    _save(qtbot, dialog)
    assert "Test connection could not use this server" in asked[0] and said in asked[0]
    assert dialog.isVisible() and dialog.reopen is None
    assert log_place(db.parent) is None
    assert dialog.log_place.address.hasFocus()
    # Asked again, the owner keeps it all the same (then confirms the reopening).
    _save(qtbot, dialog)
    assert "opens again on the log" in asked[-1]
    assert log_place(db.parent) is not None


def test_an_address_put_right_after_a_failed_test_is_saved_without_the_warning(
    qtbot, dialog, no_questions, tmp_path: Path, db: Path
) -> None:
    _choose_server(qtbot, dialog, f"postgresql:///shop?host={tmp_path / 'no-server-here'}")
    _test_connection(qtbot, dialog)
    _choose_server(qtbot, dialog, "service=shop")
    _save(qtbot, dialog)
    assert not any("could not use this server" in text for text in no_questions)
    assert log_place(db.parent) == "service=shop"


def test_saving_an_untested_empty_server_offers_this_computer_s_log_too(
    qtbot, window, no_questions, db: Path, server_address: str
) -> None:
    """Save pressed straight after typing the address: the server is tried then,
    and being empty it is offered this computer's log, as Test connection does."""
    _log_a_complaint()
    dialog = PreferencesDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    _choose_server(qtbot, dialog, server_address)
    _save(qtbot, dialog)
    assert "copied there first" in no_questions[-1]
    assert dialog.reopen is not None and dialog.reopen.move
    assert log_place(db.parent) is None  # kept once the copy is made and checked


def test_alt_s_saves_and_enter_on_the_reopen_question_goes_ahead(
    qtbot, dialog, monkeypatch, db: Path
) -> None:
    asked: list[str] = []

    def enter(box: QMessageBox):  # the owner presses Enter: the default button
        asked.append(box.text())
        return box.standardButton(box.defaultButton())

    monkeypatch.setattr(messages, "show_box", enter)
    _choose_server(qtbot, dialog, "shop")
    press_shortcut(qtbot, dialog.log_place.address, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert dialog.log_place.address.text() == "shop"  # no "s" typed into the box
    qtbot.waitUntil(lambda: bool(asked))  # a mnemonic presses its button after a blink
    assert "Save and reopen now?" in asked[-1]
    assert log_place(db.parent) == "service=shop"


def test_what_test_connection_says_is_scrolled_into_view(qtbot, dialog, tmp_path) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QScrollArea

    dialog.resize(1024, 600)
    _choose_server(qtbot, dialog, f"postgresql://till@/shop?host={tmp_path / 'nobody-here'}")
    assert _test_connection(qtbot, dialog)
    scroll = dialog.findChild(QScrollArea, "preferences_scroll")
    result = dialog.log_place.result

    def in_view() -> bool:
        top = result.mapTo(scroll.viewport(), QPoint(0, 0)).y()
        return top >= 0 and top + result.height() <= scroll.viewport().height()

    qtbot.waitUntil(in_view)


def test_each_choice_of_where_the_log_is_kept_has_its_own_alt_letter(qtbot, dialog) -> None:
    section = dialog.log_place
    press_shortcut(qtbot, section.address, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(section.server.isChecked)
    press_shortcut(qtbot, section.address, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(section.here.isChecked)
