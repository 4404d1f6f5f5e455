"""A promised next step whose due date passed with no touch in between.

## What it checks
Every interaction with a `due` date (the day we promised its `next_step`)
that falls in the lookback window and before the as-of date. The promise is
broken when no touch with the account (in either direction) follows it by
its due date. One finding lists all broken promises, latest first in the
message.

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

from ..facts import AccountFacts, promises
from ..rule import Ge, Hit, Rule, Severity, thresholds


@thresholds
class BrokenPromiseOptions:
    grace_days: Annotated[int, Ge(0)] = 0
    """Days after the due date a touch still counts as keeping the promise."""


def check(facts: AccountFacts, options: BrokenPromiseOptions) -> Iterator[Hit]:
    start = facts.context.window_start
    broken = [p for p in promises(facts, options.grace_days) if not p.kept and p.due >= start]
    if not broken:
        return
    latest = broken[-1].made
    what = latest.next_step or "the promised next step"
    contact = latest.with_[0]
    yield Hit(
        message=(
            f"{len(broken)} broken promise(s); latest: '{what}' to {contact}, due {latest.due}, "
            f"promised {latest.date}, with no touch with the account by then"
        ),
        evidence={
            "broken": [
                {"promised": p.made.date.isoformat(), "due": p.due.isoformat(), "next_step": p.made.next_step,
                 "with": list(p.made.with_)}
                for p in broken
            ],
            "grace_days": options.grace_days,
        },
        suggestion=(
            f"Contact {contact} today: deliver '{what}', say plainly it is late, and give a date "
            "for anything still open."
        ),
    )


RULE = Rule(
    code="REL012",
    slug="broken-promise",
    severity=Severity.WARNING,
    summary="A next_step whose due date passed with no touch with the account in between.",
    options=BrokenPromiseOptions,
    check=check,
    factor="reliability",
    doc=__doc__,
)
