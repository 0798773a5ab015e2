"""The data file: pragmas, schema versions, migrations, drafts, settings."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.paths import prepare_data_dir
from desktop.startup import open_data
from models import drafts, engine, migrations, settings
from models.db import close_database, database, open_database
from models.errors import NewerDatabaseError, StorageError


def test_a_new_log_gets_the_latest_schema(db: Path) -> None:
    assert migrations.schema_version(database.obj) == migrations.LATEST_VERSION


@pytest.mark.sqlite_only
def test_a_new_file_gets_the_latest_schema_and_pragmas(db: Path) -> None:
    assert migrations.schema_version(database.obj) == migrations.LATEST_VERSION
    pragma = lambda name: database.execute_sql(f"PRAGMA {name}").fetchone()[0]  # noqa: E731
    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") == 5000


def test_a_log_from_a_newer_app_is_refused_and_left_alone(db: Path) -> None:
    newer = migrations.LATEST_VERSION + 1
    engine.current().set_schema_version(database.obj, newer)
    close_database()
    with pytest.raises(NewerDatabaseError, match="newer version"):
        open_data(db.parent)
    # Nothing was run on it: it still says the newer version.
    refused = database.obj
    refused.connect(reuse_if_open=True)
    try:
        assert migrations.schema_version(refused) == newer
    finally:
        refused.close()


@pytest.mark.sqlite_only
def test_a_file_from_a_newer_app_is_refused_and_left_alone(db: Path) -> None:
    database.execute_sql(f"PRAGMA user_version = {migrations.LATEST_VERSION + 1}")
    close_database()
    before = db.read_bytes()
    with pytest.raises(NewerDatabaseError, match="newer version"):
        open_database(db)
    assert db.read_bytes() == before


def test_new_steps_run_in_order_once_and_a_failed_one_changes_nothing(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    close_database()
    ran: list[str] = []
    latest = migrations.LATEST_VERSION

    def nickname(conn) -> None:
        conn.execute_sql("ALTER TABLE customer ADD COLUMN nickname TEXT NOT NULL DEFAULT ''")
        ran.append("nickname")

    def broken(conn) -> None:
        conn.execute_sql("ALTER TABLE customer ADD COLUMN title TEXT NOT NULL DEFAULT ''")
        ran.append("broken")
        raise RuntimeError("a step that fails half way")

    monkeypatch.setattr(migrations, "STEPS", (*migrations.STEPS, nickname, broken))
    monkeypatch.setattr(migrations, "LATEST_VERSION", latest + 2)
    with pytest.raises(RuntimeError, match="half way"):
        open_data(db.parent)
    assert ran == ["nickname", "broken"]
    monkeypatch.setattr(migrations, "STEPS", (*migrations.STEPS[:-1],))
    monkeypatch.setattr(migrations, "LATEST_VERSION", latest + 1)
    open_data(db.parent)
    # The step that failed left nothing behind; the one before it is not run again.
    assert ran == ["nickname", "broken"]
    assert migrations.schema_version(database.obj) == latest + 1
    columns = {column.name for column in database.obj.get_columns("customer")}
    assert "nickname" in columns and "title" not in columns


@pytest.mark.sqlite_only
def test_a_migration_backs_up_the_file_first_then_runs_in_order(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    close_database()
    ran: list[int] = []

    def step_two(conn) -> None:
        conn.execute_sql("ALTER TABLE customer ADD COLUMN nickname TEXT NOT NULL DEFAULT ''")
        ran.append(2)

    latest = migrations.LATEST_VERSION
    monkeypatch.setattr(migrations, "STEPS", (*migrations.STEPS, step_two))
    monkeypatch.setattr(migrations, "LATEST_VERSION", latest + 1)
    open_database(db)
    assert ran == [2]
    assert migrations.schema_version(database.obj) == latest + 1
    backups = list((db.parent / "backups").glob("*.sqlite3"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as old:
        assert old.execute("PRAGMA user_version").fetchone()[0] == latest
    close_database()
    # Opening again runs nothing more.
    open_database(db)
    assert ran == [2]


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "complaints.sqlite3"
    bad.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StorageError, match="damaged or is not a Complaint Desk database"):
        open_database(bad)
    assert bad.read_bytes() == b"this is not sqlite at all" * 100


def test_a_data_folder_that_cannot_be_made_is_explained(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match=r"cannot be created|is a file"):
        prepare_data_dir(blocker / "data")
    with pytest.raises(StorageError, match=r"is a file|not a folder"):
        prepare_data_dir(blocker)


def test_drafts_are_kept_until_discarded(db: Path) -> None:
    assert drafts.load_draft("new_complaint") is None
    drafts.save_draft("new_complaint", {"name": "Zoë", "account": "Leaky <kettle> & more"})
    close_database()
    open_data(db.parent)
    saved = drafts.load_draft("new_complaint")
    assert saved is not None and saved.data["account"] == "Leaky <kettle> & more"
    drafts.discard_draft("new_complaint")
    assert drafts.load_draft("new_complaint") is None


def test_settings_round_trip_and_nobody_is_named_until_the_owner_says(db: Path) -> None:
    assert settings.user_name() == ""  # never the computer's login name
    settings.set_user_name("Priya")
    assert settings.user_name() == "Priya"
    settings.set_setting("retention_years", 6)
    assert settings.get_setting("retention_years") == 6


def test_the_tables_in_code_match_the_migrated_schema(db) -> None:
    """Every column a peewee table declares exists in the file the migrations made."""
    from models.db import database
    from models.tables import ALL_TABLES

    for table in ALL_TABLES:
        name = table._meta.table_name
        in_file = {column.name for column in database.obj.get_columns(name)}
        in_code = {field.column_name for field in table._meta.sorted_fields}
        assert in_code <= in_file, (name, in_code - in_file)
