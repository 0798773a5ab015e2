"""The network between a window and the test server, which a test can pull out and
plug in again.

The test server listens only on a socket file (see .ci/with-postgres); a
:class:`Cable` is a port on this computer that passes everything on to it.
Pulled out, every connection through it is cut, and new ones are closed as
soon as they come, as when the server is stopped or restarted. Hung, it keeps
every connection open and takes what is sent, but passes nothing on until it
flows again: a server whose computer still answers the network but whose
processes do not (paused, swapping hard)."""

from __future__ import annotations

import contextlib
import socket
import threading

from psycopg.conninfo import conninfo_to_dict, make_conninfo


class Cable:
    def __init__(self, server_address: str) -> None:
        parts = conninfo_to_dict(server_address)
        self._server = f"{parts['host']}/.s.PGSQL.{parts.get('port', 5432)}"
        self._plugged = threading.Event()
        self._plugged.set()
        self._flowing = threading.Event()
        self._flowing.set()
        self._lock = threading.Lock()
        self._open: list[socket.socket] = []
        self._port = socket.create_server(("127.0.0.1", 0))
        threading.Thread(target=self._take_connections, daemon=True).start()

    def address(self, server_address: str) -> str:
        """``server_address`` reached through this cable."""
        host, port = self._port.getsockname()
        return make_conninfo(server_address, host=host, port=str(port))

    def pull_out(self) -> None:
        self._plugged.clear()
        with self._lock:
            cut, self._open = self._open, []
        for end in cut:
            _close(end)

    def plug_in(self) -> None:
        self._plugged.set()

    def hang(self) -> None:
        self._flowing.clear()

    def flow(self) -> None:
        self._flowing.set()

    def remove(self) -> None:
        self.pull_out()
        _close(self._port)

    def _take_connections(self) -> None:
        while True:
            try:
                near, _ = self._port.accept()
            except OSError:
                return  # removed
            if not self._plugged.is_set():
                _close(near)
                continue
            far = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                far.connect(self._server)
            except OSError:
                _close(near)
                continue
            with self._lock:
                self._open += [near, far]
            for source, target in ((near, far), (far, near)):
                threading.Thread(
                    target=_pass_on, args=(source, target, self._flowing), daemon=True
                ).start()


def _pass_on(source: socket.socket, target: socket.socket, flowing: threading.Event) -> None:
    try:
        while data := source.recv(65536):
            flowing.wait()
            target.sendall(data)
    except OSError:
        pass
    finally:
        _close(source)
        _close(target)


def _close(end: socket.socket) -> None:
    with contextlib.suppress(OSError):
        end.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        end.close()
