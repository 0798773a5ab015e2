"""Email addresses: the one test of whether an address typed can be written to."""

from __future__ import annotations

import re

# name@place.tld: no spaces, one @, a dot in the part after it. Deliberately
# loose (an address is checked by sending to it); it catches what a person
# mistypes: a missing @, a missing domain, a space, a comma for a dot.
_ADDRESS = re.compile(r"^[^@\s,;<>()\[\]]+@[^@\s,;<>()\[\]]+\.[^@\s,;<>()\[\].]{2,}$")


def email_problem(text: str) -> str | None:
    """Why ``text`` is not an email address one could write to; None when it is
    one (or is empty)."""
    text = text.strip()
    if not text or _ADDRESS.match(text):
        return None
    return f"“{text[:60]}” does not look like an email address (it needs the name@place.com form)."
