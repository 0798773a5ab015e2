"""The application shell: command line, start-up, data folder, error handling."""

APP_NAME = "Complaint Desk"


def app_version() -> str:
    """The installed version ("0.1.0"), or "" when run from files not installed."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("complaint-desk")
    except PackageNotFoundError:
        return ""
