"""The main window: the complaints log beside the complaint in hand.

Its menu bar and toolbar, and what the Edit and Help menus open, are in
:mod:`ui.main_menus`; what the File menu does is in :mod:`ui.file_menu`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import APP_NAME
from models import display, settings
from models.complaint_list import log_is_empty
from models.counter import WINDOW_GEOMETRY
from models.errors import ComplaintDeskError
from ui import messages
from ui.complaint_list_view import ComplaintListView
from ui.damage_notice import DamageNotice
from ui.file_menu import FileMenu
from ui.fit import available_area, fit_to_screen
from ui.main_menus import MainMenus
from ui.shared_log import (
    AT_ANOTHER_COUNTER,
    LISTED,
    ServerBanner,
    changed_while_shown,
    changed_while_typing,
)
from ui.workers import Watch

if TYPE_CHECKING:
    from ui.complaint_detail import ComplaintDetailView
    from ui.followups_view import FollowUpsView
    from ui.log_place_section import Reopen
    from ui.shared_log import SharedLog
from ui.complaint_table_model import ComplaintTableModel

GEOMETRY_SETTING = WINDOW_GEOMETRY
CLOSING_SERVER_WAIT_S = 0.5  # the most closing waits for a server that has stopped answering
# Screens up to this wide are a till's: the window opens across the whole of one.
SMALL_SCREEN = 1440


class BackgroundReports(QObject):
    """Carries what the checks after start-up found (desktop.startup.warm_up)
    from their thread to the window's."""

    arrived = Signal(str, object)


class MainWindow(QMainWindow, MainMenus, FileMenu):
    # An export written (how many complaints the file holds), or None when it was not.
    log_exported = Signal(object)
    # Back up now finished: the backup made, or "" when none was.
    backup_finished = Signal(str)

    def __init__(
        self,
        data_folder: str = "",
        parent: QWidget | None = None,
        *,
        today: Callable[[], dt.date] | None = None,
        clock: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.watch: Watch | None = None
        # "--database" or the variable, when they chose where the log is (desktop.app).
        self.place_given_by: str | None = None
        # Where to open the log again once this window has closed (Preferences).
        self.reopen_plan: Reopen | None = None
        # What the status bar says about a complaint changed elsewhere while typing.
        self._typing_note = ""
        self._clock = clock
        self._today = today or (lambda: self._clock().date())
        self.setWindowTitle(APP_NAME)
        self._say_where_the_log_is()
        self._data_folder = data_folder
        self.model = ComplaintTableModel(clock=clock, parent=self)
        self.list_view = ComplaintListView(self.model)
        # The detail view is built when the first complaint is opened, so the
        # window opens without paying for widgets nobody has looked at yet.
        self._detail: ComplaintDetailView | None = None
        # Damage or a busy file met anywhere: said once, in one way.
        self.damage_notice = DamageNotice(self, lambda backup: self.restore_from_backup(backup))
        self.detail_host = QStackedWidget()
        hint = QLabel("Choose a complaint from the list, or press Ctrl+N for a new one.")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setWordWrap(True)
        self.detail_host.addWidget(hint)
        self._showing: int | None = None
        self._new_dialog: QDialog | None = None
        self._wording_dialog: QDialog | None = None
        self._letter_dialog: QDialog | None = None
        self.background_reports = BackgroundReports(self)
        self.background_reports.arrived.connect(self._on_background_report)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list_view)
        splitter.addWidget(self.detail_host)
        # The complaint in hand gets a little more than the log: its tabs and
        # forms need the room; the log keeps its Customer column (ComplaintListView).
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([390, 610])
        splitter.setChildrenCollapsible(False)
        splitter.setContentsMargins(8, 6, 8, 0)
        # Two views: the log, and the follow-ups (built when first shown).
        self._followups: FollowUpsView | None = None
        self.followups_host = QStackedWidget()
        self.followups_host.setContentsMargins(8, 6, 8, 0)
        self.views = QTabWidget(objectName="views")
        self.views.setDocumentMode(True)
        self.views.addTab(splitter, "Complaints")
        self.views.addTab(self.followups_host, "Follow-ups")
        self._insights: QWidget | None = None
        self.insights_host = QStackedWidget()
        self.insights_host.setContentsMargins(8, 6, 8, 0)
        self.views.addTab(self.insights_host, "Insights")
        # A banner above the views says when the log's server cannot be reached.
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.server_banner = ServerBanner()
        layout.addWidget(self.server_banner)
        layout.addWidget(self.views)
        self.setCentralWidget(central)
        self._build_actions()
        self.views.currentChanged.connect(self._on_view_changed)

        self.list_view.complaint_selected.connect(self._on_complaint_selected)
        self.list_view.new_requested.connect(self.new_complaint)
        self.list_view.sample_data_requested.connect(self.load_sample_data)
        self.model.total_changed.connect(self._update_sample_action)
        self.model.read_failed.connect(self.damage_notice.problem_met)

        # A till's small screen (1366×768, 1024×768) is used whole; a larger one gets
        # a window of a comfortable size.
        area = available_area(self)
        fit_to_screen(self, area.width() if area.width() <= SMALL_SCREEN else 1200, 760)
        self._restore_geometry()
        self.list_view.refresh()
        if self.refresh_follow_up_count():
            # Something is overdue or due today: the morning list comes first.
            self.show_followups()
        if log_is_empty():
            self.statusBar().showMessage(
                "Welcome. Press Ctrl+N to log a complaint, or load sample data to look around."
            )
        self._say_a_draft_is_kept()
        self._start_watching(clock)
        self.shared_log = self._share_with_other_counters()

    def _say_a_draft_is_kept(self) -> None:
        """A new complaint was being typed when the app last closed (or stopped):
        say so, as it shows again only once Ctrl+N is pressed."""
        from models import drafts

        try:
            kept = drafts.load_draft(drafts.NEW_COMPLAINT)
        except ComplaintDeskError:
            return
        if kept is not None:
            self.statusBar().showMessage(
                "A new complaint you were typing was kept "
                f"({display.moment(kept.saved_at)}): press Ctrl+N to carry on."
            )

    # --- actions ---------------------------------------------------------
    @Slot()
    def new_complaint(self) -> None:
        if self._new_dialog is not None and self._new_dialog.isVisible():
            self._new_dialog.raise_()
            self._new_dialog.activateWindow()
            return
        from ui.new_complaint_dialog import NewComplaintDialog

        dialog = NewComplaintDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.complaint_saved.connect(self._on_complaint_saved)
        dialog.destroyed.connect(self._on_new_dialog_destroyed)
        self._new_dialog = dialog
        dialog.open()

    @Slot()
    def _on_new_dialog_destroyed(self) -> None:
        self._new_dialog = None

    @Slot(int)
    def _on_complaint_saved(self, complaint_id: int) -> None:
        self.show_complaints()
        self.refresh_follow_up_count()
        if self._followups is not None:
            self._followups.reload()
        self.list_view.search.clear()
        if self.list_view.status_filter.currentData() == "closed":
            self.list_view.status_filter.setCurrentIndex(0)
        self.list_view.refresh(select_id=complaint_id)
        self.open_complaint(complaint_id)
        self.detail.show_guide()  # what to do next, whichever tab was open before
        record = self.detail.record
        if record is not None:
            self.statusBar().showMessage(
                f"Saved {record.reference} for {display.isolated(record.customer.name)}.", 8000
            )

    @Slot(int)
    def open_complaint(self, complaint_id: int) -> None:
        if not self.list_view.select(complaint_id):
            if self._confirm_leave():
                self._showing = complaint_id
                self.detail.show_complaint(complaint_id)

    @Slot(object)
    def _on_complaint_selected(self, complaint_id: int | None) -> None:
        if complaint_id == self._showing:
            return
        if complaint_id is None and self._showing is not None:
            # The list was re-read; keep showing the complaint in hand.
            if self.list_view.select(self._showing):
                return
            if self._detail is not None and self._detail.has_unsaved_typing:
                return
        if not self._confirm_leave():
            if self._showing is not None:
                self.list_view.select(self._showing)
            return
        self._showing = complaint_id
        if complaint_id is not None:
            # Saving on the way out re-read the list, which chose the old row again.
            self.list_view.select(complaint_id)
        if complaint_id is not None or self._detail is not None:
            self.detail.show_complaint(complaint_id)

    @property
    def detail(self) -> ComplaintDetailView:
        """The complaint detail view, built on first use."""
        if self._detail is None:
            from ui.complaint_detail import ComplaintDetailView

            self._detail = ComplaintDetailView(today=self._today)
            self._detail.complaint_changed.connect(self._on_complaint_changed)
            self._detail.open_requested.connect(self.open_complaint)
            self._detail.letter_requested.connect(self.write_letter)
            self._detail.export_customer_requested.connect(self.export_customer_data)
            self._detail.erase_customer_requested.connect(self.erase_customer)
            self._detail.read_failed.connect(self.damage_notice.problem_met)
            self.detail_host.addWidget(self._detail)
            self.detail_host.setCurrentWidget(self._detail)
        return self._detail

    def _confirm_leave(self) -> bool:
        return self._detail is None or self._detail.confirm_leave()

    def _confirm_close(self) -> bool:
        """Before the window closes: unsaved typing saved, dropped or kept. With the
        server away it cannot be saved, so it is kept in a file (or the window stays)."""
        detail = self._detail
        away = self.shared_log is not None and self.shared_log.is_away
        if not away or detail is None or detail.record is None or not detail.has_unsaved_typing:
            return self._confirm_leave()
        from ui.close_while_away import keep_and_close

        return keep_and_close(self, detail.record.reference, detail.unsaved_words())

    @Slot(int)
    def _on_complaint_changed(self, complaint_id: int) -> None:
        self._showing = complaint_id
        # "…was changed at another counter… save it" is done with once saved.
        if self._typing_note and self.statusBar().currentMessage() == self._typing_note:
            self.statusBar().clearMessage()
        self._typing_note = ""
        self._reread(select_id=complaint_id)

    # --- follow-ups ------------------------------------------------------------------
    @property
    def followups(self) -> FollowUpsView:
        """The follow-ups view, built on first use."""
        if self._followups is None:
            from ui.followups_view import FollowUpsView

            self._followups = FollowUpsView(self._today)
            self._followups.open_requested.connect(self._on_followup_open_requested)
            self._followups.changed.connect(self._on_followups_changed)
            self._followups.model.read_failed.connect(self.damage_notice.problem_met)
            view = self._followups
            for widget in (view.tree, view.done_button, view.snooze_button, view.call_button):
                widget.installEventFilter(self)  # see _check_before_acting
            self.followups_host.addWidget(self._followups)
            self.followups_host.setCurrentWidget(self._followups)
            if self.views.currentIndex() != 1:
                self._followups.reload()  # else showing the tab reads it
        return self._followups

    def _reread(self, select_id: int | None = None) -> None:
        """Read the log, the follow-ups count and (once built) the follow-ups again."""
        self.list_view.refresh(select_id=select_id)
        self.refresh_follow_up_count()
        if self._followups is not None:
            self._followups.reload()

    def refresh_follow_up_count(self) -> int:
        """Show overdue plus today's count on the Follow-ups tab; return it."""
        from models.morning_list import due_now_count

        try:
            count = due_now_count(self._today())
        except Exception as exc:
            self.damage_notice.said_or_raised(exc)
            return 0
        self.views.setTabText(1, f"Follow-ups ({count})" if count else "Follow-ups")
        return count

    @Slot()
    def show_followups(self) -> None:
        self.views.setCurrentIndex(1)
        self.followups.tree.setFocus()
        if self.followups.current() is None:
            self.followups.select_first()

    @Slot()
    def show_complaints(self) -> None:
        self.views.setCurrentIndex(0)

    @Slot(int)
    def _on_view_changed(self, index: int) -> None:
        if index == 1:
            self.followups.reload()
        elif index == 2:
            self.insights.refresh()

    @property
    def insights(self):  # -> ui.insights_view.InsightsView
        """The insights view, built on first use."""
        if self._insights is None:
            from ui.insights_view import InsightsView

            self._insights = InsightsView(self._today)
            self._insights.read_failed.connect(self.damage_notice.problem_met)
            self.insights_host.addWidget(self._insights)
            self.insights_host.setCurrentWidget(self._insights)
        return self._insights

    @Slot()
    def show_insights(self) -> None:
        self.views.setCurrentIndex(2)

    @Slot(int)
    def _on_followup_open_requested(self, complaint_id: int) -> None:
        self.show_complaints()
        if self.list_view.status_filter.currentData() != "all":
            self.list_view.search.clear()
        self.open_complaint(complaint_id)

    @Slot()
    def _on_followups_changed(self) -> None:
        self.refresh_follow_up_count()
        self.list_view.refresh()
        if self._detail is not None and self._detail.complaint_id is not None:
            self._detail.show_complaint(self._detail.complaint_id)

    @Slot(int)
    def write_letter(self, complaint_id: int) -> None:
        """Open the letter dialog, asking for the letterhead first if there is none."""
        from models.business import load_letterhead
        from ui.business_profile_dialog import BusinessProfileDialog
        from ui.letter_dialog import LetterDialog

        # A note being written is not in the letter: it stays in its box.
        if self._detail is not None and not self._detail.confirm_leave(note_stays=True):
            return
        profile = load_letterhead()
        if profile is None:
            setup = BusinessProfileDialog(self, first_time=True)
            if setup.exec() != QDialog.DialogCode.Accepted:
                return
            profile = load_letterhead()
            if profile is None:
                return
        dialog = LetterDialog(complaint_id, profile, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.letter_made.connect(lambda _id: self.detail.letter_made())
        dialog.open()
        self._letter_dialog = dialog

    @Slot(int, str)
    def export_customer_data(self, customer_id: int, name: str) -> None:
        from ui import customer_privacy

        customer_privacy.export_customer_data(self, customer_id, name)

    @Slot(int, str)
    def erase_customer(self, customer_id: int, name: str) -> None:
        from ui import customer_privacy

        customer_privacy.erase_customer(self, customer_id, name, self.refresh_after_change)

    def refresh_after_change(self) -> None:
        """Read the lists again after a change made elsewhere (retention, an
        erasure); the complaint in hand is read again only if nothing typed in
        it is waiting to be saved."""
        detail = self._detail
        in_hand = detail.complaint_id if detail is not None else None
        typing = detail is not None and detail.has_unsaved_typing
        self._reread(select_id=self._showing)
        if detail is not None and in_hand is not None and not typing:
            self._showing = in_hand  # even if it has left the list (closed on erasing)
            detail.show_complaint(in_hand)

    def reload_everything(self) -> None:
        """Read every view again from the file (after a restore or an erasure)."""
        self._showing = None
        if self._detail is not None:
            self._detail.show_complaint(None)
        self._reread()
        if self._insights is not None and self.views.currentIndex() == 2:
            self.insights.refresh()

    @Slot(str, object)
    def _on_background_report(self, kind: str, value: object) -> None:
        from desktop.startup import ANONYMISED, BACKUP_FAILED, DAMAGED, RETENTION_FAILED

        if kind == BACKUP_FAILED:
            self.statusBar().showMessage(
                f"Today's backup was not made (so the retention rule did not run): {value}",
                60000,
            )
        elif kind == RETENTION_FAILED:
            self.statusBar().showMessage(f"The retention rule did not run: {value}", 60000)
        elif kind == ANONYMISED:
            count = getattr(value, "complaints", 0)
            self.refresh_after_change()
            refused = len(getattr(value, "files_refused", ()))
            outside = (
                f"; {display.count(refused, 'file name')} leading outside the data "
                "folder left alone"
                if refused
                else ""
            )
            self.statusBar().showMessage(
                f"Retention rule: {display.count(count, 'old complaint')} anonymised{outside}.",
                30000,
            )
        elif kind == DAMAGED:
            self.damage_notice.found_by_check(str(value))

    @Slot()
    def _say_where_the_log_is(self) -> None:
        """On a server, the title says which ("database shop on backoffice —
        Complaint Desk", Qt adding the app's name): a counter can tell at a glance
        that it shares the log."""
        from models.db import server_database

        db = server_database()
        if db is not None:
            self.setWindowTitle(db.place)

    def ask_name_on_first_run(self) -> None:
        """Ask who is at the counter when nobody has been named yet (the first run,
        or the first since the app stopped using the computer's login name)."""
        from ui.your_name_dialog import YourNameDialog

        try:
            named = bool(settings.user_name())
        except ComplaintDeskError:
            return  # the data file is damaged or busy: said elsewhere
        if named:
            return
        dialog = YourNameDialog(self, first_run=True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # --- left open all day ------------------------------------------------------
    def _start_watching(self, clock: Callable[[], dt.datetime]) -> None:
        watch = Watch(clock, self._today, self)
        watch.minute_passed.connect(self.model.tick)
        watch.day_changed.connect(lambda _day: self._show_file_as_it_is(new_day=True))
        watch.file_changed.connect(self._show_file_as_it_is)
        watch.backup_made.connect(self._on_backup_made)
        watch.backup_failed.connect(self._on_backup_failed)
        watch.start()
        self.watch = watch

    @Slot(object)
    def _on_backup_made(self, made: Path) -> None:
        self.statusBar().showMessage(f"Today's backup was made: {made.name}.", 10000)

    @Slot(str)
    def _on_backup_failed(self, why: str) -> None:
        self.statusBar().showMessage(f"Today's backup was not made: {why}", 60000)

    # --- several counters on one server -------------------------------------------
    def _share_with_other_counters(self) -> SharedLog | None:
        """With the log on a server: show what other counters change as they change
        it, and say when the server cannot be reached (see ui.shared_log)."""
        from models.db import server_database

        db = server_database()
        if db is None:
            return None
        from ui.shared_log import SharedLog

        shared = SharedLog(db, self.server_banner, self)
        shared.changed.connect(self._on_changed_at_another_counter)
        shared.restored.connect(self._on_restored_at_another_counter)
        shared.back.connect(self._on_server_back)
        return shared

    @Slot(object)
    def _on_changed_at_another_counter(self, tables: frozenset[str]) -> None:
        # A note or a tick changes only the complaint it is on.
        self._show_file_as_it_is(elsewhere=AT_ANOTHER_COUNTER, lists=bool(tables & LISTED))

    @Slot(str, str)
    def _on_restored_at_another_counter(self, backup: str, by: str) -> None:
        from ui.shared_log import restored_elsewhere

        lost = self._typing_on_a_complaint_gone()
        if lost and self._detail is not None:
            self._detail.discard_typing()  # kept on the clipboard and in the message
        typing = self._typing_in_hand()
        short, said = restored_elsewhere(backup, by, typing)
        self._show_file_as_it_is(elsewhere=AT_ANOTHER_COUNTER)
        self.statusBar().showMessage(short, 120_000)
        self._typing_note = short if typing else ""  # cleared once it is saved
        # Not a box that waits: it would take the keys of whoever is typing here.
        messages.notice(self, "Log restored", said + lost)

    def _typing_on_a_complaint_gone(self) -> str:
        """When the complaint in hand is no longer in the log and something typed on
        it is not saved: the words, put on the clipboard, and what to say of them."""
        from PySide6.QtGui import QGuiApplication

        from models.complaints import load_complaint
        from models.errors import NotFoundError

        detail = self._detail
        record = detail.record if detail is not None else None
        if detail is None or record is None or not detail.has_unsaved_typing:
            return ""
        try:
            load_complaint(record.id)
            return ""
        except NotFoundError:
            words = detail.unsaved_words()
        except ComplaintDeskError:
            return ""
        QGuiApplication.clipboard().setText(words)
        return (
            f"\n\n{record.reference} is not in the restored log, so what you were typing on "
            "it cannot be saved there. It is on the clipboard, to paste where it belongs:"
            f"\n\n{words}"
        )

    @Slot()
    def _on_server_back(self) -> None:
        if not self.isVisible():
            return  # closed: there is nothing on show to read again
        if self._detail is not None:
            self._detail.read_again()
        waiting = self._detail is not None and self._detail.has_unsaved_typing
        self._show_file_as_it_is(elsewhere=AT_ANOTHER_COUNTER)
        if waiting:  # a note or a change refused while the server was away
            # Said until it is saved (see _on_complaint_changed), not for a minute after.
            self._typing_note = (
                "The server can be reached again. What you typed is not saved yet: save it "
                "now (Ctrl+S; a note, Ctrl+Enter)."
            )
            self.statusBar().showMessage(self._typing_note, 60_000)
        else:
            self.statusBar().showMessage("The server can be reached again: saving works.", 10000)

    def _show_file_as_it_is(
        self, *, new_day: bool = False, elsewhere: str = "", lists: bool = True
    ) -> None:
        """Read the views again, keeping the selection and the rows loaded in the
        log, the follow-up chosen, and the complaint in hand with what is typed
        (``elsewhere``: where the change was made, when it is known; ``lists``
        False: the change shows in no list, only in the complaint it is on)."""
        if lists:
            self.list_view.reread_in_place()
            self.refresh_follow_up_count()
            if self._followups is not None:
                self._followups.reload()
        self._reread_in_hand(new_day=new_day, elsewhere=elsewhere)
        if lists and self._insights is not None and self.views.currentIndex() == 2:
            self.insights.refresh()

    def _reread_in_hand(self, *, new_day: bool, elsewhere: str = "") -> None:
        from models import timeline
        from models.complaints import load_complaint
        from models.errors import NotFoundError, ServerAway

        detail = self._detail
        record = detail.record if detail is not None else None
        if detail is None or record is None:
            return
        try:
            fresh = load_complaint(record.id)
            entries = timeline.entries(record.id)
        except NotFoundError:
            fresh, entries = None, []
        except ServerAway:
            return  # the banner says so; read again once the server is back
        shown = [detail.timeline.entry(row) for row in range(detail.timeline.rowCount())]
        changed = fresh != record or entries != shown
        if not (changed or new_day):
            return
        if self._typing_in_hand():
            if changed:
                said = (
                    changed_while_typing(record.reference, entries, record.last_event_id)
                    if elsewhere
                    else f"{record.reference} was changed outside this window. What you typed "
                    "is kept: save it, or choose Undo changes to see theirs."
                )
                self.statusBar().showMessage(said, 60000)
                self._typing_note = said
                if fresh is not None:
                    detail.show_changes_around_typing()  # its heading and timeline, now
            return
        self._showing = record.id
        detail.show_complaint(record.id)
        if changed and elsewhere and fresh is not None:
            said = changed_while_shown(record.reference, entries, record.last_event_id)
            self.statusBar().showMessage(said, 30000)

    def _typing_in_hand(self) -> bool:
        """Typing that showing the complaint as it now is would overwrite; a note
        being written is not (it stays in its box as the rest is shown again)."""
        detail = self._detail
        return detail is not None and detail.has_unsaved_edits

    def _check_before_acting(self) -> None:
        """Before a key or a button acts on a follow-up: show the file as it is
        now, and say so when the chosen follow-up was dealt with elsewhere."""
        view = self._followups
        chosen = view.current() if view is not None else None
        if view is None or chosen is None or self.watch is None or not self.watch.check_file():
            return
        still = view.current()
        if still is None or still.id != chosen.id:
            text = (
                f"{chosen.reference}: “{chosen.what}” is no longer due: it was dealt with "
                "outside this window (by a command or another program), so nothing more was "
                "done. The list now shows what is still due."
            )
            QTimer.singleShot(0, lambda: messages.inform(self, "Follow-ups", text))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.MouseButtonPress):
            self._check_before_acting()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        watch = getattr(self, "watch", None)  # None while the window is being built
        if watch and event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            watch.check_clock()  # back at the till, perhaps after a night's sleep
            watch.check_file()

    # --- window state ------------------------------------------------------
    def _restore_geometry(self) -> None:
        try:
            saved = settings.get_counter_setting(GEOMETRY_SETTING)
        except ComplaintDeskError:
            return
        if isinstance(saved, str):
            self.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii")))
            # Saved on a larger screen, or grown past this one: the status bar and
            # the buttons along the bottom must stay on it.
            fit_to_screen(self, self.width(), self.height())

    def _keep_geometry(self) -> None:
        """Keep the window's size and place for next time; not worth waiting for
        a server that cannot be reached (the size then stays as it was)."""
        from models.server_watch import WATCH

        if self.shared_log is not None and self.shared_log.is_away:
            return
        geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
        try:
            with WATCH.briefly(CLOSING_SERVER_WAIT_S):
                settings.set_counter_setting(GEOMETRY_SETTING, geometry)
        except ComplaintDeskError:
            pass

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter on a button the owner has tabbed to presses it, as in a dialog
        # (outside dialogs Qt's buttons answer only Space and let Enter by).
        button = self.focusWidget()
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and isinstance(button, QPushButton) and button.isEnabled():
            button.animateClick()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._confirm_close():
            event.ignore()
            return
        if self._new_dialog is not None and not self._new_dialog.save_draft():
            # What was typed in the last moments could not be kept: stay open.
            from ui.new_complaint_dialog import NOT_CLOSED_WHILE_BUSY

            messages.warn(self, "Not closed", NOT_CLOSED_WHILE_BUSY)
            event.ignore()
            return
        self._keep_geometry()
        if self.watch is not None:
            self.watch.stop()
        if self.shared_log is not None:
            self.shared_log.stop()
        event.accept()
