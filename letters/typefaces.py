"""The letters' typefaces, and the one rule that picks a font for each piece of text.

DejaVu Sans is the main face: it covers Latin (Polish, Vietnamese, Nordic...),
Greek, Cyrillic, Armenian and Georgian. For the scripts it lacks, a fallback face
takes over, run by run (see :func:`font_runs`): Noto Sans faces for Arabic,
Hebrew, the Indic scripts, Thai, Lao, Khmer, Myanmar, Ethiopic and more, and
WenQuanYi Micro Hei (Droid Sans Fallback's glyphs plus Hangul) for Chinese,
Japanese and Korean. All ship in ``letters/fonts/``, subset to their scripts and
without hinting (``tools/subset_fonts.py`` makes them; licences beside them).

A character no shipped face can draw (most emoji, rare historic scripts) is
never printed as an empty box nor dropped: a symbol prints as its Unicode name
in square brackets, "[unicorn face]", a letter as its code point, "[U+16A0]",
so the reader sees what was there. (DejaVu Sans
has some emoji, the smileys among them: those print as its black-and-white glyphs.)

Registration parses TrueType files, which takes tens of milliseconds for the
main face and more for the large fallbacks, so it happens when a letter first
needs a face (or on an explicit call to :func:`register_fonts`), never on import.
"""

from __future__ import annotations

import bisect
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

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

Ranges = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Fallback:
    """A face for the scripts in ``ranges`` (inclusive code point ranges)."""

    name: str  # reportlab's name for the regular face; the file is NAME-Regular.ttf
    ranges: Ranges
    has_bold: bool = False  # NAME-Bold.ttf ships too; else bold text uses the regular

    def file(self, bold: bool) -> str:
        return f"{self.name}-{'Bold' if bold and self.has_bold else 'Regular'}.ttf"

    def font_name(self, bold: bool) -> str:
        return f"{self.name}-Bold" if bold and self.has_bold else self.name


# Each script's face, where DejaVu Sans has no glyphs for it or (Arabic, Hebrew)
# fewer and plainer ones. Characters in these ranges try this face first.
FALLBACKS: tuple[Fallback, ...] = (
    Fallback(
        "NotoSansArabic",
        ((0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
        has_bold=True,
    ),
    Fallback("NotoSansHebrew", ((0x0590, 0x05FF), (0xFB1D, 0xFB4F)), has_bold=True),
    Fallback("NotoSansSyriac", ((0x0700, 0x074F),)),
    Fallback("NotoSansThaana", ((0x0780, 0x07BF),)),
    Fallback("NotoSansNKo", ((0x07C0, 0x07FF),)),
    Fallback(
        "NotoSansDevanagari", ((0x0900, 0x097F), (0x1CD0, 0x1CFF), (0xA8E0, 0xA8FF)), has_bold=True
    ),
    Fallback("NotoSansBengali", ((0x0980, 0x09FF),)),
    Fallback("NotoSansGurmukhi", ((0x0A00, 0x0A7F),)),
    Fallback("NotoSansGujarati", ((0x0A80, 0x0AFF),)),
    Fallback("NotoSansOriya", ((0x0B00, 0x0B7F),)),
    Fallback("NotoSansTamil", ((0x0B80, 0x0BFF),)),
    Fallback("NotoSansTelugu", ((0x0C00, 0x0C7F),)),
    Fallback("NotoSansKannada", ((0x0C80, 0x0CFF),)),
    Fallback("NotoSansMalayalam", ((0x0D00, 0x0D7F),)),
    Fallback("NotoSansSinhala", ((0x0D80, 0x0DFF),)),
    Fallback("NotoSansThai", ((0x0E00, 0x0E7F),), has_bold=True),
    Fallback("NotoSansLao", ((0x0E80, 0x0EFF),)),
    Fallback("NotoSerifTibetan", ((0x0F00, 0x0FFF),)),
    Fallback("NotoSansMyanmar", ((0x1000, 0x109F), (0xA9E0, 0xA9FF), (0xAA60, 0xAA7F))),
    Fallback("NotoSansEthiopic", ((0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F))),
    Fallback("NotoSansCherokee", ((0x13A0, 0x13FF), (0xAB70, 0xABBF))),
    Fallback("NotoSansCanadianAboriginal", ((0x1400, 0x167F), (0x18B0, 0x18FF))),
    Fallback("NotoSansKhmer", ((0x1780, 0x17FF), (0x19E0, 0x19FF))),
    Fallback("NotoSansMongolian", ((0x1800, 0x18AF),)),
    Fallback("NotoSansOlChiki", ((0x1C50, 0x1C7F),)),
    Fallback("NotoSansTifinagh", ((0x2D30, 0x2D7F),)),
    Fallback("NotoSansYi", ((0xA000, 0xA4CF),)),
    Fallback("NotoSansAdlam", ((0x1E900, 0x1E95F),)),
    Fallback(
        "WenQuanYiMicroHei",
        (
            (0x1100, 0x11FF),  # Hangul Jamo
            (0x2E80, 0x2FDF),  # CJK radicals
            (0x3000, 0x303F),  # CJK symbols and punctuation
            (0x3040, 0x30FF),  # Hiragana, Katakana
            (0x3100, 0x31BF),  # Bopomofo, Hangul compatibility Jamo, Kanbun
            (0x31F0, 0x31FF),  # Katakana phonetic extensions
            (0x3200, 0x33FF),  # enclosed CJK letters, CJK compatibility
            (0x3400, 0x4DBF),  # CJK extension A
            (0x4E00, 0x9FFF),  # CJK unified ideographs
            (0xA960, 0xA97F),  # Hangul Jamo extended A
            (0xAC00, 0xD7FF),  # Hangul syllables, Jamo extended B
            (0xF900, 0xFAFF),  # CJK compatibility ideographs
            (0xFE30, 0xFE4F),  # CJK compatibility forms
            (0xFF00, 0xFFEF),  # half- and full-width forms
        ),
    ),
)

LICENSE_FILES = ("LICENSE-DejaVu.txt", "LICENSE-Noto.txt", "LICENSE-WenQuanYi.txt")

_RANGE_STARTS: list[int] = []
_RANGE_TABLE: list[tuple[int, int, Fallback]] = []
for _face in FALLBACKS:
    for _start, _end in _face.ranges:
        _RANGE_TABLE.append((_start, _end, _face))
_RANGE_TABLE.sort(key=lambda entry: entry[0])
_RANGE_STARTS = [start for start, _, _ in _RANGE_TABLE]

_lock = threading.RLock()
_registered = False
_cmaps: dict[str, dict[int, int]] = {}  # font name -> its cmap, once registered
_plain: dict[str, frozenset[int]] = {}  # main font name -> what it prints without help


def font_path(file_name: str) -> Path:
    """Where a font file is: the shipped copy, else (DejaVu only) a system copy."""
    for folder in (FONT_DIR, *_SYSTEM_DIRS):
        candidate = folder / file_name
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(
        f"font {file_name} is missing from {FONT_DIR}; the letters package is incomplete"
    )


class GlyphFont(TTFont):  # type: ignore[misc,unused-ignore]  # reportlab is untyped
    """A TrueType font that can print any of its glyphs with the text it stands for.

    Shaping (joining Arabic letters, forming Indic conjuncts) yields glyphs that no
    character maps to, and glyphs that stand for several characters or for a
    character printed out of order. Each such pair of glyph and text gets a code
    of its own (from a private-use plane) whose entry in the PDF's ToUnicode map
    is that text, so copying or searching the PDF finds the words as typed.
    """

    _FIRST_CODE = 0xF0000
    _LAST_CODE = 0xFFFFD

    def __init__(self, name: str, path: Path) -> None:
        super().__init__(name, str(path))
        self.path = path
        self._codes: dict[tuple[int, str, int], int] = {}
        self.texts: dict[int, str] = {}
        self._next_code = self._FIRST_CODE
        self._code_lock = threading.Lock()

    @property
    def charmap(self) -> dict[int, int]:
        return self.face.charToGlyph  # type: ignore[no-any-return]

    def code(self, glyph: int, text: str, width: float) -> str:
        """The character to print ``glyph`` with, standing for ``text`` in the PDF's
        text and ``width`` thousandths of an em wide (the glyph's advance as shaped)."""
        if len(text) == 1 and self.charmap.get(ord(text)) == glyph:
            if abs(self.face.getCharWidth(ord(text)) - width) < 0.5:
                return text
        key = (glyph, text, round(width))
        with self._code_lock:
            code = self._codes.get(key)
            if code is None:
                if self._next_code > self._LAST_CODE:  # a lifetime's worth of names; reuse one
                    return chr(next(iter(self._codes.values())))
                code = self._codes[key] = self._next_code
                self._next_code += 1
                self.face.charToGlyph[code] = glyph
                self.face.charWidths[code] = round(width)
                self.texts[code] = text
        return chr(code)

    def addObjects(self, doc: object) -> None:  # reportlab's method name
        """Embed the subsets as reportlab does, then write each ToUnicode map afresh:
        with the text of every shaped glyph, and in UTF-16 (reportlab writes
        characters beyond U+FFFF as five hex digits, which readers reject)."""
        subsets = list(self.state[doc].subsets) if doc in self.state else []
        super().addObjects(doc)
        for number, subset in enumerate(subsets):
            base = b"".join((SUBSETN(number), b"+", self.face.name, self.face.subfontNameX))
            name = "toUnicodeCMap:" + base.decode("pdfdoc")
            stream = doc.idToObject.get(name)  # type: ignore[attr-defined]
            if stream is not None:
                stream.content = _to_unicode_cmap(name, [self.texts.get(c, chr(c)) for c in subset])


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _to_unicode_cmap(name: str, texts: list[str]) -> str:
    """A ToUnicode CMap mapping code ``i`` to ``texts[i]``."""
    entries = [f"<{code:02X}> <{_utf16_hex(text)}>" for code, text in enumerate(texts)]
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        f"/CMapName /{name.replace(':', '-').replace('+', '-')} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<00> <FF>",
        "endcodespacerange",
    ]
    for start in range(0, len(entries), 100):  # at most 100 entries per block
        block = entries[start : start + 100]
        lines += [f"{len(block)} beginbfchar", *block, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


def _register(name: str, file_name: str) -> None:
    """Register one font with reportlab (caller holds the lock)."""
    if name not in _cmaps:
        font = GlyphFont(name, font_path(file_name))
        pdfmetrics.registerFont(font)
        _cmaps[name] = font.charmap


def register_fonts() -> str:
    """Register the main family with reportlab (once; thread-safe) and return its name.

    Bold maps to DejaVu Sans Bold; italic and bold italic map to the upright faces
    (letters use no italics, and that keeps the shipped fonts to two files). The
    fallback faces are registered later, when some text first needs one.
    """
    global _registered
    if _registered:
        return FAMILY
    with _lock:
        if not _registered:
            for name, file_name in FONT_FILES.items():
                _register(name, file_name)
                _plain[name] = frozenset(code for code in _cmaps[name] if _prints_plainly(code))
            pdfmetrics.registerFontFamily(
                FAMILY, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
            )
            _registered = True
    return FAMILY


_NOT_PLAIN_BIDI = frozenset(
    ("R", "AL", "AN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI")
)


def _prints_plainly(code: int) -> bool:
    """A character the main face prints as it is: no script face of its own, no
    right-to-left ordering, no mark to position."""
    char = chr(code)
    return (
        _fallback_for(code) is None
        and unicodedata.bidirectional(char) not in _NOT_PLAIN_BIDI
        and unicodedata.category(char) not in ("Mn", "Mc", "Me", "Cf", "Co", "Cn")
    )


def is_registered() -> bool:
    return _registered


def glyph_font(name: str) -> GlyphFont:
    """A registered font by name."""
    font = pdfmetrics.getFont(name)
    assert isinstance(font, GlyphFont), name
    return font


def _fallback_for(code: int) -> Fallback | None:
    index = bisect.bisect_right(_RANGE_STARTS, code) - 1
    if index >= 0:
        start, end, face = _RANGE_TABLE[index]
        if start <= code <= end:
            return face
    return None


def _fallback_cmap(face: Fallback, bold: bool) -> tuple[str, dict[int, int]]:
    name = face.font_name(bold)
    cmap = _cmaps.get(name)
    if cmap is None:
        with _lock:
            _register(name, face.file(bold))
            cmap = _cmaps[name]
    return name, cmap


def is_bold(font: str) -> bool:
    return font == BOLD


# -- which font prints which character ------------------------------------------------

_JOINERS = frozenset("\u200c\u200d\u034f")  # ZWNJ, ZWJ, combining grapheme joiner


def _inherits(char: str) -> bool:
    """Marks, joiners and variation selectors belong with the character before them."""
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Mc", "Me")
        or char in _JOINERS
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
        or 0x1F3FB <= code <= 0x1F3FF  # skin tones
        or 0xE0020 <= code <= 0xE007F  # tags
    )


def _neutral(char: str) -> bool:
    """Spaces, punctuation, common symbols and digits: they take their neighbours' font."""
    category = unicodedata.category(char)
    return category[0] in "ZP" or category in ("Sm", "Sc", "Sk") or "0" <= char <= "9"


def _own_font(code: int, bold: bool) -> str | None:
    """The font for a character on its own: its script's face, else the main face."""
    face = _fallback_for(code)
    if face is not None:
        name, cmap = _fallback_cmap(face, bold)
        if code in cmap:
            return name
    main = BOLD if bold else REGULAR
    return main if code in _cmaps[main] else None


def _substitute(text: str, start: int, bold: bool) -> tuple[str, int]:
    """What prints for the character at ``start`` that no face has (an emoji, say),
    with any modifiers, joined characters and flags that belong to it: its name in
    square brackets. Returns the substitute and where the rest of the text starts."""
    names: list[str] = []
    end = start
    while end < len(text):
        char = text[end]
        code = ord(char)
        if end > start and not (_inherits(char) or char == "\u20e3"):
            break
        if 0x1F1E6 <= code <= 0x1F1FF and end + 1 < len(text):
            pair = text[end + 1]
            if 0x1F1E6 <= ord(pair) <= 0x1F1FF:
                letters = chr(code - 0x1F1E6 + 65) + chr(ord(pair) - 0x1F1E6 + 65)
                names.append(f"flag {letters}")
                end += 2
                continue
        if char == "\u200d" and end + 1 < len(text):  # a joined sequence: name both halves
            end += 1
            char = text[end]
            if _own_font(ord(char), bold) is not None and not _inherits(char):
                names.append(char)
                end += 1
                continue
        if not (_inherits(char) or char == "\u20e3"):
            # Symbols (emoji) by name; letters of a script no face has by code point.
            symbol = unicodedata.category(char) in ("So", "Sm", "Sk", "Sc")
            named = unicodedata.name(char, "").lower() if symbol else ""
            names.append(named or f"U+{code:04X}")
        end += 1
    return f"[{', '.join(names) or f'U+{ord(text[start]):04X}'}]", end


def font_runs(text: str, font: str) -> list[tuple[str, str]]:
    """``text`` as runs of (text, font name) in reading order, for a style whose
    font is ``font`` (the main face, regular or bold).

    The one rule for which font prints what: each character goes to its script's
    face if one is shipped and has it, else to the main face; marks and joiners
    stay with the character before them; spaces, punctuation and digits stay in
    the run they are in when its font has them. A character no face has is
    replaced by its name in square brackets (see :func:`_substitute`).
    """
    bold = is_bold(font)
    main = BOLD if bold else REGULAR
    register_fonts()
    plain = _plain[main]
    runs: list[tuple[str, str]] = []
    current: list[str] = []
    current_font = main
    index = 0
    while index < len(text):
        char = text[index]
        code = ord(char)
        chosen: str | None
        if current and (_inherits(char) or _neutral(char)) and code in _cmaps[current_font]:
            chosen = current_font
        elif code in plain:
            chosen = main
        else:
            chosen = _own_font(code, bold)
        if chosen is None and current and _inherits(char):
            chosen = current_font  # an ignorable or stray mark: the shaper hides or boxes it
        piece = char
        if chosen is None:
            piece, next_index = _substitute(text, index, bold)
            chosen = main
        else:
            next_index = index + 1
        if chosen != current_font and current:
            runs.append(("".join(current), current_font))
            current = []
        current_font = chosen
        current.append(piece)
        index = next_index
    if current:
        runs.append(("".join(current), current_font))
    return runs


def printable(text: str, font: str = REGULAR) -> str:
    """``text`` as it prints: what no face has replaced as :func:`font_runs` replaces it
    (so text can be measured or cut to size before it is laid out)."""
    return "\n".join(
        "".join(piece for piece, _ in font_runs(line, font)) for line in text.split("\n")
    )


def is_plain(text: str, font: str) -> bool:
    """True when the main face prints ``text`` as it is: every character is in it and
    none needs shaping or right-to-left ordering (the quick path for most text)."""
    if text.isascii():
        return True
    register_fonts()
    plain = _plain[BOLD if is_bold(font) else REGULAR]
    return all(ord(char) in plain for char in text)
