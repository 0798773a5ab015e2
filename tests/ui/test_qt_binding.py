"""A guard against a Qt binding that drops references to None.

PySide6 6.12.0 loses one reference to None on each call returning nothing. On
Python 3.11 None is still reference-counted, so after a few thousand
keystrokes in a form the interpreter aborts. This types a long account into
the new-complaint form and checks None's count has not fallen.
"""

from __future__ import annotations

import sys

import pytest

from tests.ui.keyboard import type_text
from ui.new_complaint_dialog import NewComplaintDialog


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_typing_a_long_account_does_not_lose_references_to_none(db, qtbot) -> None:
    dialog = NewComplaintDialog()
    qtbot.addWidget(dialog)
    before = sys.getrefcount(None)
    type_text(dialog.account, "x" * 2_000)
    assert sys.getrefcount(None) - before > -500
