"""Drafting a letter's words from the complaint, for the owner to edit.

The drafts are written to be safe as they stand: sympathy and thanks, no
statement of fault. What was agreed is the owner's own wording from the
Resolve stage. Every date a letter promises is a date the app follows up:
read from the complaint's pending follow-ups (set by the deadline policy and
the shop's calendar), never worked out a second way.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from models import display, followups, guide, letter_words, morning_list, people, resolution
from models.anonymise import refuse_if_erased
from models.business import BusinessProfile, Person
from models.choices import FAULT_OURS
from models.complaints import ComplaintRecord, get_complaint, load_complaint
from models.text import shorten
from models.typed_dates import with_days_written

ACKNOWLEDGEMENT, CONFIRMATION, FINAL = "acknowledgement", "confirmation", "final"
LETTER_KINDS = (ACKNOWLEDGEMENT, CONFIRMATION, FINAL)
KIND_LABELS = {
    ACKNOWLEDGEMENT: "Acknowledgement",
    CONFIRMATION: "Confirmation of what was agreed",
    FINAL: "Final response",
}
AGREED_PLACEHOLDER = "[Write here, in plain words, what you agreed.]"
# Once the facts show the fault was ours, the letters that put it right say so
# plainly and apologise (the wording check no longer warns about it then).
APOLOGY = "We have looked into what happened: we made a mistake, and we are sorry."
# Before that, sorry for the trouble, which admits nothing.
SYMPATHY = "I am sorry for the trouble it has caused you."
# Every part of a draft left for the owner to write reads "[Write here, ...]"; one
# with a bracket deleted, or both, is still a part left to write.
_PLACEHOLDER = re.compile(
    r"\[\s*write here\b[^\]\n]*\]?|write here, in plain words\b[^\]\n]*\]?", re.IGNORECASE
)


@dataclass(frozen=True)
class OwnerWords:
    """Words the owner typed on the complaint that a letter is drafted around."""

    key: str  # "product", "agreed", "action:<id>": what to change for this letter
    label: str  # what they are, for the owner
    typed: str  # as typed (or as changed for this letter)
    shown: tuple[str, ...]  # how they read in the letter, to point them out there


@dataclass(frozen=True)
class LetterDraft:
    kind: str
    reference: str
    recipient_name: str
    recipient_address: str
    salutation: str
    subject: str
    body: str
    signer: Person
    words: tuple[OwnerWords, ...] = ()


@dataclass(frozen=True)
class _Context:
    """What the drafting of one letter needs to know."""

    complaint_id: int
    reference: str
    opening: str
    customer: str
    signer: Person
    profile: BusinessProfile
    words: dict[str, str]  # the owner's words changed for this letter, by key
    found: list[OwnerWords]  # filled in as the draft uses the owner's words
    today: dt.date  # the day the letter is drafted
    agreed_on: dt.date  # the day the agreed solution was typed
    channel: str = ""  # how the complaint came in (models.choices.CHANNELS)
    staff: tuple[str, ...] = ()  # the names of the people at the shop, read once

    @property
    def thanks(self) -> str:
        """ "Thank you for talking with us", or for writing to us when they wrote."""
        how = "writing to" if self.channel in guide.WRITTEN else "talking with"
        return f"Thank you for {how} us about {self.opening}."

    def typed(self, key: str, saved: str) -> str:
        return self.words.get(key, saved)

    def dated(self, key: str, saved: str, typed_on: dt.date) -> str:
        """The owner's words with each day in them written as the letter writes a
        day, counted from the day they were typed ("next tues" → "on Tuesday 10
        March 2026"): words changed for this letter were typed today."""
        if key in self.words:
            return with_days_written(self.words[key], self.today)
        return with_days_written(saved, typed_on)

    def who(self, name: str) -> str:
        return people.subject_for(
            name, signer=self.signer.name, customer_name=self.customer, profile=self.profile
        )


_long_date = display.long_day


def _contact(profile: BusinessProfile) -> str:
    ways = [w for w in (profile.phone and f"on {profile.phone}",
                        profile.email and f"at {profile.email}") if w]  # fmt: skip
    return " or ".join(ways) if ways else "at the shop"


def placeholders_left(subject: str, body: str) -> list[str]:
    """The parts of a letter still left for the owner to write ("[Write here, ...]").

    A letter with any of them is not made: the window and the command line
    refuse it, and :func:`models.letter_records.save_letter` does too.
    """
    return [match.group(0) for match in _PLACEHOLDER.finditer(f"{subject}\n{body}")]


def unfinished(subject: str, body: str) -> str | None:
    """Why the letter cannot be made as it stands (a part left to fill in), or None."""
    left = placeholders_left(subject, body)
    if not left:
        return None
    return f"The letter still has “{left[0]}” to fill in: replace it with your own words."


def _tracked(complaint_id: int) -> dict[str, dt.date]:
    """The soonest pending follow-up of each kind: the dates the app will hold us to."""
    dates: dict[str, dt.date] = {}
    for item in morning_list.for_complaint(complaint_id):
        if item.status == followups.PENDING:
            dates[item.kind] = min(item.due_on, dates.get(item.kind, item.due_on))
    return dates


def _what_happens_next(ctx: _Context, handler: str) -> str:
    due = _tracked(ctx.complaint_id)
    who = ctx.who(handler)
    text = f"What happens next: {'we' if who == 'We' else who} will look into what happened"
    if followups.PROGRESS in due:
        text += f", tell you how it is going by {_long_date(due[followups.PROGRESS])}"
    if followups.RESPOND in due:
        text += f" and come back to you by {_long_date(due[followups.RESPOND])}."
    else:
        text += " and come back to you."
    if followups.SUMMARY in due:
        text += (
            f" If it is resolved by {_long_date(due[followups.SUMMARY])}, we will write to "
            "confirm how."
        )
    if followups.FINAL_RESPONSE in due:
        text += (
            " You will have our final response by "
            f"{_long_date(due[followups.FINAL_RESPONSE])} at the latest."
        )
    return text + " If we need anything more from you, such as a receipt or photos, we will ask."


def _acknowledgement(ctx: _Context, handler: str) -> list[str]:
    return [
        f"Thank you for telling us about {ctx.opening}. {SYMPATHY}",
        f"Your complaint has the reference {ctx.reference}. Please quote it if you contact us, "
        "so that whoever answers can find it straight away.",
        _what_happens_next(ctx, handler),
    ]


@dataclass(frozen=True)
class _Deed:
    """An agreed action as a letter promises it: who does what, by when."""

    action: resolution.Action
    what: letter_words.Clause
    who: str  # "I", "You", "We" or a name
    due: dt.date

    def sentence(self) -> str:
        """ "I will refund £34.99 to your card by Friday 4 December 2026.", to go
        after a colon (so "we", not "We")."""
        who = self.who.lower() if self.who in ("We", "You") else self.who
        return f"{who} will {self.what.text}{_by(self.what.text, self.due)}."


def _by(what: str, due: dt.date) -> str:
    """ " by Friday 4 December 2026", or nothing where the owner's words name that day."""
    return "" if what.endswith(_long_date(due)) else f" by {_long_date(due)}"


def _agreed(
    ctx: _Context, saved: str, intro: str, *, done: bool, deeds: tuple[_Deed, ...] = ()
) -> tuple[str, set[int]]:
    """The paragraph of what was agreed, around the owner's words (or a
    placeholder), and the actions it promises: a thing agreed that is also an
    agreed action is said once, with who does it and by when."""
    typed = ctx.typed("agreed", saved)
    agreed = ctx.dated("agreed", saved, ctx.agreed_on)
    said = letter_words.agreed_clauses(agreed, done=done, customer=ctx.customer, staff=ctx.staff)
    clauses, told = _told_once(said, deeds)
    if deeds:
        # Deeds joined with "and" that agreed actions say one by one are said one
        # by one, each with who does it and by when: not once run together, then
        # again in the list of who does what.
        apart = letter_words.agreed_clauses(
            letter_words.deed_by_deed(agreed), done=done, customer=ctx.customer, staff=ctx.staff
        )
        if len(apart) > len(said):
            clauses_apart, told_apart = _told_once(apart, deeds)
            if len(told_apart) > len(told):
                clauses, told = clauses_apart, told_apart
    shown = tuple(c.words for c in clauses)
    ctx.found.append(OwnerWords("agreed", "What was agreed", typed, shown))
    if not clauses:
        return f"{intro}:\n{AGREED_PLACEHOLDER}", told
    return letter_words.agreed_paragraph(intro, clauses), told


def _told_once(
    said: list[letter_words.Clause], deeds: tuple[_Deed, ...]
) -> tuple[list[letter_words.Clause], set[int]]:
    """The things agreed, each that an agreed action also says said once, with who
    does it and by when; and the actions so told."""
    told: set[int] = set()
    clauses = []
    for clause in said:
        deed = next(
            (d for d in deeds
             if d.action.id not in told and letter_words.same_deed(clause, d.what)),
            None,
        ) or next(
            (d for d in deeds
             if d.action.id not in told
             and letter_words.same_deed_on(clause, d.what, _long_date(d.due))),
            None,
        )  # fmt: skip
        if deed is not None:
            told.add(deed.action.id)
            clause = letter_words.Clause(deed.sentence(), deed.what.words, sentence=True)
        else:
            clause = _said_once(clause, deeds, told)
        clauses.append(clause)
    return clauses, told


def _said_once(
    clause: letter_words.Clause, deeds: tuple[_Deed, ...], told: set[int]
) -> letter_words.Clause:
    """A thing agreed that an agreed action says in fewer or more words ("refund
    £40 to your card" and the action "Refund £40"): said once, in the fuller
    words, with who does it and by when."""
    for deed in deeds:
        if deed.action.id in told:
            continue
        fuller = letter_words.deed_said_more_fully(clause, deed.what)
        if fuller is not None:
            told.add(deed.action.id)
            said = replace(deed, what=letter_words.Clause(fuller, fuller, sentence=True))
            return letter_words.Clause(said.sentence(), fuller, sentence=True)
    return clause


def _action_phrase(ctx: _Context, action: resolution.Action) -> letter_words.Clause:
    """What the action says is done, its days written out as of the day it was agreed."""
    typed_on = action.created_at.date() if action.created_at else ctx.today
    what = ctx.dated(f"action:{action.id}", action.what, typed_on)
    return letter_words.action_phrase(what, ctx.customer, ctx.staff)


def _action_words(ctx: _Context, action: resolution.Action) -> letter_words.Clause:
    what = _action_phrase(ctx, action)
    _found_action(ctx, action, what)
    return what


def _found_action(ctx: _Context, action: resolution.Action, what: letter_words.Clause) -> None:
    key = f"action:{action.id}"
    label = f"What {action.who} does" if action.who else "An agreed action"
    ctx.found.append(OwnerWords(key, label, ctx.typed(key, action.what), (what.words,)))


def _action_line(deed: _Deed) -> str:
    """ "• Sam Lee will refund £34.99 to your card by Friday 4 December 2026.", or,
    where the owner's words could not be written to the customer, a sentence that
    quotes them: "• I will see to this by Friday 4 December 2026, as we noted it:
    “refund £34.99 to her Visa card”." """
    who, what = deed.who, deed.what
    if what.quoted:
        return f"• {who} will see to this{_by(what.text, deed.due)}, as we noted it: “{what.text}”."
    return f"• {who} will {what.text}{_by(what.text, deed.due)}."


def _confirmation(ctx: _Context, agreed: str) -> list[str]:
    dates = followups.action_due_dates(ctx.complaint_id)
    actions = sorted(
        (a for a in resolution.actions(ctx.complaint_id) if a.id in dates),
        key=lambda a: (dates[a.id], a.id),
    )
    deeds = tuple(_Deed(a, _action_phrase(ctx, a), ctx.who(a.who), dates[a.id]) for a in actions)
    said, told = _agreed(ctx, agreed, "This letter confirms what we agreed", done=False,
                         deeds=deeds)  # fmt: skip
    paragraphs = [ctx.thanks, said]
    for deed in deeds:  # the owner's words for each action, in the order listed
        _found_action(ctx, deed.action, deed.what)
    lines = [_action_line(d) for d in deeds if d.action.id not in told]
    if lines:
        paragraphs.append("Who does what, and by when:\n" + "\n".join(lines))
    check_back = _tracked(ctx.complaint_id).get(followups.SATISFACTION)
    # An agreed call to check that all is well is the check back: a second one on
    # another day would leave the customer wondering which call to wait for.
    if check_back is not None and not any(letter_words.checks_back(d.what.words) for d in deeds):
        paragraphs.append(
            f"We will check back with you on {_long_date(check_back)} to make sure "
            "everything has been put right."
        )
    return paragraphs


def _done_line(ctx: _Context, action: resolution.Action, done_on: dt.date) -> str:
    what = _action_words(ctx, action)
    words = f"“{what.text}”" if what.quoted else letter_words.capitalised(what.text)
    return f"• {words}: done on {_long_date(done_on)}."


def _final(ctx: _Context, agreed: str) -> list[str]:
    done = [a for a in resolution.actions(ctx.complaint_id) if a.done_at is not None]
    paragraphs = [
        f"Thank you for giving us the chance to put things right after {ctx.opening}.",
        _agreed(ctx, agreed, "The outcome", done=True)[0],
    ]
    if done:
        lines = [_done_line(ctx, a, a.done_at.date()) for a in done if a.done_at is not None]
        paragraphs.append("What has been done:\n" + "\n".join(lines))
    paragraphs.append(
        "What you told us helps us do better for everyone who comes to us, and we are "
        "grateful you took the time."
    )
    return paragraphs


def _opening(words: dict[str, str], record: ComplaintRecord) -> tuple[str, OwnerWords]:
    """ "the problem with your funeral wreath that you raised on Sunday 3 May 2026"
    (it follows "about", so it has no "about" of its own), and the owner's words
    in it."""
    typed = words.get("product", record.details.product)
    product = letter_words.product_phrase(shorten(typed, 80))
    raised = f"you raised on {_long_date(record.received_at.date())}"
    shown = (product.removeprefix("your "),) if product else ()
    found = OwnerWords("product", "Product or order", typed, shown)
    if not product:
        return f"the problem {raised}", found
    return f"the problem with {product} that {raised}", found


def default_signer(complaint_id: int, profile: BusinessProfile) -> Person:
    """Who signs the complaint's letters unless the owner chooses someone else:
    the person who handled it (see :func:`models.people.signer_for`)."""
    return people.signer_for(profile, load_complaint(complaint_id).details.handler)


def draft_letter(
    complaint_id: int,
    kind: str,
    profile: BusinessProfile,
    *,
    signer: Person | None = None,
    words: Mapping[str, str] | None = None,
) -> LetterDraft:
    """The words of a letter of ``kind`` about the complaint, ready to edit.

    ``signer`` signs it (by default the person who handled the complaint);
    ``words`` replaces, for this letter only, some of the owner's words it is
    drafted around (keys as in :attr:`LetterDraft.words`)."""
    if kind not in LETTER_KINDS:
        raise ValueError(f"unknown letter kind {kind!r}")
    refuse_if_erased(get_complaint(complaint_id), "letter")
    record = load_complaint(complaint_id)
    words = dict(words or {})
    opening, product = _opening(words, record)
    ctx = _Context(
        complaint_id=complaint_id,
        reference=record.reference,
        opening=opening,
        customer=record.customer.name,
        signer=signer or people.signer_for(profile, record.details.handler),
        profile=profile,
        words=words,
        found=[product],
        today=dt.date.today(),
        agreed_on=resolution.agreed_on(complaint_id) or record.received_at.date(),
        channel=record.details.channel,
        staff=tuple(people.offered_names(profile)),
    )
    ref = record.reference
    contact = _contact(profile)
    if kind == ACKNOWLEDGEMENT:
        paragraphs = _acknowledgement(ctx, record.details.handler)
        paragraphs.append(f"If you have any questions in the meantime, you can reach us {contact}.")
        subject = f"Your complaint, reference {ref}"
    elif kind == CONFIRMATION:
        paragraphs = _confirmation(ctx, record.agreed_solution)
        paragraphs.append(
            "If anything here is not as you understood it, or something changes, please "
            f"contact us {contact}, quoting {ref}."
        )
        subject = f"What we agreed about your complaint {ref}"
    else:
        paragraphs = _final(ctx, record.agreed_solution)
        paragraphs.append(
            f"If there is anything else we can do, please contact us {contact}, quoting {ref}."
        )
        subject = f"Our final response to your complaint {ref}"
    if record.fault == FAULT_OURS and kind != ACKNOWLEDGEMENT:
        paragraphs.insert(1, APOLOGY)
    elif kind == CONFIRMATION:  # sorry for what happened, whoever caused it
        paragraphs[0] += f" {SYMPATHY}"
    return LetterDraft(
        kind=kind,
        reference=ref,
        recipient_name=record.customer.name,
        recipient_address=record.customer.address,
        salutation=f"Dear {people.greeting_name(record.customer.name)},",
        subject=subject,
        body="\n\n".join(paragraphs),
        signer=ctx.signer,
        words=tuple(ctx.found),
    )


def suggested_kind(stage: str, status: str, agreed_solution: str) -> str:
    """The letter a complaint most likely needs next."""
    if status == "closed":
        return FINAL
    if agreed_solution.strip() or stage in ("resolve", "follow_up", "done"):
        return CONFIRMATION
    return ACKNOWLEDGEMENT
