"""What the wording check reports: a finding of one kind over some words of the text."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class FindingKind(str, Enum):  # noqa: UP042 - a str mix-in keeps values usable as plain strings
    """What kind of risky wording a finding is."""

    ADMISSION = "admission"
    BLAME_COLLEAGUE = "blame_colleague"
    PROMISE_TO_PAY = "promise_to_pay"
    NON_APOLOGY = "non_apology"
    SPECULATION = "speculation"


@dataclass(frozen=True)
class Finding:
    """Risky words at ``text[start:end]`` of the text given to :func:`scan`."""

    start: int
    end: int
    kind: FindingKind
    message: str
    suggestion: str | None
