"""The health score: 100 minus points for each finding, grouped by factor.

Each rule belongs to one factor (reciprocity, candour, value, ...).  A finding
takes off the points its severity is worth (default critical 35, warning 20,
info 5); a factor takes off at most ``factor_cap`` points (default 45).  The
score is never below 0.  Bands: healthy at 85 or more, watch at 50 or more,
at-risk below 50.  The breakdown lists every factor of the rules that ran,
with the points it took off and the findings behind them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .findings import Finding
from .rule import Rule
from .settings import ScoreSettings


def score_account(
    findings: Iterable[Finding], rules: Iterable[Rule], settings: ScoreSettings
) -> tuple[int, str, tuple[dict[str, Any], ...]]:
    weights = settings.weights
    factor_of = {}
    factors: dict[str, dict[str, Any]] = {}
    for rule in rules:
        factor_of[rule.code] = rule.factor
        factors.setdefault(rule.factor, {"factor": rule.factor, "points": 0.0, "rules": [], "findings": []})
        factors[rule.factor]["rules"].append(rule.code)
    for finding in findings:
        entry = factors[factor_of[finding.rule]]
        entry["points"] += getattr(weights, finding.severity.value)
        entry["findings"].append(f"{finding.rule} ({finding.severity.value})")
    total = 0.0
    breakdown = []
    for entry in factors.values():
        points = round(min(entry["points"], weights.factor_cap), 1)
        total += points
        points = int(points) if points == int(points) else points
        breakdown.append({**entry, "points": -points if points else 0})
    score = max(0, round(100 - total))
    if score >= settings.bands.healthy:
        status = "healthy"
    elif score >= settings.bands.watch:
        status = "watch"
    else:
        status = "at-risk"
    return score, status, tuple(breakdown)
