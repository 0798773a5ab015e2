"""Who signs a letter, and the names offered: the person at the counter, who
signs, the staff list. The computer's login name is nobody's name unless the
owner gave it."""

from __future__ import annotations

import getpass

import pytest

from models import business, people, settings
from models.business import BusinessProfile, Person
from models.errors import ValidationError

PROFILE = BusinessProfile(
    name="Bloom & Grow",
    signatory_name="Clare Okafor",
    signatory_role="Owner",
    staff="Priya Shah, Shop manager\n\n  Sam Lee  \nclare okafor, Boss",
)


@pytest.fixture
def logged_in_as_root(monkeypatch):
    monkeypatch.setattr(getpass, "getuser", lambda: "root")


def test_the_staff_list_is_one_person_a_line_with_a_role_after_a_comma() -> None:
    assert PROFILE.people == [
        Person("Clare Okafor", "Owner"),
        Person("Priya Shah", "Shop manager"),
        Person("Sam Lee"),
    ]
    assert PROFILE.person("PRIYA SHAH") == Person("Priya Shah", "Shop manager")


def test_a_long_staff_list_is_refused_with_a_reason(db) -> None:
    crowd = "\n".join(f"Person {n}" for n in range(business.MAX_STAFF + 1))
    with pytest.raises(ValidationError) as refused:
        business.save_profile(BusinessProfile(name="Shop", signatory_name="Jo", staff=crowd))
    assert "up to 40 people" in refused.value.problems["staff"]
    assert business.load_profile() is None


def test_the_names_offered_start_with_whoever_is_at_the_counter(db) -> None:
    assert people.offered_names(PROFILE) == ["Clare Okafor", "Priya Shah", "Sam Lee"]
    settings.set_user_name("  Sam   Lee ")
    assert settings.user_name() == "Sam Lee"
    assert people.offered_names(PROFILE) == ["Sam Lee", "Clare Okafor", "Priya Shah"]


def test_an_empty_name_at_the_counter_is_refused(db) -> None:
    with pytest.raises(ValidationError):
        settings.set_user_name("   ")
    assert settings.user_name() == ""


def test_a_letter_is_signed_by_whoever_handled_the_complaint(db, logged_in_as_root) -> None:
    assert people.signer_for(PROFILE, "priya shah") == Person("Priya Shah", "Shop manager")
    assert people.signer_for(PROFILE, "Alex") == Person("Alex")
    # Nobody, or the login name the app once filled in: the profile's signatory.
    assert people.signer_for(PROFILE, "") == Person("Clare Okafor", "Owner")
    assert people.signer_for(PROFILE, "Root") == Person("Clare Okafor", "Owner")


def test_the_login_name_counts_once_the_owner_gives_it(db, logged_in_as_root) -> None:
    assert not people.chosen("Root", PROFILE)
    settings.set_user_name("Root")
    assert people.chosen("Root", PROFILE)
    assert people.signer_for(PROFILE, "Root") == Person("Root")


def test_how_each_person_reads_in_the_letter(db, logged_in_as_root) -> None:
    def who(name: str) -> str:
        return people.subject_for(
            name, signer="Priya Shah", customer_name="Tom Baker", profile=PROFILE
        )

    assert [who(n) for n in ("Priya Shah", "Sam Lee", "tom baker", "Customer", "Root", "")] == [
        "I", "Sam Lee", "You", "You", "We", "We",
    ]  # fmt: skip


def test_a_first_name_typed_at_the_counter_signs_as_the_staff_list_names_them(
    db, logged_in_as_root
) -> None:
    """Sam typed "Clare" at the counter; the profile knows her as Clare Okafor, Owner."""
    assert people.signer_for(PROFILE, "Clare") == Person("Clare Okafor", "Owner")
    assert (
        people.subject_for(
            "Clare", signer="Clare Okafor", customer_name="Tom Baker", profile=PROFILE
        )
        == "I"
    )
    # Two people of that first name: nobody in particular.
    two = BusinessProfile(signatory_name="Sam Lee", staff="Sam Green")
    assert people.signer_for(two, "Sam") == Person("Sam")


def test_a_first_name_typed_where_the_app_asks_who_is_saved_as_the_staff_list_has_it(db) -> None:
    """ "Dawn" typed in Handled by, with Dawn Mills the only Dawn on the staff, is
    Dawn Mills everywhere after: one person, not two on the morning list."""
    import datetime as dt

    from models import resolution
    from models.complaints import ComplaintDetails, load_complaint, log_complaint
    from models.customers import CustomerDetails

    business.save_profile(
        BusinessProfile(name="Heels & Keys", signatory_name="Jo Brook",
                        staff="Dawn Mills\nCallum Reid, Saturdays\nDan Wu\nDan Hale")
    )  # fmt: skip
    saved = log_complaint(
        CustomerDetails(name="Adaeze Okonkwo"),
        ComplaintDetails(account="The heels came off.", handler="dawn"),
        author="Jo",
    )
    assert load_complaint(saved.id).details.handler == "Dawn Mills"
    due = dt.date.today() + dt.timedelta(days=3)
    resolution.add_action(saved.id, who="Callum", what="re-heel the boots", due_on=due,
                          author="Jo")  # fmt: skip
    resolution.add_action(saved.id, who="Dan", what="ring her", due_on=due, author="Jo")
    resolution.add_action(saved.id, who="Sam", what="order heels", due_on=due, author="Jo")
    assert [a.who for a in resolution.actions(saved.id)] == ["Callum Reid", "Dan", "Sam"]


def test_the_follow_ups_of_a_complaint_name_their_owner_as_the_staff_list_does(db) -> None:
    """Set at the counter as "Priya", she is Priya Shah on the staff list: the
    morning list names one person, not "Priya" beside "Priya Shah"."""
    from models import morning_list
    from models.complaints import ComplaintDetails, log_complaint
    from models.customers import CustomerDetails

    business.save_profile(
        BusinessProfile(name="Green Thumb", signatory_name="Bryn Jones", staff="Priya Shah, Till")
    )
    settings.set_user_name("Priya")
    saved = log_complaint(
        CustomerDetails(name="Owen Price"),
        ComplaintDetails(account="The trimmer cut out.", handler="Priya"),
        author="Priya",
    )
    owners = {item.owner for item in morning_list.for_complaint(saved.id) if item.owner}
    assert owners == {"Priya Shah"}


def test_an_imported_open_complaints_deadlines_name_the_importer_as_the_staff_list_does(
    db,
) -> None:
    """Whoever brings the old log in takes its open deadlines on: "Priya" at the
    counter is Priya Shah on the morning list, as for a complaint logged here."""
    from models import morning_list
    from models.log_csv import import_log, read_log
    from models.tables import Complaint

    business.save_profile(
        BusinessProfile(name="Green Thumb", signatory_name="Bryn Jones", staff="Priya Shah, Till")
    )
    plan = read_log("received,status,customer name,account\n2026-11-30,Open,Owen Price,Cut out.\n")
    import_log(plan, author="Priya")
    [imported] = Complaint.select()
    owners = {item.owner for item in morning_list.for_complaint(imported.id) if item.owner}
    assert owners == {"Priya Shah"}
    assert imported.handler == "Priya Shah"  # she took it on: it is hers to handle


def test_the_person_at_the_counter_is_offered_once_as_the_staff_list_names_them(db) -> None:
    business.save_profile(
        BusinessProfile(name="Fix It", signatory_name="Aisha Rahman", staff="Tomasz Nowak\nBen")
    )
    settings.set_user_name("Tomasz")
    offered = people.offered_names(business.load_profile())
    assert offered[0] == "Tomasz Nowak" and "Tomasz" not in offered


@pytest.mark.parametrize(
    ("name", "greeted"),
    [
        ("Mrs Dorothy Evans", "Mrs Evans"),
        ("Dorothy Evans", "Dorothy Evans"),
        ("Mrs Evans", "Mrs Evans"),
        ("Dr. Anna van der Berg", "Dr. van der Berg"),
        ("Mr José de la Cruz", "Mr de la Cruz"),
        ("Ms Dorothy May Evans", "Ms Evans"),
        ("Mr and Mrs Evans", "Mr and Mrs Evans"),
        ("Mrs 王 芳", "Mrs 王 芳"),
        ("Drew Barry Moore", "Drew Barry Moore"),
    ],
)
def test_a_letter_greets_a_titled_customer_by_title_and_family_name(name, greeted) -> None:
    """A letter to "Mrs Dorothy Evans" began "Dear Mrs Dorothy Evans,", as a mail merge writes."""
    from models.people import greeting_name

    assert greeting_name(name) == greeted


def test_an_action_typed_as_a_thing_is_not_made_a_broken_sentence() -> None:
    """ "free colour correction" typed as what Marco does read "Marco Rossi will free
    colour correction" on the Resolve tab, the timeline and the morning list."""
    from models.people import will_do

    assert will_do("Marco Rossi", "free colour correction") == (
        "Marco Rossi: free colour correction"
    )
    assert will_do("Gwen", "£20 off her next visit") == "Gwen: £20 off her next visit"
    assert will_do("Gwen", "Refund the £34.99") == "Gwen will refund the £34.99"
