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
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import peewee

from models import erasure_ledger, followups, search, settings, timeline
from models.attachments import ATTACHMENTS
from models.choices import CLOSED
from models.db import data_folder, database, writing
from models.errors import NotFoundError, StorageError
from models.letter_records import LETTERS
from models.tables import Attachment, Complaint, Customer, Draft, FollowUp, Letter

ANONYMOUS_NAME = "Anonymised customer"
REMOVED = "[removed]"
ON_REQUEST = "The customer's details were erased at their request."
AUTHOR = "Complaint Desk"
BATCH = 400
PAUSE = 0.12  # seconds between batches: longer than SQLite's longest wait for a lock


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
    """``text`` with the customer's name (whole, or any word of it of three
    letters or more), email and phone number (however spaced) taken out."""
    name = customer.name.strip()
    values = [name, customer.email.strip(), *re.split(r"\W+", name)]
    patterns = [re.escape(value) for value in values if len(value) >= 3]
    digits = re.sub(r"\D", "", customer.phone)
    if len(digits) >= 6:
        patterns.append(r"[\s\-().]*".join(digits))
    if not patterns:
        return text
    found = re.compile(
        r"(?<!\w)(?:" + "|".join(sorted(patterns, key=len, reverse=True)) + r")(?!\w)",
        re.IGNORECASE,
    )
    return found.sub("[customer]", text)


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
        f"UPDATE letter SET subject = '{REMOVED}', body = '{REMOVED}', sha256 = '', "
        f"override_reason = {removed.format('override_reason')} "
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


PURGE_PENDING = "purge_pending"  # a setting: the last purge could not finish


def purge_leftovers() -> bool:
    """Overwrite what is left of removed words: merge the search index's
    segments and empty the write-ahead log. Best effort: when the file is busy
    it is left for the next start (see :func:`purge_if_pending`). True when done."""
    try:
        database.execute_sql("INSERT INTO complaint_search (complaint_search) VALUES ('optimize')")
        busy = database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    except peewee.OperationalError:
        busy = 1
    try:
        settings.set_setting(PURGE_PENDING, bool(busy))
    except StorageError:
        return False
    return not busy


def purge_if_pending() -> None:
    if settings.get_setting(PURGE_PENDING):
        purge_leftovers()


def _batches(complaint_ids: Sequence[int]) -> list[list[int]]:
    """The complaints still to anonymise, in batches of about :data:`BATCH`,
    never splitting one customer's complaints across two batches."""
    rows = (
        Complaint.select(Complaint.id, Complaint.customer)
        .where(Complaint.id.in_(list(complaint_ids)) & Complaint.anonymised_at.is_null())
        .order_by(Complaint.customer, Complaint.id)
    )
    batches: list[list[int]] = [[]]
    last_customer = None
    for row in rows:
        complaint_id, customer_id = int(row.id), int(row.customer_id)
        if len(batches[-1]) >= BATCH and customer_id != last_customer:
            batches.append([])
        batches[-1].append(complaint_id)
        last_customer = customer_id
    return [batch for batch in batches if batch]


def anonymise_complaints(
    complaint_ids: Sequence[int], *, why: str, author: str, now: dt.datetime | None = None
) -> Outcome:
    """Anonymise these complaints (and customers left with nothing else); ``why``
    goes on each timeline. Complaints already anonymised are skipped.

    Each batch is its own transaction, its files deleted once it is saved, with
    a pause between batches so the window's own saves are never kept waiting."""
    now = (now or dt.datetime.now()).replace(microsecond=0)
    batches = _batches(complaint_ids) if complaint_ids else []
    if not batches:
        return Outcome(0, 0, 0)
    done = customers = deleted = 0
    left: list[Path] = []
    database.execute_sql("PRAGMA secure_delete = ON")
    try:
        for number, ids in enumerate(batches):
            if number:
                time.sleep(PAUSE)
            with writing():
                files = _files_of(ids)
                owners = {
                    c.customer_id
                    for c in Complaint.select(Complaint.customer).where(Complaint.id.in_(ids))
                }
                _redact(ids, why, author, now)
                customers += _settle_customers(owners, now)
                search.reindex_complaints(ids)
            done += len(ids)
            removed, kept = _delete_files(files)
            deleted += removed
            left.extend(kept)
        purge_leftovers()
    finally:
        database.execute_sql("PRAGMA secure_delete = OFF")
    return Outcome(done, customers, deleted, tuple(left))


def _forget_drafts(customer: Customer) -> None:
    """Half-typed forms that mention the customer go too."""
    marks = [
        value.casefold()
        for value in (customer.name, customer.email, customer.phone)
        if len(value.strip()) >= 3
    ]
    for draft in Draft.select():
        text = draft.data.casefold()
        if any(mark in text for mark in marks):
            Draft.delete().where(Draft.key == draft.key).execute()


def erase_customer(customer_id: int, *, author: str, now: dt.datetime | None = None) -> Outcome:
    """Erase a customer on their request: every complaint of theirs is anonymised
    and so is the customer."""
    customer = Customer.get_or_none(Customer.id == customer_id)
    if customer is None:
        raise NotFoundError(f"There is no customer {customer_id}.")
    rows = Complaint.select(Complaint.id, Complaint.reference, Complaint.received_at).where(
        Complaint.customer == customer_id
    )
    ids = [c.id for c in rows]
    now = (now or dt.datetime.now()).replace(microsecond=0)
    # Remembered first: a restored older backup, or an erasure cut short, is
    # put right at the next start (reapply_erasures).
    erasure_ledger.remember([(c.id, c.reference, str(c.received_at)) for c in rows], now)
    with writing():
        _forget_drafts(customer)
    outcome = anonymise_complaints(ids, why=ON_REQUEST, author=author, now=now)
    if Customer.get_by_id(customer_id).erased_at is None:
        with writing():  # anonymise the customer even when nothing else was left to do
            _anonymise_customer_rows([customer_id], now)
            search.reindex_complaints(ids)
    return Outcome(outcome.complaints, 1, outcome.files_deleted, outcome.files_left)


def reapply_erasures(now: dt.datetime | None = None) -> int:
    """Anonymise again any complaint an erasure covered that is back with its
    words (after restoring an older backup, or an erasure cut short); return
    how many. A complaint must match by number, reference and time received."""
    count = 0
    for erasure in erasure_ledger.erasures():
        wanted = {
            number: (reference, received) for number, reference, received in erasure.complaints
        }
        back = [
            c.id
            for c in Complaint.select(
                Complaint.id, Complaint.reference, Complaint.received_at
            ).where(Complaint.id.in_(list(wanted)) & Complaint.anonymised_at.is_null())
            if wanted.get(c.id) == (c.reference, str(c.received_at))
        ]
        if back:
            why = (
                f"{ON_REQUEST[:-1]} on {erasure.at:%d %B %Y}; erased again, as the data "
                "had come back (a backup from before then was restored)."
            )
            count += anonymise_complaints(back, why=why, author=AUTHOR, now=now).complaints
    return count
