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

Erasing a customer on request also removes what other complaints say about
them: see :class:`Marks` for how a mention is recognised. Each certain mention
in another customer's text (notes and other timeline entries, what happened,
what they want, the facts, options, agreed solution, lesson, letters, ticked
steps' notes, agreed actions, follow-ups, the notes about another customer) is
replaced with ``[erased]``, the rest of that text kept; a possible mention (one
word of their name alone) only when the owner says so, after seeing them all
(:func:`find_mentions`). An anonymised complaint cannot be reopened or written
to (:func:`refuse_if_erased`).

Files go through the log's file store (:mod:`models.file_store`). In the data
folder, a file is deleted only where its stored name leads to a file inside its
own folder (:func:`models.data_files.stored_path`); any other name is left
alone, and reported in :attr:`Outcome.files_refused`, while the rows are erased
all the same; the files go once the rows are saved. On a server the files are
rows of the log, deleted in the same transaction as the words.

Deleted rows are overwritten in the file (``secure_delete``) and the write-ahead
log is emptied afterwards. A PostgreSQL server keeps deleted rows in its own
files until it next tidies them up (its VACUUM): the outcome says so
(:data:`SERVER_KEEPS`). Backups made before an erasure still hold the details
until they are rotated out.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import peewee

from models import (
    display,
    engine,
    erasure_ledger,
    file_store,
    followups,
    search,
    search_index,
    settings,
    timeline,
)
from models.choices import CLOSED
from models.db import checkpoint, chunked, database, on_server, writing
from models.drafts import settle_waiting
from models.errors import NotFoundError, StorageError, UnsafeFileNameError, ValidationError
from models.file_store import ATTACHMENT, FileKey, FileStore, attachment_key, letter_key
from models.search import Marks, snippet
from models.tables import Attachment, Complaint, Customer, Draft, FollowUp, Letter

ANONYMOUS_NAME = "Anonymised customer"
REMOVED = "[removed]"
ERASED = "[erased]"  # in place of a mention of an erased customer in someone else's text
ON_REQUEST = "The customer's details were erased at their request."
AUTHOR = "Complaint Desk"
BATCH = 400
PAUSE = 0.12  # seconds between batches: longer than SQLite's longest wait for a lock
# Said after erasing on a server: what the server itself may still hold.
SERVER_KEEPS = (
    "The log is on a PostgreSQL server, which keeps deleted rows (these words and files "
    "among them) in its own files on its disk until it next tidies them up: PostgreSQL's "
    "VACUUM, which the server runs by itself from time to time, or whoever looks after the "
    "server can run now. The server's own backups made before now keep them too."
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    complaints: int
    customers: int
    files_deleted: int
    files_left: tuple[str, ...] = ()  # could not be deleted, where each is (say so)
    mentions: int = 0  # mentions in other customers' complaints replaced
    # Stored file names that lead outside their folder: why each was neither
    # opened nor deleted, one sentence naming the stored value.
    files_refused: tuple[str, ...] = ()
    # Where the removed words may still be, in plain words (on a server:
    # SERVER_KEEPS), or "".
    still_held: str = ""


def _marks(ids: Sequence[int]) -> str:
    return ",".join("?" * len(ids))


@dataclass
class _Doomed:
    """Files to delete once (or, on a server, as) their rows are erased: single
    files, and every attachment of some complaints."""

    keys: list[FileKey]
    attachments_of: list[int]


def _checked(
    store: FileStore, keys: Iterable[FileKey], owners: Iterable[int] = ()
) -> tuple[_Doomed, list[str]]:
    """The files of ``keys`` and the attachments of ``owners`` that may be deleted,
    and why each stored name that leads elsewhere was refused (also logged)."""
    doomed = _Doomed([], [])
    refused: list[str] = []
    for key in keys:
        try:
            store.check(key)
            doomed.keys.append(key)
        except UnsafeFileNameError as exc:
            log.warning("%s", exc)
            refused.append(str(exc))
    for owner in owners:
        try:
            store.check_all(ATTACHMENT, owner)
            doomed.attachments_of.append(owner)
        except UnsafeFileNameError as exc:
            log.warning("%s", exc)
            refused.append(str(exc))
    return doomed, refused


# --- mentions in other customers' complaints ----------------------------------------

# Every free text about a complaint: (table, column, where it is, as the owner says it).
_TEXTS = (
    ("complaint", "account", "What happened"),
    ("complaint", "remedy_sought", "What they want"),
    ("complaint", "product", "Product or order"),
    ("complaint", "fault_basis", "Basis of the finding on fault"),
    ("complaint", "options_offered", "Options offered"),
    ("complaint", "agreed_solution", "Agreed solution"),
    ("complaint", "lesson", "Lesson"),
    ("event", "text", "Timeline"),
    ("checklist_tick", "note", "Note on a step done"),
    ("agreed_action", "what", "Agreed action"),
    ("follow_up", "what", "Follow-up"),
    ("follow_up", "note", "Follow-up note"),
    ("letter", "subject", "Letter's subject"),
    ("letter", "body", "Letter"),
    ("letter", "override_reason", "Reason a letter was made"),
    ("customer", "notes", "Notes about another customer"),
)


@dataclass(frozen=True)
class Mention:
    """A mention of a customer in someone else's complaint (or in the notes about
    another customer, when ``reference`` is empty)."""

    reference: str
    where: str
    snippet: str
    certain: bool  # False: one word of their name alone, which may be someone else
    table: str = ""
    column: str = ""
    row_id: int = 0
    complaint_id: int | None = None

    def describe(self) -> str:
        where = self.where[:1].lower() + self.where[1:]
        place = f"{self.reference}, {where}" if self.reference else self.where
        return f"{place}: “{self.snippet}”"


def _texts_sql(table: str, column: str) -> str:
    if table == "customer":
        return ("SELECT id, NULL, '', notes, '' FROM customer "
                "WHERE id != ? AND notes != '' AND erased_at IS NULL")  # fmt: skip
    if table == "complaint":
        return (f"SELECT id, id, reference, {column}, '' FROM complaint "
                f"WHERE customer_id != ? AND {column} != ''")  # fmt: skip
    extra = "t.kind || ' ' || t.at" if table == "event" else "''"
    redacted = " AND NOT t.redacted" if table == "event" else ""
    return (
        f"SELECT t.id, c.id, c.reference, t.{column}, {extra} FROM {table} t "
        f"JOIN complaint c ON c.id = t.complaint_id "
        f"WHERE c.customer_id != ? AND t.{column} != ''{redacted}"
    )


def _where(label: str, extra: str) -> str:
    if not extra:
        return label
    kind, _, at = extra.partition(" ")
    entry = timeline.TimelineEntry(0, dt.datetime.now(), "", kind, "").kind_label
    return f"{entry} of {display.day_with_year(dt.datetime.fromisoformat(at).date())}"


def find_mentions(customer_id: int, *, possible: bool = True) -> list[Mention]:
    """Where other customers' complaints mention this customer, certain and (with
    ``possible``) possible, by complaint; none for a customer already erased."""
    customer = Customer.get_or_none(Customer.id == customer_id)
    if customer is None:
        raise NotFoundError(f"There is no customer {customer_id}.")
    if customer.erased_at is not None:
        return []
    marks = Marks.of(customer)
    found: list[Mention] = []
    for table, column, label in _TEXTS:
        for row_id, complaint_id, reference, text, extra in database.execute_sql(
            _texts_sql(table, column), (customer_id,)
        ):
            for start, end, certain in marks.spans(text, possible=possible):
                found.append(Mention(
                    reference, _where(label, extra), snippet(text, start, end), certain,
                    table, column, row_id, complaint_id,
                ))  # fmt: skip
    return sorted(found, key=lambda m: (m.reference == "", m.reference, not m.certain))


def _erase_mentions(
    customer: Customer, *, possible: bool, author: str, now: dt.datetime
) -> tuple[int, _Doomed, list[str], int]:
    """Replace the mentions of ``customer`` in other customers' texts with
    :data:`ERASED`; return how many, the letter files that held them (to delete
    once saved), the refused file names, and how many files were deleted with
    the words (on a server). Each complaint changed says so on its timeline."""
    marks = Marks.of(customer)
    places = {(m.table, m.column, m.row_id): m.complaint_id
              for m in find_mentions(customer.id, possible=possible)
              if possible or m.certain}  # fmt: skip
    count = 0
    letters: list[int] = []
    changed: dict[int, int] = {}
    with writing():
        for (table, column, row_id), complaint_id in places.items():
            row = database.execute_sql(
                f"SELECT {column} FROM {table} WHERE id = ?", (row_id,)
            ).fetchone()
            text, replaced = marks.replace(row[0] if row else "", ERASED, possible=possible)
            if not replaced:
                continue
            more = ", mentions_erased = mentions_erased + ?" if table == "event" else ""
            # What a window editing that complaint or customer shows is now older.
            edited = ", revision = revision + 1" if table in ("complaint", "customer") else ""
            database.execute_sql(
                f"UPDATE {table} SET {column} = ?{more}{edited} WHERE id = ?",
                (text, replaced, row_id) if more else (text, row_id),
            )
            if table == "letter":  # its PDF holds the words too: it goes
                letters.append(row_id)
            count += replaced
            if complaint_id is not None:
                changed[complaint_id] = changed.get(complaint_id, 0) + replaced
        for complaint_id, replaced in changed.items():
            timeline.record(
                complaint_id, timeline.EDITED,
                f"{replaced} mention{'s' if replaced != 1 else ''} of another customer, erased "
                f"at their request, replaced with {ERASED}.", author, now,
            )  # fmt: skip
        search.reindex_complaints(list(changed))
        store = file_store.current()
        files, refused = _checked(store, _files_of_letters(letters))
        deleted = 0
        if store.in_the_log:  # the files and the words go together
            deleted = _delete_files(store, files)[0]
            files = _Doomed([], [])
    return count, files, refused, deleted


def _files_of_letters(letter_ids: Iterable[int]) -> list[FileKey]:
    """The files of these letters that still have one (and mark them as having none)."""
    wanted: list[FileKey] = []
    for letter_id in dict.fromkeys(letter_ids):
        letter = Letter.get_by_id(letter_id)
        if letter.sha256:
            Letter.update(sha256="").where(Letter.id == letter_id).execute()
            wanted.append(letter_key(letter.complaint_id, letter.file_name))
    return wanted


def _scrub(text: str, customer: Customer) -> str:
    """The customer's own complaint's ``text`` with every mention of them (any word
    of their name of three letters or more too) taken out."""
    return Marks.of(customer).replace(text, "[customer]", possible=True)[0]


def _files_of(store: FileStore, ids: Sequence[int]) -> tuple[_Doomed, list[str]]:
    """The letter files and the attachments of these complaints, and the stored
    names refused (an attachment's own name too: in the data folder its
    complaint's folder goes whole, and a link in it is removed, never followed)."""
    letters = Letter.select(Letter.complaint, Letter.file_name).where(
        Letter.complaint.in_(ids) & (Letter.sha256 != "")
    )
    doomed, refused = _checked(
        store, [letter_key(row.complaint_id, row.file_name) for row in letters], ids
    )
    attached = Attachment.select(Attachment.complaint, Attachment.stored_name).where(
        Attachment.complaint.in_(ids)
    )
    refused += _checked(
        store, [attachment_key(row.complaint_id, row.stored_name) for row in attached]
    )[1]
    return doomed, refused


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
                anonymised_at = ?, updated_at = ?, revision = revision + 1
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
        f"UPDATE event SET text = '', redacted = TRUE WHERE complaint_id IN ({marks}) "
        "AND NOT redacted",
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
    engine.current().execute_many(
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
        revision=Customer.revision + 1,
    ).where(Customer.id.in_(list(customer_ids))).execute()  # fmt: skip


def _settle_customers(customer_ids: Iterable[int], now: dt.datetime) -> int:
    """Anonymise each customer with nothing but anonymised complaints left; a
    customer with newer complaints keeps them, and the anonymised ones move to
    a new anonymous customer (so repeat-customer figures still add up)."""
    ids = sorted(set(customer_ids))
    for chunk in chunked(ids, BATCH):
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


def _delete_files(store: FileStore, doomed: _Doomed) -> tuple[int, tuple[str, ...]]:
    """Delete the files; return how many, and where each one that could not be
    deleted is. On a server a failure is raised: the erasure is then undone whole."""
    deleted, left = 0, []
    for key in doomed.keys:
        try:
            deleted += store.delete(key)
        except OSError:
            left.append(store.shown(key))
    for owner in doomed.attachments_of:
        try:
            deleted += store.delete_all(ATTACHMENT, owner)
        except OSError:
            left.append(store.shown(attachment_key(owner, "")))
    return deleted, tuple(left)


def _still_held() -> str:
    return SERVER_KEEPS if on_server() else ""


PURGE_PENDING = "purge_pending"  # a setting: the last purge could not finish


def purge_leftovers() -> bool:
    """Overwrite what is left of removed words: merge the search index's
    segments and empty the write-ahead log. Best effort: when the file is busy
    it is left for the next start (see :func:`purge_if_pending`). True when done."""
    try:
        search_index.current().optimize()
        busy = checkpoint("TRUNCATE")
    except peewee.OperationalError:
        busy = True
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
    left: list[str] = []
    refused: list[str] = []
    store = file_store.current()
    with engine.current().overwriting():
        for number, ids in enumerate(batches):
            if number:
                time.sleep(PAUSE)
            with writing():
                files, refused_here = _files_of(store, ids)
                owners = {
                    c.customer_id
                    for c in Complaint.select(Complaint.customer).where(Complaint.id.in_(ids))
                }
                _redact(ids, why, author, now)
                customers += _settle_customers(owners, now)
                search.reindex_complaints(ids)
                # On a server the files and the words go together; from the data
                # folder, once the words are gone for good.
                gone = _delete_files(store, files) if store.in_the_log else None
            done += len(ids)
            refused += refused_here
            removed, kept = gone if gone is not None else _delete_files(store, files)
            deleted += removed
            left.extend(kept)
        purge_leftovers()
    return Outcome(
        done, customers, deleted, tuple(left), files_refused=tuple(refused),
        still_held=_still_held(),
    )  # fmt: skip


def _forget_drafts(marks: Marks, *, possible: bool) -> None:
    """Half-typed forms that mention the customer go too."""
    for draft in Draft.select():
        if any(possible or certain for _, _, certain in marks.spans(draft.data)):
            Draft.delete().where(Draft.key == draft.key).execute()


def _erase_from_others(
    customer: Customer, *, possible: bool, author: str, now: dt.datetime
) -> Outcome:
    """Drafts and other customers' texts lose their mentions of ``customer``;
    return how many mentions were replaced, and the files deleted, left and
    refused."""
    settle_waiting()  # drafts kept beside the data file are scrubbed with the rest
    with engine.current().overwriting():
        with writing():
            _forget_drafts(Marks.of(customer), possible=possible)
        count, files, refused, deleted = _erase_mentions(
            customer, possible=possible, author=author, now=now
        )
    removed, left = _delete_files(file_store.current(), files)
    return Outcome(0, 0, deleted + removed, left, count, tuple(refused))


def erase_customer(
    customer_id: int, *, author: str, also_possible: bool = False, now: dt.datetime | None = None
) -> Outcome:
    """Erase a customer on their request: every complaint of theirs is anonymised
    and so is the customer; their mentions in other customers' complaints are
    replaced with :data:`ERASED` (the possible ones too with ``also_possible``:
    see :func:`find_mentions`)."""
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
    erasure_ledger.remember(
        [(c.id, c.reference, str(c.received_at)) for c in rows], now, also_possible=also_possible
    )
    others = _erase_from_others(customer, possible=also_possible, author=author, now=now)
    outcome = anonymise_complaints(ids, why=ON_REQUEST, author=author, now=now)
    if Customer.get_by_id(customer_id).erased_at is None:
        with writing():  # anonymise the customer even when nothing else was left to do
            _anonymise_customer_rows([customer_id], now)
            search.reindex_complaints(ids)
    if not ids:
        purge_leftovers()
    return Outcome(
        outcome.complaints,
        1,
        outcome.files_deleted + others.files_deleted,
        outcome.files_left + others.files_left,
        others.mentions,
        others.files_refused + outcome.files_refused,
        _still_held(),
    )


REFUSED = {
    "reopen": "{reference} cannot be reopened: {why}",
    "letter": "No letter can be written about {reference}: {why}",
    "note": "Nothing new can be added to {reference}: {why}",
}


def refuse_if_erased(complaint: Complaint, action: str = "reopen") -> None:
    """Raise :class:`ValidationError` when ``complaint`` was anonymised or its
    customer erased: nobody can be contacted about it, so it is not reopened
    (``action="reopen"``), no letter is drafted or kept for it (``"letter"``), and
    no note or evidence is added to it (``"note"``), which would bring personal
    data back."""
    when = complaint.anonymised_at or (
        Customer.select(Customer.erased_at).where(Customer.id == complaint.customer_id).scalar()
    )
    if when is None:
        return
    why = f"its customer's details were erased on {display.written_date(when)}."
    field = {"reopen": "status", "letter": "letter", "note": "note"}[action]
    raise ValidationError({field: REFUSED[action].format(reference=complaint.reference, why=why)})


ANONYMISED_BEFORE_RESTORE = (
    "This complaint had been anonymised before an older backup of the log was put "
    "back; anonymised again, as the data had come back."
)


def _erased_why(at: dt.datetime) -> str:
    return (
        f"{ON_REQUEST[:-1]} on {display.written_date(at)}; erased again, as "
        "the data had come back (a backup from before then was restored)."
    )


def reapply_erasures(
    now: dt.datetime | None = None,
    *,
    anonymised_before: Sequence[tuple[int, str, str]] = (),
) -> int:
    """Anonymise again any complaint an erasure covered that is back with its
    words (after restoring an older backup, or an erasure cut short); return
    how many. A complaint must match by number, reference and time received.

    ``anonymised_before``: complaints (number, reference, received) that the log
    a backup replaced held anonymised, by an erasure at any counter or by the
    retention rule; they are anonymised again too."""
    count = 0
    again = [(erasure, _erased_why(erasure.at)) for erasure in erasure_ledger.erasures()]
    if anonymised_before:
        when = (now or dt.datetime.now()).replace(microsecond=0)
        before = erasure_ledger.Erasure(when, tuple(anonymised_before))
        again.append((before, ANONYMISED_BEFORE_RESTORE))
    for erasure, why in again:
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
            owners = Customer.select().where(
                Customer.id.in_(Complaint.select(Complaint.customer).where(Complaint.id.in_(back)))
                & Customer.erased_at.is_null()
            )
            when = (now or dt.datetime.now()).replace(microsecond=0)
            for owner in owners:
                _erase_from_others(owner, possible=erasure.also_possible, author=AUTHOR, now=when)
            count += anonymise_complaints(back, why=why, author=AUTHOR, now=now).complaints
    return count
