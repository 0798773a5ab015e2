"""Liability wording check: spot words that admit fault before the facts are known.

Guides, insurers and apology laws draw one line: sympathy and regret for the
customer's experience are safe, while first-person statements that the shop,
its staff or its product caused the harm, blaming a named colleague, and
promising to pay for damage are risky until the facts show the shop was at
fault. Non-apologies ("sorry you feel that way") are not legal risks but anger
people, so they are reported too.

How a text is read (standard library only, no Qt):

1. **Tokens with offsets.** Words are cut from the original text, so every
   token keeps its original ``start``/``end``. Each word is normalised on its
   own: lower case, curly apostrophes made straight, contractions expanded
   ("didn't" -> "did not", "its our" -> "it is our"), lost apostrophes ("dont",
   "wasnt", "im", "well pay" -> "we will pay"), common typos ("fualt"), UK/US
   spellings and stretched letters ("sooo"). A word may become several
   canonical tokens that share its span.
2. **Sentences and clauses.** Sentences end at . ! ? ; : spaced dashes, line
   breaks that start a new line of thought, and capitalised sentence openers
   where a full stop is missing. Clauses split at commas and at conjunctions
   that start a new subject ("and we", "because our", "while", "if").
3. **Patterns over a canonical string.** The tokens are joined into one
   space-separated string. About forty precompiled patterns of general English
   (fault phrases, errors of manner, omissions, equipment failures, causes,
   promises to pay, reported speech, hedges, non-apologies...) each start with
   known words; the words (or word pairs) a pattern can start with are read
   from the pattern itself at import, and the pattern is only tried where they
   stand, so the cost grows with the text, not with the number of patterns. A
   pass over the tokens finds verbs of harm, loss and error ("dropped",
   "scorched", "misspelt", "mixed up").
4. **Meaning checks per hit.** For each candidate the analyser works out who
   the agent is (we/I, our staff, equipment or product, a named colleague, the
   customer, a courier, supplier or manufacturer), whether the verb is negated,
   future or hedged, and whether it sits in a question, a conditional, reported
   speech ("she says..."), an embedded question ("we're looking into what
   happened"), or a goodwill / "without admitting liability" frame. Clauses are
   also joined: a harm explained by "because we...", "that's why", a harm
   "while it was in our care", a product "we sold" that was past its date.
   Only asserted statements with a business agent become findings.
5. **One finding per clause**, spanning the clause (without a leading
   conjunction), sorted and never overlapping.
"""

from __future__ import annotations

import gc
import importlib
import itertools
import re
from bisect import bisect_left, bisect_right
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from itertools import accumulate, chain, compress, groupby, repeat
from operator import add, itemgetter, sub
from typing import Any

__all__ = ["Finding", "FindingKind", "scan"]


class FindingKind(str, Enum):  # noqa: UP042 - a str mix-in keeps values usable as plain strings
    """What kind of risky wording a finding is."""

    ADMISSION = "admission"
    BLAME_COLLEAGUE = "blame_colleague"
    PROMISE_TO_PAY = "promise_to_pay"
    NON_APOLOGY = "non_apology"


@dataclass(frozen=True)
class Finding:
    """Risky words at ``text[start:end]`` of the text given to :func:`scan`."""

    start: int
    end: int
    kind: FindingKind
    message: str
    suggestion: str | None


# ---------------------------------------------------------------------------
# Messages
# ---------------------------------------------------------------------------

_SUGGEST_SORRY = "I'm sorry this has happened; we will look into what went wrong."
_SUGGEST_BY_REASON: dict[str, str] = {
    "should": "I'm sorry this happened; we are looking at how we can do better.",
    "equipment": (
        "I'm sorry this happened; we are having our equipment checked and will tell you"
        " what we find."
    ),
    "product": (
        "I'm sorry this happened; we are checking the batch and our records and will come"
        " back to you."
    ),
}
_SUGGEST_COLLEAGUE = "I'm sorry this has happened; I'm looking into it and will come back to you."
_SUGGEST_PAY = (
    "As a goodwill gesture, and without accepting liability, we will help put this right."
)
_SUGGEST_NON_APOLOGY = "I'm sorry this has been so frustrating."

_MESSAGES: dict[str, str] = {
    "fault": (
        "This says the shop was at fault before the facts are checked. Say sorry for"
        " what happened, not for a cause nobody has confirmed yet."
    ),
    "harm": (
        "This says the shop caused the problem before the facts are checked. Sympathy"
        " is safe; a statement of cause can be used as an admission of liability."
    ),
    "should": (
        '"We should have..." admits the shop fell short of what it ought to have done.'
        " Keep it for when the facts show the shop was at fault."
    ),
    "omission": (
        "This admits the shop failed to do something it should have done (an omission"
        " is still fault). Check the facts before putting it in writing."
    ),
    "equipment": (
        "This says the shop's own equipment or product caused the problem. Wait until"
        " it has been checked before saying so."
    ),
    "product": (
        "This admits the product the shop sold or made was unfit. Check the batch,"
        " labels and records before saying so."
    ),
    "colleague": (
        "This blames a colleague. It admits fault for the shop, and customers deal with"
        " the shop, not one person; never blame colleagues in front of a customer."
    ),
    "pay": (
        "Promising to pay for damage or losses can be read as accepting liability, and"
        " your insurer may refuse cover for promises made without its consent."
    ),
    "non_apology": (
        "This apology puts the problem on the customer's feelings; non-apologies tend to"
        " make people angrier. Say sorry for their experience instead."
    ),
}


# ---------------------------------------------------------------------------
# Lexicons (general English, not sentences)
# ---------------------------------------------------------------------------


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _inflect(entries: str) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Past/participle, -ing and base forms of verbs -> base form.

    ``drop+`` doubles the final consonant; ``tear:tore,torn`` lists irregular
    past forms; ``mix_up`` is a phrasal verb whose particle is checked later.
    """
    past: dict[str, str] = {}
    ing: dict[str, str] = {}
    base: dict[str, str] = {}
    for raw in entries.split():
        entry = raw.split("_")[0]
        double = entry.endswith("+")
        entry = entry.rstrip("+")
        stem, _, irregular = entry.partition(":")
        key = stem
        if irregular:
            forms = irregular.split(",")
        elif double:
            forms = [stem + stem[-1] + "ed"]
        elif stem.endswith("e"):
            forms = [stem + "d"]
        elif stem.endswith("y") and stem[-2:-1] not in "aeiou":
            forms = [stem[:-1] + "ied"]
        else:
            forms = [stem + "ed"]
        for form in forms:
            past[form] = key
        if double:
            ing[stem + stem[-1] + "ing"] = key
        elif stem.endswith("e") and not stem.endswith("ee"):
            ing[stem[:-1] + "ing"] = key
        else:
            ing[stem + "ing"] = key
        base[stem] = key
    return past, ing, base


# Verbs of damage, loss, injury and error done TO the customer's things.
_HARM_ENTRIES = """
damage ruin wreck destroy spoil:spoilt,spoiled break:broke,broken smash shatter crack chip+ dent
scratch scuff scrape gouge stain scorch burn:burnt,burned singe melt warp bend:bent snap+
tear:tore,torn rip+ puncture shrink:shrank,shrunk,shrunken discolour discolor crush squash ding+
drop+ spill:spilt,spilled lose:lost misplace mislay:mislaid delete erase wipe
overwrite:overwrote,overwritten corrupt nick injure hurt:hurt scald bruise graze poison
contaminate crosscontaminate infect flood overcharge doublecharge overbill shortchange
forget:forgot,forgotten miss neglect ignore overlook skip+ omit+
misspell:misspelt,misspelled mislabel:mislabelled,mislabeled misread:misread misprint misdiagnose
misfit:misfitted mismeasure miscalculate misquote misdirect misdeliver misfile mishandle misinform
misadvise misjudge miscount mishear:misheard misunderstand:misunderstood mistype miscut:miscut
doublebook overbook overcook undercook overtighten overfill overwater overexpose overload
overwind:overwound overdo:overdid,overdone burst:burst mangle shred+
mix_up muddle_up mess_up screw_up cock_up muck_up balls_up foul_up stuff_up
let:let_go
"""
# Verbs that only harm with a personal, body or surface object ("hit your gate").
_AMBIG_ENTRIES = """
strip+ cut:cut hit:hit clip+ catch:caught knock bleach bump graze reverse_into back_into crash_into
drive:drove,driven_into run:ran_over eat:ate,eaten swallow chew slice gash pierce snag+
"""

_HARM_PAST, _HARM_ING, _HARM_BASE = _inflect(_HARM_ENTRIES)
_HARM_BASE_WORDS = frozenset(_HARM_BASE)
_AMBIG_PAST, _AMBIG_ING, _AMBIG_BASE = _inflect(_AMBIG_ENTRIES)

_TOKEN_TRIGGERS = (
    frozenset(_HARM_PAST) | frozenset(_AMBIG_PAST) | frozenset(_HARM_BASE) | frozenset(_HARM_ING)
) | {"left"}
_PARTICLES: dict[str, str] = {}
for _entries in (_HARM_ENTRIES, _AMBIG_ENTRIES):
    for _raw in _entries.split():
        if "_" in _raw:
            _verb, _particle = _raw.rstrip("+").split(":")[0].split("_")[0], _raw.split("_")[1]
            _PARTICLES[_verb.rstrip("+")] = _particle

# Intransitive events of harm ("the vase broke", "the shelf collapsed").
_HARM_INTRANS = _set(
    """broke snapped cracked shattered tore split shrank shrunk melted bent bowed warped leaked
    collapsed burst flooded died escaped fell peeled faded rusted lifted failed blew exploded
    smashed chipped buckled sagged perished jammed seized"""
)

# Words that describe a bad outcome (used after "that's why", "which meant"...).
_OUTCOME = _set(
    """broke broken break breaks cracked crack cracks snapped bowed warped bent damaged damage
    stain stained stains rust rusted rusting rusty leak leaked leaking leaks flood flooded flooding
    floods lifted lifting peeling peeled rippling ripple shrank shrunk faded burnt burned scorched
    melted died dead ill sick poorly unwell hurt injured injury reaction reacted rash allergic
    swollen bleeding infected infection lost missing gone late delayed delay collapsed fell
    fallen blew blowout ruined spoiled spoilt wrong too escaped ran thawed mouldy rotten jammed
    stuck scratched scratch creased crease dented dent torn ripped chipped split tripped failed
    stopped cancelled missed unusable useless unreadable wasted sore pain burn overcharged
    loose narrow short tight crooked gave came won't unsafe shorted dying poisoning wilted
    withered drooped sank sunk soggy curdled sour mushy dried frayed blurred patchy uneven
    faulty collapsed warped"""
)

# Past/participle forms that are not obviously regular.
_IRREGULAR_PAST = _set(
    """put set cut fit let hit shut spread cast split made gave given took taken sent left lost sold
    told kept held brought bought caught taught thought found got gotten had did done went gone came
    ran ate eaten drove driven wrote written spoke spoken broke broken tore torn wore worn bent
    built
    dealt felt meant met paid said saw seen spent stood understood won wound dug hung led fed bled
    sped spun stuck struck swung threw thrown chose chosen fell fallen forgot forgotten froze frozen
    hid hidden knew known laid lay lit rode rang rose sang sank shook shone shot shown slid slept
    sprang stole stolen stung swept swore sworn swam woke wove woven wept strung misspelt misread
    misheard misunderstood mislaid overdid overdone overwrote overwound spilt spoilt burnt learnt
    dreamt smelt spelt knelt leapt undertook overtook mistook mistaken forgave upset shrank shrunk
    burst sewn sown withdrew mixed flung slung clung flew flown bit bitten blew blown drew drawn
    grew grown hurt shed slit sped spat split"""
)
_NOT_VERB_ED = _set(
    """need bed red shed speed feed seed hundred sacred wicked naked weed greed breed bleed indeed
    proceed exceed succeed embed deed reed steed tweed creed sled shred wed fled bred led fed
    tired bored worried excited interested pleased delighted concerned based supposed
    advanced varied detailed skilled qualified experienced dedicated talented assorted
    beloved aged crooked ragged jagged rugged kindred hatred"""
)
_BE = _set("am is are was were be been being got get gets getting become became")
_AUX = _set(
    "do does did have has had am is are was were be been being will would can could may might"
    " shall should must 'd ought going"
)
_MODAL_BLOCK = _set("will would can could may might shall should to please let lets ought 'd")
_NEG = _set("not never no nobody none neither nor nothing noone without hardly barely nowhere")
_SKIP_ADV = _set(
    """also just then accidentally actually really clearly obviously somehow completely already
    unfortunately sadly apparently honestly then even still only simply evidently certainly
    definitely totally entirely probably inadvertently mistakenly carelessly badly genuinely
    personally originally initially previously recently yesterday today earlier later first
    finally again all both each ever"""
)
_FIRST_PRON = _set("we i us me ourselves myself")
_OTHER_PRON = _set(
    """he she they him her them it this that these those there someone somebody something
    everything anyone anybody anything everyone everybody things who what which people one"""
)
_NEG_SUBJ = _set("nobody noone none neither nothing")
_DETS = _set(
    """the a an this that these those one some another each every all both any his her their its
    no either several two three few many most"""
)
_YOU_WORDS = _set("you your yours yourself yourselves u ur")
_THIRD = _set(
    """courier couriers carrier carriers postman postwoman postie post office mail royal parcelforce
    dpd dhl ups fedex hermes evri yodel amazon haulier hauliers supplier suppliers manufacturer
    manufacturers maker makers factory mill wholesaler wholesalers distributor distributors
    importer brand lab laboratory bank banks card paypal stripe insurer insurers landlord council
    previous former contractor subcontractor third other another weather storm rain wind frost
    snow heatwave lightning neighbour neighbours neighbor neighbors thief thieves burglar burglars
    vandal vandals kids children delivery_company customer customers client clients buyer buyers
    guest guests owner owners garage dealer dealership airline hire provider providers platform
    network outage"""
)
_CUSTOMER_WORDS = _set(
    """customer customers client clients caller guest buyer patient patron member cust
    husband wife partner son daughter mum dad mother father friend neighbour neighbor"""
)
_ROLE = _set(
    """assistant apprentice trainee junior colleague employee worker manager supervisor
    lad lass boy girl guy chap driver technician tech engineer mechanic fitter installer plumber
    electrician locksmith joiner carpenter builder decorator painter plasterer tiler roofer
    glazier gardener landscaper surgeon cleaner groomer walker sitter trainer stylist hairdresser
    barber colourist colorist therapist beautician tattooist artist piercer photographer editor
    designer tailor seamstress dressmaker machinist upholsterer cobbler jeweller jeweler
    watchmaker optician dispenser optometrist pharmacist vet nurse receptionist cashier server
    waiter waitress barista bartender chef cook baker butcher fishmonger florist grocer packer
    picker porter mover remover handyman caretaker salesman saleswoman clerk accountant
    bookkeeper advisor adviser consultant rep representative instructor teacher coach tutor
    developer programmer repairer repairman valeter polisher sprayer welder framer boss deputy
    runner helper housekeeper courier_driver washer-upper kitchen_porter member person"""
)
_EQUIPMENT_ER = _set(
    """freezer chiller cooler heater boiler cooker printer computer dryer drier washer steamer
    trimmer clipper clippers blender mixer toaster fryer grinder sander router scanner charger
    timer meter thermometer container counter trailer ladder roller shaker burner cutter
    compressor generator motor elevator escalator conveyor extractor radiator processor monitor
    sensor detector regulator projector tractor mower spreader dispenser water paper order
    number letter corner border poster sticker folder filter cover holder hanger drawer locker
    speaker player power tower flower butter powder rubber leather weather shelter banner marker
    hammer spanner tester booster lacquer computer server fridge-freezer cleaner"""
)
_BUSINESS_THE = _set("shop store salon studio team staff kitchen workshop business bakery")
_COLLECTIVE = _set("staff management crew team")
_TITLES = _set("mr mrs ms miss dr dear hi hello hey morning afternoon evening thanks sir madam")
_FRAMES = _set(
    """sorry afraid apologise apologies honestly unfortunately sadly admittedly frankly
    apparently clearly obviously basically confirm confirms confirmed show shows showed shown
    say says said think thinks thought believe believes believed know knows knew suspect
    suspects suspected realise realised realises admit admits admitted found find finds seems
    seemed appears appeared turns turned mean means tell telling told hope feel feels felt
    reckon reckons reckoned guess explain explained noticed notice see saw note noted that
    discovered learned learnt established fear worry clear obvious evident apparent true plain
    certain sure aware"""
)
_SUBJECT_PRONOUNS = _set("we i he she they you")
_STAFF_NOUNS = _set("staff colleague colleagues employee employees")
_ROLE_MODIFIERS = _set("own new senior junior head trainee young regular usual other")
_FRAME_SKIP = _set("you us me out that him her them to")
_OPENERS = _set(
    """and but so or yet then plus also because cos while whilst when whenever although though
    whereas which as since yes yeah no well oh ok okay now look listen hi hello hey dear
    honestly sadly unfortunately frankly basically actually anyway right sure apparently
    clearly obviously admittedly however also just unless if whether after before once"""
)
_CONJ_SPLIT = _set("and but so or yet then plus")
_SUBORD_SPLIT = _set(
    "because cos while whilst when whenever although though whereas if unless whether which"
)
_SUBJ_START = _set(
    """we i you he she they it there this that these those our my your his her their the a an
    none nobody noone no someone somebody everyone everything nothing one some all both each
    either neither staff customer client its"""
)
_COND = _set("if unless whether provided providing assuming supposing")
_SPLIT_WORDS = _SUBORD_SPLIT | _CONJ_SPLIT | {"in"}
_Q_AUX = _set("do does did is are was were can could would will shall have has am may might isnt")
_Q_WH = _set("how what why when where who which whose")
_Q_SUBJECT = _FIRST_PRON | _YOU_WORDS | {"not"}
_Q_START = _Q_AUX | _Q_WH
_COND_LEAD = _set("and but so even only or")
_COND_TRIGGER = _COND | {"case", "event", "should", "were", "had"}
_CONTRAST = _set("but however although though yet")
_EMBED_WH = _set("what how why where whether")
_REPORT_VERBS = _set(
    """says said say saying claims claimed claim claiming alleges alleged allege alleging reckons
    reckoned reckon believes believed believe thinks thought think feels felt feel insists
    insisted insist suggests suggested suggest complains complained complain reports reported
    report mentions mentioned mention states stated state told tells tell telling wrote writes
    explained explains argues argued maintains maintained swears swore informed accuses accused
    accusing blames blamed blaming"""
)
_REPORT_SUBJ_SKIP = _set("has have had is are was were also just already now clearly keeps kept")
# "not sure whether...", "no idea if...": uncertainty over the rest of the sentence
# A sentence without these words is neither a question, a condition, reported
# speech nor an embedded question (see _SentCtx).
_CONTEXT_WORDS = _COND_TRIGGER | _REPORT_VERBS | _EMBED_WH
_HEDGE_SENTENCE_WIDE = _set("not no do does did can too unsure unclear")
_BY_NOT_AGENT = _set(
    """mistake accident hand post phone email then now far default design law monday tuesday
    wednesday thursday friday saturday sunday tomorrow tonight noon midday lunchtime"""
)
_KEEP_IN_NP = _set("no all both each")
_NEG_FRAMES = _set(
    """think thinks thought believe believes believed know knows knew accept accepts accepted
    agree agrees agreed say says said feel feels felt suppose reckon suspect consider recall
    remember admit see understand expect sure certain aware"""
)
_NP_STOP = _set("not never by and but or so because when while if than as , nor")
_AUX_PLAIN = _set("have has had been be did do does was were is are got get being am")
_SHOULD_BEEN_EXCUSE = _set(
    """told informed warned notified advised sent given delivered paid contacted asked consulted
    made here there ready able"""
)
_SHOULD_HAVE_ARRIVED = _set("received arrived got gotten heard had")
_PAY_PRESENT = _set("we i insurance insurers insurer are am")
_PROGRESSIVE_AUX = _set("been are is am were was keep keeps kept")
_REMEDIAL = _set(
    """replaced repaired fixed removed returned refunded swapped exchanged collected checked tested
    inspected identified found spotted noticed located traced examined corrected rectified
    reported flagged received discovered realised realized saw heard apologised apologized
    investigated diagnosed confirmed thought knew believed felt assumed suspected sent_back
    rejected binned disposed quarantined withdrew recalled explained asked"""
)
_EPISTEMIC = _set("thought knew believed felt assumed suspected asked wondered hoped")
_DUPLICATED = _set(
    """charged billed invoiced debited took taken applied processed deducted booked sent posted
    dispatched entered ran"""
)
_DILIGENCE = _set(
    """check checked notice noticed spot spotted test tested inspect inspected tighten tightened
    secure secured warn warned tell told inform informed label labelled mention mentioned realise
    realised catch caught clean cleaned record recorded update updated follow followed read
    confirm confirmed doublecheck doublechecked measure measured sterilise sterilised sanitise
    sanitised service serviced order ordered book booked fasten fastened seal sealed lock locked
    pass passed"""
)
_BODY_SURFACE = _set(
    """paint paintwork lacquer varnish finish coating enamel clearcoat skin ear ears paw paws tail
    scalp leg legs finger fingers hand hands nose face eye eyes lip lips neck nail nails cuticle
    cuticles bumper mirror wing door gate wall fence car van window windscreen roof bodywork alloy
    alloys wheel paintwork post gatepost"""
)
_PETS = _set(
    """dog dogs cat cats puppy kitten pet pets horse pony rabbit spaniel terrier poodle labrador
    collie hamster parrot budgie bird tortoise guinea pig ferret lurcher greyhound retriever
    spaniels"""
)
_CUT_BODY = _set(
    "skin ear ears paw paws finger fingers hand leg scalp face tail nose lip you him her them"
)
_LEAVE_COMPLEMENT = _set(
    """open unlocked on running unattended behind outside off loose exposed uncovered unplugged
    out leaking dripping unsecured untied unlatched"""
)
_NEG_OBJECT = _set("any anything anyone anybody")
_SELF_OBJECT = _set("nothing no none our my ourselves myself itself")
_DROP_PARTICLES = _set("off round by in over back")
_DROP_OBJECTS = _set("price prices charge charges fee fees line note email ball subject")
_AS_AGREED = _set("agreed requested instructed planned quoted arranged asked booked specified")
_LOST_EXCLUDE = _set(
    "power electricity signal internet connection money business sleep weight touch"
)
_PAY_OBJECT = _set(
    """for to the all any your you toward towards back compensation damages whatever every in it
    that this off out"""
)
_NOT_COMPENSATION = _set("refund refunds deposit balance wages invoice")
_DAMAGE_COSTS = _set("damage damages repair repairs vet vets medical losses loss treatment")
_DUTY_NOUNS = _set("safety security care upkeep maintenance welfare")
_COSTY = _set(
    """cost costs bill bills repair repairs damage damages expense expenses loss losses replacement
    excess fee fees invoice vet vets medical treatment taxi hire call-out callout labour parts
    cleaning price postage fare fares charges charge difference compensation claim"""
)
_PROMISE = _set(
    """will shall going happy glad willing prepared offer offering offered agree agreed promise
    promised can could want like intend plan arrange arranged would 'd able"""
)
_TREAT = _set(
    "coffee coffees drink drinks round lunch dinner meal dessert tea cake next postage delivery"
)
_HARM_NOUNS = _set(
    """damage crease creases stain stains mark marks scratch scratches dent dents crack cracks chip
    chips tear tears rip hole holes scorch burn burns leak leaks rust fault problem problems issue
    issues error delay delays injury injuries cut cuts bruise bruising rash reaction illness upset
    breakage loss shrinkage fading discolouration smell mould damp flooding break split bend
    kink scuff scuffs snag snags blemish flaw defect mistake mix-up shortfall overcharge"""
)
_FEELINGS = _set(
    """inconvenience distress upset trouble disruption frustration harm confusion stress hassle
    disappointment offence difficulty difficulties worry anxiety embarrassment annoyance"""
)
_SYMPATHY_WORDS = _set("sorry apologise apologize apologies apology regret")
_SYMPATHY_SUBJECTS = _set("it this that which they these those")
_SYMPATHY_AUX = _set("has have had may might could can will would must all ever possibly")
_PARTICIPLE_NOUNS = _HARM_NOUNS | _FEELINGS
_CUSTODY_HARM = frozenset(_HARM_PAST) | _HARM_INTRANS
_DISCOVERY = _set(
    """opened unpacked received found noticed checked inspected examined looked saw arrived got
    collected picked spotted discovered tested unwrapped unboxed"""
)

# Normalisation of single words: typos, missing apostrophes, spellings.
_NORMALISE: dict[str, tuple[str, ...]] = {
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
_N_T_BASE = {"ca": "can", "wo": "will", "sha": "shall", "ai": "is"}
_S_IS = _set("it that what there here who he she where how this everyone everything nobody")
_JOIN_PREFIXES = ("over-", "mis-", "double-", "re-", "cross-", "under-", "short-")
_ITS_IS = _set(
    """our my not a an the all been really very so on down because just entirely totally
    completely definitely true ok okay fine clear me mine ours us what how why too no nothing
    always never probably possible likely unlikely getting going being still only your
    absolutely clearly obviously squarely certainly honestly fully wholly"""
)
_PP_LIKE = _IRREGULAR_PAST | frozenset(_HARM_PAST)

_COMMON = _set(
    """the a an and but or so if then than that this these those there here we i you he she it they
    me us him her them my our your his its their mine ours yours theirs who whom whose what which
    when where why how not no yes yeah nope ok okay please thanks thank sorry hi hello hey dear
    good great poor sadly unfortunately fortunately luckily honestly also just only even still
    yet already again today tomorrow yesterday now soon later earlier after before during while
    because since until unless although though however therefore meanwhile anyway perhaps maybe
    possibly probably certainly definitely note notes internal update customer client re fwd fw
    subject regards best kind warm many much more most some any all both each every either neither
    none nobody nothing everything something anything someone anyone everyone one two three
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december is are was were be been being have has
    had do does did will would can could shall should may might must let lets look looking
    please your our with without from into onto over under about above below across through
    for to of in on at by as up down out off again further once apologies apology regret
    unfortunately happy glad afraid hope hoping following further next last first second
    finally well oh as per attached enclosed im ive thats dont didnt cant wont its
    hopefully basically actually really very quite rather bit little lot lots plenty shop store
    team staff manager management owner poor loads cheers xx x love morning afternoon evening
    night week weekend month year day days good great new old big small same other another own
    just cheers mr mrs ms miss dr sir madam note reply response complaint ticket order invoice
    receipt ref reference item items product products service services delivery deliveries
    collection booking appointment call email phone message letter photo photos picture
    pictures yes please regarding following sent dear"""
)


def _lexicon_words() -> frozenset[str]:
    words: set[str] = set(_COMMON)
    for group in (
        _HARM_PAST, _HARM_ING, _HARM_BASE, _AMBIG_PAST, _AMBIG_ING, _AMBIG_BASE,
    ):  # fmt: skip
        words.update(group)
    for group2 in (
        _IRREGULAR_PAST, _AUX, _NEG, _SKIP_ADV, _FIRST_PRON, _OTHER_PRON, _DETS, _THIRD,
        _CUSTOMER_WORDS, _ROLE, _EQUIPMENT_ER, _FRAMES, _OPENERS, _REPORT_VERBS, _REMEDIAL,
        _DILIGENCE, _COSTY, _HARM_NOUNS, _OUTCOME, _HARM_INTRANS, _COLLECTIVE, _TITLES,
    ):  # fmt: skip
        words.update(group2)
    return frozenset(words)


_KNOWN = _lexicon_words()


# ---------------------------------------------------------------------------
# Regular expressions over the canonical string
# ---------------------------------------------------------------------------

_W = r"[\w'\-]+"
_ADV = (
    r"(?: (?:all|entirely|completely|totally|wholly|fully|squarely|definitely|clearly|absolutely"
    r"|solely|firmly|really|100%|partly|partially|obviously|very|so|just|largely|mostly))?"
)


_ALLERGEN = (
    r"(?:nuts|nut|peanuts|peanut|almonds|almond|walnuts|cashews|hazelnuts|pecans|pistachios"
    r"|gluten|wheat|dairy|milk|lactose|egg|eggs|shellfish|prawns|prawn|shrimp|crustaceans|sesame"
    r"|soy|soya|mustard|celery|lupin|sulphites|sulfites|molluscs|allergen|allergens)"
)


_END_OF_WORD = re.compile(r"(?<=[\w)?+*\]])\\b")


def _rx(pattern: str) -> re.Pattern[str]:
    """Compile a pattern over the canonical string.

    Tokens there may contain hyphens and apostrophes ("fault-finding", "'s"), so
    a ``\\b`` that ends a word is made strict: it must not be followed by a
    letter, digit, hyphen or apostrophe.
    """
    pattern = pattern.replace("{W}", _W).replace("{ADV}", _ADV).replace("{ALLERGEN}", _ALLERGEN)
    return re.compile(_END_OF_WORD.sub(lambda _m: r"(?![\w'\-])", pattern))


# The tokens, as one group so that ``split`` keeps them. Nothing follows a token
# in the pattern, so giving back characters never helps: possessive repeats
# ("++", "*+") find the same tokens without keeping the ways back.
_TOKEN_SPLIT_RE = re.compile(
    r"([^\W_]++(?:['’‘`´\-][^\W_]++)*+(?:[.,:/]\d++)*+"  # a word or number, with apostrophes
    r"|[^\w\s]++|\r\n|\n|\r)"  # a run of punctuation or symbols, or a line break
)
_NEXT_CHAR_RE = re.compile(r"[ \t\f\v\u00a0]*(\S?)")
_CURLY = ("’", "‘", "`", "´")


def _straighten(text: str) -> str:
    """Curly and odd apostrophes to straight ones (same length, so offsets hold)."""
    for ch in _CURLY:
        if ch in text:
            text = text.replace(ch, "'")
    return text


_SENTENCE_END = frozenset(".!…;:")
_CLAUSE_MARK = frozenset(',()[]"“”«»')
_BULLETS = frozenset("-*•·>–—\r\n")
_ELONGATED_RE = re.compile(r"([a-z])\1{2,}")

_FAULT_OURS_RE = _rx(
    r"\b(?:our|my)(?: own| very own)? (?:fault|faults|mistake|mistakes|error|errors|blunder"
    r"|blunders|oversight|negligence|failure|failing|failings|doing|carelessness|mix-up|cock-up"
    r"|screw-up|mess-up|slip-up|balls-up|fuck-up)\b"
    r"|\b(?:our|my) (?:responsibility|liability)\b(?! (?:to|insurance|insurer|insurers|cover"
    r"|policy|for (?:checking|making|ensuring|keeping|looking)))"
    r"|\b(?:our|my) bad\b(?! (?:luck|weather|day|week|patch|back|knee|leg|cold|news|hip))"
)
_POSS_FAULT_RE = _rx(r"'s (?:fault|mistake|error|doing|negligence|blunder)\b")
_FAULT_IS_OURS_RE = _rx(
    r"\b(?:fault|mistake|error|errors|mistakes|blame|responsibility|liability|negligence|failure"
    r"|oversight)(?: {W}){0,5} (?:is|was|lies|lay|rests|rested|sits|sat|falls|fell|are|were)"
    r"{ADV} (?:ours|mine|with us|with me|on us|on me|on our side|on our end|on our part"
    r"|with our (?:side|end|team|staff|shop))\b"
)
_ON_US_RE = _rx(
    r"\b(?:is|was|are|were|be|been){ADV} (?:on|down to) (?:us|me|our (?:team|end|side|part|staff"
    r"|crew|people|lads|guys|shop|kitchen|workshop|shoulders|heads|watch))\b(?! to\b)"
)
_PART_RE = _rx(
    r"\b(?:fault|faults|mistake|mistakes|error|errors|negligence|failure|failings?|oversight"
    r"|carelessness|lapse|mix-up|slip|slip-up|misunderstanding) (?:on|from|by) (?:our|my)"
    r" (?:part|side|end)\b"
    r"|\b(?:poor|bad|shoddy|sloppy|careless|substandard|sub-standard|defective|faulty|rushed"
    r"|terrible|awful|rubbish|lazy|inadequate|unacceptable|unprofessional|botched)(?: {W}){0,2}"
    r" (?:on|from|by) (?:(?:our|my) (?:part|side|end)|us|me)\b"
)
_BE_FAULT_RE = _rx(
    r"\b(?:am|are|is|was|were|been|be|being)"
    r"(?: (?:entirely|completely|totally|wholly|fully|partly|partially|clearly|definitely"
    r"|obviously|really|very|so|solely|probably))? (?P<adj>at fault|to blame|responsible|liable"
    r"|negligent|culpable|careless|in the wrong|wrong|in error)\b(?P<tail>(?: {W}){0,3})"
)
_CARELESS_OF_RE = _rx(
    r"\b(?:careless|negligent|sloppy|thoughtless|silly|stupid|wrong|remiss|unprofessional|clumsy"
    r"|lazy) of (?:us|me)\b"
)
_ACCEPT_RE = _rx(
    r"\b(?:accept|accepts|accepted|accepting|take|takes|took|taking|admit|admits|admitted"
    r"|admitting|acknowledge|acknowledges|acknowledged|acknowledging|own|owning|concede"
    r"|concedes|conceded|shoulder|shoulders|shouldered|bear|bears)"
    r"(?: (?:full|the|all|complete|total|our|my|sole|some|any|entire|100%)){0,2}"
    r" (?:blame|responsibility|liability|fault|culpability)\b"
    r"|\b(?:own|owned|owning|owns) up\b"
    r"|\b(?:hold|holding|held|put|putting) (?:up )?(?:our|my) hands?(?: up)?\b"
    r"|\bmea culpa\b"
    r"|\b(?:admit|admits|admitted|admitting|confess|confessed|confessing) (?:it|that|this"
    r"|everything|fault|liability|our {W}|my {W}|we|i)\b"
)
_MADE_MISTAKE_RE = _rx(
    r"\b(?:made|make|makes|making)(?: (?:a|an|the|one|some|two|several|few|couple|of|such"
    r"|quite|real|big|huge|serious|silly|stupid|terrible|genuine|honest|bad|clerical|costly"
    r"|small|little|bit|right|proper|complete|total))* (?:mistake|mistakes|error|errors|blunder"
    r"|blunders|mess|hash|cock-up|boo-boo|howler)\b"
)
_LAPSE_RE = _rx(
    r"\bdropped the ball\b|\blet (?:you|him|her|them|your {W}) down\b"
    r"|\bfailed (?:you|him|her|them)\b|\bblew it\b"
    r"|\blet (?:your {W}|the {W}|him|her|them|it|{W}(?<!\byou)) (?:escape|get out|get away|run off"
    r"|run away|slip (?:out|away|its|his|her)|loose|out of (?:the|our|my) (?:sight|van|yard|car))\b"
    r"|\b(?:did|done|do) (?:a |an |such a |the )?(?:poor|bad|shoddy|sloppy|careless|terrible"
    r"|awful|rubbish|lousy|botched|messy|substandard|lazy|half-hearted) (?:job|work)\b"
)
_SHOULD_RE = _rx(
    r"\b(?:should|ought to|shouldve|should've)(?P<neg> not| never)? (?:have|of) (?P<pp>{W})"
    r"(?: (?P<pp2>{W}))?"
)
_COULD_BETTER_RE = _rx(
    r"\bcould have (?:{W} ){0,3}better\b|\bcould have been (?:a lot |much |far )?(?:more"
    r" {W}|clearer|quicker|faster|better)"
)
_FAILED_TO_RE = _rx(r"\b(?:failed|neglected|omitted|forgot|forgotten|fail|neglect) to\b")
_NEG_DILIGENCE_RE = _rx(
    r"\b(?:not|never) (?:properly |actually |even |fully |first )?(?P<v>{W})\b"
    r"(?P<obj>(?: {W}){0,4})"
)
_NONE_NOTICED_RE = _rx(
    r"\b(?:none of us|nobody here|no one here|noone here|nobody (?:in|on|at) (?:our|my) {W}"
    r"|neither of us) (?:{W} )?(?P<v>noticed|spotted|checked|realised|caught|tested|inspected"
    r"|saw|picked)\b"
)
_NOT_PROPERLY_RE = _rx(
    r"\b(?:not|never) (?:{W} ){1,6}?(?:properly|correctly|carefully|securely|thoroughly"
    r"|adequately|tightly|right)\b"
)
_SHORTFALL_RE = _rx(
    r"\b(?:charged|billed|invoiced|took payment)(?: {W}){0,6} but (?:only|never|did not|forgot)\b"
)
_MANNER_RE = _rx(
    r"\b(?:wrong|wrongly|incorrect|incorrectly|badly|poorly|improperly|carelessly|accidentally"
    r"|mistakenly|inadvertently|crooked|crookedly|wonky|unsuitable|inappropriate|faulty"
    r"|defective|shoddily|sloppily|unevenly|twice|double)\b"
    r"|\bby (?:mistake|accident)\b|\bin error\b|\bupside down\b|\bupside-down\b"
    r"|\bback to front\b|\bbackwards\b|\bthe wrong way\b"
    r"|\b(?:after|despite) (?:promising|agreeing|confirming|saying|telling you|we had promised"
    r"|we had agreed|we had said)\b"
    r"|\b(?:used|prepared|cooked|fried|stored|scooped|cut|chopped|handled|made)(?: {W}){0,3}"
    r" (?:on|for|with|in|alongside|near|next to) (?:the same )?(?:{W} )?{ALLERGEN}\b"
    r"|\b(?:cheap|cheaper|cheapest|inferior|substandard|sub-standard|poor-quality|low-quality"
    r"|flimsy|second-hand|worn-out)\b|\bpoor quality\b|\blow quality\b"
    r"|\b(?:through|against) (?:your|the customer 's|his|her|their) (?!door\b|letterbox\b"
    r"|letter\b|mailbox\b|postbox\b|inbox\b|account\b|hands?\b|records?\b|system\b|books?\b"
    r"|paperwork\b|file\b|files\b|notes\b|order\b|options\b|details\b|application\b)"
    r"|\binside out\b|\b(?:someone|somebody) else 's\b|\banother (?:customer|client|person"
    r"|patient|guest) 's\b"
    r"|\btoo (?:far|much|many|little|few|short|long|tight|tightly|loose|hot|cold|warm|deep"
    r"|deeply|early|late|hard|soon|high|low|small|big|large|narrow|wide|thin|thick|strong"
    r"|quickly|fast|quick|slow|rough|roughly|harshly|close|heavy|dark|light|bright|sharp|blunt"
    r"|sweet|salty|spicy|dry|wet)\b"
    r"|\b(?:not|never) (?:suitable|right|safe|appropriate)\b"
    r"|\binstead of (?:a |an |the )?(?:proper|correct|right|recommended|suitable|usual"
    r"|specified|requested|agreed|new|fresh|genuine|original|yours|your)\b"
    r"|\b(?:below|above|beyond|under|over|past|than|instead of|different from|other than"
    r"|rather than|not) (?:{W} ){0,4}?(?:you|your {W}) (?:had |have |would )?(?:asked|wanted"
    r"|requested|ordered|specified|agreed|chose|booked|approved)\b"
    r"|\b(?:the same|a shared|shared) (?:{W} )?(?:board|boards|knife|knives|spoon|spoons|scoop"
    r"|fryer|fryers|oil|utensil|utensils|surface|surfaces|tongs|grill|pan|pans|tray|trays|gloves"
    r"|toaster|blender|bowl|slicer|machine) (?:as|for|that|which|we)\b"
    r"|\bwithout (?:first )?(?:checking|asking|testing|telling|consulting|confirming|measuring"
    r"|reading|looking|warning|informing|backing|making sure|double-checking|doublechecking"
    r"|securing|protecting|covering)\b"
    r"|\bbefore (?:checking|testing|asking|confirming|measuring|reading|backing|making sure"
    r"|double-checking|doublechecking)\b"
)
_MANNER_ADV = _set(
    """wrongly incorrectly badly poorly improperly carelessly accidentally mistakenly
    inadvertently"""
)
_MANNER_ADJ = _set(
    """wrong incorrect unsuitable inappropriate faulty defective cheap cheaper cheapest inferior
    substandard sub-standard poor-quality low-quality flimsy second-hand worn-out poor low"""
)
_MALFUNCTION_RE = _rx(
    r"\b(?:overheated|overheating|malfunctioned|malfunctioning|broke down|broken down|stopped"
    r" working|packed up|packed in|conked out|cut out|tripped|blew up|exploded|caught fire|leaked"
    r"|jammed|seized up|gave way|gave out|collapsed|went off|failed(?! to)"
    r"|(?:was|were|is|are|had been|has been|have been) (?:faulty|defective|broken|malfunctioning"
    r"|leaking|not working|out of order|on the blink|playing up|too (?:hot|warm|cold|high|low))"
    r"|(?:ran|running|run|runs) (?:too |a bit |slightly |very |far too )?(?:hot|warm|cold|high"
    r"|low|fast)"
    r"|(?:was|were) set (?:too|wrong|to the wrong|incorrectly))\b"
)
_CAUSE_RE = _rx(
    r"\b(?:caused|led to|resulted in|triggered"
    r"|made (?:you|him|her|them|it|your {W}) (?:ill|sick|unwell|poorly|itch|itchy|bleed|worse)"
    r"|gave (?:you|him|her|them|your {W}) (?:food poisoning|a rash|an allergic reaction"
    r"|a reaction|an infection|a burn|burns|a bad reaction|an upset stomach|a stomach upset)"
    r"|(?:is|was|are|were) (?:the )?(?:reason|cause)(?: for| why| of)?)\b"
)
_ATTRIBUTION_RE = _rx(
    r"\b(?:is|was|are|were|came|comes|come|resulted|results|stems|stemmed)(?: {W}){0,2}?"
    r" (?P<link>from|due to|down to|caused by|because of|the result of|a result of|thanks to"
    r"|owing to) (?P<who>us|me|our|my)\b(?P<rest>(?: {W}){0,2})"
)
_SALE_RE = _rx(
    r"\b(?:we|i)(?: {W}){0,2}? (?:sold|supplied|served|made|baked|cooked|prepared|provided|gave"
    r"|delivered|fitted|installed|sent|dispatched|packed|prescribed|recommended|mixed)\b"
    r"|\b(?:bought|purchased|got|collected|ordered)(?: {W}){0,3}? (?:from|off|at) (?:us|our|my)\b"
    r"|\bfrom (?:our|my) (?:shop|store|counter|deli|bakery|stall|kitchen|van|range|stock)\b"
)
_DEFECT_RE = _rx(
    r"\b(?:past (?:its|their|the) (?:{W} ){0,2}?date|expired (?:its|their) (?:{W} ){0,2}?date"
    r"|out of date|out-of-date|gone off|mouldy"
    r"|rotten|rancid|stale|contaminated|undercooked|raw in the middle|not (?:fully |properly )?"
    r"cooked|mislabelled|wrongly labelled|incorrectly labelled|not on the (?:label|menu|list)"
    r"|not listed|undeclared|not declared"
    r"|(?:was|were|had gone|has gone|went|is|are) off(?! (?:the|to|for|on|at|by|duty|work|sick))"
    r"|contain(?:ed|s)? (?:{W} ){0,2}?(?:{ALLERGEN}|glass|plastic|metal|hair|bone|bones|stone"
    r"|stones))\b"
)
_CAUSAL_RE = _rx(
    r"\b(?:is|was|are|were) (?:why|how)\b|\bwhich (?:caused|meant|led to|resulted in)\b"
    r"|\bthat (?:caused|led to|resulted in)\b|\bcausing\b|\bresulting in\b|\bas a result\b"
    r"|\bhence\b"
    r"|\band (?:it|they|that|this|the {W}|your {W}) (?:has |have |had |then |just )?(?:broke"
    r"|snapped|cracked|shattered|tore|split|shrank|melted|bent|bowed|warped|leaked|collapsed"
    r"|burst|flooded|died|escaped|fell|peeled|faded|rusted|lifted|caught fire|blew|buckled"
    r"|smashed|chipped|dented|sank|sagged|stopped working|gave way|spoiled|spoilt|wilted|rotted"
    r"|went off|came (?:apart|off|loose|away"
    r"|down|undone))\b"
    r"|\bso (?:it|they|the {W}|your {W}) (?:is|are|was|were|has|have) (?:now )?(?:too|broken"
    r"|damaged|ruined|unusable|useless|gone|lost|missing|wrong|stained|cracked|late)\b"
)
_DESPITE_RE = _rx(
    r"\b(?:even though|though|although|despite|in spite of) (?:you|your {W}|the customer|the client"
    r"|she|he|they)(?: had| have| would)? (?:clearly |specifically |already )?(?:told|said|asked"
    r"|warned|mentioned|requested|instructed|specified|stated|explained|telling|asking|warning"
    r"|request|requests|instructions|instruction|note|notes)\b"
)
_CUSTODY_RE = _rx(
    r"\b(?:while|whilst|when) (?:it |they |he |she |the {W} |your {W} )?(?:was |were |had been"
    r" |has been )?(?P<place>with us|in our {W}|at our {W}|in my {W})\b"
    r"|\b(?:while|whilst|when) (?P<who>we|i|our {W}(?: {W})?) (?:was |were |had been )?(?P<v>{W})"
    r"|\bduring (?:our|my) {W}\b|\bin our (?:care|possession|custody|hands|workshop|kitchen|van"
    r"|storage)\b"
)
_PAY_RE = _rx(
    r"\b(?P<v>pay|paying|pays|cover|covering|covers|foot|footing|meet|meeting|reimburse"
    r"|reimbursing|reimburses|compensate|compensating|compensates|refund|refunding|settle"
    r"|settling)\b"
    r"(?P<rest>(?: [\w'\-£$€.]+){0,4})"
)
_OUT_OF_POCKET_RE = _rx(
    r"\b(?:make sure|makes sure|ensure|ensures|see that|guarantee|promise)(?: {W}){0,4}"
    r" (?:not|never) (?:{W} ){0,2}?out of pocket\b"
    r"|\b(?:will|shall) not be (?:left )?out of pocket\b"
)
_AT_COST_RE = _rx(r"\bat (?:our|my)(?: own)? (?:cost|expense)\b")
_INSURANCE_RE = _rx(
    r"\b(?:claim|claimed|put|putting|go|going|run|running)(?: it| this| that| the {W})?"
    r" (?:on|through|via|against) (?:our|my) (?:insurance|insurers?|policy)\b"
    r"|\b(?:paid|covered|met|footed|reimbursed) (?:for )?by (?:us|me|our|my)\b"
    r"|\bmake good (?:the |any |all |your )?(?:damage|loss|losses|repair|repairs|costs?)\b"
)
_NON_APOLOGY_RE = _rx(
    r"\b(?:sorry|apologise|apologised|apologises|apologies|apology|regret|regrets)(?: that)?"
    r" you (?P<v>feel|felt|think|thought|believe|believed|see it|saw it|took (?:it|this|that"
    r"|offence)|take (?:it|this|that)|perceive|perceived|found (?:it|this|that|us|our)"
    r"|find (?:it|this|that|us|our)|have taken|seem|seemed"
    r"|(?:were|are|have been|got|feel) (?:so |very |a bit |quite )?(?:offended|upset|annoyed"
    r"|angry|put out))\b(?P<next>(?: {W})?)"
    r"|\b(?:sorry|apologise|apologies|apology|regret) if (?:you|anyone|anybody|this|that|it|we|i"
    r"|our|any|there|the|your|somebody|someone|people|offence)\b"
    r"|\bsorry(?: ,)? but (?:you|your|that is (?:just )?(?:how|our policy|the policy|the rules)"
    r"|rules are rules|it is (?:your|policy))\b"
    r"|\b(?:mistakes|errors) (?:were|have been|may have been) made\b"
    r"|\bsorry for any (?:offence|upset caused)\b"
)
_NON_APOLOGY_ILLNESS = _set(
    "unwell ill sick poorly better worse rough off dizzy nauseous pain sore tired awful"
)
_ADMIT_GERUND_RE = _rx(
    r"\b(?:admit|admits|admitted|admitting|confess|confesses|confessed|acknowledges"
    r"|acknowledged) (?:to )?(?P<g>{W}ing)\b"
)
_SORRY_FOR_RE = _rx(
    r"\b(?:sorry|apologise|apologised|apologies|apology|apologising|regret) (?:for|about)"
    r" (?P<g>{W}ing)\b"
)
_REPORT_MARK_RE = _rx(
    r"\baccording to (?!our |my |the records|the logs)|\ballegedly\b|\bapparently\b"
    r"|\bsupposedly\b|\breportedly\b"
    r"|\b(?:claim|complaint|allegation|accusation) (?:is )?that\b"
    r"|\b(?:in )?your (?:view|opinion|email|letter|message|claim|complaint|account|words|review)\b"
    r"|\bthe (?:customer|client) 's (?:claim|complaint|account|version|view)\b"
)
_HEDGE_RE = _rx(
    r"\b(?:may|might|could) have\b(?! (?:{W} ){0,3}better)|\bit is possible\b|\bpossible that\b"
    r"|\bnot (?:yet )?(?:sure|certain|clear|known)\b|\bno idea\b|\b(?:do|does|did) not know\b"
    r"|\bcan not (?:yet )?(?:say|tell|confirm)\b|\btoo early to\b|\bunsure\b|\bunclear\b"
    r"|\bmaybe\b|\bperhaps\b|\bpossibly\b"
)
_WITHOUT_RE = _rx(
    r"\bwithout (?:admitting|accepting|conceding|acknowledging|prejudice|any admission"
    r"|admission|liability|accepting)\b|\bno admission\b"
)
_GOODWILL_RE = _rx(
    r"\bgoodwill\b|\bgood will\b|\bgesture\b|\bcourtesy\b|\bex gratia\b|\bex-gratia\b"
    r"|\bwithout prejudice\b|\bas a one-off\b|\bone off\b"
)


_DISPATCHED: tuple[re.Pattern[str], ...] = (
    _FAULT_OURS_RE, _POSS_FAULT_RE, _FAULT_IS_OURS_RE, _ON_US_RE, _PART_RE, _BE_FAULT_RE,
    _CARELESS_OF_RE, _ACCEPT_RE, _MADE_MISTAKE_RE, _LAPSE_RE, _SHOULD_RE, _COULD_BETTER_RE,
    _FAILED_TO_RE, _NEG_DILIGENCE_RE, _NONE_NOTICED_RE, _NOT_PROPERLY_RE, _SHORTFALL_RE,
    _MANNER_RE, _MALFUNCTION_RE, _CAUSE_RE, _ATTRIBUTION_RE, _SALE_RE, _DEFECT_RE, _CAUSAL_RE,
    _DESPITE_RE, _CUSTODY_RE, _PAY_RE, _OUT_OF_POCKET_RE, _AT_COST_RE, _INSURANCE_RE,
    _NON_APOLOGY_RE,
    _SORRY_FOR_RE, _ADMIT_GERUND_RE, _REPORT_MARK_RE, _HEDGE_RE, _WITHOUT_RE, _GOODWILL_RE,
)  # fmt: skip


def _lead_words(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The first word, or first two words, that any match of ``pattern`` starts with.

    Each result is "word" or "word word"; None means the list is not finite.
    The patterns above all start with literal words, so instead of running each
    of them over every character, :class:`_Doc` tries ``pattern.match`` only at
    tokens where one of these starts stands. This uses the standard library's
    regex parser; without it the patterns are simply run with finditer.
    """
    try:
        parser: Any = importlib.import_module("re._parser")
        tree = parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - other Python implementations
        return None

    def walk(items: list[Any], prefix: str, depth: int) -> set[str] | None:
        if depth > 80:
            return None
        i = 0
        while i < len(items):
            op, av = items[i]
            name = getattr(op, "name", str(op))
            if name in ("AT", "ASSERT", "ASSERT_NOT"):
                i += 1
                continue
            if name == "LITERAL":
                if av == 32:  # a space ends a word
                    if not prefix:
                        return None
                    if " " in prefix:
                        return {prefix}
                prefix += chr(av)
                i += 1
                continue
            rest = items[i + 1 :]
            if name == "SUBPATTERN":
                return walk(list(av[-1]) + rest, prefix, depth + 1)
            if name == "BRANCH":
                out: set[str] = set()
                for branch in av[1]:
                    got = walk(list(branch) + rest, prefix, depth + 1)
                    if got is None:
                        return None
                    out |= got
                return out
            if name in ("MAX_REPEAT", "MIN_REPEAT") and (av[1] == 1 or _starts_with_space(av[2])):
                got = walk(list(av[2]) + rest, prefix, depth + 1)
                if got is None:
                    return None
                if av[0] == 0:
                    skipped = walk(rest, prefix, depth + 1)
                    if skipped is None:
                        return None
                    got |= skipped
                return got
            break
        ended = i >= len(items)  # else: something that is not a plain word
        if " " in prefix:
            first_word, _, second = prefix.partition(" ")
            return {prefix} if ended and second else {first_word}
        return {prefix} if prefix and ended else None

    found = walk(list(tree), "", 0)
    if not found:
        return None
    singles = {w for w in found if " " not in w}
    return frozenset(singles | {w for w in found if w.split(" ")[0] not in singles})


def _starts_with_space(sub: Any) -> bool:
    """A repeated group that starts with a space cannot lengthen the word before it."""
    items = list(sub)
    while items:
        op, av = items[0]
        name = getattr(op, "name", str(op))
        if name == "SUBPATTERN":
            items = list(av[-1]) + items[1:]
            continue
        return name == "LITERAL" and av == 32
    return False


def _needed_words(pattern: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """Text that any match of ``pattern`` contains: one of each set, e.g. "sold" or "made".

    Read from the pattern like :func:`_lead_words`: a word written out in the
    pattern, or one of a choice of words, that every match must go through.
    A text holding no word of one set cannot match, so the pattern need not be
    tried at each of its start words (see :func:`_match_patterns`).
    """
    try:
        parser: Any = importlib.import_module("re._parser")
        tree = parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - other Python implementations
        return ()
    if tree.state.flags & re.IGNORECASE:
        return ()

    def walk(items: list[Any], depth: int) -> list[frozenset[str]]:
        needed: list[frozenset[str]] = []
        run = ""  # letters written out one after another
        for op, av in [*items, (None, None)]:
            name = getattr(op, "name", "")
            if name == "LITERAL":
                run += chr(av)
                continue
            if len(run) >= 3:
                needed.append(frozenset({run}))
            run = ""
            if depth > 40:
                continue
            if name == "SUBPATTERN" and not av[1] & re.IGNORECASE:
                needed += walk(list(av[-1]), depth + 1)
            elif name in ("MAX_REPEAT", "MIN_REPEAT") and av[0] >= 1:
                needed += walk(list(av[2]), depth + 1)
            elif name == "BRANCH":
                either: set[str] = set()
                for branch in av[1]:
                    got = walk(list(branch), depth + 1)
                    if not got:
                        break  # this way through needs nothing in particular
                    either |= max(got, key=lambda words: min(map(len, words)))
                else:
                    needed.append(frozenset(either))
        return needed

    return tuple(walk(list(tree), 0))


_Patterns = tuple[re.Pattern[str], ...]


@dataclass(frozen=True)
class _Index:
    first: dict[str, _Patterns]  # patterns to try wherever this word stands
    pairs: dict[str, dict[str, _Patterns]]  # ...only where this word is followed by that one
    starts: frozenset[str]  # every word in either table
    fallback: _Patterns  # patterns whose start is unknown: run over the whole string
    needed: dict[re.Pattern[str], tuple[frozenset[str], ...]]  # see _needed_words


def _dispatch_index() -> _Index:
    first: dict[str, list[re.Pattern[str]]] = {}
    pairs: dict[str, dict[str, list[re.Pattern[str]]]] = {}
    fallback: list[re.Pattern[str]] = []
    for rx in _DISPATCHED:
        leads = _lead_words(rx)
        if leads is None:
            fallback.append(rx)
            continue
        for lead in leads:
            one, _, two = lead.partition(" ")
            if two:
                pairs.setdefault(one, {}).setdefault(two, []).append(rx)
            else:
                first.setdefault(one, []).append(rx)
    return _Index(
        first={w: tuple(v) for w, v in first.items()},
        pairs={w: {x: tuple(v) for x, v in d.items()} for w, d in pairs.items()},
        starts=frozenset(first) | frozenset(pairs),
        fallback=tuple(fallback),
        needed={rx: needed for rx in _DISPATCHED if (needed := _needed_words(rx))},
    )


_INDEX = _dispatch_index()


# ---------------------------------------------------------------------------
# Tokenising and normalising
# ---------------------------------------------------------------------------


# word -> (canonical tokens, flags for _tokenise)
_EXPAND_CACHE: dict[str, tuple[tuple[str, ...], int]] = {}


def _expand(word: str) -> tuple[str, ...]:
    """Canonical tokens for one lower-cased word with straight apostrophes."""
    hit = _NORMALISE.get(word)
    if hit is not None:
        return hit
    if "'" in word:
        if word.endswith("n't"):
            stem = word[:-3]
            return (_N_T_BASE.get(stem, stem), "not")
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
            if head in _S_IS:
                return (head, "is")
            return (head, "'s")
        if tail == "" and head:
            return (head,)
        word = word.replace("'", "")
    if "-" in word:
        for prefix in _JOIN_PREFIXES:
            if word.startswith(prefix):
                joined = word.replace("-", "")
                return _NORMALISE.get(joined, (joined,))
        return (word,)
    if len(word) > 3:
        squeezed = _ELONGATED_RE.sub(r"\1", word)
        if squeezed != word:
            return _NORMALISE.get(squeezed, (squeezed,))
    return (word,)


_AFTER_WILL = _set(
    """pay cover send fix replace refund be make look call get sort come arrange check do have
    need try reimburse compensate take put give let foot settle meet contact ring email redo
    deliver collect book keep bring repair happily gladly definitely certainly also"""
)
_AFTER_ARE = _set(
    """sorry liable responsible happy glad not looking investigating checking going so very
    really truly unable able aware confident sure still currently now working waiting arranging
    sending offering to at fully entirely totally afraid extremely deeply"""
)
_LOST_APOSTROPHE: dict[str, tuple[str, str, frozenset[str]]] = {
    "well": ("we", "will", _AFTER_WILL),
    "ill": ("i", "will", _AFTER_WILL),
    "were": ("we", "are", _AFTER_ARE),
}
_SPECIAL_PREV = frozenset({"its", "'d"}) | _TITLES | frozenset(_LOST_APOSTROPHE)
_CLAUSE_BEFORE = _set(", and but so then")
# Words that, written with a capital in the middle of a sentence, start a new one.
_STARTERS = _set(
    """our we the it this sorry thanks please unfortunately sadly however my your there they he
    she you apologies note also yes so but and if"""
)
_Token = tuple[str, int, int]  # canonical word, start, end in the original text
_Columns = tuple[list[str], list[int], list[int]]  # the words, starts and ends of the tokens


def _tokenise(text: str) -> tuple[_Columns, list[tuple[int, int, bool]], set[str]]:
    """Canonical tokens with original offsets, sentence ranges, and names addressed."""
    toks: list[_Token] = []
    sentences: list[tuple[int, int, bool]] = []  # token range, ends with "?"
    addressees: set[str] = set()
    sent_start = 0
    append = toks.append
    text_len = len(text)
    # Lower-case once; per word only if that changes the length (e.g. "İ").
    lowered = text.lower()
    folded = _straighten(lowered)
    whole = len(folded) == text_len
    source = folded if whole else text
    cache = _EXPAND_CACHE
    if len(cache) > 50_000:
        cache.clear()
    get = cache.get
    special = False  # the last token is "its", "'d", a title...: look at this one too
    mixed_case = not text.isupper()

    def close(question: bool) -> None:
        nonlocal sent_start
        while len(toks) > sent_start and toks[-1][0] == ",":
            toks.pop()
        if len(toks) > sent_start:
            sentences.append((sent_start, len(toks), question))
            sent_start = len(toks)

    # Split on the tokens: [gap, token, gap, token, ..., gap]; the running sum of
    # the lengths gives every token's offsets without a match object per token.
    pieces = _TOKEN_SPLIT_RE.split(source)
    offsets = list(accumulate(map(len, pieces), initial=0))
    raws = pieces[1::2]
    if whole and not _NOT_PLAIN_RE.search(source):
        # Without capitals no word starts a sentence where a full stop is missing.
        plain = _plain_tokens(text, raws, offsets, _STARTER if lowered == text else 0)
        if plain is not None:
            return plain[0], plain[1], addressees
    entries = map(get, raws) if whole else [None] * len(raws)
    for raw, s, e, entry in zip(raws, offsets[1:-1:2], offsets[2::2], entries, strict=True):
        if entry is None:
            # The commonest marks first, as the branches below would treat them.
            if raw == ",":
                if len(toks) > sent_start and toks[-1][0] != ",":
                    append((",", s, e))
                continue
            if raw == ".":
                if e >= text_len or text[e].isspace():
                    close(False)
                continue
            first = raw[0]
            if first.isalnum():
                low = raw if whole else _straighten(raw.lower())
                entry = get(low)
                if entry is None:
                    parts = _expand(low)
                    entry = (parts, _word_flags(parts))
                    cache[low] = entry
            elif first in "\r\n":
                nxt = _NEXT_CHAR_RE.match(text, e)
                ch = nxt.group(1) if nxt else ""
                if ch == "" or ch in _BULLETS or ch.isdigit() or (ch.isupper() and mixed_case):
                    close(False)  # a new line that starts a new thought
                continue
            else:
                if "?" in raw:
                    close(True)
                elif not _SENTENCE_END.isdisjoint(raw) and (
                    e >= text_len
                    or text[e].isspace()
                    or raw[-1] in "\"'”’)]"
                    or raw in ("...", "…")
                ):
                    close(False)
                elif raw in ("–", "—") or (
                    raw in ("-", "--", "---")
                    and s > 0
                    and e < text_len
                    and text[s - 1].isspace()
                    and text[e].isspace()
                ):
                    close(False)  # a dash between spaces starts a new thought
                elif raw == "&":
                    append(("and", s, e))
                elif len(toks) > sent_start and not _CLAUSE_MARK.isdisjoint(raw):
                    if toks[-1][0] != ",":
                        append((",", s, e))
                continue
        parts, flags = entry
        if not flags and not special:
            append((parts[0], s, e))  # the common case: one plain word
            continue
        if (
            flags & _STARTER
            and mixed_case
            and len(toks) > sent_start
            and text[s].isupper()
            and toks[-1][0] not in _TITLES
            and toks[-1][0] != ","
        ):
            close(False)  # "...scratched table Our driver admits...": a full stop is missing
        if special and len(toks) > sent_start:
            prev = toks[-1][0]
            if prev == "its" and parts[0] in _ITS_IS:
                ps, pe = toks[-1][1], toks[-1][2]
                toks[-1] = ("it", ps, pe)
                append(("is", ps, pe))
            elif prev == "'d":
                toks[-1] = ("had" if parts[0] in _PP_LIKE else "would", *toks[-1][1:])
            elif prev in _LOST_APOSTROPHE and (
                len(toks) - 1 == sent_start or toks[-2][0] in _CLAUSE_BEFORE
            ):
                # "well pay for it" (we'll), "were liable" (we're), "ill call you" (I'll)
                pronoun, verb, after = _LOST_APOSTROPHE[prev]
                if parts[0] in after:
                    ps, pe = toks[-1][1], toks[-1][2]
                    toks[-1] = (pronoun, ps, pe)
                    append((verb, ps, pe))
            elif prev in _TITLES and text[s].isupper():
                addressees.add(parts[0])
        for part in parts:
            append((part, s, e))
        special = bool(flags & _SPECIAL)
    if toks and toks[-1][0] == "'d":
        toks[-1] = ("would", *toks[-1][1:])
    close(False)
    columns = (
        list(map(itemgetter(0), toks)),
        list(map(itemgetter(1), toks)),
        list(map(itemgetter(2), toks)),
    )
    return columns, sentences, addressees


_MULTI, _STARTER, _SPECIAL = 1, 2, 4


def _entry(low: str) -> tuple[tuple[str, ...], int]:
    """Canonical tokens and flags of one lower-cased word (kept for the next time)."""
    entry = _EXPAND_CACHE.get(low)
    if entry is None:
        parts = _expand(low)
        entry = _EXPAND_CACHE[low] = (parts, _word_flags(parts))
    return entry


_PLAIN_MARKS = frozenset({",", ".", "!", "?"})
_NOT_PLAIN_RE = re.compile(r"[^\w\s,.!?]")  # a character that rules out _plain_tokens
_PLAIN_ENDS = frozenset({".", "!", "?"})
# A comma next to another comma or to a mark that may end a sentence.
_COMMA_PAIRS = (",,", ",.", ",!", ",?", ".,", "!,", "?,")


def _plain_tokens(
    text: str, raws: list[str], offsets: list[int], harmless: int
) -> tuple[_Columns, list[tuple[int, int, bool]]] | None:
    """The tokens and sentences :func:`_tokenise` makes of plain words and simple marks.

    ``raws`` are the pieces cut from the lower-cased ``text`` and ``offsets``
    where they and the gaps between them start. None unless every piece is a
    word of one token with no flags but ``harmless``, a comma, or a lone ".",
    "!" or "?", with no comma first, next to another or next to one of those
    marks. Then, as in the full pass: each word is one token; a comma has a word
    on each side, so it is kept, but a last one; "?" ends a sentence, a question;
    "." and "!" end one when a space or the end of the text follows, and are
    dropped either way.
    """
    if not raws or raws[0] == ",":
        return None
    distinct = set(raws)
    if any(raw not in _PLAIN_MARKS and not raw[0].isalnum() for raw in distinct):
        return None
    marks = distinct & _PLAIN_MARKS
    canonical: dict[str, str] = {mark: mark for mark in marks}
    for raw in distinct:
        if raw not in marks:
            parts, flags = _entry(raw)
            if flags & ~harmless:
                return None
            canonical[raw] = parts[0]
    # Words start and end with a letter or digit, so a pair of marks in the joined
    # pieces is two pieces side by side.
    if "," in marks and len(marks) > 1:
        joined = "".join(raws)
        if any(pair in joined for pair in _COMMA_PAIRS):
            return None
    elif "," in marks and ",," in "".join(raws):
        return None
    words = list(map(canonical.__getitem__, raws))
    starts, ends = offsets[1:-1:2], offsets[2::2]
    sentences: list[tuple[int, int, bool]] = []
    closers = list(compress(range(len(raws)), map(_PLAIN_ENDS.__contains__, words)))
    if closers:
        text_len, sent_start = len(text), 0
        for k, at in enumerate(closers):
            question = words[at] == "?"
            e = ends[at]
            if question or e >= text_len or text[e].isspace():
                end = at - k  # the tokens before this mark
                if end > sent_start:
                    sentences.append((sent_start, end, question))
                    sent_start = end
        keep = [True] * len(raws)
        _set_all(keep, closers, False)
        words = list(compress(words, keep))
        starts = list(compress(starts, keep))
        ends = list(compress(ends, keep))
    else:
        sent_start = 0
    if words and words[-1] == ",":
        del words[-1], starts[-1], ends[-1]
    if len(words) > sent_start:
        sentences.append((sent_start, len(words), False))
    return (words, starts, ends), sentences


def _word_flags(parts: tuple[str, ...]) -> int:
    """Why a word needs more than the plain path in :func:`_tokenise`."""
    flags = _MULTI if len(parts) > 1 else 0
    if parts[0] in _STARTERS:
        flags |= _STARTER
    if parts[-1] in _SPECIAL_PREV:
        flags |= _SPECIAL
    return flags


def _is_past(word: str) -> bool:
    if word in _IRREGULAR_PAST or word in _HARM_PAST or word in _AMBIG_PAST:
        return True
    if len(word) > 3 and word.endswith("ed") and word not in _NOT_VERB_ED:
        return not word.endswith("eed") or word in ("freed", "agreed", "guaranteed")
    return word.startswith("re") and word[2:] in _IRREGULAR_PAST


# Word groups asked about over a span of tokens ("is there a preposition between
# here and the verb?"). :meth:`_Doc.where` lists where each group's words stand
# once per text, so each question costs a binary search, not a walk over the span:
# a check stays linear however long a sentence without punctuation gets.
_NP_PREPS = _set("from in at on of with for near inside behind")
_NP_BREAK = _AUX | _NP_STOP | _set("who that which we i you he she they")
_NP_BREAK_OR_PREP = _NP_BREAK | _NP_PREPS
_HEAD_STOP = _AUX | _set("from in at on of with who that which")
_POSS_S = _set("'s")
_PP_OURS = _set("our my us here")
_ARE_WERE_HAVE = _set("are were have")
_POSS_DETS = _set("our my the a your their")
_FROM_OFF = _set("from off")
_LONGER = _set("longer")
_AS_WORD = _set("as")
# Spans up to this many words are looked at word by word; longer ones use the lists.
_SHORT_SPAN = 24
_BY_WORD = _set("by")
_MANNER_STOP = _set("nothing anything no")
_SUBJECT_SKIP = _SKIP_ADV | _AUX_PLAIN | _NEG
_PASSIVE_SKIP = _SKIP_ADV | _set("not never")
_NP_SKIP = (_OPENERS | _SKIP_ADV) - _KEEP_IN_NP
_NO_DOUBT = _set("doubt longer wonder")
_LEAD_SKIP = _OPENERS - _set("no yes")
_SOME_SUBJECTS = _set("someone somebody one some two several both all each")
_PRONOUN_DECIDERS = _ROLE | _STAFF_NOUNS | _CUSTOMER_WORDS | _THIRD | _TITLES | _PETS
# Known words that never settle who "he" or "she" is (see _Doc._pronoun_decides).
_PRONOUN_NEUTRAL = _KNOWN - _PRONOUN_DECIDERS

_FIRST = "we"  # we / I
_OURS = "ours"  # our equipment, product, premises or team
_STAFF = "staff"  # a colleague by role or by name
_YOU = "you"
_OTHER = "other"
_NEGSUBJ = "neg"
_NEGFIRST = "negfirst"
_NONE = "none"
_BUSINESS = frozenset({_FIRST, _OURS, _STAFF})


# Of two findings over the same words, the one of the highest rank is kept.
_PRIORITY = {
    FindingKind.BLAME_COLLEAGUE: 4,
    FindingKind.ADMISSION: 3,
    FindingKind.PROMISE_TO_PAY: 2,
    FindingKind.NON_APOLOGY: 1,
}


@dataclass(slots=True)
class _Candidate:
    start_tok: int
    end_tok: int
    kind: FindingKind
    reason: str


def _numbered(n: int, firsts: Iterable[int]) -> list[int]:
    """For ``n`` positions, the number of the stretch each is in, given where they start.

    The first stretch starts at 0.
    """
    marks = [0] * n
    _set_all(marks, firsts, 1)
    if n:
        marks[0] = 0
    return list(accumulate(marks))


def _set_all(items: list[Any], where: Iterable[int], value: object) -> None:
    """``items[k] = value`` for each ``k`` in ``where`` (in one call over them)."""
    deque(map(items.__setitem__, where, repeat(value)), maxlen=0)


# A pattern tried at more start words than this is first checked with _may_match.
_FEW_TRIES = 16


def _may_match(needed: tuple[frozenset[str], ...], canon: str, known: dict[str, bool]) -> bool:
    """Does ``canon`` hold a word of each set in ``needed``? (``known`` keeps answers.)"""
    for either in needed:
        found = False
        for word in either:
            here = known.get(word)
            if here is None:
                here = known[word] = word in canon
            if here:
                found = True
                break
        if not found:
            return False
    return True


def _match_patterns(
    words: list[str], pos: list[int], canon: str
) -> dict[re.Pattern[str], list[re.Match[str]]]:
    """Every pattern's matches, trying it only where one of its first words stands.

    ``pos`` gives where each word starts in ``canon``, the words joined.
    """
    n = len(words)
    index = _INDEX
    first, pairs = index.first, index.pairs
    word_at = words.__getitem__
    at_word = {  # start word -> where it stands, in order
        w: list(group)
        for w, group in groupby(
            sorted(compress(range(n), map(index.starts.__contains__, words)), key=word_at),
            key=word_at,
        )
    }
    tries: dict[re.Pattern[str], list[list[int]]] = {}  # pattern -> lists of tokens
    at_pair: dict[re.Pattern[str], list[int]] = {}  # pattern -> tokens its word pair starts at
    for w, where_w in at_word.items():
        for rx in first.get(w, ()):
            tries.setdefault(rx, []).append(where_w)
        followers = pairs.get(w)
        if followers is not None:
            for i in where_w:
                for rx in followers.get(words[i + 1] if i + 1 < n else "", ()):
                    got = at_pair.get(rx)
                    if got is None:
                        at_pair[rx] = [i]
                    else:
                        got.append(i)
    for rx, at_rx in at_pair.items():
        at_rx.sort()  # in order when a pattern starts with more than one pair
        tries.setdefault(rx, []).append(at_rx)
    hits: dict[re.Pattern[str], list[re.Match[str]]] = {}
    in_canon: dict[str, bool] = {}
    for rx, lists in tries.items():
        at = sorted(chain.from_iterable(lists)) if len(lists) > 1 else lists[0]
        if len(at) > _FEW_TRIES and not _may_match(index.needed.get(rx, ()), canon, in_canon):
            continue  # the words every match needs are not in the text
        found = list(filter(None, map(rx.match, repeat(canon), map(pos.__getitem__, at))))
        if found:
            hits[rx] = found
    for rx in index.fallback:  # pragma: no cover - only without the regex parser
        found_all = list(rx.finditer(canon))
        if found_all:
            hits[rx] = found_all
    return hits


class _Doc:
    """The tokens of one text and the analysis over them."""

    def __init__(self, text: str) -> None:
        self.text = text
        (words, starts, ends), sentences, addressees = _tokenise(text)
        n = len(words)
        self.words = words
        self.starts = starts
        self.ends = ends
        self.sentences = sentences
        self.addressees = addressees

        # Clauses, with each token's clause and sentence (sentences cover every token).
        sent_of = _numbered(n, map(itemgetter(0), sentences))
        # A clause ends at a comma (which is in no clause), before a conjunction that
        # starts a new subject ("and we", "because", "in case"), and where its
        # sentence ends. A comma never starts or ends a sentence, nor follows one,
        # so every stretch between two of these cuts holds at least one word.
        commas = list(compress(range(n), map(",".__eq__, words)))
        conj = self._conjunction_cuts(sent_of)
        c_starts = sorted(chain(map(itemgetter(0), sentences), map(add, commas, repeat(1)), conj))
        c_ends = sorted(chain(map(itemgetter(1), sentences), commas, conj))
        by_conj = set(conj)
        # start, end, sentence, split by a conjunction
        clauses: list[tuple[int, int, int, bool]] = list(
            zip(
                c_starts,
                c_ends,
                map(sent_of.__getitem__, c_starts),
                map(by_conj.__contains__, c_starts),
                strict=True,
            )
        )
        # Clauses follow each other, separated only by commas, which are in none.
        clause_of = _numbered(n, c_starts)
        _set_all(clause_of, commas, -1)
        # Each sentence has one clause or more: from the one its first word is in.
        firsts = [*map(clause_of.__getitem__, map(itemgetter(0), sentences)), len(clauses)]
        sent_clauses = list(map(range, firsts, firsts[1:]))
        self.clauses = clauses
        self.clause_of = clause_of
        self.sent_of = sent_of
        self.sent_clauses = sent_clauses

        # The canonical string: sentences joined with " | ", tokens with spaces.
        gaps = [1] * n
        lasts = list(map(sub, map(itemgetter(1), sentences), repeat(1)))
        for i in lasts:
            gaps[i] = 3
        pos = list(accumulate(map(add, map(len, words), gaps), initial=0))
        pos.pop()
        marked = words.copy()  # the last word of each sentence but the last one gets " |"
        for i in lasts[:-1]:
            marked[i] += " |"
        canon = " ".join(marked)
        self.canon = canon
        self.pos = pos
        self._ctx: dict[int, _SentCtx] = {}
        self.hits = _match_patterns(words, pos, canon)
        self._by_sentence: dict[re.Pattern[str], dict[int, list[re.Match[str]]]] = {}
        self._case_blind: dict[int, bool] = {}
        # Worked out once per text, as the rules ask (see "positions of words").
        self._where: dict[object, list[int]] = {}
        self._runs: dict[object, list[int]] = {}
        self._names: dict[int, bool] = {}
        self._leads: dict[int, int] = {}
        self._frame_jumps: dict[int, tuple[int, list[int]]] = {}
        self._pronoun_near: dict[int, list[tuple[int, str]]] = {}
        self._by_agents: dict[int, str] = {}
        self._action_stop: dict[int, int] = {}
        self._action_cat: dict[int, str] = {}
        self._tail_manner: dict[int, tuple[int, int]] = {}
        self._custody_harm: dict[int, bool] = {}
        self._np_fixed: dict[int, str] = {}
        self._framed: set[int] | None = None
        self._negs: list[int] | None = None
        self._frames_at: list[int] | None = None
        self._unplain: set[int] | None = None
        self._found_in_clause: dict[int, int] = {}  # clause -> highest rank flagged there

    def _conjunction_cuts(self, sent_of: list[int]) -> list[int]:
        """Where a conjunction starts a new clause: "and we", "because", "in case"."""
        words, sentences = self.words, self.sentences
        conj = []
        for i in compress(range(len(words)), map(_SPLIT_WORDS.__contains__, words)):
            a, b, _q = sentences[sent_of[i]]
            if i == a or words[i - 1] == ",":
                continue  # already the start of a clause
            w = words[i]
            if w in _SUBORD_SPLIT:
                split_here = True
            elif w in _CONJ_SPLIT:
                nxt_w = words[i + 1] if i + 1 < b else ""
                split_here = nxt_w in _SUBJ_START or (
                    i + 1 < b and nxt_w not in _KNOWN and self.cap(i + 1)
                )
            else:  # "in case"
                split_here = i + 1 < b and words[i + 1] == "case"
            if split_here:
                conj.append(i)
        return conj

    # -- helpers ------------------------------------------------------------

    def cap(self, i: int) -> bool:
        """Is token ``i`` written with a capital first letter (and not in all caps)?"""
        raw = self.text[self.starts[i] : self.ends[i]]
        return raw[:1].isupper() and not raw.isupper()

    def hit(self, rx: re.Pattern[str]) -> list[re.Match[str]]:
        return self.hits.get(rx, [])

    def sentence_hits(self, rx: re.Pattern[str], si: int) -> list[re.Match[str]]:
        """Matches of ``rx`` that start in sentence ``si``."""
        by_sentence = self._by_sentence.get(rx)
        if by_sentence is None:
            by_sentence = {}
            for m in self.hits.get(rx, ()):
                by_sentence.setdefault(self.sent_of[self.tok_at(m.start())], []).append(m)
            self._by_sentence[rx] = by_sentence
        return by_sentence.get(si, [])

    def framed_sentences(self) -> set[int]:
        """Sentences where reported speech, a hedge or a goodwill frame was matched."""
        if self._framed is None:
            self._framed = {
                self.sent_of[self.tok_at(m.start())]
                for rx in (_REPORT_MARK_RE, _HEDGE_RE, _WITHOUT_RE, _GOODWILL_RE)
                for m in self.hits.get(rx, ())
            }
        return self._framed

    def tok_at(self, char: int) -> int:
        return bisect_right(self.pos, char) - 1

    # -- positions of words -----------------------------------------------------

    def where(self, group: frozenset[str] | str) -> list[int]:
        """Positions of the tokens in ``group``, in order, found once per text.

        ``group`` is a set of words, or the name of a group that depends on the
        neighbouring words too (see :meth:`_derived`).
        """
        found = self._where.get(group)
        if found is None:
            if isinstance(group, str):
                found = self._derived(group)
            else:
                found = list(compress(range(len(self.words)), map(group.__contains__, self.words)))
            self._where[group] = found
        return found

    def _derived(self, name: str) -> list[int]:
        words = self.words
        n = len(words)
        if name == "past":
            past = frozenset(w for w in set(words) if _is_past(w))
            return self.where(past)
        if name == "strong_neg":  # a negation, but not "no doubt", "no longer", "no wonder"
            return [
                k
                for k in self.where(_NEG)
                if not (words[k] == "no" and k + 1 < n and words[k + 1] in _NO_DOUBT)
            ]
        if name == "framed_neg":  # ...that governs a verb of thinking or saying
            return [
                k
                for k in self.where("strong_neg")
                if not _NEG_FRAMES.isdisjoint(words[k + 1 : k + 4])
            ]
        if name == "as_agreed":  # "as agreed", "as you asked" is not harm
            return [k for k in self.where(_AS_WORD) if k + 1 < n and words[k + 1] in _AS_AGREED]
        if name == "agent_by":  # "by our fitter", not "by mistake"
            return [
                k for k in self.where(_BY_WORD) if k + 1 < n and words[k + 1] not in _BY_NOT_AGENT
            ]
        if name == "manner_stop":  # where the look back for a manner word's verb stops
            did_base = [k for k in self.where(_HARM_BASE_WORDS) if k > 0 and words[k - 1] == "did"]
            return sorted(set(self.where(_MANNER_STOP)) | set(self.where("past")) | set(did_base))
        if name == "passive_past":  # "was damaged", "were badly scratched"
            return [k for k in self.where("past") if self.passive(k, self.clause_start(k))]
        raise KeyError(name)

    def _member(self, group: frozenset[str] | str, k: int) -> bool:
        """Is the token at ``k`` in ``group`` (a set of words or a group's name)?"""
        words = self.words
        w = words[k]
        if not isinstance(group, str):
            return w in group
        if group == "past":
            return _is_past(w)
        if group in ("strong_neg", "framed_neg"):
            if w not in _NEG or (w == "no" and k + 1 < len(words) and words[k + 1] in _NO_DOUBT):
                return False
            return group == "strong_neg" or not _NEG_FRAMES.isdisjoint(words[k + 1 : k + 4])
        if group == "as_agreed":
            return w == "as" and k + 1 < len(words) and words[k + 1] in _AS_AGREED
        if group == "agent_by":
            return w == "by" and k + 1 < len(words) and words[k + 1] not in _BY_NOT_AGENT
        if group == "manner_stop":
            return (
                w in _MANNER_STOP
                or _is_past(w)
                or (w in _HARM_BASE_WORDS and k > 0 and words[k - 1] == "did")
            )
        if group == "passive_past":
            return _is_past(w) and self.passive(k, self.clause_start(k))
        raise KeyError(group)

    def next_of(self, group: frozenset[str] | str, lo: int, hi: int) -> int:
        """The first position in ``[lo, hi)`` of a word in ``group``, else -1."""
        if hi - lo <= _SHORT_SPAN and group not in self._where:
            # a few words: look at them rather than list the whole text's
            if isinstance(group, str):
                member = self._member
                return next((k for k in range(max(lo, 0), hi) if member(group, k)), -1)
            words = self.words
            for k in range(max(lo, 0), hi):
                if words[k] in group:
                    return k
            return -1
        found = self.where(group)
        k = bisect_left(found, lo)
        return found[k] if k < len(found) and found[k] < hi else -1

    def last_of(self, group: frozenset[str] | str, lo: int, hi: int) -> int:
        """The last position in ``[lo, hi)`` of a word in ``group``, else -1."""
        if hi - lo <= _SHORT_SPAN and group not in self._where:
            member = self._member
            return next((k for k in range(hi - 1, max(lo, 0) - 1, -1) if member(group, k)), -1)
        found = self.where(group)
        k = bisect_left(found, hi) - 1
        return found[k] if k >= 0 and found[k] >= lo else -1

    def count_of(self, group: frozenset[str] | str, lo: int, hi: int) -> int:
        if hi - lo <= _SHORT_SPAN and group not in self._where:
            return sum(1 for k in range(max(lo, 0), hi) if self._member(group, k))
        found = self.where(group)
        return max(0, bisect_left(found, hi) - bisect_left(found, lo))

    def _run_keys(self, group: frozenset[str]) -> list[int]:
        # position - index is the same all along a run of neighbouring positions
        keys = self._runs.get(group)
        if keys is None:
            keys = [at - k for k, at in enumerate(self.where(group))]
            self._runs[group] = keys
        return keys

    def skip_forward(self, group: frozenset[str], i: int) -> int:
        """The first position from ``i`` on whose word is not in ``group``."""
        words = self.words
        end = min(len(words), i + _SHORT_SPAN)
        while i < end and words[i] in group:
            i += 1
        if i >= len(words) or words[i] not in group:
            return i
        found = self.where(group)
        k = bisect_left(found, i)
        if k >= len(found) or found[k] != i:
            return i
        keys = self._run_keys(group)
        last = bisect_right(keys, keys[k]) - 1
        return found[last] + 1

    def skip_back(self, group: frozenset[str], i: int) -> int:
        """The last position up to ``i`` whose word is not in ``group`` (-1 if none)."""
        words = self.words
        end = max(-1, i - _SHORT_SPAN)
        while i > end and words[i] in group:
            i -= 1
        if i < 0 or words[i] not in group:
            return i
        found = self.where(group)
        k = bisect_left(found, i)
        if k >= len(found) or found[k] != i:
            return i
        keys = self._run_keys(group)
        first = bisect_left(keys, keys[k])
        return found[first] - 1

    def clause_start(self, i: int) -> int:
        return self.clauses[self.clause_of[i]][0]

    def clause_bounds(self, i: int) -> tuple[int, int]:
        a, b, _s, _c = self.clauses[self.clause_of[i]]
        return a, b

    def ctx(self, si: int) -> _SentCtx:
        c = self._ctx.get(si)
        if c is None:
            c = _SentCtx(self, si)
            self._ctx[si] = c
        return c

    def lead(self, ci: int) -> int:
        """First token of a clause after leading conjunctions."""
        i = self._leads.get(ci)
        if i is None:
            a, b, _s, _c = self.clauses[ci]
            i = a if self.words[a] not in _LEAD_SKIP else self.skip_forward(_LEAD_SKIP, a)
            i = min(i, max(a, b - 1))
            self._leads[ci] = i
        return i

    def is_name(self, i: int) -> bool:
        known = self._names.get(i)
        if known is not None:
            return known
        w = self.words[i]
        name = not (w in _KNOWN or len(w) < 2 or w in self.addressees or not self.cap(i))
        if name and i > 0 and self.words[i - 1] in _TITLES:
            name = False
        name = name and w.isalpha()
        self._names[i] = name
        return name

    def subject_start(self, lo: int, p: int) -> int:
        """Where the subject of the verb at ``p`` starts (after frames like "sorry")."""
        if p - 1 <= lo:
            return lo  # no room for a frame or a subject before the verb
        frames = self._frames_at
        if frames is None:
            frames = self._frames_at = self.where(_FRAMES)
        f = bisect_left(frames, lo)
        if f == len(frames) or frames[f] >= p - 1:
            # no frame word before the verb, so the subject cannot start after one
            prev = self.words[p - 1]
            if prev not in _SUBJECT_SKIP:
                return p - 1 if prev in _SUBJECT_PRONOUNS else lo
            j = max(self.skip_back(_SUBJECT_SKIP, p - 1), lo)
            return j if j > lo and self.words[j] in _SUBJECT_PRONOUNS else lo
        limit, jumps = self._frame_jumps.get(lo) or self._jumps_from(lo)
        if p > limit:  # pragma: no cover - every verb asked about is in the clause of ``lo``
            limit, jumps = self._jumps_from(lo, p)
        k = bisect_left(jumps, p) - 1
        ss = jumps[k] if k >= 0 else lo
        # A personal pronoun straight before the verb is its subject: "it's clear we fitted".
        if p - 1 <= ss:
            return ss
        j = max(self.skip_back(_SUBJECT_SKIP, p - 1), ss)
        if j > ss and self.words[j] in _SUBJECT_PRONOUNS:
            return j
        return ss

    def _jumps_from(self, lo: int, limit: int = -1) -> tuple[int, list[int]]:
        """Where a reading from ``lo`` skips over a frame ("sorry", "I think that").

        Reading from ``lo``, a frame word followed by the start of a subject moves
        the subject's start there. The subject of a verb at ``p`` starts at the
        last such jump before ``p``, so the jumps are found once per clause.
        """
        words = self.words
        cached = limit < 0
        if cached:
            limit = self.clauses[self.clause_of[lo]][1] if lo < len(words) else lo
        jumps: list[int] = []
        i = lo
        while True:
            f = self.next_of(_FRAMES, i, limit)
            if f < 0:
                break
            i = f + 1
            if f + 1 >= limit:
                continue
            j = self.skip_forward(_FRAME_SKIP, f + 1)
            if j >= limit or not (
                words[j] in _SUBJ_START or words[j] in _FIRST_PRON or self.is_name(j)
            ):
                continue
            if words[f] == "that" and f > lo and words[f - 1] not in _FRAMES:
                # "that" straight after a noun is a relative pronoun, keep going
                if words[j] not in _FIRST_PRON and words[j] not in ("you", "he", "she"):
                    continue
            jumps.append(j)
            i = j
        if cached:
            self._frame_jumps[lo] = (limit, jumps)
        return limit, jumps

    def np_category(self, ss: int, p: int) -> tuple[str, int]:
        """Category of the noun phrase starting at ``ss`` (subject of the verb at ``p``)."""
        words = self.words
        if ss < p and words[ss] not in _NP_SKIP:
            i = ss
        else:
            i = min(self.skip_forward(_NP_SKIP, ss), p)
            if i >= p:
                return _NONE, -1
        fixed = self._np_fixed.get(i)
        if fixed is None:
            fixed = self._np_fixed[i] = self._fixed_category(i)
        if fixed:
            return fixed, i
        w = words[i]
        # cleft: "it was (not) our groomer who cut..."
        if w in ("it", "that", "this") and i + 2 < p and words[i + 1] in ("is", "was"):
            j = i + 2
            if words[j] in _NEG:
                j += 1
            for k in range(j + 1, min(p, j + 7)):
                if words[k] in ("who", "that", "which"):
                    return self.np_category(j, k)
        if w in _FIRST_PRON:
            return _FIRST, i
        if w in _NEG_SUBJ or (w == "no" and i + 1 < p and words[i + 1] == "one"):
            for k in range(i + 1, min(p, i + 5)):
                if words[k] in ("us", "our", "my", "here", "we"):
                    return _NEGFIRST, i
            return _NEGSUBJ, i
        if w in _YOU_WORDS:
            return _YOU, i
        if w in _SOME_SUBJECTS:
            for k in range(i + 1, min(p, i + 5)):
                if words[k] in ("us", "our", "here", "my"):
                    head = self._head_after(k + 1, p)
                    return (_STAFF if head in _ROLE else _FIRST), i
                if words[k] in _AUX:
                    break
        if w in ("he", "she"):
            return self._resolve_pronoun(i), i
        if w in _OTHER_PRON:
            return _OTHER, i
        if w in ("our", "my"):
            return self._np_tail(i + 1, p, True), i
        if w in _DETS:
            return self._np_tail(i + 1, p, False, det=w), i
        if self.is_name(i) or self._blind_name(i, p):
            if self._plural_subject(i, p):
                return _OTHER, i  # "Bikes left outside are at the owner's risk"
            return _STAFF, i
        if w in _COLLECTIVE:
            return _FIRST, i
        if w in _CUSTOMER_WORDS:
            return _YOU, i
        if w in _THIRD:
            return _OTHER, i
        if w in _ROLE and i + 1 < p and words[i + 1] in ("from", "in", "at", "on"):
            return self._np_tail(i, p, False, det="the"), i
        return _OTHER, i

    def _fixed_category(self, i: int) -> str:
        """What :meth:`np_category` says of a noun phrase whose first word is at ``i``
        when the verb after it does not matter, else "" (the same tests, in order)."""
        words = self.words
        w = words[i]
        if w in ("it", "that", "this"):
            return ""
        if w in _FIRST_PRON:
            return _FIRST
        if w in _NEG_SUBJ or w == "no":
            return ""
        if w in _YOU_WORDS:
            return _YOU
        if w in _SOME_SUBJECTS:
            return ""
        if w in ("he", "she"):
            return self._resolve_pronoun(i)
        if w in _OTHER_PRON:
            return _OTHER
        if w in ("our", "my") or w in _DETS or self.is_name(i):
            return ""
        if not (w in _KNOWN or len(w) < 3 or not w.isalpha() or not self.case_blind(i)) and not (
            w.endswith("s") and not w.endswith(("ss", "us", "is"))
        ):
            return ""  # may be a name written in lower case: it depends on the next word
        if w in _COLLECTIVE:
            return _FIRST
        if w in _CUSTOMER_WORDS:
            return _YOU
        if w in _THIRD:
            return _OTHER
        if w in _ROLE:
            return ""
        return _OTHER

    def case_blind(self, i: int) -> bool:
        """Is token ``i`` in a sentence written all in lower case or all in capitals?"""
        si = self.sent_of[i]
        blind = self._case_blind.get(si)
        if blind is None:
            a, b, _q = self.sentences[si]
            seg = self.text[self.starts[a] : self.ends[b - 1]]
            blind = seg.isupper() or seg.replace("I", "i").islower()
            self._case_blind[si] = blind
        return blind

    def _blind_name(self, i: int, p: int) -> bool:
        """Without capitals, "marco spelt it wrong": an unknown word right before its verb."""
        w = self.words[i]
        if w in _KNOWN or len(w) < 3 or not w.isalpha() or not self.case_blind(i):
            return False
        if w.endswith("s") and not w.endswith(("ss", "us", "is")):
            return False
        nxt = self.words[i + 1] if i + 1 < p else ""
        return i + 1 == p or nxt in ("from", "in", "at", "on", "did", "has", "had")

    def _plural_subject(self, i: int, p: int) -> bool:
        """A capitalised plural noun with a reduced relative, not a colleague's name."""
        w = self.words[i]
        if not w.endswith("s") or w.endswith(("ss", "us", "is")):
            return False
        _lo, hi = self.clause_bounds(p)
        return self.next_of(_ARE_WERE_HAVE, p + 1, hi) >= 0

    def _resolve_pronoun(self, i: int) -> str:
        """ "he"/"she": a colleague named or mentioned just before, or someone else."""
        si = self.sent_of[i]
        floor = self.sentences[si - 1][0] if si > 0 else 0
        if i - 1 < floor:
            return _OTHER
        # The word just before cannot be a name in lower case ("marco says he...").
        found = self._pronoun_decides(i - 1, floor, blind=False)
        if found:
            return found
        if i - 2 < floor:
            return _OTHER
        near = self._pronoun_near.get(floor)
        if near is None:
            near = []
            self._pronoun_near[floor] = near
        # near[x - floor]: the nearest word at or before x that settles who it is
        words, append = self.words, near.append
        for k in range(floor + len(near), i - 1):
            if words[k] in _PRONOUN_NEUTRAL:
                decided = ""  # what _pronoun_decides says of a known word of no role
            else:
                decided = self._pronoun_decides(k, floor, blind=True)
            append((k, decided) if decided else near[-1] if near else (-1, ""))
        return near[i - 2 - floor][1] or _OTHER

    def _pronoun_decides(self, k: int, floor: int, *, blind: bool) -> str:
        """Who "he"/"she" is if the word at ``k`` settles it (else ""), looking back."""
        words = self.words
        w = words[k]
        if self.is_name(k) or (
            blind
            and self.case_blind(k)
            and (words[k + 1] in _REPORT_VERBS or words[k + 1] in _FRAMES)
            and self._blind_name(k, k + 1)
        ):
            return _STAFF
        if w in _ROLE or w in _STAFF_NOUNS:
            j = self.skip_back(_ROLE_MODIFIERS, k - 1)
            if j >= floor and words[j] in ("our", "my"):
                return _STAFF
            if j >= floor and words[j] in _DETS:
                _lo, hi = self.clause_bounds(k)
                if self._np_tail(k, hi, False, det=words[j]) in (_STAFF, _OURS):
                    return _STAFF  # "the jeweller we use"
            return _OTHER
        if w in _CUSTOMER_WORDS or w in _THIRD or w in _TITLES or w in _PETS:
            return _OTHER
        return ""

    def _head_after(self, i: int, p: int) -> str:
        stop = self.next_of(_HEAD_STOP, i, p)
        past = self.next_of("past", i, p if stop < 0 else stop)
        end = min(x for x in (stop, past, p) if x >= 0)
        return self.words[end - 1] if end > i else ""

    def _np_tail(self, i: int, p: int, ours: bool, det: str = "") -> str:
        """Who the noun phrase from ``i`` up to the verb at ``p`` is, after "our", "the"...

        Read word by word, the head words run up to the first preposition, a word
        that ends a noun phrase, or a verb in the past; after a preposition only
        "our/my/us/here" count, up to a word that ends it. Each step is found with
        :meth:`next_of`.
        """
        words = self.words
        end = self.next_of(_NP_BREAK_OR_PREP, i, p)
        if end < 0:
            end = p
        first = self.skip_forward(_POSS_S, i)  # the first word of the head ("'s" is not)
        past_break = -1
        if first < end:
            past_break = self.next_of("past", first + 1, end)
            if past_break >= 0:
                end = past_break
        pp_ours = rel_ours = False
        stop = end if end < p and past_break < 0 else -1
        if stop >= 0 and words[stop] in _NP_PREPS:
            after = self.next_of(_NP_BREAK, stop + 1, p)
            pp_ours = self.next_of(_PP_OURS, stop + 1, p if after < 0 else after) >= 0
            stop = after
        if stop >= 0:
            w = words[stop]
            if w in ("who", "that", "which"):
                rel_ours = stop + 1 < p and words[stop + 1] in ("we", "i")
            elif w in ("we", "i") and w not in _AUX and w not in _NP_STOP:
                rel_ours = True
        last = self.skip_back(_POSS_S, end - 1)
        head = words[last] if last >= i else ""
        if (
            head
            and self.next_of(_THIRD, i, end) >= 0
            and not (ours and head in ("insurer", "insurers"))
        ):
            return _OTHER
        role = head in _ROLE or (
            head not in _EQUIPMENT_ER
            and head.endswith(("er", "or", "ist", "ian"))
            and len(head) > 4
            and head not in _KNOWN
        )
        if ours or pp_ours or rel_ours:
            return _STAFF if role else _OURS
        if det in ("your",):
            return _YOU
        if det == "the" and head in _BUSINESS_THE and end - i - self.count_of(_POSS_S, i, end) == 1:
            return _OURS
        return _OTHER

    def negated(self, lo: int, p: int, ss: int | None = None) -> bool:
        """Is there a negation before ``p`` in its clause?

        With ``ss``, the start of the verb's own subject, a negation before that
        subject counts only when it governs a verb of thinking or saying ("we
        don't believe the photos were lost by us"); otherwise it belongs to an
        earlier statement ("isn't to blame we sent it" with the comma missing).
        """
        if p <= lo:
            return False
        words = self.words
        last = p - 1
        # The word just before the verb counts whenever it is a negation, even "no".
        if words[last] in _NEG and (
            ss is None or last >= ss or not _NEG_FRAMES.isdisjoint(words[p : p + 3])
        ):
            return True
        if not self.has_neg(lo, last):
            return False  # no negation at all between ``lo`` and the verb
        if ss is None:
            return self.next_of("strong_neg", lo, last) >= 0
        cut = max(lo, min(ss, last))
        return (
            self.next_of("framed_neg", lo, cut) >= 0
            or self.next_of("strong_neg", max(lo, ss), last) >= 0
        )

    def has_neg(self, lo: int, hi: int) -> bool:
        """Is there a negation in ``[lo, hi)``? (Nothing is negated without one.)"""
        negs = self._negs
        if negs is None:
            negs = self._negs = self.where(_NEG)
        k = bisect_left(negs, lo)
        return k < len(negs) and negs[k] < hi

    def modal_blocked(self, p: int, lo: int) -> bool:
        """True when the verb at ``p`` is future, hypothetical or an infinitive."""
        words = self.words
        j = p - 1
        steps = 0
        while j >= lo and steps < 5:
            w = words[j]
            if w in _SKIP_ADV or w in ("not", "never", "n't"):
                j -= 1
                continue
            if w in _AUX_PLAIN:
                if w == "have" and j - 1 >= lo and words[j - 1] == "must":
                    return False
                j -= 1
                steps += 1
                continue
            if w == "to":
                return not (
                    j - 1 >= lo
                    and words[j - 1]
                    in ("managed", "happened", "seem", "seemed", "appear", "appeared")
                )
            return w in _MODAL_BLOCK or w in ("going", "must")
        return False

    def passive(self, p: int, lo: int) -> bool:
        if p <= lo:
            return False
        prev = self.words[p - 1]
        if prev not in _PASSIVE_SKIP:  # the usual case: no adverb to step over
            return prev in _BE
        j = self.skip_back(_PASSIVE_SKIP, p - 1)
        return j >= lo and self.words[j] in _BE

    def by_agent(self, p: int, hi: int) -> str:
        """Agent of a passive verb: "was damaged by our fitter", "was lost by us"."""
        # the first "by" that names someone, not "by mistake", "by hand", "by Friday"
        k = self.next_of("agent_by", p + 1, hi - 1)
        if k < 0:
            return _NONE
        if self.words[k + 1] in ("us", "me"):
            return _FIRST
        cat = self._by_agents.get(k)
        if cat is None:
            cat, _ = self.np_category(k + 1, hi)
            self._by_agents[k] = cat
        return cat

    def agent(self, p: int, lo: int, hi: int) -> str:
        """Category of whoever did the verb at ``p`` inside ``[lo, hi)``."""
        if p <= lo:
            return _NONE  # nothing before the verb: not passive, and no subject
        if self.passive(p, lo):
            return self.by_agent(p, hi)
        ss = self.subject_start(lo, p)
        cat, _ = self.np_category(ss, p)
        return cat

    # -- the analysis -----------------------------------------------------------

    def analyse(self, fault_is_ours: bool) -> list[Finding]:
        cands: list[_Candidate] = []
        if not self.words:
            return []
        if not fault_is_ours:
            self._regex_rules(cands)
            self._token_rules(cands)
            self._sentence_rules(cands)
            self._admitted_gerunds(cands)
        self._non_apologies(cands)
        return self._findings(cands)

    def _add(self, cands: list[_Candidate], i: int, kind: FindingKind, reason: str) -> None:
        ci = self.clause_of[i]
        a, b, _s, _c = self.clauses[ci]
        start = a if self.words[a] not in _LEAD_SKIP else self.lead(ci)  # as lead() finds it
        cands.append(_Candidate(start, b, kind, reason))
        rank = _PRIORITY[kind]
        if self._found_in_clause.get(ci, 0) < rank:
            self._found_in_clause[ci] = rank

    def _already_found(self, i: int, kind: FindingKind) -> bool:
        """Would adding ``kind`` at ``i`` change nothing, as its clause is flagged already?

        Every finding added by :meth:`_add` spans its whole clause, and of two
        findings over the same words the first one of the highest rank is kept,
        so a later one of the same or a lower rank is dropped anyway.
        """
        return self._found_in_clause.get(self.clause_of[i], 0) >= _PRIORITY[kind]

    def _admit_asserted(
        self, cands: list[_Candidate], i: int, lo: int, cat: str, reason: str, *, modal: bool = True
    ) -> None:
        """:meth:`_admit` when the statement at ``i`` is asserted (see :meth:`_check`).

        Who did it is known already and decides most cases, so it is looked at
        first; the result is the same as checking first.
        """
        if cat not in _BUSINESS:
            return
        kind = FindingKind.BLAME_COLLEAGUE if cat == _STAFF else FindingKind.ADMISSION
        if not self._already_found(i, kind) and self._check(i, lo, modal=modal):
            self._add(cands, i, kind, "colleague" if cat == _STAFF else reason)  # as _admit

    def _assertive(self, i: int) -> bool:
        si = self.sent_of[i]
        if self._unplain is None:
            self._unplain = self._unplain_sentences()
        if si not in self._unplain:
            return True  # the same as _SentCtx.plain, without building the context
        if self.sentences[si][2]:
            return False  # ends with "?": the same as _SentCtx.question
        return self.ctx(si).assertive(i)

    def _unplain_sentences(self) -> set[int]:
        """Every sentence that is not :attr:`_SentCtx.plain` (and maybe a few that are)."""
        sentences, sent_of, words = self.sentences, self.sent_of, self.words
        out = set(map(sent_of.__getitem__, self.where(_CONTEXT_WORDS)))
        out.update(compress(range(len(sentences)), map(itemgetter(2), sentences)))
        firsts = map(words.__getitem__, map(itemgetter(0), sentences))
        out.update(compress(range(len(sentences)), map(_Q_START.__contains__, firsts)))
        return out | self.framed_sentences()

    def _sympathy_relative(self, lo: int, i: int) -> bool:
        """True for a cause verb in a relative clause after an expression of sympathy:
        "sorry for the upset (that) this has caused", whose subject is the problem."""
        j = max(self.skip_back(_SYMPATHY_AUX, i - 1), lo)
        if j <= lo or self.words[j] not in _SYMPATHY_SUBJECTS:
            return False
        return self.next_of(_SYMPATHY_WORDS, lo, j) >= 0

    def _admit(self, cands: list[_Candidate], i: int, cat: str, reason: str) -> None:
        if cat == _STAFF:
            self._add(cands, i, FindingKind.BLAME_COLLEAGUE, "colleague")
        elif cat in (_FIRST, _OURS):
            self._add(cands, i, FindingKind.ADMISSION, reason)

    def _check(self, p: int, lo: int, *, neg: bool = True, modal: bool = True) -> bool:
        """Is the statement at ``p`` asserted: not negated, future, hedged or framed?"""
        if neg:  # has_neg(lo, p), read here
            negs = self._negs
            if negs is None:
                negs = self._negs = self.where(_NEG)
            k = bisect_left(negs, lo)
            if k < len(negs) and negs[k] < p and self.negated(lo, p, self.subject_start(lo, p)):
                return False
        if modal and self.modal_blocked(p, lo):
            return False
        unplain = self._unplain
        if unplain is not None and self.sent_of[p] not in unplain:
            return True  # as _assertive() finds it
        return self._assertive(p)

    def _regex_rules(self, cands: list[_Candidate]) -> None:
        """Fault phrases, omissions, errors of manner, equipment, causes and payment."""
        words = self.words
        tok_at = self.tok_at

        for m in self.hit(_FAULT_OURS_RE):
            i = tok_at(m.start())
            lo, _hi = self.clause_bounds(i)
            if not self._already_found(i, FindingKind.ADMISSION) and self._check(
                i, lo, modal=False
            ):
                self._add(cands, i, FindingKind.ADMISSION, "fault")

        for m in self.hit(_POSS_FAULT_RE):
            i = tok_at(m.start()) - 1
            lo, hi = self.clause_bounds(i + 1)
            if i < lo:
                continue
            who = words[i]
            cat = _NONE
            if self.is_name(i):
                cat = _STAFF
            elif who in _ROLE or who in _COLLECTIVE:
                k = self.last_of(_POSS_DETS, lo, i)
                if k >= lo and words[k] in ("our", "my"):
                    cat = _STAFF if who in _ROLE else _OURS
            if cat != _NONE and self._check(i, lo, modal=False):
                self._admit(cands, i, cat, "fault")

        for m in self.hit(_FAULT_IS_OURS_RE):
            i = tok_at(m.start())
            lo, _hi = self.clause_bounds(i)
            if not self._already_found(i, FindingKind.ADMISSION) and self._check(
                i, lo, modal=False
            ):
                self._add(cands, i, FindingKind.ADMISSION, "fault")

        clauses, clause_of = self.clauses, self.clause_of
        for m in self.hit(_ON_US_RE):
            i = tok_at(m.start())
            lo = clauses[clause_of[i]][0]
            before = words[max(lo, i - 3) : i]
            if not _TREAT.isdisjoint(before):
                continue
            if not self._check(i, lo, modal=False):
                continue
            if not _COSTY.isdisjoint(before):
                self._add(cands, i, FindingKind.PROMISE_TO_PAY, "pay")
            else:
                self._add(cands, i, FindingKind.ADMISSION, "fault")

        for m in self.hit(_PART_RE):
            i = tok_at(m.start())
            lo, _hi = self.clause_bounds(i)
            if not self._already_found(i, FindingKind.ADMISSION) and self._check(
                i, lo, modal=False
            ):
                self._add(cands, i, FindingKind.ADMISSION, "fault")

        for m in self.hit(_BE_FAULT_RE):
            i = tok_at(m.start())
            lo, hi = self.clause_bounds(i)
            adj = m.group("adj")
            tail = m.group("tail").split()
            if adj == "responsible" and tail[:1] == ["for"] and len(tail) > 1:
                # a duty ("responsible for checking", "for your safety"), not a fault
                duty = tail[1].endswith("ing") and tail[1] not in _HARM_ING
                if duty or (len(tail) > 2 and tail[2] in _DUTY_NOUNS):
                    continue
            if adj == "wrong" and tail and tail[0] in ("with", "about"):
                continue
            cat, _ = self.np_category(self.subject_start(lo, i), i)
            self._admit_asserted(cands, i, lo, cat, "fault", modal=False)

        for m in self.hit(_CARELESS_OF_RE):
            i = tok_at(m.start())
            lo, _hi = self.clause_bounds(i)
            if not self._already_found(i, FindingKind.ADMISSION) and self._check(
                i, lo, modal=False
            ):
                self._add(cands, i, FindingKind.ADMISSION, "fault")

        for rx, reason in (
            (_ACCEPT_RE, "fault"),
            (_MADE_MISTAKE_RE, "fault"),
            (_LAPSE_RE, "fault"),
            (_COULD_BETTER_RE, "should"),
        ):
            for m in self.hit(rx):
                i = tok_at(m.start())
                lo, hi = self.clause_bounds(i)
                ss = self.subject_start(lo, i)
                cat, _ = self.np_category(ss, i)
                if cat == _NONE and rx is _ACCEPT_RE:
                    cat = _FIRST
                self._admit_asserted(cands, i, lo, cat, reason, modal=rx is _MADE_MISTAKE_RE)

        for m in self.hit(_SHOULD_RE):
            i = tok_at(m.start())
            lo, hi = self.clause_bounds(i)
            pp = m.group("pp")
            pp2 = m.group("pp2") or ""
            if pp == "been":
                if pp2 in _SHOULD_BEEN_EXCUSE:
                    continue  # "we should have been told" complains about someone else
            elif not (_is_past(pp) or pp.endswith("en")) or pp in _SHOULD_HAVE_ARRIVED:
                continue  # "it should have arrived" is about someone else
            cat, _ = self.np_category(self.subject_start(lo, i), i)
            self._admit_asserted(cands, i, lo, cat, "should", modal=False)

        for m in self.hit(_FAILED_TO_RE):
            i = tok_at(m.start())
            lo, hi = self.clause_bounds(i)
            cat, _ = self.np_category(self.subject_start(lo, i), i)
            self._admit_asserted(cands, i, lo, cat, "omission")

        for m in self.hit(_NEG_DILIGENCE_RE):
            v = m.group("v")
            if v not in _DILIGENCE and not (v in ("do", "did") and self._test_object(m)):
                continue
            obj = m.group("obj").split()
            if obj and obj[0] in ("any", "anything", "anyone", "anybody"):
                continue  # "we did not notice any damage" is a denial
            if v in ("tell", "told", "warn", "warned", "inform", "informed") and (
                not obj
                or obj[0] not in ("you", "them", "him", "her", "the", "your")
                or obj[-1:] == ["that"]
            ):
                continue
            i = tok_at(m.start())
            lo, hi = self.clause_bounds(i)
            if not self._assertive(i) or self._modal_negation(i, lo):
                continue
            cat, _ = self.np_category(self.subject_start(lo, i), i)
            self._admit(cands, i, cat, "omission")

        for m in self.hit(_NONE_NOTICED_RE):
            i = tok_at(m.start())
            if self._assertive(i):
                self._add(cands, i, FindingKind.ADMISSION, "omission")

        for m in self.hit(_NOT_PROPERLY_RE):
            i = tok_at(m.start())
            lo, hi = self.clause_bounds(i)
            if not self._assertive(i) or self._modal_negation(i, lo):
                continue
            cat, _ = self.np_category(self.subject_start(lo, i), i)
            if self.passive(i + 1, lo) or (i + 1 < hi and words[i + 1] in _BE):
                continue
            self._admit(cands, i, cat, "omission")

        for m in self.hit(_SHORTFALL_RE):
            i = tok_at(m.start())
            lo, hi = self.clause_bounds(i)
            cat, _ = self.np_category(self.subject_start(lo, i), i)
            self._admit_asserted(cands, i, lo, cat, "harm")

        for m in self.hit(_MANNER_RE):
            self._manner(cands, tok_at(m.start()), m.group())

        for m in self.hit(_MALFUNCTION_RE):
            i = tok_at(m.start())
            lo, hi = self.clause_bounds(i)
            cat, _ = self.np_category(self.subject_start(lo, i), i)
            if (
                cat in (_OURS, _STAFF)
                and not self._already_found(i, FindingKind.ADMISSION)
                and self._check(i, lo)
            ):
                self._add(cands, i, FindingKind.ADMISSION, "equipment")

        for m in self.hit(_CAUSE_RE):
            i = tok_at(m.start())
            lo, hi = self.clause_bounds(i)
            if i > lo and words[i - 1] in _PARTICIPLE_NOUNS:
                continue  # "any inconvenience caused" is a participle, not a cause
            if self._sympathy_relative(lo, i):
                continue  # "sorry for the trouble it has caused": "it" is the problem
            cat, _ = self.np_category(self.subject_start(lo, i), i)
            self._admit_asserted(cands, i, lo, cat, "harm")

        for m in self.hit(_ATTRIBUTION_RE):
            i = tok_at(m.start())
            lo, hi = self.clause_bounds(i)
            rest = m.group("rest").split()
            if m.group("who") in ("our", "my") and any(r in _THIRD for r in rest):
                continue
            before = words[max(lo, i - 6) : i]
            link = m.group("link")
            if not any(w in _HARM_NOUNS for w in before) and not (
                link != "from" and any(w in ("it", "this", "that") for w in before)
            ):
                continue
            if not self._already_found(i, FindingKind.ADMISSION) and self._check(
                i, lo, modal=False
            ):
                self._add(cands, i, FindingKind.ADMISSION, "harm")

        self._pay_rules(cands)

    def _test_object(self, m: re.Match[str]) -> bool:
        obj = m.group("obj").split()
        return any(
            w in ("test", "check", "checks", "inspection", "assessment", "survey", "tests")
            for w in obj
        )

    def _modal_negation(self, i: int, lo: int) -> bool:
        """ "could not fit it properly" is inability, not an admission."""
        words = self.words
        return i - 1 >= lo and words[i - 1] in ("can", "could", "would", "will", "may", "might")

    def _manner(self, cands: list[_Candidate], m: int, phrase: str) -> None:
        words = self.words
        lo, hi = self.clause_bounds(m)
        first = phrase.split()[0]
        # the verb the manner word belongs to
        v = self.last_of("manner_stop", lo, m)
        if v >= 0 and words[v] in _MANNER_STOP:
            return
        if v == lo and not _is_past(words[v]):
            v = -1  # "did damage" only counts with its "did" in the same clause
        if v < 0 and first in _MANNER_ADV:
            # "we wrongly told you", "I mistakenly deleted"
            for k in range(m + 1, min(hi, m + 3)):
                if _is_past(words[k]):
                    v = k
                    break
        if v < 0:
            if first not in _MANNER_ADJ:
                return
            k = self.next_of("passive_past", m + 1, hi)
            if k >= 0:
                self._admit_asserted(cands, k, lo, self.by_agent(k, hi), "harm")
            return
        verb = words[v]
        if first in ("twice", "double") and verb not in _DUPLICATED:
            return
        if verb in _EPISTEMIC or (verb in ("was", "were", "had") and first == "too"):
            return
        if verb in _REMEDIAL and (first in _MANNER_ADJ or first == "too"):
            return  # "we replaced the faulty valve"
        if verb == "got" and self.next_of(_FROM_OFF, v + 1, m) >= 0:
            return  # "we got the wrong stock from the supplier"
        self._admit_asserted(cands, v, lo, self.agent(v, lo, hi), "harm")

    def _pay_rules(self, cands: list[_Candidate]) -> None:
        words = self.words
        for m in self.hit(_PAY_RE):
            v = m.group("v")
            rest = m.group("rest").split()
            first = rest[0] if rest else ""
            ok = False
            if v.startswith("pay"):
                ok = first in _PAY_OBJECT and rest[1:2] != ["us"] and rest[1:2] != ["me"]
                if first in ("you", "back") and "for" not in rest:
                    ok = any(r in _COSTY for r in rest)  # "pay you back the deposit" is a refund
                if _NOT_COMPENSATION.intersection(rest):
                    ok = False
            elif v.startswith("cover"):
                if first in ("it", "that", "this", "everything", "whatever"):
                    ok = not any(r in ("with", "up", "over", "in") for r in rest[1:2])
                else:
                    ok = any(r in _COSTY for r in rest)
            elif v.startswith("foot"):
                ok = first == "the" and len(rest) > 1 and rest[1] == "bill"
            elif v.startswith(("meet", "settle")):
                ok = first in ("it", "that", "this", "them") or any(r in _COSTY for r in rest[:3])
            elif v.startswith(("reimburs", "compensat")):
                ok = True
            elif v.startswith("refund"):
                ok = bool(_DAMAGE_COSTS.intersection(rest))
            if not ok:
                continue
            i = self.tok_at(m.start())
            lo, _hi = self.clause_bounds(i)
            if not self._pay_context(i, lo):
                continue
            ss = self.subject_start(lo, i)
            cat, _ = self.np_category(ss, i)
            if cat not in _BUSINESS:
                continue
            present = i > ss and words[i - 1] in _PAY_PRESENT
            if present or self.next_of(_PROMISE, ss, i) >= 0:
                self._add(cands, i, FindingKind.PROMISE_TO_PAY, "pay")
        for rx in (_AT_COST_RE, _INSURANCE_RE, _OUT_OF_POCKET_RE):
            for m in self.hit(rx):
                i = self.tok_at(m.start())
                lo, _hi = self.clause_bounds(i)
                if self._pay_context(i, lo):
                    self._add(cands, i, FindingKind.PROMISE_TO_PAY, "pay")

    def _pay_context(self, i: int, lo: int) -> bool:
        ctx = self.ctx(self.sent_of[i])
        return ctx.assertive(i) and not ctx.goodwill and not self.negated(lo, i)

    def _token_rules(self, cands: list[_Candidate]) -> None:
        """Verbs of harm with a business agent: "we dropped", "our fitter scratched"."""
        words = self.words
        clauses, clause_of = self.clauses, self.clause_of
        found_in_clause, priority = self._found_in_clause, _PRIORITY
        for i in list(compress(range(len(words)), map(_TOKEN_TRIGGERS.__contains__, words))):
            w = words[i]
            if w in _HARM_ING and w not in _HARM_PAST:
                self._progressive(cands, i)
                continue
            harm = w in _HARM_PAST
            ambig = not harm and w in _AMBIG_PAST
            if not harm and not ambig:
                if w in _HARM_BASE and i > 0 and words[i - 1] == "did":
                    harm = True
                elif w == "left":
                    lo, hi = self.clause_bounds(i)
                    if not any(x in _LEAVE_COMPLEMENT for x in words[i + 1 : min(hi, i + 6)]):
                        continue
                    harm = True
                else:
                    continue
            lo, hi, _s, _c = clauses[clause_of[i]]
            if i == lo:
                continue  # first in its clause: no subject, so no agent (see agent())
            base = _HARM_PAST.get(w) or _AMBIG_PAST.get(w) or _HARM_BASE.get(w) or w
            after = words[i + 1 : min(hi, i + 7)]

            particle = _PARTICLES.get(base)
            if particle and particle not in after[:4]:
                continue  # "mixed up", "let go": the particle must be there
            if ambig and (
                not self._ambig_object(base, after) or self.next_of("as_agreed", i + 1, hi - 1) >= 0
            ):
                continue
            if ((after and after[0] in _SELF_OBJECT) or base in _IDIOM_BASES) and _idiom(
                base, after
            ):
                continue
            prev = words[i - 1] if i > lo else ""
            if base == "hurt" and prev in _BE:
                continue  # "he was hurt" says nothing about who hurt him
            if prev in _DETS or prev in ("your", "our", "my", "'s"):
                continue  # adjective: "the damaged box"
            # Only a business agent gives a finding: settle who did it first, as it is
            # cheaper than the other checks and rules most triggers out. (agent() with
            # its commonest case, no adverb before the verb, read here.)
            if prev in _PASSIVE_SKIP:
                cat = self.agent(i, lo, hi)
            elif prev in _BE:
                cat = self.by_agent(i, hi)
            else:
                cat = self.np_category(self.subject_start(lo, i), i)[0]
            if cat not in _BUSINESS:
                continue
            # _admit_asserted(cands, i, lo, cat, "harm"), read here
            kind = FindingKind.BLAME_COLLEAGUE if cat == _STAFF else FindingKind.ADMISSION
            if found_in_clause.get(clause_of[i], 0) < priority[kind] and self._check(i, lo):
                self._add(cands, i, kind, "colleague" if cat == _STAFF else "harm")

    def _progressive(self, cands: list[_Candidate], i: int) -> None:
        """ "we have been overcharging you", "our oven keeps burning the bases"."""
        words = self.words
        lo, hi = self.clause_bounds(i)
        j = i - 1
        while j >= lo and words[j] in _SKIP_ADV:
            j -= 1
        if j < lo or words[j] not in _PROGRESSIVE_AUX:
            return
        nxt = words[i + 1] if i + 1 < hi else ""
        if nxt in ("nothing", "our", "my", "ourselves", "myself") or self.modal_blocked(j, lo):
            return
        cat, _ = self.np_category(self.subject_start(lo, i), i)
        self._admit_asserted(cands, i, lo, cat, "harm")

    def _ambig_object(self, base: str, after: list[str]) -> bool:
        window = after[:4]
        if base == "cut":
            return any(x in _CUT_BODY or x in _PETS for x in window[:3]) and not any(
                x in ("hair", "key", "keys", "copy", "copies", "fringe") for x in window
            )
        if not window:
            return False
        if window[0] in ("you", "him", "her", "them"):
            return True
        return any(
            x in _BODY_SURFACE or x in _PETS or x in ("your", "his", "her", "their")
            for x in after[:6]
        )

    def _sentence_rules(self, cands: list[_Candidate]) -> None:
        """Rules that join clauses: causes, custody, product defects, "sorry for..."."""
        words = self.words
        # causal links: "we planted the hedge ..., and the roots are why your lawn floods"
        for m in self.hit(_CAUSAL_RE):
            link = self.tok_at(m.start())
            si = self.sent_of[link]
            a, b, _q = self.sentences[si]
            if self.next_of(_LONGER, link, b) >= 0 or (
                not m.group().startswith(("and ", "so ")) and self.next_of(_OUTCOME, link, b) < 0
            ):
                continue
            if self._assertive(link):
                self._action_before(cands, link, a)

        # "we gave him treats containing chicken even though you had told us..."
        for m in self.hit(_DESPITE_RE):
            link = self.tok_at(m.start())
            self._action_before(cands, link, self.sentences[self.sent_of[link]][0])

        # custody: "your vase broke while we were moving it", "damaged while in our care"
        custody_sents: dict[int, int] = {}
        for m in self.hit(_CUSTODY_RE):
            i = self.tok_at(m.start())
            v = m.group("v")
            if v is not None and (v in _DISCOVERY or v in _BE):
                continue
            who = m.group("who")
            if who is not None and who.startswith("our "):
                head = who.split()[-1]
                if head in _THIRD:
                    continue
            a, b, _q = self.sentences[self.sent_of[i]]
            if self.next_of(_CUSTODY_HARM, a, b) < 0:
                continue
            if self._assertive(i):
                custody_sents.setdefault(self.sent_of[i], i)
        for si, ci_tok in custody_sents.items():
            a, b, _q = self.sentences[si]
            if any(words[k] in _DISCOVERY for k in range(a, b) if k < ci_tok) or (
                "already" in words[a:b] or "before" in words[a:ci_tok]
            ):
                continue
            for k in range(a, b):
                w = words[k]
                if w not in _HARM_PAST and w not in _HARM_INTRANS:
                    continue
                lo, hi = self.clause_bounds(k)
                prev = words[k - 1] if k > lo else ""
                if prev in _DETS or prev in ("your", "our", "my"):
                    continue
                if not self._check(k, lo):
                    continue
                if self.passive(k, lo):
                    cat = self.by_agent(k, hi)
                    if cat not in (_NONE, _FIRST, _OURS, _STAFF):
                        continue
                else:
                    # "your vase broke while we...": an event, or something we did
                    cat, _ = self.np_category(self.subject_start(lo, k), k)
                    event = w in _HARM_INTRANS and cat not in (_YOU, _NEGSUBJ, _NEGFIRST)
                    if cat not in _BUSINESS and not event:
                        continue
                self._add(cands, k, FindingKind.ADMISSION, "harm")
                break

        # "the cake collapsed because we didn't dowel the tiers" / "because we kept it in the van"
        for sent_clauses in self.sent_clauses:
            for prev_ci, ci in itertools.pairwise(sent_clauses):
                a, b, _s, _c = self.clauses[ci]
                if words[a] not in ("because", "cos") or not self._assertive(a):
                    continue
                pa, pb, _s2, _c2 = self.clauses[prev_ci]
                if not _OUTCOME.intersection(words[pa:pb]) or self.negated(pa, pb):
                    continue
                self._because_we(cands, a, b)

        # product defects: "the milk we sold you was out of date"
        defects = self.hit(_DEFECT_RE)
        sale_sents: set[int] = set()
        defect_sents = {self.sent_of[self.tok_at(m.start())] for m in defects}
        for m in self.hit(_SALE_RE) if defects else ():
            i = self.tok_at(m.start())
            if self.sent_of[i] in defect_sents and self._assertive(i):
                sale_sents.add(self.sent_of[i])
        if sale_sents:
            for m in defects:
                i = self.tok_at(m.start())
                if self.sent_of[i] not in sale_sents:
                    continue
                lo, _hi = self.clause_bounds(i)
                if not self._already_found(i, FindingKind.ADMISSION) and self._check(
                    i, lo, modal=False
                ):
                    self._add(cands, i, FindingKind.ADMISSION, "product")

        # "sorry for dropping your parcel"
        for m in self.hit(_SORRY_FOR_RE):
            g = m.group("g")
            i = self.tok_at(m.start())
            lo, hi = self.clause_bounds(i)
            gi = self.tok_at(m.start("g"))
            harm = g in _HARM_ING
            if not harm:
                harm = self._manner_after(gi, hi) and g not in ("replacing", "fixing")
            if harm and self._assertive(i):
                self._add(cands, gi, FindingKind.ADMISSION, "harm")

    def _because_we(self, cands: list[_Candidate], a: int, b: int) -> None:
        """A harm explained by something the shop did, or failed to do."""
        words = self.words
        for k in range(a + 1, b):
            w = words[k]
            omitted = w in _NEG and k + 1 < b and words[k + 1] not in _NEG_OBJECT
            if not (omitted or (_is_past(w) and w not in _AUX_PLAIN)):
                continue
            if w in _REMEDIAL or w in _EPISTEMIC or self.modal_blocked(k, a):
                return
            if not omitted and (self.negated(a, k) or self.passive(k, a)):
                return
            cat, _ = self.np_category(self.subject_start(a + 1, k), k)
            if cat in _BUSINESS:
                self._admit(cands, k, cat, "omission" if omitted else "harm")
            return

    def _action_before(self, cands: list[_Candidate], link: int, a: int) -> None:
        """Flag the nearest asserted action by the shop before ``link`` in its sentence.

        Whether a word settles the matter does not depend on ``link``, so each word
        is looked at once however many links follow it (``_action_stop`` keeps, for
        each word looked at, the nearest one at or before it that settles it).
        """
        memo = self._action_stop
        seen: list[int] = []
        found = -1
        k = link - 1
        while k >= a:
            known = memo.get(k)
            if known is not None:
                found = known
                break
            seen.append(k)
            if self._action_settles(k):
                found = k
                break
            k -= 1
        for x in seen:
            memo[x] = found
        if found >= 0:
            cat = self._action_cat[found]
            if cat in _BUSINESS:
                self._admit(cands, found, cat, "harm")

    def _action_settles(self, k: int) -> bool:
        """Is the word at ``k`` an asserted past action with a known agent?"""
        w = self.words[k]
        if not _is_past(w) or w in _REMEDIAL or w in _EPISTEMIC or w in _BE:
            return False
        lo, _hi = self.clause_bounds(k)
        if not self._assertive(k) or self.modal_blocked(k, lo):
            return False
        if self.negated(lo, k) and w not in _DILIGENCE and w not in ("did", "do"):
            return False
        if self.passive(k, lo):
            return False
        cat, _ = self.np_category(self.subject_start(lo, k), k)
        if cat == _NONE:
            return False
        self._action_cat[k] = cat
        return True

    def _manner_after(self, gi: int, hi: int) -> bool:
        """Is there an error of manner from token ``gi`` to the end of its clause ``hi``?

        The same as searching the words joined from ``gi``, on the canonical string.
        A search from an offset finds the first match at or after it, and that
        answer holds for every offset up to the match; so for one clause, asked
        from left to right, the search moves forward only.
        """
        at = self.pos[gi]
        last = self._tail_manner.get(hi)
        if last is not None and last[0] <= at and (last[1] < 0 or at <= last[1]):
            return last[1] >= 0
        end = self.pos[hi - 1] + len(self.words[hi - 1])
        m = _MANNER_RE.search(self.canon, at, end)
        self._tail_manner[hi] = (at, m.start() if m else -1)
        return m is not None

    def _admitted_gerunds(self, cands: list[_Candidate]) -> None:
        """ "our driver admits clipping it", "Jess admitted forgetting the deposit"."""
        for m in self.hit(_ADMIT_GERUND_RE):
            g = m.group("g")
            if g not in _HARM_ING and g not in _AMBIG_ING and not g.startswith(("mis", "over")):
                continue
            i = self.tok_at(m.start())
            lo, _hi = self.clause_bounds(i)
            cat, _ = self.np_category(self.subject_start(lo, i), i)
            if cat == _NONE:
                cat = _FIRST
            self._admit_asserted(cands, i, lo, cat, "harm")

    def _non_apologies(self, cands: list[_Candidate]) -> None:
        for m in self.hit(_NON_APOLOGY_RE):
            v = m.group("v")
            nxt = (m.group("next") or "").strip()
            if v in ("feel", "felt") and (nxt in _NON_APOLOGY_ILLNESS or nxt == ""):
                if nxt in _NON_APOLOGY_ILLNESS:
                    continue
            i = self.tok_at(m.start())
            j = self.tok_at(m.end() - 1)
            ci, cj = self.clause_of[i], self.clause_of[j]
            start = self.lead(ci) if self.lead(ci) <= i else i
            cands.append(
                _Candidate(min(start, i), self.clauses[cj][1], FindingKind.NON_APOLOGY, "sorry")
            )

    def _findings(self, cands: list[_Candidate]) -> list[Finding]:
        priority = _PRIORITY
        starts, ends = self.starts, self.ends
        # (start, -rank, -end, order): the first of the highest rank and longest comes first
        spans: list[tuple[int, int, int, int]] = []
        for n, c in enumerate(cands):
            if c.end_tok <= c.start_tok:
                continue
            start = starts[c.start_tok]
            end = ends[c.end_tok - 1]
            if end > start:
                spans.append((start, -priority[c.kind], -end, n))
        spans.sort()
        kept: list[tuple[int, int, int, int]] = []
        for span in spans:
            if kept and span[0] < -kept[-1][2]:
                if span[1] < kept[-1][1]:
                    kept[-1] = span
                continue
            kept.append(span)
        # The fields of each kind and reason are worked out once; each finding gets its
        # own copy of them, with its start and end, set as Finding's own __init__ would.
        out: list[Finding] = []
        append = out.append
        fields: dict[tuple[FindingKind, str], dict[str, Any]] = {}
        new, set_dict = object.__new__, object.__setattr__
        for start, _p, neg_end, n in kept:
            c = cands[n]
            same = fields.get((c.kind, c.reason))
            if same is None:
                same = fields[c.kind, c.reason] = {
                    "kind": c.kind,
                    "message": _MESSAGES[_message_key(c)],
                    "suggestion": _suggest(c),
                }
            finding = new(Finding)
            set_dict(finding, "__dict__", {"start": start, "end": -neg_end, **same})
            append(finding)
        return out


def _message_key(c: _Candidate) -> str:
    if c.kind is FindingKind.BLAME_COLLEAGUE:
        return "colleague"
    if c.kind is FindingKind.PROMISE_TO_PAY:
        return "pay"
    if c.kind is FindingKind.NON_APOLOGY:
        return "non_apology"
    return c.reason if c.reason in _MESSAGES else "harm"


def _suggest(c: _Candidate) -> str:
    if c.kind is FindingKind.BLAME_COLLEAGUE:
        return _SUGGEST_COLLEAGUE
    if c.kind is FindingKind.PROMISE_TO_PAY:
        return _SUGGEST_PAY
    if c.kind is FindingKind.NON_APOLOGY:
        return _SUGGEST_NON_APOLOGY
    return _SUGGEST_BY_REASON.get(c.reason, _SUGGEST_SORRY)


# The verbs :func:`_idiom` looks at beyond a first word in _SELF_OBJECT.
_IDIOM_BASES = frozenset({"drop", "crack", "knock", "miss", "lose", "break"})


def _idiom(base: str, after: list[str]) -> bool:
    """Harmless uses of harm verbs: "dropped it off", "lost power", "cracked on"."""
    nxt = after[0] if after else ""
    second = after[1] if len(after) > 1 else ""
    if nxt in _SELF_OBJECT:
        return True  # "we damaged nothing", "we hurt our back"
    if base == "drop":
        return (
            bool(_DROP_PARTICLES.intersection(after[:3]))
            or (nxt in ("the", "a") and second in _DROP_OBJECTS)
            or (nxt in ("you", "him", "her") and second in ("a", "an"))
        )
    if base in ("crack", "knock"):
        return nxt in ("on", "at")
    if base == "miss":
        return nxt in ("you", "him", "her", "them")
    if base == "lose":
        return nxt in _LOST_EXCLUDE
    if base == "break":
        return nxt == "even" or (nxt == "the" and second in ("news", "ice", "record"))
    return False


class _SentCtx:
    """Whether statements in one sentence are asserted, and from which token on."""

    def __init__(self, doc: _Doc, si: int) -> None:
        a, b, q = doc.sentences[si]
        words = doc.words
        self.a, self.b = a, b
        self.clause_of = doc.clause_of
        clauses = doc.sent_clauses[si]
        self.clause_block: dict[int, int] = {}
        inf = b + 1
        first = words[a]
        # Most sentences have none of the words the tests below look for.
        self.plain = (
            not q
            and first not in _Q_START
            and _CONTEXT_WORDS.isdisjoint(words[a:b])
            and si not in doc.framed_sentences()
        )
        if self.plain:
            self.question = self.goodwill = False
            self.cond: set[int] = set()
            self.reported_from = self.hedge_from = self.without_from = inf
            self.frame_until = b
            return
        # questions
        question = q
        if not question and a + 1 < b:
            # "did you notice the leak", "how long after the fitting did you..." (no "?")
            second = words[a + 1]
            inverted = first in _Q_AUX and (
                second in _Q_SUBJECT or second in _SUBJ_START or doc.is_name(a + 1)
            )
            question = inverted or (
                first in _Q_WH and not _ends_with_period(doc, b) and _inverted_soon(doc, a, b)
            )
        self.question = question
        # conditionals
        cond = set()
        has_cond = not _COND_TRIGGER.isdisjoint(words[a:b])
        marked_to = 0  # clauses[:marked_to] after a condition are marked up to their "but"
        openers_to = -1  # clauses[:openers_to] are greetings and openers only
        for idx, ci in enumerate(clauses if has_cond else ()):
            ca, cb, _s, _c = doc.clauses[ci]
            head = words[ca : min(cb, ca + 3)]
            is_cond = (
                head[0] in _COND
                or (len(head) > 1 and head[0] in _COND_LEAD and head[1] in _COND)
                or head[:2] == ["in", "case"]
                or head[:3] == ["in", "the", "event"]
                # inversion: "Should it turn out...", "Had we known..."
                or (
                    ca == a
                    and len(head) > 1
                    and head[0] in ("should", "were", "had")
                    and (head[1] in _SUBJ_START or head[1] in _FIRST_PRON)
                )
            )
            if not is_cond:
                continue
            # The condition and what follows it, up to a "but" (once per stretch)...
            if idx >= marked_to:
                marked_to = len(clauses)
                for k in range(idx, len(clauses)):
                    later = clauses[k]
                    if later != ci and words[doc.clauses[later][0]] in _CONTRAST:
                        marked_to = k
                        break
                    cond.add(later)
            # ...and, for "we will pay for it if...", the clause before it.
            if idx > 0 and head[0] in _COND:
                if openers_to < 0:
                    openers_to = next(
                        (k for k, c in enumerate(clauses) if not _is_opener_clause(doc, c)),
                        len(clauses),
                    )
                if openers_to < idx:
                    cond.add(clauses[idx - 1])
        self.cond = cond
        # reported speech, hedges, embedded questions, "without admitting"
        reported_from = inf
        hedge_from = inf
        without_from = inf
        framed = si in doc.framed_sentences()
        for m in doc.sentence_hits(_REPORT_MARK_RE, si) if framed else ():
            reported_from = min(reported_from, doc.tok_at(m.start()))
        seg = words[a:b]
        for i in [] if _REPORT_VERBS.isdisjoint(seg) else range(a, b):
            w = words[i]
            if w in _REPORT_VERBS and i < reported_from:
                if self._reporter(doc, i, a):
                    reported_from = i
                    # postposed "..., she says." covers the whole sentence
                    ci = doc.clause_of[i]
                    if (
                        ci == clauses[-1]
                        and doc.clauses[ci][1] - doc.clauses[ci][0] <= 4
                        and (ci != clauses[0])
                    ):
                        reported_from = a
        for m in doc.sentence_hits(_HEDGE_RE, si) if framed else ():
            i = doc.tok_at(m.start())
            txt = m.group()
            if txt.split()[0] in _HEDGE_SENTENCE_WIDE:
                hedge_from = min(hedge_from, i)
            else:
                ci = doc.clause_of[i]
                self.clause_block[ci] = min(self.clause_block.get(ci, inf), i)
        for m in doc.sentence_hits(_WITHOUT_RE, si) if framed else ():
            without_from = min(without_from, doc.tok_at(m.start()))
        self.goodwill = framed and (bool(doc.sentence_hits(_GOODWILL_RE, si)) or without_from < inf)
        # embedded questions: "we're looking into what happened"
        for i in [] if _EMBED_WH.isdisjoint(seg) else range(a + 1, b):
            if words[i] in _EMBED_WH:
                prev = words[i - 1]
                if prev in ("is", "was", "are", "were", "be", "s", ","):
                    continue
                ci = doc.clause_of[i]
                self.clause_block[ci] = min(self.clause_block.get(ci, inf), i)
        self.reported_from = reported_from
        self.hedge_from = hedge_from
        self.without_from = without_from
        # A contrast ends all three: "Sorry you feel that way, but Dave dropped it."
        self.frame_until = b
        first_frame = min(reported_from, hedge_from, without_from)
        for ci in clauses if first_frame < b else ():
            ca = doc.clauses[ci][0]
            if ca > first_frame and words[ca] in _CONTRAST:
                self.frame_until = ca
                break

    @staticmethod
    def _reporter(doc: _Doc, i: int, a: int) -> bool:
        """Is the verb at ``i`` reported by someone other than the shop?"""
        words = doc.words
        if words[i] in ("told", "tells", "tell", "telling", "informed") and not (
            i + 1 < len(words) and words[i + 1] in ("us", "me", "our", "my", "staff", "the")
        ):
            return False
        j = i - 1
        while j >= a and words[j] in _REPORT_SUBJ_SKIP:
            j -= 1
        if j < a:
            # notes style: "Says our driver broke it" - unknown speaker
            return False
        w = words[j]
        if j - 1 >= a and words[j - 1] == "as":
            return False  # "as you said" agrees
        if w in ("you", "she", "he", "they", "u"):
            return True
        if w in _CUSTOMER_WORDS:
            return True
        if doc.is_name(j):
            # "Marco said" of a colleague is still a report of someone else's view
            return True
        if j - 1 >= a and words[j - 1] in _TITLES:
            return True  # "Mr Patel says", "mr patel says"
        return doc.case_blind(j) and w.isalpha() and w not in _KNOWN

    def assertive(self, i: int) -> bool:
        if self.plain:
            return True
        if self.question:
            return False
        doc_ci = self._clause_of(i)
        if doc_ci in self.cond:
            return False
        if i < self.frame_until and (
            i >= self.reported_from or i >= self.hedge_from or i >= self.without_from
        ):
            return False
        block = self.clause_block.get(doc_ci)
        return not (block is not None and i >= block)

    def _clause_of(self, i: int) -> int:
        return self.clause_of[i]


def _inverted_soon(doc: _Doc, a: int, b: int) -> bool:
    """ "how long after the fitting did you...": an auxiliary before its subject."""
    words = doc.words
    for k in range(a + 1, min(b - 1, a + 7)):
        if words[k] in _Q_AUX and (words[k + 1] in _Q_SUBJECT or words[k + 1] in _SUBJ_START):
            return True
    return False


def _ends_with_period(doc: _Doc, b: int) -> bool:
    end = doc.ends[b - 1]
    rest = doc.text[end : end + 3]
    return rest[:1] in (".", "!")


def _is_opener_clause(doc: _Doc, ci: int) -> bool:
    a, b, _s, _c = doc.clauses[ci]
    return all(
        w in _OPENERS
        or w in _TITLES
        or w in ("sorry", "thanks", "thank", "you", "i", "am", "we", "are", "so", "very", "really")
        or doc.is_name(k)
        for k, w in zip(range(a, b), doc.words[a:b], strict=True)
    )


_PAUSE_COLLECTION_ABOVE = 5_000  # characters


def scan(text: str, *, fault_is_ours: bool = False) -> list[Finding]:
    """Find risky wording in ``text``.

    Returns findings sorted by start, never overlapping. With
    ``fault_is_ours=True`` (the facts show the shop was at fault) admissions,
    colleague blame and promises to pay are no longer risks and only
    non-apologies are reported.
    """
    if not text or not text.strip():
        return []
    # A long text makes tens of thousands of short-lived tuples, freed by
    # reference counting; Python's cycle collector would only walk them again.
    paused = len(text) > _PAUSE_COLLECTION_ABOVE and gc.isenabled()
    if paused:
        gc.disable()
    try:
        return _Doc(text).analyse(fault_is_ours)
    finally:
        if paused:
            gc.enable()
