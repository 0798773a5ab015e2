"""An old log with no column for what was given: its own words say it."""

from __future__ import annotations

import datetime as dt

import pytest

from models import display, timeline
from models.log_csv import import_log, read_log
from models.redress import Given, given_for
from models.redress_words import read
from models.tables import Complaint, Event

NOW = dt.datetime(2026, 3, 14, 10, 30)

OWNERS_LOG = (
    "Date,Customer,Problem,What we did,Status\n"
    "2026-03-01,Ana Souza,Kettle lid cracked,Refunded £25,Closed\n"
    '2026-03-02,Jo Evans,Bike chain snapped,"Gave him a £10 voucher, replaced the chain",Closed\n'
    "2026-03-03,Mei Lin,Wrong size shoes,Customer wants a refund,Waiting\n"
    "2026-03-04,Cy Dunn,Rude on the phone,Apologised. No refund given,Closed\n"
)


@pytest.mark.parametrize(
    ("said", "given"),
    [
        ("Refunded £25", [Given("refund", 25.0)]),
        ("Full refund £19.99 to her card", [Given("refund", 19.99)]),
        ("Refunded £1,250 to his credit card", [Given("refund", 1250.0)]),
        ("Replaced. Refund of postage 3.95", [Given("replacement"), Given("refund", 3.95)]),
        ("Re-did the screen free, £10 credit", [Given("repair"), Given("credit", 10.0)]),
        ("sorted - refunded 15 pounds", [Given("refund", 15.0)]),
        ("asked for his money back, refunded £12 after checking", [Given("refund", 12.0)]),
        ("no refund, swapped it instead", [Given("replacement")]),
        ("refunded £12 and re-did them free", [Given("refund", 12.0), Given("repair")]),
        ("gave 20% off next clean", [Given("goodwill")]),
        ("£5 off next order", [Given("goodwill", 5.0)]),
        ("Re-cleaned free", [Given("repair")]),
        ("Re-hemmed the curtains", [Given("repair")]),
        ("re-covered the cushion, no charge", [Given("repair")]),
        ("sewed a new button on while she waited", [Given("repair")]),
        ("Customer wants a refund", []),
        ("Refund refused", []),
        ("Didn't refund, explained the policy", []),
        ("Will refund when the part arrives", []),
        ("Offered a voucher", []),
        ("Replacement on order", []),
        ("Ordered replacement from supplier", []),  # not given until it comes
        ("Replacement ordered, waiting on supplier", []),
        ("Refund of duplicate charge £40 promised", []),
        ("promised a refund of £40", []),
        ("Refund £15 owed to her", []),
        ("refunded the £20 we agreed on", [Given("refund", 20.0)]),
        ("Waiting on part", []),
        ("Gave £10 back in cash", [Given("refund", 10.0)]),
        ("gave her back £7.50", [Given("refund", 7.5)]),
        ("Handed back the keys", []),
        ("Will give £10 back", []),
    ],
)
def test_what_was_given_is_read_from_the_words_and_wishes_and_refusals_are_not(said, given) -> None:
    assert list(read(said)) == given


def test_an_old_log_without_a_redress_column_records_what_its_words_say_was_given(db) -> None:
    plan = read_log(OWNERS_LOG, now=NOW)
    assert plan.problems == []
    assert (
        "The file has no column for what was given: for 2 rows it is read from their words "
        "(Refund 1, Replacement 1, Voucher or gift card 1). Change any on the Lessons tab."
        in plan.notes
    )
    import_log(plan, author="Sam", now=NOW)
    by_account = {c.account: given_for(c.id) for c in Complaint.select()}
    assert by_account["Kettle lid cracked"] == (Given("refund", 25.0),)
    assert by_account["Bike chain snapped"] == (Given("voucher", 10.0), Given("replacement"))
    assert by_account["Wrong size shoes"] == ()
    assert by_account["Rude on the phone"] == ()
    ana = Complaint.get(Complaint.account == "Kettle lid cracked")
    imported = Event.get((Event.complaint == ana) & (Event.kind == timeline.IMPORTED))
    said = f"What was given is read from its words: Refund ({display.money(25)})."
    assert said in imported.text


def test_a_status_cell_that_says_what_was_given_keeps_its_words(db) -> None:
    """A "Done?" column with "yes - refunded £40": closed, and the £40 refund recorded
    and kept in the notes, not dropped with the status word."""
    plan = read_log(
        "Date,Customer,Problem,What we did,Status\n"
        "2026-03-01,Dave Pickles,Sofa leg loose,Re-fixed the leg,yes - refunded £40\n"
        "2026-03-02,Jo Evans,Hem too short,Re-hemmed,Closed\n",
        now=NOW,
    )
    assert plan.problems == []
    import_log(plan, author="Sam", now=NOW)
    dave = Complaint.get(Complaint.account == "Sofa leg loose")
    assert dave.status == "closed"
    assert Given("refund", 40.0) in given_for(dave.id)
    notes = [e.text for e in timeline.entries(dave.id) if e.kind == timeline.NOTE]
    assert any("yes - refunded £40" in note for note in notes)
    jo = Complaint.get(Complaint.account == "Hem too short")
    assert given_for(jo.id) == (Given("repair"),)
    assert not any(  # a plain status word is no note
        e.text.startswith("Status:") for e in timeline.entries(jo.id)
    )


def test_words_among_the_amounts_of_a_refund_column_are_read_as_words(db) -> None:
    """A "Refund €" column of amounts, with one cell in words: the amounts are
    refunds, the words say what they say; no row is refused."""
    text = (
        "When,Who,What happened,Refund €\n"
        "2026-03-01,Ana Souza,Scorched silk,15\n"
        "2026-03-02,Jo Evans,Lost button,gave her a €10 voucher\n"
        "2026-03-03,Mei Lin,Late,\n"
        "2026-03-04,Cy Dunn,Shrunk jumper,60\n"
        "2026-03-05,Bo Lund,Torn lining,18.50\n"
        "2026-03-06,Al Reid,Wrong coat,120\n"
    )
    plan = read_log(text, now=NOW)
    assert plan.problems == []
    import_log(plan, author="Sam", now=NOW)
    by_account = {c.account: given_for(c.id) for c in Complaint.select()}
    assert by_account["Scorched silk"] == (Given("refund", 15.0),)
    assert by_account["Lost button"] == (Given("voucher", 10.0),)
    assert by_account["Late"] == ()


def test_a_file_with_a_redress_column_is_taken_at_its_word(db) -> None:
    text = (
        "Date,Customer,Problem,What we did,Redress,Status\n"
        "2026-03-01,Ana Souza,Kettle lid cracked,Refunded £25,Voucher,Closed\n"
    )
    plan = read_log(text, now=NOW)
    assert plan.problems == []
    assert not any("read from" in note for note in plan.notes)
    import_log(plan, author="Sam", now=NOW)
    assert given_for(Complaint.get().id) == (Given("voucher"),)


def test_a_redress_column_in_the_owners_own_words_is_read_and_kept(db) -> None:
    """The owner mapped their Outcome column to the redress: "refund 12.50" was
    refused as not a redress, row after row."""
    text = (
        "Date,Customer,Problem,Compensation,Done?\n"
        "2026-03-01,Ana Souza,Cake dry,refund 12.50,Yes\n"
        "2026-03-02,Jo Evans,Wrong name piped,gave £5 voucher,Yes\n"
        "2026-03-03,Mei Lin,Stale bread,customer wants money back,No\n"
        "2026-03-04,Cy Dunn,Squashed box,Replacement,Yes\n"
    )
    plan = read_log(text, now=NOW)
    assert plan.problems == []
    assert any(
        note.startswith("3 redress cells are not written as the app writes them")
        and "(Refund 1, Voucher or gift card 1)" in note
        and "1 says nothing was given" in note
        for note in plan.notes
    ), plan.notes
    import_log(plan, author="Sam", now=NOW)
    by_account = {c.account: given_for(c.id) for c in Complaint.select()}
    assert by_account == {
        "Cake dry": (Given("refund", 12.5),),
        "Wrong name piped": (Given("voucher", 5.0),),
        "Stale bread": (),
        "Squashed box": (Given("replacement"),),
    }
    # The owner's own words are kept, so nothing is lost.
    mei = Complaint.get(Complaint.account == "Stale bread")
    notes = [e.text for e in timeline.entries(mei.id, timeline.NOTE_KINDS)]
    assert "What was given: customer wants money back" in notes


def _agreed_refund(what: str = "refund the €60 to her card"):
    import datetime as dt

    from models import resolution
    from models.complaints import ComplaintDetails, log_complaint
    from models.customers import CustomerDetails

    case = log_complaint(
        CustomerDetails(name="Ana Lopez"), ComplaintDetails(account="Scorch mark on the silk."),
        author="Maya",
    )  # fmt: skip
    action = resolution.add_action(
        case.id, who="Maya", what=what, due_on=dt.date.today() + dt.timedelta(days=1),
        author="Maya",
    )  # fmt: skip
    return case, action


def test_a_refund_marked_done_on_the_morning_list_is_recorded_as_given(db) -> None:
    from models import followups, timeline
    from models.morning_list import for_complaint
    from models.redress import given_for

    case, _action = _agreed_refund()
    promise = next(i for i in for_complaint(case.id) if i.kind == followups.ACTION)
    followups.complete(promise.id, followups.DONE_OUTCOME, author="Leon", note="Refunded €60.")
    assert given_for(case.id) == (Given("refund", 60.0),)
    said = [e.text for e in timeline.entries(case.id) if "Redress recorded" in e.text]
    assert said and "Refund" in said[0] and "Lessons tab" in said[0]


def test_ticked_on_the_complaint_too_and_never_recorded_twice(db) -> None:
    from models import resolution
    from models.redress import given_for, write

    case, action = _agreed_refund("refund £40 and give her a £15 voucher")
    write(case.id, [Given("refund", 40.0)])  # already on the Lessons tab
    resolution.set_action_done(action.id, True, author="Maya")
    assert given_for(case.id) == (Given("refund", 40.0), Given("voucher", 15.0))
    resolution.set_action_done(action.id, False, author="Maya")
    resolution.set_action_done(action.id, True, author="Maya")
    assert given_for(case.id) == (Given("refund", 40.0), Given("voucher", 15.0))


def test_an_action_that_gives_nothing_records_nothing(db) -> None:
    from models import resolution
    from models.redress import given_for

    case, action = _agreed_refund("ring her to check all is well")
    resolution.set_action_done(action.id, True, author="Maya")
    assert given_for(case.id) == ()


@pytest.mark.parametrize(
    ("said", "product", "given"),
    [
        # A part of the thing complained of, replaced: a repair.
        ("Scorch panel replaced", "Ironing board cover", [Given("repair")]),
        ("Replaced the heels", "Ankle boots", [Given("repair")]),
        ("refunded £10 and replaced the strap", "Watch", [Given("refund", 10.0), Given("repair")]),
        # The thing itself replaced, or a replacement given: a replacement.
        ("Replaced the kettle with a new one", "Kettle", [Given("replacement")]),
        ("Replaced it", "Kettle", [Given("replacement")]),
        ("Gave her a replacement kettle", "Kettle", [Given("replacement")]),
        ("Replacement sent", "Kettle", [Given("replacement")]),
        ("the replacement was sent on Monday", "Kettle", [Given("replacement")]),
        # A part called "the replacement" is described, not given.
        ("Inspected: the replacement screen from the supplier has a faulty cable", "Phone", []),
        # With no product, what the words say, as before.
        ("Replaced the lid", "", [Given("replacement")]),
    ],
)
def test_what_was_replaced_is_read_against_the_product(said, product, given) -> None:
    assert list(read(said, product)) == given
