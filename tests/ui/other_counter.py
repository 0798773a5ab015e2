"""Another counter: a process of its own, on a data folder of its own, saving to
the same log on the server through the app's own functions.

``python tests/ui/other_counter.py DATA_DIR ACTION ARG...`` (with the project
on ``PYTHONPATH``) opens the log named by ``$COMPLAINT_DESK_DATABASE`` as the
app does, does one thing as Priya Shah, and prints what it saved:

    log NAME ACCOUNT            a new complaint          -> its reference
    done FOLLOW_UP_ID           a follow-up done         -> "done"
    customer COMPLAINT_ID NAME  the customer's name      -> "changed"
    close COMPLAINT_ID REASON   the complaint closed     -> "closed"
    erase COMPLAINT_ID          its customer erased      -> "erased"
    restore BACKUP              the log put back from it -> where the log it replaced is kept
"""

from __future__ import annotations

import dataclasses
import sys

from desktop.startup import open_data
from models import anonymise, complaints, edit_clash, followups
from models.choices import CLOSED
from models.customers import CustomerDetails

WHO = "Priya Shah"


def main(data_dir: str, action: str, *args: str) -> str:
    open_data(data_dir)
    if action == "log":
        name, account = args
        saved = complaints.log_complaint(
            CustomerDetails(name=name, phone="01632 960999"),
            complaints.ComplaintDetails(account=account, product="Kettle"),
            author=WHO,
            new_customer=True,
        )
        return saved.reference
    if action == "done":
        followups.complete(int(args[0]), followups.DONE_OUTCOME, author=WHO)
        return "done"
    if action == "customer":
        seen = complaints.load_complaint(int(args[0]))
        customer = dataclasses.replace(seen.customer, name=args[1])
        edit_clash.save_edits(seen, seen.details, customer, author=WHO)
        return "changed"
    if action == "close":
        complaints.set_status(int(args[0]), CLOSED, author=WHO, reason=args[1])
        return "closed"
    if action == "erase":
        seen = complaints.load_complaint(int(args[0]))
        anonymise.erase_customer(seen.customer_id, author=WHO)
        return "erased"
    if action == "restore":
        from models.server_restore import restore_dump

        return str(restore_dump(args[0], by=WHO))
    raise SystemExit(f"unknown action {action!r}")


if __name__ == "__main__":
    print(main(*sys.argv[1:]), flush=True)
