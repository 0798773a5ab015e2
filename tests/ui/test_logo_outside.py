"""Edit > Business profile never shows a logo the data file names outside the data folder."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from models import business
from models.db import data_folder
from ui.business_profile_dialog import BusinessProfileDialog


def _open(qtbot, logo_file: str) -> BusinessProfileDialog:
    business.save_profile(
        business.BusinessProfile(name="Corner Cycles", signatory_name="Jo", logo_file=logo_file)
    )
    dialog = BusinessProfileDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _shown(dialog: BusinessProfileDialog) -> QLabel:
    label = dialog.findChild(QLabel, "logo_preview")
    assert label is not None
    return label


def test_a_logo_setting_leading_outside_shows_no_logo_and_says_why(db, qtbot, picture) -> None:
    legitimate = _open(qtbot, business.import_logo(picture))
    assert not _shown(legitimate).pixmap().isNull()  # the same picture, kept in the data folder

    stored = str(picture)
    dialog = _open(qtbot, stored)
    label = _shown(dialog)
    assert label.pixmap().isNull()
    assert f"“{stored}”" in label.text() and "was not opened or deleted" in label.text()
    assert label.textFormat() == Qt.TextFormat.PlainText

    remove = dialog.findChild(QPushButton, "remove_logo")
    assert remove.isEnabled()
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert label.text() == "No logo"
    assert dialog.save()
    assert business.load_profile().logo_file == ""
    assert picture.exists()


def test_a_logo_that_links_outside_is_not_shown(db, qtbot, picture) -> None:
    (data_folder() / "logo.png").symlink_to(picture)
    dialog = _open(qtbot, "logo.png")
    label = _shown(dialog)
    assert label.pixmap().isNull() and "“logo.png”" in label.text()
