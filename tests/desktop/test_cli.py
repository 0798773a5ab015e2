"""The command line, run as a person runs it: a process, its output, its exit status."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.desktop.conftest import files_kept

ROOT = Path(__file__).resolve().parents[2]


def run(
    *args: str, env: dict[str, str] | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``complaint-desk ARGS``; standard input is ``input``, else empty (never the
    terminal the tests run in)."""
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
        **({"input": input} if input is not None else {"stdin": subprocess.DEVNULL}),
    )


def run_binary(*args: str) -> subprocess.CompletedProcess[bytes]:
    """Run ``complaint-desk ARGS`` keeping standard output as bytes (a PDF on it)."""
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT,
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )


def test_demo_then_list_as_text_and_csv(data_dir: Path) -> None:
    done = run("--data-dir", str(data_dir), "demo", "--complaints", "40", "--seed", "3")
    assert done.returncode == 0, done.stderr
    assert "Added 40 sample complaints" in done.stdout
    listed = run("--data-dir", str(data_dir), "list", "--status", "all", "--format", "csv")
    assert listed.returncode == 0, listed.stderr
    rows = list(csv.DictReader(io.StringIO(listed.stdout)))
    assert len(rows) == 40
    assert {"reference", "received", "customer", "category", "stage"} <= set(rows[0])
    assert all(row["reference"].startswith("C-") for row in rows)
    text = run("--data-dir", str(data_dir), "list", "--status", "all")
    assert text.returncode == 0
    assert len(text.stdout.strip().splitlines()) == 40
    assert rows[0]["reference"] in text.stdout


# Reads the SQLite data file directly.
@pytest.mark.sqlite_only
def test_demo_data_has_many_scripts_and_awkward_characters(data_dir: Path) -> None:
    run("--data-dir", str(data_dir), "demo", "--complaints", "1500", "--seed", "5")
    import sqlite3

    with sqlite3.connect(data_dir / "complaints.sqlite3") as conn:
        names = " ".join(row[0] for row in conn.execute("SELECT name FROM customer"))
        accounts = " ".join(row[0] for row in conn.execute("SELECT account FROM complaint"))
        stages = {row[0] for row in conn.execute("SELECT DISTINCT stage FROM complaint")}
        channels = {row[0] for row in conn.execute("SELECT DISTINCT channel FROM complaint")}
    assert any(ch in names for ch in "ëłá") and any("а" <= ch <= "я" for ch in names)
    assert all(mark in accounts for mark in ("&", "<", '"', "\n"))
    assert {"engage", "empathise", "facts", "resolve", "follow_up"} <= stages
    assert len(channels) >= 5


# The data file in the folder; the server's variable: test_database_option.py.
@pytest.mark.sqlite_only
def test_the_environment_variable_chooses_the_data_folder(data_dir: Path) -> None:
    env = {"COMPLAINT_DESK_DATA_DIR": str(data_dir)}
    assert run("demo", "--complaints", "3", env=env).returncode == 0
    assert (data_dir / "complaints.sqlite3").exists()
    listed = run("list", "--status", "all", "--format", "csv", env=env)
    assert len(listed.stdout.strip().splitlines()) == 4


def test_data_dir_may_follow_the_command(data_dir: Path) -> None:
    assert run("demo", "--complaints", "2", "--data-dir", str(data_dir)).returncode == 0
    listed = run("list", "--status", "all", "--data-dir", str(data_dir), "--format", "csv")
    assert len(listed.stdout.strip().splitlines()) == 3


def _new_log(data_dir: Path) -> None:
    """An empty log in ``data_dir``, as the window leaves it the first time."""
    code = "import sys; from desktop.startup import open_data; open_data(sys.argv[1])"
    subprocess.run([sys.executable, "-c", code, str(data_dir)], cwd=ROOT, check=True)


def test_an_empty_log_says_so(data_dir: Path) -> None:
    _new_log(data_dir)
    listed = run("--data-dir", str(data_dir), "list")
    assert listed.returncode == 0
    assert listed.stdout.strip() == "No open complaints."


@pytest.mark.parametrize(
    "args",
    [
        ("list", "--status", "pending"),
        ("demo", "--complaints", "many"),
        ("demo", "--complaints", "0"),
        ("frobnicate",),
    ],
)
def test_usage_errors_exit_2(data_dir: Path, args: tuple[str, ...]) -> None:
    done = run("--data-dir", str(data_dir), *args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_an_unusable_data_folder_fails_with_one_sentence(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    done = run("--data-dir", str(blocker / "data"), "demo", "--complaints", "1")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("complaint-desk: ")
    assert "cannot be created" in lines[0]


READING = [
    ("list",),
    ("followups", "--due", "today"),
    ("export", "{out}/log.csv"),
    ("letter", "C-2026-0001", "-o", "{out}/letter.pdf"),
    ("export-customer", "1", "--to", "{out}/customer"),
    ("backup",),
]


# A folder without a data file; a server without a log: test_database_option.py.
@pytest.mark.sqlite_only
@pytest.mark.parametrize("args", READING, ids=[args[0] for args in READING])
def test_a_command_that_reads_refuses_a_folder_without_a_data_file(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    args = tuple(arg.format(out=out) for arg in args)
    mistyped = tmp_path / "shop-dta"
    done = run("--data-dir", str(mistyped), *args)
    assert done.returncode == 1 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and str(mistyped) in lines[0] and "Traceback" not in lines[0]
    assert not mistyped.exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    done = run("--data-dir", str(empty), *args)
    assert done.returncode == 1 and str(empty) in done.stderr
    assert list(empty.iterdir()) == [] and list(out.iterdir()) == []


# Starts a data file in the folder.
@pytest.mark.sqlite_only
def test_a_command_that_writes_starts_a_new_log(tmp_path: Path) -> None:
    new = tmp_path / "new-shop"
    assert run("--data-dir", str(new), "demo", "--complaints", "2").returncode == 0
    assert (new / "complaints.sqlite3").is_file()


# A damaged SQLite data file.
@pytest.mark.sqlite_only
def test_a_damaged_data_file_fails_clearly_and_is_left_alone(data_dir: Path) -> None:
    data_dir.mkdir()
    damaged = data_dir / "complaints.sqlite3"
    damaged.write_bytes(b"garbage" * 1000)
    done = run("--data-dir", str(data_dir), "list")
    assert done.returncode == 1
    assert "damaged" in done.stderr and "Traceback" not in done.stderr
    assert damaged.read_bytes() == b"garbage" * 1000


def test_help_lists_the_commands() -> None:
    done = run("--help")
    assert done.returncode == 0
    assert "demo" in done.stdout and "list" in done.stdout and "--data-dir" in done.stdout


def test_version_says_which_version_is_installed() -> None:
    """Help > About and the command line named no version to quote when asking for help."""
    from importlib.metadata import version

    done = run("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"complaint-desk {version('complaint-desk')}"


def test_check_wording_reports_findings_with_line_and_column(tmp_path: Path) -> None:
    draft = tmp_path / "reply.txt"
    draft.write_text(
        "Dear Ana,\nThank you for telling us.\nWe broke the vase when we wrapped it.\n"
    )
    done = run("check-wording", str(draft))
    assert done.returncode == 1
    first = done.stdout.splitlines()[0]
    assert first.startswith(f"{draft}:3:1: admission: ")
    assert "safer:" in done.stdout


def test_check_wording_reads_standard_input_and_exits_0_when_clean() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "check-wording"],
        cwd=ROOT,
        input="I'm so sorry this happened. We will look into it today.",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stdout
    assert done.stdout == ""


def test_check_wording_with_the_fault_ours_still_reports_a_non_apology(tmp_path: Path) -> None:
    draft = tmp_path / "reply.txt"
    draft.write_text("We broke the vase. I'm sorry you feel that way.")
    done = run("check-wording", "--fault-is-ours", str(draft))
    assert done.returncode == 1
    assert "non_apology" in done.stdout and "admission" not in done.stdout


def test_check_wording_says_so_when_the_file_holds_no_words(tmp_path: Path) -> None:
    draft = tmp_path / "empty.txt"
    draft.write_text("  \n")
    done = run("check-wording", str(draft))
    assert done.returncode == 0
    assert "Nothing to check" in done.stderr and "empty.txt" in done.stderr


def test_check_wording_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("check-wording", str(tmp_path / "missing.txt")).returncode == 2
    assert run("check-wording", "a.txt", "b.txt").returncode == 2


def _profile_and_complaint(data_dir: Path, agreed: str = "A new inner tube, fitted.") -> str:
    """A letterhead and one complaint (with ``agreed`` as its agreed solution); its reference."""
    code = (
        "import sys\n"
        "from desktop.startup import open_data\n"
        "open_data(sys.argv[1])\n"
        "from models import business, resolution\n"
        "from models.complaints import ComplaintDetails, log_complaint\n"
        "from models.customers import CustomerDetails\n"
        "business.save_profile(business.BusinessProfile(name='Jo & Co <Bikes>',"
        " signatory_name='Jo Evans'))\n"
        "c = log_complaint(CustomerDetails(name='Ana Silva', address='1 High St'),"
        " ComplaintDetails(account='Flat tyre.'), author='Sam')\n"
        "resolution.save_resolution(c.id, options_offered='', agreed_solution=sys.argv[2],"
        " first_contact=False, author='Sam')\n"
        "print(c.reference)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(data_dir), agreed],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout.strip()


def _letters_kept(data_dir: Path) -> int:
    from tests.desktop.conftest import rows_in

    return rows_in(data_dir, "letter")


def _pending(data_dir: Path) -> list[dict[str, str]]:
    done = run("--data-dir", str(data_dir), "followups", "--format", "csv")
    assert done.returncode in (0, 3), done.stderr
    return list(csv.DictReader(io.StringIO(done.stdout)))


def test_letter_writes_the_pdf_and_keeps_a_copy(data_dir: Path, tmp_path: Path) -> None:
    reference = _profile_and_complaint(data_dir)
    out = tmp_path / "letter.pdf"
    done = run("--data-dir", str(data_dir), "letter", reference, "--kind", "final", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    kept = [data for name, data in files_kept(data_dir, "letter").items()
            if name.startswith(f"{reference}-final-")]  # fmt: skip
    assert kept == [out.read_bytes()]
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert reference in text and "Jo & Co <Bikes>" in text
    assert "A new inner tube, fitted." in text
    assert _letters_kept(data_dir) == 1


def test_a_letter_with_a_part_left_to_fill_in_is_refused(data_dir: Path, tmp_path: Path) -> None:
    reference = _profile_and_complaint(data_dir, agreed="")
    before = _pending(data_dir)
    assert {"final_response", "respond"} & {row["kind"] for row in before}
    out = tmp_path / "letter.pdf"
    done = run("--data-dir", str(data_dir), "letter", reference, "--kind", "final", "-o", str(out))
    assert done.returncode == 1 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "[Write here, in plain words, what you agreed.]" in lines[0]
    assert not out.exists() and not files_kept(data_dir, "letter")
    assert _letters_kept(data_dir) == 0
    assert _pending(data_dir) == before


def test_a_preview_on_standard_output_is_not_kept_and_keeps_no_deadline(data_dir: Path) -> None:
    reference = _profile_and_complaint(data_dir)
    before = _pending(data_dir)
    assert "acknowledge" in {row["kind"] for row in before}
    done = run_binary(
        "--data-dir", str(data_dir), "letter", reference, "--kind", "acknowledgement", "-o", "-"
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"%PDF") and done.stdout.rstrip().endswith(b"%%EOF")
    assert _letters_kept(data_dir) == 0
    assert not files_kept(data_dir, "letter")
    assert _pending(data_dir) == before


def test_letter_for_an_unknown_reference_exits_1(data_dir: Path) -> None:
    _profile_and_complaint(data_dir)
    done = run("--data-dir", str(data_dir), "letter", "C-1999-0001")
    assert done.returncode == 1
    assert (
        done.stderr.strip()
        == "complaint-desk: There is no complaint with the reference C-1999-0001."
    )


def test_letter_without_a_letterhead_says_how_to_set_one_up(data_dir: Path) -> None:
    run("--data-dir", str(data_dir), "demo", "--complaints", "1")
    listed = run("--data-dir", str(data_dir), "list", "--status", "all", "--format", "csv")
    reference = next(iter(csv.DictReader(io.StringIO(listed.stdout))))["reference"]
    done = run("--data-dir", str(data_dir), "letter", reference)
    assert done.returncode == 1 and "Business profile" in done.stderr


def _log_relative(data_dir: Path, *days_ago: int, open_every_day: bool = False) -> None:
    """Complaints received ``days_ago``; ``open_every_day``: the shop shuts on no day,
    so what is due does not depend on the weekday the tests run on."""
    code = (
        "import sys, datetime as dt\n"
        "from desktop.startup import open_data\n"
        "open_data(sys.argv[1])\n"
        + (
            "from models.calendar import ShopWeek, save_shop_week\n"
            "save_shop_week(ShopWeek(frozenset(), frozenset()))\n"
            if open_every_day
            else ""
        )
        + "from models.complaints import ComplaintDetails, log_complaint\n"
        "from models.customers import CustomerDetails\n"
        "for n, ago in enumerate(map(int, sys.argv[2:])):\n"
        "    when = dt.datetime.combine(dt.date.today() - dt.timedelta(days=ago), dt.time(10))\n"
        "    who = CustomerDetails(name=f'Customer {n}', phone='0113 496 000' + str(n))\n"
        "    what = ComplaintDetails(account='x', received_at=when)\n"
        "    log_complaint(who, what, author='Sam', now=when)\n"
    )
    subprocess.run(
        [sys.executable, "-c", code, str(data_dir), *map(str, days_ago)], cwd=ROOT, check=True
    )


def test_followups_lists_what_is_due_soonest_first(data_dir: Path) -> None:
    # Received 20 days ago on a Saturday, shut at weekends, it was due on the Monday.
    _log_relative(data_dir, 0, 20, 9, open_every_day=True)
    done = run("--data-dir", str(data_dir), "followups", "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert {"reference", "customer", "due", "what"} <= set(rows[0])
    dues = [row["due"] for row in rows]
    assert dues == sorted(dues) and len(rows) == 6  # two deadlines each
    assert rows[0]["customer"] == "Customer 1" and int(rows[0]["days_late"]) >= 20
    today = dt.date.today().isoformat()
    overdue = run("--data-dir", str(data_dir), "followups", "--due", "overdue", "--format", "csv")
    assert all(row["due"] < today for row in csv.DictReader(io.StringIO(overdue.stdout)))
    text = run("--data-dir", str(data_dir), "followups", "--due", "week")
    assert text.stdout.startswith("Overdue\n")
    assert "days late" in text.stdout


def test_followups_with_nothing_due(data_dir: Path) -> None:
    _new_log(data_dir)
    for due in ("overdue", "today", "week", "all"):
        done = run("--data-dir", str(data_dir), "followups", "--due", due)
        assert done.returncode == 0, (due, done.stderr)
    assert done.stdout.strip() == "Nothing pending."
    done = run("--data-dir", str(data_dir), "followups", "--due", "today")
    assert done.stdout.strip() == "Nothing overdue or due today."
    quiet = run("--data-dir", str(data_dir), "followups", "--due", "today", "--quiet")
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")


def test_due_today_includes_the_overdue_and_the_status_says_something_is_due(
    data_dir: Path,
) -> None:
    _log_relative(data_dir, 20)  # both its deadlines are long past
    today = run("--data-dir", str(data_dir), "followups", "--due", "today", "--format", "csv")
    assert today.returncode == 3, today.stderr
    rows = list(csv.DictReader(io.StringIO(today.stdout)))
    assert len(rows) == 2 and all(int(row["days_late"]) > 0 for row in rows)
    text = run("--data-dir", str(data_dir), "followups", "--due", "today")
    assert text.returncode == 3 and text.stdout.startswith("Overdue\n")
    for due in ("overdue", "week"):
        assert run("--data-dir", str(data_dir), "followups", "--due", due).returncode == 3
    assert run("--data-dir", str(data_dir), "followups").returncode == 0
    quiet = run("--data-dir", str(data_dir), "followups", "--due", "today", "--quiet")
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (3, "", "")


def test_followups_help_gives_the_exit_status() -> None:
    done = run("followups", "--help")
    assert done.returncode == 0
    assert "--quiet" in done.stdout
    assert "3 when something is" in " ".join(done.stdout.split())


# Backups are copies of the SQLite data file.
@pytest.mark.sqlite_only
def test_backup_makes_a_checked_copy(data_dir: Path, tmp_path: Path) -> None:
    run("--data-dir", str(data_dir), "demo", "--complaints", "5")
    done = run("--data-dir", str(data_dir), "backup")
    assert done.returncode == 0, done.stderr
    assert "checked" in done.stdout
    assert len(list((data_dir / "backups").glob("complaints-*.sqlite3"))) == 1
    target = tmp_path / "copy.sqlite3"
    assert run("--data-dir", str(data_dir), "backup", str(target)).returncode == 0
    again = run("--data-dir", str(data_dir), "backup", str(target))
    assert again.returncode == 1 and "already exists" in again.stderr


def test_demo_refuses_a_log_with_the_shops_own_complaints_unless_told_plainly(
    data_dir: Path,
) -> None:
    assert (
        run("--data-dir", str(data_dir), "demo", "--complaints", "20", "--seed", "1").returncode
        == 0
    )
    # More sample data into a log of sample data is fine.
    assert run("--data-dir", str(data_dir), "demo", "--complaints", "5").returncode == 0
    done = run("--data-dir", str(data_dir), "import", str(write_real_log(data_dir.parent)))
    assert done.returncode == 0, done.stderr
    refused = run("--data-dir", str(data_dir), "demo", "--complaints", "20")
    assert refused.returncode == 1
    assert (
        "holds 1 complaint of the shop's own" in refused.stderr
        and "empty data folder" in refused.stderr
    )
    listed = run("--data-dir", str(data_dir), "list", "--status", "all", "--format", "csv")
    assert len(listed.stdout.strip().splitlines()) == 1 + 25 + 1
    mixed = run("--data-dir", str(data_dir), "demo", "--complaints", "3", "--with-real-complaints")
    assert mixed.returncode == 0, mixed.stderr


def write_real_log(folder: Path) -> Path:
    path = folder / "real.csv"
    path.write_text("received,customer name,account\n2026-03-01,Jo Evans,The strap broke.\n")
    return path
