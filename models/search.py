"""The search behind search-as-you-type.

Each complaint has one row in the ``complaint_search`` index (see
:mod:`models.search_index`: any substring of three or more characters is found
through it, on either engine) holding its reference, customer name, phone, email, product and every
text the owner wrote about it: what happened, what they want, the notes (plain,
*customer says* and *we checked*), the basis of the finding on fault, the
options offered, the agreed solution and the lesson; all folded so that ``zoe``
finds ``Zoë``. :func:`reindex_complaints` is the one way rows are written:
whatever changes those texts calls it in the same transaction. Typed alone,
one or two characters say too little about the words, so they match the
customer's name, phone or email; beside a longer word they narrow within
everything.

:class:`Marks` recognises one customer in any free text (their name, phone or
email, however typed), for erasing them from other customers' complaints.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from models import phones, search_index
from models.db import database
from models.references import references_starting
from models.search_index import row_test
from models.tables import Customer
from models.text import clean, digits, fold
from models.timeline import SEARCHED_KINDS

# Above this many matches, a page is found faster by walking the complaints
# in list order and testing each than by sorting every match.
LARGE_MATCH = 5_000


def search_body(
    reference: str,
    customer_name: str,
    phone: str,
    email: str,
    product: str,
    account: str,
    remedy: str,
    *words: str,
) -> str:
    """The folded text of one index row; ``words`` are the complaint's other texts."""
    parts = [reference, customer_name, phone, digits(phone), email, product, account, remedy]
    return fold("\n".join(part for part in (*parts, *words) if part))


def index_rows(rows: Iterable[tuple[int, str]], *, replace: bool = True) -> None:
    """Write (complaint id, body) rows into the index, replacing older ones
    (``replace=False`` when there are none: much quicker)."""
    rows = list(rows)
    if not rows:
        return
    index = search_index.current()
    if replace:
        index.delete([row[0] for row in rows])
    index.insert(rows)


# The texts of a complaint that are searched, besides the notes on its timeline.
_COMPLAINT_TEXTS = """SELECT c.id, c.reference, cu.name, cu.phone, cu.email, c.product,
           c.account, c.remedy_sought, c.fault_basis, c.options_offered,
           c.agreed_solution, c.lesson
    FROM complaint c JOIN customer cu ON cu.id = c.customer_id
    WHERE c.id IN ({marks})"""
_NOTES = """SELECT complaint_id, text FROM event
    WHERE complaint_id IN ({marks}) AND kind IN ({kinds}) AND NOT redacted AND text != ''
    ORDER BY complaint_id, at, id"""
CHUNK = 1_000  # complaints read at once (well under SQLite's limit on parameters)


def reindex_complaints(complaint_ids: Sequence[int]) -> None:
    """Rebuild the index rows of these complaints from the tables (call it in the
    transaction that changed them)."""
    ids = list(dict.fromkeys(complaint_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        _hold(chunk)
        _reindex_chunk(chunk)


def _hold(ids: list[int]) -> None:
    """On a server, two counters changing one complaint at once (two notes) take
    turns here: each reads the other's words once it is saved, so the last row
    written holds both. (SQLite lets one writer in at a time already.)"""
    from models import engine

    lock = engine.current().lock_rows
    if lock:
        marks = ",".join("?" * len(ids))
        database.execute_sql(
            f"SELECT id FROM complaint WHERE id IN ({marks}) ORDER BY id{lock}", ids
        ).fetchall()


def _reindex_chunk(ids: list[int], *, replace: bool = True) -> None:
    if not ids:
        return
    marks = ",".join("?" * len(ids))
    notes: dict[int, list[str]] = {}
    kinds = ",".join("?" * len(SEARCHED_KINDS))
    for complaint_id, text in database.execute_sql(
        _NOTES.format(marks=marks, kinds=kinds), [*ids, *SEARCHED_KINDS]
    ):
        notes.setdefault(complaint_id, []).append(text)
    rows = database.execute_sql(_COMPLAINT_TEXTS.format(marks=marks), ids).fetchall()
    index_rows(
        ((row[0], search_body(*row[1:], *notes.get(row[0], ()))) for row in rows), replace=replace
    )


def reindex_everything() -> int:
    """Rebuild the whole index from the tables (after a change of what is indexed);
    return how many complaints it holds. The table is made anew: emptying it row
    by row would take longer than filling it."""
    index = search_index.current()
    index.drop(database.obj)
    index.create(database.obj)
    ids = [row[0] for row in database.execute_sql("SELECT id FROM complaint ORDER BY id")]
    for start in range(0, len(ids), CHUNK):
        _reindex_chunk(ids[start : start + CHUNK], replace=False)
    return len(ids)


@dataclass(frozen=True)
class SearchFilter:
    """SQL that keeps only complaints matching every term of a typed query."""

    sql: str
    params: tuple[object, ...]
    # For a search made row by row, the terms to count its matches by through the
    # index: a page fills from the complaints received last, but counting a
    # thousand matches row by row would read far more of them.
    counted_by: tuple[str, ...] = ()
    # The matches are listed by id (fewer than LARGE_MATCH): a list reads them all
    # in its order at once, rather than walk the log in that order to find them,
    # which for a few old ones reads nearly all of it.
    listed: bool = False


def count_matches(terms: Sequence[str], at_most: int) -> int:
    """How many complaints hold every one of ``terms`` (folded; looked up in the
    index, see :attr:`SearchFilter.counted_by`), counting up to ``at_most``."""
    return len(search_index.current().matching(terms, at_most))


def escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# How a short term finds complaints: the ids of the customers it matches
# (search_index: customers_holding), or the same test made on the customer of
# each complaint row ``c``.
_CUSTOMER_OF_ROW = "customer WHERE customer.id = c.customer_id"


# A sample of the complaints received last comes first: when at least PLENTIFUL
# of the SAMPLE match, the list is walked in its order (a page fills within a
# few thousand complaints), without counting matches through the index, which
# costs more the more there are (on a server, every complaint the trigram index
# finds is read again to test its words).
SAMPLE = 1_000
PLENTIFUL = 7


def search_filter(query: str, *, first_page: bool = True) -> SearchFilter | None:
    """A condition on complaint ``c`` for the typed ``query``, or None when blank.

    First a sample (with ``first_page``, for a list read a page at a time in the
    order complaints are received or numbered; not for every match at once, in
    another order or for an export): when at least :data:`PLENTIFUL` of the
    :data:`SAMPLE` complaints received last match, the test is made row by row
    (the same substring match, with LIKE on the folded words) as the list is
    read in its order, which fills a page long before the end of the log. Otherwise the
    matches are looked up in the index and counted up to :data:`LARGE_MATCH`:
    the ids of fewer are written into the SQL as numbers, so the database starts
    from them; more are tested row by row too. A test made row by row has its
    matches counted, when asked, through the index (:attr:`SearchFilter.counted_by`).

    Typed alone, terms of one or two characters match the customer's name, phone
    or email, in the same way: the sample, then the ids of the customers matching.
    """
    # A phone number is found however it was written (+44 7700… or 07700…).
    terms = phones.search_terms(fold(clean(query)).split())
    if not terms:
        return None
    if len(terms) == 1 and (start := references_starting(terms[0])) is not None:
        # The start of a reference: the complaints numbered so, through the index of
        # years and numbers (the trigrams of "c-2026-0" are in every reference).
        (first_year, last_year), ranges = start
        numbers = " OR ".join(f"c.number BETWEEN {int(a)} AND {int(b)}" for a, b in ranges)
        test = f"(c.year BETWEEN {int(first_year)} AND {int(last_year)} AND ({numbers}))"
        # Fewer than LARGE_MATCH are listed by id, as the index's matches are: walking
        # the log by date for the 999 first of a year would read nearly all of it.
        found = database.execute_sql(
            f"SELECT c.id FROM complaint c WHERE {test} LIMIT {LARGE_MATCH}"
        )
        ids = _listed([row[0] for row in found])
        if ids is None:
            return SearchFilter(test, ())
        return SearchFilter(f"c.id IN ({ids})", (), listed=True)
    likes = [f"%{escape_like(term)}%" for term in terms]
    if any(len(term) >= search_index.LOOKED_UP for term in terms):
        index = search_index.current()
        # Beside a longer word, a short one narrows within all the words.
        each_row = index.row_test(len(likes))
        if first_page and _plentiful(each_row, likes):
            return SearchFilter(each_row, tuple(likes), tuple(terms))
        ids = _listed(index.matching(terms, LARGE_MATCH))
        if ids is None:
            return SearchFilter(each_row, tuple(likes), tuple(terms))
        return SearchFilter(f"c.id IN ({ids})", (), listed=True)
    # Only short terms: they match the customer's name, phone or email.
    each_row = row_test(_CUSTOMER_OF_ROW, "search_key", len(likes))
    if first_page and _plentiful(each_row, likes):
        return SearchFilter(each_row, tuple(likes))
    index = search_index.current()
    clauses: list[str] = []
    params: list[object] = []
    for term, like in zip(terms, likes, strict=True):
        ids = _listed(index.customers_holding(term, LARGE_MATCH))
        if ids is not None:
            clauses.append(f"c.customer_id IN ({ids})")
        else:
            params.append(like)
    if params:
        clauses.append(row_test(_CUSTOMER_OF_ROW, "search_key", len(params)))
    return SearchFilter(" AND ".join(clauses), tuple(params))


def _plentiful(test: str, params: list[str]) -> bool:
    """True when at least :data:`PLENTIFUL` of the :data:`SAMPLE` complaints received
    last pass ``test`` (SQL on complaint ``c``, tested on each row)."""
    row = database.execute_sql(
        f"""SELECT COUNT(*) FROM (
                SELECT 1 FROM (SELECT c.id, c.customer_id FROM complaint c
                               ORDER BY c.received_at DESC, c.id DESC LIMIT {SAMPLE}) AS c
                WHERE {test} LIMIT {PLENTIFUL}) AS found""",
        params,
    ).fetchone()
    return int(row[0]) >= PLENTIFUL


def _listed(found: list[int]) -> str | None:
    """``found`` as a comma-separated list, or None when there are many."""
    if len(found) >= LARGE_MATCH:
        return None
    return ",".join(str(int(i)) for i in found) or "NULL"


# --- a customer in free text (see models.anonymise) ----------------------------------

_WORD_BEFORE, _WORD_AFTER = r"(?<!\w)", r"(?!\w)"
SNIPPET = 45  # characters shown either side of a mention


def _name_words(name: str) -> list[str]:
    return [word for word in re.split(r"[\W_]+", fold(name)) if word]


def _phone_core(phone: str) -> str:
    """Digits found, in a row once other characters are dropped, in any way of
    writing the number that :func:`models.phones.mention_patterns` recognises."""
    return phones.key(phone)


_NOT_DIGIT = re.compile(r"\D+")


class Marks:
    """How a customer is recognised in free text, case and accents ignored.

    *Certain* (removed on erasing): the whole name (two words or more), its
    first and last words together in either order ("Brenda Okafor", "Okafor,
    Brenda"), the email address, the phone number however it is spaced
    (07700 900123, 07700-900-123, +44 7700 900123). *Possible* (shown to the
    owner, removed only if they say so): one word of the name alone, of three
    letters or more ("Brenda"), which may well be someone else.
    """

    def __init__(self, name: str, phone: str, email: str) -> None:
        words = _name_words(name)
        certain: list[str] = []
        if len(words) >= 2:
            first, last = re.escape(words[0]), re.escape(words[-1])
            certain.append(r"[\W_]+".join(re.escape(word) for word in words))
            certain += [rf"{first}\s+{last}", rf"{last}\s*,?\s+{first}"]
        certain = [_WORD_BEFORE + pattern + _WORD_AFTER for pattern in certain]
        if "@" in email:
            certain.append(r"(?<![\w.+-])" + re.escape(fold(email.strip())) + r"(?![\w-])")
        certain += phones.mention_patterns(phone)
        possible = sorted({word for word in words if len(word) >= 3}, key=len, reverse=True)
        self.certain = _compiled(certain)
        self.possible = _compiled(
            [_WORD_BEFORE + re.escape(word) + _WORD_AFTER for word in possible]
        )
        # Plain substrings every mention holds, to pass over most texts quickly.
        self._first_last = (words[0], words[-1]) if len(words) >= 2 else None
        self._words = possible
        self._email = fold(email.strip()) if "@" in email else ""
        self._digits = _phone_core(phone)

    def _may_mention(self, folded: str, possible: bool) -> bool:
        if possible and any(word in folded for word in self._words):
            return True
        pair = self._first_last
        if pair is not None and pair[0] in folded and pair[1] in folded:
            return True
        if self._email and self._email in folded:
            return True
        return bool(self._digits) and self._digits in _NOT_DIGIT.sub("", folded)

    @classmethod
    def of(cls, customer: Customer) -> Marks:
        return cls(customer.name, customer.phone, customer.email)

    def spans(self, text: str, *, possible: bool = True) -> list[tuple[int, int, bool]]:
        """(start, end, certain) of each mention in ``text``, in order."""
        quick = text.lower() if text.isascii() else fold(text)
        if not self._may_mention(quick, possible):
            return []
        folded, starts = _folded_with_starts(text)
        found: list[tuple[int, int, bool]] = []
        for certain, test in ((True, self.certain), (False, self.possible if possible else None)):
            for match in test.finditer(folded) if test is not None else ():
                start, end = starts[match.start()], starts[match.end() - 1] + 1
                if end > start and all(end <= a or start >= b for a, b, _ in found):
                    found.append((start, end, certain))
        return sorted(found)

    def replace(self, text: str, placeholder: str, *, possible: bool) -> tuple[str, int]:
        """``text`` with each mention replaced by ``placeholder``, and how many."""
        spans = [span for span in self.spans(text, possible=possible) if possible or span[2]]
        for start, end, _ in reversed(spans):
            text = text[:start] + placeholder + text[end:]
        return text, len(spans)


def _compiled(patterns: list[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(sorted(patterns, key=len, reverse=True)))


def _folded_with_starts(text: str) -> tuple[str, list[int]]:
    """``text`` folded a character at a time, with the index in ``text`` each
    folded character comes from (so a match maps back to the original)."""
    if text.isascii():
        return text.lower(), list(range(len(text)))
    parts: list[str] = []
    starts: list[int] = []
    for index, character in enumerate(text):
        folded = fold(character)
        parts.append(folded)
        starts.extend([index] * len(folded))
    return "".join(parts), starts


def snippet(text: str, start: int, end: int, width: int = SNIPPET) -> str:
    """The words around ``text[start:end]`` on one line, cut with an ellipsis."""
    low, high = max(0, start - width), min(len(text), end + width)
    cut = " ".join(text[low:high].split())
    return ("…" if low else "") + cut + ("…" if high < len(text) else "")
