"""Names in every script print in the letters, the reports and the customer record:
read back from the PDF's text, set in a font that has them, in the right order."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from letters import typefaces
from letters.customer_record import render_customer_record
from letters.insights_report import render_insights_report
from letters.render import KINDS
from letters.typesetting import set_line
from models.insights import insights
from tests.letters.pdfs import page_texts, pdftotext, reader, render, words
from tests.letters.test_customer_record import BLANK, PERSON, record
from tests.models.test_insights import PERIOD

ROOT = Path(__file__).resolve().parents[2]

# A name in each script, and the face that must print it.
NAMES = {
    "Zoë Łukasiewicz": "DejaVuSans",
    "Nguyễn Thị Ánh": "DejaVuSans",
    "Καλλιόπη Παπαδοπούλου": "DejaVuSans",
    "Иван Петров": "DejaVuSans",
    "王秀英": "WenQuanYiMicroHei",
    "山田 はなこ": "WenQuanYiMicroHei",  # kanji and hiragana
    "タナカ 花子": "WenQuanYiMicroHei",  # katakana and kanji
    "김민준": "WenQuanYiMicroHei",
    "محمد علي": "NotoSansArabic",
    "فاطمة الزهراء": "NotoSansArabic",
    "דוד כהן": "NotoSansHebrew",
    "प्रिया शर्मा": "NotoSansDevanagari",
    "สมศักดิ์ ใจดี": "NotoSansThai",
    "சுப்பிரமணியன்": "NotoSansTamil",
}

# What pdftotext adds around right-to-left text (embedding marks).
_BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pypdf_text(pdf: bytes) -> str:
    return words(" ".join(page_texts(pdf)))


def poppler_text(pdf: bytes) -> str:
    return words(_BIDI_MARKS.sub("", pdftotext(pdf)))


def fonts_in(pdf: bytes) -> set[str]:
    names = set()
    for page in reader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def assert_prints(pdf: bytes, name: str, face: str) -> None:
    assert name in pypdf_text(pdf), pypdf_text(pdf)
    assert name in poppler_text(pdf), poppler_text(pdf)
    assert any(font.startswith(face) for font in fonts_in(pdf)), fonts_in(pdf)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", NAMES)
def test_every_letter_kind_prints_the_name_in_its_script(name: str, kind: str) -> None:
    pdf = render(
        kind=kind,
        recipient_name=name,
        recipient_address=f"{name}\n45 Long Road",
        salutation=f"Dear {name},",
        body=f"We are sorry, {name}, that the saddle broke.",
    )
    assert_prints(pdf, name, NAMES[name])
    assert f"Dear {name}," in pypdf_text(pdf)
    assert pypdf_text(pdf).count(name) >= 4  # address block twice, salutation, body


@pytest.mark.parametrize("name", NAMES)
def test_the_letterhead_and_the_header_of_later_pages_print_the_shop_in_its_script(
    name: str,
) -> None:
    pdf = render(
        lh_business_name=name,
        lh_address=f"{name} Street 12\nTown",
        lh_signatory_name=name,
        body="\n\n".join(["We looked again at the order and the photographs. " * 8] * 12),
    )
    texts = [words(text) for text in page_texts(pdf)]
    assert len(texts) >= 2
    assert texts[0].count(name) >= 3  # letterhead, return line, street
    assert name in texts[-1]  # the continuation header, and the signature
    assert any(font.startswith(NAMES[name]) for font in fonts_in(pdf))


@pytest.mark.parametrize("name", NAMES)
def test_the_customer_record_prints_the_name_in_its_script(name: str) -> None:
    complaint = replace(BLANK, account=f"{name} says the bell rings twice.", handler=name)
    pdf = render_customer_record(
        record(customer=replace(PERSON, name=name, address=name), complaints=(complaint,))
    )
    assert_prints(pdf, name, NAMES[name])
    text = pypdf_text(pdf)
    assert f"Information we hold about {name}" in text  # the title, in bold
    assert f"Name {name}" in text
    assert f"What they told us {name} says the bell rings twice." in text


@pytest.mark.parametrize("name", NAMES)
def test_the_insights_report_prints_the_shop_in_its_script(db, name: str) -> None:
    pdf = render_insights_report(insights(PERIOD), name)
    assert_prints(pdf, name, NAMES[name])
    assert pypdf_text(pdf).count(name) >= 2  # under the title and in each footer


def test_right_to_left_names_read_right_to_left_inside_a_left_to_right_line() -> None:
    pdf = render(salutation="Dear محمد علي, hello", body="Thank you.")
    boxes = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    left = {}  # where each word starts; -bbox gives right-to-left words' letters as drawn
    for x, word in re.findall(r'xMin="([\d.]+)"[^>]*>([^<]+)</word>', boxes):
        left[word.strip(",")] = left[word.strip(",")[::-1]] = float(x)
    # "Dear", then the name: its first word (محمد) on the right, then "hello".
    assert left["Dear"] < left["علي"] < left["محمد"] < left["hello"]


def test_arabic_letters_join_and_devanagari_syllables_form() -> None:
    for text, font in (("محمد", "NotoSansArabic"), ("शर्मा", "NotoSansDevanagari")):
        _, clusters = set_line(text, typefaces.REGULAR)
        charmap = typefaces.glyph_font(font).charmap
        drawn = [glyph for cluster in clusters for glyph, *_ in cluster.glyphs]
        isolated = [charmap[ord(char)] for char in text]
        assert drawn != isolated, text  # contextual forms, conjuncts, reph


def test_a_long_right_to_left_note_wraps_in_reading_order() -> None:
    words_ = [f"{word}" for word in ("أول", "ثم", "بعد", "قبل", "عند", "مع", "في", "على")] * 12
    note = " ".join(["البداية", *words_, "النهاية"])
    complaint = replace(BLANK, account=note)
    pdf = render_customer_record(record(complaints=(complaint,)))
    lines = [line for text in page_texts(pdf) for line in text.split("\n")]
    first = next(index for index, line in enumerate(lines) if "البداية" in line)
    last = next(index for index, line in enumerate(lines) if "النهاية" in line)
    assert last > first  # wrapped onto more lines, the first words on the first one
    assert words(" ".join(lines[first : last + 1])).endswith("النهاية")


def test_a_long_chinese_note_wraps_between_characters() -> None:
    note = "顾客说自行车的车座松动而且会发出响声" * 20
    pdf = render(body=note)
    text = page_texts(pdf)[0]
    assert note in text.replace("\n", "")
    assert sum(1 for line in text.split("\n") if "车座" in line) >= 3


def test_an_emoji_no_font_has_prints_as_its_name_and_the_others_print() -> None:
    pdf = render(recipient_name="Anna 🦄 Smith 😀", salutation="Dear Anna 🇬🇧,")
    text = pypdf_text(pdf)
    assert "Anna [unicorn face] Smith 😀" in text
    assert "Dear Anna [flag GB]," in text


def test_fallback_fonts_are_registered_only_when_a_text_needs_them() -> None:
    code = (
        "from reportlab.pdfbase import pdfmetrics\n"
        "from tests.letters.pdfs import render\n"
        "render()\n"
        "names = set(pdfmetrics.getRegisteredFontNames())\n"
        "assert 'DejaVuSans' in names and 'NotoSansArabic' not in names, names\n"
        "render(recipient_name='محمد علي')\n"
        "names = set(pdfmetrics.getRegisteredFontNames())\n"
        "assert 'NotoSansArabic' in names and 'WenQuanYiMicroHei' not in names, names\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_every_fallback_font_and_its_licence_ship_with_the_package() -> None:
    for face in typefaces.FALLBACKS:
        for bold in (False, True):
            assert (typefaces.FONT_DIR / face.file(bold)).stat().st_size > 5_000
    licences = " ".join(
        (typefaces.FONT_DIR / name).read_text(encoding="utf-8") for name in typefaces.LICENSE_FILES
    )
    assert "SIL Open Font License, Version 1.1" in licences
    assert "Apache License" in licences and "Version 2.0" in licences
