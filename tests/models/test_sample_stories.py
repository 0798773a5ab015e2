"""Sample data reads like a real log: each sample complaint is filed under the
category its story is about, and a seed gives the same log every time."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import peewee

from models.categories import guide_for
from models.demo import add_demo_data
from models.tables import Category, Complaint
from models.text import fold

NOW = dt.datetime(2026, 12, 1, 9, 0)


def _uses_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether ``text`` uses one of ``words`` (each the start of a word or phrase)."""
    folded = " ".join(fold(text).replace("’", "'").split())
    return any(re.search(r"(?<!\w)" + re.escape(fold(word)), folded) for word in words)


def _log() -> list[tuple[str, str | None]]:
    """Each complaint's story and the name of its category, oldest first."""
    query = (
        Complaint.select(Complaint.account, Category.name)
        .join(Category, peewee.JOIN.LEFT_OUTER)
        .order_by(Complaint.id)
    )
    return list(query.tuples())


def test_each_sample_story_uses_the_words_of_its_category(db) -> None:
    add_demo_data(400, seed=4, now=NOW)
    log = _log()
    assert log
    misfiled = []
    for account, category in log:
        guide = guide_for(category or "")
        if guide is None or not _uses_any(account, guide.words):
            misfiled.append((category, account))
    assert misfiled == []


def test_the_same_seed_gives_the_same_log(tmp_path: Path) -> None:
    from desktop.startup import open_data
    from models.db import close_database

    logs = []
    for name in ("first", "second"):
        open_data(tmp_path / name)
        try:
            add_demo_data(60, seed=7, now=NOW)
            logs.append(_log())
        finally:
            close_database()
    assert logs[0] == logs[1]
    assert logs[0]
