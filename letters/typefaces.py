"""The letters' typeface: DejaVu Sans, shipped in ``letters/fonts/``, registered once.

DejaVu Sans covers Latin (Polish, Vietnamese, Nordic...), Greek and Cyrillic, so
customer names print as typed. Registration parses the TrueType files, which takes
tens of milliseconds, so it happens on the first letter only (or on an explicit
call to :func:`register_fonts`), never on import.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().with_name("fonts")
LICENSE_FILE = FONT_DIR / "LICENSE-DejaVu.txt"

FAMILY = "DejaVuSans"
REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"

FONT_FILES: dict[str, str] = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
}

# Used only if the copies in letters/fonts/ are missing (a broken install).
_SYSTEM_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/share/fonts/dejavu"),
)

_lock = threading.Lock()
_registered = False


def font_path(file_name: str) -> Path:
    """Where a font file is: the shipped copy, else a system copy."""
    for folder in (FONT_DIR, *_SYSTEM_DIRS):
        candidate = folder / file_name
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(
        f"font {file_name} is missing from {FONT_DIR}; the letters package is incomplete"
    )


def register_fonts() -> str:
    """Register the family with reportlab (once; thread-safe) and return its name.

    Bold maps to DejaVu Sans Bold; italic and bold italic map to the upright faces
    (letters use no italics, and that keeps the shipped fonts to two files).
    """
    global _registered
    if _registered:
        return FAMILY
    with _lock:
        if not _registered:
            for name, file_name in FONT_FILES.items():
                pdfmetrics.registerFont(TTFont(name, str(font_path(file_name))))
            pdfmetrics.registerFontFamily(
                FAMILY, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
            )
            _registered = True
    return FAMILY


def is_registered() -> bool:
    return _registered
