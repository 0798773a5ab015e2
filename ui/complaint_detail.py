"""One complaint in full: its fields (editable), its customer, its timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from models import display, guide
from models.choices import CLOSED, FAULT_OURS
from models.complaints import (
    ComplaintDetails,
    ComplaintRecord,
    load_complaint,
    validate_complaint,
)
from models.customers import CustomerDetails, validate_customer
from models.edit_clash import EditClash, save_edits
from models.errors import ComplaintDeskError, ValidationError
from models.settings import user_name
from ui import messages
from ui.checklist_panel import ChecklistPanel
from ui.complaint_detail_clash import settle_clash
from ui.complaint_detail_reading import unreadable
from ui.complaint_detail_typing import TypingOnEveryTab
from ui.complaint_followups_panel import ComplaintFollowUpsPanel
from ui.complaint_form import ComplaintForm
from ui.complaint_heading import ComplaintHeading
from ui.customer_form import CustomerForm
from ui.facts_panel import FactsPanel
from ui.fit import TabLabels, name_inner_fields, scrolled
from ui.keys import tabs_lead_into_their_page
from ui.lessons_panel import LessonsPanel
from ui.letters_panel import LettersPanel
from ui.note_composer import NoteComposer
from ui.resolve_panel import ResolvePanel
from ui.timeline_model import TimelineModel


def guide_channel(record: ComplaintRecord) -> str:
    """How the guide words its first steps for ``record`` (:func:`models.guide.wording_key`)."""
    return guide.wording_key(record.details.channel, record.imported_at is not None)


class ComplaintDetailView(TypingOnEveryTab, QWidget):
    complaint_changed = Signal(int)
    open_requested = Signal(int)
    letter_requested = Signal(int)
    export_customer_requested = Signal(int, str)  # customer id, name
    erase_customer_requested = Signal(int, str)
    read_failed = Signal(object)  # damage or a busy file met reading a complaint

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("complaint_detail")
        self._record: ComplaintRecord | None = None
        self._unread_id: int | None = None  # the complaint last asked for
        # The complaint as the Complaint and Customer tabs were filled from it (what
        # their edits start from), and the newer version saved elsewhere that the
        # person chose to save over (see models.edit_clash).
        self._edited_from: ComplaintRecord | None = None
        self._save_over: ComplaintRecord | None = None
        self._loading = False
        self._dirty = False
        self._today = today
        self._build_heading()
        self._build_tabs(today)
        self._build_pages()
        self._connect()
        name_inner_fields(self)

    def _build_heading(self) -> None:
        self.placeholder = QLabel(
            "Choose a complaint from the list, or press Ctrl+N for a new one."
        )
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)

        # The reference and customer, where it stands, and the waiting warning.
        self.header = ComplaintHeading()
        self.heading, self.subheading = self.header.title, self.header.standing
        self.waiting = self.header.waiting

    def _next_tab(self, step: int) -> None:
        """Show the next tab that can be shown (``step`` -1: the one before), round."""
        count = self.tabs.count()
        index = self.tabs.currentIndex()
        for _ in range(count):
            index = (index + step) % count
            if self.tabs.isTabEnabled(index):
                self.tabs.setCurrentIndex(index)
                return

    def _build_tabs(self, today: Callable[[], dt.date]) -> None:
        self.checklist = ChecklistPanel()
        self.facts = FactsPanel()
        self.resolve = ResolvePanel(fault_is_ours=self.fault_is_ours)
        self.composer = NoteComposer(fault_is_ours=self.fault_is_ours)
        self.tabs = QTabWidget(objectName="detail_tabs")
        # Every tab stays in view however narrow the window, with no scroll arrows.
        self.tab_labels = TabLabels(self.tabs)
        # Long pages scroll, so the window fits a 768-pixel-high screen. Alt+A
        # for Facts: Alt+F opens the File menu.
        self._add_tab(self.checklist, "&Guide")
        self._add_tab(self._complaint_tab(), "&Complaint")
        self.COMPLAINT_TAB = self.tabs.count() - 1
        self._add_tab(scrolled(self.facts), "F&acts")
        self._add_tab(scrolled(self.resolve), "&Resolve")
        self.followups = ComplaintFollowUpsPanel(today)
        self._add_tab(scrolled(self.followups), "F&ollow-ups")
        self.FOLLOWUPS_TAB = self.tabs.count() - 1
        self.lessons = LessonsPanel()
        self._add_tab(scrolled(self.lessons), "Lesso&ns")
        self._add_tab(scrolled(self._customer_tab()), "C&ustomer")
        self.letters = LettersPanel()
        self._add_tab(self.letters, "&Letters")
        self._add_tab(self._timeline_tab(), "&Timeline")
        self.TIMELINE_TAB = self.tabs.count() - 1
        self.LETTERS_TAB = self.tabs.count() - 2
        tabs_lead_into_their_page(self.tabs)
        self.CUSTOMER_TAB = self.tabs.count() - 3

    def _build_pages(self) -> None:
        """The complaint's page (heading, tabs, note, buttons) and the pages shown
        instead: none chosen yet, or one that cannot be read."""
        self.save_button = QPushButton("Save changes", objectName="save_changes")
        self.save_button.setToolTip("Save changes (Ctrl+S)")
        self.revert_button = QPushButton("Undo changes", objectName="revert_changes")
        self.close_button = QPushButton("Close complaint", objectName="close_complaint")
        self.letter_button = QPushButton("Letter…", objectName="letter_button")
        self.letter_button.setToolTip("Write a letter about this complaint (Ctrl+L)")
        for button in (self.save_button, self.revert_button):
            button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.letter_button)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.composer)
        layout.addLayout(buttons)

        self.unreadable = QLabel(objectName="detail_unreadable")
        self.unreadable.setTextFormat(Qt.TextFormat.PlainText)
        self.unreadable.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.unreadable.setWordWrap(True)
        self.unreadable.setStyleSheet("color: #b00020;")

        self.pages = QStackedWidget()
        self.pages.addWidget(self.placeholder)
        self.pages.addWidget(page)
        self.pages.addWidget(self.unreadable)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)

    def _connect(self) -> None:
        # The buttons under the tabs act on what is typed on every tab, as Ctrl+S
        # does: typing in Resolve or Lessons lights them up too.
        self.save_button.clicked.connect(lambda: self.save_typed())
        self.revert_button.clicked.connect(self._on_revert_clicked)
        self.close_button.clicked.connect(self._on_close_clicked)
        # Ctrl+S saves what is typed on every tab (the Resolve and Lessons boxes too),
        # but not a note half-written: that has its own Add.
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save_typed)
        QShortcut(QKeySequence("Ctrl+L"), self, activated=self.request_letter)
        # The next and the previous tab, from anywhere in the window (the log too).
        QShortcut(QKeySequence("Ctrl+PgDown"), self, activated=lambda: self._next_tab(1))
        QShortcut(QKeySequence("Ctrl+PgUp"), self, activated=lambda: self._next_tab(-1))
        self.letter_button.clicked.connect(self.request_letter)
        self.letters.new_letter_requested.connect(self.request_letter)
        self.checklist.hint_chosen.connect(self.composer.insert_hint)
        self.checklist.changed.connect(self._on_part_changed)
        self.facts.changed.connect(self._on_part_changed)
        self.facts.note_kind_requested.connect(self._on_note_kind_requested)
        self.resolve.changed.connect(self._on_part_changed)
        self.resolve.given_requested.connect(self._show_redress)
        self.followups.changed.connect(self._on_part_changed)
        self.lessons.changed.connect(self._on_part_changed)
        self.composer.note_added.connect(self._on_part_changed)
        self.composer.note_added.connect(self._say_note_added)
        for edited in (self.resolve.options.textChanged, self.resolve.solution.textChanged,
                       self.resolve.first_contact.toggled, self.lessons.form.edited,
                       self.facts.fault.currentIndexChanged, self.facts.basis.textChanged,
                       self.resolve.changed, self.lessons.changed, self.facts.changed):  # fmt: skip
            # Connected after each tab's own handler, which decides whether it holds
            # changes.
            edited.connect(lambda *_: self._show_unsaved())

    def show_guide(self) -> None:
        """Bring the Guide to the front (a complaint just logged starts there)."""
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if page is self.checklist or page.isAncestorOf(self.checklist):
                self.tabs.setCurrentIndex(index)
                return

    def _show_redress(self) -> None:
        """The Lessons tab, ready to record the first thing given."""
        for index in range(self.tabs.count()):
            if self.tabs.widget(index).isAncestorOf(self.lessons):
                self.tabs.setCurrentIndex(index)
        first = self.lessons.form.redress_rows.first.kind
        target = first if first.isEnabled() else self.lessons
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- building --------------------------------------------------------
    def _add_tab(self, page: QWidget, text: str) -> None:
        self.tabs.addTab(page, text)
        self._set_tab_text(self.tabs.count() - 1, text)

    def _set_tab_text(self, index: int, text: str, short: str | None = None) -> None:
        self.tab_labels.set(index, text, short)

    def _show_tab_of(self, panel: QWidget) -> None:
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if page is panel or page.isAncestorOf(panel):
                self.tabs.setCurrentIndex(index)
                return

    def _complaint_tab(self) -> QWidget:
        self.complaint_form = form = ComplaintForm()
        self.received, self.channel, self.category = form.received, form.channel, form.category
        self.product, self.account, self.remedy = form.product, form.account, form.remedy
        self.upset, self.handler = form.upset, form.handler
        self.account_error, self.other_errors = form.account_error, form.other_errors
        form.edited.connect(self._on_edited)
        return form

    def _customer_tab(self) -> QWidget:
        self.customer_form = form = CustomerForm(self.fault_is_ours)
        self.customer_name, self.customer_phone = form.customer_name, form.customer_phone
        self.customer_email, self.customer_address = form.customer_email, form.customer_address
        self.customer_notes, self.customer_error = form.customer_notes, form.customer_error
        self.earlier, self.erased_note = form.earlier, form.erased_note
        self.export_customer, self.erase_customer = form.export_customer, form.erase_customer
        form.edited.connect(self._on_edited)
        form.export_requested.connect(self._on_export_customer_clicked)
        form.erase_requested.connect(self._on_erase_customer_clicked)
        form.complaint_chosen.connect(self.open_requested)
        return form

    @Slot()
    def _on_export_customer_clicked(self) -> None:
        if self.record is not None:
            self.export_customer_requested.emit(self.record.customer_id, self.record.customer.name)

    @Slot()
    def _on_erase_customer_clicked(self) -> None:
        if self.record is not None and self.confirm_leave():
            self.erase_customer_requested.emit(self.record.customer_id, self.record.customer.name)

    def _timeline_tab(self) -> QWidget:
        self.timeline = TimelineModel(self)
        self.timeline_view = QListView(objectName="timeline")
        self.timeline_view.setModel(self.timeline)
        self.timeline_view.setWordWrap(True)
        # Laid out again as its width changes (a scroll bar appearing, the log
        # widened): else an entry measured for one width is cut at another.
        self.timeline_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.timeline_view.setAlternatingRowColors(True)
        self.timeline_view.setSpacing(3)
        self.timeline_view.setAccessibleName("Timeline")
        return self.timeline_view

    def fault_is_ours(self) -> bool:
        """Whether the facts have shown the fault was ours (the wording check follows)."""
        return self._record is not None and self._record.fault == FAULT_OURS

    # --- showing a complaint ----------------------------------------------
    @property
    def record(self) -> ComplaintRecord | None:
        return self._record

    @property
    def complaint_id(self) -> int | None:
        return self._record.id if self._record else None

    @property
    def is_dirty(self) -> bool:
        """Unsaved edits on the Complaint and Customer tabs."""
        return self._dirty

    @property
    def has_unsaved_typing(self) -> bool:
        """Anything typed on any tab and not yet saved: the Complaint and Customer
        tabs, the Resolve boxes, a lesson, a finding or a note being written."""
        return self.has_unsaved_edits or (self._record is not None and self.composer.is_dirty)

    @property
    def has_unsaved_edits(self) -> bool:
        """Typing not saved on any tab but a note being written: what a newer
        version of the complaint would overwrite if shown (a note stays as it is)."""
        return self._record is not None and self._dirty_besides_the_note()

    def read_again(self) -> None:
        """The log can be read again (the server is back): a complaint that could
        not be read is read now, without choosing it again."""
        if self.pages.currentIndex() == 2 and self._unread_id is not None:
            self.show_complaint(self._unread_id)

    def show_complaint(self, complaint_id: int | None) -> None:
        self._unread_id = complaint_id
        if complaint_id is None:
            self._record = self._edited_from = None
            self._set_dirty(False)
            self.pages.setCurrentIndex(0)
            return
        # Shown only once every part of it is read: never one complaint's heading
        # over another's ticks when a read fails part-way.
        self.pages.setCurrentIndex(0)
        previous = self._record.id if self._record is not None else None
        self._record = None
        try:
            record = load_complaint(complaint_id)
            self._record = self._edited_from = record
            self._save_over = None
            self._loading = True
            try:
                self._fill(record)
            finally:
                self._loading = False
        except Exception as exc:
            self._show_unreadable(exc)
            return
        self._set_dirty(False)
        self.pages.setCurrentIndex(1)
        if complaint_id != previous:  # another complaint: each page from its top
            for area in self.tabs.findChildren(QScrollArea):
                area.verticalScrollBar().setValue(0)

    def _show_unreadable(self, exc: Exception) -> None:
        """Reading the complaint failed: show none of it, and say why."""
        self._record = None
        self._set_dirty(False)
        self._empty()
        why = unreadable(exc)
        if why is None:  # no longer in the log
            self.pages.setCurrentIndex(0)
            return
        self.unreadable.setText(why.text)
        self.pages.setCurrentIndex(2)
        if why.problem is None:
            raise exc
        self.read_failed.emit(why.problem)

    def _empty(self) -> None:
        """Nothing of any complaint left in the detail's own fields."""
        self._loading = True
        try:
            self.header.clear()
            self.complaint_form.clear()
            self.customer_form.clear()
            self.timeline.load(None)
        finally:
            self._loading = False

    def _fill(self, record: ComplaintRecord) -> None:
        d = record.details
        self.header.show_record(record)
        self.complaint_form.offer_choices(d.category_id)
        self.complaint_form.fill(d)
        self.customer_form.fill(record)  # its fields, other complaints, erased or not
        self._show_what_can_be_done(record)
        self._set_tab_text(
            self.CUSTOMER_TAB,
            f"C&ustomer ({display.count(len(record.earlier), 'other')})"
            if record.earlier
            else "C&ustomer",
        )
        for error in (self.account_error, self.other_errors):
            error.clear_message()
        self.checklist.show_complaint(
            record.id,
            record.stage,
            record.received_date_only,
            guide_channel(record),
            closed=record.status == CLOSED,
        )
        self.facts.show_complaint(record)
        self.resolve.show_complaint(record)
        if self.composer.complaint_id != record.id:
            # A note is about one complaint; leaving the one before asked first.
            self.composer.start(record.id)
        self.composer.text.recheck()
        self._show_letters()
        self._show_followups()
        self.lessons.show_complaint(record, self._today())
        self._show_timeline()

    def _fill_fields(self, d: ComplaintDetails, c: CustomerDetails) -> None:
        """Put a complaint's details and its customer's in the Complaint and
        Customer tabs' boxes."""
        self.complaint_form.fill(d)
        self.customer_form.fill_fields(c)

    def _show_what_can_be_done(self, record: ComplaintRecord) -> None:
        """An anonymised complaint is not reopened and gets no letter: nobody is
        left to contact (the same rule as models.anonymise.refuse_if_erased)."""
        self.close_button.setText(
            "Reopen complaint" if record.status == CLOSED else "Close complaint"
        )
        erased = record.anonymised_at or record.customer_erased_at
        on = display.long_day(erased.date()) if erased else ""
        why = f"its customer's details were erased on {on}" if erased else ""
        self.close_button.setEnabled(not erased or record.status != CLOSED)
        self.close_button.setToolTip(f"It cannot be reopened: {why}." if erased else "")
        self.letter_button.setEnabled(not erased)
        self.letter_button.setToolTip(
            f"No letter can be written: {why}."
            if erased
            else "Write a letter about this complaint (Ctrl+L)"
        )
        if erased and self.has_unsaved_typing:
            # Erased at another counter while something was typed here: it can no
            # longer be saved, and may hold the erased person's words, so it goes,
            # and the owner is told why rather than asked again and again to save.
            self.discard_typing()
            messages.inform(
                self, "Customer erased",
                f"{record.reference}: {why}, so what you were typing about it could not be "
                "kept and was cleared.",
            )  # fmt: skip
        # Nothing new is written about someone erased: no note, finding, evidence,
        # offer, action, follow-up or lesson (models.anonymise refuses them too).
        for widget in (self.composer, self.facts, self.resolve, self.followups, self.lessons):
            widget.setEnabled(not erased)
            widget.setToolTip(f"Nothing new can be added: {why}." if erased else "")
        new_letter = self.letters.findChild(QPushButton, "new_letter")
        if new_letter is not None:
            new_letter.setEnabled(not erased)
            new_letter.setToolTip(self.letter_button.toolTip())

    def _show_followups(self) -> None:
        if self._record is None:
            return
        pending = self.followups.show_complaint(self._record.id)
        label = f"F&ollow-ups ({pending})" if pending else "F&ollow-ups"
        self._set_tab_text(self.FOLLOWUPS_TAB, label, short=label)

    def _show_letters(self) -> None:
        if self._record is None:
            return
        count = self.letters.show_complaint(self._record.id)
        self._set_tab_text(self.LETTERS_TAB, f"&Letters ({count})" if count else "&Letters")

    @Slot()
    def request_letter(self) -> None:
        if self._record is not None and self.letter_button.isEnabled():
            self.letter_requested.emit(self._record.id)

    def letter_made(self) -> None:
        """A letter was made for the complaint shown: list it and refresh the timeline."""
        self._show_letters()
        self._reload_keeping_edits()

    def _show_timeline(self) -> None:
        if self._record is None:
            return
        self.timeline.load(self._record.id)
        self._set_tab_text(self.TIMELINE_TAB, f"&Timeline ({self.timeline.rowCount()})")
        self.timeline_view.scrollToBottom()

    # --- editing ----------------------------------------------------------
    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self._show_unsaved()

    def _show_unsaved(self) -> None:
        """Save changes and Undo changes are lit while any tab holds typing not
        saved (a note being written has its own Add)."""
        unsaved = self.has_unsaved_edits
        self.save_button.setEnabled(unsaved)
        self.revert_button.setEnabled(unsaved)

    @Slot()
    def _on_edited(self) -> None:
        if not self._loading and self._record is not None:
            self._set_dirty(True)

    def _details(self) -> ComplaintDetails:
        return self.complaint_form.details(self._edited_from)

    def _customer(self) -> CustomerDetails:
        return self.customer_form.customer()

    @Slot()
    def save(self) -> bool:
        """Save the edits; on a problem say what it is and keep every edit."""
        record = self._edited_from
        if self._record is None or record is None or not self._dirty:
            return True
        for error in (self.account_error, self.other_errors, self.customer_error):
            error.clear_message()
        if self.received.problem():
            self.other_errors.show_message(f"Received: {self.received.problem()}")
            self.received.setFocus()
            return False
        details, customer = self._details(), self._customer()
        # Both checked before either is written: a refusal saves nothing.
        problems = validate_complaint(details.cleaned())
        if customer != record.customer:
            problems = {**problems, **validate_customer(customer.cleaned())}
        if problems:
            self._show_problems(problems)
            return False
        try:
            save_edits(record, details, customer, author=user_name(), over=self._save_over)
        except EditClash as clash:
            return self._on_clash(clash)
        except ValidationError as exc:
            self._show_problems(exc.problems)
            return False
        except ComplaintDeskError as exc:
            messages.not_saved(self, "Not saved", exc, "Your changes are still here.")
            return False
        where = self._typing_place()
        self.show_complaint(record.id)
        self.complaint_changed.emit(record.id)
        self._back_to(where)
        messages.done(self, f"Saved the changes to {record.reference}.")
        return True

    def _on_clash(self, clash: EditClash) -> bool:
        """Someone else saved the same fields meanwhile: say who and which, keep
        what was typed, and load theirs or save over it as the person chooses."""
        return settle_clash(self, clash, save_over=self._save_over_theirs, load=self._load_theirs)

    def _save_over_theirs(self, theirs: ComplaintRecord) -> bool:
        self._save_over = theirs
        return self.save()

    def _load_theirs(self, clash: EditClash) -> None:
        """Show their version, with what was typed here in fields they left alone
        still typed (unsaved)."""
        theirs = clash.theirs
        self.show_complaint(theirs.id)
        self.complaint_changed.emit(theirs.id)
        details, customer = clash.kept
        if self._record is not None and (details, customer) != (theirs.details, theirs.customer):
            self._loading = True
            try:
                self._fill_fields(details, customer)
            finally:
                self._loading = False
            self._set_dirty(True)

    def _field_widgets(self) -> dict[str, QWidget]:
        """Each field a save can refuse, in the order of the tabs and forms."""
        return self.complaint_form.fields() | self.customer_form.fields()

    def _show_problems(self, problems: dict[str, str]) -> None:
        """Say what is wrong under the fields, and go to the first of them: its
        tab shown, the cursor in it."""
        customer_fields = {"name", "phone", "email", "address", "notes"}
        customer = [m for f, m in problems.items() if f in customer_fields]
        others = [m for f, m in problems.items() if f not in customer_fields and f != "account"]
        self.account_error.show_message(problems.get("account", ""))
        self.other_errors.show_message(" ".join(others))
        self.customer_error.show_message(" ".join(customer))
        fields = self._field_widgets()
        first = next((name for name in fields if name in problems), None)
        on_customer_tab = first in customer_fields if first else bool(customer) and not others
        self.tabs.setCurrentIndex(self.CUSTOMER_TAB if on_customer_tab else self.COMPLAINT_TAB)
        if first is not None:
            fields[first].setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def _on_revert_clicked(self) -> None:
        if self._record is not None:
            self.discard_typing(note_stays=True)
            self.show_complaint(self._record.id)

    @Slot()
    def _on_close_clicked(self) -> None:
        record = self._record
        if record is None:
            return
        if record.status != CLOSED:
            from ui.close_complaint_dialog import CloseComplaintDialog

            typed = self.lessons.form.learnt() if self.lessons.is_dirty else None
            dialog = CloseComplaintDialog(record, self, typed)
            closed = bool(dialog.exec())
            if closed or dialog.loaded_theirs:
                self._reload_keeping_edits()
            if closed:
                messages.done(self, f"Closed {record.reference}.")
            return
        from ui.reopen_dialog import ReopenDialog

        if ReopenDialog(record, self, self._today()).exec():
            messages.done(self, f"Opened {record.reference} again.")
        self._reload_keeping_edits()

    def _reload_keeping_edits(self) -> None:
        """Re-read the complaint after a change made elsewhere in the view.

        Unsaved edits in the Complaint and Customer tabs stay as typed; the
        heading, guide, facts, resolve panel and timeline show the change."""
        record = self._record
        if record is None:
            return
        if not self._dirty:
            self.show_complaint(record.id)
        elif not self._refresh_around_edits(record.id):
            return
        self.complaint_changed.emit(record.id)

    def show_changes_around_typing(self) -> None:
        """A change saved at another counter while something is typed here: the
        heading, the guide, the follow-ups and the timeline show it now; every box
        typed in stays as typed (saving then says what clashes, if anything)."""
        if self._record is not None:
            self._show_around_typing(load_complaint(self._record.id))

    def _show_around_typing(self, fresh: ComplaintRecord) -> None:
        """``fresh`` in the parts of the detail nobody types in."""
        self._record = fresh
        self.header.show_record(fresh)
        self.checklist.show_complaint(
            fresh.id,
            fresh.stage,
            fresh.received_date_only,
            guide_channel(fresh),
            closed=fresh.status == CLOSED,
        )
        self._show_followups()
        self._show_timeline()

    def _refresh_around_edits(self, complaint_id: int) -> bool:
        """Show a change made in another tab while the Complaint or Customer tab
        holds unsaved edits; a read that fails is said and the edits stay."""
        try:
            fresh = load_complaint(complaint_id)
            self._show_around_typing(fresh)
            self._show_what_can_be_done(fresh)
            self.facts.show_complaint(fresh)
            if not self.resolve.is_dirty:
                self.resolve.show_complaint(fresh)
            self.composer.text.recheck()
            self.lessons.show_complaint(fresh, self._today())
        except Exception as exc:
            why = unreadable(exc)
            if why is None or why.problem is None:
                raise
            self.read_failed.emit(why.problem)
            return False
        return True

    @Slot(int)
    def _on_part_changed(self, _complaint_id: int) -> None:
        record = self._record
        fault_before = record.fault if record else None
        self._reload_keeping_edits()
        if self._record is not None and self._record.fault != fault_before:
            for box in (self.composer.text, self.resolve.options, self.resolve.solution):
                box.recheck()

    @Slot(int)
    def _say_note_added(self, _complaint_id: int) -> None:
        if self._record is not None:
            messages.done(self, f"Note added to {self._record.reference}.")

    @Slot(str)
    def _on_note_kind_requested(self, kind: str) -> None:
        """ "Note what they say" / "what we checked": a note already typed is added
        as that; otherwise the note box waits for it."""
        self.composer.set_kind(kind)
        if not self.composer.is_dirty or not self.composer.add_note():
            self.composer.text.setFocus()
