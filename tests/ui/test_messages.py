"""Text that is not valid, pasted or in a file, as the owner meets it in the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QTableWidget

from models.settings import set_user_name
from models.tables import Complaint, Customer
from tests.ui.test_import_wizard import read
from tests.ui.test_new_complaint import open_dialog
from ui import messages
from ui.import_wizard import ImportWizard


def test_a_name_pasted_with_half_a_utf16_pair_saves(qtbot, window, no_questions) -> None:
    dialog = open_dialog(qtbot, window)
    dialog.name.setText("Ann\ud800e Lee")
    dialog.account.setPlainText("The lid \udcff was cracked.")
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = Complaint.get()
    # Qt itself drops the lone half on the way in; what reaches the log is text.
    assert saved.customer.name in ("Anne Lee", "Ann\ufffde Lee")
    saved.customer.name.encode("utf-8")
    saved.account.encode("utf-8")
    assert no_questions == []


def test_the_import_window_reads_a_file_with_half_a_utf16_pair(
    db, qtbot, tmp_path: Path, no_questions
) -> None:
    set_user_name("Sam")
    wizard = ImportWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    path = tmp_path / "log.csv"
    with path.open("w", encoding="utf-8", errors="surrogatepass", newline="") as out:
        out.write("received,customer name,account\n2026-03-01,Ann\ud800e Zoë,Broken lid\n")
    read(wizard, qtbot, path)
    preview = wizard.findChild(QTableWidget, "preview")
    assert preview.item(0, 1).text() == "Ann\ufffde Zoë"
    report = wizard.findChild(QPlainTextEdit, "report").toPlainText()
    assert "1 character that is not valid text" in report
    assert wizard.findChild(QLabel, "verdict").text().startswith("Ready: 1 complaint")
    with qtbot.waitSignal(wizard.imported):
        qtbot.mouseClick(wizard.findChild(QPushButton, "import_button"), Qt.MouseButton.LeftButton)
    assert Customer.get().name == "Ann\ufffde Zoë"


def test_a_short_question_is_wide_enough_for_its_title_to_read_whole(qtbot) -> None:
    """A window's title bar cut "Unsaved changes — Complaint Desk" to "Unsaved chan…
    omplaint Desk" over a one-line question."""
    from PySide6.QtWidgets import QMessageBox

    from tests.ui.windows import title_bar_needs
    from ui.messages import fit_title

    box = QMessageBox(QMessageBox.Icon.Question, "Unsaved changes", "Save C-2026-0024?")
    qtbot.addWidget(box)
    fit_title(box)
    box.show()
    qtbot.waitExposed(box)
    assert box.width() >= title_bar_needs(box, "Unsaved changes — Complaint Desk")


def test_a_long_message_under_a_widened_title_reads_whole(qtbot) -> None:
    """Widened for its title, a box cut its text to the first line: "Imported 25
    complaints, 23 new customers," and nothing more."""
    from PySide6.QtWidgets import QLabel, QMessageBox

    from ui.messages import fit_title

    text = (
        "Imported 25 complaints, 23 new customers, 2 returning customers matched,"
        " 5 open and 20 closed. They are in the log now, with their follow-ups."
    )
    box = QMessageBox(QMessageBox.Icon.Information, "Imported", text)
    qtbot.addWidget(box)
    fit_title(box)
    box.show()
    qtbot.waitExposed(box)
    [label] = [label for label in box.findChildren(QLabel) if label.text() == text]
    assert label.sizeHint().width() <= label.width()  # it wraps, or fits on one line
    assert label.height() >= label.heightForWidth(label.width())
    assert box.rect().contains(label.geometry())


def test_one_key_pressed_alone_never_throws_typing_away(qtbot, monkeypatch) -> None:
    """ "Discard what you typed?" came up, the owner pressed D for the next follow-up
    done, and D pressed Discard: the note was lost. Only a click (or Tab to it and
    Space) discards; Esc or Enter keeps the typing."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

    from ui import messages

    monkeypatch.setattr(messages, "DEAF_MS", 0)
    parent = QWidget()
    qtbot.addWidget(parent)
    still_asking: list[bool] = []

    def press_d_then_escape() -> None:
        [box] = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, QMessageBox) and w.isVisible()]  # fmt: skip
        qtbot.keyClick(box, Qt.Key.Key_D)
        qtbot.wait(400)  # a button's letter clicks it after a moment
        still_asking.append(box.isVisible())
        if box.isVisible():
            qtbot.keyClick(box, Qt.Key.Key_Escape)

    QTimer.singleShot(300, press_d_then_escape)
    assert messages.discard_or_keep(parent, "Done", "Discard what you typed?") is False
    assert still_asking == [True]


def test_a_notice_leaves_the_keyboard_with_the_box_being_typed_in(qtbot) -> None:
    """A restore at another counter popped a box that took the keys of a note being
    typed: "stuvwxyz" went into the box, and the space bar closed it."""
    from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

    from tests.ui.keyboard import type_text

    line = QLineEdit()
    qtbot.addWidget(line)
    line.show()
    line.activateWindow()
    line.setFocus()
    qtbot.waitUntil(line.hasFocus)
    type_text(line, "abc")
    messages.notice(line, "Log restored", "The log was put back from a backup.")
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    assert any(box.isVisible() and "put back" in box.text() for box in boxes)
    assert QApplication.activeModalWidget() is None
    type_text(line, " def")
    assert line.text() == "abc def"
    for box in boxes:
        box.close()
