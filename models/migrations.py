"""Schema versions and the ordered steps that reach each one.

The version lives in ``PRAGMA user_version``. Step ``n`` (1-based) brings a
database from version ``n - 1`` to ``n``; steps are written in plain SQL so
they keep meaning the same thing after the tables in :mod:`models.tables`
change. Before migrating an existing file a copy is made beside it in
``backups/``. A file from a newer app is refused, never touched.

Every new step comes with ``tests/fixtures/schema-vN.sqlite3``, a data file
made by the new schema, so later versions are tested against it.

The search index is derived from the tables: a step that changes what it
holds is listed in :data:`REINDEX_AFTER`, and the whole index is rebuilt once,
by the newest code, after the last step has run.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

import peewee

from models.choices import DEFAULT_CATEGORIES, DEFAULT_ROOT_CAUSES
from models.errors import NewerDatabaseError

Step = Callable[[peewee.SqliteDatabase], None]


def _v1_initial_schema(db: peewee.SqliteDatabase) -> None:
    statements = [
        """CREATE TABLE customer (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            phone TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            phone_digits TEXT NOT NULL DEFAULT '',
            email_key TEXT NOT NULL DEFAULT '',
            search_key TEXT NOT NULL DEFAULT '',
            created_at DATETIME NOT NULL)""",
        "CREATE INDEX customer_phone_digits ON customer (phone_digits)",
        "CREATE INDEX customer_email_key ON customer (email_key)",
        """CREATE TABLE category (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            position INTEGER NOT NULL DEFAULT 0,
            archived INTEGER NOT NULL DEFAULT 0)""",
        """CREATE TABLE complaint (
            id INTEGER PRIMARY KEY,
            reference TEXT NOT NULL UNIQUE,
            year INTEGER NOT NULL,
            number INTEGER NOT NULL,
            received_at DATETIME NOT NULL,
            channel TEXT NOT NULL DEFAULT 'counter',
            category_id INTEGER REFERENCES category (id) ON DELETE SET NULL,
            customer_id INTEGER NOT NULL REFERENCES customer (id) ON DELETE RESTRICT,
            product TEXT NOT NULL DEFAULT '',
            account TEXT NOT NULL,
            remedy_sought TEXT NOT NULL DEFAULT '',
            upset INTEGER NOT NULL DEFAULT 2,
            handler TEXT NOT NULL DEFAULT '',
            stage TEXT NOT NULL DEFAULT 'engage',
            status TEXT NOT NULL DEFAULT 'open',
            closed_at DATETIME,
            created_at DATETIME NOT NULL,
            updated_at DATETIME NOT NULL)""",
        "CREATE UNIQUE INDEX complaint_year_number ON complaint (year, number)",
        "CREATE INDEX complaint_received_at ON complaint (received_at, id)",
        "CREATE INDEX complaint_status_received ON complaint (status, received_at, id)",
        "CREATE INDEX complaint_customer_id ON complaint (customer_id)",
        "CREATE INDEX complaint_category_id ON complaint (category_id)",
        """CREATE TABLE event (
            id INTEGER PRIMARY KEY,
            complaint_id INTEGER NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
            at DATETIME NOT NULL,
            author TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL,
            text TEXT NOT NULL DEFAULT '')""",
        "CREATE INDEX event_complaint_id ON event (complaint_id, at)",
        """CREATE TRIGGER event_append_only BEFORE UPDATE ON event
            BEGIN SELECT RAISE(ABORT, 'timeline events cannot be changed'); END""",
        """CREATE TABLE draft (
            key TEXT PRIMARY KEY,
            data TEXT NOT NULL,
            saved_at DATETIME NOT NULL)""",
        """CREATE TABLE setting (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL)""",
        # Substring search over each complaint's words (rowid = complaint.id),
        # kept up to date by models.search.
        "CREATE VIRTUAL TABLE complaint_search USING fts5(body, tokenize = 'trigram')",
    ]
    for sql in statements:
        db.execute_sql(sql)
    for position, name in enumerate(DEFAULT_CATEGORIES):
        db.execute_sql(
            "INSERT INTO category (name, position, archived) VALUES (?, ?, 0)", (name, position)
        )


def _v2_guided_handling(db: peewee.SqliteDatabase) -> None:
    """The checklist, facts, fault finding, evidence, resolution and response time."""
    statements = [
        """CREATE TABLE checklist_tick (
            id INTEGER PRIMARY KEY,
            complaint_id INTEGER NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
            step_key TEXT NOT NULL,
            ticked_at DATETIME NOT NULL,
            ticked_by TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '')""",
        "CREATE UNIQUE INDEX checklist_tick_step ON checklist_tick (complaint_id, step_key)",
        """CREATE TABLE attachment (
            id INTEGER PRIMARY KEY,
            complaint_id INTEGER NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
            stored_name TEXT NOT NULL,
            original_name TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            added_at DATETIME NOT NULL,
            added_by TEXT NOT NULL DEFAULT '')""",
        "CREATE INDEX attachment_complaint_id ON attachment (complaint_id)",
        """CREATE TABLE agreed_action (
            id INTEGER PRIMARY KEY,
            complaint_id INTEGER NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
            who TEXT NOT NULL,
            what TEXT NOT NULL,
            due_on DATE NOT NULL,
            done_at DATETIME,
            created_at DATETIME NOT NULL)""",
        "CREATE INDEX agreed_action_complaint_id ON agreed_action (complaint_id)",
        "ALTER TABLE complaint ADD COLUMN fault TEXT NOT NULL DEFAULT 'unknown'",
        "ALTER TABLE complaint ADD COLUMN fault_basis TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE complaint ADD COLUMN fault_at DATETIME",
        "ALTER TABLE complaint ADD COLUMN options_offered TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE complaint ADD COLUMN agreed_solution TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE complaint ADD COLUMN first_contact INTEGER NOT NULL DEFAULT 0",
        "ALTER TABLE complaint ADD COLUMN first_response_at DATETIME",
        # Until now the stage was chosen by hand; from here it follows the
        # checklist, which is empty for existing complaints.
        "UPDATE complaint SET stage = 'engage'",
    ]
    for sql in statements:
        db.execute_sql(sql)
    # The first thing done after logging counts as the first response.
    db.execute_sql(
        """UPDATE complaint SET first_response_at = (
               SELECT MIN(e.at) FROM event e
               WHERE e.complaint_id = complaint.id AND e.kind NOT IN ('created', 'edited'))"""
    )


def _v3_letters(db: peewee.SqliteDatabase) -> None:
    """Letters made for complaints: the exact text, the file and its hash."""
    db.execute_sql(
        """CREATE TABLE letter (
            id INTEGER PRIMARY KEY,
            complaint_id INTEGER NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            made_at DATETIME NOT NULL,
            made_by TEXT NOT NULL DEFAULT '',
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            file_name TEXT NOT NULL UNIQUE,
            sha256 TEXT NOT NULL,
            override_reason TEXT NOT NULL DEFAULT '')"""
    )
    db.execute_sql("CREATE INDEX letter_complaint_id ON letter (complaint_id, made_at)")


def _v4_follow_ups(db: peewee.SqliteDatabase) -> None:
    """Follow-ups: every promise made becomes a dated to-do until it is kept."""
    db.execute_sql(
        """CREATE TABLE follow_up (
            id INTEGER PRIMARY KEY,
            complaint_id INTEGER NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            what TEXT NOT NULL,
            owner TEXT NOT NULL DEFAULT '',
            due_on DATE NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending',
            outcome TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            done_at DATETIME,
            action_id INTEGER REFERENCES agreed_action (id) ON DELETE SET NULL,
            created_at DATETIME NOT NULL)"""
    )
    db.execute_sql("CREATE INDEX follow_up_pending ON follow_up (status, due_on)")
    db.execute_sql("CREATE INDEX follow_up_complaint_id ON follow_up (complaint_id)")
    db.execute_sql("CREATE INDEX follow_up_action_id ON follow_up (action_id)")


def _v5_causes_and_lessons(db: peewee.SqliteDatabase) -> None:
    """Learning from the log: root causes (an editable list), lessons and redress."""
    db.execute_sql(
        """CREATE TABLE root_cause (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            position INTEGER NOT NULL DEFAULT 0,
            archived INTEGER NOT NULL DEFAULT 0)"""
    )
    for position, name in enumerate(DEFAULT_ROOT_CAUSES):
        db.execute_sql(
            "INSERT INTO root_cause (name, position, archived) VALUES (?, ?, 0)", (name, position)
        )
    for sql in (
        "ALTER TABLE complaint ADD COLUMN root_cause_id INTEGER "
        "REFERENCES root_cause (id) ON DELETE SET NULL",
        "ALTER TABLE complaint ADD COLUMN lesson TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE complaint ADD COLUMN redress TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE complaint ADD COLUMN redress_value REAL",
        "CREATE INDEX complaint_root_cause_id ON complaint (root_cause_id)",
        "CREATE INDEX complaint_category_received ON complaint (category_id, received_at)",
    ):
        db.execute_sql(sql)


def _v6_privacy(db: peewee.SqliteDatabase) -> None:
    """Anonymising: erased customers, anonymised complaints, redacted timeline text.

    The timeline stays append-only, with one exception: an entry's text may be
    blanked once (``redacted``), and only once its complaint is anonymised.
    """
    for sql in (
        "ALTER TABLE customer ADD COLUMN erased_at DATETIME",
        "ALTER TABLE complaint ADD COLUMN anonymised_at DATETIME",
        "ALTER TABLE event ADD COLUMN redacted INTEGER NOT NULL DEFAULT 0",
        "DROP TRIGGER event_append_only",
        """CREATE TRIGGER event_append_only BEFORE UPDATE ON event
            WHEN NOT (OLD.redacted = 0 AND NEW.redacted = 1 AND NEW.text = ''
                      AND NEW.id = OLD.id AND NEW.complaint_id = OLD.complaint_id
                      AND NEW.at IS OLD.at AND NEW.kind = OLD.kind
                      AND NEW.author = OLD.author
                      AND (SELECT anonymised_at FROM complaint
                           WHERE id = OLD.complaint_id) IS NOT NULL)
            BEGIN SELECT RAISE(ABORT, 'timeline events cannot be changed'); END""",
        # What the retention rule looks for: closed complaints not yet anonymised.
        "CREATE INDEX complaint_closed_at_kept ON complaint (closed_at) "
        "WHERE anonymised_at IS NULL",
    ):
        db.execute_sql(sql)


def _v7_mentions_and_search(db: peewee.SqliteDatabase) -> None:
    """Erasing a customer also removes mentions of them from other complaints.

    A timeline entry's text may now change in one more way: a mention of an
    erased customer replaced by ``[erased]``, counted in ``mentions_erased``.
    (The search index, which now holds every note, is rebuilt after the steps.)
    """
    for sql in (
        "ALTER TABLE event ADD COLUMN mentions_erased INTEGER NOT NULL DEFAULT 0",
        "DROP TRIGGER event_append_only",
        """CREATE TRIGGER event_append_only BEFORE UPDATE ON event
            WHEN NOT (NEW.id = OLD.id AND NEW.complaint_id = OLD.complaint_id
                      AND NEW.at IS OLD.at AND NEW.kind = OLD.kind
                      AND NEW.author = OLD.author
                      AND ((OLD.redacted = 0 AND NEW.redacted = 1 AND NEW.text = ''
                            AND NEW.mentions_erased = OLD.mentions_erased
                            AND (SELECT anonymised_at FROM complaint
                                 WHERE id = OLD.complaint_id) IS NOT NULL)
                        OR (NEW.redacted = OLD.redacted
                            AND NEW.mentions_erased > OLD.mentions_erased
                            AND instr(NEW.text, '[erased]') > 0)))
            BEGIN SELECT RAISE(ABORT, 'timeline events cannot be changed'); END""",
    ):
        db.execute_sql(sql)


STEPS: tuple[Step, ...] = (
    _v1_initial_schema,
    _v2_guided_handling,
    _v3_letters,
    _v4_follow_ups,
    _v5_causes_and_lessons,
    _v6_privacy,
    _v7_mentions_and_search,
)

LATEST_VERSION = len(STEPS)
# Steps after which the search index is rebuilt (it holds more, or other, words).
REINDEX_AFTER = frozenset({7})


def schema_version(db: peewee.SqliteDatabase) -> int:
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def backup_copy(db: peewee.SqliteDatabase, destination: Path, *, final: bool = True) -> Path:
    """Copy the live database to ``destination`` with SQLite's online backup: into
    a temporary file, renamed to ``destination`` only once complete (unless
    ``final`` is False: then the temporary file is returned, for the caller to
    check and rename). A copy cut short never sits under the final name."""
    from models.partial_files import partial_path, remove_partial

    destination.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = partial_path(destination)
    remove_partial(partial)
    source = db.connection()
    try:
        target = sqlite3.connect(str(partial))
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
        finally:
            target.close()
        if final:
            partial.replace(destination)
            return destination
        return partial
    except BaseException:
        remove_partial(partial)
        raise


def migrate(db: peewee.SqliteDatabase) -> int:
    """Bring ``db`` to :data:`LATEST_VERSION`; return the version it had before."""
    version = schema_version(db)
    if version > LATEST_VERSION:
        raise NewerDatabaseError(
            f"This data file was written by a newer version of Complaint Desk "
            f"(schema {version}; this version knows up to {LATEST_VERSION}). "
            "Install the newer version to open it."
        )
    if version == LATEST_VERSION:
        return version
    if version > 0 and db.database not in ("", ":memory:"):
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = Path(db.database)
        backup_copy(db, path.parent / "backups" / f"{path.stem}-v{version}-{stamp}.sqlite3")
    for number in range(version + 1, LATEST_VERSION + 1):
        with db.atomic("IMMEDIATE"):
            STEPS[number - 1](db)
            if number == LATEST_VERSION and REINDEX_AFTER & set(range(version + 1, number + 1)):
                _reindex(db)
            db.execute_sql(f"PRAGMA user_version = {number}")
    return version


def _reindex(db: peewee.SqliteDatabase) -> None:
    """Rebuild the search index with the newest code (``db`` is the open database)."""
    from models import search
    from models.db import database

    assert database.obj is db, "migrate the database the app has open"
    search.reindex_everything()
