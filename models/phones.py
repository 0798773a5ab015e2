"""One rule for when two phone numbers are the same number, however they were
written: "+44 7700 900123", "0044 7700 900123", "+44 (0)7700 900123" and
"07700 900123" are one number, so a returning customer is found whichever way the
number was typed.

A number is matched by its national significant number: the digits after the
country code (found with libphonenumber's tables) or after the national 0. That
needs no country setting, and the digits it keeps appear, in a row, in every way
of writing the number, so a search for them finds each. Two customers abroad with
the same national number under different country codes are told apart by their
names (see :mod:`models.matching`)."""

from __future__ import annotations

import re

from models.text import digits

# A phone number needs this many digits (after its country code or national 0)
# before it identifies anyone: shorter ones (an extension, a fragment) are not
# matched on.
MIN_DIGITS = 6

# What a phone number can hold: digits (any script), spaces, a leading +, ( ) - . /
# between them, and an extension after x or ext: "+44 (0)161 496 0000 ext. 12".
_PHONE = re.compile(r"\+?[\d\s().\-/]*\d[\d\s().\-/]*(?:\s*(?:x|ext\.?)\s*\d+)?", re.IGNORECASE)
PHONE_HOLDS = "digits, spaces, + ( ) - . / and x or ext before an extension"


def phone_problem(phone: str) -> str | None:
    """What is wrong with a (cleaned) phone number, or None: the one rule the window,
    the import and the commands share. Blank is fine: a phone is optional."""
    if not phone or _PHONE.fullmatch(phone):
        return None
    return f"“{phone}” is not a phone number: it can hold only {PHONE_HOLDS}."


# National numbers that start with the trunk 0, by territory: for each length of
# what follows the 0, the digits it may start with. 07700 900123 (UK) is 0 and ten
# digits starting 7; 087 123 4567 (Ireland) 0 and nine; 01 234 5678 (Dublin) 0 and eight.
_NATIONAL: dict[str, dict[int, str]] = {
    "GB": {10: "123789"},
    "IE": {9: "2456789", 8: "1"},
}
TRUNK_ZERO_TERRITORIES = frozenset(_NATIONAL)


def with_trunk_zero(number: str, territory: str) -> str | None:
    """A phone number a spreadsheet saved as a number, which drops its leading 0
    (7700900123), with the 0 put back where the rule is clear: in a territory whose
    numbers start with 0 (``GB``, ``IE``), when it has the length of a national
    number without its 0 and starts as one does. None otherwise (the number is
    then read as it is)."""
    starts = _NATIONAL.get(territory, {}).get(len(number))
    if not starts or not number.isascii() or not number.isdigit() or number[0] not in starts:
        return None
    restored = "0" + number
    return restored if phone_problem(restored) is None else None


_PLUS_CODE = re.compile(r"^\+\d{1,3}$")
_ZEROS_CODE = re.compile(r"^00\d{1,3}$")
_PHONE_LIKE = re.compile(r"^[+(]?[\d()\-./]+$")
# A typed word read as (part of) a phone number: with its country code, or a national
# 0 and at least five digits ("07700", not a reference's "0101" or a date's "03/12").
_TYPED_NUMBER = re.compile(r"^(?:\+\d[\d()\-]*|\(?0[\d()\-]*(?:\d[\d()\-]*){4})$")


def key(phone: str) -> str:
    """The digits a number is matched by; "" for one with fewer than
    :data:`MIN_DIGITS` digits."""
    number = digits(phone)
    national = _national(phone.strip(), number) if number else ""
    return national if len(national) >= MIN_DIGITS else ""


def _national(text: str, number: str) -> str:
    if text.startswith("+") or (number.startswith("00") and text.startswith("00")):
        international = number[2:] if text.startswith("00") else number
        try:
            import phonenumbers  # only for numbers with a country code

            return str(phonenumbers.parse("+" + international, None).national_number)
        except Exception:
            return international
    if number.startswith("0"):
        return number[1:]
    return number


def part_of(typed: str, phone: str) -> bool:
    """Whether ``typed`` is (the start or a part of) ``phone`` however either is
    written: "+44 (0)7700 900" and "07700 900" are both part of "07700 900456".
    Nothing typed is part of any number."""
    number = digits(typed)
    if not number:
        return True
    whole = digits(phone)
    national = _national(typed.strip(), number)
    return number in whole or (bool(national) and national in (key(phone) or whole))


def search_terms(words: list[str]) -> list[str]:
    """Typed search words, those that look like (part of) a phone number as the
    digits that every way of writing it holds ("07700" -> "7700", "+447700" ->
    "7700"), and a country code typed apart from the rest of the number ("+44", or
    "0044 7700 900222") left out; other words unchanged."""
    words = _numbers_joined(words)
    terms = []
    for position, word in enumerate(words):
        number_follows = position + 1 < len(words) and bool(_PHONE_LIKE.match(words[position + 1]))
        if _PLUS_CODE.match(word) or (_ZEROS_CODE.match(word) and number_follows):
            continue
        if _TYPED_NUMBER.match(word):
            word = _national(word, digits(word)) or word
        elif _TRUNK_START.match(word):  # "0176": the start of a number, its 0 the trunk's
            word = word[1:]
        terms.append(word)
    return terms


# A number's start written with its trunk 0 ("0176", "06"), and its groups after.
_TRUNK_START = re.compile(r"^0\d{2,3}$")
_NUMBER_START = re.compile(r"^(?:\+|\(?0)[\d()\-./]*$")
_DIGIT_GROUP = re.compile(r"^[\d()\-./]+$")


def _numbers_joined(words: list[str]) -> list[str]:
    """A number typed in groups ("0176 2345 6789", "+49 176 23456789") as one word,
    as the log keeps its digits; a country code typed apart stays apart."""
    joined: list[str] = []
    for word in words:
        previous = joined[-1] if joined else ""
        if (
            _DIGIT_GROUP.match(word)
            and _NUMBER_START.match(previous)
            and not _PLUS_CODE.match(previous)
            and not _ZEROS_CODE.match(previous)
            and len(digits(previous + word)) <= 15
        ):
            joined[-1] = previous + word
        else:
            joined.append(word)
    return joined


# What may stand between the digits of a number written in a note.
_GAP = r"[\s\-./()]*"


def mention_patterns(phone: str) -> list[str]:
    """Regular expressions for ``phone`` written in free text (a note, a letter):
    with any spacing; a national 0 also as +CC or 00CC (with or without "(0)"),
    and an international number also with its country code replaced by 0. None
    for a number too short to be told from other figures."""
    number = digits(phone)
    if len(number) < MIN_DIGITS:
        return []
    spaced = _GAP.join
    patterns = [spaced(number)]
    if number.startswith("0") and not number.startswith("00"):
        patterns.append(rf"(?:\+|00)\s*\d{{1,3}}{_GAP}(?:\(0\){_GAP})?" + spaced(number[1:]))
    elif phone.strip().startswith(("+", "00")):
        rest = number[2:] if number.startswith("00") else number
        patterns += ["0" + _GAP + spaced(rest[k:]) for k in (1, 2, 3) if len(rest) - k >= 7]
    return [rf"(?<!\d){pattern}(?!\d)" for pattern in patterns]
