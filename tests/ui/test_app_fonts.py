"""The window writes a name in any script, whatever fonts the computer has."""

from __future__ import annotations

from PySide6.QtGui import QTextLayout
from PySide6.QtWidgets import QApplication

from ui.app_fonts import add_fallback_fonts


def fonts_drawing(text: str) -> set[str]:
    """The font families the window's font draws ``text`` in."""
    layout = QTextLayout(text, QApplication.font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return {run.rawFont().familyName() for run in layout.glyphRuns()}


def test_a_korean_name_is_drawn_from_the_letters_fonts_where_the_computer_has_none(
    qapp,
) -> None:
    """朴서연 showed as "朴□□" on a till with no Korean font."""
    before = qapp.font()
    try:
        families = add_fallback_fonts(qapp)
        assert "WenQuanYi Micro Hei" in families
        for name in ("朴서연", "田中 由紀", "ሰላም", "ශ්‍රී"):
            drawn = fonts_drawing(name)
            layout = QTextLayout(name, qapp.font())
            layout.beginLayout()
            layout.createLine()
            layout.endLayout()
            glyphs = [g for run in layout.glyphRuns() for g in run.glyphIndexes()]
            assert glyphs and 0 not in glyphs, (name, drawn)  # glyph 0 is the empty box
    finally:
        qapp.setFont(before)
