"""The kinds of follow-up, their states and outcomes, as stored and as said."""

from __future__ import annotations

PENDING, DONE, CANCELLED = "pending", "done", "cancelled"

ACKNOWLEDGE = "acknowledge"
RESPOND = "respond"
SUMMARY = "summary"
FINAL_RESPONSE = "final_response"
PROGRESS = "progress"
ACTION = "action"
SATISFACTION = "satisfaction"
OTHER = "other"
KIND_LABELS = {
    ACKNOWLEDGE: "Acknowledge",
    RESPOND: "Respond",
    SUMMARY: "Summary letter",
    FINAL_RESPONSE: "Final response",
    PROGRESS: "Progress report",
    ACTION: "Promised action",
    SATISFACTION: "Satisfaction check",
    OTHER: "Other",
}
# The kinds an owner can add by hand.
MANUAL_KINDS = (PROGRESS, ACTION, SATISFACTION, OTHER)

SATISFIED, NOT_SATISFIED, COULD_NOT_REACH, DONE_OUTCOME = (
    "satisfied",
    "not_satisfied",
    "could_not_reach",
    "done",
)
OUTCOME_LABELS = {
    SATISFIED: "Satisfied",
    NOT_SATISFIED: "Not satisfied",
    COULD_NOT_REACH: "Could not reach",
    DONE_OUTCOME: "Done",
}
