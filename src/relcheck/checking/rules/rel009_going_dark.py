"""The customer has stopped answering: our last outreaches went unanswered, or
there has been no sign of them for too long.

## What it checks
Two signals, on the account's whole history up to the as-of date:
our last `unanswered_outreach` outreaches (default 3) all recorded
`response: none`; or no sign of life from the customer (a touch they started,
an answer to ours, or a call, meeting, visit or event with no response
recorded) for more than `max_silent_days` days (default 90).
An account with no touches at all is left to check-in-overdue. Critical when
both hold.

## Why it matters
Not knowing where you stand with a customer, misreading their silence, puts
the business at risk. Silence is information: a contact who stops answering
has changed priorities, changed jobs, or decided against us, and each week
makes it harder to ask why.

## Example that fires
Our last three emails (2026-09-10, 2026-10-01, 2026-10-22) all have
`response: none`.

## How to fix
Stop sending the same message. Change channel and person: call instead of
email, ask another contact how things stand, or send a short, honest note
asking whether priorities have changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from ...format.records import Direction, Response
from ..facts import AccountFacts, sign_of_life, who
from ..rule import Ge, Hit, Rule, Severity, thresholds


@thresholds
class GoingDarkOptions:
    unanswered_outreach: Annotated[int, Ge(1)] = 3
    """Fire when this many of our latest outreaches in a row got no reply."""
    max_silent_days: Annotated[int, Ge(1)] = 90
    """Fire when the customer has given no sign of life for longer than this."""


def check(facts: AccountFacts, options: GoingDarkOptions) -> Iterator[Hit]:
    history = facts.history
    if not history:
        return
    outreach = [i for i in history if i.direction is Direction.OUTBOUND]
    latest = outreach[-options.unanswered_outreach:]
    unanswered = len(latest) == options.unanswered_outreach and all(i.response is Response.NONE for i in latest)
    last_sign = max((i.date for i in history if sign_of_life(i)), default=None)
    silent_days = facts.days_since(last_sign) if last_sign else facts.days_since(history[0].date)
    silent = silent_days > options.max_silent_days
    if not unanswered and not silent:
        return
    reasons = []
    if unanswered:
        reasons.append(
            f"our last {len(latest)} outreaches ({', '.join(str(i.date) for i in latest)}) got no reply"
        )
    if silent:
        since = f"since {last_sign}" if last_sign else "ever"
        reasons.append(f"no sign of life from the customer {since} ({silent_days} days > {options.max_silent_days})")
    recipients = [w for i in latest for w in i.with_] if unanswered else []
    others = [c for c in facts.current_contacts() if c.name not in recipients]
    target = who(others[0]) if others and unanswered else who(facts.key_contact())
    yield Hit(
        message="; ".join(reasons),
        evidence={
            "unanswered": [i.date.isoformat() for i in latest] if unanswered else [],
            "last_sign_of_life": last_sign.isoformat() if last_sign else None,
            "silent_days": silent_days,
            "unanswered_outreach": options.unanswered_outreach,
            "max_silent_days": options.max_silent_days,
        },
        suggestion=(
            f"Change channel and person: call {target} and ask plainly whether priorities have "
            "changed and what would make talking to us worth their time now."
        ),
        severity=Severity.CRITICAL if unanswered and silent else None,
    )


RULE = Rule(
    code="REL009",
    slug="going-dark",
    severity=Severity.WARNING,
    summary="Our last outreaches went unanswered, or no sign of the customer for too long.",
    options=GoingDarkOptions,
    check=check,
    factor="engagement",
    doc=__doc__,
)
