"""What the audit of one account found: findings, suppressions, score.

The engine makes these; reporters only format them.  ``to_json`` is the
account's part of the JSON contract (SPEC section 5).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Optional

from .rule import Severity


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
