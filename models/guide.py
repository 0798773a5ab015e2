"""The five stages of handling a complaint, and the steps of each, as data.

The checklist panel, the stage shown in the list and the tests all read this
one definition. Each step has a short instruction, a one-line reason, and
where it helps, a few things the owner can say. Step keys are stored in shops'
data files: never change or reuse one; retire a step by leaving its key out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

# How a complaint came in, for the steps worded differently for it
# (models.choices.CHANNELS): a caller, or a message read rather than heard.
PHONE = ("phone",)
WRITTEN = ("email", "letter", "online")
# Brought in from the shop's old log: the customer complained before the app knew.
IMPORTED = "imported"


def wording_key(channel: str, imported: bool) -> str:
    """How the guide words its steps for a complaint (see :meth:`Step.for_channel`):
    as it came in, or as one brought in from the old log."""
    return IMPORTED if imported else channel


@dataclass(frozen=True)
class Variant:
    """A step's wording for complaints that came in by ``channels``."""

    channels: tuple[str, ...]
    instruction: str
    say: tuple[str, ...] = ()


@dataclass(frozen=True)
class Step:
    key: str
    instruction: str
    reason: str
    say: tuple[str, ...] = ()
    variants: tuple[Variant, ...] = ()

    def for_channel(self, channel: str) -> Step:
        """The step as worded for a complaint that came in by ``channel`` (or
        :data:`IMPORTED`): the counter's words ("greet them") do not fit a caller, a
        letter, or a complaint brought in from the old log weeks after it was made."""
        for variant in self.variants:
            if channel in variant.channels:
                return replace(self, instruction=variant.instruction, say=variant.say)
        return self


@dataclass(frozen=True)
class Stage:
    key: str
    title: str
    aim: str
    steps: tuple[Step, ...]


STAGES: tuple[Stage, ...] = (
    Stage(
        key="engage",
        title="Engage",
        aim="Give the customer your whole attention.",
        steps=(
            Step(
                "engage.attention",
                "Stop what you are doing and greet them straight away.",
                "Being noticed at once takes the heat out of most complaints.",
                (
                    "Hello, I'm listening. Tell me what's happened.",
                    "Thanks for waiting. I've got time for you now.",
                ),
                (
                    Variant(
                        PHONE,
                        "Stop what you are doing and give the caller your whole attention.",
                        (
                            "Thanks for calling. I'm listening: tell me what's happened.",
                            "I've got time for you now. Take me through it.",
                        ),
                    ),
                    Variant(
                        WRITTEN,
                        "Answer soon, so they know someone has it: a short reply the same day.",
                        ("Thank you for writing to us. I have read your message carefully.",),
                    ),
                    Variant(
                        (IMPORTED,),
                        "Get back in touch: they raised this before it came into the app, "
                        "so tell them it is in hand.",
                        ("I'm getting back to you about the problem you raised with us.",),
                    ),
                ),
            ),
            Step(
                "engage.listen",
                "Let them tell the whole story without cutting in.",
                "Interrupted customers start again from the top, and angrier.",
                ("Go on, I'm with you.", "And then what happened?"),
                (
                    Variant(
                        PHONE,
                        "Let them tell the whole story without cutting in; stop typing "
                        "except to note what they say.",
                        ("Go on, I'm with you.", "And then what happened?"),
                    ),
                    Variant(WRITTEN, "Read the whole message before you answer any part of it."),
                    Variant(
                        (IMPORTED,),
                        "Ask what has happened since they raised it, and let them finish.",
                        ("Has anything changed since you told us about it?",),
                    ),
                ),
            ),
            Step(
                "engage.record",
                "Write down their account in their own words while it is fresh.",
                "Their words are the record; your summary can come later.",
                variants=(
                    Variant(WRITTEN, "Keep their message as it came: it is their account."),
                    Variant(
                        (IMPORTED,),
                        "Read their account as the old log has it; note what they add now.",
                    ),
                ),
            ),
        ),
    ),
    Stage(
        key="empathise",
        title="Empathise",
        aim="Deal with the feelings before the facts.",
        steps=(
            Step(
                "empathise.acknowledge",
                "Say that you can see why this matters to them.",
                "People calm down once they feel understood.",
                (
                    "I can see why this has upset you.",
                    "That sounds really frustrating.",
                ),
            ),
            Step(
                "empathise.thank",
                "Thank them for telling you.",
                "A complaint is a free chance to put things right and to learn.",
                (
                    "Thank you for letting us know; it helps us get it right.",
                    "I'm glad you came to us with this.",
                ),
            ),
            Step(
                "empathise.sorry",
                "Say sorry for their experience, not for a cause you have not checked.",
                "Regret for what they went through is safe; admitting fault too early is not.",
                (
                    "I'm sorry this has happened.",
                    "I'm sorry for the trouble this has caused you.",
                ),
            ),
            Step(
                "empathise.calm",
                "Stay calm; don't argue, make excuses or blame colleagues.",
                "The anger is about the situation, not about you.",
            ),
        ),
    ),
    Stage(
        key="facts",
        title="Get the facts",
        aim="Find the real problem, not just the first one mentioned.",
        steps=(
            Step(
                "facts.ask",
                "Ask open questions and repeat back what you heard.",
                "The first problem mentioned is often not the whole story.",
                (
                    "Can you walk me through what happened, from the start?",
                    "What happened next?",
                    "So, to check I have it right: ...",
                ),
            ),
            Step(
                "facts.evidence",
                "Collect the evidence: receipt or order number, product, dates, photos.",
                "Evidence settles what memories argue about.",
                (
                    "Do you have the receipt or the order number?",
                    "Could you send me a photo of it?",
                ),
            ),
            Step(
                "facts.check",
                "Check with everyone involved before deciding who was at fault; "
                "tell the customer when you will come back to them.",
                "A decision made before checking is often wrong and hard to take back.",
                ("I'll look into this and call you back by ... (day and time).",),
            ),
            Step(
                "facts.finding",
                "Record the finding on fault: not yet known, ours, not ours, shared or no one's.",
                "Only once the facts show it was our fault is it right to say so.",
            ),
        ),
    ),
    Stage(
        key="resolve",
        title="Resolve",
        aim="Agree a fix and make it concrete.",
        steps=(
            Step(
                "resolve.ask",
                "Ask what would put it right for them.",
                "Their answer is often smaller than you fear.",
                (
                    "What would put this right for you?",
                    "How were you hoping we could sort this out?",
                ),
            ),
            Step(
                "resolve.options",
                "Offer options where you can; promise only what you can deliver.",
                "A choice feels fair; a broken promise makes a second complaint.",
                ("We could repair it, replace it or refund you. Which would suit you best?",),
            ),
            Step(
                "resolve.agree",
                "Agree one solution, say it back in plain words, and agree who does what by when.",
                "A fix with a name and a date on it gets done.",
                ("So we've agreed that I will ... by ...; does that sound right?",),
            ),
            Step(
                "resolve.confirm",
                "Confirm it in writing: reference, solution, dates and a contact.",
                "A written confirmation turns an agreement into a settled one.",
                ("I'll send you a letter confirming what we've agreed.",),
            ),
        ),
    ),
    Stage(
        key="follow_up",
        title="Follow up",
        aim="Make sure it really got fixed.",
        steps=(
            Step(
                "follow_up.progress",
                "Keep them posted while the fix is under way, and keep every date you gave.",
                "Silence makes people assume nothing is happening.",
                ("Just to let you know where things are: ...",),
            ),
            Step(
                "follow_up.satisfied",
                "Check back afterwards that they are happy with the result.",
                "Asking shows you meant it, and catches a fix that didn't work.",
                (
                    "I wanted to check the replacement is working well for you.",
                    "Are you happy with how this was sorted out?",
                ),
            ),
            Step(
                "follow_up.learn",
                "Record the root cause and what you will change so it doesn't happen again.",
                "The log only pays for itself if it changes what happens next.",
            ),
        ),
    ),
)

STAGE_KEYS: tuple[str, ...] = tuple(stage.key for stage in STAGES)
STEPS_BY_KEY: dict[str, Step] = {step.key: step for stage in STAGES for step in stage.steps}
STAGE_OF_STEP: dict[str, str] = {step.key: stage.key for stage in STAGES for step in stage.steps}
# What the list shows once every step of every stage is ticked.
DONE = "done"


def stage(key: str) -> Stage:
    for candidate in STAGES:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


# Steps done by recording what they stand for (the finding on fault, the agreed
# solution, the customer found satisfied): once one is done, the stages before
# its own are behind the complaint, whichever of their steps were ticked.
FINDING_STEP = "facts.finding"
AGREE_STEP = "resolve.agree"
SATISFIED_STEP = "follow_up.satisfied"
MILESTONES = frozenset({FINDING_STEP, AGREE_STEP, SATISFIED_STEP})


def current_stage(ticked: set[str] | frozenset[str]) -> str:
    """The first stage with a step still to do, from the stage of the furthest
    milestone done (:data:`MILESTONES`: an agreed solution recorded is Resolve
    even with a fact unticked), or :data:`DONE` when none is left. Any other
    step ticked early does not skip a stage."""
    start = max(
        (number for number, candidate in enumerate(STAGES)
         for step in candidate.steps if step.key in MILESTONES and step.key in ticked),
        default=0,
    )  # fmt: skip
    for candidate in STAGES[start:]:
        if any(step.key not in ticked for step in candidate.steps):
            return candidate.key
    return DONE


def progress(ticked: set[str] | frozenset[str]) -> list[tuple[Stage, int, int]]:
    """(stage, steps ticked, steps in all) for each stage in order."""
    return [
        (candidate, sum(step.key in ticked for step in candidate.steps), len(candidate.steps))
        for candidate in STAGES
    ]
