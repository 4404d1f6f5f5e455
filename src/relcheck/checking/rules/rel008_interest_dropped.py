"""The customer showed interest, and we answered with a pitch or not at all.

## What it checks
Every touch in the lookback window where the customer said `tell-me-more` or
asked a `question`. The next touch of ours after it (`direction: outbound`)
must not be a `pitch`, and must come within `max_reply_days` days (default
21). Signals less than `max_reply_days` old with no reply yet are still
open and not judged. One finding for each contact whose interest was
dropped, naming the latest signal, so it lands in that person's next
conversation.

## Why it matters
Conversations are two-way. When a customer says "tell me more", the answer
is a conversation, not a push to a demo; when they ask a question, silence
tells them what their curiosity is worth to us. Interest is the most
perishable thing in a relationship: a few weeks without an answer and it has
moved on; three weeks is the outer limit.

## Example that fires
Pat answers a check-in with `tell-me-more` on 2026-10-02; our next touch, on
2026-10-06, is `purpose: pitch`. Or Pat asks a `question` on 2026-10-02 and
we next reach out on 2026-11-01.

## How to fix
Answer the interest itself: call back with what they asked about, ask what
prompted the question and what they would do with the answer. Save the demo
for when they ask for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Optional

from ...format.records import Direction, Interaction, Response
from ...names import norm_name
from ..facts import INTEREST, AccountFacts, is_pitch, their_goal
from ..rule import Ge, Hit, Rule, Severity, thresholds
from ..words import day, quoted


@thresholds
class InterestDroppedOptions:
    max_reply_days: Annotated[int, Ge(1)] = 21
    """Days within which our next touch must follow a sign of interest."""


def _said(signal: Interaction) -> str:
    return "asked a question" if signal.response is Response.QUESTION else "said 'tell me more'"


def check(facts: AccountFacts, options: InterestDroppedOptions) -> Iterator[Hit]:
    history = facts.history
    start = facts.context.window_start
    dropped: dict[str, list[tuple[Interaction, Optional[Interaction], int]]] = {}
    next_outreach: Optional[Interaction] = None
    # From the latest touch back: the next outreach after each signal is
    # known without scanning forward again (linear in the history).
    for signal in reversed(history):
        if signal.date >= start and signal.response in INTEREST:
            waited = ((next_outreach.date if next_outreach else facts.as_of) - signal.date).days
            pitched = next_outreach is not None and is_pitch(next_outreach) and waited <= options.max_reply_days
            if pitched or waited > options.max_reply_days:
                who = norm_name(signal.with_[0])
                dropped.setdefault(who, []).append((signal, next_outreach, waited))
        if signal.direction is Direction.OUTBOUND:
            next_outreach = signal
    for signals in dropped.values():
        signal, reply, waited = signals[0]  # the latest
        name = facts.spelled(signal.with_[0])
        contact = facts.contact(name)
        goal = their_goal(contact)
        when = day(signal.date, facts.as_of)
        if reply is not None and is_pitch(reply) and waited <= options.max_reply_days:
            how = f"our next touch, on {day(reply.date, facts.as_of)}, was a pitch"
        elif reply is not None:
            how = f"we did not reach out again until {day(reply.date, facts.as_of)}, {waited} days later"
        else:
            how = f"we have not reached out since ({waited} days)"
        what = "the question" if signal.response is Response.QUESTION else "their 'tell me more'"
        yield Hit(
            message=f"{name} {_said(signal)} on {when} and {how}.",
            evidence={
                "contact": name,
                "dropped": [
                    {"date": s.date.isoformat(), "response": s.response.value if s.response else None,
                     "next_outreach": r.date.isoformat() if r else None,
                     "next_purpose": r.purpose.value if r else None}
                    for s, r, _ in reversed(signals)
                ],
                "max_reply_days": options.max_reply_days,
            },
            suggestion=(f"Call {name} back about {what} from {when}"
                        + (f" and how it connects to {quoted(goal)}" if goal else "")
                        + ": ask what prompted it. No demo unless they ask for one."),
            subject=name,
            contact=name,
            agenda=(f"answer {what} from {when}",),
            excess=1.0 if reply is not None and is_pitch(reply) else waited / options.max_reply_days - 1,
        )


RULE = Rule(
    code="REL008",
    slug="interest-dropped",
    severity=Severity.WARNING,
    summary="The customer said tell-me-more or asked a question, and we pitched or went quiet.",
    options=InterestDroppedOptions,
    check=check,
    factor="responsiveness",
    doc=__doc__ or "",
)
