"""What the audit of one account found: findings, suppressions, score.

The engine makes these; reporters only format them.  ``to_json`` is the
account's part of the JSON contract (SPEC section 5).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Optional

from ..format.records import slugify
from .rule import Severity


@dataclass(frozen=True)
class Finding:
    """One problem, reported once (SPEC 3a): what was measured, the
    evidence, the next conversation, and a fingerprint that names the same
    problem on every run whatever the day counts in its message."""

    rule: str
    slug: str
    severity: Severity
    message: str
    evidence: dict[str, Any]
    suggestion: str
    fingerprint: str = ""
    change: Optional[str] = None
    """With a baseline: new, worse or persisting."""
    contact: Optional[str] = None
    agenda: tuple[str, ...] = ()
    also: tuple[str, ...] = ()
    """Other rules that saw the same fact and stayed quiet about it."""
    magnitude: float = 1.0
    """The share of its severity's weight the finding takes off the score:
    0.75 just past its threshold, 1 at twice the threshold or more."""

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "slug": self.slug,
            "severity": self.severity.value,
            "message": self.message,
            "evidence": self.evidence,
            "suggestion": self.suggestion,
            "fingerprint": self.fingerprint,
            "contact": self.contact,
            "also": list(self.also),
            **({"change": self.change} if self.change else {}),
        }


def fingerprint(rule: str, account_id: str, subject: Optional[str]) -> str:
    """``REL003:evergreen-retail:store-analytics``: rule, account, subject."""
    return f"{rule}:{account_id}:{slugify(subject) if subject else 'account'}"


@dataclass(eq=False, repr=False, slots=True)  # no generated methods: start-up; not frozen: see AccountResult
class NextConversation:
    """Whom to talk to and about what: every finding that points at one
    person merged into one agenda (SPEC 3a)."""

    contact: Optional[str]
    """As the contacts list spells the name; None: nobody yet (find one)."""
    role: Optional[str]
    stakeholder: Optional[str]
    priority: int
    severity: Severity
    rules: tuple[str, ...]
    agenda: tuple[str, ...]
    suggestion: str

    def to_json(self) -> dict[str, Any]:
        return {
            "contact": self.contact,
            "role": self.role,
            "stakeholder": self.stakeholder,
            "priority": self.priority,
            "severity": self.severity.value,
            "rules": list(self.rules),
            "agenda": list(self.agenda),
            "suggestion": self.suggestion,
        }


@dataclass(eq=False, repr=False, slots=True)  # no generated methods: start-up; not frozen: see AccountResult
class Overview:
    """What the pipeline review's overview shows of an account besides its
    score: the money, the last touch, the next promised step, and touches
    per month over the window (theirs against ours)."""

    open_pipeline: float
    last_touch: Optional[date]
    next_step: Optional[str]
    next_due: Optional[date]
    months: tuple[tuple[str, int, int], ...]
    """(YYYY-MM, touches they started, touches we started), oldest first."""

    def to_json(self) -> dict[str, Any]:
        return {
            "open_pipeline": int(self.open_pipeline) if self.open_pipeline == int(self.open_pipeline)
            else self.open_pipeline,
            "last_touch": self.last_touch.isoformat() if self.last_touch else None,
            "next_step": self.next_step,
            "next_due": self.next_due.isoformat() if self.next_due else None,
            "touches_by_month": [{"month": m, "theirs": t, "ours": o} for m, t, o in self.months],
        }


@dataclass(eq=False, repr=False, slots=True)  # no generated methods: start-up; not frozen: see AccountResult
class Note:
    """Something about the data, not the customer: no contacts, records
    after the as-of date, ...  Notes never change the score."""

    kind: str
    message: str
    path: Optional[str] = None
    line: Optional[int] = None

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message, "path": self.path, "line": self.line}


@dataclass(frozen=True)
class SuppressionUse:
    """How one ``ignore:`` entry of an account fared in this audit."""

    rule: str
    reason: str
    until: Optional[date]
    status: str  # "active", "expired" or "unused"
    suppressed: int

    def note(self) -> Optional[str]:
        """What a reader should hear about this suppression, if anything."""
        if self.status == "expired":
            return f"suppression of {self.rule} expired on {self.until}; the rule reports again ({self.reason})"
        if self.status == "unused":
            return f"suppression of {self.rule} suppresses nothing; remove it? ({self.reason})"
        return None

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "reason": self.reason,
            "until": self.until.isoformat() if self.until else None,
            "status": self.status,
            "suppressed": self.suppressed,
        }


@dataclass(eq=False, repr=False, slots=True)  # no generated methods: start-up; slots: one per account
class Brief:
    """What the run keeps of every account besides its report text: enough
    to count, sort, roll up by owner and compare with a baseline."""

    name: str
    id: str
    owner: Optional[str]
    tier: str
    score: int
    status: str
    open_pipeline: float
    severities: tuple[Severity, ...]
    suppressions: tuple[SuppressionUse, ...]
    fingerprints: tuple[str, ...]
    changes: tuple[str, ...]
    previous: Optional[tuple[int, str]]
    changed: tuple[tuple[str, str, str, str, str], ...] = ()
    """(rule, slug, severity, message, change) of each new or worse finding
    (with a baseline): what the "what changed" section lists."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Crosses between processes once per account: a class and a tuple
        # pickle several times faster than a dataclass's state dict.
        return (_brief, self.state())

    def state(self) -> tuple[Any, ...]:
        """The brief as a tuple of plain values (:func:`_brief` makes it
        again): a tuple pickles in a quarter of the time of any object."""
        return (self.name, self.id, self.owner, self.tier, self.score, self.status, self.open_pipeline,
                tuple(s.value for s in self.severities), self.suppressions, self.fingerprints,
                self.changes, self.previous, self.changed)

    @staticmethod
    def of_state(state: tuple[Any, ...]) -> Brief:
        return _brief(*state)


def _brief(name: str, ident: str, owner: Optional[str], tier: str, score: int, status: str, pipeline: float,
           severities: tuple[str, ...], suppressions: tuple[SuppressionUse, ...], fingerprints: tuple[str, ...],
           changes: tuple[str, ...], previous: Optional[tuple[int, str]],
           changed: tuple[tuple[str, str, str, str, str], ...]) -> Brief:
    return Brief(name, ident, owner, tier, score, status, pipeline, tuple(_SEVERITY[s] for s in severities),
                 suppressions, fingerprints, changes, previous, changed)


_SEVERITY = {s.value: s for s in Severity}


@dataclass(slots=True)
class AccountResult:
    """One account's audit: findings, score, decisions and notes.

    These per-account values (and Brief, Note, Overview, NextConversation)
    are made once and never changed, but are not declared frozen: a frozen
    dataclass sets each field through ``object.__setattr__``, eight times
    the cost, and a run makes several of them for every account."""

    name: str
    id: str
    owner: Optional[str]
    tier: str
    path: str
    line: int
    score: int
    status: str
    findings: tuple[Finding, ...]
    score_breakdown: tuple[dict[str, Any], ...] = ()
    suppressions: tuple[SuppressionUse, ...] = ()
    next_conversations: tuple[NextConversation, ...] = ()
    notes: tuple[Note, ...] = ()
    overview: Optional[Overview] = None
    previous: Optional[tuple[int, str]] = None
    """Score and status in the baseline report (``--baseline``), if any."""

    @property
    def severities(self) -> tuple[Severity, ...]:
        return tuple(f.severity for f in self.findings)

    @property
    def brief(self) -> Brief:
        findings = self.findings
        return Brief(
            name=self.name, id=self.id, owner=self.owner, tier=self.tier, score=self.score, status=self.status,
            open_pipeline=self.overview.open_pipeline if self.overview else 0.0,
            severities=tuple(f.severity for f in findings) if findings else (), suppressions=self.suppressions,
            fingerprints=tuple(f.fingerprint for f in findings) if findings else (),
            changes=tuple(f.change or "" for f in findings) if findings else (),
            previous=self.previous,
            changed=tuple((f.rule, f.slug, f.severity.value, f.message, f.change or "") for f in findings
                          if f.change in ("new", "worse")) if findings else (),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "id": self.id,
            "owner": self.owner,
            "tier": self.tier,
            "score": self.score,
            "status": self.status,
            **(self.overview.to_json() if self.overview else {}),
            **({"previous": {"score": self.previous[0], "status": self.previous[1]},
                "score_delta": self.score - self.previous[0]} if self.previous else {}),
            "next_conversations": [c.to_json() for c in self.next_conversations],
            "findings": [f.to_json() for f in self.findings],
            "notes": [n.to_json() for n in self.notes],
            "score_breakdown": list(self.score_breakdown),
            "suppressions": [s.to_json() for s in self.suppressions],
            "source": {"path": self.path, "line": self.line},
        }
