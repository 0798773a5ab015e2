"""The till's screen: the window and every dialog fit 1366×768 and 1024×768,
every button can be reached, the customer's name shows in the log, and every
control has a name a screen reader can say."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTabBar,
    QTextEdit,
    QWidget,
)

from models import morning_list
from models.business import BusinessProfile, save_profile
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from models.root_causes import ROOT_CAUSES
from tests.ui.keyboard import type_text
from ui.complaint_table_model import ComplaintTableModel

SCREENS = [(1366, 768), (1024, 768)]
WINDOW_HEIGHT = 700  # what 768 pixels leave under a title bar and above a task bar
INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QPlainTextEdit,
    QTextEdit,
    QTabBar,
)


@pytest.fixture
def complaints(db):
    """A few complaints, the first with a long customer name, one told before."""
    names = ("Margaret Kowalczyk", "Aoife Sørensen", "Mehmet O'Brien")
    made = []
    for number, name in enumerate(names):
        made.append(
            log_complaint(
                CustomerDetails(name=name, phone=f"07700 90012{number}", address="1 Mill Road"),
                ComplaintDetails(account="The zip broke on the first day.", remedy_sought="Refund"),
                author="Sam",
                now=dt.datetime.now() - dt.timedelta(days=3 - number),
            )
        )
    save_profile(
        BusinessProfile(
            name="Corner Shop", address="1 High Street", email="a@b.co", signatory_name="Sam Lee"
        )
    )
    return made


def open_first(qtbot, window):
    window.list_view.refresh()
    window.list_view.table.selectRow(0)
    qtbot.waitUntil(lambda: window.detail.record is not None)
    return window.detail


def reachable_area(widget: QWidget, top: QWidget) -> QRect:
    """Where a widget is, in its window: a widget in a scrolling page is reached
    by scrolling, so the page's visible part counts."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and parent is grand.viewport():
            widget = parent
        parent = grand
    corner = widget.mapTo(top, QPoint(0, 0))
    return QRect(corner, widget.size())


def buttons_out_of_reach(top: QWidget, bounds: QRect) -> list[str]:
    outside = []
    for button in top.findChildren(QAbstractButton):
        if not button.isVisible() or button.window() is not top or button.size().isEmpty():
            continue
        if not bounds.contains(reachable_area(button, top)):
            outside.append(button.objectName() or button.text())
    return outside


def check_fits(top: QWidget, width: int, height: int = 768) -> None:
    hint = top.minimumSizeHint()
    assert hint.width() <= width and hint.height() <= WINDOW_HEIGHT, hint
    top.resize(width, height)
    QApplication.processEvents()
    assert buttons_out_of_reach(top, QRect(0, 0, width, height)) == []


def fits_its_screen(dialog: QWidget) -> bool:
    screen = dialog.screen().availableGeometry()
    return dialog.width() <= screen.width() and dialog.height() <= screen.height()


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_every_tab_of_an_open_complaint_fits_and_its_buttons_are_reachable(
    qtbot, window, complaints, width, height
) -> None:
    detail = open_first(qtbot, window)
    for index in range(detail.tabs.count()):
        detail.tabs.setCurrentIndex(index)
        check_fits(window, width, height)
    for name in ("save_changes", "letter_button", "close_complaint"):
        assert name not in buttons_out_of_reach(window, QRect(0, 0, width, height))
    window.show_followups()
    check_fits(window, width, height)
    window.show_insights()
    check_fits(window, width, height)


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_every_tab_stays_in_view_without_scroll_arrows(
    qtbot, window, complaints, width, height
) -> None:
    detail = open_first(qtbot, window)
    window.resize(width, height)
    QApplication.processEvents()
    bar = detail.tabs.tabBar()
    for index in range(bar.count()):
        shown = bar.tabRect(index)
        assert bar.rect().contains(shown), bar.tabText(index)
        label = bar.tabText(index).replace("&", "")
        assert bar.fontMetrics().horizontalAdvance(label) < shown.width(), label
        assert label in detail.tabs.tabToolTip(index)


def test_at_the_windows_narrowest_every_tab_can_still_be_reached(qtbot, window, complaints):
    """Narrower than 1024 (the window's own minimum), even the short tab names do
    not fit: the last tabs were cut off with no way to them but the keyboard."""
    detail = open_first(qtbot, window)
    window.resize(window.minimumSizeHint().width(), 460)
    QApplication.processEvents()
    bar = detail.tabs.tabBar()
    cut = [i for i in range(bar.count()) if not bar.rect().contains(bar.tabRect(i))]
    if cut:  # the bar scrolls: arrows bring each cut tab into view
        assert detail.tabs.usesScrollButtons()
        for index in cut:
            detail.tabs.setCurrentIndex(index)
            QApplication.processEvents()
            assert bar.rect().intersects(bar.tabRect(index)), bar.tabText(index)


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_the_log_shows_the_customers_name_whole(qtbot, window, complaints, width, height) -> None:
    window.list_view.refresh()
    window.resize(width, height)
    QApplication.processEvents()
    table = window.list_view.table
    column = ComplaintTableModel.CUSTOMER
    left = table.columnViewportPosition(column)
    right = left + table.columnWidth(column)
    assert left >= 0 and right <= table.viewport().width()
    needed = table.fontMetrics().horizontalAdvance("Margaret Kowalczyk") + 12
    assert table.columnWidth(column) >= needed
    heading = table.horizontalHeader()
    assert heading.fontMetrics().horizontalAdvance("Customer") + 12 <= heading.sectionSize(column)


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_the_log_shows_reference_customer_and_overdue_mark_without_scrolling_sideways(
    qtbot, window, complaints, width, height
) -> None:
    window.list_view.refresh()
    window.resize(width, height)
    QApplication.processEvents()
    table = window.list_view.table
    model = table.model()
    overdue = [
        model.index(row, ComplaintTableModel.AGE).data()
        for row in range(model.rowCount())
        if "⚠" in model.index(row, ComplaintTableModel.AGE).data()
    ]
    assert overdue, "the sample needs a complaint waiting too long"
    assert table.horizontalScrollBar().value() == 0
    for column, texts in (
        (ComplaintTableModel.REFERENCE, [complaints[0].reference]),
        (ComplaintTableModel.CUSTOMER, ["Margaret Kowalczyk"]),
        (ComplaintTableModel.AGE, overdue),
    ):
        left = table.columnViewportPosition(column)
        right = left + table.columnWidth(column)
        heading = ComplaintTableModel.HEADERS[column]
        assert left >= 0 and right <= table.viewport().width(), heading
        needed = max(table.fontMetrics().horizontalAdvance(text) for text in texts) + 12
        assert table.columnWidth(column) >= needed, heading


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_one_very_long_name_pushes_no_column_out_of_sight(
    qtbot, window, complaints, width, height
) -> None:
    window.list_view.refresh()
    window.resize(width, height)
    QApplication.processEvents()
    header = window.list_view.table.horizontalHeader()
    shown_before = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    long_name = " ".join(["Bartholomew-Fitzgerald Ó Súilleabháin de la Cruz"] * 4)[:183]
    log_complaint(
        CustomerDetails(name=long_name), ComplaintDetails(account="The card had the wrong name."),
        author="Sam",
    )  # fmt: skip
    window.list_view.refresh()
    window.resize(width, height)
    QApplication.processEvents()
    table = window.list_view.table
    header = table.horizontalHeader()
    assert table.horizontalScrollBar().value() == 0
    for column in (
        ComplaintTableModel.REFERENCE, ComplaintTableModel.CUSTOMER, ComplaintTableModel.AGE,
    ):  # fmt: skip
        left = table.columnViewportPosition(column)
        right = left + table.columnWidth(column)
        assert not header.isSectionHidden(column)
        assert left >= 0 and right <= table.viewport().width(), ComplaintTableModel.HEADERS[column]
    assert header.fontMetrics().horizontalAdvance("Customer") + 12 <= header.sectionSize(
        ComplaintTableModel.CUSTOMER
    )
    needed = table.fontMetrics().horizontalAdvance("Margaret Kowalczyk") + 12
    assert table.columnWidth(ComplaintTableModel.CUSTOMER) >= needed  # the others still whole
    row = next(
        r
        for r in range(table.model().rowCount())
        if table.model().index(r, ComplaintTableModel.CUSTOMER).data() == long_name
    )
    tip = table.model().index(row, ComplaintTableModel.CUSTOMER).data(Qt.ItemDataRole.ToolTipRole)
    assert long_name in tip  # said whole on hover
    # The name is cut before a column gives way to it: Received and Stage showed at
    # 1024×768 until one long name came into the log.
    for column in shown_before:
        assert not header.isSectionHidden(column), ComplaintTableModel.HEADERS[column]
        right = table.columnViewportPosition(column) + table.columnWidth(column)
        assert right <= table.viewport().width(), ComplaintTableModel.HEADERS[column]
    assert ComplaintTableModel.RECEIVED in shown_before


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_the_morning_list_shows_reference_customer_and_lateness_without_scrolling_sideways(
    qtbot, window, complaints, width, height
) -> None:
    from ui.followups_model import FollowUpsModel

    window.resize(width, height)
    window.show_followups()
    QApplication.processEvents()
    tree = window.followups.tree
    assert tree.horizontalScrollBar().value() == 0
    for column in (FollowUpsModel.REFERENCE, FollowUpsModel.CUSTOMER, FollowUpsModel.LATE):
        left = tree.columnViewportPosition(column)
        right = left + tree.columnWidth(column)
        assert left >= 0 and right <= tree.viewport().width(), FollowUpsModel.HEADERS[column]


def make_dialogs(window, complaint_id: int, reference: str) -> list[QDialog]:
    from models.business import load_profile
    from models.complaints import load_complaint
    from ui.business_profile_dialog import BusinessProfileDialog
    from ui.check_wording_dialog import CheckWordingDialog
    from ui.close_complaint_dialog import CloseComplaintDialog
    from ui.followup_done_dialog import FollowUpDoneDialog
    from ui.import_wizard import ImportWizard
    from ui.letter_dialog import LetterDialog
    from ui.move_progress import MoveProgressDialog
    from ui.new_complaint_dialog import NewComplaintDialog
    from ui.pick_date_dialog import PickDateDialog
    from ui.pick_list_dialog import PickListDialog
    from ui.preferences_dialog import PreferencesDialog
    from ui.reopen_dialog import ReopenDialog
    from ui.restore_dialog import RestoreDialog
    from ui.tick_note_dialog import TickNoteDialog
    from ui.your_name_dialog import YourNameDialog

    item = morning_list.for_complaint(complaint_id)[0]
    profile = load_profile()
    assert profile is not None
    return [
        NewComplaintDialog(window),
        LetterDialog(complaint_id, profile, window),
        CheckWordingDialog(window),
        PreferencesDialog(window),
        BusinessProfileDialog(window),
        ImportWizard(window),
        RestoreDialog(window),
        CloseComplaintDialog(load_complaint(complaint_id), window),
        ReopenDialog(load_complaint(complaint_id), window),
        FollowUpDoneDialog(item, dt.date.today(), window),
        PickDateDialog("Move to", dt.date.today(), window),
        PickListDialog(ROOT_CAUSES, "Root causes", window),
        YourNameDialog(window, first_run=True),
        MoveProgressDialog(window),
        TickNoteDialog(
            "Check with everyone involved before deciding who was at fault; tell the customer "
            "when you will come back to them.",
            "Rang the courier: no answer yet.",
            parent=window,
        ),
    ]


def import_wizards(qtbot, window, folder) -> list[QDialog]:
    """The import window on its Columns page and on its Check page, for a workbook;
    and on its Columns page for headings over two rows under a title."""
    from tests.ui.test_import_heading_rows import two_row_headings
    from tests.ui.test_import_wizard import read
    from tests.ui.test_import_workbook import FIRST, owners_workbook
    from ui.import_wizard import ImportWizard

    path = owners_workbook(folder / "log.xlsx", FIRST, sheets=2)
    on_columns, on_check, two_rows = (ImportWizard(window) for _ in range(3))
    read(on_columns, qtbot, path, check=False)
    read(on_check, qtbot, path)
    read(two_rows, qtbot, two_row_headings(folder / "two rows.xlsx"), check=False)
    return [on_columns, on_check, two_rows]


def test_every_dialog_opens_on_the_screen_and_fits_1024_by_768(
    qtbot, window, complaints, tmp_path
) -> None:
    first = complaints[0]
    dialogs = make_dialogs(window, first.id, first.reference)
    for dialog in [*dialogs, *import_wizards(qtbot, window, tmp_path)]:
        dialog.show()
        qtbot.waitExposed(dialog)
        assert fits_its_screen(dialog), dialog.objectName()
        check_fits(dialog, 1024)
        dialog.hide()
        dialog.deleteLater()


def unnamed(top: QWidget) -> list[str]:
    """Every control of a window a screen reader would read with no name."""
    found = []
    for widget in top.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or isinstance(widget, (QScrollBar, QHeaderView)):
            continue  # a table's headings are read with the table
        if widget.window() is not top or widget.isHidden() or widget.size().isEmpty():
            continue
        interface = QAccessible.queryAccessibleInterface(widget)
        if interface is None or not interface.text(QAccessible.Text.Name).strip():
            parent = widget.parentWidget()
            found.append(f"{widget.objectName()} in {parent.objectName() if parent else ''}")
    return found


def test_every_control_of_every_view_and_dialog_has_a_name(
    qtbot, window, complaints, tmp_path
) -> None:
    detail = open_first(qtbot, window)
    for index in range(detail.tabs.count()):
        detail.tabs.setCurrentIndex(index)
    window.show_followups()
    window.show_insights()
    window.show_complaints()
    assert unnamed(window) == []
    first = complaints[0]
    dialogs = make_dialogs(window, first.id, first.reference)
    for dialog in [*dialogs, *import_wizards(qtbot, window, tmp_path)]:
        dialog.show()
        assert unnamed(dialog) == [], dialog.objectName()
        dialog.hide()
        dialog.deleteLater()


def boxes_that_type_a_tab(qtbot, top: QWidget) -> list[str]:
    """The text boxes of a window where Tab types a tab instead of moving on."""
    found = []
    for box in [*top.findChildren(QPlainTextEdit), *top.findChildren(QTextEdit)]:
        if box.window() is not top or not box.isVisible() or box.isReadOnly():
            continue
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Tab)
        if "\t" in box.toPlainText():
            parent = box.parentWidget()
            found.append(f"{box.objectName()} in {parent.objectName() if parent else ''}")
    return found


def test_tab_moves_on_from_every_text_box_of_every_view_and_dialog(
    qtbot, window, complaints
) -> None:
    detail = open_first(qtbot, window)
    for index in range(detail.tabs.count()):
        detail.tabs.setCurrentIndex(index)
        assert boxes_that_type_a_tab(qtbot, window) == []
    first = complaints[0]
    for dialog in make_dialogs(window, first.id, first.reference):
        dialog.show()
        qtbot.waitExposed(dialog)
        assert boxes_that_type_a_tab(qtbot, dialog) == [], dialog.objectName()
        dialog.hide()
        dialog.deleteLater()


def test_tab_leaves_the_complaints_table(qtbot, window, complaints) -> None:
    detail = open_first(qtbot, window)
    shown = detail.complaint_id
    table = window.list_view.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert not table.hasFocus()
    assert detail.complaint_id == shown
    assert window.list_view.selected_id() == shown


def looks(widget: QWidget) -> set[str]:
    """The colours ``widget`` is drawn in."""
    QApplication.processEvents()
    image = widget.grab().toImage()
    return {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    }


def test_every_tab_stop_shows_it_has_the_keyboard(qtbot, window, complaints) -> None:
    """The log's chosen row looked the same with the keyboard as without; a line to
    say in the Guide showed nothing (Enter on it put it in the note); and Tab from
    a complaint's tabs first went to the page under them, which shows nothing."""
    window.resize(1024, WINDOW_HEIGHT)
    detail = open_first(qtbot, window)
    window.activateWindow()
    table = window.list_view.table
    row = table.visualRect(table.model().index(0, 0))
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    with_keys = looks(table.viewport()) if row.isValid() else set()
    detail.account.setFocus()
    qtbot.waitUntil(detail.account.hasFocus)
    assert looks(table.viewport()) != with_keys

    detail.tabs.setCurrentWidget(detail.checklist)
    line = next(w for w in detail.findChildren(QLabel, "hint") if w.isVisible())
    before = looks(line)
    line.setFocus()
    qtbot.waitUntil(line.hasFocus)
    assert looks(line) != before

    bar = detail.tabs.tabBar()
    for index in range(detail.tabs.count()):
        detail.tabs.setCurrentIndex(index)
        bar.setFocus()
        qtbot.waitUntil(bar.hasFocus)
        qtbot.keyClick(bar, Qt.Key.Key_Tab)
        first = QApplication.focusWidget()
        assert type(first).__name__ not in ("QScrollArea", "ComplaintForm"), bar.tabText(index)
        assert first.accessibleName() or first.objectName(), bar.tabText(index)
        # It looks different with the keyboard than without, by more than a text
        # cursor: at least as many pixels as a line around it (a list, a box of text:
        # a blue frame), so the owner sees where they are.
        QApplication.processEvents()
        with_keys = first.grab().toImage()
        bar.setFocus()
        qtbot.waitUntil(bar.hasFocus)
        QApplication.processEvents()
        without = first.grab().toImage()
        changed = sum(
            with_keys.pixel(x, y) != without.pixel(x, y)
            for x in range(with_keys.width())
            for y in range(with_keys.height())
        )
        assert changed >= first.width() + first.height(), bar.tabText(index)


def test_the_first_down_in_the_log_chooses_the_first_row(qtbot, window, complaints):
    """Tab into the log put its frame on the first row without choosing it, so the
    first Down chose the second."""
    window.list_view.refresh()
    table = window.list_view.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    assert table.currentIndex().row() == 0 and not table.selectionModel().hasSelection()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.selectionModel().isRowSelected(0)
    qtbot.waitUntil(lambda: window.detail.record is not None)
    assert window.list_view.selected_id() == window.detail.complaint_id
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.selectionModel().isRowSelected(1)


def test_ctrl_page_down_and_up_move_between_a_complaints_tabs(qtbot, window, complaints):
    detail = open_first(qtbot, window)
    detail.tabs.setCurrentIndex(0)
    window.list_view.table.setFocus()  # from the log as from the complaint
    qtbot.waitUntil(window.list_view.table.hasFocus)
    qtbot.keyClick(window.list_view.table, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert detail.tabs.currentIndex() == 1
    qtbot.keyClick(window.list_view.table, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.list_view.table, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert detail.tabs.currentIndex() == detail.tabs.count() - 1  # round to the last
    assert window.list_view.selected_id() == detail.complaint_id


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")  # a menu
def test_alt_f_opens_the_file_menu(qtbot, window, complaints) -> None:
    detail = open_first(qtbot, window)
    window.resize(1366, 768)
    detail.tabs.setCurrentIndex(0)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    file_menu = window.menuBar().actions()[0].menu()
    try:
        qtbot.waitUntil(file_menu.isVisible, timeout=2000)
    finally:
        file_menu.close()
    assert detail.tabs.currentIndex() == 0


def clipped(label: QLabel) -> bool:
    if label.wordWrap():
        return label.heightForWidth(label.contentsRect().width()) > label.contentsRect().height()
    return label.sizeHint().width() > label.width()


def test_the_new_complaint_form_stays_still_while_a_returning_customer_is_typed(
    qtbot, window, complaints
) -> None:
    from ui.new_complaint_dialog import NewComplaintDialog

    log_complaint(
        CustomerDetails(name="Margaret Kowalski", email="margaret.kowalski.long@example.com"),
        ComplaintDetails(account="Late again"),
        author="Sam",
    )
    dialog = NewComplaintDialog(window)
    dialog.show()
    qtbot.waitExposed(dialog)
    fields = (dialog.phone, dialog.address, dialog.account, dialog.save)

    def places() -> list[int]:
        QApplication.processEvents()
        return [field.mapTo(dialog, QPoint(0, 0)).y() for field in fields]

    before = places()
    type_text(dialog.name, "Marg")
    assert dialog.suggestion_list.isVisible()
    assert places() == before
    assert not dialog.suggestion_list.horizontalScrollBar().isVisible()
    shown = dialog.suggestion_list.viewport().rect()
    for row in range(dialog.suggestions.rowCount()):
        assert shown.contains(dialog.suggestion_list.visualRect(dialog.suggestions.index(row, 0)))
    qtbot.keyClick(dialog.name, Qt.Key.Key_Down)
    row = next(
        r
        for r in range(dialog.suggestions.rowCount())
        if dialog.suggestions.customer_at(r).name == "Margaret Kowalski"
    )
    dialog.suggestion_list.setCurrentIndex(dialog.suggestions.index(row, 0))
    qtbot.keyClick(dialog.suggestion_list, Qt.Key.Key_Return)
    assert dialog.returning.isVisible()
    assert "1 earlier complaint" in dialog.returning.text()
    assert not clipped(dialog.returning)
    assert places() == before
    dialog.name.selectAll()
    type_text(dialog.name, "Zebedee")  # someone else: the pick no longer applies
    assert not dialog.returning.isVisible()
    assert places() == before
    dialog.hide()
    dialog.deleteLater()


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_a_wording_warning_on_the_resolve_tab_is_read_whole(
    qtbot, window, complaints, width, height
) -> None:
    detail = open_first(qtbot, window)
    # As a window manager does with a window taller than the screen: squeezed to it.
    window.layout().setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
    window.setMinimumSize(0, 0)
    window.resize(width, WINDOW_HEIGHT)
    tabs = detail.tabs
    page = next(
        i
        for i in range(tabs.count())
        if tabs.widget(i) is detail.resolve or tabs.widget(i).isAncestorOf(detail.resolve)
    )
    tabs.setCurrentIndex(page)
    box = detail.resolve.options
    box.setFocus()
    type_text(box, "We damaged your bike when we moved it, so we will pay for the repair.")
    banner = window.findChild(QWidget, f"{box.objectName()}_wording")
    qtbot.waitUntil(banner.isVisible)
    QApplication.processEvents()
    assert "Safer:" in banner.label.text()
    assert not clipped(banner.label)
    assert QRect(0, 0, width, WINDOW_HEIGHT).contains(reachable_area(banner.label, window))
    box.clear()


def cut_in_the_log(table) -> list[str]:
    """The headings and cells of the log shown cut (their text wider than their
    column less the cell's margins), as "Heading: text"."""
    model = table.model()
    header = table.horizontalHeader()
    cut = []
    for column in range(model.columnCount()):
        if header.isSectionHidden(column):
            continue
        heading = model.headerData(column, Qt.Orientation.Horizontal)
        if header.sectionSizeHint(column) > header.sectionSize(column):
            cut.append(f"heading {heading}")
        for row in range(model.rowCount()):
            text = model.index(row, column).data() or ""
            if table.fontMetrics().horizontalAdvance(text) > table.columnWidth(column) - 12:
                cut.append(f"{heading}: {text}")
    return cut


@pytest.fixture
def sample_log(db):
    from models.demo import add_demo_data

    add_demo_data(80, seed=14)


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_nothing_in_the_log_is_shown_cut(qtbot, window, sample_log, width, height) -> None:
    window.list_view.status_filter.setCurrentIndex(2)  # All
    window.resize(width, height)
    QApplication.processEvents()
    table = window.list_view.table
    header = table.horizontalHeader()
    for column in (
        ComplaintTableModel.REFERENCE,
        ComplaintTableModel.CUSTOMER,
        ComplaintTableModel.AGE,
    ):
        assert not header.isSectionHidden(column)
    assert cut_in_the_log(table) == []


def cut_in_the_morning_list(tree) -> list[str]:
    """The headings and follow-ups of the morning list shown cut, as "Heading: text"."""
    model = tree.model()
    header = tree.header()
    cut = []
    for column in range(model.columnCount()):
        heading = model.headerData(column, Qt.Orientation.Horizontal)
        if header.sectionSizeHint(column) > header.sectionSize(column):
            cut.append(f"heading {heading}")
    for group in range(model.rowCount()):
        parent = model.index(group, 0)
        for row in range(model.rowCount(parent)):
            for column in range(model.columnCount()):
                index = model.index(row, column, parent)
                text = index.data() or ""
                if tree.fontMetrics().horizontalAdvance(text) > tree.visualRect(index).width() - 8:
                    cut.append(f"{model.headerData(column, Qt.Orientation.Horizontal)}: {text}")
    return cut


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_nothing_in_the_morning_list_is_shown_cut(qtbot, window, sample_log, width, height):
    window.resize(width, height)
    window.show_followups()
    QApplication.processEvents()
    tree = window.followups.tree
    assert tree.model().rowCount(tree.model().index(0, 0)), "the sample needs overdue follow-ups"
    assert cut_in_the_morning_list(tree) == []
    assert tree.horizontalScrollBar().maximum() == 0


@pytest.mark.qt_log_ignore("This plugin does not support grabbing the keyboard")  # a menu
def test_a_column_that_gave_way_comes_back_from_the_headings_menu(qtbot, window, sample_log):
    window.list_view.status_filter.setCurrentIndex(2)  # All
    window.resize(1024, 768)
    QApplication.processEvents()
    table = window.list_view.table
    header = table.horizontalHeader()
    assert header.isSectionHidden(ComplaintTableModel.CATEGORY)

    def choose_category() -> None:
        menu = QApplication.activePopupWidget()
        [show] = [action for action in menu.actions() if action.text() == "Show Category"]
        assert not show.isChecked()
        menu.setActiveAction(show)
        QTest.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, choose_category)
    header.customContextMenuRequested.emit(QPoint(10, 5))
    QApplication.processEvents()
    assert not header.isSectionHidden(ComplaintTableModel.CATEGORY)
    assert cut_in_the_log(table) == []
    model = table.model()
    categories = {
        model.index(row, ComplaintTableModel.CATEGORY).data() for row in range(model.rowCount())
    }
    assert "Wrong item or size" in categories


def test_the_new_complaint_form_with_every_error_showing_still_fits_768_high(
    qtbot, window, monkeypatch
) -> None:
    import ui.new_complaint_dialog
    from ui.new_complaint_dialog import NewComplaintDialog

    # A 1024×768 screen with a task bar: 732 pixels free, 700 under the title bar.
    monkeypatch.setattr(
        ui.new_complaint_dialog, "available_area", lambda _w: QRect(0, 0, 1024, 732)
    )
    dialog = NewComplaintDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.phone, "not a phone number at all")
    qtbot.keyClicks(dialog.email, "not an email")
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert dialog.name_error.isVisible() and dialog.account_error.isVisible()
    assert dialog.height() <= WINDOW_HEIGHT  # the form scrolls; it does not grow off screen
    assert buttons_out_of_reach(dialog, QRect(0, 0, 1024, WINDOW_HEIGHT)) == []


def test_the_log_keeps_its_width_as_complaints_at_every_stage_are_opened(qtbot, window) -> None:
    from models import demo
    from models.complaint_list import ListQuery, all_rows

    demo.add_demo_data(40, seed=7)
    window.resize(1024, 768)
    window.show()
    qtbot.waitExposed(window)
    window.list_view.refresh()
    widths = set()
    for row in all_rows(ListQuery(status="all")):
        window.detail.show_complaint(row.id)
        QApplication.processEvents()
        widths.add(window.list_view.width())
    assert len(widths) == 1, f"the log was {sorted(widths)} pixels wide in turn"


@pytest.mark.parametrize("width", [1024, 1200, 1366])
def test_a_log_with_no_categories_shows_nothing_cut_after_it_refreshes(qtbot, window, width):
    """Imported complaints often have no category: a column that gave way and holds
    only empty cells must not come back squeezed to "C." when the log refreshes."""
    from models.log_csv import import_log, read_log

    rows = "".join(
        f"2026-{9 + n // 5:02d}-{1 + 2 * n:02d},{'Done' if n % 2 else 'Waiting'},"
        f"Customer {n},07700 90{n:04d},The screen has a dead patch ({n}).\n"
        for n in range(12)
    )
    plan = read_log("date,status,customer,tel,problem\n" + rows, now=dt.datetime.now())
    assert plan.problems == []
    window.resize(width, 740)
    window.show()
    qtbot.waitExposed(window)
    import_log(plan, author="Sam", now=dt.datetime.now())
    table = window.list_view.table
    for _ in range(3):  # the log refreshes (after the import, each minute, another counter)
        window.list_view.refresh()
        QApplication.processEvents()
        assert cut_in_the_log(table) == []
        assert not table.horizontalScrollBar().isVisible()


def test_a_long_name_leaves_room_for_a_column_the_owner_chose(qtbot, window, complaints) -> None:
    log_complaint(
        CustomerDetails(name="Zoë O'Neill-Łukasiewicz of 14 Ballynahinch Road, Belfast"),
        ComplaintDetails(account="The screen has a dead patch."), author="Sam",
    )  # fmt: skip
    window.list_view.refresh()
    window.resize(1366, 768)
    QApplication.processEvents()
    window.list_view.choose_column(ComplaintTableModel.CATEGORY, True)
    window.list_view.choose_column(ComplaintTableModel.RECEIVED, True)
    QApplication.processEvents()
    table = window.list_view.table
    header = table.horizontalHeader()
    for column in (ComplaintTableModel.RECEIVED, ComplaintTableModel.CATEGORY):
        assert not header.isSectionHidden(column)
    shown = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    # All in view, no sideways scrolling: the long name is cut instead (whole on hover).
    assert sum(header.sectionSize(c) for c in shown) <= table.viewport().width()


@pytest.mark.parametrize(("width", "height"), SCREENS)
def test_a_long_risky_note_with_its_warnings_and_error_still_fits_768_high(
    qtbot, window, complaints, width, height
) -> None:
    """A pasted note of 60,000 characters, full of risky wording, showed its warning
    and its error under the box, and the window grew past the screen's bottom edge."""
    detail = open_first(qtbot, window)
    window.resize(width, WINDOW_HEIGHT)
    QApplication.processEvents()
    composer = detail.composer
    risky = "Sorry, Tomasz broke the bracket and we scratched the frame. "
    composer.text.setPlainText(risky * 1_000)
    qtbot.mouseClick(composer.add, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: composer.banner.isVisible(), timeout=20_000)
    assert composer.error.isVisible()
    QApplication.processEvents()
    assert window.height() <= WINDOW_HEIGHT
    for index in range(detail.tabs.count()):
        detail.tabs.setCurrentIndex(index)
        check_fits(window, width, height)


def test_the_new_complaint_form_grown_by_its_errors_stays_above_the_screens_bottom(
    qtbot, window, monkeypatch
) -> None:
    """Placed low on a 1024×768 screen, the form grew downwards when a save was
    refused, and Save complaint and Close went below the screen's edge."""
    import ui.new_complaint_dialog
    from ui.new_complaint_dialog import NewComplaintDialog

    def all_text(top: QWidget) -> str:
        return " ".join(label.text() for label in top.findChildren(QLabel) if label.isVisible())

    screen = QRect(0, 0, 1024, 768)
    monkeypatch.setattr(ui.new_complaint_dialog, "available_area", lambda _w: screen)
    dialog = NewComplaintDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.move(dialog.x(), screen.height() - dialog.frameGeometry().height() - 2)
    qtbot.keyClicks(dialog.name, "Piotr Kowalski")
    qtbot.keyClicks(dialog.phone, "07700 9OO888 call after 5")
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    assert dialog.account_error.isVisible() and "not a phone number" in all_text(dialog)
    assert dialog.frameGeometry().bottom() <= screen.bottom()
    for button in (dialog.save, dialog.cancel):
        corner = button.mapToGlobal(QPoint(button.width(), button.height()))
        assert screen.contains(corner), button.text()
