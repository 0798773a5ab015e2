"""Shared fixtures. Every test runs on a temporary data folder, headless."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _private_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point every per-user folder at a temporary one: no test touches real data."""
    home = tmp_path_factory.mktemp("home")
    for variable, sub in (
        ("HOME", ""),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_CACHE_HOME", ".cache"),
    ):
        folder = home / sub
        folder.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(variable, str(folder))
    monkeypatch.delenv("COMPLAINT_DESK_DATA_DIR", raising=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    return folder


@pytest.fixture
def db(data_dir: Path) -> Iterator[Path]:
    """An opened, migrated database in a temporary folder; yields its file path."""
    from desktop.startup import open_data
    from models.db import close_database

    path = open_data(data_dir)
    yield path
    close_database()


@pytest.fixture
def now() -> dt.datetime:
    return dt.datetime(2026, 3, 14, 10, 30, 0)


@pytest.fixture
def picture(tmp_path: Path) -> Path:
    """An image of the owner's, outside the data folder."""
    from PIL import Image

    path = tmp_path / "elsewhere" / "private.png"
    path.parent.mkdir()
    Image.new("RGB", (300, 120), "orange").save(path)
    return path
