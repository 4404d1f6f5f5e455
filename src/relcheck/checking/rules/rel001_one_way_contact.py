"""The customer rarely reaches out, or nearly all our outreach is a pitch.

## What it checks
Over the lookback window (default 180 days), the share of touches the
customer started (`direction: inbound`), and the share of our own outreach
whose `purpose` is `pitch` (demo, proposal, pricing, upsell). Both measures
make one finding, with both in its evidence.

It judges only with enough evidence: at least `min_touches` touches in the
window (default 4), and an account whose first record is at least its
tier's ideal check-in cadence old (30 days for key, 60 for growth, 90 for
standard accounts, as REL010 is configured). The pitch share needs at least
`min_outbound` outreaches of ours.

## Why it matters
A relationship that is one-way fails. A rep who only calls when they want to
sell is the acquaintance who only calls when they need a job. When customers
never reach out, they do not see us as someone who helps; when almost every
call is a pitch, they learn to let it ring.

The defaults: fewer than 1 touch in 5 started by the customer (20%) means
they do not come to us with questions, news or problems; 80% or more of our
outreach being pitches means we almost never call without wanting something.

## Example that fires
Ten touches in six months, all `direction: outbound`; or eight of our ten
calls are `purpose: pitch`.

## How to fix
Plan calls that ask for nothing: check how they are getting on with what they
bought, share an insight about their business, follow up on their initiative.
Answer their questions fast so that reaching out to us pays off for them.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from ...format.records import Direction
from ..facts import AccountFacts, is_pitch, their_goal, who
from ..rule import Ge, Hit, Le, Rule, Severity, thresholds
from ..words import CHECK_IN, period, quoted


@thresholds
class OneWayOptions:
    min_touches: Annotated[int, Ge(1)] = 4
    """Touches needed in the window before the rule judges the account."""
    min_inbound_share: Annotated[float, Ge(0), Le(1)] = 0.2
    """Fire when the customer started fewer than this share of touches."""
    max_pitch_share: Annotated[float, Ge(0), Le(1)] = 0.8
    """Fire when this share or more of our outreach was a pitch."""
    min_outbound: Annotated[int, Ge(1)] = 4
    """Outbound touches needed before the pitch share is judged."""


def check(facts: AccountFacts, options: OneWayOptions) -> Iterator[Hit]:
    touches = facts.recent
    if len(touches) < options.min_touches or facts.is_new:
        return
    inbound = [i for i in touches if i.direction is Direction.INBOUND]
    outbound = [i for i in touches if i.direction is Direction.OUTBOUND]
    pitches = [i for i in outbound if is_pitch(i)]
    inbound_share = len(inbound) / len(touches)
    pitch_share = len(pitches) / len(outbound) if outbound else 0.0
    one_way = inbound_share < options.min_inbound_share
    pitching = len(outbound) >= options.min_outbound and pitch_share >= options.max_pitch_share
    if not one_way and not pitching:
        return
    window = period(facts.context.lookback_days)
    parts = []
    if one_way:
        started = "none" if not inbound else f"{len(inbound)}"
        parts.append(f"the customer started {started} of the {len(touches)} touches in the last {window}")
    if pitching:
        parts.append(f"{len(pitches)} of our {len(outbound)} outreaches were pitches")
    message = " and ".join(parts)
    contact = facts.key_contact()
    goal = their_goal(contact)
    topic = f"how {quoted(goal)} is going" if goal else "how they are getting on"
    last_inbound = max((i.date for i in facts.history if i.direction is Direction.INBOUND), default=None)
    yield Hit(
        message=message[0].upper() + message[1:] + ".",
        evidence={
            "touches": len(touches),
            "inbound": len(inbound),
            "inbound_share": round(inbound_share, 3),
            "min_inbound_share": options.min_inbound_share,
            "outbound": len(outbound),
            "pitches": len(pitches),
            "pitch_share": round(pitch_share, 3),
            "max_pitch_share": options.max_pitch_share,
            "last_inbound": last_inbound.isoformat() if last_inbound else None,
        },
        suggestion=(
            f"Call {who(contact)} without an agenda of ours: ask {topic}, and whether there is anything "
            "they would like our help with."
        ),
        contact=contact.name if contact else None,
        agenda=(f"{CHECK_IN}: ask {topic}",),
        excess=max(
            (options.min_inbound_share - inbound_share) / options.min_inbound_share
            if one_way and options.min_inbound_share else 0.0,
            (pitch_share - options.max_pitch_share) / (1 - options.max_pitch_share)
            if pitching and options.max_pitch_share < 1 else 0.0,
        ),
    )


RULE = Rule(
    code="REL001",
    slug="one-way-contact",
    severity=Severity.WARNING,
    summary="The customer rarely reaches out, or nearly all our outreach is a pitch.",
    options=OneWayOptions,
    check=check,
    factor="reciprocity",
    doc=__doc__ or "",
)
