"""The main window: the complaints log beside the complaint in hand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolBar,
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
from ui.fit import fit_to_screen
from ui.shared_log import AT_ANOTHER_COUNTER, LISTED, ServerBanner, changed_while_typing
from ui.workers import Watch

if TYPE_CHECKING:
    from ui.complaint_detail import ComplaintDetailView
    from ui.followups_view import FollowUpsView
    from ui.log_place_section import Reopen
    from ui.shared_log import SharedLog
from ui.complaint_table_model import ComplaintTableModel

GEOMETRY_SETTING = WINDOW_GEOMETRY
SAMPLE_SIZE = 300
SAMPLE_ONLY_WHEN_EMPTY = (
    "Sample data can only be added to an empty log: this one already holds complaints."
)


class BackgroundReports(QObject):
    """Carries what the checks after start-up found (desktop.startup.warm_up)
    from their thread to the window's."""

    arrived = Signal(str, object)


class MainWindow(QMainWindow):
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
        self._clock = clock
        self._today = today or (lambda: self._clock().date())
        self.setWindowTitle(APP_NAME)
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

        fit_to_screen(self, 1200, 760)
        self._restore_geometry()
        self.list_view.refresh()
        if self.refresh_follow_up_count():
            # Something is overdue or due today: the morning list comes first.
            self.show_followups()
        if log_is_empty():
            self.statusBar().showMessage(
                "Welcome. Press Ctrl+N to log a complaint, or load sample data to look around."
            )
        self._start_watching(clock)
        self.shared_log = self._share_with_other_counters()

    def _build_actions(self) -> None:
        self.new_action = QAction("&New complaint…", self, objectName="new_complaint_action")
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.setToolTip("Log a new complaint (Ctrl+N)")
        self.new_action.triggered.connect(self.new_complaint)
        find = QAction("&Find", self, shortcut=QKeySequence.StandardKey.Find)
        find.triggered.connect(self.list_view.focus_search)
        export = QAction("&Export (CSV or Excel)…", self, objectName="export_action")
        export.setToolTip("Save the complaints shown in the list (or all) as a spreadsheet")
        export.triggered.connect(self.export_log)
        self.export_action = export
        import_action = QAction("&Import (CSV or Excel)…", self, objectName="import_action")
        import_action.triggered.connect(self.import_log)
        backup_action = QAction("&Back up now", self, objectName="backup_action")
        backup_action.triggered.connect(self.back_up_now)
        self.backup_action = backup_action
        restore_action = QAction("&Restore from backup…", self, objectName="restore_action")
        restore_action.triggered.connect(lambda: self.restore_from_backup())
        sample = QAction("Load &sample data", self, objectName="sample_action")
        sample.triggered.connect(self.load_sample_data)
        self.sample_action = sample
        name = QAction("&Your name…", self)
        name.triggered.connect(self.ask_user_name)
        wording = QAction("Check &wording…", self, objectName="check_wording_action")
        wording.setShortcut(QKeySequence("Ctrl+Shift+W"))
        wording.setToolTip("Check a draft for words that admit fault too early (Ctrl+Shift+W)")
        wording.triggered.connect(self.check_wording)
        preferences = QAction("&Preferences…", self, objectName="preferences_action")
        preferences.setShortcut(QKeySequence.StandardKey.Preferences)
        preferences.triggered.connect(self.edit_preferences)
        profile = QAction("&Business profile…", self, objectName="business_profile_action")
        profile.triggered.connect(self.edit_business_profile)
        causes = QAction("&Root causes…", self, objectName="root_causes_action")
        causes.triggered.connect(self.edit_root_causes)
        categories = QAction("&Categories…", self)
        categories.triggered.connect(self.edit_categories)
        folder = QAction("Open &data folder", self)
        folder.triggered.connect(self.open_data_folder)
        quit_action = QAction("&Quit", self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        about = QAction("&About Complaint Desk", self)
        about.triggered.connect(self.show_about)

        menu = self.menuBar().addMenu("&File")
        menu.setToolTipsVisible(True)  # says why Load sample data is greyed out
        menu.addAction(self.new_action)
        menu.addSeparator()
        menu.addAction(export)
        menu.addAction(import_action)
        menu.addAction(backup_action)
        menu.addAction(restore_action)
        menu.addSeparator()
        menu.addAction(sample)
        menu.addAction(folder)
        menu.addSeparator()
        menu.addAction(quit_action)
        edit = self.menuBar().addMenu("&Edit")
        edit.addAction(find)
        edit.addAction(wording)
        edit.addSeparator()
        edit.addAction(name)
        edit.addAction(profile)
        edit.addAction(preferences)
        edit.addAction(categories)
        edit.addAction(causes)
        view = self.menuBar().addMenu("&View")
        complaints = QAction("&Complaints", self, shortcut=QKeySequence("Ctrl+1"))
        complaints.triggered.connect(self.show_complaints)
        followups_action = QAction("&Follow-ups", self, shortcut=QKeySequence("Ctrl+2"))
        followups_action.setObjectName("followups_action")
        followups_action.triggered.connect(self.show_followups)
        insights_action = QAction("&Insights", self, shortcut=QKeySequence("Ctrl+3"))
        insights_action.triggered.connect(self.show_insights)
        view.addAction(complaints)
        view.addAction(followups_action)
        view.addAction(insights_action)
        self.menuBar().addMenu("&Help").addAction(about)

        toolbar = QToolBar("Main", objectName="main_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.new_action)
        button = toolbar.widgetForAction(self.new_action)
        button.setObjectName("new_complaint_button")
        button.setStyleSheet("font-weight: bold; padding: 4px 10px;")
        self.addToolBar(toolbar)

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

    @Slot(int)
    def _on_complaint_changed(self, complaint_id: int) -> None:
        self._showing = complaint_id
        self._reread(select_id=complaint_id)

    @Slot()
    def _update_sample_action(self) -> None:
        try:
            empty = log_is_empty()
        except Exception as exc:
            self.damage_notice.said_or_raised(exc)
            return
        self.sample_action.setEnabled(empty)
        why = "" if empty else SAMPLE_ONLY_WHEN_EMPTY
        self.sample_action.setToolTip(why or "Add 300 invented complaints to look around")
        self.sample_action.setStatusTip(why)

    @Slot()
    def load_sample_data(self) -> None:
        """Invented complaints to look around, only into an empty log."""
        from models.demo import add_demo_data

        added = 0
        problem = "" if log_is_empty() else f"{SAMPLE_ONLY_WHEN_EMPTY} Nothing was added."
        if not problem:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                added = add_demo_data(SAMPLE_SIZE)
            except ComplaintDeskError as exc:  # it refuses a log that has complaints
                problem = str(exc)
            finally:
                QApplication.restoreOverrideCursor()
        self._reread()
        if problem:
            messages.warn(self, "Sample data", problem)
        else:
            self.statusBar().showMessage(f"Added {display.count(added, 'sample complaint')}.", 8000)

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

        if self._detail is not None and not self._detail.confirm_leave():
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

    @Slot()
    def edit_preferences(self) -> None:
        from models import retention
        from ui.preferences_dialog import PreferencesDialog

        before = retention.years()
        dialog = PreferencesDialog(self, today=self._today, given_by=self.place_given_by)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        if accepted and dialog.reopen is not None:
            self.reopen_log(dialog.reopen)
            if self.reopen_plan is not None:
                return  # closed: the log opens again where it is now kept
        after = retention.years()
        if accepted:  # follow-ups may have moved off newly closed days
            self.refresh_after_change()
        # Only turning the rule on (or changing its years) anonymises now;
        # saving another preference does not.
        if accepted and after is not None and after != before:
            self.apply_retention()

    def reopen_log(self, plan: Reopen) -> None:
        """Close the window to open the log again where Preferences now keep it
        (desktop.app does, once it has closed): the safe way to change logs, with
        nothing of the old one left in any view, draft or task."""
        if self.place_given_by:
            messages.inform(
                self,
                "Where the log is kept",
                f"Saved. The log was chosen with {self.place_given_by} when Complaint Desk "
                "was started, so it stays open where it is; the choice saved is used when "
                "Complaint Desk is started without it.",
            )
            return
        self.reopen_plan = plan
        if not self.close():
            self.reopen_plan = None
            later = "" if plan.move else " The choice is kept and used at the next start."
            self.statusBar().showMessage(f"The log stays open where it was.{later}", 30000)

    def apply_retention(self) -> None:
        """Run the retention rule now, off the window's thread."""
        from desktop.startup import ANONYMISED
        from models import retention
        from ui.workers import run_in_background

        def done(outcome: object) -> None:
            if outcome is not None and getattr(outcome, "complaints", 0):
                self._on_background_report(ANONYMISED, outcome)

        def failed(error: BaseException) -> None:
            if not isinstance(error, ComplaintDeskError):
                raise error
            messages.warn(self, "Retention rule", f"The retention rule could not run: {error}")

        self.statusBar().showMessage("Applying the retention rule…")
        run_in_background(retention.apply, done, failed)

    @Slot()
    def edit_business_profile(self) -> None:
        from ui.business_profile_dialog import BusinessProfileDialog

        BusinessProfileDialog(self).exec()

    @Slot()
    def check_wording(self) -> None:
        from ui.check_wording_dialog import CheckWordingDialog

        if self._wording_dialog is None:
            self._wording_dialog = CheckWordingDialog(self)
        elif not self._wording_dialog.isVisible():
            # A new draft: the finding on fault of the last one does not carry over.
            self._wording_dialog.ours.setChecked(False)
        self._wording_dialog.show()
        self._wording_dialog.raise_()
        self._wording_dialog.activateWindow()
        self._wording_dialog.text.setFocus()

    @Slot()
    def export_log(self) -> None:
        """Save the log as CSV or an Excel workbook: by default the list as it is shown
        (see ui.export_dialog)."""
        from ui import export_dialog

        chosen = export_dialog.what_and_where(self, self.list_view.current_query())
        if chosen is not None:
            self.write_export(*chosen)

    def write_export(self, target: Path, query) -> None:
        """Write the export off the window's thread; :attr:`log_exported` says when it
        is done. File > Export waits meanwhile."""
        from ui import export_dialog

        self.export_action.setEnabled(False)

        def done(count: int | None) -> None:
            self.export_action.setEnabled(True)
            self.log_exported.emit(count)

        export_dialog.write_export(self, target, query, done, self.damage_notice.problem_met)

    @Slot()
    def back_up_now(self) -> None:
        """A backup into backups/, off the window's thread (on a server, pg_dump
        can take a while). File > Back up now waits meanwhile."""
        from models.backups import make_backup
        from ui.workers import closing_connection, run_in_background

        self.backup_action.setEnabled(False)
        self.statusBar().showMessage("Backing up…")

        def done(made: Path) -> None:
            self.backup_action.setEnabled(True)
            self.statusBar().showMessage(f"Backed up to {made}.", 10000)
            self.backup_finished.emit(str(made))

        def failed(error: BaseException) -> None:
            self.backup_action.setEnabled(True)
            self.statusBar().clearMessage()
            self.backup_finished.emit("")
            if not isinstance(error, ComplaintDeskError):
                raise error
            messages.warn(self, "Backup not made", str(error))

        run_in_background(closing_connection(make_backup), done, failed)

    def restore_from_backup(self, preselect: Path | None = None) -> None:
        from models.db import known_damage
        from ui.restore_dialog import RestoreDialog

        detail = self._detail
        if known_damage() and detail is not None and detail.has_unsaved_typing:
            # Nothing can be saved into a damaged file: asking to save would go round.
            if not messages.confirm(
                self,
                "Restore from backup",
                "The data file is damaged, so what you typed in this complaint cannot be "
                "saved into it, and restoring a backup drops it (choosing none keeps it). "
                "Copy it somewhere first if you need it.\n\nGo on to choose a backup?",
            ):
                return
        elif not self._confirm_leave():
            return
        dialog = RestoreDialog(self, preselect=preselect)
        dialog.restored.connect(self._on_restored)
        dialog.exec()

    @Slot(str, str)
    def _on_restored(self, backup_name: str, kept: str) -> None:
        if self._detail is not None:
            self._detail.discard_typing()  # it belonged to the data just replaced
        self.reload_everything()
        self.damage_notice.cleared()
        messages.inform(
            self,
            "Restored",
            f"The data is now as it was in {backup_name}.\n\nThe data it replaced is kept "
            f"in {kept}.",
        )

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
    def import_log(self) -> None:
        from ui.import_wizard import ImportWizard

        wizard = ImportWizard(self)
        wizard.imported.connect(self._on_imported)
        wizard.exec()

    @Slot(int)
    def _on_imported(self, count: int) -> None:
        self.list_view.refresh()
        self.refresh_follow_up_count()
        self.statusBar().showMessage(f"Imported {display.count(count, 'complaint')}.", 8000)

    @Slot()
    def ask_user_name(self) -> None:
        from ui.your_name_dialog import YourNameDialog

        YourNameDialog(self).exec()

    @Slot()
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

    @Slot()
    def edit_categories(self) -> None:
        from models.categories import CATEGORIES
        from ui.pick_list_dialog import PickListDialog

        PickListDialog(CATEGORIES, "Categories", self).exec()
        if self._detail is not None:
            self._detail.show_complaint(self._detail.complaint_id)

    @Slot()
    def edit_root_causes(self) -> None:
        from models.root_causes import ROOT_CAUSES
        from ui.pick_list_dialog import PickListDialog

        PickListDialog(ROOT_CAUSES, "Root causes", self).exec()
        if self._detail is not None:
            self._detail.show_complaint(self._detail.complaint_id)

    @Slot()
    def open_data_folder(self) -> None:
        if self._data_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(self._data_folder))

    @Slot()
    def show_about(self) -> None:
        messages.inform(
            self,
            "About Complaint Desk",
            "Complaint Desk: log, handle and learn from customer complaints.\n\n"
            f"Your data is kept in one file in:\n{self._data_folder}",
        )

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
        shared.back.connect(self._on_server_back)
        return shared

    @Slot(object)
    def _on_changed_at_another_counter(self, tables: frozenset[str]) -> None:
        # A note or a tick changes only the complaint it is on.
        self._show_file_as_it_is(elsewhere=AT_ANOTHER_COUNTER, lists=bool(tables & LISTED))

    @Slot()
    def _on_server_back(self) -> None:
        self._show_file_as_it_is(elsewhere=AT_ANOTHER_COUNTER)
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
            return
        self._showing = record.id
        detail.show_complaint(record.id)

    def _typing_in_hand(self) -> bool:
        detail = self._detail
        return detail is not None and detail.has_unsaved_typing

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

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._confirm_leave():
            event.ignore()
            return
        if self._new_dialog is not None and not self._new_dialog.save_draft():
            # What was typed in the last moments could not be kept: stay open.
            from ui.new_complaint_dialog import NOT_CLOSED_WHILE_BUSY

            messages.warn(self, "Not closed", NOT_CLOSED_WHILE_BUSY)
            event.ignore()
            return
        try:
            geometry = bytes(self.saveGeometry().toBase64().data()).decode("ascii")
            settings.set_counter_setting(GEOMETRY_SETTING, geometry)
        except ComplaintDeskError:
            pass
        if self.watch is not None:
            self.watch.stop()
        if self.shared_log is not None:
            self.shared_log.stop()
        event.accept()
