"""The business profile: what goes on the letterhead and who signs."""

from __future__ import annotations

import logging
import shutil
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from models import settings
from models.customers import too_long
from models.data_files import stored_path
from models.db import data_folder, describe_storage_error
from models.errors import StorageError, UnsafeFileNameError, ValidationError
from models.partial_files import partial_path
from models.text import clean

log = logging.getLogger(__name__)

PROFILE_SETTING = "business_profile"
PAGE_SIZES = ("A4", "Letter")
# Territories whose paper is US Letter; everyone else uses A4.
LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PR", "DO"})
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp")
MAX_LOGO_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class BusinessProfile:
    name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    logo_file: str = ""  # a file name inside the data folder, or ""
    signatory_name: str = ""
    signatory_role: str = ""
    sign_off: str = "Yours sincerely"
    page_size: str = "A4"

    def cleaned(self) -> BusinessProfile:
        return BusinessProfile(
            name=clean(self.name),
            address=clean(self.address, multiline=True),
            phone=clean(self.phone),
            email=clean(self.email),
            website=clean(self.website),
            logo_file=self.logo_file,
            signatory_name=clean(self.signatory_name),
            signatory_role=clean(self.signatory_role),
            sign_off=clean(self.sign_off) or "Yours sincerely",
            page_size=self.page_size,
        )

    def checked_logo(self) -> Path | None:
        """The logo file in the data folder; None without one or when it is missing.

        Raises :class:`UnsafeFileNameError` when the stored name leads outside the
        data folder: that file is never read."""
        if not self.logo_file:
            return None
        path = stored_path(self.logo_file)
        return path if path.is_file() else None

    @property
    def logo_path(self) -> Path | None:
        """The logo to print, or None; a stored name leading outside the data
        folder is skipped and the reason logged."""
        try:
            return self.checked_logo()
        except UnsafeFileNameError as exc:
            log.warning("The logo was left off: %s", exc)
            return None


def default_page_size(locale_name: str | None) -> str:
    """``Letter`` for a locale such as ``en_US`` or ``es_MX``, else ``A4``."""
    territory = (locale_name or "").replace("-", "_").split(".")[0].split("_")[-1].upper()
    return "Letter" if territory in LETTER_TERRITORIES else "A4"


def load_profile() -> BusinessProfile | None:
    """The saved profile, or None when none has been set up yet."""
    saved = settings.get_setting(PROFILE_SETTING)
    if not isinstance(saved, dict):
        return None
    known = {f.name for f in fields(BusinessProfile)}
    return BusinessProfile(**{k: str(v) for k, v in saved.items() if k in known})


def validate_profile(profile: BusinessProfile) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not profile.name:
        problems["name"] = "Enter the business name for the letterhead."
    if not profile.signatory_name:
        problems["signatory_name"] = "Enter the name of the person who signs the letters."
    if profile.page_size not in PAGE_SIZES:
        problems["page_size"] = "Choose A4 or US Letter."
    for field, label, value, limit in (
        ("name", "The business name", profile.name, 200),
        ("address", "The address", profile.address, 1000),
        ("phone", "The phone number", profile.phone, 60),
        ("email", "The email address", profile.email, 254),
        ("website", "The website", profile.website, 300),
        ("signatory_name", "The name", profile.signatory_name, 120),
        ("signatory_role", "The role", profile.signatory_role, 120),
        ("sign_off", "The sign-off", profile.sign_off, 120),
    ):
        problem = too_long(label, value, limit)
        if problem and field not in problems:
            problems[field] = problem
    return problems


def save_profile(profile: BusinessProfile) -> BusinessProfile:
    profile = profile.cleaned()
    problems = validate_profile(profile)
    if problems:
        raise ValidationError(problems)
    settings.set_setting(PROFILE_SETTING, asdict(profile))
    return profile


def import_logo(source: Path | str) -> str:
    """Copy a logo image into the data folder; return the file name to store."""
    source = Path(source)
    if not source.is_file():
        raise ValidationError({"logo": f"The file {source} is not there any more."})
    suffix = source.suffix.lower()
    if suffix not in LOGO_SUFFIXES:
        raise ValidationError({"logo": "Choose a PNG, JPEG, GIF or BMP picture for the logo."})
    if source.stat().st_size > MAX_LOGO_BYTES:
        raise ValidationError({"logo": "That picture is over 5 MB; choose a smaller one."})
    name = f"logo{suffix}"
    target = data_folder() / name
    try:
        for old in data_folder().glob("logo.*"):
            if old.name != name:
                old.unlink(missing_ok=True)
        partial = partial_path(target)
        shutil.copyfile(source, partial)
        partial.replace(target)
    except OSError as exc:
        raise StorageError(describe_storage_error(exc)) from exc
    return name
