"""The log shared with other counters, on a PostgreSQL server.

What another counter saves shows here within about a second, without anyone
pressing anything: a thread of its own listens on a connection of its own
(:class:`models.live.Listener`), and the window reads its lists again, at most
a few times a second however many changes arrive (:class:`SharedLog`).

When the server cannot be reached (it stopped or restarted, a network cable is
out) a banner across the top of the window says so in plain words
(:class:`ServerBanner`). Every few seconds a new connection is tried, off the
window's thread; once one is made the window takes it, hides the banner, reads
everything again and listens again. Meanwhile nothing waits on the network:
statements are refused at once (see :class:`models.server.ServerDatabase`),
saving says it did not save and keeps what was typed, and the new complaint
form keeps its draft beside the log (:mod:`models.drafts`).

On SQLite none of this is started: one window works on a data file.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from models import display, live, server
from models.errors import ComplaintDeskError, ServerRefused
from ui.workers import run_in_background

if TYPE_CHECKING:
    from models.server import ServerDatabase


# The tables a list of the window shows (the log, the morning list); a change to
# the others (a note, a tick, a letter) shows only in the complaint it is on.
LISTED = frozenset({"complaint", "customer", "follow_up"})
AT_ANOTHER_COUNTER = "at another counter"


def changed_while_typing(reference: str, entries: list[Any], seen_up_to: int) -> str:
    """What the window says when the complaint in hand was changed at another counter
    while something typed in it waits to be saved: by whom, as its timeline
    ``entries`` after the one numbered ``seen_up_to`` say. Saving then says
    which fields, if theirs and these are the same (models.edit_clash)."""
    who = list(dict.fromkeys(e.author for e in entries if e.id > seen_up_to and e.author))
    by = f" by {display.listed(who)}" if who else ""
    # Short enough for the status bar of a 1024-pixel screen.
    return (
        f"{reference} was just changed {AT_ANOTHER_COUNTER}{by}. What you typed is kept: "
        "save it, or Undo changes to see theirs."
    )


def changed_while_shown(reference: str, entries: list[Any], seen_up_to: int) -> str:
    """What the window says when the complaint shown, with nothing typed in it, was
    changed at another counter and is shown again as it now is."""
    who = list(dict.fromkeys(e.author for e in entries if e.id > seen_up_to and e.author))
    by = f" by {display.listed(who)}" if who else ""
    return f"{reference} was just changed {AT_ANOTHER_COUNTER}{by}: shown as it is now."


def restored_elsewhere(backup: str, by: str, typing: bool) -> tuple[str, str]:
    """What a window says when another counter has put the log back from a backup:
    briefly (for the status bar), and whole."""
    who = f" by {by}" if by else ""
    briefly = f"The log was put back from a backup{who}" + (
        ": what you typed is kept, not saved." if typing else "."
    )
    said = (
        f"The log was put back from a backup ({backup}){who}, outside this window: it is now as "
        "it was when that backup was made, here and at every counter. Complaints logged "
        "and changes made since then are no longer in it; that counter kept them, in its "
        "backups folder."
    )
    if typing:
        said += (
            " What you typed in the complaint open here is kept, not saved: read it against "
            "the complaint as it now is before you save."
        )
    return briefly, said


def away_text(place: str) -> str:
    """What the banner says while the server cannot be reached."""
    return (
        f"The server the log is kept on ({place}) cannot be reached. What you type is kept; "
        "saving will work again when it is back (this is checked every few seconds)."
    )


class ServerBanner(QLabel):
    """Across the top of the window, while the server cannot be reached."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("server_away")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setAccessibleName("The server cannot be reached")
        self.setStyleSheet(
            "background: #fff4ce; color: #4d3300; border-bottom: 1px solid #d9b44a;"
            " padding: 8px 12px; font-weight: bold;"
        )
        self.hide()

    def show_away(self, place: str, why: str) -> None:
        self.setText(away_text(place))
        self.setToolTip(why)  # the server's own words, for whoever looks after it
        self.show()

    def show_refused(self, said: str) -> None:
        """The server answers, but refuses the app: its reason, and what to do."""
        self.setText(f"{said} What you type is kept; this is checked every few seconds.")
        self.setToolTip(said)
        self.show()


class _Bridge(QObject):
    """Carries what the listening thread (and any thread meeting a lost
    connection) found to the window's thread."""

    changed = Signal(object)  # frozenset of the tables another counter wrote
    restored = Signal(str, str)  # the backup another counter put the log back from, and who
    listening = Signal()
    dropped = Signal(str)
    away = Signal(str)


class _Listening(threading.Thread):
    """Listens for what other counters commit, on a connection of its own, until
    stopped: a plain thread rather than a QThread, so a window closed while it
    is still connecting never waits for it, nor is taken down with it."""

    WAIT_SECONDS = 0.25  # one wait for a notification: how soon stop() is heard
    RETRY_SECONDS = 3.0  # after failing to listen, before trying again (or woken)

    def __init__(self, db: ServerDatabase, bridge: _Bridge) -> None:
        super().__init__(name="listening to other counters", daemon=True)
        self._db = db
        self._bridge = bridge
        self._stopping = threading.Event()
        self._wake = threading.Event()

    def run(self) -> None:
        listener = live.Listener(self._db)
        try:
            while not self._stopping.is_set():
                self._listen_and_wait(listener)
        finally:
            listener.close()

    def _listen_and_wait(self, listener: live.Listener) -> None:
        if not listener.listening:
            try:
                listener.listen()
            except Exception as exc:  # the server away, or refusing: said by the window
                self._say(self._bridge.dropped, str(exc))
                self._wake.wait(self.RETRY_SECONDS)
                self._wake.clear()
                return
            self._say(self._bridge.listening)
        try:
            changes = listener.wait(self.WAIT_SECONDS)
        except Exception as exc:  # the connection lost: listened again at once
            self._say(self._bridge.dropped, str(exc))
            return
        if changes:
            self._say(self._bridge.changed, frozenset().union(*(c.tables for c in changes)))
        for change in changes:
            if change.restored:
                self._say(self._bridge.restored, change.restored, change.by)

    def _say(self, signal: Any, *args: object) -> None:
        if not self._stopping.is_set():
            with contextlib.suppress(RuntimeError):  # the window has gone
                signal.emit(*args)

    def wake(self) -> None:
        """Try to listen again now, if it is not listening."""
        self._wake.set()

    def stop(self, wait: float = 0.5) -> None:
        """Stop listening; waiting up to ``wait`` seconds, the first time, for the
        thread to close its connection (a daemon thread: a server that has stopped
        answering never holds the app's closing for longer)."""
        first = not self._stopping.is_set()
        self._stopping.set()
        self._wake.set()
        if first and wait and self.is_alive() and threading.current_thread() is not self:
            self.join(wait)


class SharedLog(QObject):
    """Another counter's changes (:attr:`changed`, gathered) and the server going
    away and coming back (the banner, then :attr:`back`), for one window."""

    changed = Signal(object)  # frozenset of table names: read what shows them again
    restored = Signal(str, str)  # the log was put back from this backup, by: read it all again
    back = Signal()  # the server can be reached again: read everything again

    PROBE_MS = 3000  # how often a server that cannot be reached is tried again
    GATHER_MS = 300  # changes arriving within this are shown at once

    def __init__(self, db: ServerDatabase, banner: ServerBanner, window: QWidget) -> None:
        super().__init__(window)
        self._db = db
        self._banner = banner
        self.is_away = False
        self._probing = False
        self._listened = False
        self._gathered: set[str] = set()
        self._restored: tuple[str, str] | None = None
        # Not a child of the window: the listening thread may still hold it
        # for a moment after the window has gone.
        self._bridge = _Bridge()
        queued = Qt.ConnectionType.QueuedConnection
        self._bridge.changed.connect(self._on_bridge_changed, queued)
        self._bridge.restored.connect(self._on_bridge_restored, queued)
        self._bridge.listening.connect(self._on_bridge_listening, queued)
        self._bridge.dropped.connect(self._on_bridge_dropped, queued)
        self._bridge.away.connect(self._on_bridge_away, queued)
        self._gather = QTimer(self, singleShot=True, interval=self.GATHER_MS)
        self._gather.timeout.connect(self._on_gather_timeout)
        self._probe = QTimer(self, singleShot=True, interval=self.PROBE_MS)
        self._probe.timeout.connect(self.try_server)
        # Told from whichever thread meets a lost connection.
        self._hook = self._bridge.away.emit
        server.when_away(self._hook)
        self._thread = _Listening(db, self._bridge)
        self._thread.start()
        thread, hook = self._thread, self._hook
        window.destroyed.connect(lambda *_: _let_go_of(thread, hook))

    def stop(self) -> None:
        """The window is closing: stop listening, and trying the server."""
        self._gather.stop()
        self._probe.stop()
        _let_go_of(self._thread, self._hook)

    # --- other counters' changes ---------------------------------------------------
    @Slot(object)
    def _on_bridge_changed(self, tables: frozenset[str]) -> None:
        self._gathered |= tables
        if not self._gather.isActive():
            self._gather.start()

    @Slot(str, str)
    def _on_bridge_restored(self, backup: str, by: str) -> None:
        self._restored = (backup, by)
        if not self._gather.isActive():
            self._gather.start()

    @Slot()
    def _on_bridge_listening(self) -> None:
        if self._listened:  # listening again: what was sent meanwhile was missed
            self._on_bridge_changed(live.WATCHED)
        self._listened = True

    @Slot()
    def _on_gather_timeout(self) -> None:
        if QApplication.activeModalWidget() is not None:
            self._gather.start()  # shown once the dialog has closed
            return
        tables, self._gathered = frozenset(self._gathered), set()
        restored, self._restored = self._restored, None
        if restored:  # everything is read again: no need to say which tables
            self.restored.emit(*restored)
        elif tables:
            self.changed.emit(tables)

    # --- the server going away, and coming back -------------------------------------
    @Slot(str)
    def _on_bridge_away(self, why: str) -> None:
        first = not self.is_away
        if first:
            self.is_away = True
            self._banner.show_away(self._db.place, why)
            # From now on this window's statements are refused at once, rather
            # than wait on a connection that may be dead.
            self._db.let_go()
        if not self._probing and not self._probe.isActive():
            self._probe.start(0 if first else self.PROBE_MS)

    @Slot(str)
    def _on_bridge_dropped(self, _why: str) -> None:
        # The listening connection was lost: is the server still there?
        if not self.is_away and not self._probing and not self._probe.isActive():
            self._probe.start(0)

    @Slot()
    def try_server(self) -> None:
        """Try a new connection to the server, off the window's thread."""
        if self._probing:
            return
        self._probing = True
        run_in_background(self._db.try_again, self._on_server_answered, self._on_server_silent)

    def _on_server_answered(self, conn: object) -> None:
        self._probing = False
        try:
            self._db.came_back(conn)
        except ComplaintDeskError:
            self._probe.start(self.PROBE_MS)  # gone again at once: said as away
            return
        was_away, self.is_away = self.is_away, False
        self._banner.hide()
        self._thread.wake()
        if was_away:
            self.back.emit()

    def _on_server_silent(self, error: BaseException) -> None:
        self._probing = False
        if not isinstance(error, ComplaintDeskError):
            raise error
        if isinstance(error, ServerRefused) and self.is_away:
            self._banner.show_refused(str(error))  # not "cannot be reached": a password…
        if self.is_away or self._db.away is not None:
            self._probe.start(self.PROBE_MS)


def _let_go_of(thread: _Listening, hook: Any) -> None:
    server.stop_when_away(hook)
    thread.stop()
