"""The editable list of complaint categories, seeded with common shop ones."""

from __future__ import annotations

from dataclasses import dataclass

import peewee

from models.db import writing
from models.errors import NotFoundError, ValidationError
from models.tables import Category, Complaint
from models.text import clean

MAX_CATEGORY = 80


@dataclass(frozen=True)
class CategoryItem:
    id: int
    name: str
    archived: bool = False


def categories(*, include_archived: bool = False) -> list[CategoryItem]:
    query = Category.select().order_by(Category.position, Category.name)
    if not include_archived:
        query = query.where(Category.archived == False)  # noqa: E712 (peewee expression)
    return [CategoryItem(c.id, c.name, c.archived) for c in query]


def _checked_name(name: str, *, ignore_id: int | None = None) -> str:
    name = clean(name)
    if not name:
        raise ValidationError({"category": "Enter a name for the category."})
    if len(name) > MAX_CATEGORY:
        raise ValidationError({"category": f"Keep category names under {MAX_CATEGORY} characters."})
    clash = Category.get_or_none(peewee.fn.lower(Category.name) == name.lower())
    if clash is not None and clash.id != ignore_id:
        raise ValidationError({"category": f"There is already a category called “{clash.name}”."})
    return name


def add_category(name: str) -> CategoryItem:
    with writing():
        name = _checked_name(name)
        position = (Category.select(peewee.fn.MAX(Category.position)).scalar() or 0) + 1
        created = Category.create(name=name, position=position)
    return CategoryItem(created.id, created.name)


def rename_category(category_id: int, name: str) -> CategoryItem:
    with writing():
        category = _get(category_id)
        category.name = _checked_name(name, ignore_id=category_id)
        category.save()
    return CategoryItem(category.id, category.name, category.archived)


def set_archived(category_id: int, archived: bool) -> None:
    """Archived categories stay on old complaints but are not offered for new ones."""
    with writing():
        category = _get(category_id)
        category.archived = archived
        category.save()


def delete_category(category_id: int) -> None:
    """Delete a category no complaint uses; a used one can only be archived."""
    with writing():
        category = _get(category_id)
        used = Complaint.select().where(Complaint.category == category_id).count()
        if used:
            raise ValidationError(
                {
                    "category": f"“{category.name}” is used by {used:,} complaints; "
                    "archive it instead."
                }
            )
        category.delete_instance()


def find_category(name: str) -> CategoryItem | None:
    found = Category.get_or_none(peewee.fn.lower(Category.name) == clean(name).lower())
    return CategoryItem(found.id, found.name, found.archived) if found else None


def _get(category_id: int) -> Category:
    category = Category.get_or_none(Category.id == category_id)
    if category is None:
        raise NotFoundError(f"There is no category number {category_id}.")
    return category
