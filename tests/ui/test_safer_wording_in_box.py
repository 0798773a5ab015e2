"""Using the safer wording in a checked box, click after click, leaves text that reads right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from models.wording.safer import LEAVE_OUT_OF_SOLUTION
from tests.ui.keyboard import type_text
from ui.wording_check import CheckedTextEdit, WordingBanner


def inked_colour(label) -> QColor:
    """The colour most of a label's text is drawn in."""
    image = label.grab().toImage()
    background = image.pixelColor(0, 0)
    counts: dict[tuple[int, int, int], int] = {}
    for x in range(image.width()):
        for y in range(image.height()):
            c = image.pixelColor(x, y)
            if abs(c.lightness() - background.lightness()) > 60:
                key = (c.red(), c.green(), c.blue())
                counts[key] = counts.get(key, 0) + 1
    return QColor(*max(counts, key=counts.__getitem__))


def click_until_no_warning(qtbot, edit: CheckedTextEdit, banner: WordingBanner) -> list[str]:
    """Click "Use safer wording" until no warning is left; what the banner offered each time."""
    offered = []
    for _ in range(6):
        if not edit.findings():
            break
        assert banner.isVisible() and banner.use.isVisible()
        shown = banner.label.text().split("Safer: ", 1)[1]
        offered.append(shown)
        before = edit.toPlainText()
        qtbot.mouseClick(banner.use, Qt.MouseButton.LeftButton)
        after = edit.toPlainText()
        assert after != before
        if shown.startswith("“"):
            # exactly what was offered went in
            assert shown.strip("“”") in after
    return offered


def test_one_click_puts_a_sentence_with_two_warnings_right(qtbot, box) -> None:
    edit, banner = box
    typed = "Sorry, we broke your vase, it was our fault"
    type_text(edit, typed)
    assert len(edit.findings()) == 2
    offered = click_until_no_warning(qtbot, edit, banner)
    assert offered == ["“we will look into what went wrong”"]  # one click
    assert edit.toPlainText() == "Sorry, we will look into what went wrong"
    assert edit.findings() == [] and "No wording warnings left" in banner.label.text()
    assert inked_colour(banner.label).green() > inked_colour(banner.label).red()  # not in red
    edit.undo()  # one step back to what was typed
    assert edit.toPlainText() == typed


def test_a_warning_in_the_next_sentence_waits_for_its_own_click(qtbot, box) -> None:
    edit, banner = box
    type_text(edit, "We broke your vase. Thanks for calling, it was our fault.")
    qtbot.mouseClick(banner.use, Qt.MouseButton.LeftButton)
    assert edit.toPlainText().startswith("I'm sorry this has happened;")
    assert "it was our fault" in edit.toPlainText()
    assert len(edit.findings()) == 1 and banner.use.isEnabled()


def test_a_whole_sentence_is_replaced_and_a_repeat_is_left_out(qtbot, box) -> None:
    edit, banner = box
    type_text(edit, "Thanks for calling. We broke your vase. It was our fault.")
    click_until_no_warning(qtbot, edit, banner)
    assert edit.toPlainText() == (
        "Thanks for calling. I'm sorry this has happened; we will look into what went wrong."
    )
    # Each click is one step to undo.
    edit.undo()
    assert edit.toPlainText().count("I'm sorry this has happened") == 1
    assert "fault" in edit.toPlainText()


def test_an_emoji_before_the_words_does_not_shift_them(qtbot, box) -> None:
    edit, banner = box
    type_text(edit, "Hi Sam 😀\nThanks 🙈 for calling, we broke your vase.")
    click_until_no_warning(qtbot, edit, banner)
    assert edit.toPlainText() == (
        "Hi Sam 😀\nThanks 🙈 for calling, I'm sorry this has happened;"
        " we will look into what went wrong."
    )


def test_the_button_stays_put_from_one_warning_to_the_next(qtbot, box) -> None:
    """A longer warning does not move the button the owner is about to click."""
    edit, banner = box
    banner.window().setFixedSize(600, 320)  # a box in a form: the warning takes its room
    places = set()
    for text in ("We broke the vase.", "I was short with you."):
        edit.selectAll()
        type_text(edit, text)
        assert banner.use.isVisible()
        places.add(banner.use.mapTo(banner.window(), banner.use.rect().topLeft()).y())
    assert len(places) == 1


def test_a_click_too_many_after_the_last_warning_lands_on_nothing(qtbot, box) -> None:
    """Once the last warning is put right the button stays where it was, greyed,
    so a click too many does not land on whatever was below it."""
    edit, banner = box
    type_text(edit, "We broke the vase.")
    place = banner.use.mapTo(banner.window(), banner.use.rect().center())
    qtbot.mouseClick(banner.use, Qt.MouseButton.LeftButton)
    assert edit.findings() == []
    assert banner.isVisible() and "No wording warnings left" in banner.label.text()
    assert banner.use.mapTo(banner.window(), banner.use.rect().center()) == place
    text = edit.toPlainText()
    qtbot.mouseClick(banner.use, Qt.MouseButton.LeftButton)  # the click too many
    assert edit.toPlainText() == text
    type_text(edit, " Thanks.")  # typing on: the message and the button go
    assert not banner.label.text() and not banner.use.isVisible()


def test_a_note_kept_for_the_shop_gets_safer_wording_that_reads_as_a_record(qtbot) -> None:
    """In a note, "Told her sorry, Tomasz must have fitted the pads wrong" became
    "Told her sorry, I'm looking into it and will come back to you.": words to the
    customer, in a record written about her."""
    from ui.note_composer import NoteComposer

    composer = NoteComposer()
    qtbot.addWidget(composer)
    composer.show()
    edit, banner = composer.text, composer.banner
    type_text(edit, "Told her sorry, Tomasz must have fitted the pads wrong.")
    assert edit.findings()
    offered = click_until_no_warning(qtbot, edit, banner)
    assert edit.toPlainText() == "Told her sorry, the cause is still being checked."
    assert all("come back to you" not in words for words in offered)
    type_text(edit, " We broke the bracket too, sorry you feel that way.")
    click_until_no_warning(qtbot, edit, banner)
    assert edit.findings() == []
    assert "come back to you" not in edit.toPlainText()


def test_a_colleague_blamed_in_a_finding_of_our_fault_becomes_our_mistake(qtbot) -> None:
    """A finding "Ours" whose basis named Kofi was given "The cause is still being
    checked.", which the finding itself contradicts; then "we got this wrong", which
    lost what was found ("Our technician fitted a faulty screen part")."""
    from ui.wording_check import CheckedTextEdit, WordingBanner

    edit = CheckedTextEdit(fault_is_ours=lambda: True, record=True)
    banner = WordingBanner(edit)
    qtbot.addWidget(edit)
    qtbot.addWidget(banner)
    edit.show()
    banner.show()
    type_text(edit, "Checked the ticket: Kofi put it on the wrong cycle.")
    click_until_no_warning(qtbot, edit, banner)
    assert edit.toPlainText() == "Checked the ticket: we put it on the wrong cycle."
    edit.clear()
    type_text(edit, "Our technician fitted a faulty screen part; tested with her here.")
    click_until_no_warning(qtbot, edit, banner)
    assert edit.toPlainText() == "We fitted a faulty screen part; tested with her here."


def test_the_agreed_solution_keeps_the_solution_when_its_cause_is_left_out(qtbot, db) -> None:
    """On the Resolve tab, "Full refund as we broke it." was replaced whole by "I'm
    sorry this has happened; we will look into what went wrong.": the refund agreed
    was gone, and the letter would have repeated an apology as the solution."""
    from ui.resolve_panel import ResolvePanel

    panel = ResolvePanel()
    qtbot.addWidget(panel)
    panel.show()
    edit, banner = panel.solution, panel.solution_banner
    type_text(
        edit,
        "Full refund as we broke it. Replacement vase by Friday because our driver dropped it.",
    )
    offered = click_until_no_warning(qtbot, edit, banner)
    assert edit.toPlainText() == "Full refund. Replacement vase by Friday."
    assert offered == [LEAVE_OUT_OF_SOLUTION] * 2
    # What was offered keeps its offer the same way.
    type_text(panel.options, "Repair or refund, since our fitter caused the leak.")
    click_until_no_warning(qtbot, panel.options, panel.options_banner)
    assert panel.options.toPlainText() == "Repair or refund."
