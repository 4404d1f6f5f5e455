"""Only one contact engaged in the window.

## What it checks
Counts the current contacts (those who have not `left`) who took part in a
touch in the lookback window: every touch with them counts except our
outreach recorded as unanswered (`response: none`). It fires when exactly
`max_engaged` (default 1) or fewer, but at least one, are engaged. It is
critical when a deal is open and that one person is not an economic buyer.
An account with no engaged contact at all is left to going-dark.

It judges only with enough evidence: at least `min_touches` touches in the
window (default 4), and an account whose first record is at least its
tier's ideal check-in cadence old (as REL010 is configured). A prospect met
twice is not single-threaded yet.

The advice fits the file: it names the economic buyer to bring in when one
is on file and not engaged, other contacts when there are some, and asks
who else the decision touches when the account lists nobody else.

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
from typing import Annotated, Optional

from ...format.records import Contact, Stakeholder
from ..facts import AccountFacts
from ..rule import Ge, Hit, Rule, Severity, thresholds
from ..words import period, quoted


@thresholds
class SingleThreadedOptions:
    max_engaged: Annotated[int, Ge(1)] = 1
    """Fire when this many contacts or fewer (but at least one) are engaged."""
    min_touches: Annotated[int, Ge(1)] = 4
    """Touches needed in the window before the rule judges the account."""


def _introduce(others: list[Contact], person: Contact, deal: Optional[str]) -> str:
    """What to ask the one engaged person: to bring in the economic buyer on
    file first, else another contact, else who else the decision touches."""
    buyers = [c for c in others if c.stakeholder is Stakeholder.ECONOMIC_BUYER]
    if buyers or others:
        target = (buyers or others)[0]
        role = f" ({target.role})" if target.role else ""
        return f"ask to bring {target.name}{role} into the next conversation"
    if person.stakeholder is Stakeholder.ECONOMIC_BUYER:
        return "ask who will use it day to day and who else could say no"
    about = f"who signs off on {quoted(deal)}" if deal else "who else the decision touches"
    return f"ask {about}, and for an introduction"


def check(facts: AccountFacts, options: SingleThreadedOptions) -> Iterator[Hit]:
    if len(facts.recent) < options.min_touches or facts.is_new:
        return
    current = facts.current
    engaged = [c for c in facts.engaged_contacts() if facts.is_current(c)]
    if not engaged or len(engaged) > options.max_engaged:
        return
    open_deals = facts.open_deals
    buyer_engaged = any(c.stakeholder is Stakeholder.ECONOMIC_BUYER for c in engaged)
    critical = bool(open_deals) and not buyer_engaged
    person = engaged[0]
    others = [c for c in current if c not in engaged]
    deal = open_deals[0].name if open_deals else None
    ask = _introduce(others, person, deal)
    names = " and ".join(c.name for c in engaged)
    message = f"Only {names} {'has' if len(engaged) == 1 else 'have'} been engaged in the last " \
              f"{period(facts.context.lookback_days)}"
    if critical:
        message += f", while {quoted(deal or '')} is open and no economic buyer is engaged"
    yield Hit(
        message=message + ".",
        evidence={
            "engaged_contacts": [c.name for c in engaged],
            "count": len(engaged),
            "max_engaged": options.max_engaged,
            "open_deals": [d.name for d in open_deals],
            "economic_buyer_engaged": buyer_engaged,
        },
        suggestion=(f"Multi-thread the account: with {person.name}, {ask}; offer each new person something "
                    "useful of their own."),
        severity=Severity.CRITICAL if critical else None,
        contact=person.name,
        agenda=(ask,),
    )


RULE = Rule(
    code="REL005",
    slug="single-threaded",
    severity=Severity.WARNING,
    summary="Only one contact engaged in the window (critical when that one is not the buyer on an open deal).",
    options=SingleThreadedOptions,
    check=check,
    factor="breadth",
    doc=__doc__ or "",
)
