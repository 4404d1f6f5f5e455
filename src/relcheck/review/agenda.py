"""This week's calls (SPEC 7 ``relcheck agenda``): next conversations as a plan.

Every next conversation worth a call (warning or critical) becomes one call.
Calls are ranked by urgency: the worst severity, then lateness (how far past
its threshold the account's worst finding is, e.g. REL010's lateness), then
the value at risk (open pipeline), then the lower score.  They are spread
over the working days (Monday to Friday) from the as-of date on, at most
``per_day`` calls per rep per day; what does not fit is listed as not
scheduled, never dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Optional

from ..checking.findings import AccountResult, NextConversation
from ..checking.rule import Severity


@dataclass(frozen=True)
class Call:
    day: Optional[date]
    rep: Optional[str]
    account: str
    account_id: str
    contact: Optional[str]
    role: Optional[str]
    stakeholder: Optional[str]
    severity: Severity
    why: tuple[str, ...]
    agenda: tuple[str, ...]
    promise: Optional[str]
    lateness: float
    open_pipeline: float

    def to_json(self) -> dict[str, Any]:
        return {"day": self.day.isoformat() if self.day else None, "rep": self.rep, "account": self.account,
                "account_id": self.account_id, "contact": self.contact, "role": self.role,
                "stakeholder": self.stakeholder, "severity": self.severity.value, "why": list(self.why),
                "agenda": list(self.agenda), "promise": self.promise, "lateness": round(self.lateness, 3),
                "open_pipeline": self.open_pipeline}


@dataclass(frozen=True)
class Plan:
    as_of: date
    days: tuple[date, ...]
    calls: tuple[Call, ...]
    unscheduled: tuple[Call, ...]

    def to_json(self) -> dict[str, Any]:
        return {"as_of": self.as_of.isoformat(), "days": [d.isoformat() for d in self.days],
                "calls": [c.to_json() for c in self.calls],
                "unscheduled": [c.to_json() for c in self.unscheduled]}


def working_days(start: date, days: int) -> tuple[date, ...]:
    return tuple(d for d in (start + timedelta(n) for n in range(days)) if d.weekday() < 5)


def _lateness(account: AccountResult, conversation: NextConversation) -> float:
    """How far past its threshold the worst problem behind this call is."""
    worst = 0.0
    for finding in account.findings:
        if finding.rule not in conversation.rules:
            continue
        late = finding.evidence.get("lateness")
        for nested in finding.evidence.values():  # a merged finding carries REL010's measures
            if isinstance(nested, dict) and isinstance(nested.get("lateness"), (int, float)):
                late = max(late or 0, nested["lateness"])
        if isinstance(late, (int, float)):
            worst = max(worst, float(late))
        worst = max(worst, (finding.magnitude - 0.75) * 4)
    return worst


def _promise(account: AccountResult) -> Optional[str]:
    """The next step we promised and is not yet due (a late one is on the agenda already)."""
    o = account.overview
    if o and o.next_step:
        return f"{o.next_step} (due {o.next_due})" if o.next_due else o.next_step
    return None


def plan(accounts: Sequence[AccountResult], as_of: date, days: int = 7, per_day: int = 3) -> Plan:
    calls = []
    for account in accounts:
        for talk in account.next_conversations:
            if talk.severity is Severity.INFO:
                continue
            why = tuple(f"{f.rule} {f.slug}: {f.message}" for f in account.findings if f.rule in talk.rules)
            calls.append(Call(None, account.owner, account.name, account.id, talk.contact, talk.role,
                              talk.stakeholder, talk.severity, why, talk.agenda, _promise(account),
                              _lateness(account, talk),
                              account.overview.open_pipeline if account.overview else 0.0))
    calls.sort(key=lambda c: (-c.severity.rank, -c.lateness, -c.open_pipeline, c.account.casefold(),
                              (c.contact or "").casefold()))
    slots = working_days(as_of, days)
    load: dict[tuple[Optional[str], date], int] = {}
    scheduled, waiting = [], []
    for call in calls:
        day = next((d for d in slots if load.get((call.rep, d), 0) < per_day), None)
        if day is None:
            waiting.append(call)
            continue
        load[(call.rep, day)] = load.get((call.rep, day), 0) + 1
        scheduled.append(replace(call, day=day))
    scheduled.sort(key=lambda c: (c.day or as_of, (c.rep or "").casefold()))
    return Plan(as_of, slots, tuple(scheduled), tuple(waiting))

