"""The commands' words: a count of one is singular, a label is not said twice."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.desktop.test_cli import _log_relative, run


def test_followups_say_what_is_due_once_and_one_day_late(data_dir: Path) -> None:
    _log_relative(data_dir, 1)
    rows = run("--data-dir", str(data_dir), "followups", "--format", "csv").stdout
    late = {r["kind"]: int(r["days_late"]) for r in csv.DictReader(io.StringIO(rows))}
    done = run("--data-dir", str(data_dir), "followups")
    assert done.returncode == 0, done.stderr
    acknowledge = next(line for line in done.stdout.splitlines() if "Acknowledge" in line)
    said = {0: "", 1: "  (1 day late)"}.get(
        late["acknowledge"], f"  ({late['acknowledge']} days late)"
    )
    assert acknowledge.endswith(f"Acknowledge the complaint{said}")
    assert "Acknowledge: Acknowledge" not in done.stdout
    assert "(1 days late)" not in done.stdout


def test_check_wording_names_a_missing_file_plainly(tmp_path: Path) -> None:
    missing = tmp_path / "draft.txt"
    done = run("check-wording", str(missing))
    assert done.returncode == 2
    assert "No such file or directory" not in done.stderr
    assert f"There is no file or folder {missing}." in done.stderr


def test_followups_print_a_phone_whole_and_wide_names_line_up(data_dir: Path) -> None:
    import subprocess
    import sys

    from tests.desktop.test_cli import ROOT

    code = (
        "import sys\n"
        "from desktop.startup import open_data\n"
        "open_data(sys.argv[1])\n"
        "from models.complaints import ComplaintDetails, log_complaint\n"
        "from models.customers import CustomerDetails\n"
        "for name, phone in (('王小明', '+44 (0)7700 900456'), ('Ana Souza', '0113 496 0000')):\n"
        "    log_complaint(CustomerDetails(name=name, phone=phone),\n"
        "                  ComplaintDetails(account='x'), author='Sam')\n"
    )
    subprocess.run([sys.executable, "-c", code, str(data_dir)], cwd=ROOT, check=True)
    done = run("--data-dir", str(data_dir), "followups")
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if "Acknowledge" in line]
    assert any("+44 (0)7700 900456" in line for line in lines)
    chinese = next(line for line in lines if "王小明" in line)
    latin = next(line for line in lines if "Ana Souza" in line)

    def cells(text: str) -> int:
        import unicodedata

        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)

    # The phone starts in the same terminal column on both lines.
    assert cells(chinese[: chinese.index("+44")]) == cells(latin[: latin.index("0113")])
