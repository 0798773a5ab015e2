"""The one way a file name read from the data file becomes a path.

The data file names the files it keeps beside it: each letter's PDF in
``letters/``, each attachment in ``attachments/<complaint>/``, the logo in the
data folder itself. A data file may come from a backup, an import or another
computer, so a stored name is never trusted as a path: it must be a bare file
name, and the file it names must be inside the folder it belongs in, also
after following links. Anything else raises :class:`UnsafeFileNameError`, whose
message names the stored value and says the file was not opened or deleted.

Names the app writes itself (``4f3c…e1.jpg``, ``C-2026-0042-final-20260314-101500.pdf``,
``logo.png``) and names with spaces or letters of any script pass.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path, PurePosixPath, PureWindowsPath

from models.db import data_folder
from models.errors import UnsafeFileNameError

MAX_NAME = 255  # characters: the longest file name the usual file systems allow
SHOWN = 120  # characters of a refused value quoted in the message
# Names Windows keeps for devices, with any extension: NUL.pdf opens the null device.
WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in "0123456789¹²³"}
)


def stored_path(stored: object, *folder: str) -> Path:
    """The path of the file ``stored`` names inside ``folder`` of the data folder
    (``stored_path(name, "letters")``, ``stored_path(name, "attachments", "12")``,
    ``stored_path(name)`` for the data folder itself).

    ``folder`` is chosen by the code, never read from the data. The file need not
    exist. Raises :class:`UnsafeFileNameError` for anything but a plain file name
    that stays inside that folder once links are followed."""
    place = _place(folder)
    stored = checked_name(stored, *folder)
    path = data_folder().joinpath(*folder, stored)
    inside = data_folder().resolve().joinpath(*folder)
    try:
        real = path.resolve()
    except (OSError, RuntimeError) as exc:  # a loop of links
        raise _refused(stored, "is a link that leads nowhere") from exc
    if real == inside or not real.is_relative_to(inside):
        raise _refused(stored, f"is a link that leads outside {place}")
    return path


def checked_name(stored: object, *folder: str) -> str:
    """``stored`` when it is a plain file name for ``folder`` (see :func:`stored_path`),
    without looking at the disk: the same test for a file kept as a row of the log
    on a server. Raises :class:`UnsafeFileNameError` otherwise."""
    problem = name_problem(stored)
    if problem or not isinstance(stored, str):
        raise _refused(stored, problem.format(place=_place(folder)))
    return stored


def _place(folder: tuple[str, ...]) -> str:
    return f"the {'/'.join(folder)} folder of the data folder" if folder else "the data folder"


def own_folder(*folder: str) -> Path:
    """The folder of the data folder the app writes its own files into
    (``own_folder("letters")``, ``own_folder("attachments", "12")``), refused with
    :class:`UnsafeFileNameError` when it, or a folder on the way, is a link to
    another place: a customer's letters and evidence are never written elsewhere."""
    path = data_folder().joinpath(*folder)
    try:
        real = path.resolve()
    except (OSError, RuntimeError):  # a loop of links
        real = None
    if real != data_folder().resolve().joinpath(*folder):
        name = "/".join(folder)
        raise UnsafeFileNameError(
            f"The folder {name}/ in the data folder is a link to another place, so nothing "
            "was written there; make it a plain folder again.",
            name,
        )
    return path


def name_problem(stored: object) -> str:
    """Why ``stored`` is not a bare file name (``{place}`` stands for its folder), or ""."""
    if not isinstance(stored, str):
        return "is not a file name"
    if any(_is_control(ch) for ch in stored):
        return "holds control characters, so it is not a plain file name"
    if PurePosixPath(stored).is_absolute() or PureWindowsPath(stored).anchor:
        return "is a full path, not a file name in {place}"
    parts = stored.replace("\\", "/").split("/")
    if any(part.strip(" .") == "" and ".." in part for part in parts):
        return "leads outside {place}"
    if len(parts) > 1:
        return "names a folder too, not just a file in {place}"
    if stored.strip(" .") == "":
        return "is not a file name"
    if ":" in stored:
        return "holds a colon, which names a drive or a hidden stream on Windows"
    if stored.split(".")[0].strip(" ").upper() in WINDOWS_DEVICES:
        return "is the name of a device on Windows, not of a file"
    if len(stored) > MAX_NAME:
        return f"is longer than {MAX_NAME} characters, too long for a file name"
    return ""


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Zl", "Zp")


def shown(stored: object) -> str:
    """The stored value as a person can read it in one line: control characters
    written as ``\\x00``, cut short when long."""
    if not isinstance(stored, str):
        return repr(stored)[:SHOWN]
    text = "".join(
        ch if not _is_control(ch) else ch.encode("unicode_escape").decode("ascii") for ch in stored
    )
    return f"“{text[:SHOWN]}…”" if len(text) > SHOWN else f"“{text}”"


def _refused(stored: object, why: str) -> UnsafeFileNameError:
    return UnsafeFileNameError(
        f"The file name {shown(stored)} in the data file {why}, so it was not opened or deleted.",
        stored,
    )
