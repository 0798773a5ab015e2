"""Is this the customer we already know? One rule, for every way a complaint arrives.

Logging at the counter, importing a spreadsheet and the sample data all ask
:class:`CustomerMatcher`, so a person is recognised (or not) the same way
whichever door they came in by.

The rule. A customer in the log is the same person as the details given when
their names agree (one name's words are all in the other, accents and case
aside: ``Zoe`` and ``Zoë Martin``) and

- they share the email address, or
- they share the phone number and their email addresses do not differ, or
- their names are the same and so are their phone, email and address (all
  blank counts: a customer known by name alone).

Two customers may share a name; a name alone, beside other details, is not
enough.

A returning customer may have a new phone: a shared email is enough. A
household may share a phone, so someone else with the same phone is a new
customer. When the email belongs to someone whose name does not agree, or when
more than one customer fits, the details could be either person; the matcher
says so (:data:`UNSURE`) and never guesses.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal, TypeVar

from models import phones
from models.customers import CustomerDetails, words_agree
from models.db import chunked, database
from models.text import digits, fold

SAME: Literal["same"] = "same"
NEW: Literal["new"] = "new"
UNSURE: Literal["unsure"] = "unsure"

_K = TypeVar("_K", str, tuple[str, str, str, str])


@dataclass
class Known:
    """A customer as the matcher sees them: in the log (``id`` set) or new in this batch."""

    id: int | None
    name: str
    phone: str = ""
    email: str = ""
    address: str = ""
    notes: str = ""
    # Where a customer new in this batch will be written (see models.complaint_writer).
    key: int = 0

    def details(self) -> CustomerDetails:
        return CustomerDetails(self.name, self.phone, self.email, self.address, self.notes)


@dataclass(frozen=True)
class Match:
    """The matcher's answer: the same person, a new one, or not sure which."""

    outcome: Literal["same", "new", "unsure"]
    person: Known | None = None
    # When unsure: everyone the details could belong to.
    candidates: tuple[Known, ...] = ()

    def explain(self, details: CustomerDetails) -> str:
        """One sentence saying why the matcher is not sure."""
        names = " or ".join(
            f"{c.name} (customer {c.id})" if c.id else f"{c.name} (earlier in this file)"
            for c in self.candidates
        )
        return (
            f"{details.name} could be {names}: the email address belongs to someone else, "
            "or more than one customer fits"
        )


@dataclass(frozen=True)
class _Keys:
    """A customer's details as the rule compares them, worked out once."""

    words: frozenset[str]
    email: str
    phone: str  # only when long enough to identify anyone
    record: tuple[str, str, str, str]  # name, email, every digit of the phone, address


def _name_words(name: str) -> list[str]:
    """The words a name is matched by: folded ("Zoë" as "zoe"), or, when folding
    leaves nothing (a name of marks alone, such as "¨"), the name as typed."""
    return fold(name).split() or name.casefold().split()


@lru_cache(maxsize=200_000)
def _keys(name: str, phone: str, email: str, address: str) -> _Keys:
    folded = _name_words(name)
    number = phones.key(phone)
    email = email.casefold()
    return _Keys(
        words=frozenset(folded),
        email=email,
        phone=number,
        record=(" ".join(folded), email, number or digits(phone), " ".join(fold(address).split())),
    )


def _keys_of(person: Known | CustomerDetails) -> _Keys:
    return _keys(person.name, person.phone, person.email, person.address)


def _fits(known: _Keys, wanted: _Keys) -> tuple[bool, bool]:
    """(the details fit ``known``; they point at ``known`` but the names disagree)."""
    same_email = bool(wanted.email) and wanted.email == known.email
    same_phone = bool(wanted.phone) and wanted.phone == known.phone
    if not words_agree(known.words, wanted.words):
        # A household may share a phone; an email address is one person's.
        return False, same_email
    emails_differ = bool(wanted.email and known.email and wanted.email != known.email)
    if same_email or (same_phone and not emails_differ):
        return True, False
    return known.record == wanted.record, False


def _add(index: dict[_K, list[Known]], key: _K, person: Known) -> None:
    if key:
        entries = index.setdefault(key, [])
        if not any(entry is person for entry in entries):
            entries.append(person)


class CustomerMatcher:
    """Finds who each set of details belongs to, among the customers it knows."""

    def __init__(self, known: Iterable[Known] = ()) -> None:
        self._by_email: dict[str, list[Known]] = {}
        self._by_phone: dict[str, list[Known]] = {}
        self._by_record: dict[tuple[str, str, str, str], list[Known]] = {}
        for person in known:
            self.remember(person)

    @classmethod
    def from_log(cls, wanted: Iterable[CustomerDetails]) -> CustomerMatcher:
        """A matcher that knows every customer in the log these details could match."""
        wanted = list(wanted)
        emails = sorted({_keys_of(d).email for d in wanted} - {""})
        numbers = sorted({_keys_of(d).phone for d in wanted} - {""})
        # Known by name alone: matched only with the same (blank) email and phone.
        names = {k.record[0] for d in wanted if not (k := _keys_of(d)).email and not k.phone}
        ids: set[int] = set()
        for column, values in (("email_key", emails), ("phone_digits", numbers)):
            for chunk in chunked(values):
                sql = f"SELECT id FROM customer WHERE {column} IN ({','.join('?' * len(chunk))})"
                ids.update(row[0] for row in database.execute_sql(sql, chunk))
        if names - {""}:
            rows = database.execute_sql(
                "SELECT id, name FROM customer WHERE email_key = '' AND phone_digits = ''",
            )
            ids.update(row[0] for row in rows if " ".join(_name_words(row[1])) in names)
        matcher = cls()
        for some in chunked(sorted(ids)):
            rows = database.execute_sql(
                f"SELECT id, name, phone, email, address FROM customer "
                f"WHERE id IN ({','.join('?' * len(some))}) ORDER BY id",
                some,
            )
            for row in rows:
                matcher.remember(Known(*row))
        return matcher

    def remember(self, person: Known) -> None:
        """Know ``person`` from now on (a customer in the log, or one new in this
        batch); called again after they gain a phone or email, to find them by it."""
        keys = _keys_of(person)
        _add(self._by_email, keys.email, person)
        _add(self._by_phone, keys.phone, person)
        _add(self._by_record, keys.record, person)

    def match(self, details: CustomerDetails) -> Match:
        wanted = _keys_of(details.cleaned())
        candidates: dict[int, Known] = {}
        for person in (
            *self._by_email.get(wanted.email, ()),
            *self._by_phone.get(wanted.phone, ()),
            *self._by_record.get(wanted.record, ()),
        ):
            candidates.setdefault(id(person), person)
        fitting: list[Known] = []
        pointing_elsewhere: list[Known] = []
        for person in candidates.values():
            fits, elsewhere = _fits(_keys_of(person), wanted)
            if fits:
                fitting.append(person)
            elif elsewhere:
                pointing_elsewhere.append(person)
        if len(fitting) == 1 and not pointing_elsewhere:
            return Match(SAME, fitting[0])
        if not fitting and not pointing_elsewhere:
            return Match(NEW)
        return Match(UNSURE, candidates=tuple(fitting + pointing_elsewhere))


@dataclass
class MatchedBatch:
    """Who each of a batch of details belongs to, for writing many at once."""

    persons: list[Known] = field(default_factory=list)
    created: list[Known] = field(default_factory=list)
    matched: dict[int, Known] = field(default_factory=dict)
    # Customers in the log who gained a phone, email or address they lacked.
    filled: dict[int, Known] = field(default_factory=dict)
    # Index in the batch -> the match that was not sure.
    unsure: dict[int, Match] = field(default_factory=dict)


def match_batch(details: Sequence[CustomerDetails]) -> MatchedBatch:
    """Match each of ``details`` in order; a new customer is known to the rows after it.

    A matched customer only gains details they lacked (a phone, an email, an
    address); what the log holds is never replaced from a batch.
    """
    matcher = CustomerMatcher.from_log(details)
    batch = MatchedBatch()
    for index, wanted in enumerate(details):
        found = matcher.match(wanted)
        if found.outcome == UNSURE:
            batch.unsure[index] = found
        if found.outcome == SAME and found.person is not None:
            person = found.person
            gained = False
            for name in ("phone", "email", "address"):
                if not getattr(person, name) and getattr(wanted, name):
                    setattr(person, name, getattr(wanted, name))
                    gained = True
            if person.id is not None:
                batch.matched[person.id] = person
                if gained:
                    batch.filled[person.id] = person
            matcher.remember(person)  # by the details it gained, too
        else:
            cleaned = wanted.cleaned()
            person = Known(None, cleaned.name, cleaned.phone, cleaned.email, cleaned.address,
                           cleaned.notes, key=len(batch.created))  # fmt: skip
            batch.created.append(person)
            matcher.remember(person)
        batch.persons.append(person)
    return batch
