"""Preferences > Where the log is kept: this computer (the data file) or a
PostgreSQL server, with "Test connection" tried off the window's thread and,
when the server's log is empty, the offer to copy this computer's log there."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from models import display
from models.errors import ValidationError
from ui import messages


@dataclass(frozen=True)
class Reopen:
    """What applying the choice does: reopen the log on ``server`` (None: this
    computer's data file), first copying this computer's log there when ``move``."""

    server: str | None
    move: bool = False


def _plain(label: QLabel) -> QLabel:
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class LogPlaceSection(QWidget):
    """The choice and its test; :meth:`chosen` reads it, :meth:`problem` checks it."""

    # A test of the connection finished: what it said.
    tested = Signal(str)

    def __init__(
        self,
        folder: Path,
        now_on: str | None,
        given_by: str | None = None,
        in_file: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        """``now_on``: the server the log is open on (None: the data file);
        ``given_by``: "--database" or the variable, when they chose it;
        ``in_file``: how many complaints the data file open now holds."""
        super().__init__(parent)
        self.setObjectName("log_place")
        self._folder = folder
        self._now_on = now_on
        self._in_file = in_file
        self._empty_server: str | None = None  # the address last found empty
        self._failed: dict[str, str] = {}  # address as typed: what its last test said
        self._tried: set[str] = set()  # addresses as typed that a test has tried
        self._said_of: str | None = None  # the address the result shown is about
        self.here = QRadioButton("T&his computer (the data file in the data folder)")
        self.here.setObjectName("log_here")
        self.here.setAccessibleName("Keep the log on this computer")
        self.server = QRadioButton("A P&ostgreSQL server:")
        self.server.setObjectName("log_on_server")
        self.server.setAccessibleName("Keep the log on a PostgreSQL server")
        group = QButtonGroup(self)
        group.addButton(self.here)
        group.addButton(self.server)
        self.address = QLineEdit(objectName="server_address")
        self.address.setAccessibleName("Server address or service name")
        self.address.setPlaceholderText("postgresql://host/database, or a service name")
        self.address.setToolTip(
            "A URL such as postgresql://backoffice/shop, or the name of a service in "
            "pg_service.conf. The password goes in ~/.pgpass, never here."
        )
        self.test = QPushButton("&Test connection", objectName="test_connection")
        self.test.setAccessibleName("Test connection")
        self.result = _plain(QLabel(objectName="connection_result"))
        self.move = QCheckBox(objectName="move_log_to_server")
        self.move.setAccessibleName("Copy this computer's log to the server")
        self.move.setVisible(False)
        self.note = _plain(QLabel(objectName="log_place_note"))
        row = QHBoxLayout()
        row.addWidget(self.server)
        row.addWidget(self.address, 1)
        row.addWidget(self.test)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.here)
        layout.addLayout(row)
        layout.addWidget(self.result)
        layout.addWidget(self.move)
        layout.addWidget(self.note)
        # With --database or the variable in charge, the choice kept here is shown.
        if given_by:
            from models.settings import log_place

            shown = log_place(folder)
        else:
            shown = now_on
        self.here.setChecked(shown is None)
        self.server.setChecked(shown is not None)
        if shown is not None:
            from models.server import describe_address

            self.address.setText(describe_address(shown))
        if given_by:
            self.note.setText(
                f"The log was chosen with {given_by} when Complaint Desk was started, which wins "
                "over the choice here: a choice saved here is used when it is started without it."
            )
        self._initial = self.chosen()
        self.here.toggled.connect(self._on_choice_changed)
        self.address.textEdited.connect(self._on_choice_changed)
        self.test.clicked.connect(self._on_test_clicked)
        self._on_choice_changed()

    def chosen(self) -> str | None:
        """The address chosen (as typed), or None for this computer."""
        return self.address.text().strip() if self.server.isChecked() else None

    def changed(self) -> bool:
        return self.chosen() != self._initial

    def problem(self) -> str | None:
        """Why the choice cannot be kept (an empty address, one with a password...)."""
        from models.server import address_from, has_password, parse_address
        from models.settings import no_password_here

        address = self.chosen()
        if address is None:
            return None
        if not address:
            return "Enter the server's address, or a service name."
        from models.errors import StorageError

        try:
            parts = parse_address(address_from(address))
        except StorageError as exc:
            return str(exc)
        return no_password_here() if has_password(parts) else None

    def keep(self) -> Reopen | None:
        """Keep the choice for the next opening (unless this computer's log is to be
        copied there first: kept once it is); return what applying it does, or None
        when nothing changed. Raises ValidationError for a choice that cannot be kept."""
        from models.settings import set_log_place

        if not self.changed():
            return None
        problem = self.problem()
        if problem:
            raise ValidationError({"server": problem})
        plan = self.plan()
        if plan.move:
            return plan
        return Reopen(set_log_place(self._folder, self.chosen()))

    def failed_test(self) -> str | None:
        """What the last Test connection said of the address chosen, when it failed."""
        address = self.chosen()
        return None if address is None else self._failed.get(address)

    def kept_though_it_failed(self, parent: QWidget) -> bool:
        """True unless the last test of the address chosen failed and the owner, told
        what it said, chooses to put it right (the cursor then goes to it)."""
        failed = self.failed_test()
        if failed and not messages.confirm_destructive(
            parent,
            "Where the log is kept",
            f"Test connection could not use this server:\n\n{failed}\n\nKeep this address "
            "all the same? The window would then wait for the server each time it opens. "
            "Cancel to put the address right and test it again.",
            "Keep this address",
        ):
            self.address.setFocus()
            return False
        return True

    def plan(self) -> Reopen:
        """What applying the choice as it stands would do."""
        from models.server import address_from

        address = self.chosen()
        move = not self.move.isHidden() and self.move.isChecked() and address is not None
        return Reopen(address_from(address) if address is not None else None, move)

    def reopen_question(self, plan: Reopen) -> str:
        """What saving does, asked before it is done."""
        from models.server import describe_address

        if plan.server is None:
            what = (
                "The window closes and opens again on the data file on this computer. What "
                "was saved on the server since the log moved there stays on the server only."
            )
        else:
            what = (
                f"The window closes and opens again on the log on {describe_address(plan.server)}."
            )
            if plan.move:
                what += (
                    f" This computer's log ({display.count(self._in_file, 'complaint')}) is "
                    "copied there first and checked; the data file is left as it is."
                )
        return what + " Anything typed and not saved is asked about first. Save and reopen now?"

    @Slot()
    def _on_choice_changed(self, *_args: object) -> None:
        on_server = self.server.isChecked()
        self.address.setEnabled(on_server)
        self.test.setEnabled(on_server)
        if self.chosen() != self._empty_server:
            self.move.setVisible(False)
        if not on_server or (self.result.text() and self.chosen() != self._said_of):
            self.result.setText("")  # what was said is about another address

    @Slot()
    def _on_test_clicked(self) -> None:
        from models.server import address_from
        from models.server_check import check_server
        from ui.workers import run_in_background

        problem = self.problem()
        if problem:
            self._say(problem)
            return
        address = address_from(self.chosen() or "")
        typed = self.chosen()
        self.test.setEnabled(False)
        self.result.setText("Connecting…")

        def done(found) -> None:  # models.server_check.ServerCheck
            self.test.setEnabled(self.server.isChecked())
            if self.chosen() != typed:
                return  # the address was changed meanwhile: that one was not tried
            self._take(typed or "", found)

        def failed(error: BaseException) -> None:
            self.test.setEnabled(self.server.isChecked())
            self._say(f"The connection could not be tried: {error}")

        run_in_background(lambda: check_server(address, self._folder), done, failed)

    def untried_with_a_log_to_copy(self) -> bool:
        """A server chosen and never tried, from a data file holding complaints: only
        a try tells whether the server is empty, so whether to offer the copy."""
        typed = self.chosen()
        return (
            bool(typed) and typed not in self._tried and self._now_on is None and self._in_file > 0
        )

    def try_now(self) -> None:
        """Try the server chosen at once (Save pressed without Test connection), so an
        empty one is offered this computer's log as Test connection offers it."""
        from models.server import address_from
        from models.server_check import check_server

        typed = self.chosen() or ""
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            found = check_server(address_from(typed), self._folder)
        except Exception as exc:  # said, as Test connection says it
            self._failed[typed] = f"The connection could not be tried: {exc}"
            self._say(self._failed[typed])
            return
        finally:
            QApplication.restoreOverrideCursor()
        self._take(typed, found)

    def _take(self, typed: str, found) -> None:
        """What a try of ``typed`` found: said, and the copy offered to an empty server."""
        self._tried.add(typed)
        self._say(found.said)
        if found.ok:
            self._failed.pop(typed, None)
        else:
            self._failed[typed] = found.said
        offer = found.empty and self._now_on is None and self._in_file > 0
        self._empty_server = typed if offer else None
        self.move.setText(
            f"Copy this computer's log ({display.count(self._in_file, 'complaint')}) to "
            "the server when saving"
        )
        self.move.setChecked(offer)
        self.move.setVisible(offer)

    def _say(self, text: str) -> None:
        self._said_of = self.chosen()
        self.result.setText(text)
        self.tested.emit(text)
