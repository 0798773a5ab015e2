"""One module per command; each offers ``name``, ``help``, ``add_arguments`` and ``run``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from desktop.commands import (
    backup,
    check_wording,
    demo,
    export_customer,
    export_log,
    followups,
    import_log,
    letter,
    list_log,
    move_to_server,
    restore,
)


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    needs_data: bool = True  # opens the data folder before running
    # May start a new log in a folder without one; the others only read, and
    # refuse such a folder (a mistyped --data-dir is not an empty log).
    creates_data: bool = False
    epilog: str = ""
    # Checks the data file before it starts and refuses a damaged one: it writes
    # into the file, or makes a copy of it that must be whole.
    checked: bool = False


def _command(module: ModuleType, *, creates_data: bool = False, checked: bool = False) -> Command:
    return Command(
        module.NAME,
        module.HELP,
        module.add_arguments,
        module.run,
        getattr(module, "NEEDS_DATA", True),
        creates_data,
        getattr(module, "EPILOG", ""),
        checked,
    )


COMMANDS: tuple[Command, ...] = (
    _command(demo, creates_data=True, checked=True),
    _command(list_log),
    _command(followups),
    _command(letter, checked=True),
    _command(export_log, checked=True),
    _command(export_customer, checked=True),
    _command(import_log, creates_data=True, checked=True),
    _command(backup),
    _command(restore),
    _command(check_wording),
    _command(move_to_server),
)
