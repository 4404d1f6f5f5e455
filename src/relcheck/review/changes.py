"""What changed since the baseline, in the order a review reads it: new and
worse problems first, then what was resolved (a rep's work made visible),
then how scores moved.  Built from an audit's results or from two saved
JSON reports (``relcheck diff``), so both say the same."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Optional, Protocol

from ..checking.findings import Brief
from .baseline import Baseline, PastFinding, baseline_of


class Compared(Protocol):
    """What the section reads of a report compared with a baseline."""

    baseline: Optional[str]
    resolved: list[PastFinding]

    @property
    def briefs(self) -> Iterator[Brief]: ...
    def changes(self) -> Optional[dict[str, int]]: ...

_ORDER = {"new": 0, "worse": 1}


@dataclass(frozen=True)
class Changed:
    account: str
    rule: str
    slug: str
    severity: str
    message: str
    change: str


@dataclass(frozen=True)
class WhatChanged:
    baseline: str
    counts: dict[str, int]
    changed: list[Changed]
    resolved: list[PastFinding]
    scores: list[tuple[str, int, int]]
    """(account, previous score, score) for every account whose score moved."""


def from_report(report: Compared) -> WhatChanged:
    """What changed, from each account's brief in report order (one pass:
    a spooled report reads each brief from disk once); the counts are the
    report's own ``summary.changes``."""
    changed: list[Changed] = []
    scores: list[tuple[str, int, int]] = []
    for b in report.briefs:
        changed += (Changed(b.name, *item) for item in b.changed)
        if b.previous and b.previous[0] != b.score:
            scores.append((b.name, b.previous[0], b.score))
    return WhatChanged(report.baseline or "", report.changes() or {}, sorted(changed, key=lambda c: _ORDER[c.change]),
                       report.resolved, scores)


def compare_reports(old: Any, new: Any, old_label: str, new_label: str) -> tuple[dict[str, Any], WhatChanged]:
    """``new`` (a JSON report) annotated as ``audit --baseline old`` would
    have written it, and what changed."""
    baseline: Baseline = baseline_of(old, old_label)
    baseline_of(new, new_label)  # refuses what is not a relcheck report, with its own name
    tally = {"new": 0, "worse": 0, "persisting": 0}
    changed: list[Changed] = []
    scores: list[tuple[str, int, int]] = []
    seen: set[str] = set()
    ids: set[str] = set()
    for account in new["accounts"]:
        ids.add(account["id"])
        for finding in account.get("findings") or []:
            from ..checking.rule import Severity

            change = baseline.change(finding["fingerprint"], Severity(finding["severity"]))
            finding["change"] = change
            tally[change] += 1
            seen.add(finding["fingerprint"])
            if change in _ORDER:
                changed.append(Changed(account["name"], finding["rule"], finding.get("slug", ""),
                                       finding["severity"], finding.get("message", ""), change))
        previous = baseline.scores.get(account["id"])
        if previous is not None:
            account["previous"] = {"score": previous[0], "status": previous[1]}
            account["score_delta"] = account["score"] - previous[0]
            if previous[0] != account["score"]:
                scores.append((account["name"], previous[0], account["score"]))
    resolved = [f for f in baseline.findings.values() if f.account_id in ids and f.fingerprint not in seen]
    counted = {**tally, "resolved": len(resolved)}
    new.setdefault("summary", {})["changes"] = counted
    new["baseline"] = old_label
    new["resolved"] = [r.to_json() for r in resolved]
    return new, WhatChanged(old_label, counted, sorted(changed, key=lambda c: _ORDER[c.change]), resolved, scores)
