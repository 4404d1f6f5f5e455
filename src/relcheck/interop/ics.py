"""The call plan as RFC 5545 iCalendar (``relcheck agenda --ics FILE``).

Written with the maintained ``icalendar`` library (CRLF line ends, folding
at 75 octets, TEXT escaping), imported only by this command.  Each call is
an all-day event (``DTSTART;VALUE=DATE``, ``DTEND`` the next day) with
``METHOD:PUBLISH`` and no organizer or attendees, so calendars treat it as
a plan, not an invitation.  The UID is a hash of the account and the
contact, so next week's file updates this week's events instead of
duplicating them; ``SEQUENCE`` grows with the as-of date so the update
wins; ``DTSTAMP`` is the as-of date (a run never reads the clock).
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta, timezone

from ..review.agenda import Call, Plan

EPOCH = date(2024, 1, 1)


def uid(call: Call) -> str:
    key = f"{call.account_id}\x1f{(call.contact or '').casefold()}".encode()
    return f"{hashlib.sha256(key).hexdigest()[:24]}@relcheck"


def to_ics(plan: Plan) -> bytes:
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//relcheck//call plan//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "relcheck call plan")
    stamp = datetime(plan.as_of.year, plan.as_of.month, plan.as_of.day, tzinfo=timezone.utc)
    for call in plan.calls:
        assert call.day is not None
        event = Event()
        event.add("uid", uid(call))
        event.add("dtstamp", stamp)
        event.add("sequence", max(0, (plan.as_of - EPOCH).days))
        event.add("dtstart", call.day)
        event.add("dtend", call.day + timedelta(days=1))
        who = call.contact or "find a new contact"
        event.add("summary", f"Call {who} ({call.account})")
        lines = [f"Rep: {call.rep or '(no owner)'}", f"Why: {call.severity.value}"]
        lines += [f"- {w}" for w in call.why]
        lines += ["Talk about:"] + [f"- {a}" for a in call.agenda]
        if call.promise:
            lines.append(f"Open promise: {call.promise}")
        event.add("description", "\n".join(lines))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
