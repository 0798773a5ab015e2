"""``complaint-desk export-customer``: by customer number or reference, output, errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import desktop.cli
from models.db import close_database
from tests.models.test_customer_data import Shop, two_customers

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def shop(db, tmp_path) -> Shop:
    return two_customers(tmp_path)


@pytest.fixture
def cli(db, capsys, monkeypatch, tmp_path):
    """Run ``complaint-desk ARGS`` in this process from an empty folder; return
    (exit status, stdout, stderr)."""
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    capsys.readouterr()

    def run(*args: str) -> tuple[int, str, str]:
        close_database()  # the command opens the data folder itself, as it does for real
        status = desktop.cli.main(["--data-dir", str(db.parent), *args])
        out, err = capsys.readouterr()
        return status, out, err

    return run


def written(out: str) -> tuple[Path, Path]:
    json_path, pdf_path = (Path(line) for line in out.splitlines())
    return json_path, pdf_path


def test_by_customer_number_into_the_current_folder(shop, cli, tmp_path) -> None:
    status, out, err = cli("export-customer", str(shop.zoe_id))
    assert (status, err) == (0, "")
    json_path, pdf_path = written(out)
    assert json_path.parent.resolve() == pdf_path.parent.resolve() == tmp_path / "here"
    assert json_path.suffix == ".json" and pdf_path.suffix == ".pdf"
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert [c["reference"] for c in data["complaints"]] == list(shop.zoe_refs)
    assert pdf_path.read_bytes().startswith(b"%PDF-")


def test_by_reference_exports_that_complaints_customer(shop, cli, tmp_path) -> None:
    folder = tmp_path / "for" / "zoe"
    status, out, _ = cli("export-customer", shop.zoe_refs[1].lower(), "--to", str(folder))
    assert status == 0
    json_path, pdf_path = written(out)
    assert json_path.parent == pdf_path.parent == folder
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["customer"]["name"] == "Zoë <b>Łukasiewicz</b>"
    assert shop.other_ref not in json_path.read_text(encoding="utf-8")


def test_a_second_export_never_overwrites_the_first(shop, cli) -> None:
    first = written(cli("export-customer", str(shop.zoe_id))[1])
    second = written(cli("export-customer", str(shop.zoe_id))[1])
    assert set(first).isdisjoint(second)
    assert all(path.exists() for path in (*first, *second))
    assert second[0].stem == first[0].stem + "-2"


@pytest.mark.parametrize(
    ("customer", "message"),
    [
        ("999", "There is no customer number 999."),
        ("C-2026-0999", "There is no complaint with the reference C-2026-0999."),
        ("99999999999999999999999", "There is no customer number 99999999999999999999999."),
        ("Zoë", "Give a customer number or a complaint reference such as C-2026-0012, not 'Zoë'."),
    ],
)
def test_an_unknown_customer_fails_with_one_sentence(shop, cli, customer, message) -> None:
    status, out, err = cli("export-customer", customer)
    assert (status, out) == (1, "")
    assert err == f"complaint-desk: {message}\n"
    assert list(Path.cwd().iterdir()) == []


def test_a_folder_that_cannot_be_made_fails_with_one_sentence(shop, cli, tmp_path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    status, out, err = cli("export-customer", str(shop.zoe_id), "--to", str(blocker / "sub"))
    assert (status, out) == (1, "")
    assert err.count("\n") == 1 and "is not a folder" in err and "Traceback" not in err


def test_run_as_a_person_would(shop, tmp_path) -> None:
    close_database()
    folder = tmp_path / "exports"
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "export-customer", shop.zoe_refs[0], "--to",
         str(folder), "--data-dir", str(tmp_path / "data")],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert [Path(line).parent for line in done.stdout.splitlines()] == [folder, folder]
    listed = subprocess.run(
        [sys.executable, "-m", "desktop", "--help"], cwd=ROOT, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert "export-customer" in listed.stdout
