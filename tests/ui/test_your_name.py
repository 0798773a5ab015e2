"""Who is at the counter, and who else works there: asked on the first run (the
computer's login name is never used), changed in Preferences, and the staff
list in the business profile offered wherever the app asks who."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from models import business, resolution, settings
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from models.db import close_database
from tests.ui.keyboard import type_text
from tests.ui.windows import close_window
from ui.your_name_dialog import YourNameDialog


def asking_name(window) -> YourNameDialog | None:
    shown = [d for d in window.findChildren(YourNameDialog) if d.isVisible()]
    return shown[0] if shown else None


def start(qtbot, data_dir, *, name: str = ""):
    from desktop.app import create_window
    from desktop.startup import open_data

    open_data(data_dir)
    if name:
        settings.set_user_name(name)
    close_database()
    window = create_window(str(data_dir))
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_first_run_asks_who_is_at_the_counter_and_later_runs_do_not(qtbot, data_dir) -> None:
    window = start(qtbot, data_dir)
    try:
        qtbot.waitUntil(lambda: asking_name(window) is not None)
        asked = asking_name(window)
        assert asked.name.text() == ""  # not the computer's login name
        qtbot.mouseClick(asked.save_button, Qt.MouseButton.LeftButton)  # nothing typed
        assert asked.isVisible() and asked.error.text() == "Enter your name."
        type_text(asked.name.lineEdit(), "Ana Souza")
        qtbot.mouseClick(asked.save_button, Qt.MouseButton.LeftButton)
        assert asking_name(window) is None
    finally:
        close_window(window)
        close_database()
    window = start(qtbot, data_dir)
    try:
        qtbot.wait(100)
        assert asking_name(window) is None
        assert settings.user_name() == "Ana Souza"
    finally:
        close_window(window)
        close_database()


def test_the_first_run_asks_which_days_the_shop_is_closed(qtbot, data_dir) -> None:
    from models.calendar import propose, shop_week

    window = start(qtbot, data_dir)
    try:
        qtbot.waitUntil(lambda: asking_name(window) is not None)
        asked = asking_name(window)
        saturday = next(box for box in asked.closed if box.accessibleName() == "Closed on Saturday")
        sunday = next(box for box in asked.closed if box.accessibleName() == "Closed on Sunday")
        assert saturday.isChecked() and sunday.isChecked()  # closed at weekends unless told
        for box in asked.closed:  # every day ticked: refused, with a reason
            box.setChecked(True)
        type_text(asked.name.lineEdit(), "Ana Souza")
        qtbot.mouseClick(asked.save_button, Qt.MouseButton.LeftButton)
        assert asked.isVisible() and "open on at least one day" in asked.error.text()
        for box in asked.closed:
            box.setChecked(box is sunday)
        qtbot.mouseClick(asked.save_button, Qt.MouseButton.LeftButton)
        assert asking_name(window) is None
        assert shop_week().closed_weekdays == {6}
        friday = dt.date(2026, 12, 4)
        assert propose(friday, working_days=1) == dt.date(2026, 12, 5)  # open on Saturday
    finally:
        close_window(window)
        close_database()


def test_the_days_and_buttons_stay_put_as_the_message_goes(qtbot, db) -> None:
    """The owner clicked Start with no name, then typed it: as "Enter your name."
    went, the dialog shrank and what was under the pointer moved."""
    from PySide6.QtCore import QPoint

    asked = YourNameDialog(first_run=True)
    qtbot.addWidget(asked)
    asked.show()
    qtbot.waitExposed(asked)
    qtbot.mouseClick(asked.save_button, Qt.MouseButton.LeftButton)
    assert asked.error.text() == "Enter your name."
    places = [w.mapToGlobal(QPoint(0, 0)) for w in (*asked.closed, asked.save_button)]
    type_text(asked.name.lineEdit(), "Ana")
    qtbot.wait(50)
    assert asked.error.text() == ""
    assert [w.mapToGlobal(QPoint(0, 0)) for w in (*asked.closed, asked.save_button)] == places


def test_later_asks_again_next_time(qtbot, data_dir) -> None:
    window = start(qtbot, data_dir)
    try:
        qtbot.waitUntil(lambda: asking_name(window) is not None)
        asking_name(window).reject()
        assert settings.user_name() == ""
    finally:
        close_window(window)
        close_database()
    window = start(qtbot, data_dir)
    try:
        qtbot.waitUntil(lambda: asking_name(window) is not None)
    finally:
        close_window(window)
        close_database()


def test_preferences_change_who_is_at_the_counter(qtbot, window, no_questions) -> None:
    from ui.new_complaint_dialog import NewComplaintDialog
    from ui.preferences_dialog import PreferencesDialog

    dialog = PreferencesDialog(window)
    assert dialog.your_name.text() == "Sam"
    dialog.your_name.lineEdit().selectAll()
    type_text(dialog.your_name.lineEdit(), "Priya Shah")
    assert dialog.save()
    assert settings.user_name() == "Priya Shah"
    form = NewComplaintDialog(window)
    assert form.handler.text() == "Priya Shah"
    form.deleteLater()
    emptied = PreferencesDialog(window)
    emptied.your_name.clear()
    assert not emptied.save()
    assert no_questions == ["Enter your name."]
    assert settings.user_name() == "Priya Shah"


def test_the_staff_list_is_offered_wherever_the_app_asks_who(qtbot, window) -> None:
    from ui.business_profile_dialog import BusinessProfileDialog

    complaint = log_complaint(
        CustomerDetails(name="Tom Baker"),
        ComplaintDetails(account="The wreath arrived wilted.", handler="Sam"),
        author="Sam",
        now=dt.datetime.now() - dt.timedelta(hours=1),
    )
    profile = BusinessProfileDialog(window, first_time=True)
    assert profile.signatory_name.text() == "Sam"  # whoever is at the counter, to start
    type_text(profile.name, "Bloom & Grow")
    type_text(profile.staff, "Priya Shah, Shop manager\nSam Lee, Florist\n\nJo Evans")
    assert profile.save()
    assert business.load_profile().people[1:] == [
        business.Person("Priya Shah", "Shop manager"),
        business.Person("Sam Lee", "Florist"),
        business.Person("Jo Evans"),
    ]
    window.list_view.refresh()
    window.list_view.table.selectRow(0)
    qtbot.waitUntil(lambda: window.detail.record is not None)
    handler = window.detail.handler
    assert [handler.itemText(i) for i in range(handler.count())] == [
        "Sam", "Priya Shah", "Sam Lee", "Jo Evans",
    ]  # fmt: skip
    resolve = window.detail.resolve
    assert resolve.who.text() == "Sam"
    resolve.who.setCurrentIndex(resolve.who.findText("Jo Evans"))
    type_text(resolve.what, "ring the supplier")
    qtbot.mouseClick(resolve.add_action, Qt.MouseButton.LeftButton)
    assert [(a.who, a.what) for a in resolution.actions(complaint.id)] == [
        ("Jo Evans", "ring the supplier")
    ]
    # Anyone else can still be typed.
    resolve.who.setText("The courier")
    type_text(resolve.what, "collect the old wreath")
    qtbot.mouseClick(resolve.add_action, Qt.MouseButton.LeftButton)
    assert ("The courier", "collect the old wreath") in [
        (a.who, a.what) for a in resolution.actions(complaint.id)
    ]


def test_a_counter_joining_a_log_whose_closed_days_are_set_is_not_asked_them(
    qtbot, data_dir
) -> None:
    """A second counter on the shop's server: the shop's week was set at the first
    counter, so this counter's first run shows it and changes nothing."""
    from desktop.startup import open_data
    from models.calendar import ShopWeek, save_shop_week, shop_week

    open_data(data_dir)
    save_shop_week(ShopWeek(frozenset({6})))  # closed on Sundays, set at the other counter
    close_database()
    window = start(qtbot, data_dir)
    try:
        qtbot.waitUntil(lambda: asking_name(window) is not None)
        asked = asking_name(window)
        assert not any(box.isVisible() for box in asked.closed)
        said = asked.findChild(QLabel, "closed_days_set")
        assert said is not None and said.isVisible()
        assert "closed on Sundays" in said.text() and "Preferences" in said.text()
        type_text(asked.name.lineEdit(), "Nia Evans")
        qtbot.mouseClick(asked.save_button, Qt.MouseButton.LeftButton)
        assert asking_name(window) is None
        assert shop_week().closed_weekdays == {6}
    finally:
        close_window(window)
        close_database()
