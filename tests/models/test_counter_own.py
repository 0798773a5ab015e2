"""Several counters on one log on a server: who is at each counter and the new
complaint half-typed there belong to that counter; the shop's settings are
everyone's."""

from __future__ import annotations

import pytest

from desktop.startup import open_data
from models.business import BusinessProfile, load_profile, save_profile
from models.drafts import NEW_COMPLAINT, load_draft, save_draft
from models.settings import last_folder, remember_folder, set_user_name, user_name


def test_each_counter_keeps_its_own_name_and_half_typed_complaint(db, tmp_path) -> None:
    till = db.parent
    set_user_name("Sam")
    save_draft(NEW_COMPLAINT, {"name": "Ada Lovell", "account": "The lid is cracked."})
    remember_folder("letter", "/home/sam/Letters")

    open_data(tmp_path / "back-office")  # the other counter, on the same log
    assert user_name() == ""  # asked for there, not taken from the till
    assert load_draft(NEW_COMPLAINT) is None
    assert last_folder("letter") == ""
    set_user_name("Priya")
    save_draft(NEW_COMPLAINT, {"name": "Bo Chen", "account": "Wrong size sent."})

    open_data(till)
    assert user_name() == "Sam"
    saved = load_draft(NEW_COMPLAINT)
    assert saved is not None and saved.data["name"] == "Ada Lovell"
    assert last_folder("letter") == "/home/sam/Letters"


def test_the_shops_own_settings_are_the_same_at_every_counter(db, engine, tmp_path) -> None:
    if engine != "postgresql":
        pytest.skip("two data folders on one computer are two logs")
    save_profile(BusinessProfile(name="Corner Shop", address="1 High Street"))
    open_data(tmp_path / "back-office")
    assert load_profile().name == "Corner Shop"
