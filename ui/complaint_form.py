"""A complaint's Complaint tab: what happened, what they want, its category,
product, channel, how upset, when it came in and who handles it."""

from __future__ import annotations

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QScrollArea, QWidget

from models.categories import categories
from models.choices import CHANNELS, UPSET_LEVELS
from models.complaints import ComplaintDetails, ComplaintRecord
from ui.day_box import moment_box
from ui.field_error import FieldError
from ui.fit import plain_box
from ui.person_box import PersonBox, offered_names


class ComplaintForm(QScrollArea):
    """The complaint's own fields, editable; ``edited`` on any change."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes straight to the first field
        self.received = moment_box(objectName="detail_received")
        self.received.setAccessibleName("When it was received")
        self.channel = QComboBox(objectName="detail_channel")
        for choice in CHANNELS:
            self.channel.addItem(choice.label, choice.key)
        self.category = QComboBox(objectName="detail_category")
        self.product = QLineEdit(objectName="detail_product")
        self.account = plain_box("detail_account", 4)
        self.account_error = FieldError("detail_account")
        self.remedy = plain_box("detail_remedy", 2, 4)
        self.upset = QComboBox(objectName="detail_upset")
        for choice in UPSET_LEVELS:
            self.upset.addItem(choice.label, int(choice.key))
        self.handler = PersonBox("detail_handler", "Handled by")
        self.other_errors = FieldError("detail_form")

        form = QFormLayout()
        form.addRow("What happene&d", self.account)
        form.addRow("", self.account_error)
        form.addRow("&What they want", self.remedy)
        form.addRow("Categor&y", self.category)
        form.addRow("&Product or order", self.product)
        form.addRow("Ca&me in by", self.channel)
        form.addRow("How up&set", self.upset)
        form.addRow("Rece&ived", self.received)
        form.addRow("Handled &by", self.handler)
        form.addRow("", self.other_errors)
        inner = QWidget()
        inner.setLayout(form)
        self.setWidgetResizable(True)
        self.setWidget(inner)

        for line in (self.product, self.handler):
            line.textChanged.connect(self.edited)
        for box in (self.account, self.remedy):
            box.textChanged.connect(self.edited)
        for combo in (self.channel, self.category, self.upset):
            combo.currentIndexChanged.connect(self.edited)
        self.received.dateTimeChanged.connect(self.edited)
        self.received.textEdited.connect(self.edited)

    def offer_choices(self, category_id: int | None) -> None:
        """The categories in use (and an archived one the complaint still has),
        and the people who can handle it."""
        self.category.clear()
        self.category.addItem("Not sure yet", None)
        for item in categories(include_archived=True):
            if not item.archived or item.id == category_id:
                self.category.addItem(item.name, item.id)
        self.handler.offer(offered_names())

    def fill(self, d: ComplaintDetails) -> None:
        self.account.setPlainText(d.account)
        self.remedy.setPlainText(d.remedy_sought)
        self.category.setCurrentIndex(max(0, self.category.findData(d.category_id)))
        self.product.setText(d.product)
        self.channel.setCurrentIndex(max(0, self.channel.findData(d.channel)))
        self.upset.setCurrentIndex(max(0, self.upset.findData(int(d.upset))))
        if d.received_at is not None:
            self.received.setDateTime(QDateTime(d.received_at))
            self.received.set_time_unknown(d.received_date_only)
        self.handler.setText(d.handler)

    def details(self, edited_from: ComplaintRecord | None) -> ComplaintDetails:
        """What the fields hold, as the details of a complaint first shown as
        ``edited_from``."""
        received = self.received.dateTime().toPython()
        seen = edited_from
        if seen is not None and seen.received_at.replace(second=0, microsecond=0) == received:
            received = seen.received_at  # the box shows no seconds: not changed here
        return ComplaintDetails(
            account=self.account.toPlainText(),
            received_at=received,
            received_date_only=self.received.time_unknown(),
            channel=self.channel.currentData(),
            category_id=self.category.currentData(),
            product=self.product.text(),
            remedy_sought=self.remedy.toPlainText(),
            upset=self.upset.currentData(),
            handler=self.handler.text(),
        )

    def clear(self) -> None:
        for line in (self.product, self.handler):
            line.clear()
        for box in (self.account, self.remedy):
            box.clear()
        for error in (self.account_error, self.other_errors):
            error.clear_message()

    def fields(self) -> dict[str, QWidget]:
        """Each field a save can refuse, by the name the refusal gives it."""
        return {
            "account": self.account,
            "remedy_sought": self.remedy,
            "category": self.category,
            "product": self.product,
            "channel": self.channel,
            "upset": self.upset,
            "received_at": self.received,
            "handler": self.handler,
        }
