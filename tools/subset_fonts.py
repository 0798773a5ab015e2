"""Make the fallback fonts in letters/fonts/ from Debian's font packages.

    apt-get download fonts-noto-core fonts-wqy-microhei
    dpkg -x fonts-noto-core_*.deb x && dpkg -x fonts-wqy-microhei_*.deb x
    python tools/subset_fonts.py x/usr/share/fonts/truetype

Each face keeps only its scripts' characters (the ranges in letters/typefaces.py,
plus ASCII and common punctuation so spaces and digits inside a run print in it),
keeps every OpenType layout feature (the shaper needs them) and drops hinting,
which PDF viewers do not use; WenQuanYi Micro Hei is taken out of its collection.
Needs fontTools (``pip install fonttools``); the app itself does not.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from letters.typefaces import FALLBACKS, FONT_DIR  # noqa: E402

COMMON = ((0x20, 0x7E), (0xA0, 0xBF), (0x2000, 0x206F), (0x25CC, 0x25CC), (0xFE00, 0xFE0F))
SOURCES = {"WenQuanYiMicroHei": ("wqy/wqy-microhei.ttc", 0)}


def source(folder: Path, name: str, style: str) -> tuple[Path, int | None]:
    if name in SOURCES:
        path, number = SOURCES[name]
        return folder / path, number
    return folder / "noto" / f"{name}-{style}.ttf", None


def make(src: Path, number: int | None, ranges: tuple[tuple[int, int], ...], out: Path) -> int:
    options = subset.Options()
    options.hinting = False
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.legacy_kern = True
    if number is not None:
        options.font_number = number
    font = subset.load_font(str(src), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[c for a, b in (*ranges, *COMMON) for c in range(a, b + 1)])
    subsetter.subset(font)
    subset.save_font(font, str(out), options)
    return out.stat().st_size


def main(folder: Path) -> None:
    total = 0
    for face in FALLBACKS:
        for bold in (False, True) if face.has_bold else (False,):
            src, number = source(folder, face.name, "Bold" if bold else "Regular")
            total += make(src, number, face.ranges, FONT_DIR / face.file(bold))
            print(face.file(bold))
    print(f"{total / 2**20:.1f} MiB in all")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
