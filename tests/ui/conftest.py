from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from models.settings import USER_NAME, set_setting
from ui.main_window import MainWindow


@pytest.fixture
def window(db, qtbot):
    set_setting(USER_NAME, "Sam")
    main = MainWindow(data_folder=str(db.parent))
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


@pytest.fixture
def no_questions(monkeypatch):
    """Answer every message box as its default button would, recording the texts."""
    asked: list[str] = []

    def answer(default):
        def box(_parent, _title, text, *args, **kwargs):
            asked.append(text)
            return default

        return box

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    monkeypatch.setattr(QMessageBox, "warning", answer(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "information", answer(QMessageBox.StandardButton.Ok))
    return asked


def active_dialog():
    return QApplication.activeModalWidget()
