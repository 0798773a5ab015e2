"""Letter…: pick the kind and who signs, see and change the owner's own words the
draft is written around, edit the drafted text (checked as you type), make the
PDF (in the background), then save, print or open it.

The preview always shows the letter as it now stands: any change (kind, signer,
words, text) greys Save and Print at once, and a fresh draft is drawn in the
background a moment after the typing stops. Only the letter made, unchanged
since, can be saved or printed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from letters.compose import LetterText, make_pdf
from models import display
from models.business import BusinessProfile, Person
from models.calendar import closed_days_named, closed_days_named_said
from models.choices import FAULT_OURS
from models.complaints import load_complaint
from models.errors import ComplaintDeskError, ValidationError
from models.letter_drafts import (
    KIND_LABELS,
    LETTER_KINDS,
    default_signer,
    draft_letter,
    suggested_kind,
    unfinished,
)
from models.letter_records import (
    LetterRecord,
    flagged_words,
    letter_file,
    needs_reason,
    save_letter,
    wording_findings,
)
from models.settings import user_name
from ui import messages
from ui.fit import fit_to_screen
from ui.keys import ctrl_enter_anywhere
from ui.letter_preview import LetterPreview
from ui.letter_words_panel import LetterWordsPanel, highlight_words
from ui.person_box import PersonBox
from ui.wording_check import CheckedTextEdit, WordingBanner
from ui.workers import run_in_background

PREVIEW_DELAY_MS = 500  # after the last keystroke, the preview is drawn again


class LetterDialog(QDialog):
    letter_made = Signal(int)

    def __init__(
        self, complaint_id: int, profile: BusinessProfile, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("letter_dialog")
        self.complaint_id = complaint_id
        self.profile = profile
        self.record = load_complaint(complaint_id)
        self.made: LetterRecord | None = None
        self._made_text: LetterText | None = None  # what the letter made said
        self._drafted: tuple[str, str, str] = ("", "", "")  # subject, greeting, text
        self._drafted_body = ""
        self._busy = False
        self._words: dict[str, str] = {}  # the owner's words as changed for this letter
        self._shown_words: list[str] = []  # how they read in the draft, to highlight
        self._generation = 0  # bumped by every change: older previews are dropped
        self._rendering = False
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._render_preview)
        self.setWindowTitle(f"Letter about {self.record.reference}")
        fit_to_screen(self, 1100, 720)
        close = self._build_fields(profile)
        self._lay_out(close)
        self._start(complaint_id, profile, close)

    def _build_fields(self, profile: BusinessProfile) -> QPushButton:
        """The letter's fields and buttons; the Close button, returned."""
        self.kind = QComboBox(objectName="letter_kind")
        self.kind.setAccessibleName("Kind of letter")
        for kind in LETTER_KINDS:
            self.kind.addItem(KIND_LABELS[kind], kind)
        self.subject = QLineEdit(objectName="letter_subject")
        self.subject.setAccessibleName("Subject line")
        self.salutation = QLineEdit(objectName="letter_salutation")
        self.salutation.setAccessibleName("Salutation")
        self.signer = PersonBox("letter_signer", "Signed by")
        self.signer.lineEdit().setPlaceholderText(profile.signatory_name)
        self.signer.setToolTip(
            "Who signs: whoever handled the complaint unless you choose someone else. "
            "Roles come from the staff list in Edit > Business profile."
        )
        self.words = LetterWordsPanel()
        self.redraft = QPushButton("Draft again", objectName="redraft_letter")
        self.redraft.setToolTip("Draft the text again from the complaint and your words")
        self.redraft.setAutoDefault(False)
        self.body = CheckedTextEdit(fault_is_ours=lambda: self.record.fault == FAULT_OURS)
        self.body.setObjectName("letter_body")
        self.body.setAccessibleName("Letter text")
        self.banner = WordingBanner(self.body)
        recipient = self.record.customer
        to = recipient.name + (("\n" + recipient.address) if recipient.address else "")
        self.to = QLabel(display.lines_in_own_direction(to), objectName="letter_to")
        self.to.setTextFormat(Qt.TextFormat.PlainText)
        # Each line reads in its own direction (a right-to-left name or address line
        # too); the block stays at the left of the form whatever its first line is.
        self.to.setAlignment(
            Qt.AlignmentFlag.AlignLeft
            | Qt.AlignmentFlag.AlignAbsolute
            | Qt.AlignmentFlag.AlignVCenter
        )
        self.no_address = QLabel(
            "No postal address is recorded for this customer: add it on the Customer tab "
            "if the letter is to be posted.",
            objectName="no_address",
        )
        self.no_address.setWordWrap(True)
        self.no_address.setStyleSheet("color: #ef6c00;")
        self.no_address.setVisible(not recipient.address)
        # A day the letter names when the shop is closed ("you bring it in tomorrow",
        # typed on a Saturday): said as it is written, and asked about before making.
        self.closed_days = QLabel(objectName="letter_closed_days")
        self.closed_days.setTextFormat(Qt.TextFormat.PlainText)
        self.closed_days.setWordWrap(True)
        self.closed_days.setStyleSheet("color: #ef6c00;")
        self.closed_days.hide()
        self.status = QLabel(objectName="letter_status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.make = QPushButton("&Make letter", objectName="make_letter")
        self.make.setToolTip("Make the PDF and keep a copy with the complaint (Ctrl+Enter)")
        self.make.setDefault(True)
        close = QPushButton("Close", objectName="close_letter")
        close.setAutoDefault(False)
        return close

    def _lay_out(self, close: QPushButton) -> None:
        """The form and text at the left, the preview at the right, buttons under."""
        form = QFormLayout()
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind, 1)
        kind_row.addWidget(self.redraft)
        kind_label = QLabel("&Kind")
        kind_label.setBuddy(self.kind)
        form.addRow(kind_label, kind_row)
        form.addRow("To", self.to)
        form.addRow("", self.no_address)
        form.addRow("Signed &by", self.signer)
        form.addRow("&Subject", self.subject)
        form.addRow("&Greeting", self.salutation)
        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addLayout(form)
        editor_layout.addWidget(self.words)
        editor_layout.addWidget(self.body, 1)
        editor_layout.addWidget(self.banner)
        editor_layout.addWidget(self.closed_days)
        self.preview = LetterPreview()
        splitter = QSplitter()
        splitter.addWidget(editor)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(close)
        buttons.addWidget(self.make)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    def _start(self, complaint_id: int, profile: BusinessProfile, close: QPushButton) -> None:
        """The kind suggested and drafted, then what each change does."""
        self.kind.setCurrentIndex(
            self.kind.findData(
                suggested_kind(self.record.stage, self.record.status, self.record.agreed_solution)
            )
        )
        self._kind = self.kind.currentData()  # the kind the text was last drafted as
        self.signer.setText(default_signer(complaint_id, profile).name)
        self._draft()
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        self.signer.textChanged.connect(self._on_signer_changed)
        self.words.edited.connect(self._on_words_edited)
        self.redraft.clicked.connect(self._on_redraft_clicked)
        for line in (self.subject, self.salutation):
            line.textChanged.connect(self._on_letter_changed)
        self.subject.textChanged.connect(self._show_closed_days)
        self.body.textChanged.connect(self._on_body_changed)
        self.make.clicked.connect(self.make_letter)
        self.preview.copy_saved.connect(
            lambda path: self.status.setText(f"Saved a copy as {path}.")
        )
        close.clicked.connect(self.reject)
        # Ctrl+Enter makes the letter wherever the focus is (the kind, the subject, the text).
        ctrl_enter_anywhere(self, self.make_letter, (self.body,))
        self._show_closed_days()

    # --- drafting ----------------------------------------------------------------
    def _draft(self) -> None:
        draft = draft_letter(
            self.complaint_id,
            self.kind.currentData(),
            self.profile,
            signer=self.signing(),
            words=self._words,
        )
        self.subject.setText(draft.subject)
        self.salutation.setText(draft.salutation)
        self._drafted_body = draft.body
        self._drafted = (draft.subject, draft.salutation, draft.body)
        self._shown_words = [phrase for word in draft.words for phrase in word.shown]
        self.words.show_words(draft.words)
        self.body.setPlainText(draft.body)
        highlight_words(self.body, self._shown_words)
        self._on_letter_changed()

    def _edited(self) -> bool:
        return self.body.toPlainText() != self._drafted_body

    def _unmade_edits(self) -> bool:
        """The owner changed the drafted words and no letter made says them."""
        typed = (self.subject.text(), self.salutation.text(), self.body.toPlainText())
        if typed == self._drafted:
            return False
        return self._made_text is None or self._made_text != self.letter_text()

    def reject(self) -> None:
        """Esc or Close: edited text not made into a letter is only dropped when
        the owner says so."""
        if self._unmade_edits() and not messages.discard_or_keep(
            self, "Discard changes?", "Discard your changes to this letter?"
        ):
            return
        super().reject()

    def _draft_again(self, question: str) -> bool:
        """Draft afresh, asking first when the text has been edited."""
        if self._edited() and not messages.confirm(self, "Start again?", question):
            return False
        self._draft()
        return True

    @Slot(int)
    def _on_kind_changed(self, _index: int) -> None:
        if self._draft_again("Replace your edited text with a fresh draft of this kind?"):
            self._kind = self.kind.currentData()
            return
        # The edited text stays, and so does the kind it was written as: the letter
        # made is always the kind shown, with its own text.
        with QSignalBlocker(self.kind):
            self.kind.setCurrentIndex(self.kind.findData(self._kind))

    @Slot(str)
    def _on_signer_changed(self, _name: str) -> None:
        if self._edited():
            self._on_letter_changed()  # only the signature changes
        else:
            self._draft()  # "I will…" when the signer handled it, "Priya will…" if not

    @Slot(str, str)
    def _on_words_edited(self, key: str, text: str) -> None:
        self._words[key] = text
        if self._edited():
            self.status.setText("Choose Draft again to write your changed words into the text.")
        else:
            self._draft()

    @Slot()
    def _on_redraft_clicked(self) -> None:
        if self._draft_again("Replace your edited text with a fresh draft?"):
            self.status.clear()

    def signing(self) -> Person:
        """Who signs, with their role from the staff list; the profile's signatory
        when the box is empty."""
        name = self.signer.text().strip()
        if not name:
            return self.profile.signatory
        return self.profile.person(name) or Person(name)

    # --- the preview ----------------------------------------------------------------
    @Slot()
    def _on_body_changed(self) -> None:
        highlight_words(self.body, self._shown_words)
        self._show_closed_days()
        self._on_letter_changed()

    def _closed_days_named(self) -> str:
        """ "Sunday 6 December 2026 is a day the shop is closed", or ""."""
        text = f"{self.subject.text()}\n{self.body.toPlainText()}"
        return closed_days_named_said(closed_days_named(text, dt.date.today()))

    def _show_closed_days(self) -> None:
        said = self._closed_days_named()
        self.closed_days.setText(f"{said}: check the day the letter promises." if said else "")
        self.closed_days.setVisible(bool(said))

    @Slot()
    def _on_letter_changed(self, *_args: object) -> None:
        """Something the letter prints has changed: nothing shown may be printed
        until the preview shows it."""
        self._generation += 1
        self.preview.mark_changed()
        self._preview_timer.start()
        if not self._busy:  # "Made and kept as …" is about the letter before the change
            self.status.clear()

    @Slot()
    def _render_preview(self) -> None:
        if self._rendering:  # one at a time; the newest is drawn after this one
            self._preview_timer.start()
            return
        self._rendering = True
        generation, profile, text = self._generation, self.profile, self.letter_text()
        run_in_background(
            lambda: make_pdf(profile, text),
            lambda pdf: self._on_preview_made(generation, pdf),
            self._on_preview_failed,
        )

    def _on_preview_made(self, generation: int, pdf: bytes) -> None:
        if not isValid(self):
            return
        self._rendering = False
        if generation == self._generation:
            self.preview.show_draft(pdf)

    def _on_preview_failed(self, error: BaseException) -> None:
        if isValid(self):
            self._rendering = False
            self.status.setText(f"The preview could not be drawn: {error}")

    # --- making ---------------------------------------------------------------------
    def letter_text(self) -> LetterText:
        recipient = self.record.customer
        return LetterText(
            kind=self.kind.currentData(),
            reference=self.record.reference,
            recipient_name=recipient.name,
            recipient_address=recipient.address,
            salutation=self.salutation.text(),
            subject=self.subject.text(),
            body=self.body.toPlainText(),
            signer=self.signing(),
        )

    @Slot()
    def make_letter(self) -> None:
        if self._busy:
            return
        text = self.letter_text()
        if not text.body.strip():
            self.status.setText("Write the letter first.")
            return
        problem = unfinished(text.subject, text.body)
        if problem:
            self.status.setText(problem)
            return
        closed = self._closed_days_named()
        if closed and not messages.confirm(
            self, "Make letter", f"{closed}. Make the letter anyway?"
        ):
            self.status.setText("Not made: change the day in the letter's text.")
            return
        findings = wording_findings(text.subject, text.body, self.record.fault)
        reason = ""
        if needs_reason(findings, self.record.fault):
            answer = messages.ask_text(
                self,
                "Send anyway?",
                "The wording check found "
                f"{flagged_words(text.subject, text.body, self.record.fault)} that may admit"
                " fault before the facts are established.\nTo make the letter as it is, say why "
                "(this is recorded on the timeline):",
            )
            if answer is None or not answer.strip():
                self.status.setText("Not made: change the highlighted words, or give a reason.")
                return
            reason = answer
        # The button stays enabled (a second press does nothing while busy): a
        # disabled button would hand its focus on to the next box, all selected.
        self._busy = True
        self._preview_timer.stop()
        self.status.setText("Making the PDF…")
        profile = self.profile
        run_in_background(
            lambda: make_pdf(profile, text),
            lambda pdf: self._on_pdf_made(text, pdf, reason),
            self._on_pdf_failed,
        )

    def _on_pdf_made(self, text: LetterText, pdf: bytes, reason: str) -> None:
        if not isValid(self):
            return
        self._busy = False
        try:
            self.made = save_letter(
                self.complaint_id, text.kind, text.subject, text.body, pdf,
                author=user_name(), override_reason=reason,
            )  # fmt: skip
        except ValidationError as exc:
            self.status.setText(" ".join(exc.problems.values()))
            return
        except ComplaintDeskError as exc:
            messages.not_saved(self, "Letter not kept", exc, "Your text is still here.")
            self.status.setText("Not made.")
            return
        self._made_text = text
        self._generation += 1  # a draft still being drawn is older than this
        try:
            shown, unseen = letter_file(self.made.id), ""
        except ComplaintDeskError as exc:  # kept, but cannot be read back (a server gone since)
            shown, unseen = None, f" It cannot be shown: {exc}"
        self.preview.show_pdf(shown)
        if self.letter_text() != text:  # changed while it was being made
            self._on_letter_changed()
            self.status.setText(
                f"Made and kept as {self.made.file_name}, without the changes made since.{unseen}"
            )
        else:
            self.status.setText(f"Made and kept as {self.made.file_name}.{unseen}")
        self.letter_made.emit(self.made.id)

    def _on_pdf_failed(self, error: BaseException) -> None:
        if not isValid(self):
            return
        self._busy = False
        self.status.setText("Not made.")
        messages.warn(self, "Letter not made", f"The PDF could not be made: {error}")
