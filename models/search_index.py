"""Where search-as-you-type looks: one row per complaint holding its folded words.

Two kinds, one interface, chosen with the database (see :func:`current`):

- SQLite: an FTS5 table with the trigram tokenizer, so any substring of three
  characters or more is found through the index.
- PostgreSQL: a plain table with a ``pg_trgm`` GIN index on the words, which
  PostgreSQL uses for ``LIKE '%words%'``: the same substring match, through an
  index, with no other tokenizing to get used to.

On both, a term of one or two characters has no trigram to look up, but beside
longer ones it is tested on the rows the index finds, so that a count through
the index counts whole queries.

The words are folded (:func:`models.text.fold`) before they are written and
the typed terms before they are looked for, so both match the same complaints.
:mod:`models.search` decides what is written and how a typed query is read.
"""

from __future__ import annotations

from collections.abc import Sequence

import peewee

from models.db import database

# The shortest term the index looks up (a trigram); shorter ones are tested on
# the rows it finds.
LOOKED_UP = 3


def _escape_like(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def row_test(row: str, column: str, count: int) -> str:
    """SQL true when ``column`` of the one row that ``row`` (``table WHERE ...`` on
    complaint ``c``) finds holds every one of ``count`` LIKE patterns, given as
    parameters in that order.

    One subquery for all the patterns, tested on each complaint as the list is
    read in its order: the database stops once a page is full. Written as one
    test, PostgreSQL takes it for one that many complaints pass, as it is when
    it is used, and walks the list; a comparison per pattern it would take for
    a rare one, and sort the whole log before giving the first page.
    """
    likes = " AND ".join(f"{column} LIKE ? ESCAPE '\\'" for _ in range(count))
    return f"(SELECT {likes} FROM {row})"


class SqliteIndex:
    """FTS5 (trigram): the complaint's id is the row's ``rowid``."""

    # The row holding the words of complaint ``c``.
    ROW = "complaint_search WHERE rowid = c.id"

    def create(self, db: peewee.Database) -> None:
        db.execute_sql(
            "CREATE VIRTUAL TABLE complaint_search USING fts5(body, tokenize = 'trigram')"
        )

    def drop(self, db: peewee.Database) -> None:
        db.execute_sql("DROP TABLE complaint_search")

    def delete(self, ids: Sequence[int]) -> None:
        database.execute_sql(
            f"DELETE FROM complaint_search WHERE rowid IN ({','.join('?' * len(ids))})", list(ids)
        )

    def insert(self, rows: Sequence[tuple[int, str]]) -> None:
        database.obj.connection().executemany(
            "INSERT INTO complaint_search (rowid, body) VALUES (?, ?)", rows
        )

    def matching(self, terms: Sequence[str], limit: int) -> list[int]:
        """Ids of complaints whose words hold every one of ``terms`` (folded; at
        least one of three characters or more), at most ``limit``. The index looks
        up those of three or more; the others are tested on the rows it finds."""
        found = [term for term in terms if len(term) >= LOOKED_UP]
        tested = [term for term in terms if len(term) < LOOKED_UP]
        match = " AND ".join('"' + term.replace('"', '""') + '"' for term in found)
        likes = "".join(" AND body LIKE ? ESCAPE '\\'" for _ in tested)
        rows = database.execute_sql(
            f"SELECT rowid FROM complaint_search WHERE complaint_search MATCH ?{likes}"
            f" LIMIT {int(limit)}",
            (match, *(f"%{_escape_like(term)}%" for term in tested)),
        )
        return [row[0] for row in rows]

    def row_test(self, count: int) -> str:
        """SQL true when complaint ``c``'s words match every one of ``count`` LIKE
        patterns, given as parameters in that order."""
        return row_test(self.ROW, "body", count)

    def customers_holding(self, term: str, limit: int) -> list[int]:
        """Ids of customers whose name, phone or email (their folded search key)
        holds ``term``, a term of one or two characters, at most ``limit``."""
        rows = database.execute_sql(
            f"SELECT id FROM customer WHERE search_key LIKE ? ESCAPE '\\' LIMIT {int(limit)}",
            (f"%{_escape_like(term)}%",),
        )
        return [row[0] for row in rows]

    def optimize(self) -> None:
        """Merge the index's pieces, so removed words do not linger in old ones."""
        database.execute_sql("INSERT INTO complaint_search (complaint_search) VALUES ('optimize')")


class ServerIndex(SqliteIndex):
    """pg_trgm: a table keyed by the complaint's id, with a trigram index."""

    ROW = "complaint_search WHERE complaint_id = c.id"

    def create(self, db: peewee.Database) -> None:
        # pg_trgm is a trusted extension: the owner of the database may add it.
        db.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        db.execute_sql(
            "CREATE TABLE complaint_search (complaint_id INTEGER PRIMARY KEY, body TEXT NOT NULL)"
        )
        db.execute_sql(
            "CREATE INDEX complaint_search_body ON complaint_search USING gin (body gin_trgm_ops)"
        )

    def delete(self, ids: Sequence[int]) -> None:
        database.execute_sql(
            f"DELETE FROM complaint_search WHERE complaint_id IN ({','.join('?' * len(ids))})",
            list(ids),
        )

    def insert(self, rows: Sequence[tuple[int, str]]) -> None:
        database.obj.execute_many(
            "INSERT INTO complaint_search (complaint_id, body) VALUES (?, ?)", list(rows)
        )

    def matching(self, terms: Sequence[str], limit: int) -> list[int]:
        # pg_trgm looks up the trigrams of the long terms, and tests every term on
        # the rows it finds (PostgreSQL 13 and later never scan the whole index for
        # a short term beside a long one; before, it takes longer but finds the same).
        likes = " AND ".join("body LIKE ? ESCAPE '\\'" for _ in terms)
        rows = database.execute_sql(
            f"SELECT complaint_id FROM complaint_search WHERE {likes} LIMIT {int(limit)}",
            [f"%{_escape_like(term)}%" for term in terms],
        )
        return [row[0] for row in rows]

    def customers_holding(self, term: str, limit: int) -> list[int]:
        # From the index of each key's letters and pairs of letters (schema 11): a
        # key holds a term of one or two characters exactly when it is one of them.
        rows = database.execute_sql(
            "SELECT id FROM customer WHERE search_key_pieces(search_key) @> ARRAY[CAST(? AS TEXT)]"
            f" LIMIT {int(limit)}",
            (term,),
        )
        return [row[0] for row in rows]

    def optimize(self) -> None:
        # Removed rows stay in the table's files until VACUUM, which PostgreSQL's
        # autovacuum runs on its own; nothing to merge.
        return None


SQLITE_INDEX = SqliteIndex()
SERVER_INDEX = ServerIndex()


def current() -> SqliteIndex:
    """The index of the database open now."""
    from models import engine

    return SERVER_INDEX if engine.current().kind == engine.SERVER.kind else SQLITE_INDEX


def of(db: peewee.Database) -> SqliteIndex:
    from models import engine

    return SERVER_INDEX if engine.of(db).kind == engine.SERVER.kind else SQLITE_INDEX
