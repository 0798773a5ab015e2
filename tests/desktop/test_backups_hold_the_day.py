"""Backups that hold the day's work, and what the commands say when the backup
on offer, or the data file now in place, holds far fewer complaints than the
log did."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.desktop.test_cli import run
from tests.desktop.test_hostile_data_files import (
    _LOG,
    _killed_after,
    _kills,
    _uncheckpointed_log,
)

# Backups are copies of the SQLite data file.
pytestmark = pytest.mark.sqlite_only

DATA_FILE = "complaints.sqlite3"


def _ok(*args: str) -> str:
    done = run(*args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _count(path: Path) -> int:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM complaint").fetchone()[0]
    finally:
        conn.close()


def _backups(folder: Path) -> list[Path]:
    return sorted((folder / "backups").glob("complaints-*.sqlite3"))


def _empty_backup_then_sample_data(shop: Path, complaints: int) -> Path:
    """What a first start leaves (a backup of the empty log), then sample data
    loaded and the log closed: the only backup holds no complaint."""
    from desktop.startup import open_data
    from models.backups import make_backup
    from models.db import close_database
    from models.demo import add_demo_data

    open_data(shop)
    first = make_backup()
    if complaints:
        add_demo_data(complaints, seed=3)
    close_database()
    return first


def test_demo_and_import_back_up_what_they_added(data_dir: Path, tmp_path: Path) -> None:
    first = _empty_backup_then_sample_data(data_dir, 0)
    assert _count(first) == 0

    said = _ok("--data-dir", str(data_dir), "demo", "--complaints", "30", "--seed", "1")

    made = _backups(data_dir)
    assert len(made) == 2 and _count(made[-1]) == 30
    assert made[-1].name in said
    csv_file = tmp_path / "log.csv"
    csv_file.write_text(
        "received,customer name,account\n2026-11-30,Olu Bello,The lid does not fit\n",
        encoding="utf-8",
    )
    _ok("--data-dir", str(data_dir), "import", str(csv_file))
    made = _backups(data_dir)
    assert len(made) == 3 and _count(made[-1]) == 31
    # Nothing new saved: no new backup pushes an older day out.
    _ok("--data-dir", str(data_dir), "import", str(csv_file), "--dry-run")
    assert len(_backups(data_dir)) == 3


def test_restore_never_picks_an_empty_backup_silently(data_dir: Path) -> None:
    _empty_backup_then_sample_data(data_dir, 40)
    data_file = data_dir / DATA_FILE
    damage = b"\x00garbage" * 4096
    data_file.write_bytes(damage)

    listed = run("--data-dir", str(data_dir), "list")
    assert listed.returncode == 1 and "0 complaints" in listed.stderr

    refused = run("--data-dir", str(data_dir), "restore", "--yes")
    assert refused.returncode == 1
    assert "0 complaints" in refused.stderr and "40" in refused.stderr
    assert "far fewer" in refused.stderr and _backups(data_dir)[0].name in refused.stderr
    assert data_file.read_bytes() == damage

    asked = run("--data-dir", str(data_dir), "restore", input="n\n")
    assert asked.returncode == 1 and "far fewer" in asked.stderr
    assert data_file.read_bytes() == damage

    chosen = run("--data-dir", str(data_dir), "restore", input="y\n")
    assert chosen.returncode == 0, chosen.stderr
    assert "far fewer" in chosen.stderr
    assert _count(data_file) == 0


@_kills
def test_leftover_changes_of_a_replaced_file_are_not_offered_as_a_backup(
    tmp_path: Path,
) -> None:
    shop = tmp_path / "shop"
    _ok("--data-dir", str(shop), "demo", "--complaints", "20", "--seed", "1")
    _ok("--data-dir", str(shop), "backup")
    backup = _backups(shop)[0]
    _killed_after(shop, _LOG.format(name="Percy Potts", account="Umbrella broke"))
    shutil.copyfile(backup, shop / DATA_FILE)  # the owner puts the backup back by hand

    listed = run("--data-dir", str(shop), "list", "--status", "all")

    assert listed.returncode == 0, listed.stderr
    message = listed.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "cannot be applied" in message and "only for an expert" in message
    assert "beside a copy" not in message
    # Only the log is kept: no copy of the file beside it to be taken for a backup.
    assert len(list((shop / "backups").glob("stray-*-wal"))) == 1
    assert not list((shop / "backups").glob("stray-*.sqlite3"))


def test_a_log_set_aside_is_refused_by_restore_in_one_sentence(tmp_path: Path) -> None:
    shop, other = tmp_path / "shop", tmp_path / "other"
    _ok("--data-dir", str(shop), "demo", "--complaints", "200", "--seed", "1")
    _ok("--data-dir", str(other), "demo", "--complaints", "5", "--seed", "2")
    theirs = _uncheckpointed_log(other / DATA_FILE, "UPDATE complaint SET product = 'x'")
    (shop / f"{DATA_FILE}-wal").write_bytes(theirs)
    assert run("--data-dir", str(shop), "list").returncode == 0
    (stray,) = (shop / "backups").glob("stray-*-complaints.sqlite3")

    done = run("--data-dir", str(shop), "restore", str(stray), "--yes")

    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1
    assert "not a backup that can be restored" in done.stderr
    # the same reasons the window gives when it sets a log aside
    assert "replaced" in done.stderr and "did not fit" in done.stderr
    assert "***" not in done.stderr and "Page" not in done.stderr


def test_a_damaged_backup_is_refused_in_one_sentence(data_dir: Path, tmp_path: Path) -> None:
    _ok("--data-dir", str(data_dir), "demo", "--complaints", "300", "--seed", "1")
    copy = tmp_path / "copy.sqlite3"
    _ok("--data-dir", str(data_dir), "backup", str(copy))
    size = copy.stat().st_size
    with copy.open("r+b") as out:  # pages in the middle overwritten
        out.seek((size // 2) // 4096 * 4096)
        out.write(b"\xff" * 4096 * 4)

    done = run("--data-dir", str(data_dir), "restore", str(copy), "--yes")

    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1
    assert "damaged" in done.stderr and "choose another backup" in done.stderr
    assert "***" not in done.stderr and "btree" not in done.stderr.lower()


def test_a_file_put_in_place_with_far_fewer_complaints_says_how_many(data_dir: Path) -> None:
    first = _empty_backup_then_sample_data(data_dir, 30)
    shutil.copyfile(first, data_dir / DATA_FILE)  # an empty copy put in place by hand

    listed = run("--data-dir", str(data_dir), "list")

    assert listed.returncode == 0, listed.stderr
    assert "now holds 0 complaints, where it held 30" in listed.stderr
    assert len(listed.stderr.strip().splitlines()) == 1


def test_a_command_that_only_reads_refuses_an_empty_data_file(data_dir: Path) -> None:
    data_dir.mkdir(exist_ok=True)
    data_file = data_dir / DATA_FILE
    data_file.write_bytes(b"")
    before = sorted(p.name for p in data_dir.iterdir())

    for command in (("list",), ("followups",), ("backup",), ("export", "-")):
        done = run("--data-dir", str(data_dir), *command)
        assert done.returncode == 1, command
        assert len(done.stderr.strip().splitlines()) == 1
        assert "is empty" in done.stderr and "holds no complaints log" in done.stderr
        assert data_file.stat().st_size == 0
        assert sorted(p.name for p in data_dir.iterdir()) == before
