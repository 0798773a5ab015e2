"""One window per data folder.

The first window holds a lock file in the data folder and listens on a local
socket named after the folder; a second start finds the lock taken, asks the
first window to come forward, and stops.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

LOCK_NAME = "complaint-desk.lock"


def server_name(folder: Path) -> str:
    digest = hashlib.sha256(str(folder.resolve()).encode("utf-8")).hexdigest()[:20]
    return f"complaint-desk-{digest}"


class SingleInstance(QObject):
    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.lock = QLockFile(str(folder / LOCK_NAME))
        self.server: QLocalServer | None = None

    def acquire(self) -> bool:
        """Take the folder; False when another window has it."""
        return self.lock.tryLock(200)

    def holder(self) -> str:
        """Which process has the folder, for the message, when Qt can tell."""
        info = self.lock.getLockInfo()  # (pid, host name, app name); pid 0 when unknown
        pid, host = (info[0], info[1]) if info and len(info) >= 2 else (0, "")
        return f"process {pid} on {host}" if pid else "another window"

    def listen(self, come_forward: Callable[[], None]) -> None:
        """Bring this window forward when a second start asks."""
        name = server_name(self.folder)
        QLocalServer.removeServer(name)
        self.server = QLocalServer(self)
        self.server.newConnection.connect(lambda: self._on_connection(come_forward))
        self.server.listen(name)

    def _on_connection(self, come_forward: Callable[[], None]) -> None:
        if self.server is None:
            return
        while self.server.hasPendingConnections():
            connection = self.server.nextPendingConnection()
            connection.disconnectFromServer()
        come_forward()

    @staticmethod
    def ask_first_to_come_forward(folder: Path) -> bool:
        socket = QLocalSocket()
        socket.connectToServer(server_name(folder))
        if not socket.waitForConnected(1000):
            return False
        socket.write(b"show")
        socket.flush()
        socket.disconnectFromServer()
        return True

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
        self.lock.unlock()
