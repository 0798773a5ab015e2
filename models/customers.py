"""Customers: finding a returning one as the owner types, never duplicating."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from models import engine, phones, search, timeline
from models.db import database, writing
from models.emails import email_problem
from models.errors import ChangedMeanwhile, NotFoundError, ValidationError
from models.tables import Complaint, Customer
from models.text import cells, clean, digits, fold

MAX_NAME = 200
MAX_PHONE = 60
MAX_EMAIL = 254
MAX_ADDRESS = 1_000
MAX_NOTES = 20_000


@dataclass(frozen=True)
class CustomerDetails:
    name: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    notes: str = ""

    def cleaned(self) -> CustomerDetails:
        return CustomerDetails(
            name=clean(self.name),
            phone=clean(self.phone),
            email=clean(self.email),
            address=clean(self.address, multiline=True),
            notes=clean(self.notes, multiline=True),
        )


@dataclass(frozen=True)
class CustomerMatch:
    """A customer suggested while typing, with how many complaints they have made."""

    id: int
    name: str
    phone: str
    email: str
    address: str
    complaint_count: int
    last_complaint_at: dt.datetime | None


def too_long(label: str, value: str, limit: int) -> str | None:
    if len(value) > limit:
        return f"{label} is {len(value):,} characters long; the most it can hold is {limit:,}."
    return None


def validate_customer(details: CustomerDetails) -> dict[str, str]:
    """Problems with ``details`` (already cleaned), keyed by field name."""
    problems: dict[str, str] = {}
    if not details.name:
        problems["name"] = "Enter the customer's name."
    checks = (
        ("name", "The name", details.name, MAX_NAME),
        ("phone", "The phone number", details.phone, MAX_PHONE),
        ("email", "The email address", details.email, MAX_EMAIL),
        ("address", "The address", details.address, MAX_ADDRESS),
        ("notes", "The notes", details.notes, MAX_NOTES),
    )
    for field, label, value, limit in checks:
        message = too_long(label, value, limit)
        if message and field not in problems:
            problems[field] = message
    if details.phone and "phone" not in problems:
        problem = phones.phone_problem(details.phone)
        if problem:
            problems["phone"] = problem
    if details.email and "email" not in problems:
        problem = email_problem(details.email)
        if problem:
            problems["email"] = problem
    return problems


def derived_keys(details: CustomerDetails) -> dict[str, str]:
    phone_digits = phones.key(details.phone)
    email_key = details.email.casefold()
    return {
        "phone_digits": phone_digits,
        "email_key": email_key,
        "search_key": " ".join(
            part for part in (fold(details.name), phone_digits, email_key) if part
        ),
    }


def create_customer(details: CustomerDetails) -> Customer:
    details = details.cleaned()
    problems = validate_customer(details)
    if problems:
        raise ValidationError(problems)
    with writing():
        return Customer.create(**vars(details), **derived_keys(details))


# How each detail is named in the timeline and in messages.
FIELD_LABELS = {"name": "Name", "phone": "Phone", "email": "Email", "address": "Address",
                "notes": "Notes"}  # fmt: skip


def _same_value(field: str, old: str, new: str) -> bool:
    if field == "phone":
        old_key, new_key = phones.key(old), phones.key(new)
        if old_key or new_key:
            return old_key == new_key
        return digits(old) == digits(new) if digits(old) or digits(new) else old == new
    if field in ("email", "name", "address"):
        return " ".join(fold(old).split()) == " ".join(fold(new).split())
    return old == new


def changes_to(existing: Customer, details: CustomerDetails) -> tuple[list[str], list[str]]:
    """How ``details`` would change a customer: (values replaced, gaps filled).

    Each is a list of field names. A blank typed field changes nothing; a name
    with more of the same words (``Zoe`` to ``Zoë Martin``) fills in, one with
    fewer keeps the fuller name.
    """
    details = details.cleaned()
    replaced: list[str] = []
    filled: list[str] = []
    for field in ("name", "phone", "email", "address", "notes"):
        old, new = getattr(existing, field), getattr(details, field)
        if not new or _same_value(field, old, new):
            continue
        if field == "name" and names_agree(old, new):
            if len(fold(new).split()) > len(fold(old).split()):
                filled.append(field)
            continue
        (replaced if old else filled).append(field)
    return replaced, filled


def names_agree(a: str, b: str) -> bool:
    """True when one name's words are all in the other (``Zoe`` and ``Zoë Martin``)."""
    return words_agree(frozenset(fold(a).split()), frozenset(fold(b).split()))


def words_agree(x: frozenset[str], y: frozenset[str]) -> bool:
    """:func:`names_agree` on names already folded into sets of words."""
    return bool(x and y) and (x <= y or y <= x)


def describe_changes(existing: Customer, details: CustomerDetails, names: list[str]) -> str:
    """``Phone: 0161 … → 0770 …`` for each of ``names``, one to a line."""
    details = details.cleaned()
    blank = "(blank)"
    return "\n".join(
        f"{FIELD_LABELS[n]}: {getattr(existing, n) or blank} → {getattr(details, n) or blank}"
        for n in names
    )


def update_customer(
    customer_id: int,
    details: CustomerDetails,
    *,
    author: str = "",
    now: dt.datetime | None = None,
    revision: int | None = None,
) -> Customer:
    """Change a customer's details; the change goes on the timeline of every
    complaint of theirs, and their complaints are found by the new details.

    ``revision`` is the customer's revision the change was made from (None: the
    one read here); when theirs is newer by the time it is written,
    :class:`ChangedMeanwhile` is raised and nothing is changed."""
    details = details.cleaned()
    problems = validate_customer(details)
    if problems:
        raise ValidationError(problems)
    with writing():
        customer = get_customer(customer_id)
        changed = [
            name
            for name in ("name", "phone", "email", "address", "notes")
            if getattr(customer, name) != getattr(details, name)
        ]
        if not changed:
            return customer
        text = "Customer's details changed:\n" + describe_changes(
            customer, details, [n for n in changed if n != "notes"]
        )
        if changed == ["notes"]:
            text = "Notes on the customer changed."
        values = {**vars(details), **derived_keys(details)}
        written = (
            Customer.update(**values, revision=Customer.revision + 1)
            .where(
                (Customer.id == customer.id)
                & (Customer.revision == (customer.revision if revision is None else revision))
            )
            .execute()
        )
        if not written:
            raise ChangedMeanwhile(
                f"{customer.name}'s details were changed at another counter at the same "
                "moment: nothing was changed; try again."
            )
        ids = [
            row.id
            for row in Complaint.select(Complaint.id).where(Complaint.customer == customer_id)
        ]
        for complaint_id in ids:
            timeline.record(complaint_id, timeline.EDITED, text.strip(), author, now)
        search.reindex_complaints(ids)
        return get_customer(customer_id)


def get_customer(customer_id: int) -> Customer:
    customer = Customer.get_or_none(Customer.id == customer_id)
    if customer is None:
        raise NotFoundError(f"There is no customer number {customer_id}.")
    return customer


def complaint_count(customer_id: int) -> int:
    """How many complaints this customer has made."""
    return int(Complaint.select().where(Complaint.customer == customer_id).count())


# Said before a name, and seldom kept with it: "Mrs Patel" finds Chloé Patel.
_TITLES = frozenset(
    ["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam", "mister", "missus"]
)


def suggest_customers(typed: str, limit: int = 8) -> list[CustomerMatch]:
    """Customers whose name, phone or email contains every word typed so far (a
    title before the name, such as "Mrs", need not be there)."""
    terms = fold(clean(typed)).split()
    while len(terms) > 1 and terms[0].rstrip(".") in _TITLES:
        terms = terms[1:]
    if not terms or sum(cells(term) for term in terms) < 2:  # 王 alone, not "c"
        return []
    # A phone number is found however it was written (+44 7700… or 07700…).
    terms = phones.search_terms(terms)
    if not terms:
        return []
    clauses = []
    params: list[object] = []
    for term in terms:
        clauses.append("search_key LIKE ? ESCAPE '\\'")
        params.append("%" + search.escape_like(term) + "%")
    first = search.escape_like(terms[0])
    sql = f"""
        SELECT id, name, phone, email, address FROM customer
        WHERE {" AND ".join(clauses)}
        ORDER BY (search_key LIKE ? ESCAPE '\\') DESC, {engine.current().nocase("name")}, id
        LIMIT ?"""
    rows = database.execute_sql(sql, [*params, first + "%", limit]).fetchall()
    if not rows:
        return []
    return _matches(rows)


def customer_match(customer_id: int) -> CustomerMatch | None:
    """The customer as a suggestion shows them (None when no longer in the log):
    a form brought back from its draft names whom it had picked, as it did."""
    rows = database.execute_sql(
        "SELECT id, name, phone, email, address FROM customer WHERE id = ?", [customer_id]
    ).fetchall()
    found = _matches(rows)
    return found[0] if found else None


def _matches(rows: list[tuple[Any, ...]]) -> list[CustomerMatch]:
    """Customers' rows (id, name, phone, email, address) with how many complaints
    each has made and when the last was received."""
    if not rows:
        return []
    ids = [row[0] for row in rows]
    counts = {
        customer_id: (count, last)
        for customer_id, count, last in database.execute_sql(
            f"""SELECT customer_id, COUNT(*), MAX(received_at) FROM complaint
                WHERE customer_id IN ({",".join("?" * len(ids))}) GROUP BY customer_id""",
            ids,
        )
    }
    matches = []
    for customer_id, name, phone, email, address in rows:
        count, last = counts.get(customer_id, (0, None))
        matches.append(
            CustomerMatch(
                id=customer_id,
                name=name,
                phone=phone,
                email=email,
                address=address,
                complaint_count=count,
                last_complaint_at=_parse_datetime(last),
            )
        )
    return matches


def _parse_datetime(value: object) -> dt.datetime | None:
    if value is None or isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(str(value))
