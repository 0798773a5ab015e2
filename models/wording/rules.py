"""The rules of the wording check: one record per kind of risky wording.

Each :class:`Rule` holds everything about one kind of risky wording: its id,
the pattern it looks for over the canonical string (or, for a rule that reads
single words, none), the check that decides, for each match, whether the
statement is asserted and who did it (see :mod:`models.wording.checks_fault`
and :mod:`models.wording.checks_harm`), the kind of finding, the message shown,
the safer wording suggested, and example sentences it must flag.

To add a kind of admission, add one record to :data:`RULES`, with a check from
those modules (most patterns need one that already exists) and a sentence or
two it must flag: the words its pattern starts with are read from the pattern
itself, its rank comes from its kind, and its message and suggestion from the
record. tests/models/test_wording_rules.py fails for a record whose examples
it does not flag with its own message. The order of the list is
the order the rules are tried in: of two findings of the same rank over the
same words, the one from the earlier rule is kept.

Rules about who was at fault, harm and payment are risky until the facts show
the shop was at fault; with ``fault_is_ours`` only blaming a colleague and
non-apologies are kept.
"""

from __future__ import annotations

from models.wording import checks_fault as fault
from models.wording import checks_harm as harm
from models.wording.findings import FindingKind
from models.wording.messages import (
    COLLEAGUE,
    COLLEAGUE_SUGGESTION,
    CONDUCT,
    CONDUCT_SUGGESTION,
    EQUIPMENT,
    EQUIPMENT_SUGGESTION,
    FAULT,
    HARM,
    NON_APOLOGY_MESSAGE,
    NON_APOLOGY_SUGGESTION,
    OMISSION,
    PAY,
    PAY_SUGGESTION,
    PRODUCT,
    PRODUCT_SUGGESTION,
    SHOULD,
    SHOULD_SUGGESTION,
    SORRY,
    SPECULATION_MESSAGE,
    SPECULATION_SUGGESTION,
)
from models.wording.patterns import canon_rx
from models.wording.rule import Rule

# ---------------------------------------------------------------------------
# Patterns read by more than one rule
# ---------------------------------------------------------------------------

_MANNER = canon_rx(
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
_ON_US = canon_rx(
    r"\b(?:is|was|are|were|be|been){ADV} (?:on|down to) (?:us|me|our (?:team|end|side|part|staff"
    r"|crew|people|lads|guys|shop|kitchen|workshop|shoulders|heads|watch))\b(?! to\b)"
)
_SALE = canon_rx(
    r"\b(?:we|i)(?: {W}){0,2}? (?:sold|supplied|served|made|baked|cooked|prepared|provided|gave"
    r"|delivered|fitted|installed|sent|dispatched|packed|prescribed|recommended|mixed)\b"
    r"|\b(?:bought|purchased|got|collected|ordered)(?: {W}){0,3}? (?:from|off|at) (?:us|our|my)\b"
    r"|\bfrom (?:our|my) (?:shop|store|counter|deli|bakery|stall|kitchen|van|range|stock)\b"
)


RULES: tuple[Rule, ...] = (
    Rule(
        id="blames_colleague",
        kind=FindingKind.BLAME_COLLEAGUE,
        check=None,  # any admission below whose agent is a colleague becomes this one
        message=COLLEAGUE,
        suggestion=COLLEAGUE_SUGGESTION,
        examples=(
            "Dave dropped it on the floor.",
            "Our fitter scratched your floor.",
        ),
    ),
    Rule(
        id="our_fault",
        kind=FindingKind.ADMISSION,
        pattern=canon_rx(
            r"\b(?:our|my)(?: own| very own)? (?:fault|faults|mistake|mistakes|error|errors|blunder"
            r"|blunders|oversight|negligence|failure|failing|failings|doing|carelessness|mix-up"
            r"|cock-up|screw-up|mess-up|slip-up|balls-up|fuck-up)\b|\b(?:our|my) (?:responsibility"
            r"|liability)\b(?! (?:to|insurance|insurer|insurers|cover|policy|for (?:checking|making"
            r"|ensuring|keeping|looking)))|\b(?:our|my) bad\b(?! (?:luck|weather|day|week|patch"
            r"|back|knee|leg|cold|news|hip))"
        ),
        check=fault.fault_phrase,
        message=FAULT,
        suggestion=SORRY,
        examples=(
            "It was our fault.",
            "That’s our mistake.",
        ),
    ),
    Rule(
        id="named_fault",
        kind=FindingKind.ADMISSION,
        pattern=canon_rx(r"'s (?:fault|mistake|error|doing|negligence|blunder)\b"),
        check=fault.named_fault,
        message=FAULT,
        suggestion=SORRY,
        examples=("It was our team's fault.",),
    ),
    Rule(
        id="fault_is_ours",
        kind=FindingKind.ADMISSION,
        pattern=canon_rx(
            r"\b(?:fault|mistake|error|errors|mistakes|blame|responsibility|liability|negligence"
            r"|failure|oversight)(?: {W}){0,5} (?:is|was|lies|lay|rests|rested|sits|sat|falls|fell"
            r"|are|were){ADV} (?:ours|mine|with us|with me|on us|on me|on our side|on our end"
            r"|on our part|with our (?:side|end|team|staff|shop))\b"
        ),
        check=fault.fault_phrase,
        message=FAULT,
        suggestion=SORRY,
        examples=("The mistake was ours.",),
    ),
    Rule(
        id="on_us",
        kind=FindingKind.ADMISSION,
        pattern=_ON_US,
        check=fault.on_us,
        message=FAULT,
        suggestion=SORRY,
        examples=("That one is on us.",),
    ),
    Rule(
        id="it_was_us",
        kind=FindingKind.ADMISSION,
        pattern=canon_rx(r"\b(?:it|that|this) (?:was|were) (?:all )?(?:us|me)\b"),
        check=fault.it_was_us,
        message=FAULT,
        suggestion=SORRY,
        examples=("Yes, it was us.", "That was me, sorry."),
    ),
    Rule(
        id="costs_on_us",
        kind=FindingKind.PROMISE_TO_PAY,
        pattern=_ON_US,
        check=fault.costs_on_us,
        message=PAY,
        suggestion=PAY_SUGGESTION,
        examples=("The repair bill is on us.",),
    ),
    Rule(
        id="on_our_part",
        kind=FindingKind.ADMISSION,
        pattern=canon_rx(
            r"\b(?:fault|faults|mistake|mistakes|error|errors|negligence|failure|failings?"
            r"|oversight|carelessness|lapse|mix-up|slip|slip-up|misunderstanding) (?:on|from"
            r"|by) (?:our|my) (?:part|side|end)\b|\b(?:poor|bad|shoddy|sloppy|careless|substandard"
            r"|sub-standard|defective|faulty|rushed|terrible|awful|rubbish|lazy|inadequate"
            r"|unacceptable|unprofessional|botched|balls-up|cock-up|cockup|screw-up|screwup"
            r"|foul-up|muck-up|stuff-up|shambles|fiasco|blunder|bungle|howler|goof|goof-up"
            r"|mess-up|mess)(?: {W}){0,2} (?:on|from|by) (?:(?:our"
            r"|my) (?:part|side|end)|us|me)\b"
        ),
        check=fault.fault_phrase,
        message=FAULT,
        suggestion=SORRY,
        examples=("It was a mistake on our part to leave the gate open.",),
    ),
    Rule(
        id="at_fault",
        kind=FindingKind.ADMISSION,
        pattern=canon_rx(
            r"\b(?:am|are|is|was|were|been|be|being)(?: (?:entirely|completely|totally|wholly|fully"
            r"|partly|partially|clearly|definitely|obviously|really|very|so|solely"
            r"|probably))? (?P<adj>at fault|to blame|responsible|liable|negligent|culpable|careless"
            r"|in the wrong|wrong|in error)\b(?P<tail>(?: {W}){0,3})"
        ),
        check=fault.at_fault,
        message=FAULT,
        suggestion=SORRY,
        examples=("We were negligent in leaving the trench uncovered overnight.",),
    ),
    Rule(
        id="careless_of_us",
        kind=FindingKind.ADMISSION,
        pattern=canon_rx(
            r"\b(?:careless|negligent|sloppy|thoughtless|silly|stupid|wrong|remiss|unprofessional"
            r"|clumsy|lazy) of (?:us|me)\b"
        ),
        check=fault.fault_phrase,
        message=FAULT,
        suggestion=SORRY,
        examples=("That was careless of us.",),
    ),
    Rule(
        id="accept_blame",
        kind=FindingKind.ADMISSION,
        pattern=canon_rx(
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
        ),
        check=fault.accepts_blame,
        message=FAULT,
        suggestion=SORRY,
        examples=("We take full responsibility for the water damage.",),
    ),
    Rule(
        id="made_mistake",
        kind=FindingKind.ADMISSION,
        pattern=canon_rx(
            r"\b(?:made|make|makes|making)(?: (?:a|an|the|one|some|two|several|few|couple|of|such"
            r"|quite|real|big|huge|serious|silly|stupid|terrible|genuine|honest|bad|clerical|costly"
            r"|small|little|bit|right|proper|complete|total))* (?:mistake|mistakes|error|errors"
            r"|blunder|blunders|mess|hash|cock-up|boo-boo|howler)\b"
        ),
        check=fault.made_mistake,
        message=FAULT,
        suggestion=SORRY,
        examples=("We made a mistake on your invoice.",),
    ),
    Rule(
        id="let_down",
        kind=FindingKind.ADMISSION,
        pattern=canon_rx(
            r"\bdropped the ball\b|\blet (?:you|him|her|them|your {W}) down\b|\bfailed (?:you|him"
            r"|her|them)\b|\bblew it\b|\blet (?:your {W}|the {W}|him|her|them|it"
            r"|{W}(?<!\byou)) (?:escape|get out|get away|run off|run away|slip (?:out|away|its|his"
            r"|her)|loose|out of (?:the|our|my) (?:sight|van|yard|car))\b|\b(?:did|done|do) (?:a "
            r"|an |such a |the )?(?:poor|bad|shoddy|sloppy|careless|terrible|awful|rubbish|lousy"
            r"|botched|messy|substandard|lazy|half-hearted) (?:job|work)\b"
        ),
        check=fault.owned_failing,
        message=FAULT,
        suggestion=SORRY,
        examples=("We let your cat escape during the grooming appointment.",),
    ),
    Rule(
        id="could_have_done_better",
        kind=FindingKind.ADMISSION,
        pattern=canon_rx(
            r"\bcould have (?:{W} ){0,3}better\b|\bcould have been (?:a lot |much |far )?(?:more"
            r" {W}|clearer|quicker|faster|better)"
        ),
        check=fault.owned_failing,
        message=SHOULD,
        suggestion=SHOULD_SUGGESTION,
        examples=("We could have handled it better.",),
    ),
    Rule(
        id="should_have",
        kind=FindingKind.ADMISSION,
        pattern=canon_rx(
            r"\b(?:should|ought to|shouldve|should've)(?P<neg> not| never)? (?:have|of) (?P<pp>{W})"
            r"(?: (?P<pp2>{W}))?"
        ),
        check=fault.should_have,
        message=SHOULD,
        suggestion=SHOULD_SUGGESTION,
        examples=("We should have checked the measurements before cutting the glass.",),
    ),
    Rule(
        id="failed_to",
        kind=FindingKind.ADMISSION,
        pattern=canon_rx(r"\b(?:failed|neglected|omitted|forgot|forgotten|fail|neglect) to\b"),
        check=fault.asserted_by_us,
        message=OMISSION,
        suggestion=SORRY,
        examples=("We forgot to tell you the shop would be closed.",),
    ),
    Rule(
        id="did_not_check",
        kind=FindingKind.ADMISSION,
        pattern=canon_rx(
            r"\b(?:not|never) (?:properly |actually |even |fully |first )?(?P<v>{W})\b"
            r"(?P<obj>(?: {W}){0,4})"
        ),
        check=fault.not_checked,
        message=OMISSION,
        suggestion=SORRY,
        examples=("We didn't check the ladder before lending it.",),
    ),
    Rule(
        id="none_of_us_noticed",
        kind=FindingKind.ADMISSION,
        pattern=canon_rx(
            r"\b(?:none of us|nobody here|no one here|noone here|nobody (?:in|on|at) (?:our|my) {W}"
            r"|neither of us) (?:{W} )?(?P<v>noticed|spotted|checked|realised|caught|tested"
            r"|inspected|saw|picked)\b"
        ),
        check=fault.none_of_us,
        message=OMISSION,
        suggestion=SORRY,
        examples=("None of us noticed the chiller was warm.",),
    ),
    Rule(
        id="not_properly",
        kind=FindingKind.ADMISSION,
        pattern=canon_rx(
            r"\b(?:not|never) (?:{W} ){1,6}?(?:properly|correctly|carefully|securely|thoroughly"
            r"|adequately|tightly|right)\b"
        ),
        check=fault.not_properly,
        message=OMISSION,
        suggestion=SORRY,
        examples=("Our sign fell on your car because we hadn't fixed it securely.",),
    ),
    Rule(
        id="charged_but_not_done",
        kind=FindingKind.ADMISSION,
        pattern=canon_rx(
            r"\b(?:charged|billed|invoiced|took payment)(?: {W}){0,6} but (?:only|never|did not"
            r"|forgot)\b"
        ),
        check=fault.asserted_by_us,
        message=HARM,
        suggestion=SORRY,
        examples=("We charged you for two copies but only packed one.",),
    ),
    Rule(
        id="done_wrongly",
        kind=FindingKind.ADMISSION,
        pattern=_MANNER,
        check=fault.manner,
        message=HARM,
        suggestion=SORRY,
        examples=("We shipped your order to the wrong country.",),
    ),
    Rule(
        id="equipment_failed",
        kind=FindingKind.ADMISSION,
        pattern=canon_rx(
            r"\b(?:overheated|overheating|malfunctioned|malfunctioning|broke down|broken down"
            r"|stopped working|packed up|packed in|conked out|cut out|tripped|blew up|exploded"
            r"|caught fire|leaked|jammed|seized up|gave way|gave out|collapsed|went off"
            r"|failed(?! to)|(?:was|were|is|are|had been|has been|have been) (?:faulty|defective"
            r"|broken|malfunctioning|leaking|not working|out of order|on the blink|playing up"
            r"|too (?:hot|warm|cold|high|low))|(?:ran|running|run|runs) (?:too |a bit |slightly "
            r"|very |far too )?(?:hot|warm|cold|high|low|fast)|(?:was|were) set (?:too|wrong"
            r"|to the wrong|incorrectly))\b"
        ),
        check=fault.equipment_failed,
        message=EQUIPMENT,
        suggestion=EQUIPMENT_SUGGESTION,
        examples=("Our fridge packed up and your order spoiled.",),
    ),
    Rule(
        id="caused",
        kind=FindingKind.ADMISSION,
        pattern=canon_rx(
            r"\b(?:caused|led to|resulted in|triggered|made (?:you|him|her|them|it|your {W}) (?:ill"
            r"|sick|unwell|poorly|itch|itchy|bleed|worse)|gave (?:you|him|her|them"
            r"|your {W}) (?:food poisoning|a rash|an allergic reaction|a reaction|an infection"
            r"|a burn|burns|a bad reaction|an upset stomach|a stomach upset)|(?:is|was|are"
            r"|were) (?:the )?(?:reason|cause)(?: for| why| of)?)\b"
        ),
        check=fault.caused,
        message=HARM,
        suggestion=SORRY,
        examples=("We accept that our van caused the dent in your car.",),
    ),
    Rule(
        id="down_to_us",
        kind=FindingKind.ADMISSION,
        pattern=canon_rx(
            r"\b(?:is|was|are|were|came|comes|come|resulted|results|stems"
            r"|stemmed)(?: {W}){0,2}? (?P<link>from|due to|down to|caused by|because of"
            r"|the result of|a result of|thanks to|owing to) (?P<who>us|me|our"
            r"|my)\b(?P<rest>(?: {W}){0,2})"
        ),
        check=fault.down_to_us,
        message=HARM,
        suggestion=SORRY,
        examples=("The stain on your dress is from our steam press.",),
    ),
    Rule(
        id="will_pay",
        kind=FindingKind.PROMISE_TO_PAY,
        pattern=canon_rx(
            r"\b(?P<v>pay|paying|pays|cover|covering|covers|foot|footing|meet|meeting|reimburse"
            r"|reimbursing|reimburses|compensate|compensating|compensates|refund|refunding|settle"
            r"|settling)\b"
            r"(?P<rest>(?: [\w'\-£$€.]+){0,4})"
        ),
        check=fault.will_pay,
        message=PAY,
        suggestion=PAY_SUGGESTION,
        examples=("We will pay for the damage.",),
    ),
    Rule(
        id="at_our_cost",
        kind=FindingKind.PROMISE_TO_PAY,
        pattern=canon_rx(r"\bat (?:our|my)(?: own)? (?:cost|expense)\b"),
        check=fault.pay_phrase,
        message=PAY,
        suggestion=PAY_SUGGESTION,
        examples=("We will replace it at our cost.",),
    ),
    Rule(
        id="on_our_insurance",
        kind=FindingKind.PROMISE_TO_PAY,
        pattern=canon_rx(
            r"\b(?:claim|claimed|put|putting|go|going|run|running)(?: it| this| that| the {W})?"
            r" (?:on|through|via|against) (?:our|my) (?:insurance|insurers?|policy)\b"
            r"|\b(?:paid|covered|met|footed|reimbursed) (?:for )?by (?:us|me|our|my)\b"
            r"|\bmake good (?:the |any |all |your )?(?:damage|loss|losses|repair|repairs|costs?)\b"
        ),
        check=fault.pay_phrase,
        message=PAY,
        suggestion=PAY_SUGGESTION,
        examples=("We'll put it through our insurance.",),
    ),
    Rule(
        id="not_out_of_pocket",
        kind=FindingKind.PROMISE_TO_PAY,
        pattern=canon_rx(
            r"\b(?:make sure|makes sure|ensure|ensures|see that|guarantee|promise)(?: {W}){0,4}"
            r" (?:not|never) (?:{W} ){0,2}?out of pocket\b"
            r"|\b(?:will|shall) not be (?:left )?out of pocket\b"
        ),
        check=fault.pay_phrase,
        message=PAY,
        suggestion=PAY_SUGGESTION,
        examples=("We'll make sure you aren't out of pocket for the damaged flooring.",),
    ),
    Rule(
        id="harm_verb",
        kind=FindingKind.ADMISSION,
        check=harm.harm_verb,
        message=HARM,
        suggestion=SORRY,
        examples=("We scratched your car.",),
    ),
    Rule(
        id="still_harming",
        kind=FindingKind.ADMISSION,
        check=harm.still_harming,
        message=HARM,
        suggestion=SORRY,
        examples=("We've been overcharging you for the service plan since March.",),
    ),
    Rule(
        id="led_to_harm",
        kind=FindingKind.ADMISSION,
        pattern=canon_rx(
            r"\b(?:is|was|are|were) (?:why|how)\b|\bwhich (?:caused|meant|led to|resulted in)\b"
            r"|\bthat (?:caused|led to|resulted in)\b|\bcausing\b|\bresulting in\b|\bas a result\b"
            r"|\bhence\b|\band (?:it|they|that|this|the {W}|your {W}) (?:has |have |had |then "
            r"|just )?(?:broke|snapped|cracked|shattered|tore|split|shrank|melted|bent|bowed|warped"
            r"|leaked|collapsed|burst|flooded|died|escaped|fell|peeled|faded|rusted|lifted"
            r"|caught fire|blew|buckled|smashed|chipped|dented|sank|sagged|stopped working|gave way"
            r"|spoiled|spoilt|wilted|rotted|went off|came (?:apart|off|loose|away|down|undone))\b"
            r"|\bso (?:it|they|the {W}|your {W}) (?:is|are|was|were|has|have) (?:now )?(?:too"
            r"|broken|damaged|ruined|unusable|useless|gone|lost|missing|wrong|stained|cracked"
            r"|late)\b"
        ),
        check=harm.led_to_harm,
        message=HARM,
        suggestion=SORRY,
        examples=("We packed your vase without enough padding and it broke in transit.",),
    ),
    Rule(
        id="despite_warning",
        kind=FindingKind.ADMISSION,
        pattern=canon_rx(
            r"\b(?:even though|though|although|despite|in spite of) (?:you|your {W}|the customer"
            r"|the client|she|he|they)(?: had| have| would)? (?:clearly |specifically "
            r"|already )?(?:told|said|asked|warned|mentioned|requested|instructed|specified|stated"
            r"|explained|telling|asking|warning|request|requests|instructions|instruction|note"
            r"|notes)\b"
        ),
        check=harm.despite_warning,
        message=HARM,
        suggestion=SORRY,
        examples=(
            "We gave your dog treats containing chicken even though you'd said he was allergic.",
        ),
    ),
    Rule(
        id="in_our_care",
        kind=FindingKind.ADMISSION,
        pattern=canon_rx(
            r"\b(?:while|whilst|when) (?:it |they |he |she |the {W} |your {W} )?(?:was |were "
            r"|had been |has been )?(?P<place>with us|in our {W}|at our {W}|in my {W})\b|\b(?:while"
            r"|whilst|when) (?P<who>we|i|our {W}(?: {W})?) (?:was |were |had been )?(?P<v>{W})"
            r"|\bduring (?:our|my) {W}\b|\bin our (?:care|possession|custody|hands|workshop|kitchen"
            r"|van|storage)\b"
        ),
        check=harm.in_our_care,
        message=HARM,
        suggestion=SORRY,
        examples=("I'm sorry to say your dog was injured while in our care.",),
    ),
    Rule(
        id="because_we_did",
        kind=FindingKind.ADMISSION,
        check=harm.because_we_did,
        message=HARM,
        suggestion=SORRY,
        examples=("The bouquet wilted because we kept it in the van all afternoon.",),
    ),
    Rule(
        id="because_we_did_not",
        kind=FindingKind.ADMISSION,
        check=harm.because_we_did_not,
        message=OMISSION,
        suggestion=SORRY,
        examples=("The wedding cake collapsed because we didn't dowel the tiers.",),
    ),
    Rule(
        id="sold_defective",
        kind=FindingKind.ADMISSION,
        pattern=canon_rx(
            r"\b(?:past (?:its|their|the) (?:{W} ){0,2}?date|expired (?:its"
            r"|their) (?:{W} ){0,2}?date|out of date|out-of-date|gone off|mouldy|rotten|rancid"
            r"|stale|contaminated|undercooked|raw in the middle|not (?:fully |properly )?cooked"
            r"|mislabelled|wrongly labelled|incorrectly labelled|not on the (?:label|menu|list)"
            r"|not listed|undeclared|not declared|(?:was|were|had gone|has gone|went|is"
            r"|are) off(?! (?:the|to|for|on|at|by|duty|work|sick))|contain(?:ed"
            r"|s)? (?:{W} ){0,2}?(?:{ALLERGEN}|glass|plastic|metal|hair|bone|bones|stone|stones))\b"
        ),
        also=(_SALE,),
        check=harm.sold_defective,
        message=PRODUCT,
        suggestion=PRODUCT_SUGGESTION,
        examples=("The milk we sold you was out of date, and I apologise.",),
    ),
    Rule(
        id="sorry_for_harm",
        kind=FindingKind.ADMISSION,
        pattern=canon_rx(
            r"\b(?:sorry|apologise|apologised|apologies|apology|apologising|regret) (?:for|about)"
            r" (?P<g>{W}ing)\b"
        ),
        also=(_MANNER,),
        check=harm.sorry_for_harm,
        message=HARM,
        suggestion=SORRY,
        examples=("Sorry for dropping your parcel.",),
    ),
    Rule(
        id="admitted_doing",
        kind=FindingKind.ADMISSION,
        pattern=canon_rx(
            r"\b(?:admit|admits|admitted|admitting|confess|confesses|confessed|acknowledges"
            r"|acknowledged) (?:to )?(?P<g>{W}ing)\b"
        ),
        check=harm.admitted_doing,
        message=HARM,
        suggestion=SORRY,
        examples=("I admit losing your ring.",),
    ),
    Rule(
        id="non_apology",
        kind=FindingKind.NON_APOLOGY,
        pattern=canon_rx(
            r"\b(?:sorry|apologise|apologised|apologises|apologies|apology|regret"
            r"|regrets)(?: that)? you (?P<v>feel|felt|think|thought|believe|believed|see it|saw it"
            r"|took (?:it|this|that|offence)|take (?:it|this|that)|perceive|perceived|found (?:it"
            r"|this|that|us|our)|find (?:it|this|that|us|our)|have taken|seem|seemed|(?:were|are"
            r"|have been|got|feel) (?:so |very |a bit |quite )?(?:offended|upset|annoyed|angry"
            r"|put out))\b(?P<next>(?: {W})?)|\b(?:sorry|apologise|apologies|apology"
            r"|regret) if (?:you|anyone|anybody|this|that|it|we|i|our|any|there|the|your|somebody"
            r"|someone|people|offence)\b|\bsorry(?: ,)? but (?:you|your|that is (?:just )?(?:how"
            r"|our policy|the policy|the rules)|rules are rules|it is (?:your|policy))\b"
            r"|\b(?:mistakes|errors) (?:were|have been|may have been) made\b"
            r"|\bsorry for any (?:offence|upset caused)\b"
        ),
        check=harm.non_apology,
        message=NON_APOLOGY_MESSAGE,
        suggestion=NON_APOLOGY_SUGGESTION,
        examples=(
            "Sorry you feel that way.",
            "Sorry if anyone was offended.",
        ),
    ),
    Rule(
        id="staff_conduct",
        kind=FindingKind.ADMISSION,
        pattern=canon_rx(
            r"\b(?:was|were|is|are|been|being|got) (?:(?:very|so|really|quite|a|bit|little"
            r"|extremely|rather|incredibly|pretty|too|downright|totally) ){0,2}(?:rude|abrupt"
            r"|dismissive|aggressive|unhelpful|condescending|patronising|patronizing|sarcastic|hostile"
            r"|impatient|curt|disrespectful|unprofessional|offhand|snappy|short with|off with)\b"
            r"|\b(?:shouted|yelled|swore|snapped|sneered|screamed) at\b|\bhung up on\b"
        ),
        check=fault.asserted_by_us,
        message=CONDUCT,
        suggestion=CONDUCT_SUGGESTION,
        examples=(
            "I was short with you on the phone.",
            "We were rude to you when you came back in.",
        ),
    ),
    Rule(
        id="speculates_about_fault",
        kind=FindingKind.SPECULATION,
        check=None,  # an admission above that is only kept from being one by a guess
        message=SPECULATION_MESSAGE,
        suggestion=SPECULATION_SUGGESTION,
        examples=(
            "We may have scratched it when we moved it.",
            "Maybe our driver dropped the box.",
            "It is possible that our oven ran too hot that day.",
        ),
    ),
)
