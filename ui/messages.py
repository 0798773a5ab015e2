"""Message boxes, always as plain text (a customer's name may contain ``<b>``).

Every box in the app goes through :func:`show_box`, so tests can answer them.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFontMetrics, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QGridLayout,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QSpacerItem,
    QWidget,
)

from models.errors import BusyError, ServerAway

Button = QMessageBox.StandardButton

BUSY = (
    "Another program is saving to the data file right now (for example an import); "
    "your text is kept — try Save again in a moment."
)


# How long a box just shown ignores the keys: those typed before it appeared
# (the window was waiting) must not answer it unseen.
DEAF_MS = 600
# Room a window's title bar takes beside the title: its icon and three buttons.
TITLE_BAR_ROOM = 150


_KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)


class _DeafAtFirst(QObject):
    """Drops key presses and releases until :data:`DEAF_MS` after it is made."""

    def __init__(self, box: QMessageBox) -> None:
        super().__init__(box)
        self._box = box
        self._until = time.monotonic() + DEAF_MS / 1000

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (
            QEvent.Type.KeyPress,
            QEvent.Type.KeyRelease,
            QEvent.Type.ShortcutOverride,
        ):
            if time.monotonic() < self._until:
                return True
            # A message box presses the button of a letter pressed alone. For a
            # button that throws typing away the letter needs Alt: "D" meant for the
            # next follow-up done pressed Discard and lost a note.
            return event.type() == QEvent.Type.KeyPress and _alone_for_alt_only(event, self._box)
        return False


# A button whose letter works with Alt only (see _DeafAtFirst).
ALT_ONLY = "alt_only"


def _alone_for_alt_only(event: QEvent, box: QMessageBox) -> bool:
    """A letter pressed with no Alt, Ctrl or Meta that is the letter of an
    :data:`ALT_ONLY` button of ``box``."""
    if not isinstance(event, QKeyEvent):
        return False
    held = event.modifiers() & (
        Qt.KeyboardModifier.AltModifier
        | Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.MetaModifier
    )
    letter = event.text().lower()
    if held or len(letter) != 1:
        return False
    return any(b.property(ALT_ONLY) and _mnemonic(b.text()) == letter for b in box.buttons())


def show_box(box: QMessageBox) -> Button:
    """Show ``box`` and return the button pressed (tests replace this). Every button
    gets its Alt+letter first (see :func:`give_mnemonics`); keys typed in the first
    moment after it shows are ignored (see :data:`DEAF_MS`)."""
    give_mnemonics([*box.buttons(), *([box.checkBox()] if box.checkBox() else [])])
    fit_title(box)
    deaf = _DeafAtFirst(box)
    for widget in (box, *box.findChildren(QWidget)):
        widget.installEventFilter(deaf)
    return Button(box.exec())


def title_width(window: QWidget) -> int:
    """How wide ``window`` must be for its title bar to read whole ("Unsaved changes
    — Complaint Desk", not "Unsaved chan… omplaint Desk"), within the screen."""
    title = window.windowTitle()
    name = QGuiApplication.applicationDisplayName()
    shown = f"{title} — {name}" if name and name not in title else title
    font = window.font()
    font.setBold(True)  # title bars draw it bold, or about as wide
    width = QFontMetrics(font).horizontalAdvance(shown) + TITLE_BAR_ROOM
    screen = QGuiApplication.primaryScreen()  # (box.screen() here corrupts PySide6's memory)
    if screen is not None:
        width = min(width, screen.availableGeometry().width() - 40)
    return width


def fit_title(box: QMessageBox) -> None:
    """Make ``box`` wide enough for its title bar to read whole (see
    :func:`title_width`). A message box sizes itself to its text."""
    width = title_width(box)
    # A row of that width under the rest: a longer text still wraps to the box's
    # width (a minimum width on the text itself cut it to its first line).
    layout = box.layout()
    if isinstance(layout, QGridLayout) and not box.property(_WIDENED):
        box.setProperty(_WIDENED, True)
        room = QSpacerItem(width, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
        layout.addItem(room, layout.rowCount(), 0, 1, layout.columnCount())


_WIDENED = "complaint_desk_widened"


def _mnemonic(text: str) -> str:
    """The letter ``&`` marks in a button's text (lower case), or ""."""
    index = 0
    while (index := text.find("&", index)) >= 0 and index + 1 < len(text):
        if text[index + 1] != "&":
            return text[index + 1].lower()
        index += 2
    return ""


def _plain(text: str) -> str:
    """The text without its mnemonic mark (a literal "&&" stays)."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&&")


def _marked(text: str, taken: set[str]) -> str:
    """``text`` with ``&`` before a letter no other button has: a word's first letter
    if one is free, else any letter; as it was when every letter is taken."""
    letters = []
    index = 0
    while index < len(text):
        if text.startswith("&&", index):
            index += 2
            continue
        char = text[index]
        if char.isalnum():
            starts_word = index == 0 or not text[index - 1].isalnum()
            letters.append((not starts_word, index, char))
        index += 1
    for _later, index, char in sorted(letters):
        if char.lower() not in taken:
            taken.add(char.lower())
            return f"{text[:index]}&{text[index:]}"
    return text


def give_mnemonics(buttons: list[QAbstractButton]) -> None:
    """Give each button an Alt+letter of its own: the one its text marks when no
    button before it has that letter, else the first free one (QMessageBox's own
    texts such as "Discard" and "OK" have none). A name in a button's text has its
    "&" doubled by whoever wrote it."""
    taken: set[str] = set()
    unmarked = []
    for button in buttons:
        letter = _mnemonic(button.text())
        if letter and letter not in taken:
            taken.add(letter)
        else:
            unmarked.append(button)
    for button in unmarked:
        button.setText(_marked(_plain(button.text()), taken))


def _box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: Button = Button.Ok,
    default: Button = Button.Ok,
) -> Button:
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setDefaultButton(default)
    return show_box(box)


def error(parent: QWidget | None, title: str, text: str) -> None:
    _box(parent, QMessageBox.Icon.Critical, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    _box(parent, QMessageBox.Icon.Warning, title, text)


def notice(parent: QWidget | None, title: str, text: str) -> None:
    """Something to read that must not take the keyboard from the box being typed in
    (a change made at another counter): shown beside the window without taking the
    keyboard, and not waited for; OK or closing it puts it away (tests replace this)."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, Button.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setDefaultButton(Button.Ok)
    fit_title(box)
    box.show()


def inform(parent: QWidget | None, title: str, text: str) -> None:
    _box(parent, QMessageBox.Icon.Information, title, text)


def why_not_saved(error: BaseException) -> str:
    """The one sentence for a change that was not saved: :data:`BUSY` when another
    program holds the data file, else the error's own."""
    return BUSY if isinstance(error, BusyError) else str(error)


def done(parent: QWidget | None, text: str) -> None:
    """Say on the main window's status bar that something was done ("Closed
    C-2026-0192."): a save that changes little on screen is still seen to happen."""
    window = parent.window() if parent is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 8000)


def not_saved(parent: QWidget | None, title: str, error: BaseException, kept: str = "") -> None:
    """Say why a change was not saved, then ``kept`` (what is still there), unless
    another program holds the data file: :data:`BUSY` says all of it.

    The server away, met in the main window (its banner says so already): said on
    its status bar, not in a box, so what the owner goes on typing goes on into
    the box they were typing in."""
    text = why_not_saved(error)
    said = f"{text}\n\n{kept}" if kept and text != BUSY else text
    window = parent.window() if parent is not None else None
    if isinstance(error, ServerAway) and isinstance(window, QMainWindow):
        # The banner says why and what happens; this says what became of the change,
        # short enough for the status bar of a 1024-pixel screen.
        kept = f" {' '.join(kept.split())}" if kept else ""
        window.statusBar().showMessage(
            f"{title}: the server cannot be reached.{kept} Save again once it is back.", 60_000
        )
        return
    warn(parent, title, said)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Yes or no, with No as the safe default."""
    answer = _box(parent, QMessageBox.Icon.Question, title, text, Button.Yes | Button.No, Button.No)
    return answer == Button.Yes


def offer_to_keep(parent: QWidget | None, title: str, text: str) -> bool:
    """Yes or no where Yes keeps what was typed: Yes is the default, so a quick
    Enter never throws words away."""
    answer = _box(
        parent, QMessageBox.Icon.Question, title, text, Button.Yes | Button.No, Button.Yes
    )
    return answer == Button.Yes


def go_ahead(parent: QWidget | None, title: str, text: str) -> bool:
    """Yes or no about what the owner has just asked for (Save in a dialog): Yes is
    the default, so Enter does what they asked."""
    answer = _box(
        parent, QMessageBox.Icon.Question, title, text, Button.Yes | Button.No, Button.Yes
    )
    return answer == Button.Yes


def confirm_destructive(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """A warning with ``action`` (for example "Erase") and Cancel, Cancel the default."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, Button.Yes | Button.Cancel, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.button(Button.Yes).setText(action)
    box.setDefaultButton(Button.Cancel)
    return show_box(box) == Button.Yes


def discard_or_keep(parent: QWidget | None, title: str, text: str) -> bool:
    """Discard or Keep editing, Keep editing the default (and what Esc answers);
    True to discard."""
    box = QMessageBox(
        QMessageBox.Icon.Question, title, text, Button.Discard | Button.Cancel, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.button(Button.Cancel).setText("Keep editing")
    box.button(Button.Discard).setProperty(ALT_ONLY, True)  # Alt+D, never D alone
    box.setDefaultButton(Button.Cancel)
    return show_box(box) == Button.Discard


def may_drop_typing(parent: QWidget, typed: str, given: str = "") -> bool:
    """Escape or Cancel in a dialog holding a note: True when nothing was typed
    (beyond ``given``, what the box opened with) or the owner chose to discard it.
    A reason written out at a busy counter is not thrown away by one key."""
    typed = typed.strip()
    if not typed or typed == given.strip():
        return True
    return discard_or_keep(parent, parent.windowTitle(), "Discard what you typed?")


def save_discard_or_cancel(parent: QWidget | None, title: str, text: str) -> str:
    """``"save"``, ``"discard"`` or ``"cancel"``."""
    answer = _box(
        parent,
        QMessageBox.Icon.Question,
        title,
        text,
        Button.Save | Button.Discard | Button.Cancel,
        Button.Save,
    )
    return {Button.Save: "save", Button.Discard: "discard"}.get(answer, "cancel")


def ask_text(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    """A few lines of text from the owner (``text`` already in the box), or None
    when they cancel (tests replace this)."""
    from PySide6.QtWidgets import QInputDialog, QPlainTextEdit

    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setOption(QInputDialog.InputDialogOption.UsePlainTextEditForTextInput)
    dialog.setTextValue(text)
    box = dialog.findChild(QPlainTextEdit)
    if box is not None:
        from ui.keys import ctrl_enter_accepts

        box.setTabChangesFocus(True)  # Tab goes on to OK, as in every other box
        box.setAccessibleName(title)
        ctrl_enter_accepts(dialog, box)  # as in every other note box
    ok = dialog.exec() == QInputDialog.DialogCode.Accepted
    answer = dialog.textValue()
    dialog.deleteLater()
    return answer if ok else None
