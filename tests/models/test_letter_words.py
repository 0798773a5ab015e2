"""Letters read as the shop wrote them: the owner's notes ("funeral wreath",
"refund the £34.99 to his card") become sentences to the customer, and where
a change could alter what they say, they are left as typed, in quotes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from models import letter_words
from models.letter_words import (
    action_phrase,
    addressed_to_customer,
    agreed_clauses,
    agreed_paragraph,
    full_stop,
    product_phrase,
)

CONFIRMS = "This letter confirms what we agreed"


def confirmed(agreed: str) -> str:
    return agreed_paragraph(CONFIRMS, agreed_clauses(agreed))


@pytest.mark.parametrize(
    ("typed", "reads"),
    [
        ("funeral wreath", "your funeral wreath"),
        ("Funeral wreath", "your funeral wreath"),
        ("funeral wreath.", "your funeral wreath"),
        ("the wedding dress", "the wedding dress"),
        ("my order", "your order"),
        ("her wedding cake", "your wedding cake"),
        ("Order 1234", "your order 1234"),
        ("#1234", "your order #1234"),
        ("Nike Air Max", "your Nike Air Max"),
        ("iPhone 12", "your iPhone 12"),
        ("blue glass vase, large", "your “blue glass vase, large”"),
        ("grey wool coat, ticket 4471", "your grey wool coat (ticket 4471)"),
        ("Oak table, order no. 88", "your oak table (order no. 88)"),
        ("vase, large, blue", "your “vase, large, blue”"),
        ("coat, cleaned twice now 3", "your “coat, cleaned twice now 3”"),
        ("Ticket 5120 silk dress", "your silk dress (ticket 5120)"),
        ("Commuter bike, full service job 3318", "your commuter bike (full service job 3318)"),
        ("", ""),
    ],
)
def test_the_product_reads_as_the_customers(typed: str, reads: str) -> None:
    assert product_phrase(typed) == reads


@pytest.mark.parametrize(
    ("agreed", "reads"),
    [
        ("Refund of €60 to her card", "we will refund €60 to your card."),
        ("Repair of the zip free of charge", "we will repair the zip free of charge."),
        ("refund of deposit", "we will refund the deposit."),
    ],
)
def test_a_deed_named_as_a_thing_is_said_as_a_deed(agreed: str, reads: str) -> None:
    assert confirmed(agreed) == f"{CONFIRMS}: {reads}"


@pytest.mark.parametrize(
    ("agreed", "reads"),
    [
        (
            "refund the £34.99 to his card",
            f"{CONFIRMS}: we will refund the £34.99 to your card.",
        ),
        (
            "Refund the £34.99 to her card.",
            f"{CONFIRMS}: we will refund the £34.99 to your card.",
        ),
        (
            "refund the £34.99 to their card by Friday 8 May..",
            f"{CONFIRMS}: we will refund the £34.99 to your card by Friday 8 May.",
        ),
        ("send her a voucher for £10", f"{CONFIRMS}: we will send you a voucher for £10."),
        ("call them back on Monday", f"{CONFIRMS}: we will call you back on Monday."),
        (
            "keep the stand until he says what he wants",
            f"{CONFIRMS}: we will keep the stand until you say what you want.",
        ),
        ("Customer to bring the receipt in", f"{CONFIRMS}: you will bring the receipt in."),
        ("He'll collect it on Saturday", f"{CONFIRMS}: you will collect it on Saturday."),
        (
            "We will replace the wreath free of charge.",
            f"{CONFIRMS}: we will replace the wreath free of charge.",
        ),
        ("Priya will ring him on Monday", f"{CONFIRMS}: Priya will ring you on Monday."),
        ("Full refund of £34.99", f"{CONFIRMS}:\n• Full refund of £34.99."),
        (  # a thing given besides the money: never "we will refund … a free bouquet"
            "Refund £45 (half the price) to her card, and a free bouquet next week",
            f"{CONFIRMS}: we will refund £45 (half the price) to your card, and you will also "
            "receive a free bouquet next week.",
        ),
        (
            "Refund £20 to her card and a £10 voucher",
            f"{CONFIRMS}: we will refund £20 to your card, and you will also receive a £10 "
            "voucher.",
        ),
        (
            "send a new lid and a returns label",
            f"{CONFIRMS}: we will send a new lid and a returns label.",
        ),
        (
            "re-hem the dress\nsend him a voucher",
            f"{CONFIRMS}:\n• We will re-hem the dress.\n• We will send you a voucher.",
        ),
    ],
)
def test_what_was_agreed_reads_as_sentences_to_the_customer(agreed: str, reads: str) -> None:
    assert confirmed(agreed) == reads


@pytest.mark.parametrize(
    "agreed",
    [
        "refund to his card and apologise to his wife",  # whose card? perhaps the wife's
        "the driver will apologise for his mistake",
        "refund to his Visa card",  # a name in the middle: perhaps someone else's
        "she will get her money back when he returns it",  # which one is the customer?
        "replace the roses and deliver them on Friday",  # them: the roses
        "refund the tulips as they were wilted",
        "send her flowers",  # flowers for her, or hers?
    ],
)
def test_words_a_change_could_twist_are_quoted_as_typed(agreed: str) -> None:
    paragraph = confirmed(agreed)
    assert paragraph == f"{CONFIRMS}, in the words we noted at the time:\n• “{agreed}”"


def test_a_letter_written_afterwards_says_what_was_agreed() -> None:
    clauses = agreed_clauses("refund the £34.99 to his card", done=True)
    assert agreed_paragraph("The outcome", clauses) == (
        "The outcome: we agreed to refund the £34.99 to your card."
    )


def test_an_action_follows_the_name_of_who_does_it() -> None:
    assert action_phrase("Refund £34.99 to his card.").text == "refund £34.99 to your card"
    assert action_phrase("to ring the supplier").text == "ring the supplier"
    assert action_phrase("bring it back if he wants a refund").text == (
        "bring it back if you want a refund"
    )
    kept = action_phrase("ring his wife")
    assert kept.quoted and kept.text == "ring his wife"


@pytest.mark.parametrize(
    ("typed", "ends"),
    [("card", "card."), ("card.", "card."), ("card..", "card."), ("card...", "card..."),
     ("Is it?", "Is it?"), ("(by Friday)", "(by Friday)."), ('said "yes."', 'said "yes."')],
)  # fmt: skip
def test_one_full_stop_at_the_end(typed: str, ends: str) -> None:
    assert full_stop(typed) == ends


@given(st.text())
def test_any_words_give_a_paragraph_that_keeps_them_and_ends_once(typed: str) -> None:
    clauses = agreed_clauses(typed)
    paragraph = agreed_paragraph(CONFIRMS, clauses)
    assert paragraph.startswith(CONFIRMS)
    for clause in clauses:
        assert clause.words in paragraph
        assert not clause.text.endswith("..") or clause.text.endswith("...")
    product_phrase(typed)
    action_phrase(typed)
    addressed_to_customer(typed)


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("we call Tom a few days later", "we call you a few days later"),
        ("call Tom Reynolds on Friday", "call you on Friday"),
        ("refund Tom's deposit", "refund your deposit"),
        ("ring Tom and tell him it is ready", "ring you and tell you it is ready"),
        ("tell her it is ready", "tell you it is ready"),
    ],
)
def test_the_customers_own_name_becomes_you(typed: str, said: str) -> None:
    assert letter_words.addressed_to_customer(typed, "Tom Reynolds") == said


def test_the_customer_named_as_the_one_who_acts_is_written_to() -> None:
    [collect] = letter_words.agreed_clauses("Tom to collect it on Friday", customer="Tom Reynolds")
    assert collect.text == "you will collect it on Friday."
    # Someone else of the same family is not the customer: the words are quoted as typed.
    [voucher] = letter_words.agreed_clauses("send Tom's wife a voucher", customer="Tom Reynolds")
    assert voucher.quoted


def test_a_note_of_who_will_do_it_reads_as_a_sentence() -> None:
    [ring] = letter_words.agreed_clauses(
        "Grace to ring her when it is ready.", customer="Niamh Ó Sé"
    )
    assert ring.text == "Grace will ring you when it is ready."
    [refund] = letter_words.agreed_clauses("Grace Okafor to refund the £18", customer="Niamh Ó Sé")
    assert refund.text == "Grace Okafor will refund the £18."


@pytest.mark.parametrize(
    ("agreed", "reads"),
    [
        ("We buy her a new one", f"{CONFIRMS}: we will buy you a new one."),
        ("I send a new lid on Monday", f"{CONFIRMS}: I will send a new lid on Monday."),
        ("give Harriet her money back", f"{CONFIRMS}: we will give you your money back."),
        ("give her her card back", f"{CONFIRMS}: we will give you your card back."),
    ],
)
def test_an_agreement_noted_in_the_present_or_with_her_name_reads_as_a_promise(
    agreed: str, reads: str
) -> None:
    """ "We buy her a new one" is what the shop will do, written to her."""
    clauses = agreed_clauses(agreed, customer="Harriet Moss")
    assert agreed_paragraph(CONFIRMS, clauses) == reads


def test_a_statement_of_how_things_stand_is_not_made_a_promise() -> None:
    clauses = agreed_clauses("We owe her £10", customer="Harriet Moss")
    assert "will owe" not in agreed_paragraph(CONFIRMS, clauses)


@pytest.mark.parametrize(
    ("agreed", "reads"),
    [
        (
            "Priya will ring her on Thursday to arrange the free cake",
            "The outcome: Priya agreed to ring you on Thursday to arrange the free cake.",
        ),
        ("We will replace the wreath", "The outcome: we agreed to replace the wreath."),
    ],
)
def test_a_letter_written_afterwards_never_says_what_will_be_done(agreed: str, reads: str) -> None:
    """The final response said "Priya will ring you on Thursday" above "done on Friday"."""
    clauses = agreed_clauses(agreed, done=True, customer="Zoë O'Neill")
    assert agreed_paragraph("The outcome", clauses) == reads


def test_a_colleague_named_beside_her_card_leaves_it_the_customers() -> None:
    """ "Full refund to her card, and Marek delivers flowers to her home" was quoted
    as typed in a letter to her: Marek might have been the one whose card it was.
    A name on the shop's staff list is one who acts; any other name still is not."""
    typed = "Full refund of £85 to her card, and Marek delivers a bouquet to her home"
    assert addressed_to_customer(typed, staff=["Marek Nowak", "Gemma Price"]) == (
        "Full refund of £85 to your card, and Marek delivers a bouquet to your home"
    )
    assert addressed_to_customer(typed) is None
    assert addressed_to_customer(typed.replace("Marek", "Tom"), staff=["Marek Nowak"]) is None
