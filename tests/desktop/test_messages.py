"""The commands' messages when an argument, a file or the disk is wrong: one sentence
naming the real cause, never "unexpected error", a traceback or "[Errno …]"."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.desktop.test_cli import ROOT, _letters_kept, _profile_and_complaint, run

NOT_UTF8 = b"\xff\xfe"


def run_bytes(*args: str | bytes, cwd: Path, env: dict[str, str | bytes] | None = None):
    """Run ``complaint-desk ARGS`` in ``cwd``, where an argument may be bytes that are not
    UTF-8 (text=False: what comes back is bytes too)."""
    environment: dict[str | bytes, str | bytes] = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=cwd, capture_output=True, stdin=subprocess.DEVNULL, env=environment,
        timeout=120, check=False,
    )  # fmt: skip


def run_in(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``complaint-desk ARGS`` in ``folder``, so nothing a command writes lands elsewhere."""
    done = run_bytes(*args, cwd=folder)
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode(), done.stderr.decode()
    )


def run_with(patch: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``complaint-desk ARGS`` in a process where ``patch`` (Python) ran first: how a
    full disk or a refused folder is brought about for a test run as root."""
    code = (
        f"import errno, os, sys, pathlib\n{patch}\n"
        "from desktop.cli import main\nsys.exit(main(sys.argv[1:]))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd, capture_output=True, text=True, stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120, check=False,
    )  # fmt: skip


def one_sentence(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr and "unexpected error" not in stderr
    assert "Errno" not in stderr
    return lines[0]


@pytest.fixture
def log(data_dir: Path) -> Path:
    done = run("--data-dir", str(data_dir), "demo", "--complaints", "3", "--seed", "1")
    assert done.returncode == 0, done.stderr
    return data_dir


# --- arguments that are not valid text, or empty --------------------------------------

NOT_TEXT = [
    (("list", "--search", NOT_UTF8), "--search"),
    (("export", "-", "--search", NOT_UTF8), "--search"),
    (("export", NOT_UTF8 + b".csv"), "FILE"),
    (("import", NOT_UTF8 + b".csv"), "FILE"),
    (("letter", NOT_UTF8), "REF"),
    (("letter", "C-2026-0001", "--send-anyway", NOT_UTF8), "--send-anyway"),
    (("letter", "C-2026-0001", "-o", NOT_UTF8), "--output"),
    (("export-customer", NOT_UTF8), "CUSTOMER"),
    (("export-customer", "1", "--to", NOT_UTF8), "--to"),
    (("backup", NOT_UTF8), "DEST"),
    (("restore", NOT_UTF8), "BACKUP"),
    (("check-wording", NOT_UTF8), "FILE"),
    (("list", "--data-dir", NOT_UTF8), "--data-dir"),
]


@pytest.mark.parametrize(
    ("args", "named"), NOT_TEXT, ids=[" ".join(map(str, a)) for a, _ in NOT_TEXT]
)
def test_an_argument_that_is_not_valid_text_is_a_usage_error_naming_it(
    log: Path, tmp_path: Path, args: tuple[str | bytes, ...], named: str
) -> None:
    done = run_bytes("--data-dir", str(log), *args, cwd=tmp_path)
    assert done.returncode == 2
    stderr = done.stderr.decode("utf-8")
    assert f"error: {named} is not valid text (UTF-8)" in stderr
    assert "Traceback" not in stderr and "unexpected error" not in stderr


def test_a_data_folder_in_the_environment_that_is_not_valid_text_is_refused(tmp_path) -> None:
    folder = bytes(tmp_path) + b"/" + NOT_UTF8
    done = run_bytes("list", cwd=tmp_path, env={"COMPLAINT_DESK_DATA_DIR": folder})
    assert done.returncode == 2
    assert "$COMPLAINT_DESK_DATA_DIR is not valid text (UTF-8)" in done.stderr.decode()


EMPTY = [
    (("export", ""), "FILE is empty: give a file's name, or - for standard output."),
    (("import", ""), "FILE is empty: give a file's name."),
    (("backup", ""), "DEST is empty: give a folder or a file's name, or leave it out."),
    (("restore", ""), "BACKUP is empty: give a backup file's name, or leave it out."),
    (("check-wording", ""), "FILE is empty: give a file's name, or leave it out."),
    (("letter", ""), "REF is empty: give the complaint's reference, e.g. C-2026-0042."),
    (
        ("letter", "C-2026-0001", "-o", ""),
        "--output is empty: give a file's name, or leave it out.",
    ),
    (("export-customer", "1", "--to", ""), "--to is empty: give a folder, or leave it out."),
    (("export-customer", ""), "CUSTOMER is empty: give a customer number"),
    (("list", "--data-dir", ""), "--data-dir is empty: give a folder, or leave it out."),
]


@pytest.mark.parametrize(("args", "said"), EMPTY, ids=[" ".join(a) + "''" for a, _ in EMPTY])
def test_an_empty_file_folder_or_reference_is_a_usage_error(
    log: Path, tmp_path: Path, args: tuple[str, ...], said: str
) -> None:
    before = sorted(p.name for p in log.rglob("*"))
    here = tmp_path / "here"
    here.mkdir()
    done = run_in(here, "--data-dir", str(log), *args)
    assert done.returncode == 2
    assert f"error: {said}" in done.stderr
    assert "unexpected error" not in done.stderr
    assert sorted(p.name for p in log.rglob("*")) == before  # nothing made, nothing restored
    assert list(here.iterdir()) == []


def test_exporting_to_a_folder_says_a_file_name_is_needed(log: Path, tmp_path: Path) -> None:
    done = run_in(tmp_path, "--data-dir", str(log), "export", str(tmp_path))
    assert done.returncode == 1
    assert one_sentence(done.stderr) == (
        f"complaint-desk: {tmp_path} is a folder: "
        "give the name of the file to write (.csv or .xlsx)."
    )


# --- a full disk, a letters folder that cannot be written ------------------------------

FULL_DISK = (
    "def full(fd):\n    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))\nos.fsync = full\n"
)
LETTERS_REFUSED = (
    "real_open = pathlib.Path.open\n"
    "def refuse(self, *args, **kwargs):\n"
    "    if self.parent.name == 'letters':\n"
    "        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))\n"
    "    return real_open(self, *args, **kwargs)\n"
    "pathlib.Path.open = refuse\n"
)


# The letters/ folder: on a server the letters are kept in the log.
@pytest.mark.sqlite_only
def test_a_letter_on_a_full_disk_says_the_disk_is_full(data_dir: Path, tmp_path: Path) -> None:
    reference = _profile_and_complaint(data_dir)
    out = tmp_path / "letter.pdf"
    done = run_with(
        FULL_DISK, "--data-dir", str(data_dir), "letter", reference, "-o", str(out), cwd=tmp_path
    )
    assert done.returncode == 1
    said = one_sentence(done.stderr)
    assert said.startswith("complaint-desk: The disk is full (")
    assert f"on the drive holding {data_dir / 'letters'}" in said
    assert said.endswith("so the letter was not made: free some space and try again.")
    assert not out.exists() and _letters_kept(data_dir) == 0


def test_a_letter_to_a_file_on_a_full_disk_leaves_no_half_file(
    data_dir: Path, tmp_path: Path
) -> None:
    reference = _profile_and_complaint(data_dir)
    patch = (
        "class Full:\n"  # half the PDF is written, then the disk is full
        "    def __init__(self, handle):\n"
        "        self.handle = handle\n"
        "    def __enter__(self):\n"
        "        return self\n"
        "    def __exit__(self, *exc):\n"
        "        self.handle.close()\n"
        "    def close(self):\n"
        "        self.handle.close()\n"
        "    def write(self, data):\n"
        "        self.handle.write(data[: len(data) // 2])\n"
        "        self.handle.flush()\n"
        "        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))\n"
        "real_open = pathlib.Path.open\n"
        "def opened(self, mode='r', *args, **kwargs):\n"
        "    handle = real_open(self, mode, *args, **kwargs)\n"
        "    return Full(handle) if self.name == 'letter.pdf' else handle\n"
        "pathlib.Path.open = opened\n"
    )
    out = tmp_path / "letter.pdf"
    done = run_with(
        patch, "--data-dir", str(data_dir), "letter", reference, "-o", str(out), cwd=tmp_path
    )
    assert done.returncode == 1
    said = one_sentence(done.stderr)
    assert said.startswith("complaint-desk: The disk is full (")
    assert f"on the drive holding {tmp_path}" in said
    assert not out.exists() and _letters_kept(data_dir) == 0


# The letters/ folder: on a server the letters are kept in the log.
@pytest.mark.sqlite_only
def test_a_letters_folder_that_refuses_writing_is_named(data_dir: Path, tmp_path: Path) -> None:
    reference = _profile_and_complaint(data_dir)
    out = tmp_path / "letter.pdf"
    done = run_with(
        LETTERS_REFUSED,
        "--data-dir",
        str(data_dir),
        "letter",
        reference,
        "-o",
        str(out),
        cwd=tmp_path,
    )
    assert done.returncode == 1
    assert one_sentence(done.stderr) == (
        f"complaint-desk: Cannot write to {data_dir / 'letters'}: check its permissions."
    )
    assert not out.exists() and _letters_kept(data_dir) == 0


# The letters/ folder: on a server the letters are kept in the log.
@pytest.mark.sqlite_only
@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_letters_folder_is_named(data_dir: Path, tmp_path: Path) -> None:
    reference = _profile_and_complaint(data_dir)
    letters = data_dir / "letters"
    letters.mkdir(exist_ok=True)
    letters.chmod(0o500)
    try:
        done = run("--data-dir", str(data_dir), "letter", reference, "-o", str(tmp_path / "l.pdf"))
    finally:
        letters.chmod(0o700)
    assert done.returncode == 1
    assert one_sentence(done.stderr) == (
        f"complaint-desk: Cannot write to {letters}: check its permissions."
    )


def test_an_operating_system_error_a_command_does_not_expect_is_one_sentence(
    log: Path, tmp_path: Path
) -> None:
    patch = (
        "import models.complaint_list\n"
        "def refused(query):\n"
        f"    raise PermissionError(errno.EACCES, 'Permission denied', {str(tmp_path / 'x')!r})\n"
        "models.complaint_list.all_rows = refused\n"
    )
    done = run_with(patch, "--data-dir", str(log), "list", cwd=tmp_path)
    assert done.returncode == 1
    assert one_sentence(done.stderr) == (
        f"complaint-desk: Cannot write to {tmp_path}: check its permissions."
    )


# --- the data folder is the owner's alone ---------------------------------------------


# The SQLite data file's permissions.
@pytest.mark.sqlite_only
@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_files_and_folders_open_to_others_are_tightened_when_a_command_starts(
    log: Path, tmp_path: Path
) -> None:
    letters = log / "letters"
    nested = letters / "old"
    nested.mkdir(parents=True)
    letter = nested / "C-2025-0001-final.pdf"
    letter.write_bytes(b"%PDF")
    backup = log / "backups" / "copied.sqlite3"
    backup.parent.mkdir(exist_ok=True)
    backup.write_bytes(b"x")
    outside = tmp_path / "outside.txt"
    outside.write_text("not the app's")
    (letters / "link.pdf").symlink_to(outside)
    mine = log / "my-notes.txt"  # the owner's own file beside the data: left as it is
    mine.write_text("x")
    for path in (letter, backup, outside, mine, log / "complaints.sqlite3"):
        path.chmod(0o644)
    for folder in (letters, nested, backup.parent):
        folder.chmod(0o755)

    done = run("--data-dir", str(log), "list")
    assert done.returncode == 0, done.stderr

    def mode(path: Path) -> int:
        return stat.S_IMODE(path.stat().st_mode)

    assert [mode(p) for p in (letter, backup, log / "complaints.sqlite3")] == [0o600] * 3
    assert [mode(p) for p in (letters, nested, backup.parent, log)] == [0o700] * 4
    assert mode(outside) == 0o644  # a symbolic link is not followed
    assert mode(mine) == 0o644
