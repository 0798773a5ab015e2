"""Sentences around the owner's own words, for a letter to the customer.

The owner types short notes: the product ("funeral wreath"), what was agreed
("refund the £34.99 to his card"), who does what ("ring the supplier"). A letter
needs sentences written to the customer: "your funeral wreath", "we will refund
the £34.99 to your card." These functions make only the simple, safe changes:
"your" before a product, a capital at the start and one full stop at the end,
and his/her/their → your when nobody else is mentioned who could be meant.
Where that is not safe the owner's words are left exactly as typed, set out as
a quoted item, so they still read as the note of what was agreed.

No Qt and no database: plain text in, plain text out.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace

from models.people import TITLES
from models.text import clean, lowered_start


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words that start an instruction: "refund the £34.99", "re-hem the dress".
ACTION_VERBS = _word_set(
    """
    adjust alter apply arrange ask book bring call cancel change check clean collect
    contact cover credit deliver discount do drop email exchange fit fix give honour
    include inspect install investigate look mend move offer order pay phone pick post
    provide put rebook redeliver redo refit refund reissue remake repair replace
    reprint reschedule resend reship resize restring restore return review ring send
    service sew ship sort speak supply swap take text top upgrade visit waive write
    keep hold reserve chase follow remove print label get
    """
)
# Words that end a noun phrase's article: the product already has one.
DETERMINERS = _word_set("a an the your our this that these those some any each every both all")
# People other than the customer, whom his/her/their could mean instead.
OTHER_PEOPLE = _word_set(
    """
    wife husband partner son daughter mother father mum mom dad brother sister friend
    child children baby family neighbour neighbor driver courier manager boss staff
    colleague supplier florist technician engineer builder fitter assistant team
    employee owner guest guests relative mechanic tailor chef waiter doctor carer
    """
)
_PRONOUNS = {
    "his": "your", "their": "your", "hers": "yours", "theirs": "yours",
    "him": "you", "himself": "yourself", "herself": "yourself",
}  # fmt: skip
# "they" and "them" often mean things ("replace them"); "he's" is "he is" or "he has".
_UNSURE = _word_set("they they'll they're they've they'd themselves themself he's she's")
# "He" and "she" become "you", and the verb after them changes with it.
_SUBJECTS = frozenset({"he", "she"})
_VERB_FOR_YOU = {
    "is": "are", "was": "were", "has": "have", "does": "do", "isn't": "aren't",
    "wasn't": "weren't", "hasn't": "haven't", "doesn't": "don't",
}  # fmt: skip
_SAME_FOR_YOU = _word_set(
    """
    will shall can could would should may might must won't can't couldn't wouldn't
    shouldn't did didn't had hadn't
    """
)
# After these, "her flowers" may be flowers for her, not hers.
_GIVING = _word_set(
    "send give offer bring post buy get make show pay lend sell email text hand owe order book"
)
# Whom these are done to is a person: "call them", "send them a voucher".
_TO_A_PERSON = _word_set(
    """
    call ring phone email text contact tell send give pay refund offer update visit
    thank remind invite meet ask let show write apologise apologize reimburse
    compensate credit help assure inform notify advise
    """
)
# After "her", these words show it is "to her", not "her card".
_AFTER_OBJECT = _word_set(
    """
    a an the some any back at by on in to for with when if once about again today
    tomorrow this that tonight later soon as and or but up down off out within before
    after until
    """
)
_MODALS = r"will|shall|can|could|would|should|may|might|must"
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_WILL = re.compile(r"^(\w+)['’]ll\b")
_CUSTOMER_LEAD = re.compile(
    rf"^(?:the\s+)?(?:customer|client|he|she)\s+(?:{_MODALS}|is\s+to|are\s+to|to)\s+",
    re.IGNORECASE,
)
_WE_LEAD = re.compile(rf"^(?:we|i|you)\s+(?:{_MODALS}|have|are|agreed|promised)\b", re.IGNORECASE)
# "We buy", "I send": an agreement written in the present, meaning what will be done.
_WE_PRESENT = re.compile(
    rf"^(we|i)\s+(?!(?:{_MODALS}|have|has|had|are|am|was|were|did|do|does|agreed|promised|"
    r"need|needs|also|just|already|then|owe|know|think|hope|feel|understand|believe|want|"
    r"like|love|appreciate|apologise|apologize|regret|see|hear|agree|accept|realise|"
    r"realize|recognise|recognize|expect|trust|mean|value|take)\b)[a-z]+(?<!ed)(?<!s)\b(?!['’])",
    re.IGNORECASE,
)
# Who will do it, and "will", in a letter written once it is done.
_WILL_DONE = re.compile(
    r"^((?:we|i|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})\s+)(?:will|shall)\s+",
    re.IGNORECASE,
)
_NAME_LEAD = re.compile(rf"^(?:[A-Z][\w'’-]*\s+){{1,3}}(?:{_MODALS}|agreed\s+to)\b")
_TO_LEAD = re.compile(r"^to\s+(?=\w)", re.IGNORECASE)
# "Grace to ring …", a note's way of saying who will: "Grace will ring …".
_NAME_TO = re.compile(r"^((?:[A-Z][\w'’-]*\s+){1,3})to\s+(?=[a-z])")
_NOT_NAMES = _word_set(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december
    """
)
_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"'(])")
_ENDS = ".!?…"
_CLOSERS = "\"'”’)]"
_CODE = re.compile(r"^#?\d[\w/#-]*$")
# After a comma, the number the shop or the maker gave the thing: "ticket 4471",
# "order no. 88", "#1234", "size 12", "SN 4471-B" (a word or two, then a number).
_A_NUMBER = re.compile(
    r"^(?:[^\W\d_][\w.'’-]*\s+){0,2}#?\d[\w/#-]*$"
    r"|^(?:[^\W\d_][\w.'’-]*\s+){0,3}(?:order|invoice|receipt|booking|job|ticket|ref)\.?\s+#?\d[\w/#-]*$",
    re.IGNORECASE,
)
# The shop's number first, then the thing: "Ticket 5120 silk dress".
_NUMBER_FIRST = re.compile(
    r"^(?P<word>order|invoice|receipt|booking|job|ticket|ref)\.?\s+(?P<number>#?\d[\w/#-]*)"
    r"\s+(?P<thing>[^\W\d_].*)$",
    re.IGNORECASE,
)
# "refund of", "repair of": a deed named as a thing ("we will refund of £60" is no sentence).
_THING_OF = re.compile(r"^([\w-]+)\s+of\s+")
_REFERENCE_WORDS = frozenset({"order", "invoice", "receipt", "booking", "job", "ticket", "ref"})


def full_stop(text: str) -> str:
    """``text`` ending in one full stop: "card" and "card." and "card.." all give "card."."""
    text = text.rstrip()
    if not text:
        return ""
    core = text.rstrip(_CLOSERS)
    if core.endswith(("..", "…")) and not core.endswith("..."):
        return text[: len(core)].rstrip(".") + "." + text[len(core) :]
    if core and core[-1] in _ENDS:
        return text
    return text.rstrip(" ,;:-–—") + "."


def without_full_stop(text: str) -> str:
    """``text`` with a closing full stop (or comma, colon, dash) taken off, to go
    mid-sentence."""
    text = text.rstrip()
    while text and text[-1] in ".,;:-–—" and not text.endswith("..."):
        text = text[:-1].rstrip()
    return text


def capitalised(text: str) -> str:
    """The first letter made a capital, unless the first word has a capital of its
    own further in ("iPhone", "eBay")."""
    match = _WORD.search(text)
    if match is None or match.start() > 2:
        return text
    word = match.group(0)
    if any(char.isupper() for char in word[1:]):
        return text
    return text[: match.start()] + word[:1].upper() + word[1:] + text[match.end() :]


def _words(text: str) -> list[str]:
    return [w.lower().strip("'’") for w in _WORD.findall(text)]


def _names_someone(word: str) -> bool:
    """A capitalised word mid-sentence that may be a person's name."""
    return (
        word[:1].isupper()
        and word != "I"
        and not word.isupper()
        and word.lower().rstrip("'’s") not in _NOT_NAMES
    )


def _for_you(verb: str) -> str | None:
    """The verb after "he" or "she" as it goes after "you"; None when unsure."""
    lower = verb.lower().replace("’", "'")
    if lower in _VERB_FOR_YOU:
        return _VERB_FOR_YOU[lower]
    if lower in _SAME_FOR_YOU or (lower.endswith("ed") and verb.isalpha()):
        return verb
    if not verb.isalpha() or not verb.islower() or len(verb) < 3 or verb.endswith(("ss", "us")):
        return None
    if verb.endswith("ies") and len(verb) > 4:
        return verb[:-3] + "y"
    if verb.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
        return verb[:-2]
    return verb[:-1] if verb.endswith("s") else None


def _you_for(tokens: list[re.Match[str]], index: int, text: str) -> tuple[str, int] | None:
    """What the pronoun at ``index`` becomes, and how many words it replaces;
    None when it could mean someone (or something) other than the customer."""
    word = tokens[index].group(0)
    lower = word.lower().replace("’", "'")
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    between = text[tokens[index].end() : following.start()] if following else ""
    if lower in _UNSURE:
        return None
    if lower == "her":
        before = tokens[index - 1].group(0).lower() if index else ""
        if following is not None and following.group(0).lower() == "her":
            return "you", 1  # "give her her money back": to her, then hers
        if before == "her" and not text[tokens[index - 1].end() : tokens[index].start()].strip():
            return "your", 1
        is_object = (
            following is None
            or following.group(0).lower() in _AFTER_OBJECT
            or bool(between.strip())
            or (before in _TO_A_PERSON and before not in _GIVING)  # "tell her it is ready"
        )
        if is_object:
            return "you", 1
        # "send her flowers" (to her) or "give her card back" (hers)? Not sure.
        return None if before in _GIVING else ("your", 1)
    if lower in _PRONOUNS:
        return _PRONOUNS[lower], 1
    if lower == "them":
        before = tokens[index - 1].group(0).lower() if index else ""
        return ("you", 1) if before in _TO_A_PERSON else None
    base = lower.split("'")[0]
    if base not in _SUBJECTS:
        return None
    if base != lower:  # "he'll", "she'd"
        return "you" + word[len(base) :], 1
    if following is None or between.strip():
        return None
    verb = _for_you(following.group(0))
    return (f"you{between}{verb}", 2) if verb is not None else None


_SHE_WORDS = frozenset({"she", "her", "hers", "herself"})
_JOINS = frozenset({"and", "then", "so", "but"})


def _customer_named(text: str, customer: str) -> str:
    """``text`` with the customer's name (whole, or their first name) as he/him/his
    (she/her where the note already says she or her): the step before they
    become "you". Which is chosen never shows: either it becomes "you", or the
    owner's words are quoted as typed."""
    words = [w for w in re.split(r"\s+", customer.strip()) if w[:1].isalpha()]
    if not words:
        return text
    names = [re.escape(" ".join(words))]
    if len(words) > 1:
        # "Mrs Carter" for Helen Carter, as the owner writes of a customer they call so
        # (the titles a letter greets by: models.people.TITLES).
        titles = "|".join(sorted(TITLES, key=len, reverse=True))
        names.append(rf"(?i:{titles})\.?\s+{re.escape(words[-1])}")
        names.append(re.escape(words[0]))
    she = bool(_SHE_WORDS & set(_words(text)))
    subject, object_, whose = ("she", "her", "her") if she else ("he", "him", "his")
    pattern = re.compile(rf"\b(?:{'|'.join(names)})\b(['’]s\b)?")

    def pronoun(found: re.Match[str]) -> str:
        if found.group(1):
            return whose
        before = _words(text[: found.start()])
        at_start = (
            not before or before[-1] in _JOINS or text[: found.start()].rstrip()[-1:] in ",;:"
        )
        return subject if at_start else object_

    return pattern.sub(pronoun, text)


def addressed_to_customer(text: str, customer: str = "", staff: Collection[str] = ()) -> str | None:
    """The owner's note written to the customer: his/her/their → your, him/her →
    you, "he wants" → "you want", and the customer's own name likewise ("ring
    Tom" → "ring you"). None when that is not safe: someone else the pronoun
    could mean (a wife, a driver, a name), "they" or "them" that could be
    things, or a verb it is not sure how to change. A name of the shop's
    ``staff`` is one who acts, not one whose card or home it could be ("refund
    £85 to her card, and Marek delivers flowers to her home")."""
    ours = {word.casefold() for name in staff for word in name.split()}
    if customer:
        text = _customer_named(text, customer)
    tokens = list(_WORD.finditer(text))
    lowered = [t.group(0).lower().replace("’", "'") for t in tokens]
    pronoun = set(_PRONOUNS) | _UNSURE | {"her", "them"}
    if not any(w in pronoun or w.split("'")[0] in _SUBJECTS for w in lowered):
        return text
    if any(w.strip("'") in OTHER_PEOPLE for w in lowered):
        return None
    heard = {w.split("'")[0] for w in lowered}
    if heard & {"he", "him", "his", "himself"} and heard & {"she", "her", "hers", "herself"}:
        return None  # a man and a woman: which of them is the customer?
    for token in tokens[1:]:
        before = text[max(0, token.start() - 40) : token.start()].rstrip()
        if (
            _names_someone(token.group(0))
            and token.group(0).casefold().rstrip("'’s") not in ours
            and before
            and before[-1] not in _ENDS
        ):
            return None  # perhaps their card, not the customer's
    out, last, index = [], 0, 0
    while index < len(tokens):
        word, lower = tokens[index].group(0), lowered[index]
        if not (lower in pronoun or lower.split("'")[0] in _SUBJECTS):
            index += 1
            continue
        changed = _you_for(tokens, index, text)
        if changed is None:
            return None
        replacement, taken = changed
        if word[:1].isupper():
            replacement = replacement[:1].upper() + replacement[1:]
        out.append(text[last : tokens[index].start()] + replacement)
        last = tokens[index + taken - 1].end()
        index += taken
    out.append(text[last:])
    return "".join(out)


def product_phrase(product: str) -> str:
    """The product as it reads after "about": "funeral wreath" → "your funeral
    wreath", "my order 1234" → "your order 1234", "#1234" → "your order #1234",
    "blue glass vase, large" → "your “blue glass vase, large”", "grey coat,
    ticket 4471" → "your grey coat (ticket 4471)", "Ticket 5120 silk dress" → "your
    silk dress (ticket 5120)"; a product that
    already has its article keeps it."""
    product = without_full_stop(clean(product))
    if not product:
        return ""
    first, _, rest = product.partition(" ")
    lower = first.lower()
    if lower in {"my", "his", "her", "their"}:
        return f"your {rest}".strip()
    if lower in DETERMINERS:
        return lowered_start(product)
    if _CODE.match(product):
        return f"your order {product}"
    number_first = _NUMBER_FIRST.match(product)
    if number_first and not any(mark in product for mark in ",;("):
        word, number, thing = number_first.group("word", "number", "thing")
        return f"your {thing} ({word.lower()} {number})"
    if lower in _REFERENCE_WORDS:
        return f"your {lower} {rest}".strip()
    following = rest.split(" ", 1)[0] if rest else ""
    if first[:1].isupper() and first[1:].islower() and following[:1].islower():
        product = lowered_start(product)  # "Funeral wreath": a capital only for the field
    thing, comma, tail = product.partition(",")
    if comma and _A_NUMBER.match(tail.strip()) and not any(m in thing for m in ";("):
        # "grey wool coat, ticket 4471": the number the shop gave it, in brackets
        return f"your {thing.strip()} ({tail.strip()})"
    if any(mark in product for mark in ",;("):
        # "blue glass vase, large" as typed: quoted, so the sentence around it reads
        return f"your “{product}”"
    return f"your {product}"


@dataclass(frozen=True)
class Clause:
    """One thing agreed, as it reads in the letter."""

    text: str  # as printed: a sentence, or the owner's words set out as an item
    words: str  # the owner's words within it, as they now read (for highlighting)
    sentence: bool = False  # a whole sentence that can follow a colon
    quoted: bool = False  # left exactly as typed: a sentence would change its meaning


def _split(text: str) -> list[str]:
    parts: list[str] = []
    for line in clean(text, multiline=True).split("\n"):
        line = line.strip().lstrip("•*-–· ").strip()
        parts.extend(p.strip() for p in _SENTENCES.split(line) if p.strip())
    return parts


def _clause(typed: str, *, done: bool, customer: str = "", staff: Collection[str] = ()) -> Clause:
    part = _TO_LEAD.sub("", _WILL.sub(r"\1 will", without_full_stop(typed)))
    if customer:  # "Tom to collect it on Friday": the customer, as "he" is
        part = _customer_named(part, customer)
    named = _NAME_TO.match(part)
    if named and not _CUSTOMER_LEAD.match(part) and _names_someone(named.group(1).split()[0]):
        part = f"{named.group(1)}will {part[named.end() :]}"
    lead = _CUSTOMER_LEAD.match(part)
    if lead:  # "customer to bring the receipt", "he will collect it on Friday"
        rest = addressed_to_customer(part[lead.end() :], customer, staff)
        if rest is None:
            return Clause(without_full_stop(typed), without_full_stop(typed), quoted=True)
        verb = "agreed to" if done else "will"
        return Clause(full_stop(f"you {verb} {rest}"), rest, sentence=True)
    addressed = addressed_to_customer(part, customer, staff)
    if addressed is None:
        return Clause(without_full_stop(typed), without_full_stop(typed), quoted=True)
    present = _WE_PRESENT.match(addressed)
    if present:  # "We buy her a new one": agreed, so it is what we will do
        rest = addressed[present.end(1) :].lstrip()
        addressed = f"{present.group(1)} {'agreed to' if done else 'will'} {rest}"
    if done:  # a letter written once it has happened: "Priya agreed to ring you…"
        addressed = _WILL_DONE.sub(r"\1agreed to ", addressed, count=1)
    if _WE_LEAD.match(addressed):  # "We will …": the owner's words after "We"
        text = lowered_start(addressed)
        return Clause(full_stop(text), text.split(" ", 1)[-1], sentence=True)
    if _NAME_LEAD.match(addressed):  # "Priya will ring the supplier"
        return Clause(full_stop(addressed), addressed, sentence=True)
    first = _words(addressed)[:1]
    if first and (first[0] in ACTION_VERBS or re.match(r"re-\w", first[0])):
        # "Refund of €60 to her card": the deed named as a thing, said as a deed.
        words = _given_too(_as_deed(lowered_start(addressed)), done=done)
        lead_in = "we agreed to" if done else "we will"
        return Clause(full_stop(f"{lead_in} {words}"), words, sentence=True)
    return Clause(full_stop(capitalised(addressed)), capitalised(addressed))


# ", and a free bouquet …" after a deed: a thing given besides, not done.
_AND_A_THING = re.compile(r",\s+and\s+(?=(?:a|an|one|another|some)\s)", re.IGNORECASE)
# Money is refunded, never a thing: "refund £45 and a free bouquet" needs no comma.
_MONEY_BACK = re.compile(
    r"(?:refund|repay|reimburse|credit)\b[^,]*?(\s+and\s+)(?=(?:a|an|one|another|some)\s)",
    re.IGNORECASE,
)


def _given_too(words: str, *, done: bool) -> str:
    """ "refund £45 to your card, and a free bouquet next week" → "…, and you will
    also receive a free bouquet next week": the thing after the comma is given,
    not refunded."""
    besides = "we agreed you would also receive" if done else "you will also receive"
    money = _MONEY_BACK.match(words)
    if money is not None:
        return f"{words[: money.start(1)]}, and {besides} {words[money.end(1) :]}"
    return _AND_A_THING.sub(f", and {besides} ", words, count=1)


def _as_deed(words: str) -> str:
    """ "refund of €60 to your card" → "refund €60 to your card", "refund of deposit"
    → "refund the deposit": a deed named as a thing, said as a deed."""
    found = _THING_OF.match(words)
    if found is None:
        return words
    rest = words[found.end() :]
    following = rest.split(" ", 1)[0].lower()
    if following[:1].isalpha() and following not in DETERMINERS and following != "you":
        rest = f"the {rest}"
    return f"{found.group(1)} {rest}"


def agreed_clauses(
    agreed: str, *, done: bool = False, customer: str = "", staff: Collection[str] = ()
) -> list[Clause]:
    """What was agreed, each part as it reads in a letter: "refund the £34.99 to
    his card" → "we will refund the £34.99 to your card." (``done``: "we agreed
    to refund …", for a letter written once it has happened)."""
    clauses = [_clause(part, done=done, customer=customer, staff=staff) for part in _split(agreed)]
    # Where tidying the end changed the owner's words, the whole clause is theirs.
    return [c if c.words in c.text else replace(c, words=c.text) for c in clauses]


_AND_THEN_A_DEED = re.compile(r",?\s+(?:and|then|plus|also|and then|and also)\s+(?=([^\W\d_]+)\b)")


def deed_by_deed(text: str) -> str:
    """``text`` with each deed it joins with "and" on a line of its own: "Refund the
    £34.99 to her card and deliver a new wreath by Friday" becomes two lines, to be
    matched one by one with the agreed actions that say them."""

    def split(match: re.Match[str]) -> str:
        return "\n" if match.group(1).lower() in ACTION_VERBS else match.group(0)

    # "…by Wednesday; €30 off the bill": a semicolon parts two things agreed.
    return _AND_THEN_A_DEED.sub(split, re.sub(r";\s*", "\n", text))


def agreed_paragraph(intro: str, clauses: list[Clause]) -> str:
    """``intro`` ("This letter confirms what we agreed") and the clauses: one
    sentence runs on after a colon; anything else is listed under it, the
    owner's words quoted where they could not be made into a sentence."""
    if any(c.quoted for c in clauses):
        items = [f"• “{c.text}”" if c.quoted else f"• {capitalised(c.text)}" for c in clauses]
        return f"{intro}, in the words we noted at the time:\n" + "\n".join(items)
    if len(clauses) == 1 and clauses[0].sentence:
        return f"{intro}: {clauses[0].text}"
    return f"{intro}:\n" + "\n".join(f"• {capitalised(c.text)}" for c in clauses)


_ARTICLES = frozenset({"the", "a", "an"})
# "we will", "Priya will", "I'll": who does it is said elsewhere in the letter.
_DOER_LEAD = re.compile(rf"^(?:[^\W\d_][\w'’-]*\s+)?(?:{_MODALS})\s+", re.IGNORECASE)
# Words that start when something is done: "refund the £34.99 by Friday".
_WHEN_WORDS = _word_set("by on before within today tomorrow this next asap straight first")
_WHEN_LONGEST = 6  # words: "by the end of next week", "by Friday 4 December 2026"
_MORE_WORDS = _word_set("and then plus also as well but or")
_ANOTHER_DEED = _word_set("and then plus also but or")  # (and "as well")


# "Tomasz re-hems the dress": a name, then the deed in the present.
_NAME_DOES = re.compile(r"^[A-Z][\w'’-]*\s+(?P<verb>[a-z][\w-]*[a-rt-z]s)\b")


def _gist(text: str) -> list[str]:
    """The words that say what is done, lower case, without "the", a "we will" or a
    "Tomasz" before a deed in the present ("Tomasz re-hems" is "re-hem")."""
    text = _DOER_LEAD.sub("", without_full_stop(text.strip()))
    doer = _NAME_DOES.match(text)
    if doer is not None:
        verb = doer.group("verb")
        base = verb[:-2] if verb.endswith(("ses", "xes", "zes", "shes", "ches")) else verb[:-1]
        text = base + text[doer.end() :]
    words = (w.strip(".,;:!?\"'“”‘’()").lower() for w in text.split())
    return [w for w in words if w and w not in _ARTICLES]


def same_deed(agreed: Clause, action: Clause) -> bool:
    """Whether a thing agreed and an agreed action say the same deed: the same
    words, give or take "the", a "we will" before them and a "by Friday" after
    ("refund the £34.99 to your card" and "refund £34.99 to your card")."""
    if agreed.quoted or action.quoted:
        return False
    done, said = _gist(action.words), _gist(agreed.words)
    if not done or said[: len(done)] != done:
        return False
    rest = said[len(done) :]
    # Only when it is done may follow ("on Monday", "by Friday 4 December 2026"):
    # "on Monday, and give £10 off your next repair" says more than the action,
    # and replacing it with the action would drop the £10.
    return not rest or (
        rest[0] in _WHEN_WORDS and len(rest) <= _WHEN_LONGEST and _MORE_WORDS.isdisjoint(rest)
    )


def same_deed_on(agreed: Clause, action: Clause, day: str) -> bool:
    """Whether a thing agreed is an agreed action said in other words: it starts
    with the same deed ("ring you"), names the day the action is due (``day``, as
    the letter writes it) and says nothing more ("and", "also"). "Priya will ring
    you on Tuesday 8 December 2026 to check all is well" is the action "ring you
    to check the brakes are right" due that Tuesday."""
    if agreed.quoted or action.quoted:
        return False
    done, said = _gist(action.words), _gist(agreed.words)
    if not done or not said or said[0] != done[0]:
        return False
    # More deeds than the action's own ("… and test the laptop" is in both).
    joins = sum(word in _ANOTHER_DEED for word in said) - sum(
        word in _ANOTHER_DEED for word in done
    )
    says_more = (
        joins > 0
        or ";" in agreed.words  # "…by Wednesday; €30 off the bill" says a second thing
        or ("as well" in " ".join(said) and "as well" not in " ".join(done))
    )
    return day.lower() in agreed.words.lower() and not says_more


def deed_said_more_fully(agreed: Clause, action: Clause) -> str | None:
    """Where a thing agreed and an agreed action are one deed, one saying more than
    the other, the fuller one's words to follow "Priya will" (None when they are
    not one deed): "refund £40 to your card" agreed and "Refund £40" as an action
    give "refund £40 to your card"; "refund £40" agreed and "refund £40 to her
    card" give the action's words. They start with the same word, every word of
    the shorter is in the longer, the thing agreed names no second deed ("and a
    free trim") and no day (the action's day is the one promised)."""
    if agreed.quoted or action.quoted or not agreed.sentence:
        return None
    done, said = _gist(action.words), _gist(agreed.words)
    if not done or not said or said[0] != done[0]:
        return None
    if not _ANOTHER_DEED.isdisjoint(said) or "as well" in " ".join(said):
        return None
    if not _WHEN_WORDS.isdisjoint(said[1:]):
        return None
    if set(done) <= set(said):
        return _DOER_LEAD.sub("", without_full_stop(agreed.words.strip()))
    if set(said) <= set(done):
        return action.text
    return None


_CHECKS_BACK = re.compile(
    r"\b(?:ring|call|phone|text|e-?mail|contact|visit|see)\b.{0,60}?"
    r"\b(?:check|make sure|see (?:how|that|if|whether)|ask (?:how|if|whether)|all is well"
    r"|all'?s well|(?:is|are) happy)",
    re.IGNORECASE,
)


def checks_back(what: str) -> bool:
    """Whether an agreed action is itself a call to see that all is well ("ring her
    to check all is well"): then a letter need not promise another check back."""
    return bool(_CHECKS_BACK.search(what))


def action_phrase(what: str, customer: str = "", staff: Collection[str] = ()) -> Clause:
    """What someone will do, to follow "Priya will": "Refund 34.99 to his card."
    → "refund 34.99 to your card"; quoted as typed where his or her could mean
    someone else."""
    what = _TO_LEAD.sub("", without_full_stop(clean(what)))
    addressed = addressed_to_customer(what, customer, staff)
    if addressed is None:
        return Clause(what, what, quoted=True)
    phrase = lowered_start(addressed)
    return Clause(phrase, phrase, sentence=True)
