"""Resolved run settings: which rules, at what severity, with which thresholds.

Built from defaults, then the config file, then command-line flags (each
later layer wins).  Unknown rule codes and options are errors with a
suggestion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, Optional

from .rule import Ge, Le, Severity

FailOn = Literal["info", "warning", "critical", "never"]
_FORBID = {"extra": "forbid", "allow_inf_nan": False}  # pydantic config: unknown options, inf and nan are errors


@dataclass
class ScoreWeights:
    """The share of the remaining health score each finding takes, in
    percent, by severity (see :mod:`relcheck.checking.scoring`)."""

    __pydantic_config__ = _FORBID
    critical: Annotated[float, Ge(0), Le(100)] = 45
    """Percent of the remaining score a critical finding takes."""
    warning: Annotated[float, Ge(0), Le(100)] = 20
    """Percent of the remaining score a warning takes."""
    info: Annotated[float, Ge(0), Le(100)] = 5
    """Percent of the remaining score an info finding takes."""


@dataclass
class ScoreBands:
    """Score thresholds of the status bands."""

    __pydantic_config__ = _FORBID
    healthy: Annotated[float, Ge(0), Le(100)] = 85
    """Scores at or above this are healthy."""
    watch: Annotated[float, Ge(0), Le(100)] = 50
    """Scores at or above this (and below healthy) are watch; below is at-risk."""


@dataclass
class ScoreSettings:
    __pydantic_config__ = _FORBID
    weights: ScoreWeights = field(default_factory=ScoreWeights)
    """Points off per finding, by severity."""
    bands: ScoreBands = field(default_factory=ScoreBands)
    """Where healthy, watch and at-risk begin."""


@dataclass
class Settings:
    """Everything a run is configured with (the config file's keys)."""

    __pydantic_config__ = _FORBID
    select: Optional[list[str]] = None
    """Rule codes, prefixes or slugs to run (default: all)."""
    ignore: list[str] = field(default_factory=list)
    """Rule codes, prefixes or slugs not to run."""
    fail_on: FailOn = "warning"
    """Exit 1 when a finding is at or above this severity."""
    lookback_days: Annotated[int, Ge(1), Le(3650)] = 180
    """How many days before the as-of date count as recent."""
    severity: dict[str, Severity] = field(default_factory=dict)
    """Per-rule severity overrides, by code or slug."""
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Per-rule thresholds, by code or slug."""
    score: ScoreSettings = field(default_factory=ScoreSettings)
    """Health score weights and bands."""


def split_codes(value: object) -> object:
    """``"REL001, REL002"`` -> ``["REL001", "REL002"]`` (lists pass through)."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value
