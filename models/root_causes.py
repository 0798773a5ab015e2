"""The editable list of root causes, seeded with the usual reasons things go wrong."""

from __future__ import annotations

from models.pick_lists import PickList
from models.tables import Complaint, RootCause

ROOT_CAUSES = PickList(RootCause, Complaint.root_cause, "root cause")
