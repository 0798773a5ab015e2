"""The editable list of complaint categories, seeded with common shop ones."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from models.pick_lists import PickItem, PickList
from models.tables import Category, Complaint
from models.text import fold

CategoryItem = PickItem
CATEGORIES = PickList(Category, Complaint.category, "category")

categories = CATEGORIES.items
add_category = CATEGORIES.add
rename_category = CATEGORIES.rename
set_archived = CATEGORIES.set_archived
delete_category = CATEGORIES.delete
find_category = CATEGORIES.find


@dataclass(frozen=True)
class CategoryGuide:
    """What one of the categories the log starts with is for."""

    # What it covers, in the owner's words (shown when picking a category).
    description: str
    # Words and phrases a complaint about it uses (word starts: "refund" fits "refunded").
    words: tuple[str, ...]


# The categories the log starts with (models.choices.DEFAULT_CATEGORIES).
GUIDES: dict[str, CategoryGuide] = {
    "Faulty or damaged item": CategoryGuide(
        "It broke, stopped working, or came damaged or faulty.",
        ("faulty", "fault", "broke", "stopped working", "doesn't work", "not working",
         "damaged", "cracked", "torn", "defect", "leak", "snapped", "chipped", "smashed",
         "shattered", "dent", "scratch", "peel", "rust", "won't work", "won't start", "died",
         "crack", "bust", "bent", "buckled", "puncture", "burst", "split", "ripped", "frayed",
         "hole in", "came off", "fell off", "came apart", "falling apart", "loose", "wobbl",
         "rattl", "squeak", "squeal", "slip", "stuck", "jammed", "won't charge",
         "not charging", "no power", "overheat", "shrunk", "faded", "stain", "dead",
         "stopped responding", "not responding", "unresponsive", "won't turn on",
         "won't switch on", "keeps crashing", "keeps turning off", "blurr", "drains",
         "flicker", "stopped charging", "doesn't charge", "won't hold"),
    ),
    "Wrong item or size": CategoryGuide(
        "Not what was asked for: the wrong thing, size, colour, flavour or amount.",
        ("wrong", "asked for", "instead of", "not what", "size", "too big", "too small",
         "colour", "missing from", "was missing", "were missing", "not included", "left out"),
    ),
    "Late or missing order": CategoryGuide(
        "Not ready or not delivered when promised, or never arrived.",
        ("late", "hasn't arrived", "not arrived", "never arrived", "wasn't ready", "not ready",
         "promised", "still waiting", "delayed", "overdue", "never came", "didn't come",
         "not delivered", "didn't arrive", "never turned up", "lost in the post"),
    ),
    "Quality of work or repair": CategoryGuide(
        "Work, a repair or the goods not up to standard, or a fix that did not hold.",
        ("quality", "stale", "wilted", "droop", "badly", "poorly", "careless", "not done properly",
         "not fixed", "isn't fixed", "come back", "redo", "mark on", "after the repair",
         "after the service", "since the repair", "since the service", "same problem",
         "same fault", "happened again", "still not", "botched", "shoddy", "repair",
         "after our", "after your", "since our", "since your", "fitted",
         "installed", "workmanship", "after cleaning", "after washing", "after the clean",
         "after alteration", "taken up", "taken in", "let out", "too short", "too tight",
         "still there", "water mark", "missing when collected", "after service",
         "after servicing", "after new", "after we", "after you", "after fitting",
         "we fitted", "you fitted", "tune-up", "tune up", "tuned", "serviced", "adjusted",
         "after a service", "after a repair", "after collection", "since collection"),
    ),
    "Staff attitude or service": CategoryGuide(
        "How the customer was treated: rude, unhelpful, ignored or kept waiting.",
        ("rude", "attitude", "unhelpful", "ignored", "nobody checked", "nobody explained",
         "staff", "assistant", "shouted", "waited"),
    ),
    "Price, bill or refund": CategoryGuide(
        "Charged the wrong amount, a price not honoured, or a refund not given.",
        ("charged", "overcharged", "price", "quoted", "bill", "refund", "paid", "£", "receipt"),
    ),
    "Out of stock or not as advertised": CategoryGuide(
        "Said to be in stock or on offer and was not, or not as the shop described it.",
        ("in stock", "out of stock", "sold out", "advertised", "as described", "on offer",
         "website said"),
    ),
    "Cleanliness or safety": CategoryGuide(
        "Dirty, unhygienic or unsafe: something in the food, an allergen, a hazard.",
        ("hair in", "dirty", "hygiene", "mould", "allerg", "nut free", "intolerant", "unsafe",
         "danger", "hurt", "injur", "spark", "caught fire", "on fire", "fire hazard", "smoke",
         "smoking", "burning smell", "smell of burning", "smells of burning", "electric shock",
         "shock", "melted", "scald", "exploded", "fumes", "sharp edge", "chok", "food poisoning",
         "sick after", "ill after", "nut-free", "allergic reaction", "anaphyla", "ambulance",
         "hospital", "a&e"),
    ),
    "Booking or appointment": CategoryGuide(
        "A booking or appointment lost, moved, double-booked or not kept.",
        ("booking", "booked", "appointment", "reservation", "reserved", "double-booked"),
    ),
    "Other": CategoryGuide("Anything the other categories do not cover.", ()),
}  # fmt: skip


def guide_for(name: str) -> CategoryGuide | None:
    """What a category the log started with is for; None for one the shop added."""
    return GUIDES.get(name)


@cache
def _cues(name: str) -> re.Pattern[str] | None:
    """The words of a category the log started with, each the start of a word."""
    guide = GUIDES.get(name)
    if guide is None or not guide.words:
        return None
    words = sorted({fold(word) for word in guide.words}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(word) for word in words) + ")")


# A hazard is said before anything else it is tied with.
SAFETY = "Cleanliness or safety"
# A fault that showed after the shop's own work ("leaks after the service") is about
# the work: of these two, tied, the first is chosen.
_WORK_OVER_FAULT = ("Quality of work or repair", "Faulty or damaged item")


def guess(text: str, names: Iterable[str]) -> str | None:
    """The one of ``names`` (categories the log started with) whose words ``text``
    uses most ("The hose reel leaks" → "Faulty or damaged item"); None when it uses
    none of them, or as many of two categories' words as each other."""
    folded = " ".join(fold(text).replace("’", "'").split())
    scores: dict[str, int] = {}
    for name in names:
        cues = _cues(name)
        if cues is not None and (found := set(cues.findall(folded))):
            scores[name] = len(found)
    if not scores:
        return None
    best = max(scores.values())
    top = [name for name, score in scores.items() if score == best]
    if set(top) == set(_WORK_OVER_FAULT):
        return _WORK_OVER_FAULT[0]  # "Oil leak after service": the work, not the part
    if SAFETY in top:
        return SAFETY  # "Stopped working and sparked": a hazard before a fault
    return top[0] if len(top) == 1 else None
