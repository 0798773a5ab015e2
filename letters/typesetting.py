"""Setting text in any script: fonts run by run, shaping, right-to-left order, lines.

Every piece of text the PDFs print goes through here. Text the main face prints
as it is (most text) becomes an ordinary reportlab ``Paragraph`` or canvas string,
exactly as before. Any other text is set by :class:`TextFlow` and
:func:`draw_string`:

1. :func:`letters.typefaces.font_runs` cuts it into runs, each in the font that
   has its script (characters no font has become their names in brackets);
2. the Unicode bidirectional algorithm (python-bidi) gives each character its
   embedding level, so right-to-left runs (Arabic, Hebrew) can be ordered;
3. HarfBuzz (uharfbuzz) shapes each run: Arabic letters joined, Indic syllables
   formed, marks placed;
4. lines are broken at spaces (and between Chinese or Japanese characters), and
   each line's runs are put in display order (UAX #9, rule L2);
5. each glyph is printed with the text it stands for (see
   :class:`letters.typefaces.GlyphFont`), so the PDF's text holds the words as typed.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any
from xml.sax.saxutils import escape

import uharfbuzz as hb
from bidi import algorithm as bidi_algorithm
from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from letters import typefaces
from letters.text import clean

Parts = str | Sequence[tuple[str, Color | None]]

_RTL_CLASSES = frozenset(("R", "AL", "AN", "RLE", "RLO", "RLI", "LRE", "LRO", "LRI", "FSI"))
# Characters a line should not start with (closing punctuation, small kana).
_NO_BREAK_BEFORE = frozenset(
    "、。，．・：；？！）」』】〕〉》〙〗ー々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
)


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x2E80 <= code <= 0x30FF  # radicals, CJK punctuation, kana
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFF60
    )


@dataclass(frozen=True)
class Cluster:
    """Characters a line never splits, and the glyphs that print them.

    ``glyphs`` are (glyph id, advance, x offset, y offset), in display order, in
    thousandths of the font size; ``width`` is the sum of the advances.
    """

    text: str
    glyphs: tuple[tuple[int, float, float, float], ...]
    width: float
    run: int  # index into the line's runs


@dataclass(frozen=True)
class Run:
    font: str
    level: int  # bidi embedding level: odd is right-to-left
    colour: Color | None


@dataclass(frozen=True)
class Segment:
    """Part of one run on one line, its clusters in reading order."""

    run: Run
    clusters: tuple[Cluster, ...]

    @property
    def width(self) -> float:
        return sum(cluster.width for cluster in self.clusters)


@dataclass(frozen=True)
class Line:
    segments: tuple[Segment, ...]  # in display order, left to right

    @property
    def width(self) -> float:
        return sum(segment.width for segment in self.segments)


# -- shaping --------------------------------------------------------------------------

_hb_lock = threading.Lock()


@cache
def _hb_font(font_name: str) -> tuple[hb.Font, float]:
    """HarfBuzz's copy of a registered font, and its scale to thousandths of an em."""
    font = typefaces.glyph_font(font_name)
    with _hb_lock:
        face = hb.Face(hb.Blob.from_file_path(str(font.path)))
        return hb.Font(face), 1000.0 / face.upem


def _shape(
    text: str, font_name: str, rtl: bool
) -> list[tuple[int, list[tuple[int, float, float, float]]]]:
    """``text`` shaped: its clusters in reading order, each as (start index, glyphs)."""
    hb_font, scale = _hb_font(font_name)
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    hb.shape(hb_font, buffer, {"kern": True, "liga": True})
    clusters: dict[int, list[tuple[int, float, float, float]]] = {}
    for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
        clusters.setdefault(info.cluster, []).append(
            (
                info.codepoint,
                position.x_advance * scale,
                position.x_offset * scale,
                position.y_offset * scale,
            )
        )
    return sorted(clusters.items())


def _unshaped(text: str, font_name: str) -> list[tuple[int, list[tuple[int, float, float, float]]]]:
    """Text the main face prints as it is, glyph by glyph as reportlab would print it."""
    face = typefaces.glyph_font(font_name).face
    charmap, widths = face.charToGlyph, face.charWidths
    return [
        (index, [(charmap[ord(char)], widths[ord(char)], 0.0, 0.0)])
        for index, char in enumerate(text)
    ]


def _levels(text: str) -> list[int]:
    """Each character's bidi embedding level (all 0 for text with nothing right-to-left)."""
    if not any(unicodedata.bidirectional(char) in _RTL_CLASSES for char in text):
        return [0] * len(text)
    storage: dict[str, Any] = bidi_algorithm.get_empty_storage()
    # The letters read left to right: a line is right-to-left only when nothing in it is
    # left-to-right (a name or an address wholly in Arabic, say).
    base = 0 if any(unicodedata.bidirectional(char) == "L" for char in text) else 1
    storage["base_level"] = base
    storage["base_dir"] = ("L", "R")[base]
    bidi_algorithm.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    bidi_algorithm.explicit_embed_and_overrides(storage)
    bidi_algorithm.resolve_weak_types(storage)
    bidi_algorithm.resolve_neutral_types(storage, False)
    bidi_algorithm.resolve_implicit_levels(storage, False)
    levels = [base] * len(text)
    for char in storage["chars"]:
        levels[char["index"]] = char["level"]
    return levels


def _pieces(parts: Parts) -> list[tuple[str, Color | None]]:
    return [(parts, None)] if isinstance(parts, str) else list(parts)


def set_line(parts: Parts, font: str) -> tuple[list[Run], list[Cluster]]:
    """One line of text (no line breaks) as runs and clusters in reading order."""
    chunks: list[tuple[str, str, Color | None]] = []  # (text, font, colour)
    for text, colour in _pieces(parts):
        chunks += [(piece, name, colour) for piece, name in typefaces.font_runs(text, font)]
    whole = "".join(text for text, _, _ in chunks)
    levels = _levels(whole)
    runs: list[Run] = []
    clusters: list[Cluster] = []
    start = 0
    for text, name, colour in chunks:
        # Cut the chunk where the embedding level changes.
        cut = start
        for index in range(start, start + len(text) + 1):
            if index == start + len(text) or levels[index] != levels[cut]:
                if index > cut:
                    run = Run(name, levels[cut], colour)
                    runs.append(run)
                    piece = whole[cut:index]
                    if run.level == 0 and typefaces.is_plain(piece, name):
                        shaped = _unshaped(piece, name)  # as reportlab sets it; much quicker
                    else:
                        shaped = _shape(piece, name, bool(run.level % 2))
                    for number, (offset, glyphs) in enumerate(shaped):
                        end = shaped[number + 1][0] if number + 1 < len(shaped) else len(piece)
                        clusters.append(
                            Cluster(
                                piece[offset:end],
                                tuple(glyphs),
                                sum(glyph[1] for glyph in glyphs),
                                len(runs) - 1,
                            )
                        )
                cut = index
        start += len(text)
    return runs, clusters


# -- lines ---------------------------------------------------------------------------


def _is_space(cluster: Cluster) -> bool:
    return cluster.text.isspace()


def _may_break_after(clusters: Sequence[Cluster], index: int) -> bool:
    if _is_space(clusters[index]):
        return True
    if index + 1 >= len(clusters):
        return False
    here, after = clusters[index].text[-1], clusters[index + 1].text[0]
    return _is_cjk(here) and _is_cjk(after) and after not in _NO_BREAK_BEFORE


def _display_order(runs: Sequence[Run], clusters: Sequence[Cluster]) -> Line:
    """Clusters of one line (reading order) as segments in display order (rule L2)."""
    segments: list[Segment] = []
    for cluster in clusters:
        if segments and segments[-1].run is runs[cluster.run]:
            segments[-1] = Segment(segments[-1].run, (*segments[-1].clusters, cluster))
        else:
            segments.append(Segment(runs[cluster.run], (cluster,)))
    if segments:
        highest = max(segment.run.level for segment in segments)
        lowest_odd = min((s.run.level for s in segments if s.run.level % 2), default=highest + 1)
        for level in range(highest, lowest_odd - 1, -1):
            index = 0
            while index < len(segments):
                if segments[index].run.level >= level:
                    end = index
                    while end < len(segments) and segments[end].run.level >= level:
                        end += 1
                    segments[index:end] = reversed(segments[index:end])
                    index = end
                else:
                    index += 1
    return Line(tuple(segments))


def break_lines(runs: Sequence[Run], clusters: Sequence[Cluster], width: float) -> list[Line]:
    """Clusters broken into lines at most ``width`` thousandths of the font size wide
    (a word wider than a line is cut between clusters); spaces at line ends dropped."""
    lines: list[Line] = []
    start, count = 0, len(clusters)
    while True:
        used, end, last_break = 0.0, start, None
        while end < count:
            cluster = clusters[end]
            if not _is_space(cluster) and used + cluster.width > width and end > start:
                break
            used += cluster.width
            end += 1
            if _may_break_after(clusters, end - 1):
                last_break = end
        if end < count and last_break is not None and last_break > start:
            end = last_break
        line = list(clusters[start:end])
        while line and _is_space(line[-1]):
            line.pop()
        lines.append(_display_order(runs, line))
        start = end
        while start < count and _is_space(clusters[start]):
            start += 1
        if start >= count:
            return lines


def _chunks(text: str, count: int) -> list[str]:
    """``text`` shared out over ``count`` glyphs in order, one character each and the
    rest with the last (or nothing for glyphs beyond the text): whatever the glyphs
    look like, the PDF's text reads ``text`` with no gaps in it."""
    if count <= 1:
        return [text]
    chunks = [*text[: count - 1], text[count - 1 :]]
    return chunks + [""] * (count - len(chunks))


def draw_line(canvas: Canvas, line: Line, x: float, y: float, size: float) -> None:
    """Print one line with its left end at ``x`` and its baseline at ``y``."""
    for segment in line.segments:
        font = typefaces.glyph_font(segment.run.font)
        rtl = bool(segment.run.level % 2)
        codes: list[str] = []
        shape: list[ShapeData] = []
        for number, cluster in enumerate(reversed(segment.clusters) if rtl else segment.clusters):
            chunks = _chunks(cluster.text[::-1] if rtl else cluster.text, len(cluster.glyphs))
            for (glyph, advance, dx, dy), chunk in zip(cluster.glyphs, chunks, strict=True):
                code = font.code(glyph, chunk, advance)
                codes.append(code)
                shape.append(
                    ShapeData(number, advance, 0, dx, dy, font.face.getCharWidth(ord(code)))
                )
        if codes and all(len(c.text) == 1 == len(c.glyphs) for c in segment.clusters):
            plain = "".join(codes)
            if all(glyph[2] == glyph[3] == 0 for c in segment.clusters for glyph in c.glyphs) and (
                abs(font.stringWidth(plain, 1000) - segment.width) < 0.5
            ):
                shape = []  # nothing moved: print it as a plain string (much quicker)
        if codes:
            text_object = canvas.beginText(x, y)
            text_object.setFont(segment.run.font, size)
            if segment.run.colour is not None:
                text_object.setFillColor(segment.run.colour)
            joined = "".join(codes)
            text_object.textOut(ShapedStr(joined, shapeData=shape) if shape else joined)
            canvas.drawText(text_object)
        x += segment.width * size / 1000


# -- what the PDFs call ---------------------------------------------------------------


def _plain(parts: Parts, font: str) -> bool:
    return all(typefaces.is_plain(text, font) for text, _ in _pieces(parts))


def string_width(text: str, font: str, size: float) -> float:
    """How wide ``text`` (one line) prints, in points."""
    if typefaces.is_plain(text, font):
        return float(stringWidth(text, font, size))
    _, clusters = set_line(text, font)
    return sum(cluster.width for cluster in clusters) * size / 1000


def draw_string(
    canvas: Canvas, x: float, y: float, text: str, font: str, size: float, *, anchor: str = "start"
) -> None:
    """Print one line of any text at baseline ``y``, starting (or, with
    ``anchor="end"``, ending) at ``x``, in the canvas's fill colour."""
    if typefaces.is_plain(text, font):
        canvas.setFont(font, size)
        (canvas.drawRightString if anchor == "end" else canvas.drawString)(x, y, text)
        return
    runs, clusters = set_line(text, font)
    line = break_lines(runs, clusters, float("inf"))[0]
    width = line.width * size / 1000
    draw_line(canvas, line, x - width if anchor == "end" else x, y, size)


def fit_width(text: str, font: str, size: float, width: float) -> str:
    """``text`` shortened with an ellipsis until it fits ``width`` points."""
    if string_width(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with the ellipsis
        middle = (low + high + 1) // 2
        if string_width(text[:middle] + "…", font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def _markup(parts: Parts) -> str:
    if isinstance(parts, str):
        return escape(clean(parts)).replace("\n", "<br/>")
    out = []
    for text, colour in parts:
        markup = escape(text).replace("\n", "<br/>")
        out.append(f'<font color="#{colour.hexval()[2:]}">{markup}</font>' if colour else markup)
    return "".join(out)


def paragraph(parts: Parts, style: ParagraphStyle) -> Flowable:
    """A paragraph of any text in ``style``: a string (cleaned here; newlines kept as
    line breaks) or a sequence of (already cleaned text, colour or None) pieces.

    Text the main face prints as it is becomes a reportlab ``Paragraph`` of escaped
    markup; any other text a :class:`TextFlow`.
    """
    if _plain(parts, style.fontName):
        return Paragraph(_markup(parts), style)
    return TextFlow(parts, style)


class TextFlow(Flowable):  # type: ignore[misc,unused-ignore]  # reportlab is untyped
    """A paragraph of text in any script, laid out as described in the module's docstring.

    Behaves like a ``Paragraph`` in frames, tables and ``KeepInFrame``: it wraps to
    the width given, splits between lines across frames, and takes its font,
    size, leading, colour, alignment, indents and spacing from its style.
    """

    def __init__(
        self, parts: Parts, style: ParagraphStyle, *, _lines: list[Line] | None = None
    ) -> None:
        super().__init__()
        self.style = style
        self.parts = parts
        self._fixed = _lines
        self._lines: list[Line] = _lines or []
        self._hard: list[tuple[list[Run], list[Cluster]]] | None = None
        self.width = self.height = 0.0

    def _hard_lines(self) -> list[tuple[list[Run], list[Cluster]]]:
        """Each line the text asks for, set but not yet broken to a width."""
        if self._hard is None:
            lines: list[list[tuple[str, Color | None]]] = [[]]
            for text, colour in _pieces(
                clean(self.parts) if isinstance(self.parts, str) else self.parts
            ):
                for number, piece in enumerate(text.split("\n")):
                    if number:
                        lines.append([])
                    if piece:
                        lines[-1].append((piece, colour))
            self._hard = [set_line(line, self.style.fontName) for line in lines]
        return self._hard

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        style = self.style
        if self._fixed is None:
            room = max(1.0, availWidth - style.leftIndent - style.rightIndent)
            room = room * 1000 / style.fontSize
            self._lines = [
                line for runs, clusters in self._hard_lines()
                for line in break_lines(runs, clusters, room)
            ]  # fmt: skip
        self.width = availWidth
        self.height = len(self._lines) * style.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        fits = int((availHeight + 1e-6) // self.style.leading)
        if fits <= 0 or fits >= len(self._lines):
            return [] if fits <= 0 else [self]
        first = TextFlow(self.parts, self.style, _lines=self._lines[:fits])
        rest_style = ParagraphStyle("Rest", parent=self.style, spaceBefore=0)
        first_style = ParagraphStyle("First", parent=self.style, spaceAfter=0)
        first.style = first_style
        return [first, TextFlow(self.parts, rest_style, _lines=self._lines[fits:])]

    def draw(self) -> None:
        style = self.style
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(style.textColor)
        y = self.height - style.fontSize
        for line in self._lines:
            width = line.width * style.fontSize / 1000
            x = style.leftIndent
            if style.alignment == TA_RIGHT:
                x = self.width - style.rightIndent - width
            elif style.alignment == TA_CENTER:
                x = (self.width + style.leftIndent - style.rightIndent - width) / 2
            draw_line(canvas, line, x, y, style.fontSize)
            y -= style.leading
        canvas.restoreState()
