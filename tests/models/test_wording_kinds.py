"""The kinds of finding a shop owner is told apart: an admission, blaming a
colleague, a promise to pay, a guess at the shop's own fault (a milder warning)
and a non-apology."""

from __future__ import annotations

import pytest

from models.wording import FindingKind, scan


def kinds(text: str, *, fault_is_ours: bool = False) -> list[FindingKind]:
    return [f.kind for f in scan(text, fault_is_ours=fault_is_ours)]


@pytest.mark.parametrize(
    "text",
    [
        "We may have scratched it when we moved it.",
        "Our fitter might have nicked the pipe while drilling.",
        "Perhaps we overcharged you on the second visit.",
        "It is possible that our oven ran too hot that day.",
    ],
)
def test_a_guess_at_our_own_fault_is_speculation(text: str) -> None:
    assert kinds(text) == [FindingKind.SPECULATION]
    # once the facts show the fault was ours, there is nothing left to guess
    assert kinds(text, fault_is_ours=True) == []


@pytest.mark.parametrize(
    "text",
    [
        "The courier may have dropped it on the way.",
        "We may have to order a new part.",
        "We might have a spare in the back.",
        "I'm not sure yet what happened; we are checking the van's camera.",
        "Perhaps we could offer you a voucher while we look into it.",
    ],
)
def test_no_guess_at_our_fault_is_not_speculation(text: str) -> None:
    assert FindingKind.SPECULATION not in kinds(text)


def test_a_plain_admission_is_not_softened_to_a_guess() -> None:
    assert kinds("We scratched it when we moved it.") == [FindingKind.ADMISSION]


@pytest.mark.parametrize(
    "text",
    [
        "Sam forgot to order it.",
        "That was Jade's mistake, she is new.",
        "Dave dropped the vase.",
        "Dev must have read the order wrong, totally our fault.",
    ],
)
def test_blaming_a_colleague_is_flagged_whatever_the_finding_on_fault(text: str) -> None:
    assert FindingKind.BLAME_COLLEAGUE in kinds(text)
    assert FindingKind.BLAME_COLLEAGUE in kinds(text, fault_is_ours=True)


def test_once_the_fault_is_ours_admitting_and_paying_are_no_longer_flagged() -> None:
    text = "We broke your vase and we will pay for a new one."
    assert set(kinds(text)) >= {FindingKind.ADMISSION}
    assert kinds(text, fault_is_ours=True) == []


@pytest.mark.parametrize(
    "text",
    [
        "Mrs Hale rang and says our driver dropped the parcel.",
        "The customer came in and said our fitter scratched the door.",
        "Mrs Hale rang, says our man was rude to her husband.",
    ],
)
def test_what_a_customer_who_rang_says_is_their_claim(text: str) -> None:
    assert kinds(text) == []
    # said by us, it is ours
    assert kinds(text.replace("Mrs Hale", "We").replace("The customer", "We")) != []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Dan was rude to you when you asked for a refund.", FindingKind.BLAME_COLLEAGUE),
        ("Our cashier shouted at you.", FindingKind.BLAME_COLLEAGUE),
        ("I was short with you on the phone.", FindingKind.ADMISSION),
        ("We knocked the vase over while stacking the shelf.", FindingKind.ADMISSION),
        ("tbh our staff broke it", FindingKind.ADMISSION),
        ("The girl at the front desk was short with you.", FindingKind.BLAME_COLLEAGUE),
        ("the lad on the till scratched your car", FindingKind.BLAME_COLLEAGUE),
    ],
)
def test_conduct_and_knocking_things_over_are_found(text: str, kind: FindingKind) -> None:
    assert kinds(text) == [kind]


@pytest.mark.parametrize(
    "text",
    [
        "Dan was not rude to you; he was explaining the returns policy.",
        "She says Dan was rude to her.",
        "You were rude to our staff, so we asked you to leave.",
        "We knocked on your door twice at ten.",
        "The driver at the front of the queue hit your car.",
    ],
)
def test_conduct_denied_reported_or_the_customers_own_is_not_ours(text: str) -> None:
    assert not set(kinds(text)) & {FindingKind.ADMISSION, FindingKind.BLAME_COLLEAGUE}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It was us that cracked your vase.", [FindingKind.ADMISSION]),
        ("It must have been us that cracked it.", [FindingKind.ADMISSION]),
        ("It could have been us that cracked it.", [FindingKind.SPECULATION]),
        ("It was not us that cracked it.", []),
        ("It could have been the courier that dropped it.", []),
    ],
)
def test_it_was_us_that_did_it(text: str, expected: list[FindingKind]) -> None:
    assert kinds(text) == expected


@pytest.mark.parametrize("text", ["We read the meter wrong.", "I read your order wrong, sorry."])
def test_reading_something_wrong_is_an_error_of_ours(text: str) -> None:
    assert FindingKind.ADMISSION in kinds(text)


@pytest.mark.parametrize("text", ["We read your email and will reply today.", "I read it twice."])
def test_reading_alone_is_no_error(text: str) -> None:
    assert kinds(text) == []
