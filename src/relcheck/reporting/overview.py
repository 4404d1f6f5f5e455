"""What the overview shows of each account, as text every format shares:
score with its move since the baseline, money, dates, the top problem, and
a sparkline of touches per month (theirs against ours)."""

from __future__ import annotations

from datetime import date
from typing import Optional

from ..checking.findings import AccountResult
from ..checking.words import short_day

BLOCKS = " ▁▂▃▄▅▆▇█"


def score_text(a: AccountResult) -> str:
    if not a.previous:
        return str(a.score)
    delta = a.score - a.previous[0]
    if delta == 0:
        return f"{a.score} ="
    return f"{a.score} {'↑' if delta > 0 else '↓'}{abs(delta)}"


def money(amount: float) -> str:
    return f"{amount:,.0f}" if amount else "-"


def last_touch(a: AccountResult, today: Optional[date] = None) -> str:
    o = a.overview
    return short_day(o.last_touch, today) if o and o.last_touch else "never"


def next_step(a: AccountResult, today: Optional[date] = None) -> str:
    o = a.overview
    if not o or not o.next_step:
        return "-"
    return f"{o.next_step} (due {short_day(o.next_due, today)})" if o.next_due else o.next_step


def top_problem(a: AccountResult, short: bool = False) -> str:
    if not a.findings:
        return "-"
    f = a.findings[0]
    return f.rule if short else f"{f.rule} {f.slug}"


def sparkline(a: AccountResult) -> str:
    """``them ▁▁▃▁  us ▅▇▃▆``: touches per month they and we started."""
    months = a.overview.months if a.overview else ()
    if not months:
        return ""
    top = max(max(t, o) for _, t, o in months) or 1

    def line(values: list[int]) -> str:
        return "".join(BLOCKS[round(v / top * (len(BLOCKS) - 1))] if v else "·" for v in values)

    return f"them {line([t for _, t, _ in months])}  us {line([o for _, _, o in months])}"
