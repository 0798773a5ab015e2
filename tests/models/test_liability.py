"""Tests for the liability wording check (models.wording).

How "flagged" is counted: a text counts as flagged when ``scan`` returns at
least one finding of kind ADMISSION, BLAME_COLLEAGUE or PROMISE_TO_PAY. A
NON_APOLOGY finding alone does not flag a text: a non-apology is bad manners,
not an admission of fault, so the labelled sets treat it as ``safe``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.wording import Finding, FindingKind, scan

RISKY = frozenset({FindingKind.ADMISSION, FindingKind.BLAME_COLLEAGUE, FindingKind.PROMISE_TO_PAY})

DEV_TSV = Path(__file__).resolve().parents[2].parent / "shared" / "liability" / "dev.tsv"

MIN_RECALL = 0.95
MAX_FALSE_POSITIVE_RATE = 0.05

# A held-out set written before the analyser was tuned, in our own words, to
# guard against fitting the dev rows. Varied shops, phrasing, typos, capitals,
# negation, conditionals, questions, reported speech, third parties, goodwill
# offers and non-apologies. Non-apologies are labelled "safe" (see above).
HELD_OUT: list[tuple[str, str]] = [
    # --- admissions -------------------------------------------------------
    ("admission", "We put the wrong battery in your hearing aid and it has leaked."),
    ("admission", "our technician cracked your phone screen while swapping the battery"),
    (
        "admission",
        "I'm so sorry, I forgot to add your son's name to the cake order. That's my mistake.",
    ),
    ("admission", "We mislabelled the brownies, so the walnuts weren't listed. We got it wrong."),
    ("admission", "WE OVERCHARGED YOU FOR THE TYRES AND WILL REFUND THE DIFFERENCE TODAY."),
    (
        "admission",
        "Our florist mixed up the two orders, so your mother received a wreath meant for"
        " someone else.",
    ),
    (
        "admission",
        "Your wool coat shrank in our machine because the cycle was set too hot - that's"
        " entirely down to us.",
    ),
    (
        "admission",
        "im really sorry, its our fualt, your dog was left in the drying cage far too long",
    ),
    ("admission", "We should have checked the gas fittings before we left your house."),
    (
        "admission",
        "Tom from our workshop bent the frame of your bike when he fitted the new gears.",
    ),
    (
        "admission",
        "Our delivery van reversed into your gate post. Our insurance will cover the repair.",
    ),
    ("admission", "Our oven ran too hot and burnt the bottom tier of your wedding cake."),
    (
        "admission",
        "We didn't do a patch test before colouring your hair, which is why your scalp reacted.",
    ),
    (
        "admission",
        "We are responsible for the water damage to your ceiling; our plumber didn't tighten"
        " the joint.",
    ),
    ("admission", "Sorry, we messed up your order and sent the wrong size."),
    (
        "admission",
        "The shelf came down because I used plasterboard plugs instead of proper wall fixings.",
    ),
    ("admission", "My apprentice scratched the paintwork on your car while polishing it."),
    ("admission", "we dropped your laptop taking it out of the box, really sorry about that"),
    ("admission", "The milk we sold you was out of date, and I apologise."),
    (
        "admission",
        "The freezer in our shop broke down overnight, which is why the meat you collected had"
        " thawed.",
    ),
    ("admission", "Our cleaner used bleach on your rug and ruined the colour."),
    ("admission", "I admit we did a poor job of the grouting; we'll come back and redo it."),
    ("admission", "The worktop was cut to the wrong length by our fitter."),
    ("admission", "Your parcel never went out because we forgot to book the collection."),
    ("admission", "We'll pay for a new pair of shoes, since our cobbler ruined these."),
    ("admission", "We will cover the vet bills in full."),
    ("admission", "The error on your invoice was ours; we billed you twice for the same service."),
    ("admission", "Sarah gave you the wrong change at the till on Friday, sorry about that."),
    (
        "admission",
        "We failed to tell you the course had been cancelled, so you drove two hours for nothing.",
    ),
    ("admission", "It was our negligence: the wet floor sign should have been put out."),
    (
        "admission",
        "We didn't check the ladder before lending it to you, and that's how the rung gave way.",
    ),
    ("admission", "The paint on your gate is peeling because we skipped the primer."),
    ("admission", "Honestly that one's on me, I booked you in for the wrong day."),
    ("admission", "Our chef added peanut oil to the dressing without telling front of house."),
    ("admission", "We will reimburse you for the taxi and the ruined dinner."),
    ("admission", "The stitching came apart because our machinist used the wrong thread."),
    ("admission", "We accidentally deleted your booking when we updated the system."),
    ("admission", "Priya in our kitchen put the gluten bread in your sandwich by mistake."),
    ("admission", "That was careless of us and we take full responsibility."),
    (
        "admission",
        "the mechanic we employ left the oil cap off and your engine was damaged as a result",
    ),
    ("admission", "OUR DOG WALKER LOST YOUR KEYS ON THE WAY BACK FROM THE PARK."),
    ("admission", "We fitted the tyre the wrong way round, and that caused the blowout."),
    ("admission", "I'm afraid the photos were deleted by us during the upgrade."),
    ("admission", "We'll pay whatever it costs to have your floor re-sanded."),
    (
        "admission",
        "The cake we made for you contained almonds even though you'd told us about the allergy.",
    ),
    # --- safe -------------------------------------------------------------
    ("safe", "I'm so sorry to hear about the damage to your car."),
    ("safe", "Sorry for the inconvenience, we'll look into it straight away."),
    ("safe", "If our technician caused the crack, we will replace the screen free of charge."),
    ("safe", "Could you send us a photo of where the paint is peeling?"),
    ("safe", "Did our driver leave the parcel on the doorstep or hand it to a neighbour?"),
    (
        "safe",
        "You said our plumber left the joint loose, so we'll send someone to check it tomorrow.",
    ),
    ("safe", "Customer claims our cleaner bleached the rug. Waiting for photos."),
    ("safe", "We did not scratch the car; the marks are visible in the photos taken at drop-off."),
    ("safe", "Nobody on our team handled the laptop after it was signed in."),
    (
        "safe",
        "According to their own tracking notes, the courier dropped the parcel, and we've filed"
        " a claim with them.",
    ),
    ("safe", "The supplier has confirmed the batch was mislabelled at their factory."),
    ("safe", "As a goodwill gesture we'd like to pay for your next two visits."),
    ("safe", "Without admitting liability, we're happy to refund the cost of the cake."),
    ("safe", "Should it turn out the oven was too hot, we'll bake you a new cake."),
    ("safe", "thank you for letting us know, we really appreciate it"),
    ("safe", "I'm sorry you feel that way about our service."),
    ("safe", "Sorry if you were offended by the comment."),
    ("safe", "We're sorry the delivery was late; the storm closed the bridge."),
    ("safe", "Our records show the tyres were tightened to the correct torque."),
    ("safe", "We'll check the CCTV and get back to you by Friday."),
    ("safe", "Mr Patel says our fitter damaged the skirting board; we're arranging a visit."),
    ("safe", "I can't tell yet whether the shrinkage was caused by our machine or by the fabric."),
    ("safe", "The manufacturer has issued a recall for that kettle, so please stop using it."),
    ("safe", "Our staff followed the allergy procedure and the kitchen log confirms it."),
    ("safe", "IS IT POSSIBLE THE DOG SLIPPED HIS COLLAR BEFORE THE WALK?"),
    ("safe", "how long after the fitting did you notice the leak"),
    ("safe", "It wasn't our van that hit your gate; all our vans were at the depot that day."),
    ("safe", "We're really sorry your evening was spoiled."),
    (
        "safe",
        "we havent found any fault with the boiler we fitted but we'll send an engineer anyway",
    ),
    ("safe", "In case the tiles were cut wrong, please keep the offcuts so we can measure them."),
    ("safe", "The stain could have come from a household cleaner; we never use bleach on rugs."),
    (
        "safe",
        "I'm sorry to hear your cat was unwell after her stay with us, and I hope she's feeling"
        " better.",
    ),
    ("safe", "Our groomer has twenty years' experience, but we'll look into what happened."),
    ("safe", "The marquee was taken down by the hire company, not by us."),
    ("safe", "Please bring the shoes in and our cobbler will take a look."),
    ("safe", "Thanks for your patience while we investigate what happened to your order."),
    (
        "safe",
        "Your card was charged twice by the payment provider, and they have promised to"
        " reverse it.",
    ),
    ("safe", "We replaced the battery on the 4th and tested the phone before you collected it."),
    (
        "safe",
        "She told us the hedge was planted too close to the wall, so we're sending someone to"
        " measure it.",
    ),
    (
        "safe",
        "Whether the cake contained nuts is something we're checking with the bakery that"
        " supplies us.",
    ),
    (
        "safe",
        "We can refund the taxi fare as a gesture of goodwill, without accepting responsibility"
        " for the delay.",
    ),
    (
        "safe",
        "Sorry you were disappointed with the colour, would you like to try a different shade?",
    ),
    ("safe", "Our van was parked legally, and the dashcam shows your gate was already leaning."),
    ("safe", "We're sorry that you've had to chase us about this."),
    (
        "safe",
        "The damage to the frame was there before the bike came in; please see the check-in"
        " photos.",
    ),
    ("safe", "We'll find out if our driver scratched it and let you know."),
    ("safe", "If we got the measurements wrong, we will make you a new blind."),
    (
        "safe",
        "We are not liable for items left in pockets, but we have searched the shop for your ring.",
    ),
    (
        "safe",
        "The delivery driver works for the courier, not for us, and we've reported the damage to"
        " them.",
    ),
    ("safe", "Your neighbour told us the ladder fell over in the wind."),
    ("safe", "We may have a spare in stock; I'll check tomorrow."),
    ("safe", "It's not our fault the bus was late, but we kept your table for an hour."),
    ("safe", "apologies for the wait, we're short staffed today"),
    ("safe", "The engineer we sent found the leak was coming from your own pipework."),
    ("safe", "We checked the oven temperature log and it stayed at 180 all afternoon."),
]

# Seven more batches written later (440 texts), each labelled before the analyser
# was first run on it. Their first-run figures (recall / false-positive rate)
# were 87.5% / 4.4%, 80.0% / 2.9%, 85.0% / 0.0%, 95.0% / 2.5%, 73.3% / 0.0%,
# 76.0% / 4.0% and 85.0% / 0.0%. After each first run they were used to find and
# fix general gaps, so they are a regression guard here, not a measure of
# generalisation.
REGRESSION: list[tuple[str, str]] = [
    ("admission", "Our barista spilled hot coffee on your jacket."),
    ("admission", "I gave you the wrong medication dosage instructions."),
    ("admission", "We sent your parcel to your old address, so it's our fault it's late."),
    ("admission", "My colleague Ben knocked over your display stand."),
    ("admission", "The technician we sent out wired the socket incorrectly."),
    ("admission", "We've lost your wedding dress."),
    ("admission", "Apologies, we double-booked the room for your party."),
    ("admission", "It was a mistake on our part to leave the gate open."),
    ("admission", "We scalded your hand with the steamer, I'm so sorry."),
    ("admission", "the dryer in our salon burned your scalp"),
    (
        "admission",
        "Our staff forgot to take the security tag off, which is why the alarm went off.",
    ),
    ("admission", "We served you chicken that wasn't cooked through."),
    ("admission", "We shouldn't have let your dog off the lead."),
    ("admission", "We're to blame for the delay, we forgot to order the part."),
    ("admission", "I broke the clasp on your necklace while cleaning it."),
    ("admission", "Honestly we made a right mess of your fringe."),
    ("admission", "Our pharmacist gave you someone else's prescription."),
    ("admission", "WE SHRANK YOUR JUMPER IN THE WASH, SORRY."),
    ("admission", "Our engineer left your boiler leaking."),
    ("admission", "The cashier charged your card twice, that's our error."),
    ("admission", "We will compensate you for the ruined carpet."),
    ("admission", "We'll foot the bill for the new tyres."),
    ("admission", "i think we damaged it when we moved the sofa"),
    ("admission", "We accept that our van caused the dent in your car."),
    ("admission", "Kevin forgot to lock the back door and your bike was stolen from our yard."),
    ("admission", "The frame snapped because we over-tightened the screws."),
    ("admission", "We misread your order and made the wrong cake."),
    ("admission", "The delay is entirely our fault."),
    ("admission", "Our system crashed and we lost your booking."),
    ("admission", "We stained your sofa when we cleaned it."),
    ("admission", "We overfilled the tank and it overflowed into your loft."),
    ("admission", "That was sloppy work from us and we're sorry."),
    ("admission", "The varnish we applied has discoloured your floor."),
    ("admission", "We'll pay for the damage to your car."),
    ("admission", "Our insurers will settle the claim for your ceiling."),
    ("admission", "We're liable for the cost of the vet visit."),
    ("admission", "My trainee cut your fringe far too short."),
    ("admission", "We should never have sold you that ladder."),
    ("admission", "We let your cat escape during the grooming appointment."),
    ("admission", "Our walker lost Max in the woods for two hours."),
    ("safe", "We'd like to understand what went wrong, could you call us?"),
    ("safe", "Did anyone from our team touch the car?"),
    ("safe", "My colleague says the customer dropped the vase herself."),
    ("safe", "The parcel was damaged in transit by the courier."),
    ("safe", "We don't think our fitter caused the leak, but we'll check."),
    ("safe", "If the stitching fails within a year, we'll repair it."),
    ("safe", "Our fitter checked the joint twice before leaving."),
    ("safe", "Sorry to hear the cake didn't survive the journey home."),
    ("safe", "We're sorry your jumper shrank; can you tell us how you washed it?"),
    ("safe", "The tyre was punctured by a nail on the road, not by our fitting."),
    ("safe", "Let's get this sorted for you as quickly as possible."),
    ("safe", "As a gesture of goodwill we will cover the cost of a new jacket."),
    ("safe", "We cannot accept liability for items left in the changing rooms."),
    ("safe", "The manufacturer confirmed the boiler had a factory defect."),
    ("safe", "Thanks for bringing this to our attention."),
    ("safe", "Our driver reports the parcel was left in your porch as requested."),
    ("safe", "I'm sorry that you feel we let you down."),
    ("safe", "You mentioned our barista was rude; I'll speak to the team."),
    ("safe", "Could our steamer have caused the burn?"),
    ("safe", "Our records show the dog was collected at 4pm with no injuries noted."),
    ("safe", "We take allergy information very seriously and follow strict procedures."),
    ("safe", "Please don't worry, we'll find out what happened."),
    ("safe", "The jacket was already stained when it came in, as noted on the ticket."),
    ("safe", "If our van did hit your gate, our insurance will pay for it."),
    ("safe", "i'm so sorry ur order was late, the courier had a backlog"),
    ("safe", "Nobody here dropped your phone; it was handed in with the screen already cracked."),
    ("safe", "Whether it was our product that caused the reaction is still being tested."),
    (
        "safe",
        "The tiles are cracking because the floor underneath is uneven, which the survey found.",
    ),
    ("safe", "We've never had a problem with that batch before, but we're happy to test it."),
    ("safe", "The ladder we lent you had been inspected the week before."),
    ("safe", "We have passed your complaint to the manufacturer, who will contact you."),
    ("safe", "Our apologies for any inconvenience caused."),
    ("safe", "We followed the care label exactly when cleaning your coat."),
    ("safe", "I'm sorry you had such a stressful afternoon."),
    ("safe", "Kevin says he locked the back door at 6pm."),
    ("safe", "We refunded your deposit yesterday."),
    ("safe", "Your feedback about the wrong cake has been passed to our baker."),
    ("safe", "we r sorry about the mix up with the sizes"),
    ("safe", "The fault light on your boiler means it needs a service."),
    ("safe", "We will pay you back the deposit as agreed."),
    ("safe", "She thinks our oven was too hot, but the temperature log says 180."),
    ("safe", "No one at the shop has accepted any blame for this."),
    ("safe", "Our groomer noticed a cut on his paw when he arrived."),
    ("safe", "The customer claims we overcharged her; the till receipt shows the correct price."),
    ("safe", "It's our policy to check every item before it leaves."),
    (
        "admission",
        "Dear Mrs Okafor, thank you for your patience. Having looked at the CCTV, I can"
        " see that our delivery driver reversed into your wall on Tuesday. We will"
        " arrange for a builder to repair it at our expense. Kind regards, Tom",
    ),
    (
        "admission",
        "Note to file: spoke to customer. Jess admits she forgot to put the deposit"
        " through, so the booking lapsed.",
    ),
    ("admission", "hiya, so sorry!! we totally forgot your birthday cake order, that's on us"),
    ("admission", "The reason your order was late is that we packed it with the wrong label."),
    (
        "admission",
        "Our boiler engineer didn't reconnect the pressure valve, which caused the leak.",
    ),
    ("admission", "Your bike's brakes failed because our mechanic fitted the cable incorrectly."),
    (
        "admission",
        "I'm really sorry - I mixed up your dates and booked the groomer for the wrong week.",
    ),
    ("admission", "We cut the glass a centimetre too small, so it rattles in the frame."),
    ("admission", "The colour came out patchy because I left the bleach on too long."),
    (
        "admission",
        "Our kitchen used a knife that had been used on nuts; I'm so sorry your son reacted.",
    ),
    ("admission", "When we collected your sofa, one of our porters tore the back panel."),
    ("admission", "We lost track of your repair and it sat on the shelf for a month."),
    ("admission", "Unfortunately our chiller broke down and your cake melted before collection."),
    ("admission", "WE MADE A MISTAKE ON YOUR INVOICE AND CHARGED YOU FOR TWO DAYS INSTEAD OF ONE"),
    ("admission", "We're responsible for your lost luggage tag - our receptionist threw it away."),
    ("admission", "We've overcharged you by £20 and will refund it today."),
    ("admission", "The roof is leaking because our roofer didn't seal the flashing properly."),
    ("admission", "I dropped your phone while transferring the data and cracked the screen."),
    (
        "admission",
        "Sorry, my fault - I typed your email address wrong, so the tickets never arrived.",
    ),
    ("admission", "We will cover your dry cleaning bill."),
    ("admission", "Our hedge trimmer flung a stone through your window."),
    ("admission", "The wrong tyres were fitted to your car by our team."),
    ("admission", "The dog got out because we left the side gate unlatched."),
    ("admission", "Our till system double-charged you, and that's down to us."),
    ("admission", "We mislaid your keys somewhere in the shop."),
    (
        "admission",
        "We gave your dog treats containing chicken even though you'd said he was allergic.",
    ),
    ("admission", "The hem came undone because we used cheap thread."),
    ("admission", "Admittedly we didn't warn you that the paint needed two days to cure."),
    ("admission", "our courier partner isn't to blame, we sent it to the wrong depot"),
    ("admission", "That's a failure on our side and I apologise."),
    (
        "safe",
        "Dear Mr Hughes, thank you for your letter about the scratch on your car. We"
        " take every complaint seriously and have asked our valeting team for their"
        " notes from that day. I will write to you again by Friday with what we find."
        " Best wishes, Anna",
    ),
    (
        "safe",
        "Note: customer says Jess forgot to put the deposit through. Jess says it was"
        " processed. Checking bank statement.",
    ),
    ("safe", "We didn't lose your keys; they were found in your coat pocket at collection."),
    (
        "safe",
        "If our roofer didn't seal the flashing properly, we'll come back and fix it at no cost.",
    ),
    ("safe", "Was the screen cracked before you brought the phone in?"),
    ("safe", "Our mechanic will check whether the brake cable was fitted correctly."),
    ("safe", "We're sorry the colour wasn't what you hoped for."),
    ("safe", "The bleach was applied for the time stated on the manufacturer's instructions."),
    (
        "safe",
        "Our kitchen follows a strict nut-free procedure, and we're reviewing what"
        " happened on Saturday.",
    ),
    (
        "safe",
        "The courier scanned your parcel as delivered at 2pm, so we've opened an"
        " investigation with them.",
    ),
    ("safe", "the cake melted because it was left in a hot car after collection"),
    ("safe", "We aren't able to offer compensation, but we can offer a free re-treatment."),
    ("safe", "I hope your son is feeling better, and thank you for letting us know so quickly."),
    (
        "safe",
        "Our porters photograph every item before moving it, and the tear isn't in those photos.",
    ),
    ("safe", "It seems the parcel was mislabelled by the sender."),
    ("safe", "We'd never knowingly sell anything past its date."),
    ("safe", "Sorry if the wait was longer than expected."),
    ("safe", "We are sorry to hear your bike's brakes failed, and we'd like to inspect it."),
    ("safe", "Your insurer may be able to cover the cost of the repair."),
    ("safe", "It's possible the glass was cut too small; we'll measure it on Monday."),
    ("safe", "We did everything by the book, but we understand why you're upset."),
    ("safe", "Our driver has been with us for ten years and has a clean record."),
    ("safe", "You said the dog got out through the side gate - do you know who left it open?"),
    ("safe", "The till receipt shows one charge of £45, but we'll check with the bank."),
    ("safe", "Without accepting any fault, we'd like to offer you a voucher."),
    ("safe", "We will pay the refund into your account within five days."),
    ("safe", "If we're found to be liable, our insurance will handle your claim."),
    ("safe", "WE HAVE SPOKEN TO THE GROOMER AND WILL UPDATE YOU TOMORROW"),
    ("safe", "Thanks for your review. We're sorry the room was cold during your treatment."),
    ("safe", "It was the supplier who sent the wrong tyres, not our team."),
    ("safe", "Tom thinks the wall was already cracked before the van arrived."),
    ("safe", "Our engineer found that the valve had been tampered with."),
    ("safe", "We're investigating how the cake came to contain nuts."),
    ("safe", "The hem may have come undone in the wash."),
    ("safe", "Sorry for the delay in getting back to you."),
    (
        "admission",
        "Our optician measured your pupil distance incorrectly, which is why the new"
        " glasses give you headaches.",
    ),
    ("admission", "We put your silk blouse through a hot wash by accident."),
    (
        "admission",
        "Following our review, we can confirm the error was ours: the booking was never entered.",
    ),
    ("admission", "Yes, it was us - our van clipped your wing mirror in the car park."),
    ("admission", "The extension lead we supplied was faulty and tripped your fuse box."),
    ("admission", "Lucy on reception gave you the wrong appointment time."),
    ("admission", "I'm gutted to say we've broken the stem of your wine glass while engraving it."),
    (
        "admission",
        "We didn't order enough paint, so the second coat couldn't be done and that's our fault.",
    ),
    ("admission", "Our cleaner knocked your vase off the shelf and it smashed."),
    (
        "admission",
        "The replacement screen I fitted was cracked when I handed it back, so that's down to me.",
    ),
    ("admission", "We wrongly told you the warranty had expired."),
    ("admission", "Our machine ate your bank card and we can't get it out."),
    (
        "admission",
        "We've damaged the frame of your painting during reframing; we'll pay for a restorer.",
    ),
    ("admission", "The cake collapsed because our baker took it out of the oven too early."),
    ("admission", "We sold you a gas cylinder that had already expired its test date."),
    ("admission", "Sam from the workshop scratched your guitar's finish while restringing it."),
    ("admission", "we were careless with your parcel and it got crushed"),
    ("admission", "Our sign fell on your car because we hadn't fixed it securely."),
    ("admission", "I'm sorry to say your dog was injured while in our care."),
    ("admission", "We charged you the full price even though your voucher was valid."),
    ("admission", "It's my fault your curtains are the wrong length; I took the measurements."),
    ("admission", "The hairdresser I employ burned your scalp with the straighteners."),
    ("admission", "We lost your dry cleaning ticket and can't find your suit."),
    ("admission", "Our fridge packed up and your order spoiled."),
    ("admission", "OUR PAINTER SPLASHED PAINT ON YOUR CARPET, WE WILL PAY FOR CLEANING."),
    ("admission", "Our insurance will pay out for your damaged bike."),
    ("admission", "Apologies - we installed the tap back to front, so hot and cold are swapped."),
    (
        "admission",
        "We never sent your order because it was missed off the picking list by our"
        " warehouse team.",
    ),
    ("admission", "The dye ran because we washed your shirt at the wrong temperature."),
    ("admission", "We fitted a second-hand part and told you it was new."),
    ("admission", "My staff should have spotted the crack before handing it back."),
    ("admission", "i reckon it was my lad who dented your bumper, sorry mate"),
    ("admission", "We've been overcharging you for the service plan since March."),
    (
        "admission",
        "The engineer we sent left your boiler switched off and you had no heating all weekend.",
    ),
    ("admission", "We gave you the key to the wrong locker and your bag was taken."),
    (
        "admission",
        "We've compensated other customers for the same fault and will compensate you too.",
    ),
    ("admission", "Our decorator painted over the light switch and the socket."),
    ("admission", "We accidentally charged you for someone else's order."),
    ("admission", "We misunderstood your brief and designed the logo in the wrong colours."),
    ("admission", "The bike was stolen because our staff left the shed unlocked overnight."),
    ("safe", "Our optician will re-measure your pupil distance when you come in on Thursday."),
    ("safe", "Could the blouse have been washed at home before it came to us?"),
    (
        "safe",
        "We've reviewed the booking system and can see the request arrived after the cut-off.",
    ),
    (
        "safe",
        "Our van was parked two streets away when your wing mirror was damaged,"
        " according to the tracker.",
    ),
    ("safe", "If the extension lead turns out to be faulty, we'll refund it in full."),
    (
        "safe",
        "Lucy says she gave you the 3pm slot, but let's check the confirmation email together.",
    ),
    (
        "safe",
        "We're so sorry your wine glass broke; glass engraving always carries a small"
        " risk, as the form explains.",
    ),
    (
        "safe",
        "The paint shortage was caused by the supplier cancelling our order at the last minute.",
    ),
    ("safe", "Accidents happen, and we're sorry the vase was broken."),
    ("safe", "We don't yet know why the replacement screen cracked."),
    ("safe", "Our warranty terms are printed on the back of your receipt."),
    (
        "safe",
        "The cash machine is owned and run by the bank, so we've reported the retained"
        " card to them.",
    ),
    (
        "safe",
        "We'd like to collect the painting and have an independent restorer look at the frame.",
    ),
    ("safe", "Homemade cakes can sink if the oven door is opened early; did anyone open it?"),
    ("safe", "All our gas cylinders are tested by the supplier before delivery."),
    ("safe", "Sam checked your guitar over at collection and noted no marks."),
    ("safe", "Parcels are handled by the courier once they leave our shop."),
    ("safe", "Storm Ciara brought down signs right across town on Sunday night."),
    ("safe", "I'm sorry to hear your dog seemed unsettled after his stay with us."),
    (
        "safe",
        "The voucher expired on 1 May, as printed on it, but we've honoured it anyway"
        " as a goodwill gesture.",
    ),
    ("safe", "Please send us the measurements you took so we can compare them with ours."),
    ("safe", "None of our staff use straighteners on clients without a heat protector."),
    ("safe", "We searched the whole shop for your ticket but haven't found it yet."),
    ("safe", "If your order spoiled, please bring it back and we'll replace it."),
    ("safe", "OUR PAINTER HAS BOOKED A VISIT TO LOOK AT THE CARPET ON FRIDAY."),
    ("safe", "You'll need to claim for the bike through your own home insurance."),
    (
        "safe",
        "Mixer taps are sometimes plumbed back to front by the previous installer;"
        " we'll check yours.",
    ),
    (
        "safe",
        "The picking list shows your order was packed and collected by the courier on the 3rd.",
    ),
    ("safe", "Some dyes run in the wash whatever the temperature, as the garment label warns."),
    ("safe", "Every part we fit is new and comes with a receipt from the supplier."),
    ("safe", "Our staff are trained to check for cracks before handing items back."),
    ("safe", "My lad was off sick that day, so he can't have dented your bumper."),
    ("safe", "Your service plan price went up in March, as explained in our letter of January."),
    (
        "safe",
        "I'm sorry you had no heating over the weekend; our engineer will be with you"
        " first thing Monday.",
    ),
    ("safe", "The lockers are self-service and we don't hold the keys."),
    ("safe", "We have not compensated anyone for this and won't be doing so."),
    ("safe", "Thank you for the photos of the light switch; we'll ask the decorator to pop back."),
    ("safe", "Is it possible the order was placed twice from your account?"),
    ("safe", "We're sorry the logo wasn't quite what you had in mind; we'd love another go."),
    (
        "safe",
        "The police have the footage of the shed, and we're helping them with their enquiries.",
    ),
    ("safe", "We dropped your order off at the depot at 9am and the courier signed for it."),
    ("safe", "We lost power for two hours on Tuesday, so the shop closed early."),
    ("safe", "We broke the news to the team this morning and everyone is keen to help."),
    ("safe", "We missed you when you called in yesterday - could you pop back?"),
    ("safe", "We cracked on with your repair as soon as the part arrived."),
    ("safe", "Our team cut your hair exactly as shown in the photo you brought."),
    (
        "safe",
        "We took the shelf down, checked the fixings, and found your wall plugs had crumbled.",
    ),
    (
        "safe",
        "We ran a full diagnostic and the fault code points to the battery you fitted yourself.",
    ),
    ("safe", "I have forgotten nothing: every step is logged in the job sheet."),
    ("safe", "We stripped the old wallpaper as agreed and found damp behind it."),
    (
        "safe",
        "We scratched our heads over this one, but we think we've found the cause: a"
        " loose wire in your plug.",
    ),
    ("safe", "We charged the battery overnight and it now holds a full charge."),
    ("safe", "We replaced the faulty valve under warranty, as the manufacturer requires."),
    ("safe", "Our engineer found the wrong fuse had been fitted by a previous electrician."),
    ("safe", "We received the wrong parts from our supplier, which is why your repair is delayed."),
    ("safe", "We apologise for the damaged packaging; the item itself is unharmed."),
    ("safe", "The lost property box is checked every evening by our staff."),
    ("safe", "Our records show we tested the smoke alarm and it worked on the day of fitting."),
    (
        "safe",
        "We told you on the phone that delivery would take ten days, and it arrived on day eight.",
    ),
    ("safe", "We've done nothing wrong here, but we understand your frustration."),
    ("safe", "We haven't lost a single parcel this year, and we're tracing yours now."),
    ("safe", "The mistake was made by the bank, who have now corrected it."),
    ("safe", "Nobody here would ever deliberately damage a customer's car."),
    ("safe", "We can't be held responsible for the weather, but we can rebook you for free."),
    ("safe", "Our fault-finding check showed the issue is in the wiring you installed."),
    ("safe", "We'll be responsible for arranging the collection and the return."),
    ("safe", "It's our job to check every seam, and we did; the split is in the fabric."),
    ("safe", "Our insurance doesn't cover items left overnight, I'm afraid."),
    ("safe", "We paid the courier for express delivery, so we'll chase them."),
    ("safe", "We will pay you a visit on Tuesday to look at the damage."),
    ("safe", "Please don't drop the unit off until we've confirmed the booking."),
    ("safe", "Our driver was hurt in the incident too, and is off work this week."),
    ("safe", "We cover the whole of the county, so there's no call-out charge."),
    ("safe", "Had the courier not lost your parcel, it would have arrived Friday."),
    ("safe", "We've spoken to the groomer, who says your dog was calm and happy throughout."),
    ("safe", "We double-checked the order and it matches your email exactly."),
    ("safe", "Your case was mishandled by the courier's depot, according to their own report."),
    ("safe", "Thank you for your patience while our technician was off sick."),
    ("safe", "I'm afraid we can't repair the phone because the water damage is too extensive."),
    ("safe", "We made sure the chiller was running at the correct temperature all weekend."),
    ("admission", "We dropped the ball on your repair and it sat untouched for three weeks."),
    ("admission", "Our cutter sliced through the lining of your coat."),
    ("admission", "My colleague accidentally threw away your receipt."),
    ("admission", "We used the wrong grade of oil in your engine."),
    ("admission", "The tattoo is blurred because our artist went too deep."),
    ("admission", "We overwatered your plants while you were away."),
    ("admission", "Our van backed into your fence this morning."),
    ("admission", "We shipped your order to the wrong country."),
    ("admission", "It was a clerical error on our end."),
    ("admission", "We messed up the booking - entirely our fault."),
    ("admission", "I caught your car with the trolley in the car park."),
    ("admission", "The boiler we installed is leaking because we fitted the wrong seal."),
    ("admission", "We forgot to tell you the shop would be closed."),
    ("admission", "I sent the invoice to the wrong email address."),
    ("admission", "We'll reimburse your travel costs."),
    ("admission", "Our trainee overfilled the bath and flooded the salon below."),
    ("admission", "Sorry we kept you waiting; we double-booked the stylist."),
    ("admission", "We packed your vase without enough padding and it broke in transit."),
    ("admission", "The jumper shrank because our machine ran too hot."),
    ("admission", "we gave your dog the wrong food and he was sick"),
    (
        "admission",
        "Dear Mr Chen, thank you for calling in yesterday. I've now spoken to the whole"
        " team and, having checked the job card, it's clear we fitted the wrong size of"
        " tyre to the rear wheel. I'd like to put this right as quickly as possible."
        " Regards, Helen",
    ),
    (
        "admission",
        "Cust rang re: scratched table. Our driver admits clipping it on the door"
        " frame. Offer repair.",
    ),
    (
        "admission",
        "Hi Sophie, sorry for the slow reply! Honestly my bad - I forgot to send the"
        " proofs before printing, so the names were never checked. Mel x",
    ),
    ("admission", "Please send us the vet bill and we'll settle it."),
    ("admission", "We'll make sure you aren't out of pocket for the damaged flooring."),
    ("admission", "We apologise for our error in processing your refund twice to the wrong card."),
    ("admission", "The hairdryer in our salon overheated and singed your hair."),
    (
        "admission",
        "After reviewing the CCTV, it's clear our staff member knocked the display onto your foot.",
    ),
    ("admission", "Joe left the freezer door open overnight, which is why everything defrosted."),
    ("admission", "We take full responsibility for the water damage."),
    (
        "admission",
        "The leak is coming from the joint our plumber soldered last week; he didn't"
        " clean it first.",
    ),
    ("admission", "We pruned your roses far too hard and they haven't flowered this year."),
    (
        "admission",
        "I've checked and our system applied the discount twice, then charged you for both.",
    ),
    ("admission", "Our photographer deleted the memory card by mistake before it was backed up."),
    (
        "admission",
        "Sorry, the jeweller we use for resizing is one of our own staff, and she"
        " snapped the band.",
    ),
    ("admission", "The coat shrank because we ignored the dry-clean-only label."),
    (
        "admission",
        "It's down to our team that your wedding flowers were delivered to the wrong venue.",
    ),
    ("admission", "our bad, we put you down for thursday not tuesday"),
    (
        "admission",
        "Our new apprentice wired your doorbell to the wrong circuit, and that's what"
        " tripped the fuse.",
    ),
    ("admission", "We'll cover any costs you've had because of the delay."),
    ("admission", "THE BRAKES FAILED BECAUSE WE DIDN'T TIGHTEN THE CALIPER BOLTS."),
    ("admission", "We fed your cat the wrong food during her stay and she was sick."),
    ("admission", "The alterations were done badly by us and the seam has split."),
    ("admission", "I take the blame for the mix-up with your booking."),
    ("admission", "We sent you a dress that was two sizes too small."),
    ("admission", "The tiler we sent laid your tiles unevenly and several have cracked."),
    ("admission", "We forgot your son's gluten-free meal and he went hungry at the party."),
    ("admission", "Our mistake - the invoice should have said £120, not £210."),
    ("admission", "We overcooked your steak and it was inedible."),
    ("admission", "We accept liability for the broken window and our insurers will be in touch."),
    (
        "safe",
        "Dear Mr Chen, thank you for calling in yesterday. I've asked the workshop to"
        " pull the job card for your car and I'll ring you on Thursday with what we"
        " find. If it turns out the wrong tyre was fitted, we'll replace it straight"
        " away. Regards, Helen",
    ),
    (
        "safe",
        "Cust rang re: scratched table. Says driver clipped it on the door frame."
        " Driver says it was already marked. Photos requested.",
    ),
    (
        "safe",
        "Hi Sophie, sorry for the slow reply! I've asked the printer for the proof"
        " history and will let you know what I find. Mel x",
    ),
    ("safe", "Please send us the vet bill so we can pass it to our insurer for review."),
    (
        "safe",
        "We're sorry you were out of pocket, and we're looking into what happened with"
        " the flooring.",
    ),
    (
        "safe",
        "We apologise for the delay in processing your refund; the bank has now confirmed it.",
    ),
    ("safe", "Our hairdryers are PAT tested every six months and the last test was in May."),
    (
        "safe",
        "We're reviewing the CCTV and will let you know what it shows about the display stand.",
    ),
    (
        "safe",
        "Joe says the freezer door was closed at 6pm, so we're asking the engineer to"
        " check the seal.",
    ),
    ("safe", "We take every complaint seriously and read each one personally."),
    ("safe", "Could the leak be coming from the old pipework rather than the new joint?"),
    ("safe", "Roses can take a season to recover after a hard frost like the one in March."),
    (
        "safe",
        "The discount shows once on our system, but we'll check with the card company"
        " about the second charge.",
    ),
    (
        "safe",
        "Our photographer always backs up the card before formatting it, and is"
        " checking the backups now.",
    ),
    (
        "safe",
        "Sorry to hear the band snapped; please bring the ring in so our jeweller can look at it.",
    ),
    ("safe", "The coat's label says dry clean only, and that's exactly how we cleaned it."),
    ("safe", "The florist's van driver took the flowers to the address on the order form."),
    ("safe", "no worries, we've moved you to tuesday as you asked"),
    ("safe", "An electrician from the landlord's firm wired the doorbell before we started."),
    ("safe", "We can't cover costs caused by the courier, but we'll help you claim from them."),
    ("safe", "THE BRAKE CALIPER BOLTS WERE TORQUED AND SIGNED OFF ON THE JOB SHEET."),
    ("safe", "Your cat ate well during her stay, as the feeding log shows."),
    ("safe", "If the seam was sewn badly, we'll redo the alterations for free."),
    ("safe", "I'm sorry for the confusion over your booking."),
    ("safe", "The dress was the size on your order, but we're happy to exchange it."),
    (
        "safe",
        "The tiles you chose are handmade, so some unevenness is normal, as the brochure says.",
    ),
    ("safe", "We're so sorry your son didn't enjoy the party food."),
    ("safe", "The invoice amount matches the quote you signed on 3 May."),
    ("safe", "Sorry your steak wasn't to your taste; we'd love to welcome you back."),
    (
        "safe",
        "We do not accept liability for the broken window, as our van was not on site that day.",
    ),
    (
        "admission",
        "We trimmed your hedge below the height you asked for, and I'm sorry it looks so bare.",
    ),
    ("admission", "Our courier driver (we employ him directly) reversed over your flower bed."),
    ("admission", "The kebab we served you was undercooked, which is why you were ill."),
    ("admission", "I accidentally dyed your whites pink by putting a red sock in the load."),
    ("admission", "My assistant priced your ring at the wrong value on the valuation certificate."),
    ("admission", "We overfilled your oil and it's damaged the catalytic converter."),
    ("admission", "OUR ENGINEER FORGOT TO RECONNECT YOUR WATER SUPPLY."),
    ("admission", "we messed up ur nails sorry hun, come back and we'll redo them"),
    ("admission", "Tariq in the stockroom sent out the display model instead of a new one."),
    ("admission", "The wedding cake collapsed because we didn't dowel the tiers."),
    ("admission", "Our groomer shaved your dog too close and his skin is sore."),
    ("admission", "We left your bike outside overnight and it was stolen."),
    ("admission", "It turns out we double-charged you in March."),
    ("admission", "We're at fault for the delay: your order sat in our warehouse for a week."),
    ("admission", "We will pay your taxi fare and the cost of the missed appointment."),
    ("admission", "The bouquet wilted because we kept it in the van all afternoon."),
    ("admission", "I must own up: I lost your spare key."),
    ("admission", "Sorry - our lad reversed the trailer into your wall."),
    ("admission", "Our chef used the same board for the bread and your gluten-free toast."),
    ("admission", "We damaged your floor when we dragged the fridge in."),
    ("admission", "Our online shop showed the wrong price and we charged you accordingly."),
    (
        "admission",
        "Ana forgot to add the deposit to your account, so the reminder letter was our mistake.",
    ),
    ("admission", "We are responsible for replacing the cracked panel, as our van caused it."),
    ("admission", "We'll compensate you for the lost day's wages."),
    ("admission", "The stain on your dress is from our steam press."),
    ("safe", "Your hedge was cut to the height on the quote you signed."),
    ("safe", "Our driver's dashcam shows he didn't go near your flower bed."),
    (
        "safe",
        "Sorry to hear you were unwell after your meal; our kitchen inspection last"
        " week was rated five stars.",
    ),
    (
        "safe",
        "Colours can run if a red item is washed with whites, so please check pockets"
        " before dropping off.",
    ),
    ("safe", "The valuation was done by an independent gemmologist, whose report is attached."),
    ("safe", "Our engineer will check the oil level when he collects the car."),
    ("safe", "Hi hun, so sorry your nails lifted! pop in and we'll take a look x"),
    ("safe", "Tariq says he checked the box was sealed before it went out."),
    ("safe", "If the tiers weren't doweled, we'll make good on the cake."),
    ("safe", "The groomer noted a skin condition on arrival, as shown on the intake form."),
    ("safe", "Bikes left outside are at the owner's risk, as our sign says."),
    ("safe", "We've looked at March's statement and only see one charge for the service."),
    ("safe", "We're sorry for the delay and we're finding out where your order got held up."),
    ("safe", "Whether the taxi fare can be refunded depends on the outcome of our review."),
    ("safe", "Did you keep the spare key we gave you at collection?"),
    ("safe", "Sorry you feel our lad was rude to you."),
    ("safe", "We use separate boards for gluten-free food and they're colour-coded."),
    ("safe", "The floor was already scuffed when we arrived, and we took photos."),
    ("safe", "The online price changed at midnight, and your order was placed at 12:05."),
    ("safe", "Ana has checked and the deposit was added to your account on 2 June."),
    ("safe", "Our van was at the depot all day, so we don't believe it caused the crack."),
    ("safe", "We can't compensate you for lost wages, but we can offer a free service."),
    ("safe", "The stain looks like it may be from a cosmetic; could you tell us what you wore?"),
    ("safe", "THANK YOU FOR YOUR EMAIL. WE WILL INVESTIGATE AND REPLY WITHIN 48 HOURS."),
    (
        "safe",
        "It's unfortunate the bouquet wilted in the heat; flowers do need water straight away.",
    ),
    ("admission", "Our window fitter cracked the sill when he removed the old frame."),
    (
        "admission",
        "I'm sorry, Ben on the deli counter sliced the ham with the same knife he'd"
        " used for the nut loaf.",
    ),
    (
        "admission",
        "The replacement zip we sewed in was the wrong length, so the jacket won't close.",
    ),
    (
        "admission",
        "We posted your passport photos to the wrong address, which is why they never arrived.",
    ),
    ("admission", "Our stylist left the colour on for too long and your hair has broken."),
    ("admission", "The mattress we delivered was the wrong size; that's our error."),
    ("admission", "Apologies, we overbooked the class and you were turned away."),
    ("admission", "OUR TECHNICIAN DIDN'T SECURE THE SCREEN AND IT FELL OFF THE WALL."),
    ("admission", "Kim accidentally threw away the receipt you left with us."),
    ("admission", "We didn't store your wine at the right temperature and it has spoiled."),
    ("admission", "We will pay for a locksmith to replace the lock we damaged."),
    ("admission", "It's entirely our fault that the tickets went to the wrong email."),
    ("admission", "our cleaner broke ur lamp, we'll replace it"),
    ("admission", "The parcel was lost because our driver left it on the wrong doorstep."),
    ("admission", "We were negligent in leaving the trench uncovered overnight."),
    ("admission", "My apprentice fitted the radiator valve backwards."),
    ("admission", "I should have told you the paint needed a second coat."),
    ("admission", "Our insurance company will reimburse you for the damaged ceiling."),
    ("admission", "We printed your wedding invitations with the wrong date."),
    ("admission", "Sorry - we sold the last one to another customer after promising it to you."),
    (
        "safe",
        "Our window fitter photographed the sill before he started, and the crack is"
        " already visible.",
    ),
    (
        "safe",
        "Sorry to hear about your reaction; the nut loaf is made in a separate area,"
        " and we're checking the logs.",
    ),
    ("safe", "Could you bring the jacket in so we can look at the zip?"),
    ("safe", "Royal Mail confirmed your passport photos were delivered on Tuesday."),
    (
        "safe",
        "If the colour was left on too long, we'll pay for a conditioning treatment as"
        " a goodwill gesture.",
    ),
    ("safe", "The mattress size matches the order confirmation you received."),
    ("safe", "We're sorry the class was so busy; we've added an extra session on Thursdays."),
    ("safe", "OUR TECHNICIAN WILL CHECK THE WALL BRACKET ON MONDAY."),
    ("safe", "Kim says she put the receipt in your bag at the till."),
    ("safe", "Wine can spoil if it's stored in a warm kitchen after purchase."),
    ("safe", "We'll arrange for a locksmith to look at the lock as soon as possible."),
    (
        "safe",
        "It's not our fault the tickets went to the wrong email, as that's the address"
        " you entered.",
    ),
    ("safe", "sorry about ur lamp! did it fall when the cleaner was there?"),
    ("safe", "The driver's photo shows the parcel on your doorstep at 10:14."),
    ("safe", "The trench was covered and taped off when our team left at 5pm."),
    ("safe", "Please send us a photo of the radiator valve and we'll advise."),
    ("safe", "Thank you for telling us about the second coat; I'll ask the painter to call you."),
    ("safe", "Our insurer has asked for photos of the ceiling before they can decide."),
    ("safe", "The date on the invitations matches the proof you approved."),
    ("safe", "We're sorry the item sold out before you could collect it."),
]

NON_APOLOGIES = [
    "I'm sorry you feel that way.",
    "sorry if anyone was upset by our post",
    "We apologise if you were offended.",
    "I'm sorry that you think our prices are too high.",
    "Sorry you took it the wrong way.",
    "IM SORRY YOU FEEL THAT WAY",
]

SINCERE_SYMPATHY = [
    "I'm sorry this happened.",
    "I'm sorry for the inconvenience.",
    "Sorry you've had to wait so long.",
    "We're so sorry to hear your dog was hurt.",
]


def _flagged(text: str) -> bool:
    return any(f.kind in RISKY for f in scan(text))


def _load_dev() -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    lines = DEV_TSV.read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        if not line.strip():
            continue
        label, text = line.split("\t", 1)
        rows.append((label.strip(), text))
    return rows


def _figures(rows: list[tuple[str, str]]) -> tuple[float, float, list[str]]:
    """Recall on admissions, false-positive rate on safe texts, and the misses."""
    admissions = [t for label, t in rows if label == "admission"]
    safe = [t for label, t in rows if label == "safe"]
    missed = [t for t in admissions if not _flagged(t)]
    wrongly = [t for t in safe if _flagged(t)]
    recall = 1 - len(missed) / len(admissions)
    fpr = len(wrongly) / len(safe)
    report = [f"MISSED admission: {t}" for t in missed]
    report += [f"FALSE positive: {t} -> {scan(t)}" for t in wrongly]
    return recall, fpr, report


def _assert_figures(name: str, rows: list[tuple[str, str]]) -> None:
    recall, fpr, report = _figures(rows)
    print(f"{name}: recall {recall:.1%}, false-positive rate {fpr:.1%}")
    for line in report:
        print(line)
    assert recall >= MIN_RECALL and fpr <= MAX_FALSE_POSITIVE_RATE, (
        f"{name}: recall {recall:.1%} (need >= {MIN_RECALL:.0%}), "
        f"false positives {fpr:.1%} (need <= {MAX_FALSE_POSITIVE_RATE:.0%})\n" + "\n".join(report)
    )


# --- the labelled sets -----------------------------------------------------


@pytest.mark.skipif(not DEV_TSV.exists(), reason="shared/liability/dev.tsv is not beside the repo")
def test_dev_corpus_recall_and_false_positives() -> None:
    rows = _load_dev()
    assert len(rows) >= 80
    _assert_figures("dev", rows)


def test_held_out_set_recall_and_false_positives() -> None:
    assert len(HELD_OUT) >= 60
    assert {label for label, _ in HELD_OUT} == {"admission", "safe"}
    _assert_figures("held-out", HELD_OUT)


@pytest.mark.parametrize("text", NON_APOLOGIES)
def test_non_apologies_are_found(text: str) -> None:
    kinds = {f.kind for f in scan(text)}
    assert FindingKind.NON_APOLOGY in kinds
    assert not kinds & RISKY


@pytest.mark.parametrize("text", SINCERE_SYMPATHY)
def test_sincere_sympathy_is_not_flagged(text: str) -> None:
    assert scan(text) == []


def test_regression_batches() -> None:
    assert len(REGRESSION) == 440
    _assert_figures("regression", REGRESSION)


@pytest.mark.parametrize(
    "variant",
    [
        str.lower,
        str.upper,
        lambda t: t.replace("'", "").replace("’", ""),
        lambda t: t.replace("'", "’"),
        lambda t: t.replace(". ", ".\r\n"),
    ],
    ids=["lower", "upper", "no-apostrophes", "curly", "crlf"],
)
def test_held_out_survives_case_apostrophes_and_line_breaks(variant: Callable[[str], str]) -> None:
    _assert_figures("held-out variant", [(label, variant(text)) for label, text in HELD_OUT])


@pytest.mark.parametrize(
    ("text", "risky"),
    [
        # negation and denial
        ("We did not scratch your car.", False),
        ("Nobody here touched the parcel.", False),
        ("It wasn't our groomer who cut your dog.", False),
        ("We scratched your car.", True),
        ("It was our groomer who cut your dog.", True),
        # omissions are admissions even though they contain "not"
        ("We didn't check the ladder before lending it.", True),
        ("None of us noticed the chiller was warm.", True),
        ("We did not notice any damage when you dropped it off.", False),
        # future, hypothetical and hedged
        ("We will replace the damaged part.", False),
        ("If we damaged it, we will pay for the repair.", False),
        ("We may have damaged it when we moved it.", False),
        ("Should our van turn out to be at fault, our insurer will be in touch.", False),
        # questions, with or without a question mark
        ("Did our driver drop it?", False),
        ("did our driver drop it", False),
        # reported speech, and a contrast that ends it
        ("She says our driver dropped it.", False),
        ("Sorry you feel that way, but our driver did drop it.", True),
        # third parties
        ("The courier dropped it.", False),
        ("The parcel was damaged by the courier.", False),
        ("The parcel was damaged by our driver.", True),
        # goodwill
        ("As a goodwill gesture we will pay for the cleaning.", False),
        ("We will pay for the cleaning.", True),
        ("We will replace it free of charge.", False),
        # idioms that only look like harm
        ("We dropped your order off at the depot.", False),
        ("We lost power for an hour on Tuesday.", False),
        ("We've done nothing wrong here.", False),
        ("Our fault-finding check points to your wiring.", False),
        # owning up in three words, and what only looks like it
        ("It was us.", True),
        ("Sorry mate, that was me.", True),
        ("It was us - the digger cracked your drain cover.", True),
        ("Was it us?", False),
        ("It wasn't us.", False),
        ("If it was us, we will put it right.", False),
        ("She says it was us.", False),
        ("Hi, it's us from the bakery.", False),
        # someone addressed before the one who acts
        ("sry bro our guy cracked the screen", True),
        ("Madam our technician forgot to reconnect the drain pipe.", True),
        ("Sorry you had to wait, mate.", False),
        # failure named in slang, on our side
        ("total balls-up on our end", True),
        ("The shambles at the depot was the courier's.", False),
    ],
)
def test_meaning(text: str, risky: bool) -> None:
    assert _flagged(text) is risky, scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # sympathy about news: the one who acts comes after "hear", "read", "learn"
        "I'm so sorry to hear the icing on the middle tier cracked in the heat.",
        "I was sorry to learn that Poppy cut her knee in the playground.",
        # a state found, and a thing had done by others
        "I'm really sorry that three mugs arrived chipped.",
        "Gutted the parcel arrived squashed.",
        "Finding the lid cracked, she rang us.",
        "I understand your frustration at finding the rug in the hall stained.",
        "We had the skip dropped on your drive at eight.",
        # a participle used as an adjective
        "We charge a fee for missed appointments.",
        "We throw away anything chipped.",
        "We checked every hinge for missing or damaged screws.",
        # idioms: a discount, lost property, leaving a place at a time
        "I've knocked £15 off your next visit for the wait.",
        "We knocked a tenner off the bill.",
        "I've looked in lost property twice.",
        "Our van left the depot on time this morning.",
        "Conor left the lesson on Thursday.",
        # who "who" stands for, and what was done for someone
        "We spoke to neighbours who lost fence panels in the gale.",
        "The spare key we cut for you matches the original.",
        # reported speech in notes, however the one who says it is written
        "Customer (Mrs Dale, 4 Hill Rd) says our lads scratched her hallway floor.",
        "Mr Kent rang: says our van dented his gate.",
        "Lad says we nicked his chin with the razor.",
        "Woman from table 9 says our waiter spilt wine on her bag.",
        "The courier says our packer dropped the box.",
        "Sanding marks ruined the finish, the joiner says.",
        "I fully understand your concern that our teacher ignored her.",
        # a capitalised word that only qualifies a thing, or is no name at all
        "Daventry depot flooded overnight.",
        "Eskom's power cuts damaged your inverter.",
        "Motorbike courier lost the parcel.",
        "Whatever went wrong with the order, we will find out.",
        "Yellowing of this kind is caused by sweat.",
    ],
)
def test_who_acts_is_read_past_frames_reports_and_idioms(text: str) -> None:
    assert not _flagged(text), scan(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Sorry to say we cracked the icing on your cake.", FindingKind.ADMISSION),
        ("We knocked your vase off the shelf.", FindingKind.ADMISSION),
        ("We left your bike outside in the rain.", FindingKind.ADMISSION),
        ("We left the ladder on your lawn overnight.", FindingKind.ADMISSION),
        ("Our driver says he dropped the box.", FindingKind.BLAME_COLLEAGUE),
        ("Dave's apprentice scratched your car.", FindingKind.BLAME_COLLEAGUE),
        ("Our fitter who scratched your floor has been told.", FindingKind.BLAME_COLLEAGUE),
        ("You're right that our barista was short with you.", FindingKind.BLAME_COLLEAGUE),
        ("Our driver Dave dropped your parcel.", FindingKind.BLAME_COLLEAGUE),
        ("My colleague Sarah forgot to ring you back.", FindingKind.BLAME_COLLEAGUE),
        ("Our driver, Dave, dropped your parcel.", FindingKind.BLAME_COLLEAGUE),
        ("Our apprentice, Tom Reid, scratched the door.", FindingKind.BLAME_COLLEAGUE),
    ],
)
def test_the_shop_acting_is_still_found_beside_those_frames(text: str, kind: FindingKind) -> None:
    assert kind in {f.kind for f in scan(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Your boiler is covered by our two-year parts guarantee.",
        "The new roof is covered by our 10-year workmanship warranty.",
    ],
)
def test_a_warranty_is_not_a_promise_to_pay_for_losses(text: str) -> None:
    assert scan(text) == []


def test_damage_covered_by_our_insurance_is_still_a_promise_to_pay() -> None:
    kinds = {f.kind for f in scan("The damage to your gate is covered by our insurance.")}
    assert FindingKind.PROMISE_TO_PAY in kinds


@pytest.mark.parametrize(
    "text",
    [
        # checking our work against the customer's is no error of manner
        "We've compared the frames against your prescription and they match.",
        "I've gone back through your booking history this morning.",
        # "did not" with a verb that is not a past form
        "We honestly didnt send the wrong colour, the label says navy.",
    ],
)
def test_checking_and_denying_are_not_errors_of_manner(text: str) -> None:
    assert not _flagged(text), scan(text)


@pytest.mark.parametrize(
    "text",
    [
        # a person tripping or going off is no equipment failing
        "Sam was carrying the tray when he tripped on the step.",
        "Offered her a new slice and she went off happy.",
        # a vehicle breaking down on the way is an outside cause
        "Sorry I'm late, my van broke down on the bypass.",
        # "a failed seal" names a part
        "Our engineer diagnosed a failed pump on his first visit.",
    ],
)
def test_people_vehicles_and_named_parts_are_not_our_equipment_failing(text: str) -> None:
    assert not _flagged(text), scan(text)


def test_our_equipment_failing_is_still_found() -> None:
    assert _flagged("Our chiller broke down overnight and your order spoiled.")
    assert _flagged("We fitted the wrong valve.")


@pytest.mark.parametrize(
    "text",
    [
        # a treat offered is not an admission nor a payment for harm
        "Next time you pop in, the nachos are on us.",
        "A free car wax is on us when you next visit.",
        "As a thank-you for waiting, your blow-dry is on us.",
        # paying as a noun, and what we pay our suppliers
        "We can make a new set of cushion covers for you at cost.",
        "The rent we pay for the unit has gone up by a third.",
        # a reason, and seeing no symptom, are not omissions
        "The crack is under the glaze, which is why none of us spotted it.",
        "Nobody on our team saw him coughing all week.",
        # "missing" says what is gone; what customers told us is their word
        "I'm sorry things are missing from your locker.",
        "Several pupils told us late arrivals were spoiling their warm-up.",
    ],
)
def test_treats_nouns_reasons_and_absences_are_not_flagged(text: str) -> None:
    assert not _flagged(text), scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "That's on us, and your next lesson is free.",
        "We will cover the vet bills in full.",
        "None of us noticed the chiller was warm.",
        "We've been overcharging you since March.",
    ],
)
def test_owning_up_paying_and_omissions_are_still_flagged(text: str) -> None:
    assert _flagged(text), scan(text)


# --- kinds, spans, messages --------------------------------------------------


def test_kinds() -> None:
    assert [f.kind for f in scan("Dave dropped it on the floor.")] == [FindingKind.BLAME_COLLEAGUE]
    assert [f.kind for f in scan("My assistant scorched your shirt.")] == [
        FindingKind.BLAME_COLLEAGUE
    ]
    assert [f.kind for f in scan("It was our fault.")] == [FindingKind.ADMISSION]
    assert [f.kind for f in scan("Our insurance will cover it.")] == [FindingKind.PROMISE_TO_PAY]
    assert [f.kind for f in scan("Sorry you feel that way.")] == [FindingKind.NON_APOLOGY]
    assert FindingKind("admission") is FindingKind.ADMISSION
    assert FindingKind.PROMISE_TO_PAY.value == "promise_to_pay"


def test_finding_fields() -> None:
    text = "Thanks for your email. We broke the vase when we moved it."
    (finding,) = scan(text)
    assert isinstance(finding, Finding)
    assert finding.kind is FindingKind.ADMISSION
    assert "broke" in text[finding.start : finding.end]
    # the span is the risky clause, not the whole text
    assert "Thanks" not in text[finding.start : finding.end]
    assert finding.message and finding.message[0].isupper()
    assert finding.suggestion
    with pytest.raises(AttributeError):
        finding.start = 0  # type: ignore[misc]


def test_several_sentences_flagged_separately_and_sorted() -> None:
    text = "Sorry you feel that way. Our driver dropped it. We will pay for the damage."
    findings = scan(text)
    assert [f.kind for f in findings] == [
        FindingKind.NON_APOLOGY,
        FindingKind.BLAME_COLLEAGUE,
        FindingKind.PROMISE_TO_PAY,
    ]
    assert [text[f.start : f.end] for f in findings] == [
        "Sorry you feel that way",
        "Our driver dropped it",
        "We will pay for the damage",
    ]


def test_fault_is_ours_keeps_blame_of_a_colleague_and_non_apologies() -> None:
    """Once the facts show the fault was ours, admitting it and paying for it are no
    longer risks; pinning it on one colleague, and a non-apology, still are."""
    text = (
        "We made a mistake with your order. Dave scratched the door, and our insurance"
        " will cover it. Sorry if you were offended."
    )
    before = {f.kind for f in scan(text)}
    assert {
        FindingKind.ADMISSION,
        FindingKind.BLAME_COLLEAGUE,
        FindingKind.PROMISE_TO_PAY,
    } <= before
    after = scan(text, fault_is_ours=True)
    assert [(text[f.start : f.end], f.kind) for f in after] == [
        ("Dave scratched the door", FindingKind.BLAME_COLLEAGUE),
        ("Sorry if you were offended", FindingKind.NON_APOLOGY),
    ]
    for label, row in HELD_OUT:
        found = {f.kind for f in scan(row, fault_is_ours=True)}
        assert not found & {FindingKind.ADMISSION, FindingKind.PROMISE_TO_PAY}, (label, row)


@pytest.mark.parametrize(
    "prefix",
    [
        "",
        "   \t ",
        "\r\n\r\n",
        "😀🎉 ",
        "Chère Zoë, café crème déjà vu. ",
        "Dear Łukasz,\r\nThanks for writing.\r\n",
        "Иван Петров, 你好. ",
        "👩‍👩‍👧 family photos 🇬🇧. ",
        "İstanbul İİ order, ẞ. ",  # lower-casing these changes the length of the text
    ],
)
def test_offsets_point_at_the_risky_words(prefix: str) -> None:
    body = "Our groomer nicked your spaniel’s ear, and it’s our fault.\r\nSorry you feel that way."
    text = prefix + body
    findings = scan(text)
    spans = [text[f.start : f.end] for f in findings]
    assert any("nicked" in s for s in spans), spans
    assert any("our fault" in s for s in spans), spans
    assert any("feel that way" in s for s in spans), spans
    for f in findings:
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start : f.end].strip() == text[f.start : f.end]


def test_case_typos_and_curly_quotes() -> None:
    for text in [
        "ITS OUR FAULT, WE DROPPED IT",
        "its our fualt we dropped it",
        "That’s our mistake.",
        "we didnt tighten it properly",
        "Im sorry, we scratched the table",
        "We apologize, we overcharged you.",
    ]:
        assert _flagged(text), text


def test_empty_and_whitespace() -> None:
    assert scan("") == []
    assert scan("   \n\r\n\t") == []
    assert scan("?!.,;:") == []
    for text in (":", "-", "'", "’", "—", "\r", "İ", "&", "(", "\x00", "..."):
        assert scan(text) == []


# --- robustness --------------------------------------------------------------


def _check_invariants(text: str, findings: list[Finding]) -> None:
    previous_end = 0
    for f in findings:
        assert isinstance(f.kind, FindingKind)
        assert 0 <= f.start < f.end <= len(text)
        assert f.start >= previous_end
        previous_end = f.end


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec=None), max_size=400), st.booleans())
def test_never_raises_and_offsets_in_bounds(text: str, ours: bool) -> None:
    _check_invariants(text, scan(text, fault_is_ours=ours))


WORDS = st.sampled_from(
    [
        "we", "I", "our", "Dave", "driver", "dropped", "broke", "fault", "mistake", "sorry",
        "you", "feel", "if", "not", "didn't", "will", "pay", "for", "the", "damage", "at",
        "cost", "insurance", "cover", "it", "should", "have", "wrong", "too", "was", "by",
        "?", ".", ",", ";", "-", "\n", "\r\n", "’", "'", "É", "😀", "\x00", "\u200b",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=80), st.sampled_from([" ", "", "  "]))
def test_word_salad_invariants(words: list[str], sep: str) -> None:
    text = sep.join(words)
    _check_invariants(text, scan(text))
    _check_invariants(text, scan(text, fault_is_ours=True))


def test_very_long_text_is_linear() -> None:
    unit = "Our driver dropped your parcel and we will pay for it. Sorry you feel that way! "
    text = unit * 2000  # about 160,000 characters
    start = time.perf_counter()
    findings = scan(text)
    elapsed = time.perf_counter() - start
    _check_invariants(text, findings)
    assert len(findings) >= 2000 * 3
    assert elapsed < 5.0
    assert scan("a" * 200_000) == []
    assert scan("x " * 100_000) == []
    assert scan("," * 100_000 + "we broke it") != []


@pytest.mark.parametrize(
    "text",
    [
        "I am sorry for the trouble it has caused you.",
        "We apologise for the stress that this may have caused.",
        "Sorry for any upset these delays have caused.",
    ],
)
def test_sympathy_for_what_the_problem_caused_is_safe(text: str) -> None:
    assert scan(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "We dropped it in the back.",
        "Told her we dropped it in the back before she came in.",
        "We dropped the vase in the back room.",
        "I dropped the tray off the top shelf.",
    ],
)
def test_where_it_was_dropped_is_still_dropping_it(text: str) -> None:
    assert _flagged(text)


@pytest.mark.parametrize(
    "text",
    [
        "We dropped it in the post on Monday.",
        "We dropped it off at your door.",
        "Our driver dropped it in to you yesterday.",
        "We dropped the parcel in your letterbox.",
        "We dropped it round this morning.",
    ],
)
def test_dropping_it_off_is_delivering_it(text: str) -> None:
    assert not _flagged(text)


def test_a_guess_at_where_we_dropped_it_is_speculation() -> None:
    kinds = {f.kind for f in scan("We may have dropped it in the back.")}
    assert kinds == {FindingKind.SPECULATION}


@pytest.mark.parametrize(
    "text",
    [
        "Your neighbour, Mrs Jones, scratched it.",
        "Our fitter, Mark, never scratched it.",
        "Hi, Dave, dropped your parcel off at 3 as you asked.",
        "Did our driver, Dave, drop it?",
    ],
)
def test_a_name_set_off_by_commas_names_who_acted_and_nothing_more(text: str) -> None:
    assert not {f.kind for f in scan(text)} & RISKY


@pytest.mark.parametrize(
    "text",
    [
        "Chain should have been replaced at the service last week.",
        "Our fitter should have been replaced.",
    ],
)
def test_what_should_have_been_done_to_something_is_the_shops_failing_not_a_colleagues(
    text: str,
) -> None:
    """A capitalised word opening the sentence ("Chain") is what should have been
    done to, not a colleague to blame."""
    assert {f.kind for f in scan(text)} == {FindingKind.ADMISSION}


@pytest.mark.parametrize(
    "text",
    [
        "Jean-Baptiste dropped the tree.",
        "Anne-Marie was careless with the wrapping.",
        "O'Brien scratched the car.",
    ],
)
def test_a_colleague_with_a_joined_name_is_blamed_as_any_other(text: str) -> None:
    assert "blame_colleague" in {f.kind.value for f in scan(text)}


@pytest.mark.parametrize(
    "text",
    ["Follow-up booked for Friday.", "Re-fitted the hinge on Monday.", "Jean-Baptiste rang her."],
)
def test_a_hyphenated_word_or_a_colleagues_plain_deed_is_not_blame(text: str) -> None:
    assert "blame_colleague" not in {f.kind.value for f in scan(text)}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "I can see why this has upset you. Sorry, our stitching must have been faulty.",
            FindingKind.ADMISSION,
        ),
        ("Thanks for calling. Our oven must have been too hot that day.", FindingKind.ADMISSION),
        ("Our stitching may have been faulty.", FindingKind.SPECULATION),
    ],
)
def test_what_our_own_work_or_equipment_must_have_been_is_a_conclusion(text, kind) -> None:
    """ "Must have been faulty" concludes, as "we must have dropped it" does, however
    kind the sentence before it; "may have been" guesses."""
    assert kind in {f.kind for f in scan(text)}


@pytest.mark.parametrize(
    "text",
    [
        "The parts must have been faulty when the supplier sent them.",
        "Your boiler must have been faulty before we came.",
        "The courier must have been careless with it.",
    ],
)
def test_what_someone_elses_thing_must_have_been_admits_nothing(text: str) -> None:
    assert not {f.kind for f in scan(text)} & {FindingKind.ADMISSION, FindingKind.SPECULATION}


def test_a_colleague_who_wrote_the_wrong_thing_did_it_rather_than_said_it() -> None:
    """ "Aoife wrote the wrong name on the cake" was read as Aoife reporting something,
    and nothing was flagged; "She wrote that our driver broke it" still reports."""
    from models.wording import scan

    assert [f.kind.value for f in scan("Aoife wrote the wrong name on the cake.")] == [
        "blame_colleague"
    ]
    assert [f.kind.value for f in scan("Priya wrote down the wrong number.")] == ["blame_colleague"]
    assert scan("She wrote that our driver broke it.") == []
