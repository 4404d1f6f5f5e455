"""Resolved run settings: which rules, at what severity, with which thresholds.

Built from defaults, then the config file, then command-line flags (each
later layer wins).  Unknown rule codes and options are errors with a
suggestion.
"""

from __future__ import annotations

import difflib
from typing import Annotated, Literal, Optional

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from .rule import Rule, Severity
from .rules import all_rules

FailOn = Literal["info", "warning", "critical", "never"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


class ScoreWeights(_Strict):
    """Points each finding takes off the 100-point health score, by severity."""

    critical: float = Field(default=35, ge=0)
    """Points off for each critical finding."""
    warning: float = Field(default=20, ge=0)
    """Points off for each warning."""
    info: float = Field(default=5, ge=0)
    """Points off for each info finding."""
    factor_cap: float = Field(default=45, ge=0)
    """Most points one factor (e.g. reciprocity) can take off, so one
    problem repeated cannot hide every other signal."""


class ScoreBands(_Strict):
    """Score thresholds of the status bands."""

    healthy: float = Field(default=85, ge=0, le=100)
    """Scores at or above this are healthy."""
    watch: float = Field(default=50, ge=0, le=100)
    """Scores at or above this (and below healthy) are watch; below is at-risk."""


class ScoreSettings(_Strict):
    weights: ScoreWeights = ScoreWeights()
    """Points off per finding, by severity."""
    bands: ScoreBands = ScoreBands()
    """Where healthy, watch and at-risk begin."""


def _codes(value: object) -> object:
    """``"REL001, REL002"`` -> ``["REL001", "REL002"]``."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


Codes = Annotated[list[str], BeforeValidator(_codes)]


class Settings(_Strict):
    select: Optional[Codes] = None
    """Rule codes, prefixes or slugs to run (default: all)."""
    ignore: Codes = []
    """Rule codes, prefixes or slugs not to run."""
    fail_on: FailOn = "warning"
    """Exit 1 when a finding is at or above this severity."""
    lookback_days: int = Field(default=180, ge=1, le=3650)
    """How many days before the as-of date count as recent."""
    severity: dict[str, Severity] = {}
    """Per-rule severity overrides, by code or slug."""
    rules: dict[str, dict] = {}
    """Per-rule thresholds, by code or slug."""
    score: ScoreSettings = ScoreSettings()
    """Health score weights and bands."""


class SelectionError(ValueError):
    """A rule code, prefix or slug that matches no rule."""


def match_rules(token: str, rules: tuple[Rule, ...]) -> list[Rule]:
    """Rules named by ``token``: ``ALL``, a code, a code prefix or a slug."""
    text = token.strip()
    if text.upper() == "ALL":
        return list(rules)
    upper = text.upper()
    found = [r for r in rules if r.code.startswith(upper) or r.slug == text.lower()]
    if not found:
        names = [r.code for r in rules] + [r.slug for r in rules]
        close = difflib.get_close_matches(text.lower(), [n.lower() for n in names], n=1)
        hint = f"; did you mean '{next(n for n in names if n.lower() == close[0])}'?" if close else ""
        raise SelectionError(f"unknown rule '{token}'{hint} (see 'relcheck rules')")
    return found


def resolve_rule(token: str) -> Rule:
    """Exactly one rule by code or slug (for per-rule settings)."""
    rules = all_rules()
    for rule in rules:
        if token.strip().upper() == rule.code or token.strip().lower() == rule.slug:
            return rule
    match_rules(token, rules)  # raises with a suggestion when nothing is close
    raise SelectionError(f"'{token}' names more than one rule; use a full code such as REL001")


def selected_rules(settings: Settings) -> list[Rule]:
    rules = all_rules()
    chosen: dict[str, Rule] = {}
    for token in settings.select if settings.select is not None else ["ALL"]:
        for rule in match_rules(token, rules):
            chosen[rule.code] = rule
    for token in settings.ignore:
        for rule in match_rules(token, rules):
            chosen.pop(rule.code, None)
    return sorted(chosen.values(), key=lambda r: r.code)
