"""What the overview shows of an account besides its score (SPEC 7): open
pipeline, last touch, the next promised step, touches per month."""

from __future__ import annotations

from datetime import date

from ..checking.facts import AccountFacts
from ..checking.findings import Overview
from ..format.records import Direction


def overview(facts: AccountFacts) -> Overview:
    if not facts.account.deals and not facts.history:
        return Overview(open_pipeline=0.0, last_touch=None, next_step=None, next_due=None, months=())
    pipeline = sum(d.amount or 0.0 for d in facts.open_deals)
    history = facts.history
    last = history[-1].date if history else None
    promised = [i for i in history if i.next_step and i.due is not None and i.due >= facts.as_of]
    upcoming = min(promised, key=lambda i: (i.due, i.date)) if promised else None
    return Overview(
        open_pipeline=pipeline,
        last_touch=last,
        next_step=upcoming.next_step if upcoming else None,
        next_due=upcoming.due if upcoming else None,
        months=_months(facts),
    )


def _months(facts: AccountFacts) -> tuple[tuple[str, int, int], ...]:
    """Every month of the window, oldest first, with touches they and we
    started (none at all when the window holds no touch)."""
    if not facts.recent:
        return ()
    start = facts.context.window_start
    if start == date.min:
        start = facts.as_of.replace(day=1)
    counts: dict[tuple[int, int], list[int]] = {}  # (year, month): [theirs, ours]
    year, month = start.year, start.month
    while (year, month) <= (facts.as_of.year, facts.as_of.month):
        counts[year, month] = [0, 0]
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    for interaction in facts.recent:
        day = interaction.date
        slot = counts.get((day.year, day.month))
        if slot is not None:
            slot[0 if interaction.direction is Direction.INBOUND else 1] += 1
    return tuple((f"{year:04d}-{month:02d}", theirs, ours) for (year, month), (theirs, ours) in counts.items())
