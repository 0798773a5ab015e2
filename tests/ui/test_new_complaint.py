"""Logging a complaint at the counter, from the keyboard, as the owner does."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
)

from models import display, drafts
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from models.tables import Complaint, Customer
from tests.ui.keyboard import type_text
from ui.new_complaint_dialog import NewComplaintDialog


def open_dialog(qtbot, window) -> NewComplaintDialog:
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    shown = [d for d in window.findChildren(NewComplaintDialog) if d.isVisible()]
    assert len(shown) == 1
    return shown[0]


def said(error: QLabel) -> bool:
    """Does the message under a field say anything the owner can see?"""
    return error.isVisible() and bool(error.text().strip())


def type_into(dialog, name: str, text: str) -> None:
    widget = dialog.findChild(QPlainTextEdit, name) or dialog.findChild(QLineEdit, name)
    type_text(widget, text)


def table_texts(window) -> list[str]:
    model = window.list_view.table.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_ctrl_n_type_and_ctrl_enter_saves_to_the_list_and_database(qtbot, window) -> None:
    dialog = open_dialog(qtbot, window)
    assert dialog.focusWidget() is dialog.name
    type_text(dialog.name, "Zoë Łukasiewicz")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)
    type_text(dialog.focusWidget(), "07700 900123")  # phone is next in tab order
    type_into(dialog, "account", "The cake had <nuts> & the label said none.")
    qtbot.keyClick(dialog.account, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    saved = Complaint.get()
    assert saved.reference.startswith("C-") and saved.reference.endswith("-0001")
    assert saved.account == "The cake had <nuts> & the label said none."
    assert saved.customer.name == "Zoë Łukasiewicz"
    assert saved.customer.phone == "07700 900123"
    assert table_texts(window) == [saved.reference]
    assert window.detail.heading.text() == f"{saved.reference} · \u2068Zoë Łukasiewicz\u2069"
    assert saved.reference in window.statusBar().currentMessage()
    assert drafts.load_draft(drafts.NEW_COMPLAINT) is None


def test_a_returning_customer_is_suggested_and_reused(qtbot, window) -> None:
    first = log_complaint(
        CustomerDetails(name="Siobhán O'Brien", phone="01632 960001"),
        ComplaintDetails(account="Late sofa"),
        author="Sam",
    )
    window.list_view.refresh()
    dialog = open_dialog(qtbot, window)
    type_text(dialog.name, "siob")
    assert dialog.suggestion_list.isVisible()
    assert dialog.suggestions.rowCount() == 1
    shown = dialog.suggestions.index(0).data()
    assert "Siobhán O'Brien" in shown and "1 earlier complaint" in shown
    qtbot.keyClick(dialog.name, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.suggestion_list, Qt.Key.Key_Return)
    assert dialog.name.text() == "Siobhán O'Brien"
    assert dialog.phone.text() == "01632 960001"
    assert dialog.findChild(QLabel, "returning_customer").isVisible()
    assert dialog.focusWidget() is dialog.account
    type_text(dialog.account, "The replacement is also late.")
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    assert Customer.select().count() == 1
    assert Complaint.select().where(Complaint.customer == first.customer_id).count() == 2


def test_one_chinese_character_of_a_name_finds_her_as_two_letters_would(qtbot, window) -> None:
    """王 is a whole surname: typed alone it suggests 王芳, as "Ch" suggests Chloe."""
    log_complaint(
        CustomerDetails(name="王芳", phone="07700 900111"),
        ComplaintDetails(account="Screen cracked again"),
        author="Sam",
    )
    log_complaint(
        CustomerDetails(name="Chloe Turner"), ComplaintDetails(account="Late"), author="Sam"
    )
    window.list_view.refresh()
    dialog = open_dialog(qtbot, window)
    type_text(dialog.name, "王")
    qtbot.waitUntil(lambda: dialog.suggestions.rowCount() == 1)
    assert "王芳" in dialog.suggestions.index(0).data()
    dialog.name.clear()
    type_text(dialog.name, "c")  # one Latin letter is still too little to go on
    assert dialog.suggestions.rowCount() == 0


def test_enter_in_the_name_takes_the_suggestion_shown_chosen(qtbot, window) -> None:
    log_complaint(
        CustomerDetails(name="John Smith", phone="07700 900123"),
        ComplaintDetails(account="Late sofa"),
        author="Sam",
    )
    dialog = open_dialog(qtbot, window)
    type_text(dialog.name, "John")
    assert dialog.suggestion_list.currentIndex().row() == 0  # shown chosen
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.name.text() == "John Smith"
    assert dialog.phone.text() == "07700 900123"
    assert dialog.findChild(QLabel, "returning_customer").isVisible()
    assert dialog.focusWidget() is dialog.account
    assert dialog.isVisible()  # Enter took the customer; it saved nothing


def test_one_customers_details_never_stay_with_another_picked(qtbot, window) -> None:
    """Ana picked, then not her: her email and address go with her, and Down takes
    the next suggestion, Ewa, with her own details only."""
    log_complaint(
        CustomerDetails(name="Ana Okafor", phone="07700 900111", email="ana@example.com",
                        address="1 High St"),
        ComplaintDetails(account="Late cake"), author="Sam",
    )  # fmt: skip
    log_complaint(
        CustomerDetails(name="Ewa Okafor", phone="07700 900222"),
        ComplaintDetails(account="Stale bread"), author="Sam",
    )  # fmt: skip
    dialog = open_dialog(qtbot, window)
    type_text(dialog.name, "Okaf")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert (dialog.name.text(), dialog.email.text()) == ("Ana Okafor", "ana@example.com")
    qtbot.mouseClick(dialog.findChild(QPushButton, "not_them"), Qt.MouseButton.LeftButton)
    assert (dialog.phone.text(), dialog.email.text(), dialog.address.toPlainText()) == ("", "", "")
    dialog.name.clear()
    type_text(dialog.name, "Okaf")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.suggestion_list, Qt.Key.Key_Return)
    assert dialog.name.text() == "Ewa Okafor"
    assert (dialog.phone.text(), dialog.email.text(), dialog.address.toPlainText()) == (
        "07700 900222", "", ""
    )  # fmt: skip


def test_a_missing_name_shows_the_inline_error_and_saves_nothing(qtbot, window) -> None:
    dialog = open_dialog(qtbot, window)
    type_into(dialog, "account", "Rude on the phone")
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    error = dialog.findChild(QLabel, "name_error")
    assert error.isVisible() and error.text() == "Enter the customer's name."
    assert dialog.focusWidget() is dialog.name
    assert Complaint.select().count() == 0
    # Typing the name clears the message; saving then works.
    type_text(dialog.name, "   ")
    assert not said(error)
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    assert error.isVisible()  # only spaces is still no name
    type_text(dialog.name, "Ana")
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    assert Complaint.select().count() == 1


def test_a_message_going_as_the_field_is_put_right_moves_nothing_below_it(qtbot, window):
    """The owner puts the name right and reaches for the next box: it is still
    where it was (a click would otherwise land in the box below)."""
    dialog = open_dialog(qtbot, window)
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)  # nothing typed yet
    error = dialog.findChild(QLabel, "name_error")
    assert error.isVisible()
    qtbot.wait(50)
    below = [dialog.phone, dialog.email, dialog.account]
    before = [w.mapTo(dialog, w.rect().topLeft()) for w in below]
    type_text(dialog.name, "Ana Souza")
    qtbot.wait(50)
    assert not said(error)
    assert [w.mapTo(dialog, w.rect().topLeft()) for w in below] == before


def test_a_missing_account_is_explained(qtbot, window) -> None:
    dialog = open_dialog(qtbot, window)
    type_text(dialog.name, "Ana Souza")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    error = dialog.findChild(QLabel, "account_error")
    assert error.isVisible() and "in their words" in error.text()
    assert dialog.focusWidget() is dialog.account
    assert Complaint.select().count() == 0


def test_a_draft_survives_closing_the_dialog(qtbot, window) -> None:
    dialog = open_dialog(qtbot, window)
    type_text(dialog.name, "Иван Петров")
    type_into(dialog, "account", "Wrong size,\nsecond time.")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert Complaint.select().count() == 0

    reopened = open_dialog(qtbot, window)
    assert reopened.name.text() == "Иван Петров"
    assert reopened.account.toPlainText() == "Wrong size,\nsecond time."
    assert "Restored" in reopened.draft_note.text()


def test_a_draft_survives_quitting_straight_after_typing(qtbot, window) -> None:
    dialog = open_dialog(qtbot, window)
    type_text(dialog.name, "Łukasz")
    type_text(dialog.account, "Typed just before closing")
    window.close()  # well within the pause after which drafts are written
    saved = drafts.load_draft(drafts.NEW_COMPLAINT)
    assert saved is not None and saved.data["account"] == "Typed just before closing"


def test_a_draft_survives_a_crash(qtbot, window) -> None:
    dialog = open_dialog(qtbot, window)
    type_text(dialog.name, "Amara Okafor")
    type_into(dialog, "account", "Scorched hem")
    # The draft is written shortly after typing stops, with no close or save.
    qtbot.waitUntil(lambda: drafts.load_draft(drafts.NEW_COMPLAINT) is not None, timeout=3000)
    saved = drafts.load_draft(drafts.NEW_COMPLAINT)
    assert saved.data["name"] == "Amara Okafor" and saved.data["account"] == "Scorched hem"
    # A fresh dialog (as after a restart) brings it back.
    fresh = NewComplaintDialog()
    qtbot.addWidget(fresh)
    assert fresh.name.text() == "Amara Okafor"
    assert fresh.account.toPlainText() == "Scorched hem"


def test_a_draft_brought_back_is_not_typed_over_by_the_next_key(qtbot, window) -> None:
    drafts.save_draft(drafts.NEW_COMPLAINT, {"name": "Amara Okafor", "account": "Nuts"})
    dialog = open_dialog(qtbot, window)
    qtbot.waitUntil(lambda: dialog.name.hasFocus())
    qtbot.wait(20)  # the moment after it shows, when the owner's next key lands
    qtbot.keyClicks(dialog.name, "-Reid")
    assert dialog.name.text() == "Amara Okafor-Reid"


def test_the_window_opened_again_says_a_new_complaint_was_kept(qtbot, window, db) -> None:
    """After a crash the form shows again only on Ctrl+N: the window says so."""
    from ui.main_window import MainWindow

    dialog = open_dialog(qtbot, window)
    type_text(dialog.name, "Amara Okafor")
    qtbot.waitUntil(lambda: drafts.load_draft(drafts.NEW_COMPLAINT) is not None, timeout=3000)
    again = MainWindow(data_folder=str(db.parent))
    qtbot.addWidget(again)
    assert "A new complaint you were typing was kept" in again.statusBar().currentMessage()
    assert "press Ctrl+N to carry on" in again.statusBar().currentMessage()


def test_clearing_the_form_drops_the_draft(qtbot, window, no_questions) -> None:
    dialog = open_dialog(qtbot, window)
    type_text(dialog.name, "Jo")
    dialog.save_draft()
    qtbot.mouseClick(dialog.discard, Qt.MouseButton.LeftButton)
    assert dialog.name.text() == ""
    assert drafts.load_draft(drafts.NEW_COMPLAINT) is None


def test_a_huge_paste_is_refused_with_a_message_and_kept(qtbot, window) -> None:
    dialog = open_dialog(qtbot, window)
    type_text(dialog.name, "Ana")
    huge = "ab\n" * 34_133 + "z"  # 100 KB (102,400 characters)
    dialog.account.setPlainText(huge)
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    error = dialog.findChild(QLabel, "account_error")
    assert error.isVisible() and "102,400 characters" in error.text()
    assert dialog.account.toPlainText() == huge
    assert Complaint.select().count() == 0


def test_emoji_quotes_and_sql_are_saved_as_typed(qtbot, window) -> None:
    dialog = open_dialog(qtbot, window)
    name = "Zoë 'Robert'); DROP TABLE customer;-- 😀"
    type_text(dialog.name, name)
    type_into(dialog, "account", 'She said "never again" 😡 <b>bold</b>')
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    saved = Complaint.get()
    assert saved.customer.name == name
    assert saved.account == 'She said "never again" 😡 <b>bold</b>'


def test_a_recurring_category_is_flagged_at_intake(qtbot, window) -> None:
    from models.categories import categories

    size = next(c for c in categories() if c.name == "Wrong item or size")
    for name in ("Ana", "Bea"):
        log_complaint(
            CustomerDetails(name=name),
            ComplaintDetails(account="Wrong size again", category_id=size.id),
            author="Sam",
        )
    dialog = open_dialog(qtbot, window)
    alert = dialog.findChild(QLabel, "recurring_alert")
    assert alert.text() == ""
    dialog.category.setCurrentIndex(dialog.category.findData(size.id))
    assert alert.isVisibleTo(dialog)
    assert alert.text() == "⚠ 3rd “Wrong item or size” complaint in 30 days"


def test_the_fields_stay_put_as_recurring_problems_are_said(qtbot, window) -> None:
    """The warning of a category and a product that keep coming up moved the form
    under the owner's pointer as it appeared."""
    from models.categories import categories

    size = next(c for c in categories() if c.name == "Wrong item or size")
    for name in ("Ana", "Bea"):
        log_complaint(
            CustomerDetails(name=name),
            ComplaintDetails(account="Wrong size again", category_id=size.id, product="Blue Coat"),
            author="Sam",
        )
    dialog = open_dialog(qtbot, window)
    alert = dialog.findChild(QLabel, "recurring_alert")
    where = dialog.product.mapTo(dialog, dialog.product.rect().topLeft()).y()
    dialog.category.setCurrentIndex(dialog.category.findData(size.id))
    type_text(dialog.product, "blue coat")
    dialog.product.editingFinished.emit()
    QApplication.processEvents()
    assert alert.text().count("⚠") == 2
    assert dialog.product.mapTo(dialog, dialog.product.rect().topLeft()).y() == where


def test_the_received_box_writes_the_moment_as_the_app_does(qtbot, window) -> None:
    dialog = open_dialog(qtbot, window)
    received = dt.datetime(2026, 12, 2, 12, 23)
    dialog.received.setDateTime(received)
    assert dialog.received.text() == display.moment_with_year(received)  # Wed 2 Dec 2026 12:23


def test_a_formula_in_the_phone_box_is_refused_and_the_form_kept(qtbot, window) -> None:
    dialog = open_dialog(qtbot, window)
    type_text(dialog.name, "Ana Souza")
    type_text(dialog.phone, "=SUM(A1)")
    type_into(dialog, "account", "The strap broke.")
    qtbot.keyClick(dialog.account, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()
    assert "“=SUM(A1)” is not a phone number" in dialog.email_error.text()
    assert dialog.email_error.isVisible()
    assert dialog.focusWidget() is dialog.phone and dialog.phone.text() == "=SUM(A1)"
    assert not Complaint.select().exists()


def test_received_is_when_the_form_was_opened_as_it_shows(qtbot, window) -> None:
    """The customer came in when the form was opened; that is what is saved, not
    the moment Save was pressed after they had finished."""
    dialog = open_dialog(qtbot, window)
    shown = dialog.received.dateTime().toPython().replace(microsecond=0)
    qtbot.wait(1500)  # listening before typing
    type_text(dialog.name, "Ewa Kowalska")
    type_into(dialog, "account", "The shoes split at the heel after a week.")
    assert dialog.received.dateTime().toPython().replace(microsecond=0) == shown
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    saved = Complaint.get()
    assert saved.received_at == shown
    assert saved.received_at < dt.datetime.now() - dt.timedelta(seconds=1)


def test_a_draft_brought_back_keeps_when_the_customer_came_in(qtbot, window) -> None:
    dialog = open_dialog(qtbot, window)
    shown = dialog.received.dateTime().toPython().replace(microsecond=0)
    type_text(dialog.name, "Ewa Kowalska")
    window.close()  # the draft is kept
    qtbot.wait(1500)
    again = NewComplaintDialog()  # as after a restart
    qtbot.addWidget(again)
    again.show()
    assert again.name.text() == "Ewa Kowalska"
    assert again.received.dateTime().toPython().replace(microsecond=0) == shown


def test_tab_moves_on_from_the_received_box_in_one_key(qtbot, window) -> None:
    dialog = open_dialog(qtbot, window)
    dialog.received.setFocus()
    before = dialog.focusWidget()
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    after = dialog.focusWidget()
    assert after is not None and after is not before
    assert not dialog.received.isAncestorOf(after) and after is not dialog.received
    qtbot.keyClick(after, Qt.Key.Key_Backtab)
    assert dialog.focusWidget() in (dialog.received, *dialog.received.findChildren(QLineEdit))


def test_a_complaint_just_logged_opens_on_the_guide(qtbot, window) -> None:
    first = log_complaint(
        CustomerDetails(name="Siobhán O'Brien"), ComplaintDetails(account="Late sofa"), author="Sam"
    )
    window.list_view.refresh()
    window.open_complaint(first.id)
    tabs = window.detail.tabs
    tabs.setCurrentIndex(tabs.count() - 1)  # the owner was last on another tab
    dialog = open_dialog(qtbot, window)
    type_text(dialog.name, "Ewa Kowalska")
    type_into(dialog, "account", "The shoes split at the heel after a week.")
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert tabs.tabText(tabs.currentIndex()).replace("&", "") == "Guide"
    # Their account is written down in the form: the guide has that step done.
    steps = window.detail.checklist.rows
    assert steps["engage.record"].box.isChecked()
    assert not steps["engage.attention"].box.isChecked()


def test_a_phone_put_right_takes_its_warning_away(qtbot, window) -> None:
    dialog = open_dialog(qtbot, window)
    type_text(dialog.name, "Ewa Kowalska")
    type_text(dialog.phone, "=SUM(A1)")
    type_into(dialog, "account", "The shoes split at the heel.")
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    warning = dialog.email_error
    assert warning.isVisible() and dialog.isVisible()
    dialog.phone.clear()
    assert not said(warning)


def test_alt_i_goes_to_the_received_box(qtbot, window) -> None:
    """Received showed its letter, but Alt+V went nowhere, and "31/02" typed next
    went into the phone box."""
    dialog = open_dialog(qtbot, window)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.phone.setFocus()
    qtbot.keyClick(dialog, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    assert dialog.received.isAncestorOf(QApplication.focusWidget())
    # Tab still walks the form once through the date box, not twice.
    stops = []
    widget = dialog.name
    for _ in range(40):
        widget = widget.nextInFocusChain()
        if widget.isVisible() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            stops.append(widget)
        if widget is dialog.name:
            break
    assert sum(1 for w in stops if dialog.received.isAncestorOf(w) or w is dialog.received) == 1


def test_a_box_reached_by_its_alt_letter_is_scrolled_into_view(qtbot, window) -> None:
    """In a form made small enough to scroll, Alt+H went to What happened below the
    fold, and the owner typed blind."""
    dialog = open_dialog(qtbot, window)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.resize(620, 300)
    QApplication.processEvents()
    dialog.name.setFocus()
    area = dialog.findChild(QScrollArea, "new_complaint_scroll")
    area.verticalScrollBar().setValue(0)
    QApplication.processEvents()
    top = dialog.upset.mapTo(area.viewport(), dialog.upset.rect().topLeft()).y()
    assert top > area.viewport().height()  # below the fold before
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # How upset
    assert dialog.upset.hasFocus()
    QApplication.processEvents()
    top = dialog.upset.mapTo(area.viewport(), dialog.upset.rect().topLeft()).y()
    assert top >= 0 and top + dialog.upset.height() <= area.viewport().height()


def test_ctrl_q_in_the_form_quits_and_keeps_what_was_typed(qtbot, window) -> None:
    dialog = open_dialog(qtbot, window)
    type_text(dialog.name, "Ruth Adeyemi")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.name, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert not window.isVisible()  # the window closed, as File > Quit closes it
    kept = drafts.load_draft(drafts.NEW_COMPLAINT)
    assert kept is not None and kept.data["name"] == "Ruth Adeyemi"


def test_every_problem_of_the_form_is_said_at_once(qtbot, window) -> None:
    """A name of spaces, an email with no @ and 31/02/2026 in Received: the first Save
    said only that there is no 31 February; the others came one save at a time."""
    from tests.ui.test_action_dates import type_over

    dialog = open_dialog(qtbot, window)
    type_into(dialog, "name", "   ")
    type_into(dialog, "email", "not-an-email")
    type_over(qtbot, dialog.received, "31/02/2026")
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert said(dialog.name_error) and said(dialog.email_error) and said(dialog.account_error)
    assert "31/02/2026" in dialog.other_errors.text()
    assert table_texts(window) == []  # nothing saved


def test_a_message_about_received_goes_once_received_is_changed(qtbot, window) -> None:
    """The message that it cannot have been received in the future stayed after the
    day was put right, until the next save."""
    from tests.ui.test_action_dates import type_over

    dialog = open_dialog(qtbot, window)
    type_into(dialog, "name", "Jan van der Berg")
    type_into(dialog, "account", "The battery will not charge.")
    dialog.received.setDateTime(QDateTime.currentDateTime().addDays(2))
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    assert "future" in dialog.other_errors.text()
    type_over(qtbot, dialog.received, "yesterday")
    assert not dialog.other_errors.text()
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_a_customer_nobody_matches_is_said_to_be_new(qtbot, window) -> None:
    """Typing a phone nobody has left the line saying customers are suggested as you
    type: new, or still looking, could not be told apart."""
    from ui.new_complaint_customer import NEW_CUSTOMER

    dialog = open_dialog(qtbot, window)
    type_into(dialog, "phone", "06 2345 6789")
    assert dialog.slot_hint.isVisible() and dialog.slot_hint.text() == NEW_CUSTOMER
