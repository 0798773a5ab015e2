"""Word lists of general English that the wording check reads (not sentences).

Verbs of harm with their past and -ing forms, who a word may name (roles,
third parties, customers), frames (negation, hedges, reported speech) and the
groups of words the analysis looks for around a verb.
"""

from __future__ import annotations

from collections.abc import Sequence


def word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


def inflect(entries: str) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
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
HARM_ENTRIES = """
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
AMBIG_ENTRIES = """
strip+ cut:cut hit:hit clip+ catch:caught knock bleach bump graze reverse_into back_into crash_into
drive:drove,driven_into run:ran_over eat:ate,eaten swallow chew slice gash pierce snag+
"""

HARM_PAST, HARM_ING, HARM_BASE = inflect(HARM_ENTRIES)
HARM_BASE_WORDS = frozenset(HARM_BASE)
AMBIG_PAST, AMBIG_ING, AMBIG_BASE = inflect(AMBIG_ENTRIES)

TOKEN_TRIGGERS = (
    frozenset(HARM_PAST) | frozenset(AMBIG_PAST) | frozenset(HARM_BASE) | frozenset(HARM_ING)
) | {"left"}
PARTICLES: dict[str, str] = {}
for _entries in (HARM_ENTRIES, AMBIG_ENTRIES):
    for _raw in _entries.split():
        if "_" in _raw:
            _verb, _particle = _raw.rstrip("+").split(":")[0].split("_")[0], _raw.split("_")[1]
            PARTICLES[_verb.rstrip("+")] = _particle

# Intransitive events of harm ("the vase broke", "the shelf collapsed").
HARM_INTRANS = word_set(
    """broke snapped cracked shattered tore split shrank shrunk melted bent bowed warped leaked
    collapsed burst flooded died escaped fell peeled faded rusted lifted failed blew exploded
    smashed chipped buckled sagged perished jammed seized"""
)

# Words that describe a bad outcome (used after "that's why", "which meant"...).
OUTCOME = word_set(
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
IRREGULAR_PAST = word_set(
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
    grew grown hurt shed slit sped spat split read"""
)
NOT_VERB_ED = word_set(
    """need bed red shed speed feed seed hundred sacred wicked naked weed greed breed bleed indeed
    proceed exceed succeed embed deed reed steed tweed creed sled shred wed fled bred led fed
    tired bored worried excited interested pleased delighted concerned based supposed
    advanced varied detailed skilled qualified experienced dedicated talented assorted
    beloved aged crooked ragged jagged rugged kindred hatred"""
)
BE = word_set("am is are was were be been being got get gets getting become became")
AUX = word_set(
    "do does did have has had am is are was were be been being will would can could may might"
    " shall should must 'd ought going"
)
# Guesses: "we may have", "maybe", "it is possible that" (not "not sure", "no idea").
GUESS_MODALS = word_set("may might could")
GUESS_STARTS = GUESS_MODALS | word_set("it possible maybe perhaps possibly poss i")
GUESS_WORDS = word_set("maybe perhaps possibly poss suspect")


def guessed(words: Sequence[str]) -> bool:
    """Does a sentence of these canonical words guess ("we may have", "maybe", "I
    suspect", "it could be")?"""
    for i, word in enumerate(words):
        if word in GUESS_WORDS:
            return True
        if word in GUESS_MODALS and words[i + 1 : i + 2] in (["have"], ["be"], ["well"]):
            return True
    return False


# A denial: the shop says it did not do the harm ("We did not tear the fabric",
# "nobody at the launderette touched your machine", "none of our staff damaged
# it"). Not an omission ("we did not ring you back": ringing is no harm), nor
# harm done "on purpose" or "deliberately" that is denied.
_DENIERS = word_set("we i nobody none noone")
_DENIED_EXTRA = word_set("touch touched handle handled")
_NOT_A_DENIAL = word_set("purpose deliberately intentionally intend intended mean meant but")
_DENIAL_SKIP = word_set("do did does have has had ever even actually at all")
_DENIED_HARM = HARM_BASE_WORDS | frozenset(HARM_PAST) | _DENIED_EXTRA


def denied(words: Sequence[str]) -> bool:
    """Does a sentence of these canonical words deny that the shop did the harm?"""
    if not words or not _NOT_A_DENIAL.isdisjoint(words):
        return False
    harm = _DENIED_HARM
    first = words[0]
    if first in ("we", "i"):
        rest = words[1:5]
        if not any(word in ("not", "never") for word in rest):
            return False
        at = max(k for k, word in enumerate(rest) if word in ("not", "never")) + 2
        following = [w for w in words[at : at + 3] if w not in _DENIAL_SKIP]
        return bool(following) and following[0] in harm
    if first in ("nobody", "none", "noone") or words[:2] == ["no", "one"]:
        return any(word in harm for word in words[1:7])
    return False


MODAL_BLOCK = word_set("will would can could may might shall should to please let lets ought 'd")
NEG = word_set("not never no nobody none neither nor nothing noone without hardly barely nowhere")
SKIP_ADV = word_set(
    """also just then accidentally actually really clearly obviously somehow completely already
    unfortunately sadly apparently honestly then even still only simply evidently certainly
    definitely totally entirely probably maybe perhaps possibly inadvertently mistakenly carelessly
    badly genuinely personally originally initially previously recently yesterday today earlier
    later first finally again all both each ever tbh tbf ngl frankly basically"""
)
FIRST_PRON = word_set("we i us me ourselves myself")
OTHER_PRON = word_set(
    """he she they him her them it this that these those there someone somebody something
    everything anyone anybody anything everyone everybody things who what which people one
    whatever whoever whichever"""
)
NEG_SUBJ = word_set("nobody noone none neither nothing")
DETS = word_set(
    """the a an this that these those one some another each every all both any his her their its
    no either several two three few many most"""
)
YOU_WORDS = word_set("you your yours yourself yourselves u ur")
THIRD = word_set(
    """courier couriers carrier carriers postman postwoman postie post mail royal parcelforce
    dpd dhl ups fedex hermes evri yodel amazon haulier hauliers supplier suppliers manufacturer
    manufacturers maker makers factory mill wholesaler wholesalers distributor distributors
    importer brand lab laboratory bank banks card paypal stripe insurer insurers landlord council
    previous former contractor subcontractor third other another weather storm rain wind frost
    snow heatwave lightning snap gale gales hail hailstorm thunderstorm downpour
    neighbour neighbours neighbor neighbors thief thieves burglar burglars
    vandal vandals kids children delivery_company customer customers client clients buyer buyers
    guest guests owner owners garage dealer dealership airline hire provider providers platform
    network outage"""
)
CUSTOMER_WORDS = word_set(
    """customer customers client clients caller guest buyer patient patron member cust
    husband wife partner son daughter mum dad mother father friend neighbour neighbor"""
)
# People named by what they are, not a name nor a job: "Lady from table 6 says...", "Child cut
# his hand": not a colleague (and never a name).
PEOPLE = word_set(
    """lady ladies woman women man men gent gentleman bloke fella child kid kids student students
    pupil pupils parent parents visitor visitors resident residents tenant tenants"""
)
# Roles that say what someone is rather than their job: "Lad says we nicked his ear" is a
# customer's word unless "our lad" or "the lad on the till".
PEOPLE_ROLES = word_set("lad lass boy girl guy chap person member")
ROLE = word_set(
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
EQUIPMENT_ER = word_set(
    """freezer chiller cooler heater boiler cooker printer computer dryer drier washer steamer
    trimmer clipper clippers blender mixer toaster fryer grinder sander router scanner charger
    timer meter thermometer container counter trailer ladder roller shaker burner cutter
    compressor generator motor elevator escalator conveyor extractor radiator processor monitor
    sensor detector regulator projector tractor mower spreader dispenser water paper order
    number letter corner border poster sticker folder filter cover holder hanger drawer locker
    speaker player power tower flower butter powder rubber leather weather shelter banner marker
    hammer spanner tester booster lacquer computer server fridge-freezer cleaner"""
)
# Where someone works in the shop: "the lad on the till", "the girl at reception".
POSTS = word_set(
    """till tills counter desk reception door checkout checkouts register bar phones
    switchboard floor shift duty call rota"""
)
POST_PREPS = word_set("on at behind")
BUSINESS_THE = word_set("shop store salon studio team staff kitchen workshop business bakery")
COLLECTIVE = word_set("staff management crew team housekeeping maintenance dispatch")
# A full stop after these ends no sentence: "Told Mr. Ames".
SHORT_TITLES = word_set("mr mrs ms mx dr prof rev")
TITLES = word_set("mr mrs ms miss dr dear hi hello hey morning afternoon evening thanks sir madam")
FRAMES = word_set(
    """sorry afraid apologise apologies honestly unfortunately sadly admittedly frankly
    apparently clearly obviously basically confirm confirms confirmed show shows showed shown
    say says said think thinks thought believe believes believed know knows knew suspect
    suspects suspected realise realised realises admit admits admitted found find finds seems
    seemed appears appeared turns turned mean means tell telling told hope feel feels felt
    reckon reckons reckoned guess explain explained noticed notice see saw note noted that
    discovered learned learnt established fear worry clear obvious evident apparent true plain
    certain sure aware agree agreed agrees"""
)
SUBJECT_PRONOUNS = word_set("we i he she they you")
STAFF_NOUNS = word_set("staff colleague colleagues employee employees")
ROLE_MODIFIERS = word_set("own new senior junior head trainee young regular usual other")
# Someone addressed before the sentence goes on ("sorry bro our guy cracked it", "Madam our
# technician forgot"): not the one who acts.
VOCATIVES = word_set(
    "bro bruv mate madam maam sir hun hon pal buddy dude guys folks fam babe darling sweetheart"
)
FRAME_SKIP = word_set("you us me out that him her them to with") | VOCATIVES
OPENERS = (
    word_set(
        """and but so or yet then plus also because cos while whilst when whenever although though
    whereas which as since yes yeah no well oh ok okay now look listen hi hello hey dear
    honestly sadly unfortunately frankly basically actually anyway right sure apparently
    clearly obviously admittedly however also just unless if whether after before once"""
    )
    | VOCATIVES
)
CONJ_SPLIT = word_set("and but so or yet then plus")
SUBORD_SPLIT = word_set(
    "because cos while whilst when whenever although though whereas if unless whether which"
)
SUBJ_START = word_set(
    """we i you he she they it there this that these those our my your his her their the a an
    none nobody noone no someone somebody everyone everything nothing one some all both each
    either neither staff customer client its"""
)
COND = word_set("if unless whether provided providing assuming supposing")
SPLIT_WORDS = SUBORD_SPLIT | CONJ_SPLIT | {"in"}
Q_AUX = word_set(
    "do does did is are was were can could would will shall have has am may might isnt"
)
Q_WH = word_set("how what why when where who which whose")
Q_SUBJECT = FIRST_PRON | YOU_WORDS | {"not"}
Q_START = Q_AUX | Q_WH
COND_LEAD = word_set("and but so even only or")
COND_TRIGGER = COND | {"case", "event", "should", "were", "had"}
CONTRAST = word_set("but however although though yet")
EMBED_WH = word_set("what how why where whether")
REPORT_VERBS = word_set(
    """says said say saying claims claimed claim claiming alleges alleged allege alleging reckons
    reckoned reckon believes believed believe thinks thought think feels felt feel insists
    insisted insist suggests suggested suggest complains complained complain reports reported
    report mentions mentioned mention states stated state told tells tell telling wrote writes
    explained explains argues argued maintains maintained swears swore informed accuses accused
    accusing blames blamed blaming"""
)
# Verbs of saying: "the courier says...", "Lad says..." report someone else's words unless
# the one who says it is the shop. "Says our driver broke it", on its own in a note, reports
# the caller (the shop does not write of itself as "says").
SPEECH_VERBS = word_set(
    """says said claims claimed reckons reckoned alleges alleged insists insisted complains
    complained mentions mentioned reports reported states stated writes wrote swears swore told
    tells"""
)
NOTE_SPEECH = word_set("says claims reckons alleges insists complains reports states swears")
# "she rang and says...", "he came in and said..."
CONTACT_VERBS = word_set(
    "rang rings called calls phoned phones emailed emails wrote writes messaged messages texted"
    " texts came comes in back popped"
)
REPORT_SUBJ_SKIP = word_set("has have had is are was were also just already now clearly keeps kept")
# "not sure whether...", "no idea if...": uncertainty over the rest of the sentence
# A sentence without these words is neither a question, a condition, reported
# speech nor an embedded question (see SentCtx).
CONTEXT_WORDS = COND_TRIGGER | REPORT_VERBS | EMBED_WH
HEDGE_SENTENCE_WIDE = word_set("not no do does did can too unsure unclear")
BY_NOT_AGENT = word_set(
    """mistake accident hand post phone email then now far default design law monday tuesday
    wednesday thursday friday saturday sunday tomorrow tonight noon midday lunchtime"""
)
KEEP_IN_NP = word_set("no all both each")
NEG_FRAMES = word_set(
    """think thinks thought believe believes believed know knows knew accept accepts accepted
    agree agrees agreed say says said feel feels felt suppose reckon suspect consider recall
    remember admit see understand expect sure certain aware"""
)
NP_STOP = word_set("not never by and but or so because when while if than as , nor")
AUX_PLAIN = word_set("have has had been be did do does was were is are got get being am")
SHOULD_BEEN_EXCUSE = word_set(
    """told informed warned notified advised sent given delivered paid contacted asked consulted
    made here there ready able"""
)
SHOULD_HAVE_ARRIVED = word_set("received arrived got gotten heard had")
PAY_PRESENT = word_set("we i insurance insurers insurer are am")
PROGRESSIVE_AUX = word_set("been are is am were was keep keeps kept")
REMEDIAL = word_set(
    """replaced repaired fixed removed returned refunded swapped exchanged collected checked tested
    inspected identified found spotted noticed located traced examined corrected rectified
    reported flagged received discovered realised realized saw heard apologised apologized
    investigated diagnosed confirmed thought knew believed felt assumed suspected sent_back
    rejected binned disposed quarantined withdrew recalled explained asked"""
)
EPISTEMIC = word_set("thought knew believed felt assumed suspected asked wondered hoped")
DUPLICATED = word_set(
    """charged billed invoiced debited took taken applied processed deducted booked sent posted
    dispatched entered ran"""
)
DILIGENCE = word_set(
    """check checked notice noticed spot spotted test tested inspect inspected tighten tightened
    secure secured warn warned tell told inform informed label labelled mention mentioned realise
    realised catch caught clean cleaned record recorded update updated follow followed read
    confirm confirmed doublecheck doublechecked measure measured sterilise sterilised sanitise
    sanitised service serviced order ordered book booked fasten fastened seal sealed lock locked
    pass passed"""
)
BODY_SURFACE = word_set(
    """paint paintwork lacquer varnish finish coating enamel clearcoat skin ear ears paw paws tail
    scalp leg legs finger fingers hand hands nose face eye eyes lip lips neck nail nails cuticle
    cuticles bumper mirror wing door gate wall fence car van window windscreen roof bodywork alloy
    alloys wheel paintwork post gatepost"""
)
PETS = word_set(
    """dog dogs cat cats puppy kitten pet pets horse pony rabbit spaniel terrier poodle labrador
    collie hamster parrot budgie bird tortoise guinea pig ferret lurcher greyhound retriever
    spaniels"""
)
CUT_BODY = word_set(
    "skin ear ears paw paws finger fingers hand leg scalp face tail nose lip you him her them"
)
LEAVE_COMPLEMENT = word_set(
    """open unlocked on running unattended behind outside off loose exposed uncovered unplugged
    out leaking dripping unsecured untied unlatched"""
)
NEG_OBJECT = word_set("any anything anyone anybody")
SELF_OBJECT = word_set("nothing no none our my ourselves myself itself")
DROP_PARTICLES = word_set("off round by in over back")
# "dropped it in the back" says where it fell; "dropped it in the post", "off at
# your door" say where it was delivered.
DROP_FELL_AFTER = word_set("in off over")
DROP_PLACE_WORDS = word_set("the a an our your my his her their this that")
DROP_DELIVERED_TO = word_set(
    "post letterbox letterboxes mailbox postbox box door doorstep porch mail slot"
)
DROP_OBJECTS = word_set("price prices charge charges fee fees line note email ball subject")
AS_AGREED = word_set("agreed requested instructed planned quoted arranged asked booked specified")
LOST_EXCLUDE = word_set(
    "power electricity signal internet connection money business sleep weight touch property"
)
# "we've knocked £5 off", "knocked a tenner off the bill": a discount, not harm.
PRICE_WORDS = word_set(
    """fiver tenner quid bit something percent price prices cost costs bill total fee fees charge
    hire invoice"""
)
# Sympathy about news: "sorry to hear/read/learn that the cake cracked" says nothing of who
# cracked it; the one who acts is after "hear" (only after "to": "we read the meter wrong").
NEWS_FRAMES = word_set("hear read learn")
# "it arrived broken", "finding the carpet stained": a state found, not an act.
STATE_VERBS = word_set(
    """arrived arrive arrives arriving came come comes found find finds finding received receive
    receives receiving turned"""
)
# After these a participle describes a thing ("for missed appointments", "anything chipped").
ADJ_BEFORE = word_set("for of with about anything something everything")
# "left ... on" is a preposition, not "left the tap on", when a noun phrase follows.
LEAVE_PREPS = word_set("on off out behind outside")
LEAVE_PREP_OBJECTS = word_set(
    """schedule time monday tuesday wednesday thursday friday saturday sunday mon tues tue wed
    weds thurs thu fri sat sun"""
)
# "had the skip dropped": the thing done to comes between "had" and the participle.
CAUSATIVE = word_set("had have has having got get gets getting")
PAY_OBJECT = word_set(
    """for to the all any your you toward towards back compensation damages whatever every in it
    that this off out"""
)
NOT_COMPENSATION = word_set("refund refunds deposit balance wages invoice")
DAMAGE_COSTS = word_set("damage damages repair repairs vet vets medical losses loss treatment")
DUTY_NOUNS = word_set("safety security care upkeep maintenance welfare")
COSTY = word_set(
    """cost costs bill bills repair repairs damage damages expense expenses loss losses replacement
    excess fee fees invoice vet vets medical treatment taxi hire call-out callout labour parts
    cleaning price postage fare fares charges charge difference compensation claim"""
)
# Checking work against the customer's: "we've compared the key against your original",
# "I've gone back through your job file" (no error of manner).
COMPARE_VERBS = word_set(
    """checked rechecked compared tried tested measured matched held gone went looked searched
    read reviewed"""
)
# A vehicle breaking down on the way is an outside cause, not our equipment harming anyone.
VEHICLES = word_set("car cars van vans truck lorry bus coach minibus taxi cab motorbike scooter")
BREAKDOWN = word_set("broke broken conked")
# "covered by our ten-year warranty": the work's guarantee, not our paying for losses.
WARRANTY = word_set("warranty warranties guarantee guarantees guaranty aftercare")
PROMISE = word_set(
    """will shall going happy glad willing prepared offer offering offered agree agreed promise
    promised can could want like intend plan arrange arranged would 'd able"""
)
TREAT = word_set(
    """coffee coffees drink drinks round lunch dinner meal dessert tea cake next postage delivery
    chips guac snack snacks starter starters pudding pint pints beer wine cocktail cocktails
    sample samples upgrade"""
)
# Before it in its sentence, these make "X is on us" a treat: "a free wash is on us", "as a
# thank-you, your treatment is on us", "next time you're in, the chips are on us".
TREAT_MARKS = word_set("free bonus complimentary thank-you thanks next")
HARM_NOUNS = word_set(
    """damage crease creases stain stains mark marks scratch scratches dent dents crack cracks chip
    chips tear tears rip hole holes scorch burn burns leak leaks rust fault problem problems issue
    issues error delay delays injury injuries cut cuts bruise bruising rash reaction illness upset
    breakage loss shrinkage fading discolouration smell mould damp flooding break split bend
    kink scuff scuffs snag snags blemish flaw defect mistake mix-up shortfall overcharge"""
)
FEELINGS = word_set(
    """inconvenience distress upset trouble disruption frustration harm confusion stress hassle
    disappointment offence difficulty difficulties worry anxiety embarrassment annoyance"""
)
SYMPATHY_WORDS = word_set("sorry apologise apologize apologies apology regret")
SYMPATHY_SUBJECTS = word_set("it this that which they these those")
SYMPATHY_AUX = word_set("has have had may might could can will would must all ever possibly")
PARTICIPLE_NOUNS = HARM_NOUNS | FEELINGS
CUSTODY_HARM = frozenset(HARM_PAST) | HARM_INTRANS
DISCOVERY = word_set(
    """opened unpacked received found noticed checked inspected examined looked saw arrived got
    collected picked spotted discovered tested unwrapped unboxed"""
)

PP_LIKE = IRREGULAR_PAST | frozenset(HARM_PAST)

COMMON = word_set(
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
    words: set[str] = set(COMMON)
    for group in (
        HARM_PAST, HARM_ING, HARM_BASE, AMBIG_PAST, AMBIG_ING, AMBIG_BASE,
    ):  # fmt: skip
        words.update(group)
    for group2 in (
        IRREGULAR_PAST, AUX, NEG, SKIP_ADV, FIRST_PRON, OTHER_PRON, DETS, THIRD,
        CUSTOMER_WORDS, ROLE, EQUIPMENT_ER, FRAMES, OPENERS, REPORT_VERBS, REMEDIAL,
        DILIGENCE, COSTY, HARM_NOUNS, OUTCOME, HARM_INTRANS, COLLECTIVE, TITLES, PEOPLE,
    ):  # fmt: skip
        words.update(group2)
    return frozenset(words)


KNOWN = _lexicon_words()
MANNER_ADV = word_set(
    """wrongly incorrectly badly poorly improperly carelessly accidentally mistakenly
    inadvertently"""
)
MANNER_ADJ = word_set(
    """wrong incorrect unsuitable inappropriate faulty defective cheap cheaper cheapest inferior
    substandard sub-standard poor-quality low-quality flimsy second-hand worn-out poor low"""
)
NON_APOLOGY_ILLNESS = word_set(
    "unwell ill sick poorly better worse rough off dizzy nauseous pain sore tired awful"
)


def is_past(word: str) -> bool:
    """Is ``word`` a past tense or participle (regular or not)?"""
    if word in IRREGULAR_PAST or word in HARM_PAST or word in AMBIG_PAST:
        return True
    if len(word) > 3 and word.endswith("ed") and word not in NOT_VERB_ED:
        return not word.endswith("eed") or word in ("freed", "agreed", "guaranteed")
    return word.startswith("re") and word[2:] in IRREGULAR_PAST


# Word groups asked about over a span of tokens ("is there a preposition between
# here and the verb?"). :meth:`Doc.where` lists where each group's words stand
# once per text, so each question costs a binary search, not a walk over the span:
# a check stays linear however long a sentence without punctuation gets.
NP_PREPS = word_set("from in at on of with for near inside behind")
NP_BREAK = AUX | NP_STOP | word_set("who that which we i you he she they")
NP_BREAK_OR_PREP = NP_BREAK | NP_PREPS
HEAD_STOP = AUX | word_set("from in at on of with who that which")
POSS_S = word_set("'s")
PP_OURS = word_set("our my us here")
ARE_WERE_HAVE = word_set("are were have")
POSS_DETS = word_set("our my the a your their")
FROM_OFF = word_set("from off")
LONGER = word_set("longer")
AS_WORD = word_set("as")
# Spans up to this many words are looked at word by word; longer ones use the lists.
SHORT_SPAN = 24
BY_WORD = word_set("by")
MANNER_STOP = word_set("nothing anything no")
SUBJECT_SKIP = SKIP_ADV | AUX_PLAIN | NEG
PASSIVE_SKIP = SKIP_ADV | word_set("not never")
NP_SKIP = (OPENERS | SKIP_ADV) - KEEP_IN_NP
NO_DOUBT = word_set("doubt longer wonder")
LEAD_SKIP = OPENERS - word_set("no yes")
SOME_SUBJECTS = word_set("someone somebody one some two several both all each")
PRONOUN_DECIDERS = ROLE | STAFF_NOUNS | CUSTOMER_WORDS | THIRD | TITLES | PETS
# Known words that never settle who "he" or "she" is (see AgentDoc._pronoun_decides).
PRONOUN_NEUTRAL = KNOWN - PRONOUN_DECIDERS
# The verbs :func:`idiom` looks at beyond a first word in SELF_OBJECT.
IDIOM_BASES = frozenset({"drop", "crack", "knock", "miss", "lose", "break"})
