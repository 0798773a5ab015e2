"""A statement that gets no answer: given up after a few seconds, on the threads
that must not wait (the window's).

A server on another computer that goes quiet is noticed by the network settings
of :data:`models.server.NETWORK` (TCP keep-alives, a timeout on data the server
has not acknowledged). None of them applies to a server on this computer reached
through its socket file, nor to a server whose computer still takes the data but
does not answer (its processes paused, the machine swapping hard): a statement
would wait for ever, and the window with it.

So a thread that must not wait says how long it may (:meth:`Watch.limit`), and
each of its statements is watched (:meth:`Watch.statement`): one thread for all
of them wakes at the soonest deadline and, if that statement is still waiting,
shuts its connection's socket. The statement then fails at once as a lost
connection, which :class:`models.server.ServerDatabase` turns into "the server
cannot be reached" (the window's banner), as for a cable pulled out.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from collections.abc import Iterator


class Watch:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._limits: dict[int, float] = {}  # thread id: seconds
        self._running: dict[int, tuple[float, int]] = {}  # thread id: (deadline, socket)
        self._thread: threading.Thread | None = None
        self.cut = 0  # statements given up so far

    def limit(self, seconds: float | None) -> None:
        """From now on, this thread's statements wait at most ``seconds`` for an
        answer (None: for as long as they take)."""
        with self._cond:
            if seconds is None:
                self._limits.pop(threading.get_ident(), None)
            else:
                self._limits[threading.get_ident()] = seconds

    @contextlib.contextmanager
    def unlimited(self) -> Iterator[None]:
        """This thread's statements inside wait for as long as they take (copying
        a large file over a slow network may take a while)."""
        ident = threading.get_ident()
        with self._cond:
            seconds = self._limits.pop(ident, None)
        try:
            yield
        finally:
            if seconds is not None:
                with self._cond:
                    self._limits[ident] = seconds

    @contextlib.contextmanager
    def briefly(self, seconds: float) -> Iterator[None]:
        """This thread's statements inside wait at most ``seconds`` (closing the
        window: what is kept then is not worth a long wait)."""
        ident = threading.get_ident()
        with self._cond:
            before = self._limits.get(ident)
            self._limits[ident] = min(seconds, before) if before is not None else seconds
        try:
            yield
        finally:
            with self._cond:
                if before is None:
                    self._limits.pop(ident, None)
                else:
                    self._limits[ident] = before

    @contextlib.contextmanager
    def statement(self, fileno: int | None) -> Iterator[None]:
        """Watch the statement run inside, on the connection whose socket is
        ``fileno`` (None: not connected yet, nothing to watch)."""
        ident = threading.get_ident()
        seconds = self._limits.get(ident)
        if seconds is None or fileno is None or ident in self._running:
            yield
            return
        with self._cond:
            self._running[ident] = (time.monotonic() + seconds, fileno)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="statement-watch")
                self._thread.daemon = True
                self._thread.start()
            self._cond.notify()
        try:
            yield
        finally:
            # Under the lock: the socket is never shut once the statement is over
            # (its number may then belong to another file).
            with self._cond:
                self._running.pop(ident, None)

    def _run(self) -> None:
        with self._cond:
            while True:
                if not self._running:
                    self._cond.wait()
                    continue
                now = time.monotonic()
                soonest = min(deadline for deadline, _fd in self._running.values())
                if soonest > now:
                    self._cond.wait(soonest - now)
                    continue
                for ident, (deadline, fileno) in list(self._running.items()):
                    if deadline <= now:
                        del self._running[ident]
                        self.cut += 1
                        _shut(fileno)


def _shut(fileno: int) -> None:
    """Shut the socket ``fileno`` both ways: whoever waits on it is woken with an
    end of file. (Its own number stays open: the connection closes it.)"""
    with contextlib.suppress(OSError):
        twin = socket.socket(fileno=os.dup(fileno))
        try:
            twin.shutdown(socket.SHUT_RDWR)
        finally:
            twin.close()


WATCH = Watch()
