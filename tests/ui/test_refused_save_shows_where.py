"""A save refused for a field shows its reason where the owner is looking: the
tab holding that field comes up, the cursor is in it, and nothing is saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from models import timeline
from models.complaints import ComplaintDetails, load_complaint, log_complaint
from models.customers import CustomerDetails
from tests.ui.keyboard import type_text


def _open_new_complaint(window):
    saved = log_complaint(
        CustomerDetails(name="Aisha Doyle", phone="01632 960123"),
        ComplaintDetails(account="The kettle leaks from the base."),
        author="Sam",
    )
    window.show_complaints()
    window.list_view.refresh()
    window.open_complaint(saved.id)
    detail = window.detail
    assert detail.complaint_id == saved.id
    detail.tabs.setCurrentIndex(0)  # the Guide, where a complaint opens
    return saved, detail


def _tab(detail, title: str) -> int:
    """The index of the detail's tab called ``title``."""
    titles = [detail.tabs.tabText(i).replace("&", "") for i in range(detail.tabs.count())]
    return next(i for i, text in enumerate(titles) if text.split(" (")[0] == title)


def _paste(widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    QApplication.clipboard().setText(text)
    widget.paste()


def test_too_long_what_happened_shows_the_complaint_tab_and_saves_nothing(qtbot, window) -> None:
    saved, detail = _open_new_complaint(window)
    before = (load_complaint(saved.id), timeline.entries(saved.id))
    detail.tabs.setCurrentIndex(_tab(detail, "Complaint"))
    _paste(detail.account, "x" * 50_175)
    detail.tabs.setCurrentIndex(0)  # the owner looks at the Guide again
    qtbot.keyClick(detail.composer.text, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert detail.tabs.currentIndex() == _tab(detail, "Complaint")
    assert QApplication.focusWidget() is detail.account
    message = "What happened is 50,175 characters long; the most it can hold is 50,000."
    assert detail.account_error.isVisible() and detail.account_error.text() == message
    assert (load_complaint(saved.id), timeline.entries(saved.id)) == before
    assert detail.account.toPlainText() == "x" * 50_175  # kept as typed


def test_a_refused_customer_field_shows_the_customer_tab(qtbot, window) -> None:
    saved, detail = _open_new_complaint(window)
    before = (load_complaint(saved.id), timeline.entries(saved.id))
    detail.tabs.setCurrentIndex(_tab(detail, "Customer"))
    detail.customer_email.clear()
    type_text(detail.customer_email, "aisha.example.com")
    detail.tabs.setCurrentIndex(0)
    qtbot.keyClick(detail.composer.text, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert detail.tabs.currentIndex() == _tab(detail, "Customer")
    assert QApplication.focusWidget() is detail.customer_email
    assert detail.customer_error.isVisible()
    assert "does not look like an email address" in detail.customer_error.text()
    # Said just under the email box, above the address and the notes.
    email_bottom = detail.customer_email.mapTo(detail, detail.customer_email.rect().bottomLeft())
    error_top = detail.customer_error.mapTo(detail, detail.customer_error.rect().topLeft())
    notes_top = detail.customer_address.mapTo(detail, detail.customer_address.rect().topLeft())
    assert email_bottom.y() <= error_top.y() < notes_top.y()
    assert (load_complaint(saved.id), timeline.entries(saved.id)) == before


def test_a_customer_change_is_not_saved_when_the_complaint_is_refused(qtbot, window) -> None:
    saved, detail = _open_new_complaint(window)
    before = (load_complaint(saved.id), timeline.entries(saved.id))
    detail.tabs.setCurrentIndex(_tab(detail, "Customer"))
    detail.customer_phone.clear()
    type_text(detail.customer_phone, "01632 960999")
    detail.tabs.setCurrentIndex(_tab(detail, "Complaint"))
    _paste(detail.product, "p" * 301)
    qtbot.keyClick(detail.product, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert detail.tabs.currentIndex() == _tab(detail, "Complaint")
    assert QApplication.focusWidget() is detail.product
    assert detail.other_errors.isVisible() and "product" in detail.other_errors.text().lower()
    assert (load_complaint(saved.id), timeline.entries(saved.id)) == before
