"""The customer has stopped answering: our last outreaches went unanswered, or
there has been no sign of them for too long.

## What it checks
It speaks only when we reached out after the customer's last sign of life
(a touch they started, an answer to ours, or a call, meeting, visit or event
with no response recorded) and that outreach went unanswered: when we did
not reach out, the silence is ours, and check-in-overdue (REL010) or
silent-since-sale (REL003) says so. Then two signals: our last
`unanswered_outreach` outreaches (default 3) all recorded `response: none`;
or no sign of life for more than `max_silent_days` days (default 90).
Critical when both hold.

## Why it matters
Not knowing where you stand with a customer, misreading their silence, puts
the business at risk. Silence is information: a contact who stops answering
has changed priorities, changed jobs, or decided against us, and each week
makes it harder to ask why.

## Example that fires
Our last three emails (2026-09-10, 2026-10-01, 2026-10-22) all have
`response: none`.

## How to fix
Stop sending the same message. Change channel, and person where there is
another: call instead of email, ask another contact how things stand, or
send a short, honest note asking whether priorities have changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Optional

from ...format.records import Channel, Contact, Direction, Response
from ...names import norm_name
from ..facts import AccountFacts, sign_of_life
from ..rule import Ge, Hit, Rule, Severity, thresholds
from ..words import count, day, listing


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
    last_sign = max((i.date for i in history if sign_of_life(i)), default=None)
    after = [i for i in history if i.direction is Direction.OUTBOUND and (last_sign is None or i.date > last_sign)]
    # Outreach since their last sign of life that drew no reply on record
    # (a reply would itself be a sign of life).
    ignored = [i for i in after if i.response in (Response.NONE, None)]
    if not ignored:
        return  # we did not reach out since they last spoke: our silence, not theirs
    latest = after[-options.unanswered_outreach:]
    unanswered = len(latest) == options.unanswered_outreach and all(i.response is Response.NONE for i in latest)
    silent_days = facts.days_since(last_sign) if last_sign else facts.days_since(history[0].date)
    silent = silent_days > options.max_silent_days
    if not unanswered and not silent:
        return
    parts = []
    if unanswered:
        parts.append(f"our last {count(len(latest), 'outreach')} went unanswered")
    if silent:
        since = f"since {day(last_sign, facts.as_of)}" if last_sign else "at all"
        parts.append(f"the customer has given no sign of life {since} ({silent_days} days)")
        if not unanswered:
            dates = listing(day(i.date, facts.as_of) for i in ignored[-3:])
            parts.append(f"our outreach of {dates} went unanswered")
    message = " and ".join(parts)
    ignored_by = {norm_name(w) for i in ignored for w in i.with_}
    others = [c for c in facts.current if norm_name(c.name) not in ignored_by]
    emailed = all(i.channel in (Channel.EMAIL, Channel.MESSAGE, None) for i in ignored)
    last_person = facts.contact(ignored[-1].with_[0])
    target: Optional[Contact]
    if others:
        target = others[0]
        ask = "ask how things stand and whether priorities have changed"
    else:
        target = last_person or facts.key_contact()
        how = "call rather than write" if emailed else "write a short, honest note"
        ask = f"{how}, and ask plainly whether priorities have changed"
    yield Hit(
        message=message[0].upper() + message[1:] + ".",
        evidence={
            "unanswered": [i.date.isoformat() for i in ignored],
            "last_sign_of_life": last_sign.isoformat() if last_sign else None,
            "silent_days": silent_days,
            "unanswered_outreach": options.unanswered_outreach,
            "max_silent_days": options.max_silent_days,
        },
        suggestion=(f"Stop sending the same message: with {target.name if target else 'them'}, {ask}, and what "
                    "would make talking to us worth their time now."),
        severity=Severity.CRITICAL if unanswered and silent else None,
        contact=target.name if target else None,
        agenda=(ask,),
        excess=silent_days / options.max_silent_days - 1 if silent else 0.0,
    )


RULE = Rule(
    code="REL009",
    slug="going-dark",
    severity=Severity.WARNING,
    summary="Our outreach since the customer last spoke went unanswered, or no sign of them for too long.",
    options=GoingDarkOptions,
    check=check,
    factor="engagement",
    doc=__doc__ or "",
)
