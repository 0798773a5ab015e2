"""``complaint-desk demo``: fill the log with realistic sample data."""

from __future__ import annotations

import argparse
import time

NAME = "demo"
HELP = "add realistic sample complaints, customers and timelines"


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 1_000_000:
        raise argparse.ArgumentTypeError("choose between 1 and 1,000,000 complaints")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--complaints", type=_positive, default=300, metavar="N", help="how many (default 300)"
    )
    parser.add_argument("--seed", type=int, default=None, help="random seed, for repeatable data")
    parser.add_argument(
        "--with-real-complaints",
        action="store_true",
        help="add it even though the log holds the shop's own complaints (they cannot be "
        "told apart afterwards; sample data normally goes only into an empty log)",
    )


def run(args: argparse.Namespace) -> int:
    from models import display
    from models.demo import add_demo_data

    started = time.perf_counter()
    added = add_demo_data(
        args.complaints, seed=args.seed, with_real_complaints=args.with_real_complaints
    )
    took = time.perf_counter() - started
    print(f"Added {display.count(added, 'sample complaint')} in {took:.1f} s.")
    from desktop.commands.backup import after_work

    after_work()
    return 0
