"""Backups, restoring and a damaged data file from the command line; and the
data folder's permissions."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest

from tests.desktop.test_cli import run

# Restoring a backup of the SQLite data file.
pytestmark = pytest.mark.sqlite_only


def _demo(folder: Path, count: int = 5) -> None:
    done = run("--data-dir", str(folder), "demo", "--complaints", str(count), "--seed", "1")
    assert done.returncode == 0, done.stderr


def _listed(folder: Path) -> list[str]:
    done = run("--data-dir", str(folder), "list", "--status", "all")
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()


def test_a_damaged_data_file_names_the_backup_and_restore_puts_it_back(data_dir: Path) -> None:
    _demo(data_dir)
    made = run("--data-dir", str(data_dir), "backup")
    assert made.returncode == 0, made.stderr
    before = _listed(data_dir)
    data_file = data_dir / "complaints.sqlite3"
    damage = b"\x00garbage" * 2048
    data_file.write_bytes(damage)

    listed = run("--data-dir", str(data_dir), "list")
    assert listed.returncode == 1 and listed.stdout == ""
    assert len(listed.stderr.strip().splitlines()) == 1
    assert "damaged" in listed.stderr and "complaint-desk restore" in listed.stderr
    assert data_file.read_bytes() == damage  # nothing was overwritten

    unconfirmed = run("--data-dir", str(data_dir), "restore")
    assert unconfirmed.returncode == 1 and "--yes" in unconfirmed.stderr
    assert data_file.read_bytes() == damage

    restored = run("--data-dir", str(data_dir), "restore", "--yes")
    assert restored.returncode == 0, restored.stderr
    assert "The damaged file is kept" in restored.stdout
    assert _listed(data_dir) == before
    kept = list(data_dir.glob("damaged-*-complaints.sqlite3"))
    assert len(kept) == 1 and kept[0].read_bytes() == damage


def test_restoring_a_chosen_backup_keeps_the_data_it_replaces(data_dir: Path, tmp_path) -> None:
    _demo(data_dir, 3)
    copy = tmp_path / "usb" / "shop.sqlite3"
    copy.parent.mkdir()
    assert run("--data-dir", str(data_dir), "backup", str(copy)).returncode == 0
    _demo(data_dir, 4)
    assert len(_listed(data_dir)) == 7
    restored = run("--data-dir", str(data_dir), "restore", str(copy), "--yes")
    assert restored.returncode == 0, restored.stderr
    assert len(_listed(data_dir)) == 3
    assert "replaced-" in restored.stdout
    bad = run("--data-dir", str(data_dir), "restore", str(tmp_path / "nothing.sqlite3"), "--yes")
    assert bad.returncode == 1 and "is not there" in bad.stderr


def test_restore_without_any_backup_says_so(data_dir: Path) -> None:
    _demo(data_dir, 1)
    done = run("--data-dir", str(data_dir), "restore", "--yes")
    assert done.returncode == 1 and "no good backup" in done.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_data_folder_and_every_file_in_it_are_private(data_dir: Path) -> None:
    _demo(data_dir, 20)
    assert run("--data-dir", str(data_dir), "backup").returncode == 0
    found = []
    for path in [data_dir, *data_dir.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        found.append(path)
        assert mode & 0o077 == 0, f"{path} is {oct(mode)}"
    assert any(p.suffix == ".sqlite3" and p.parent.name == "backups" for p in found)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_open_data_file_and_its_journal_are_private(db: Path) -> None:
    from models.complaints import ComplaintDetails, log_complaint
    from models.customers import CustomerDetails

    log_complaint(CustomerDetails(name="Ana"), ComplaintDetails(account="Late"), author="S")
    for name in ("complaints.sqlite3", "complaints.sqlite3-wal", "complaints.sqlite3-shm"):
        mode = stat.S_IMODE((db.parent / name).stat().st_mode)
        assert mode == 0o600, (name, oct(mode))
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700


def test_a_backup_to_a_folder_that_is_not_there_fails_and_creates_nothing(
    data_dir: Path, tmp_path: Path
) -> None:
    _demo(data_dir, 2)
    usb = tmp_path / "media" / "usb"  # the stick is not mounted
    done = run("--data-dir", str(data_dir), "backup", str(usb / "shop.sqlite3"))
    assert done.returncode == 1 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and str(usb) in lines[0] and "does not exist" in lines[0]
    assert not (tmp_path / "media").exists()
    assert not (data_dir / "backups").exists()


@pytest.mark.parametrize("answer", ["y\n", " YES \n"])
def test_restore_accepts_y_or_yes_piped_in(data_dir: Path, answer: str) -> None:
    _demo(data_dir, 3)
    assert run("--data-dir", str(data_dir), "backup").returncode == 0
    (first,) = (data_dir / "backups").glob("complaints-*.sqlite3")
    _demo(data_dir, 2)  # backed up too, as the newest
    assert len(_listed(data_dir)) == 5
    done = run("--data-dir", str(data_dir), "restore", str(first), input=answer)
    assert done.returncode == 0, done.stderr
    assert "[y/N]" in done.stderr and "Restored" in done.stdout
    assert len(_listed(data_dir)) == 3


@pytest.mark.parametrize("answer", ["n\n", "yep\n", ""])
def test_restore_refuses_any_other_answer_and_changes_nothing(data_dir: Path, answer: str) -> None:
    _demo(data_dir, 3)
    assert run("--data-dir", str(data_dir), "backup").returncode == 0
    _demo(data_dir, 2)
    files = sorted(path.name for path in data_dir.rglob("*"))
    before = _listed(data_dir)
    done = run("--data-dir", str(data_dir), "restore", input=answer)
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr.strip().splitlines()[-1] == (
        "complaint-desk: Not restored: answer y (or yes), or pass --yes."
    )
    assert _listed(data_dir) == before
    assert sorted(path.name for path in data_dir.rglob("*")) == files
