"""The role the README tells a shop to make for the app: not a superuser, unable
to create roles or databases, owning one database (and its public schema). The
app makes its tables, its search extension and a complaint with that alone."""

from __future__ import annotations

import datetime as dt
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from desktop.startup import open_data
from models.complaint_list import Listing, ListQuery
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from models.db import close_database
from tests.conftest import TEST_SERVER


@pytest.fixture
def shop_role(test_server) -> Iterator[str]:
    """The README's role and database; the app's address for them."""
    name = f"shop_{secrets.token_hex(4)}"
    test_server.execute(
        f"CREATE ROLE {name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"  # no password: trust
    )
    test_server.execute(f"CREATE DATABASE {name} OWNER {name}")
    import psycopg

    admin = conninfo_to_dict(os.environ[TEST_SERVER])
    with psycopg.connect(make_conninfo(**{**admin, "dbname": name}), autocommit=True) as db:
        db.execute(f"ALTER SCHEMA public OWNER TO {name}")
    try:
        yield make_conninfo(**{**admin, "dbname": name, "user": name})
    finally:
        close_database()
        test_server.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        test_server.execute(f"DROP ROLE IF EXISTS {name}")


def test_the_readmes_role_is_all_the_app_needs(shop_role: str, tmp_path: Path) -> None:
    open_data(tmp_path / "till", database=shop_role)
    saved = log_complaint(
        CustomerDetails(name="Haruka Tanaka"), ComplaintDetails(account="The vase was cracked."),
        author="Sam", now=dt.datetime(2026, 3, 14, 10, 30),
    )  # fmt: skip
    found = Listing(ListQuery(text="tanaka")).next_page()
    assert [row.reference for row in found] == [saved.reference]
