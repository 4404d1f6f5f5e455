"""No value-giving touch within the account tier's check-in cadence.

## What it checks
Days since the last touch whose `purpose` is not `pitch` (in either
direction), against the cadence of the account's `tier`: each tier has an
ideal and a maximum number of days. Over the ideal is a warning, over the
maximum is critical. The clock starts at the first record: an account with
no value-giving touch yet is judged by the days since its first touch, so a
prospect met last week is not overdue. An account with no interactions on
record gets a data-quality note instead. Lateness = (days since - ideal) /
ideal is in the evidence, so overdue accounts can be ranked
(`jq 'sort_by(-.evidence.lateness)'`).

A silence that began with the last sale is silent-since-sale's (REL003)
fact: when both see it, REL003 reports it once, with these measures in its
evidence and REL010 under `also`. The tiers' ideal cadences are also how
long a new account is given before one-way-contact (REL001) and
single-threaded (REL005) judge it.

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

from ..facts import VALUE_SILENCE, AccountFacts, is_pitch, their_goal, who
from ..rule import Ge, Hit, Rule, Severity, thresholds
from ..words import CHECK_IN, day, quoted


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
    if not facts.history:
        return  # no interactions on record: a data-quality note, not a finding
    tier = facts.account.tier.value
    cadence: Cadence = getattr(options, tier)
    valuable = [i for i in facts.history if not is_pitch(i)]
    last = valuable[-1].date if valuable else facts.history[0].date
    days = facts.days_since(last)
    if days <= cadence.ideal:
        return
    lateness = (days - cadence.ideal) / cadence.ideal
    contact = facts.key_contact()
    goal = their_goal(contact)
    ask = f"ask how {quoted(goal)} is going" if goal else "ask how they are getting on"
    if valuable:
        message = f"No value-giving touch in {days} days, since {day(last, facts.as_of)}"
    else:
        message = f"No value-giving touch since the first record on {day(last, facts.as_of)}, {days} days ago"
    yield Hit(
        message=f"{message}; a {tier} account should hear from us every {cadence.ideal} days.",
        evidence={"tier": tier, "last_value_touch": valuable[-1].date.isoformat() if valuable else None,
                  "since": last.isoformat(), "days_since": days,
                  "ideal_days": cadence.ideal, "max_days": cadence.max, "lateness": round(lateness, 3)},
        suggestion=(f"Book a check-in with {who(contact)} this week that asks for nothing: {ask}, "
                    "then put the next one in the calendar."),
        severity=Severity.CRITICAL if days > cadence.max else None,
        contact=contact.name if contact else None,
        agenda=(f"{CHECK_IN}: {ask}",),
        fact=VALUE_SILENCE,
        excess=lateness,
    )


RULE = Rule(
    code="REL010",
    slug="check-in-overdue",
    severity=Severity.WARNING,
    summary="No non-pitch touch within the tier's cadence (over ideal warns, over maximum is critical).",
    options=CheckInOptions,
    check=check,
    factor="cadence",
    doc=__doc__ or "",
)
