"""The result of an audit, and the JSON contract (SPEC section 5, schema_version 1).

Reporters only format what is here: totals, scores and statuses are computed
on these objects, never in a reporter.  Adding a key is fine; removing or
renaming one bumps ``SCHEMA_VERSION``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Optional, Union

from . import __version__
from .errors import InputError
from .rule import Severity

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Finding:
    rule: str
    slug: str
    severity: Severity
    message: str
    evidence: dict[str, Any]
    suggestion: str

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "slug": self.slug,
            "severity": self.severity.value,
            "message": self.message,
            "evidence": self.evidence,
            "suggestion": self.suggestion,
        }


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


@dataclass(frozen=True)
class AccountResult:
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

    @property
    def severities(self) -> tuple[Severity, ...]:
        return tuple(f.severity for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "id": self.id,
            "owner": self.owner,
            "tier": self.tier,
            "score": self.score,
            "status": self.status,
            "findings": [f.to_json() for f in self.findings],
            "score_breakdown": list(self.score_breakdown),
            "suppressions": [s.to_json() for s in self.suppressions],
            "source": {"path": self.path, "line": self.line},
        }


@dataclass(frozen=True)
class EncodedAccount:
    """An audited account already written as its line of the JSON report, by
    the process that audited it, keeping only what the report's summary and
    notes need.  A large run in ``--format json`` hands these between
    processes: a few strings instead of thousands of small objects."""

    name: str
    severities: tuple[Severity, ...]
    suppressions: tuple[SuppressionUse, ...]
    encoded: str

    @classmethod
    def of(cls, result: AccountResult, encoded: str) -> "EncodedAccount":
        return cls(result.name, result.severities, result.suppressions, encoded)

    def to_json(self) -> dict[str, Any]:
        import json

        return json.loads(self.encoded)


@dataclass
class Report:
    as_of: date
    accounts: list[Union[AccountResult, EncodedAccount]] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)

    def severities(self) -> list[Severity]:
        return [s for a in self.accounts for s in a.severities]

    def by_severity(self) -> dict[str, int]:
        counts = {s.value: 0 for s in sorted(Severity, key=lambda s: -s.rank)}
        for severity in self.severities():
            counts[severity.value] += 1
        return counts

    def worst(self) -> Optional[Severity]:
        return max(self.severities(), key=lambda s: s.rank, default=None)

    def suppression_notes(self) -> list[str]:
        return [f"{a.name}: {n}" for a in self.accounts for s in a.suppressions if (n := s.note())]

    def summary(self) -> dict[str, Any]:
        return {
            "accounts": len(self.accounts),
            "findings": len(self.severities()),
            "by_severity": self.by_severity(),
            "errors": len(self.errors),
        }

    def to_json(self, with_accounts: bool = True) -> dict[str, Any]:
        """The report as JSON data (``accounts`` left empty when the caller
        encodes them itself, one by one)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "relcheck_version": __version__,
            "as_of": self.as_of.isoformat(),
            "summary": self.summary(),
            "accounts": [a.to_json() for a in self.accounts] if with_accounts else [],
            "errors": [e.to_json() for e in self.errors],
        }
