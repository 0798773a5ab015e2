"""The one rule that turns a file name read from the data file into a path."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.data_files import stored_path
from models.db import data_folder
from models.errors import ComplaintDeskError, UnsafeFileNameError

ACCEPTED = [
    f"{uuid.uuid4().hex}.jpg",  # an attachment's copy
    uuid.uuid4().hex,  # one whose original had no usable suffix
    "C-2026-0042-final-20260314-101500.pdf",  # a letter
    "C-2026-0042-final-20260314-101500-2.pdf",
    "logo.png",
    "Zoë Łukasiewicz letter.pdf",  # spaces and letters of any script
    "Иван Петров — ответ.pdf",
    "..hidden",
    "v1.2 final.pdf",
]

REFUSED = [
    ("", "is not a file name"),
    (".", "is not a file name"),
    ("..", "leads outside"),
    ("...", "leads outside"),
    ("../../victim.txt", "leads outside"),
    ("..\\..\\victim.txt", "leads outside"),
    ("sub/victim.txt", "names a folder too"),
    ("sub\\victim.txt", "names a folder too"),
    ("/etc/passwd", "is a full path"),
    ("C:\\victim.txt", "is a full path"),
    ("C:victim.txt", "is a full path"),
    ("\\\\server\\share\\victim.txt", "is a full path"),
    ("letter.pdf:hidden", "holds a colon"),
    ("victim\x00.pdf", "control characters"),
    ("victim\n.pdf", "control characters"),
    ("victim\x1b[2J.pdf", "control characters"),
    ("victim\u2028.pdf", "control characters"),
    ("NUL", "device"),
    ("con.pdf", "device"),
    ("x" * 256, "longer than 255"),
]


@pytest.mark.parametrize("name", ACCEPTED)
@pytest.mark.parametrize("folder", [("letters",), ("attachments", "12"), ()])
def test_names_the_app_writes_are_accepted(db, name: str, folder: tuple[str, ...]) -> None:
    assert stored_path(name, *folder) == data_folder().joinpath(*folder, name)


@pytest.mark.parametrize(("name", "why"), REFUSED)
def test_anything_but_a_bare_file_name_is_refused(db, name: str, why: str) -> None:
    with pytest.raises(UnsafeFileNameError) as refused:
        stored_path(name, "letters")
    message = str(refused.value)
    assert isinstance(refused.value, ComplaintDeskError) and refused.value.stored == name
    assert why in message and message.endswith("so it was not opened or deleted.")
    assert "\n" not in message and "\x00" not in message  # one line, readable


def test_the_message_names_the_value_with_control_characters_written_out(db) -> None:
    with pytest.raises(UnsafeFileNameError) as refused:
        stored_path("victim\x00.pdf", "letters")
    assert str(refused.value).startswith("The file name “victim\\x00.pdf” in the data file")


@pytest.mark.parametrize("value", [None, 12, b"letter.pdf"])
def test_a_value_that_is_not_text_is_refused(db, value: object) -> None:
    with pytest.raises(UnsafeFileNameError, match="is not a file name"):
        stored_path(value, "letters")


def test_links_are_followed_and_must_stay_inside_the_folder(db, tmp_path: Path) -> None:
    letters = data_folder() / "letters"
    letters.mkdir()
    (letters / "real.pdf").write_bytes(b"%PDF")
    (letters / "inside.pdf").symlink_to(letters / "real.pdf")
    assert stored_path("inside.pdf", "letters") == letters / "inside.pdf"  # the link itself

    (tmp_path / "elsewhere.pdf").write_bytes(b"%PDF")
    (letters / "outside.pdf").symlink_to(tmp_path / "elsewhere.pdf")
    (letters / "loop.pdf").symlink_to(letters / "loop.pdf")
    (data_folder() / "next door.pdf").write_bytes(b"%PDF")
    (letters / "next door.pdf").symlink_to(data_folder() / "next door.pdf")
    for name in ("outside.pdf", "loop.pdf", "next door.pdf"):
        with pytest.raises(UnsafeFileNameError, match="is a link that leads"):
            stored_path(name, "letters")


def test_a_folder_that_is_a_link_elsewhere_is_refused(db, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (data_folder() / "attachments").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(UnsafeFileNameError, match="leads outside the attachments/12 folder"):
        stored_path("photo.jpg", "attachments", "12")


def test_a_data_folder_reached_through_a_link_still_works(tmp_path: Path) -> None:
    from desktop.startup import open_data
    from models.db import close_database

    (tmp_path / "real").mkdir()
    (tmp_path / "via").symlink_to(tmp_path / "real")
    open_data(tmp_path / "via" / "data")
    try:
        assert stored_path("logo.png") == data_folder() / "logo.png"
        assert (
            stored_path("a.pdf", "letters").resolve().parent
            == tmp_path / "real" / "data" / "letters"
        )
    finally:
        close_database()


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=40) | st.from_regex(r"[./\\:a-z]{0,12}", fullmatch=True))
def test_any_name_accepted_stays_inside_its_folder(db, name: str) -> None:
    folder = data_folder().resolve() / "letters"
    try:
        path = stored_path(name, "letters")
    except UnsafeFileNameError as exc:
        assert exc.stored == name
        return
    assert path.resolve().parent == folder and path.name == name
