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
    restore,
)


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    needs_data: bool = True  # opens the data folder before running


def _command(module: ModuleType) -> Command:
    return Command(
        module.NAME,
        module.HELP,
        module.add_arguments,
        module.run,
        getattr(module, "NEEDS_DATA", True),
    )


COMMANDS: tuple[Command, ...] = tuple(
    _command(module)
    for module in (
        demo,
        list_log,
        followups,
        letter,
        export_log,
        export_customer,
        import_log,
        backup,
        restore,
        check_wording,
    )
)
