"""The import window as a person uses it: choose a file, see how its columns are
read, read the check, import."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
)

from models.tables import Complaint, Customer, Event
from ui import import_wizard
from ui.import_wizard import ImportWizard

BAD = (
    "\ufeffReceived;Customer name;Account\r\n"
    '14/03/2026;<b>Bold</b> Ltd;"The lid\r\nis loose."\r\n'  # row 2, lines 2 and 3
    "31/02/2026;Ana Souza;Late\r\n"  # row 3, line 4: no such date
)
GOOD = (
    "\ufeffReceived;Customer name;Account;Category\r\n"
    '14/03/2026;<b>Bold</b> Ltd;"The lid\r\nis loose.";Lids\r\n'
    "28/02/2026;Ana Souza;Late;\r\n"
    "27/02/2026;Ana Souza;Late again;\r\n"
)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    return path


def idle(wizard: ImportWizard) -> bool:
    """True once the file is read or checked: Choose file can be pressed again."""
    return wizard.findChild(QPushButton, "choose_file").isEnabled()


def read(wizard: ImportWizard, qtbot, path: Path, *, check: bool = True) -> None:
    """Choose ``path``; wait for its columns; then (``check``) press Check the rows."""
    wizard.load_in_background(path)
    qtbot.waitUntil(lambda: idle(wizard))
    if check and wizard.findChild(QPushButton, "next").isEnabled():
        qtbot.mouseClick(wizard.findChild(QPushButton, "next"), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: idle(wizard))


def tick(qtbot, box: QCheckBox) -> None:
    """Click ``box`` on its square, as a person does (its middle may be past its words)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def parts(dialog: ImportWizard):
    return (
        dialog.findChild(QTableWidget, "preview"),
        dialog.findChild(QLabel, "verdict"),
        dialog.findChild(QPlainTextEdit, "report"),
        dialog.findChild(QPushButton, "import_button"),
    )


def test_load_a_file_see_its_problems_fix_it_and_import(wizard, qtbot, tmp_path, no_questions):
    preview, verdict, report, import_button = parts(wizard)
    assert wizard.objectName() == "import_wizard"
    assert not import_button.isEnabled()

    read(wizard, qtbot, write(tmp_path, "bad.csv", BAD))
    assert preview.rowCount() == 2 and preview.columnCount() == 3
    headings = [preview.horizontalHeaderItem(c).text() for c in range(3)]
    assert headings == ["Received", "Customer name", "Account"]
    assert preview.verticalHeaderItem(1).text() == "Row 3"
    assert preview.item(0, 1).text() == "<b>Bold</b> Ltd"  # shown as typed, not as markup
    assert verdict.text().startswith("1 problem found: nothing can be imported")
    assert verdict.textFormat() == Qt.TextFormat.PlainText
    assert (
        "Row 3 (line 4 of the file): the date received “31/02/2026” is not a date"
        in report.toPlainText()
    )
    assert not import_button.isEnabled()
    assert Complaint.select().count() == 0

    read(wizard, qtbot, write(tmp_path, "good.csv", GOOD))
    assert verdict.text() == (
        "Ready: 3 complaints, 2 new customers, 0 returning customers matched, "
        "1 new category, 0 new root causes."
    )
    assert "New categories will be added: Lids." in report.toPlainText()
    assert import_button.isEnabled()
    assert Complaint.select().count() == 0  # nothing written until Import is pressed

    with qtbot.waitSignal(wizard.imported) as imported:
        qtbot.mouseClick(import_button, Qt.MouseButton.LeftButton)
    assert imported.args == [3]
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert no_questions == [
        "Imported 3 complaints, 2 new customers, 0 returning customers matched, "
        "1 new category, 0 new root causes."
    ]
    assert Complaint.select().count() == 3 and Customer.select().count() == 2
    lid = Complaint.get(Complaint.account == "The lid\nis loose.")
    assert lid.customer.name == "<b>Bold</b> Ltd" and lid.category.name == "Lids"
    assert Event.select().where((Event.complaint == lid.id) & (Event.kind == "imported")).count()


def test_choose_file_opens_the_file_dialog(wizard, qtbot, tmp_path, monkeypatch) -> None:
    path = write(tmp_path, "good.csv", GOOD)
    asked = []

    def choose(*args):
        asked.append(args)
        return str(path), "CSV files (*.csv *.txt *.tsv)"

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    qtbot.mouseClick(wizard.findChild(QPushButton, "choose_file"), Qt.MouseButton.LeftButton)
    assert asked
    assert wizard.findChild(QLabel, "file_name").text() == str(path)
    # The file is read on a worker thread; the window stays responsive.
    qtbot.waitUntil(lambda: wizard.findChild(QTableWidget, "columns").rowCount() == 4)
    assert wizard.findChild(QPushButton, "next").isEnabled()
    assert not wizard.findChild(QPushButton, "import_button").isVisible()


def test_the_file_dialog_starts_at_home_without_a_documents_folder(
    wizard, qtbot, tmp_path, monkeypatch
) -> None:
    started_in: list[str] = []
    path = write(tmp_path, "good.csv", GOOD)

    def choose(parent, title, folder, filters=""):
        started_in.append(folder)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(choose))
    assert not (Path.home() / "Documents").exists()
    choose_file = wizard.findChild(QPushButton, "choose_file")
    qtbot.mouseClick(choose_file, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: idle(wizard))
    qtbot.mouseClick(choose_file, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: idle(wizard))
    assert Path(started_in[0]) == Path.home() != Path.cwd()
    assert Path(started_in[1]) == tmp_path  # then where the last file was


def test_ticking_month_first_reads_the_file_again(wizard, qtbot, tmp_path) -> None:
    _preview, verdict, report, import_button = parts(wizard)
    read(
        wizard,
        qtbot,
        write(tmp_path, "us.csv", "received,customer name,account\n03/14/2026,Ana,Late\n"),
    )
    assert "month first" in report.toPlainText() and not import_button.isEnabled()
    wizard.findChild(QCheckBox, "month_first").setChecked(True)
    qtbot.waitUntil(lambda: verdict.text().startswith("Ready: 1 complaint,"))
    assert import_button.isEnabled()
    assert wizard.plan.rows[0].received_at.month == 3


def shown_problems(wizard: ImportWizard) -> str:
    """What the check page shows: the report and the rows marked as problems."""
    preview, _verdict, report, _ = parts(wizard)
    if not report.isVisible():
        return ""
    rows = [preview.verticalHeaderItem(r).text() for r in range(preview.rowCount())]
    return report.toPlainText() + "\n" + "\n".join(rows)


def test_the_check_shows_only_the_file_and_columns_now_chosen(wizard, qtbot, tmp_path) -> None:
    _preview, _verdict, report, import_button = parts(wizard)
    read(wizard, qtbot, write(tmp_path, "bad.csv", BAD))
    assert "31/02/2026" in shown_problems(wizard)

    # Another file: its check replaces the old one, and the old rows are never shown with it.
    wizard.load_in_background(write(tmp_path, "good.csv", GOOD))
    assert "31/02/2026" not in report.toPlainText()
    qtbot.waitUntil(lambda: idle(wizard))
    assert shown_problems(wizard) == ""
    qtbot.mouseClick(wizard.findChild(QPushButton, "next"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: idle(wizard))
    assert "31/02/2026" not in shown_problems(wizard) and import_button.isEnabled()

    # Back, a column changed: nothing of the check before is kept for the new reading.
    read(wizard, qtbot, write(tmp_path, "bad.csv", BAD))
    qtbot.mouseClick(wizard.findChild(QPushButton, "back"), Qt.MouseButton.LeftButton)
    wizard.columns_page.set_column(0, "closed")
    assert report.toPlainText() == "" and wizard.plan is None
    wizard.columns_page.set_column(0, "received")
    qtbot.mouseClick(wizard.findChild(QPushButton, "next"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: idle(wizard))
    assert "31/02/2026" in shown_problems(wizard)  # checked again, as now read


def test_a_file_that_cannot_be_read_says_why(wizard, qtbot, tmp_path) -> None:
    preview, verdict, _, import_button = parts(wizard)
    read(wizard, qtbot, tmp_path / "missing.csv")
    assert verdict.text() == f"There is no file {tmp_path / 'missing.csv'}."
    assert preview.rowCount() == 0 and not import_button.isEnabled()


def test_cancel_imports_nothing(wizard, qtbot, tmp_path) -> None:
    read(wizard, qtbot, write(tmp_path, "good.csv", GOOD))
    qtbot.mouseClick(wizard.findChild(QPushButton, "cancel"), Qt.MouseButton.LeftButton)
    assert wizard.result() == QDialog.DialogCode.Rejected
    assert Complaint.select().count() == 0


def test_an_import_shows_how_far_it_has_got_and_cancel_leaves_nothing_imported(
    wizard, qtbot, tmp_path, monkeypatch, no_questions
) -> None:
    _preview, verdict, _report, import_button = parts(wizard)
    read(wizard, qtbot, write(tmp_path, "good.csv", GOOD))
    imports = import_wizard.import_log

    def slow_import(plan, *, author, progress, cancelled):
        """A big file: each step takes a while (here, until Cancel is pressed)."""

        def slowly(written: int, total: int) -> None:
            progress(written, total)
            deadline = time.monotonic() + 10
            while not cancelled() and time.monotonic() < deadline:
                time.sleep(0.01)

        return imports(plan, author=author, progress=slowly, cancelled=cancelled)

    monkeypatch.setattr(import_wizard, "import_log", slow_import)
    qtbot.mouseClick(import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: verdict.text() == "Importing: 0 of 3 rows")
    assert not import_button.isEnabled()
    qtbot.mouseClick(wizard.findChild(QPushButton, "cancel"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: verdict.text() == "The import was cancelled: nothing was imported.")
    assert wizard.isVisible() and import_button.isEnabled()
    assert Complaint.select().count() == 0 and Customer.select().count() == 0
    assert no_questions == []

    monkeypatch.setattr(import_wizard, "import_log", imports)
    with qtbot.waitSignal(wizard.imported):  # and it can be imported after all
        qtbot.mouseClick(import_button, Qt.MouseButton.LeftButton)
    assert Complaint.select().count() == 3


def test_widgets_have_names_for_screen_readers(wizard) -> None:
    for kind, name in (
        (QPushButton, "choose_file"),
        (QCheckBox, "month_first"),
        (QTableWidget, "preview"),
        (QPlainTextEdit, "report"),
        (QPushButton, "import_button"),
        (QPushButton, "cancel"),
    ):
        assert wizard.findChild(kind, name).accessibleName()


def test_a_file_imported_twice_shows_its_rows_as_already_in_the_log(
    wizard, qtbot, tmp_path, no_questions
) -> None:
    preview, verdict, report, import_button = parts(wizard)
    path = write(tmp_path, "good.csv", GOOD)
    read(wizard, qtbot, path)
    with qtbot.waitSignal(wizard.imported):
        qtbot.mouseClick(import_button, Qt.MouseButton.LeftButton)
    again = ImportWizard()
    qtbot.addWidget(again)
    read(again, qtbot, path)
    preview, verdict, report, import_button = parts(again)
    assert verdict.text() == (
        "Every complaint in the file is already in the log: there is nothing to import."
    )
    assert "Rows 2, 3 and 4 are already in the log" in report.toPlainText()
    assert preview.verticalHeaderItem(0).text() == "Row 2 (in the log)"
    assert preview.item(0, 0).toolTip() == import_wizard.SKIPPED_TIP
    assert not import_button.isEnabled()
    assert Complaint.select().count() == 3


def test_a_file_put_right_after_it_was_read_is_checked_as_it_is_now(
    wizard, qtbot, tmp_path, no_questions
) -> None:
    """The owner sees a bad date, mends the cell in the spreadsheet and saves it, goes
    Back and checks again: the rows checked are the mended ones. A date written with
    its month's name, as a cell typed as text holds it, is a date."""
    preview, verdict, report, import_button = parts(wizard)
    path = write(tmp_path, "log.csv", BAD)
    read(wizard, qtbot, path)
    assert verdict.text().startswith("1 problem found")
    write(tmp_path, "log.csv", BAD.replace("31/02/2026", "12 May 2026"))
    qtbot.mouseClick(wizard.findChild(QPushButton, "back"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.findChild(QPushButton, "next"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: idle(wizard))
    assert verdict.text().startswith("Ready: 2 complaints"), report.toPlainText()
    assert preview.item(1, 0).text() == "Tue 12 May 2026"
    with qtbot.waitSignal(wizard.imported):
        qtbot.mouseClick(import_button, Qt.MouseButton.LeftButton)
    assert Complaint.get(Complaint.account == "Late").received_at.date().isoformat() == (
        "2026-05-12"
    )


def test_an_empty_file_is_said_to_be_empty_once(wizard, qtbot, tmp_path) -> None:
    _preview, verdict, _report, import_button = parts(wizard)
    read(wizard, qtbot, write(tmp_path, "empty.csv", ""))
    assert verdict.text() == "The file is empty: there is nothing to import."
    problems = wizard.findChild(QLabel, "column_problems")
    assert not problems.isVisible() or problems.text() == ""
    assert not import_button.isEnabled()


def test_rows_with_problems_can_be_left_out_and_the_rest_imported(
    wizard, qtbot, tmp_path, no_questions
) -> None:
    """One mistyped date stopped a whole spreadsheet from coming in, with no way past it."""
    _, verdict, report, import_button = parts(wizard)
    text = BAD + "12/03/2026;Priya Shah;The handle snapped.\r\n"  # row 4, sound
    read(wizard, qtbot, write(tmp_path, "mixed.csv", text))
    leave_out = wizard.findChild(QCheckBox, "leave_out")
    assert leave_out.isVisible() and not leave_out.isChecked()
    assert verdict.text().endswith(", or the rows with problems left out.")
    assert not import_button.isEnabled()

    tick(qtbot, leave_out)
    qtbot.waitUntil(lambda: idle(wizard) and verdict.text().startswith("Ready"))
    assert "2 complaints" in verdict.text()
    assert "1 row with problems left out (row 3)" in verdict.text()
    said = report.toPlainText()
    assert "Left out (1 row)" in said and "“31/02/2026” is not a date" in said
    assert import_button.isEnabled()

    qtbot.mouseClick(import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.result() == QDialog.DialogCode.Accepted)
    assert "1 row with problems left out (row 3)" in no_questions[-1]
    names = {c.customer.name for c in Complaint.select()}
    assert names == {"<b>Bold</b> Ltd", "Priya Shah"}


def test_a_problem_of_the_whole_file_is_not_offered_to_be_left_out(wizard, qtbot, tmp_path):
    read(
        wizard, qtbot, write(tmp_path, "rows-only.csv", "\ufeffReceived;Customer name;Account\r\n")
    )
    _, verdict, _, import_button = parts(wizard)
    assert verdict.text().endswith(
        "until the file is put right (rows are numbered as your spreadsheet numbers them)."
    )
    assert not wizard.findChild(QCheckBox, "leave_out").isVisible()
    assert not import_button.isEnabled()


def test_the_same_file_again_says_nothing_new_rather_than_put_it_right(
    wizard, qtbot, tmp_path, no_questions
) -> None:
    """Imported once without its bad row, the file read again said "1 problem found:
    nothing can be imported until the file is put right"."""
    _, verdict, report, import_button = parts(wizard)
    path = write(tmp_path, "mixed.csv", BAD + "12/03/2026;Priya Shah;The handle snapped.\r\n")
    read(wizard, qtbot, path)
    leave_out = wizard.findChild(QCheckBox, "leave_out")
    tick(qtbot, leave_out)
    qtbot.waitUntil(lambda: idle(wizard) and verdict.text().startswith("Ready"))
    qtbot.mouseClick(import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: Complaint.select().count() == 2)

    again = ImportWizard()
    qtbot.addWidget(again)
    read(again, qtbot, path)
    _, verdict, report, import_button = parts(again)
    assert verdict.text() == (
        "Nothing new to import: 2 rows are already in the log. The other row has a problem "
        "(listed above) and was not imported before either."
    )
    # The problems are listed above the sentence that says so.
    again.show()
    qtbot.waitExposed(again)
    assert (
        report.mapTo(again, report.rect().topLeft()).y()
        < verdict.mapTo(again, verdict.rect().topLeft()).y()
    )
    assert "“31/02/2026” is not a date" in report.toPlainText()
    assert not import_button.isEnabled()


def test_a_file_saved_after_an_import_is_not_offered_the_imports_folder(
    wizard, qtbot, tmp_path, monkeypatch
) -> None:
    """A letter's Save as… opened in the folder of the spreadsheet just imported."""
    from ui import file_dialogs

    imports = tmp_path / "old spreadsheets"
    imports.mkdir()
    path = write(imports, "good.csv", GOOD)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_args: (str(path), ""))
    )
    qtbot.mouseClick(wizard.findChild(QPushButton, "choose_file"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: idle(wizard))
    offered: list[str] = []

    def save(_parent, _title, suggested, _filters=""):
        offered.append(suggested)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    file_dialogs.save_file(None, "letter", "Save letter", "letter.pdf")
    assert Path(offered[0]).parent == file_dialogs.documents_folder() != imports
    # Opening another file still starts where the last one came from.
    assert file_dialogs.start_folder("evidence") == imports


def test_a_file_read_month_first_is_read_so_again(wizard, qtbot, tmp_path, no_questions) -> None:
    """The columns were remembered for the same file, but not its dates written month
    first: read again, its 03/14/2026 row was said to have a problem "not imported
    before either", though it had been."""
    _, verdict, _, import_button = parts(wizard)
    path = write(tmp_path, "us.csv", "received,customer name,account\n03/14/2026,Tom Walsh,Late\n")
    read(wizard, qtbot, path)
    tick(qtbot, wizard.findChild(QCheckBox, "month_first"))
    qtbot.waitUntil(lambda: idle(wizard) and verdict.text().startswith("Ready"))
    qtbot.mouseClick(import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: Complaint.select().count() == 1)

    again = ImportWizard()
    qtbot.addWidget(again)
    read(again, qtbot, path)
    assert again.findChild(QCheckBox, "month_first").isChecked()
    _, verdict, _, _ = parts(again)
    assert verdict.text() == (
        "Every complaint in the file is already in the log: there is nothing to import."
    )
