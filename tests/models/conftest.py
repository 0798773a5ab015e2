"""The model tests run on both engines: SQLite and PostgreSQL (see tests/conftest.py)."""

from __future__ import annotations

import pytest

from tests.conftest import ENGINES


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "engine" in metafunc.fixturenames:
        if metafunc.definition.get_closest_marker("sqlite_only") is None:
            metafunc.parametrize("engine", ENGINES, indirect=True)
