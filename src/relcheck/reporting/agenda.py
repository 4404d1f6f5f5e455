"""The call plan as text: by day, each call naming the rep, the account, the
contact and role, why, what to talk about, and any open promise."""

from __future__ import annotations

import json

from ..checking.words import count, day
from ..review.agenda import Call, Plan


def _who(call: Call) -> str:
    if call.contact is None:
        return "nobody yet (find a new contact)"
    about = ", ".join(x for x in (call.role, (call.stakeholder or "").replace("-", " ")) if x)
    return f"{call.contact} ({about})" if about else call.contact


def render_agenda_text(plan: Plan, markdown: bool = False) -> str:
    def esc(text: str) -> str:
        if not markdown:
            return text
        from .markdown import _cell

        return _cell(text)

    head = (f"Call plan from {day(plan.as_of)}: {count(len(plan.calls), 'call')} on "
            f"{count(len(plan.days), 'working day')}")
    out = [("# " if markdown else "") + head, ""]
    for when in plan.days:
        todays = [c for c in plan.calls if c.day == when]
        if not todays:
            continue
        out.append(("## " if markdown else "") + f"{when:%A} {day(when, plan.as_of)}")
        for call in todays:
            out.append(f"- {esc(call.rep or '(no owner)')}: call {esc(_who(call))} at {esc(call.account)} "
                       f"[{call.severity.value}]")
            out += [f"    - {esc(item)}" for item in call.agenda]
            if call.promise:
                out.append(f"    - open promise: {esc(call.promise)}")
        out.append("")
    if plan.unscheduled:
        out.append(("## " if markdown else "") + f"Not scheduled ({len(plan.unscheduled)}: over the per-day limit)")
        out += [f"- {esc(c.rep or '(no owner)')}: {esc(_who(c))} at {esc(c.account)} [{c.severity.value}]"
                for c in plan.unscheduled]
        out.append("")
    if not plan.calls and not plan.unscheduled:
        out.append("No calls needed: no warning or critical problem in these accounts.")
    return "\n".join(out).rstrip() + "\n"


def render_agenda_json(plan: Plan) -> str:
    return json.dumps(plan.to_json(), ensure_ascii=False, indent=1) + "\n"
