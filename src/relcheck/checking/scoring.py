"""The health score: every problem counted once, each taking a share of what is left.

Each finding (after one fact, one finding) takes its severity's weight, as a
percentage, off the score that remains: by default a critical problem takes
up to 45%, a warning up to 20%, an info up to 5%.  A finding just past its
threshold takes 75% of that weight, one twice past it (or more) all of it,
so two accounts with the same kinds of problems still rank by how far
gone they are.  So:

* one problem moves the score by at most its weight in points (crossing one
  threshold by one day costs 75% of that finding's weight);
* a critical problem weighs more than any warning (at least 34 > at most
  20), and two warnings (64 at most) weigh less than a critical and a
  warning;
* troubled accounts still separate: the score approaches 0 but a different
  mix of problems gives a different score (three criticals 17, four 9,
  three criticals and a warning 13), instead of a pile-up at 0.

Bands: healthy at 85 or more, watch at 50 or more, at-risk below.  One
warning (80-85) is watch, or healthy at the very line; one critical
(55-66) is watch; a critical and a warning (44-56) is at-risk or watch by
how far gone they are.  The breakdown lists each factor whose findings
took points off, with those points (they add up to 100 minus the score).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .findings import Finding
from .rule import Rule
from .settings import ScoreSettings


def score_account(
    findings: Sequence[Finding], rules: Iterable[Rule] | FactorTable, settings: ScoreSettings
) -> tuple[int, str, tuple[dict[str, Any], ...]]:
    """The score, its band, and the breakdown: each factor whose findings
    took points off, with the rules behind it (factors that took nothing
    are left out: on a large book they are most of the report)."""
    if not findings:  # most accounts of a large run have nothing
        return 100, _band(100, settings), ()
    weights = settings.weights
    factor_of = rules if isinstance(rules, dict) else factor_table(list(rules))
    remaining = 100.0
    taken_by: dict[str, dict[str, Any]] = {}
    for finding in sorted(findings, key=lambda f: -f.severity.rank):
        weight = min(max(float(getattr(weights, finding.severity.value)), 0.0), 100.0)
        taken = remaining * weight * finding.magnitude / 100
        remaining -= taken
        factor, codes = factor_of[finding.rule]
        entry = taken_by.setdefault(factor, {"factor": factor, "points": 0.0, "rules": list(codes), "findings": []})
        entry["points"] += taken
        entry["findings"].append(f"{finding.rule} ({finding.severity.value})")
    breakdown = []
    for entry in taken_by.values():
        points = round(entry["points"], 1)
        breakdown.append({**entry, "points": -(int(points) if points == int(points) else points)})
    score = max(0, min(100, round(remaining)))
    return score, _band(score, settings), tuple(breakdown)


def _band(score: int, settings: ScoreSettings) -> str:
    if score >= settings.bands.healthy:
        return "healthy"
    if score >= settings.bands.watch:
        return "watch"
    return "at-risk"


FactorTable = dict[str, tuple[str, tuple[str, ...]]]


def factor_table(rules: list[Rule]) -> FactorTable:
    """rule code -> (its factor, the codes of every running rule of that
    factor): made once per engine, not once per account."""
    members: dict[str, list[str]] = {}
    for rule in rules:
        members.setdefault(rule.factor, []).append(rule.code)
    return {rule.code: (rule.factor, tuple(members[rule.factor])) for rule in rules}
