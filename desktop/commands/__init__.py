"""One module per command; each offers ``name``, ``help``, ``add_arguments`` and ``run``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass

from desktop.commands import demo, list_log


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


COMMANDS: tuple[Command, ...] = (
    Command(demo.NAME, demo.HELP, demo.add_arguments, demo.run),
    Command(list_log.NAME, list_log.HELP, list_log.add_arguments, list_log.run),
)
