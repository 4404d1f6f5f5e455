"""A champion or economic buyer left, and nobody of that kind is engaged since.

## What it checks
Every contact with `stakeholder: champion` or `economic-buyer` and a `left`
date on or before the as-of date. For each, whether another current contact
of the same kind has been engaged (any touch except our outreach recorded as
unanswered) since that date. It fires when none has; it is critical when a
deal is open.

## Why it matters
Buying decisions are made by groups, and the champion is the one who sells
for us when we are not in the room; the economic buyer is the one who signs.
When either leaves, the account's history with us leaves too. Customer
turnover is a leading cause of churn that we can see coming in our own
records.

## Example that fires
Pat Kim, the champion, `left: 2026-09-30`; since then we have only spoken to
a user.

## How to fix
Find the successor: ask your remaining contacts who has taken over Pat's
responsibilities, and ask for an introduction. If you can, reach out to Pat
at the new company too: champions who move are a new account.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...format.records import Stakeholder
from ..facts import AccountFacts
from ..rule import Hit, Rule, Severity, thresholds

WATCHED = (Stakeholder.CHAMPION, Stakeholder.ECONOMIC_BUYER)


@thresholds
class ChampionLeftOptions:
    """No thresholds: any departure without a successor is a finding."""


def check(facts: AccountFacts, options: ChampionLeftOptions) -> Iterator[Hit]:
    current = facts.current_contacts()
    for gone in facts.account.contacts:
        if gone.stakeholder not in WATCHED or gone.left is None or gone.left > facts.as_of:
            continue
        successors = [
            c for c in facts.engaged_contacts(since=gone.left)
            if c.stakeholder is gone.stakeholder and c in current and c.name != gone.name
        ]
        if successors:
            continue
        kind = gone.stakeholder.value.replace("-", " ")
        remaining = [c.name for c in current]
        ask = f"ask {remaining[0]}" if remaining else "ask anyone you know there"
        yield Hit(
            message=(
                f"{kind} {gone.name} left on {gone.left} ({facts.days_since(gone.left)} days ago) "
                f"and no new {kind} has been engaged since"
            ),
            evidence={
                "contact": gone.name,
                "stakeholder": gone.stakeholder.value,
                "left": gone.left.isoformat(),
                "open_deals": [d.name for d in facts.open_deals],
            },
            suggestion=(
                f"Find {gone.name}'s successor: {ask} who has taken over as {kind} and for an "
                f"introduction; and contact {gone.name} at their new company."
            ),
            severity=Severity.CRITICAL if facts.open_deals else None,
        )


RULE = Rule(
    code="REL013",
    slug="champion-left",
    severity=Severity.WARNING,
    summary="A champion or economic buyer left, and nobody of that kind has been engaged since.",
    options=ChampionLeftOptions,
    check=check,
    factor="breadth",
    doc=__doc__,
)
