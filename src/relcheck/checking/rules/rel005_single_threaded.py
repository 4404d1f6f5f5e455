"""Only one contact engaged in the window.

## What it checks
Counts the current contacts (those who have not `left`) who took part in a
touch in the lookback window: every touch with them counts except our
outreach recorded as unanswered (`response: none`). It fires when exactly
`max_engaged` (default 1) or fewer, but at least one, are engaged. It is
critical when a deal is open and that one person is not an economic buyer.
An account with no engaged contact at all is left to going-dark.

## Why it matters
Buying decisions are made by groups; a relationship with one person is
fragile. When they leave, change role or lose an argument internally, the
account goes with them. Multi-threaded deals win far more often: one
published sales-analytics figure puts the win rate at about 58% for deals
with four or more contacts engaged, far above deals run through a single
contact. And when the one contact is not the person who
signs, we do not even know the buyer.

## Example that fires
Every touch in the last six months was with Pat Kim, a champion, while a
deal is open: critical.

## How to fix
Ask your contact to introduce you to the others the decision touches: the
economic buyer, the people who will use what you sell, and whoever might say
no. Offer them something of their own (a briefing, a session on their
problem), not a forward of your pitch.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from ...format.records import Stakeholder
from ..facts import AccountFacts, their_goal
from ..rule import Ge, Hit, Rule, Severity, thresholds


@thresholds
class SingleThreadedOptions:
    max_engaged: Annotated[int, Ge(1)] = 1
    """Fire when this many contacts or fewer (but at least one) are engaged."""


def check(facts: AccountFacts, options: SingleThreadedOptions) -> Iterator[Hit]:
    current = {c.name for c in facts.current_contacts()}
    engaged = [c for c in facts.engaged_contacts() if c.name in current]
    if not engaged or len(engaged) > options.max_engaged:
        return
    names = ", ".join(c.name for c in engaged)
    open_deals = facts.open_deals
    buyer_engaged = any(c.stakeholder is Stakeholder.ECONOMIC_BUYER for c in engaged)
    critical = bool(open_deals) and not buyer_engaged
    person = engaged[0]
    goal = their_goal(person)
    others = [c.name for c in facts.current_contacts() if c.name not in {e.name for e in engaged}]
    ask = (
        f"ask {person.name} to bring {others[0]} into the next conversation"
        if others else f"ask {person.name} who else the decision touches, starting with the economic buyer"
    )
    evidence = {
        "engaged_contacts": [c.name for c in engaged],
        "count": len(engaged),
        "threshold": options.max_engaged,
        "open_deals": [d.name for d in open_deals],
        "economic_buyer_engaged": buyer_engaged,
    }
    message = (
        f"only {len(engaged)} contact engaged in the last {facts.context.lookback_days} days "
        f"({names}; {len(engaged)} <= {options.max_engaged})"
    )
    if critical:
        message += f" while '{open_deals[0].name}' is open and no economic buyer is engaged"
    yield Hit(
        message=message,
        evidence=evidence,
        suggestion=(
            f"Multi-thread the account: {ask}"
            + (f', around "{goal}"' if goal else "")
            + ", and offer each new person something useful of their own."
        ),
        severity=Severity.CRITICAL if critical else None,
    )


RULE = Rule(
    code="REL005",
    slug="single-threaded",
    severity=Severity.WARNING,
    summary="Only one contact engaged in the window (critical when that one is not the buyer on an open deal).",
    options=SingleThreadedOptions,
    check=check,
    factor="breadth",
    doc=__doc__,
)
