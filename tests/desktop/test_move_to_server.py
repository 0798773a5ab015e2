"""complaint-desk move-to-server: the data file's log copied to a server, checked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import desktop.cli
from desktop.startup import open_data
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from models.db import close_database
from models.demo import add_demo_data
from models.tables import Customer

NOW = dt.datetime(2026, 3, 14, 10, 30)


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = desktop.cli.main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def shop(data_dir: Path) -> Path:
    """A data folder whose log (in the data file) holds 80 complaints."""
    open_data(data_dir)
    add_demo_data(80, seed=3, now=NOW)
    close_database()
    return data_dir


def _listed(capsys, *options: str) -> str:
    status, out, err = _cli(capsys, *options, "list", "--status", "all", "--format", "csv")
    assert status == 0, err
    return out


def test_the_log_moves_to_the_server_whole_and_the_file_is_left_as_it_was(
    shop: Path, server_address: str, capsys
) -> None:
    data_file = shop / "complaints.sqlite3"
    before = data_file.read_bytes()
    in_file = _listed(capsys, "--data-dir", str(shop))
    status, out, err = _cli(capsys, "--data-dir", str(shop), "move-to-server", server_address)
    assert status == 0, err
    assert "Copied 80 complaints" in out and "checked" in out
    assert data_file.read_bytes() == before
    on_server = _listed(capsys, "--data-dir", str(shop), "--database", server_address)
    assert on_server == in_file and in_file.count("\n") == 81
    # Search finds the same complaints on the server.
    search = ("--status", "all", "--format", "csv", "--search", "khan")
    status, found_in_file, _ = _cli(capsys, "--data-dir", str(shop), "list", *search)
    status, found_on_server, _ = _cli(
        capsys, "--data-dir", str(shop), "--database", server_address, "list", *search
    )
    assert found_on_server == found_in_file and found_in_file.count("\n") > 1


def test_a_complaint_logged_on_the_server_afterwards_follows_on(
    shop: Path, server_address: str, capsys
) -> None:
    assert _cli(capsys, "--data-dir", str(shop), "move-to-server", server_address)[0] == 0
    open_data(shop, database=server_address)
    try:
        highest = max(c.id for c in Customer.select(Customer.id))
        saved = log_complaint(
            CustomerDetails(name="Nadia Haddad"),
            ComplaintDetails(account="The new kettle leaks."),
            author="Sam",
            now=NOW + dt.timedelta(days=1),
        )
        assert Customer.get_by_id(highest + 1).name == "Nadia Haddad"
        assert saved.reference.startswith("C-2026-")
    finally:
        close_database()
    _, out, _ = _cli(
        capsys, "--data-dir", str(shop), "--database", server_address, "list", "--status",
        "all", "--format", "csv", "--search", "Haddad",
    )  # fmt: skip
    assert saved.reference in out


def test_a_server_that_holds_a_log_is_refused_unless_replace_is_said(
    shop: Path, server_address: str, capsys
) -> None:
    assert _cli(capsys, "--data-dir", str(shop), "move-to-server", server_address)[0] == 0
    open_data(shop, database=server_address)
    log_complaint(CustomerDetails(name="Only On Server"), ComplaintDetails(account="Late."),
                  author="Sam", now=NOW)  # fmt: skip
    close_database()
    status, out, err = _cli(capsys, "--data-dir", str(shop), "move-to-server", server_address)
    assert status == 1
    assert "already holds 81 complaints" in err and "--replace" in err
    assert "Only On Server" in _listed(
        capsys, "--data-dir", str(shop), "--database", server_address
    )
    status, out, err = _cli(
        capsys, "--data-dir", str(shop), "move-to-server", server_address, "--replace"
    )
    assert status == 0, err
    assert "Replaced the 81 complaints the server held" in out
    on_server = _listed(capsys, "--data-dir", str(shop), "--database", server_address)
    assert "Only On Server" not in on_server
    assert on_server == _listed(capsys, "--data-dir", str(shop))


def test_a_row_the_server_cannot_take_copies_nothing(
    shop: Path, server_address: str, capsys
) -> None:
    # An older version could leave a NUL in a name; PostgreSQL's text cannot hold one.
    open_data(shop)
    Customer.update(name="Zoë\x00Martin").where(Customer.id == 5).execute()
    close_database()
    status, out, err = _cli(capsys, "--data-dir", str(shop), "move-to-server", server_address)
    assert status == 1
    assert "Nothing was copied; the data file is unchanged." in err
    assert "NUL" in err and "cannot be reached" not in err
    assert "Traceback" not in err
    # The server's log is still empty (its schema made, nothing in it).
    status, out, err = _cli(
        capsys, "--data-dir", str(shop), "--database", server_address, "list", "--status", "all"
    )
    assert (status, out) == (0, "No complaints.\n")


def test_a_folder_without_a_data_file_is_refused_before_the_server_is_touched(
    tmp_path: Path, server_address: str, capsys
) -> None:
    empty = tmp_path / "nothing-here"
    status, _, err = _cli(capsys, "--data-dir", str(empty), "move-to-server", server_address)
    assert status == 1
    assert "There is no Complaint Desk data file" in err
    status, _, err = _cli(capsys, "--data-dir", str(empty), "--database", server_address, "list")
    assert "holds no Complaint Desk log yet" in err


# --- attachments, letters and the logo ---------------------------------------------

PHOTO = b"\xff\xd8\xff\xe0 a photo of the dented kettle " * 40
LETTER = b"%PDF-1.4\n% an acknowledgement\n"


def _files_of(shop: Path) -> dict[str, bytes]:
    """Every file the app keeps in the data folder beside the data file, by path."""
    kept = [
        *(shop / "attachments").rglob("*"),
        *(shop / "letters").rglob("*"),
        *shop.glob("logo.*"),
    ]
    return {str(path.relative_to(shop)): path.read_bytes() for path in kept if path.is_file()}


@pytest.fixture
def shop_with_files(shop: Path, picture: Path, tmp_path: Path) -> dict[str, int]:
    """The shop's data file with a photo on complaint 3, a letter on complaint 5 and a logo."""
    from models import business
    from models.attachments import attach
    from models.letter_records import save_letter

    photo = tmp_path / "kettle.jpg"
    photo.write_bytes(PHOTO)
    open_data(shop)
    try:
        evidence = attach(3, photo, author="Sam", now=NOW)
        letter = save_letter(5, "acknowledgement", "Your complaint", "Dear customer,", LETTER,
                             author="Sam", now=NOW)  # fmt: skip
        business.save_profile(
            business.BusinessProfile(
                name="Corner Cycles", signatory_name="Jo", logo_file=business.import_logo(picture)
            )
        )
    finally:
        close_database()
    return {"evidence": evidence.id, "letter": letter.id}


def test_attachments_letters_and_the_logo_move_checked_and_the_folder_is_left_alone(
    shop: Path, shop_with_files: dict[str, int], server_address: str, picture: Path,
    tmp_path: Path, capsys,
) -> None:  # fmt: skip
    from models.attachments import path_of
    from models.business import load_letterhead
    from models.letter_records import letter_file

    before = _files_of(shop)
    assert len(before) == 3
    status, out, err = _cli(capsys, "--data-dir", str(shop), "move-to-server", server_address)
    assert status == 0, err
    files = next(line for line in out.splitlines() if line.startswith("files "))
    assert "3 files" in files and "the same on both" in files
    assert "Copied 80 complaints and 3 files (attachments, letters, the logo)" in out
    assert "stay there" not in out
    assert _files_of(shop) == before  # the data folder's files are only read

    # Another counter, with a data folder of its own, finds every file on the server.
    open_data(tmp_path / "second-till", database=server_address)
    try:
        assert path_of(shop_with_files["evidence"]).read_bytes() == PHOTO
        assert letter_file(shop_with_files["letter"]).read_bytes() == LETTER
        letterhead = load_letterhead()
        assert letterhead is not None and letterhead.logo == picture.read_bytes()
    finally:
        close_database()


def test_a_file_that_reaches_the_server_changed_copies_nothing(
    shop: Path, shop_with_files: dict[str, int], server_address: str, capsys, monkeypatch
) -> None:
    from models import server_files

    put = server_files.TableStore.put

    def garbled(self, key, data, **kwargs):  # the bytes changed on their way
        return put(self, key, data + b"!" if key.kind == "letter" else data, **kwargs)

    monkeypatch.setattr(server_files.TableStore, "put", garbled)
    status, _, err = _cli(capsys, "--data-dir", str(shop), "move-to-server", server_address)
    assert status == 1
    assert "The copy of the files on the server does not match the data folder" in err
    assert "nothing was copied; the data file is unchanged" in err
    import psycopg

    with psycopg.connect(server_address) as connection:
        held = connection.execute(
            "SELECT (SELECT COUNT(*) FROM complaint), (SELECT COUNT(*) FROM stored_file)"
        ).fetchone()
    assert held == (0, 0)


def test_a_file_missing_from_the_data_folder_is_said_and_the_rest_move(
    shop: Path, shop_with_files: dict[str, int], server_address: str, capsys
) -> None:
    letter = next((shop / "letters").iterdir())
    letter.unlink()
    status, out, err = _cli(capsys, "--data-dir", str(shop), "move-to-server", server_address)
    assert status == 0, err
    assert "Copied 80 complaints and 2 files" in out
    assert "1 file the log names could not be copied" in out
    assert f"{letter.name} is not in {shop / 'letters'}" in out


def test_a_file_too_big_for_the_server_stays_in_the_folder_and_is_said(
    shop: Path, shop_with_files: dict[str, int], server_address: str, capsys, monkeypatch
) -> None:
    from models import server_files

    monkeypatch.setattr(server_files, "MAX_ON_SERVER", len(PHOTO) - 1)
    status, out, err = _cli(capsys, "--data-dir", str(shop), "move-to-server", server_address)
    assert status == 0, err
    assert "Copied 80 complaints and 2 files" in out
    assert "more than a file kept on the server can be" in out
    assert f"it stays in {shop / 'attachments' / '3'}" in out


def test_the_counter_that_moved_the_log_keeps_its_name_and_half_typed_complaint(
    shop: Path, server_address: str, tmp_path: Path, capsys
) -> None:
    from models.drafts import NEW_COMPLAINT, load_draft, save_draft
    from models.settings import set_user_name, user_name

    open_data(shop)
    set_user_name("Sam")
    save_draft(NEW_COMPLAINT, {"name": "Ada Lovell", "account": "The lid is cracked."})
    close_database()
    assert _cli(capsys, "--data-dir", str(shop), "move-to-server", server_address)[0] == 0
    open_data(shop, database=server_address)
    try:
        assert user_name() == "Sam"
        draft = load_draft(NEW_COMPLAINT)
        assert draft is not None and draft.data["name"] == "Ada Lovell"
    finally:
        close_database()
    open_data(tmp_path / "back-office", database=server_address)
    try:
        assert user_name() == ""  # another counter: asked who is there
        assert load_draft(NEW_COMPLAINT) is None
    finally:
        close_database()
