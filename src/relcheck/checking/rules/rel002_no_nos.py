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
        span = (replies[-1].date - replies[0].date).days
        if span < options.min_span_days:
            continue
        if any(i.response in PUSHBACK for i in replies):
            continue
        contact = facts.key_contact(replies)
        goal = their_goal(contact)
        yield Hit(
            message=(
                f"open deal '{deal.name}': {len(replies)} customer replies over {span} days "
                f"(>= {options.min_responses} over >= {options.min_span_days} days) and not one no or objection"
            ),
            evidence={
                "deal": deal.name,
                "replies": len(replies),
                "span_days": span,
                "first_reply": replies[0].date.isoformat(),
                "last_reply": replies[-1].date.isoformat(),
                "pushback": 0,
            },
            suggestion=(
                f"Ask {who(contact)} what could stop '{deal.name}' going ahead"
                + (f' or keep it from delivering "{goal}"' if goal else "")
                + ": who else has to agree, what worries them, and what happens if they do nothing."
            ),
        )


RULE = Rule(
    code="REL002",
    slug="no-nos",
    severity=Severity.WARNING,
    summary="An open deal has many customer replies over weeks and not one no or objection.",
    options=NoNosOptions,
    check=check,
    factor="candour",
    doc=__doc__,
)
