"""Fitting the window and its dialogs on a small screen (1366×768, 1024×768),
and naming what a screen reader would otherwise read as nothing."""

from __future__ import annotations

import re
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QAccessible, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QFrame,
    QLineEdit,
    QPlainTextEdit,
    QProxyStyle,
    QScrollArea,
    QStyle,
    QStyleOption,
    QTabWidget,
    QWidget,
)

TITLE_BAR = 32  # a title bar and borders, before the window manager says


def available_area(widget: QWidget) -> QRect:
    """The part of the widget's screen free of task bars and docks."""
    parent = widget.parentWidget()
    screen = (parent.screen() if parent is not None else None) or widget.screen()
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 700)


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Size a window as wished, but never larger than its screen leaves free
    (the title bar taken off), so every button stays on screen."""
    area = available_area(window)
    window.resize(min(width, area.width()), min(height, area.height() - TITLE_BAR))


def keep_on_screen(window: QWidget, area: QRect | None = None) -> None:
    """Move a window grown taller (a form showing its errors) up, so that its
    bottom edge, and the buttons along it, stay inside ``area`` (by default what
    its screen leaves free); its top never goes above the area's."""
    area = area or available_area(window)
    frame = window.frameGeometry()
    bottom = area.top() + area.height()
    over = frame.top() + frame.height() - bottom
    if over > 0 and window.isWindow():
        window.move(window.x(), max(window.y() - over, area.top()))


_W = TypeVar("_W", bound=QWidget)


class _WheelScrollsThePage(QObject):
    """The mouse wheel over a number or a list box of a scrolling page scrolls the
    page, unless the box has the focus: scrolling past a box never changes it."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.Wheel or not isinstance(watched, QWidget):
            return False
        if watched.hasFocus():
            return False  # the owner is in the box: the wheel changes it
        area = enclosing(watched, QAbstractScrollArea)
        if area is not None:
            QCoreApplication.sendEvent(area.verticalScrollBar(), event)
        return True


def enclosing(widget: QWidget, kind: type[_W]) -> _W | None:
    """The nearest widget of ``kind`` that holds ``widget`` (a scroll area, …)."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, kind):
        parent = parent.parentWidget()
    return parent


_WHEEL = _WheelScrollsThePage()


def wheel_scrolls_past(box: QWidget) -> None:
    """The wheel over ``box`` (a list box in a table's cell) scrolls what holds it
    unless the box has the focus: scrolling down a table never changes a choice."""
    box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    box.installEventFilter(_WHEEL)


class _KeepsTheCursorInView(QObject):
    """When a scrolling page grows as someone types (a wording warning appears
    under the box they are typing in), the box they are in stays in view rather
    than slide below the edge, and so does as much as fits of what appeared
    under it."""

    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self._area = area
        # A box reached by its Alt+letter (not by Tab, which scrolls the page
        # itself) is brought into view too: typed into below the fold, it was blind.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self, self._follow)
        return False

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        page = self._area.widget()
        if new is not None and page is not None and page.isAncestorOf(new):
            self._area.ensureWidgetVisible(new, 0, 12)

    def _follow(self) -> None:
        page = self._area.widget()
        focus = QApplication.focusWidget()
        if page is None or focus is None or not page.isAncestorOf(focus):
            return
        below = self._area.viewport().height() - focus.height() - 24
        if below > 0:
            bottom = focus.mapTo(page, QPoint(0, focus.height()))
            self._area.ensureVisible(bottom.x(), bottom.y(), 0, below)
        self._area.ensureWidgetVisible(focus, 0, 12)


def scrolled(page: QWidget, name: str = "") -> QScrollArea:
    """A page that scrolls down rather than make its window taller than the screen.
    The wheel over its number and list boxes scrolls the page (see
    :class:`_WheelScrollsThePage`), and the box being typed in stays in view as
    the page grows (:class:`_KeepsTheCursorInView`)."""
    wheel = _WheelScrollsThePage(page)
    for box in page.findChildren(QAbstractSpinBox) + page.findChildren(QComboBox):
        box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        box.installEventFilter(wheel)
    area = QScrollArea()
    if name:
        area.setObjectName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setWidget(page)
    # Tab goes from the control before the page to the first control on it: the page
    # itself would be a stop that shows nothing (its controls still scroll into view).
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    page.installEventFilter(_KeepsTheCursorInView(area))
    return area


# The parts of a calendar Qt leaves unnamed, by the name Qt gives them.
CALENDAR_PARTS = {
    "qt_calendar_prevmonth": "Previous month",
    "qt_calendar_nextmonth": "Next month",
    "qt_calendar_calendarview": "Days of the month",
    "qt_calendar_yearedit": "Year",
}


def plain_box(name: str, lines: int, most: int | None = None) -> QPlainTextEdit:
    """A box for a few lines of text, ``lines`` high (at most ``most``), that Tab
    leaves rather than types into."""
    from ui.focus_marks import text_shows_focus

    box = QPlainTextEdit(objectName=name)
    box.setTabChangesFocus(True)
    text_shows_focus(box)
    return lines_high(box, lines, most)


_B = TypeVar("_B", bound=QPlainTextEdit)


def lines_high(box: _B, lines: int, most: int | None = None) -> _B:
    """``box`` at least ``lines`` lines high, and at most ``most`` when given."""
    spacing = box.fontMetrics().lineSpacing()
    box.setMinimumHeight(spacing * lines + 14)
    if most is not None:
        box.setMaximumHeight(spacing * most + 14)
    return box


def name_inner_fields(root: QWidget) -> None:
    """The text field inside a date or number box takes the box's name, and a
    calendar's buttons and days get theirs: a screen reader otherwise reads
    them as unnamed."""
    for calendar in root.findChildren(QCalendarWidget):
        for part in calendar.findChildren(QWidget):
            name = CALENDAR_PARTS.get(part.objectName())
            if name and isinstance(part, (QAbstractButton, QAbstractItemView, QAbstractSpinBox)):
                part.setAccessibleName(name)
    for box in root.findChildren(QAbstractSpinBox):
        inner = box.findChild(QLineEdit)
        if inner is None or inner.accessibleName():
            continue
        interface = QAccessible.queryAccessibleInterface(box)
        name = box.accessibleName() or (
            interface.text(QAccessible.Text.Name) if interface is not None else ""
        )
        inner.setAccessibleName(name or box.toolTip() or box.objectName().replace("_", " "))


class _CompactTabs(QProxyStyle):
    """Tabs with less space either side of their words, drawn as the style draws them."""

    SPACE = 12

    def pixelMetric(
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        if metric == QStyle.PixelMetric.PM_TabBarTabHSpace:
            return self.SPACE
        return super().pixelMetric(metric, option, widget)


class TabLabels(QObject):
    """Keeps every tab of a tab widget within reach: each tab's full label while
    they all fit, its short label (no count) when they do not, and the full label
    in its tooltip; scroll arrows only when even the short labels do not fit."""

    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__(tabs)
        self.tabs = tabs
        self._style = _CompactTabs()
        tabs.tabBar().setStyle(self._style)
        tabs.setUsesScrollButtons(False)
        tabs.setElideMode(Qt.TextElideMode.ElideNone)
        tabs.tabBar().setExpanding(False)
        self._labels: dict[int, tuple[str, str]] = {}
        tabs.installEventFilter(self)

    def set(self, index: int, text: str, short: str | None = None) -> None:
        """Label a tab; ``short`` defaults to the text without its count, "(3)"."""
        self._labels[index] = (text, short if short is not None else re.sub(r" \(.*\)$", "", text))
        self.tabs.setTabToolTip(index, text.replace("&", ""))
        self.fit()

    def fit(self) -> None:
        bar = self.tabs.tabBar()
        room = self.tabs.width() - 16  # the frame and the selected tab standing out
        for choice in (0, 1):
            for index, labels in self._labels.items():
                if bar.tabText(index) != labels[choice]:
                    bar.setTabText(index, labels[choice])
            if sum(bar.tabSizeHint(i).width() for i in range(bar.count())) <= room:
                self.tabs.setUsesScrollButtons(False)
                return
        self.tabs.setUsesScrollButtons(True)  # the last tabs were cut off, out of reach

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.tabs and event.type() == QEvent.Type.Resize:
            self.fit()
        return False
