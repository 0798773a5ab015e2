"""The window writes every script a customer's name may be in.

The letters carry their own fonts (:mod:`letters.typefaces`), so a name prints on
any computer. The window used only the computer's fonts: on a till with no Korean
font, 朴서연 showed as "朴□□". The same fonts are given to the window as
fallbacks after its own font: a character its font lacks is drawn from the first
of them that has it.
"""

from __future__ import annotations

from PySide6.QtCore import QLoggingCategory
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from letters.typefaces import FONT_DIR


def add_fallback_fonts(app: QApplication) -> list[str]:
    """Load the letters' fonts into the app and put them after its font; return their
    families (none when the folder cannot be read: the computer's fonts still serve)."""
    # Qt says on the terminal, for each face it tries for a character, that the face
    # has no layout tables for that script: nothing the owner can act on.
    QLoggingCategory.setFilterRules("qt.text.font.db.warning=false")
    families: list[str] = []
    for path in sorted(FONT_DIR.glob("*.ttf")):
        loaded = QFontDatabase.addApplicationFont(str(path))
        if loaded < 0:
            continue
        for family in QFontDatabase.applicationFontFamilies(loaded):
            if family not in families:
                families.append(family)
    if families:
        font = QFont(app.font())
        own = font.families() or [font.family()]
        font.setFamilies([*own, *(f for f in families if f not in own)])
        app.setFont(font)
    return families
