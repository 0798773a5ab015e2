"""Anonymising: erasing a customer on request, and the same for old complaints.

What is removed: the customer's name and contact details, and every word of
theirs or about them (what they said, notes, the basis of the finding, what was
offered and agreed, follow-up notes, ticked steps' notes, letters' text, the
timeline's text); their attachments and letter files are deleted. What stays,
so the figures still add up: each complaint's reference, dates, channel,
category, product, stage, status, finding on fault, root cause, redress and its
value, and the lesson learnt (with the customer's name, phone and email taken
out of it). The timeline keeps when and what kind of thing happened, and gains
one entry saying the complaint was anonymised and why, without personal data.

Deleted rows are overwritten in the file (``secure_delete``) and the write-ahead
log is emptied afterwards. Backups made before an erasure still hold the
details until they are rotated out.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from models import followups, search, timeline
from models.attachments import ATTACHMENTS
from models.choices import CLOSED
from models.db import data_folder, database, writing
from models.errors import NotFoundError
from models.letter_records import LETTERS
from models.tables import Attachment, Complaint, Customer, FollowUp, Letter

ANONYMOUS_NAME = "Anonymised customer"
REMOVED = "[removed]"
ON_REQUEST = "The customer's details were erased at their request."
BATCH = 400


@dataclass(frozen=True)
class Outcome:
    complaints: int
    customers: int
    files_deleted: int
    files_left: tuple[Path, ...] = ()  # could not be deleted (say so)


def _chunks(ids: Sequence[int], size: int = BATCH) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _marks(ids: Sequence[int]) -> str:
    return ",".join("?" * len(ids))


def _scrub(text: str, customer: Customer) -> str:
    """``text`` with the customer's name, phone and email taken out."""
    for value in (customer.name, customer.email, customer.phone):
        value = value.strip()
        if len(value) >= 3:
            text = re.sub(re.escape(value), "[customer]", text, flags=re.IGNORECASE)
    return text


def _files_of(ids: Sequence[int]) -> list[Path]:
    folder = data_folder()
    letters = Letter.select(Letter.file_name).where(
        Letter.complaint.in_(ids) & (Letter.sha256 != "")
    )
    paths = [folder / LETTERS / row.file_name for row in letters]
    paths += [folder / ATTACHMENTS / str(i) for i in ids]
    return paths


def _redact(ids: Sequence[int], why: str, author: str, now: dt.datetime) -> None:
    """Remove the personal words of these complaints (inside a transaction)."""
    marks = _marks(ids)
    params = list(ids)
    removed = f"CASE WHEN {{0}} != '' THEN '{REMOVED}' ELSE '' END"
    database.execute_sql(
        f"""UPDATE complaint SET
                account = '{REMOVED}',
                remedy_sought = {removed.format("remedy_sought")},
                fault_basis = {removed.format("fault_basis")},
                options_offered = {removed.format("options_offered")},
                agreed_solution = {removed.format("agreed_solution")},
                anonymised_at = ?, updated_at = ?
            WHERE id IN ({marks})""",
        [now, now, *params],
    )
    lessons = (
        Complaint.select(Complaint.id, Complaint.lesson, Customer)
        .join(Customer)
        .where(Complaint.id.in_(ids) & (Complaint.lesson != ""))
    )
    for complaint in lessons:
        scrubbed = _scrub(complaint.lesson, complaint.customer)
        if scrubbed != complaint.lesson:
            Complaint.update(lesson=scrubbed).where(Complaint.id == complaint.id).execute()
    database.execute_sql(
        f"UPDATE event SET text = '', redacted = 1 WHERE complaint_id IN ({marks}) "
        "AND redacted = 0",
        params,
    )
    database.execute_sql(
        f"UPDATE checklist_tick SET note = '' WHERE complaint_id IN ({marks})", params
    )
    database.execute_sql(
        f"UPDATE agreed_action SET what = '{REMOVED}' WHERE complaint_id IN ({marks})", params
    )
    database.execute_sql(
        f"UPDATE follow_up SET what = '{REMOVED}', note = '' WHERE complaint_id IN ({marks})",
        params,
    )
    database.execute_sql(
        f"UPDATE letter SET subject = '{REMOVED}', body = '{REMOVED}', sha256 = '' "
        f"WHERE complaint_id IN ({marks})",
        params,
    )
    Attachment.delete().where(Attachment.complaint.in_(ids)).execute()
    # What is still open is closed: nobody can be contacted about it any more.
    still_open = [
        c.id
        for c in Complaint.select(Complaint.id).where(
            Complaint.id.in_(ids) & (Complaint.status != CLOSED)
        )
    ]
    if still_open:
        Complaint.update(status=CLOSED, closed_at=now).where(Complaint.id.in_(still_open)).execute()
    FollowUp.update(status=followups.CANCELLED, done_at=now).where(
        FollowUp.complaint.in_(ids) & (FollowUp.status == followups.PENDING)
    ).execute()
    closed_now = set(still_open)
    # One entry each, saying why and nothing personal (not a response to anyone).
    database.obj.connection().executemany(
        "INSERT INTO event (complaint_id, at, author, kind, text) VALUES (?, ?, ?, ?, ?)",
        [
            (complaint_id, str(now), author, timeline.ANONYMISED,
             why + (" Closed, as it was still open." if complaint_id in closed_now else ""))
            for complaint_id in ids
        ],
    )  # fmt: skip


def _anonymise_customer_rows(customer_ids: Sequence[int], now: dt.datetime) -> None:
    Customer.update(
        name=ANONYMOUS_NAME, phone="", email="", address="", notes="",
        phone_digits="", email_key="", search_key="", erased_at=now,
    ).where(Customer.id.in_(list(customer_ids))).execute()  # fmt: skip


def _settle_customers(customer_ids: Iterable[int], now: dt.datetime) -> int:
    """Anonymise each customer with nothing but anonymised complaints left; a
    customer with newer complaints keeps them, and the anonymised ones move to
    a new anonymous customer (so repeat-customer figures still add up)."""
    ids = sorted(set(customer_ids))
    for chunk in _chunks(ids):
        marks = _marks(chunk)
        kept = {
            row[0]
            for row in database.execute_sql(
                f"SELECT DISTINCT customer_id FROM complaint WHERE customer_id IN ({marks}) "
                "AND anonymised_at IS NULL",
                list(chunk),
            )
        }
        gone = [customer_id for customer_id in chunk if customer_id not in kept]
        if gone:
            _anonymise_customer_rows(gone, now)
        for customer_id in sorted(kept):
            stand_in = Customer.create(name=ANONYMOUS_NAME, created_at=now, erased_at=now)
            Complaint.update(customer=stand_in.id).where(
                (Complaint.customer == customer_id) & Complaint.anonymised_at.is_null(False)
            ).execute()
    return len(ids)


def _delete_files(paths: Iterable[Path]) -> tuple[int, tuple[Path, ...]]:
    deleted, left = 0, []
    for path in paths:
        try:
            if path.is_dir():
                deleted += sum(1 for p in path.rglob("*") if p.is_file())
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
                deleted += 1
        except OSError:
            left.append(path)
    return deleted, tuple(left)


def _purge_leftovers() -> None:
    """Overwrite freed pages and empty the write-ahead log, so removed words do
    not linger in the file."""
    database.execute_sql("INSERT INTO complaint_search (complaint_search) VALUES ('optimize')")
    database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def anonymise_complaints(
    complaint_ids: Sequence[int], *, why: str, author: str, now: dt.datetime | None = None
) -> Outcome:
    """Anonymise these complaints (and customers left with nothing else); ``why``
    goes on each timeline. Complaints already anonymised are skipped."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    todo = [
        c.id
        for c in Complaint.select(Complaint.id).where(
            Complaint.id.in_(list(complaint_ids)) & Complaint.anonymised_at.is_null()
        )
    ] if complaint_ids else []  # fmt: skip
    if not todo:
        return Outcome(0, 0, 0)
    files: list[Path] = []
    customers: set[int] = set()
    database.execute_sql("PRAGMA secure_delete = ON")
    try:
        for ids in _chunks(todo):
            with writing():
                files += _files_of(ids)
                customers.update(
                    c.customer_id
                    for c in Complaint.select(Complaint.customer).where(Complaint.id.in_(ids))
                )
                _redact(ids, why, author, now)
                search.reindex_complaints(ids)
        with writing():
            settled = _settle_customers(customers, now)
            search.reindex_complaints(todo)
        _purge_leftovers()
    finally:
        database.execute_sql("PRAGMA secure_delete = OFF")
    deleted, left = _delete_files(files)
    return Outcome(len(todo), settled, deleted, left)


def erase_customer(customer_id: int, *, author: str, now: dt.datetime | None = None) -> Outcome:
    """Erase a customer on their request: every complaint of theirs is anonymised
    and so is the customer."""
    customer = Customer.get_or_none(Customer.id == customer_id)
    if customer is None:
        raise NotFoundError(f"There is no customer {customer_id}.")
    ids = [c.id for c in Complaint.select(Complaint.id).where(Complaint.customer == customer_id)]
    now = (now or dt.datetime.now()).replace(microsecond=0)
    outcome = anonymise_complaints(ids, why=ON_REQUEST, author=author, now=now)
    if Customer.get_by_id(customer_id).erased_at is None:
        with writing():  # anonymise the customer even when nothing else was left to do
            _anonymise_customer_rows([customer_id], now)
            search.reindex_complaints(ids)
    return Outcome(outcome.complaints, 1, outcome.files_deleted, outcome.files_left)


def is_erased(customer: Customer) -> bool:
    return customer.erased_at is not None
