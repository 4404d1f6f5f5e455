"""Suppressions (active, expired, unused) and the health score."""

from __future__ import annotations

from datetime import date

from relcheck.checking.engine import Engine
from relcheck.checking.facts import Context
from relcheck.checking.settings import ScoreBands, ScoreSettings, ScoreWeights, Settings
from relcheck.format.schema import validate_account

SILENT_SINCE_SALE = {
    "name": "Sold",
    "contacts": [{"name": "Cy", "goals": ["a"], "issues": ["b"], "personal_impact": "c"}],
    "deals": [{"name": "Widgets", "status": "won", "opened": "2026-01-01", "closed": "2026-03-01"}],
    "interactions": [{"date": "2026-06-01", "with": "Cy", "direction": "outbound", "purpose": "pitch"}],
}


def audit(data: dict, settings: Settings | None = None, as_of: str = "2026-11-23"):
    account = validate_account(data)
    engine = Engine(settings or Settings(select=["REL003"]))
    return engine.audit(account, Context(as_of=date.fromisoformat(as_of)), "t.yaml", 1)


def test_active_suppression_hides_the_finding() -> None:
    data = {**SILENT_SINCE_SALE, "ignore": [{"rule": "silent-since-sale", "reason": "on hold", "until": "2027-01-01"}]}
    result = audit(data)
    assert result.findings == ()
    assert [(s.rule, s.status, s.suppressed) for s in result.suppressions] == [("REL003", "active", 1)]
    assert result.score == 100


def test_expired_suppression_stops_suppressing_and_is_reported() -> None:
    data = {**SILENT_SINCE_SALE, "ignore": [{"rule": "REL003", "reason": "on hold", "until": "2026-11-01"}]}
    result = audit(data)
    assert [f.rule for f in result.findings] == ["REL003"]
    assert result.suppressions[0].status == "expired"
    assert "expired on 2026-11-01" in result.suppressions[0].note()


def test_suppression_that_suppresses_nothing_is_reported() -> None:
    data = {**SILENT_SINCE_SALE, "ignore": [{"rule": "REL001", "reason": "old habit"}]}
    result = audit(data, Settings(select=["REL001", "REL003"]))
    assert result.suppressions[0].status == "unused"
    assert "suppresses nothing" in result.suppressions[0].note()


def test_score_breakdown_adds_up_and_bands() -> None:
    result = audit(SILENT_SINCE_SALE, Settings())
    lost = -sum(f["points"] for f in result.score_breakdown)
    assert abs(result.score - (100 - lost)) <= 0.5 + 0.05 * len(result.score_breakdown)  # rounding only
    value = next(f for f in result.score_breakdown if f["factor"] == "value")
    assert value["rules"] == ["REL003"] and value["points"] < 0
    assert result.status in {"watch", "at-risk"}


def test_score_weights_and_bands_are_configurable() -> None:
    gentle = Settings(select=["REL003"], score=ScoreSettings(weights=ScoreWeights(warning=5), bands=ScoreBands(healthy=95)))
    result = audit(SILENT_SINCE_SALE, gentle)
    assert result.score == 95 and result.status == "healthy"  # far past its threshold: the whole weight


def test_suppression_of_a_rule_that_did_not_run_is_not_called_unused() -> None:
    data = {**SILENT_SINCE_SALE, "ignore": [{"rule": "REL001", "reason": "email only until the merger"}]}
    result = audit(data, Settings(select=["REL003"]))
    assert result.suppressions[0].status == "not-run"
    assert result.suppressions[0].note() is None


def _score(findings: list[tuple[str, float]]) -> int:
    from relcheck.checking.findings import Finding
    from relcheck.checking.registry import all_rules
    from relcheck.checking.rule import Severity
    from relcheck.checking.scoring import score_account

    made = [Finding("REL001", "x", Severity(sev), "m", {"a": 1}, "s", magnitude=mag) for sev, mag in findings]
    return score_account(made, all_rules(), ScoreSettings())[0]


def test_the_score_ranks_and_never_piles_up() -> None:
    # One critical problem weighs more than a warning and an info together.
    assert _score([("critical", 0.75)]) < _score([("warning", 1), ("info", 1)])
    # Crossing one threshold costs at most that finding's weight (20 for a warning).
    assert 100 - _score([("warning", 0.75)]) <= 20
    assert _score([("warning", 1)] * 2) - _score([("warning", 1)] * 3) <= 20
    # Troubled accounts still separate: more problems, lower score, never a wall at 0.
    piles = [_score([("critical", 1)] * n) for n in range(1, 7)]
    assert piles == sorted(piles, reverse=True) and len(set(piles)) == len(piles) and piles[-1] > 0
    # How far past the threshold matters: just past it costs less than twice past it.
    assert _score([("critical", 0.75)]) > _score([("critical", 1)])
