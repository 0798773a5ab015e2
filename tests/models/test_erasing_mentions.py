"""Erasing a customer also removes them from other customers' complaints: every
mention found (name, phone, email, however typed), shown first, then replaced."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from models import checklist, facts, file_store, followups, guide, lessons, resolution, timeline
from models.anonymise import ERASED, erase_customer, find_mentions, refuse_if_erased
from models.business import BusinessProfile
from models.complaint_list import ListQuery, all_rows
from models.complaints import (
    ComplaintDetails,
    add_note,
    get_complaint,
    load_complaint,
    log_complaint,
    set_status,
)
from models.customer_data import collect, to_json
from models.customers import CustomerDetails, create_customer, update_customer
from models.errors import ValidationError
from models.letter_drafts import draft_letter
from models.letter_records import letters_for, save_letter
from models.redress import Given
from models.search import Marks
from models.tables import AgreedAction, ChecklistTick, Customer, FollowUp, Letter

NOW = dt.datetime(2026, 3, 14, 10, 0)
BRENDA = CustomerDetails(name="Brenda Okafor", phone="07700 900123", email="brenda@example.com")
ALI = CustomerDetails(name="Ali Khan", phone="0161 496 0000")


def _log(customer: CustomerDetails, account: str):
    return log_complaint(customer, ComplaintDetails(account=account), author="Sam", now=NOW)


def _refs(words: str) -> list[str]:
    return [row.reference for row in all_rows(ListQuery(status="all", text=words))]


def _all_text(path) -> str:
    with sqlite3.connect(path) as conn:
        tables = [
            row[0]
            for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not row[0].startswith("complaint_search_")
        ]
        return "\n".join(
            str(value)
            for table in tables
            for row in conn.execute(f'SELECT * FROM "{table}"')
            for value in row
            if value is not None
        )


@pytest.fixture
def witness(db):
    """Brenda's own complaint, and Ali's that mentions her in every kind of text."""
    hers = _log(BRENDA, "Charged twice for one loaf.")
    his = _log(ALI, "Brenda Okafor was behind me in the queue when I paid.")
    add_note(his.id, "Witness: BRENDA OKAFOR saw the double charge", author="Sam", now=NOW)
    add_note(his.id, "Customer says Okafor, Brenda will back him up", author="Sam",
             kind=timeline.CUSTOMER_SAYS, now=NOW)  # fmt: skip
    add_note(his.id, "We checked: the till log shows 07700900123 on the loyalty card",
             author="Sam", kind=timeline.WE_CHECKED, now=NOW)  # fmt: skip
    facts.record_fault(his.id, "ours", "Receipt e-mailed to Brenda@Example.com shows two lines.",
                       author="Sam", now=NOW)  # fmt: skip
    resolution.save_resolution(
        his.id, options_offered="Refund, or ask brenda okafor to confirm first",
        agreed_solution="Refund once Brenda Okafor has confirmed by phone (+44 7700 900123)",
        first_contact=False, author="Sam", now=NOW,
    )  # fmt: skip
    resolution.add_action(his.id, who="Sam", what="Call Brenda Okafor on 07700-900-123",
                          due_on=NOW.date(), author="Sam", now=NOW)  # fmt: skip
    checklist.tick(his.id, guide.STAGES[0].steps[0].key, author="Sam",
                   note="Brenda Okafor was there too", now=NOW)  # fmt: skip
    lessons.record_learning(
        his.id, root_cause_id=1, lesson="Ask witnesses like Brenda Okafor for a number",
        redress=(Given("none"),), author="Sam", closing=True, now=NOW,
    )  # fmt: skip
    save_letter(his.id, "acknowledgement", "Your complaint",
                "Dear Ali,\nBrenda Okafor has confirmed what you told us.",
                b"%PDF-1.4 letter", author="Sam", now=NOW)  # fmt: skip
    update_customer(get_complaint(his.id).customer_id, CustomerDetails(
        name="Ali Khan", phone="0161 496 0000", notes="Friend of Brenda Okafor"))  # fmt: skip
    return hers, his


def test_the_mentions_are_shown_before_erasing(witness) -> None:
    hers, his = witness
    mentions = find_mentions(load_complaint(hers.id).customer_id)
    shown = [m.describe() for m in mentions]
    assert all(m.certain for m in mentions)
    assert (
        f"{his.reference}, note of Sat 14 Mar 2026: “Witness: BRENDA OKAFOR saw the double charge”"
        in shown
    )
    wheres = {m.where for m in mentions}
    for where in ("What happened", "Basis of the finding on fault", "Options offered",
                  "Agreed solution", "Lesson", "Agreed action", "Note on a step done",
                  "Letter", "Customer says of Sat 14 Mar 2026", "We checked of Sat 14 Mar 2026",
                  "Notes about another customer"):  # fmt: skip
        assert where in wheres, where
    assert any("07700900123" in m.snippet for m in mentions)
    assert any("Brenda@Example.com" in m.snippet for m in mentions)


def test_erasing_replaces_each_mention_and_keeps_the_rest(witness, db) -> None:
    hers, his = witness
    letter = letters_for(his.id)[0]
    assert sorted(_refs("Okafor")) == sorted([his.reference, hers.reference])
    outcome = erase_customer(load_complaint(hers.id).customer_id, author="Sam", now=NOW)

    assert outcome.mentions >= 12
    record = load_complaint(his.id)
    assert record.customer.name == "Ali Khan" and record.anonymised_at is None
    assert record.details.account == f"{ERASED} was behind me in the queue when I paid."
    assert record.fault_basis == f"Receipt e-mailed to {ERASED} shows two lines."
    assert record.options_offered == f"Refund, or ask {ERASED} to confirm first"
    assert record.agreed_solution == f"Refund once {ERASED} has confirmed by phone ({ERASED})"
    assert record.customer.notes == f"Friend of {ERASED}"
    assert lessons.learning(his.id).lesson == f"Ask witnesses like {ERASED} for a number"
    texts = [e.text for e in timeline.entries(his.id)]
    assert f"Witness: {ERASED} saw the double charge" in texts
    assert f"Customer says {ERASED} will back him up" in texts
    assert f"We checked: the till log shows {ERASED} on the loyalty card" in texts
    assert any("mentions of another customer, erased at their request" in t for t in texts)
    assert AgreedAction.get(AgreedAction.complaint == his.id).what == f"Call {ERASED} on {ERASED}"
    first_step = guide.STAGES[0].steps[0].key
    tick = ChecklistTick.get(
        (ChecklistTick.complaint == his.id) & (ChecklistTick.step_key == first_step)
    )
    assert tick.note == f"{ERASED} was there too"
    kept = Letter.get_by_id(letter.id)
    assert kept.body == f"Dear Ali,\n{ERASED} has confirmed what you told us."
    assert file_store.current().get(letter.key) is None  # the PDF held her name too
    assert kept.sha256 == ""
    for word in ("Okafor", "OKAFOR", "900123", "900-123", "brenda@", "Brenda@"):
        assert word not in _all_text(db), word
    # The search forgets her words and still finds his.
    assert _refs("Okafor") == [] and _refs("07700") == []
    assert _refs("Witness") == [his.reference]


def test_accents_case_and_spacing_do_not_hide_a_mention(db) -> None:
    zoe = _log(CustomerDetails(name="Zoë Łukasiewicz", phone="+44 7700 900123",
                               email="zoe@example.com"), "Late.")  # fmt: skip
    other = _log(ALI, "zoe lukasiewicz and ZOË ŁUKASIEWICZ both saw it; ring 07700 900 123.")
    erase_customer(load_complaint(zoe.id).customer_id, author="Sam", now=NOW)
    assert load_complaint(other.id).details.account == (
        f"{ERASED} and {ERASED} both saw it; ring {ERASED}."
    )


def test_a_name_alone_is_shown_as_possible_and_kept_unless_the_owner_says_so(db) -> None:
    sam = _log(CustomerDetails(name="Sam Hughes"), "Wrong size.")
    other = _log(ALI, "Sam from the bakery said the sample was fine.")
    customer_id = load_complaint(sam.id).customer_id
    mentions = find_mentions(customer_id)
    assert [(m.reference, m.certain, m.snippet) for m in mentions] == [
        (other.reference, False, "Sam from the bakery said the sample was fine.")
    ]
    assert find_mentions(customer_id, possible=False) == []
    outcome = erase_customer(customer_id, author="Sam", now=NOW)
    assert outcome.mentions == 0
    assert load_complaint(other.id).details.account.startswith("Sam from the bakery")


def test_possible_mentions_go_too_when_the_owner_chooses(db) -> None:
    sam = _log(CustomerDetails(name="Sam Hughes"), "Wrong size.")
    other = _log(ALI, "Sam from the bakery said so; ask Hughes.")
    erase_customer(load_complaint(sam.id).customer_id, author="Sam", also_possible=True, now=NOW)
    assert load_complaint(other.id).details.account == (
        f"{ERASED} from the bakery said so; ask {ERASED}."
    )


def test_the_matcher_needs_whole_words_and_the_whole_number() -> None:
    marks = Marks("Ann Lee", "07700 900123", "ann@example.com")
    assert marks.spans("Annabel Leeds and a banner") == []
    assert marks.spans("order 077009001234 and 1077009001") == []
    assert [c for *_, c in marks.spans("Lee, Ann and ann lee and ANN@EXAMPLE.COM.")] == [
        True, True, True,
    ]  # fmt: skip
    assert marks.replace("Ring +44 (0)7700 900123 today", ERASED, possible=False) == (
        f"Ring {ERASED} today", 1,
    )  # fmt: skip


def test_her_copy_of_her_data_lists_where_others_mention_her(witness) -> None:
    hers, his = witness
    data = collect(load_complaint(hers.id).customer_id, now=NOW)
    snippets = {(m.reference, m.snippet) for m in data.mentions}
    assert (his.reference, "Witness: BRENDA OKAFOR saw the double charge") in snippets
    assert ("", "Friend of Brenda Okafor") in snippets
    assert (his.reference, "Dear [another customer], Brenda Okafor has confirmed what you told us."
            ) in snippets  # fmt: skip
    assert all("Ali" not in m.snippet for m in data.mentions)
    assert '"mentions": [' in to_json(data)
    ali = collect(load_complaint(his.id).customer_id, now=NOW)
    assert ali.mentions == ()


# Restores a backup of the SQLite file.
@pytest.mark.sqlite_only
def test_restoring_an_older_backup_erases_the_mentions_again(witness, db) -> None:
    from models import backups

    hers, his = witness
    before = backups.make_backup(now=NOW)
    erase_customer(load_complaint(hers.id).customer_id, author="Sam", now=NOW)
    backups.restore_backup(before, now=NOW)
    assert load_complaint(his.id).details.account.startswith(ERASED)
    assert "Okafor" not in _all_text(db)


def test_an_erased_customers_complaint_cannot_be_reopened_or_written_to(db) -> None:
    hers = _log(BRENDA, "Charged twice.")
    his = _log(ALI, "Late.")
    refuse_if_erased(get_complaint(his.id))  # nothing to refuse
    erase_customer(load_complaint(hers.id).customer_id, author="Sam", now=NOW)
    with pytest.raises(ValidationError, match="cannot be reopened: its customer's details were"):
        refuse_if_erased(get_complaint(hers.id))
    with pytest.raises(ValidationError, match="No letter can be written about C-2026-0001"):
        refuse_if_erased(get_complaint(hers.id), "letter")
    # Every way in refuses: reopening, drafting a letter, keeping one.
    with pytest.raises(ValidationError, match="cannot be reopened"):
        set_status(hers.id, "open", author="Sam")
    with pytest.raises(ValidationError, match="No letter can be written"):
        draft_letter(hers.id, "acknowledgement", BusinessProfile(name="Shop"))
    with pytest.raises(ValidationError, match="No letter can be written"):
        save_letter(
            hers.id, "acknowledgement", "Your complaint", "Dear customer", b"%PDF", author="Sam"
        )
    # Nothing new is written about her by any door.
    again = "Brenda Okafor phoned again on 07700 900123"
    for write in (
        lambda: add_note(hers.id, again, author="Sam"),
        lambda: facts.record_fault(hers.id, "ours", again, author="Sam"),
        lambda: resolution.save_resolution(
            hers.id, options_offered=again, agreed_solution="", first_contact=False, author="Sam"
        ),
        lambda: resolution.add_action(
            hers.id, who="Sam", what=again, due_on=NOW.date(), author="Sam"
        ),
        lambda: followups.add_follow_up(
            hers.id, kind="other", what=again, owner="Sam", due_on=NOW.date(), author="Sam"
        ),
        lambda: lessons.record_learning(
            hers.id, root_cause_id=None, lesson=again, redress=(Given("none"),),
            author="Sam", closing=True,
        ),
    ):  # fmt: skip
        with pytest.raises(ValidationError, match="Nothing new can be added to C-2026-0001"):
            write()
    assert load_complaint(hers.id).status == "closed"
    assert letters_for(hers.id) == []
    assert _refs("Okafor") == []


def test_follow_up_notes_and_a_customer_with_no_complaints(db) -> None:
    his = _log(ALI, "Late.")
    row = FollowUp.select().where(FollowUp.complaint == his.id).first()
    followups.log_progress_call(row.id, "Spoke to Brenda Okafor too", author="Sam", now=NOW)
    brenda = create_customer(BRENDA)
    outcome = erase_customer(brenda.id, author="Sam", now=NOW)
    assert outcome.complaints == 0 and outcome.mentions >= 1
    assert "Okafor" not in FollowUp.get_by_id(row.id).note
    assert Customer.get_by_id(brenda.id).name == "Anonymised customer"
