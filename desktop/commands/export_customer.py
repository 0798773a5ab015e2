"""``complaint-desk export-customer CUSTOMER``: everything held about one customer.

CUSTOMER is a customer number, or the reference of one of their complaints
(``C-2026-0012``). Writes ``<name>-<YYYYMMDD>.json`` and ``.pdf`` (see
:mod:`models.customer_data`) into the current folder or ``--to FOLDER``,
never overwriting a file there, and prints the two paths, one a line.
"""

from __future__ import annotations

import argparse
from pathlib import Path

NAME = "export-customer"
HELP = "write everything held about one customer as a JSON file and a PDF"
MAX_ID = 2**63 - 1  # SQLite's largest integer


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "customer",
        metavar="CUSTOMER",
        help="a customer number, or the reference of one of their complaints (C-2026-0012)",
    )
    parser.add_argument(
        "--to",
        metavar="FOLDER",
        default=".",
        help="the folder to write the two files in (created if missing; default: here)",
    )


def customer_id_of(text: str) -> int:
    """The customer a customer number or a complaint reference names.

    Raises :class:`NotFoundError` when it names nobody.
    """
    from models.complaints import find_by_reference
    from models.customers import get_customer
    from models.errors import NotFoundError
    from models.references import normalise_reference

    typed = text.strip()
    if typed.isascii() and typed.isdigit():
        if int(typed) > MAX_ID:
            raise NotFoundError(f"There is no customer number {typed}.")
        return int(get_customer(int(typed)).id)
    if normalise_reference(typed) is None:
        raise NotFoundError(
            f"Give a customer number or a complaint reference such as C-2026-0012, not {typed!r}."
        )
    complaint = find_by_reference(typed)
    if complaint is None:
        raise NotFoundError(f"There is no complaint with the reference {typed}.")
    return int(complaint.customer_id)


def run(args: argparse.Namespace) -> int:
    from letters.customer_record import render_customer_record
    from models.customer_data import write_export

    json_path, pdf_path = write_export(
        customer_id_of(args.customer), Path(args.to), render=render_customer_record
    )
    print(json_path)
    print(pdf_path)
    return 0
