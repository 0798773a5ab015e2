"""What a data file holds, in brief: whether anything was saved since a backup
was made, and how many complaints a file held when the app last used it.

A backup must hold the day's work, but a backup made when nothing changed only
pushes an older day out of the ones kept. So the open file and the newest
backup are compared by a digest of what they hold: every table's row count and
highest row id, and the whole content of the small tables (settings, drafts,
pick lists, and every table of a small log). Every change to a complaint or a
customer adds a timeline entry, so the large tables are followed by their
counts. What the window keeps of itself (its size and place on the screen) is
left out: closing the window is not work.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

# Settings that are not the shop's data: the window's size and place, the folders
# its file dialogs last used.
WINDOW_STATE = ("window_geometry", "last_folders")
SMALL_TABLE = 2000  # rows: up to this many, a table is read whole


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name"
    )
    return [str(row[0]) for row in rows]


def _table_digest(conn: sqlite3.Connection, name: str, digest: hashlib._Hash) -> None:
    table = _quoted(name)
    count = int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    if count <= SMALL_TABLE:
        rows = conn.execute(f"SELECT * FROM {table}").fetchall()
        if name == "setting":
            rows = [row for row in rows if row[0] not in WINDOW_STATE]
        digest.update(f"{name}:{len(rows)};".encode())
        for text in sorted(repr(tuple(row)) for row in rows):
            digest.update(text.encode("utf-8", "surrogatepass"))
        return
    digest.update(f"{name}:{count};".encode())
    try:
        highest = conn.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0]
    except sqlite3.OperationalError:  # a table without row ids: its count is all there is
        highest = None
    digest.update(f"{highest};".encode())


def digest_of(conn: sqlite3.Connection) -> str:
    """A digest of what the database open on ``conn`` holds (see the module)."""
    digest = hashlib.sha256()
    digest.update(str(conn.execute("PRAGMA user_version").fetchone()[0]).encode())
    for name in _tables(conn):
        _table_digest(conn, name, digest)
    return digest.hexdigest()


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)


def digest_of_file(path: Path) -> str | None:
    """:func:`digest_of` the file at ``path`` (a backup), or None when it cannot be read."""
    try:
        conn = _read_only(path)
        try:
            return digest_of(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def complaints_held(path: Path) -> int | None:
    """How many complaints the data file at ``path`` holds, read without changing
    it (a log beside it is not folded in), or None when it cannot be read."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?immutable=1", uri=True)
        try:
            return int(conn.execute("SELECT count(*) FROM complaint").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def far_fewer(count: int, before: int | None) -> bool:
    """True when ``count`` complaints is far fewer than ``before`` (none, or half or
    less): putting it in place would lose most of the log."""
    return before is not None and count < before and (count == 0 or count * 2 <= before)
