"""Starting the window."""

from __future__ import annotations

import sys


def create_window(data_dir: str | None):  # -> ui.main_window.MainWindow
    """Open the data and build the main window (raises ComplaintDeskError on a bad folder)."""
    from desktop.startup import open_data
    from ui.main_window import MainWindow

    database_path = open_data(data_dir)
    return MainWindow(data_folder=str(database_path.parent))


def _fail(message: str) -> int:
    from desktop import APP_NAME
    from ui import messages

    messages.error(None, APP_NAME, message)
    print(f"complaint-desk: {message.splitlines()[0]}", file=sys.stderr)
    return 1


def run_window(data_dir: str | None) -> int:
    from PySide6.QtWidgets import QApplication

    from desktop import APP_NAME, error_hook
    from desktop.paths import prepare_data_dir, resolve_data_dir
    from desktop.single_instance import SingleInstance
    from models.errors import ComplaintDeskError

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("complaint-desk")
    error_hook.install()
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
        window = create_window(str(folder))
    except ComplaintDeskError as exc:
        instance.release()
        return _fail(f"{exc}\n\nNothing was changed. Start again once it is fixed.")

    def come_forward() -> None:
        window.showNormal()
        window.raise_()
        window.activateWindow()

    instance.listen(come_forward)
    window.show()
    from desktop.startup import warm_up

    warm_up()
    try:
        return app.exec()
    finally:
        instance.release()
