"""``complaint-desk check-wording [FILE]``: the wording check on any draft.

Reads the file (or standard input), prints each finding with its line and
column, its message and a safer wording. Exit 0 when the text is clean, 1
when it has findings, 2 for a usage error (including a file that cannot be
read).
"""

from __future__ import annotations

import argparse
import sys

NAME = "check-wording"
HELP = "check a draft for words that admit fault too early"
NEEDS_DATA = False


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file", nargs="?", metavar="FILE", help="the text (default: standard input)"
    )
    parser.add_argument(
        "--fault-is-ours",
        action="store_true",
        help="the facts show the fault was ours: only blame of a colleague and non-apologies"
        " are reported",
    )


def _read(path: str | None) -> str:
    if path is None or path == "-":
        data = sys.stdin.buffer.read()
    else:
        with open(path, "rb") as handle:
            data = handle.read()
    return data.decode("utf-8-sig", errors="replace")


def run(args: argparse.Namespace) -> int:
    from models.text import line_and_column
    from models.wording import scan
    from models.wording.safer import fitted

    try:
        text = _read(args.file)
    except OSError as exc:
        from models.os_errors import describe_os_error

        why = describe_os_error(exc, outcome="so nothing was checked")
        print(f"complaint-desk: {why}", file=sys.stderr)
        return 2
    where = args.file if args.file not in (None, "-") else "<stdin>"
    if not text.strip():
        print(f"Nothing to check: {where} holds no words.", file=sys.stderr)
        return 0
    findings = fitted(text, scan(text, fault_is_ours=args.fault_is_ours))
    for finding in findings:
        line, column = line_and_column(text, finding.start)
        words = " ".join(text[finding.start : finding.end].split())
        print(f"{where}:{line}:{column}: {finding.kind.value}: {finding.message}")
        print(f"    “{words}”")
        if finding.suggestion:
            print(f"    safer: “{finding.suggestion}”")
        elif finding.suggestion == "":
            print("    safer: leave these words out")
    if findings:
        count = len(findings)
        print(f"{count} finding{'s' if count != 1 else ''}.", file=sys.stderr)
        return 1
    return 0
