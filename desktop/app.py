"""Starting the window."""

from __future__ import annotations

import sys


def create_window(data_dir: str | None):  # -> ui.main_window.MainWindow
    """Open the data and build the main window (raises ComplaintDeskError on a bad folder)."""
    from desktop.startup import open_data
    from ui.main_window import MainWindow

    database_path = open_data(data_dir)
    return MainWindow(data_folder=str(database_path.parent))


def run_window(data_dir: str | None) -> int:
    from PySide6.QtWidgets import QApplication

    from desktop import APP_NAME, error_hook
    from models.errors import ComplaintDeskError

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("complaint-desk")
    error_hook.install()
    try:
        window = create_window(data_dir)
    except ComplaintDeskError as exc:
        from ui import messages

        messages.error(
            None, APP_NAME, f"{exc}\n\nNothing was changed. Start again once it is fixed."
        )
        print(f"complaint-desk: {exc}", file=sys.stderr)
        return 1
    window.show()
    from desktop.startup import warm_up

    warm_up()
    return app.exec()
