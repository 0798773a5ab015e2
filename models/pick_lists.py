"""Editable lists the owner picks from (categories, root causes): add, rename,
archive (kept on old complaints, not offered for new ones), delete when unused."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import peewee

from models.db import writing
from models.errors import NotFoundError, ServerAway, ValidationError
from models.tables import Complaint
from models.text import clean

MAX_NAME = 80


@dataclass(frozen=True)
class PickItem:
    id: int
    name: str
    archived: bool = False


class PickList:
    """The rules for one list, kept in ``table`` and referenced by ``column`` of complaints."""

    def __init__(self, table: Any, column: peewee.Field, noun: str) -> None:
        # ``table`` is a peewee model with id, name, position and archived columns.
        self.table = table
        self.column = column
        self.noun = noun
        self._last_read: dict[bool, list[PickItem]] = {}

    def items(self, *, include_archived: bool = False) -> list[PickItem]:
        """The list as it is now; while the log's server cannot be reached, as it
        was last read (the window goes on offering it)."""
        table = self.table
        query = table.select().order_by(table.position, table.name)
        if not include_archived:
            query = query.where(table.archived == False)  # noqa: E712 (peewee expression)
        try:
            found = [PickItem(row.id, row.name, bool(row.archived)) for row in query]
        except ServerAway:
            return list(self._last_read.get(include_archived, []))
        self._last_read[include_archived] = found
        return found

    def _checked_name(self, name: str, *, ignore_id: int | None = None) -> str:
        name = clean(name)
        if not name:
            raise ValidationError({self.noun: f"Enter a name for the {self.noun}."})
        if len(name) > MAX_NAME:
            raise ValidationError({self.noun: f"Keep the name under {MAX_NAME} characters."})
        clash = self.table.get_or_none(peewee.fn.lower(self.table.name) == name.lower())
        if clash is not None and clash.id != ignore_id:
            raise ValidationError(
                {self.noun: f"There is already a {self.noun} called “{clash.name}”."}
            )
        return name

    def _get(self, item_id: int) -> Any:
        row = self.table.get_or_none(self.table.id == item_id)
        if row is None:
            raise NotFoundError(f"There is no {self.noun} number {item_id}.")
        return row

    def add(self, name: str) -> PickItem:
        with writing():
            name = self._checked_name(name)
            position = (self.table.select(peewee.fn.MAX(self.table.position)).scalar() or 0) + 1
            row = self.table.create(name=name, position=position)
        return PickItem(row.id, row.name)

    def rename(self, item_id: int, name: str) -> PickItem:
        with writing():
            row = self._get(item_id)
            row.name = self._checked_name(name, ignore_id=item_id)
            row.save()
        return PickItem(row.id, row.name, bool(row.archived))

    def set_archived(self, item_id: int, archived: bool) -> None:
        with writing():
            row = self._get(item_id)
            row.archived = archived
            row.save()

    def delete(self, item_id: int) -> None:
        with writing():
            row = self._get(item_id)
            used = Complaint.select().where(self.column == item_id).count()
            if used:
                raise ValidationError(
                    {self.noun: f"“{row.name}” is used by {used:,} complaints; archive it instead."}
                )
            row.delete_instance()

    def find(self, name: str) -> PickItem | None:
        row = self.table.get_or_none(peewee.fn.lower(self.table.name) == clean(name).lower())
        return PickItem(row.id, row.name, bool(row.archived)) if row else None
