"""The dates a drafted letter promises are the dates the app follows up, on the
shop's own calendar (closed weekdays and holidays), whatever the deadline policy."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from models import business, deadline_policy, followups, morning_list, resolution
from models.calendar import ShopWeek, save_shop_week
from models.complaints import ComplaintDetails, log_complaint
from models.customers import CustomerDetails
from models.letter_drafts import AGREED_PLACEHOLDER, SYMPATHY, draft_letter, placeholders_left

PROFILE = business.BusinessProfile(
    name="Okafor & Daughters Tailoring", phone="0113 496 0000", signatory_name="Clare Okafor"
)
LONG_DATE = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) (\d{1,2}) "
    r"(January|February|March|April|May|June|July|August|September|October|November|December)"
    r" (\d{4})\b"
)
TODAY = dt.date.today()


def dates_in(text: str) -> set[dt.date]:
    return {
        dt.datetime.strptime(" ".join(found.groups()), "%d %B %Y").date()
        for found in LONG_DATE.finditer(text)
    }


def tracked(complaint_id: int, *kinds: str) -> set[dt.date]:
    return {
        item.due_on
        for item in morning_list.for_complaint(complaint_id)
        if item.kind in kinds and item.status == followups.PENDING
    }


def weekdays_after(day: dt.date, count: int) -> list[dt.date]:
    found: list[dt.date] = []
    while len(found) < count:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            found.append(day)
    return found


@pytest.fixture
def closed_shop(db) -> ShopWeek:
    """Closed on Wednesdays and at weekends, with the next three weekdays as holidays,
    so no deadline falls where a plain Monday-to-Friday count would put it."""
    week = ShopWeek(frozenset({2, 5, 6}), frozenset(weekdays_after(TODAY, 3)))
    save_shop_week(week)
    return week


def log_today():
    return log_complaint(
        CustomerDetails(name="Zoë Łukasiewicz", address="1 Rue des Écoles\nParis"),
        ComplaintDetails(account="The hem is uneven.", product="wedding dress alteration"),
        author="Sam",
    )


@pytest.mark.parametrize("policy", ["shop", "iso10002", "uk_fs"])
def test_the_acknowledgement_promises_the_tracked_deadlines(closed_shop, policy) -> None:
    deadline_policy.save_preferences(policy, 7)
    complaint = log_today()
    draft = draft_letter(complaint.id, "acknowledgement", PROFILE)
    promised = dates_in(draft.body) - {complaint.received_at.date()}
    kinds = (followups.PROGRESS, followups.RESPOND, followups.SUMMARY, followups.FINAL_RESPONSE)
    assert promised == tracked(complaint.id, *kinds)
    assert all(closed_shop.is_open(day) for day in promised)


def test_the_confirmation_promises_the_tracked_actions_and_check_back(closed_shop) -> None:
    deadline_policy.save_preferences("shop", 7)
    complaint = log_today()
    resolution.save_resolution(
        complaint.id,
        options_offered="",
        agreed_solution="We will re-hem the dress free of charge.",
        first_contact=False,
        author="Sam",
    )
    monday = TODAY + dt.timedelta(days=14 - TODAY.weekday())
    # The week after the fix starts with a holiday; the Wednesday after is closed anyway.
    save_shop_week(
        ShopWeek(closed_shop.closed_weekdays, closed_shop.closed_dates | {monday + dt.timedelta(7)})
    )
    resolution.add_action(
        complaint.id, who="Clare", what="re-hem the dress", due_on=monday, author="Sam"
    )
    draft = draft_letter(complaint.id, "confirmation", PROFILE)
    promised = dates_in(draft.body) - {complaint.received_at.date()}
    check_back = tracked(complaint.id, followups.SATISFACTION)
    assert check_back == {monday + dt.timedelta(days=8)}
    assert promised == tracked(complaint.id, followups.ACTION) | check_back
    # Clare, the only Clare of the shop, signs as Clare Okafor: she says "I".
    assert draft.signer.name == "Clare Okafor"
    by_monday = f"by {monday:%A} {monday.day} {monday:%B %Y}"
    assert f"I will re-hem the dress free of charge {by_monday}." in draft.body


def test_a_moved_follow_up_moves_the_date_in_the_letter(closed_shop) -> None:
    complaint = log_today()
    respond = next(
        item for item in morning_list.for_complaint(complaint.id) if item.kind == followups.RESPOND
    )
    later = respond.due_on + dt.timedelta(days=7)
    followups.reschedule(respond.id, later, author="Sam")
    draft = draft_letter(complaint.id, "acknowledgement", PROFILE)
    assert dates_in(draft.body) - {complaint.received_at.date()} == {later}


def test_without_a_tracked_check_back_the_confirmation_promises_no_date(closed_shop) -> None:
    complaint = log_today()
    draft = draft_letter(complaint.id, "confirmation", PROFILE)
    assert dates_in(draft.body) == {complaint.received_at.date()}
    assert "check back" not in draft.body


def test_placeholders_left_are_found_in_the_subject_or_the_body() -> None:
    assert placeholders_left("Subject", f"We agreed:\n{AGREED_PLACEHOLDER}") == [AGREED_PLACEHOLDER]
    assert placeholders_left("[write here the subject]", "Body") == ["[write here the subject]"]
    assert placeholders_left("Subject", "We agreed: a refund [with thanks].") == []
    # A bracket deleted, or both, still leaves the part to write.
    assert placeholders_left("Subject", AGREED_PLACEHOLDER.rstrip("]")) != []
    assert placeholders_left("Subject", AGREED_PLACEHOLDER.strip("[]")) != []
    assert placeholders_left("Subject", "Please write here if anything is unclear.") == []


def test_an_agreed_action_is_promised_once_by_whoever_does_it(db) -> None:
    complaint = log_complaint(
        CustomerDetails(name="Ada Lovelace"),
        ComplaintDetails(account="It arrived chipped.", product="blue glass vase"),
        author="Sam Lee",
    )
    resolution.save_resolution(
        complaint.id,
        options_offered="",
        agreed_solution="We will refund the £34.99 to her card by Friday.\nSend a new vase.",
        first_contact=False,
        author="Sam Lee",
    )
    friday = TODAY + dt.timedelta(days=(4 - TODAY.weekday()) % 7 or 7)
    by_friday = f"by {friday:%A} {friday.day} {friday:%B %Y}"
    resolution.add_action(
        complaint.id, who="Sam Lee", what="Refund £34.99 to her card.", due_on=friday,
        author="Sam Lee",
    )  # fmt: skip
    resolution.add_action(
        complaint.id, who="Sam Lee", what="ring the courier", due_on=friday, author="Sam Lee"
    )
    signed = business.Person("Sam Lee")
    body = draft_letter(complaint.id, "confirmation", PROFILE, signer=signed).body
    raised = f"{complaint.received_at:%A} {complaint.received_at.day} {complaint.received_at:%B %Y}"
    assert (
        "Thank you for talking with us about the problem with your blue glass vase that you "
        f"raised on {raised}." in body
    )
    assert f"• I will refund £34.99 to your card {by_friday}.\n• We will send a new vase." in body
    assert f"• I will ring the courier {by_friday}." in body
    assert "We will refund" not in body and body.count("refund") == 1
    acknowledgement = draft_letter(complaint.id, "acknowledgement", PROFILE).body
    assert acknowledgement.count(" about ") == 1


def test_a_call_agreed_and_listed_as_an_action_in_other_words_is_promised_once(db) -> None:
    complaint = log_complaint(
        CustomerDetails(name="Helen Okafor"),
        ComplaintDetails(account="The brakes failed after a service.", product="Raleigh Pioneer"),
        author="Priya",
    )
    tuesday = TODAY + dt.timedelta(days=(1 - TODAY.weekday()) % 7 or 7)
    saturday = TODAY + dt.timedelta(days=(5 - TODAY.weekday()) % 7 or 7)
    resolution.save_resolution(
        complaint.id,
        options_offered="",
        agreed_solution=(
            "We will re-service the brakes free of charge and give you a £25 voucher.\n"
            f"Priya will ring you on {tuesday:%A} to check all is well."
        ),
        first_contact=False,
        author="Priya",
    )
    resolution.add_action(
        complaint.id, who="Tomasz", what="re-service the brakes free of charge",
        due_on=saturday, author="Priya",
    )  # fmt: skip
    resolution.add_action(
        complaint.id, who="Priya", what="ring her to check the brakes are right",
        due_on=tuesday, author="Priya",
    )  # fmt: skip
    body = draft_letter(complaint.id, "confirmation", PROFILE, signer=business.Person("Priya")).body
    assert body.count("ring you") == 1, body
    assert "£25 voucher" in body and "Tomasz will re-service the brakes" in body
    on_tuesday = f"{tuesday:%A} {tuesday.day} {tuesday:%B %Y}"
    assert f"I will ring you to check the brakes are right by {on_tuesday}." in body


def test_an_agreed_action_never_takes_the_rest_of_what_was_agreed_with_it(db) -> None:
    complaint = log_complaint(
        CustomerDetails(name="Priya Patel"),
        ComplaintDetails(account="The new screen has a dead patch.", product="phone screen"),
        author="Jamie",
    )
    resolution.save_resolution(
        complaint.id,
        options_offered="",
        agreed_solution=(
            "Replace the screen again free of charge on Monday, and give £10 off her next repair"
        ),
        first_contact=False,
        author="Jamie",
    )
    monday = TODAY + dt.timedelta(days=(0 - TODAY.weekday()) % 7 or 7)
    resolution.add_action(
        complaint.id, who="Jamie", what="replace the screen again free of charge",
        due_on=monday, author="Jamie",
    )  # fmt: skip
    body = draft_letter(complaint.id, "confirmation", PROFILE).body
    assert "give £10 off your next repair" in body
    assert "replace the screen again free of charge" in body


@pytest.mark.parametrize("kind", ["confirmation", "final"])
def test_once_the_fault_is_found_ours_the_letter_apologises_and_passes_the_check(db, kind) -> None:
    from models import facts
    from models.wording import scan

    complaint = log_today()
    before = draft_letter(complaint.id, kind, PROFILE).body
    facts.record_fault(
        complaint.id, "ours", "The invoice shows we cut the hem 2 cm short.", author="Sam"
    )
    after = draft_letter(complaint.id, kind, PROFILE).body
    # Before: sorry for the trouble (which admits nothing), never for a mistake.
    assert "mistake" not in before and "we are sorry" not in before and not scan(before)
    assert (SYMPATHY in before) == (kind == "confirmation")
    assert "we made a mistake, and we are sorry" in after and SYMPATHY not in after
    assert scan(after) and not scan(after, fault_is_ours=True)
    assert "mistake" not in draft_letter(complaint.id, "acknowledgement", PROFILE).body


def test_a_customer_who_wrote_is_thanked_for_writing(closed_shop) -> None:
    """She emailed; the confirmation thanked her "for talking with us"."""
    from models.complaints import ComplaintDetails, log_complaint
    from models.customers import CustomerDetails

    wrote = log_complaint(
        CustomerDetails(name="Siobhán Ó Briain"),
        ComplaintDetails(account="My wool coat came back shrunk.", channel="email"),
        author="Aisha",
    )
    resolution.save_resolution(
        wrote.id, options_offered="", agreed_solution="We will replace the coat.",
        first_contact=False, author="Aisha",
    )  # fmt: skip
    body = draft_letter(wrote.id, "confirmation", PROFILE).body
    assert body.startswith("Thank you for writing to us about")
    rang = log_complaint(
        CustomerDetails(name="Ana Souza"),
        ComplaintDetails(account="The zip broke.", channel="phone"),
        author="Aisha",
    )
    assert draft_letter(rang.id, "confirmation", PROFILE).body.startswith(
        "Thank you for talking with us about"
    )


@pytest.mark.parametrize(
    ("agreed", "action", "kept"),
    [
        ("Refund £40 to her card.", "Refund £40", "refund £40 to your card"),
        ("Refund £40.", "refund £40 to her card", "refund £40 to your card"),
        ("Replace the lead with a new one.", "replace lead", "replace the lead with a new one"),
        (
            "Refund of €60 to her card for the scorched silk dress",
            "refund the €60 to her card",
            "refund €60 to your card for the scorched silk dress",
        ),
    ],
)
def test_a_thing_agreed_and_an_action_saying_it_in_fewer_words_are_promised_once(
    db, agreed: str, action: str, kept: str
) -> None:
    complaint = log_complaint(
        CustomerDetails(name="Jo Marsh"),
        ComplaintDetails(account="The clippers nicked Bramble's ear.", product="full groom"),
        author="Helen Carter",
    )
    resolution.save_resolution(
        complaint.id, options_offered="", agreed_solution=agreed, first_contact=False,
        author="Helen Carter",
    )  # fmt: skip
    due = TODAY + dt.timedelta(days=7)
    resolution.add_action(complaint.id, who="Sam", what=action, due_on=due, author="Helen Carter")
    body = draft_letter(complaint.id, "confirmation", PROFILE).body
    verb = kept.split()[0]
    assert body.lower().count(f"{verb} ") == 1, body
    assert f"Sam will {kept}" in body
    assert dates_in(body) >= {due}


@pytest.mark.parametrize(
    ("call", "checks_back"),
    [
        ("ring her to check all is well", True),
        ("call her to make sure the brakes are right", True),
        ("ring the supplier about the part", False),
    ],
)
def test_an_agreed_call_to_check_all_is_well_is_the_check_back(
    db, call: str, checks_back: bool
) -> None:
    complaint = log_complaint(
        CustomerDetails(name="Harriet Cole"),
        ComplaintDetails(account="The brakes failed two days after the service."),
        author="Dana",
    )
    resolution.save_resolution(
        complaint.id, options_offered="", agreed_solution="Free re-service of the brakes.",
        first_contact=False, author="Dana",
    )  # fmt: skip
    due = TODAY + dt.timedelta(days=7)
    resolution.add_action(complaint.id, who="Kofi", what=call, due_on=due, author="Dana")
    body = draft_letter(complaint.id, "confirmation", PROFILE).body
    assert ("We will check back with you" not in body) is checks_back, body
    assert f"Kofi will {call.replace('her', 'you')}" in body


def test_a_letter_to_a_titled_customer_greets_them_by_title_and_family_name(db) -> None:
    complaint = log_complaint(
        CustomerDetails(name="Mrs Dorothy Evans", address="4 Elm Row\nLeeds"),
        ComplaintDetails(account="The wreath arrived wilted."),
        author="Sam",
    )
    draft = draft_letter(complaint.id, "acknowledgement", PROFILE)
    assert draft.salutation == "Dear Mrs Evans,"
    assert draft.recipient_name == "Mrs Dorothy Evans"  # addressed in full


def test_deeds_agreed_in_one_breath_are_each_said_once_with_who_and_when(closed_shop) -> None:
    """Agreed "Refund … and deliver a replacement wreath by Friday", with an action
    for each: the letter said both run together, then both again under "Who does
    what"."""
    complaint = log_today()
    days = [day for day in weekdays_after(TODAY, 10) if closed_shop.is_open(day)]
    refund_on, friday = days[0], next(day for day in days[1:] if day.weekday() == 4)
    resolution.save_resolution(
        complaint.id,
        options_offered="",
        agreed_solution="Refund the £34.99 to her card and deliver a replacement wreath by "
        f"{friday:%A} {friday.day} {friday:%B %Y}",
        first_contact=False,
        author="Sam",
    )
    resolution.add_action(complaint.id, who="Clare", what="Refund the £34.99 to her card",
                          due_on=refund_on, author="Sam")  # fmt: skip
    resolution.add_action(complaint.id, who="Tom Reed", due_on=friday, author="Sam",
                          what="deliver a replacement funeral wreath to the grave")  # fmt: skip
    body = draft_letter(complaint.id, "confirmation", PROFILE).body
    assert body.count("£34.99") == 1 and body.count("wreath") == 1
    assert "I will refund the £34.99 to your card by" in body
    assert "Tom Reed will deliver a replacement funeral wreath to the grave by" in body


def test_an_action_naming_the_customer_by_title_and_a_deed_agreed_by_name_read_right(
    closed_shop,
) -> None:
    """A letter to Helen Carter said "Leila Haddad will ring Mrs Carter", and listed
    "Tomasz re-hems the dress" agreed, then the same deed again as Tomasz's action."""
    complaint = log_complaint(
        CustomerDetails(name="Helen Carter"),
        ComplaintDetails(account="Hem taken up too short.", product="wedding dress"),
        author="Sam",
    )
    day = next(d for d in weekdays_after(TODAY, 10) if closed_shop.is_open(d))
    long_day = f"{day:%A} {day.day} {day:%B %Y}"
    resolution.save_resolution(
        complaint.id, options_offered="", first_contact=False, author="Sam",
        agreed_solution=f"Tomasz re-hems the dress from the seam allowance, ready by {long_day}.",
    )  # fmt: skip
    resolution.add_action(complaint.id, who="Tomasz", due_on=day, author="Sam",
                          what="re-hem the dress from the seam allowance")  # fmt: skip
    resolution.add_action(complaint.id, who="Sam", due_on=day, author="Sam",
                          what="ring Mrs Carter to say the dress is ready")  # fmt: skip
    body = draft_letter(complaint.id, "confirmation", PROFILE).body
    assert "Mrs Carter" not in body and "ring you to say the dress is ready" in body
    assert body.count("re-hem") == 1


def test_a_deed_and_a_second_thing_agreed_after_a_semicolon_are_each_said_once(
    closed_shop,
) -> None:
    """ "Omar reconnects the battery cable and tests the laptop by …; €30 off the
    repair bill" was quoted whole, then the deed said again under who does what."""
    complaint = log_complaint(
        CustomerDetails(name="Anna Müller"),
        ComplaintDetails(account="The laptop will not start.", product="laptop repair"),
        author="Sam",
    )
    day = next(d for d in weekdays_after(TODAY, 10) if closed_shop.is_open(d))
    long_day = f"{day:%A} {day.day} {day:%B %Y}"
    resolution.save_resolution(
        complaint.id, options_offered="", first_contact=False, author="Sam",
        agreed_solution=f"Omar reconnects the battery cable and tests the laptop by {long_day}; "
        "€30 off the repair bill.",
    )  # fmt: skip
    resolution.add_action(complaint.id, who="Omar", due_on=day, author="Sam",
                          what="reconnect the battery cable and test the laptop")  # fmt: skip
    body = draft_letter(complaint.id, "confirmation", PROFILE).body
    assert body.count("battery cable") == 1 and "€30 off the repair bill" in body
