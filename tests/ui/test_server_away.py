"""The server the log is kept on going away (stopped, restarted, the network
cable out) and coming back: a banner says so, typing goes on, saving says it
did not save and keeps what was typed, and once the server is back saving works
with nothing lost."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from desktop.app import WINDOW_SERVER_WAIT_S
from models import engine
from models.complaints import ComplaintDetails, load_complaint, log_complaint
from models.customers import CustomerDetails
from models.tables import Complaint
from tests.ui.cable import Cable
from tests.ui.keyboard import type_text
from tests.ui.test_edit_clash import opened
from tests.ui.test_new_complaint import open_dialog

pytestmark = pytest.mark.parametrize("engine", ["postgresql"], indirect=True)

ROOT = Path(__file__).resolve().parents[2]
# How long the window may take to notice, or to find the server back, in
# milliseconds: it tries again every few seconds.
NOTICED_WITHIN = 15_000
MINE = "The kettle leaks from the base, and the lid is cracked."


@pytest.fixture
def server_address(server_schemas, cable) -> str:
    """The window's log, reached through the cable."""
    return cable.address(server_schemas())


def banner(window) -> QLabel:
    return window.findChild(QLabel, "server_away")


def away(qtbot, window, cable: Cable) -> None:
    cable.pull_out()
    qtbot.waitUntil(banner(window).isVisible, timeout=NOTICED_WITHIN)


def back(qtbot, window, cable: Cable) -> None:
    cable.plug_in()
    qtbot.waitUntil(lambda: not banner(window).isVisible(), timeout=NOTICED_WITHIN)


def fits_on_a_small_screen(window, message: str) -> None:
    """``message`` is read whole on the status bar of a window 1,024 pixels wide."""
    bar = window.statusBar()
    assert bar.fontMetrics().horizontalAdvance(message) < 1024 - 40, message


def test_a_banner_says_the_server_is_away_and_typing_is_saved_once_it_is_back(
    qtbot, window, no_questions, cable
) -> None:
    saved, detail = opened(window)
    assert window.windowTitle().startswith("database ")  # on a server
    detail.account.setFocus()
    detail.account.selectAll()
    type_text(detail.account, "The kettle leaks from the base,")
    assert not banner(window).isVisible()

    away(qtbot, window, cable)
    said = banner(window).text()
    assert "cannot be reached" in said and "What you type is kept" in said
    assert "saving will work again when it is back" in said

    type_text(detail.account, " and the lid is cracked.")  # the window takes typing
    qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)
    # Said on the status bar, not in a box that would take the keys typed next.
    status = window.statusBar().currentMessage()
    assert "cannot be reached" in status and "still here" in status
    fits_on_a_small_screen(window, status)
    assert no_questions == []
    assert detail.account.toPlainText() == MINE
    window.show_followups()  # reading other views while away: no error either
    window.show_complaints()

    back(qtbot, window, cable)
    # The change refused while it was away waits: the window says so.
    qtbot.waitUntil(lambda: "not saved yet" in window.statusBar().currentMessage())
    fits_on_a_small_screen(window, window.statusBar().currentMessage())
    qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)
    assert load_complaint(saved.id).details.account == MINE
    assert not detail.save_button.isEnabled()  # saved: nothing waits to be saved


def test_a_new_complaint_typed_while_the_server_is_away_is_kept_and_saved_later(
    qtbot, window, no_questions, cable
) -> None:
    away(qtbot, window, cable)
    dialog = open_dialog(qtbot, window)
    type_text(dialog.name, "Zoë Łukasiewicz")
    type_text(dialog.account, "The cake had nuts and the label said none.")
    qtbot.keyClick(dialog.account, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert "cannot be reached" in no_questions[-1]
    assert dialog.isVisible() and dialog.name.text() == "Zoë Łukasiewicz"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # closes, keeping what was typed
    qtbot.waitUntil(lambda: not dialog.isVisible())

    back(qtbot, window, cable)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    dialog = open_dialog(qtbot, window)
    assert dialog.name.text() == "Zoë Łukasiewicz"
    assert dialog.account.toPlainText() == "The cake had nuts and the label said none."
    qtbot.keyClick(dialog.account, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [stored] = Complaint.select()
    assert (stored.customer.name, stored.account) == (
        "Zoë Łukasiewicz",
        "The cake had nuts and the label said none.",
    )


def test_connections_the_server_cut_are_made_again_and_listen_again(
    qtbot, window, test_server, tmp_path
) -> None:
    """The server ends every connection of the app (as a restart would, or an
    administrator): the window connects again by itself, shows other counters'
    changes again, and saves."""
    saved, detail = opened(window)
    test_server.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
        "WHERE application_name = 'complaint-desk'"
    )
    done = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("other_counter.py")),
         str(tmp_path / "other-counter"), "log", "Dora Bell", "The toaster sparks."],
        env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    reference = done.stdout.strip()
    model = window.list_view.model
    qtbot.waitUntil(
        lambda: reference in [model.index(r, 0).data() for r in range(model.rowCount())],
        timeout=NOTICED_WITHIN,
    )
    assert not banner(window).isVisible()
    detail.account.setFocus()
    detail.account.selectAll()
    type_text(detail.account, MINE)
    qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)
    assert load_complaint(saved.id).details.account == MINE


def test_a_server_that_stops_answering_is_taken_as_away_within_seconds(
    qtbot, window, no_questions, cable
) -> None:
    """The server's computer still takes what is sent but its processes answer
    nothing (paused, swapping): the window waits a few seconds at most, then says
    the server cannot be reached, and saves again once it answers."""
    engine.current().limit_waits(WINDOW_SERVER_WAIT_S)  # as the app sets it at start-up
    saved, detail = opened(window)
    cable.hang()
    unstuck = threading.Timer(60, cable.flow)  # without a limit, the window waits until this
    unstuck.start()
    try:
        started = time.monotonic()
        detail.account.setFocus()
        detail.account.selectAll()
        type_text(detail.account, MINE)
        qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)
        waited = time.monotonic() - started
        qtbot.waitUntil(banner(window).isVisible, timeout=NOTICED_WITHIN)
    finally:
        cable.flow()
        unstuck.cancel()
    assert waited < WINDOW_SERVER_WAIT_S + 3
    assert detail.account.toPlainText() == MINE  # kept, to save once the server is back
    said = [window.statusBar().currentMessage(), *no_questions]
    assert any("cannot be reached" in text or "may or may not" in text for text in said)
    qtbot.waitUntil(lambda: not banner(window).isVisible(), timeout=NOTICED_WITHIN)
    qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)
    assert load_complaint(saved.id).details.account == MINE


def test_a_search_typed_while_the_server_is_away_says_it_could_not_run(
    qtbot, window, no_questions, cable
) -> None:
    """The rows of the search before are not left showing as if they matched."""
    opened(window)
    away(qtbot, window, cable)
    view = window.list_view
    view.search.setFocus()
    type_text(view.search, "gears")
    qtbot.waitUntil(lambda: view.no_match.isVisible(), timeout=NOTICED_WITHIN)
    assert "The search for “gears” could not be read just now" in view.no_match.text()
    back(qtbot, window, cable)
    qtbot.waitUntil(lambda: "No complaints match “gears”" in view.no_match.text(),
                    timeout=NOTICED_WITHIN)  # fmt: skip
    view.search.clear()
    qtbot.waitUntil(lambda: view.table.isVisible(), timeout=NOTICED_WITHIN)
    assert view.model.rowCount() == 1


def test_a_complaint_chosen_while_the_server_is_away_shows_once_it_is_back(
    qtbot, window, no_questions, cable
) -> None:
    other = log_complaint(
        CustomerDetails(name="Dora Bell"), ComplaintDetails(account="The toaster sparks."),
        author="Sam",
    )  # fmt: skip
    opened(window)  # Aisha Doyle's kettle
    away(qtbot, window, cable)
    window.open_complaint(other.id)
    unread = window.findChild(QLabel, "detail_unreadable")
    assert unread.isVisible() and "cannot be read just now" in unread.text()
    back(qtbot, window, cable)
    qtbot.waitUntil(lambda: not unread.isVisible(), timeout=NOTICED_WITHIN)
    assert window.detail.account.toPlainText() == "The toaster sparks."


def test_a_window_nobody_touches_notices_a_server_that_stopped_answering(
    qtbot, window, cable
) -> None:
    """Nobody clicks anything while the server's processes are paused: the banner
    still comes, within seconds, and goes once the server answers again."""
    opened(window)
    cable.hang()
    try:
        qtbot.waitUntil(banner(window).isVisible, timeout=30_000)
    finally:
        cable.flow()
    qtbot.waitUntil(lambda: not banner(window).isVisible(), timeout=NOTICED_WITHIN)


def test_an_empty_log_on_a_server_says_where_it_is_kept(qtbot, window) -> None:
    said = window.findChild(QLabel, "empty_log_text").text()
    assert "kept on the shop's server (database " in said
    assert "this computer" not in said


def test_closing_while_the_server_has_stopped_answering_is_not_held_up(
    qtbot, window, cable
) -> None:
    """Closing keeps the window's size on the server: with the server's processes
    paused, that is given up within a moment, and the listening stops without
    waiting twice (before, closing took four to six seconds)."""
    from ui.main_window import CLOSING_SERVER_WAIT_S

    engine.current().limit_waits(WINDOW_SERVER_WAIT_S)  # as the app sets it at start-up
    opened(window)
    cable.hang()
    unstuck = threading.Timer(60, cable.flow)
    unstuck.start()
    try:
        started = time.monotonic()
        window.close()
        took = time.monotonic() - started
    finally:
        cable.flow()
        unstuck.cancel()
    assert not window.isVisible()
    assert took < CLOSING_SERVER_WAIT_S + 1.5


def test_once_the_note_waiting_for_the_server_is_added_the_status_bar_stops_asking(
    qtbot, window, no_questions, cable
) -> None:
    _saved, detail = opened(window)
    away(qtbot, window, cable)
    type_text(detail.composer.text, "Rang her: the shrub is being replaced.")
    qtbot.keyClick(detail.composer.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    back(qtbot, window, cable)
    qtbot.waitUntil(lambda: "not saved yet" in window.statusBar().currentMessage())
    qtbot.keyClick(detail.composer.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not detail.composer.text.toPlainText())
    assert "not saved yet" not in window.statusBar().currentMessage()


def test_an_action_the_away_server_refused_is_said_on_the_status_bar(
    qtbot, window, monkeypatch
) -> None:
    """Save changes pressed while the server was away: nothing was said, and a
    traceback went to the terminal."""
    import sys

    from desktop import error_hook
    from models.errors import ServerAway
    from ui import messages

    shown: list[str] = []
    monkeypatch.setattr(messages, "show_box", lambda box: shown.append(box.text()))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    error_hook.install()
    error_hook.send_damage_to(window.damage_notice.problem_met)  # as the app does
    try:
        try:
            raise ServerAway(
                "The server (database shop on backoffice) cannot be reached just now; "
                "nothing was changed."
            )
        except ServerAway as away:
            sys.excepthook(type(away), away, away.__traceback__)
    finally:
        error_hook.stop_sending_damage_to(window.damage_notice.problem_met)
    assert shown == []
    assert window.statusBar().currentMessage() == (
        "Not done: the server (database shop on backoffice) cannot be reached just now; "
        "nothing was changed. What you typed is still there."
    )


def test_closing_while_the_server_is_away_keeps_a_half_written_note_in_a_file(
    qtbot, window, cable, monkeypatch
) -> None:
    """Closing with a note half written while the server was away offered Save,
    which could not work, and Discard: the note could only be lost."""
    from PySide6.QtWidgets import QMessageBox

    from ui import messages
    from ui.file_dialogs import documents_folder

    said: list[str] = []
    given: list[QMessageBox.StandardButton] = []

    def answer(box: QMessageBox) -> QMessageBox.StandardButton:
        said.append(box.text())
        return given.pop(0)

    monkeypatch.setattr(messages, "show_box", answer)
    saved, detail = opened(window)
    away(qtbot, window, cable)
    type_text(detail.composer.text, "Rang her at 4: she will bring the kettle in")
    given.append(QMessageBox.StandardButton.No)  # not yet: the window stays, with the note
    window.close()
    assert window.isVisible()
    assert "cannot be saved" in said[-1] and saved.reference in said[-1]
    assert detail.composer.text.toPlainText() == "Rang her at 4: she will bring the kettle in"
    given.append(QMessageBox.StandardButton.Yes)
    window.close()
    assert not window.isVisible()
    kept = list(documents_folder().glob(f"Not saved {saved.reference}*.txt"))
    assert len(kept) == 1
    assert "she will bring the kettle in" in kept[0].read_text("utf-8")
    assert kept[0].name in said[-1]
