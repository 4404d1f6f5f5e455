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
    assert result.score == 100 - lost
    value = next(f for f in result.score_breakdown if f["factor"] == "value")
    assert value["rules"] == ["REL003"] and value["points"] < 0
    assert result.status in {"watch", "at-risk"}


def test_score_weights_and_bands_are_configurable() -> None:
    gentle = Settings(select=["REL003"], score=ScoreSettings(weights=ScoreWeights(warning=5), bands=ScoreBands(healthy=95)))
    result = audit(SILENT_SINCE_SALE, gentle)
    assert result.score == 95 and result.status == "healthy"


def test_factor_cap_limits_one_factor() -> None:
    capped = Settings(score=ScoreSettings(weights=ScoreWeights(factor_cap=10)))
    result = audit(SILENT_SINCE_SALE, capped)
    assert all(f["points"] >= -10 for f in result.score_breakdown)
