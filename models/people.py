"""Who is who: the names the app offers, who signs a letter, and how each person
the owner named reads in a letter to the customer ("I", "you", "Priya", "we").

The computer's login name is read here and nowhere else, and only to keep it out
of letters: before the app asked for a name it used the login name ("Root",
"Admin", "User") as the handler of new complaints and the "who" of actions, and
the owner never chose it. A name the owner did give (at the counter, as who
signs, in the staff list) is always used, whatever it is.
"""

from __future__ import annotations

import getpass
import unicodedata

from models import settings
from models.business import BusinessProfile, Person
from models.text import clean, fold, lowered_start

# How the owner may write the customer as the one who does something.
CUSTOMER_WORDS = frozenset({"customer", "the customer", "client", "the client", "you"})


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError, ImportError):  # no login name to be had
        return ""


def offered_names(profile: BusinessProfile | None) -> list[str]:
    """The names offered wherever the app asks who: the person at the counter,
    who signs the letters, then the staff list; each once."""
    names: dict[str, str] = {}
    # The person at the counter as the staff list names them: "Tomasz" typed at the
    # first start is "Tomasz Nowak" on the list, one person offered once.
    here = _full_name(clean(settings.user_name()), profile)
    everyone = [here, *(p.name for p in (profile.people if profile else []))]
    for name in everyone:
        if name:
            names.setdefault(fold(name), name)
    return list(names.values())


def chosen(name: str, profile: BusinessProfile | None) -> bool:
    """Whether ``name`` is a name the owner gave, not one the app once made up
    from the computer's login name."""
    name = clean(name)
    if not name:
        return False
    if fold(name) in {fold(n) for n in offered_names(profile)}:
        return True
    return fold(name) != fold(_login_name())


def signer_for(profile: BusinessProfile, handler: str) -> Person:
    """Who signs a letter about a complaint: the person who handled it (with their
    role from the staff list), or the profile's signatory when nobody chosen did."""
    handler = clean(handler)
    if not chosen(handler, profile):
        return profile.signatory
    return profile.person(handler) or Person(handler)


def _full_name(name: str, profile: BusinessProfile | None) -> str:
    """``name`` as the staff list has it: "Dana" is "Dana Okafor" when she is the
    only Dana (see :meth:`BusinessProfile.person`)."""
    person = profile.person(name) if profile else None
    return person.name if person else name


def staff_name(name: str) -> str:
    """A name typed where the app asks who, as the staff list has it: "Dawn" is
    "Dawn Mills" when she is the only Dawn, so one person is never two on the
    morning list; any other name as typed."""
    from models.business import load_profile

    return staff_name_in(name, load_profile()) if clean(name) else ""


def staff_name_in(name: str, profile: BusinessProfile | None) -> str:
    """:func:`staff_name` with the business profile already read (for many names)."""
    name = clean(name)
    return _full_name(name, profile) if name else name


def is_customer(who: str, customer_name: str) -> bool:
    """Whether ``who`` names the customer ("customer", "the client", their name)."""
    folded = fold(clean(who))
    return bool(folded) and (folded in CUSTOMER_WORDS or folded == fold(clean(customer_name)))


def subject_for(
    who: str, *, signer: str, customer_name: str, profile: BusinessProfile | None
) -> str:
    """How ``who`` reads as the one who does something in a letter signed by
    ``signer`` to ``customer_name``: "I", "You", their name, or "We" for nobody
    the owner named."""
    who = clean(who)
    if who and fold(_full_name(who, profile)) == fold(_full_name(clean(signer), profile)):
        return "I"
    if is_customer(who, customer_name):
        return "You"
    return who if chosen(who, profile) else "We"


# First words of an action typed as a thing rather than a deed ("free colour
# correction", "£20 off"): "Marco will free colour correction" reads as nonsense.
_NOT_A_DEED = frozenset(
    ("a", "an", "the", "some", "free", "full", "partial", "new", "complimentary",
     "replacement", "extra", "another", "one", "two", "half")
)  # fmt: skip


def will_do(who: str, what: str) -> str:
    """An agreed action as the app says it: "Gwen will refund the £34.99 to her
    card", the capital the owner gave its first word taken off; one typed as a thing
    ("free colour correction", "£20 off") as "Marco: free colour correction"."""
    first = (what.split() or [""])[0].casefold()
    if first in _NOT_A_DEED or first[:1].isdigit() or first[:1] in "£€$":
        return f"{who}: {what}"
    return f"{who} will {lowered_start(what)}"


# Titles a name may start with ("Mrs", "Dr."): a letter greets "Dear Mrs Evans".
TITLES = frozenset(
    ("mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "rev", "revd", "sir", "dame",
     "lady", "lord", "fr", "sr")
)  # fmt: skip
# Words of a family name written before it in lower case ("van der Berg", "de la Cruz").
_PARTICLES = frozenset(
    ("van", "von", "der", "den", "de", "del", "della", "di", "da", "das", "dos", "du", "la",
     "le", "ter", "ten", "bin", "ibn", "al", "el")
)  # fmt: skip


def _family_first(name: str) -> bool:
    """Is the name written in a script whose names put the family name first?"""
    return any(
        unicodedata.name(char, "").startswith(("CJK", "HANGUL", "HIRAGANA", "KATAKANA"))
        for char in name
        if not char.isascii()
    )


def greeting_name(name: str) -> str:
    """The name a letter greets: "Mrs Evans" for "Mrs Dorothy Evans", "Dr van der Berg"
    for "Dr Anna van der Berg"; a name without a title, or with nothing between the
    title and the family name, as it is ("Dorothy Evans", "Mrs Evans"). A name of
    two people ("Mr and Mrs Evans", "Jo & Sam Hill") stays whole, and so does one
    written in Chinese, Japanese or Korean, whose family name comes first."""
    words = name.split()
    if len(words) < 3 or words[0].rstrip(".").casefold() not in TITLES:
        return " ".join(words)
    if any(word.casefold() in ("and", "&", "+") for word in words) or _family_first(name):
        return " ".join(words)
    family = [words[-1]]
    for word in reversed(words[2:-1]):
        if word.casefold() not in _PARTICLES:
            break
        family.insert(0, word)
    return " ".join([words[0], *family])
