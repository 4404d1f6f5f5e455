"""An open deal with many customer responses over weeks and not one "no".

## What it checks
For each deal open on the as-of date, the customer's responses since the deal
was opened (or since the start of the lookback window, if `opened` is not
recorded): their answers (`yes`, `question`, `tell-me-more`, and the pushback
answers `no` and `objection`) and the touches they started themselves. It fires when there are at least
`min_responses` replies spread over at least `min_span_days` days and not one
of them is a `no` or an `objection`.

## Why it matters
The absence of "No" is not "Yes". A buyer who never pushes back is either not
engaged enough to object or not being asked the questions that surface
objections; either way the deal's risks are hidden until it slips. Real
buying processes contain concerns about price, timing, risk and fit: five or
more replies over three weeks without one is a pattern, not luck.

## Example that fires
An open deal with six replies over five weeks, all `yes` or `tell-me-more`.

## How to fix
Invite the "no": ask the champion what would stop the deal, who else has to
agree, and what the customer would do if they did nothing. Record the
objections you hear as `response: objection`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from ..facts import PUSHBACK, AccountFacts, replied, their_goal, who
from ..rule import Ge, Hit, Rule, Severity, thresholds
from ..words import count, quoted, span


@thresholds
class NoNosOptions:
    min_responses: Annotated[int, Ge(1)] = 5
    """Customer replies on the open deal needed before the rule judges it."""
    min_span_days: Annotated[int, Ge(0)] = 21
    """Days between the first and last reply needed ("over weeks")."""


def check(facts: AccountFacts, options: NoNosOptions) -> Iterator[Hit]:
    for deal in facts.open_deals:
        since = deal.opened or facts.context.window_start
        replies = [i for i in facts.history if i.date >= since and replied(i)]
        if len(replies) < options.min_responses:
            continue
        days = (replies[-1].date - replies[0].date).days
        if days < options.min_span_days:
            continue
        if any(i.response in PUSHBACK for i in replies):
            continue
        contact = facts.key_contact(replies)
        goal = their_goal(contact)
        ask = (f"what could stop {quoted(deal.name)} going ahead"
               + (f" or keep it from delivering {quoted(goal)}" if goal else "")
               + ", who else has to agree, and what happens if they do nothing")
        yield Hit(
            message=(f"Open deal {quoted(deal.name)}: {count(len(replies), 'reply')} from the customer over "
                     f"{span(days)} and not one no or objection."),
            evidence={
                "deal": deal.name,
                "replies": len(replies),
                "span_days": days,
                "first_reply": replies[0].date.isoformat(),
                "last_reply": replies[-1].date.isoformat(),
                "pushback": 0,
                "min_responses": options.min_responses,
                "min_span_days": options.min_span_days,
            },
            suggestion=f"Ask {who(contact)} {ask}.",
            subject=deal.name,
            contact=contact.name if contact else None,
            agenda=(f"ask {ask}",),
            excess=(len(replies) - options.min_responses) / options.min_responses,
        )


RULE = Rule(
    code="REL002",
    slug="no-nos",
    severity=Severity.WARNING,
    summary="An open deal has many customer replies over weeks and not one no or objection.",
    options=NoNosOptions,
    check=check,
    factor="candour",
    doc=__doc__ or "",
)
