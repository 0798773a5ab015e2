"""A letter's PDF: shown in the window, saved elsewhere, printed, or opened.

Only a letter that has been made (and kept) can be saved, printed or opened; a
draft shown while the owner writes is for looking at, and says so. Whatever is
shown is what Save as and Print would give: a letter changed since it was shown
cannot be printed until it is shown, and made, again.

Printing sends the PDF's own pages at their real size (no scaling to the
printer's margins), so what comes out is what was previewed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMarginsF,
    QRectF,
    QSize,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from models.display import after_colon
from models.os_errors import describe_os_error
from ui import file_dialogs, messages
from ui.file_dialogs import open_in_its_program

PRINT_DPI = 300
DRAFT_NOTE = "Not made yet: this is how it will look. Make the letter to print or save it."
CHANGED_NOTE = "Changed since this was shown: the preview is being brought up to date…"


def print_pdf(path: Path, printer: QPrinter) -> int:
    """Draw every page of the PDF at ``path`` onto ``printer`` at its real size.

    Returns the number of pages printed.
    """
    document = QPdfDocument()
    document.load(str(path))
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        raise OSError(f"{path.name} could not be read as a PDF")
    if _whole_to_pdf_file(printer):
        # "Print to file" as PDF: the letter itself, its words still words that
        # can be searched and copied, not pictures of its pages.
        shutil.copyfile(path, printer.outputFileName())
        return document.pageCount()
    painter: QPainter | None = None
    try:
        for page in range(document.pageCount()):
            points = document.pagePointSize(page)
            layout = QPageLayout(
                QPageSize(points, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.ExactMatch),
                QPageLayout.Orientation.Portrait,
                QMarginsF(0, 0, 0, 0),
            )
            if painter is None:
                printer.setPageLayout(layout)
                printer.setFullPage(True)
                painter = QPainter(printer)
            else:
                printer.setPageLayout(layout)
                printer.newPage()
            dpi = printer.resolution()
            pixels = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            image = document.render(page, pixels)
            target = printer.pageLayout().fullRectPixels(dpi)
            painter.drawImage(QRectF(target), image)
    finally:
        if painter is not None:
            painter.end()
    return document.pageCount()


def _whole_to_pdf_file(printer: QPrinter) -> bool:
    return (
        printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
        and bool(printer.outputFileName())
        and printer.printRange() == QPrinter.PrintRange.AllPages
        and printer.copyCount() == 1
    )


class LetterPreview(QWidget):
    """The PDF on screen with Save as, Print and Open buttons."""

    copy_saved = Signal(str)  # where Save as put a copy

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("letter_preview")
        self.path: Path | None = None
        self._buffer: QBuffer | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setAccessibleName("Letter preview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.save_as = QPushButton("Save as…", objectName="save_letter_as")
        self.print_button = QPushButton("Print…", objectName="print_letter")
        self.open_button = QPushButton("Open in PDF viewer", objectName="open_letter")
        self.note = QLabel(objectName="preview_note")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #9a5b00;")
        self.note.hide()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.save_as, self.print_button, self.open_button):
            button.setEnabled(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)
        layout.addLayout(buttons)
        self.save_as.clicked.connect(self._on_save_as_clicked)
        self.print_button.clicked.connect(self._on_print_clicked)
        self.open_button.clicked.connect(self._on_open_clicked)

    def show_pdf(self, path: Path | None) -> None:
        """Show the letter kept at ``path`` (or nothing): it can be saved and printed."""
        self.path = path
        self.document.close()
        self._buffer = None
        if path is not None:
            self.document.load(str(path))
        self._say(None)

    def show_draft(self, pdf: bytes) -> None:
        """Show a letter not made yet: to look at, not to save or print."""
        self.path = None
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        self._buffer = buffer  # read by the document for as long as it is shown
        self._say(DRAFT_NOTE)

    def mark_changed(self) -> None:
        """The letter has changed since it was shown: nothing may be saved or
        printed from this preview until the new one is shown."""
        if self.path is not None or self.document.pageCount():
            self.path = None
            self._say(CHANGED_NOTE)

    def _say(self, note: str | None) -> None:
        for button in (self.save_as, self.print_button, self.open_button):
            button.setEnabled(self.path is not None)
        self.note.setText(note or "")
        self.note.setVisible(bool(note))

    def shown_text(self) -> str:
        """The text of every page shown, as the PDF carries it."""
        return "\n".join(
            self.document.getAllText(page).text() for page in range(self.document.pageCount())
        )

    def save_copy(self, target: Path) -> bool:
        if self.path is None:
            return False
        try:
            shutil.copyfile(self.path, target)
        except OSError as exc:
            why = after_colon(describe_os_error(exc, outcome="so the copy was not saved"))
            messages.warn(self, "Not saved", f"The letter could not be saved: {why}")
            return False
        self.copy_saved.emit(str(target))
        return True

    @Slot()
    def _on_save_as_clicked(self) -> None:
        if self.path is None:
            return
        target = file_dialogs.save_file(
            self, "letter", "Save letter as", self.path.name, "PDF (*.pdf)"
        )
        if target:
            self.save_copy(Path(target))

    @Slot()
    def _on_print_clicked(self) -> None:
        if self.path is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setResolution(PRINT_DPI)
        printer.setDocName(self.path.stem)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return
        try:
            print_pdf(self.path, printer)
        except OSError as exc:
            why = after_colon(describe_os_error(exc, outcome="so nothing was printed"))
            messages.warn(self, "Not printed", f"The letter could not be printed: {why}")

    @Slot()
    def _on_open_clicked(self) -> None:
        if self.path is not None:
            open_in_its_program(self, self.path, "the letter")
