"""Starting the window."""

from __future__ import annotations

import contextlib
import sys

# How long a save in the window waits, in milliseconds, for another program (an
# import, a backup, a scheduled command) to finish writing before it says the file
# is busy and keeps what was typed. Every save runs on the window's thread, so this
# is how long the window can stand still: under the quarter of a second a person
# notices as a freeze, and still longer than another program's ordinary change
# takes to commit, so a chance meeting with one still saves. Commands keep the
# longer wait set in models.db.PRAGMAS: nobody is waiting at their screen.
WINDOW_BUSY_TIMEOUT_MS = 200
# How long the window's statements wait for a server's answer before it is taken
# as away (the banner): a server that stops answering never freezes the window
# for longer (see models.server_watch).
WINDOW_SERVER_WAIT_S = 3.0


def create_window(
    data_dir: str | None, database: str | None = None
):  # -> ui.main_window.MainWindow
    """Open the data and build the main window (raises ComplaintDeskError on a bad
    folder). ``database`` names a PostgreSQL server to keep the log on, if any."""
    from desktop.startup import open_data
    from models import engine

    notes: list[str] = []
    database_path = open_data(data_dir, notify=notes.append, database=database)
    # The window's own connection only: work the window sends to other threads
    # (backups, restoring, the checks after start-up) keeps the longer wait.
    engine.current().wait_for_locks(WINDOW_BUSY_TIMEOUT_MS)
    engine.current().limit_waits(WINDOW_SERVER_WAIT_S)
    window = _window_class()(data_folder=str(database_path.parent))
    from desktop.paths import database_given

    window.place_given_by = database_given(database)
    from desktop import error_hook

    # Damage met where nothing expected it is said by the window, not as an error.
    said_by_window = window.damage_notice.problem_met
    error_hook.send_damage_to(said_by_window)
    window.destroyed.connect(lambda: error_hook.stop_sending_damage_to(said_by_window))
    from PySide6.QtCore import QTimer

    if notes:
        from ui import messages

        # Said once the window is up: what was found and set aside on opening.
        text = "\n\n".join(notes)
        QTimer.singleShot(0, window, lambda: messages.inform(window, "The data file", text))
    # Then, the first time, who is at the counter (never the computer's login name).
    QTimer.singleShot(0, window, window.ask_name_on_first_run)
    return window


def _window_class():  # -> type[ui.main_window.MainWindow]
    """The main window, which backs up the day's work once it has closed."""
    from ui.main_window import MainWindow

    class Window(MainWindow):
        def closeEvent(self, event) -> None:
            super().closeEvent(event)
            if event.isAccepted():
                back_up_the_day(self)

    return Window


def back_up_the_day(window) -> None:
    """Closing: a backup when something was saved since the newest one (quietly;
    a failure is said in one sentence and the window closes all the same)."""
    from models.backups import backup_if_changed
    from models.db import known_damage
    from models.display import after_colon
    from models.errors import ComplaintDeskError
    from ui import messages

    if known_damage():  # said already; a copy of a damaged file is no backup
        return
    try:
        backup_if_changed()
    except ComplaintDeskError as exc:
        messages.warn(
            window, "Backup not made", f"Today's work was not backed up: {after_colon(str(exc))}"
        )
    except OSError as exc:
        from models.os_errors import describe_os_error

        messages.warn(
            window,
            "Backup not made",
            "Today's work was not backed up: "
            + after_colon(describe_os_error(exc, outcome="so no backup was made")),
        )


def _offer_backup(error) -> bool:  # error: models.errors.DamagedDatabaseError
    """The data file will not open: offer the newest good backup, by name.

    True when it was put back (the damaged file is kept beside it, renamed)."""
    import datetime as dt
    from pathlib import Path

    from desktop import APP_NAME
    from models import backups, display
    from models.errors import ComplaintDeskError
    from ui import messages

    database_path = Path(error.path)
    newest = backups.newest_good_backup(database_path.parent / backups.BACKUPS)
    if newest is None:
        return False
    days = (dt.date.today() - newest.made_at.date()).days
    age = display.days_ago(days)
    fewer = backups.far_fewer_warning(newest.path, database_path)
    question = (
        f"{error.problem}\n\n"
        f"The newest good backup is {backups.describe_backup(newest)}, {age}. Anything saved "
        "after it will not be in it."
        + (f"\n\nBeware: {fewer}" if fewer else "")
        + "\n\nRestore it now? The damaged file is not deleted: it is renamed and kept "
        "beside it, in case it can be rescued."
    )
    if not messages.confirm(None, f"{APP_NAME}: the data file is damaged", question):
        return False
    try:
        kept = backups.restore_damaged(database_path, newest.path)
    except ComplaintDeskError as exc:
        messages.error(None, APP_NAME, f"The backup was not restored: {exc}")
        return False
    count = backups.complaints_in(newest.path)
    messages.inform(
        None,
        APP_NAME,
        f"Restored {newest.path.name}: the log now holds {count:,} complaint"
        f"{'s' if count != 1 else ''}.\n\nThe damaged file is kept as {kept.name} in "
        f"{kept.parent}.",
    )
    return True


def _fail(message: str) -> int:
    from desktop import APP_NAME
    from ui import messages

    messages.error(None, APP_NAME, message)
    print(f"complaint-desk: {message.splitlines()[0]}", file=sys.stderr)
    return 1


def _use_system_locale() -> None:
    """Amounts are in the locale's currency until the business profile names one;
    Qt knows the locale on every system (Windows sets no LANG)."""
    from PySide6.QtCore import QLocale

    from models.currency import use_system_locale

    use_system_locale(QLocale.system().name())


def run_window(data_dir: str | None, database: str | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    from desktop import APP_NAME, error_hook
    from desktop.paths import prepare_data_dir, private_files, resolve_data_dir
    from desktop.single_instance import SingleInstance
    from models.errors import ComplaintDeskError, DamagedDatabaseError

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("complaint-desk")
    _use_system_locale()
    error_hook.install()
    from ui import focus_return
    from ui.app_fonts import add_fallback_fonts

    focus_return.install(app)
    add_fallback_fonts(app)  # every script of a customer's name, on any till
    private_files()
    folder = resolve_data_dir(data_dir)
    try:
        prepare_data_dir(folder)
    except ComplaintDeskError as exc:
        return _fail(f"{exc}\n\nNothing was changed. Start again once it is fixed.")
    instance = SingleInstance(folder)
    if not instance.acquire():
        if SingleInstance.ask_first_to_come_forward(folder):
            print("complaint-desk: already open on this data folder; brought it forward.")
            return 0
        return _fail(
            f"Complaint Desk is already open on {folder} ({instance.holder()}).\n\n"
            "Use that window, or close it first. Only one window may use a data folder."
        )
    try:
        window = _first_window(folder, database)
    except ComplaintDeskError as exc:
        instance.release()
        if isinstance(exc, DamagedDatabaseError):
            return _fail(
                f"{exc.problem}\n\nThe file was left as it is. Start again to be offered the "
                "newest good backup, restore one with complaint-desk restore [BACKUP], or move "
                "the file away to start afresh."
            )
        return _fail(f"{exc}\n\nNothing was changed. Start again once it is fixed.")
    if window is None:  # the owner quit while the server could not be reached
        instance.release()
        return 1
    error_hook.keep_crash_log(folder)  # once the log is open: quitting before leaves nothing
    shown = [window]

    def come_forward() -> None:
        shown[0].showNormal()
        shown[0].raise_()
        shown[0].activateWindow()

    instance.listen(come_forward)
    from desktop.startup import warm_up

    try:
        while True:
            window.show()
            warming = warm_up(window.background_reports.arrived.emit)
            code = app.exec()
            plan = getattr(window, "reopen_plan", None)
            if plan is None:
                return code
            warming.join(timeout=60)
            window = _reopen(folder, database, plan)
            if window is None:
                return 1
            shown[0] = window
    finally:
        instance.release()


def _first_window(folder, database: str | None):  # -> ui.main_window.MainWindow | None
    """The window on the log, offering the newest good backup of a damaged data file,
    waiting for a server that cannot be reached (None: the owner quit meanwhile), and
    offering this computer's data file when the server chosen in Preferences cannot
    be used otherwise (a newer log there, rights missing)."""
    from desktop.paths import database_given
    from models.errors import ComplaintDeskError, DamagedDatabaseError
    from models.settings import log_place

    try:
        return _window_once_reachable(folder, database)
    except DamagedDatabaseError as exc:
        if not _offer_backup(exc):
            raise
        return create_window(str(folder), database)
    except ComplaintDeskError as exc:
        if database_given(database) or log_place(folder) is None:
            raise
        if not _offer_this_computer(str(exc), folder):
            raise
        return create_window(str(folder), database)


def _window_once_reachable(folder, database: str | None):  # -> ui.main_window.MainWindow | None
    """The window on the log; while the log's server cannot be reached, a window
    saying so that tries again every few seconds and lets the owner choose another
    place, or quit (None). Nothing is opened, or created, meanwhile."""
    from models.errors import ServerUnreachable

    first = _first_try(folder, database)
    if first is _QUIT:
        return _quit_while_waiting()
    problem = first if isinstance(first, ServerUnreachable) else None
    while True:
        if problem is None:
            try:
                return create_window(str(folder), database)
            except ServerUnreachable as exc:
                problem = exc
        if not _wait_for_server(problem, folder, database):
            return None
        problem = None


_QUIT = object()  # the owner quit while the server was first tried
# How long the first try at the server may take before a window says it is being tried.
_SILENT_SECONDS = 0.5


def _first_try(folder, database: str | None) -> object:
    """Try the log's server once, off the window's thread, before anything opens:
    None when it answered (or the log is not on a server, or its address cannot be
    read: opening says why); the models.errors.ServerUnreachable met; or
    :data:`_QUIT`. After half a second without an answer, a small window says which
    server is being tried and offers Quit."""
    import threading

    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from desktop.paths import resolve_database
    from models.errors import ComplaintDeskError

    address = resolve_database(database, folder)
    if address is None:
        return None
    outcome: list[object] = []

    def attempt() -> None:
        from models.server_reach import reach

        try:
            reach(address, folder)
        except ComplaintDeskError as exc:
            outcome.append(exc)
        except Exception:  # opening the log meets it again and says what it is
            pass

    thread = threading.Thread(target=attempt, name="first-try", daemon=True)
    thread.start()
    thread.join(_SILENT_SECONDS)
    if thread.is_alive():
        from models.server import parse_address
        from models.server_reach import server_words
        from ui.server_opening_notice import ServerOpeningNotice

        notice = ServerOpeningNotice(server_words(parse_address(address)))
        quit_chosen: list[bool] = []
        notice.quit_chosen.connect(lambda: quit_chosen.append(True))
        notice.show()
        while thread.is_alive() and not quit_chosen:
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            thread.join(0.05)
        quit_pressed = bool(quit_chosen)
        notice.quit_chosen.disconnect()  # closing it below is not the owner quitting
        notice.hide()
        notice.deleteLater()
        if quit_pressed:
            return _QUIT
    from models.errors import ServerUnreachable

    return next((o for o in outcome if isinstance(o, ServerUnreachable)), None)


def _quit_while_waiting() -> None:
    print(
        "complaint-desk: quit while waiting for the server the log is kept on; nothing was opened.",
        file=sys.stderr,
    )


def _wait_for_server(problem, folder, database: str | None) -> bool:
    """Wait for the server ``problem`` (models.errors.ServerUnreachable) says cannot be
    reached: True once it answers or the owner chose another place; False on Quit."""
    from PySide6.QtWidgets import QDialog

    from desktop.paths import database_given, resolve_database
    from ui.server_wait_dialog import ServerWaitDialog

    address = resolve_database(database, folder)
    if address is None:  # no longer on a server: open again
        return True
    dialog = ServerWaitDialog(problem, address, folder, database_given(database))
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return True
    finally:
        dialog.deleteLater()
    _quit_while_waiting()
    return False


def _offer_this_computer(problem: str, folder) -> bool:
    """The server chosen in Preferences cannot be used: offer the data file instead.
    True when the owner took it (Preferences then say this computer)."""
    from desktop import APP_NAME
    from models.settings import set_log_place
    from ui import messages

    if not messages.confirm(
        None,
        f"{APP_NAME}: the log on the server",
        f"{problem}\n\nOpen the log on this computer (the data file in {folder}) instead? "
        "Edit > Preferences then says the log is kept on this computer; choose the server "
        "there again once it can be used.",
    ):
        return False
    set_log_place(folder, None)
    return True


def _reopen(folder, database: str | None, plan):  # -> ui.main_window.MainWindow | None
    """Open the log again, where Preferences now keep it (``plan``:
    ui.log_place_section.Reopen), the window having closed; first copying this
    computer's log to the server when the owner asked. Whatever fails is said, and
    the log opens where it was."""
    from PySide6.QtCore import QThreadPool

    from models.db import close_database
    from models.errors import ComplaintDeskError
    from models.settings import log_place

    QThreadPool.globalInstance().waitForDone(60_000)
    name = _counter_name()
    close_database()
    if plan.move and plan.server is not None:
        _move_there(folder, plan.server)
    try:
        window = _window_once_reachable(folder, database)
        if window is not None:
            _keep_counter_name(name)
        return window
    except ComplaintDeskError as exc:
        if log_place(folder) is None or not _offer_this_computer(str(exc), folder):
            _fail(f"{exc}\n\nStart again once it is fixed.")
            return None
    try:
        return create_window(str(folder), database)
    except ComplaintDeskError as exc:
        _fail(f"{exc}\n\nNothing was changed. Start again once it is fixed.")
        return None


def _counter_name() -> str:
    """Who is at this counter, in the log open now ("" when nobody is named, or the
    log cannot say)."""
    from models.errors import ComplaintDeskError
    from models.settings import user_name

    try:
        return user_name()
    except ComplaintDeskError:
        return ""


def _keep_counter_name(name: str) -> None:
    """The log just opened in another place names nobody at this counter: the
    person named in the one before is still at it (not asked again)."""
    from models.errors import ComplaintDeskError
    from models.settings import set_user_name

    if name and not _counter_name():
        with contextlib.suppress(ComplaintDeskError):
            set_user_name(name)


def _move_there(folder, address: str) -> None:
    """Copy this computer's log to the server at ``address``, with its progress shown;
    once it is checked there, the log is kept there. A failure is said."""
    from desktop import APP_NAME
    from desktop.move_log import move_log
    from models import display
    from models.errors import ComplaintDeskError
    from models.server import describe_address
    from models.settings import set_log_place
    from ui import messages
    from ui.move_progress import run_move

    try:
        moved, data_file = run_move(lambda progress: move_log(folder, address, progress=progress))
        set_log_place(folder, address)
    except ComplaintDeskError as exc:
        messages.error(
            None,
            APP_NAME,
            f"The log was not copied to the server: {exc}\n\nIt stays on this computer.",
        )
        return
    messages.inform(
        None,
        APP_NAME,
        f"Copied {display.count(moved.count('complaint'), 'complaint')} and "
        f"{display.count(moved.files.count, 'file')} (attachments, letters, the logo) to "
        f"{describe_address(address)}, and checked. From now on the log is kept there. The "
        f"data file {data_file} and the files beside it are left as they were."
        + (
            f"\n\n{display.count(len(moved.files_missing), 'file')} the log names could not "
            "be copied (they are not on the server):\n" + "\n".join(moved.files_missing[:10])
            if moved.files_missing
            else ""
        ),
    )
