"""Sample data reads like a real log: each story is filed under the category it
is about."""

from __future__ import annotations

import datetime as dt

from models.demo import add_demo_data
from models.tables import Category, Complaint

STORY_AND_CATEGORY = [
    ("charged twice", "Price, bill or refund"),
    ("was rude when I asked", "Staff attitude or service"),
    ("still hasn't arrived", "Late or missing order"),
    ("in stock but", "Out of stock or not as advertised"),
    ("pages missing", "Faulty or damaged item"),
    ("hair in the", "Cleanliness or safety"),
]


def test_each_sample_story_is_filed_under_what_it_is_about(db) -> None:
    add_demo_data(300, seed=4, now=dt.datetime(2026, 12, 1, 9, 0))
    rows = list(Complaint.select(Complaint.account, Category.name).join(Category).tuples())
    assert rows
    for words, category in STORY_AND_CATEGORY:
        filed = {name for account, name in rows if words in account}
        assert filed == {category}, (words, filed)
