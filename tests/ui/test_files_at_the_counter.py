"""Evidence, letters and the logo in the window, with the log in the data file and
on a server: added, opened, shown again, and erased with the customer."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QLabel

from desktop.startup import open_data
from models import business, file_store, timeline
from models.complaints import ComplaintDetails, load_complaint, log_complaint
from models.customers import CustomerDetails
from models.db import close_database, data_folder
from tests.conftest import ENGINES
from tests.ui.evidence import add_files
from tests.ui.keyboard import press_shortcut
from ui.business_profile_dialog import BusinessProfileDialog

# Both engines, as in the model tests: the window works the same on each.
pytestmark = pytest.mark.parametrize("engine", ENGINES, indirect=True)

PROFILE = business.BusinessProfile(
    name="Corner Cycles", address="1 High St", signatory_name="Jo", signatory_role="Owner"
)


@pytest.fixture
def detail(window):
    saved = log_complaint(
        CustomerDetails(name="Amara Okafor", address="2 Mill Lane"),
        ComplaintDetails(account="The wheel was buckled.", remedy_sought="A new wheel"),
        author="Sam",
        now=dt.datetime.now() - dt.timedelta(hours=2),
    )
    window.list_view.refresh()
    window.list_view.table.selectRow(0)
    assert window.detail.complaint_id == saved.id
    return window.detail


def test_evidence_added_opens_in_the_viewer(
    qtbot, detail, tmp_path: Path, monkeypatch, engine: str
) -> None:
    photo = tmp_path / "buckled wheel.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 a photo of the wheel")
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True
    )
    assert add_files(qtbot, detail.facts, [str(photo)]) == 1
    detail.facts.evidence.setCurrentRow(0)
    qtbot.mouseClick(detail.facts.open_evidence, Qt.MouseButton.LeftButton)

    assert len(opened) == 1
    shown = Path(opened[0])
    assert shown.read_bytes() == photo.read_bytes() and shown.suffix == ".jpg"
    assert shown.is_relative_to(data_folder())  # private to this counter
    if engine == "postgresql":  # a copy of what the server holds, for the viewer
        assert "viewing" in shown.parts


def test_a_letter_made_is_shown_and_shown_again_from_the_letters_tab(
    qtbot, window, detail, picture: Path
) -> None:
    from ui.letter_dialog import LetterDialog

    business.save_profile(
        business.BusinessProfile(**{**vars(PROFILE), "logo_file": business.import_logo(picture)})
    )
    press_shortcut(qtbot, window.detail, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    [dialog] = [d for d in window.findChildren(LetterDialog) if d.isVisible()]
    qtbot.mouseClick(dialog.make, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.made is not None, timeout=10_000)
    assert dialog.status.text() == f"Made and kept as {dialog.made.file_name}."
    assert dialog.preview.document.status() == QPdfDocument.Status.Ready
    assert dialog.preview.save_as.isEnabled()
    saved = file_store.current().get(dialog.made.key)
    assert saved is not None and saved.startswith(b"%PDF")
    dialog.close()

    letters = detail.letters
    detail.show_complaint(detail.complaint_id)
    assert letters.list.count() == 1
    letters.list.setCurrentRow(0)
    assert letters.preview.document.status() == QPdfDocument.Status.Ready
    assert not letters.problem.isVisible()
    target = Path(letters.preview.path or "")
    assert target.name == dialog.made.file_name and target.read_bytes() == saved


def test_the_logo_chosen_at_one_counter_is_shown_at_another(
    qtbot, db, picture: Path, engine: str, tmp_path: Path
) -> None:
    business.save_profile(
        business.BusinessProfile(**{**vars(PROFILE), "logo_file": business.import_logo(picture)})
    )
    close_database()  # another counter: on a server, with a data folder of its own
    open_data(tmp_path / "second-till" if engine == "postgresql" else db.parent)
    dialog = BusinessProfileDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    label = dialog.findChild(QLabel, "logo_preview")
    assert label is not None and not label.pixmap().isNull()


def test_erasing_says_what_is_gone_and_what_a_server_still_holds(
    qtbot, window, detail, tmp_path: Path, no_questions, engine: str
) -> None:
    photo = tmp_path / "receipt.jpg"
    photo.write_bytes(b"\xff\xd8 her receipt")
    assert add_files(qtbot, detail.facts, [str(photo)]) == 1
    complaint_id = detail.complaint_id
    detail.tabs.setCurrentIndex(detail.CUSTOMER_TAB)
    qtbot.mouseClick(detail.erase_customer, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Customer erased" in " ".join(no_questions) or any(
        "erased from 1 complaint" in text for text in no_questions), timeout=10_000)  # fmt: skip

    said = no_questions[-1]
    assert "erased from 1 complaint; 1 file deleted." in said
    assert file_store.current().files(owner_id=complaint_id) == []
    assert load_complaint(complaint_id).details.account == "[removed]"
    if engine == "postgresql":
        assert "PostgreSQL" in said and "VACUUM" in said and "backups" in said
    else:
        assert "VACUUM" not in said


def test_a_file_being_copied_in_leaves_the_window_working(
    qtbot, detail, tmp_path: Path, monkeypatch
) -> None:
    """A large photo going to a server takes a while: the window goes on answering
    (typing a note) while it is copied, Add files… waits, and the list shows it once
    it is in."""
    from models import attachments

    photo = tmp_path / "cracked vase.jpg"
    photo.write_bytes(b"\xff\xd8 a photo")
    copying, go_on = threading.Event(), threading.Event()
    attach = attachments.attach

    def slow_attach(*args, **kwargs):
        copying.set()
        go_on.wait(30)
        return attach(*args, **kwargs)

    monkeypatch.setattr(attachments, "attach", slow_attach)
    facts = detail.facts
    try:
        with qtbot.waitSignal(facts.files_added, timeout=30_000) as added:
            facts.add_files([str(photo)])
            assert copying.wait(10)
            assert not facts.add_evidence.isEnabled()
            assert facts.adding.isVisibleTo(facts) and facts.adding.text() == "Adding 1 file…"
            qtbot.keyClicks(detail.composer.text, "Rang her back")  # the window answers
            assert detail.composer.text.toPlainText() == "Rang her back"
            go_on.set()
    finally:
        go_on.set()
    assert added.args == [1]
    assert facts.add_evidence.isEnabled() and not facts.adding.isVisibleTo(facts)
    assert "cracked vase.jpg" in facts.evidence.item(0).text()


def test_a_report_is_saved_beside_the_letter_saved_before(
    qtbot, window, detail, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QFileDialog

    from ui import messages
    from ui.letter_dialog import LetterDialog

    business.save_profile(PROFILE)
    letters = tmp_path / "Letters"
    letters.mkdir()
    started_in: list[Path] = []

    def save(_parent, _title, suggested, filters="", *_rest):
        started_in.append(Path(suggested).parent)
        return str(letters / Path(suggested).name), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    monkeypatch.setattr(messages, "inform", lambda *_args: None)
    press_shortcut(qtbot, window.detail, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    [dialog] = [d for d in window.findChildren(LetterDialog) if d.isVisible()]
    qtbot.mouseClick(dialog.make, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.made is not None, timeout=10_000)
    qtbot.mouseClick(dialog.preview.save_as, Qt.MouseButton.LeftButton)
    assert any(letters.glob("*.pdf"))
    dialog.close()

    [insights] = [a for a in window.findChildren(QAction) if a.text() == "&Insights"]
    insights.trigger()
    qtbot.waitUntil(lambda: window.insights.report.isEnabled(), timeout=10_000)
    qtbot.mouseClick(window.insights.report, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(started_in) == 2, timeout=20_000)
    assert started_in[1] == letters


def test_a_note_being_written_stays_in_its_box_while_a_letter_is_made(
    qtbot, window, detail, monkeypatch
) -> None:
    from ui import messages
    from ui.letter_dialog import LetterDialog

    business.save_profile(PROFILE)
    asked: list[str] = []
    monkeypatch.setattr(
        messages, "save_discard_or_cancel", lambda _p, _t, text: asked.append(text) or "save"
    )
    detail.composer.text.setFocus()
    qtbot.keyClicks(detail.composer.text, "Half-typed note about the rattle")
    press_shortcut(qtbot, window.detail, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    [dialog] = [d for d in window.findChildren(LetterDialog) if d.isVisible()]
    dialog.close()
    assert asked == []
    assert detail.composer.text.toPlainText() == "Half-typed note about the rattle"
    assert not any("Half-typed" in entry.text for entry in timeline.entries(detail.complaint_id))

    # A change to the complaint itself is still asked about, and the note still stays.
    detail.account.setPlainText("The wheel was buckled and the hub rattles.")
    press_shortcut(qtbot, window.detail, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert len(asked) == 1
    assert load_complaint(detail.complaint_id).details.account.endswith("the hub rattles.")
    assert detail.composer.text.toPlainText() == "Half-typed note about the rattle"
