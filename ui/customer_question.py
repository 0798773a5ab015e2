"""Asking who a new complaint is from, when the details could change or belong to
someone already in the log (see :class:`models.complaints.CustomerQuestion`)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from models import display
from models.complaints import CustomerQuestion
from ui import messages

# At most this many people are offered by name; the owner can pick from the suggestions.
MOST_OFFERED = 3


@dataclass(frozen=True)
class Answer:
    """How to log the complaint: for this customer (updating them or not), or a new one."""

    customer_id: int | None = None
    new_customer: bool = False
    update_customer: bool = False


def _literal(name: str) -> str:
    """A name in a button's text, its "&" shown as typed rather than taken as the
    button's Alt+letter."""
    return name.replace("&", "&&")


def ask(parent: QWidget | None, question: CustomerQuestion) -> Answer | None:
    """The owner's answer, or None when they cancel (nothing is saved then)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setWindowTitle("Which customer?")
    answers = {}
    person = question.customer
    if person is not None and person.id is not None:
        name = display.isolated(person.name)
        box.setText(
            f"{question}\n\n{question.changes}\n\nIs this {name} with new details, or someone else?"
        )
        update = box.addButton(f"Update {_literal(person.name)}", QMessageBox.ButtonRole.AcceptRole)
        update.setToolTip("Their details change on every complaint of theirs, on the timeline")
        answers[update] = Answer(customer_id=person.id, update_customer=True)
    else:
        box.setText(f"{question}\n\nWho is this complaint from?")
        for candidate in question.candidates[:MOST_OFFERED]:
            if candidate.id is not None:
                button = box.addButton(
                    f"It is {_literal(candidate.name)}", QMessageBox.ButtonRole.AcceptRole
                )
                answers[button] = Answer(customer_id=candidate.id)
    new = box.addButton("A new customer", QMessageBox.ButtonRole.AcceptRole)
    answers[new] = Answer(new_customer=True)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    messages.show_box(box)
    return answers.get(box.clickedButton())
