"""New complaint: built to be filled in at a busy counter, from the keyboard.

Returning customers are suggested as their name, phone or email is typed;
the form is kept as a draft while it is typed, so closing it (or a crash)
loses nothing; Ctrl+Enter saves.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
from typing import Any

from PySide6.QtCore import QDateTime, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models import display, drafts
from models.categories import categories
from models.choices import CHANNELS, DEFAULT_CHANNEL, DEFAULT_UPSET, UPSET_LEVELS
from models.complaints import ComplaintDetails, CustomerQuestion, log_complaint, problems_of
from models.customers import CustomerDetails
from models.errors import BusyError, ComplaintDeskError, ValidationError
from models.people import staff_name
from models.recurrence import recurrences
from models.settings import user_name
from ui import messages
from ui.customer_question import Answer
from ui.customer_question import ask as ask_which_customer
from ui.customer_suggestions import CustomerSuggestionModel
from ui.day_box import moment_box
from ui.field_error import FieldError
from ui.fit import available_area, keep_on_screen, name_inner_fields, scrolled
from ui.focus_marks import text_shows_focus
from ui.keys import QUIT_KEYS, is_ctrl_enter
from ui.new_complaint_customer import ReturningCustomer
from ui.person_box import PersonBox

# A change is kept at most this long after it was typed, however fast the
# owner types: the timer is started by the first unsaved change and not
# restarted by the next ones, so steady typing cannot postpone it.
DRAFT_DELAY_MS = 400
# While another program (an import, a scheduled command) holds the data file, the
# draft is tried again this often rather than after every key: each try can keep
# the window waiting for a moment (desktop.app.WINDOW_BUSY_TIMEOUT_MS).
DRAFT_RETRY_MS = 3000
# Received is when the form was opened, unless it then sat empty longer than
# this: then it is when the first word is typed. Checked this often.
LEFT_OPEN_SECONDS = 15 * 60
CLOCK_MS = 60_000
NOT_CLOSED_WHILE_BUSY = (
    "Another program is saving to the data file right now (for example an import), so "
    "what you typed in the new complaint could not be kept yet; try closing again in a moment."
)


def _text_box(name: str, placeholder: str, lines: int) -> QPlainTextEdit:
    box = QPlainTextEdit(objectName=name)
    text_shows_focus(box)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class NewComplaintDialog(ReturningCustomer, QDialog):
    complaint_saved = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("new_complaint_dialog")
        self.setWindowTitle("New complaint")
        self.setMinimumWidth(620)
        self._customer_id: int | None = None
        self._picked_name = ""
        # What picking a customer put in the phone, email and address boxes.
        self._filled: dict[str, str] = {}
        self._received_edited = False
        self._restoring = False
        self._typing_started = False
        self._saved_id: int | None = None

        customer_box = self._build_customer()
        complaint_box = self._build_complaint()
        buttons = self._build_buttons()
        self._lay_out(customer_box, complaint_box, buttons)
        order = self._name_fields()
        self._start_timers()
        self._connect(order)
        self._keep_room()
        name_inner_fields(self)
        self._restore_draft()
        self.name.setFocus()

    def _build_customer(self) -> QGroupBox:
        """The customer's boxes, with the returning-customer suggestions."""
        self.name = QLineEdit(objectName="name")
        self.name.setPlaceholderText("Start typing: returning customers are suggested")
        self.phone = QLineEdit(objectName="phone")
        self.email = QLineEdit(objectName="email")
        self.address = _text_box("address", "For letters (optional)", 2)
        self.name_error = FieldError("name")
        self.email_error = FieldError("email")
        self.suggestions = CustomerSuggestionModel(self)
        self.suggestion_list = QListView(objectName="suggestions")
        self.suggestion_list.setModel(self.suggestions)
        self.suggestion_list.setAccessibleName("Returning customers")
        self.suggestion_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # A long suggestion is shortened in its middle (its tooltip says it whole):
        # no sideways scroll bar over the last one.
        self.suggestion_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.suggestion_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.suggestion_list.hide()
        self.returning = QLabel(objectName="returning_customer")
        self.returning.setTextFormat(Qt.TextFormat.PlainText)
        self.returning.setWordWrap(True)
        self.returning.setStyleSheet("color: #1b5e20; font-weight: bold;")
        self.not_them = QPushButton("Not them", objectName="not_them")
        self.not_them.setAutoDefault(False)
        returning_row = QHBoxLayout()
        returning_row.addWidget(self.returning, 1)
        returning_row.addWidget(self.not_them)
        self.returning_box = QWidget()
        self.returning_box.setLayout(returning_row)
        returning_row.setContentsMargins(0, 0, 0, 0)
        self.returning_box.hide()

        customer_form = QFormLayout()
        customer_form.addRow("&Name *", self.name)
        customer_form.addRow("", self.name_error)
        customer_form.addRow("", self._customer_slot())
        contact = QHBoxLayout()
        contact.addWidget(self.phone)
        contact.addWidget(_label("&Email", self.email))
        contact.addWidget(self.email)
        customer_form.addRow(_label("P&hone", self.phone), contact)
        customer_form.addRow("", self.email_error)
        customer_form.addRow("&Address", self.address)
        customer_box = QGroupBox("Customer")
        customer_box.setLayout(customer_form)
        return customer_box

    def _build_complaint(self) -> QGroupBox:
        """The complaint's boxes."""
        self.account = _text_box("account", "What happened, in the customer's own words", 5)
        self.account_error = FieldError("account")
        self.remedy = _text_box("remedy", "What would put it right for them?", 2)
        self.category = QComboBox(objectName="category")
        self.category.addItem("Not sure yet", None)
        for item in categories():
            self.category.addItem(item.name, item.id)
        self.product = QLineEdit(objectName="product")
        self.product.setPlaceholderText("Item, order or receipt number")
        self.channel = QComboBox(objectName="channel")
        for choice in CHANNELS:
            self.channel.addItem(choice.label, choice.key)
        self.upset = QComboBox(objectName="upset")
        for choice in UPSET_LEVELS:
            self.upset.addItem(choice.label, int(choice.key))
        self.received = moment_box(QDateTime.currentDateTime(), objectName="received")
        self.handler = PersonBox("handler", "Handled by")
        self.other_errors = FieldError("form")
        self._set_defaults()

        complaint_form = QFormLayout()
        complaint_form.addRow("What happene&d *", self.account)
        complaint_form.addRow("", self.account_error)
        complaint_form.addRow("&What they want", self.remedy)
        complaint_form.addRow("Categor&y", self.category)
        self.recurring = QLabel(objectName="recurring_alert")
        self.recurring.setTextFormat(Qt.TextFormat.PlainText)
        self.recurring.setWordWrap(True)
        self.recurring.setStyleSheet("color: #ef6c00; font-weight: bold;")
        # Shown empty, so its room is kept (a form row's hidden widget takes none)
        # and the fields below never move as it is said.
        complaint_form.addRow("", self.recurring)
        complaint_form.addRow("&Product or order", self.product)
        how = QHBoxLayout()
        how.addWidget(self.channel, 1)
        how.addWidget(_label("How up&set", self.upset))
        how.addWidget(self.upset, 1)
        complaint_form.addRow(_label("Ca&me in by", self.channel), how)
        when = QHBoxLayout()
        when.addWidget(self.received, 1)
        when.addWidget(_label("Handled &by", self.handler))
        when.addWidget(self.handler, 1)
        complaint_form.addRow(_label("Rece&ived", self.received), when)
        complaint_box = QGroupBox("Complaint")
        complaint_box.setLayout(complaint_form)
        return complaint_box

    def _build_buttons(self) -> QHBoxLayout:
        """The draft note and the buttons under the boxes."""
        self.draft_note = QLabel(
            "Ctrl+Enter saves · Esc closes and keeps what you typed", objectName="draft_note"
        )
        self.draft_note.setTextFormat(Qt.TextFormat.PlainText)
        self.draft_note.setWordWrap(True)
        self.draft_note.setStyleSheet("color: palette(mid);")
        self.discard = QPushButton("Clear form", objectName="discard_draft")
        self.discard.setAutoDefault(False)
        self.cancel = QPushButton("Close", objectName="cancel")
        self.cancel.setAutoDefault(False)
        self.cancel.setToolTip("Close; what you typed is kept for next time (Esc)")
        self.save = QPushButton("Save complaint", objectName="save")
        self.save.setToolTip("Save (Ctrl+Enter)")
        self.save.setAutoDefault(False)
        # The note on its own line, two lines tall: its words change while the
        # owner types, and nothing else moves with them.
        self.draft_note.setMinimumHeight(self.draft_note.fontMetrics().lineSpacing() * 2)
        self.draft_note.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        buttons.addWidget(self.draft_note, 1)
        buttons.addWidget(self.discard)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.save)
        return buttons

    def _lay_out(
        self, customer_box: QGroupBox, complaint_box: QGroupBox, buttons: QHBoxLayout
    ) -> None:
        """The boxes in a scrolled page, the buttons under it."""
        # The boxes scroll when messages make them taller than the screen leaves:
        # the buttons stay in view under them.
        page = QWidget(objectName="new_complaint_page")
        fields = QVBoxLayout(page)
        fields.setContentsMargins(0, 0, 0, 0)
        fields.addWidget(customer_box)
        fields.addWidget(complaint_box)
        fields.addWidget(self.other_errors)
        self._page = page
        self._scroll = scrolled(page, "new_complaint_scroll")
        layout = QVBoxLayout(self)
        layout.addWidget(self._scroll, 1)
        layout.addLayout(buttons)

    def _name_fields(self) -> list[QWidget]:
        """Each field's name for screen readers, and the order Tab goes in."""
        for widget, label in (
            (self.name, "Customer name (required)"),
            (self.phone, "Customer phone"),
            (self.email, "Customer email"),
            (self.address, "Customer postal address"),
            (self.account, "What happened, in the customer's words (required)"),
            (self.remedy, "What the customer wants"),
            (self.category, "Category"),
            (self.product, "Product or order reference"),
            (self.channel, "How the complaint came in"),
            (self.upset, "How upset the customer is"),
            (self.received, "When it was received"),
            (self.handler, "Handled by"),
        ):
            widget.setAccessibleName(label)
        order = [
            self.name, self.phone, self.email, self.address, self.account, self.remedy,
            self.category, self.product, self.channel, self.upset, self.received.edit, self.handler,
            self.save, self.cancel, self.discard,
        ]  # fmt: skip
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        return order

    def _start_timers(self) -> None:
        """The draft kept as the owner types, the clock of an empty form, Ctrl+Q."""
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft)
        # A form left open and empty since the morning still says the customer
        # came in when they did.
        self._clock = QTimer(self)
        self._clock.setInterval(CLOCK_MS)
        self._clock.timeout.connect(self._received_now_while_empty)
        self._clock.start()
        # Ctrl+Q quits from the form too: it closes as Esc does (kept as a draft), then
        # the window closes as File > Quit does.
        QShortcut(QKeySequence(QUIT_KEYS), self, activated=self._quit)

    def _connect(self, order: list[QWidget]) -> None:
        """What typing, choosing and pressing in the form do."""
        for line in (self.name, self.phone, self.email):
            line.textEdited.connect(self._on_customer_typed)
            line.installEventFilter(self)
        for line in (self.name, self.phone, self.email, self.product, self.handler):
            line.textChanged.connect(self._on_form_changed)
        for box in (self.address, self.account, self.remedy):
            box.textChanged.connect(self._on_form_changed)
        for combo in (self.category, self.channel, self.upset):
            combo.currentIndexChanged.connect(self._on_form_changed)
        self.received.dateTimeChanged.connect(self._on_received_changed)
        # What was said of the day received ("cannot have been received in the future")
        # goes as it is typed over, as a field's message does.
        self.received.edit.textEdited.connect(lambda: self.other_errors.dismiss())
        self.category.currentIndexChanged.connect(self._show_recurrence)
        self.product.editingFinished.connect(self._show_recurrence)
        self.name.textChanged.connect(lambda: self.name_error.dismiss())
        self.email.textChanged.connect(lambda: self.email_error.dismiss())
        self.phone.textChanged.connect(lambda: self.email_error.dismiss())  # says both
        self.account.textChanged.connect(lambda: self.account_error.dismiss())
        self.suggestion_list.activated.connect(self._on_suggestion_chosen)
        self.suggestion_list.clicked.connect(self._on_suggestion_chosen)
        self.not_them.clicked.connect(self._on_not_them_clicked)
        self.discard.clicked.connect(self._on_discard_clicked)
        self.cancel.clicked.connect(self.reject)
        self.save.clicked.connect(self.save_complaint)
        # Ctrl+Enter saves from any field (a plain Enter is a new line in the boxes).
        for widget in order:
            if widget not in (self.name, self.phone, self.email):
                widget.installEventFilter(self)

    def _keep_room(self) -> None:
        """Warnings keep their room once said: nothing moves under the cursor."""
        # A warning keeps its place once it has been said: clearing it as the owner
        # types on does not move the fields under their cursor.
        for label in (self.name_error, self.email_error, self.account_error):
            policy = label.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            label.setSizePolicy(policy)
        # Room for both warnings (a category and a product that keep coming up),
        # one of them wrapped.
        self.recurring.ensurePolished()  # in its bold font
        self.recurring.setText("⚠\n⚠\n⚠")
        self.recurring.setMinimumHeight(self.recurring.sizeHint().height())
        self.recurring.setText("")

    # --- the form's contents ---------------------------------------------
    def _set_defaults(self) -> None:
        self.channel.setCurrentIndex(max(0, self.channel.findData(DEFAULT_CHANNEL)))
        self.upset.setCurrentIndex(max(0, self.upset.findData(DEFAULT_UPSET)))
        self.category.setCurrentIndex(0)
        self.received.setDateTime(QDateTime.currentDateTime())
        self._received_edited = False
        self._typing_started = False
        self.handler.setText(staff_name(user_name()))  # as it will be saved

    def form_data(self) -> dict[str, Any]:
        return {
            "customer_id": self._customer_id,
            "name": self.name.text(),
            "phone": self.phone.text(),
            "email": self.email.text(),
            "address": self.address.toPlainText(),
            "account": self.account.toPlainText(),
            "remedy": self.remedy.toPlainText(),
            "category_id": self.category.currentData(),
            "product": self.product.text(),
            "channel": self.channel.currentData(),
            "upset": self.upset.currentData(),
            "received": self.received.dateTime().toPython().isoformat(),
            "received_chosen": self._received_edited,  # by the owner, not the clock
            "received_time_unknown": self.received.time_unknown(),
            "handler": self.handler.text(),
        }

    def _has_content(self) -> bool:
        data = self.form_data()
        typed = ("name", "phone", "email", "address", "account", "remedy", "product")
        return any(str(data[key] or "").strip() for key in typed)

    def _fill(self, data: dict[str, Any]) -> None:
        self._restoring = True
        try:
            self.name.setText(str(data.get("name") or ""))
            self.phone.setText(str(data.get("phone") or ""))
            self.email.setText(str(data.get("email") or ""))
            self.address.setPlainText(str(data.get("address") or ""))
            self.account.setPlainText(str(data.get("account") or ""))
            self.remedy.setPlainText(str(data.get("remedy") or ""))
            self.product.setText(str(data.get("product") or ""))
            self.handler.setText(str(data.get("handler") or user_name()))
            for combo, key in (
                (self.category, "category_id"),
                (self.channel, "channel"),
                (self.upset, "upset"),
            ):
                found = combo.findData(data.get(key))
                if found >= 0:
                    combo.setCurrentIndex(found)
            if data.get("received"):
                try:
                    received = dt.datetime.fromisoformat(str(data["received"]))
                except ValueError:
                    received = None
                if received is not None:
                    self.received.setDateTime(QDateTime(received))
                    self.received.set_time_unknown(bool(data.get("received_time_unknown")))
                    self._received_edited = bool(data.get("received_chosen", True))
            customer_id = data.get("customer_id")
            if isinstance(customer_id, int):
                self._restore_picked(customer_id)
        finally:
            self._restoring = False
        self._typing_started = self._has_content()  # a draft was begun before

    # --- recurring problems ---------------------------------------------
    @Slot()
    def _show_recurrence(self, *_args: object) -> None:
        """Say so when the same category or product keeps coming up."""
        try:
            found = recurrences(
                today=dt.date.today(),
                category_id=self.category.currentData(),
                product=self.product.text(),
            )
        except ComplaintDeskError:
            found = []
        self.recurring.setText("\n".join(f"⚠ {r.message}" for r in found))

    # --- drafts ----------------------------------------------------------
    def _restore_draft(self) -> None:
        try:
            saved = drafts.load_draft(drafts.NEW_COMPLAINT)
        except ComplaintDeskError:
            saved = None
        if saved is None:
            return
        self._fill(saved.data)
        self.draft_note.setText(
            f"Restored what you were typing ({display.moment(saved.saved_at)})."
        )

    @Slot()
    def save_draft(self) -> bool:
        """Keep the form as it is now, so nothing typed is ever lost; False while
        another program holds the data file (it is tried again in a moment)."""
        self._draft_timer.stop()
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        if self._saved_id is not None:
            return True
        try:
            if self._has_content():
                drafts.save_draft(drafts.NEW_COMPLAINT, self.form_data())
                self.draft_note.setText("Draft kept: closing this loses nothing.")
            else:
                drafts.discard_draft(drafts.NEW_COMPLAINT)
        except BusyError:
            self._keep_draft_later()
            return False
        except ComplaintDeskError as exc:
            self.draft_note.setText(f"Draft not kept: {exc}")
        return True

    def _keep_draft_later(self) -> None:
        """Another program is writing to the data file: keep the draft once it has
        finished, without trying (and waiting) on every key meanwhile."""
        self.draft_note.setText(
            "Another program is saving to the data file; the draft is brought up to date once "
            "it has finished."
        )
        self._draft_timer.start(DRAFT_RETRY_MS)

    def _keep_draft_soon(self) -> None:
        if not self._draft_timer.isActive():
            self._draft_timer.start()

    @Slot()
    def _on_form_changed(self) -> None:
        if not self._restoring:
            if not self._received_edited and not self._typing_started:
                self._typing_started = True
                self._received_now_if_left_open()
            self._keep_draft_soon()

    @Slot()
    def _received_now_while_empty(self) -> None:
        if not self._received_edited and not self._has_content():
            self._typing_started = False
            self._received_now_if_left_open()

    def _received_now_if_left_open(self) -> None:
        """The form was opened when the customer came in; one left empty for long
        was not: they came in now."""
        now = QDateTime.currentDateTime()
        if self.received.dateTime().secsTo(now) > LEFT_OPEN_SECONDS:
            self._show_received(now)

    def _show_received(self, moment: QDateTime) -> None:
        """Set Received without counting it as the owner's own choice."""
        restoring, self._restoring = self._restoring, True
        try:
            self.received.setDateTime(moment)
        finally:
            self._restoring = restoring

    @Slot()
    def _on_received_changed(self) -> None:
        if not self._restoring:
            self._received_edited = True
            self._keep_draft_soon()

    @Slot()
    def _on_discard_clicked(self) -> None:
        if self._has_content():
            if not messages.confirm(self, "Clear form", "Clear everything typed in this form?"):
                return
        self._draft_timer.stop()
        self._restoring = True
        for line in (self.name, self.phone, self.email, self.product):
            line.clear()
        for box in (self.address, self.account, self.remedy):
            box.clear()
        self._set_defaults()
        self._restoring = False
        self._typing_started = False
        self._clear_returning()
        self.suggestions.clear()
        self.suggestion_list.hide()
        for error in (self.name_error, self.email_error, self.account_error, self.other_errors):
            error.clear_message()
        try:
            drafts.discard_draft(drafts.NEW_COMPLAINT)
        except BusyError:
            self._keep_draft_later()  # the empty form drops the draft then
        except ComplaintDeskError as exc:
            self.draft_note.setText(str(exc))
        else:
            self.draft_note.setText("")
        self.name.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ShowToParent, QEvent.Type.HideToParent):
            if watched in (self.suggestion_list, self.returning_box):
                self._update_slot_hint()
            return super().eventFilter(watched, event)
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        if is_ctrl_enter(event):
            self.save_complaint()
            return True
        if watched in (self.name, self.phone, self.email) and self.suggestion_list.isVisible():
            key = event.key()  # type: ignore[attr-defined]
            if key == Qt.Key.Key_Down:
                # The first is shown chosen (Enter takes it): Down goes on to the next.
                self.suggestion_list.setFocus()
                row = self.suggestion_list.currentIndex().row() + 1
                if row < self.suggestions.rowCount():
                    self.suggestion_list.setCurrentIndex(self.suggestions.index(row))
                return True
            if key == Qt.Key.Key_Escape:
                self.suggestion_list.hide()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                # The first suggestion is shown chosen: Enter takes it, as in any list
                # of suggestions ("Not them" undoes it).
                if self.suggestion_list.currentIndex().isValid():
                    self._on_suggestion_chosen()
                    return True
        return super().eventFilter(watched, event)

    # --- saving -----------------------------------------------------------
    @Slot()
    def save_complaint(self) -> int | None:
        data = self.form_data()
        # What Received shows: when the owner started typing, or what they set.
        received = self.received.dateTime().toPython().replace(microsecond=0)
        customer = CustomerDetails(
            name=data["name"], phone=data["phone"], email=data["email"], address=data["address"]
        )
        if self.received.problem():
            # Said with every other problem of the form at once, not one at a time.
            problems = problems_of(
                customer, ComplaintDetails(account=data["account"], received_at=dt.datetime.now())
            )
            problems["received"] = f"Received: {self.received.problem()}"
            for error in (self.name_error, self.email_error, self.account_error):
                error.clear_message()
            self._show_problems({k: v for k, v in problems.items() if v})
            if not any(key in problems for key in ("name", "phone", "email", "account")):
                self.received.setFocus()
            return None
        details = ComplaintDetails(
            account=data["account"],
            received_at=received,
            received_date_only=self.received.time_unknown(),
            channel=data["channel"],
            category_id=data["category_id"],
            product=data["product"],
            remedy_sought=data["remedy"],
            upset=data["upset"],
            handler=data["handler"],
        )
        for error in (self.name_error, self.email_error, self.account_error, self.other_errors):
            error.clear_message()
        answer: Answer | None = Answer(customer_id=self._customer_id)
        try:
            while True:
                try:
                    saved = log_complaint(
                        customer, details, author=user_name(),
                        customer_id=answer.customer_id, new_customer=answer.new_customer,
                        update_customer=answer.update_customer,
                    )  # fmt: skip
                    break
                except CustomerQuestion as question:
                    answer = ask_which_customer(self, question)
                    if answer is None:
                        self.save_draft()
                        return None
        except ValidationError as exc:
            self._show_problems(exc.problems)
            self.save_draft()
            return None
        except BusyError as exc:
            self._keep_draft_later()  # trying now would only wait again
            messages.not_saved(self, "Not saved", exc)
            return None
        except ComplaintDeskError as exc:
            self.save_draft()
            messages.not_saved(self, "Not saved", exc, "What you typed is still here.")
            return None
        self._saved_id = saved.id
        self._draft_timer.stop()
        with contextlib.suppress(ComplaintDeskError):
            drafts.discard_draft(drafts.NEW_COMPLAINT)
        self.complaint_saved.emit(saved.id)
        self.accept()
        return saved.id

    def _show_problems(self, problems: dict[str, str]) -> None:
        # The line under the phone and email boxes says what is wrong with either.
        targets = {
            "name": (self.name_error, self.name),
            "phone": (self.email_error, self.phone),
            "email": (self.email_error, self.email),
            "account": (self.account_error, self.account),
        }
        said: dict[FieldError, list[str]] = {}
        others = []
        first_widget = None
        for field, message in problems.items():
            if field in targets:
                label, widget = targets[field]
                said.setdefault(label, []).append(message)
                first_widget = first_widget or widget
            else:
                others.append(message)
        for label, messages_said in said.items():
            label.show_message(" ".join(messages_said))
        self.other_errors.show_message(" ".join(others))
        self.fit_height()
        if first_widget is not None:
            first_widget.setFocus()
            self._scroll.ensureWidgetVisible(first_widget)

    def fit_height(self) -> None:
        """As tall as the form wants, up to what the screen leaves free; beyond
        that the form scrolls and the buttons stay in view."""
        self._page.adjustSize()
        chrome = self.height() - self._scroll.viewport().height()
        wanted = self._page.sizeHint().height() + chrome
        area = available_area(self)
        room = area.height() - 32  # a title bar and borders
        height = min(wanted, room)
        if height > self.height() or self.height() > room:
            self.resize(self.width(), height)
        keep_on_screen(self, area)  # grown downwards, its buttons were below the screen

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.fit_height()
        if not self._received_edited and not self._has_content():
            self._show_received(QDateTime.currentDateTime())  # the customer is here now
        elif self.name.text():
            # A draft brought back: the next key goes after the name, not over it.
            QTimer.singleShot(0, self, self._cursor_after_name)

    @Slot()
    def _cursor_after_name(self) -> None:
        if self.name.hasSelectedText() and self.name.selectedText() == self.name.text():
            self.name.deselect()
            self.name.setCursorPosition(len(self.name.text()))

    # --- closing ---------------------------------------------------------
    @Slot()
    def _quit(self) -> None:
        window = self.parentWidget()
        self.reject()
        if window is not None and not self.isVisible():
            window.close()

    def reject(self) -> None:
        if not self.save_draft():  # closing would lose what was typed
            messages.warn(self, "Not closed", NOT_CLOSED_WHILE_BUSY)
            return
        super().reject()

    def closeEvent(self, event) -> None:
        self.save_draft()
        super().closeEvent(event)
