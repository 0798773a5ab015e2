"""Letters from the window: the letterhead asked for once, drafting, the wording
rule, making the PDF in the background, the preview, printing at real size."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QCheckBox, QDialog, QLabel, QPushButton

from models import business, display, followups, morning_list, timeline
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from models.letter_drafts import AGREED_PLACEHOLDER
from models.letter_records import letter_file, letters_for
from tests.ui.keyboard import press_shortcut, type_text
from ui import messages
from ui.business_profile_dialog import BusinessProfileDialog
from ui.letter_dialog import LetterDialog
from ui.letter_preview import print_pdf

PROFILE = business.BusinessProfile(
    name="Okafor & Daughters <Tailoring>",
    address="12 Mill Road\nLeeds LS1 4AP",
    phone="0113 496 0000",
    signatory_name="Clare Okafor",
    signatory_role="Owner",
)


@pytest.fixture
def complaint(db):
    return log_complaint(
        CustomerDetails(name="Nguyễn Thị Ánh", address="7 Park View\nYork YO1 7HH"),
        ComplaintDetails(account="The hem is uneven.", product="dress alteration"),
        author="Sam",
        now=dt.datetime.now() - dt.timedelta(hours=1),
    )


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def open_letter_dialog(qtbot, window, complaint) -> LetterDialog:
    window.list_view.refresh()
    window.list_view.table.selectRow(0)
    press_shortcut(qtbot, window.detail, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialogs = [d for d in window.findChildren(LetterDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def test_the_first_letter_asks_for_the_letterhead(qtbot, window, complaint, monkeypatch) -> None:
    asked = []

    def fill_in(dialog: BusinessProfileDialog) -> int:
        asked.append(dialog.windowTitle())
        dialog.name.setText("Jo's Bikes")
        dialog.signatory_name.setText("Jo Evans")
        return QDialog.DialogCode.Accepted if dialog.save() else QDialog.DialogCode.Rejected

    monkeypatch.setattr(BusinessProfileDialog, "exec", fill_in)
    dialog = open_letter_dialog(qtbot, window, complaint)
    assert asked == ["Business profile"]
    assert business.load_profile().name == "Jo's Bikes"
    assert complaint.reference in dialog.subject.text()


def test_ctrl_enter_makes_the_letter_from_the_kind_box_too(qtbot, window, complaint) -> None:
    """From the keyboard, Ctrl+Enter did nothing unless the focus was in the body."""
    business.save_profile(PROFILE)
    dialog = open_letter_dialog(qtbot, window, complaint)
    dialog.activateWindow()
    dialog.kind.setFocus()
    qtbot.waitUntil(dialog.kind.hasFocus)
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.made is not None, timeout=10_000)
    assert [letter.kind for letter in letters_for(complaint.id)] == ["acknowledgement"]
    assert dialog.make.text().replace("&", "") == "Make letter" and "&M" in dialog.make.text()


def test_from_draft_to_a_kept_pdf(qtbot, window, complaint) -> None:
    business.save_profile(PROFILE)
    dialog = open_letter_dialog(qtbot, window, complaint)
    assert dialog.kind.currentData() == "acknowledgement"
    assert dialog.salutation.text() == "Dear Nguyễn Thị Ánh,"
    assert complaint.reference in dialog.body.toPlainText()
    dialog.body.moveCursor(dialog.body.textCursor().MoveOperation.End)
    type_text(dialog.body, "\n\nP.S. Bring the <receipt> & the dress.")
    qtbot.mouseClick(dialog.make, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.made is not None, timeout=10_000)
    kept = letters_for(complaint.id)
    assert len(kept) == 1 and kept[0].kind == "acknowledgement"
    assert kept[0].body.endswith("P.S. Bring the <receipt> & the dress.")
    text = pdf_text(letter_file(kept[0].id))
    for words in ("Okafor & Daughters <Tailoring>", "Nguyễn Thị Ánh", complaint.reference,
                  "P.S. Bring the <receipt> & the dress.", "Clare Okafor"):  # fmt: skip
        assert words in text
    assert dialog.preview.document.pageCount() >= 1
    assert dialog.preview.print_button.isEnabled()
    assert timeline.entries(complaint.id, (timeline.LETTER,))
    # The complaint's Letters tab lists it and shows it again.
    letters = window.detail.letters
    assert letters.list.count() == 1
    letters.list.setCurrentRow(0)
    assert letters.preview.document.status() == QPdfDocument.Status.Ready


def test_words_that_admit_fault_need_a_reason_to_send(
    qtbot, window, complaint, monkeypatch
) -> None:
    business.save_profile(PROFILE)
    answers: list[str | None] = [None, "Customer asked for it in writing; manager agreed."]
    asked: list[str] = []

    def answer(_parent, _title, label, *_rest):
        asked.append(label)
        return answers.pop(0)

    monkeypatch.setattr(messages, "ask_text", answer)
    dialog = open_letter_dialog(qtbot, window, complaint)
    dialog.body.setPlainText("We damaged your dress when we pressed it.")
    assert dialog.body.findings()
    qtbot.mouseClick(dialog.make, Qt.MouseButton.LeftButton)  # cancelled: nothing made
    assert dialog.made is None and letters_for(complaint.id) == []
    assert "give a reason" in dialog.status.text()
    # The owner is told how many places and which words.
    assert "found 1 place (“We damaged your dress”)" in asked[0]
    qtbot.mouseClick(dialog.make, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.made is not None, timeout=10_000)
    assert letters_for(complaint.id)[0].override_reason.startswith("Customer asked")
    letter_entry = timeline.entries(complaint.id, (timeline.LETTER,))[-1]
    assert "Made despite the wording check" in letter_entry.text


def test_printing_sends_the_pdf_pages_at_their_real_size(
    qtbot, window, complaint, tmp_path
) -> None:
    business.save_profile(business.BusinessProfile(**{**vars(PROFILE), "page_size": "Letter"}))
    dialog = open_letter_dialog(qtbot, window, complaint)
    qtbot.mouseClick(dialog.make, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.made is not None, timeout=10_000)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setResolution(72)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    pages = print_pdf(letter_file(dialog.made.id), printer)
    original = PdfReader(letter_file(dialog.made.id)).pages
    result = PdfReader(printed).pages
    assert pages == len(original) == len(result)
    for before, after in zip(original, result, strict=True):
        assert abs(float(after.mediabox.width) - float(before.mediabox.width)) < 1
        assert abs(float(after.mediabox.height) - float(before.mediabox.height)) < 1
    assert abs(float(original[0].mediabox.width) - 612) < 1  # US Letter, 8.5 in


def test_printing_to_a_pdf_file_keeps_the_letters_words(qtbot, window, complaint, tmp_path):
    """Print to file as PDF gives the letter whose words can be searched and
    copied, not pictures of its pages."""
    business.save_profile(PROFILE)
    dialog = open_letter_dialog(qtbot, window, complaint)
    qtbot.mouseClick(dialog.make, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.made is not None, timeout=10_000)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    print_pdf(letter_file(dialog.made.id), printer)
    words = " ".join(page.extract_text() for page in PdfReader(printed).pages)
    assert complaint.reference in words
    assert PROFILE.name in words


def test_a_letter_with_a_part_left_to_fill_in_is_not_made(qtbot, window, complaint) -> None:
    business.save_profile(PROFILE)
    pending_before = morning_list.for_complaint(complaint.id)
    dialog = open_letter_dialog(qtbot, window, complaint)
    dialog.kind.setCurrentIndex(dialog.kind.findData("final"))
    assert AGREED_PLACEHOLDER in dialog.body.toPlainText()
    dialog.body.moveCursor(dialog.body.textCursor().MoveOperation.End)
    type_text(dialog.body, "\n\nP.S. Thank you.")
    written = dialog.body.toPlainText()
    qtbot.mouseClick(dialog.make, Qt.MouseButton.LeftButton)
    assert AGREED_PLACEHOLDER in dialog.status.text()
    qtbot.wait(300)  # a PDF, had one been started, would be kept by now
    assert dialog.made is None and letters_for(complaint.id) == []
    assert dialog.body.toPlainText() == written
    assert morning_list.for_complaint(complaint.id) == pending_before
    # Written in the owner's own words, it is made.
    text = written.replace(AGREED_PLACEHOLDER, "The hem is taken up again, free of charge.")
    dialog.body.setPlainText(text)
    qtbot.mouseClick(dialog.make, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.made is not None, timeout=10_000)
    assert letters_for(complaint.id)[0].body == text


def test_keeping_edited_text_keeps_its_kind(qtbot, window, complaint, monkeypatch) -> None:
    """Changing the kind and answering No keeps the text and the kind it was
    written as; a confirmation with nothing agreed leaves "Agree a fix" to do."""
    business.save_profile(PROFILE)
    asked: list[str] = []

    def answer_no(box):
        asked.append(box.text())
        return messages.Button.No

    monkeypatch.setattr(messages, "show_box", answer_no)
    dialog = open_letter_dialog(qtbot, window, complaint)
    assert dialog.kind.currentData() == "acknowledgement"
    dialog.body.moveCursor(dialog.body.textCursor().MoveOperation.End)
    type_text(dialog.body, "\n\nP.S. Thank you.")
    written = dialog.body.toPlainText()
    dialog.kind.setFocus()
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)  # Confirmation of what was agreed
    assert asked and "Replace your edited text" in asked[0]
    assert dialog.kind.currentText() == "Acknowledgement"
    assert dialog.body.toPlainText() == written
    qtbot.mouseClick(dialog.make, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.made is not None, timeout=10_000)
    kept = letters_for(complaint.id)[0]
    assert kept.kind == "acknowledgement" and "-acknowledgement-" in kept.file_name
    assert "Confirmation of what we agreed" not in pdf_text(letter_file(kept.id))
    respond = [f for f in morning_list.for_complaint(complaint.id) if f.kind == followups.RESPOND]
    assert respond and respond[0].status == followups.PENDING


def test_a_confirmation_of_nothing_agreed_leaves_the_fix_to_agree(qtbot, window, complaint) -> None:
    business.save_profile(PROFILE)
    dialog = open_letter_dialog(qtbot, window, complaint)
    dialog.kind.setFocus()
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)  # nothing edited: drafted afresh
    assert dialog.kind.currentData() == "confirmation"
    text = dialog.body.toPlainText().replace(AGREED_PLACEHOLDER, "We will call you on Monday.")
    dialog.body.setPlainText(text)
    qtbot.mouseClick(dialog.make, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.made is not None, timeout=10_000)
    assert letters_for(complaint.id)[0].kind == "confirmation"
    respond = [f for f in morning_list.for_complaint(complaint.id) if f.kind == followups.RESPOND]
    assert respond and respond[0].status == followups.PENDING


def test_a_final_response_of_nothing_recorded_keeps_the_promise_to_follow_up(
    qtbot, window, complaint
) -> None:
    """Words typed into one letter only are no record of what was agreed: "Agree a
    fix" stays on the morning list. The letter still acknowledges the complaint."""
    business.save_profile(PROFILE)
    dialog = open_letter_dialog(qtbot, window, complaint)
    dialog.kind.setFocus()
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)
    assert dialog.kind.currentData() == "final"
    text = dialog.body.toPlainText().replace(AGREED_PLACEHOLDER, "A free visit next week.")
    dialog.body.setPlainText(text)
    qtbot.mouseClick(dialog.make, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.made is not None, timeout=10_000)
    assert letters_for(complaint.id)[0].kind == "final"
    status = {f.kind: f.status for f in morning_list.for_complaint(complaint.id)}
    assert status[followups.RESPOND] == followups.PENDING
    assert status[followups.ACKNOWLEDGE] != followups.PENDING


def test_closing_asks_before_dropping_edited_text(qtbot, window, complaint, monkeypatch) -> None:
    business.save_profile(PROFILE)
    asked: list[str] = []
    answers = [messages.Button.Cancel, messages.Button.Discard]

    def answer(box):
        asked.append(box.text())
        assert box.button(messages.Button.Cancel).text() == "Keep editing"
        return answers.pop(0)

    monkeypatch.setattr(messages, "show_box", answer)
    dialog = open_letter_dialog(qtbot, window, complaint)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing changed: closed, nothing asked
    assert not dialog.isVisible() and asked == []

    dialog = open_letter_dialog(qtbot, window, complaint)
    dialog.body.moveCursor(dialog.body.textCursor().MoveOperation.End)
    type_text(dialog.body, "\n\nP.S. Thank you.")
    written = dialog.body.toPlainText()
    qtbot.keyClick(dialog.body, Qt.Key.Key_Escape)  # Keep editing
    assert asked == ["Discard your changes to this letter?"]
    assert dialog.isVisible() and dialog.body.toPlainText() == written
    close = dialog.findChild(QPushButton, "close_letter")
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)  # Discard
    assert len(asked) == 2 and not dialog.isVisible()

    # Once made into a letter, the text is kept: closing asks nothing.
    dialog = open_letter_dialog(qtbot, window, complaint)
    type_text(dialog.body, "P.S. ")
    qtbot.mouseClick(dialog.make, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.made is not None, timeout=10_000)
    qtbot.keyClick(dialog.body, Qt.Key.Key_Escape)
    assert len(asked) == 2 and not dialog.isVisible()


def test_making_the_letter_leaves_the_focus_where_it_was(qtbot, window, complaint) -> None:
    business.save_profile(PROFILE)
    dialog = open_letter_dialog(qtbot, window, complaint)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    product = dialog.words.boxes["product"]
    qtbot.mouseClick(dialog.make, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.made is not None, timeout=10_000)
    assert QApplication.focusWidget() is dialog.make
    qtbot.keyClicks(QApplication.focusWidget(), "x")  # the next key replaces nothing
    assert product.text() == "dress alteration"


def test_a_confirmation_letter_ticks_the_guides_acknowledge_step(qtbot, window, complaint) -> None:
    business.save_profile(PROFILE)
    dialog = open_letter_dialog(qtbot, window, complaint)
    step = window.detail.checklist.findChild(QCheckBox, "step_empathise.acknowledge")
    assert not step.isChecked()
    dialog.kind.setFocus()
    qtbot.keyClick(dialog.kind, Qt.Key.Key_Down)
    assert dialog.kind.currentData() == "confirmation"
    text = dialog.body.toPlainText().replace(AGREED_PLACEHOLDER, "We will call you on Monday.")
    dialog.body.setPlainText(text)
    qtbot.mouseClick(dialog.make, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.made is not None, timeout=10_000)
    qtbot.waitUntil(step.isChecked)
    said = [e.text for e in timeline.entries(complaint.id, (timeline.STEP_TICKED,))]
    assert said == [
        "Done: Say that you can see why this matters to them.\n"
        f"Taken as done: the letter {dialog.made.file_name} acknowledged the complaint."
    ]


def ink_lines(image: QImage) -> list[tuple[int, int, list[bool]]]:
    """The lines of text drawn on a plain background, top to bottom: where each one's
    ink starts and ends across, and which columns of it have ink."""
    dark = [[image.pixelColor(x, y).lightness() < 160 for x in range(image.width())]
            for y in range(image.height())]  # fmt: skip
    bands: list[list[int]] = []
    for y, row in enumerate(dark):
        if any(row):
            if bands and y - bands[-1][1] <= 1:
                bands[-1][1] = y
            else:
                bands.append([y, y])
    lines = []
    for top, bottom in bands:
        columns = [any(dark[y][x] for y in range(top, bottom + 1)) for x in range(image.width())]
        inked = [x for x, count in enumerate(columns) if count]
        lines.append((inked[0], inked[-1], columns[inked[0] : inked[-1] + 1]))
    return lines


def drawn_alone(qtbot, text: str, font) -> list[bool]:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setFont(font)
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    ((_left, _right, columns),) = ink_lines(label.grab().toImage())
    return columns


def test_an_arabic_name_and_address_read_whole_at_the_left_of_the_to_block(qtbot, window) -> None:
    name = "فاطمة الزهراء"
    address = ["22 Park Lane", "شقة 4، 12 شارع الملك فهد", "Flat 4, 12 King Street", "الرياض 12345"]
    saved = log_complaint(CustomerDetails(name=name, address="\n".join(address)),
                          ComplaintDetails(account="Late."), author="Sam")  # fmt: skip
    business.save_profile(PROFILE)
    dialog = open_letter_dialog(qtbot, window, saved)
    block = dialog.to
    left = block.contentsRect().left() + block.margin() + block.indent()
    lines = ink_lines(block.grab().toImage())
    assert len(lines) == 5
    for text, (start, _end, columns) in zip([name, *address], lines, strict=True):
        assert start <= left + 3, text  # lined up with the form, not pushed to the right
        alone = drawn_alone(qtbot, text, block.font())  # as the line reads on its own
        assert abs(len(columns) - len(alone)) <= 1, text
        # Word for word in the same order: the same columns inked, give or take a pixel.
        differ = [x for x, inked in enumerate(columns) if inked not in alone[max(0, x - 1) : x + 2]]
        assert len(differ) <= len(alone) // 20, text


def test_a_letter_naming_a_day_the_shop_is_closed_says_so_and_asks(
    qtbot, window, complaint, monkeypatch
) -> None:
    """ "She brings it in tomorrow", typed on the day before the shop's day off:
    the letter's day is the closed one, said under the text and asked about."""
    from models.calendar import ShopWeek, save_shop_week
    from models.resolution import save_resolution

    tomorrow = dt.date.today() + dt.timedelta(days=1)
    save_shop_week(ShopWeek(frozenset({tomorrow.weekday()})))
    business.save_profile(PROFILE)
    save_resolution(
        complaint.id, options_offered="", agreed_solution="She brings the dress in tomorrow",
        first_contact=False, author="Sam",
    )  # fmt: skip
    dialog = open_letter_dialog(qtbot, window, complaint)
    dialog.kind.setCurrentIndex(dialog.kind.findData("confirmation"))
    assert display.long_day(tomorrow) in dialog.body.toPlainText()
    assert dialog.closed_days.isVisible()
    assert f"{display.long_day(tomorrow)} is a day the shop is closed" in dialog.closed_days.text()
    asked = []
    monkeypatch.setattr(messages, "confirm", lambda _p, _t, text: asked.append(text) or False)
    qtbot.mouseClick(dialog.make, Qt.MouseButton.LeftButton)
    qtbot.wait(300)
    assert asked and display.long_day(tomorrow) in asked[0]
    assert dialog.made is None and letters_for(complaint.id) == []
    # Put right, the note goes and the letter is made without asking.
    dialog.body.setPlainText(
        dialog.body.toPlainText().replace(display.long_day(tomorrow), "the day after")
    )
    assert not dialog.closed_days.isVisible()
    qtbot.mouseClick(dialog.make, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.made is not None, timeout=10_000)
    assert len(asked) == 1


def test_open_in_pdf_viewer_says_so_when_no_program_opens_it(
    qtbot, window, complaint, no_questions, monkeypatch
) -> None:
    """On a computer with no PDF viewer set up, the button did nothing and said nothing."""
    from PySide6.QtGui import QDesktopServices

    business.save_profile(PROFILE)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    dialog = open_letter_dialog(qtbot, window, complaint)
    qtbot.mouseClick(dialog.make, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.made is not None, timeout=10_000)
    opener = dialog.findChild(QPushButton, "open_letter")
    qtbot.waitUntil(opener.isEnabled)
    qtbot.mouseClick(opener, Qt.MouseButton.LeftButton)
    assert len(no_questions) == 1
    assert "No program on this computer opened the letter" in no_questions[0]
    assert str(letter_file(dialog.made.id)) in no_questions[0]
