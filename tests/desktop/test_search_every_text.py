"""`list --search` finds a complaint by any text the owner wrote about it: notes
of every kind, the facts, the finding's basis, what was offered and agreed, the
lesson; and forgets the words of an erased customer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from models import facts, followups, lessons, morning_list, resolution, timeline
from models.anonymise import erase_customer
from models.complaints import ComplaintDetails, add_note, load_complaint, log_complaint
from models.customers import CustomerDetails
from models.redress import Given

ROOT = Path(__file__).resolve().parents[2]


def listed(data_dir: Path, words: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "list",
         "--status", "all", "--format", "csv", "--search", words],
        cwd=ROOT, capture_output=True, text=True, env=dict(os.environ), timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return [line.split(",")[0] for line in done.stdout.splitlines()[1:]]


def _log(name: str, account: str):
    return log_complaint(
        CustomerDetails(name=name), ComplaintDetails(account=account), author="Sam"
    )


def test_every_text_written_about_a_complaint_is_searched(db, data_dir) -> None:
    case = _log("Ali Khan", "Charged twice for one loaf.")
    _log("Ana Souza", "The lid is loose.")
    add_note(case.id, "Witness: Brenda saw it", author="Sam")
    add_note(case.id, "Ticket stub in his wallet", author="Sam", kind=timeline.CUSTOMER_SAYS)
    add_note(case.id, "Till roll shows duplicate", author="Sam", kind=timeline.WE_CHECKED)
    facts.record_fault(case.id, "ours", "Scanner firmware glitch", author="Sam")
    done = next(f for f in morning_list.for_complaint(case.id) if f.kind == "acknowledge")
    followups.complete(done.id, followups.DONE_OUTCOME, author="Sam",
                       note="New KMC chain fitted, Ali collected")  # fmt: skip
    call = next(f for f in morning_list.for_complaint(case.id) if f.status == "pending")
    followups.log_progress_call(call.id, "Told him the refund goes out Tuesday", author="Sam")
    resolution.save_resolution(
        case.id, options_offered="Voucher or cashback", agreed_solution="Cashback today",
        first_contact=True, author="Sam",
    )  # fmt: skip
    lessons.record_learning(
        case.id, root_cause_id=1, lesson="Recalibrate scanners monthly",
        redress=(Given("none"),), author="Sam", closing=True,
    )  # fmt: skip
    for words in ("Witness", "wallet", "duplicate", "firmware", "Voucher", "Cashback today",
                  "recalibrate", "KMC chain", "refund goes out"):  # fmt: skip
        assert listed(data_dir, words) == [case.reference], words


def test_an_erased_customers_words_are_not_found(db, data_dir) -> None:
    hers = _log("Brenda Okafor", "Charged twice.")
    his = _log("Ali Khan", "Late delivery.")
    add_note(hers.id, "Pineapple allergy mentioned", author="Sam")
    add_note(his.id, "Witness: Brenda Okafor saw it", author="Sam")
    assert sorted(listed(data_dir, "Okafor")) == sorted([hers.reference, his.reference])
    erase_customer(load_complaint(hers.id).customer_id, author="Sam")
    assert listed(data_dir, "Okafor") == []
    assert listed(data_dir, "Pineapple") == []
    assert listed(data_dir, "Witness") == [his.reference]
