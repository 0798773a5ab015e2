"""User text made safe for reportlab: cleaning, escaping, paragraphs, dates."""

from __future__ import annotations

import datetime as dt

import pytest

from letters.content import format_date
from letters.text import clean, lines, paragraphs, to_markup


def test_control_characters_go_newlines_and_tabs_stay() -> None:
    assert clean("a\x00b\x07c\x1b[0m\x7f\nd\te") == "abc[0m\nd e"


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c"])
def test_every_kind_of_line_break_is_a_newline(newline: str) -> None:
    assert clean(f"one{newline}two") == "one\ntwo"


def test_surrogates_and_noncharacters_go() -> None:
    assert clean("a\ud800b\ufffec\uffffd\U0010ffffe\ufdd0f") == "abcdef"


def test_combining_accents_are_composed() -> None:
    assert clean("Nguye\u0302\u0303n Zoe\u0308") == "Nguyễn Zoë"


def test_spaces_and_blank_lines_are_tidied() -> None:
    assert clean("  a   b  \n\n\n\n  c \t d  \n") == "a b\n\nc d"
    assert clean("  a \n\n b \n", multiline=False) == "a b"


def test_lines_drops_blank_ones() -> None:
    assert lines("\n Flat 3 \n\n 45 Long Road\n\t\n") == ["Flat 3", "45 Long Road"]
    assert lines("") == []


def test_markup_is_escaped_before_line_breaks_go_in() -> None:
    assert to_markup("a<b>\nc & <br/>&amp;") == "a&lt;b&gt;<br/>c &amp; &lt;br/&gt;&amp;amp;"


def test_paragraphs_split_at_blank_lines_and_keep_single_breaks() -> None:
    assert paragraphs("one\ntwo\n\n \n\t\nthree <b>\n\n\n") == ["one<br/>two", "three &lt;b&gt;"]
    assert paragraphs("\n\n  \n") == []


@pytest.mark.parametrize(
    ("day", "written"),
    [
        (dt.date(2026, 11, 22), "22 November 2026"),
        (dt.date(2026, 1, 1), "1 January 2026"),
        (dt.date(2029, 5, 9), "9 May 2029"),
    ],
)
def test_format_date(day: dt.date, written: str) -> None:
    assert format_date(day) == written


def test_none_is_empty() -> None:
    assert clean(None) == ""
    assert lines(None) == []
    assert paragraphs(None) == []
