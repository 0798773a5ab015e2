"""The Lessons tab records each thing given to put a complaint right: "Add another"
adds a row, "Remove" takes one away, and Save keeps them all."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QPushButton

from models.business import BusinessProfile, save_profile
from models.complaints import ComplaintDetails, log_complaint, set_status
from models.customers import CustomerDetails
from models.redress import Given, given_for


def closed_complaint(window):
    save_profile(BusinessProfile(name="Corner Gifts", signatory_name="Sam", currency="GBP"))
    logged = log_complaint(
        CustomerDetails(name="Ana Souza"), ComplaintDetails(account="The vase came cracked."),
        author="Sam", now=dt.datetime.now() - dt.timedelta(hours=1),
    )  # fmt: skip
    set_status(logged.id, "closed", author="Sam", reason="Replaced.")
    window.detail.show_complaint(logged.id)
    tabs = window.detail.tabs
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i) == "Lesso&ns"))
    return logged


def choose(combo: QComboBox, text: str) -> None:
    combo.setCurrentIndex(combo.findText(text))


def type_amount(qtbot, box, amount: str) -> None:
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, amount)


def rows(window) -> list[tuple[QComboBox, object]]:
    """The redress rows on the Lessons tab as shown: (kind box, value box)."""
    form = window.detail.lessons.form
    return [(row.kind, row.value) for row in form.redress_rows.rows if row.isVisible()]


def test_a_replacement_and_a_refund_of_the_postage_are_both_saved(qtbot, window) -> None:
    logged = closed_complaint(window)
    panel = window.detail.lessons
    first_kind, first_value = rows(window)[0]
    choose(first_kind, "Replacement")
    type_amount(qtbot, first_value, "35")
    add = panel.findChild(QPushButton, "add_redress")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert len(rows(window)) == 2
    second_kind, second_value = rows(window)[1]
    assert QApplication.focusWidget() is second_kind  # ready to choose what else was given
    assert second_kind.currentText() == "Not recorded"  # no refund given by mistake
    choose(second_kind, "Refund")
    type_amount(qtbot, second_value, "4.50")
    assert panel.save_button.isEnabled()
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert given_for(logged.id) == (Given("replacement", 35.0), Given("refund", 4.5))

    # Read again, both show; removing the second and saving keeps the first alone.
    window.detail.show_complaint(logged.id)
    shown = [(kind.currentText(), value.value()) for kind, value in rows(window)]
    assert shown == [("Replacement", 35.0), ("Refund", 4.5)]
    remove = panel.findChild(QPushButton, "remove_redress_2")
    assert remove.accessibleName() == "Remove redress 2"
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert len(rows(window)) == 1
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert given_for(logged.id) == (Given("replacement", 35.0),)


def test_removing_a_middle_row_keeps_the_others_in_order(qtbot, window) -> None:
    logged = closed_complaint(window)
    panel = window.detail.lessons
    add = panel.findChild(QPushButton, "add_redress")
    choose(rows(window)[0][0], "Repair")
    for kind, value in (("Refund", "4"), ("Goodwill gesture", "5")):
        qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
        box, amount = rows(window)[-1]
        choose(box, kind)
        type_amount(qtbot, amount, value)
    qtbot.mouseClick(panel.findChild(QPushButton, "remove_redress_2"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert given_for(logged.id) == (Given("repair"), Given("goodwill", 5.0))


def test_a_currency_chosen_meanwhile_marks_the_values_when_the_tab_shows_again(
    qtbot, window
) -> None:
    closed_complaint(window)  # in pounds
    tabs = window.detail.tabs
    lessons = tabs.currentIndex()
    save_profile(BusinessProfile(name="Corner Gifts", signatory_name="Sam", currency="EUR"))
    tabs.setCurrentIndex(0)
    tabs.setCurrentIndex(lessons)
    qtbot.mouseClick(
        window.detail.lessons.findChild(QPushButton, "add_redress"), Qt.MouseButton.LeftButton
    )
    assert [value.prefix() for _kind, value in rows(window)] == ["€", "€"]


def test_a_minus_sign_typed_over_a_value_does_not_wipe_it(qtbot, window) -> None:
    logged = closed_complaint(window)
    panel = window.detail.lessons
    kind, value = rows(window)[0]
    choose(kind, "Refund")
    type_amount(qtbot, value, "30")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    type_amount(qtbot, value, "-30")
    value.clearFocus()  # leaving the box, as a person tabbing on would
    assert "-" not in value.text()
    assert value.value() == 30  # what was typed is not read as "no value"
    assert given_for(logged.id) == (Given("refund", 30.0),)


def test_what_was_given_is_found_from_the_resolve_tab(qtbot, window) -> None:
    logged = closed_complaint(window)
    detail = window.detail
    tabs = detail.tabs
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i) == "&Resolve"))
    resolve = detail.resolve
    assert "Nothing yet" in resolve.given.text()
    qtbot.mouseClick(resolve.record_given, Qt.MouseButton.LeftButton)
    assert tabs.tabText(tabs.currentIndex()) == "Lesso&ns"
    kind, value = rows(window)[0]
    assert QApplication.focusWidget() is kind  # ready to choose what was given
    choose(kind, "Refund")
    type_amount(qtbot, value, "30")
    qtbot.mouseClick(detail.lessons.save_button, Qt.MouseButton.LeftButton)
    assert given_for(logged.id) == (Given("refund", 30.0),)
    assert "Refund (£30.00)" in resolve.given.text()  # and the Resolve tab says so


def test_a_value_goes_only_with_something_given(qtbot, window) -> None:
    logged = closed_complaint(window)
    panel = window.detail.lessons
    kind, value = rows(window)[0]
    assert kind.currentText() == "Not recorded"
    assert not value.isEnabled()  # nothing chosen: no amount can be typed for it
    choose(kind, "Repair")
    assert value.isEnabled()
    type_amount(qtbot, value, "89")
    choose(kind, "None")  # nothing was given: its amount goes
    assert not value.isEnabled() and value.value() == 0
    choose(kind, "Repair")
    type_amount(qtbot, value, "89")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert given_for(logged.id) == (Given("repair", 89.0),)


def test_what_was_given_is_recorded_before_the_facts_are_in(qtbot, window) -> None:
    """A refund agreed at the counter on a complaint just logged: the cause and the
    lesson wait for the facts, what was given does not."""
    save_profile(BusinessProfile(name="Corner Gifts", signatory_name="Sam", currency="GBP"))
    logged = log_complaint(
        CustomerDetails(name="Mrs Patel"), ComplaintDetails(account="The hose reel leaks."),
        author="Sam",
    )  # fmt: skip
    detail = window.detail
    detail.show_complaint(logged.id)
    tabs = detail.tabs
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i) == "&Resolve"))
    qtbot.mouseClick(detail.resolve.record_given, Qt.MouseButton.LeftButton)
    form = detail.lessons.form
    assert not form.cause.isEnabled() and not form.lesson.isEnabled()
    kind, value = rows(window)[0]
    assert kind.isEnabled()
    choose(kind, "Credit")
    type_amount(qtbot, value, "5")
    qtbot.mouseClick(detail.lessons.save_button, Qt.MouseButton.LeftButton)
    assert given_for(logged.id) == (Given("credit", 5.0),)
    assert "Credit (£5.00)" in detail.resolve.given.text()


def test_a_redress_mistake_put_right_is_no_longer_said(qtbot, window) -> None:
    """ "“None” cannot go with something given" stayed on screen after the second row
    was changed to what was really given, until Save was pressed."""
    closed_complaint(window)
    panel = window.detail.lessons
    first_kind, _first_value = rows(window)[0]
    choose(first_kind, "Replacement")
    qtbot.mouseClick(panel.findChild(QPushButton, "add_redress"), Qt.MouseButton.LeftButton)
    second_kind, _value = rows(window)[1]
    choose(second_kind, "None")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    error = panel.form.error
    assert "cannot go with something given" in error.text()
    choose(second_kind, "Goodwill gesture")
    assert error.text() == ""


def test_an_amount_with_a_decimal_comma_is_read_as_written(qtbot, window) -> None:
    """ "89,00" typed where the comma is the decimal mark is €89.00, not €8,900."""
    logged = closed_complaint(window)
    panel = window.detail.lessons
    kind, value = rows(window)[0]
    choose(kind, "Repair")
    type_amount(qtbot, value, "89,00")
    qtbot.keyClick(value, Qt.Key.Key_Tab)
    assert value.value() == 89.0
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert given_for(logged.id) == (Given("repair", 89.0),)
    type_amount(qtbot, value, "1.250,50")
    qtbot.keyClick(value, Qt.Key.Key_Tab)
    assert value.value() == 1250.5
    type_amount(qtbot, value, "1,250.50")
    qtbot.keyClick(value, Qt.Key.Key_Tab)
    assert value.value() == 1250.5
