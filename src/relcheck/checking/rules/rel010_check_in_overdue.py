"""No value-giving touch within the account tier's check-in cadence.

## What it checks
Days since the last touch whose `purpose` is not `pitch` (in either
direction), against the cadence of the account's `tier`: each tier has an
ideal and a maximum number of days. Over the ideal is a warning, over the
maximum is critical. An account with no such touch on record is critical.
Lateness = (days since - ideal) / ideal is in the evidence, so overdue
accounts can be ranked (`jq 'sort_by(-.evidence.lateness)'`).

## Why it matters
Call your top customers when you don't need anything, and plan those calls,
or they won't happen. The cadence scales with what is at stake: key accounts
every month (at most six weeks), growth accounts every two months (at most
three), standard accounts every quarter (at most five months).

## Example that fires
A `tier: key` account whose last check-in was 50 days ago: over the 45-day
maximum, critical (lateness 0.67).

## How to fix
Put the check-in in the calendar today, and give it a reason that is about
them: how what they bought is working, an insight about their market, their
progress on a goal they told you about.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from ..facts import AccountFacts, is_pitch, their_goal, who
from ..rule import Ge, Hit, Rule, Severity, thresholds


@thresholds
class Cadence:
    ideal: Annotated[int, Ge(1)]
    """Days between value-giving touches we aim for."""
    max: Annotated[int, Ge(1)]
    """Days after which the account is critically overdue."""

    def __post_init__(self) -> None:
        if self.max < self.ideal:
            raise ValueError("max must not be below ideal")


@thresholds
class CheckInOptions:
    key: Cadence = Cadence(ideal=30, max=45)
    """Cadence for key accounts (days)."""
    growth: Cadence = Cadence(ideal=60, max=90)
    """Cadence for growth accounts (days)."""
    standard: Cadence = Cadence(ideal=90, max=150)
    """Cadence for standard accounts (days)."""


def check(facts: AccountFacts, options: CheckInOptions) -> Iterator[Hit]:
    tier = facts.account.tier.value
    cadence: Cadence = getattr(options, tier)
    valuable = [i for i in facts.history if not is_pitch(i)]
    contact = facts.key_contact()
    goal = their_goal(contact)
    suggestion = (
        f"Book a check-in with {who(contact)} this week that asks for nothing"
        + (f': ask how "{goal}" is going' if goal else ": ask how they are getting on")
        + ", then put the next one in the calendar."
    )
    if not valuable:
        yield Hit(
            message=f"no value-giving (non-pitch) touch on record for this {tier} account "
                    f"(cadence {cadence.ideal}/{cadence.max} days)",
            evidence={"tier": tier, "last_value_touch": None, "days_since": None,
                      "ideal_days": cadence.ideal, "max_days": cadence.max, "lateness": None},
            suggestion=suggestion,
            severity=Severity.CRITICAL,
        )
        return
    last = valuable[-1].date
    days = facts.days_since(last)
    if days <= cadence.ideal:
        return
    lateness = (days - cadence.ideal) / cadence.ideal
    over_max = days > cadence.max
    limit = f"{days} > {cadence.max} max" if over_max else f"{days} > {cadence.ideal} ideal"
    yield Hit(
        message=(
            f"last value-giving touch {days} days ago on {last} for a {tier} account "
            f"({limit}; lateness {lateness:.2f})"
        ),
        evidence={"tier": tier, "last_value_touch": last.isoformat(), "days_since": days,
                  "ideal_days": cadence.ideal, "max_days": cadence.max, "lateness": round(lateness, 3)},
        suggestion=suggestion,
        severity=Severity.CRITICAL if over_max else None,
    )


RULE = Rule(
    code="REL010",
    slug="check-in-overdue",
    severity=Severity.WARNING,
    summary="No non-pitch touch within the tier's cadence (over ideal warns, over maximum is critical).",
    options=CheckInOptions,
    check=check,
    factor="cadence",
    doc=__doc__,
)
