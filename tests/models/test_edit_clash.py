"""Two counters editing the same complaint: the second save never undoes the first.

Each counter reads the complaint (load_complaint), edits what it read, and
saves with save_edits, as the window does."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from models import timeline
from models.complaints import ComplaintDetails, ComplaintRecord, load_complaint, log_complaint
from models.customers import CustomerDetails, update_customer
from models.db import close_database
from models.edit_clash import EditClash, save_edits


def _logged(name: str = "Ann Shared", account: str = "Leak under the sink") -> ComplaintRecord:
    saved = log_complaint(
        CustomerDetails(name=name, phone="0161 496 0000"),
        ComplaintDetails(account=account, product="Tap"),
        author="Sam",
    )
    return load_complaint(saved.id)


def _edit(seen: ComplaintRecord, **changes: object) -> ComplaintDetails:
    return dataclasses.replace(seen.details, **changes)


def test_changes_to_different_fields_are_both_kept(db: Path) -> None:
    at_till = _logged()
    in_office = load_complaint(at_till.id)
    save_edits(at_till, _edit(at_till, product="Mixer tap"), at_till.customer, author="Priya")
    save_edits(in_office, _edit(in_office, handler="Sam"), in_office.customer, author="Sam")
    now = load_complaint(at_till.id)
    assert (now.details.product, now.details.handler) == ("Mixer tap", "Sam")
    edits = [e for e in timeline.entries(now.id) if e.kind == timeline.EDITED]
    assert [e.author for e in edits] == ["Priya", "Sam"]


def test_the_same_field_changed_twice_is_refused_naming_who_and_what(db: Path) -> None:
    at_till = _logged()
    in_office = load_complaint(at_till.id)
    save_edits(
        at_till, _edit(at_till, account="Leak under the sink, twice"), at_till.customer,
        author="Priya Shah",
    )  # fmt: skip
    with pytest.raises(EditClash) as raised:
        save_edits(
            in_office, _edit(in_office, account="Tap drips", product="Mixer tap"),
            in_office.customer, author="Sam",
        )  # fmt: skip
    clash = raised.value
    assert clash.who == ("Priya Shah",)
    assert clash.fields == ("What happened",)
    assert "Priya Shah" in str(clash) and "What happened" in str(clash)
    assert "What happened (theirs: “Leak under the sink, twice”)" in str(clash)
    assert clash.theirs.details.account == "Leak under the sink, twice"
    stored = load_complaint(at_till.id)
    assert stored.details.account == "Leak under the sink, twice"
    assert stored.details.product == "Tap"  # nothing of the refused save was written


def test_a_clash_keeps_the_changes_to_other_fields_for_loading_theirs(db: Path) -> None:
    """Loading their version drops only the typing that clashes: the product
    changed here, which they left alone, stays as typed."""
    at_till = _logged()
    in_office = load_complaint(at_till.id)
    save_edits(
        at_till, _edit(at_till, account="Leak under the sink, twice"),
        dataclasses.replace(at_till.customer, email="pat@example.org"), author="Priya Shah",
    )  # fmt: skip
    with pytest.raises(EditClash) as raised:
        save_edits(
            in_office, _edit(in_office, account="Tap drips", product="Mixer tap"),
            dataclasses.replace(in_office.customer, phone="07700 900123"), author="Sam",
        )  # fmt: skip
    details, customer = raised.value.kept
    assert details.account == "Leak under the sink, twice"  # theirs: it clashed
    assert details.product == "Mixer tap"  # ours: they left it alone
    assert (customer.email, customer.phone) == ("pat@example.org", "07700 900123")


def test_a_long_text_changed_on_both_sides_is_shown_where_theirs_differs(db: Path) -> None:
    """Their words from where they part from these, not the first sixty characters
    both share, which would hide the difference behind "…"."""
    wants = "A replacement trimmer rather than a refund (phoned back)"
    at_till = _logged()
    in_office = load_complaint(at_till.id)
    save_edits(at_till, _edit(at_till, remedy_sought=f"{wants}, by Thursday"),
               at_till.customer, author="Priya")  # fmt: skip
    with pytest.raises(EditClash) as raised:
        save_edits(in_office, _edit(in_office, remedy_sought=f"{wants}, or a voucher"),
                   in_office.customer, author="Bryn")  # fmt: skip
    assert "by Thursday”" in str(raised.value)
    assert "(phoned back), by Thursday”" in str(raised.value)


def test_saving_over_theirs_deliberately_writes_mine_and_keeps_their_other_changes(
    db: Path,
) -> None:
    at_till = _logged()
    in_office = load_complaint(at_till.id)
    save_edits(
        at_till, _edit(at_till, account="Twice", handler="Priya"), at_till.customer,
        author="Priya",
    )  # fmt: skip
    mine = _edit(in_office, account="Tap drips")
    with pytest.raises(EditClash) as raised:
        save_edits(in_office, mine, in_office.customer, author="Sam")
    save_edits(in_office, mine, in_office.customer, author="Sam", over=raised.value.theirs)
    stored = load_complaint(at_till.id)
    assert (stored.details.account, stored.details.handler) == ("Tap drips", "Priya")


def test_a_change_after_the_one_saved_over_is_a_clash_again(db: Path) -> None:
    at_till = _logged()
    in_office = load_complaint(at_till.id)
    save_edits(at_till, _edit(at_till, account="Twice"), at_till.customer, author="Priya")
    mine = _edit(in_office, account="Tap drips")
    with pytest.raises(EditClash) as raised:
        save_edits(in_office, mine, in_office.customer, author="Sam")
    later = load_complaint(at_till.id)
    save_edits(later, _edit(later, account="Three times"), later.customer, author="Tom")
    with pytest.raises(EditClash) as again:
        save_edits(in_office, mine, in_office.customer, author="Sam", over=raised.value.theirs)
    assert again.value.who == ("Priya", "Tom")
    assert load_complaint(at_till.id).details.account == "Three times"


def test_customer_details_changed_elsewhere_are_a_clash_too(db: Path) -> None:
    at_till = _logged()
    # Priya changes the phone from another complaint of the same customer.
    update_customer(
        at_till.customer_id, dataclasses.replace(at_till.customer, phone="0770 090 0000"),
        author="Priya",
    )  # fmt: skip
    mine = dataclasses.replace(at_till.customer, phone="0161 496 1111")
    with pytest.raises(EditClash) as raised:
        save_edits(at_till, at_till.details, mine, author="Sam")
    assert raised.value.who == ("Priya",)
    assert raised.value.fields == ("Customer's phone",)
    assert load_complaint(at_till.id).customer.phone == "0770 090 0000"
    # Another detail of theirs is not: both are kept.
    fresh = load_complaint(at_till.id)
    update_customer(
        fresh.customer_id, dataclasses.replace(fresh.customer, email="ann@example.com"),
        author="Priya",
    )  # fmt: skip
    save_edits(
        fresh, fresh.details, dataclasses.replace(fresh.customer, address="1 High St"), author="Sam"
    )
    stored = load_complaint(at_till.id).customer
    assert (stored.email, stored.address) == ("ann@example.com", "1 High St")


def at_once(seen: ComplaintRecord, save: Callable[[str], None]) -> dict[str, str]:
    """Priya and Sam, both having read ``seen``, save at the same moment, each on
    their own connection (``save(who)``); what each was told."""
    start = threading.Barrier(2)
    outcome: dict[str, str] = {}

    def counter(who: str) -> None:
        try:
            start.wait()
            save(who)
            outcome[who] = "saved"
        except EditClash as clash:
            outcome[who] = f"clash with {', '.join(clash.who)}"
        except Exception as exc:  # said by the test
            outcome[who] = repr(exc)
        finally:
            close_database()

    threads = [threading.Thread(target=counter, args=(w,)) for w in ("Priya", "Sam")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return outcome


def _both_save(seen: ComplaintRecord) -> dict[str, str]:
    """Priya and Sam, both having read ``seen``, save a new account at the same
    moment; what each was told."""

    def save(who: str) -> None:
        save_edits(seen, _edit(seen, account=f"As {who} heard it"), seen.customer, author=who)

    return at_once(seen, save)


def test_two_counters_saving_the_same_field_at_once_never_both_win(db: Path) -> None:
    """Both read the complaint, both save at the same moment: one is saved, the
    other is told; never one silently written over the other."""
    for round_ in range(5):
        seen = _logged(name=f"Customer {round_}")
        outcome = _both_save(seen)
        winner = next(w for w, said in outcome.items() if said == "saved")
        loser = "Sam" if winner == "Priya" else "Priya"
        assert outcome[loser] == f"clash with {winner}"
        assert load_complaint(seen.id).details.account == f"As {winner} heard it"
