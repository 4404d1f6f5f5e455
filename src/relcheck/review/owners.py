"""The portfolio by owner (SPEC 7 ``--by owner``; JSON always has ``owners``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Optional

from ..checking.findings import Brief
from ..checking.rule import Severity


@dataclass(frozen=True)
class OwnerRollup:
    owner: Optional[str]
    accounts: int
    at_risk: int
    watch: int
    healthy: int
    critical: int
    average_score: int
    open_pipeline: float

    def to_json(self) -> dict[str, Any]:
        pipeline = self.open_pipeline
        return {"owner": self.owner, "accounts": self.accounts, "at_risk": self.at_risk, "watch": self.watch,
                "healthy": self.healthy, "critical": self.critical, "average_score": self.average_score,
                "open_pipeline": int(pipeline) if pipeline == int(pipeline) else pipeline}


def rollup(briefs: Iterable[Brief]) -> list[OwnerRollup]:
    """One line per owner (accounts without an owner last), worst average first."""
    groups: dict[Optional[str], list[Brief]] = {}
    for brief in briefs:
        groups.setdefault(brief.owner, []).append(brief)
    lines = [
        OwnerRollup(
            owner=owner,
            accounts=len(group),
            at_risk=sum(b.status == "at-risk" for b in group),
            watch=sum(b.status == "watch" for b in group),
            healthy=sum(b.status == "healthy" for b in group),
            critical=sum(s is Severity.CRITICAL for b in group for s in b.severities),
            average_score=round(sum(b.score for b in group) / len(group)),
            open_pipeline=sum(b.open_pipeline for b in group),
        )
        for owner, group in groups.items()
    ]
    return sorted(lines, key=lambda r: (r.owner is None, r.average_score, -r.open_pipeline, r.owner or ""))
