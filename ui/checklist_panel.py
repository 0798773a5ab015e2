"""The guide for one complaint: progress through the five stages, the steps of
a stage to tick, and what to say (one click puts a line into the note)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from models import checklist, display, guide
from models.display import moment as when
from models.errors import ComplaintDeskError
from models.settings import user_name
from ui import messages


class _SayLine(QLabel):
    """A line to say, in quotes, that goes into the note when clicked (or on Enter
    or Space once Tab reaches it). It wraps, so a long line never makes the guide,
    and so the complaint's pane, wider than the screen allows."""

    clicked = Signal()

    def __init__(self, line: str, parent: QWidget | None = None) -> None:
        super().__init__(f"“{line}”", parent)
        self.setObjectName("hint")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolTip("Put this line into the note")
        self.setAccessibleName(f"Put into the note: {line}")
        # With the keyboard on it, it is framed and shaded, so Enter is not pressed
        # on a line nobody can see is chosen (it goes into the note).
        self.setStyleSheet(
            "QLabel { margin-left: 18px; padding: 2px; color: #1565c0;"
            " border: 1px solid transparent; border-radius: 3px; }"
            "QLabel:focus { background: #e3f2fd; border: 1px solid #1565c0; }"
            "QLabel:hover { text-decoration: underline; }"
        )

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


class _StepRow(QWidget):
    """One step: its box to tick, why it matters, and lines to say."""

    toggled = Signal(str, bool)
    tick_with_note = Signal(str)
    hint_chosen = Signal(str)

    def __init__(self, step: guide.Step, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        self.box = QCheckBox(objectName=f"step_{step.key}")
        # A label beside the box wraps long instructions; clicking it ticks too.
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setStyleSheet("font-weight: bold;")
        self.label.setBuddy(self.box)
        self.label.mousePressEvent = lambda _event: self.box.click()  # type: ignore[method-assign]
        self.more = QToolButton(objectName=f"note_{step.key}")
        self.more.setText("✎")
        self.more.setToolTip("Tick this step with a note")
        self.reason = QLabel(step.reason)
        self.reason.setWordWrap(True)
        self.reason.setStyleSheet("color: palette(mid); margin-left: 22px;")
        self.done = QLabel(objectName=f"done_{step.key}")
        self.done.setTextFormat(Qt.TextFormat.PlainText)
        self.done.setWordWrap(True)
        self.done.setStyleSheet("color: #2e7d32; margin-left: 22px;")
        top = QHBoxLayout()
        top.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.label, 1)
        top.addWidget(self.more, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.reason)
        layout.addWidget(self.done)
        self._lines = QVBoxLayout()
        self._lines.setContentsMargins(0, 0, 0, 0)
        self._lines.setSpacing(2)
        layout.addLayout(self._lines)
        self.word(step)
        self.box.clicked.connect(lambda checked: self.toggled.emit(step.key, checked))
        self.more.clicked.connect(lambda: self.tick_with_note.emit(step.key))

    def word(self, step: guide.Step) -> None:
        """Word the step as ``step`` does (its wording for how the complaint came
        in: a caller is not greeted at the counter)."""
        self.step = step
        self.box.setAccessibleName(step.instruction)
        self.label.setText(step.instruction)
        self.more.setAccessibleName(f"Tick with a note: {step.instruction}")
        shown = [self._lines.itemAt(k).widget() for k in range(self._lines.count())]
        if [w.text() for w in shown] == [f"“{line}”" for line in step.say]:
            return
        for widget in shown:
            self._lines.removeWidget(widget)
            widget.setParent(None)
            widget.deleteLater()
        before: QWidget = self.more
        for line in step.say:
            hint = _SayLine(line)
            hint.clicked.connect(lambda text=line: self.hint_chosen.emit(text))
            self._lines.addWidget(hint)
            # Made after the rest of the window, a line would come last in the Tab
            # order: it goes after its step's ✎, as the lines made with the step do.
            QWidget.setTabOrder(before, hint)
            before = hint

    def show_tick(self, tick: checklist.Tick | None, date_only: bool = False) -> None:
        """Show ``tick``; ``date_only``: the complaint's days alone are known (an
        imported row giving dates), so a tick at midnight says its day alone."""
        self.box.setChecked(tick is not None)
        self.more.setEnabled(tick is None)
        if tick is None:
            self.done.hide()
            self.done.setMinimumHeight(0)
            self.reason.show()
            return
        by = f" by {tick.ticked_by}" if tick.ticked_by else ""
        note = f": {tick.note}" if tick.note else ""
        at = tick.ticked_at
        said = display.day(at.date()) if display.day_only(date_only, at) else when(at)
        self.done.setText(f"Done {said}{by}{note}")
        self.done.setToolTip(self.step.reason)
        # Who did it and when takes the place of why it matters, in the same room:
        # the steps below stay where they were, so the next click lands on its box.
        if self.reason.isVisible():
            self.done.setMinimumHeight(self.reason.height())
        self.reason.hide()
        self.done.show()


class ChecklistPanel(QWidget):
    changed = Signal(int)  # a step was ticked or unticked on this complaint
    hint_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklist")
        self.complaint_id: int | None = None
        self._ticks: dict[str, checklist.Tick] = {}
        self._shown_stage = guide.STAGES[0].key
        self._last_stage = ""  # the stage the complaint shown was at
        self._date_only = False  # the complaint shown has days alone (see show_complaint)
        self._closed = False  # the complaint shown is closed

        self.stage_buttons = QButtonGroup(self)
        self.stage_buttons.setExclusive(True)
        progress = QHBoxLayout()
        progress.setSpacing(4)
        for index, stage in enumerate(guide.STAGES):
            button = QPushButton(objectName=f"stage_{stage.key}")
            button.setCheckable(True)
            button.setAccessibleName(f"Show the steps of {stage.title}")
            # As wide as its widest label (done, current or to come), whatever the
            # complaint shown: the pane's width, and so the log's beside it, stays put.
            bold = button.font()
            bold.setBold(True)
            widest = max(
                QFontMetrics(bold).horizontalAdvance(f"{mark}{stage.title}")
                for mark in ("✓ ", "▶ ", "")
            )
            button.setMinimumWidth(widest + 2 * button.style().pixelMetric(
                QStyle.PixelMetric.PM_ButtonMargin) + 8)  # fmt: skip
            self.stage_buttons.addButton(button, index)
            progress.addWidget(button, 1)
        self.title = QLabel(objectName="stage_title")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.aim = QLabel(objectName="stage_aim")
        self.aim.setWordWrap(True)

        # One page of steps per stage, built once; ticking only updates them.
        self.pages = QStackedWidget()
        self.rows: dict[str, _StepRow] = {}
        for stage in guide.STAGES:
            page = QWidget()
            steps = QVBoxLayout(page)
            steps.setContentsMargins(0, 0, 0, 0)
            for step in stage.steps:
                row = _StepRow(step)
                row.toggled.connect(self._on_step_toggled)
                row.tick_with_note.connect(self._on_tick_with_note)
                row.hint_chosen.connect(self.hint_chosen)
                steps.addWidget(row)
                self.rows[step.key] = row
            steps.addStretch(1)
            self.pages.addWidget(page)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.pages)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a Tab stop that would show nothing

        layout = QVBoxLayout(self)
        layout.addLayout(progress)
        layout.addWidget(self.title)
        layout.addWidget(self.aim)
        layout.addWidget(scroll, 1)
        self.stage_buttons.idClicked.connect(self._on_stage_clicked)

    # --- showing ----------------------------------------------------------
    def show_complaint(
        self,
        complaint_id: int,
        stage: str,
        date_only: bool = False,
        channel: str = "",
        *,
        closed: bool = False,
    ) -> None:
        """Show the complaint's ticks, opening on its current stage, each step worded
        for how the complaint came in (``channel``). The same complaint shown again
        (after a note, a save) stays on the stage the owner was looking at, unless
        its stage moved on. ``date_only``: as for :meth:`_StepRow.show_tick`."""
        for key, row in self.rows.items():
            row.word(guide.STEPS_BY_KEY[key].for_channel(channel))
        same = complaint_id == self.complaint_id and stage == self._last_stage
        self.complaint_id = complaint_id
        self._date_only = date_only
        self._closed = closed  # a closed complaint is not "now" at any stage
        self._last_stage = stage
        self._ticks = checklist.ticks(complaint_id)
        if not same:
            self._shown_stage = stage if stage in guide.STAGE_KEYS else guide.STAGES[-1].key
        self._refresh()

    def _refresh(self) -> None:
        ticked = set(self._ticks)
        current = guide.current_stage(ticked)
        keys = guide.STAGE_KEYS
        reached = keys.index(current) if current in keys else len(keys)
        for index, (stage, done, total) in enumerate(guide.progress(ticked)):
            button = self.stage_buttons.button(index)
            # A stage the complaint moved past (its finding or an agreed fix recorded)
            # with steps left unticked says so, rather than hiding them.
            passed = index < reached and done < total
            mark = "✓ " if done == total else ("▶ " if stage.key == current else "")
            mark = "! " if passed else mark
            button.setText(f"{mark}{stage.title}\n{done}/{total}")
            left = total - done
            button.setToolTip(
                f"{stage.aim}\n{display.count(left, 'step')} of this stage "
                f"{display.plural(left, 'is', 'are')} not ticked, though the complaint has "
                "moved on: tick what was done."
                if passed
                else stage.aim
            )
            button.setChecked(stage.key == self._shown_stage)
            colour = "#2e7d32" if done == total else ("#1565c0" if stage.key == current else "")
            colour = "#a15c00" if passed else colour
            button.setStyleSheet(f"color: {colour}; font-weight: bold;" if colour else "")
        stage = guide.stage(self._shown_stage)
        if self._closed and stage.key == current:
            # Closed before its steps were all done: said so, not "Now: Engage".
            self.title.setText(f"Closed at {stage.title}")
            self.aim.setText(
                "Closed before every step was done: tick any that were, for the record."
            )
        else:
            prefix = "Now: " if stage.key == current else ""
            self.title.setText(f"{prefix}{stage.title}")
            self.aim.setText(stage.aim)
        self.pages.setCurrentIndex(guide.STAGE_KEYS.index(stage.key))
        for key, row in self.rows.items():
            row.show_tick(self._ticks.get(key), self._date_only)

    # --- acting -------------------------------------------------------------
    def set_step(self, step_key: str, done: bool, note: str = "") -> bool:
        if self.complaint_id is None:
            return False
        try:
            if done:
                checklist.tick(self.complaint_id, step_key, author=user_name(), note=note)
            else:
                checklist.untick(self.complaint_id, step_key, author=user_name())
        except ComplaintDeskError as exc:
            messages.not_saved(self, "Not saved", exc)
            self._refresh()
            return False
        self._ticks = checklist.ticks(self.complaint_id)
        self._refresh()
        self.changed.emit(self.complaint_id)
        return True

    @Slot(int)
    def _on_stage_clicked(self, index: int) -> None:
        self._shown_stage = guide.STAGES[index].key
        self._refresh()

    @Slot(str, bool)
    def _on_step_toggled(self, step_key: str, done: bool) -> None:
        self.set_step(step_key, done)

    @Slot(str)
    def _on_tick_with_note(self, step_key: str) -> None:
        from models.facts import fault_is_ours
        from ui.tick_note_dialog import TickNoteDialog

        step = self.rows[step_key].step  # as worded for this complaint
        complaint_id = self.complaint_id
        ours = lambda: complaint_id is not None and fault_is_ours(complaint_id)  # noqa: E731
        note = ""
        while True:  # a note not saved comes back in the box: try again, or cancel
            dialog = TickNoteDialog(step.instruction, note, fault_is_ours=ours, parent=self)
            try:
                if not self._ask(dialog):
                    return
                note = dialog.text()
            finally:
                dialog.deleteLater()
            if self.set_step(step_key, True, note):
                return

    def _ask(self, dialog: QDialog) -> bool:
        """Show ``dialog`` and say whether it was accepted (tests answer it)."""
        return dialog.exec() == QDialog.DialogCode.Accepted
