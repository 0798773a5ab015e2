"""Someone at another counter saves the complaint open here: the window says who
and what, keeps what was typed, and loads theirs or saves over it as asked."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt

from models import timeline
from models.complaints import ComplaintDetails, load_complaint, log_complaint, update_complaint
from models.customers import CustomerDetails
from tests.ui.keyboard import type_text

MINE = "The kettle leaks from the base, and the lid is cracked."
THEIRS = "The kettle leaks from the base and trips the fuse."


def opened(window):
    saved = log_complaint(
        CustomerDetails(name="Aisha Doyle", phone="01632 960123"),
        ComplaintDetails(account="The kettle leaks from the base.", product="Kettle"),
        author="Sam",
    )
    window.show_complaints()
    window.list_view.refresh()
    window.open_complaint(saved.id)
    detail = window.detail
    detail.tabs.setCurrentIndex(detail.COMPLAINT_TAB)
    return saved, detail


def _changed_elsewhere(complaint_id: int, **changes: object) -> None:
    """Priya, at the other counter, saves a change through the model."""
    seen = load_complaint(complaint_id)
    update_complaint(
        complaint_id, dataclasses.replace(seen.details, **changes), author="Priya Shah"
    )


def _type_over(box, text: str) -> None:
    box.setFocus()
    box.selectAll()
    type_text(box, text)


def _save(qtbot, detail) -> None:
    qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)


def test_a_clash_names_who_changed_it_and_keeps_the_typing(qtbot, window, answers) -> None:
    saved, detail = opened(window)
    _changed_elsewhere(saved.id, account=THEIRS)
    _type_over(detail.account, MINE)
    answers.given = ["clash_keep_editing"]
    _save(qtbot, detail)

    [said] = answers.said
    assert "Priya Shah changed" in said and saved.reference in said
    assert "What happened" in said
    assert detail.account.toPlainText() == MINE  # still as typed
    assert detail.save_button.isEnabled()
    assert load_complaint(saved.id).details.account == THEIRS  # theirs, untouched


def test_saving_mine_over_theirs_writes_it(qtbot, window, answers) -> None:
    saved, detail = opened(window)
    _changed_elsewhere(saved.id, account=THEIRS)
    _type_over(detail.account, MINE)
    answers.given = ["clash_save_mine"]
    _save(qtbot, detail)

    assert load_complaint(saved.id).details.account == MINE
    assert detail.account.toPlainText() == MINE
    assert not detail.save_button.isEnabled()
    edits = [e for e in timeline.entries(saved.id) if e.kind == timeline.EDITED]
    assert [e.author for e in edits] == ["Priya Shah", "Sam"]  # both on the timeline


def test_loading_theirs_shows_their_version(qtbot, window, answers) -> None:
    saved, detail = opened(window)
    _changed_elsewhere(saved.id, account=THEIRS)
    _type_over(detail.account, MINE)
    answers.given = ["clash_reload"]
    _save(qtbot, detail)

    assert detail.account.toPlainText() == THEIRS
    assert not detail.save_button.isEnabled()
    assert load_complaint(saved.id).details.account == THEIRS


def test_loading_theirs_keeps_what_was_typed_in_fields_they_left_alone(
    qtbot, window, answers
) -> None:
    saved, detail = opened(window)
    _changed_elsewhere(saved.id, account=THEIRS)
    _type_over(detail.account, MINE)
    _type_over(detail.product, "Kettle KX-200, white")
    answers.given = ["clash_reload"]
    _save(qtbot, detail)

    assert detail.account.toPlainText() == THEIRS  # the field that clashed: theirs
    assert detail.product.text() == "Kettle KX-200, white"  # still typed, not saved
    assert detail.save_button.isEnabled()
    assert load_complaint(saved.id).details.product == "Kettle"
    _save(qtbot, detail)
    stored = load_complaint(saved.id).details
    assert (stored.account, stored.product) == (THEIRS, "Kettle KX-200, white")
    assert len(answers.said) == 1  # the second save asked nothing


def test_their_change_to_another_field_is_kept_without_asking(qtbot, window, answers) -> None:
    saved, detail = opened(window)
    _changed_elsewhere(saved.id, product="Kettle KX-200")
    _type_over(detail.account, MINE)
    _save(qtbot, detail)

    assert answers.said == []
    stored = load_complaint(saved.id).details
    assert (stored.account, stored.product) == (MINE, "Kettle KX-200")
    assert detail.product.text() == "Kettle KX-200"


def test_a_note_added_while_typing_does_not_hide_their_change(qtbot, window, answers) -> None:
    """Adding a note re-reads the complaint around the typing; the save still
    starts from what the typing was made on."""
    saved, detail = opened(window)
    _type_over(detail.account, MINE)
    _changed_elsewhere(saved.id, account=THEIRS)
    type_text(detail.composer.text, "Rang the customer back")
    qtbot.mouseClick(detail.composer.add, Qt.MouseButton.LeftButton)
    assert detail.account.toPlainText() == MINE
    answers.given = ["clash_keep_editing"]
    _save(qtbot, detail)

    assert len(answers.said) == 1 and "Priya Shah" in answers.said[0]
    assert load_complaint(saved.id).details.account == THEIRS


def test_keeping_both_merges_two_sentences_added_to_what_happened(qtbot, window, answers):
    saved, detail = opened(window)
    _changed_elsewhere(saved.id, account="The kettle leaks from the base. It tripped the fuse.")
    cursor = detail.account.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    detail.account.setTextCursor(cursor)
    type_text(detail.account, " The lid is cracked too.")  # typed at the end, as a person adds
    answers.given = ["clash_keep_both"]
    _save(qtbot, detail)

    both = "The kettle leaks from the base. It tripped the fuse. The lid is cracked too."
    assert detail.account.toPlainText() == both
    _save(qtbot, detail)
    assert load_complaint(saved.id).details.account == both
    assert len(answers.said) == 1


def test_a_clash_over_a_choice_alone_offers_no_keep_both(qtbot, window, answers) -> None:
    saved, detail = opened(window)
    levels = [detail.upset.itemData(n) for n in range(detail.upset.count())]
    now = detail.upset.currentData()
    theirs, mine = [level for level in levels if level != now][:2]
    _changed_elsewhere(saved.id, upset=theirs)
    detail.upset.setCurrentIndex(detail.upset.findData(mine))
    answers.given = ["clash_keep_editing"]
    _save(qtbot, detail)
    assert answers.said and "Keep both" not in answers.said[0]  # one of two, not both


def test_keep_both_marks_are_asked_about_before_they_are_saved(
    qtbot, window, answers, monkeypatch
) -> None:
    """Both changed the same word: "[theirs: … | yours: …]" was saved and went onto
    the timeline with no word said."""
    from ui import messages

    saved, detail = opened(window)
    _changed_elsewhere(saved.id, account="The kettle drips from the base.")
    _type_over(detail.account, "The kettle pours from the base.")
    answers.given = ["clash_keep_both"]
    _save(qtbot, detail)
    merged = detail.account.toPlainText()
    assert "[theirs: " in merged and "| yours: " in merged

    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda _p, _t, text: asked.append(text) or False)
    _save(qtbot, detail)
    assert asked and asked[0].startswith("What happened still holds the marks Keep both put in")
    assert load_complaint(saved.id).details.account == "The kettle drips from the base."
    assert detail.account.hasFocus()

    _type_over(detail.account, "The kettle pours from the base when full.")
    _save(qtbot, detail)
    assert load_complaint(saved.id).details.account == "The kettle pours from the base when full."
    assert len(asked) == 1  # no marks left: nothing asked
