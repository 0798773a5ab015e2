"""What the main window's File menu does: export, import, back up now, restore
from a backup, load sample data, open the data folder.

:class:`FileMenu` is mixed into :class:`ui.main_window.MainWindow`: ``self`` is
the window. The menu itself is built in :mod:`ui.main_menus`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QApplication

from models import display
from models.complaint_list import log_is_empty
from models.errors import ComplaintDeskError
from ui import messages
from ui.file_dialogs import open_in_its_program

SAMPLE_SIZE = 300
SAMPLE_ONLY_WHEN_EMPTY = (
    "Sample data can only be added to an empty log: this one already holds complaints."
)


class FileMenu:
    """The File menu's work, done for the window."""

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
            from models.complaints import count_complaints

            self.backup_action.setEnabled(True)
            try:
                held = f" ({display.count(count_complaints(), 'complaint')})"
            except ComplaintDeskError:
                held = ""
            self.statusBar().showMessage(f"Backed up the log{held} to {made}.", 10000)
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
        from models.db import known_damage, server_address
        from ui.restore_dialog import RestoreDialog

        detail = self._detail
        if server_address() is not None:  # what is typed is asked about once Restore is pressed
            self._show_server_restore()
            return
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

    def _show_server_restore(self) -> None:
        from models.backups import backup_folder
        from models.complaints import count_complaints
        from models.db import server_database
        from ui.server_restore_dialog import ServerRestoreDialog

        db = server_database()
        try:
            now_holds = count_complaints()
        except ComplaintDeskError as exc:
            messages.warn(self, "Restore from backup", str(exc))
            return
        place = db.place if db is not None else ""
        dialog = ServerRestoreDialog(
            backup_folder(), place, now_holds, self, before_restoring=self._confirm_leave
        )
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
            f"The log is now as it was in {backup_name}.\n\nWhat it replaced is kept in {kept}.",
        )

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

    @Slot()
    def open_data_folder(self) -> None:
        if self._data_folder:
            open_in_its_program(self, self._data_folder, "the data folder")
