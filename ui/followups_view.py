"""The morning list: what is overdue, due today, this week and later.

Quick actions work from the keyboard: D done (with an outcome), S snooze,
C log a progress call, Enter open the complaint. Every snooze lands on a day the
shop is open; the menu shows which day each choice means.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from models import display, followups
from models.calendar import propose
from models.errors import ComplaintDeskError
from models.facts import fault_is_ours
from models.morning_list import FollowUpItem
from models.settings import user_name
from ui import messages, note_dialog
from ui.focus_marks import first_arrow_chooses, selection_shows_focus
from ui.followup_done_dialog import FollowUpDoneDialog
from ui.followups_model import FollowUpsModel
from ui.pick_date_dialog import PickDateDialog, move_past_deadlines

# Counted from today, or from the day it is due if that is later: a snooze
# puts a follow-up off, never brings it forward.
SNOOZE_LABELS = (
    ("tomorrow", "A day later"),
    ("three", "Three days later"),
    ("week", "A week later"),
    ("pick", "Pick a date…"),
)


class FollowUpsTree(QTreeView):
    """The list's rows: Up, Down, Home, End and the page keys go from follow-up to
    follow-up, over the groups' headings, so one is always chosen to act on."""

    _FORWARD = (
        QAbstractItemView.CursorAction.MoveDown,
        QAbstractItemView.CursorAction.MovePageDown,
        QAbstractItemView.CursorAction.MoveHome,
        QAbstractItemView.CursorAction.MoveNext,
    )

    def moveCursor(self, action, modifiers) -> QModelIndex:
        index = super().moveCursor(action, modifiers)
        sideways = (
            QAbstractItemView.CursorAction.MoveLeft,
            QAbstractItemView.CursorAction.MoveRight,
        )
        if action in sideways:  # Left on a follow-up would choose its heading
            return index if index.parent().isValid() else self.currentIndex()
        forward = action in self._FORWARD
        for step in (forward, not forward):  # past the heading, else back from the end
            found = index
            while found.isValid() and not found.parent().isValid():
                found = self.indexBelow(found) if step else self.indexAbove(found)
            if found.isValid():
                return found
        return self.currentIndex()


class FollowUpsView(QWidget):
    open_requested = Signal(int)  # complaint id
    changed = Signal()

    def __init__(self, today: Callable[[], dt.date] = dt.date.today, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("followups_view")
        self.model = FollowUpsModel(today, self)
        self.tree = FollowUpsTree(objectName="followups_tree")
        selection_shows_focus(self.tree)
        first_arrow_chooses(self.tree)
        self.tree.setAccessibleName("Follow-ups")
        self.tree.setModel(self.model)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)  # the room left goes to What is due

        self.heading = QLabel(objectName="followups_heading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.done_button = QPushButton("&Done…", objectName="followup_done")
        self.snooze_button = QToolButton(objectName="followup_snooze")
        self.snooze_button.setText("&Snooze")
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.call_button = QPushButton("Progress &call…", objectName="followup_call")
        self.open_button = QPushButton("&Open complaint", objectName="followup_open")
        self.snooze_menu = QMenu(self)
        self.snooze_actions: dict[str, QAction] = {}
        for key, label in SNOOZE_LABELS:
            action = self.snooze_menu.addAction(label)
            action.triggered.connect(lambda _=False, k=key: self.snooze(k))
            self.snooze_actions[key] = action
        self.snooze_button.setMenu(self.snooze_menu)
        self.snooze_menu.aboutToShow.connect(self._on_snooze_menu_about_to_show)
        buttons = QHBoxLayout()
        buttons.addWidget(self.heading, 1)
        for button in (self.done_button, self.snooze_button, self.call_button, self.open_button):
            button.setEnabled(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)

        for keys, slot in (
            ("D", self.mark_done),
            ("S", self._on_snooze_key),
            ("C", self.log_call),
            ("X", self.cancel_follow_up),
            ("Return", self.open_complaint),
            ("Enter", self.open_complaint),
        ):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.tree.addAction(action)
        self.done_button.clicked.connect(self.mark_done)
        self.call_button.clicked.connect(self.log_call)
        self.open_button.clicked.connect(self.open_complaint)
        self.tree.doubleClicked.connect(self._on_double_clicked)
        self.tree.customContextMenuRequested.connect(self._on_context_menu)
        self.tree.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.model.modelReset.connect(self._on_model_reset)
        self.model.rowsInserted.connect(self._on_rows_changed)
        self.model.dataChanged.connect(self._on_rows_changed)
        self.model.rowsRemoved.connect(self._on_rows_changed)
        # What each column needs, measured once per change of the rows, not at
        # every step of a window being resized.
        self._widths: dict[int, int] = {}
        self._fit_due = False  # the columns are to be measured once the rows have come
        self.tree.viewport().installEventFilter(self)

    # --- showing ------------------------------------------------------------------------
    def reload(self, keep: int | None = None) -> None:
        keep = keep if keep is not None else (self.current().id if self.current() else None)
        self.model.reload()
        if keep is not None:
            self.select(keep)

    # Room either side of a cell's text, and the narrowest What is due gets
    # before the customer's name gives way to it.
    CELL_PAD = 16
    LEAST_WHAT = 220

    def eventFilter(self, watched, event) -> bool:
        # The tree's own viewport: its width is known only once the scroll bars are.
        if watched is self.tree.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    @Slot()
    def _on_rows_changed(self, *_args: object) -> None:
        """Rows came or went: the columns are measured again, once, when the events
        of this change are done. A reload fetches a page per group, and measuring
        2,000 rows after each page took half a second for a long morning list."""
        self._widths.clear()
        if not self._fit_due:
            self._fit_due = True
            QTimer.singleShot(0, self, self._fit_after_change)

    @Slot()
    def _fit_after_change(self) -> None:
        self._fit_due = False
        self._fit_columns()

    def _needed(self, column: int) -> int:
        """The width a column needs to show its heading and its loaded rows whole."""
        if column not in self._widths:
            self._widths[column] = self._measured(column)
        return self._widths[column]

    def _measured(self, column: int) -> int:
        texts = self.model.column_texts(column)
        widest = max(map(self.tree.fontMetrics().horizontalAdvance, texts), default=0)
        if column == 0:
            # The rows sit under their group's heading, after the branch marks.
            widest += self.tree.indentation() * (2 if self.tree.rootIsDecorated() else 1)
        heading = self.tree.header().sectionSizeHint(column)
        return max(widest + self.CELL_PAD, heading)

    @Slot()
    def _fit_columns(self) -> None:
        """Every column as wide as its words, What is due taking the room left: so
        the due day, reference, phone and lateness always show whole. On a narrow
        screen a long name of who does it gives way first, then a long customer's
        name (their tooltips say them whole), and then What is due, whose tooltip
        says it whole with its note."""
        model = FollowUpsModel
        room = self.tree.viewport().width()
        widths = {column: self._needed(column) for column in range(model.columnCount(self.model))}
        what = widths.pop(model.WHAT)
        # On a narrow screen a long name of who does it gives way first, then a long
        # customer's name (each said whole in its tooltip), then What is due.
        least_who = self.tree.fontMetrics().horizontalAdvance("M" * 9) + self.CELL_PAD
        for column, least in ((model.OWNER, least_who), (model.CUSTOMER, 0)):
            short = min(what, self.LEAST_WHAT) - (room - sum(widths.values()))
            if short > 0:  # narrower, never below its heading or ``least``, never wider
                floor = max(least, self.tree.header().sectionSizeHint(column))
                widths[column] = max(widths[column] - short, min(floor, widths[column]))
        widths[model.WHAT] = max(room - sum(widths.values()), 0)
        header = self.tree.header()
        for column, width in widths.items():
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    @Slot()
    def _on_model_reset(self) -> None:
        self._on_rows_changed()
        # Expanding the groups, not every row, keeps this to what is on screen. All
        # are expanded before the headings are spanned: spanning one lays the tree
        # out, and each layout reads another page of every group already expanded.
        for group in range(self.model.rowCount()):
            self.tree.expand(self.model.index(group, 0))
        for group in range(self.model.rowCount()):
            # A heading ("Tomorrow (1,204)") reads across the row, not cut to column one.
            self.tree.setFirstColumnSpanned(group, QModelIndex(), True)
        overdue, today = self.model.count("overdue"), self.model.count("today")
        if overdue or today:
            self.heading.setText(f"{overdue} overdue, {today} due today.")
        else:
            self.heading.setText("Nothing overdue or due today.")
        self._on_selection_changed()

    def select(self, follow_up_id: int) -> bool:
        index = self.model.index_of(follow_up_id)
        if not index.isValid():
            return False
        self.tree.setCurrentIndex(index)
        return True

    def select_first(self) -> None:
        for group in range(self.model.rowCount()):
            parent = self.model.index(group, 0)
            if self.model.rowCount(parent):
                self.tree.setCurrentIndex(self.model.index(0, 0, parent))
                return

    def current(self) -> FollowUpItem | None:
        return self.model.item(self.tree.currentIndex())

    @Slot()
    def _on_selection_changed(self, *_args: object) -> None:
        chosen = self.current() is not None
        for button in (self.done_button, self.snooze_button, self.call_button, self.open_button):
            button.setEnabled(chosen)

    # --- actions ---------------------------------------------------------------------------
    def _after_change(self, keep: int | None = None) -> None:
        self.reload(keep)
        self.changed.emit()

    def _after_handled(self, item: FollowUpItem) -> None:
        """Done or snoozed: move on to the follow-up below it (or above it at the
        end of the list), so the list can be worked down from the keyboard."""
        order = self.model.ids_in_order()
        at = order.index(item.id) if item.id in order else -1
        neighbours = order[at + 1 :] + order[:at][::-1] if at >= 0 else []
        self.model.reload()
        if not any(self.select(other) for other in neighbours if other != item.id):
            if not self.select(item.id):
                self.select_first()
        self.changed.emit()

    @Slot()
    def mark_done(self) -> bool:
        item = self.current()
        if item is None:
            return False
        dialog = FollowUpDoneDialog(item, self.model.today, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        # Said, as a snooze or a cancel is: a call not answered left the row as it was.
        if dialog.outcome() == followups.COULD_NOT_REACH:
            again = followups.retry_day(self.model.today, item.due_on)
            said = f"Could not reach them on {item.reference}: trying again on "
            messages.done(self, said + f"{display.day(again, self.model.today)}.")
        else:
            messages.done(self, f"Done on {item.reference}: {item.what}.")
        self._after_handled(item)
        return True

    def snooze_until(self, day: dt.date) -> bool:
        item = self.current()
        if item is None or not move_past_deadlines(self, "Snooze", item.id, day, self.model.today):
            return False
        try:
            followups.reschedule(item.id, day, author=user_name())
        except ComplaintDeskError as exc:
            messages.not_saved(self, "Not moved", exc)
            return False
        self._after_handled(item)
        return True

    def snooze(self, how: str) -> bool:
        """Snooze the chosen follow-up: ``tomorrow``, ``three`` days, next ``week`` (each
        on the next day the shop is open), or ``pick`` a day from the calendar."""
        item = self.current()
        if item is None:
            return False
        today = self.model.today
        if how != "pick":
            return self.snooze_until(followups.snooze_day(how, max(today, item.due_on)))
        picker = PickDateDialog(
            "Snooze until", propose(max(today, item.due_on)), self, earliest=today
        )
        if picker.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.snooze_until(picker.date())

    @Slot()
    def _on_snooze_menu_about_to_show(self) -> None:
        item = self.current()
        start = max(self.model.today, item.due_on) if item is not None else self.model.today
        offered: set[dt.date] = set()
        for key, label in SNOOZE_LABELS:
            if key != "pick":
                day = followups.snooze_day(key, start)
                self.snooze_actions[key].setText(f"{label}: {display.day(day, self.model.today)}")
                # On a Friday a day and three days later are both Monday: offer it once.
                self.snooze_actions[key].setVisible(day not in offered)
                offered.add(day)
        # The first choice is lit, so one Enter takes it (opened from the keyboard
        # nothing was, and the first Enter only lit it).
        QTimer.singleShot(0, self._light_first_snooze)

    def _light_first_snooze(self) -> None:
        if self.snooze_menu.isVisible() and self.snooze_menu.activeAction() is None:
            first = next((a for a in self.snooze_menu.actions() if a.isVisible()), None)
            if first is not None:
                self.snooze_menu.setActiveAction(first)

    @Slot()
    def _on_snooze_key(self) -> None:
        if self.current() is not None:
            rect = self.tree.visualRect(self.tree.currentIndex())
            self.snooze_menu.popup(self.tree.viewport().mapToGlobal(rect.bottomLeft()))

    @Slot()
    def log_call(self) -> bool:
        item = self.current()
        if item is None:
            return False
        who = display.isolated_joined(item.customer, item.phone)
        complaint_id = item.complaint_id
        ours = lambda: fault_is_ours(complaint_id)  # noqa: E731
        note = note_dialog.ask_note(
            self, "Progress call", who, "&What did you tell them?",
            name="progress_call", fault_is_ours=ours,
            save=lambda text: followups.log_progress_call(item.id, text, author=user_name()),
        )  # fmt: skip
        if note is None:
            return False
        self._after_change(item.id)
        messages.done(self, f"Progress call noted on {item.reference}.")
        return True

    @Slot()
    def cancel_follow_up(self) -> bool:
        """Cancel the chosen follow-up, saying why (X, or the menu)."""
        item = self.current()
        if item is None or not note_dialog.cancel_follow_up(self, item):
            return False
        self._after_handled(item)
        messages.done(self, f"Cancelled on {item.reference}: {item.what}.")
        return True

    @Slot()
    def open_complaint(self) -> None:
        item = self.current()
        if item is not None:
            self.open_requested.emit(item.complaint_id)

    @Slot(QModelIndex)
    def _on_double_clicked(self, index: QModelIndex) -> None:
        if self.model.item(index) is not None:
            self.open_complaint()

    @Slot()
    def _on_context_menu(self, point) -> None:
        if self.model.item(self.tree.indexAt(point)) is None:
            return
        menu = QMenu(self)
        menu.addAction("Done…", self.mark_done)
        menu.addMenu(self.snooze_menu).setText("Snooze")
        menu.addAction("Progress call…", self.log_call)
        menu.addAction("Cancel it…", self.cancel_follow_up)
        menu.addAction("Open complaint", self.open_complaint)
        menu.exec(self.tree.viewport().mapToGlobal(point))
