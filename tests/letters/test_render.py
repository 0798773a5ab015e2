"""Letters read back from the PDF: text, escaping, pages, metadata, sizes, logos."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from letters import typefaces
from letters.render import (
    KIND_TITLES,
    KINDS,
    LetterContent,
    Letterhead,
    LetterRenderer,
)
from tests.letters.pdfs import CONTENT, page_texts, pdftotext, reader, render, words
from tests.pictures import vast_png

ROOT = Path(__file__).resolve().parents[2]

NAMES = [
    "Zoë Łukasiewicz",
    "zażółć gęślą jaźń",
    "Nguyễn Thị Ánh",
    "Иван Петров",
    "Καλλιόπη Παπαδοπούλου",
    "Siobhán Ní Bhriain",
    "Søren Ørsted",
]

MARKUP = [
    "<b>bold?</b>",
    "Fish & Chips",
    "&amp; stays &amp;",
    "<font color=red>red?</font>",
    "line<br/>break? <br> <br />",
    "<para>para?</para>",
    "a < b and c > d",
    "unbalanced <i",
    "&lt;escaped&gt; &#169; &nbsp;",
    "</para></b>",
]

LONG_BODY = "\n\n".join(
    f"Point {number}. "
    + "We looked again at the order, the delivery note and the photographs you sent. " * 6
    for number in range(1, 15)
)


def images_on(pdf: bytes, page: int = 0) -> int:
    return len(reader(pdf).pages[page].images)


# -- Unicode ---------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_names_in_any_script_print_as_typed(name: str) -> None:
    pdf = render(
        recipient_name=name,
        salutation=f"Dear {name},",
        body=f"We are sorry, {name}.",
        lh_business_name=f"{name} Ltd",
        lh_signatory_name=name,
    )
    extracted = pdftotext(pdf)
    assert extracted.count(name) >= 5, extracted
    assert words(page_texts(pdf)[0]).count(name) >= 5


def test_the_shipped_dejavu_fonts_are_embedded_and_nothing_else() -> None:
    pdf = render(body="Bold and regular: Иван Петров")
    fonts = set()
    for page in reader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts, "no fonts found"
    assert all("DejaVuSans" in font for font in fonts), fonts
    assert any("DejaVuSans-Bold" in font for font in fonts), fonts


def test_font_files_and_their_licence_ship_with_the_package() -> None:
    for file_name in typefaces.FONT_FILES.values():
        assert (typefaces.FONT_DIR / file_name).stat().st_size > 100_000
    licence = typefaces.LICENSE_FILE.read_text(encoding="utf-8")
    assert "Bitstream Vera" in licence
    assert "Permission is hereby granted" in licence


def test_fonts_are_registered_lazily_and_once() -> None:
    code = (
        "from letters import render, typefaces\n"
        "from reportlab.pdfbase import pdfmetrics\n"
        "assert not typefaces.is_registered()\n"
        "from tests.letters.pdfs import render as make\n"
        "make()\n"
        "assert typefaces.is_registered()\n"
        "font = pdfmetrics.getFont(typefaces.REGULAR)\n"
        "make()\n"
        "assert typefaces.register_fonts() == typefaces.FAMILY\n"
        "assert pdfmetrics.getFont(typefaces.REGULAR) is font\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_letters_import_without_qt() -> None:
    code = (
        "import importlib, pkgutil, sys, letters\n"
        "for info in pkgutil.walk_packages(letters.__path__, 'letters.'):\n"
        "    importlib.import_module(info.name)\n"
        "sys.exit(1 if any(name.startswith('PySide6') for name in sys.modules) else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False)
    assert result.returncode == 0


# -- Escaping ----------------------------------------------------------------------


@pytest.mark.parametrize("text", MARKUP)
def test_markup_in_every_field_prints_literally(text: str) -> None:
    pdf = render(
        recipient_name=f"N {text}",
        recipient_address=f"A {text}\nTown",
        salutation=f"S {text}",
        subject=f"J {text}",
        body=f"B {text}\n\nsecond paragraph",
        lh_business_name=f"L {text}",
        lh_address=f"R {text}",
        lh_phone=f"P {text}",
        lh_email=f"E {text}",
        lh_website=f"W {text}",
        lh_signatory_name=f"G {text}",
        lh_signatory_role=f"O {text}",
        lh_sign_off=f"Y {text}",
    )
    extracted = words(pdftotext(pdf))
    expected = words(text)
    for prefix in "NASJBLRPEWGOY":
        assert f"{prefix} {expected}" in extracted, (prefix, extracted)


def test_markup_in_the_body_changes_no_colour_or_font() -> None:
    plain = render(body="red words and bold words")
    marked = render(body="<font color=red>red words</font> and <b>bold words</b>")
    for pdf in (plain, marked):
        stream = reader(pdf).pages[0].get_contents().get_data()
        assert b"1 0 0 rg" not in stream  # red fill
    assert "<font color=red>red words</font> and <b>bold words</b>" in pdftotext(marked)


def test_a_newline_is_a_line_break_and_a_blank_line_a_new_paragraph() -> None:
    pdf = render(body="First line\nsecond line &\n\n\n  \nNew paragraph")
    lines = [line for line in pdftotext(pdf).splitlines() if line.strip()]
    start = lines.index("First line")
    assert lines[start : start + 3] == ["First line", "second line &", "New paragraph"]


def test_control_characters_are_dropped() -> None:
    pdf = render(recipient_name="Zo\x00ë\x07 Łuka\x1bsiewicz\x7f", body="Bell\x07\x08 gone\ttab")
    extracted = pdftotext(pdf)
    assert "Zoë Łukasiewicz" in extracted
    assert "Bell gone tab" in words(extracted)


# -- Layout and content ---------------------------------------------------------------


def test_a_letter_has_every_part_in_order() -> None:
    text = words(pdftotext(render()))
    parts = [
        "Corner Cycles",
        "12 Market Street Oxford OX1 4AA",
        "Phone 01865 123456",
        "Email hello@cornercycles.example",
        "Web cornercycles.example",
        "Zoë Łukasiewicz Flat 3 45 Long Road Kraków 30-001",
        "22 November 2026",
        "Reference: C-2026-0042",
        "Acknowledgement of your complaint",
        "Your complaint C-2026-0042: we have received it",
        "Dear Zoë Łukasiewicz,",
        "Thank you for telling us about the wobbly saddle.",
        "Yours sincerely",
        "Siobhán O'Neill",
        "Owner",
    ]
    positions = [text.find(part) for part in parts]
    assert -1 not in positions, list(zip(parts, positions, strict=True))
    assert positions[8:] == sorted(positions[8:])  # the story, in reading order
    assert "page 1 of" not in text


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_has_its_title(kind: str) -> None:
    pdf = render(kind=kind)
    assert KIND_TITLES[kind] in pdftotext(pdf)
    assert reader(pdf).metadata.title == f"{KIND_TITLES[kind]} C-2026-0042"


@pytest.mark.parametrize(
    ("day", "written"),
    [(dt.date(2026, 3, 1), "1 March 2026"), (dt.date(2027, 12, 31), "31 December 2027")],
)
def test_the_date_is_written_out(day: dt.date, written: str) -> None:
    assert written in pdftotext(render(date=day))


def test_empty_optional_fields_leave_no_labels_or_blank_lines() -> None:
    letterhead = Letterhead(business_name="Corner Cycles")
    content = LetterContent(
        kind="final",
        reference="C-2026-0042",
        date=dt.date(2026, 11, 22),
        recipient_name="Zoë Łukasiewicz",
        recipient_address="",
        salutation="",
        subject="",
        body="Thank you.",
    )
    renderer = LetterRenderer(letterhead, content)
    assert renderer._letterhead_blocks() == ([], [])
    assert renderer._return_line() == ""
    assert renderer._recipient_lines() == ["Zoë Łukasiewicz"]
    lines = [line for line in pdftotext(renderer.render()).splitlines() if line.strip()]
    assert sorted(lines) == sorted(
        [
            "Corner Cycles",
            "Zoë Łukasiewicz",
            "22 November 2026",
            "Reference: C-2026-0042",
            "Our final response",
            "Thank you.",
            "Yours sincerely",
        ]
    )


def test_blank_lines_inside_addresses_are_dropped() -> None:
    pdf = render(
        recipient_address="\n  Flat 3  \n\n\n45 Long Road\n \nKraków\n",
        lh_address="\n12 Market Street\n\nOxford\n",
    )
    lines = pdftotext(pdf).splitlines()
    start = lines.index("Flat 3")
    assert lines[start : start + 3] == ["Flat 3", "45 Long Road", "Kraków"]
    start = lines.index("12 Market Street")
    assert lines[start : start + 2] == ["12 Market Street", "Oxford"]
    assert "Corner Cycles · 12 Market Street · Oxford" in pdftotext(pdf)


def test_no_signatory_no_sign_off() -> None:
    pdf = render(lh_signatory_name="", lh_signatory_role="", lh_sign_off="")
    text = pdftotext(pdf)
    assert "Yours sincerely" not in text
    assert "Owner" not in text
    assert "Thank you for telling us" in text


# -- Pages ----------------------------------------------------------------------------


def test_a_long_body_flows_onto_pages_numbered_x_of_y() -> None:
    pdf = render(body=LONG_BODY)
    assert len(reader(pdf).pages) == 3
    texts = page_texts(pdf)
    assert "page 1 of 3" in texts[0]
    assert "Reference C-2026-0042 · page 2 of 3" in pdftotext(pdf, page=2)
    assert "Reference C-2026-0042 · page 3 of 3" in pdftotext(pdf, page=3)
    assert "Corner Cycles" in texts[1]
    assert "Reference C-2026-0042 · page 2 of 3" in texts[1]
    assert "Point 14." in texts[2]
    assert "Siobhán O'Neill" in texts[2]
    everything = words(" ".join(texts))
    assert all(f"Point {number}." in everything for number in range(1, 15))


def test_a_huge_business_name_is_cut_short_in_the_page_header() -> None:
    pdf = render(body=LONG_BODY, lh_business_name="Corner Cycles " * 60)
    header = pdftotext(pdf, page=2).splitlines()
    assert "Reference C-2026-0042 · page 2 of 3" in pdftotext(pdf, page=2)
    assert any(line.endswith("…") for line in header)


def test_one_page_letters_carry_no_page_number() -> None:
    pdf = render()
    assert len(reader(pdf).pages) == 1
    assert "page" not in pdftotext(pdf)


@pytest.mark.parametrize(
    ("size", "box"),
    [("A4", (595.28, 841.89)), ("Letter", (612.0, 792.0)), ("letter", (612.0, 792.0))],
)
def test_page_sizes(size: str, box: tuple[float, float]) -> None:
    pdf = render(lh_page_size=size, body=LONG_BODY)
    for page in reader(pdf).pages:
        media = [float(value) for value in page.mediabox]
        assert media[:2] == [0.0, 0.0]
        assert media[2:] == pytest.approx(box, abs=0.01)


def test_unknown_kind_or_page_size_is_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        render(kind="apology")
    with pytest.raises(ValueError, match="page size"):
        render(lh_page_size="A5")


# -- Metadata and validity ----------------------------------------------------------


def test_metadata() -> None:
    pdf = render(lh_business_name="Søren's Cycles & Co")
    metadata = reader(pdf).metadata
    assert metadata.title == "Acknowledgement of your complaint C-2026-0042"
    assert metadata.author == "Søren's Cycles & Co"
    assert metadata.subject == "C-2026-0042"
    assert metadata.creator == "Complaint Desk"


@pytest.mark.parametrize("body", [CONTENT.body, LONG_BODY])
def test_qpdf_finds_no_errors(body: str, tmp_path: Path) -> None:
    if shutil.which("qpdf") is None:
        pytest.skip("qpdf is not installed")
    path = tmp_path / "letter.pdf"
    path.write_bytes(render(body=body, recipient_name="Иван <Петров> & Zoë"))
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors" in result.stdout


# -- Logos ------------------------------------------------------------------------------


@pytest.mark.parametrize(("suffix", "mode"), [(".png", "RGBA"), (".jpg", "RGB"), (".png", "P")])
def test_a_logo_is_drawn(tmp_path: Path, suffix: str, mode: str) -> None:
    path = tmp_path / f"logo{suffix}"
    Image.new(mode, (300, 120), "orange").save(path)
    pdf = render(lh_logo_path=path)
    assert images_on(pdf) == 1
    assert "Corner Cycles" in pdftotext(pdf)


def _truncated_png(path: Path) -> None:
    Image.effect_noise((400, 400), 64).save(path)
    path.write_bytes(path.read_bytes()[:2000])


@pytest.mark.parametrize(
    "make",
    [
        lambda path: path.write_bytes(b"this is not an image at all"),
        lambda path: path.write_bytes(b""),
        _truncated_png,
        lambda path: path.mkdir(),
        lambda path: None,  # missing
    ],
    ids=["garbage", "empty", "truncated", "directory", "missing"],
)
def test_an_unusable_logo_is_skipped(tmp_path: Path, make) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "logo.png"
    make(path)
    pdf = render(lh_logo_path=path)
    assert images_on(pdf) == 0
    assert "Corner Cycles" in pdftotext(pdf)
    assert "Thank you for telling us" in pdftotext(pdf)


@pytest.mark.parametrize("side", [12_000, 20_000])
def test_a_logo_of_vast_size_is_skipped_without_being_drawn(tmp_path: Path, side: int) -> None:
    """Kilobytes on disk, hundreds of megabytes once drawn (stored before such a
    logo was refused): the letter goes out without it, at once."""
    pdf = render(lh_logo_path=vast_png(tmp_path / "logo.png", side))
    assert images_on(pdf) == 0
    assert "Corner Cycles" in pdftotext(pdf)


def test_the_return_line_keeps_the_postcode_whole_when_the_address_is_long() -> None:
    """The small line above the customer's address (for a window envelope) drops the
    business name and middle lines before it cuts the town and postcode."""
    address = "The Old Granary, Unit 4\n12–14 Lower Broad Street\nLudlow\nShropshire SY8 1PQ"
    pdf = render(lh_business_name="Hughes & Daughters Gifts and Homeware", lh_address=address)
    text = pdftotext(pdf)
    assert text.count("Shropshire SY8 1PQ") == 2, text  # the letterhead and the return line
    assert "SY8 1…" not in text


def test_the_return_line_keeps_the_town_and_postcode_when_the_first_line_is_long() -> None:
    address = (
        "Unit 7, The Courtyard Buildings, 14 Upper Leeson Street Extension\nRanelagh\n"
        "Dublin 4 D04 X2K9"
    )
    text = pdftotext(render(lh_business_name="Blossom & Bloom Florists", lh_address=address))
    assert text.count("Dublin 4 D04 X2K9") == 2, text  # the letterhead and the return line
