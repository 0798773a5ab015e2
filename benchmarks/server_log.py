"""A large log on a local PostgreSQL server, for bench_server_scale.py.

The log is a database of its own on the server, named after its size, the
schema version and this generator's version (``complaint_desk_scale_1000000_v10_g1``),
so a second run on the same server finds it built and uses it as it is.

It is made the way the app makes a log: the app opens the new database (its
migrations make every table and index), then the rows are written in bulk on
the server, and the app's own :func:`models.search.reindex_everything` fills
the search index from them, as after a migration that changes what is indexed.
Finally ``VACUUM ANALYZE``, which autovacuum would have done long ago on a log
that grew over years.

What the log holds, spread over :data:`YEARS` years with more complaints lately
(the shop grew):

- customers (the app's own keys for finding them: :func:`models.customers.derived_keys`)
  named in several scripts (Latin with accents, Cyrillic, Greek, Chinese, Arabic,
  Devanagari...), with phones, emails and addresses; about one complaint in four
  is from a customer who came back;
- complaints from eight kinds of shop, with the demo's stories and a varied
  second sentence (amounts, order numbers), mostly closed, the recent ones open
  at every stage of the guide, and some old ones left open and forgotten;
- the guide's ticks in order, and each one on the timeline; notes of all three
  kinds, on about half of them; the findings, solutions, causes, lessons and
  redress of the stages reached;
- the shop policy's follow-ups: done, cancelled on closing, or pending (overdue,
  due today, next week), with the agreed actions' checks.

Customers are written with COPY; everything else by INSERT ... SELECT on the
server from a plan of random draws (``setseed``: the same log for the same seed).
Dates run up to the day it is built: a log found from a run before is as old
as it was then.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from pathlib import Path
from typing import Any

from common import check_connected_locally

YEARS = 5
GENERATOR = 1  # bumped when what is generated changes: a log built before is rebuilt
WHO = "bench_server_scale"

# Names in scripts beyond the demo's, written whole (given name order as the
# script's own custom has it).
MORE_NAMES = (
    "王秀英", "李伟", "张 伟", "陈静", "佐藤 花子", "김민준", "محمد العلي", "فاطمة الزهراء",
    "प्रिया शर्मा", "राहुल वर्मा", "דוד כהן", "สมชาย ใจดี", "Αλέξανδρος Νικολάου",
    "Ольга Смирнова", "Nguyễn Văn Minh", "Ngozi Adebayo",
)  # fmt: skip
# A second sentence on some accounts, so no two logs of words are alike.
MORE_ACCOUNT = (
    "I paid £{n} for it.", "My receipt number is {n}.", "Order number {n}.",
    "This is the second time this has happened.", "I have been a customer for {y} years.",
    "I rang on Monday and nobody called back.", "The assistant said it would be sorted by Friday.",
    "My daughter bought it for me as a present.", "I have photos if you need them.",
    "I'd like to speak to the manager.", "It was for my mother's birthday.",
    "I waited {y} hours in the end.", "I left a review but nobody replied.",
    "The box was already open when I got it home.", "Card ending {n}.",
    "I am not asking for much, just for it to be put right.",
)  # fmt: skip
NOTES = {
    "note": (
        "Called the customer back; left a voicemail.", "Customer brought in the receipt & photos.",
        "Checked with the supplier: awaiting reply (ref {n}).",
        "Agreed to look at it again on Monday.", "Spoke to {staff}; will ring the customer today.",
        "Emailed the customer the returns form.", "Refund of £{n} authorised by {staff}.",
        "Customer rang again, still waiting on the part.", "Left a message with their partner.",
    ),
    "customer_says": (
        "Customer says it broke the first time they used it.",
        "Customer says nobody told them about the delay.",
        "Customer says the assistant was short with them.",
        "Customer says they were charged £{n}, not the price on the shelf.",
        "Customer says they want a full refund, not a voucher.",
    ),
    "we_checked": (
        "We checked the till roll: paid £{n} on the day.", "We checked the CCTV: no sign of it.",
        "We checked the booking book: nothing written down.",
        "We checked the batch ({n}): two more returned this month.",
        "We checked with the courier: delivered to a neighbour.",
    ),
}  # fmt: skip
OPTIONS = (
    "Offered a replacement or a full refund.", "Offered a repair, or store credit.",
    "Offered to redo the work free of charge.", "Offered a partial refund of £{n}.",
)  # fmt: skip
STAFF = ("Sam", "Priya", "Alex", "Jo", "Kwame", "Mei")
# Complaints that stay open however old (forgotten, or waiting on a supplier).
LEFT_OPEN = 0.005
# Closed complaints whose every guide step was ticked; the rest were closed part-way.
GUIDED = 0.6


def database_name(complaints: int) -> str:
    from models.migrations import LATEST_VERSION

    return f"complaint_desk_scale_{complaints}_v{LATEST_VERSION}_g{GENERATOR}"


def server_log(address: str, complaints: int, seed: int, folder: Path) -> tuple[str, float | None]:
    """The address of a log of ``complaints`` complaints on the server at ``address``
    (built unless a run before built it), and the seconds building took (None: reused)."""
    import psycopg
    from psycopg.conninfo import make_conninfo

    name = database_name(complaints)
    with psycopg.connect(address, autocommit=True) as admin:
        check_connected_locally(admin, WHO)
        row = admin.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            (name,),
        ).fetchone()
        if row is not None and str(row[0] or "").startswith("complete"):
            return make_conninfo(address, dbname=name), None
        if row is not None:  # a build cut short
            admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    log_address = make_conninfo(address, dbname=name)
    started = time.perf_counter()
    _build(log_address, complaints, seed, folder)
    seconds = time.perf_counter() - started
    with psycopg.connect(address, autocommit=True) as admin:
        admin.execute(f"COMMENT ON DATABASE \"{name}\" IS 'complete: built in {seconds:.0f} s'")
    return log_address, seconds


def _build(address: str, complaints: int, seed: int, folder: Path) -> None:
    import psycopg

    from desktop.startup import open_data
    from models import search
    from models.db import close_database, writing

    step = _Steps()
    open_data(folder, database=address)  # the app's migrations make the schema
    close_database()
    step.done("schema made by the app's migrations")
    now = dt.datetime.now().replace(microsecond=0)
    with psycopg.connect(address) as connection:
        _plan(connection, complaints, seed, now)
        step.done(f"plan of {complaints:,} complaints")
        count = _customers(connection, seed)
        step.done(f"{count:,} customers (COPY)")
        _complaints(connection, now)
        step.done("complaints")
        _ticks_and_timeline(connection, now)
        step.done("guide ticks, notes and timelines")
        _follow_ups(connection)
        step.done("follow-ups")
        _counters(connection)
        connection.commit()
    open_data(folder, database=address)
    with writing():
        search.reindex_everything()
    close_database()
    step.done("search index (the app's reindex_everything)")
    with psycopg.connect(address, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
    step.done("VACUUM ANALYZE")


class _Steps:
    def __init__(self) -> None:
        self.last = time.perf_counter()

    def done(self, what: str) -> None:
        now = time.perf_counter()
        print(f"  built: {what} in {now - self.last:.1f} s", flush=True)
        self.last = now


# What each random draw of the plan decides.
#   r1 a new customer or one who came back, r2 which one came back, r3 closed (older
#   ones more often), r4 left open however old, r5 channel, r6 stage reached, r7 every
#   step ticked when closed, r8 no response yet, r9 minutes between steps, r10 r11
#   days and hours to close, r12 root cause, r13 r14 a second sentence and which,
#   r15 numbers in the words, r16 what they want, r17 how upset, r18 fault, r19
#   options and solution, r20 first contact, r21 story, r22 handler, r23 redress,
#   r24 notes, r25 lesson, r26 outcome of the satisfaction check.
DRAWS = 26


def _plan(connection: Any, complaints: int, seed: int, now: dt.datetime) -> None:
    """One row per complaint, in the order received (its id), with the random draws
    the rows are made from."""
    start = dt.datetime.combine(now.date() - dt.timedelta(days=365 * YEARS), dt.time())
    days = (now.date() - start.date()).days
    connection.execute("SELECT setseed(%s)", (random.Random(seed).random() * 2 - 1,))
    # sqrt: twice as many complaints a day at the end as in the middle (the shop grew).
    connection.execute(
        """CREATE TEMP TABLE arrival ON COMMIT DROP AS
           SELECT CASE WHEN t > %(now)s THEN t - interval '1 day' ELSE t END AS t
           FROM (SELECT %(start)s + floor(%(days)s * sqrt(random())) * interval '1 day'
                        + (32400 + floor(random() * 32400)) * interval '1 second' AS t
                 FROM generate_series(1, %(n)s)) AS drawn""",
        {"now": now, "start": start, "days": days, "n": complaints},
    )
    draws = ", ".join(f"random() AS r{n}" for n in range(1, DRAWS + 1))
    connection.execute(
        f"""CREATE TEMP TABLE drawn ON COMMIT DROP AS
            SELECT row_number() OVER (ORDER BY t) AS id, t AS received_at, {draws}
            FROM arrival"""
    )
    # r1: a new customer (3 in 4) or one who came back (r2 picks which).
    connection.execute(
        """CREATE TEMP TABLE plan ON COMMIT DROP AS
           SELECT d.*, (id = 1 OR r1 < 0.75) AS new_customer,
                  sum(CASE WHEN id = 1 OR r1 < 0.75 THEN 1 ELSE 0 END)
                      OVER (ORDER BY id) AS seen
           FROM drawn d"""
    )
    connection.execute("ALTER TABLE plan ADD PRIMARY KEY (id)")


def _customers(connection: Any, seed: int) -> int:
    """The customers, each first seen at their first complaint, written with COPY."""
    from models.customers import derived_keys

    rng = random.Random(seed)
    firsts = connection.execute(
        "SELECT seen, received_at FROM plan WHERE new_customer ORDER BY seen"
    ).fetchall()
    columns = ("id, name, phone, email, address, notes, phone_digits, email_key, search_key, "
               "created_at")  # fmt: skip
    with connection.cursor().copy(f"COPY customer ({columns}) FROM STDIN") as copy:
        for number, first_seen in firsts:
            details = _person(rng, int(number))
            keys = derived_keys(details)
            copy.write_row(
                (number, details.name, details.phone, details.email, details.address, "",
                 keys["phone_digits"], keys["email_key"], keys["search_key"], first_seen)
            )  # fmt: skip
    return len(firsts)


def _person(rng: random.Random, number: int) -> Any:
    from models import demo
    from models.customers import CustomerDetails
    from models.text import fold

    if rng.random() < 0.08:
        name = rng.choice(MORE_NAMES)
    else:
        name = f"{rng.choice(demo.FIRST_NAMES)} {rng.choice(demo.LAST_NAMES)}"
    roll = rng.random()
    if roll < 0.7:
        phone = f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}"
    elif roll < 0.8:
        phone = f"0{rng.randint(113, 191)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    elif roll < 0.87:
        phone = f"+44 7{rng.randint(100, 999)} {rng.randint(100000, 999999)}"
    else:
        phone = ""
    email = ""
    if rng.random() < 0.6:
        local = "".join(ch for ch in fold(name) if ch.isascii() and (ch.isalnum() or ch == " "))
        local = ".".join(local.split()) or "customer"
        email = f"{local}{number}@example.com"
    address = ""
    if rng.random() < 0.7:
        address = f"{rng.randint(1, 180)} {rng.choice(demo.STREETS)}\n{rng.choice(demo.TOWNS)}"
    return CustomerDetails(name=name, phone=phone, email=email, address=address)


def _stories() -> tuple[list[str], list[str], list[str]]:
    """Every (category, product, account) of the demo's shops, as three lists."""
    from models import demo

    categories, products, accounts = [], [], []
    for _shop, items, stories in demo.SHOPS:
        for product in items:
            for category, account in stories:
                categories.append(category)
                products.append(product)
                accounts.append(account.format(product=product))
    return categories, products, accounts


# The guide's steps in order, and the stage each belongs to.
def _steps() -> tuple[list[str], list[str], list[str]]:
    from models import guide

    keys, instructions, stages = [], [], []
    for stage in guide.STAGES:
        for item in stage.steps:
            keys.append(item.key)
            instructions.append(item.instruction)
            stages.append(stage.key)
    return keys, instructions, stages


def _pick(array: str, draw: str) -> str:
    """SQL: one element of the array parameter ``array``, chosen by ``draw``."""
    return f"(%({array})s::text[])[1 + floor({draw} * cardinality(%({array})s::text[]))::int]"


def _with_numbers(text: str) -> str:
    """SQL: ``text`` with {n} (a number) and {y} (a small one) filled in from r15."""
    return (
        f"replace(replace({text}, '{{n}}', (10 + floor(r15 * 90000))::text), "
        "'{y}', (2 + floor(r15 * 9))::text)"
    )


def _complaints(connection: Any, now: dt.datetime) -> None:
    params = _complaint_params(connection, now)
    _shape(connection, params)
    _insert_complaints(connection, params)


def _complaint_params(connection: Any, now: dt.datetime) -> dict[str, Any]:
    """The lists the complaints are drawn from (the demo's), as SQL parameters."""
    from models import demo, guide

    categories, products, accounts = _stories()
    category_ids = dict(connection.execute("SELECT name, id FROM category").fetchall())
    causes = [row[0] for row in connection.execute("SELECT id FROM root_cause ORDER BY position")]
    keys, _instructions, stages = _steps()
    # Ticks reached by an open complaint at each stage: those before it and about half of it.
    reached, before = [], 0
    for stage in guide.STAGES:
        reached.append(before + len(stage.steps) // 2)
        before += len(stage.steps)
    faults = ["ours", "ours", "not_ours", "shared", "no_one"]
    redress = ["refund", "replacement", "repair", "credit", "goodwill", "none"]
    params = {
        "now": now, "categories": [category_ids.get(c) for c in categories],
        "products": products, "accounts": accounts, "more": list(MORE_ACCOUNT),
        "remedies": list(demo.REMEDIES), "handlers": list(demo.HANDLERS),
        "reached": reached, "all_steps": len(keys), "stages": [*stages, guide.DONE],
        "faults": faults, "bases": [demo.FAULT_BASES[f] for f in faults],
        "solutions": list(demo.SOLUTIONS), "options": list(OPTIONS), "causes": causes,
        "lessons": list(demo.LESSONS), "left_open": LEFT_OPEN, "guided": GUIDED,
        "redress": redress, "low": [demo.REDRESS_VALUES[k][0] for k in redress],
        "high": [demo.REDRESS_VALUES[k][1] for k in redress],
    }  # fmt: skip
    return params


def _shape(connection: Any, params: dict[str, Any]) -> None:
    """How far each complaint got: closed or open, the steps ticked, the time
    between them; its customer, story and number within its year."""
    connection.execute(
        """CREATE TEMP TABLE shape ON COMMIT DROP AS
           SELECT id, received_at, closed, closed_at, ticks, customer_id, story, handler,
                  COALESCE(closed_at, %(now)s) AS latest,
                  CASE WHEN closed THEN GREATEST(interval '1 minute',
                                                 (closed_at - received_at) / (ticks + 1))
                       ELSE (1 + floor(r9 * 600)) * interval '1 minute' END AS gap,
                  extract(year FROM received_at)::int AS year,
                  row_number() OVER (PARTITION BY extract(year FROM received_at) ORDER BY id)
                      AS number
           FROM (SELECT p.*, k.closed,
                        CASE WHEN k.closed THEN LEAST(%(now)s, p.received_at
                             + floor(r10 * 21) * interval '1 day'
                             + (1 + floor(r11 * 8)) * interval '1 hour') END AS closed_at,
                        CASE WHEN k.closed AND r7 < %(guided)s THEN %(all_steps)s
                             WHEN NOT k.closed AND r8 < 0.2 AND floor(r6 * 5) = 0 THEN 0
                             ELSE (%(reached)s::int[])[1 + floor(r6 * 5)::int] END AS ticks,
                        CASE WHEN new_customer THEN seen
                             ELSE 1 + floor(r2 * seen)::bigint END AS customer_id,
                        1 + floor(r21 * cardinality(%(products)s::text[]))::int AS story,
                        """
        + _pick("handlers", "r22")
        + """ AS handler
                 FROM plan p,
                      LATERAL (SELECT r3 < LEAST(1.0, extract(epoch FROM %(now)s - p.received_at)
                                                       / 86400 / 45)
                                      AND r4 >= %(left_open)s AS closed) AS k) AS p""",
        params,
    )
    connection.execute("ALTER TABLE shape ADD PRIMARY KEY (id)")
    # When step ``step`` (1-based, in the guide's order) was ticked.
    connection.execute(
        """CREATE FUNCTION pg_temp.tick_at(received_at timestamp, latest timestamp,
                                           gap interval, step integer)
           RETURNS timestamp LANGUAGE sql IMMUTABLE AS
           $$ SELECT LEAST(latest, received_at + step * gap) $$"""
    )


def _insert_complaints(connection: Any, params: dict[str, Any]) -> None:
    from models.choices import CHANNELS

    weights = (50, 25, 12, 3, 8, 2)  # the demo's, for each channel in order
    edges = [sum(weights[: n + 1]) / sum(weights) for n in range(len(weights) - 1)]
    channel = (
        "CASE "
        + " ".join(
            f"WHEN r5 < {edge} THEN '{c.key}'" for edge, c in zip(edges, CHANNELS[:-1], strict=True)
        )
        + f" ELSE '{CHANNELS[-1].key}' END"
    )

    def tick(step: int) -> str:
        return f"pg_temp.tick_at(s.received_at, s.latest, s.gap, {step})"

    more = _with_numbers(_pick("more", "r14"))
    options = _with_numbers("(%(options)s::text[])[1 + floor(r19 * 4)::int]")
    connection.execute(
        f"""INSERT INTO complaint (id, reference, year, number, received_at, channel,
                category_id, customer_id, product, account, remedy_sought, upset, handler,
                stage, status, closed_at, created_at, updated_at, fault, fault_basis,
                fault_at, options_offered, agreed_solution, first_contact, first_response_at,
                root_cause_id, lesson)
            SELECT s.id,
                   'C-' || s.year || '-' || CASE WHEN s.number < 10000
                        THEN lpad(s.number::text, 4, '0') ELSE s.number::text END,
                   s.year, s.number, s.received_at, {channel},
                   (%(categories)s::int[])[s.story], s.customer_id,
                   (%(products)s::text[])[s.story],
                   (%(accounts)s::text[])[s.story]
                       || CASE WHEN r13 < 0.6 THEN ' ' || {more} ELSE '' END,
                   {_pick("remedies", "r16")}, 1 + floor(r17 * 4)::int, s.handler,
                   (%(stages)s::text[])[1 + s.ticks],
                   CASE WHEN s.closed THEN 'closed' ELSE 'open' END, s.closed_at,
                   s.received_at, COALESCE(s.closed_at, s.received_at),
                   CASE WHEN s.ticks >= 11 THEN (%(faults)s::text[])[1 + floor(r18 * 5)::int]
                        ELSE 'unknown' END,
                   CASE WHEN s.ticks >= 11 THEN (%(bases)s::text[])[1 + floor(r18 * 5)::int]
                        ELSE '' END,
                   CASE WHEN s.ticks >= 11 THEN {tick(11)} END,
                   CASE WHEN s.ticks >= 13 THEN {options} ELSE '' END,
                   CASE WHEN s.ticks >= 14 THEN (%(solutions)s::text[])[1 + floor(r19 * 4)::int]
                        ELSE '' END,
                   s.ticks >= 14 AND r20 < 0.3,
                   CASE WHEN s.ticks > 0 THEN {tick(1)} END,
                   CASE WHEN s.closed THEN (%(causes)s::int[])[1 + floor(
                        r12 * r12 * cardinality(%(causes)s::int[]))::int] END,
                   CASE WHEN s.closed THEN {_pick("lessons", "r25")} ELSE '' END
            FROM plan p JOIN shape s ON s.id = p.id""",
        params,
    )
    connection.execute(
        """INSERT INTO redress (complaint_id, position, kind, value)
            SELECT s.id, 0, (%(redress)s::text[])[1 + floor(r23 * 6)::int],
                   CASE WHEN (%(high)s::int[])[1 + floor(r23 * 6)::int] > 0
                        THEN round(((%(low)s::int[])[1 + floor(r23 * 6)::int] + r20 * (
                            (%(high)s::int[])[1 + floor(r23 * 6)::int]
                            - (%(low)s::int[])[1 + floor(r23 * 6)::int]))::numeric, 2) END
            FROM plan p JOIN shape s ON s.id = p.id
            WHERE s.closed""",
        params,
    )


def _ticks_and_timeline(connection: Any, now: dt.datetime) -> None:
    """The guide's ticks in order, each on the timeline; the complaint logged, its
    deadlines, notes and closing."""
    keys, instructions, _stages = _steps()
    author = "COALESCE(NULLIF(s.handler, ''), 'Sam')"
    params = {"keys": keys, "instructions": instructions, "now": now, "staff": list(STAFF)}
    tick = "pg_temp.tick_at(s.received_at, s.latest, s.gap, i)"
    connection.execute(
        f"""INSERT INTO checklist_tick (complaint_id, step_key, ticked_at, ticked_by)
            SELECT s.id, (%(keys)s::text[])[i], {tick}, {author}
            FROM shape s, generate_series(1, s.ticks) AS i""",
        params,
    )
    connection.execute(
        f"""INSERT INTO event (complaint_id, at, author, kind, text)
            SELECT s.id, s.received_at, {author}, 'created',
                   'Complaint logged (' || c.channel || ').'
            FROM shape s JOIN complaint c ON c.id = s.id
            UNION ALL
            SELECT s.id, {tick}, {author}, 'step_ticked',
                   'Done: ' || (%(instructions)s::text[])[i]
            FROM shape s, generate_series(1, s.ticks) AS i
            UNION ALL
            SELECT s.id, s.closed_at, {author}, 'status_changed', 'Closed.'
            FROM shape s WHERE s.closed""",
        params,
    )
    # Notes on about half of those answered: 1 to 3, of the three kinds.
    kinds = list(NOTES)
    texts = [text for kind in kinds for text in NOTES[kind]]
    firsts, counts, at = [], [], 1
    for kind in kinds:
        firsts.append(at)
        counts.append(len(NOTES[kind]))
        at += len(NOTES[kind])
    connection.execute(
        f"""INSERT INTO event (complaint_id, at, author, kind, text)
            SELECT s.id, LEAST(s.latest, pg_temp.tick_at(s.received_at, s.latest, s.gap, 1)
                              + (1 + floor(random() * 72)) * interval '1 hour'),
                   {author}, (%(kinds)s::text[])[k.kind],
                   replace(replace((%(texts)s::text[])[(%(firsts)s::int[])[k.kind]
                                   + floor(random() * (%(counts)s::int[])[k.kind])::int],
                                   '{{n}}', (10 + floor(random() * 900))::text),
                           '{{staff}}', (%(staff)s::text[])[1 + floor(random() * 6)::int])
            FROM shape s JOIN plan p ON p.id = s.id,
                 generate_series(1, CASE WHEN p.r24 < 0.5 THEN 0 WHEN p.r24 < 0.8 THEN 1
                                         WHEN p.r24 < 0.93 THEN 2 ELSE 3 END) AS n,
                 LATERAL (SELECT CASE WHEN random() < 0.5 THEN 1
                                      WHEN random() < 0.5 THEN 2 ELSE 3 END + n * 0 AS kind) AS k
            WHERE s.ticks > 0""",
        {**params, "kinds": kinds, "texts": texts, "firsts": firsts, "counts": counts},
    )


def _follow_ups(connection: Any) -> None:
    """The shop policy's deadlines (acknowledge the same day, agree a fix within three
    working days) and, once a fix was agreed, its action and a satisfaction check a
    week later: done when the step was ticked, cancelled when closed without it,
    otherwise pending. Every due day is one the shop is open (not Saturday or Sunday)."""
    from models.deadline_policy import POLICIES

    connection.execute(
        """CREATE FUNCTION pg_temp.open_day(day date) RETURNS date LANGUAGE sql IMMUTABLE AS
           $$ SELECT day + CASE extract(isodow FROM day)::int WHEN 6 THEN 2 WHEN 7 THEN 1
                                ELSE 0 END $$"""
    )
    connection.execute(
        """CREATE FUNCTION pg_temp.working_days(day date, n integer) RETURNS date
           LANGUAGE sql IMMUTABLE AS
           $$ SELECT start + n + 2 * ((extract(isodow FROM start)::int - 1 + n) / 5)
              FROM (SELECT pg_temp.open_day(day) AS start) AS s $$"""
    )
    shop = POLICIES["shop"].deadlines
    tick = "pg_temp.tick_at(s.received_at, s.latest, s.gap, {})"
    status = """CASE WHEN {done} IS NOT NULL THEN 'done' WHEN s.closed THEN 'cancelled'
                     ELSE 'pending' END"""
    rows = [
        # (kind, what, due, done at, outcome when done)
        (shop[0].kind, shop[0].what, "pg_temp.open_day(s.received_at::date)",
         f"CASE WHEN s.ticks >= 1 THEN {tick.format(1)} END", "'done'"),
        (shop[1].kind, shop[1].what, "pg_temp.working_days(s.received_at::date, 3)",
         f"CASE WHEN s.ticks >= 14 THEN {tick.format(14)} END", "'done'"),
        ("action", "Put right what was agreed", "s.action_due",
         f"CASE WHEN s.closed THEN s.closed_at WHEN s.ticks >= 16 THEN {tick.format(16)} END",
         "'done'"),
        ("satisfaction", "Check the customer is happy with the fix",
         "pg_temp.open_day(s.action_due + 7)",
         f"CASE WHEN s.closed THEN s.closed_at WHEN s.ticks >= 17 THEN {tick.format(17)} END",
         "CASE WHEN p.r26 < 0.9 THEN 'satisfied' ELSE 'not_satisfied' END"),
    ]  # fmt: skip
    selects = []
    for number, (kind, what, due, done, outcome) in enumerate(rows):
        agreed_only = "WHERE s.ticks >= 14" if number >= 2 else ""
        selects.append(
            f"""SELECT s.id, '{kind}', '{what}', s.handler, {due},
                       {status.format(done=done)},
                       CASE WHEN {done} IS NOT NULL THEN {outcome} ELSE '' END,
                       CASE WHEN {done} IS NOT NULL THEN {done}
                            WHEN s.closed THEN s.closed_at END,
                       s.received_at
                FROM (SELECT s.*, pg_temp.working_days(
                                  {tick.format(14)}::date, 1 + (s.id % 4)::int) AS action_due
                      FROM shape s) AS s JOIN plan p ON p.id = s.id {agreed_only}"""
        )
    connection.execute(
        """INSERT INTO follow_up (complaint_id, kind, what, owner, due_on, status, outcome,
                                  done_at, created_at) """
        + " UNION ALL ".join(selects)
    )
    _follow_up_entries(connection)


def _follow_up_entries(connection: Any) -> None:
    """The deadlines set when each complaint was logged, and each follow-up kept, on
    its timeline."""
    from models.deadline_policy import POLICIES

    shop = POLICIES["shop"].deadlines
    connection.execute(
        """INSERT INTO event (complaint_id, at, author, kind, text)
           SELECT complaint_id, MIN(created_at), 'Sam', 'follow_up_planned',
                  'Deadlines (' || %s || '):' || string_agg(
                      E'\\n' || what || ' by ' || to_char(due_on, 'Dy FMDD Mon YYYY'), ''
                      ORDER BY due_on, kind)
           FROM follow_up WHERE kind IN (%s, %s) GROUP BY complaint_id
           UNION ALL
           SELECT complaint_id, done_at, COALESCE(NULLIF(owner, ''), 'Sam'), 'follow_up',
                  'Done: ' || what || '.'
           FROM follow_up WHERE status = 'done'""",
        (POLICIES["shop"].label, shop[0].kind, shop[1].kind),
    )


def _counters(connection: Any) -> None:
    """The ids' sequences and the references' counters, past what was written."""
    for table in ("customer", "complaint"):
        connection.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
        )
    connection.execute(
        """INSERT INTO reference_counter (year, last)
           SELECT year, MAX(number) FROM complaint GROUP BY year
           ON CONFLICT (year) DO UPDATE SET last = excluded.last"""
    )
