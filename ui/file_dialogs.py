"""File dialogs that start where the owner keeps their files.

Each kind of file (a logo, evidence, a letter, a report, a backup, an export)
starts in the folder last used for that kind, else in the folder last used for
any file (a report goes beside the letter just saved), else in the Documents
folder (or home), never in the folder the program was started from.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from models import settings


def documents_folder() -> Path:
    """The owner's Documents folder, or their home folder when there is none."""
    location = QStandardPaths.StandardLocation.DocumentsLocation
    documents = QStandardPaths.writableLocation(location)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


ANY_KIND = "any"  # where the folder last used for any file is kept
ANY_SAVED = "any saved"  # and the one last saved into


def start_folder(kind: str, *, saving: bool = False) -> Path:
    """Where a dialog for ``kind`` opens: the folder last used for it, else the one
    last used for any file (``saving``: last saved into, so a letter is not saved
    beside the spreadsheet just imported), if still there, else Documents."""
    fallback = ANY_SAVED if saving else ANY_KIND
    for last in (settings.last_folder(kind), settings.last_folder(fallback)):
        if last and Path(last).is_dir():
            return Path(last)
    return documents_folder()


def remember(kind: str, chosen: str | Path, *, saved: bool = True) -> None:
    """Note the folder of a chosen file (or a chosen folder) for the next dialog;
    ``saved``: a file was saved there (not only opened)."""
    path = Path(chosen)
    folder = path if path.is_dir() else path.parent
    settings.remember_folder(kind, str(folder))
    settings.remember_folder(ANY_KIND, str(folder))
    if saved:
        settings.remember_folder(ANY_SAVED, str(folder))


def open_file(parent: QWidget | None, kind: str, title: str, filters: str = "") -> str:
    path, _ = QFileDialog.getOpenFileName(parent, title, str(start_folder(kind)), filters)
    if path:
        remember(kind, path, saved=False)
    return path


def open_files(parent: QWidget | None, kind: str, title: str, filters: str = "") -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(parent, title, str(start_folder(kind)), filters)
    if paths:
        remember(kind, paths[0], saved=False)
    return paths


def save_file(
    parent: QWidget | None, kind: str, title: str, file_name: str, filters: str = ""
) -> str:
    """Ask where to save ``file_name``; its suggested place is the start folder."""
    return save_file_as(parent, kind, title, file_name, filters)[0]


def save_file_as(
    parent: QWidget | None, kind: str, title: str, file_name: str, filters: str = ""
) -> tuple[str, str]:
    """Like :func:`save_file`, with the file type (one of ``filters``) chosen too."""
    suggested = str(start_folder(kind, saving=True) / file_name)
    path, chosen = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    if path:
        remember(kind, path)
    return path, chosen


def choose_folder(parent: QWidget | None, kind: str, title: str) -> str:
    folder = QFileDialog.getExistingDirectory(parent, title, str(start_folder(kind)))
    if folder:
        remember(kind, folder)
    return folder


def open_in_its_program(parent: QWidget | None, path: str | Path, what: str) -> bool:
    """Open ``path`` (``what``: "the letter", "the data folder") in the program the
    computer opens such files with, or say plainly that none did and where it is:
    a click that does nothing leaves the owner wondering."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    from ui import messages

    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    kind = "folder" if Path(path).is_dir() else f"{Path(path).suffix.lstrip('.').upper()} file"
    messages.warn(
        parent,
        "Not opened",
        f"No program on this computer opened {what}: there may be none set up to open a "
        f"{kind}. It is here:\n\n{path}",
    )
    return False
