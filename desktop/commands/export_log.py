"""``complaint-desk export FILE|-``: the log (or part of it) as a CSV file, or
as an Excel workbook when FILE ends in .xlsx.

The header and the values are described in :mod:`models.log_csv` and
:mod:`models.log_xlsx_export`. ``-``
writes to standard output, with nothing else on it; otherwise a one-line
summary goes to standard error.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.complaint_list import ListQuery

NAME = "export"
HELP = "write the complaints log as a CSV file, or .xlsx workbook (- for CSV on stdout)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", metavar="FILE|-", help="the file to write (.csv or .xlsx), or - for CSV on stdout"
    )
    parser.add_argument(
        "--status", choices=("open", "closed", "all"), default="all", help="default: all"
    )
    parser.add_argument("--search", default="", metavar="WORDS", help="only complaints matching")


def _query(args: argparse.Namespace) -> ListQuery | None:
    from models.complaint_list import ListQuery

    if args.status == "all" and not args.search.strip():
        return None
    return ListQuery(status=args.status, text=args.search)


def run(args: argparse.Namespace) -> int:
    from models.log_csv import export_log, export_to_file

    query = _query(args)
    if args.file == "-":
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:  # a text-only stream (tests, embedding)
            export_log(sys.stdout, query=query)
            return 0
        sys.stdout.flush()
        out = io.TextIOWrapper(buffer, encoding="utf-8", newline="", write_through=True)
        try:
            export_log(out, query=query)
            out.flush()
        finally:
            with contextlib.suppress(ValueError):
                out.detach()
        return 0

    count = export_to_file(Path(args.file), query=query)
    noun = "complaint" if count == 1 else "complaints"
    print(f"Exported {count:,} {noun} to {args.file}.", file=sys.stderr)
    return 0
