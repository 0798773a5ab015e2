"""The editable list of complaint categories, seeded with common shop ones."""

from __future__ import annotations

from models.pick_lists import PickItem, PickList
from models.tables import Category, Complaint

CategoryItem = PickItem
CATEGORIES = PickList(Category, Complaint.category, "category")

categories = CATEGORIES.items
add_category = CATEGORIES.add
rename_category = CATEGORIES.rename
set_archived = CATEGORIES.set_archived
delete_category = CATEGORIES.delete
find_category = CATEGORIES.find
