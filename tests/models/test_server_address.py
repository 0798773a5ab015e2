"""A PostgreSQL server's address: read as libpq reads it, never shown with its password."""

from __future__ import annotations

import pytest

from models.errors import StorageError
from models.server import (
    describe_address,
    is_server_address,
    parse_address,
    translate,
    unencrypted,
    where,
)


@pytest.mark.parametrize(
    "text",
    [
        "postgresql://till@backoffice/shop",
        "postgres://till@backoffice:5433/shop?sslmode=require",
        "service=shop",
        "host=backoffice dbname=shop user=till",
    ],
)
def test_urls_and_key_value_words_name_a_server(text: str) -> None:
    assert is_server_address(text)
    assert parse_address(text)


@pytest.mark.parametrize("text", ["", "/home/shop/data", "C:\\Shop\\data", "shop.sqlite3"])
def test_a_folder_or_a_file_is_not_a_server(text: str) -> None:
    assert not is_server_address(text)
    with pytest.raises(StorageError, match="is not a PostgreSQL address"):
        parse_address(text)


def test_an_address_libpq_cannot_read_is_refused_in_one_sentence() -> None:
    with pytest.raises(StorageError, match=r"cannot be read: .*\]"):
        parse_address("postgresql://till@[backoffice/shop")


@pytest.mark.parametrize(
    "text",
    [
        "postgresql://till:s3cr3t@backoffice/shop",
        "postgresql://till@backoffice/shop?password=s3cr3t&sslmode=require",
        "host=backoffice password=s3cr3t dbname=shop",
        "host=backoffice password='s3 cr3t' dbname=shop",
    ],
)
def test_a_password_in_the_address_is_never_shown(text: str) -> None:
    shown = describe_address(text)
    assert "s3" not in shown and "cr3t" not in shown
    assert "backoffice" in shown and "shop" in shown


def test_messages_name_the_database_and_the_computer() -> None:
    assert where(parse_address("postgresql://till@backoffice/shop")) == (
        "database shop on backoffice"
    )
    assert where(parse_address("service=shop")) == "service shop"
    assert where(parse_address("postgresql:///shop?host=/run/postgresql")) == (
        "database shop on this computer"
    )


def test_sqlite_parameters_become_psycopg_ones_and_literal_percents_stay_literal() -> None:
    sql = (
        "SELECT x FROM t WHERE a = ? AND b = :name AND c LIKE '50%' "
        "AND d::text = '?' AND e = '10:30' -- why? 100%"
    )
    assert translate(sql) == (
        "SELECT x FROM t WHERE a = %s AND b = %(name)s AND c LIKE '50%%' "
        "AND d::text = '?' AND e = '10:30' -- why? 100%%"
    )
    # peewee's own queries are already in psycopg's spelling.
    assert translate("SELECT %s, %(k)s") == "SELECT %s, %(k)s"


@pytest.mark.parametrize("host", ["backoffice", "192.168.1.20", "db.example.org"])
def test_a_server_on_another_computer_needs_encryption_unless_the_owner_says_not(
    host: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PGSSLMODE", raising=False)
    refused = unencrypted(host, encrypted=False, sslmode=None)
    assert refused is not None and host in refused and "sslmode=disable" in refused
    assert unencrypted(host, encrypted=True, sslmode=None) is None
    assert unencrypted(host, encrypted=False, sslmode="disable") is None
    monkeypatch.setenv("PGSSLMODE", "disable")
    assert unencrypted(host, encrypted=False, sslmode=None) is None


@pytest.mark.parametrize("host", ["/run/postgresql", "localhost", "127.0.0.1", "::1"])
def test_a_server_on_this_computer_needs_no_encryption(host: str) -> None:
    assert unencrypted(host, encrypted=False, sslmode=None) is None
