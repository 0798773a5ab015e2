"""One word at a time: curly apostrophes, contractions, lost apostrophes, typos.

Each word of a text is lower-cased and straightened, then becomes one canonical
token or more ("didn't" -> "did not", "dont" -> "do not", "fualt" -> "fault",
"sooo" -> "so"). The flags say which words need more than the plain path of
:func:`models.wording.tokens.tokenise`.
"""

from __future__ import annotations

import re

from models.wording.lexicon import TITLES, word_set

# Normalisation of single words: typos, missing apostrophes, spellings.
NORMALISE: dict[str, tuple[str, ...]] = {
    "dont": ("do", "not"),
    "didnt": ("did", "not"),
    "doesnt": ("does", "not"),
    "wasnt": ("was", "not"),
    "werent": ("were", "not"),
    "isnt": ("is", "not"),
    "arent": ("are", "not"),
    "havent": ("have", "not"),
    "hasnt": ("has", "not"),
    "hadnt": ("had", "not"),
    "couldnt": ("could", "not"),
    "wouldnt": ("would", "not"),
    "shouldnt": ("should", "not"),
    "mustnt": ("must", "not"),
    "wont": ("will", "not"),
    "cant": ("can", "not"),
    "cannot": ("can", "not"),
    "aint": ("is", "not"),
    "im": ("i", "am"),
    "ive": ("i", "have"),
    "youre": ("you", "are"),
    "youve": ("you", "have"),
    "theyre": ("they", "are"),
    "weve": ("we", "have"),
    "thats": ("that", "is"),
    "whats": ("what", "is"),
    "theres": ("there", "is"),
    "hes": ("he", "is"),
    "shes": ("she", "is"),
    "shouldve": ("should", "have"),
    "couldve": ("could", "have"),
    "wouldve": ("would", "have"),
    "youll": ("you", "will"),
    "youd": ("you", "'d"),
    "theyd": ("they", "'d"),
    "theyll": ("they", "will"),
    "itll": ("it", "will"),
    "thatll": ("that", "will"),
    "elses": ("else", "'s"),
    "mustve": ("must", "have"),
    "u": ("you",),
    "ur": ("your",),
    "coz": ("because",),
    "cuz": ("because",),
    "cos": ("because",),
    "bc": ("because",),
    "becuase": ("because",),
    "becasue": ("because",),
    "beacuse": ("because",),
    "thru": ("through",),
    "tho": ("though",),
    "pls": ("please",),
    "plz": ("please",),
    "sry": ("sorry",),
    "sory": ("sorry",),
    "soz": ("sorry",),
    "sorr": ("sorry",),
    "fualt": ("fault",),
    "falut": ("fault",),
    "falt": ("fault",),
    "faut": ("fault",),
    "fult": ("fault",),
    "faults": ("faults",),
    "mistak": ("mistake",),
    "mistke": ("mistake",),
    "misstake": ("mistake",),
    "mistaek": ("mistake",),
    "responsable": ("responsible",),
    "resposible": ("responsible",),
    "responsibile": ("responsible",),
    "responsibilty": ("responsibility",),
    "responsiblity": ("responsibility",),
    "responsability": ("responsibility",),
    "liabilty": ("liability",),
    "negligant": ("negligent",),
    "neglegent": ("negligent",),
    "accidently": ("accidentally",),
    "acidentally": ("accidentally",),
    "damadged": ("damaged",),
    "dammaged": ("damaged",),
    "damgaed": ("damaged",),
    "droped": ("dropped",),
    "scrached": ("scratched",),
    "insurence": ("insurance",),
    "insurace": ("insurance",),
    "goodwil": ("goodwill",),
    "apologize": ("apologise",),
    "apologized": ("apologised",),
    "apologizes": ("apologises",),
    "apologizing": ("apologising",),
    "appologise": ("apologise",),
    "appologize": ("apologise",),
    "appologies": ("apologies",),
    "apolgies": ("apologies",),
    "apologys": ("apologies",),
    "realize": ("realise",),
    "realized": ("realised",),
    "recognize": ("recognise",),
    "offense": ("offence",),
    "labeled": ("labelled",),
    "mislabeled": ("mislabelled",),
    "misspelled": ("misspelt",),
    "canceled": ("cancelled",),
    "moldy": ("mouldy",),
    "color": ("colour",),
    "colored": ("coloured",),
    "discolored": ("discoloured",),
    "center": ("centre",),
    "jewelry": ("jewellery",),
    "sterilize": ("sterilise",),
    "sanitize": ("sanitise",),
    "sterilized": ("sterilised",),
    "sanitized": ("sanitised",),
    "recieved": ("received",),
    "wanna": ("want", "to"),
    "gonna": ("going", "to"),
    "gotta": ("got", "to"),
    "shoulda": ("should", "have"),
    "cust": ("customer",),
    "mixup": ("mix-up",),
    "cockup": ("cock-up",),
    "screwup": ("screw-up",),
    "&": ("and",),
}
N_T_BASE = {"ca": "can", "wo": "will", "sha": "shall", "ai": "is"}
S_IS = word_set("it that what there here who he she where how this everyone everything nobody")
JOIN_PREFIXES = ("over-", "mis-", "double-", "re-", "cross-", "under-", "short-")
ITS_IS = word_set(
    """our my not a an the all been really very so on down because just entirely totally
    completely definitely true ok okay fine clear me mine ours us what how why too no nothing
    always never probably possible likely unlikely getting going being still only your
    absolutely clearly obviously squarely certainly honestly fully wholly"""
)
CURLY = ("’", "‘", "`", "´")


def straighten(text: str) -> str:
    """Curly and odd apostrophes to straight ones (same length, so offsets hold)."""
    for ch in CURLY:
        if ch in text:
            text = text.replace(ch, "'")
    return text


ELONGATED_RE = re.compile(r"([a-z])\1{2,}")

# word -> (canonical tokens, flags for tokenise)
EXPAND_CACHE: dict[str, tuple[tuple[str, ...], int]] = {}


def expand(word: str) -> tuple[str, ...]:
    """Canonical tokens for one lower-cased word with straight apostrophes."""
    hit = NORMALISE.get(word)
    if hit is not None:
        return hit
    if "'" in word:
        if word.endswith("n't"):
            stem = word[:-3]
            return (N_T_BASE.get(stem, stem), "not")
        head, _, tail = word.rpartition("'")
        if tail == "re":
            return (head, "are")
        if tail == "ve":
            return (head, "have")
        if tail == "ll":
            return (head, "will")
        if tail == "m":
            return (head, "am")
        if tail == "d":
            return (head, "'d")
        if tail == "s":
            if head == "let":
                return ("let", "us")
            if head in S_IS:
                return (head, "is")
            return (head, "'s")
        if tail == "" and head:
            return (head,)
        word = word.replace("'", "")
    if "-" in word:
        for prefix in JOIN_PREFIXES:
            if word.startswith(prefix):
                joined = word.replace("-", "")
                return NORMALISE.get(joined, (joined,))
        return (word,)
    if len(word) > 3:
        squeezed = ELONGATED_RE.sub(r"\1", word)
        if squeezed != word:
            return NORMALISE.get(squeezed, (squeezed,))
    return (word,)


AFTER_WILL = word_set(
    """pay cover send fix replace refund be make look call get sort come arrange check do have
    need try reimburse compensate take put give let foot settle meet contact ring email redo
    deliver collect book keep bring repair happily gladly definitely certainly also"""
)
AFTER_ARE = word_set(
    """sorry liable responsible happy glad not looking investigating checking going so very
    really truly unable able aware confident sure still currently now working waiting arranging
    sending offering to at fully entirely totally afraid extremely deeply"""
)
LOST_APOSTROPHE: dict[str, tuple[str, str, frozenset[str]]] = {
    "well": ("we", "will", AFTER_WILL),
    "ill": ("i", "will", AFTER_WILL),
    "were": ("we", "are", AFTER_ARE),
}
SPECIAL_PREV = frozenset({"its", "'d"}) | TITLES | frozenset(LOST_APOSTROPHE)
CLAUSE_BEFORE = word_set(", and but so then")
# Words that, written with a capital in the middle of a sentence, start a new one.
STARTERS = word_set(
    """our we the it this sorry thanks please unfortunately sadly however my your there they he
    she you apologies note also yes so but and if"""
)
MULTI, STARTER, SPECIAL = 1, 2, 4


def word_entry(low: str) -> tuple[tuple[str, ...], int]:
    """Canonical tokens and flags of one lower-cased word (kept for the next time)."""
    entry = EXPAND_CACHE.get(low)
    if entry is None:
        parts = expand(low)
        entry = EXPAND_CACHE[low] = (parts, word_flags(parts))
    return entry


def word_flags(parts: tuple[str, ...]) -> int:
    """Why a word needs more than the plain path in :func:`tokenise`."""
    flags = MULTI if len(parts) > 1 else 0
    if parts[0] in STARTERS:
        flags |= STARTER
    if parts[-1] in SPECIAL_PREV:
        flags |= SPECIAL
    return flags
