"""Choosing the shop's currency in the business profile, and seeing it in the window."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton

from models import lessons
from models.business import BusinessProfile, load_letterhead, load_profile, save_profile
from models.complaints import ComplaintDetails, log_complaint, set_status
from models.customers import CustomerDetails
from models.redress import Given, given_for
from tests.ui.keyboard import type_text
from ui.business_profile_dialog import BusinessProfileDialog


def open_profile(qtbot, *, first_time: bool = True) -> BusinessProfileDialog:
    dialog = BusinessProfileDialog(first_time=first_time)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def save_button(dialog: BusinessProfileDialog) -> QPushButton:
    return dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)


def test_a_currency_is_picked_from_the_list_or_typed_as_its_code(qtbot, db) -> None:
    dialog = open_profile(qtbot)
    type_text(dialog.name, "Corner Cycles")
    type_text(dialog.signatory_name, "Sam Lee")
    picker = dialog.currency
    picker.choice.setCurrentIndex(picker.choice.findText("EUR – Euro (€)"))
    assert not picker.code.isVisible()
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert load_profile().currency == "EUR"

    dialog = open_profile(qtbot)
    assert dialog.currency.choice.currentText() == "EUR – Euro (€)"
    dialog.currency.choice.setCurrentIndex(dialog.currency.choice.count() - 1)  # Other
    assert dialog.currency.code.isVisible()
    type_text(dialog.currency.code, "zz")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    problem = dialog.findChild(QLabel, "currency_error")
    assert problem.isVisible() and "three-letter code" in problem.text()
    assert load_profile().currency == "EUR"
    dialog.currency.code.clear()
    type_text(dialog.currency.code, "thb")
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert load_profile().currency == "THB"

    dialog = open_profile(qtbot)
    assert dialog.currency.code.isVisible() and dialog.currency.code.text() == "THB"


def in_locale(monkeypatch, name: str) -> None:
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale(name)))


def test_the_currency_starts_on_the_locales_and_is_saved_without_a_letterhead(
    qtbot, db, monkeypatch
) -> None:
    in_locale(monkeypatch, "de_AT")
    dialog = open_profile(qtbot, first_time=False)  # Edit > Business profile
    assert dialog.currency.choice.currentText() == "EUR – Euro (€)"
    assert not dialog.currency.code.isVisible()
    dialog.currency.choice.setCurrentIndex(
        dialog.currency.choice.findText("SEK", Qt.MatchFlag.MatchStartsWith)
    )
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert load_profile().currency == "SEK"
    assert load_letterhead() is None  # a letter still asks for the letterhead

    dialog = open_profile(qtbot)  # before the first letter
    qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
    problem = dialog.findChild(QLabel, "name_error")
    assert problem.isVisible() and "business name" in problem.text()


def test_a_locale_without_a_currency_starts_on_the_first_common_one(qtbot, db, monkeypatch) -> None:
    in_locale(monkeypatch, "C")
    dialog = open_profile(qtbot, first_time=False)
    assert dialog.currency.choice.currentText() == "GBP – Pound sterling (£)"
    assert not dialog.currency.code.isVisible()


def an_hours_old_complaint():
    return log_complaint(
        CustomerDetails(name="Ana Souza"), ComplaintDetails(account="Late."), author="Sam",
        now=dt.datetime.now() - dt.timedelta(hours=1),
    )  # fmt: skip


def test_the_redress_value_is_shown_and_typed_in_the_shops_currency(qtbot, window) -> None:
    save_profile(BusinessProfile(name="Corner Cycles", signatory_name="Sam", currency="EUR"))
    logged = an_hours_old_complaint()
    lessons.record_learning(
        logged.id, root_cause_id=None, lesson="", redress=(Given("refund", 12.5),),
        author="Sam", closing=True,
    )  # fmt: skip
    set_status(logged.id, "closed", author="Sam", reason="Refunded.")
    window.detail.show_complaint(logged.id)
    value = window.detail.lessons.form.value
    assert value.text() == "€12.50"

    save_profile(BusinessProfile(name="Corner Cycles", signatory_name="Sam", currency="SEK"))
    window.detail.show_complaint(logged.id)
    assert value.text() == "12.50\u00a0kr"
    value.lineEdit().selectAll()
    qtbot.keyClicks(value, "30")
    assert value.text() == "30\u00a0kr"
    qtbot.mouseClick(window.detail.lessons.save_button, Qt.MouseButton.LeftButton)
    assert given_for(logged.id) == (Given("refund", 30),)


def test_a_voucher_can_be_recorded_as_the_redress(qtbot, window) -> None:
    save_profile(BusinessProfile(name="Corner Cycles", signatory_name="Sam", currency="GBP"))
    logged = an_hours_old_complaint()
    set_status(logged.id, "closed", author="Sam", reason="Gave a voucher.")
    window.detail.show_complaint(logged.id)
    form = window.detail.lessons.form
    form.redress.setCurrentIndex(form.redress.findText("Voucher or gift card"))
    form.value.lineEdit().selectAll()
    qtbot.keyClicks(form.value, "15")
    qtbot.mouseClick(window.detail.lessons.save_button, Qt.MouseButton.LeftButton)
    assert given_for(logged.id) == (Given("voucher", 15),)
