"""A problem shown under a field fits in its dialog: the dialog makes room for it,
and the problem goes once the field is put right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QPlainTextEdit

from tests.ui.keyboard import type_text
from ui.business_profile_dialog import BusinessProfileDialog
from ui.your_name_dialog import YourNameDialog


def clipped_labels(dialog) -> list[str]:
    """The labels shown shorter than their text needs, or outside the dialog."""
    QApplication.processEvents()
    clipped = []
    for label in dialog.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        need = label.heightForWidth(label.width()) if label.wordWrap() else 0
        inside = dialog.rect().contains(
            label.geometry().translated(
                label.mapTo(dialog, label.rect().topLeft()) - label.geometry().topLeft()
            )
        )
        if label.height() < need or not inside:
            clipped.append(label.text())
    return clipped


def test_no_name_at_the_counter_shows_the_problem_and_the_whole_welcome(qtbot, window) -> None:
    dialog = YourNameDialog(window, first_run=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.name.lineEdit().clear()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # nothing typed
    assert dialog.error.isVisible() and dialog.error.text() == "Enter your name."
    assert clipped_labels(dialog) == []
    type_text(dialog.name.lineEdit(), "Ana Souza")
    assert dialog.error.text() == ""  # the message goes; its room stays until Start


def test_the_business_name_problem_goes_once_a_name_is_typed(qtbot, window) -> None:
    dialog = BusinessProfileDialog(window, first_time=True)  # before a first letter
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.name.clear()
    assert not dialog.save()
    problem = dialog.errors["name"]
    assert problem.isVisible() and problem.text().startswith("Enter the business name")
    assert clipped_labels(dialog) == []
    type_text(dialog.name, "Corner Bakery")
    assert not problem.isVisible()


def test_a_mistyped_email_is_said_under_it_and_goes_once_it_is_changed(qtbot, window) -> None:
    dialog = BusinessProfileDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(dialog.name, "Spoke & Chain")
    type_text(dialog.signatory_name, "Ana Souza")
    dialog.email.clear()
    type_text(dialog.email, "hello@spokeandchain")
    assert not dialog.save()
    problem = dialog.errors["email"]
    assert problem.isVisible() and "does not look like an email address" in problem.text()
    assert clipped_labels(dialog) == []
    type_text(dialog.email, ".co.uk")
    assert not problem.text()
    assert dialog.save()


def test_the_profile_squeezed_onto_a_small_screen_clips_no_help_text(qtbot, window) -> None:
    """Made as short as it will go (a 768-pixel screen less the panels), the profile's
    wrapped help lines keep their height instead of being drawn over the box above."""
    dialog = BusinessProfileDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(700, dialog.minimumSizeHint().height())
    assert clipped_labels(dialog) == []
    QApplication.processEvents()
    boxes = [
        w
        for kind in (QLineEdit, QPlainTextEdit, QComboBox)
        for w in dialog.findChildren(kind)
        if w.isVisible()
    ]
    overlapping = [
        label.text()
        for label in dialog.findChildren(QLabel)
        if label.isVisible() and label.text()
        for box in boxes
        if box.parent() is label.parent()
        and label.geometry().intersected(box.geometry()).height() > 1  # touching is fine
    ]
    assert overlapping == []
