"""The account has had too many owners on our side in a short period.

## What it checks
Counts the reps who owned the account at any time in the last
`period_days` days (default 730, two years), from `owner_history` (each entry
owns the account from its `since` date until the next entry's) plus the
current `owner` if it is not the last entry. It fires when that count is
above `max_owners` (default 2): three or more owners in two years is a new
rep every year or faster.

## Why it matters
A new rep every year destroys trust: the customer retells their story to
every new face, and the promises the last rep made are forgotten. Owner churn
is a risk we cause ourselves, and customers notice it before we do.

## Example that fires
`owner_history` with Kevin (2024-10-01), Ana (2025-06-01) and Dana
(2026-06-01), audited on 2026-11-23: three owners in two years.

## How to fix
Make the handover a meeting, not an email: the current owner meets the key
contact together with the previous owner where possible, acknowledges the
changes, and asks what the customer had to re-explain. Then keep the owner in
place.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from typing import Annotated

from ...names import norm_name
from ..facts import AccountFacts, who
from ..rule import Ge, Hit, Le, Rule, Severity, thresholds
from ..words import listing, period


@thresholds
class OwnerChurnOptions:
    period_days: Annotated[int, Ge(30), Le(36500)] = 730
    """How far back to count owners (two years)."""
    max_owners: Annotated[int, Ge(1)] = 2
    """Fire when more than this many reps owned the account in the period."""


def check(facts: AccountFacts, options: OwnerChurnOptions) -> Iterator[Hit]:
    if len(facts.account.owner_history) + 1 <= options.max_owners:
        return  # the spells and the current owner: too few names to be too many
    spells = sorted((s for s in facts.account.owner_history if s.since <= facts.as_of), key=lambda s: s.since)
    owner = facts.account.owner
    start = facts.as_of - timedelta(days=options.period_days)
    owners: list[tuple[str, str]] = []
    for index, spell in enumerate(spells):
        ends = spells[index + 1].since if index + 1 < len(spells) else None
        if ends is None or ends > start:
            if not owners or norm_name(owners[-1][0]) != norm_name(spell.name):
                owners.append((spell.name, spell.since.isoformat()))
    if owner and (not owners or norm_name(owners[-1][0]) != norm_name(owner)):
        owners.append((owner, "unknown"))
    distinct = {norm_name(name) for name, _ in owners}
    if len(distinct) <= options.max_owners:
        return
    contact = facts.key_contact()
    current, previous = owners[-1][0], owners[-2][0]
    handover = f"acknowledge the handover from {previous} to {current} and ask what they have had to re-explain"
    yield Hit(
        message=(f"{len(distinct)} owners in the last {period(options.period_days)}: "
                 f"{listing(name for name, _ in owners)}."),
        evidence={
            "owners": [{"name": name, "since": since} for name, since in owners],
            "count": len(distinct),
            "max_owners": options.max_owners,
            "period_days": options.period_days,
        },
        suggestion=(f"Have {current} meet {who(contact)} with {previous} for a proper handover: acknowledge "
                    "the changes, ask what they have had to re-explain, and commit to staying."),
        contact=contact.name if contact else None,
        agenda=(handover,),
        excess=(len(distinct) - options.max_owners) / options.max_owners,
    )


RULE = Rule(
    code="REL004",
    slug="owner-churn",
    severity=Severity.WARNING,
    summary="Too many owners on our side in a short period (a new rep every year).",
    options=OwnerChurnOptions,
    check=check,
    factor="continuity",
    doc=__doc__ or "",
    needs_history=False,
)
