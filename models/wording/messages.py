"""What each finding says, and the safer wording it suggests.

Several rules say the same thing (every fault phrase gives the same message),
so the texts are named here and each rule record in :mod:`models.wording.rules`
names the ones it shows.
"""

from __future__ import annotations

FAULT = (
    "This says the shop was at fault before the facts are checked. Say sorry for"
    " what happened, not for a cause nobody has confirmed yet."
)
HARM = (
    "This says the shop caused the problem before the facts are checked. Sympathy"
    " is safe; a statement of cause can be used as an admission of liability."
)
SHOULD = (
    '"We should have..." admits the shop fell short of what it ought to have done.'
    " Keep it for when the facts show the shop was at fault."
)
OMISSION = (
    "This admits the shop failed to do something it should have done (an omission"
    " is still fault). Check the facts before putting it in writing."
)
EQUIPMENT = (
    "This says the shop's own equipment, work or product caused the problem. Wait"
    " until it has been checked before saying so."
)
PRODUCT = (
    "This admits the product the shop sold or made was unfit. Check the batch,"
    " labels and records before saying so."
)
COLLEAGUE = (
    "This blames a colleague. It admits fault for the shop, and customers deal with"
    " the shop, not one person; never blame colleagues in front of a customer."
)
PAY = (
    "Promising to pay for damage or losses can be read as accepting liability, and"
    " your insurer may refuse cover for promises made without its consent."
)
NON_APOLOGY_MESSAGE = (
    "This apology puts the problem on the customer's feelings; non-apologies tend to"
    " make people angrier. Say sorry for their experience instead."
)

SORRY = "I'm sorry this has happened; we will look into what went wrong."
SHOULD_SUGGESTION = "I'm sorry this happened; we are looking at how we can do better."
# Said of a machine, a product or the shop's own work ("our stitching was faulty").
EQUIPMENT_SUGGESTION = (
    "I'm sorry this happened; we are checking what caused it and will tell you what we find."
)
PRODUCT_SUGGESTION = (
    "I'm sorry this happened; we are checking the batch and our records and will come back to you."
)
COLLEAGUE_SUGGESTION = "I'm sorry this has happened; I'm looking into it and will come back to you."
PAY_SUGGESTION = (
    "As a goodwill gesture, and without accepting liability, we will help put this right."
)
NON_APOLOGY_SUGGESTION = "I'm sorry this has been so frustrating."

SPECULATION_MESSAGE = (
    "This guesses that the shop may have caused the problem. A guess in writing reads"
    " like an admission; check what happened first, then say what you found."
)
SPECULATION_SUGGESTION = "We are checking what happened and will tell you what we find."

CONDUCT = (
    "This says someone at the shop behaved badly towards the customer. Hear both"
    " sides first; say sorry for how the visit felt, not for what nobody has checked."
)
CONDUCT_SUGGESTION = (
    "I'm sorry your visit left you feeling this way; I'm looking into what happened."
)

# A record kept for the shop (a note, a finding, a follow-up's outcome) says these in
# place of risky words: they read as a record, not as words said to the customer.
RECORD_CAUSE_SUGGESTION = "the cause is still being checked."
RECORD_PAY_SUGGESTION = "what we can offer is still to be agreed."
RECORD_SORRY_SUGGESTION = "sorry for the trouble this has caused."
# Once the facts show the fault was ours, blaming one colleague still is a risk; the
# record says it as the shop's own doing (models.wording.safer.as_ours). These words
# were offered for it before, and notes hold them: the check knows them as safe.
RECORD_OURS_SUGGESTION = "we got this wrong."
