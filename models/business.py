"""The business profile: what goes on the letterhead, who signs, and the staff
whose names the app offers wherever it asks who does something."""

from __future__ import annotations

import contextlib
import logging
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from models import currency, file_store, settings
from models.customers import too_long
from models.emails import email_problem
from models.errors import ComplaintDeskError, UnsafeFileNameError, ValidationError
from models.file_store import LOGO, logo_key
from models.text import clean, fold

log = logging.getLogger(__name__)

PROFILE_SETTING = "business_profile"
PAGE_SIZES = ("A4", "Letter")
# Territories whose paper is US Letter; everyone else uses A4.
LETTER_TERRITORIES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PR", "DO"})
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp")
# How each kind of picture begins: a file renamed .png is not taken for one.
PICTURE_STARTS: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".bmp": (b"BM",),
}
MAX_LOGO_BYTES = 5 * 1024 * 1024
# The most pixels a logo may have: a picture of a few hundred kilobytes can say it is
# 12,000 pixels square and take gigabytes to draw. 25 million is 5,000 pixels square,
# far more than a letterhead's 45 mm need at any printer's resolution.
MAX_LOGO_PIXELS = 25_000_000
MAX_STAFF = 40
MAX_NAME = 120


@dataclass(frozen=True)
class Person:
    """Someone at the shop: a name, and the role printed under it when they sign."""

    name: str
    role: str = ""


def staff_list(text: str) -> list[Person]:
    """The people of a staff list written one a line, each "Name" or "Name, role"."""
    people = []
    for line in clean(text, multiline=True).split("\n"):
        name, _, role = line.partition(",")
        if name.strip():
            people.append(Person(clean(name), clean(role)))
    return people


@dataclass(frozen=True)
class BusinessProfile:
    name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    logo_file: str = ""  # the name of the logo in the log's files (models.file_store), or ""
    signatory_name: str = ""
    signatory_role: str = ""
    sign_off: str = "Yours sincerely"
    page_size: str = "A4"
    staff: str = ""  # one person a line: "Name" or "Name, role"
    currency: str = ""  # ISO 4217 code; "" for the computer's locale's

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
            staff="\n".join(
                f"{p.name}, {p.role}" if p.role else p.name for p in staff_list(self.staff)
            ),
            currency=currency.normalised_code(self.currency),
        )

    @property
    def people(self) -> list[Person]:
        """Who works here: the person who signs, then the staff list; each name once."""
        found: dict[str, Person] = {}
        signatory = Person(clean(self.signatory_name), clean(self.signatory_role))
        for person in [signatory, *staff_list(self.staff)]:
            if person.name:
                found.setdefault(fold(person.name), person)
        return list(found.values())

    def person(self, name: str) -> Person | None:
        """The person of that name (in any case or accents), or None. A first name
        alone ("Dana", as typed at the counter) is the one person of the staff who
        has it ("Dana Okafor"); two with it, and it is nobody in particular."""
        wanted = fold(clean(name))
        if not wanted:
            return None
        same = next((p for p in self.people if fold(p.name) == wanted), None)
        if same is not None or " " in wanted:
            return same
        named = [p for p in self.people if fold(p.name).split(" ", 1)[0] == wanted]
        return named[0] if len(named) == 1 else None

    @property
    def signatory(self) -> Person:
        return Person(clean(self.signatory_name), clean(self.signatory_role))

    def checked_logo(self) -> bytes | None:
        """The logo's bytes; None without one or when it is missing.

        Raises :class:`UnsafeFileNameError` when the stored name leads outside the
        data folder: that file is never read."""
        if not self.logo_file:
            return None
        return file_store.current().get(logo_key(self.logo_file))

    @property
    def logo(self) -> bytes | None:
        """The logo to print, or None; a stored name leading outside the data
        folder, or a logo that cannot be read, is skipped and the reason logged."""
        try:
            return self.checked_logo()
        except UnsafeFileNameError as exc:
            log.warning("The logo was left off: %s", exc)
        except ComplaintDeskError as exc:
            log.warning("The logo was left off, as it could not be read: %s", exc)
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


def letterhead_problems(profile: BusinessProfile) -> dict[str, str]:
    """What a letter needs and the profile lacks: the business name and a signatory.
    The rest of the profile (the currency, the staff) is useful without them."""
    problems: dict[str, str] = {}
    if not profile.name.strip():
        problems["name"] = "Enter the business name for the letterhead."
    if not profile.signatory_name.strip():
        problems["signatory_name"] = "Enter the name of the person who signs the letters."
    return problems


def load_letterhead() -> BusinessProfile | None:
    """The saved profile when it is complete enough for a letter, else None."""
    profile = load_profile()
    return profile if profile is not None and not letterhead_problems(profile) else None


def validate_profile(profile: BusinessProfile, *, for_letters: bool = False) -> dict[str, str]:
    """The profile's problems; ``for_letters`` also asks for the letterhead."""
    problems = letterhead_problems(profile) if for_letters else {}
    if profile.page_size not in PAGE_SIZES:
        problems["page_size"] = "Choose A4 or US Letter."
    if profile.currency and not currency.is_known_code(profile.currency):
        problems["currency"] = (
            "Enter the currency as its three-letter code, such as GBP, EUR or USD."
        )
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
    if profile.email and "email" not in problems:
        problem = email_problem(profile.email)
        if problem:
            problems["email"] = problem
    problem = _staff_problem(profile.staff)
    if problem:
        problems["staff"] = problem
    return problems


def _staff_problem(text: str) -> str | None:
    people = staff_list(text)
    if len(people) > MAX_STAFF:
        return f"List up to {MAX_STAFF} people: their names are offered in a short list."
    for person in people:
        problem = too_long("A name in the staff list", person.name, MAX_NAME) or too_long(
            "A role in the staff list", person.role, MAX_NAME
        )
        if problem:
            return problem
    return None


def save_profile(profile: BusinessProfile, *, for_letters: bool = False) -> BusinessProfile:
    profile = profile.cleaned()
    problems = validate_profile(profile, for_letters=for_letters)
    if problems:
        raise ValidationError(problems)
    settings.set_setting(PROFILE_SETTING, asdict(profile))
    return profile


def picture_problem(data: bytes) -> str:
    """Why a logo cannot be used, from its header alone (nothing is decoded): "" when
    it can; "cannot be read as a picture (it may be damaged)", or "is 12,000 × 12,000
    pixels, far more than a logo needs"."""
    import io
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as picture:
                width, height = picture.size
    except Image.DecompressionBombError:
        return "is far more pixels than a logo needs"
    except Exception:  # Pillow raises many kinds for a damaged picture; all mean the same
        return "cannot be read as a picture (it may be damaged)"
    if width * height > MAX_LOGO_PIXELS:
        return f"is {width:,} × {height:,} pixels, far more than a logo needs"
    return ""


def import_logo(source: Path | str) -> str:
    """Copy a logo image into the log's files; return the file name to store."""
    source = Path(source)
    if not source.is_file():
        raise ValidationError({"logo": f"The file {source} is not there any more."})
    suffix = source.suffix.lower()
    if suffix not in LOGO_SUFFIXES:
        raise ValidationError({"logo": "Choose a PNG, JPEG, GIF or BMP picture for the logo."})
    if source.stat().st_size > MAX_LOGO_BYTES:
        raise ValidationError({"logo": "That picture is over 5 MB; choose a smaller one."})
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise ValidationError(
            {"logo": f"The picture {source} cannot be read ({exc.strerror or exc})."}
        ) from exc
    if not data.startswith(PICTURE_STARTS[suffix]):
        raise ValidationError(
            {"logo": f"{source.name} is not a {suffix[1:].upper()} picture inside; "
                     "choose a PNG, JPEG, GIF or BMP picture for the logo."}
        )  # fmt: skip
    if problem := picture_problem(data):
        raise ValidationError({"logo": f"{source.name} {problem}; choose another picture."})
    store = file_store.current()
    kept = store.put(logo_key(f"logo{suffix}"), data, replace=True)
    for old in store.files(LOGO):
        if old != kept:  # the one before, of another kind of picture: harmless if it stays
            with contextlib.suppress(ComplaintDeskError, OSError):
                store.delete(old)
    return kept.name
