"""Realistic sample data: shops, customers and complaints over the last 18 months.

Written straight into the tables in large batches (one transaction), so
``demo --complaints 100000`` takes seconds rather than minutes.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

from models import followups, guide, timeline
from models.calendar import ShopWeek, propose, shop_week
from models.categories import categories
from models.choices import CHANNELS, CLOSED, OPEN
from models.complaint_writer import FollowUpRow, NewComplaint, write_complaints, write_customers
from models.customers import CustomerDetails
from models.db import database, writing
from models.errors import ComplaintDeskError
from models.matching import Known, match_batch
from models.redress import Given
from models.root_causes import ROOT_CAUSES
from models.text import fold

FIRST_NAMES = (
    "Zoë",
    "Łukasz",
    "Siobhán",
    "Nguyễn Thị",
    "Иван",
    "Amara",
    "José",
    "Chloé",
    "Søren",
    "Aoife",
    "Mehmet",
    "Priya",
    "Björn",
    "Ana",
    "Oliver",
    "Fatima",
    "Καλλιόπη",
    "Grace",
    "Tomás",
    "Yusuf",
    "Margaret",
    "Dev",
    "Ewa",
    "Kwame",
    "Hannah",
    "Jürgen",
    "Sean",
    "Mei",
    "Olga",
    "Rhys",
    "Niamh",
    "Hamid",
    "Lucía",
    "Ffion",
    "Jack",
    "Aisha",
)
LAST_NAMES = (
    "Martin",
    "Łukasiewicz",
    "O'Brien",
    "Văn Anh",
    "Петров",
    "Okafor",
    "García",
    "Dubois",
    "Kierkegaard",
    "Ní Bhriain",
    "Yılmaz",
    "Patel",
    "Sørensen",
    "Souza",
    "Smith",
    "Al-Sayed",
    "Παπαδοπούλου",
    "Hughes",
    "Müller",
    "Jones",
    "Doyle",
    "Chen",
    "Novak",
    "Mensah",
    "Williams",
    "Kowalczyk",
    "Rossi",
    "Evans",
    "Khan",
    "Fernández",
    "Taylor",
)
STREETS = (
    "High Street",
    "Station Road",
    "Church Lane",
    "Mill Road",
    "Queen's Parade",
    "Victoria Avenue",
    "Rue des Écoles",
    "ul. Długa",
    "Market Square",
    "Park View",
)
TOWNS = ("Leeds LS1 4AP", "Bristol BS1 5TR", "Cork T12 X2Y4", "York YO1 7HH", "Cardiff CF10 1EP")

# Category names the sample stories are filed under (models.choices.DEFAULT_CATEGORIES).
FAULTY = "Faulty or damaged item"
WRONG = "Wrong item or size"
LATE = "Late or missing order"
QUALITY = "Quality of work or repair"
SERVICE = "Staff attitude or service"
PRICE = "Price, bill or refund"
STOCK = "Out of stock or not as advertised"
SAFETY = "Cleanliness or safety"
BOOKING = "Booking or appointment"

# (shop, product examples, accounts): each account is filed under the category it
# is about, and uses {product}; some carry the markup characters, quotes and line
# breaks real customers type.
SHOPS: tuple[tuple[str, tuple[str, ...], tuple[tuple[str, str], ...]], ...] = (
    (
        "bakery",
        ("sourdough loaf", "birthday cake order #B-118", "box of éclairs", "gluten-free rolls"),
        (
            (QUALITY, "The {product} I collected this morning was stale & hard at the edges."),
            (LATE, "I ordered the {product} for Saturday and it wasn't ready when I came at 10."),
            (SAFETY, "There was a hair in the {product}. I'm really not happy."),
            (SAFETY, 'The label said "nut free" but the {product} had almonds <in the filling>.'),
        ),
    ),
    (
        "bike shop",
        ("service on a Trek road bike", "inner tube 700x25c", "e-bike battery", "brake pads"),
        (
            (
                QUALITY,
                "After the {product} the gears still slip & the chain came off twice. "
                "It was not done properly.",
            ),
            (PRICE, "I was quoted £45 for the {product} but charged £80.\nNobody explained why."),
            (FAULTY, "The {product} I bought last week is already faulty."),
        ),
    ),
    (
        "florist",
        ("wedding bouquet", "funeral wreath", "order #F-2231 (roses)", "Mother's Day hamper"),
        (
            (LATE, "The {product} arrived two hours late and the flowers were wilted."),
            (WRONG, 'We asked for white lilies in the {product}, not "whatever you had".'),
            (
                QUALITY,
                "The card in the {product} was written so carelessly that my mum's "
                "name was spelt wrong.",
            ),
        ),
    ),
    (
        "hardware shop",
        (
            "cordless drill",
            "tin of exterior paint",
            "garden hose set",
            "10mm drill bits <pack of 5>",
        ),
        (
            (FAULTY, "The {product} stopped working after one use."),
            (STOCK, "I was told the {product} was in stock but when I came in it wasn't."),
            (SERVICE, "The assistant was rude when I asked about returning the {product}."),
        ),
    ),
    (
        "tailor",
        ("suit trousers hem", "wedding dress alteration", "zip replacement", "coat relining"),
        (
            (
                WRONG,
                "The {product} came back the wrong length: 2cm too short on the left leg."
                "\nI need them for Friday.",
            ),
            (LATE, "I was promised the {product} by Tuesday & it's now Thursday."),
            (QUALITY, "There's a mark on the fabric after the {product} that wasn't there before."),
            (
                BOOKING,
                "I booked a fitting for the {product} at 2pm and nobody had the "
                "appointment written down.",
            ),
        ),
    ),
    (
        "phone repair",
        ("iPhone screen repair", "battery replacement", "charging port fix", "order R-5520"),
        (
            (
                QUALITY,
                "Since the {product} the touch screen doesn't respond at the bottom. "
                "It isn't fixed.",
            ),
            (
                QUALITY,
                "My photos are gone after the {product}. It was done carelessly "
                "and I'm devastated.",
            ),
            (
                SAFETY,
                "The phone got so hot after the {product} that it hurt my hand. Is it unsafe?",
            ),
            (QUALITY, "It's the third time I've had to come back about the {product}."),
        ),
    ),
    (
        "café",
        ("flat white", "table booking for 8", "afternoon tea", "oat milk latte"),
        (
            (WRONG, "I asked for oat milk in my {product} and got dairy, and I'm intolerant."),
            (SERVICE, "We waited 40 minutes for our {product} & nobody checked on us."),
            (SERVICE, 'The {product} was cold and the staff said "that\'s how it comes".'),
            (
                BOOKING,
                "We had booked a table and it was given away, so we had our {product} standing up.",
            ),
        ),
    ),
    (
        "bookshop",
        ("special order #BK-77", "signed first edition", "gift voucher", "school textbooks"),
        (
            (LATE, "My {product} still hasn't arrived after three weeks."),
            (FAULTY, "The {product} is damaged: pages torn out in the middle."),
            (PRICE, "I was charged twice for the {product}."),
        ),
    ),
)

REMEDIES = (
    "A full refund.",
    "A replacement as soon as possible.",
    "Just want it fixed properly.",
    "An apology and for it not to happen again.",
    "Money back for the difference.",
    "Redo it free of charge by Friday.",
    "",
)
HANDLERS = ("Sam", "Priya", "Alex", "Jo", "")
NOTES = (
    "Called the customer back; left a voicemail.",
    "Customer brought in the receipt & photos.",
    "Checked with the supplier: awaiting reply.",
    "Agreed to look at it again on Monday.",
)

_CHANNEL_WEIGHTS = (50, 25, 12, 3, 8, 2)

FAULT_BASES = {
    "ours": "Checked the order: we packed the wrong item.",
    "not_ours": "The courier's photo shows the parcel damaged on their van.",
    "shared": "Our label was unclear, and the care instructions were not followed.",
    "no_one": "Tested in front of the customer: working as it should.",
}
SOLUTIONS = (
    "Replacement sent by courier, free of charge.",
    "Full refund to the original card.",
    "Repair redone free of charge by Friday.",
    "Store credit of £20 as a goodwill gesture.",
)


@dataclass
class _Handling:
    stage: str
    ticks: list[tuple[str, dt.datetime]]
    first_response_at: dt.datetime | None
    fault: str = "unknown"
    fault_basis: str = ""
    fault_at: dt.datetime | None = None
    agreed_solution: str = ""
    first_contact: bool = False


LESSONS = (
    "Check the order against the receipt before bagging it.",
    "Ring the customer the day before a promised date if it will slip.",
    "Add a second check on labels for allergens.",
    "Pack fragile items with double padding.",
    "Agree the price in writing before starting work.",
    "",
)
REDRESS_VALUES = {"refund": (5, 120), "replacement": (5, 80), "repair": (10, 60),
                  "credit": (5, 40), "goodwill": (2, 20), "none": (0, 0)}  # fmt: skip


def _learning(
    rng: random.Random, closed_at: dt.datetime | None, cause_ids: list[int], weights: list[int]
) -> tuple[int | None, str, tuple[Given, ...]]:
    """A closed sample complaint's root cause, lesson and redress (a replacement
    worth more than 40 came with a small goodwill gesture for the trouble)."""
    if closed_at is None or not cause_ids:
        return (None, "", ())
    kind = rng.choice(tuple(REDRESS_VALUES))
    low, high = REDRESS_VALUES[kind]
    value = round(rng.uniform(low, high), 2) if high else None
    given = [Given(kind, value)]
    if kind == "replacement" and value is not None and value > 40:
        given.append(Given("goodwill", 5.0))
    return (rng.choices(cause_ids, weights=weights)[0], rng.choice(LESSONS), tuple(given))


def _follow_ups(
    rng: random.Random,
    when: dt.datetime,
    closed_at: dt.datetime | None,
    handling: _Handling,
    owner: str,
    week: ShopWeek,
) -> list[FollowUpRow]:
    """The shop policy's deadlines, and for agreed fixes an action and a satisfaction
    check: kept when the work was done, pending (some overdue) when not."""
    rows: list[FollowUpRow] = []

    def add(kind: str, what: str, due: dt.date, done_at: dt.datetime | None, outcome: str) -> None:
        status = "done" if done_at is not None else ("cancelled" if closed_at else "pending")
        rows.append((kind, what, owner, due, status, outcome if done_at else "", done_at, ""))

    received = when.date()
    add("acknowledge", "Acknowledge the complaint", propose(received, week=week),
        handling.first_response_at, "done")  # fmt: skip
    ticked_at = dict(handling.ticks)
    agreed = ticked_at.get("resolve.agree")
    add("respond", "Agree a fix with the customer", propose(received, working_days=3, week=week),
        agreed, "done")  # fmt: skip
    if agreed is not None:
        action_due = propose(agreed.date(), working_days=rng.randint(1, 4), week=week)
        fixed = closed_at or ticked_at.get("follow_up.progress")
        add("action", "Put right what was agreed", action_due, fixed, "done")
        check_due = propose(action_due, days=7, week=week)
        checked = closed_at or ticked_at.get("follow_up.satisfied")
        outcome = "satisfied" if rng.random() < 0.9 else "not_satisfied"
        add("satisfaction", followups.SATISFACTION_WHAT, check_due, checked, outcome)
    return rows


def _handling(
    rng: random.Random, when: dt.datetime, now: dt.datetime, closed_at: dt.datetime | None
) -> _Handling:
    """How far a sample complaint got: its ticks, and the stage that follows from them."""
    latest = closed_at or now
    if closed_at is not None:
        reached = len(guide.STAGES)  # every step done
    else:
        reached = rng.randrange(len(guide.STAGES))
    ticks: list[tuple[str, dt.datetime]] = []
    at = when
    for index, stage in enumerate(guide.STAGES):
        if index > reached:
            break
        for step in stage.steps:
            if index == reached and rng.random() < 0.5:
                continue
            at = min(latest, at + dt.timedelta(minutes=rng.randint(1, 600)))
            ticks.append((step.key, at))
    ticked = {key for key, _ in ticks}
    handling = _Handling(
        stage=guide.current_stage(ticked),
        ticks=ticks,
        first_response_at=ticks[0][1] if ticks else None,
    )
    if "facts.finding" in ticked:
        handling.fault = rng.choice(("ours", "ours", "not_ours", "shared", "no_one"))
        handling.fault_basis = FAULT_BASES[handling.fault]
        handling.fault_at = dict(ticks)["facts.finding"]
    if "resolve.agree" in ticked:
        handling.agreed_solution = rng.choice(SOLUTIONS)
        handling.first_contact = rng.random() < 0.3
    return handling


def _customer(rng: random.Random, index: int) -> CustomerDetails:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    phone = (
        f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}" if rng.random() < 0.85 else ""
    )
    email = ""
    if rng.random() < 0.6:
        local = "".join(
            ch for ch in fold(f"{first}.{last}") if ch.isascii() and (ch.isalnum() or ch == ".")
        )
        email = f"{local.strip('.') or 'customer'}{index}@example.com"
    address = ""
    if rng.random() < 0.7:
        address = f"{rng.randint(1, 180)} {rng.choice(STREETS)}\n{rng.choice(TOWNS)}"
    return CustomerDetails(name=f"{first} {last}", phone=phone, email=email, address=address)


SAMPLE_NOTE = "Complaint logged (sample data)."


def real_complaints() -> int:
    """How many complaints in the log are not sample data."""
    row = database.execute_sql(
        """SELECT COUNT(*) FROM complaint c WHERE NOT EXISTS (
               SELECT 1 FROM event e WHERE e.complaint_id = c.id AND e.kind = ? AND e.text = ?)""",
        (timeline.CREATED, SAMPLE_NOTE),
    ).fetchone()
    return int(row[0])


def add_demo_data(
    complaints: int = 300,
    *,
    seed: int | None = None,
    now: dt.datetime | None = None,
    progress: Callable[[int], None] | None = None,
    with_real_complaints: bool = False,
) -> int:
    """Add ``complaints`` sample complaints (with customers and timelines); return how many.

    Sample data could not be told apart from the shop's own complaints, so a
    log holding real ones is refused (:class:`ComplaintDeskError`) unless
    ``with_real_complaints`` says plainly to mix them.
    """
    rng = random.Random(seed)
    now = (now or dt.datetime.now()).replace(microsecond=0)
    start = now - dt.timedelta(days=548)
    days = (now - start).days
    category_ids = {item.name: item.id for item in categories()}
    cause_ids = [item.id for item in ROOT_CAUSES.items()]
    # Some causes come up far more often than others, as in a real shop.
    cause_weights = [len(cause_ids) - n for n in range(len(cause_ids))]
    channel_keys = [choice.key for choice in CHANNELS]
    # Complaints arrive while the shop is open, 9:00 to 18:00, never in the future.
    midnight = start.replace(hour=0, minute=0, second=0)

    def arrival() -> dt.datetime:
        day = rng.randrange(days + 1)
        when = midnight + dt.timedelta(days=day, seconds=rng.randrange(9 * 3600, 18 * 3600))
        return when if when <= now else when - dt.timedelta(days=1)

    received = sorted(arrival() for _ in range(complaints))
    # Some customers come back: about one complaint in four is from a repeat customer.
    customer_count = max(1, int(complaints * 0.75))

    with writing():
        real = real_complaints()
        if real and not with_real_complaints:
            raise ComplaintDeskError(
                f"The log already holds {real:,} {'complaint' if real == 1 else 'complaints'} "
                "of the shop's own; sample data "
                "would be mixed in with them and could not be told apart. Load it into an "
                "empty data folder instead."
            )
        row = database.execute_sql("SELECT COALESCE(MAX(id), 0) FROM customer").fetchone()
        first_customer = int(row[0]) + 1
        # Who made each complaint: mostly one each, some customers come back.
        chosen = [
            rng.randrange(customer_count) if rng.random() < 0.3 else offset % customer_count
            for offset in range(complaints)
        ]
        used = sorted(set(chosen))
        people = match_batch([_customer(rng, first_customer + i) for i in used])
        person_of = dict(zip(used, people.persons, strict=True))
        write_customers(people.created, start)
        week = shop_week()
        batch = []
        for offset, when in enumerate(received):
            batch.append(
                _sample_complaint(
                    rng, when, now, person_of[chosen[offset]], category_ids, channel_keys,
                    _Learning(cause_ids, cause_weights), week,
                )
            )  # fmt: skip
            if progress is not None and offset % 5000 == 0:
                progress(offset)
        write_complaints(batch, now=now)
    return complaints


@dataclass(frozen=True)
class _Learning:
    cause_ids: list[int]
    weights: list[int]


def _sample_complaint(
    rng: random.Random,
    when: dt.datetime,
    now: dt.datetime,
    person: Known,
    category_ids: dict[str, int],
    channel_keys: list[str],
    learning: _Learning,
    week: ShopWeek,
) -> NewComplaint:
    _shop, products, accounts = rng.choice(SHOPS)
    product = rng.choice(products)
    category, account = rng.choice(accounts)
    age_days = (now - when).days
    # Older complaints are mostly closed; recent ones spread across the stages.
    closed = rng.random() < min(1.0, age_days / 45)
    closed_at = (
        when + dt.timedelta(days=rng.randint(0, 20), hours=rng.randint(1, 8)) if closed else None
    )
    if closed_at is not None and closed_at > now:
        closed_at = now
    channel = rng.choices(channel_keys, weights=_CHANNEL_WEIGHTS)[0]
    handler = rng.choice(HANDLERS)
    author = handler or "Sam"
    handling = _handling(rng, when, now, closed_at)
    entries = [(when, author, timeline.CREATED, SAMPLE_NOTE)]
    if rng.random() < 0.4:
        note_at = when + dt.timedelta(hours=rng.randint(1, 72))
        if note_at < now:
            entries.append((note_at, author, timeline.NOTE, rng.choice(NOTES)))
    if closed_at is not None:
        entries.append((closed_at, author, timeline.STATUS_CHANGED, timeline.CLOSED_TEXT))
    cause, lesson, redress = _learning(rng, closed_at, learning.cause_ids, learning.weights)
    return NewComplaint(
        person=person,
        received_at=when,
        account=account.format(product=product),
        channel=channel,
        # Left out when the shop has renamed or archived the category.
        category_id=category_ids.get(category),
        product=product,
        remedy_sought=rng.choice(REMEDIES),
        upset=rng.randint(1, 4),
        handler=handler,
        stage=handling.stage,
        status=CLOSED if closed else OPEN,
        closed_at=closed_at,
        fault=handling.fault,
        fault_basis=handling.fault_basis,
        fault_at=handling.fault_at,
        agreed_solution=handling.agreed_solution,
        first_contact=handling.first_contact,
        first_response_at=handling.first_response_at,
        root_cause_id=cause,
        lesson=lesson,
        redress=redress,
        created_at=when,
        updated_at=closed_at or when,
        ticks=[(key, at, author, "") for key, at in handling.ticks],
        entries=entries,
        follow_ups=_follow_ups(rng, when, closed_at, handling, handler, week),
    )
