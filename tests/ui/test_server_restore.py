"""File > Restore from backup with the log on a PostgreSQL server: the backups of
the server's log are listed with what each holds, and the one chosen is put back
into the log by the app."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog

from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from tests.ui.keyboard import type_text
from ui import messages
from ui.complaint_table_model import ComplaintTableModel
from ui.server_restore_dialog import ServerRestoreDialog

pytestmark = [
    pytest.mark.parametrize("engine", ["postgresql"], indirect=True),
    pytest.mark.skipif(
        shutil.which("pg_dump") is None or shutil.which("pg_restore") is None,
        reason="pg_dump and pg_restore are not installed",
    ),
]


def log_one(name: str):
    return log_complaint(
        CustomerDetails(name=name, phone="01632 960123"),
        ComplaintDetails(account="The vase arrived cracked.", product="Vase"),
        author="Sam",
        new_customer=True,
    )


def in_the_log(window) -> list[str]:
    model = window.list_view.model
    return [
        model.index(row, ComplaintTableModel.REFERENCE).data() for row in range(model.rowCount())
    ]


def test_restore_on_a_server_lists_what_each_backup_holds_and_puts_one_back(
    window, qtbot, monkeypatch, engine
) -> None:
    from models.backups import backup_folder, make_backup

    first = log_one("Aisha Doyle")
    make_backup()
    later = log_one("Ben Hart")
    (backup_folder() / "complaints-20261201-100000.sqlite3").write_bytes(b"SQLite format 3\0")
    window.show_complaints()
    window.refresh_after_change()
    assert later.reference in in_the_log(window)
    asked: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(
        messages, "confirm_destructive", lambda _p, _t, text, _a: asked.append(text) or True
    )
    monkeypatch.setattr(messages, "inform", lambda _p, _t, text: told.append(text))
    seen: list[str] = []

    def exec_(dialog: ServerRestoreDialog) -> int:
        dialog.show()
        qtbot.waitUntil(lambda: "1 complaint," in dialog.list.item(0).text(), timeout=20_000)
        seen.extend([dialog.list.item(0).text(), dialog.chosen_text.text(), dialog.older.text()])
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted, timeout=60_000)
        return dialog.result()

    monkeypatch.setattr(ServerRestoreDialog, "exec", exec_)
    window.findChild(QAction, "restore_action").trigger()

    listed, chosen, older = seen
    assert f"1 complaint, up to {first.reference}" in listed
    assert "it holds 2 complaints now" in chosen
    # What restoring it takes away is said before it is done.
    assert f"1 complaint in the log now is not in it and would go: {later.reference}." in chosen
    assert "far fewer complaints than the 2 in the log now" in chosen
    assert "1 backup of this computer's data file" in older
    assert asked and "every counter" in asked[0] and later.reference in asked[0]
    assert told and "now as it was" in told[0] and "replaced-" in told[0]
    assert in_the_log(window) == [first.reference]
    assert list(backup_folder().glob("replaced-*.pgdump"))


def test_with_no_backup_yet_restore_says_how_to_make_one(window, monkeypatch, engine) -> None:
    shown: list[tuple[str, bool]] = []

    def exec_(dialog: ServerRestoreDialog) -> int:
        dialog.show()
        shown.append((dialog.chosen_text.text(), dialog.restore_button.isEnabled()))
        return 0

    monkeypatch.setattr(ServerRestoreDialog, "exec", exec_)
    window.findChild(QAction, "restore_action").trigger()
    ((text, can_restore),) = shown
    assert "Back up now" in text and not can_restore


def test_typing_is_asked_about_only_once_restore_is_chosen_and_another_file_can_be_opened(
    window, qtbot, monkeypatch, engine, tmp_path
) -> None:
    """Opening Restore asked first about the note being written, which was then
    dropped only to see there was nothing to restore."""
    from models.backups import backup_folder, make_backup

    first = log_one("Aisha Doyle")
    made = make_backup()
    elsewhere = tmp_path / "usb" / "from-the-other-till.pgdump"
    elsewhere.parent.mkdir()
    made.rename(elsewhere)  # made at another counter, brought on a stick
    window.show_complaints()
    window.refresh_after_change()
    window.open_complaint(first.id)
    type_text(window.detail.composer.text, "She will ring back after lunch.")
    order: list[str] = []
    monkeypatch.setattr(
        messages, "save_discard_or_cancel", lambda *_a: order.append("typing") or "cancel"
    )
    monkeypatch.setattr(
        messages, "confirm_destructive", lambda *_a: order.append("restore?") or True
    )

    def exec_(dialog: ServerRestoreDialog) -> int:
        dialog.show()
        order.append("listed")
        assert not dialog.restore_button.isEnabled()  # nothing here yet
        dialog.add_file(elsewhere)
        qtbot.waitUntil(lambda: "1 complaint," in dialog.list.item(0).text(), timeout=20_000)
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(ServerRestoreDialog, "exec", exec_)
    window.findChild(QAction, "restore_action").trigger()
    # The list first; the typing asked about once Restore was chosen; Cancel kept it.
    assert order == ["listed", "restore?", "typing"]
    assert window.detail.composer.text.toPlainText() == "She will ring back after lunch."
    assert not list(backup_folder().glob("replaced-*"))
