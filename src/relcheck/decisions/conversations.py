"""One contact, one conversation: every finding that points at a person,
merged into one agenda, ranked (SPEC 3a ``next_conversations``).

Each finding names whom to talk to (``contact``, as the contacts list spells
it; ``None`` when there is nobody yet) and what about (``agenda``).  Here
findings are grouped by person; each group becomes one entry whose agenda
is its findings' items, worst first, followed by what the file says the
person cares about (all their goals and issues, not only the first), so the
rep walks into the call knowing it.  Entries are ranked by their worst
severity, then how many problems they carry, then the person's weight in
buying decisions (economic buyer, champion, decision maker).
"""

from __future__ import annotations

from typing import Optional

from ..checking.facts import AccountFacts, buying_weight
from ..checking.findings import Finding, NextConversation
from ..checking.rule import Severity
from ..checking.words import CHECK_IN, listing, quoted
from ..format.records import Contact
from ..names import norm_name


def next_conversations(findings: tuple[Finding, ...], facts: AccountFacts) -> tuple[NextConversation, ...]:
    if not findings:
        return ()
    groups: dict[Optional[str], list[Finding]] = {}
    for finding in findings:
        key = norm_name(finding.contact) if finding.contact else None
        groups.setdefault(key, []).append(finding)
    entries = []
    for key, group in groups.items():
        group.sort(key=lambda f: (-f.severity.rank, f.rule))
        contact = facts.contact(key) if key else None
        entries.append((group, contact))
    entries.sort(key=lambda pair: (
        -pair[0][0].severity.rank,
        -len(pair[0]),
        -buying_weight(pair[1]),
        pair[1].name if pair[1] else "",
    ))
    return tuple(_entry(priority, group, contact) for priority, (group, contact) in enumerate(entries, 1))


def _entry(priority: int, group: list[Finding], contact: Optional[Contact]) -> NextConversation:
    agenda: list[str] = []
    for finding in group:
        for item in finding.agenda:
            if item not in agenda:
                agenda.append(item)
    if any(item.startswith("check in on ") for item in agenda):  # a check-in on what they bought says it
        agenda = [item for item in agenda if not item.startswith(CHECK_IN)]
    generic = [item for item in agenda if item.startswith(CHECK_IN)]
    agenda = [item for item in agenda if not item.startswith(CHECK_IN) or item == generic[0]]
    background = _what_they_care_about(contact, agenda)
    if background:
        agenda.append(background)
    worst = group[0].severity
    rules = tuple(dict.fromkeys(f.rule for f in group))
    return NextConversation(
        contact=contact.name if contact else None,
        role=contact.role if contact else None,
        stakeholder=contact.stakeholder.value if contact and contact.stakeholder else None,
        priority=priority,
        severity=worst,
        rules=rules,
        agenda=tuple(agenda),
        suggestion=_sentence(contact, agenda, worst),
    )


def _what_they_care_about(contact: Optional[Contact], agenda: list[str]) -> Optional[str]:
    if contact is None:
        return None
    said = " ".join(agenda)
    goals = [g for g in contact.goals if quoted(g) not in said]
    issues = [i for i in contact.issues if quoted(i) not in said and i not in contact.goals]
    parts = []
    if goals:
        parts.append(f"they want {listing(quoted(g) for g in goals)}")
    if issues:
        parts.append(f"what gets in the way: {listing(quoted(i) for i in issues)}")
    if contact.personal_impact and contact.personal_impact not in said:
        parts.append(f"what it means to them: {contact.personal_impact}")
    return "keep in mind: " + "; ".join(parts) if parts else None


def _sentence(contact: Optional[Contact], agenda: list[str], worst: Severity) -> str:
    points = [a for a in agenda if not a.startswith("keep in mind:")][:3]
    if contact is None:
        return "Find someone to talk to: " + "; ".join(points) + "." if points else "Find someone to talk to."
    role = f" ({contact.role})" if contact.role else ""
    when = "this week" if worst is not Severity.INFO else "at the next chance"
    return f"Talk to {contact.name}{role} {when}: " + "; ".join(points) + "."
