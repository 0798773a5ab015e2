"""The application shell: command line, start-up, data folder, error handling."""

APP_NAME = "Complaint Desk"
