"""Should the program itself fail (a fault below Python), the data folder's
crash.log says where, so that it can be found and put right."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_a_fault_below_python_leaves_where_it_happened_in_the_crash_log(tmp_path: Path) -> None:
    program = (
        "import faulthandler, sys\n"
        "from desktop import error_hook\n"
        f"error_hook.keep_crash_log({str(tmp_path)!r})\n"
        "def saving_the_profile():\n"
        "    faulthandler._sigsegv()\n"
        "saving_the_profile()\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", program], cwd=Path(__file__).resolve().parents[2],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert ran.returncode != 0
    said = (tmp_path / "crash.log").read_text(encoding="utf-8")
    assert "Complaint Desk started" in said
    assert "Segmentation fault" in said and "saving_the_profile" in said
