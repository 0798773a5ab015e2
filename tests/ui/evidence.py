"""Adding evidence as the Facts tab does, off the window's thread: wait until done."""

from __future__ import annotations


def add_files(qtbot, facts, paths: list[str]) -> int:
    """Add ``paths`` as evidence on ``facts`` (the Facts tab); how many were added."""
    with qtbot.waitSignal(facts.files_added, timeout=30_000) as added:
        facts.add_files(paths)
    return added.args[0]
