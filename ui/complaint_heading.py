"""The lines above a complaint's tabs: its reference and customer, where it
stands (open or closed, its stage, when it came in, the first response, when it
closed), and a warning when it has waited too long."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from models import display
from models.choices import CLOSED
from models.complaints import ComplaintRecord
from models.pace import pace, response_start


def _label(name: str) -> QLabel:
    label = QLabel(objectName=name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def standing(record: ComplaintRecord, now: dt.datetime) -> tuple[str, str, str]:
    """Where ``record`` stands, in a line ("Open · Resolve · received Today 09:12 ·
    first response 2 hours after"), what its import changed (a tooltip), and
    how long it has waited too long ("" when it has not)."""
    timing = pace(record.received_at, record.first_response_at, record.status,
                  record.closed_at, now, imported_at=record.imported_at,
                  received_date_only=record.received_date_only)  # fmt: skip
    # A closed complaint is at no stage: "Closed", not "Closed · Engage".
    parts = [] if record.status == CLOSED else ["Open"]
    parts += [display.stage(record.status, record.stage)]
    date_only = record.received_date_only
    parts.append(f"received {display.received(record.received_at, date_only, now=now)}")
    if record.first_response_at is not None and timing.first_response is not None:
        start = response_start(record.received_at, record.imported_at, record.first_response_at)
        if start != record.received_at:  # answered in the app after the import
            after = f"{display.duration(timing.first_response)} after the import"
        else:
            after = display.after_received(record.received_at, date_only, record.first_response_at)
        parts.append(f"first response {after}")
    if record.closed_at and record.closed_date_unknown:
        parts.append("closed on a day not known")  # the old log gave no date closed
    elif record.closed_at:
        closed_day_only = display.closed_date_only(date_only, record.closed_at)
        parts.append(f"closed {display.received(record.closed_at, closed_day_only, now=now)}")
    return " · ".join(parts), timing.imported, timing.waiting or ""


class ComplaintHeading(QWidget):
    """The reference and customer in large type, where the complaint stands, and
    the waiting warning (shown only when there is one)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = _label("detail_heading")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.standing = _label("detail_subheading")
        self.waiting = _label("detail_waiting")
        self.waiting.setStyleSheet("color: #c62828; font-weight: bold;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label in (self.title, self.standing, self.waiting):
            layout.addWidget(label)

    def show_record(self, record: ComplaintRecord, now: dt.datetime | None = None) -> None:
        self.title.setText(f"{record.reference} · {display.isolated(record.customer.name)}")
        line, imported, waiting = standing(record, now or dt.datetime.now())
        self.standing.setText(line)
        self.standing.setToolTip(imported)
        self.waiting.setText(f"⚠ Waiting too long: {waiting}" if waiting else "")
        self.waiting.setVisible(bool(waiting))

    def clear(self) -> None:
        for label in (self.title, self.standing, self.waiting):
            label.clear()
