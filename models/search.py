"""The search behind search-as-you-type.

Each complaint has one row in the ``complaint_search`` FTS5 table (trigram
tokenizer, so any substring of three or more characters is found through the
index) holding its reference, customer name, phone, email, product and words,
folded so that ``zoe`` finds ``Zoë``. Typed alone, one or two characters say
too little about the words, so they match the customer's name, phone or email;
beside a longer word they narrow within everything.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from models.db import database
from models.text import clean, digits, fold

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
) -> str:
    parts = [reference, customer_name, phone, digits(phone), email, product, account, remedy]
    return fold("\n".join(part for part in parts if part))


def index_rows(rows: Iterable[tuple[int, str]]) -> None:
    """Write (complaint id, body) rows into the index, replacing older ones."""
    rows = list(rows)
    if not rows:
        return
    database.execute_sql(
        f"DELETE FROM complaint_search WHERE rowid IN ({','.join('?' * len(rows))})",
        [row[0] for row in rows],
    )
    database.obj.connection().executemany(
        "INSERT INTO complaint_search (rowid, body) VALUES (?, ?)", rows
    )


def reindex_complaints(complaint_ids: Sequence[int]) -> None:
    """Rebuild the index rows of these complaints from the tables."""
    if not complaint_ids:
        return
    placeholders = ",".join("?" * len(complaint_ids))
    cursor = database.execute_sql(
        f"""SELECT c.id, c.reference, cu.name, cu.phone, cu.email, c.product,
                   c.account, c.remedy_sought
            FROM complaint c JOIN customer cu ON cu.id = c.customer_id
            WHERE c.id IN ({placeholders})""",
        list(complaint_ids),
    )
    index_rows((row[0], search_body(*row[1:])) for row in cursor.fetchall())


@dataclass(frozen=True)
class SearchFilter:
    """SQL that keeps only complaints matching every term of a typed query."""

    sql: str
    params: tuple[object, ...]


def quote_fts(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# How each kind of term finds complaints: the ids it matches, and the same
# test made for one complaint row ``c``.
_TEXT_IDS = "SELECT rowid FROM complaint_search WHERE complaint_search MATCH ?"
_CUSTOMER_IDS = "SELECT id FROM customer WHERE search_key LIKE ? ESCAPE '\\'"
_CUSTOMER_ROW = (
    "(SELECT search_key FROM customer WHERE customer.id = c.customer_id) LIKE ? ESCAPE '\\'"
)
_BODY_ROW = "(SELECT body FROM complaint_search WHERE rowid = c.id) LIKE ? ESCAPE '\\'"


def search_filter(query: str) -> SearchFilter | None:
    """A condition on complaint ``c`` for the typed ``query``, or None when blank.

    Each test's matches are counted up to :data:`LARGE_MATCH`. The ids of a
    test with few matches are written into the SQL as numbers, so SQLite
    starts from them. A test with many is made row by row instead (the same
    substring match, with LIKE on the folded words), which is faster because
    a page of the list fills long before the end of the log.
    """
    terms = [term for term in fold(clean(query)).split() if term]
    if not terms:
        return None
    long_terms = [term for term in terms if len(term) >= 3]
    likes = [f"%{escape_like(term)}%" for term in terms]
    clauses: list[str] = []
    params: list[object] = []
    if long_terms:
        match = " AND ".join(quote_fts(term) for term in long_terms)
        ids = _ids(_TEXT_IDS, match)
        if ids is not None:
            clauses.append(f"c.id IN ({ids})")
            # Beside a longer word, a short one narrows within all the words.
            likes = [f"%{escape_like(term)}%" for term in terms if len(term) < 3]
        clauses.extend(_BODY_ROW for _ in likes)
        params.extend(likes)
        return SearchFilter(" AND ".join(clauses), tuple(params))
    # Only short terms: they match the customer's name, phone or email.
    for like in likes:
        ids = _ids(_CUSTOMER_IDS, like)
        if ids is not None:
            clauses.insert(0, f"c.customer_id IN ({ids})")
        else:
            clauses.append(_CUSTOMER_ROW)
            params.append(like)
    return SearchFilter(" AND ".join(clauses), tuple(params))


def _ids(sql: str, param: object) -> str | None:
    """The ids ``sql`` finds as a comma-separated list, or None when there are many."""
    found = [row[0] for row in database.execute_sql(f"{sql} LIMIT {LARGE_MATCH}", (param,))]
    if len(found) >= LARGE_MATCH:
        return None
    return ",".join(str(int(i)) for i in found) or "NULL"
