"""The customer rarely reaches out, or nearly all our outreach is a pitch.

## What it checks
Over the lookback window (default 180 days), the share of touches the
customer started (`direction: inbound`), and the share of our own outreach
whose `purpose` is `pitch` (demo, proposal, pricing, upsell). It needs at
least `min_touches` touches in the window to judge; an account with fewer is
left to going-dark and check-in-overdue.

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
from ..rule import Ge, Hit, Le, Rule, Severity, percent, thresholds


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
    if len(touches) < options.min_touches:
        return
    inbound = [i for i in touches if i.direction is Direction.INBOUND]
    outbound = [i for i in touches if i.direction is Direction.OUTBOUND]
    pitches = [i for i in outbound if is_pitch(i)]
    contact = facts.key_contact()
    goal = their_goal(contact)
    days = facts.context.lookback_days
    inbound_share = len(inbound) / len(touches)
    pitch_share = len(pitches) / len(outbound) if outbound else 0.0
    topic = f'where they are with "{goal}"' if goal else "how things are going on their side"

    if inbound_share < options.min_inbound_share:
        last_inbound = max((i.date for i in facts.history if i.direction is Direction.INBOUND), default=None)
        yield Hit(
            message=(
                f"{len(inbound)} of {len(touches)} touches in the last {days} days were started by the "
                f"customer ({percent(inbound_share)} < {percent(options.min_inbound_share)})"
            ),
            evidence={
                "touches": len(touches),
                "inbound": len(inbound),
                "inbound_share": round(inbound_share, 3),
                "threshold": options.min_inbound_share,
                "last_inbound": last_inbound.isoformat() if last_inbound else None,
            },
            suggestion=(
                f"Call {who(contact)} without an agenda of ours: ask {topic}, and whether there is "
                "anything they would like our help with."
            ),
        )
    if len(outbound) >= options.min_outbound and pitch_share >= options.max_pitch_share:
        yield Hit(
            message=(
                f"{len(pitches)} of {len(outbound)} outbound touches in the last {days} days were pitches "
                f"({percent(pitch_share)} >= {percent(options.max_pitch_share)})"
            ),
            evidence={
                "outbound": len(outbound),
                "pitches": len(pitches),
                "pitch_share": round(pitch_share, 3),
                "threshold": options.max_pitch_share,
            },
            suggestion=(
                f"Make the next call to {who(contact)} one that asks for nothing: share an insight that "
                + (f'helps with "{goal}"' if goal else "helps their business")
                + " or check how what they already use is working."
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
    doc=__doc__,
)
