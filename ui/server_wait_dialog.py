"""At start-up, while the server the log is kept on cannot be reached (the
back-office computer still starting in the morning, a cable out, a wrong address
or password): which server and why, in plain words; a new try every few seconds,
off the window's thread, so this window never freezes; and once the server
answers, this window closes by itself and the log opens as usual.

A password or a user the server refuses will not put itself right: that is said,
and only Try now tries again. Nothing is opened meanwhile, and nothing is kept on
this computer instead (the shop would have two logs): Change server… chooses
where the log is kept, this computer included, only when the owner says so.

:meth:`ServerWaitDialog.exec` is accepted once the server answers or the place
was changed (open the log again), rejected by Quit (or Escape).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from models.errors import ComplaintDeskError, ServerUnreachable
from ui import messages
from ui.shared_log import SharedLog
from ui.workers import run_in_background

TITLE = "Complaint Desk: waiting for the server"
PASSING = (
    "Complaint Desk tries again every few seconds, and opens the log by itself as soon as "
    "the server answers."
)
LASTING = "This will not put itself right, so Complaint Desk is not trying again by itself."


def given_by_text(given_by: str) -> str:
    """How to use another server when the one waited for was given at start-up."""
    return (
        f"This server was given with {given_by} when Complaint Desk was started, which wins "
        "over Edit > Preferences. To use another, quit and start Complaint Desk again with "
        "another --database address (or change $COMPLAINT_DESK_DATABASE), or without either "
        "to use the place chosen in Edit > Preferences."
    )


def _label(name: str) -> QLabel:
    label = QLabel(objectName=name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ServerWaitDialog(QDialog):
    """Waiting for the server at ``address`` (never shown: it may hold a password),
    which could not be reached as ``problem`` says; ``folder`` is the data folder,
    ``given_by`` "--database" or the variable when they named the server."""

    TRY_EVERY_MS = SharedLog.PROBE_MS  # as the open window tries a server gone away

    def __init__(
        self,
        problem: ServerUnreachable,
        address: str,
        folder: Path,
        given_by: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("server_wait_dialog")
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(520)
        self._address = address
        self._folder = folder
        self._given_by = given_by
        self._trying = False
        self._over = False  # closed: a try still under way is let go
        self.where = _label("server_wait_where")
        self.where.setStyleSheet("font-weight: bold;")
        self.why = _label("server_wait_why")
        self.plan = _label("server_wait_plan")
        self.status = _label("server_wait_status")
        buttons = QDialogButtonBox(objectName="server_wait_buttons")
        self.try_now = buttons.addButton("&Try now", QDialogButtonBox.ButtonRole.AcceptRole)
        self.change = buttons.addButton("&Change server…", QDialogButtonBox.ButtonRole.ActionRole)
        self.quit = buttons.addButton("&Quit", QDialogButtonBox.ButtonRole.RejectRole)
        for button, name, spoken in (
            (self.try_now, "try_now", "Try to reach the server now"),
            (self.change, "change_server", "Change where the log is kept"),
            (self.quit, "quit", "Quit Complaint Desk"),
        ):
            button.setObjectName(name)
            button.setAccessibleName(spoken)
        self.try_now.setDefault(True)
        self.try_now.clicked.connect(self.try_server)
        self.change.clicked.connect(self._on_change_clicked)
        self.quit.clicked.connect(self.reject)
        self._again = QTimer(self, singleShot=True, interval=self.TRY_EVERY_MS)
        self._again.timeout.connect(self.try_server)
        self._lay_out(buttons)
        self._show_problem(problem)
        self.try_now.setFocus(Qt.FocusReason.OtherFocusReason)

    def _lay_out(self, buttons: QDialogButtonBox) -> None:
        icon = QLabel(objectName="server_wait_icon")
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        picture = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        icon.setPixmap(picture.pixmap(size, size))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        words = QVBoxLayout()
        for label in (self.where, self.why, self.plan, self.status):
            words.addWidget(label)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(words, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addStretch(1)
        layout.addWidget(buttons)

    # --- what is said ---------------------------------------------------------------
    def _show_problem(self, problem: ServerUnreachable) -> None:
        """Say ``problem``; unless it is lasting, try again in a few seconds."""
        self.where.setText(f"The complaints log is kept on {problem.server}.")
        lead = "It cannot be used now." if problem.lasting else "It cannot be reached now."
        self.why.setText(f"{lead} {problem.why}")
        # The server's own words, for whoever looks after it.
        self.why.setToolTip(str(problem))
        if problem.lasting:
            fix = f" {problem.fix}" if problem.fix else ""
            self.plan.setText(f"{LASTING}{fix} Then press Try now.")
        else:
            self.plan.setText(PASSING)
            self._again.start()

    def _say_tried(self) -> None:
        self.status.setText(f"Last tried at {dt.datetime.now():%H:%M:%S}.")

    # --- trying ------------------------------------------------------------------------
    @Slot()
    def try_server(self) -> None:
        """Try the server now, off this thread (once at a time)."""
        from models.server_reach import reach

        self._again.stop()
        if self._trying or self._over:
            return
        self._trying = True
        self.status.setText("Trying to reach the server now…")
        address, folder = self._address, self._folder

        def answered(_none: object) -> None:
            self._trying = False
            if self._over:
                return
            if address != self._address:  # another server was chosen meanwhile
                self.try_server()
                return
            self.accept()

        def silent(error: BaseException) -> None:
            self._trying = False
            if self._over:
                return
            if not isinstance(error, ComplaintDeskError):
                raise error
            if address != self._address:  # another server was chosen meanwhile
                self.try_server()
                return
            self._say_tried()
            if isinstance(error, ServerUnreachable):
                self._show_problem(error)
            else:  # the address itself cannot be read
                self.why.setText(str(error))
                self.plan.setText("Change server… to give another.")

        run_in_background(lambda: reach(address, folder), answered, silent)

    @Slot()
    def _on_change_clicked(self) -> None:
        """Preferences' choice of where the log is kept; when --database or the
        variable named the server, how to start with another instead."""
        from models.server import parse_address
        from models.server_reach import server_words
        from ui.log_place_dialog import LogPlaceDialog

        if self._given_by:
            messages.inform(self, "Change server", given_by_text(self._given_by))
            return
        self._again.stop()
        dialog = LogPlaceDialog(self._folder, self._address, self)
        chosen = dialog.exec() == QDialog.DialogCode.Accepted
        plan = dialog.reopen
        dialog.deleteLater()
        if chosen and plan is not None and plan.server is None:
            self.accept()  # the owner chose this computer's log, knowing what it means
            return
        if chosen and plan is not None and plan.server is not None:
            self._address = plan.server
            self.where.setText(
                f"The complaints log is kept on {server_words(parse_address(plan.server))}."
            )
        self.try_server()

    def done(self, result: int) -> None:
        self._over = True
        self._again.stop()
        super().done(result)
