"""The shop's currency: which one, and how its amounts are marked.

The business profile names it by its ISO 4217 code (``GBP``); a shop that has
not chosen one uses the currency of the computer's locale (``en_GB`` gives
pounds). :func:`models.display.money` writes every amount with it, so the
window, the letters, the reports and the exports all agree.
"""

from __future__ import annotations

import locale
import os
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Currency:
    """A currency as the app writes it: ``£12.50``, ``12.50 kr``, ``¥1,200``."""

    code: str  # ISO 4217, "GBP"; "" when no currency is known
    name: str = ""
    symbol: str = ""
    after: bool = False  # the symbol follows the amount ("12.50 zł")
    decimals: int = 2

    @property
    def mark(self) -> str:
        """The symbol, else the code: what an amount is written with."""
        return self.symbol or self.code

    @property
    def label(self) -> str:
        """``GBP – Pound sterling (£)`` for a list to choose from."""
        if not self.name:
            return self.code
        symbol = f" ({self.symbol})" if self.symbol and self.symbol != self.code else ""
        return f"{self.code} – {self.name}{symbol}"


NONE = Currency("")

# The currencies offered first, the most usual for a small shop writing English.
COMMON: tuple[Currency, ...] = (
    Currency("GBP", "Pound sterling", "£"),
    Currency("EUR", "Euro", "€"),
    Currency("USD", "US dollar", "$"),
    Currency("CAD", "Canadian dollar", "$"),
    Currency("AUD", "Australian dollar", "$"),
    Currency("NZD", "New Zealand dollar", "$"),
    Currency("CHF", "Swiss franc", "CHF"),
    Currency("SEK", "Swedish krona", "kr", after=True),
    Currency("NOK", "Norwegian krone", "kr", after=True),
    Currency("DKK", "Danish krone", "kr", after=True),
    Currency("PLN", "Polish złoty", "zł", after=True),
    Currency("CZK", "Czech koruna", "Kč", after=True),
    Currency("HUF", "Hungarian forint", "Ft", after=True),
    Currency("ZAR", "South African rand", "R"),
    Currency("INR", "Indian rupee", "₹"),
    Currency("JPY", "Japanese yen", "¥", decimals=0),
    Currency("CNY", "Chinese yuan", "¥"),
    Currency("SGD", "Singapore dollar", "$"),
    Currency("HKD", "Hong Kong dollar", "$"),
    Currency("BRL", "Brazilian real", "R$"),
    Currency("MXN", "Mexican peso", "$"),
)
_COMMON = {currency.code: currency for currency in COMMON}
_MARKS = frozenset(currency.symbol for currency in COMMON)

# Every current ISO 4217 code, so a mistyped one ("GPB") is caught.
_ISO_CODES = """AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD
    BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB
    EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD
    JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK
    MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN
    PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL
    THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VED VND VUV WST XAF XCD XCG
    XOF XPF YER ZAR ZMW ZWG ZWL"""
ISO_CODES = frozenset(_ISO_CODES.split())
# Currencies written without minor units.
_WHOLE_CODES = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX VND VUV XAF XOF XPF"
_WHOLE = frozenset(_WHOLE_CODES.split())

# The currency of a territory, for a locale that names a country.
_EURO = ("AT", "BE", "CY", "DE", "EE", "ES", "FI", "FR", "GR", "HR", "IE", "IT", "LT", "LU",
         "LV", "MT", "NL", "PT", "SI", "SK")  # fmt: skip
TERRITORIES = {
    "GB": "GBP", "IM": "GBP", "JE": "GBP", "GG": "GBP", "US": "USD", "CA": "CAD",
    "AU": "AUD", "NZ": "NZD", "ZA": "ZAR", "IN": "INR", "JP": "JPY", "CN": "CNY",
    "CH": "CHF", "LI": "CHF", "SE": "SEK", "NO": "NOK", "DK": "DKK", "PL": "PLN",
    "CZ": "CZK", "HU": "HUF", "BR": "BRL", "MX": "MXN", "SG": "SGD", "HK": "HKD",
    **{territory: "EUR" for territory in _EURO},
}  # fmt: skip

_CODE = re.compile(r"^[A-Z]{3}$")

# The locale the desktop reports (Qt's, which Windows also fills in); the
# environment's LANG and friends otherwise.
_system_locale = ""


def use_system_locale(name: str) -> None:
    """Take the computer's locale (``en_GB``) from the desktop, where it is known."""
    global _system_locale
    _system_locale = name or ""


def normalised_code(text: str) -> str:
    """``gbp `` as ``GBP``."""
    return text.strip().upper()


def is_known_code(text: str) -> bool:
    """True for a current ISO 4217 code such as ``GBP`` (any case, spaces around)."""
    code = normalised_code(text)
    return bool(_CODE.match(code)) and code in ISO_CODES


def is_mark(text: str) -> bool:
    """True for what names a currency beside an amount: a code (``GBP``) or a
    symbol (``£``, ``kr``)."""
    text = text.strip()
    return is_known_code(text) or text in _MARKS


def from_code(code: str) -> Currency:
    """The currency with this ISO code; :data:`NONE` for an empty or unknown one."""
    code = normalised_code(code)
    if code in _COMMON:
        return _COMMON[code]
    if not is_known_code(code):
        return NONE
    return Currency(code, decimals=0 if code in _WHOLE else 2)


def _locale_name() -> str:
    if _system_locale:
        return _system_locale
    for variable in ("LC_ALL", "LC_MONETARY", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return value
    return ""


def territory_of(locale_name: str) -> str:
    """``GB`` for ``en_GB.UTF-8``, ``en-GB`` or ``en_GB@euro``; "" for ``C``."""
    base = locale_name.replace("-", "_").split(".")[0].split("@")[0]
    return base.partition("_")[2].upper()


def locale_territory() -> str:
    """The computer's locale's territory: ``GB`` for ``en_GB``; "" when unknown."""
    return territory_of(_locale_name())


def for_locale(locale_name: str | None = None) -> Currency:
    """The currency of a locale (the computer's by default); :data:`NONE` if unknown."""
    if locale_name is None:
        code = TERRITORIES.get(territory_of(_locale_name()), "")
        if not code:
            try:
                code = str(locale.localeconv()["int_curr_symbol"]).strip()
            except (ValueError, locale.Error):  # pragma: no cover - a broken C library
                code = ""
        return from_code(code)
    return from_code(TERRITORIES.get(territory_of(locale_name), ""))


def offered(code: str, locale_name: str | None = None) -> Currency:
    """The currency a picker starts on: the one chosen, else the locale's, else the
    first common one."""
    for candidate in (from_code(code), for_locale(locale_name)):
        if candidate.code:
            return candidate
    return COMMON[0]


def chosen_or_local(code: str) -> Currency:
    """The currency a profile names, or the locale's when it names none (or a bad one)."""
    chosen = from_code(code)
    return chosen if chosen.code else for_locale()


# --- amounts as people write them -------------------------------------------------------

_MONEY_MARKS = re.compile(r"[£$€¥\s\u00a0]|\b(?:GBP|EUR|USD)\b", re.IGNORECASE)
_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")  # 1,250 and 1,250.50
_THOUSANDS_DOT = re.compile(r"^\d{1,3}(?:\.\d{3})+,\d{1,2}$")  # 1.250,50
_DECIMAL_COMMA = re.compile(r"^\d+,\d{1,2}$")  # 12,50 and 89,5
_PLAIN = re.compile(r"^\d+(?:\.\d+)?$")


def read_amount(text: str) -> float | None:
    """An amount as people and spreadsheets write it, or None: ``12.50``,
    ``£1,250``, ``1,250.50``, and with a decimal comma ``12,50``, ``89,5``,
    ``1.250,50`` (a comma before three digits is a thousands comma)."""
    bare = _MONEY_MARKS.sub("", text)
    if _THOUSANDS.match(bare):
        bare = bare.replace(",", "")
    elif _THOUSANDS_DOT.match(bare):
        bare = bare.replace(".", "").replace(",", ".")
    elif _DECIMAL_COMMA.match(bare):
        bare = bare.replace(",", ".")
    return float(bare) if _PLAIN.match(bare) else None
