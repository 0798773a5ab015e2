"""Errors the domain raises for the shell and the window to explain to a person."""

from __future__ import annotations


class ComplaintDeskError(Exception):
    """An expected failure with a message written for the shop owner."""


class ValidationError(ComplaintDeskError):
    """Input that cannot be saved; ``problems`` maps field name to a message."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__(" ".join(self.problems.values()))


class AlreadyClosed(ValidationError):
    """A follow-up done, snoozed or moved that is no longer pending (closed at
    another counter a moment ago, often); the message says by whom and when."""


class StorageError(ComplaintDeskError):
    """The database file could not be read or written (disk full, locked, read-only)."""


class BusyError(StorageError):
    """Another program (an import, a backup, a scheduled command) held the data
    file's write lock for longer than this connection waits: nothing was changed,
    and trying again once it has finished can work."""


class ChangedMeanwhile(BusyError):
    """A complaint or customer changed between this save reading it and writing
    it (another counter saved at the same moment): nothing was changed; reading
    it again and saving again can work (models.edit_clash does)."""


class ServerAway(StorageError):
    """The connection to the server the log is kept on was lost (the server
    stopped or restarted, the network went down): nothing was changed, unless
    the connection went while a change was being committed (the message says
    so). The window says it in a banner and tries again every few seconds
    (see :mod:`models.server`)."""


class ServerRefused(ServerAway):
    """The server answers but refuses the app's connection (a password changed, the
    role removed): said as the server's refusal, not as a server that cannot be
    reached."""


class ServerUnreachable(StorageError):
    """The log is kept on a server that could not be connected to as it was being
    opened (its computer still starting, a cable out, a wrong address or password):
    nothing was opened, created or changed, here or there. The message is the one
    sentence a command prints. For the window (see :mod:`models.server_reach`):
    ``server`` names it in plain words (never a password), ``why`` says in one
    sentence why it cannot be used now, ``fix`` what to do when ``lasting`` (waiting
    will not put it right: a password or a user refused, no such database)."""

    def __init__(
        self, message: str, *, server: str, why: str, fix: str = "", lasting: bool = False
    ) -> None:
        super().__init__(message)
        self.server = server
        self.why = why
        self.fix = fix
        self.lasting = lasting


class DamagedDatabaseError(StorageError):
    """The data file is damaged or is not a database at all; ``path`` names it.
    ``problem`` is the first sentence alone (what is wrong), without what to do."""

    def __init__(self, message: str, path: str = "", problem: str = "") -> None:
        super().__init__(message)
        self.path = path
        self.problem = problem or message


class NewerDatabaseError(ComplaintDeskError):
    """The database was written by a newer version of Complaint Desk."""


class NotFoundError(ComplaintDeskError):
    """A complaint or customer that does not exist was asked for."""


class UnsafeFileNameError(ComplaintDeskError):
    """A file name read from the data file that is not a plain name inside the
    folder it belongs in (it leads elsewhere); ``stored`` is the value as stored.
    The file it names is never opened or deleted."""

    def __init__(self, message: str, stored: object) -> None:
        super().__init__(message)
        self.stored = stored
