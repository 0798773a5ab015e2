"""Long actions, follow-ups and names on a complaint's tabs are read whole at
1366×768 and 1024×768: they wrap rather than run off to the side."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QListWidget, QScrollArea

from models import followup_kinds, followups
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from models.resolution import add_action
from tests.ui.keyboard import type_text

SCREENS = [(1366, 768), (1024, 768)]
PERSON = "Penelope Hartington"
LONG = "refund the bouquet in full to the card she paid with and send a replacement arrangement"


@pytest.fixture
def bouquet(db):
    made = log_complaint(
        CustomerDetails(name="Penelope Hartington-Smythe"),
        ComplaintDetails(account="The wedding bouquet arrived wilted."),
        author="Sam",
    )
    soon = dt.date.today() + dt.timedelta(days=2)
    add_action(made.id, who=PERSON, what=LONG, due_on=soon, author="Sam")
    followups.add_follow_up(
        made.id, kind=followup_kinds.MANUAL_KINDS[0], what=f"ring to check: {LONG}",
        owner=PERSON, due_on=soon, author="Sam",
    )  # fmt: skip
    return made


def open_at(qtbot, window, complaint_id: int, width: int, height: int) -> None:
    window.resize(width, height)
    window.list_view.refresh()
    window.open_complaint(complaint_id)
    qtbot.waitUntil(lambda: window.detail.record is not None)


def show_tab_of(detail, panel) -> None:
    tabs = detail.tabs
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.widget(i).isAncestorOf(panel)))
    QApplication.processEvents()


def cut_off(view: QListWidget) -> list[str]:
    width = view.viewport().width()
    return [
        view.item(row).text()
        for row in range(view.count())
        if view.visualItemRect(view.item(row)).right() > width
    ]


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_long_actions_and_follow_ups_wrap_in_view(qtbot, window, bouquet, width, height) -> None:
    open_at(qtbot, window, bouquet.id, width, height)
    detail = window.detail
    for panel, view in ((detail.resolve, detail.resolve.actions),
                        (detail.followups, detail.followups.list)):  # fmt: skip
        show_tab_of(detail, panel)
        assert view.count() > 0
        assert any(LONG in view.item(row).text() for row in range(view.count()))
        assert cut_off(view) == []


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_who_does_a_new_follow_up_is_read_whole(qtbot, window, bouquet, width, height) -> None:
    open_at(qtbot, window, bouquet.id, width, height)
    panel = window.detail.followups
    show_tab_of(window.detail, panel)
    panel.owner.clear()
    type_text(panel.owner, PERSON)
    room = panel.owner.contentsRect().width() - 2 * panel.owner.textMargins().left()
    assert panel.owner.fontMetrics().horizontalAdvance(PERSON) < room


def in_view(widget, area: QScrollArea) -> bool:
    top = widget.mapTo(area.viewport(), QPoint(0, 0)).y()
    return top >= 0 and top + min(widget.height(), 40) <= area.viewport().height()


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_a_warning_appearing_under_the_basis_keeps_it_in_view(
    qtbot, window, bouquet, width, height
) -> None:
    open_at(qtbot, window, bouquet.id, width, height)
    facts = window.detail.facts
    show_tab_of(window.detail, facts)
    area = facts.parentWidget()
    while not isinstance(area, QScrollArea):
        area = area.parentWidget()
    area.ensureWidgetVisible(facts.basis)
    facts.basis.setFocus()
    qtbot.keyClicks(facts.basis, "Checked the photos. We dropped the bouquet in the van.")
    qtbot.waitUntil(facts.basis_banner.isVisible)
    QApplication.processEvents()
    qtbot.waitUntil(lambda: in_view(facts.basis, area))
    assert in_view(facts.basis_banner, area)


def test_a_refused_received_date_is_said_in_view_at_1024(qtbot, window, bouquet) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    # 1024×768 less a title bar and a task bar, as the window really gets
    open_at(qtbot, window, bouquet.id, 1024, 690)
    detail = window.detail
    show_tab_of(detail, detail.received)
    area = detail.received.parentWidget()
    while not isinstance(area, QScrollArea):
        area = area.parentWidget()
    area.verticalScrollBar().setValue(0)
    detail.received.setFocus()
    detail.received.edit.selectAll()
    qtbot.keyClicks(detail.received.edit, "1 Jan 2099 10:00")
    qtbot.mouseClick(window.findChild(QPushButton, "save_changes"), Qt.MouseButton.LeftButton)
    error = detail.other_errors
    qtbot.waitUntil(error.isVisible)
    assert "future" in error.text()
    qtbot.waitUntil(lambda: in_view(error, area))


def test_a_long_name_of_who_does_it_gives_way_to_the_customer_in_the_morning_list(
    qtbot, window, db
) -> None:
    from tests.ui.test_small_screen import cut_in_the_morning_list

    made = log_complaint(
        CustomerDetails(name="Tomasz Reynolds-Barrington", phone="07700 900123"),
        ComplaintDetails(account="The rear brake rubs after the service."),
        author="Sam",
    )
    followups.add_follow_up(
        made.id, kind=followup_kinds.MANUAL_KINDS[0], what="ring to say the brake is adjusted",
        owner="Maximilian Fothergill-Haugh-Worthington", due_on=dt.date.today(), author="Sam",
    )  # fmt: skip
    window.resize(1024, 768)
    window.show_followups()
    QApplication.processEvents()
    cut = cut_in_the_morning_list(window.followups.tree)
    assert not [text for text in cut if text.startswith(("Customer:", "heading"))]
    assert not [text for text in cut if text.startswith("What is due: ring to say")]


def widest_line(text: str, font, width: int) -> float:
    """How wide the widest line of ``text`` is, laid out as a list draws an item:
    wrapped at word boundaries only (a line wider than the list is cut with "…")."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextLayout, QTextOption

    widest = 0.0
    for paragraph in text.split("\n"):
        layout = QTextLayout(paragraph, font)
        option = QTextOption(Qt.AlignmentFlag.AlignLeft)
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        layout.setTextOption(option)
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            widest = max(widest, line.naturalTextWidth())
        layout.endLayout()
    return widest


def test_a_letters_file_name_on_a_narrow_timeline_wraps_rather_than_being_cut(
    qtbot, window, bouquet
) -> None:
    from models import timeline

    name = "C-2026-0001-confirmation-20261203-153000.pdf"
    timeline.record(bouquet.id, timeline.LETTER, f"Confirmation letter made: {name}.", "Sam")
    open_at(qtbot, window, bouquet.id, 1024, 768)
    view = window.detail.timeline_view
    model = view.model()
    shown = model.index(model.rowCount() - 1, 0).data()
    assert "confirmation" in shown
    narrow = 200  # the log widened beside it, at 1024
    assert widest_line(shown, view.font(), narrow) <= narrow


def test_a_long_staff_name_is_offered_whole_in_a_narrow_person_box(qtbot, db) -> None:
    """Under X11 the list opens as wide as the box unless it asks for more (seen
    at 1024 as "Bartholom…argreaves"); offscreen Qt draws it wide anyway, so
    what is checked is the room the list asks for, and that it cuts no name."""
    from PySide6.QtCore import Qt

    from ui.person_box import PersonBox

    name = "Bartholomew Fitzwilliam-Hargreaves"
    box = PersonBox("action_who", "Who will do it")
    qtbot.addWidget(box)
    box.offer(["Grace", name])
    box.resize(140, box.sizeHint().height())
    view = box.view()
    assert view.minimumWidth() > view.fontMetrics().horizontalAdvance(name)
    assert view.textElideMode() == Qt.TextElideMode.ElideNone


def test_another_complaint_opens_each_page_at_its_top(qtbot, window, bouquet) -> None:
    """Scrolled down the Resolve page of one complaint, the next one opened starts at
    the top of it (the offers and the agreed fix), not where the last was left."""
    other = log_complaint(
        CustomerDetails(name="Joan Fletcher"), ComplaintDetails(account="Cracked pot."),
        author="Sam",
    )  # fmt: skip
    open_at(qtbot, window, bouquet.id, 1024, 768)
    detail = window.detail
    show_tab_of(detail, detail.resolve)
    area = next(a for a in detail.findChildren(QScrollArea) if a.isAncestorOf(detail.resolve))
    area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
    assert area.verticalScrollBar().value() > 0
    window.list_view.refresh()
    window.open_complaint(other.id)
    qtbot.waitUntil(lambda: detail.record is not None and detail.record.id == other.id)
    assert area.verticalScrollBar().value() == 0


def test_record_finding_stays_under_the_pointer_as_the_warning_clears(
    qtbot, window, bouquet
) -> None:
    """The owner writes the basis, sees the warning, sets the fault to ours and goes
    for Record finding: the button must not jump up as the warning goes."""
    from models.choices import FAULT_OURS

    open_at(qtbot, window, bouquet.id, 1366, 768)
    facts = window.detail.facts
    show_tab_of(window.detail, facts)
    facts.basis.setFocus()
    qtbot.keyClicks(facts.basis, "Checked the photos. We dropped the bouquet in the van.")
    qtbot.waitUntil(lambda: "wording warning" in facts.basis_banner.label.text())
    QApplication.processEvents()
    area = facts.parentWidget()
    while not isinstance(area, QScrollArea):
        area = area.parentWidget()
    area.ensureWidgetVisible(facts.record_fault)
    QApplication.processEvents()
    before = facts.record_fault.mapTo(window, QPoint(0, 0))
    facts.fault.setCurrentIndex(facts.fault.findData(FAULT_OURS))
    qtbot.waitUntil(lambda: not facts.basis.findings())
    QApplication.processEvents()
    assert "wording warning" not in facts.basis_banner.label.text()
    assert facts.record_fault.mapTo(window, QPoint(0, 0)) == before
