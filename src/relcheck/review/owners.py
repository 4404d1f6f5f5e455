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


class Rollup:
    """Owner lines summed one brief at a time (holding a line per owner, never the briefs)."""

    def __init__(self) -> None:
        self.groups: dict[Optional[str], list[Any]] = {}

    def add(self, b: Brief, severities: Optional[tuple[Severity, ...]] = None) -> None:
        """Count ``b`` (``severities``: its severities, when the caller has them at hand)."""
        severities = b.severities if severities is None else severities
        critical = sum(s is Severity.CRITICAL for s in severities) if severities else 0
        self.count(b.owner, b.status, b.score, b.open_pipeline, critical)

    def count(self, owner: Optional[str], status: str, score: int, open_pipeline: float, critical: int = 0) -> None:
        """Count an account from its fields (one with ``critical`` critical findings)."""
        group = self.groups.get(owner)
        if group is None:
            group = self.groups[owner] = [0, 0, 0, 0, 0, 0, 0]
        group[0] += 1
        group[1] += status == "at-risk"
        group[2] += status == "watch"
        group[3] += status == "healthy"
        group[4] += critical
        group[5] += score
        group[6] += open_pipeline

    def lines(self) -> list[OwnerRollup]:
        """One line per owner (accounts without an owner last), worst average first."""
        lines = [
            OwnerRollup(owner=owner, accounts=n, at_risk=at_risk, watch=watch, healthy=healthy, critical=critical,
                        average_score=round(scores / n), open_pipeline=pipeline)
            for owner, (n, at_risk, watch, healthy, critical, scores, pipeline) in self.groups.items()
        ]
        return sorted(lines, key=lambda r: (r.owner is None, r.average_score, -r.open_pipeline, r.owner or ""))


def rollup(briefs: Iterable[Brief]) -> list[OwnerRollup]:
    """One line per owner (accounts without an owner last), worst average first."""
    summed = Rollup()
    for b in briefs:
        summed.add(b)
    return summed.lines()
