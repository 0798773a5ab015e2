"""Letters that read as the shop wrote them: signed by the person who handled the
complaint (asked for on the first run, never the computer's login name), the
owner's notes made into sentences to the customer and shown where they stand,
and a preview that is always the letter Print and Save as would give."""

from __future__ import annotations

import datetime as dt
import getpass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from letters.content import KIND_TITLES
from models import business, resolution, settings
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from models.db import close_database
from models.letter_records import letter_file, letters_for
from tests.letters.pdfs import page_texts, words
from tests.ui.keyboard import type_text
from tests.ui.windows import close_window
from ui.letter_dialog import LetterDialog
from ui.new_complaint_dialog import NewComplaintDialog
from ui.your_name_dialog import YourNameDialog

PROFILE = business.BusinessProfile(
    name="Bloom & Grow Florist",
    address="3 Church Lane\nBath BA1 1AA",
    phone="01225 555 0100",
    signatory_name="Clare Okafor",
    signatory_role="Owner",
    staff="Priya Shah, Shop manager\nSam Lee, Florist",
)
LOGIN = getpass.getuser()


def kept_text(dialog: LetterDialog) -> str:
    """The words of the letter made and kept, as its PDF carries them."""
    assert dialog.made is not None
    return words("\n".join(page_texts(letter_file(dialog.made.id).read_bytes())))


def make(qtbot, dialog: LetterDialog) -> str:
    made_before = dialog.made
    qtbot.mouseClick(dialog.make, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.made is not made_before, timeout=10_000)
    return kept_text(dialog)


def open_letter(qtbot, window) -> LetterDialog:
    window.list_view.refresh()
    window.list_view.table.selectRow(0)
    qtbot.waitUntil(lambda: window.detail.record is not None)
    qtbot.mouseClick(window.detail.letter_button, Qt.MouseButton.LeftButton)
    (dialog,) = [d for d in window.findChildren(LetterDialog) if d.isVisible()]
    return dialog


def asking_name(window) -> YourNameDialog | None:
    shown = [d for d in window.findChildren(YourNameDialog) if d.isVisible()]
    return shown[0] if shown else None


@pytest.fixture
def wreath(db):
    """Tom Baker's complaint about a funeral wreath, handled by Priya, with the
    fix agreed in the owner's own shorthand."""
    business.save_profile(PROFILE)
    complaint = log_complaint(
        CustomerDetails(name="Tom Baker", address="9 Hill Rise\nBath BA2 3CD"),
        ComplaintDetails(
            account="The wreath arrived wilted.", product="funeral wreath", handler="Priya Shah"
        ),
        author="Priya Shah",
        now=dt.datetime.now() - dt.timedelta(hours=2),
    )
    resolution.save_resolution(
        complaint.id,
        options_offered="",
        agreed_solution="refund the £34.99 to his card",
        first_contact=False,
        author="Priya Shah",
    )
    return complaint


def test_the_first_run_asks_who_is_at_the_counter_and_their_letter_is_signed_so(
    qtbot, data_dir
) -> None:
    from desktop.app import create_window
    from desktop.startup import open_data

    open_data(data_dir)
    business.save_profile(PROFILE)
    close_database()
    window = create_window(str(data_dir))
    try:
        window.show()
        qtbot.waitUntil(lambda: asking_name(window) is not None)
        asked = asking_name(window)
        assert asked.name.text() == ""  # not the computer's login name
        type_text(asked.name.lineEdit(), "Ana Souza")
        qtbot.mouseClick(asked.save_button, Qt.MouseButton.LeftButton)
        assert asking_name(window) is None
        assert settings.user_name() == "Ana Souza"

        window.new_action.trigger()
        (form,) = [d for d in window.findChildren(NewComplaintDialog) if d.isVisible()]
        assert form.handler.text() == "Ana Souza"
        type_text(form.name, "Tom Baker")
        type_text(form.account, "The wreath arrived wilted.")
        qtbot.keyClick(form.account, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: not form.isVisible())

        dialog = open_letter(qtbot, window)
        assert dialog.signer.text() == "Ana Souza"
        text = make(qtbot, dialog)
        assert "Yours sincerely Ana Souza" in text
        assert "I will look into what happened" in text
        assert "Clare Okafor" not in text
        assert LOGIN.capitalize() not in text
        dialog.close()
    finally:
        close_window(window)
        close_database()


def test_the_letter_is_signed_by_whoever_handled_it_or_whoever_is_chosen(
    qtbot, window, wreath
) -> None:
    resolution.add_action(
        wreath.id,
        who="Sam Lee",
        what="Refund £34.99 to his card.",
        due_on=dt.date.today() + dt.timedelta(days=3),
        author="Priya Shah",
    )
    dialog = open_letter(qtbot, window)
    assert dialog.signer.text() == "Priya Shah"  # she handled it
    offered = [dialog.signer.itemText(i) for i in range(dialog.signer.count())]
    # Sam at the counter is Sam Lee on the staff list: offered once, first.
    assert offered == ["Sam Lee", "Clare Okafor", "Priya Shah"]
    # What was agreed is also Sam's action: said once, with who does it and by when.
    assert "we agreed: Sam Lee will refund £34.99 to your card by" in dialog.body.toPlainText()
    text = make(qtbot, dialog)
    assert "Yours sincerely Priya Shah Shop manager" in text
    dialog.signer.setCurrentIndex(offered.index("Sam Lee"))
    assert "we agreed: I will refund £34.99 to your card by" in dialog.body.toPlainText()
    text = make(qtbot, dialog)
    assert "Yours sincerely Sam Lee Florist" in text
    assert "we agreed: I will refund £34.99 to your card by" in text
    assert text.count("refund") == 1 and "Who does what" not in text
    assert "Priya Shah" not in text


def test_the_owners_words_read_as_sentences_to_the_customer(qtbot, window, wreath) -> None:
    dialog = open_letter(qtbot, window)
    assert dialog.kind.currentData() == "confirmation"
    text = make(qtbot, dialog)
    assert "talking with us about the problem with your funeral wreath that you raised on" in text
    assert "about your funeral wreath" not in text
    assert "This letter confirms what we agreed: we will refund the £34.99 to your card." in text
    assert "his card" not in text and ".." not in text


def test_the_owners_words_are_shown_and_can_be_changed_for_the_letter(
    qtbot, window, wreath
) -> None:
    dialog = open_letter(qtbot, window)
    boxes = dialog.words.boxes
    assert boxes["product"].text() == "funeral wreath"
    assert boxes["agreed"].text() == "refund the £34.99 to his card"
    # Where they stand in the letter is highlighted.
    body = dialog.body.toPlainText()
    marked = {
        body[s.cursor.selectionStart() : s.cursor.selectionEnd()]
        for s in dialog.body.extraSelections()
    }
    assert marked == {"funeral wreath", "refund the £34.99 to your card"}
    boxes["product"].selectAll()
    type_text(boxes["product"], "wreath of white lilies")
    assert "the problem with your wreath of white lilies that" in dialog.body.toPlainText()
    text = make(qtbot, dialog)
    assert "the problem with your wreath of white lilies that" in text
    assert letters_for(wreath.id)[0].body == dialog.body.toPlainText()


def test_the_preview_and_print_follow_a_change_of_kind(qtbot, window, wreath) -> None:
    preview_title = KIND_TITLES["confirmation"]
    dialog = open_letter(qtbot, window)
    preview = dialog.preview
    qtbot.waitUntil(lambda: preview_title in preview.shown_text(), timeout=10_000)
    assert not preview.print_button.isEnabled()  # a draft: made first, then printed
    made = make(qtbot, dialog)
    assert preview.print_button.isEnabled() and preview.save_as.isEnabled()
    assert words(preview.shown_text()) == made

    dialog.kind.setCurrentIndex(dialog.kind.findData("final"))
    # At once: the old letter can no longer be printed or saved from here.
    assert not preview.print_button.isEnabled() and not preview.save_as.isEnabled()
    final_title = KIND_TITLES["final"]
    qtbot.waitUntil(lambda: final_title in preview.shown_text(), timeout=10_000)
    assert "The outcome: we agreed to refund the £34.99 to your card." in words(
        preview.shown_text()
    )
    assert not preview.print_button.isEnabled()
    made = make(qtbot, dialog)
    assert final_title in made and preview.print_button.isEnabled()
    assert words(preview.shown_text()) == made

    # Any edit to the text: the same.
    dialog.body.moveCursor(dialog.body.textCursor().MoveOperation.End)
    type_text(dialog.body, "\n\nP.S. With our sympathy.")
    assert not preview.print_button.isEnabled()
    qtbot.waitUntil(lambda: "P.S. With our sympathy." in preview.shown_text(), timeout=10_000)
    assert not preview.print_button.isEnabled()
    QApplication.processEvents()


def test_an_action_whose_words_are_kept_as_typed_reads_as_a_sentence(qtbot, window, wreath) -> None:
    due = dt.date.today() + dt.timedelta(days=3)
    action = resolution.add_action(
        wreath.id, who="Priya Shah", what="Refund £34.99 to his card.", due_on=due,
        author="Priya Shah",
    )  # fmt: skip
    dialog = open_letter(qtbot, window)
    box = dialog.words.boxes[f"action:{action.id}"]
    box.selectAll()
    # "Visa" could be someone's name, so "her" is not changed and the words are quoted.
    type_text(box, "refund the £34.99 to her Visa card")
    text = make(qtbot, dialog)
    day = f"{due:%A} {due.day} {due:%B %Y}"
    assert (
        f"Who does what, and by when: • I will see to this by {day}, as we noted it: "
        "“refund the £34.99 to her Visa card”." in text
    )
    assert ", me:" not in text and f"By {day}," not in text


def test_save_as_says_where_the_copy_went(qtbot, window, wreath, tmp_path, monkeypatch) -> None:
    """Save as gave no word that anything happened."""
    from ui import file_dialogs

    dialog = open_letter(qtbot, window)
    make(qtbot, dialog)
    target = tmp_path / "for-the-customer.pdf"
    monkeypatch.setattr(file_dialogs, "save_file", lambda *_a, **_k: str(target))
    qtbot.mouseClick(dialog.preview.save_as, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF")
    assert dialog.status.text() == f"Saved a copy as {target}."
