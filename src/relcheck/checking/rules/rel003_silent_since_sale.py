"""Since the last won deal, no value-giving touch for too long, or no touch at all.

## What it checks
Finds the most recent won deal closed by the as-of date, then the last touch
after its `closed` date whose `purpose` is not `pitch` (a check-in, insight,
support, discovery or follow-up, in either direction). It fires when that
touch, or the sale itself if there was none, is more than `max_silent_days`
days ago. When there has been no touch of any kind since the sale it is
critical. An account with no interactions on record at all gets a
data-quality note instead: that is missing data, not evidence of silence.

This rule owns the fact "no value-giving touch since the sale": when
check-in-overdue (REL010) sees the same silence, this finding reports it
once, with REL010's measures in its evidence, REL010 under `also`, and the
worse of the two severities.

## Why it matters
Value is not a destination. The days after a sale are when the customer finds
out whether we meant what we said; a rep who disappears until the renewal,
or who only returns to sell more, teaches the customer that the relationship
was the deal. Ninety days is one quarter: long enough for adoption problems to
set in unseen, short enough to act before a renewal conversation.

## Example that fires
A deal won on 2026-03-01 and since then only two pricing calls (`purpose:
pitch`), the last in July; audited on 2026-11-23.

## How to fix
Call the buyer about the product they bought: how is it being used, what is
not working, what did they hope for that has not happened yet. Bring
something useful: a benchmark, a tip, an introduction.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from ..facts import VALUE_SILENCE, AccountFacts, is_pitch, their_goal, who
from ..rule import Ge, Hit, Rule, Severity, thresholds
from ..words import count, day, quoted


@thresholds
class SilentSinceSaleOptions:
    max_silent_days: Annotated[int, Ge(1)] = 90
    """Fire when the last non-pitch touch since the sale (or the sale) is older than this."""


def check(facts: AccountFacts, options: SilentSinceSaleOptions) -> Iterator[Hit]:
    deal = facts.last_won
    if deal is None or deal.closed is None or not facts.history:
        return
    since_sale = [i for i in facts.history if i.date > deal.closed]  # the closing day is the sale itself
    valuable = [i for i in since_sale if not is_pitch(i)]
    last = valuable[-1].date if valuable else deal.closed
    silent = facts.days_since(last)
    if silent <= options.max_silent_days:
        return
    contact = facts.key_contact(since_sale or None)
    goal = their_goal(contact)
    product = quoted(deal.name)
    won = f"{product} was won on {day(deal.closed, facts.as_of)}"
    if not since_sale:
        message = f"No touch at all since {won}: {silent} days."
    elif not valuable:
        message = f"Since {won}, {count(len(since_sale), 'touch')}, all pitches: nothing of value in {silent} days."
    else:
        message = (f"No value-giving touch for {silent} days since {won}; "
                   f"the last was on {day(last, facts.as_of)}.")
    check_in = (f"check in on {product}: how it is being used, what is not working"
                + (f", and whether it is helping with {quoted(goal)}" if goal else ""))
    yield Hit(
        message=message,
        evidence={
            "deal": deal.name,
            "closed": deal.closed.isoformat(),
            "touches_since_sale": len(since_sale),
            "pitches_since_sale": len(since_sale) - len(valuable),
            "last_value_touch": valuable[-1].date.isoformat() if valuable else None,
            "days_silent": silent,
            "max_silent_days": options.max_silent_days,
        },
        suggestion=f"Call {who(contact)} to {check_in}. Ask for nothing.",
        severity=Severity.CRITICAL if not since_sale else None,
        subject=deal.name,
        contact=contact.name if contact else None,
        agenda=(check_in,),
        fact=VALUE_SILENCE,
        excess=1.0 if not since_sale else (silent - options.max_silent_days) / options.max_silent_days,
    )


RULE = Rule(
    code="REL003",
    slug="silent-since-sale",
    severity=Severity.WARNING,
    summary="Since the last won deal, no value-giving touch for too long, or no touch at all.",
    options=SilentSinceSaleOptions,
    check=check,
    factor="value",
    doc=__doc__ or "",
)
