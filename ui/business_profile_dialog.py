"""The business profile: the letterhead, who signs, the staff list and the paper size."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Slot
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from models import business, currency, settings
from models.errors import ComplaintDeskError, UnsafeFileNameError, ValidationError
from ui import file_dialogs, messages
from ui.currency_picker import CurrencyPicker
from ui.field_error import FieldError
from ui.focus_marks import text_shows_focus
from ui.keys import CancelAsks, ctrl_enter_anywhere


class BusinessProfileDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, first_time: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("business_profile_dialog")
        self.setWindowTitle("Business profile")
        self.setMinimumWidth(520)
        saved = business.load_profile()
        profile = saved or business.BusinessProfile(
            page_size=business.default_page_size(QLocale.system().name()),
            signatory_name=settings.user_name(),
        )
        # A shop that has not chosen one is shown its locale's, to keep or change.
        currency_code = currency.offered(profile.currency, QLocale.system().name()).code
        self._for_letters = first_time
        self._logo_file = profile.logo_file

        intro = QLabel(
            "Before your first letter: how your letterhead should look and who signs."
            if first_time
            else "What goes on your letterhead, who signs the letters, who works here, and "
            "your currency. Letters need the fields marked *."
        )
        intro.setWordWrap(True)
        logo_row = self._build_fields(profile, currency_code)
        form = self._build_form(logo_row)
        self._lay_out(intro, form)
        self._name_fields()
        self._show_logo()
        self._cancel_asks = CancelAsks(self, "Discard your changes to the business profile?")
        for logo in (self.choose_logo, self.remove_logo):
            logo.clicked.connect(self._cancel_asks.changes.mark)

    def _build_fields(self, profile: business.BusinessProfile, currency_code: str) -> QHBoxLayout:
        """The profile's fields, filled from ``profile``; the logo's row, returned."""
        self.name = QLineEdit(profile.name, objectName="business_name")
        self.address = QPlainTextEdit(profile.address, objectName="business_address")
        text_shows_focus(self.address)
        self.address.setTabChangesFocus(True)
        self.address.setFixedHeight(self.address.fontMetrics().lineSpacing() * 4 + 14)
        self.phone = QLineEdit(profile.phone, objectName="business_phone")
        self.email = QLineEdit(profile.email, objectName="business_email")
        self.website = QLineEdit(profile.website, objectName="business_website")
        self.signatory_name = QLineEdit(profile.signatory_name, objectName="signatory_name")
        self.signatory_name.setToolTip(
            "Signs the letters about complaints that nobody on the staff list handled"
        )
        self.signatory_role = QLineEdit(profile.signatory_role, objectName="signatory_role")
        self.sign_off = QLineEdit(profile.sign_off, objectName="sign_off")
        self.staff = QPlainTextEdit(profile.staff, objectName="staff_list")
        text_shows_focus(self.staff)
        self.staff.setTabChangesFocus(True)
        self.staff.setFixedHeight(self.staff.fontMetrics().lineSpacing() * 4 + 14)
        self.staff.setPlaceholderText(
            "One person a line, a role after a comma:\nPriya Shah, Manager"
        )
        self.staff.setToolTip(
            "Offered wherever the app asks who: who handles a complaint, who does an "
            "agreed action, who signs a letter. A letter is signed by whoever handled "
            "the complaint, with the role written here."
        )
        self.page_size = QComboBox(objectName="page_size")
        self.page_size.addItem("A4", "A4")
        self.page_size.addItem("US Letter", "Letter")
        self.page_size.setCurrentIndex(max(0, self.page_size.findData(profile.page_size)))
        self.currency = CurrencyPicker(currency_code)
        self.logo = QLabel(objectName="logo_preview")
        self.logo.setTextFormat(Qt.TextFormat.PlainText)
        self.logo.setWordWrap(True)
        self.choose_logo = QPushButton("Choose logo…", objectName="choose_logo")
        self.remove_logo = QPushButton("No logo", objectName="remove_logo")
        logo_row = QHBoxLayout()
        logo_row.addWidget(self.logo, 1)
        logo_row.addWidget(self.choose_logo)
        logo_row.addWidget(self.remove_logo)
        self.errors = {
            field: FieldError(field)
            for field in ("name", "email", "signatory_name", "staff", "currency", "form")
        }
        return logo_row

    def _build_form(self, logo_row: QHBoxLayout) -> QFormLayout:
        """Each field under its label, its message under it."""
        form = QFormLayout()
        form.addRow("Business &name *", self.name)
        form.addRow("", self.errors["name"])
        form.addRow("&Address", self.address)
        form.addRow("&Phone", self.phone)
        form.addRow("&Email", self.email)
        form.addRow("", self.errors["email"])
        form.addRow("&Website", self.website)
        form.addRow("Logo", logo_row)
        form.addRow("Si&gned by *", self.signatory_name)  # Alt+S is Save
        form.addRow("", self.errors["signatory_name"])
        form.addRow("&Role", self.signatory_role)
        form.addRow("Sign-o&ff", self.sign_off)
        staff_hint = QLabel(
            "One person a line, a role after a comma. Offered wherever the app asks who; "
            "a letter is signed by whoever handled the complaint.",
            objectName="staff_hint",
        )
        staff_hint.setWordWrap(True)
        staff_hint.setStyleSheet("color: #5f6368;")
        # A form squeezed onto a small screen gives a wrapped label one line's height
        # and draws the second over the box above: keep room for two.
        staff_hint.setMinimumHeight(staff_hint.fontMetrics().lineSpacing() * 2 + 2)
        form.addRow("S&taff", self.staff)
        form.addRow("", staff_hint)
        form.addRow("", self.errors["staff"])
        form.addRow("Paper si&ze", self.page_size)
        currency_label = QLabel("C&urrency")
        currency_label.setBuddy(self.currency.choice)
        form.addRow(currency_label, self.currency)
        form.addRow("", self.errors["currency"])
        return form

    def _lay_out(self, intro: QLabel, form: QFormLayout) -> None:
        """The form under its introduction, Save and Cancel under it; what changing
        a field and pressing a button do."""
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        # A message goes as its field is changed (its room stays until the next Save).
        for field, box in (("name", self.name), ("email", self.email),
                           ("signatory_name", self.signatory_name)):  # fmt: skip
            box.textChanged.connect(self.errors[field].dismiss)
        self.staff.textChanged.connect(self.errors["staff"].dismiss)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(lambda: self._cancel_asks.cancel())
        # Saved from the keyboard wherever the focus is: Alt+S, or Ctrl+Enter (also in
        # the staff list and the address, where Enter starts a new line).
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Save")
        ctrl_enter_anywhere(self, self.save, (self.staff, self.address))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.errors["form"])
        layout.addWidget(buttons)
        # A problem goes as soon as its field is changed, not at the next Save.
        self.name.textChanged.connect(self.errors["name"].clear_message)
        self.signatory_name.textChanged.connect(self.errors["signatory_name"].clear_message)
        self.staff.textChanged.connect(self.errors["staff"].clear_message)
        self.choose_logo.clicked.connect(self._on_choose_logo_clicked)
        self.remove_logo.clicked.connect(self._on_remove_logo_clicked)

    def _name_fields(self) -> None:
        """Each field's name for screen readers."""
        for widget, label in (
            (self.name, "Business name"), (self.address, "Business address"),
            (self.phone, "Business phone"), (self.email, "Business email"),
            (self.website, "Website"), (self.signatory_name, "Name of the person who signs"),
            (self.signatory_role, "Their role"), (self.sign_off, "Sign-off"),
            (self.staff, "Staff list, one person a line"),
            (self.page_size, "Paper size"),
        ):  # fmt: skip
            widget.setAccessibleName(label)

    def _show_logo(self) -> None:
        try:
            data = business.BusinessProfile(logo_file=self._logo_file).checked_logo()
        except UnsafeFileNameError as exc:  # never shown: "No logo" clears it
            self.logo.setText(f"No logo shown. {exc}")
            self.remove_logo.setEnabled(True)
            return
        except ComplaintDeskError as exc:  # cannot be read now: kept as it is
            self.logo.setText(f"The logo cannot be shown now: {exc}")
            self.remove_logo.setEnabled(True)
            return
        if data is None:
            self.logo.setText("No logo")
            self.remove_logo.setEnabled(False)
            return
        picture = QPixmap()
        if not picture.loadFromData(data):
            self.logo.setText("(this picture cannot be shown)")
        else:
            self.logo.setPixmap(
                picture.scaledToHeight(48, Qt.TransformationMode.SmoothTransformation)
            )
        self.remove_logo.setEnabled(True)

    def use_logo(self, path: str) -> bool:
        try:
            self._logo_file = business.import_logo(path)
        except ValidationError as exc:
            messages.warn(self, "Logo", " ".join(exc.problems.values()))
            return False
        except ComplaintDeskError as exc:
            messages.warn(self, "Logo", str(exc))
            return False
        self._show_logo()
        return True

    @Slot()
    def _on_choose_logo_clicked(self) -> None:
        path = file_dialogs.open_file(
            self, "logo", "Choose a logo", "Pictures (*.png *.jpg *.jpeg *.gif *.bmp)"
        )
        if path:
            self.use_logo(path)

    @Slot()
    def _on_remove_logo_clicked(self) -> None:
        self._logo_file = ""
        self._show_logo()

    def profile(self) -> business.BusinessProfile:
        return business.BusinessProfile(
            name=self.name.text(),
            address=self.address.toPlainText(),
            phone=self.phone.text(),
            email=self.email.text(),
            website=self.website.text(),
            logo_file=self._logo_file,
            signatory_name=self.signatory_name.text(),
            signatory_role=self.signatory_role.text(),
            sign_off=self.sign_off.text(),
            page_size=self.page_size.currentData(),
            staff=self.staff.toPlainText(),
            currency=self.currency.chosen_code(),
        )

    @Slot()
    def save(self) -> bool:
        for error in self.errors.values():
            error.clear_message()
        try:
            business.save_profile(self.profile(), for_letters=self._for_letters)
        except ValidationError as exc:
            for field, message in exc.problems.items():
                self.errors.get(field, self.errors["form"]).show_message(message)
            return False
        except ComplaintDeskError as exc:
            messages.not_saved(self, "Not saved", exc)
            return False
        self.accept()
        return True
