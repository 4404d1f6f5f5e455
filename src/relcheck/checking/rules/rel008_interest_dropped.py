"""The customer showed interest, and we answered with a pitch or not at all.

## What it checks
Every touch in the lookback window where the customer said `tell-me-more` or
asked a `question`. The next touch of ours after it (`direction: outbound`)
must not be a `pitch`, and must come within `max_reply_days` days (default
21). Signals less than `max_reply_days` old with no reply yet are still
open and not judged.

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
from ..facts import AccountFacts, their_goal, who
from ..rule import Ge, Hit, Rule, Severity, thresholds

INTEREST = frozenset({Response.TELL_ME_MORE, Response.QUESTION})


@thresholds
class InterestDroppedOptions:
    max_reply_days: Annotated[int, Ge(1)] = 21
    """Days within which our next touch must follow a sign of interest."""


def check(facts: AccountFacts, options: InterestDroppedOptions) -> Iterator[Hit]:
    history = facts.history
    start = facts.context.window_start
    dropped: list[tuple[Interaction, Optional[Interaction], str]] = []
    for index, signal in enumerate(history):
        if signal.date < start or signal.response not in INTEREST:
            continue
        reply = next((i for i in history[index + 1:] if i.direction is Direction.OUTBOUND), None)
        waited = (reply.date if reply else facts.as_of) - signal.date
        if reply is not None and reply.purpose.value == "pitch" and waited.days <= options.max_reply_days:
            dropped.append((signal, reply, "answered with a pitch"))
        elif waited.days > options.max_reply_days:
            how = f"next outreach {waited.days} days later" if reply else f"no outreach in {waited.days} days"
            dropped.append((signal, reply, how))
    if not dropped:
        return
    signal, reply, how = dropped[-1]
    contact = facts.contact(signal.with_[0])
    goal = their_goal(contact)
    said = signal.response.value if signal.response else ""
    yield Hit(
        message=(
            f"{len(dropped)} sign(s) of interest dropped; latest: {who(contact)} said {said} on {signal.date}, "
            f"{how} (reply within {options.max_reply_days} days, not with a pitch)"
        ),
        evidence={
            "dropped": [
                {"date": s.date.isoformat(), "contact": s.with_[0],
                 "response": s.response.value if s.response else None,
                 "next_outreach": r.date.isoformat() if r else None,
                 "next_purpose": r.purpose.value if r else None}
                for s, r, _ in dropped
            ],
            "max_reply_days": options.max_reply_days,
        },
        suggestion=(
            f"Call {who(contact)} back about what they asked on {signal.date}"
            + (f' and how it connects to "{goal}"' if goal else "")
            + ": ask what prompted it. No demo unless they ask for one."
        ),
    )


RULE = Rule(
    code="REL008",
    slug="interest-dropped",
    severity=Severity.WARNING,
    summary="The customer said tell-me-more or asked a question, and we pitched or went quiet.",
    options=InterestDroppedOptions,
    check=check,
    factor="responsiveness",
    doc=__doc__,
)
