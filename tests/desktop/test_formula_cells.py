"""A CSV the app writes never makes a spreadsheet run a formula from a customer's words,
and reading it back gives exactly the text the log holds."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from models.db import close_database
from models.log_csv import export_log, import_log, read_log
from models.tables import Complaint

ROOT = Path(__file__).resolve().parents[2]
PAYLOADS = (
    '=HYPERLINK("http://example.com","click")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "  =1+1",
    "'=already guarded",
)
# How a spreadsheet decides a cell is a formula (spaces before it do not help).
LIVE = ("=", "+", "-", "@", "\t", "\r")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip


def log_payloads() -> None:
    for n, payload in enumerate(PAYLOADS):
        log_complaint(
            CustomerDetails(name=f"{payload} {n}", phone="+44 7700 900123" if n else ""),
            ComplaintDetails(account=payload, product=payload, remedy_sought="\t=1+1"),
            author="Sam",
            new_customer=True,
        )


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_no_cell_of_any_csv_the_app_writes_runs_as_a_formula(db) -> None:
    log_payloads()
    close_database()
    outputs = [
        run("--data-dir", str(db.parent), "export", "-"),
        run("--data-dir", str(db.parent), "list", "--status", "all", "--format", "csv"),
        run("--data-dir", str(db.parent), "followups", "--due", "all", "--format", "csv"),
    ]
    for done in outputs:
        assert done.returncode == 0, done.stderr
        written = cells(done.stdout)
        assert written
        live = [cell for cell in written if cell.lstrip(" ").startswith(LIVE)]
        assert live == [], live
    exported = cells(outputs[0].stdout)
    assert '\'=HYPERLINK("http://example.com","click")' in exported
    assert "'+44 7700 900123" in exported


def test_an_exported_log_reads_back_exactly_as_the_log_holds_it(db, tmp_path) -> None:
    log_payloads()
    before = sorted((c.account, c.product, c.remedy_sought, c.customer.name) for c in Complaint)
    out = io.StringIO()
    export_log(out)
    Complaint.delete().execute()
    plan = read_log(out.getvalue().encode("utf-8"))
    assert plan.problems == []
    import_log(plan, author="Sam")
    after = sorted((c.account, c.product, c.remedy_sought, c.customer.name) for c in Complaint)
    assert after == before
    assert "=1+1" in {row[2] for row in after}  # kept as typed (its tab trimmed when saved)
