"""A promised next step whose due date passed with no touch in between.

## What it checks
Every interaction with a `due` date (the day we promised its `next_step`)
that falls in the lookback window and before the as-of date. The promise is
broken when no touch with the account (in either direction) follows it by
its due date. One finding lists all broken promises (the latest in the
message, all in the evidence). The advice fits the promise's age: deliver
it now when it is days late; acknowledge it and give a date you will keep
when it is months late.

## Why it matters
Reliability is one of the three terms of trust that we control completely.
Customers judge it on small promises ("I'll send the benchmark on Friday")
long before they judge it on big ones, and every missed one tells them how
the big ones will go.

## Example that fires
A call on 2026-10-02 with `next_step: send the carrier benchmark` and `due:
2026-10-09`, and no touch with the account until 2026-10-20.

## How to fix
Do what was promised now, say plainly that it is late, and give a date for
anything still open. Record follow-ups so kept promises show up too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from ..facts import AccountFacts
from ..rule import Ge, Hit, Rule, Severity, thresholds
from ..words import count, day, quoted


@thresholds
class BrokenPromiseOptions:
    grace_days: Annotated[int, Ge(0)] = 0
    """Days after the due date a touch still counts as keeping the promise."""


def check(facts: AccountFacts, options: BrokenPromiseOptions) -> Iterator[Hit]:
    start = facts.context.window_start
    broken = [p for p in facts.promises(options.grace_days) if not p.kept and p.due >= start]
    if not broken:
        return
    latest = broken[-1]
    what = quoted(latest.made.next_step) if latest.made.next_step else "the promised next step"
    name = facts.spelled(latest.made.with_[0])
    due = day(latest.due, facts.as_of)
    late = facts.days_since(latest.due)
    earlier = len(broken) - 1
    message = f"We promised {name} {what} by {due} and did not follow up by then"
    if earlier:
        message += f"; {count(earlier, 'earlier promise')} also went unkept"
    if late <= 14:
        advice = f"deliver {what} now, say plainly it is late, and give a date for anything still open"
    else:
        advice = (f"acknowledge that {what}, due {due}, was never delivered: do it now if it still matters, "
                  "and give a date you will keep")
    yield Hit(
        message=message + ".",
        evidence={
            "broken": [
                {"promised": p.made.date.isoformat(), "due": p.due.isoformat(), "next_step": p.made.next_step,
                 "with": [facts.spelled(w) for w in p.made.with_]}
                for p in broken
            ],
            "grace_days": options.grace_days,
        },
        suggestion=f"Contact {name}: {advice}.",
        contact=name,
        agenda=(f"deliver {what}, promised for {due}",),
        excess=late / 30,
    )


RULE = Rule(
    code="REL012",
    slug="broken-promise",
    severity=Severity.WARNING,
    summary="A next_step whose due date passed with no touch with the account in between.",
    options=BrokenPromiseOptions,
    check=check,
    factor="reliability",
    doc=__doc__ or "",
)
