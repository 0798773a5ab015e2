"""A checked box whose document was taken from under it (seen twice after long
use at the counter: every key, and every complaint opened after, then failed)
goes on checking the text it holds now."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout

from tests.ui.keyboard import type_text
from ui.wording_check import CheckedTextEdit


def test_a_box_given_another_document_checks_the_new_text(qtbot) -> None:
    box = CheckedTextEdit()
    qtbot.addWidget(box)
    box.show()
    type_text(box, "All fine here.")
    other = QTextDocument(box)
    other.setDocumentLayout(QPlainTextDocumentLayout(other))
    box.setDocument(other)  # the first document is deleted with it

    box.recheck()  # as a change of the finding on fault asks
    box.setFocus()
    type_text(box, "Sorry, we broke your vase.")
    qtbot.waitUntil(lambda: bool(box.findings()))
    assert box.toPlainText() == "Sorry, we broke your vase."
