"""The new-complaint form's customer: returning customers suggested as their name,
phone or email is typed, one picked (their details filled in where the boxes are
empty), and Not them. Part of :class:`ui.new_complaint_dialog.NewComplaintDialog`."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from models import phones
from models.customers import CustomerMatch, customer_match, names_agree
from models.errors import ComplaintDeskError
from ui.customer_suggestions import describe

# Returning customers listed at once under the name; more scroll.
SUGGESTIONS_SHOWN = 5
LOOKING = "Customers seen before are suggested here as you type their name, phone or email."
NEW_CUSTOMER = "No customer seen before matches what you typed: saving adds them as new."
# Characters typed before "no match" is said: one or two letters match nobody yet.
SAY_NEW_FROM = 3


class ReturningCustomer:
    """Finding, picking and dropping a customer seen before."""

    def _customer_slot(self) -> QWidget:
        """The place under the name for the suggestions, or the customer picked,
        or a line saying what comes there: always as tall, so nothing below it
        moves while the name is typed."""
        self.slot_hint = QLabel(LOOKING)
        self.slot_hint.setWordWrap(True)
        self.slot_hint.setStyleSheet("color: palette(mid);")
        slot = self.slot = QWidget(objectName="customer_slot")
        layout = QVBoxLayout(slot)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slot_hint)
        layout.addWidget(self.suggestion_list)
        layout.addWidget(self.returning_box)
        layout.addStretch(1)
        row = self.suggestion_list.fontMetrics().height() + 4
        slot.setFixedHeight(row * SUGGESTIONS_SHOWN + 2 * self.suggestion_list.frameWidth() + 4)
        for shown in (self.suggestion_list, self.returning_box):
            shown.installEventFilter(self)
        return slot

    def _update_slot_hint(self) -> None:
        taken = not self.suggestion_list.isHidden() or not self.returning_box.isHidden()
        self.slot_hint.setVisible(not taken)

    @Slot(str)
    def _on_customer_typed(self, text: str) -> None:
        if self._customer_id is not None:
            if self.sender() is not self.name or names_agree(self._picked_name, text):
                return
            # Another person's name: the picked customer no longer applies.
            self._clear_returning()
        found = self.suggestions.look_up(text)
        self.suggestion_list.setVisible(found > 0)
        typed = max(len(box.text().strip()) for box in (self.name, self.phone, self.email))
        self.slot_hint.setText(NEW_CUSTOMER if not found and typed >= SAY_NEW_FROM else LOOKING)
        if found:
            self.suggestion_list.setCurrentIndex(self.suggestions.index(0))
            rows = min(found, SUGGESTIONS_SHOWN)
            height = self.suggestion_list.sizeHintForRow(0) * rows
            height = min(height + 2 * self.suggestion_list.frameWidth() + 2, self.slot.height())
            self.suggestion_list.setFixedHeight(height)

    @Slot()
    def _on_suggestion_chosen(self, index=None) -> None:
        index = index if index is not None else self.suggestion_list.currentIndex()
        chosen = self.suggestions.customer_at(index.row()) if index.isValid() else None
        if chosen is None:
            return
        self.choose_customer(chosen)

    def choose_customer(self, chosen: CustomerMatch) -> None:
        self._take_back_filled()  # another customer picked before: none of theirs stays
        self._customer_id = chosen.id
        self._picked_name = chosen.name
        self.name.setText(chosen.name)
        # A box holding what the owner typed of someone else's details keeps it
        # (saving asks whether it replaces what the log holds); an empty box, or
        # one holding part of the customer's (typed to find them), takes theirs.
        if chosen.phone and phones.part_of(self.phone.text(), chosen.phone):
            self.phone.setText(chosen.phone)
            self._filled["phone"] = chosen.phone
        typed_email = self.email.text().strip().casefold()
        if chosen.email and typed_email in chosen.email.casefold():
            self.email.setText(chosen.email)
            self._filled["email"] = chosen.email
        if chosen.address and not self.address.toPlainText().strip():
            self.address.setPlainText(chosen.address)
            self._filled["address"] = chosen.address
        self.suggestion_list.hide()
        self._show_returning(chosen.name, chosen)
        self.account.setFocus()
        self._keep_draft_soon()

    def _restore_picked(self, customer_id: int) -> None:
        """The customer a draft had picked, shown as when picked (phone, earlier
        complaints); the boxes still holding their details are theirs again, so
        Not them empties them. A customer no longer in the log is not kept."""
        try:
            chosen = customer_match(customer_id)
        except ComplaintDeskError:
            chosen = None
        if chosen is None:
            return
        self._customer_id = customer_id
        self._picked_name = self.name.text()
        boxes = {"phone": (self.phone.text(), chosen.phone),
                 "email": (self.email.text(), chosen.email),
                 "address": (self.address.toPlainText(), chosen.address)}  # fmt: skip
        self._filled = {key: kept for key, (shown, kept) in boxes.items() if kept and shown == kept}
        self._show_returning(self.name.text(), chosen)

    def _show_returning(self, name: str, chosen: CustomerMatch | None) -> None:
        text = describe(chosen) if chosen else name
        self.returning.setText(f"Returning customer: {text}")
        self.returning_box.show()

    def _take_back_filled(self) -> None:
        """Empty the boxes a picked customer's details were put in, where they still
        hold them: one customer's email or address must never go with another."""
        boxes = {"phone": self.phone, "email": self.email, "address": self.address}
        for key, value in self._filled.items():
            box = boxes[key]
            shown = box.toPlainText() if key == "address" else box.text()  # type: ignore[attr-defined]
            if shown == value:
                box.clear()
        self._filled = {}

    def _clear_returning(self) -> None:
        self._take_back_filled()
        self._customer_id = None
        self.returning_box.hide()

    @Slot()
    def _on_not_them_clicked(self) -> None:
        self._clear_returning()
        self._keep_draft_soon()
        self.name.setFocus()
        self.name.selectAll()
