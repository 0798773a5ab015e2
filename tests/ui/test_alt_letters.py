"""Each Alt+letter of a dialog leads to one place: two labels or buttons marked
with the same letter make the second unreachable in one key press."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from tests.ui.test_box_keys import mnemonic
from tests.ui.test_small_screen import complaints, make_dialogs  # noqa: F401


def marked_in(top, texts=()) -> dict[str, list[str]]:
    """Each Alt+letter of the labels and buttons shown in ``top`` (and of ``texts``,
    such as menu titles and tab names), with the texts that carry it."""
    marked: dict[str, list[str]] = defaultdict(list)
    shown = [label.text() for label in top.findChildren(QLabel)
             if label.isVisible() and label.buddy() is not None]  # fmt: skip
    shown += [button.text() for button in top.findChildren(QAbstractButton)
              if button.isVisible() and button.window() is top]  # fmt: skip
    for text in [*texts, *shown]:
        if mnemonic(text):
            marked[mnemonic(text)].append(text)
    return marked


def clashes(dialog) -> dict[str, list[str]]:
    return {letter: texts for letter, texts in marked_in(dialog).items() if len(texts) > 1}


def open_on_screen(qtbot, window, complaint_id: int, width: int, height: int) -> None:
    """The window at ``width`` x ``height``, shown, with the complaint open in it."""
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    window.list_view.refresh()
    window.open_complaint(complaint_id)
    qtbot.waitUntil(lambda: window.detail.record is not None)


def test_no_two_places_of_a_dialog_share_an_alt_letter(qtbot, window, complaints) -> None:  # noqa: F811
    found = {}
    for dialog in make_dialogs(window, complaints[0].id, complaints[0].reference):
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        if clashes(dialog):
            found[dialog.windowTitle()] = clashes(dialog)
        dialog.close()
    assert found == {}


def test_no_alt_letter_of_a_complaints_tab_is_taken_twice_in_the_window(
    qtbot,
    window,
    complaints,  # noqa: F811
) -> None:
    """On the Lessons tab Alt+C went to the Complaint tab, not Root cause, and what was
    typed next was lost: each tab's own letters must not clash with the menus, the
    views, the complaint's tabs or anything else shown with it."""
    from PySide6.QtWidgets import QTabBar

    open_on_screen(qtbot, window, complaints[0].id, 1366, 768)
    tabs = window.detail.tabs
    found = {}
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        QApplication.processEvents()
        menus = [action.text() for action in window.menuBar().actions()]
        tab_names = [bar.tabText(tab) for bar in window.findChildren(QTabBar)
                     if bar.isVisible() for tab in range(bar.count())]  # fmt: skip
        marked = marked_in(window, [*menus, *tab_names])
        twice = {k: sorted(v) for k, v in marked.items() if len(v) > 1}
        if twice:
            found[tabs.tabText(index)] = twice
    assert found == {}


def test_no_alt_letter_shown_leads_to_a_greyed_box(qtbot, window, complaints) -> None:  # noqa: F811
    """Before the facts are in, Root cause and Lesson are greyed: their labels are
    greyed with them, so their letters are not offered for a box that takes nothing."""
    open_on_screen(qtbot, window, complaints[0].id, 1366, 768)
    tabs = window.detail.tabs
    found = []
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        QApplication.processEvents()
        for label in window.findChildren(QLabel):
            buddy = label.buddy()
            if label.isVisible() and mnemonic(label.text()) and buddy is not None:
                if label.isEnabled() and not buddy.isEnabled():
                    found.append(f"{tabs.tabText(index)}: {label.text()}")
    assert found == []


def test_a_tab_picked_by_its_alt_letter_takes_what_is_typed_next(
    qtbot,
    window,
    complaints,  # noqa: F811
) -> None:
    """Alt+R opened Resolve with the cursor nowhere in it: "Full refund of £120"
    went into the note kind's list and was lost. Typing after Alt+R, or after a
    click on a tab, goes into the first box of the tab."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    open_on_screen(qtbot, window, complaints[0].id, 1024, 768)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    detail = window.detail
    detail.tabs.setCurrentIndex(detail.COMPLAINT_TAB)
    detail.product.setFocus()
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: detail.resolve.options.hasFocus())
    qtbot.keyClicks(QApplication.focusWidget(), "Full refund of £120")
    assert detail.resolve.options.toPlainText() == "Full refund of £120"
    bar = detail.tabs.tabBar()
    detail.tabs.setCurrentIndex(detail.COMPLAINT_TAB)
    resolve = next(i for i in range(bar.count()) if "Resolve" in detail.tabs.tabText(i))
    # Clicked again, the tab leads to its next box still to fill in, not back to Offered.
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(resolve).center())
    qtbot.waitUntil(
        lambda: (
            detail.resolve.isAncestorOf(QApplication.focusWidget())
            and QApplication.focusWidget() is not detail.resolve.options
        )
    )
    # A page whose boxes hold what is saved (the customer's name) is not typed into:
    # Alt+U then "Cust1" left the name "Cust1", saved by the next Ctrl+S.
    name = detail.customer_name.text()
    assert name
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not detail.resolve.solution)
    qtbot.keyClicks(QApplication.focusWidget(), "Cust1")
    assert detail.customer_name.text() == name


def test_every_field_of_a_saved_complaint_and_its_customer_has_an_alt_letter(
    qtbot,
    window,
    complaints,  # noqa: F811
) -> None:
    """Alt+V on the Received box opened the View menu: each field is reached by a
    letter of its own, as on the new-complaint form."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from tests.ui.keyboard import press_shortcut

    open_on_screen(qtbot, window, complaints[0].id, 1366, 768)
    detail = window.detail
    without = []
    for tab in (detail.COMPLAINT_TAB, detail.CUSTOMER_TAB):
        detail.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        page = detail.tabs.widget(tab)
        labels = [label for label in page.findChildren(QLabel)
                  if label.isVisible() and label.buddy() is not None]  # fmt: skip
        without += [label.text() for label in labels if not mnemonic(label.text())]
    assert without == []
    detail.tabs.setCurrentIndex(detail.COMPLAINT_TAB)
    detail.account.setFocus()
    press_shortcut(qtbot, detail.account, Qt.Key.Key_I, Qt.KeyboardModifier.AltModifier)
    focused = QApplication.focusWidget()
    assert focused is detail.received or detail.received.isAncestorOf(focused)


def test_a_complaints_fields_have_the_same_alt_letters_when_new_and_when_saved(
    qtbot,
    window,
    complaints,  # noqa: F811
) -> None:
    """Alt+R was Product on the new-complaint form but opened the Resolve tab on a
    saved complaint, and what the owner typed next landed in Offered."""
    from PySide6.QtWidgets import QApplication

    from ui.new_complaint_dialog import NewComplaintDialog

    def letters(top) -> dict[str, str]:
        found = {}
        for label in top.findChildren(QLabel):
            buddy = label.buddy()
            if label.isVisible() and buddy is not None and mnemonic(label.text()):
                found[label.text().replace("&", "").removesuffix(" *")] = mnemonic(label.text())
        return found

    open_on_screen(qtbot, window, complaints[0].id, 1366, 768)
    detail = window.detail
    detail.tabs.setCurrentIndex(detail.COMPLAINT_TAB)
    QApplication.processEvents()
    saved = letters(detail.tabs.widget(detail.COMPLAINT_TAB))
    dialog = NewComplaintDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    new = letters(dialog)
    shared = set(saved) & set(new)
    assert len(shared) >= 8, (saved, new)  # the complaint's own fields, named alike
    assert {name: new[name] for name in shared} == {name: saved[name] for name in shared}
    dialog.close()
