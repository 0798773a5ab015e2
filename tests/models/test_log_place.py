"""Where the log is kept, as chosen in Preferences: never with a password."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.errors import ValidationError
from models.settings import LOG_PLACE_FILE, log_place, set_log_place


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


def _everything_written(folder: Path) -> str:
    return "".join(p.read_text(errors="replace") for p in folder.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    "address",
    [
        "postgresql://till:s3cr3t@backoffice/shop",
        "postgres://till:s3cr3t@backoffice:5433/shop?sslmode=require",
        "postgresql://till@backoffice/shop?password=s3cr3t",
        "host=backoffice dbname=shop password=s3cr3t",
        "host=backoffice password='s3 cr3t' dbname=shop",
    ],
)
def test_an_address_holding_a_password_is_refused_and_nothing_is_written(
    folder: Path, address: str
) -> None:
    set_log_place(folder, "postgresql://till@backoffice/shop")
    with pytest.raises(ValidationError, match=r"\.pgpass.*service") as refused:
        set_log_place(folder, address)
    assert "s3" not in str(refused.value)
    assert "s3cr3t" not in _everything_written(folder)
    assert log_place(folder) == "postgresql://till@backoffice/shop"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("  postgresql://till@backoffice/shop  ", "postgresql://till@backoffice/shop"),
        ("shop", "service=shop"),
        ("service=shop", "service=shop"),
        (
            "host=backoffice dbname=shop sslmode=require",
            "host=backoffice dbname=shop sslmode=require",
        ),
    ],
)
def test_an_address_or_a_service_name_is_kept_for_the_next_opening(
    folder: Path, typed: str, kept: str
) -> None:
    assert log_place(folder) is None
    assert set_log_place(folder, typed) == kept
    assert log_place(folder) == kept


def test_this_computer_again(folder: Path) -> None:
    set_log_place(folder, "service=shop")
    assert set_log_place(folder, None) is None
    assert log_place(folder) is None


@pytest.mark.parametrize("typed", ["", "   ", "postgresql://till@[backoffice/shop"])
def test_an_empty_or_unreadable_address_is_refused(folder: Path, typed: str) -> None:
    with pytest.raises(ValidationError):
        set_log_place(folder, typed)
    assert log_place(folder) is None


@pytest.mark.parametrize(
    "content", [b"", b"{not json", b"\xff\xfe", b'["service=shop"]', b'{"server": "/etc"}']
)
def test_a_damaged_choice_is_this_computer(folder: Path, content: bytes) -> None:
    (folder / LOG_PLACE_FILE).write_bytes(content)
    assert log_place(folder) is None


def test_a_folder_that_cannot_be_written_says_so(folder: Path) -> None:
    from models.errors import StorageError

    missing = folder / "not-there"
    with pytest.raises(StorageError, match="was not changed"):
        set_log_place(missing, "service=shop")
