from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from models.settings import set_user_name
from tests.ui.windows import close_window
from ui import messages
from ui.import_wizard import ImportWizard
from ui.main_window import MainWindow


@pytest.fixture
def window(db, qtbot):
    set_user_name("Sam")
    main = MainWindow(data_folder=str(db.parent))
    # Closed below rather than by qtbot: closing asks about anything left typed.
    main.show()
    qtbot.waitExposed(main)
    yield main
    # Closing asks about anything left typed; a test that leaves typing means to drop it.
    close_window(main)


@pytest.fixture
def no_questions(monkeypatch):
    """Answer every message box with its first button (Yes, Save, Ok), recording the texts."""
    asked: list[str] = []

    def answer(box: QMessageBox):
        asked.append(box.text())
        assert box.textFormat() == Qt.TextFormat.PlainText
        for button in (QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Save):
            if box.standardButtons() & button:
                return button
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(messages, "show_box", answer)
    return asked


@pytest.fixture
def answers(monkeypatch):
    """Answer the boxes with the buttons named in ``answers.given`` (in turn),
    recording what each box said (the questions about another counter's changes)."""

    answers = SimpleNamespace(given=[], said=[])

    def answer(box: QMessageBox):
        answers.said.append(box.text())
        assert box.textFormat() == Qt.TextFormat.PlainText
        name = answers.given.pop(0)
        button = next(b for b in box.buttons() if b.objectName() == name)
        return box.standardButton(button)

    monkeypatch.setattr(messages, "show_box", answer)
    return answers


def active_dialog():
    return QApplication.activeModalWidget()


@pytest.fixture
def box(qtbot):
    """A checked text box with its warning banner under it, shown."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from ui.wording_check import CheckedTextEdit, WordingBanner

    holder = QWidget()
    edit = CheckedTextEdit()
    banner = WordingBanner(edit)
    layout = QVBoxLayout(holder)
    layout.addWidget(edit)
    layout.addWidget(banner)
    qtbot.addWidget(holder)
    holder.show()
    yield edit, banner
    holder.close()


@pytest.fixture
def wizard(db, qtbot):
    """File > Import, opened by Sam."""
    set_user_name("Sam")
    dialog = ImportWizard()
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.fixture
def cable(test_server):
    """A connection to the test server that a test can pull out and plug back in
    (see tests/ui/cable.py)."""
    import os

    from tests.conftest import TEST_SERVER
    from tests.ui.cable import Cable

    cable = Cable(os.environ[TEST_SERVER])
    yield cable
    cable.remove()


@pytest.fixture
def open_every_day(db):
    """The shop open every day of the week, for tests whose "due today" must not
    hang on the weekday they run (a complaint logged on a Saturday is otherwise
    acknowledged on Monday)."""
    from models.calendar import ShopWeek, save_shop_week

    save_shop_week(ShopWeek(frozenset()))
