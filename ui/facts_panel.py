"""Get the facts: what the customer says beside what we checked, the evidence,
and the finding on fault."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models import attachments, display, facts
from models.choices import FAULT_OURS, FAULTS, label_of
from models.complaints import ComplaintRecord
from models.display import moment as when
from models.edit_clash import EditClash, save_finding
from models.errors import ComplaintDeskError, ValidationError
from models.settings import user_name
from ui import file_dialogs, messages
from ui.complaint_detail_clash import settle_clash
from ui.field_error import FieldError
from ui.file_dialogs import open_in_its_program
from ui.focus_marks import frame_shows_focus
from ui.wording_check import CheckedTextEdit, WordingBanner
from ui.workers import closing_connection, run_in_background


def _notes_box(title: str, name: str) -> tuple[QGroupBox, QListWidget]:
    box = QGroupBox(title)
    notes = QListWidget(objectName=name)
    frame_shows_focus(notes)
    notes.setWordWrap(True)
    notes.setAccessibleName(title)
    layout = QVBoxLayout(box)
    layout.addWidget(notes)
    return box, notes


class FactsPanel(QWidget):
    changed = Signal(int)
    note_kind_requested = Signal(str)
    files_added = Signal(int)  # how many files the last Add files… copied in

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("facts")
        self.complaint_id: int | None = None
        self._shown: tuple[str, str] = ("", "")
        # The complaint as the finding being written started from, and the newer
        # version saved elsewhere that the person chose to save over (models.edit_clash).
        self._edited_from: ComplaintRecord | None = None
        self._save_over: ComplaintRecord | None = None

        says_box, self.customer_says = _notes_box("The customer says", "customer_says")
        checked_box, self.we_checked = _notes_box("We checked", "we_checked")
        add_says = QPushButton("Note what they say", objectName="add_customer_says")
        add_checked = QPushButton("Note what we checked", objectName="add_we_checked")
        says_box.layout().addWidget(add_says)
        checked_box.layout().addWidget(add_checked)
        notes = QHBoxLayout()
        notes.addWidget(says_box)
        notes.addWidget(checked_box)

        evidence_box = QGroupBox("Evidence")
        self.evidence = QListWidget(objectName="evidence")
        frame_shows_focus(self.evidence)
        self.evidence.setAccessibleName("Evidence")
        self.add_evidence = QPushButton("Add files…", objectName="add_evidence")
        self.open_evidence = QPushButton("Open", objectName="open_evidence")
        self.open_evidence.setEnabled(False)
        self.adding = QLabel(objectName="adding_evidence")
        self.adding.setTextFormat(Qt.TextFormat.PlainText)
        self.adding.hide()
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_evidence)
        buttons.addWidget(self.open_evidence)
        buttons.addWidget(self.adding)
        buttons.addStretch(1)
        row = QHBoxLayout(evidence_box)
        row.addWidget(self.evidence, 1)
        row.addLayout(buttons)

        fault_box = QGroupBox("Finding on fault")
        self.fault = QComboBox(objectName="fault")
        self.fault.setAccessibleName("Finding on fault")
        for choice in FAULTS:
            self.fault.addItem(choice.label, choice.key)
        self.basis = CheckedTextEdit(
            fault_is_ours=lambda: self.fault.currentData() == FAULT_OURS, record=True
        )
        self.basis.setObjectName("fault_basis")
        self.basis.setAccessibleName("What the finding rests on")
        self.basis.setPlaceholderText("What it rests on: what you checked, and what it showed")
        self.basis.setMaximumHeight(self.basis.fontMetrics().lineSpacing() * 4 + 14)
        self.basis_banner = WordingBanner(self.basis)
        self.fault_error = FieldError("fault")
        self.fault_status = QLabel(objectName="fault_status")
        self.fault_status.setTextFormat(Qt.TextFormat.PlainText)
        self.record_fault = QPushButton("Record finding", objectName="record_fault")
        form = QFormLayout(fault_box)
        form.addRow("Fault", self.fault)
        form.addRow("Basis", self.basis)
        form.addRow("", self.basis_banner)
        form.addRow("", self.fault_error)
        status_row = QHBoxLayout()
        status_row.addWidget(self.fault_status, 1)
        status_row.addWidget(self.record_fault)
        form.addRow("", status_row)

        layout = QVBoxLayout(self)
        layout.addLayout(notes, 2)
        layout.addWidget(evidence_box, 1)
        layout.addWidget(fault_box)

        add_says.clicked.connect(lambda: self.note_kind_requested.emit("customer_says"))
        add_checked.clicked.connect(lambda: self.note_kind_requested.emit("we_checked"))
        self.add_evidence.clicked.connect(self._on_add_evidence_clicked)
        self.open_evidence.clicked.connect(self._on_open_evidence_clicked)
        self.evidence.itemActivated.connect(self._on_open_evidence_clicked)
        self.evidence.currentItemChanged.connect(
            lambda item, _old: self.open_evidence.setEnabled(item is not None)
        )
        self.fault.currentIndexChanged.connect(self.basis.recheck)
        self.record_fault.clicked.connect(self.save_fault)

    # --- showing --------------------------------------------------------------
    def show_complaint(self, record: ComplaintRecord) -> None:
        """Show ``record``; shown again after a change elsewhere, the same complaint
        keeps a finding being written but not yet recorded, and the version it
        started from (its save is checked against that one)."""
        typing = self._finding() if record.id == self.complaint_id and self.is_dirty else None
        self.complaint_id = record.id
        if typing is None:
            self._edited_from, self._save_over = record, None
            self._shown = (record.fault, record.fault_basis)
        found = facts.facts(record.id)
        for widget, notes in ((self.customer_says, found.customer_says),
                              (self.we_checked, found.we_checked)):  # fmt: skip
            widget.clear()
            for note in notes:
                by = f" · {note.author}" if note.author else ""
                widget.addItem(f"{when(note.at)}{by}\n{note.text}")
        self._show_evidence()
        fault, basis = typing or self._shown
        self.fault.setCurrentIndex(max(0, self.fault.findData(fault)))
        self.basis.setPlainText(basis)
        if typing is None:
            self.fault_error.clear_message()
        if record.fault_at is None:
            self.fault_status.setText("No finding recorded yet.")
        else:
            self.fault_status.setText(
                f"{label_of(FAULTS, record.fault)}, recorded {when(record.fault_at)}."
            )

    @property
    def is_dirty(self) -> bool:
        """A finding being written that is not the one recorded."""
        return self.complaint_id is not None and self._finding() != self._shown

    def discard(self) -> None:
        """Drop a finding being written: show the one recorded."""
        if self.complaint_id is not None:
            fault, basis = self._shown
            self.fault.setCurrentIndex(max(0, self.fault.findData(fault)))
            self.basis.setPlainText(basis)

    def _finding(self) -> tuple[str, str]:
        return (str(self.fault.currentData()), self.basis.toPlainText())

    def _show_evidence(self) -> None:
        self.evidence.clear()
        if self.complaint_id is None:
            return
        for item in attachments.evidence(self.complaint_id):
            row = QListWidgetItem(f"{item.original_name}  ·  {when(item.added_at)}")
            row.setData(Qt.ItemDataRole.UserRole, item.id)
            row.setToolTip(f"SHA-256 {item.sha256}")
            self.evidence.addItem(row)
        self.open_evidence.setEnabled(False)

    # --- acting ------------------------------------------------------------------
    def add_files(self, paths: list[str]) -> None:
        """Copy files in as evidence, off the window's thread (a large file on a
        server may take a while): the list shows them once copied, and
        :attr:`files_added` says how many were."""
        if self.complaint_id is None or not paths:
            return
        complaint_id, author = self.complaint_id, user_name()
        self.add_evidence.setEnabled(False)
        self.adding.setText(f"Adding {display.count(len(paths), 'file')}…")
        self.adding.show()

        def work() -> tuple[int, list[str], ComplaintDeskError | None]:
            added, problems = 0, []
            for path in paths:
                try:
                    attachments.attach(complaint_id, Path(path), author=author)
                    added += 1
                except ValidationError as exc:
                    problems.extend(exc.problems.values())
                except ComplaintDeskError as exc:
                    return added, problems, exc  # the log cannot be written: stop there
            return added, problems, None

        def done(result: tuple[int, list[str], ComplaintDeskError | None]) -> None:
            added, problems, stopped = result
            if stopped is not None:
                problems.append(messages.why_not_saved(stopped))
            self._finish_adding(complaint_id, added, problems)

        def failed(error: BaseException) -> None:
            if not isinstance(error, Exception):
                raise error
            self._finish_adding(complaint_id, 0, [f"The files were not added: {error}"])

        run_in_background(closing_connection(work), done, failed)

    def _finish_adding(self, complaint_id: int, added: int, problems: list[str]) -> None:
        self.add_evidence.setEnabled(True)
        self.adding.hide()
        if self.complaint_id == complaint_id:
            self._show_evidence()
        if problems:
            messages.warn(self, "Evidence", "\n".join(problems))
        if added:
            self.changed.emit(complaint_id)
        self.files_added.emit(added)

    @Slot()
    def _on_add_evidence_clicked(self) -> None:
        paths = file_dialogs.open_files(
            self, "evidence", "Add evidence: photos, receipts, documents"
        )
        if paths:
            self.add_files(paths)

    @Slot()
    def _on_open_evidence_clicked(self, *_args: object) -> None:
        item = self.evidence.currentItem()
        if item is None:
            return
        try:
            path = attachments.path_of(item.data(Qt.ItemDataRole.UserRole))
        except ComplaintDeskError as exc:
            messages.warn(self, "Evidence", str(exc))
            return
        open_in_its_program(self, path, "the evidence")

    @Slot()
    def save_fault(self) -> bool:
        seen = self._edited_from
        if self.complaint_id is None or seen is None:
            return False
        self.fault_error.clear_message()
        typed = self._finding()
        try:
            save_finding(seen, facts.Finding(*typed), author=user_name(), over=self._save_over)
        except EditClash as clash:
            return settle_clash(
                self, clash, save_over=self._save_over_theirs, load=self._load_theirs
            )
        except ValidationError as exc:
            self.fault_error.show_message(" ".join(exc.problems.values()))
            return False
        except ComplaintDeskError as exc:
            messages.not_saved(self, "Not saved", exc, "What you wrote is still here.")
            return False
        self._shown = typed  # saved: the next showing starts from what is stored now
        self.changed.emit(self.complaint_id)
        return True

    def _save_over_theirs(self, theirs: ComplaintRecord) -> bool:
        self._save_over = theirs
        return self.save_fault()

    def _load_theirs(self, clash: EditClash) -> None:
        """Show their version, with what was typed here in a box they left alone
        still typed (unsaved)."""
        self.complaint_id = None
        self.show_complaint(clash.theirs)
        [kept] = clash.kept
        self.fault.setCurrentIndex(max(0, self.fault.findData(kept.fault)))
        self.basis.setPlainText(kept.fault_basis)
        self.changed.emit(clash.theirs.id)
