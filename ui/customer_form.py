"""A complaint's Customer tab: their details and notes, their other complaints,
and what they may ask of their data (a copy, or being erased)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from models import display
from models.complaints import ComplaintRecord
from models.customers import CustomerDetails
from ui.field_error import FieldError
from ui.fit import lines_high, plain_box
from ui.focus_marks import frame_shows_focus
from ui.wording_check import CheckedTextEdit, WordingBanner


class CustomerForm(QWidget):
    """The customer's fields, editable; ``edited`` on any change,
    ``complaint_chosen`` with the id of another complaint of theirs opened."""

    edited = Signal()
    complaint_chosen = Signal(int)
    export_requested = Signal()
    erase_requested = Signal()

    def __init__(self, fault_is_ours: Callable[[], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.customer_name = QLineEdit(objectName="detail_customer_name")
        self.customer_phone = QLineEdit(objectName="detail_customer_phone")
        self.customer_email = QLineEdit(objectName="detail_customer_email")
        self.customer_address = plain_box("detail_customer_address", 2, 4)
        # Notes about the customer can be disclosed in a dispute: checked like any note.
        self.customer_notes = CheckedTextEdit(fault_is_ours=fault_is_ours, record=True)
        self.customer_notes.setObjectName("detail_customer_notes")
        self.customer_notes.setTabChangesFocus(True)
        lines_high(self.customer_notes, 2, 5)
        self.customer_notes_banner = WordingBanner(self.customer_notes)
        self.customer_error = FieldError("detail_customer")
        self.earlier = QListWidget(objectName="earlier_complaints")
        frame_shows_focus(self.earlier)
        self.earlier.setAccessibleName("The customer's other complaints")
        form = QFormLayout(self)
        form.addRow("Na&me", self.customer_name)
        form.addRow("&Phone", self.customer_phone)
        form.addRow("Ema&il", self.customer_email)
        # Under the fields it is mostly about (a phone or an email), not under Notes.
        form.addRow("", self.customer_error)
        form.addRow("A&ddress", self.customer_address)
        form.addRow("Note&s", self.customer_notes)
        form.addRow("", self.customer_notes_banner)
        self.earlier_label = QLabel("Other complaints")
        form.addRow(self.earlier_label, self.earlier)
        self.export_customer = QPushButton("Copy of their data…", objectName="export_customer")
        self.export_customer.setToolTip(
            "Save everything held about this customer as a PDF and a JSON file "
            "(for a request to see their data)"
        )
        self.erase_customer = QPushButton("Erase this customer…", objectName="erase_customer")
        self.erase_customer.setToolTip(
            "Remove their name, contact details and words from every complaint, keeping the figures"
        )
        self.erased_note = QLabel(objectName="customer_erased_note")
        self.erased_note.setTextFormat(Qt.TextFormat.PlainText)
        self.erased_note.setWordWrap(True)
        privacy = QHBoxLayout()
        privacy.addWidget(self.export_customer)
        privacy.addWidget(self.erase_customer)
        privacy.addStretch(1)
        form.addRow("Their data", privacy)
        form.addRow("", self.erased_note)
        self.export_customer.clicked.connect(self.export_requested)
        self.erase_customer.clicked.connect(self.erase_requested)
        for line in (self.customer_name, self.customer_phone, self.customer_email):
            line.textChanged.connect(self.edited)
        for box in (self.customer_address, self.customer_notes):
            box.textChanged.connect(self.edited)
        self.earlier.itemActivated.connect(self._on_earlier_activated)

    def fill(self, record: ComplaintRecord) -> None:
        """The complaint's customer, their other complaints, and whether they
        were erased (then nothing of theirs can be changed)."""
        self.fill_fields(record.customer)
        self.earlier.clear()
        for summary in record.earlier:
            item = QListWidgetItem(
                display.joined(
                    summary.reference,
                    display.received(summary.received_at, summary.received_date_only),
                    summary.category or "No category",
                    summary.status,
                )
                + f"\n{summary.account}"
            )
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            self.earlier.addItem(item)
        self.earlier_label.setText(f"Other complaints ({len(record.earlier)})")
        erased = record.customer_erased_at or record.anonymised_at
        self.erased_note.setVisible(erased is not None)
        if erased is not None:
            self.erased_note.setText(
                f"Anonymised on {display.long_day(erased.date())}: the customer's details "
                "and words were removed; the figures were kept."
            )
        gone = record.customer_erased_at is not None
        self.erase_customer.setEnabled(not gone)
        self.export_customer.setEnabled(not gone)
        for line in (self.customer_name, self.customer_phone, self.customer_email):
            line.setReadOnly(gone)
        for box in (self.customer_address, self.customer_notes):
            box.setReadOnly(gone)
        self.customer_error.clear_message()

    def fill_fields(self, c: CustomerDetails) -> None:
        self.customer_name.setText(c.name)
        self.customer_phone.setText(c.phone)
        self.customer_email.setText(c.email)
        self.customer_address.setPlainText(c.address)
        self.customer_notes.setPlainText(c.notes)

    def customer(self) -> CustomerDetails:
        return CustomerDetails(
            name=self.customer_name.text(),
            phone=self.customer_phone.text(),
            email=self.customer_email.text(),
            address=self.customer_address.toPlainText(),
            notes=self.customer_notes.toPlainText(),
        )

    def clear(self) -> None:
        for line in (self.customer_name, self.customer_phone, self.customer_email):
            line.clear()
        for box in (self.customer_address, self.customer_notes):
            box.clear()
        self.earlier.clear()
        self.customer_error.clear_message()

    def fields(self) -> dict[str, QWidget]:
        """Each field a save can refuse, by the name the refusal gives it."""
        return {
            "name": self.customer_name,
            "phone": self.customer_phone,
            "email": self.customer_email,
            "address": self.customer_address,
            "notes": self.customer_notes,
        }

    @Slot(QListWidgetItem)
    def _on_earlier_activated(self, item: QListWidgetItem) -> None:
        complaint_id = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(complaint_id, int):
            self.complaint_chosen.emit(complaint_id)
