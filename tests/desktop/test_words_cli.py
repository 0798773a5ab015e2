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
