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
from ..facts import AccountFacts, buying_weight
from ..rule import Hit, Rule, Severity, thresholds
from ..words import day

WATCHED = (Stakeholder.CHAMPION, Stakeholder.ECONOMIC_BUYER)


@thresholds
class ChampionLeftOptions:
    """No thresholds: any departure without a successor is a finding."""


def check(facts: AccountFacts, options: ChampionLeftOptions) -> Iterator[Hit]:
    current = facts.current
    for gone in facts.account.contacts:
        if gone.stakeholder not in WATCHED or gone.left is None or gone.left > facts.as_of:
            continue
        successors = [
            c for c in facts.engaged_contacts(since=gone.left)
            if c.stakeholder is gone.stakeholder and facts.is_current(c) and c.name != gone.name
        ]
        if successors:
            continue
        kind = gone.stakeholder.value.replace("-", " ")
        # Whom to ask: the most senior person still there (buyers first).
        ask = max(current, key=buying_weight, default=None)
        find = f"ask who has taken over from {gone.name} as {kind}, and for an introduction"
        yield Hit(
            message=(f"{gone.name}, the {kind}, left on {day(gone.left, facts.as_of)} and no new {kind} "
                     "has been engaged since."),
            evidence={
                "contact": gone.name,
                "stakeholder": gone.stakeholder.value,
                "left": gone.left.isoformat(),
                "days_since": facts.days_since(gone.left),
                "open_deals": [d.name for d in facts.open_deals],
            },
            suggestion=(f"Find {gone.name}'s successor: "
                        + (f"ask {ask.name} who has taken over as {kind} and for an introduction"
                           if ask else "find out who has taken over as " + kind)
                        + f"; and contact {gone.name} at their new company."),
            severity=Severity.CRITICAL if facts.open_deals else None,
            subject=gone.name,
            contact=ask.name if ask else None,
            agenda=(find,),
            excess=facts.days_since(gone.left) / 90,
        )


RULE = Rule(
    code="REL013",
    slug="champion-left",
    severity=Severity.WARNING,
    summary="A champion or economic buyer left, and nobody of that kind has been engaged since.",
    options=ChampionLeftOptions,
    check=check,
    factor="breadth",
    doc=__doc__ or "",
    needs_history=False,
)
