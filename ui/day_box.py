"""A date box a person can type a whole day into.

Qt's date box edits a day section by section: a whole date typed over it
lands in the wrong sections ("10 Jan 2027" typed over "Thu 3 Dec 2026" became
Fri 10 Dec 2027). This box reads what is typed as a whole, with the app's one
reader of typed days (:mod:`models.typed_dates`), when Enter is pressed or the
box is left: "10 Jan 2027", "10/1/2027", "next tue", "tomorrow 9am". Text
that is not a day stays as typed, marked, with a sentence saying why
(:meth:`DayBox.problem`); the day before it is kept until it is put right.

Up and Down move a day, Page Up and Page Down a month; Alt+Down or F4 opens
the calendar.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QToolTip,
    QWidget,
    QWidgetAction,
)

from models import display
from models.typed_dates import NotADay, gives_time, read_day, read_moment

_STEPS = {
    Qt.Key.Key_Up: (1, 0),
    Qt.Key.Key_Down: (-1, 0),
    Qt.Key.Key_PageUp: (0, 1),
    Qt.Key.Key_PageDown: (0, -1),
}


class DayBox(QWidget):
    """A day (or with ``with_time``, a day and a time) typed or picked."""

    dateChanged = Signal(QDate)
    dateTimeChanged = Signal(QDateTime)
    # Enter pressed on a day, in a box that keeps Enter (``keeps_enter``): a box
    # beside its own button ("Add day") does that button's work rather than the
    # dialog's.
    entered = Signal()
    # The text typed in the box changed, before it is read as a day.
    textEdited = Signal(str)

    def __init__(
        self,
        value: QDate | QDateTime | None = None,
        *,
        objectName: str = "",
        with_time: bool = False,
        ahead: bool = True,
        keeps_enter: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, objectName=objectName)
        self._with_time = with_time
        self._keeps_enter = keeps_enter
        self._ahead = ahead
        self._value = dt.datetime.now().replace(second=0, microsecond=0)
        if not with_time:
            self._value = self._value.replace(hour=0, minute=0)
        self._problem = ""
        self._time_unknown = False
        self.edit = QLineEdit(objectName=f"{objectName}_text" if objectName else "")
        self.edit.setPlaceholderText("e.g. 10 Jan 2027" + (" 14:30" if with_time else ""))
        self.pick = QToolButton(objectName=f"{objectName}_pick" if objectName else "")
        self.pick.setArrowType(Qt.ArrowType.DownArrow)
        self.pick.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.pick.setToolTip("Pick from a calendar (Alt+Down)")
        self._calendar = QCalendarWidget(objectName="day_box_calendar")
        self._calendar.setGridVisible(True)
        self._menu = QMenu(self)
        holder = QWidgetAction(self._menu)
        holder.setDefaultWidget(self._calendar)
        self._menu.addAction(holder)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.pick)
        self.setFocusProxy(self.edit)
        # A label's Alt+letter gives focus only to a buddy that takes it: "Recei&ved"
        # did nothing, and what was typed next went into the box before.
        self.setFocusPolicy(self.edit.focusPolicy())
        self.edit.setMinimumWidth(
            self.edit.fontMetrics().horizontalAdvance(
                "Wed 30 Sep 2026" + (" 23:59" if with_time else "")
            )
            + 16
        )
        self.edit.installEventFilter(self)
        self.edit.editingFinished.connect(self._read_typed)
        self.edit.textEdited.connect(self._on_text_edited)
        self.edit.textEdited.connect(self.textEdited)
        self.pick.clicked.connect(self._open_calendar)
        self._calendar.clicked.connect(self._on_day_picked)
        self._calendar.activated.connect(self._on_day_picked)
        if isinstance(value, QDateTime):
            self.setDateTime(value)
        elif isinstance(value, QDate):
            self.setDate(value)
        else:
            self._show_value()

    # --- the value -----------------------------------------------------------------
    def date(self) -> QDate:
        self._read_typed(quietly=True)
        return QDate(self._value.date())

    def dateTime(self) -> QDateTime:
        self._read_typed(quietly=True)
        return QDateTime(self._value)

    def setDate(self, value: QDate | dt.date) -> None:
        day = value if isinstance(value, dt.date) else value.toPython()
        self._set(dt.datetime.combine(day, self._value.time()))

    def setDateTime(self, value: QDateTime | dt.datetime) -> None:
        moment = value if isinstance(value, dt.datetime) else value.toPython()
        moment = moment.replace(second=0, microsecond=0, tzinfo=None)
        self._time_unknown = False
        self._set(moment if self._with_time else moment.replace(hour=0, minute=0))

    def time_unknown(self) -> bool:
        """The box holds a day whose time of day is not known: one given without a
        time (see :meth:`_day_alone`) or set so (:meth:`set_time_unknown`)."""
        self._read_typed(quietly=True)
        return self._with_time and self._time_unknown and self._value.time() == dt.time()

    def text(self) -> str:
        return self.edit.text()

    def problem(self) -> str:
        """Why the text typed is not a day ("" when it is one)."""
        self._read_typed(quietly=True)
        return self._problem

    def calendarWidget(self) -> QCalendarWidget:
        return self._calendar

    def setAccessibleName(self, name: str) -> None:
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)
        self.pick.setAccessibleName(f"{name}: pick from a calendar")

    # --- inside ----------------------------------------------------------------------
    def _set(self, value: dt.datetime) -> None:
        changed = value != self._value
        self._value = value
        self._problem = ""
        self._show_value()
        if changed:
            self.dateTimeChanged.emit(QDateTime(value))
            self.dateChanged.emit(QDate(value.date()))

    def set_time_unknown(self, unknown: bool) -> None:
        """Only the day is known (a complaint brought in from a log that gave no time):
        the box shows the day alone rather than a made-up 00:00, until a time is typed."""
        self._time_unknown = unknown
        self._show_value()

    def _formatted(self) -> str:
        if self._with_time and not (self._time_unknown and self._value.time() == dt.time()):
            return display.moment_with_year(self._value)
        return display.day_with_year(self._value.date())

    def _show_value(self) -> None:
        self.edit.setText(self._formatted())
        self._mark("")

    def _mark(self, problem: str) -> None:
        if not problem and self._problem and QToolTip.text() == self._problem:
            # The words saying why the old text was not a day go as it is put right:
            # left for their seconds, they covered the Clear form button below.
            QToolTip.hideText()
        self._problem = problem
        self.edit.setToolTip(problem)
        self.edit.setStyleSheet("QLineEdit { border: 2px solid #c0392b; }" if problem else "")

    def _on_text_edited(self, _text: str) -> None:
        if self._problem:
            self._mark("")

    def _read_typed(self, *, quietly: bool = False) -> None:
        text = self.edit.text()
        if text == self._formatted():
            return
        try:
            if self._with_time and gives_time(text):
                value = read_moment(text, dt.datetime.now(), ahead=self._ahead)
                self._time_unknown = False
            else:
                value = self._day_alone(read_day(text, dt.date.today(), ahead=self._ahead))
        except NotADay as problem:
            self._mark(str(problem))
            if not quietly:
                self.show_problem(focus=False)
            return
        self._set(value)

    def _day_alone(self, day: dt.date) -> dt.datetime:
        """The moment a day given without a time stands for. When something
        happened on another day than today, its time is not known: the box says
        so rather than keep the time it held (the clock's, in a new complaint).
        Today, or a due day, keeps the time held."""
        if self._with_time and not self._ahead and day != dt.date.today():
            self._time_unknown = True
            return dt.datetime.combine(day, dt.time())
        return dt.datetime.combine(day, self._value.time())

    def show_problem(self, *, focus: bool = True) -> None:
        """Say beside the box why its text is not a day (and put the cursor there)."""
        if self._problem and self.isVisible():
            if focus:
                self.edit.setFocus()
            where = self.edit.mapToGlobal(QPoint(0, self.edit.height()))
            QToolTip.showText(where, self._problem, self.edit)

    def _step(self, days: int, months: int) -> None:
        self._read_typed(quietly=True)
        value = QDateTime(self._value).addDays(days).addMonths(months).toPython()
        self._set(value)

    def _open_calendar(self) -> None:
        self._read_typed(quietly=True)
        self._calendar.setSelectedDate(QDate(self._value.date()))
        self._menu.popup(self.mapToGlobal(QPoint(0, self.height())))
        self._calendar.setFocus()

    def _on_day_picked(self, day: QDate) -> None:
        self._menu.close()
        self._set(self._day_alone(day.toPython()))
        self.edit.setFocus()

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab leave the box. Its text field can be left in a focus
        chain of its own, with the calendar button, when the box is put in a form
        after it was built: Tab went round the two and the keyboard never left
        (Preferences' closed days). The walk here goes on from the text field (where
        a form's own tab order places it), else from the box's own place."""
        reason = Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        for start in (self.edit, self):
            target = self._next_stop(start, next)
            if target is not None:
                target.setFocus(reason)
                return True
        return super().focusNextPrevChild(next)

    def _next_stop(self, start: QWidget, forward: bool) -> QWidget | None:
        """The next widget after ``start`` in its focus chain that takes Tab, outside
        this box; None when the chain comes round without one."""
        widget: QWidget | None = start
        for _ in range(1000):
            widget = widget.nextInFocusChain() if forward else widget.previousInFocusChain()
            if widget is None or widget is start:
                return None
            if widget is self or self.isAncestorOf(widget) or widget.window() is not self.window():
                continue
            if (
                widget.isEnabled()
                and widget.isVisible()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            ):
                return widget
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Asked by Qt while the box is being taken down too, when it holds no text
        # field any more: then nothing is for it.
        if watched is getattr(self, "edit", None) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = Qt.Key(event.key())
            alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
            if key == Qt.Key.Key_F4 or (alt and key == Qt.Key.Key_Down):
                self._open_calendar()
                return True
            if key in _STEPS and not alt:
                self._step(*_STEPS[key])
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                # Enter reads what was typed. When it is not a day, the reason is
                # said here and Enter goes no further: it would otherwise press
                # the dialog's button with the day before still in the box.
                self._read_typed()
                if self._problem:
                    return True
                if self._keeps_enter:
                    self.entered.emit()
                    return True
                return False
        return super().eventFilter(watched, event)


def moment_box(value: QDateTime | None = None, *, objectName: str = "") -> DayBox:
    """A box for when something happened: a day and a time, looking back."""
    return DayBox(value, objectName=objectName, with_time=True, ahead=False)
