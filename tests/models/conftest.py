"""The model tests run on both engines: SQLite and PostgreSQL (see tests/conftest.py)."""

from __future__ import annotations

import pytest

from tests.conftest import ENGINES


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "engine" in metafunc.fixturenames:
        only_sqlite = metafunc.definition.get_closest_marker("sqlite_only") is not None
        engines = ENGINES[:1] if only_sqlite else ENGINES
        metafunc.parametrize("engine", engines, indirect=True)
