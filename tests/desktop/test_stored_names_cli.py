"""``complaint-desk letter`` never embeds a logo the data file names outside the data folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
SETUP = """
import sys
from desktop.startup import open_data
open_data(sys.argv[1])
from models import business
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
logo = sys.argv[2] if sys.argv[2] != "import" else business.import_logo(sys.argv[3])
business.save_profile(business.BusinessProfile(name="Corner Cycles", signatory_name="Jo Evans",
                                               logo_file=logo))
c = log_complaint(CustomerDetails(name="Ana Silva", address="1 High St"),
                  ComplaintDetails(account="Flat tyre."), author="Sam")
print(c.reference)
"""


def _letter(data_dir: Path, out: Path, *logo: str) -> subprocess.CompletedProcess[str]:
    """A letterhead whose logo setting is ``logo``, one complaint, and its
    acknowledgement made by the command into ``out``."""
    made = subprocess.run(
        [sys.executable, "-c", SETUP, str(data_dir), *logo],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "letter",
         made.stdout.strip(), "--kind", "acknowledgement", "-o", str(out)],
        cwd=ROOT, capture_output=True, text=True, env=dict(os.environ),
        stdin=subprocess.DEVNULL, timeout=120, check=False,
    )  # fmt: skip


def _images(pdf: Path) -> int:
    """How many pictures the PDF holds (poppler's pdfimages where installed)."""
    if shutil.which("pdfimages"):
        listed = subprocess.run(
            ["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True
        ).stdout.splitlines()
        return len(listed) - 2  # two heading lines
    return sum(len(page.images) for page in PdfReader(pdf).pages)


def test_a_logo_setting_outside_the_data_folder_is_left_off_and_said(
    tmp_path: Path, picture: Path
) -> None:
    legitimate = _letter(tmp_path / "ours", tmp_path / "ours.pdf", "import", str(picture))
    assert legitimate.returncode == 0, legitimate.stderr
    assert _images(tmp_path / "ours.pdf") == 1

    for name, stored in (("absolute", str(picture)), ("relative", "../elsewhere/private.png")):
        data_dir = tmp_path / name
        assert (data_dir / stored).resolve() == picture
        out = tmp_path / f"{name}.pdf"
        done = _letter(data_dir, out, stored)
        assert done.returncode == 0, done.stderr
        assert _images(out) == 0, stored
        assert f"“{stored}”" in done.stderr and "was not opened or deleted" in done.stderr
        assert "Corner Cycles" in PdfReader(out).pages[0].extract_text()
