"""The main window's menu bar and toolbar: each action with its shortcut and
object name, and what the Edit and Help menus open (your name, the business
profile, Preferences, the pick lists, Check wording, About).

:class:`MainMenus` is mixed into :class:`ui.main_window.MainWindow`: ``self``
is the window. What the File menu does is in :mod:`ui.file_menu`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QToolBar

from desktop import app_version
from models.errors import ComplaintDeskError
from ui import messages
from ui.keys import QUIT_KEYS

if TYPE_CHECKING:
    from ui.log_place_section import Reopen


class MainMenus:
    """The window's menus, toolbar and the Edit and Help menus' windows."""

    def find_in_log(self) -> None:
        """Ctrl+F: the log's search box, the log shown first (from the morning list or
        Insights, what was typed went into a box no one could see)."""
        self.show_complaints()
        self.list_view.focus_search()

    def _build_actions(self) -> None:
        self.new_action = QAction("&New complaint…", self, objectName="new_complaint_action")
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.setToolTip("Log a new complaint (Ctrl+N)")
        self.new_action.triggered.connect(self.new_complaint)
        find = QAction(
            "&Find", self, shortcut=QKeySequence.StandardKey.Find, objectName="find_action"
        )
        find.triggered.connect(self.find_in_log)
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
        quit_action = QAction("&Quit", self, shortcut=QKeySequence(QUIT_KEYS))
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

    @Slot()
    def ask_user_name(self) -> None:
        from ui.your_name_dialog import YourNameDialog

        YourNameDialog(self).exec()

    @Slot()
    def edit_business_profile(self) -> None:
        from ui.business_profile_dialog import BusinessProfileDialog

        if BusinessProfileDialog(self).exec():
            messages.done(self, "Business profile saved.")

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
            messages.done(self, "Preferences saved.")
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
    def show_about(self) -> None:
        messages.inform(
            self,
            "About Complaint Desk",
            f"Complaint Desk {app_version()}: log, handle and learn from customer "
            "complaints.\n\n"
            f"Your data is kept in one file in:\n{self._data_folder}",
        )
