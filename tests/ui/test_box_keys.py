"""Every button of the app's message boxes has an Alt+letter of its own that works:
Alt+D discards in "Discard changes?", whatever the box and however many buttons."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from models import business
from models.complaint_list import ListQuery
from models.complaints import CustomerQuestion
from models.matching import Known
from tests.ui.keyboard import type_text
from tests.ui.test_letters import PROFILE, complaint, open_letter_dialog  # noqa: F401
from ui import messages
from ui.export_dialog import which_complaints


def mnemonic(text: str) -> str:
    """The letter an & marks in a button's text, lower case; "" when none does."""
    plain = text.replace("&&", "")
    at = plain.find("&")
    return plain[at + 1].lower() if 0 <= at < len(plain) - 1 else ""


def when_a_box_shows(qtbot, then: Callable[[QMessageBox], None]) -> list[QMessageBox]:
    """Do ``then`` with the next message box shown (closing it if it stays open)."""
    seen: list[QMessageBox] = []

    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, look)
            return
        seen.append(box)
        then(box)
        if box.isVisible():
            QTimer.singleShot(300, box.reject)

    QTimer.singleShot(0, look)
    return seen


def press_alt(qtbot, box: QMessageBox, letter: str) -> None:
    qtbot.waitUntil(lambda: QApplication.activeWindow() is box)
    QTest.keyClick(box.windowHandle(), getattr(Qt.Key, f"Key_{letter.upper()}"),
                   Qt.KeyboardModifier.AltModifier)  # fmt: skip


def test_alt_d_discards_an_edited_letter(qtbot, window, complaint) -> None:  # noqa: F811
    business.save_profile(PROFILE)
    dialog = open_letter_dialog(qtbot, window, complaint)
    type_text(dialog.body, "P.S. ")
    seen = when_a_box_shows(qtbot, lambda box: press_alt(qtbot, box, "d"))
    qtbot.keyClick(dialog.body, Qt.Key.Key_Escape)
    assert [box.text() for box in seen] == ["Discard your changes to this letter?"]
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)


def test_alt_k_keeps_editing(qtbot, window, complaint) -> None:  # noqa: F811
    business.save_profile(PROFILE)
    dialog = open_letter_dialog(qtbot, window, complaint)
    type_text(dialog.body, "P.S. ")
    answered: list[bool] = []

    def keep(box: QMessageBox) -> None:
        press_alt(qtbot, box, "k")
        qtbot.wait(200)  # a button pressed by its key clicks after a short flash
        answered.append(not box.isVisible())  # before the test's own reject

    when_a_box_shows(qtbot, keep)
    qtbot.keyClick(dialog.body, Qt.Key.Key_Escape)
    assert answered == [True] and dialog.isVisible()


def _clash_box(parent) -> None:
    from ui.complaint_detail_clash import ask_about_clash

    class Clash:
        both = ("their words and mine",)  # a text clashes: Keep both is offered too

        def __str__(self) -> str:
            return "Someone at another counter saved this complaint."

    ask_about_clash(parent, Clash())  # type: ignore[arg-type]


def _customer_box(parent) -> None:
    from ui.customer_question import ask

    known = Known(id=1, name="Tom & Jerry Ltd", phone="07700 900999")
    question = CustomerQuestion(
        "Tom & Jerry Ltd is in the log with another phone.",
        customer=known,
        changes="Phone: 07700 900999 → 07700 900123",
    )
    ask(parent, question)


BOXES: dict[str, Callable[[object], object]] = {
    "inform": lambda parent: messages.inform(parent, "Saved", "The letter is saved."),
    "confirm": lambda parent: messages.confirm(parent, "Start again?", "Draft it afresh?"),
    "erase": lambda parent: messages.confirm_destructive(parent, "Erase", "Erase?", "Erase"),
    "discard": lambda parent: messages.discard_or_keep(parent, "Discard changes?", "Discard?"),
    "save": lambda parent: messages.save_discard_or_cancel(parent, "Save?", "Save changes?"),
    "export": lambda parent: which_complaints(parent, ListQuery(status="open")),
    "clash": _clash_box,
    "customer": _customer_box,
}


@pytest.mark.parametrize("which", list(BOXES))
def test_every_button_of_a_box_has_its_own_alt_letter(qtbot, window, which: str) -> None:
    found: dict[str, str] = {}

    def read(box: QMessageBox) -> None:
        for button in box.buttons():
            found[button.text()] = mnemonic(button.text())
        box.reject()

    seen = when_a_box_shows(qtbot, read)
    BOXES[which](window)
    assert seen and found
    letters = list(found.values())
    assert all(letters), found
    assert len(set(letters)) == len(letters), found
    if which == "customer":  # the name's "&" is shown, not taken as the letter
        assert "Update Tom && Jerry Ltd" in [text.replace("&U", "U") for text in found]


def test_keys_typed_as_a_box_appears_do_not_answer_it(qtbot, window) -> None:
    """The owner was typing when the window stopped to ask: the keys already on
    their way (a space, an Enter) must not press a button unseen."""
    answers: list[bool] = []
    pressed: list[bool] = []

    def type_on(box: QMessageBox) -> None:
        qtbot.waitUntil(box.isVisible)
        for key in (Qt.Key.Key_A, Qt.Key.Key_Space, Qt.Key.Key_Return):
            QTest.keyClick(box.focusWidget() or box, key)
        pressed.append(box.isVisible())  # still asking
        qtbot.wait(messages.DEAF_MS + 100)
        QTest.keyClick(box.focusWidget() or box, Qt.Key.Key_Y)

    when_a_box_shows(qtbot, type_on)
    answers.append(messages.confirm(window, "Clear form", "Clear everything typed in this form?"))
    assert pressed == [True]
    assert answers == [True]  # Y, pressed once the box could be read, answers it
