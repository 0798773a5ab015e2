"""Schema versions and the ordered steps that reach each one.

The version lives in ``PRAGMA user_version`` (SQLite) or the one-row table
``schema_version`` (PostgreSQL): the same numbers on both. Step ``n``
(1-based) brings a database from version ``n - 1`` to ``n``; steps are written
in plain SQL, with the few column types that differ between the engines left
as ``{moment}`` and the like (see :attr:`models.engine.Engine.ddl`), so they
keep meaning the same thing after the tables in :mod:`models.tables` change.
Each step and its new version number are one transaction on both engines.
Before migrating an existing file a copy is made beside it in ``backups/``. A
database from a newer app is refused, never touched.

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

from models import engine, search_index
from models.choices import DEFAULT_CATEGORIES, DEFAULT_ROOT_CAUSES
from models.errors import NewerDatabaseError

Step = Callable[[peewee.Database], None]


def _run(db: peewee.Database, statements: str | list[str]) -> None:
    """Run DDL written with the engine's column types left as ``{id}``, ``{moment}``,
    ``{bool}``, ``{false}``, ``{real}`` and ``{bytes}`` (see :attr:`models.engine.Engine.ddl`)."""
    types = engine.of(db).ddl
    for sql in [statements] if isinstance(statements, str) else statements:
        db.execute_sql(sql.format_map(types))


def _v1_initial_schema(db: peewee.Database) -> None:
    statements = [
        """CREATE TABLE customer (
            id {id},
            name TEXT NOT NULL,
            phone TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            address TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            phone_digits TEXT NOT NULL DEFAULT '',
            email_key TEXT NOT NULL DEFAULT '',
            search_key TEXT NOT NULL DEFAULT '',
            created_at {moment} NOT NULL)""",
        "CREATE INDEX customer_phone_digits ON customer (phone_digits)",
        "CREATE INDEX customer_email_key ON customer (email_key)",
        """CREATE TABLE category (
            id {id},
            name TEXT NOT NULL UNIQUE,
            position INTEGER NOT NULL DEFAULT 0,
            archived {bool} NOT NULL DEFAULT {false})""",
        """CREATE TABLE complaint (
            id {id},
            reference TEXT NOT NULL UNIQUE,
            year INTEGER NOT NULL,
            number INTEGER NOT NULL,
            received_at {moment} NOT NULL,
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
            closed_at {moment},
            created_at {moment} NOT NULL,
            updated_at {moment} NOT NULL)""",
        "CREATE UNIQUE INDEX complaint_year_number ON complaint (year, number)",
        "CREATE INDEX complaint_received_at ON complaint (received_at, id)",
        "CREATE INDEX complaint_status_received ON complaint (status, received_at, id)",
        "CREATE INDEX complaint_customer_id ON complaint (customer_id)",
        "CREATE INDEX complaint_category_id ON complaint (category_id)",
        """CREATE TABLE event (
            id {id},
            complaint_id INTEGER NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
            at {moment} NOT NULL,
            author TEXT NOT NULL DEFAULT '',
            kind TEXT NOT NULL,
            text TEXT NOT NULL DEFAULT '')""",
        "CREATE INDEX event_complaint_id ON event (complaint_id, at)",
        """CREATE TABLE draft (
            key TEXT PRIMARY KEY,
            data TEXT NOT NULL,
            saved_at {moment} NOT NULL)""",
        """CREATE TABLE setting (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL)""",
    ]
    _run(db, statements)
    engine.of(db).append_only_timeline(db, "")
    # Substring search over each complaint's words, kept up to date by models.search.
    search_index.of(db).create(db)
    for position, name in enumerate(DEFAULT_CATEGORIES):
        db.execute_sql("INSERT INTO category (name, position) VALUES (?, ?)", (name, position))


def _v2_guided_handling(db: peewee.Database) -> None:
    """The checklist, facts, fault finding, evidence, resolution and response time."""
    statements = [
        """CREATE TABLE checklist_tick (
            id {id},
            complaint_id INTEGER NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
            step_key TEXT NOT NULL,
            ticked_at {moment} NOT NULL,
            ticked_by TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '')""",
        "CREATE UNIQUE INDEX checklist_tick_step ON checklist_tick (complaint_id, step_key)",
        """CREATE TABLE attachment (
            id {id},
            complaint_id INTEGER NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
            stored_name TEXT NOT NULL,
            original_name TEXT NOT NULL,
            size INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            added_at {moment} NOT NULL,
            added_by TEXT NOT NULL DEFAULT '')""",
        "CREATE INDEX attachment_complaint_id ON attachment (complaint_id)",
        """CREATE TABLE agreed_action (
            id {id},
            complaint_id INTEGER NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
            who TEXT NOT NULL,
            what TEXT NOT NULL,
            due_on DATE NOT NULL,
            done_at {moment},
            created_at {moment} NOT NULL)""",
        "CREATE INDEX agreed_action_complaint_id ON agreed_action (complaint_id)",
        "ALTER TABLE complaint ADD COLUMN fault TEXT NOT NULL DEFAULT 'unknown'",
        "ALTER TABLE complaint ADD COLUMN fault_basis TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE complaint ADD COLUMN fault_at {moment}",
        "ALTER TABLE complaint ADD COLUMN options_offered TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE complaint ADD COLUMN agreed_solution TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE complaint ADD COLUMN first_contact {bool} NOT NULL DEFAULT {false}",
        "ALTER TABLE complaint ADD COLUMN first_response_at {moment}",
        # Until now the stage was chosen by hand; from here it follows the
        # checklist, which is empty for existing complaints.
        "UPDATE complaint SET stage = 'engage'",
    ]
    _run(db, statements)
    # The first thing done after logging counts as the first response.
    db.execute_sql(
        """UPDATE complaint SET first_response_at = (
               SELECT MIN(e.at) FROM event e
               WHERE e.complaint_id = complaint.id AND e.kind NOT IN ('created', 'edited'))"""
    )


def _v3_letters(db: peewee.Database) -> None:
    """Letters made for complaints: the exact text, the file and its hash."""
    _run(
        db,
        """CREATE TABLE letter (
            id {id},
            complaint_id INTEGER NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            made_at {moment} NOT NULL,
            made_by TEXT NOT NULL DEFAULT '',
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            file_name TEXT NOT NULL UNIQUE,
            sha256 TEXT NOT NULL,
            override_reason TEXT NOT NULL DEFAULT '')""",
    )
    db.execute_sql("CREATE INDEX letter_complaint_id ON letter (complaint_id, made_at)")


def _v4_follow_ups(db: peewee.Database) -> None:
    """Follow-ups: every promise made becomes a dated to-do until it is kept."""
    _run(
        db,
        """CREATE TABLE follow_up (
            id {id},
            complaint_id INTEGER NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            what TEXT NOT NULL,
            owner TEXT NOT NULL DEFAULT '',
            due_on DATE NOT NULL,
            status TEXT NOT NULL DEFAULT 'pending',
            outcome TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            done_at {moment},
            action_id INTEGER REFERENCES agreed_action (id) ON DELETE SET NULL,
            created_at {moment} NOT NULL)""",
    )
    db.execute_sql("CREATE INDEX follow_up_pending ON follow_up (status, due_on)")
    db.execute_sql("CREATE INDEX follow_up_complaint_id ON follow_up (complaint_id)")
    db.execute_sql("CREATE INDEX follow_up_action_id ON follow_up (action_id)")


def _v5_causes_and_lessons(db: peewee.Database) -> None:
    """Learning from the log: root causes (an editable list), lessons and redress."""
    _run(
        db,
        """CREATE TABLE root_cause (
            id {id},
            name TEXT NOT NULL UNIQUE,
            position INTEGER NOT NULL DEFAULT 0,
            archived {bool} NOT NULL DEFAULT {false})""",
    )
    for position, name in enumerate(DEFAULT_ROOT_CAUSES):
        db.execute_sql("INSERT INTO root_cause (name, position) VALUES (?, ?)", (name, position))
    for sql in (
        "ALTER TABLE complaint ADD COLUMN root_cause_id INTEGER "
        "REFERENCES root_cause (id) ON DELETE SET NULL",
        "ALTER TABLE complaint ADD COLUMN lesson TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE complaint ADD COLUMN redress TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE complaint ADD COLUMN redress_value {real}",
        "CREATE INDEX complaint_root_cause_id ON complaint (root_cause_id)",
        "CREATE INDEX complaint_category_received ON complaint (category_id, received_at)",
    ):
        _run(db, sql)


def _v6_privacy(db: peewee.Database) -> None:
    """Anonymising: erased customers, anonymised complaints, redacted timeline text.

    The timeline stays append-only, with one exception: an entry's text may be
    blanked once (``redacted``), and only once its complaint is anonymised.
    """
    _run(
        db,
        [
            "ALTER TABLE customer ADD COLUMN erased_at {moment}",
            "ALTER TABLE complaint ADD COLUMN anonymised_at {moment}",
            "ALTER TABLE event ADD COLUMN redacted {bool} NOT NULL DEFAULT {false}",
        ],
    )
    engine.of(db).append_only_timeline(
        db,
        """OLD.redacted = 0 AND NEW.redacted = 1 AND NEW.text = ''
                      AND NEW.id = OLD.id AND NEW.complaint_id = OLD.complaint_id
                      AND NEW.at IS OLD.at AND NEW.kind = OLD.kind
                      AND NEW.author = OLD.author
                      AND (SELECT anonymised_at FROM complaint
                           WHERE id = OLD.complaint_id) IS NOT NULL""",
    )
    # What the retention rule looks for: closed complaints not yet anonymised.
    db.execute_sql(
        "CREATE INDEX complaint_closed_at_kept ON complaint (closed_at) WHERE anonymised_at IS NULL"
    )


def _v7_mentions_and_search(db: peewee.Database) -> None:
    """Erasing a customer also removes mentions of them from other complaints.

    A timeline entry's text may now change in one more way: a mention of an
    erased customer replaced by ``[erased]``, counted in ``mentions_erased``.
    (The search index, which now holds every note, is rebuilt after the steps.)
    """
    db.execute_sql("ALTER TABLE event ADD COLUMN mentions_erased INTEGER NOT NULL DEFAULT 0")
    engine.of(db).append_only_timeline(
        db,
        """NEW.id = OLD.id AND NEW.complaint_id = OLD.complaint_id
                      AND NEW.at IS OLD.at AND NEW.kind = OLD.kind
                      AND NEW.author = OLD.author
                      AND ((OLD.redacted = 0 AND NEW.redacted = 1 AND NEW.text = ''
                            AND NEW.mentions_erased = OLD.mentions_erased
                            AND (SELECT anonymised_at FROM complaint
                                 WHERE id = OLD.complaint_id) IS NOT NULL)
                        OR (NEW.redacted = OLD.redacted
                            AND NEW.mentions_erased > OLD.mentions_erased
                            AND instr(NEW.text, '[erased]') > 0))""",
    )


def _v8_counters_share_the_log(db: peewee.Database) -> None:
    """Several counters on one log (a server): reference numbers from a counter
    per year, which two saving at once take in turn (see :mod:`models.references`),
    and a revision on each complaint and customer, so a save made from an older
    reading of them is noticed (see :mod:`models.edit_clash`)."""
    _run(
        db,
        [
            """CREATE TABLE reference_counter (
                year INTEGER PRIMARY KEY,
                last INTEGER NOT NULL DEFAULT 0)""",
            "INSERT INTO reference_counter (year, last) "
            "SELECT year, MAX(number) FROM complaint GROUP BY year",
            "ALTER TABLE complaint ADD COLUMN revision INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE customer ADD COLUMN revision INTEGER NOT NULL DEFAULT 0",
        ],
    )


def _v9_date_only_received(db: peewee.Database) -> None:
    """A complaint imported from a row giving only the day it was received: kept at
    midnight, and marked so it is never shown as received at 00:00."""
    _run(db, "ALTER TABLE complaint ADD COLUMN received_date_only {bool} NOT NULL DEFAULT {false}")


def _v14_closed_day_unknown(db: peewee.Database) -> None:
    """A complaint imported as closed from a row giving no date closed: kept as closed
    the day it was received, and marked so that the time it took is never counted.

    And an index of the timeline's entries saying a complaint was brought in from
    the shop's own log: insights look for one for each complaint (its first response
    counts from the import), which on a million complaints read twenty entries each
    through the index by complaint, 3 of the 4 seconds of a year's insights."""
    _run(db, "ALTER TABLE complaint ADD COLUMN closed_date_unknown {bool} NOT NULL DEFAULT {false}")
    db.execute_sql(
        "CREATE INDEX event_imported ON event (complaint_id, at) WHERE kind = 'imported'"
    )


def _v10_files_in_the_log(db: peewee.Database) -> None:
    """Attachments, letters and the logo kept in the log itself, for a log on a
    server that every counter reaches (see :mod:`models.file_store`). A data
    file keeps its files in the data folder as before: there the table stays
    empty, and nothing is moved."""
    _run(
        db,
        [
            """CREATE TABLE stored_file (
                id {id},
                kind TEXT NOT NULL,
                owner_id INTEGER NOT NULL DEFAULT 0,
                name TEXT NOT NULL,
                data {bytes} NOT NULL,
                size INTEGER NOT NULL,
                sha256 TEXT NOT NULL,
                created_at {moment} NOT NULL)""",
            "CREATE UNIQUE INDEX stored_file_key ON stored_file (kind, owner_id, name)",
        ],
    )


def _v11_indexes_for_a_large_log(db: peewee.Database) -> None:
    """Indexes a log of a million complaints needs (a server's).

    The insights count the satisfaction checks done in a period: an index of them
    (only them) by the day done, so that counting a year of them reads no other
    follow-up (such a log holds millions). On a server, a search for one or two
    letters finds the customers holding them: each customer's search key by the
    letters and pairs of letters in it (``search_key_pieces``), rather than every
    key read (a data file's few thousand customers are read in no time).
    """
    db.execute_sql(
        "CREATE INDEX follow_up_satisfaction_done ON follow_up (done_at, outcome) "
        "WHERE kind = 'satisfaction'"
    )
    if engine.of(db).kind == engine.SERVER.kind:
        db.execute_sql(
            """CREATE FUNCTION search_key_pieces(key TEXT) RETURNS TEXT[]
               LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                   SELECT array_agg(DISTINCT substr(key, start, size))
                   FROM generate_series(1, 2) AS size,
                        generate_series(1, length(key) - size + 1) AS start
               $$"""
        )
        db.execute_sql(
            "CREATE INDEX customer_search_key_pieces ON customer "
            "USING gin (search_key_pieces(search_key))"
        )


def _v12_several_redresses(db: peewee.Database) -> None:
    """More than one thing given to put a complaint right (a replacement and a
    refund of the postage): a row each in ``redress``, in the order recorded,
    rather than one kind and one value on the complaint. Each complaint's redress
    moves there as its first row."""
    _run(
        db,
        [
            """CREATE TABLE redress (
                id {id},
                complaint_id INTEGER NOT NULL REFERENCES complaint (id) ON DELETE CASCADE,
                position INTEGER NOT NULL DEFAULT 0,
                kind TEXT NOT NULL,
                value {real})""",
            "CREATE INDEX redress_complaint_id_position ON redress (complaint_id, position)",
            "INSERT INTO redress (complaint_id, position, kind, value) "
            "SELECT id, 0, redress, redress_value FROM complaint "
            "WHERE redress <> '' OR redress_value IS NOT NULL",
            "ALTER TABLE complaint DROP COLUMN redress",
            "ALTER TABLE complaint DROP COLUMN redress_value",
        ],
    )


def _v13_phone_numbers_matched_as_one(db: peewee.Database) -> None:
    """ "+44 7700 900123" and "07700 900123" are one number (see :mod:`models.phones`):
    each customer's phone key, and the words they are suggested by, are worked out
    again by the newest code (they are derived from the phone, as the search index
    is from the complaints)."""
    from models.customers import CustomerDetails, derived_keys

    rows = db.execute_sql(
        "SELECT id, name, phone, email FROM customer WHERE phone <> '' ORDER BY id"
    ).fetchall()
    changed = []
    for customer_id, name, phone, email in rows:
        keys = derived_keys(CustomerDetails(name=name, phone=phone, email=email))
        changed.append((keys["phone_digits"], keys["search_key"], customer_id))
    sql = "UPDATE customer SET phone_digits = ?, search_key = ? WHERE id = ?"
    for start in range(0, len(changed), 1_000):
        engine.of(db).execute_many(sql, changed[start : start + 1_000])


STEPS: tuple[Step, ...] = (
    _v1_initial_schema,
    _v2_guided_handling,
    _v3_letters,
    _v4_follow_ups,
    _v5_causes_and_lessons,
    _v6_privacy,
    _v7_mentions_and_search,
    _v8_counters_share_the_log,
    _v9_date_only_received,
    _v10_files_in_the_log,
    _v11_indexes_for_a_large_log,
    _v12_several_redresses,
    _v13_phone_numbers_matched_as_one,
    _v14_closed_day_unknown,
)

LATEST_VERSION = len(STEPS)
# Steps after which the search index is rebuilt (it holds more, or other, words).
# 12: notes on follow-ups done are searched too; 13: what a progress call told them.
REINDEX_AFTER = frozenset({7, 12, 13})


def schema_version(db: peewee.Database) -> int:
    """The schema's version: SQLite's ``user_version``, a small table on a server."""
    return engine.of(db).schema_version(db)


def backup_copy(db: peewee.Database, destination: Path, *, final: bool = True) -> Path:
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


def migrate(db: peewee.Database) -> int:
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
    on_file = engine.of(db).kind == engine.SQLITE.kind
    if version > 0 and on_file and db.database not in ("", ":memory:"):
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        path = Path(db.database)
        backup_copy(db, path.parent / "backups" / f"{path.stem}-v{version}-{stamp}.sqlite3")
    for number in range(version + 1, LATEST_VERSION + 1):
        with db.atomic("IMMEDIATE"):
            STEPS[number - 1](db)
            if number == LATEST_VERSION and REINDEX_AFTER & set(range(version + 1, number + 1)):
                _reindex(db)
            engine.of(db).set_schema_version(db, number)
    return version


def _reindex(db: peewee.Database) -> None:
    """Rebuild the search index with the newest code (``db`` is the open database)."""
    from models import search
    from models.db import database

    assert database.obj is db, "migrate the database the app has open"
    search.reindex_everything()
